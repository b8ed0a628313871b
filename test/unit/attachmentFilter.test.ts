import { notAnInvoice } from '../../nodes/shared/input/attachmentFilter';
import { sniffFormat } from '../../nodes/shared/input/fileFormat';
import type { FileFormat } from '../../nodes/shared/vendors/types';
import { samples } from '../fakes';

const utf8 = (text: string) => Buffer.from(text, 'utf8');

/** The filter as the node calls it: with the format sniffed from the content. */
function classify(
	bytes: Uint8Array,
	fileName: string | null = null,
	mimeType: string | null = null,
) {
	return notAnInvoice(bytes, sniffFormat(bytes), fileName, mimeType);
}

/** A ZIP with stored entries and a central directory, enough for a reader that lists entry names. */
function zip(entries: Array<[string, string]>): Buffer {
	const locals: Buffer[] = [];
	const centrals: Buffer[] = [];
	let offset = 0;
	for (const [name, text] of entries) {
		const data = utf8(text);
		const fileName = utf8(name);
		const common = Buffer.alloc(26);
		common.writeUInt16LE(20, 0);
		common.writeUInt32LE(samples.crc32(data), 10);
		common.writeUInt32LE(data.length, 14);
		common.writeUInt32LE(data.length, 18);
		common.writeUInt16LE(fileName.length, 22);
		const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), common, fileName, data]);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		common.copy(central, 6);
		central.writeUInt32LE(offset, 42);
		centrals.push(Buffer.concat([central, fileName]));
		locals.push(local);
		offset += local.length;
	}
	const directory = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(entries.length, 8);
	end.writeUInt16LE(entries.length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, directory, end]);
}

/** A WebP file header with the given first chunk; the pixels are not needed to read the size. */
function webp(chunk: 'VP8 ' | 'VP8L' | 'VP8X', width: number, height: number): Buffer {
	const body = Buffer.alloc(30);
	body.write('RIFF', 0, 'latin1');
	body.writeUInt32LE(22, 4);
	body.write('WEBP', 8, 'latin1');
	body.write(chunk, 12, 'latin1');
	if (chunk === 'VP8 ') {
		body.set([0x9d, 0x01, 0x2a], 23);
		body.writeUInt16LE(width, 26);
		body.writeUInt16LE(height, 28);
	} else if (chunk === 'VP8L') {
		body[20] = 0x2f;
		body.writeUInt32LE(((width - 1) | ((height - 1) << 14)) >>> 0, 21);
	} else {
		body.writeUIntLE(width - 1, 24, 3);
		body.writeUIntLE(height - 1, 27, 3);
	}
	return body;
}

const OLE_HEADER = Buffer.concat([
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
	Buffer.alloc(504),
]);

const ICS = [
	'BEGIN:VCALENDAR',
	'VERSION:2.0',
	'PRODID:-//Example//Mail//EN',
	'METHOD:REQUEST',
	'BEGIN:VEVENT',
	'UID:monthly-close-2024-06@example.test',
	'DTSTART:20240628T020000Z',
	'SUMMARY:Month-end invoice review',
	'END:VEVENT',
	'END:VCALENDAR',
	'',
].join('\r\n');

describe('notAnInvoice: images too small to be an invoice', () => {
	test.each([
		['a 120×40 PNG logo', samples.png({ width: 120, height: 40 }), '120×40'],
		[
			'a 250×250 PNG avatar (short side fine, long side too short)',
			samples.png({ width: 250, height: 250 }),
			'250×250',
		],
		['a 600×150 PNG signature banner', samples.png({ width: 600, height: 150 }), '600×150'],
		['a 100×60 JPEG', samples.jpeg({ width: 100, height: 60 }), '100×60'],
		['a 64×48 BMP', samples.bmp(), '64×48'],
		['a 96×64 GIF', samples.gif(), '96×64'],
		['a 20×10 TIFF', samples.tiff({ width: 20, height: 10 }), '20×10'],
		['a 64×64 lossy WebP', webp('VP8 ', 64, 64), '64×64'],
		['a 180×90 lossless WebP', webp('VP8L', 180, 90), '180×90'],
		['a 32×32 extended WebP', webp('VP8X', 32, 32), '32×32'],
	])('%s is skipped', (_, bytes, size) => {
		expect(classify(bytes, 'image001.png', 'image/png')).toBe(
			`a ${size} px image, too small to be an invoice`,
		);
	});

	test.each([
		[
			'the test roll invoice PNG, 240×520',
			samples.png({ layout: 'roll', width: 240, height: 520 }),
		],
		['the test VAT invoice PNG, 480×300', samples.png()],
		['the test roll invoice JPEG, 240×560', samples.jpeg()],
		[
			'a photo of three invoices, 640×420',
			samples.png({ layout: 'multi', width: 640, height: 420 }),
		],
		['a 400×300 TIFF scan', samples.tiff({ width: 400, height: 300 })],
		['a 1000×700 lossy WebP', webp('VP8 ', 1000, 700)],
		['a 1200×1600 lossless WebP', webp('VP8L', 1200, 1600)],
		['a 4032×3024 extended WebP', webp('VP8X', 4032, 3024)],
	])('%s may be an invoice', (_, bytes) => {
		expect(classify(bytes, 'photo.png', 'image/png')).toBeNull();
	});

	test('the thresholds sit at 200 px on the short side and 300 px on the long side', () => {
		expect(classify(samples.png({ width: 300, height: 200 }))).toBeNull();
		expect(classify(samples.png({ width: 300, height: 199 }))).toMatch(/300×199 px/);
		expect(classify(samples.png({ width: 299, height: 200 }))).toMatch(/299×200 px/);
	});

	test('an image whose header cannot be read is left to the vendor, not skipped', () => {
		const truncated = samples.png().subarray(0, 16);
		expect(notAnInvoice(truncated, 'png', 'scan.png', 'image/png')).toBeNull();
		expect(
			notAnInvoice(Buffer.from('II*\0\xff\xff\xff\xff', 'latin1'), 'tiff', 'a.tif', null),
		).toBeNull();
	});

	test('an image is judged by its pixels, whatever its name says', () => {
		expect(classify(samples.png(), 'invite.ics', 'text/calendar')).toBeNull();
		expect(
			classify(samples.png({ width: 88, height: 31 }), 'invoice.pdf', 'application/pdf'),
		).toMatch(/88×31 px image/);
	});
});

describe('notAnInvoice: files of a non-invoice kind, by content first', () => {
	test.each([
		['a calendar invite', utf8(ICS), 'invite.ics', 'text/calendar', 'a calendar file (.ics)'],
		[
			'a calendar invite with no name',
			utf8(ICS),
			null,
			'application/octet-stream',
			'a calendar file (.ics)',
		],
		[
			'a calendar invite misnamed .txt',
			utf8(ICS),
			'notes.txt',
			'text/plain',
			'a calendar file (.ics)',
		],
		[
			'a contact card',
			utf8('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Li Wei\r\nEND:VCARD\r\n'),
			'li-wei.vcf',
			'text/vcard',
			'a contact card (.vcf)',
		],
		[
			'an HTML page',
			utf8('<!DOCTYPE html>\n<html><body><p>Your invoice is attached.</p></body></html>'),
			'message.html',
			'text/html',
			'an HTML page (.html)',
		],
		[
			'an HTML page saved as .htm',
			utf8('<html>\n<body>hi</body></html>'),
			'page.htm',
			null,
			'an HTML page (.htm)',
		],
		[
			'an XHTML page with an XML declaration',
			utf8(
				'<?xml version="1.0"?>\n<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml"></html>',
			),
			null,
			null,
			'an HTML page (.html)',
		],
		[
			'an SVG logo',
			utf8(
				'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"></svg>',
			),
			'logo.svg',
			'image/svg+xml',
			'an SVG drawing (.svg)',
		],
		[
			'a text file',
			utf8('Please find the invoices attached.\nRegards\n'),
			'readme.txt',
			'text/plain',
			'a text file (.txt)',
		],
		[
			'a text file with no name',
			utf8('Please find the invoices attached.\n'),
			null,
			null,
			'a text file (.txt)',
		],
		[
			'a CSV export',
			utf8('invoice,total\n12345678,106.00\n'),
			'export.csv',
			'text/csv',
			'a CSV table (.csv)',
		],
		[
			'a JSON file',
			utf8('{"invoices": []}\n'),
			'data.json',
			'application/json',
			'a JSON file (.json)',
		],
		[
			'a text file in GBK',
			Buffer.from([0xb7, 0xa2, 0xc6, 0xb1, 0xc7, 0xe5, 0xb5, 0xa5, 0x0d, 0x0a, 0x31, 0x32]),
			'清单.txt',
			null,
			'a text file (.txt)',
		],
		[
			'a UTF-16 text file',
			Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Hello\r\n', 'utf16le')]),
			'a.txt',
			null,
			'a text file (.txt)',
		],
		[
			'a forwarded mail',
			utf8(
				'From: ap@example.test\r\nTo: finance@example.test\r\nSubject: invoices\r\n\r\nsee attached\r\n',
			),
			'forward.eml',
			'message/rfc822',
			'an e-mail message (.eml)',
		],
		[
			'a rich-text document',
			utf8('{\\rtf1\\ansi Hello}'),
			'letter.rtf',
			'application/rtf',
			'a word-processor document (.rtf)',
		],
		[
			'a PGP signature',
			utf8('-----BEGIN PGP SIGNATURE-----\n\niQEzBAEBCAAdFiEE\n-----END PGP SIGNATURE-----\n'),
			'signature.asc',
			'application/pgp-signature',
			'an e-mail signature (.asc)',
		],
		[
			'an S/MIME signature (DER signedData)',
			Buffer.from('3082044b06092a864886f70d010702a082043c30820438020101', 'hex'),
			'smime.p7s',
			'application/pkcs7-signature',
			'an e-mail signature (.p7s)',
		],
		[
			'a legacy Excel workbook',
			OLE_HEADER,
			'report.xls',
			'application/vnd.ms-excel',
			'a spreadsheet (.xls)',
		],
		[
			'a legacy Word document',
			OLE_HEADER,
			'contract.doc',
			null,
			'a word-processor document (.doc)',
		],
		[
			'an Outlook message',
			OLE_HEADER,
			'forward.msg',
			'application/vnd.ms-outlook',
			'an e-mail message (.msg)',
		],
		['an OLE file with no name', OLE_HEADER, null, null, 'an Office document'],
	])('%s', (_, bytes, fileName, mimeType, expected) => {
		expect(classify(bytes, fileName, mimeType)).toBe(expected);
	});

	test.each([
		[
			'Word',
			[
				['[Content_Types].xml', '<Types/>'],
				['word/document.xml', '<w:document/>'],
			],
			'a.docx',
			'a word-processor document (.docx)',
		],
		[
			'Excel',
			[
				['[Content_Types].xml', '<Types/>'],
				['xl/workbook.xml', '<workbook/>'],
			],
			'a.xlsx',
			'a spreadsheet (.xlsx)',
		],
		[
			'PowerPoint',
			[
				['[Content_Types].xml', '<Types/>'],
				['ppt/presentation.xml', '<p/>'],
			],
			null,
			'a presentation (.pptx)',
		],
		[
			'OpenDocument text',
			[
				['mimetype', 'application/vnd.oasis.opendocument.text'],
				['META-INF/manifest.xml', '<m/>'],
				['content.xml', '<c/>'],
			],
			'a.odt',
			'a word-processor document (.odt)',
		],
		[
			'OpenDocument spreadsheet',
			[
				['mimetype', 'application/vnd.oasis.opendocument.spreadsheet'],
				['META-INF/manifest.xml', '<m/>'],
			],
			null,
			'a spreadsheet (.ods)',
		],
	] as Array<[string, Array<[string, string]>, string | null, string]>)(
		'an Office package (%s) is skipped although it is a ZIP',
		(_, entries, fileName, expected) => {
			const bytes = zip(entries);
			expect(notAnInvoice(bytes, 'zip', fileName, null)).toBe(expected);
			expect(notAnInvoice(bytes, undefined, fileName, null)).toBe(expected);
		},
	);

	test('when the content says nothing, the name and then the MIME type decide', () => {
		const unknownBinary = Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0x00, 0x10, 0x7f]);
		expect(classify(unknownBinary, 'invite.ics', null)).toBe('a calendar file (.ics)');
		expect(classify(unknownBinary, 'budget.xlsx', null)).toBe('a spreadsheet (.xlsx)');
		expect(classify(unknownBinary, null, 'text/calendar; method=REQUEST; charset=UTF-8')).toBe(
			'a calendar file (.ics)',
		);
		expect(
			classify(
				unknownBinary,
				'ATT00001',
				'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
			),
		).toBe('a word-processor document (.docx)');
		// Nothing known: it may be an invoice in a format the vendor's pre-flight will judge.
		expect(classify(unknownBinary, 'scan.heic', 'image/heic')).toBeNull();
		expect(classify(unknownBinary, null, null)).toBeNull();
		expect(classify(new Uint8Array(0), null, null)).toBeNull();
	});
});

describe('notAnInvoice: e-invoice files are never skipped (the local reader decides)', () => {
	const xml = utf8('<?xml version="1.0" encoding="UTF-8"?>\n<EInvoice><Header/></EInvoice>\n');
	test.each([
		['a PDF', samples.pdf(), 'pdf'],
		['an OFD', samples.ofd(), 'ofd'],
		['an XML', xml, 'xml'],
		[
			'a ZIP bundle of e-invoices',
			zip([
				['a.xml', '<EInvoice/>'],
				['b.pdf', '%PDF-1.7'],
			]),
			'zip',
		],
	] as Array<[string, Buffer, FileFormat]>)(
		'%s, even named and typed as text',
		(_, bytes, format) => {
			expect(notAnInvoice(bytes, format, 'notes.txt', 'text/plain')).toBeNull();
			expect(notAnInvoice(bytes, format, 'invite.ics', 'text/calendar')).toBeNull();
		},
	);

	test('markup the sniffer did not recognize is left to the reader, whatever its name', () => {
		expect(notAnInvoice(xml, undefined, 'invoice.txt', 'text/plain')).toBeNull();
		expect(notAnInvoice(utf8('<Fapiao><No>1</No></Fapiao>'), undefined, null, null)).toBeNull();
		// The sniffer takes any markup for XML; a fragment of a page is still left to the reader.
		expect(classify(utf8('<div><b>Thanks</b></div>'), 'body.html', 'text/html')).toBeNull();
	});

	test('a ZIP that is not an Office package is not skipped, even with a broken directory', () => {
		expect(
			notAnInvoice(zip([['invoices/a.ofd', 'x']]), 'zip', 'bundle.zip', 'application/zip'),
		).toBeNull();
		const broken = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]);
		expect(notAnInvoice(broken, undefined, 'bundle.docx', null)).toBeNull();
	});
});
