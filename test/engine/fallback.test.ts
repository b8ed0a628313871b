/**
 * Fallback chains ("Several Vendors, in Fallback Order"), run through n8n's WorkflowExecute with
 * real HTTP to the fake vendors. n8n-core only hands a node the credentials its display options
 * show for the current parameters, so these runs also prove that every listed vendor's
 * credential reaches the node.
 */
import type { AllFakes, VendorName } from '../fakes';
import { FAKE_CREDENTIALS } from '../fakes';
import { runWorkflow } from '../harness/engine';
import { serveFiles } from '../harness/fileServer';
import { CREDENTIAL_TYPE, credentialsFor, fileItem, ocrRequests, pngItem, runOcr, samples, withFakes } from './support';

const ALL: VendorName[] = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'];

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	for (const vendor of ALL) fakes[vendor].reset();
	// One invoice per answer, so one success item per input item.
	fakes.xinhuo.configure({ response: 'fake-roll-invoice' });
});

const FAST = { requestsPerSecond: 100 };

describe('the next vendor answers when the one before cannot', () => {
	test.each([
		// [what Juhe does, knobs, requests Juhe gets: retryable failures are retried once first]
		['quota used up (QUOTA_EXCEEDED)', { failWith: { vendorCode: 10012 } }, 1],
		['rate-limited (RATE_LIMITED)', { failWith: { vendorCode: 10011 } }, 2],
		['under maintenance (VENDOR_UNAVAILABLE)', { failWith: { vendorCode: 10020 } }, 2],
		['answering HTTP 500 (VENDOR_UNAVAILABLE)', { fault: 'http500' }, 2],
		['resetting the connection (NETWORK_ERROR)', { fault: 'reset' }, 2],
	] as const)('juhe %s → xinhuo', async (_, knobs, juheRequests) => {
		fakes.juhe.configure(knobs);
		const { success, errors, pairedItems } = await runOcr(fakes, ['juhe', 'xinhuo'], {
			parameters: { options: { ...FAST, maxRetries: 1 } },
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		expect(success[0]).toMatchObject({ vendor: 'xinhuo', invoiceType: 'vat_roll' });
		expect(pairedItems).toEqual([{ item: 0 }]);
		// Juhe was asked (and retried only when its failure is retryable), then Xinhuo once.
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(juheRequests);
		expect(ocrRequests(fakes, 'juhe').every((request) => request.authOk)).toBe(true);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(1);
		expect(ocrRequests(fakes, 'xinhuo')[0].authOk).toBe(true);
	});

	test('a hung vendor is passed over once its timeout expires', async () => {
		fakes.volcengine.configure({ fault: 'hang' });
		const { success, errors } = await runOcr(fakes, ['volcengine', 'jumdata'], {
			parameters: { options: { ...FAST, timeout: 1 } },
		});
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.vendor)).toEqual(['jumdata']);
		expect(ocrRequests(fakes, 'volcengine')).toHaveLength(1);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
	});

	test('three vendors: the third answers after two fail, signed requests to each', async () => {
		fakes.volcengine.configure({ failWith: { vendorCode: '50429' } });
		fakes.jumdata.configure({ fault: 'http500' });
		const { success, errors, sent } = await runOcr(fakes, ['volcengine', 'jumdata', 'webank'], {
			parameters: { options: FAST },
		});
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.vendor)).toEqual(['webank']);
		expect(sent.map((request) => request.typeName)).toEqual(['volcengineApi', 'jumdataApi', 'webankApi']);
		expect(ocrRequests(fakes, 'volcengine')[0].authOk).toBe(true);
		expect(ocrRequests(fakes, 'jumdata')[0].authOk).toBe(true);
	});
});

describe('other answers are final', () => {
	test('the first vendor answering means no other vendor is asked', async () => {
		const { success } = await runOcr(fakes, ['juhe', 'xinhuo'], { parameters: { options: FAST } });
		expect(success.map((invoice) => invoice.vendor)).toEqual(['juhe']);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
	});

	test('a rejected key stays visible: AUTH_FAILED, no fallback', async () => {
		const { success, errors } = await runOcr(fakes, ['juhe', 'xinhuo'], {
			parameters: { options: FAST },
			credentials: { apiKey: 'not-the-key' },
		});
		expect(success).toEqual([]);
		expect(errors).toEqual([{ error: expect.objectContaining({ code: 'AUTH_FAILED', vendor: 'juhe' }) }]);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
	});

	test('an unreadable image is not sent on to the next vendor', async () => {
		const { errors } = await runOcr(fakes, ['juhe', 'xinhuo'], {
			parameters: { options: FAST },
			items: [fileItem(samples.tinyPng(), 'tiny.png', 'image/png')],
		});
		expect(errors).toEqual([{ error: expect.objectContaining({ code: 'IMAGE_UNREADABLE', vendor: 'juhe' }) }]);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
	});

	test('when every vendor fails, the last failure is reported and names the vendors tried before', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
		fakes.xinhuo.configure({ failWith: { vendorCode: 40002 } });
		const { success, errors } = await runOcr(fakes, ['juhe', 'xinhuo'], { parameters: { options: FAST } });
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		const error = errors[0].error as Record<string, unknown>;
		expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', vendor: 'xinhuo', vendorCode: '40002' });
		expect(error.message).toMatch(/Tried before: Juhe \(QUOTA_EXCEEDED\)\.$/);
		expect(Object.keys(errors[0])).toEqual(['error']);
	});
});

describe('vendors that cannot take the input are passed over without a request', () => {
	test('a BMP skips Juhe (PNG/JPEG only) and goes to Volcengine', async () => {
		const { success, errors } = await runOcr(fakes, ['juhe', 'volcengine'], {
			parameters: { options: FAST },
			items: [fileItem(samples.bmp(), 'invoice.bmp', 'image/bmp')],
		});
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.vendor)).toEqual(['volcengine']);
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
	});

	test('a URL skips vendors that cannot download and goes to Jumdata', async () => {
		const server = await serveFiles({ '/invoice.png': { body: samples.png(), contentType: 'image/png' } });
		try {
			const { success, errors } = await runOcr(fakes, ['juhe', 'xinhuo', 'jumdata'], {
				parameters: { inputType: 'url', url: `${server.url}/invoice.png`, options: FAST },
				items: [{ json: {} }],
			});
			expect(errors).toEqual([]);
			expect(success.map((invoice) => invoice.vendor)).toEqual(['jumdata']);
			expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
			expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
		} finally {
			await server.close();
		}
	});

	test('a URL with no vendor able to download it fails before sending', async () => {
		const { errors } = await runOcr(fakes, ['juhe', 'xinhuo'], {
			parameters: { inputType: 'url', url: 'http://127.0.0.1:9/invoice.png' },
			items: [{ json: {} }],
		});
		expect(errors).toEqual([{ error: expect.objectContaining({ code: 'INVALID_INPUT' }) }]);
		expect((errors[0].error as Record<string, string>).message).toContain('Juhe, Xinhuo cannot download');
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
	});
});

describe('batches', () => {
	test('items keep input order and pairing while some fall back; each vendor keeps its own pace', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012, times: 2 } });
		const items = Array.from({ length: 6 }, () => pngItem());
		const { success, errors, pairedItems } = await runOcr(fakes, ['juhe', 'xinhuo'], {
			parameters: { options: { concurrency: 1, requestsPerSecond: 100 } },
			items,
		});
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.vendor)).toEqual(['xinhuo', 'xinhuo', 'juhe', 'juhe', 'juhe', 'juhe']);
		expect(pairedItems).toEqual(items.map((_, item) => ({ item })));
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(6);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(2);
	});

	test('the vendor listed twice is asked once', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
		const { errors } = await runOcr(fakes, ['juhe', 'juhe'], { parameters: { options: FAST } });
		expect(errors).toEqual([{ error: expect.objectContaining({ code: 'QUOTA_EXCEEDED', vendor: 'juhe' }) }]);
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
	});
});

describe('configuration mistakes fail each item clearly and send nothing', () => {
	const runChain = async (vendors: unknown, credentialVendors: VendorName[]) => {
		const result = await runWorkflow({
			node: {
				name: 'Invoice OCR',
				type: 'invoiceOcr',
				parameters: { vendor: 'fallbackChain', vendors, inputType: 'binary', binaryPropertyName: 'data' },
				credentials: Object.fromEntries(
					credentialVendors.map((name) => [CREDENTIAL_TYPE[name], { id: name, name }]),
				),
				onError: 'continueErrorOutput',
			},
			items: [pngItem(), pngItem()],
			credentials: Object.assign({}, ...credentialVendors.map((name) => credentialsFor(fakes, name))),
		});
		const outputs = result.outputs['Invoice OCR'] ?? [];
		return { success: outputs[0] ?? [], errors: outputs[1] ?? [] };
	};

	// A listed vendor without a credential is not a mistake of the whole list: it fails as AUTH_FAILED
	// when its turn comes and the chain goes on (missing-credential.test.ts).
	test('no vendor listed: n8n refuses to run the node', async () => {
		await expect(runChain([], [])).rejects.toThrow('Parameter "Vendors, in Order" is required');
	});

	test('an expression that lists no vendor', async () => {
		const { errors } = await runChain('={{ [] }}', []);
		expect(errors).toHaveLength(2);
		expect((errors[0].json.error as Record<string, string>).message).toContain('No vendor is listed');
	});
});

test('no secret of any listed vendor appears in the output', async () => {
	fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
	fakes.xinhuo.configure({ failWith: { vendorCode: 40002 } });
	const { success, errors } = await runOcr(fakes, ['juhe', 'xinhuo', 'volcengine'], {
		parameters: { options: FAST },
	});
	expect(success.map((invoice) => invoice.vendor)).toEqual(['volcengine']);
	expect(errors).toEqual([]);
	const text = JSON.stringify(success);
	for (const secret of [
		FAKE_CREDENTIALS.juhe.apiKey,
		FAKE_CREDENTIALS.xinhuo.token,
		FAKE_CREDENTIALS.volcengine.secretAccessKey,
		FAKE_CREDENTIALS.volcengine.accessKeyId,
	]) {
		expect(text).not.toContain(secret);
	}
});
