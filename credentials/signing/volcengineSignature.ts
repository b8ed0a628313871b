import { createHash, createHmac } from 'node:crypto';

/**
 * Volcengine OpenAPI request signing (HMAC-SHA256, "V4 style"), from the official Go/Python SDKs
 * and doc 6369/67269. Pure: the credential's `authenticate` feeds it the exact bytes it sends.
 */

export const VOLCENGINE_SIGNED_HEADERS = ['content-type', 'host', 'x-content-sha256', 'x-date'];

export interface VolcengineSigningInput {
	method: string;
	/** Host as the server sees it in the `Host` header (with a non-default port). */
	host: string;
	path: string;
	query: Array<[string, string]>;
	contentType: string;
	body: string;
	accessKeyId: string;
	secretAccessKey: string;
	region: string;
	service: string;
	/** `YYYYMMDD'T'HHMMSS'Z'`. */
	xDate: string;
}

export interface VolcengineSignature {
	authorization: string;
	contentSha256: string;
	/** Exposed for tests against the official vector. */
	canonicalRequestHash: string;
	signature: string;
}

function sha256Hex(data: string): string {
	return createHash('sha256').update(data, 'utf8').digest('hex');
}

function hmac(key: string | Buffer, data: string): Buffer {
	return createHmac('sha256', key).update(data, 'utf8').digest();
}

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, the signer must not. */
function rfc3986(value: string): string {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

export function canonicalQuery(query: Array<[string, string]>): string {
	return [...query]
		.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1))
		.map(([key, value]) => `${rfc3986(key)}=${rfc3986(value)}`)
		.join('&');
}

/** `2020-12-30T08:18:05.123Z` → `20201230T081805Z`. */
export function volcengineDate(now: Date): string {
	return now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

export function signVolcengineRequest(input: VolcengineSigningInput): VolcengineSignature {
	const contentSha256 = sha256Hex(input.body);
	const headerValues: Record<string, string> = {
		'content-type': input.contentType.trim(),
		host: input.host.trim(),
		'x-content-sha256': contentSha256,
		'x-date': input.xDate,
	};
	const canonicalHeaders = VOLCENGINE_SIGNED_HEADERS.map((name) => `${name}:${headerValues[name]}\n`).join(
		'',
	);
	const signedHeaders = VOLCENGINE_SIGNED_HEADERS.join(';');
	const canonicalRequest = [
		input.method.toUpperCase(),
		input.path || '/',
		canonicalQuery(input.query),
		canonicalHeaders,
		signedHeaders,
		contentSha256,
	].join('\n');
	const canonicalRequestHash = sha256Hex(canonicalRequest);
	const shortDate = input.xDate.slice(0, 8);
	const scope = `${shortDate}/${input.region}/${input.service}/request`;
	const stringToSign = ['HMAC-SHA256', input.xDate, scope, canonicalRequestHash].join('\n');
	const kDate = hmac(input.secretAccessKey, shortDate);
	const kRegion = hmac(kDate, input.region);
	const kService = hmac(kRegion, input.service);
	const kSigning = hmac(kService, 'request');
	const signature = createHmac('sha256', kSigning).update(stringToSign, 'utf8').digest('hex');
	return {
		authorization: `HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
		contentSha256,
		canonicalRequestHash,
		signature,
	};
}
