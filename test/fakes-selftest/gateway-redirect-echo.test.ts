// Self-test of the fakes' review-issue-13 knobs over real HTTP: a gateway's 429 (JSON, HTML,
// empty, with Retry-After), a redirect to another origin, an answer that echoes the request's
// secrets, and the recorder that stands in for a redirect's target.

import { FAKE_CREDENTIALS, clients, samples, startAllFakes, startRecorder } from '../fakes';
import type { AllFakes, HttpCall, RecorderHandle, VendorName } from '../fakes';

const VENDORS: VendorName[] = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'];
const PNG = samples.png().toString('base64');

let fakes: AllFakes;
let recorder: RecorderHandle;
beforeAll(async () => {
	fakes = await startAllFakes();
	recorder = await startRecorder();
});
afterAll(async () => {
	await fakes.closeAll();
	await recorder.close();
});
beforeEach(() => {
	for (const vendor of VENDORS) fakes[vendor].reset();
	recorder.reset();
});

function validCall(vendor: VendorName): HttpCall {
	return clients.ocrRequest(vendor, fakes[vendor].url, PNG, 'req-echo-1');
}

async function send(call: HttpCall, init: RequestInit = {}) {
	const response = await fetch(call.url, { ...call.init, ...init });
	const text = await response.text();
	let body: unknown = null;
	try {
		body = JSON.parse(text);
	} catch {
		body = null;
	}
	return { status: response.status, headers: response.headers, text, body };
}

describe('knob validation', () => {
	test.each([
		[{ fault: { type: 'redirect' } }, /needs `to`/],
		[{ fault: { type: 'redirect', to: 'http://127.0.0.1:1/path' } }, /needs `to`/],
		[{ fault: { type: 'redirect', status: 304, to: 'http://127.0.0.1:1' } }, /fault.status must be one of/],
		[{ fault: { type: 'gateway429', body: 'xml' } }, /fault.body must be one of/],
		[{ echo: 'loudly' }, /echo must be one of/],
	])('%j is refused', (knobs, message) => {
		expect(() => fakes.juhe.configure(knobs as never)).toThrow(message);
	});
});

describe('gateway429', () => {
	test.each([
		['json', 'application/json', '{"message":"API rate limit exceeded"}'],
		['html', 'text/html', '429 Too Many Requests'],
		['empty', 'text/html', ''],
	] as const)('%s: HTTP 429 with %s, none of the vendor envelope', async (body, contentType, text) => {
		fakes.volcengine.configure({ fault: { type: 'gateway429', body, retryAfter: '7' } });
		const answer = await send(validCall('volcengine'));
		expect(answer.status).toBe(429);
		expect(answer.headers.get('content-type')).toContain(contentType);
		expect(answer.headers.get('retry-after')).toBe('7');
		if (text === '') expect(answer.text).toBe('');
		else expect(answer.text).toContain(text);
		expect(fakes.volcengine.requests[0]).toMatchObject({ fault: 'gateway429', status: 429 });
	});

	test('without retryAfter no Retry-After header is sent', async () => {
		fakes.juhe.configure({ fault: 'gateway429' });
		const answer = await send(validCall('juhe'));
		expect([answer.status, answer.headers.get('retry-after')]).toEqual([429, null]);
	});
});

describe('redirect', () => {
	test.each([301, 302, 303, 307, 308] as const)('%i points at the same path and query on `to`', async (status) => {
		fakes.volcengine.configure({ fault: { type: 'redirect', status, to: recorder.url } });
		const answer = await send(validCall('volcengine'), { redirect: 'manual' });
		expect(answer.status).toBe(status);
		expect(answer.headers.get('location')).toBe(`${recorder.url}/?Action=OcrRollInvoice&Version=2021-08-23`);
		expect(recorder.requests).toEqual([]);
	});

	test('the recorder records what a client that follows a 307 re-sends (the key in the form)', async () => {
		fakes.juhe.configure({ fault: { type: 'redirect', status: 307, to: recorder.url } });
		const answer = await send(validCall('juhe'));
		expect([answer.status, answer.body]).toEqual([200, {}]);
		expect(recorder.requests).toHaveLength(1);
		expect(recorder.requests[0]).toMatchObject({ method: 'POST', url: '/vat_roll_invoice_ocr/query' });
		expect(recorder.requests[0].body).toContain(`key=${FAKE_CREDENTIALS.juhe.apiKey}`);
	});
});

describe('echo', () => {
	test('juhe: 10001 with the key in the reason, or `echo` holding the form without the image', async () => {
		fakes.juhe.configure({ echo: { as: 'error', times: 1 } });
		expect((await send(validCall('juhe'))).body).toMatchObject({
			error_code: 10001,
			reason: `错误的请求KEY(${FAKE_CREDENTIALS.juhe.apiKey})`,
		});
		fakes.juhe.configure({ echo: 'success' });
		const success = (await send(validCall('juhe'))).body as Record<string, unknown>;
		expect(success).toMatchObject({ error_code: 0, echo: `key=${FAKE_CREDENTIALS.juhe.apiKey}` });
		expect(fakes.juhe.requests.map((request) => request.answeredBy)).toEqual(['echo', 'echo']);
	});

	test('volcengine: SignatureDoesNotMatch quoting the Authorization header', async () => {
		fakes.volcengine.configure({ echo: 'error' });
		const call = validCall('volcengine');
		const answer = await send(call);
		expect(answer.status).toBe(401);
		const message = String((answer.body as { ResponseMetadata: { Error: { Message: string } } }).ResponseMetadata.Error.Message);
		expect(message).toContain(`Authorization: ${call.init.headers.Authorization}`);
	});

	test('jumdata: 签名错误 quoting appId, timestamp and sign', async () => {
		fakes.jumdata.configure({ echo: 'error' });
		const answer = await send(validCall('jumdata'));
		expect(answer.body).toMatchObject({ code: 400 });
		expect(String((answer.body as { msg: string }).msg)).toMatch(
			new RegExp(`^签名错误\\(appId=${FAKE_CREDENTIALS.jumdata.appId}&timestamp=\\d+&sign=[0-9a-f]{64}\\)$`),
		);
	});

	test('xinhuo: 40110 with the token, or `echo: { token }` in a success', async () => {
		fakes.xinhuo.configure({ echo: { as: 'error', times: 1 } });
		expect((await send(validCall('xinhuo'))).body).toEqual({
			code: 40110,
			message: `App key or app secret invalid: ${FAKE_CREDENTIALS.xinhuo.token}`,
		});
		fakes.xinhuo.configure({ echo: 'success' });
		expect((await send(validCall('xinhuo'))).body).toMatchObject({ code: 200, echo: { token: FAKE_CREDENTIALS.xinhuo.token } });
	});

	test('webank: no secret to quote, so the request id', async () => {
		fakes.webank.configure({ echo: 'error' });
		expect((await send(validCall('webank'))).body).toMatchObject({ error: 2, msg: '参数错误(request_id=req-echo-1)' });
	});

	test('times: the echo applies to the next N requests, then answers are normal again', async () => {
		fakes.xinhuo.configure({ echo: { as: 'error', times: 1 } });
		await send(validCall('xinhuo'));
		expect(fakes.xinhuo.config.echo).toBeNull();
		expect((await send(validCall('xinhuo'))).body).toMatchObject({ code: 200 });
	});
});
