/**
 * Review issue 13, through n8n's WorkflowExecute and the fakes over real HTTP: secrets a vendor
 * echoes back are cut out; redirects are refused (not followed with the key in the body); any 429
 * is a rate limit whose Retry-After is honored; option values from expressions are checked; the
 * stop error is the first failing item's and carries no contract code as its HTTP status; base
 * URLs are trimmed and named when they are no URL.
 */
import type { IExecuteFunctions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { forgetLearnedRates } from '../../nodes/shared/execution/rateControl';
import { FAKE_CREDENTIALS, startRecorder } from '../fakes';
import type { AllFakes, RecorderHandle } from '../fakes';
import { runWorkflow, testCredential } from '../harness/engine';
import { credentialsFor, fileItem, ocrRequests, pngItem, registryInvoice, runOcr, runVerify, samples, withFakes } from './support';

const REDACTED = '[redacted]';
const JUHE_KEY = FAKE_CREDENTIALS.juhe.apiKey;

let fakes: AllFakes;
let recorder: RecorderHandle;
beforeAll(async () => {
	fakes = await withFakes();
	recorder = await startRecorder();
});
afterAll(async () => {
	await fakes.closeAll();
	await recorder.close();
});
beforeEach(() => {
	// Each test models a fresh vendor account: rates learned in an earlier test do not carry over.
	forgetLearnedRates();
	for (const fake of [fakes.juhe, fakes.volcengine, fakes.jumdata, fakes.xinhuo, fakes.webank]) fake.reset();
	recorder.reset();
});

const errorOf = (json: Record<string, unknown>) => json.error as Record<string, unknown>;
const stopError = (run: { data: { resultData: { error?: unknown } } }) =>
	run.data.resultData.error as unknown as {
		message: string;
		description?: string;
		httpCode?: string | null;
		context?: { itemIndex?: number };
	};

describe('1. a secret the vendor echoes back is cut from everything the node emits', () => {
	test('Juhe: 错误的请求KEY(<key>) keeps its words, the key is [redacted] in vendorMessage', async () => {
		fakes.juhe.configure({ echo: 'error' });
		const { errors, run } = await runOcr(fakes, 'juhe');
		expect(errorOf(errors[0])).toMatchObject({ code: 'AUTH_FAILED', vendorMessage: `错误的请求KEY(${REDACTED})` });
		expect(JSON.stringify(run.data)).not.toContain(JUHE_KEY);
	});

	test('Juhe, Stop Workflow: the stopping error and its description hold no key', async () => {
		fakes.juhe.configure({ echo: 'error' });
		const { run } = await runOcr(fakes, 'juhe', { onError: 'stopWorkflow' });
		const error = stopError(run);
		expect(error.description).toContain(`错误的请求KEY(${REDACTED})`);
		expect(JSON.stringify(error)).not.toContain(JUHE_KEY);
	});

	test('Juhe, Simplify off: `raw` quotes the form with the key [redacted] (form-encoded echo)', async () => {
		fakes.juhe.configure({ echo: 'success' });
		const { success } = await runOcr(fakes, 'juhe', { parameters: { simplify: false } });
		expect((success[0].raw as Record<string, unknown>).echo).toBe(`key=${REDACTED}`);
		expect(JSON.stringify(success)).not.toContain(JUHE_KEY);
	});

	test('Xinhuo: a token with quotes, backslash, slash and non-ASCII is cut in its JSON-escaped form too', async () => {
		const token = 'tok"en\\with/slash-ü-0f9c58e2a61b';
		fakes.xinhuo.configure({ echo: 'error' });
		const { errors, run } = await runOcr(fakes, 'xinhuo', { credentials: { token } });
		expect(errorOf(errors[0]).vendorMessage).toBe(`App key or app secret invalid: ${REDACTED}`);
		const text = JSON.stringify(run.data);
		for (const form of [token, JSON.stringify(token).slice(1, -1), 'slash-ü-0f9c58e2a61b']) {
			expect(text).not.toContain(form);
		}
	});

	test('Jumdata: the appId and the computed sign (which the node never sees) are cut', async () => {
		fakes.jumdata.configure({ echo: 'error' });
		const { errors } = await runOcr(fakes, 'jumdata');
		const sign = String(ocrRequests(fakes, 'jumdata')[0].body?.sign);
		expect(sign).toMatch(/^[0-9a-f]{64}$/);
		const vendorMessage = String(errorOf(errors[0]).vendorMessage);
		expect(vendorMessage).toMatch(/^签名错误\(appId=\[redacted\]&timestamp=\d+&sign=\[redacted\]\)$/);
		expect(JSON.stringify(errors)).not.toContain(sign);
	});

	test('Volcengine: the access key ID and the signature in an echoed Authorization header are cut', async () => {
		fakes.volcengine.configure({ echo: 'error' });
		const { errors } = await runOcr(fakes, 'volcengine');
		const vendorMessage = String(errorOf(errors[0]).vendorMessage);
		expect(vendorMessage).toContain(`Credential=${REDACTED}/`);
		expect(vendorMessage).toMatch(/Signature=\[redacted\]$/);
		expect(vendorMessage).not.toContain(FAKE_CREDENTIALS.volcengine.accessKeyId);
	});

	test('WeBank has no secret: what it echoes (the request id) is kept as it is', async () => {
		fakes.webank.configure({ echo: 'error' });
		const { errors } = await runOcr(fakes, 'webank');
		expect(String(errorOf(errors[0]).vendorMessage)).toMatch(/^参数错误\(request_id=n8n-.+-0\)$/);
	});
});

/** A node calling n8n's httpRequestWithAuthentication the ordinary way (redirects followed). */
class PlainAuthenticatedPost implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Plain Authenticated Post',
		name: 'plainAuthenticatedPost',
		group: ['transform'],
		version: 1,
		description: 'Posts a Juhe form with the credential, as any node would',
		defaults: { name: 'Plain Post' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'juheApi', required: true }],
		properties: [],
	};

	async execute(this: IExecuteFunctions) {
		const response = (await this.helpers.httpRequestWithAuthentication.call(this, 'juheApi', {
			method: 'POST',
			url: '/vat_roll_invoice_ocr/query',
			body: { image_base64: 'aGVsbG8=' },
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			encoding: 'text',
			json: false,
		})) as { statusCode: number };
		return [[{ json: { statusCode: response.statusCode } }]];
	}
}

describe('2. redirects are refused, never followed with the key in the body', () => {
	test('control: n8n follows a 307 by default and re-sends the form, key included, to the new host', async () => {
		fakes.juhe.configure({ fault: { type: 'redirect', status: 307, to: recorder.url } });
		const result = await runWorkflow({
			node: {
				name: 'Plain Post',
				type: 'test.plainAuthenticatedPost',
				credentials: { juheApi: { id: '1', name: 'juhe' } },
			},
			extraNodeTypes: { 'test.plainAuthenticatedPost': new PlainAuthenticatedPost() },
			credentials: credentialsFor(fakes, 'juhe'),
		});
		expect(result.outputs['Plain Post'][0][0].json).toEqual({ statusCode: 200 });
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0].body).toContain(`key=${JUHE_KEY}`);
	});

	test.each([301, 302, 307, 308] as const)(
		'HTTP %i: the item fails VENDOR_UNAVAILABLE, not retried, naming the new address and the base URL to set; the target gets nothing',
		async (status) => {
			fakes.juhe.configure({ fault: { type: 'redirect', status, to: recorder.url } });
			const { errors } = await runOcr(fakes, 'juhe', { parameters: { options: { maxRetries: 2 } } });
			const error = errorOf(errors[0]);
			expect(error).toMatchObject({
				code: 'VENDOR_UNAVAILABLE',
				retryable: false,
				vendorCode: String(status),
				vendorMessage: `Location: ${recorder.url}/vat_roll_invoice_ocr/query`,
			});
			expect(error.message).toContain(`redirect to ${recorder.url}/vat_roll_invoice_ocr/query`);
			expect(error.message).toContain(`set the credential's Base URL to ${recorder.url}.`);
			expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
			expect(recorder.requests).toEqual([]);
		},
	);

	test('the credential Test does not follow a redirect either, and says what to fix', async () => {
		fakes.juhe.configure({ fault: { type: 'redirect', status: 307, to: recorder.url } });
		const result = await testCredential('juheApi', { ...FAKE_CREDENTIALS.juhe, baseUrl: fakes.juhe.url });
		expect(result.status).toBe('Error');
		expect(result.message).toContain('redirect (HTTP 307)');
		expect(result.message).toContain('Base URL');
		expect(recorder.requests).toEqual([]);
	});

	test('WeBank verification: a redirect names the Verification Base URL', async () => {
		fakes.webank.configure({ fault: { type: 'redirect', status: 308, to: recorder.url } });
		const { errors } = await verifyOnce({});
		expect(errorOf(errors[0])).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: false });
		expect(String(errorOf(errors[0]).message)).toContain(`Verification Base URL to ${recorder.url}`);
		expect(recorder.requests).toEqual([]);
	});
});

describe('3. any HTTP 429 is a rate limit, and its Retry-After is honored', () => {
	// No wait budget: a rate-limited answer is the call's outcome, retried within Max Retries only.
	const ONE_ANSWER = { rateLimitWaitBudget: 0 };

	test('the retry waits the Retry-After (1 s) even though the backoff alone would be shorter', async () => {
		fakes.juhe.configure({ fault: { type: 'gateway429', times: 1, retryAfter: '1' } });
		const { success, errors } = await runOcr(fakes, 'juhe', { parameters: { options: { ...ONE_ANSWER, maxRetries: 1 } } });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		const [first, retry] = ocrRequests(fakes, 'juhe');
		expect(retry.at - first.at).toBeGreaterThanOrEqual(990);
	});

	test('an HTTP-date Retry-After counts too; the message says how long the vendor asked to wait', async () => {
		const inTwoSeconds = new Date(Date.now() + 2500).toUTCString();
		fakes.juhe.configure({ fault: { type: 'gateway429', retryAfter: inTwoSeconds } });
		const { errors } = await runOcr(fakes, 'juhe', { parameters: { options: ONE_ANSWER } });
		expect(String(errorOf(errors[0]).message)).toMatch(/asked to wait [1-3] s \(Retry-After\)/);
	});

	test("a vendor's own rate-limit answer at 429 keeps its code (Volcengine 50429)", async () => {
		fakes.volcengine.configure({ qpsCap: 1 });
		const { errors } = await runOcr(fakes, 'volcengine', {
			items: [pngItem(), pngItem()],
			parameters: { options: { ...ONE_ANSWER, concurrency: 2, requestsPerSecond: 100 } },
		});
		expect(errors.map(errorOf)).toEqual([expect.objectContaining({ code: 'RATE_LIMITED', vendorCode: '50429' })]);
	});

	test('Verify Invoice: a gateway 429 is RATE_LIMITED and the retry waits its Retry-After', async () => {
		fakes.webank.configure({ fault: { type: 'gateway429', body: 'html', times: 1, retryAfter: '1' } });
		const { errors, success } = await verifyOnce({ maxRetries: 1 });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		const [first, retry] = fakes.webank.requests.filter((request) => request.path === '/ocr_invoice/verify');
		expect(retry.at - first.at).toBeGreaterThanOrEqual(990);
	});
});

describe('4. options from expressions are checked', () => {
	test('Requests per Second -1 fails the node naming the option and the value; nothing is sent', async () => {
		const { run } = await runOcr(fakes, 'juhe', {
			items: [pngItem(), pngItem()],
			parameters: { options: { requestsPerSecond: -1 } },
		});
		const error = stopError(run);
		expect(error.message).toContain('"Requests per Second" is -1');
		expect(ocrRequests(fakes, 'juhe')).toEqual([]);
	});

	test('Parallel Requests "many" fails the node the same way', async () => {
		const { run } = await runOcr(fakes, 'juhe', { parameters: { options: { concurrency: 'many' } } });
		expect(stopError(run).message).toContain('"Parallel Requests" is "many"');
	});

	test('a non-numeric Timeout fails each item as INVALID_INPUT naming it; nothing is sent', async () => {
		const { errors } = await runOcr(fakes, 'juhe', {
			items: [pngItem(), pngItem()],
			parameters: { options: { timeout: 'soon' } },
		});
		expect(errors.map(errorOf)).toEqual([
			expect.objectContaining({ code: 'INVALID_INPUT', retryable: false }),
			expect.objectContaining({ code: 'INVALID_INPUT', retryable: false }),
		]);
		expect(String(errorOf(errors[0]).message)).toContain('"Timeout (Seconds)" is "soon"');
		expect(ocrRequests(fakes, 'juhe')).toEqual([]);
	});

	test('Timeout 0 is the default 30 s, not 1 s: a vendor answering in 1.5 s is waited for', async () => {
		fakes.juhe.configure({ latencyMs: 1500 });
		const { success, errors } = await runOcr(fakes, 'juhe', { parameters: { options: { timeout: 0 } } });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
	});

	test('Verify Invoice: a non-numeric Timeout or negative Max Retries fails the item, nothing is sent', async () => {
		for (const options of [{ timeout: 'x' }, { maxRetries: -1 }]) {
			const { errors } = await verifyOnce(options);
			expect(errorOf(errors[0])).toMatchObject({ code: 'INVALID_INPUT' });
			expect(String(errorOf(errors[0]).message)).toMatch(/"(Timeout \(Seconds\)|Max Retries)" is/);
		}
		expect(fakes.webank.requests).toEqual([]);
	});
});

describe('10. the stop error, base URLs', () => {
	test('the stopping NodeApiError shows no contract code as its HTTP status', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: '10012' } });
		const { run } = await runOcr(fakes, 'juhe', { onError: 'stopWorkflow' });
		const error = stopError(run);
		expect(error.httpCode ?? null).toBeNull();
		expect(error.description).toContain('Error code QUOTA_EXCEEDED.');
	});

	test('Stop Workflow reports the first failing item in input order, even when a later one failed sooner', async () => {
		// Item 0 gets a 500 (retryable, so it waits to retry); item 1 is too large and fails at once.
		fakes.juhe.configure({ fault: { type: 'http500', times: 1 } });
		const big = samples.png({ padToBytes: 2.4 * 1024 * 1024 });
		const { run } = await runOcr(fakes, 'juhe', {
			items: [pngItem(), fileItem(big, 'scan.png', 'image/png')],
			onError: 'stopWorkflow',
			parameters: { options: { maxRetries: 1, concurrency: 2, requestsPerSecond: 100 } },
		});
		const error = stopError(run);
		expect(error.description).toContain('VENDOR_UNAVAILABLE');
		expect(error.context?.itemIndex).toBe(0);
		// Nothing new starts after the failure: item 0 is not retried.
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
	});

	test('a base URL with a trailing space works, in the node and in the credential Test', async () => {
		const baseUrl = `${fakes.juhe.url} `;
		const { success, errors } = await runOcr(fakes, 'juhe', { credentials: { baseUrl } });
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		expect(await testCredential('juheApi', { ...FAKE_CREDENTIALS.juhe, baseUrl })).toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
	});

	test('a base URL that is no URL fails INVALID_INPUT naming the credential field', async () => {
		const { errors } = await runOcr(fakes, 'juhe', { credentials: { baseUrl: 'apis.juhe.cn' } });
		expect(errorOf(errors[0])).toMatchObject({ code: 'INVALID_INPUT', retryable: false, vendor: 'juhe' });
		expect(String(errorOf(errors[0]).message)).toContain('The credential\'s Base URL "apis.juhe.cn" is not an http(s) URL.');
	});
});

/** Verify Invoice on one genuine invoice from the WeBank fake's registry. */
async function verifyOnce(options: Record<string, unknown>) {
	return await runVerify(fakes, [registryInvoice(fakes)], { options: { maxRetries: 0, ...options } });
}
