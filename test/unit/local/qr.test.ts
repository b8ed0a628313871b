/**
 * Vendor `local` and the invoice QR code (issue 22): an image's QR code read as an invoice (`readFrom: "qr"`),
 * the QR code a PDF or OFD embeds set on the invoice read from its text, and `qr_mismatch` when they disagree.
 */
import { dedupeKey, toOutputInvoice } from '../../../nodes/shared/normalize/output';
import type { InvoiceQr, RecognizedInvoice } from '../../../nodes/shared/types';
import { attachQrCodes, invoiceFromQr } from '../../../nodes/shared/vendors/local/qr';
import { parseInvoiceQr } from '../../../nodes/shared/formats/qr';
import { digitalInvoiceSpec, digitalInvoiceXml, invoiceTotals } from '../../support/einvoiceFixtures';
import { digitalInvoicePdf } from '../../support/pdfWriter';
import { cpuTimed } from '../../support/node';
import { describeWithQrSamples, qrSample, qrSampleNames } from '../../support/qrSamples';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { invoicePayload, invoicePhoto, renderQr, toJpeg, toPng } from '../qr/synthetic';
import { errorOf, onlyInvoice, readLocal } from './support';

const output = (invoice: RecognizedInvoice) => toOutputInvoice(invoice, { vendor: 'local', source: null, simplify: true });
const qrRules = (invoice: RecognizedInvoice) =>
	output(invoice).checks.issues.filter((issue) => issue.rule.startsWith('qr_'));

/** A 数电 invoice QR payload for a spec: type 31/32, no code, the 20-digit number, 价税合计, a valid CRC. */
function digitalPayload(spec: ReturnType<typeof digitalInvoiceSpec>, total = invoiceTotals(spec).total): string {
	return invoicePayload({
		type: spec.kind === 'special' ? '31' : '32',
		code: '',
		number: spec.number,
		amount: total.toFixed(2),
		date: spec.issueDate.replace(/-/g, ''),
		check: '',
	});
}

describe('vendor local on images: the QR code as an invoice', () => {
	it('reads a PNG of a 普票 QR code: type, code, number, date, amount (金额), check code; readFrom qr', () => {
		const text = invoicePayload({ type: '04', code: '044031900111', number: '12345678', amount: '1234.56', date: '20240315' });
		const invoice = onlyInvoice(readLocal(toPng(renderQr(text, { moduleSize: 4 }))));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_common',
			invoiceCode: '044031900111',
			invoiceNumber: '12345678',
			issueDate: '2024-03-15',
			checkCode: '12345678901234567890',
			amount: 1234.56,
			total: null,
			items: [],
			buyer: { name: null, taxId: null },
			seller: { name: null, taxId: null },
		});
		const json = output(invoice);
		expect(json.readFrom).toBe('qr');
		expect(json.qr).toMatchObject({ text, typeCode: '04', crc: 'valid' });
		expect(json.checks.issues.filter((issue) => issue.rule.startsWith('qr_'))).toEqual([]);
	});

	it.each([
		['01', 'vat_special', 'amount'],
		['10', 'vat_electronic_common', 'amount'],
		['11', 'vat_roll', 'amount'],
		['14', 'vat_toll', 'amount'],
		['20', 'vat_electronic_special', 'amount'],
		['31', 'digital_special', 'total'],
		['32', 'digital_common', 'total'],
		['51', 'train_ticket', 'total'],
		['02', 'vat_transport', 'amount'],
		// 机动车销售统一发票: its amount is not known to be either.
		['03', 'motor_vehicle', null],
		['99', 'other', null],
	] as const)('type code %s → %s, the QR amount as %s', (typeCode, invoiceType, amountField) => {
		const qr = parseInvoiceQr(invoicePayload({ type: typeCode, amount: '88.50' })) as InvoiceQr;
		const invoice = invoiceFromQr(qr);
		expect(invoice.invoiceType).toBe(invoiceType);
		expect(invoice.amount).toBe(amountField === 'amount' ? 88.5 : null);
		expect(invoice.total).toBe(amountField === 'total' ? 88.5 : null);
	});

	it('gives a 数电 QR invoice the dedupe key the whole invoice gets (the 20-digit number)', () => {
		const spec = digitalInvoiceSpec({ kind: 'common', number: '25322000000365404822' });
		const whole = onlyInvoice(readLocal(Buffer.from(digitalInvoiceXml(spec))));
		const fromQr = onlyInvoice(readLocal(toPng(renderQr(digitalPayload(spec), { moduleSize: 3 }))));
		expect(output(fromQr).dedupeKey).toBe(output(whole).dedupeKey);
		expect(output(fromQr).dedupeKey).toBe('25322000000365404822');
	});

	it('gives an older type the code-number key, as the whole invoice read by a vendor gets', () => {
		const qr = parseInvoiceQr(invoicePayload({ type: '10', code: '044031900111', number: '00123456' })) as InvoiceQr;
		const whole = { ...invoiceFromQr(qr), seller: { name: '某公司', taxId: '91440300MA5ABCDE1X', addressPhone: null, bankAccount: null }, total: 1395.05 };
		expect(dedupeKey(invoiceFromQr(qr))).toBe('044031900111-00123456');
		expect(dedupeKey(invoiceFromQr(qr))).toBe(dedupeKey(whole));
	});

	it('reads the QR code in a photo-like JPEG (code near the top left of a larger frame)', () => {
		const text = invoicePayload({ type: '32', code: '', number: '24442000000012345678', amount: '105.00', check: '' });
		const image = invoicePhoto(text, { width: 1200, height: 800, moduleSize: 3, corner: 'top-left' });
		const invoice = onlyInvoice(readLocal(toJpeg(image, 85)));
		expect(invoice).toMatchObject({ invoiceType: 'digital_common', invoiceNumber: '24442000000012345678', total: 105 });
	});

	it('refuses an image without a readable invoice QR code as UNSUPPORTED_FILE (a chain passes it on)', () => {
		const blank = toPng({ width: 200, height: 120, data: new Uint8Array(200 * 120).fill(230) });
		expect(errorOf(readLocal(blank))).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'local' });
		// A QR code that is not an invoice's (a URL) is no invoice either.
		expect(errorOf(readLocal(toPng(renderQr('https://example.com/menu', { moduleSize: 4 }))))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
	});

	it('refuses a PNG claiming 100000 × 100000 px from its header, quickly', () => {
		const png = Buffer.from(toPng(renderQr(invoicePayload(), { moduleSize: 2 })));
		png.writeUInt32BE(100000, 16);
		png.writeUInt32BE(100000, 20);
		const { result, cpuMs } = cpuTimed(() => readLocal(png));
		const error = errorOf(result!);
		expect(error.code).toBe('UNSUPPORTED_FILE');
		expect(error.message).toMatch(/100000×100000/);
		expect(cpuMs).toBeLessThan(200);
	});

	it('refuses random bytes after a PNG signature and a truncated JPEG without throwing', () => {
		const random = Buffer.alloc(4000);
		for (let i = 0; i < random.length; i++) random[i] = (i * 7919) & 0xff;
		random.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
		expect(errorOf(readLocal(random)).code).toBe('UNSUPPORTED_FILE');
		const jpeg = Buffer.from(toJpeg(renderQr(invoicePayload(), { moduleSize: 4 }), 90));
		expect(errorOf(readLocal(jpeg.subarray(0, Math.floor(jpeg.length / 3)))).code).toBe('UNSUPPORTED_FILE');
	});
});

describeWithQrSamples('vendor local on the real QR images', () => {
	it.each(qrSampleNames())('%s gives its railway ticket payload', (name) => {
		const invoice = onlyInvoice(readLocal(qrSample(name), name));
		const json = output(invoice);
		expect(json.readFrom).toBe('qr');
		expect(json.invoiceType).toBe('train_ticket');
		expect(json.qr?.crc).toBe('valid');
		expect(json.invoiceNumber).toBe(json.qr?.invoiceNumber);
		expect(json.total).toBe(json.qr?.amount);
		expect(json.dedupeKey).toBe(json.invoiceNumber);
	});
});

describe('PDF: the embedded QR code beside the text', () => {
	const spec = digitalInvoiceSpec({ kind: 'common' });
	const qrImage = renderQr(digitalPayload(spec), { moduleSize: 4, quietZone: 2 });

	it('sets qr on the invoice and finds no disagreement when the text is as issued', () => {
		const invoice = onlyInvoice(readLocal(digitalInvoicePdf(spec, { qrImage })));
		expect(invoice.qr).toMatchObject({ invoiceNumber: spec.number, amount: invoiceTotals(spec).total, crc: 'valid' });
		expect(qrRules(invoice)).toEqual([]);
	});

	it('gives qr_mismatch when the text total was edited and the QR image left as it was', () => {
		const edited = { ...spec, lines: spec.lines.map((line, i) => (i === 0 ? { ...line, unitPrice: 1800, amount: 1800 } : line)) };
		expect(invoiceTotals(edited).total).not.toBe(invoiceTotals(spec).total);
		const invoice = onlyInvoice(readLocal(digitalInvoicePdf(edited, { qrImage })));
		expect(invoice.total).toBe(invoiceTotals(edited).total);
		expect(qrRules(invoice)).toEqual([expect.objectContaining({ rule: 'qr_mismatch', field: 'total' })]);
		expect(output(invoice).checks.passed).toBe(false);
	});

	it('gives qr_mismatch when the text number was edited', () => {
		const invoice = onlyInvoice(readLocal(digitalInvoicePdf({ ...spec, number: '25312000000123450000' }, { qrImage })));
		expect(qrRules(invoice)).toEqual([expect.objectContaining({ rule: 'qr_mismatch', field: 'invoiceNumber' })]);
	});

	it('leaves qr null on a PDF without a QR image', () => {
		expect(onlyInvoice(readLocal(digitalInvoicePdf(spec))).qr ?? null).toBeNull();
	});
});

describe('attachQrCodes', () => {
	const invoice = (number: string | null): RecognizedInvoice => ({ ...invoiceFromQr(parseInvoiceQr(invoicePayload({ number: '11111111' })) as InvoiceQr), invoiceNumber: number, qr: null, checkCode: null });
	const code = (number: string) => parseInvoiceQr(invoicePayload({ number })) as InvoiceQr;

	it('puts each code on the invoice with its number, and fills only empty fields when asked', () => {
		const invoices = [invoice('22222222'), invoice('33333333')];
		attachQrCodes(invoices, [code('33333333'), code('22222222')], true);
		expect(invoices.map((each) => each.qr?.invoiceNumber)).toEqual(['22222222', '33333333']);
		expect(invoices[0].checkCode).toBe('12345678901234567890');
		const kept = [{ ...invoice('22222222'), checkCode: '99999999999999999999' }];
		attachQrCodes(kept, [code('22222222')], true);
		expect(kept[0].checkCode).toBe('99999999999999999999');
	});

	it('puts the only code on the only invoice even when the numbers differ (the rules flag it), never otherwise', () => {
		const only = [invoice('22222229')];
		attachQrCodes(only, [code('22222222')], false);
		expect(only[0].qr?.invoiceNumber).toBe('22222222');
		expect(only[0].checkCode).toBeNull();
		const two = [invoice('44444444'), invoice('55555555')];
		attachQrCodes(two, [code('22222222')], true);
		expect(two.map((each) => each.qr ?? null)).toEqual([null, null]);
	});
});

/** Samples whose embedded QR code the package does not read, and why. */
const QR_NOT_READ: Record<string, string> = {
	'ofd-go-railway-eticket-reissue-xbrl.ofd': 'its QR text has six fields (01,10,<20 digits>,…), not the invoice payload',
	'ofdrw-1.ofd': 'its QR code is a JBIG2 image',
	'ofdrw-SignScaleError.ofd': 'no QR image in Res/',
};

describeWithSamples('real PDFs and OFDs carry their QR code, and no qr_mismatch', () => {
	const files = [...sampleNames('pdf').map((name) => ['pdf', name]), ...sampleNames('ofd').map((name) => ['ofd', name])];
	it.each(files)('%s %s', (kind, name) => {
		const outcome = readLocal(sample(kind, name), name);
		if (!outcome.ok) return; // Not an invoice: nothing to carry.
		for (const invoice of outcome.invoices) {
			if (QR_NOT_READ[name]) {
				expect(invoice.qr ?? null).toBeNull();
				continue;
			}
			expect(invoice.qr).toMatchObject({ invoiceNumber: invoice.invoiceNumber });
			expect(invoice.qr?.crc).not.toBe('invalid');
			expect(qrRules(invoice)).toEqual([]);
		}
	});
});
