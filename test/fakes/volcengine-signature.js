'use strict';
// @ts-check

/**
 * Volcengine OpenAPI HMAC-SHA256 signing, written for the fake from the research notes §1.2 (not
 * shared with the package's signer, so the two check each other):
 *
 *   CanonicalRequest = Method \n Path \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n BodyHash
 *   StringToSign     = "HMAC-SHA256" \n X-Date \n Date/Region/Service/request \n hex(sha256(CanonicalRequest))
 *   kSigning         = HMAC(HMAC(HMAC(HMAC(SK, Date), Region), Service), "request")
 *   Signature        = hex(HMAC(kSigning, StringToSign))
 *
 * The official vector (volcengine doc 6369/67270, iam ListUsers) is in the self-test.
 */

const crypto = require('node:crypto');

const ALGORITHM = 'HMAC-SHA256';
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
const DEFAULT_SIGNED_HEADERS = ['content-type', 'host', 'x-content-sha256', 'x-date'];

/** @param {string | Buffer} data */
const sha256Hex = (data) => crypto.createHash('sha256').update(data).digest('hex');
/**
 * @param {string | Buffer} key
 * @param {string} data
 */
const hmac = (key, data) => crypto.createHmac('sha256', key).update(data).digest();

/** RFC 3986 encoding: encodeURIComponent leaves !'()* alone, the signer must not. */
function rfc3986(/** @type {string} */ value) {
	return encodeURIComponent(value).replace(
		/[!'()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
}

/**
 * Sorted `k=v` pairs, each side decoded from the raw query and re-encoded per RFC 3986.
 *
 * @param {string} rawQuery
 */
function canonicalQuery(rawQuery) {
	if (!rawQuery) return '';
	const decode = (/** @type {string} */ s) => {
		try {
			return decodeURIComponent(s);
		} catch {
			return s;
		}
	};
	return rawQuery
		.split('&')
		.filter((pair) => pair.length > 0)
		.map((pair) => {
			const eq = pair.indexOf('=');
			const key = eq < 0 ? pair : pair.slice(0, eq);
			const value = eq < 0 ? '' : pair.slice(eq + 1);
			return [rfc3986(decode(key)), rfc3986(decode(value))];
		})
		.sort(([ka, va], [kb, vb]) => (ka === kb ? (va < vb ? -1 : va > vb ? 1 : 0) : ka < kb ? -1 : 1))
		.map(([key, value]) => `${key}=${value}`)
		.join('&');
}

/** @param {string | string[] | undefined} value */
function canonicalHeaderValue(value) {
	const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
	return joined.replace(/\s+/g, ' ').trim();
}

/**
 * @param {{ method: string, path: string, rawQuery: string, headers: Record<string, string | string[] | undefined>, signedHeaders: string[], bodyHash: string }} parts
 */
function buildCanonicalRequest(parts) {
	const headerLines = parts.signedHeaders
		.map((name) => `${name}:${canonicalHeaderValue(parts.headers[name])}\n`)
		.join('');
	return [
		parts.method.toUpperCase(),
		parts.path || '/',
		canonicalQuery(parts.rawQuery),
		headerLines,
		parts.signedHeaders.join(';'),
		parts.bodyHash,
	].join('\n');
}

/**
 * @param {string} secretAccessKey
 * @param {string} shortDate
 * @param {string} region
 * @param {string} service
 */
function signingKey(secretAccessKey, shortDate, region, service) {
	// The SK is used as the raw string: Volcengine SKs look like base64 but must not be decoded.
	return hmac(hmac(hmac(hmac(secretAccessKey, shortDate), region), service), 'request');
}

/**
 * @param {string} xDate  YYYYMMDD'T'HHMMSS'Z'
 * @returns {number | null} epoch ms
 */
function parseXDate(xDate) {
	const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(xDate);
	if (!match) return null;
	const [, y, mo, d, h, mi, s] = match.map(Number);
	const ms = Date.UTC(y, mo - 1, d, h, mi, s);
	return Number.isNaN(ms) ? null : ms;
}

/** @param {Date} date */
function formatXDate(date) {
	return date
		.toISOString()
		.replace(/[-:]/g, '')
		.replace(/\.\d{3}/, '');
}

/**
 * @param {string} rawUrl  path and query as sent, e.g. `/?Action=OcrRollInvoice&Version=2021-08-23`
 */
function splitUrl(rawUrl) {
	const at = rawUrl.indexOf('?');
	return at < 0
		? { path: rawUrl, rawQuery: '' }
		: { path: rawUrl.slice(0, at), rawQuery: rawUrl.slice(at + 1) };
}

/** @param {Record<string, string | string[] | undefined>} headers */
function lowerCaseHeaders(headers) {
	/** @type {Record<string, string | string[] | undefined>} */
	const lower = {};
	for (const [name, value] of Object.entries(headers)) lower[name.toLowerCase()] = value;
	return lower;
}

/**
 * Verifies a signed request the way the Volcengine gateway does and says which gateway error it
 * would answer. Pure: the fake turns the result into HTTP.
 *
 * @param {{ method: string, url: string, headers: Record<string, string | string[] | undefined> }} req
 *   `url` is the path and query exactly as sent (Node's `req.url`); header names in any case.
 * @param {Buffer | string} rawBody  the body bytes as received
 * @param {Record<string, string>} secretsByAk  secret access key by access key id
 * @param {import('./index').VolcengineVerifyOptions} [options]
 * @returns {import('./index').VolcengineVerifyResult}
 */
function verifyVolcengineSignature(req, rawBody, secretsByAk, options = {}) {
	const headers = lowerCaseHeaders(req.headers);
	const fail = (
		/** @type {import('./index').VolcengineGatewayErrorCode} */ code,
		/** @type {string} */ detail,
		/** @type {Partial<import('./index').VolcengineVerifyResult>} */ extra = {},
	) =>
		/** @type {import('./index').VolcengineVerifyResult} */ ({ ok: false, code, detail, ...extra });

	const authorization = canonicalHeaderValue(headers['authorization']);
	if (!authorization) return fail('MissingAuthenticationToken', 'no Authorization header');
	if (!authorization.startsWith(`${ALGORITHM} `)) {
		return fail('MissingAuthenticationToken', `Authorization does not start with "${ALGORITHM} "`);
	}
	/** @type {Record<string, string>} */
	const fields = {};
	for (const part of authorization.slice(ALGORITHM.length + 1).split(',')) {
		const eq = part.indexOf('=');
		if (eq > 0) fields[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
	}
	if (!fields.Signature) return fail('MissingSignature', 'Authorization has no Signature=');
	if (!fields.Credential)
		return fail('MissingRequestInfo', 'Authorization has no Credential=', { param: 'Credential' });
	if (!fields.SignedHeaders) {
		return fail('MissingRequestInfo', 'Authorization has no SignedHeaders=', {
			param: 'SignedHeaders',
		});
	}
	const scope = fields.Credential.split('/');
	if (scope.length !== 5 || scope[4] !== 'request') {
		return fail('MissingRequestInfo', 'Credential must be AK/YYYYMMDD/region/service/request', {
			param: 'Credential',
		});
	}
	const [accessKeyId, scopeDate, region, service] = scope;

	const xDate = canonicalHeaderValue(headers['x-date']);
	if (!xDate) return fail('MissingRequestInfo', 'no X-Date header', { param: 'X-Date' });
	const signedAt = parseXDate(xDate);
	if (signedAt === null)
		return fail('InvalidTimestamp', `X-Date "${xDate}" is not YYYYMMDDTHHMMSSZ`);
	const maxSkewMs = options.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
	const nowMs = options.now === undefined ? Date.now() : Number(options.now);
	if (Math.abs(nowMs - signedAt) > maxSkewMs) {
		return fail(
			'InvalidTimestamp',
			`X-Date ${xDate} is more than ${maxSkewMs / 60000} min from now`,
		);
	}

	const secretAccessKey = Object.prototype.hasOwnProperty.call(secretsByAk, accessKeyId)
		? secretsByAk[accessKeyId]
		: undefined;
	if (secretAccessKey === undefined) {
		return fail('InvalidAccessKey', 'unknown access key id', { accessKeyId });
	}
	const mismatch = (/** @type {string} */ detail) =>
		fail('SignatureDoesNotMatch', detail, { accessKeyId });
	if (scopeDate !== xDate.slice(0, 8))
		return mismatch(`Credential date ${scopeDate} is not the X-Date day`);
	if (options.region !== undefined && region !== options.region) {
		return mismatch(`Credential region "${region}", expected "${options.region}"`);
	}
	if (options.service !== undefined && service !== options.service) {
		return mismatch(`Credential service "${service}", expected "${options.service}"`);
	}

	const bodyHash = sha256Hex(rawBody);
	const claimedHash = canonicalHeaderValue(headers['x-content-sha256']);
	if (claimedHash && claimedHash !== bodyHash) {
		return mismatch('X-Content-Sha256 is not the sha256 of the body bytes received');
	}
	const signedHeaders = fields.SignedHeaders.split(';').map((name) => name.trim().toLowerCase());
	const absent = signedHeaders.filter((name) => headers[name] === undefined);
	if (absent.length > 0) return mismatch(`signed header(s) not sent: ${absent.join(', ')}`);

	const { path, rawQuery } = splitUrl(req.url);
	const canonicalRequest = buildCanonicalRequest({
		method: req.method,
		path,
		rawQuery,
		headers,
		signedHeaders,
		bodyHash,
	});
	const credentialScope = `${scopeDate}/${region}/${service}/request`;
	const stringToSign = [ALGORITHM, xDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
	const expectedSignature = hmacHex(
		signingKey(secretAccessKey, scopeDate, region, service),
		stringToSign,
	);
	const debug = { accessKeyId, canonicalRequest, stringToSign, expectedSignature };
	const given = Buffer.from(fields.Signature.toLowerCase());
	const expected = Buffer.from(expectedSignature);
	if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
		return fail('SignatureDoesNotMatch', 'signature differs from the one computed', debug);
	}
	return { ok: true, region, service, ...debug };
}

/**
 * @param {Buffer} key
 * @param {string} data
 */
function hmacHex(key, data) {
	return crypto.createHmac('sha256', key).update(data).digest('hex');
}

/**
 * Signs a request (for tests and tools that call the fake directly). Returns the headers to send:
 * the given ones plus Host, X-Date, X-Content-Sha256 and Authorization.
 *
 * @param {import('./index').VolcengineSignInput} input
 * @returns {Record<string, string>}
 */
function signVolcengineRequest(input) {
	const url = new URL(input.url);
	const body = input.body ?? '';
	const date = input.date ?? new Date();
	const xDate = formatXDate(date);
	const shortDate = xDate.slice(0, 8);
	const bodyHash = sha256Hex(body);
	/** @type {Record<string, string>} */
	const headers = {
		...(input.headers ?? {}),
		Host: url.host,
		'X-Date': xDate,
		'X-Content-Sha256': bodyHash,
	};
	const lower = lowerCaseHeaders(headers);
	const signedHeaders = (input.signedHeaders ?? DEFAULT_SIGNED_HEADERS)
		.map((name) => name.toLowerCase())
		.filter((name) => lower[name] !== undefined)
		.sort();
	const canonicalRequest = buildCanonicalRequest({
		method: input.method ?? 'POST',
		path: url.pathname,
		rawQuery: url.search.replace(/^\?/, ''),
		headers: lower,
		signedHeaders,
		bodyHash,
	});
	const credentialScope = `${shortDate}/${input.region}/${input.service}/request`;
	const stringToSign = [ALGORITHM, xDate, credentialScope, sha256Hex(canonicalRequest)].join('\n');
	const signature = hmacHex(
		signingKey(input.secretAccessKey, shortDate, input.region, input.service),
		stringToSign,
	);
	headers.Authorization =
		`${ALGORITHM} Credential=${input.accessKeyId}/${credentialScope}, ` +
		`SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`;
	return headers;
}

module.exports = {
	verifyVolcengineSignature,
	signVolcengineRequest,
	canonicalQuery,
	formatXDate,
	parseXDate,
};
