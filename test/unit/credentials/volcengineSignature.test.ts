import {
	canonicalQuery,
	signVolcengineRequest,
	volcengineDate,
} from '../../../credentials/signing/volcengineSignature';

import vector from '../../fixtures/signing/volcengine-official-vector.json';

// Official vector: volcengine doc 6369/67270 (also in PyPI cloud-api-signer's test_sign_demo_ok).
const OFFICIAL = {
	accessKeyId: vector.accessKeyId,
	secretAccessKey: vector.secretAccessKey,
	xDate: vector.xDate,
};

describe('Volcengine HMAC-SHA256 signing', () => {
	test('reproduces the official Volcengine vector (iam ListUsers, Signature=28eeabbb…a6d8a7)', () => {
		const signed = signVolcengineRequest({
			method: 'GET',
			host: 'iam.volcengineapi.com',
			path: '/',
			query: [
				['Action', 'ListUsers'],
				['Version', '2018-01-01'],
				['Limit', '10'],
				['Offset', '0'],
			],
			contentType: 'application/x-www-form-urlencoded; charset=utf-8',
			body: '',
			region: 'cn-north-1',
			service: 'iam',
			...OFFICIAL,
		});
		expect(signed.contentSha256).toBe(
			'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
		);
		expect(signed.canonicalRequestHash).toBe(
			'3a4d4dee07c3308a52da01bc12d7a83c3705bfa543f51648f46de880bb2a7447',
		);
		expect(signed.signature).toBe('28eeabbbd726b87002e0fe58ad8c1c768e619b06e2646f35b6ad7ed029a6d8a7');
		expect(signed.authorization).toBe(
			'HMAC-SHA256 Credential=AKLTMjI2ODVlYzI3ZGY1NGU4ZjhjYWRjMTlmNTM5OTZkYzE/20201230/cn-north-1/iam/request, ' +
				'SignedHeaders=content-type;host;x-content-sha256;x-date, ' +
				'Signature=28eeabbbd726b87002e0fe58ad8c1c768e619b06e2646f35b6ad7ed029a6d8a7',
		);
	});

	test('reproduces the research cv/OcrRollInvoice fixture for a form body', () => {
		const signed = signVolcengineRequest({
			method: 'POST',
			host: 'visual.volcengineapi.com',
			path: '/',
			query: [
				['Action', 'OcrRollInvoice'],
				['Version', '2021-08-23'],
			],
			contentType: 'application/x-www-form-urlencoded',
			body: 'image_url=https%3A%2F%2Fexample.com%2Froll.jpg',
			region: 'cn-north-1',
			service: 'cv',
			...OFFICIAL,
		});
		expect(signed.contentSha256).toBe(
			'0fdcf489f7836472871a1f2609a2f03aed88906458e935f7907b941980b7632d',
		);
		expect(signed.canonicalRequestHash).toBe(
			'10e886d28d92112e9aa5e7a4ecb2fecfd5c472275a514623dbb264efa76c9f22',
		);
		expect(signed.signature).toBe('1e92b3dfb69716ed0b5f0f3810279c407a3cacf4401f97f066bfa53dc49f6139');
	});

	test('a different secret gives a different signature', () => {
		const base = {
			method: 'POST',
			host: 'visual.volcengineapi.com',
			path: '/',
			query: [] as Array<[string, string]>,
			contentType: 'application/x-www-form-urlencoded',
			body: 'image_base64=abc',
			region: 'cn-north-1',
			service: 'cv',
			accessKeyId: OFFICIAL.accessKeyId,
			xDate: OFFICIAL.xDate,
		};
		expect(signVolcengineRequest({ ...base, secretAccessKey: 'one' }).signature).not.toBe(
			signVolcengineRequest({ ...base, secretAccessKey: 'two' }).signature,
		);
	});

	test('canonical query sorts keys and encodes RFC 3986 style', () => {
		expect(
			canonicalQuery([
				['b', 'x y'],
				['a', "it's(*)"],
			]),
		).toBe('a=it%27s%28%2A%29&b=x%20y');
	});

	test('X-Date is compact UTC', () => {
		expect(volcengineDate(new Date(Date.UTC(2020, 11, 30, 8, 18, 5, 123)))).toBe('20201230T081805Z');
	});
});
