/**
 * The transport's pure parts: cutting secrets out of vendor answers, reading Retry-After, and
 * reading a vendor body at HTTP 429.
 */
import { NodeOperationError } from 'n8n-workflow';
import type { INode } from 'n8n-workflow';

import { InvoiceFailure } from '../../nodes/shared/errors';
import {
	classifyTransportError,
	credentialSecrets,
	parseRetryAfter,
	parseVendorBody,
	REDACTED,
	redactValue,
	secretRedactor,
} from '../../nodes/shared/transport';

describe('secretRedactor', () => {
	const secret = 'k3y/with"quote+plus=eq&amp ü-end';

	test.each([
		['as is', secret],
		['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
		['JSON-escaped with \\/ (as PHP writes it)', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/')],
		['JSON-escaped with \\u00fc', JSON.stringify(secret).slice(1, -1).replace('ü', '\\u00fc')],
		['JSON-escaped with \\/ and \\u00FC in upper case', JSON.stringify(secret).slice(1, -1).replace(/\//g, '\\/').replace('ü', '\\u00FC')],
		['percent-encoded', encodeURIComponent(secret)],
		['percent-encoded in lower-case hex', encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())],
		['form-encoded', new URLSearchParams({ key: secret }).toString().slice(4)],
		['upper-cased', secret.toUpperCase()],
	])('cuts a secret written %s', (_how, written) => {
		const redact = secretRedactor([secret]);
		const text = `{"reason":"错误的请求KEY(${written})","x":1}`;
		expect(redact(text)).toBe(`{"reason":"错误的请求KEY(${REDACTED})","x":1}`);
	});

	test('cuts every secret, every time it appears, and leaves the rest alone', () => {
		const redact = secretRedactor(['first-secret-1', 'second-secret-2']);
		expect(redact('a first-secret-1 b second-secret-2 c first-secret-1 d')).toBe(
			`a ${REDACTED} b ${REDACTED} c ${REDACTED} d`,
		);
		expect(redact('nothing secret here')).toBe('nothing secret here');
	});

	test('a secret inside a longer one is not cut halfway', () => {
		const redact = secretRedactor(['abcdef', 'xxabcdefyy']);
		expect(redact('xxabcdefyy')).toBe(REDACTED);
	});

	test('values under 6 characters are not treated as secrets (they would cut ordinary data)', () => {
		expect(secretRedactor(['12345'])('invoice 12345')).toBe('invoice 12345');
	});

	test('with signatures on, SHA-256-shaped values (Jumdata sign, Volcengine signature) are cut; shorter or longer hex is not', () => {
		const sha256 = 'a'.repeat(63) + 'F';
		const redact = secretRedactor([], true);
		expect(redact(`Signature=${sha256}, next`)).toBe(`Signature=${REDACTED}, next`);
		expect(redact(`md5 ${'b'.repeat(32)} and ${'c'.repeat(65)}`)).toBe(`md5 ${'b'.repeat(32)} and ${'c'.repeat(65)}`);
		expect(secretRedactor([], false)(sha256)).toBe(sha256);
	});
});

describe('credentialSecrets', () => {
	test('every string field but the configuration fields (base URLs, region) is a secret', () => {
		expect(
			credentialSecrets({
				accessKeyId: 'AKLTexample0001',
				secretAccessKey: 'secret-access-key',
				region: 'cn-north-1',
				baseUrl: 'https://visual.volcengineapi.com',
				ocrBaseUrl: 'https://fis.webank.com',
				verifyBaseUrl: 'https://wes.webank.com',
				retries: 3,
			}).sort(),
		).toEqual(['AKLTexample0001', 'secret-access-key']);
	});

	test('surrounding spaces (a pasted key) do not hide a secret', () => {
		expect(credentialSecrets({ apiKey: '  padded-key-value ' })).toEqual(['padded-key-value']);
	});
});

describe('redactValue', () => {
	test('walks objects and arrays, keys included, and keeps other values', () => {
		const redact = secretRedactor(['top-secret-token']);
		expect(
			redactValue({ a: ['x top-secret-token y', 2, null], 'top-secret-token': { ok: true } }, redact),
		).toEqual({ a: [`x ${REDACTED} y`, 2, null], [REDACTED]: { ok: true } });
	});
});

describe('parseRetryAfter', () => {
	const now = Date.parse('2024-05-31T12:00:00Z');
	test.each([
		['120', 120_000],
		['0', 0],
		['1.5', 1500],
		[' 7 ', 7000],
		['Fri, 31 May 2024 12:00:30 GMT', 30_000],
		['Fri, 31 May 2024 11:00:00 GMT', 0],
		[['3', '9'], 3000],
		['soon', undefined],
		['-5', undefined],
		['', undefined],
		[undefined, undefined],
	])('Retry-After %j is %j ms', (header, expected) => {
		expect(parseRetryAfter(header, now)).toBe(expected);
	});
});

describe('parseVendorBody at HTTP 429', () => {
	test.each([
		['an empty body', ''],
		['an nginx HTML page', '<html><head><title>429 Too Many Requests</title></head></html>'],
		['broken JSON', '{"message": '],
	])('%s is RATE_LIMITED, retryable, with the Retry-After wait', (_what, text) => {
		let thrown: unknown;
		try {
			parseVendorBody(429, text, 'juhe', 'Juhe', 2000);
		} catch (error) {
			thrown = error;
		}
		expect(thrown).toBeInstanceOf(InvoiceFailure);
		const failure = thrown as InvoiceFailure;
		expect(failure.info).toMatchObject({ code: 'RATE_LIMITED', retryable: true, vendor: 'juhe', vendorCode: '429' });
		expect(failure.info.message).toContain('2 s');
		expect(failure.toOutcome()).toEqual({ ok: false, error: failure.info, retryAfterMs: 2000 });
	});

	test('the same bodies at HTTP 503 stay VENDOR_UNAVAILABLE', () => {
		let thrown: unknown;
		try {
			parseVendorBody(503, '', 'juhe', 'Juhe');
		} catch (error) {
			thrown = error;
		}
		expect((thrown as InvoiceFailure).info.code).toBe('VENDOR_UNAVAILABLE');
	});
});

describe("n8n's refusal to send without a credential", () => {
	const node = { name: 'Invoice OCR' } as INode;
	test.each([
		['Node does not have any credentials set', 'No Juhe credential is selected.'],
		['Node does not have any credentials set for "juheApi"', 'No Juhe credential is selected.'],
		['Credential with ID "7" does not exist for type "juheApi".', 'no longer exists'],
	])('"%s" is AUTH_FAILED (the Fix Account branch), not UNKNOWN', (text, says) => {
		const failure = classifyTransportError(new NodeOperationError(node, text), 'juhe', 'Juhe', 30_000);
		expect(failure.info).toMatchObject({ code: 'AUTH_FAILED', vendor: 'juhe', retryable: false });
		expect(failure.info.message).toContain(says);
	});

	test('any other refusal before sending stays UNKNOWN, with n8n\'s words', () => {
		const failure = classifyTransportError(new NodeOperationError(node, 'Something else'), 'juhe', 'Juhe', 30_000);
		expect(failure.info.code).toBe('UNKNOWN');
		expect(failure.info.message).toContain('Something else');
	});
});
