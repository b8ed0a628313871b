/**
 * Node version 1.1 (the default for new nodes) against version 1 (saved workflows), through n8n's
 * WorkflowExecute with real HTTP to the fakes: local-first and skipping attachments that are not
 * invoices are on in 1.1 and absent in 1, so a version-1 workflow behaves exactly as before.
 */
import type { AllFakes } from '../fakes';
import type { InputItem } from '../harness/engine';
import { textPdf } from '../support/pdfWriter';
import { ocrRequests, runOcr, samples, withFakes } from './support';

const CALENDAR = Buffer.from(
	'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Invoice review\r\nDTSTART:20261201T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n',
);

/** One mail: a real invoice photo, a 120×40 logo and a calendar invitation, as `attachment_*`. */
function mailItem(withInvoice = true): InputItem {
	const binary: NonNullable<InputItem['binary']> = {};
	if (withInvoice) {
		binary.attachment_0 = {
			data: samples.png({ layout: 'roll', width: 240, height: 520 }),
			fileName: 'roll-invoice.png',
			mimeType: 'image/png',
		};
	}
	binary.attachment_1 = { data: samples.png({ width: 120, height: 40 }), fileName: 'logo.png', mimeType: 'image/png' };
	binary.attachment_2 = { data: CALENDAR, fileName: 'invite.ics', mimeType: 'text/calendar' };
	return { json: { subject: 'Invoice' }, binary };
}

describe('Invoice OCR node versions 1 and 1.1', () => {
	let fakes: AllFakes;
	beforeAll(async () => {
		fakes = await withFakes();
	});
	afterAll(async () => {
		await fakes.closeAll();
	});
	beforeEach(() => fakes.juhe.reset());

	const mail = { binaryPropertyName: 'attachment_*' };

	test('1.1 sends only the invoice photo of a mail: the logo and the .ics cost no request', async () => {
		const run = await runOcr(fakes, 'juhe', { typeVersion: 1.1, parameters: mail, items: [mailItem()] });
		expect(run.errors).toEqual([]);
		expect(run.success).toHaveLength(1);
		expect(run.success[0]).toMatchObject({ vendor: 'juhe', source: { binaryProperty: 'attachment_0' } });
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
		expect(run.pairedItems).toEqual([{ item: 0 }]);
	});

	test('1.1: a mail with nothing but a logo and an .ics gives one NO_INVOICE_FOUND item naming both, and no request', async () => {
		const run = await runOcr(fakes, 'juhe', {
			typeVersion: 1.1,
			parameters: mail,
			items: [mailItem(false)],
		});
		expect(run.success).toEqual([]);
		expect(run.errors).toHaveLength(1);
		const { error } = run.errors[0] as { error: { code: string; message: string; vendor: string } };
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.vendor).toBe('juhe');
		expect(error.message).toContain('logo.png (a 120×40 px image, too small to be an invoice)');
		expect(error.message).toContain('invite.ics');
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
		expect(run.pairedItems).toEqual([{ item: 0 }]);
	});

	test('1.1 with "Skip Attachments That Are Not Invoices" off sends the logo like version 1', async () => {
		const run = await runOcr(fakes, 'juhe', {
			typeVersion: 1.1,
			parameters: { ...mail, options: { skipNonInvoices: false } },
			items: [mailItem()],
		});
		// The logo went to Juhe (a paid call; the fake answers its canned example); the .ics is
		// refused before sending (not a PNG or JPEG).
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(2);
		// The fake's canned answer for the logo is the same invoice, so 1.1 merges the two copies.
		expect(run.success).toHaveLength(1);
		expect(run.success[0].source).toMatchObject({
			fileName: 'roll-invoice.png',
			alsoIn: [{ binaryProperty: 'attachment_1', fileName: 'logo.png', entry: null }],
		});
		expect(run.errors.map((item) => (item.error as { code: string }).code)).toEqual(['UNSUPPORTED_FILE']);
	});

	test('version 1 (saved workflows) sends every attachment as before', async () => {
		const run = await runOcr(fakes, 'juhe', { typeVersion: 1, parameters: mail, items: [mailItem()] });
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(2);
		expect(run.success).toHaveLength(2);
		expect(run.errors.map((item) => (item.error as { code: string }).code)).toEqual(['UNSUPPORTED_FILE']);
		expect(run.pairedItems).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
	});

	test('1.1: a PDF with text but no invoice (a trip sheet) is skipped, not sent to the paid vendor', async () => {
		const tripSheet = textPdf([
			{
				width: 595,
				height: 842,
				items: [
					{ x: 200, y: 60, size: 16, text: '滴滴出行-行程单' },
					{ x: 40, y: 120, size: 10, text: '申请日期：2026-11-02 行程时间：2026-10-28 至 2026-10-30 共3笔行程，合计86.40元' },
					{ x: 40, y: 150, size: 10, text: '序号 车型 上车时间 城市 起点 终点 里程[公里] 金额[元]' },
				],
			},
		]);
		const invoice = mailItem();
		invoice.binary!.attachment_1 = { data: tripSheet, fileName: 'trip-sheet.pdf', mimeType: 'application/pdf' };
		const tripSheetOnly: InputItem = {
			json: {},
			binary: { attachment_0: { data: tripSheet, fileName: 'trip-sheet.pdf', mimeType: 'application/pdf' } },
		};
		const run = await runOcr(fakes, 'juhe', { typeVersion: 1.1, parameters: mail, items: [invoice, tripSheetOnly] });
		// The mail's invoice photo is read; its trip sheet costs no request. A mail with only a trip sheet is one
		// NO_INVOICE_FOUND item saying what was skipped.
		expect(run.success).toHaveLength(1);
		expect(run.success[0]).toMatchObject({ source: { binaryProperty: 'attachment_0', alsoIn: [] } });
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
		expect(run.errors).toHaveLength(1);
		const { error } = run.errors[0] as { error: { code: string; message: string } };
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toContain('trip-sheet.pdf (a document with no invoice in it)');
		expect(run.pairedItems).toEqual([{ item: 0 }, { item: 1 }]);

		// With skipping off, the local reader's own answer says why, as in version 1.
		const unskipped = await runOcr(fakes, 'juhe', {
			typeVersion: 1.1,
			parameters: { ...mail, options: { skipNonInvoices: false } },
			items: [tripSheetOnly],
		});
		expect(unskipped.errors).toEqual([
			expect.objectContaining({ error: expect.objectContaining({ code: 'NO_INVOICE_FOUND', vendor: 'local', message: expect.stringMatching(/not a trip sheet/) }) }),
		]);
	});

	test('1.1 local-first passes an image on to the vendor without naming the local reader', async () => {
		const gif = samples.gif({ width: 480, height: 300 });
		const run = await runOcr(fakes, 'juhe', {
			typeVersion: 1.1,
			items: [{ json: {}, binary: { data: { data: gif, fileName: 'x.gif', mimeType: 'image/gif' } } }],
		});
		expect(run.errors).toHaveLength(1);
		const { error } = run.errors[0] as { error: { code: string; message: string; vendor: string } };
		expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'juhe' });
		expect(error.message).not.toMatch(/Tried before|Local/);
	});

	test('1.1: URL input to a vendor that cannot download names that vendor only, not the local reader', async () => {
		const run = await runOcr(fakes, 'juhe', {
			typeVersion: 1.1,
			parameters: { inputType: 'url', url: 'https://example.com/invoice.png' },
			items: [{ json: {} }],
		});
		const { error } = run.errors[0] as { error: { code: string; message: string } };
		expect(error.code).toBe('INVALID_INPUT');
		expect(error.message).toMatch(/^Juhe cannot download files from a URL\./);
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
	});
});
