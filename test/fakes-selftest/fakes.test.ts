// Self-test of the fake vendor servers: real HTTP against each fake, proving the documented
// protocol, the real auth checks, the limits, every knob and fault, and the Volcengine verifier
// against the official test vector.

import {
	FAKE_CREDENTIALS,
	clients,
	inspectFile,
	samples,
	signVolcengineRequest,
	startAllFakes,
	startFake,
	verifyVolcengineSignature,
} from '../fakes';
import type { AllFakes, FakeHandle, HttpCall, VendorName } from '../fakes';
import juheDoc from '../fixtures/vendors/juhe/doc-example.json';
import jumdataDoc from '../fixtures/vendors/jumdata/doc-example.json';
import volcengineDoc from '../fixtures/vendors/volcengine/doc-example.json';
import webankDoc from '../fixtures/vendors/webank/doc-example.json';
import xinhuoDoc from '../fixtures/vendors/xinhuo/doc-example.json';
import xinhuoRoll from '../fixtures/vendors/xinhuo/fake-roll-invoice.json';

interface Answer {
	status: number;
	contentType: string;
	text: string;
	body: unknown;
}

/** Reads a nested value by dot path ("ResponseMetadata.Error.Code"); undefined when absent. */
function get(value: unknown, path: string): unknown {
	let current = value;
	for (const key of path.split('.')) {
		if (current === null || typeof current !== 'object') return undefined;
		current = (current as Record<string, unknown>)[key];
	}
	return current;
}

async function send(call: HttpCall): Promise<Answer> {
	const response = await fetch(call.url, call.init);
	const text = await response.text();
	// A fake that crashed says why in its 500 answer: fail with that, not with a bare status.
	if (response.status === 500 && text.startsWith('Fake ')) throw new Error(text);
	let body: unknown = null;
	try {
		body = JSON.parse(text);
	} catch {
		body = null;
	}
	return {
		status: response.status,
		contentType: response.headers.get('content-type') ?? '',
		text,
		body,
	};
}

const b64 = (bytes: Buffer) => bytes.toString('base64');
const PNG = b64(samples.png({ marker: 'selftest-plain' }));
const TINY = b64(samples.tinyPng());
const GIF = b64(samples.gif());
const MiB = 1024 * 1024;

let fakes: AllFakes;

beforeAll(async () => {
	fakes = await startAllFakes();
});

afterAll(async () => {
	await fakes.closeAll();
});

afterEach(() => {
	for (const vendor of ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'] as const)
		fakes[vendor].reset();
});

/** A request each vendor answers with success, given a base64 image and optional bad secret. */
function validCall(vendor: VendorName, image = PNG): HttpCall {
	return clients.ocrRequest(vendor, fakes[vendor].url, image);
}

describe('Volcengine signature verifier', () => {
	// Official vector: volcengine doc 6369/67270 (iam ListUsers), research notes §1.3.
	const AK = 'AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE';
	const SK = 'TnpCak5XWXpZV1U0WkRaaE5ERmxaR0ZpTmpjeVkyUXlZek0wTWpJMU1qWQ==';
	const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
	const OFFICIAL_SIGNATURE = '28eeabbbd726b87002e0fe58ad8c1c768e619b06e2646f35b6ad7ed029a6d8a7';
	const vectorRequest = (signature = OFFICIAL_SIGNATURE) => ({
		method: 'GET',
		url: '/?Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
		headers: {
			Host: 'iam.volcengineapi.com',
			'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
			'X-Date': '20201230T081805Z',
			'X-Content-Sha256': EMPTY_SHA256,
			Authorization:
				`HMAC-SHA256 Credential=${AK}/20201230/cn-north-1/iam/request, ` +
				`SignedHeaders=content-type;host;x-content-sha256;x-date, Signature=${signature}`,
		},
	});
	const vectorTime = Date.UTC(2020, 11, 30, 8, 18, 5);

	it('accepts the official vector and rebuilds its canonical request', () => {
		const result = verifyVolcengineSignature(
			vectorRequest(),
			'',
			{ [AK]: SK },
			{ maxSkewMs: Infinity },
		);
		expect(result.ok).toBe(true);
		expect(result.expectedSignature).toBe(OFFICIAL_SIGNATURE);
		expect(result.canonicalRequest).toBe(
			[
				'GET',
				'/',
				'Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
				'content-type:application/x-www-form-urlencoded; charset=utf-8',
				'host:iam.volcengineapi.com',
				`x-content-sha256:${EMPTY_SHA256}`,
				'x-date:20201230T081805Z',
				'',
				'content-type;host;x-content-sha256;x-date',
				EMPTY_SHA256,
			].join('\n'),
		);
	});

	it('signs the official vector to the official signature', () => {
		const headers = signVolcengineRequest({
			method: 'GET',
			url: 'https://iam.volcengineapi.com/?Action=ListUsers&Limit=10&Offset=0&Version=2018-01-01',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8' },
			accessKeyId: AK,
			secretAccessKey: SK,
			region: 'cn-north-1',
			service: 'iam',
			date: new Date(vectorTime),
		});
		expect(headers.Authorization).toContain(`Signature=${OFFICIAL_SIGNATURE}`);
		expect(headers['X-Date']).toBe('20201230T081805Z');
	});

	it('rejects a changed signature, a wrong secret, an unknown key, a stale date and a changed body', () => {
		const altered = OFFICIAL_SIGNATURE.replace(/.$/, '0');
		const options = { maxSkewMs: Infinity };
		expect(verifyVolcengineSignature(vectorRequest(altered), '', { [AK]: SK }, options).code).toBe(
			'SignatureDoesNotMatch',
		);
		expect(verifyVolcengineSignature(vectorRequest(), '', { [AK]: `${SK}x` }, options).code).toBe(
			'SignatureDoesNotMatch',
		);
		expect(verifyVolcengineSignature(vectorRequest(), '', { other: SK }, options).code).toBe(
			'InvalidAccessKey',
		);
		expect(
			verifyVolcengineSignature(
				vectorRequest(),
				'',
				{ [AK]: SK },
				{ now: vectorTime + 16 * 60 * 1000 },
			).code,
		).toBe('InvalidTimestamp');
		expect(verifyVolcengineSignature(vectorRequest(), 'x', { [AK]: SK }, options).code).toBe(
			'SignatureDoesNotMatch',
		);
		expect(
			verifyVolcengineSignature(vectorRequest(), '', { [AK]: SK }, { ...options, service: 'cv' })
				.code,
		).toBe('SignatureDoesNotMatch');
	});
});

describe('Juhe fake', () => {
	it('serves the doc example to the right key, in the form body or the query string', async () => {
		const answer = await send(validCall('juhe'));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual(juheDoc);

		const call = clients.juheRequest(fakes.juhe.url, { imageBase64: PNG });
		const body = new URLSearchParams(call.init.body);
		body.delete('key');
		const viaQuery = await send({
			url: `${call.url}?key=${FAKE_CREDENTIALS.juhe.apiKey}`,
			init: { ...call.init, body: body.toString() },
		});
		expect(get(viaQuery.body, 'error_code')).toBe(0);
	});

	it('answers a wrong key with 10001 and legacy resultcode 101, HTTP 200', async () => {
		const answer = await send(
			clients.juheRequest(fakes.juhe.url, { imageBase64: PNG, key: 'f'.repeat(32) }),
		);
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			resultcode: '101',
			reason: '错误的请求KEY',
			result: null,
			error_code: 10001,
		});
		expect(fakes.juhe.requests[0].authOk).toBe(false);
	});

	it('does not read a key from a JSON body', async () => {
		const answer = await send({
			url: `${fakes.juhe.url}/vat_roll_invoice_ocr/query`,
			init: {
				method: 'POST',
				headers: { 'Content-Type': 'application/json' },
				body: JSON.stringify({ key: FAKE_CREDENTIALS.juhe.apiKey, image_base64: PNG }),
			},
		});
		expect(get(answer.body, 'error_code')).toBe(10001);
	});

	it('answers an unreadable 1-pixel image with 253302', async () => {
		expect(get((await send(validCall('juhe', TINY))).body, 'error_code')).toBe(253302);
	});

	it('accepts PNG and JPEG only', async () => {
		expect(get((await send(validCall('juhe', b64(samples.jpeg())))).body, 'error_code')).toBe(0);
		expect(get((await send(validCall('juhe', GIF))).body, 'error_code')).toBe(253301);
		expect(get((await send(validCall('juhe', b64(samples.bmp())))).body, 'error_code')).toBe(
			253301,
		);
	});

	it('limits the base64 text to 3 MB', async () => {
		const under = b64(samples.png({ padToBytes: 2.2 * MiB }));
		const over = b64(samples.png({ padToBytes: 2.4 * MiB }));
		expect(under.length).toBeLessThanOrEqual(3 * MiB);
		expect(over.length).toBeGreaterThan(3 * MiB);
		expect(get((await send(validCall('juhe', under))).body, 'error_code')).toBe(0);
		expect(get((await send(validCall('juhe', over))).body, 'error_code')).toBe(253301);
	});

	it('refuses base64 whose "+" was not form-encoded (it arrives as a space)', async () => {
		expect(PNG).toContain('+');
		const raw = `key=${FAKE_CREDENTIALS.juhe.apiKey}&image_base64=${PNG}`;
		const answer = await send({
			url: `${fakes.juhe.url}/vat_roll_invoice_ocr/query`,
			init: {
				method: 'POST',
				headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
				body: raw,
			},
		});
		expect(get(answer.body, 'error_code')).toBe(253301);
	});
});

describe('Volcengine fake', () => {
	const vendor = () => fakes.volcengine;

	it('serves the doc example to a correctly signed request', async () => {
		const answer = await send(validCall('volcengine'));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual(volcengineDoc);
		expect(vendor().requests[0].authOk).toBe(true);
	});

	it('answers a wrong secret with the gateway SignatureDoesNotMatch (401)', async () => {
		const answer = await send(
			clients.volcengineRequest(vendor().url, {
				imageBase64: PNG,
				secretAccessKey: 'WRONG' + 'x'.repeat(50),
			}),
		);
		expect(answer.status).toBe(401);
		expect(get(answer.body, 'ResponseMetadata.Error')).toEqual({
			Code: 'SignatureDoesNotMatch',
			CodeN: 100010,
			Message: expect.stringContaining('does not match') as unknown,
		});
		expect(get(answer.body, 'ResponseMetadata.Service')).toBe('cv');
		expect(get(answer.body, 'ResponseMetadata.Region')).toBe('cn-north-1');
		expect(get(answer.body, 'ResponseMetadata.Action')).toBe('OcrRollInvoice');
	});

	it('answers an unknown access key, a missing signature and a stale X-Date', async () => {
		const unknownKey = await send(
			clients.volcengineRequest(vendor().url, {
				imageBase64: PNG,
				accessKeyId: `${FAKE_CREDENTIALS.volcengine.accessKeyId.slice(0, -4)}zzzz`,
			}),
		);
		expect(unknownKey.status).toBe(401);
		expect(get(unknownKey.body, 'ResponseMetadata.Error.Code')).toBe('InvalidAccessKey');

		const unsigned = validCall('volcengine');
		delete unsigned.init.headers.Authorization;
		const missing = await send(unsigned);
		expect(missing.status).toBe(401);
		expect(get(missing.body, 'ResponseMetadata.Error.Code')).toBe('MissingAuthenticationToken');

		const stale = await send(
			clients.volcengineRequest(vendor().url, {
				imageBase64: PNG,
				date: new Date(Date.now() - 20 * 60 * 1000),
			}),
		);
		expect(stale.status).toBe(400);
		expect(get(stale.body, 'ResponseMetadata.Error.Code')).toBe('InvalidTimestamp');
	});

	it('refuses a body changed after signing and a Content-Type changed after signing', async () => {
		const changedBody = validCall('volcengine');
		changedBody.init.body += '&extra=1';
		expect(get((await send(changedBody)).body, 'ResponseMetadata.Error.Code')).toBe(
			'SignatureDoesNotMatch',
		);

		const changedType = validCall('volcengine');
		changedType.init.headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
		expect(get((await send(changedType)).body, 'ResponseMetadata.Error.Code')).toBe(
			'SignatureDoesNotMatch',
		);
	});

	it('answers an unknown action with InvalidActionOrVersion (404)', async () => {
		const answer = await send(
			clients.volcengineRequest(vendor().url, { imageBase64: PNG, action: 'OcrVatInvoice' }),
		);
		expect(answer.status).toBe(404);
		expect(get(answer.body, 'ResponseMetadata.Error.Code')).toBe('InvalidActionOrVersion');
	});

	it('answers the documented service errors with their HTTP statuses', async () => {
		const tiny = await send(validCall('volcengine', TINY));
		expect([tiny.status, get(tiny.body, 'code'), get(tiny.body, 'status')]).toEqual([
			400, 50208, 50208,
		]);
		const gif = await send(validCall('volcengine', GIF));
		expect([gif.status, get(gif.body, 'code')]).toEqual([400, 50207]);
		const large = await send(
			validCall('volcengine', b64(samples.png({ padToBytes: 5 * MiB + 1 }))),
		);
		expect([large.status, get(large.body, 'code')]).toEqual([401, 50205]);
		const none = await send(clients.volcengineRequest(vendor().url, {}));
		expect([none.status, get(none.body, 'code')]).toEqual([400, 50204]);
		expect(get(none.body, 'request_id')).toMatch(/^\d{29}$/);
		expect(get((await send(validCall('volcengine', b64(samples.bmp())))).body, 'code')).toBe(10000);
	});

	it('fetches image_url only from loopback', async () => {
		const files = await clients.startStaticServer({
			'/roll.png': samples.png({ layout: 'roll', width: 200, height: 400 }),
		});
		try {
			const ok = await send(
				clients.volcengineRequest(vendor().url, { imageUrl: `${files.url}/roll.png` }),
			);
			expect(get(ok.body, 'code')).toBe(10000);
			const missing = await send(
				clients.volcengineRequest(vendor().url, { imageUrl: `${files.url}/nope.png` }),
			);
			expect(get(missing.body, 'code')).toBe(50200);
			const remote = await send(
				clients.volcengineRequest(vendor().url, { imageUrl: 'http://example.com/roll.png' }),
			);
			expect([remote.status, get(remote.body, 'code')]).toEqual([400, 50200]);
		} finally {
			await files.close();
		}
	});
});

describe('Jumdata fake', () => {
	const call = (
		fields: Record<string, string>,
		extra: { appSecret?: string; appId?: string; timestamp?: number } = {},
	) => clients.jumdataRequest(fakes.jumdata.url, { fields, ...extra });
	const msgOf = async (c: HttpCall) => {
		const answer = await send(c);
		expect(answer.status).toBe(200);
		return [get(answer.body, 'code'), get(answer.body, 'msg')];
	};

	it('serves the doc example to a correct sign', async () => {
		expect((await send(call({ imageBase64: PNG }))).body).toEqual(jumdataDoc);
	});

	it('answers a wrong secret or unknown appId with 签名错误 and an old timestamp with 时间戳已过期', async () => {
		expect(await msgOf(call({ imageBase64: PNG }, { appSecret: 'e'.repeat(32) }))).toEqual([
			400,
			'签名错误',
		]);
		expect(await msgOf(call({ imageBase64: PNG }, { appId: 'jd0000000000000000000' }))).toEqual([
			400,
			'签名错误',
		]);
		expect(
			await msgOf(call({ imageBase64: PNG }, { timestamp: Date.now() - 10 * 60 * 1000 })),
		).toEqual([400, '时间戳已过期']);
		expect(fakes.jumdata.requests.map((entry) => entry.authOk)).toEqual([false, false, false]);
	});

	it('enforces the documented image rules', async () => {
		const size = '图片尺寸不正确,最短边至少15px,最长边最大4096px';
		expect(await msgOf(call({ imageBase64: TINY }))).toEqual([400, size]);
		expect(await msgOf(call({ imageBase64: b64(samples.png({ width: 14, height: 40 })) }))).toEqual(
			[400, size],
		);
		expect(
			await msgOf(call({ imageBase64: b64(samples.png({ width: 4097, height: 20 })) })),
		).toEqual([400, size]);
		expect(
			(await msgOf(call({ imageBase64: b64(samples.png({ width: 15, height: 4096 })) })))[0],
		).toBe(200);
		expect(await msgOf(call({ imageBase64: GIF }))).toEqual([400, '图片格式不正确']);
		expect((await msgOf(call({ imageBase64: b64(samples.bmp()) })))[0]).toBe(200);
		expect(
			await msgOf(call({ imageBase64: b64(samples.png({ padToBytes: 4 * MiB + 1 })) })),
		).toEqual([400, '文件大小不能超过4M']);
		expect(await msgOf(call({}))).toEqual([400, '参数错误']);
		expect(await msgOf(call({ imageBase64: PNG, type: 'vat' }))).toEqual([400, '参数错误']);
	});

	it('reads PDF and OFD pages and refuses a page past the end', async () => {
		const pdf = b64(samples.pdf({ pages: 2 }));
		expect((await msgOf(call({ pdfBase64: pdf, pdfFileNum: '2' })))[0]).toBe(200);
		expect(await msgOf(call({ pdfBase64: pdf, pdfFileNum: '3' }))).toEqual([
			400,
			'页码超出文件页数',
		]);
		expect(await msgOf(call({ pdfBase64: PNG }))).toEqual([400, 'pdf文件格式不正确']);
		expect((await msgOf(call({ ofdBase64: b64(samples.ofd()), type: 'roll' })))[0]).toBe(200);
	});

	it('fetches url only from loopback', async () => {
		const files = await clients.startStaticServer({
			'/a.pdf': samples.pdf(),
			'/a.png': samples.png(),
		});
		try {
			expect((await msgOf(call({ url: `${files.url}/a.pdf` })))[0]).toBe(200);
			expect((await msgOf(call({ url: `${files.url}/a.png` })))[0]).toBe(200);
			expect(await msgOf(call({ url: 'https://example.com/a.png' }))).toEqual([
				400,
				'文件下载失败',
			]);
		} finally {
			await files.close();
		}
	});
});

describe('Xinhuo fake', () => {
	const codeOf = async (c: HttpCall) => {
		const answer = await send(c);
		expect(answer.status).toBe(200);
		return get(answer.body, 'code');
	};

	it('serves the doc example to the right token', async () => {
		expect((await send(validCall('xinhuo'))).body).toEqual(xinhuoDoc);
	});

	it('answers an empty token with 40100 and a wrong one with 40110', async () => {
		expect(await codeOf(clients.xinhuoRequest(fakes.xinhuo.url, { image: PNG, token: '' }))).toBe(
			40100,
		);
		const wrong = await send(
			clients.xinhuoRequest(fakes.xinhuo.url, { image: PNG, token: 'ef9c' + '0'.repeat(28) }),
		);
		expect(wrong.body).toEqual({ code: 40110, message: 'App key or app secret invalid' });
	});

	it('checks the image: formats, size, readability', async () => {
		expect(await codeOf(validCall('xinhuo', TINY))).toBe(40401);
		expect(await codeOf(validCall('xinhuo', b64(samples.tiff())))).toBe(200);
		expect(await codeOf(validCall('xinhuo', GIF))).toBe(40301);
		expect(await codeOf(validCall('xinhuo', b64(samples.pdf())))).toBe(40303);
		expect(await codeOf(validCall('xinhuo', ''))).toBe(40300);
		expect(await codeOf(validCall('xinhuo', b64(samples.png({ padToBytes: 10 * MiB + 1 }))))).toBe(
			40302,
		);
		const notJson = {
			url: `${fakes.xinhuo.url}/ocr`,
			init: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: 'image=1' },
		};
		expect(await codeOf(notJson)).toBe(40201);
	});

	it('selects a fixture by the sample marker in the image bytes', async () => {
		const marked = b64(samples.png({ marker: 'fake-roll-invoice' }));
		expect((await send(validCall('xinhuo', marked))).body).toEqual(xinhuoRoll);
		expect(fakes.xinhuo.requests[0].fixture).toBe('fake-roll-invoice');
		// A marker without a fixture falls back to the doc example.
		expect(
			(await send(validCall('xinhuo', b64(samples.jpeg({ marker: 'no-such-fixture' }))))).body,
		).toEqual(xinhuoDoc);
	});
});

describe('WeBank fake', () => {
	it('serves its example to OCR and echoes request_id', async () => {
		const answer = await send(validCall('webank'));
		expect(answer.body).toEqual({ ...webankDoc, request_id: 'req-1' });
		expect(fakes.webank.requests[0].authOk).toBeNull();
	});

	it('answers error 3 for an unreadable or undecodable image and 2 for a missing one', async () => {
		expect(get((await send(validCall('webank', TINY))).body, 'error')).toBe(3);
		expect(get((await send(validCall('webank', b64(samples.pdf())))).body, 'error')).toBe(3);
		expect(get((await send(validCall('webank', GIF))).body, 'error')).toBe(3);
		expect(get((await send(validCall('webank', b64(samples.bmp())))).body, 'error')).toBe(0);
		expect(get((await send(validCall('webank', 'not base64!'))).body, 'error')).toBe(3);
		const missing = await send(clients.webankOcrRequest(fakes.webank.url, { requestId: 'r9' }));
		expect(missing.body).toEqual({
			error: 2,
			request_id: 'r9',
			stats: { __version__: '20200107' },
		});
	});

	describe('verification', () => {
		const registry = () => fakes.webank.verifyRegistry;
		const genuine = (name: string) => {
			const entry = registry().find((candidate) => candidate.name === name);
			if (!entry) throw new Error(`no ${name} in the registry`);
			return entry;
		};
		const verify = async (invoice: Record<string, unknown> | undefined) => {
			const answer = await send(
				clients.webankVerifyRequest(fakes.webank.url, { invoice, requestId: 'v1' }),
			);
			expect(answer.status).toBe(200);
			return answer.body;
		};
		const codeOf = async (invoice: Record<string, unknown>) =>
			get(await verify(invoice), 'result.verfication_code');
		const request = (name: string) => {
			const { invoice } = genuine(name);
			return {
				name,
				invoice_code: invoice.invoice_code,
				invoice_id: invoice.invoice_id,
				invoice_date: invoice.invoice_date,
				total_amount: invoice.total_amount,
				check_code: invoice.check_code,
			};
		};

		it('matches a genuine invoice (0) and returns what the system holds', async () => {
			const body = await verify(request('VAT_e-invoice'));
			expect(get(body, 'error')).toBe(0);
			expect(get(body, 'request_id')).toBe('v1');
			expect(get(body, 'result.verfication_code')).toBe(0);
			expect(get(body, 'result.verfication_count')).toBe(1);
			expect(get(body, 'result.invoice')).toEqual(genuine('VAT_e-invoice').invoice);
		});

		it('accepts the last six check-code digits, 普票 without amount, 专票 without check code', async () => {
			const common = request('VAT_invoice');
			expect(
				await codeOf({
					...common,
					check_code: String(common.check_code).slice(-6),
					total_amount: undefined,
				}),
			).toBe(0);
			expect(await codeOf({ ...request('VAT_special_invoice'), check_code: undefined })).toBe(0);
			expect(
				await codeOf({
					...request('VAT_v-invoice'),
					invoice_date: genuine('VAT_v-invoice').issueDate,
				}),
			).toBe(0);
		});

		it('answers 20 when a field differs and 21 when the invoice does not exist', async () => {
			const real = request('VAT_e-invoice');
			expect(await codeOf({ ...real, total_amount: '720.59' })).toBe(20);
			expect(await codeOf({ ...real, check_code: '000000' })).toBe(20);
			expect(await codeOf({ ...real, name: 'VAT_invoice' })).toBe(20);
			expect(await codeOf({ ...real, invoice_id: '99999999' })).toBe(21);
		});

		it('answers 10 for a type WeBank does not verify and 30 for malformed fields', async () => {
			expect(await codeOf({ ...request('VAT_e-invoice'), name: 'flight_itinerary' })).toBe(10);
			expect(await codeOf({ ...request('VAT_e-invoice'), invoice_code: '04403190021' })).toBe(30);
			expect(await codeOf({ ...request('VAT_e-invoice'), invoice_date: '2020年2月30日' })).toBe(30);
			expect(await codeOf({ ...request('VAT_e-invoice'), invoice_date: '2999年1月1日' })).toBe(30);
			expect(await codeOf({ ...request('VAT_invoice'), check_code: undefined })).toBe(30);
			expect(await codeOf({ ...request('VAT_special_invoice'), total_amount: undefined })).toBe(30);
		});

		it('answers 11 for an invoice issued over a year ago, genuine or not', async () => {
			const [oldest] = [...registry()].sort((a, b) => a.issueDate.localeCompare(b.issueDate));
			const { invoice } = oldest;
			expect(
				await codeOf({
					name: oldest.name,
					invoice_code: invoice.invoice_code,
					invoice_id: invoice.invoice_id,
					invoice_date: invoice.invoice_date,
					check_code: invoice.check_code,
				}),
			).toBe(11);
			expect(await codeOf({ ...request('VAT_e-invoice'), invoice_date: '2019年12月24日' })).toBe(
				11,
			);
		});

		it('answers 12 from the 6th verification of one invoice on one day', async () => {
			const real = request('VAT_special_invoice');
			for (let attempt = 1; attempt <= 5; attempt++) {
				expect(get(await verify(real), 'result.verfication_count')).toBe(attempt);
			}
			const sixth = await verify(real);
			expect(get(sixth, 'result.verfication_code')).toBe(12);
			expect(get(sixth, 'result.invoice')).toBeNull();
			fakes.webank.reset();
			expect(await codeOf(real)).toBe(0);
		});

		it('answers error 2 without an invoice', async () => {
			expect(get(await verify(undefined), 'error')).toBe(2);
		});
	});
});

describe('knobs', () => {
	it('failWith answers a documented error in the vendor shape, `times` requests only', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012, times: 1 } });
		expect((await send(validCall('juhe'))).body).toEqual({
			resultcode: '112',
			reason: '请求超过次数限制',
			result: null,
			error_code: 10012,
		});
		expect(get((await send(validCall('juhe'))).body, 'error_code')).toBe(0);

		fakes.volcengine.configure({ failWith: { vendorCode: '50500' } });
		const internal = await send(validCall('volcengine'));
		expect([internal.status, get(internal.body, 'code')]).toEqual([500, 50500]);
		fakes.volcengine.configure({ failWith: { vendorCode: 'InternalError' } });
		const gateway = await send(validCall('volcengine'));
		expect([gateway.status, get(gateway.body, 'ResponseMetadata.Error.CodeN')]).toEqual([
			500, 100014,
		]);

		fakes.jumdata.configure({ failWith: { vendorCode: 603 } });
		expect((await send(validCall('jumdata'))).body).toEqual({
			code: 603,
			msg: '余额不足请充值',
			charge: false,
		});

		fakes.xinhuo.configure({ failWith: { vendorCode: 40017 } });
		expect(get((await send(validCall('xinhuo'))).body, 'code')).toBe(40017);

		fakes.webank.configure({ failWith: { vendorCode: 21 } });
		expect(get((await send(validCall('webank'))).body, 'error')).toBe(0); // verification codes leave OCR alone
		const verify = await send(
			clients.webankVerifyRequest(fakes.webank.url, { invoice: { name: 'VAT_invoice' } }),
		);
		expect(get(verify.body, 'result.verfication_code')).toBe(21);
	});

	it('failWith keeps the auth answer for a wrong secret and refuses undocumented codes', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
		expect(
			get(
				(await send(clients.juheRequest(fakes.juhe.url, { imageBase64: PNG, key: 'x' }))).body,
				'error_code',
			),
		).toBe(10001);
		expect(() => fakes.juhe.configure({ failWith: { vendorCode: 99999 } })).toThrow(
			/documents no error code/,
		);
		expect(() => fakes.juhe.configure({ fault: 'explode' as 'hang' })).toThrow(
			/fault must be one of/,
		);
		expect(() => fakes.juhe.configure({ response: 'no-such-fixture' })).toThrow(/no fixture/);
	});

	it.each([
		['juhe', 200, 'error_code', 10011],
		['volcengine', 429, 'code', 50429],
		['jumdata', 200, 'code', 609],
		['xinhuo', 200, 'code', 40018],
		['webank', 429, 'error', 1],
	] as const)(
		'qpsCap: %s answers its own rate-limit error above the cap',
		async (vendor, status, key, code) => {
			fakes[vendor].configure({ qpsCap: 2 });
			const answers = await Promise.all([1, 2, 3, 4].map(async () => send(validCall(vendor))));
			const limited = answers.filter((answer) => get(answer.body, key) === code);
			expect(limited).toHaveLength(2);
			expect(limited.every((answer) => answer.status === status)).toBe(true);
			expect(
				fakes[vendor].requests.filter((entry) => entry.answeredBy === 'rateLimit'),
			).toHaveLength(2);
		},
	);

	it('latencyMs delays every answer', async () => {
		fakes.xinhuo.configure({ latencyMs: 150 });
		const started = Date.now();
		await send(validCall('xinhuo'));
		expect(Date.now() - started).toBeGreaterThanOrEqual(140);
	});

	it('response answers success with a fixture name or an object', async () => {
		fakes.xinhuo.configure({ response: 'fake-roll-invoice' });
		expect((await send(validCall('xinhuo'))).body).toEqual(xinhuoRoll);
		fakes.jumdata.configure({
			response: { code: 200, msg: '成功', charge: true, taskNo: '1', data: {} },
		});
		expect(get((await send(validCall('jumdata'))).body, 'taskNo')).toBe('1');
	});

	describe('faults', () => {
		it('hang: never answers', async () => {
			fakes.juhe.configure({ fault: 'hang' });
			const call = validCall('juhe');
			await expect(
				fetch(call.url, { ...call.init, signal: AbortSignal.timeout(300) }),
			).rejects.toThrow();
			expect(fakes.juhe.requests[0].fault).toBe('hang');
		});

		it('reset: drops the connection', async () => {
			fakes.volcengine.configure({ fault: 'reset' });
			await expect(send(validCall('volcengine'))).rejects.toThrow();
		});

		it('http500: an nginx 500 page', async () => {
			fakes.jumdata.configure({ fault: 'http500' });
			const answer = await send(validCall('jumdata'));
			expect(answer.status).toBe(500);
			expect(answer.contentType).toContain('text/html');
			expect(answer.text).toContain('500 Internal Server Error');
		});

		it('html: HTTP 200 with an HTML page', async () => {
			fakes.xinhuo.configure({ fault: 'html' });
			const answer = await send(validCall('xinhuo'));
			expect([answer.status, answer.body]).toEqual([200, null]);
			expect(answer.contentType).toContain('text/html');
		});

		it('malformed: a complete JSON-typed answer that is not JSON', async () => {
			fakes.webank.configure({ fault: 'malformed' });
			const answer = await send(validCall('webank'));
			expect(answer.status).toBe(200);
			expect(answer.contentType).toContain('application/json');
			expect(answer.body).toBeNull();
		});

		it('truncated: the body stops halfway', async () => {
			fakes.juhe.configure({ fault: 'truncated' });
			const call = validCall('juhe');
			const response = await fetch(call.url, call.init);
			expect(response.status).toBe(200);
			await expect(response.text()).rejects.toThrow();
		});

		it('times: applies to the next N requests only', async () => {
			fakes.juhe.configure({ fault: { type: 'http500', times: 2 } });
			const statuses = [];
			for (let i = 0; i < 3; i++) statuses.push((await send(validCall('juhe'))).status);
			expect(statuses).toEqual([500, 500, 200]);
			expect(fakes.juhe.config.fault).toBeNull();
		});
	});
});

describe('control endpoints over HTTP', () => {
	it('configures, logs and resets a fake from another process', async () => {
		const base = fakes.jumdata.url;
		const post = async (path: string, body: unknown) =>
			send({
				url: `${base}${path}`,
				init: {
					method: 'POST',
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify(body),
				},
			});

		const configured = await post('/__fake/config', {
			failWith: { vendorCode: 606 },
			latencyMs: 5,
		});
		expect(get(configured.body, 'config.failWith.vendorCode')).toBe('606');
		expect(get((await send(validCall('jumdata'))).body, 'code')).toBe(606);

		const requests: unknown = await (await fetch(`${base}/__fake/requests`)).json();
		expect(get(requests, '0.authOk')).toBe(true);
		expect(get(requests, '0.answeredBy')).toBe('failWith');
		expect(get(requests, '0.body.appId')).toBe(FAKE_CREDENTIALS.jumdata.appId);

		const invalid = await post('/__fake/config', { qpsCap: -1 });
		expect([invalid.status, get(invalid.body, 'ok')]).toEqual([400, false]);

		expect((await post('/__fake/reset', {})).status).toBe(200);
		expect(fakes.jumdata.requests).toHaveLength(0);
		expect(get((await send(validCall('jumdata'))).body, 'code')).toBe(200);

		const registry = await (await fetch(`${fakes.webank.url}/__fake/verify-registry`)).json();
		expect(registry).toEqual(fakes.webank.verifyRegistry);
	});

	it('startFake listens on a given port', async () => {
		const first: FakeHandle = await startFake('xinhuo');
		const port = first.port;
		await first.close();
		const second = await startFake('xinhuo', { port });
		try {
			expect(second.url).toBe(`http://127.0.0.1:${port}`);
			expect(
				get((await send(clients.xinhuoRequest(second.url, { image: PNG }))).body, 'code'),
			).toBe(200);
		} finally {
			await second.close();
		}
	});
});

describe('samples', () => {
	it('builds files whose headers decode to the requested sizes and markers', () => {
		expect(inspectFile(samples.png({ width: 300, height: 200, marker: 'm1' }))).toMatchObject({
			format: 'png',
			width: 300,
			height: 200,
			marker: 'm1',
		});
		expect(inspectFile(samples.jpeg({ width: 100, height: 60, marker: 'm2' }))).toMatchObject({
			format: 'jpeg',
			width: 100,
			height: 60,
			marker: 'm2',
		});
		expect(inspectFile(samples.bmp({ width: 30, height: 20, marker: 'm3' }))).toMatchObject({
			format: 'bmp',
			width: 30,
			height: 20,
			marker: 'm3',
		});
		expect(inspectFile(samples.gif({ width: 40, height: 30, marker: 'm4' }))).toMatchObject({
			format: 'gif',
			width: 40,
			height: 30,
			marker: 'm4',
		});
		expect(inspectFile(samples.tiff({ width: 20, height: 10, marker: 'm5' }))).toMatchObject({
			format: 'tiff',
			width: 20,
			height: 10,
			marker: 'm5',
		});
		expect(inspectFile(samples.pdf({ pages: 3, marker: 'm6' }))).toMatchObject({
			format: 'pdf',
			pages: 3,
			marker: 'm6',
		});
		expect(inspectFile(samples.ofd({ pages: 2, marker: 'm7' }))).toMatchObject({
			format: 'ofd',
			pages: 2,
			marker: 'm7',
		});
		expect(inspectFile(samples.tinyPng())).toMatchObject({
			format: 'png',
			width: 1,
			height: 1,
			unreadable: true,
		});
		expect(samples.png({ padToBytes: 100000 }).length).toBe(100000);
		expect(samples.jpeg({ padToBytes: 100000 }).length).toBeGreaterThanOrEqual(100000);
	});

	it('writes PNG chunks with valid CRCs', () => {
		expect(samples.crc32(Buffer.from('IEND'))).toBe(0xae426082); // the CRC every PNG ends with
		const png = samples.png({ marker: 'crc' });
		let offset = 8;
		const types = [];
		while (offset < png.length) {
			const length = png.readUInt32BE(offset);
			const typeAndData = png.subarray(offset + 4, offset + 8 + length);
			expect(png.readUInt32BE(offset + 8 + length)).toBe(samples.crc32(typeAndData));
			types.push(typeAndData.subarray(0, 4).toString('latin1'));
			offset += 12 + length;
		}
		expect(types).toEqual(['IHDR', 'tEXt', 'IDAT', 'IEND']);
	});

	it('keeps the demo samples small', () => {
		for (const sample of samples.EXAMPLE_SAMPLES)
			expect(sample.build().length).toBeLessThan(20 * 1024);
	});
});
