/**
 * How failures travel in a real execution: the error output, "Continue" (regular output), and
 * the default stop — plus transport failures and what never leaks into items.
 */
import { FAKE_CREDENTIALS } from '../fakes';
import type { AllFakes } from '../fakes';
import { runWorkflow } from '../harness/engine';
import { credentialsFor, pngItem, runOcr, samples, withFakes } from './support';

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	fakes.juhe.reset();
	fakes.volcengine.reset();
});

const batch = () => [
	pngItem(),
	{ json: {}, binary: { data: { data: samples.gif(), fileName: 'a.gif', mimeType: 'image/gif' } } },
	pngItem(),
];

test('Continue (using error output): failed items reach output 1, good ones output 0, order and pairing kept', async () => {
	const { success, errors, outputs } = await runOcr(fakes, 'juhe', { items: batch() });
	expect(success).toHaveLength(2);
	expect(errors).toEqual([{ error: expect.objectContaining({ code: 'UNSUPPORTED_FILE' }) }]);
	const main = outputs['Invoice OCR'][0].map((item) => item.pairedItem);
	const failed = outputs['Invoice OCR'][1].map((item) => item.pairedItem);
	expect(main).toEqual([{ item: 0 }, { item: 2 }]);
	expect(failed).toEqual([{ item: 1 }]);
	// The failed file rides along, so a review branch can store it.
	expect(outputs['Invoice OCR'][1][0].binary?.data?.fileName).toBe('a.gif');
});

test('Continue (regular output): one output in input order, failures routable on error.code', async () => {
	const { outputs } = await runOcr(fakes, 'juhe', { items: batch(), onError: 'continueRegularOutput' });
	const main = outputs['Invoice OCR'][0];
	expect(main.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(main[1].json).toEqual({ error: expect.objectContaining({ code: 'UNSUPPORTED_FILE', vendor: 'juhe' }) });
	expect(main[0].json).toHaveProperty('invoiceType', 'vat_roll');
});

test('Stop workflow (default): the run fails at the first bad item with a clear message', async () => {
	const { run } = await runOcr(fakes, 'juhe', { items: batch(), onError: 'stopWorkflow' });
	const error = run.data.resultData.error;
	expect(error?.message).toContain('GIF');
	expect(error?.message).toContain('Juhe accepts PNG, JPEG');
});

test('a vendor-side failure stops the run with a NodeApiError naming the vendor code', async () => {
	fakes.juhe.configure({ failWith: { vendorCode: '10012' } });
	const { run } = await runOcr(fakes, 'juhe', { onError: 'stopWorkflow' });
	const error = run.data.resultData.error as unknown as { message: string; description: string };
	expect(error.message).toContain('used up its calls');
	expect(error.description).toContain('10012');
});

describe('transport failures become routable items', () => {
	test.each([
		['hang', 'TIMEOUT'],
		['reset', 'NETWORK_ERROR'],
		['http500', 'VENDOR_UNAVAILABLE'],
		['html', 'VENDOR_UNAVAILABLE'],
		['malformed', 'VENDOR_UNAVAILABLE'],
		['truncated', 'VENDOR_UNAVAILABLE'],
	] as const)('%s → %s (retryable)', async (fault, code) => {
		fakes.volcengine.configure({ fault });
		const { errors, success } = await runOcr(fakes, 'volcengine', {
			parameters: { options: { timeout: 1, maxRetries: 0 } },
		});
		expect(success).toEqual([]);
		expect(errors).toEqual([{ error: expect.objectContaining({ code, retryable: true, vendor: 'volcengine' }) }]);
		fakes.volcengine.configure({ fault: null });
	});
});

test('no secret appears in outputs, whatever fails', async () => {
	fakes.volcengine.configure({ failWith: { vendorCode: '50400' } });
	const failed = await runOcr(fakes, 'volcengine');
	const wrong = await runOcr(fakes, 'volcengine', {
		credentials: { secretAccessKey: 'dummy-another-wrong-secret-000' },
	});
	fakes.volcengine.configure({ failWith: null });
	const ok = await runOcr(fakes, 'volcengine', { parameters: { simplify: false } });
	const text = JSON.stringify([failed.outputs, wrong.outputs, ok.outputs, failed.run.data.resultData]);
	const signatures = fakes.volcengine.requests
		.map((request) => /Signature=([0-9a-f]+)/.exec(String(request.headers.authorization))?.[1])
		.filter((signature): signature is string => Boolean(signature));
	expect(signatures.length).toBeGreaterThan(0);
	for (const secret of [
		FAKE_CREDENTIALS.volcengine.secretAccessKey,
		'dummy-another-wrong-secret-000',
		...signatures,
	]) {
		expect(text).not.toContain(secret);
	}
});

test('an unreadable binary store fails that one item, the rest of the batch is kept', async () => {
	// A binary reference whose stored file does not exist, as after a lost filesystem volume.
	const result = await runWorkflow({
		node: {
			name: 'Invoice OCR',
			type: 'invoiceOcr',
			parameters: { vendor: 'juhe', inputType: 'binary', binaryPropertyName: 'data', options: { maxRetries: 0 } },
			credentials: { juheApi: { id: '1', name: 'juhe' } },
			onError: 'continueErrorOutput',
		},
		items: [pngItem(), { json: {}, binary: { data: { data: Buffer.alloc(0), fileName: 'gone.png', mimeType: 'image/png', storedId: 'filesystem-v2:missing/file' } } }, pngItem()],
		credentials: credentialsFor(fakes, 'juhe'),
	});
	const [success, failed] = result.outputs['Invoice OCR'];
	expect(success.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 2 }]);
	expect(failed.map((item) => item.pairedItem)).toEqual([{ item: 1 }]);
	expect(result.run.data.resultData.error).toBeUndefined();
});
