/**
 * Hostile and broken files: each must end in one clear failed outcome (the right code, vendor
 * `local`, an English message) within a second, with memory bounded by the inflate caps.
 */
import { MAX_ZIP_ENTRIES } from '../../../nodes/shared/formats/zip';
import { sniffFormat } from '../../../nodes/shared/input/fileFormat';
import type { ErrorCode } from '../../../nodes/shared/types';
import { bundleZip, digitalInvoiceOfd, digitalInvoiceSpec, digitalInvoiceXml } from '../../support/einvoiceFixtures';
import { airItineraryXbrl, airItinerarySpec, bankReceiptOfd, bankReceiptXbrl, pageTextOnlyOfd, railwayTicketOfd, railwayTicketSpec } from '../../support/ofdFamilies';
import { cpuTimed } from '../../support/node';
import { zipBytes } from '../../support/zipWriter';
import { errorOf, invoicesOf, readLocal, rezip } from './support';

const MB = 1024 * 1024;

function expectRefused(bytes: Uint8Array, code: ErrorCode, message?: RegExp) {
	// CPU time, not wall time: waiting for a core on a busy machine is no sign of a slow refusal.
	const { result, cpuMs } = cpuTimed(() => readLocal(bytes));
	const error = errorOf(result!);
	expect(cpuMs).toBeLessThan(1000);
	expect(error).toMatchObject({ code, vendor: 'local', retryable: false });
	expect(error.message).toMatch(/^[\x20-\x7e]*$|[.!]\s*$/);
	if (message) expect(error.message).toMatch(message);
	return error;
}

/** The generated OFD with some members' text replaced. */
function ofdWith(replace: Record<string, string>): Buffer {
	return rezip(digitalInvoiceOfd(digitalInvoiceSpec()), (name, text) => replace[name] ?? text);
}

describe('hostile XML', () => {
	it('refuses a billion-laughs DOCTYPE without expanding it', () => {
		const lol = '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' +
			Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
			']><EInvoice>&lol9;</EInvoice>';
		expectRefused(Buffer.from(lol), 'UNSUPPORTED_FILE', /DOCTYPE or ENTITY declaration/);
	});

	it('refuses an external entity (XXE)', () => {
		const xxe = '<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file:///etc/passwd">]><EInvoice>&x;</EInvoice>';
		expectRefused(Buffer.from(xxe), 'UNSUPPORTED_FILE', /DOCTYPE/);
	});

	it('refuses deep nesting early', () => {
		const deep = `<?xml version="1.0"?>${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`;
		expectRefused(Buffer.from(deep), 'UNSUPPORTED_FILE', /deeper than 64/);
	});

	it('refuses a document with too many nodes as too large', () => {
		const wide = `<?xml version="1.0"?><EInvoice>${'<a/>'.repeat(600_000)}</EInvoice>`;
		expectRefused(Buffer.from(wide), 'FILE_TOO_LARGE', /more than 500000 nodes/);
	});

	it('refuses truncated and malformed invoice XML', () => {
		const xml = digitalInvoiceXml(digitalInvoiceSpec());
		expectRefused(Buffer.from(xml.slice(0, xml.length / 2)), 'UNSUPPORTED_FILE', /not well-formed/);
		expectRefused(Buffer.from(xml.replace('</Header>', '</Head>')), 'UNSUPPORTED_FILE', /not well-formed/);
		expectRefused(Buffer.concat([Buffer.from('<EInvoice>'), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from('</EInvoice>')]), 'UNSUPPORTED_FILE', /not valid utf-8/);
	});
});

describe('hostile ZIP bundles', () => {
	it('refuses a ZIP bomb (100 MB of zeros in a 100 KB member) as FILE_TOO_LARGE', () => {
		const bomb = bundleZip([{ name: 'invoice.xml', data: Buffer.alloc(100 * MB) }]);
		expect(bomb.length).toBeLessThan(150 * 1024);
		expectRefused(bomb, 'FILE_TOO_LARGE', /inflates to more than 20971520 bytes/);
	});

	it('refuses a bomb that declares a small size in the central directory', () => {
		const lying = zipBytes([{ name: 'a.xml', data: Buffer.alloc(50 * MB), declaredSize: 1000 }]);
		expectRefused(lying, 'FILE_TOO_LARGE');
	});

	it('refuses members that together pass the archive cap', () => {
		const parts = Array.from({ length: 6 }, (_, i) => ({ name: `part${i}.bin`, data: Buffer.alloc(19 * MB, i) }));
		expectRefused(bundleZip(parts), 'FILE_TOO_LARGE', /together/);
	});

	it('refuses a bomb nested in an OFD inside the bundle (the budget is shared)', () => {
		const ofd = zipBytes([
			{ name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' },
			{ name: 'Doc_0/Document.xml', data: Buffer.alloc(60 * MB, 0x20) },
		]);
		expectRefused(bundleZip([{ name: 'a.ofd', data: ofd }]), 'FILE_TOO_LARGE');
	});

	it('refuses more than the allowed member count', () => {
		const many = zipBytes(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `f${i}.txt`, data: 'x', method: 'store' as const })));
		expectRefused(many, 'FILE_TOO_LARGE', /1001 members; at most 1000/);
	});

	it('refuses odd member paths: climbing, drive letters, backslash tricks, duplicates', () => {
		const invoice = digitalInvoiceXml(digitalInvoiceSpec());
		expectRefused(bundleZip([{ name: '../../evil.xml', data: invoice }]), 'UNSUPPORTED_FILE', /climbs out/);
		expectRefused(bundleZip([{ name: '..\\..\\evil.xml', data: invoice }]), 'UNSUPPORTED_FILE', /climbs out/);
		expectRefused(bundleZip([{ name: 'C:/Windows/evil.xml', data: invoice }]), 'UNSUPPORTED_FILE', /names a drive/);
		expectRefused(bundleZip([{ name: '//host/share/a.xml', data: invoice }]), 'UNSUPPORTED_FILE', /absolute path/);
		expectRefused(
			bundleZip([
				{ name: 'a/b.xml', data: invoice },
				{ name: 'a\\b.xml', data: '<EInvoice/>' },
			]),
			'UNSUPPORTED_FILE',
			/twice/,
		);
	});

	it('refuses encrypted members, unknown methods and ZIP64', () => {
		expectRefused(zipBytes([{ name: 'a.xml', data: 'x', flags: 0x1 }]), 'UNSUPPORTED_FILE', /encrypted/);
		expectRefused(zipBytes([{ name: 'a.xml', data: 'x', method: 14 }]), 'UNSUPPORTED_FILE', /method 14/);
		expectRefused(zipBytes([{ name: 'a.xml', data: 'x' }], { zip64Locator: true }), 'UNSUPPORTED_FILE', /ZIP64/);
	});

	it('refuses truncated and corrupt bundles', () => {
		const bundle = bundleZip([{ name: 'a.xml', data: digitalInvoiceXml(digitalInvoiceSpec()) }]);
		expectRefused(bundle.subarray(0, bundle.length - 30), 'UNSUPPORTED_FILE', /no ZIP central directory/);
		const corrupt = Buffer.from(bundle);
		for (let i = 40; i < 200; i++) corrupt[i] ^= 0x5a;
		expectRefused(corrupt, 'UNSUPPORTED_FILE', /damaged|CRC/);
	});
});

describe('hostile and broken OFDs', () => {
	it('refuses a truncated OFD', () => {
		const ofd = digitalInvoiceOfd(digitalInvoiceSpec());
		// Its central directory is gone, so it is only a damaged ZIP now.
		expectRefused(ofd.subarray(0, Math.floor(ofd.length / 2)), 'UNSUPPORTED_FILE', /cut short/);
	});

	it('refuses an OFD whose OFD.xml carries a DOCTYPE', () => {
		const ofd = ofdWith({ 'OFD.xml': '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><ofd:OFD xmlns:ofd="x"/>' });
		expectRefused(ofd, 'UNSUPPORTED_FILE', /DOCTYPE/);
	});

	it('refuses an OFD.xml that is not an OFD root', () => {
		expectRefused(ofdWith({ 'OFD.xml': '<html/>' }), 'UNSUPPORTED_FILE', /no OFD.xml root part/);
	});

	it('reads past a hostile tag file, never expanding it: OFD.xml CustomData and the page still give the invoice', () => {
		const spec = digitalInvoiceSpec();
		const ofd = ofdWith({ 'Doc_0/Tags/CustomTag.xml': '<!DOCTYPE r [<!ENTITY a "b">]><r>&a;</r>' });
		const [invoice] = invoicesOf(readLocal(ofd));
		expect(invoice).toMatchObject({ invoiceNumber: spec.number, issueDate: spec.issueDate, fields: expect.not.objectContaining({ r: 'b' }) });
		expect(invoice.fields['CustomData/发票号码']).toBe(spec.number);
	});

	it('gives NO_INVOICE_FOUND when the tags point at objects that do not exist and the page does not print the number OFD.xml names', () => {
		const ofd = ofdWith({ 'Doc_0/Pages/Page_0/Content.xml': '<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer ID="1"><ofd:TextObject ID="5" Boundary="0 0 1 1"><ofd:TextCode>hello</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>' });
		expectRefused(ofd, 'NO_INVOICE_FOUND');
	});

	it('keeps locations inside the package: ../ in a DocRoot resolves within the ZIP', () => {
		const ofd = ofdWith({ 'OFD.xml': '<ofd:OFD xmlns:ofd="x"><ofd:DocBody><ofd:DocRoot>../../../Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' });
		// Resolved to Doc_0/Document.xml inside the package, so the invoice is still read.
		const outcome = readLocal(ofd);
		expect(outcome.ok).toBe(true);
	});
});

describe('mutated files never crash the reader', () => {
	it('answers every randomly damaged OFD, bundle and XML with an outcome, never a throw', () => {
		const spec = digitalInvoiceSpec();
		const storedOfd = rezip(digitalInvoiceOfd(spec), (_name, text) => text);
		const inputs = [digitalInvoiceOfd(spec), storedOfd, bundleZip([{ name: 'a.xml', data: digitalInvoiceXml(spec) }]), Buffer.from(digitalInvoiceXml(spec))];
		let seed = 42;
		const random = (below: number) => {
			seed = (seed * 1103515245 + 12345) >>> 0;
			return seed % below;
		};
		const started = Date.now();
		let outcomes = 0;
		for (const input of inputs) {
			for (let trial = 0; trial < 150; trial++) {
				const damaged = Buffer.from(input);
				for (let flips = 1 + random(8); flips > 0; flips--) damaged[random(damaged.length)] = random(256);
				if (sniffFormat(damaged) === undefined) continue;
				const outcome = readLocal(damaged);
				expect(typeof outcome.ok).toBe('boolean');
				if (!outcome.ok) expect(outcome.error.vendor).toBe('local');
				outcomes++;
			}
		}
		expect(outcomes).toBeGreaterThan(400);
		expect(Date.now() - started).toBeLessThan(10_000);
	});

	it('answers every damaged XBRL e-voucher, XBRL-attached OFD and page-text OFD with an outcome', () => {
		const storedRailway = rezip(railwayTicketOfd(railwayTicketSpec()), (_name, text) => text);
		const storedBank = rezip(bankReceiptOfd(), (_name, text) => text);
		const storedPage = rezip(pageTextOnlyOfd(), (_name, text) => text);
		const inputs = [storedRailway, storedBank, storedPage, Buffer.from(airItineraryXbrl(airItinerarySpec())), Buffer.from(bankReceiptXbrl())];
		let seed = 7;
		const random = (below: number) => {
			seed = (seed * 1103515245 + 12345) >>> 0;
			return seed % below;
		};
		let outcomes = 0;
		for (const input of inputs) {
			for (let trial = 0; trial < 100; trial++) {
				const damaged = Buffer.from(input);
				// Stored members: the flips land in the XML itself, not only in compressed bits.
				for (let flips = 1 + random(8); flips > 0; flips--) damaged[random(damaged.length)] = random(256);
				if (sniffFormat(damaged) === undefined) continue;
				const outcome = readLocal(damaged);
				expect(typeof outcome.ok).toBe('boolean');
				if (!outcome.ok) expect(outcome.error.vendor).toBe('local');
				outcomes++;
			}
		}
		expect(outcomes).toBeGreaterThan(300);
	});
});
