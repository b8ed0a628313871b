'use strict';
// What the two test mails carry, and what Invoice OCR must make of each attachment. Every file is generated here:
// the 数电 XML and OFD by the project's e-invoice fixtures (made-up companies with valid tax IDs), the images and
// the scanned PDF from the fakes' sample builders (their `fapiao-sample:` marker picks the fake's answer).

const { samples } = require('../../fakes');
require('../../bench/register-ts');
const {
	COMPANIES,
	digitalInvoiceOfd,
	digitalInvoiceSpec,
	digitalInvoiceXml,
	invoiceTotals,
} = require('../../support/einvoiceFixtures');

/**
 * A one-page PDF holding only a JPEG (a scanner's or a phone app's "PDF scan"): no text layer, so the local
 * reader refuses it (UNSUPPORTED_FILE) and the chain sends it on; Xinhuo takes no PDF, so Jumdata reads it.
 * The Info dictionary's Keywords carry the fake's marker, as samples.pdf() does.
 */
function scannedPdf({ marker }) {
	const width = 480;
	const height = 680;
	const jpeg = samples.jpeg({ layout: 'invoice', width, height });
	const content = `q 500 0 0 708 48 67 cm /Scan Do Q`;
	const objects = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Scan 4 0 R >> >> /Contents 5 0 R >>',
		null, // the image stream, binary
		`<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
		`<< /Producer (n8n-nodes-fapiao mailbox e2e) /Title (Scanned invoice) /Keywords (fapiao-sample:${marker} ) >>`,
	];
	const chunks = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
	let length = chunks[0].length;
	const offsets = [];
	objects.forEach((body, index) => {
		offsets.push(length);
		const parts =
			body === null
				? [
						Buffer.from(
							`${index + 1} 0 obj\n<< /Type /XObject /Subtype /Image /Width ${width} /Height ${height} ` +
								`/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length ${jpeg.length} >>\nstream\n`,
							'latin1',
						),
						jpeg,
						Buffer.from('\nendstream\nendobj\n', 'latin1'),
					]
				: [Buffer.from(`${index + 1} 0 obj\n${body}\nendobj\n`, 'latin1')];
		for (const part of parts) {
			chunks.push(part);
			length += part.length;
		}
	});
	let trailer = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) trailer += `${String(offset).padStart(10, '0')} 00000 n \n`;
	trailer += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info 6 0 R >>\nstartxref\n${length}\n%%EOF\n`;
	chunks.push(Buffer.from(trailer, 'latin1'));
	return Buffer.concat(chunks);
}

function calendarInvite() {
	return [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//fapiao e2e//mail//EN',
		'METHOD:REQUEST',
		'BEGIN:VEVENT',
		'UID:month-end-close@fapiao-e2e.test',
		'DTSTAMP:20250618T010000Z',
		'DTSTART:20250627T060000Z',
		'DTEND:20250627T070000Z',
		'SUMMARY:Month-end close: invoice review',
		'ORGANIZER:mailto:ap@supplier.fapiao-e2e.test',
		'END:VEVENT',
		'END:VCALENDAR',
		'',
	].join('\r\n');
}

const SPECIAL = digitalInvoiceSpec({ number: '25312000000100000011', kind: 'special' });
const COMMON = digitalInvoiceSpec({
	number: '25312000000100000022',
	kind: 'common',
	seller: COMPANIES.consultant,
	lines: [
		{
			name: '*现代服务*咨询服务费',
			unit: '次',
			quantity: 1,
			unitPrice: 800,
			amount: 800,
			taxRate: 0.06,
		},
	],
});

/** Outlook attaches signature images as image001.png; 120×40 px is a typical logo size. */
const LOGO = {
	fileName: 'image001.png',
	contentType: 'image/png',
	data: samples.png({ width: 120, height: 40 }),
};
const INVITE = {
	fileName: 'invite.ics',
	contentType: 'text/calendar; method=REQUEST',
	data: calendarInvite(),
};

/**
 * The supplier's mail: four invoices in four forms, plus a signature logo and a calendar invite.
 * `expect` is what Invoice OCR must make of the file; null: skipped, no request and no item.
 */
const INVOICE_MAIL_ATTACHMENTS = [
	{
		fileName: `数电专票_${SPECIAL.number}.xml`,
		contentType: 'text/xml',
		data: digitalInvoiceXml(SPECIAL),
		expect: {
			vendor: 'local',
			invoiceType: 'digital_special',
			invoiceNumber: SPECIAL.number,
			total: invoiceTotals(SPECIAL).total,
			branch: 'Deductible VAT',
		},
	},
	{
		fileName: `${COMMON.number}.ofd`,
		contentType: 'application/octet-stream',
		data: digitalInvoiceOfd(COMMON),
		expect: {
			vendor: 'local',
			invoiceType: 'digital_common',
			invoiceNumber: COMMON.number,
			total: invoiceTotals(COMMON).total,
			branch: 'VAT Expenses',
		},
	},
	{
		fileName: 'scan-special-invoice.pdf',
		contentType: 'application/pdf',
		data: scannedPdf({ marker: 'special-two-rows' }),
		// test/fixtures/vendors/jumdata/special-two-rows.json
		expect: {
			vendor: 'jumdata',
			invoiceType: 'vat_special',
			invoiceNumber: '12345678',
			total: 1060,
			branch: 'Deductible VAT',
		},
	},
	{
		fileName: 'roll-invoice-photo.png',
		contentType: 'image/png',
		data: samples.png({ layout: 'roll', width: 360, height: 780, marker: 'fake-roll-invoice' }),
		// test/fixtures/vendors/xinhuo/fake-roll-invoice.json
		expect: {
			vendor: 'xinhuo',
			invoiceType: 'vat_roll',
			invoiceNumber: '03574125',
			total: 500,
			branch: 'VAT Expenses',
		},
	},
	{ ...LOGO, expect: null },
	{ ...INVITE, expect: null },
];

/** A meeting invite from the same supplier: nothing in it is an invoice, so one NO_INVOICE_FOUND item. */
const INVITE_MAIL_ATTACHMENTS = [
	{ ...LOGO, expect: null },
	{ ...INVITE, expect: null },
];

module.exports = { INVITE_MAIL_ATTACHMENTS, INVOICE_MAIL_ATTACHMENTS, scannedPdf };
