/**
 * Node version 1.1 (the default for new nodes) against version 1 (saved workflows), through n8n's
 * WorkflowExecute with real HTTP to the fakes: local-first and skipping attachments that are not
 * invoices are on in 1.1 and absent in 1, so a version-1 workflow behaves exactly as before.
 */
import type { AllFakes } from '../fakes';
import type { InputItem } from '../harness/engine';
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
