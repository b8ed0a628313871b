/**
 * The invoice QR code through n8n's WorkflowExecute (issue 22): a photo's QR code read by vendor `local` and
 * verified by Verify Invoice against the WeBank fake, which returns the whole invoice; an image beside a paid
 * vendor's answer; the "Key Fields From QR Code Only" option; a chain passing an unreadable image on.
 */
import type { AllFakes } from '../fakes';
import { planVerification } from '../../nodes/shared/vendors/webank/verify';
import { invoicePayload, invoicePhoto, renderQr, toJpeg, toPng } from '../unit/qr/synthetic';
import { fileItem, ocrRequests, runOcr, runVerify, samples, withFakes } from './support';

type Json = Record<string, ReturnType<typeof JSON.parse>>;

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	fakes.webank.reset();
	fakes.xinhuo.reset();
	fakes.jumdata.reset();
});

/** The QR payload a registry invoice of the WeBank fake prints (type 10: amount is 金额, before tax). */
function registryPayload(name = 'VAT_e-invoice'): { text: string; entry: (typeof fakes.webank.verifyRegistry)[number] } {
	const entry = fakes.webank.verifyRegistry.find((candidate) => candidate.name === name);
	if (!entry) throw new Error(`The fake registry has no ${name}`);
	const { invoice } = entry;
	const text = invoicePayload({
		type: '10',
		code: String(invoice.invoice_code),
		number: String(invoice.invoice_id),
		amount: String(invoice.total_amount),
		date: entry.issueDate.replace(/-/g, ''),
		check: String(invoice.check_code),
	});
	return { text, entry };
}

const photoItem = (text: string, name = 'photo.jpg') =>
	fileItem(Buffer.from(toJpeg(invoicePhoto(text, { width: 1000, height: 700, moduleSize: 3, corner: 'top-left' }), 85)), name, 'image/jpeg');

describe('photo → Invoice OCR (local) → Verify Invoice', () => {
	test('the QR code gives the key fields with no request, and Verify Invoice returns the whole invoice', async () => {
		const { text, entry } = registryPayload();
		const ocr = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [photoItem(text)] });
		expect(ocr.errors).toEqual([]);
		expect(ocr.success).toHaveLength(1);
		const keyFields = ocr.success[0] as Json;
		expect(keyFields).toMatchObject({
			vendor: 'local',
			readFrom: 'qr',
			invoiceType: 'vat_electronic_common',
			invoiceCode: entry.invoice.invoice_code,
			invoiceNumber: entry.invoice.invoice_id,
			issueDate: entry.issueDate,
			checkCode: entry.invoice.check_code,
			amount: Number(entry.invoice.total_amount),
			total: null,
			seller: { name: null },
			qr: { text, crc: 'valid' },
			dedupeKey: `${entry.invoice.invoice_code}-${entry.invoice.invoice_id}`,
			checks: { passed: true },
		});
		const verified = await runVerify(fakes, [keyFields]);
		expect(verified.errors).toEqual([]);
		expect(verified.success[0]).toMatchObject({
			readFrom: 'qr',
			verification: {
				verified: true,
				status: 'MATCH',
				invoice: {
					invoiceNumber: entry.invoice.invoice_id,
					seller: { name: entry.invoice.seller_name, taxId: entry.invoice.seller_id },
					buyer: { name: entry.invoice.buyer_name },
					total: Number(entry.invoice.price_plus_taxes),
				},
			},
		});
		const items = (verified.success[0] as Json).verification.invoice.items as unknown[];
		expect(items.length).toBeGreaterThan(0);
	});

	test('a misread digit in the QR amount is a MISMATCH, not a MATCH', async () => {
		const { entry } = registryPayload();
		const wrong = invoicePayload({
			type: '10',
			code: String(entry.invoice.invoice_code),
			number: String(entry.invoice.invoice_id),
			amount: '720.50',
			date: entry.issueDate.replace(/-/g, ''),
			check: '00000000000000000000',
		});
		const ocr = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(Buffer.from(toPng(renderQr(wrong, { moduleSize: 4 }))), 'qr.png', 'image/png')] });
		expect(ocr.errors).toEqual([]);
		const verified = await runVerify(fakes, ocr.success);
		expect(verified.success[0]).toMatchObject({ verification: { verified: false, status: 'MISMATCH' } });
	});

	test('a special invoice (01) is asked by the QR amount, a 数电 one (31/32) by the QR total', () => {
		const today = new Date();
		const issueDate = today.toISOString().slice(0, 10);
		const special = planVerification({ readFrom: 'qr', invoiceType: 'vat_special', invoiceCode: '4403194130', invoiceNumber: '62813590', issueDate, amount: 10000, total: null, checkCode: null }, {}, today);
		expect(special).toMatchObject({ kind: 'request', request: { body: { invoice: { total_amount: '10000.00' } } } });
		const digital = { readFrom: 'qr', invoiceType: 'digital_common', invoiceCode: null, invoiceNumber: '25322000000365404822', issueDate, amount: null, total: 105, checkCode: null };
		expect(planVerification(digital, {}, today)).toMatchObject({
			kind: 'request',
			request: { body: { invoice: { name: 'VAT_e-invoice', invoice_code: '', invoice_id: '25322000000365404822', total_amount: '105.00' } } },
		});
		// Only a QR item's total stands in for the amount: an OCR answer without the amount still cannot be asked.
		expect(planVerification({ ...digital, readFrom: 'ocr' }, {}, today).kind).toBe('invalid');
	});
});

describe('an image and a paid vendor', () => {
	test('chain local → xinhuo: an image without a readable QR code goes on to the vendor', async () => {
		const run = await runOcr(fakes, ['local', 'xinhuo'], { typeVersion: 1.1, items: [fileItem(samples.png(), 'photo.png', 'image/png')] });
		expect(run.errors).toEqual([]);
		expect(run.success.every((invoice) => (invoice as Json).vendor === 'xinhuo')).toBe(true);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(1);
	});

	test('chain local → jumdata: an image with a QR code still goes to the vendor, its QR set beside the answer', async () => {
		const { text } = registryPayload();
		const run = await runOcr(fakes, ['local', 'jumdata'], { typeVersion: 1.1, items: [photoItem(text)] });
		expect(run.errors).toEqual([]);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
		expect(run.success).toHaveLength(1);
		const answer = run.success[0] as Json;
		expect(answer).toMatchObject({ vendor: 'jumdata', readFrom: 'ocr', qr: { text } });
		// The fake's answer is another invoice than the photo's QR code: the rules say so.
		if (answer.invoiceNumber !== answer.qr.invoiceNumber) {
			expect(answer.checks.issues).toContainEqual(expect.objectContaining({ rule: 'qr_mismatch', field: 'invoiceNumber' }));
		}
	});

	test('local-first (1.1) with Jumdata: the photo is sent; with "Key Fields From QR Code Only" it is not', async () => {
		const { text } = registryPayload();
		const sent = await runOcr(fakes, 'jumdata', { typeVersion: 1.1, items: [photoItem(text)] });
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
		expect(sent.success.every((invoice) => (invoice as Json).vendor === 'jumdata')).toBe(true);
		fakes.jumdata.reset();
		const qrOnly = await runOcr(fakes, 'jumdata', { typeVersion: 1.1, parameters: { options: { qrOnly: true } }, items: [photoItem(text)] });
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(0);
		expect(qrOnly.success).toHaveLength(1);
		expect(qrOnly.success[0]).toMatchObject({ vendor: 'local', readFrom: 'qr', qr: { text } });
	});

	test('"Key Fields From QR Code Only" on version 1 (no local-first): a readable QR code is the answer, an unreadable image is sent', async () => {
		const { text } = registryPayload();
		const run = await runOcr(fakes, 'jumdata', {
			typeVersion: 1,
			parameters: { options: { qrOnly: true } },
			items: [photoItem(text), fileItem(samples.png(), 'other.png', 'image/png')],
		});
		expect(run.errors).toEqual([]);
		expect(run.success.map((invoice) => (invoice as Json).readFrom)).toEqual(['qr', ...Array(run.success.length - 1).fill('ocr')]);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
	});
});
