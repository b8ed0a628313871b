'use strict';
// @ts-check

/**
 * Fake Volcengine (火山引擎) visual OCR, action OcrRollInvoice
 * (vendor-docs/bytedance-volcengine-ocr-roll-invoice.md, research notes §1).
 *
 *   POST /?Action=OcrRollInvoice&Version=2021-08-23   Content-Type: application/x-www-form-urlencoded
 *   body image_base64 (wins) or image_url; HMAC-SHA256 signed for service `cv`.
 *
 * Two answer layers, as the real service:
 * - gateway (signature, routing): HTTP 4xx/5xx with
 *   { ResponseMetadata: { RequestId, Action, Version, Service: 'cv', Region, Error: { Code, CodeN, Message } } };
 * - service: { code, data, message, request_id, status, time_elapsed }, code 10000 = success,
 *   errors with the HTTP status the doc gives (50205 "image too large" really is HTTP 401).
 *
 * Assumptions where the docs are silent (also in ASSUMPTIONS.md):
 * - InvalidTimestamp is HTTP 400 (doc 6369/68677; other Volcengine pages say 403);
 * - a malformed Credential/SignedHeaders answers MissingRequestInfo, a credential scope with the
 *   wrong day/region/service or a wrong X-Content-Sha256 answers SignatureDoesNotMatch;
 *   X-Content-Sha256 may be omitted (the body is hashed either way);
 * - rate limit (qpsCap) answers 50429 with HTTP 429;
 * - no image_base64/image_url answers 50204; undecodable or non-JPEG/PNG/BMP base64 answers 50207;
 *   a file over 5 MB answers 50205 (HTTP 401); an unreadable image (side < 8 px) answers 50208;
 * - image_url: only loopback http URLs are fetched; anything else, or a failed download, answers
 *   50200 Request Invalid Args; a PDF behind a URL is accepted (research notes: image/PDF URL);
 * - messages of the research-notes codes (50200, 50201, 50206, 50213, 50215, 50429, 50501) are
 *   written from their enum names; the seed doc's messages are verbatim;
 * - echo (a test knob): SignatureDoesNotMatch quoting the Authorization header (access key ID and
 *   signature), or the success answer with `echo` holding it.
 */

const crypto = require('node:crypto');
const { decodeBase64Strict, fetchLoopback, inspectFile } = require('./files');
const { verifyVolcengineSignature } = require('./volcengine-signature');

const ACTION = 'OcrRollInvoice';
const VERSION = '2021-08-23';
const SERVICE = 'cv';
const MAX_FILE_BYTES = 5 * 1024 * 1024;
const IMAGE_FORMATS = ['jpeg', 'png', 'bmp'];
const RATE_LIMIT_CODE = '50429';

/** Gateway errors (volcengine docs 6369/68677, 6396/70462): Code → [CodeN, HTTP status, Message]. */
const GATEWAY_ERRORS = {
	MissingParameter: [100002, 400, 'The request is missing %s parameter.'],
	MissingAuthenticationToken: [100003, 401, 'Request is missing Authentication Token.'],
	MissingRequestInfo: [100004, 400, 'The request is missing %s information.'],
	MissingSignature: [100005, 401, 'The request is missing signature.'],
	InvalidTimestamp: [100006, 400, 'The Signature of the request is expired.'],
	ServiceNotFound: [100007, 404, 'This service[%s] not found.'],
	InvalidActionOrVersion: [100008, 404, 'Could not find operation %s for version %s.'],
	InvalidAccessKey: [100009, 401, 'The accesskey [%s] included in the request is invalid.'],
	SignatureDoesNotMatch: [
		100010,
		401,
		'The request signature we calculated does not match the signature you provided. Check your Secret Access Key and signing method. Consult the service documentation for details.',
	],
	AccessDenied: [100013, 403, 'User is not authorized to perform: %s on resource: %s.'],
	InternalError: [100014, 500, 'Service has some internal Error. Pls Contact With Admin.'],
	InternalServiceTimeout: [100016, 504, 'Internal Service is timeout. Pls Contact With Admin.'],
};

/** Service errors (seed doc + research notes §1.5): code → [HTTP status, message]. */
const SERVICE_ERRORS = {
	50200: [400, 'Request Invalid Args'],
	50201: [400, 'Request Missing Args'],
	50204: [400, 'Parse Request Parameters Error'],
	50205: [401, 'Image Size Exceeds Maximum Limit: please compress the image'],
	50206: [400, 'Image Empty'],
	50207: [400, 'Image Decode Error: image format unsupported'],
	50208: [400, 'Invalid Input Image: No object detected in input image, bad input image'],
	50213: [400, 'Request Body Size Exceeds Limit'],
	50215: [400, 'RPC Process Error'],
	50400: [401, 'Access Denied: api forbidden'],
	50402: [404, 'Request URL Error'],
	50429: [429, 'Request Has Reached API Limit'],
	50500: [500, 'Internal Error: please contact with bytedance engineering team'],
	50501: [500, 'RPC Internal Error'],
};

/** @param {number} digits */
function randomDigits(digits) {
	let out = '';
	while (out.length < digits) out += crypto.randomInt(0, 1e9).toString().padStart(9, '0');
	return out.slice(0, digits);
}

/**
 * Gateway RequestIds look like `202010201722300102****`: UTC time then random characters.
 *
 * @param {number} nowMs
 */
function gatewayRequestId(nowMs) {
	const stamp = new Date(nowMs).toISOString().replace(/\D/g, '').slice(0, 14);
	return stamp + crypto.randomBytes(8).toString('hex').toUpperCase();
}

/**
 * @param {string} template
 * @param {string[]} values
 */
function fill(template, values) {
	let i = 0;
	return template.replace(/%s/g, () => values[i++] ?? '');
}

/**
 * @param {keyof typeof GATEWAY_ERRORS} code
 * @param {import('./index').FakeRequest} req
 * @param {import('./index').VendorContext} ctx
 * @param {string[]} [params] values for the message's %s
 * @param {string | null} [message] replaces the documented message
 * @returns {import('./index').FakeReply}
 */
function gatewayError(code, req, ctx, params = [], message = null) {
	const [codeN, status, template] = GATEWAY_ERRORS[code];
	return {
		status: /** @type {number} */ (status),
		body: {
			ResponseMetadata: {
				RequestId: gatewayRequestId(ctx.now()),
				Action: req.query.Action ?? '',
				Version: req.query.Version ?? '',
				Service: SERVICE,
				Region: ctx.credentials.region,
				Error: {
					Code: code,
					CodeN: codeN,
					Message: message ?? fill(/** @type {string} */ (template), params),
				},
			},
		},
	};
}

/**
 * @param {string} code
 * @param {string | null} [message]
 * @returns {import('./index').FakeReply}
 */
function serviceError(code, message = null) {
	const [status, documented] =
		SERVICE_ERRORS[/** @type {keyof typeof SERVICE_ERRORS} */ (Number(code))];
	return {
		status: /** @type {number} */ (status),
		body: {
			code: Number(code),
			data: null,
			message: message ?? documented,
			request_id: randomDigits(29),
			status: Number(code),
			time_elapsed: `${(crypto.randomInt(3000, 30000) / 1000).toFixed(6)}ms`,
		},
	};
}

/**
 * Checks a downloaded or decoded file against the documented limits.
 *
 * @param {Buffer} bytes
 * @param {boolean} viaUrl  a URL may also point at a PDF
 * @param {import('./index').FakeRequest} req
 * @param {import('./index').VendorContext} ctx
 * @returns {import('./index').FakeReply}
 */
function recognize(bytes, viaUrl, req, ctx) {
	if (bytes.length > MAX_FILE_BYTES) return serviceError('50205');
	const file = inspectFile(bytes);
	if (viaUrl && file.format === 'pdf' && (file.pages ?? 0) > 0) {
		return { status: 200, body: ctx.successBody(req, bytes) };
	}
	if (!file.format || !IMAGE_FORMATS.includes(file.format) || file.width === null) {
		return serviceError('50207');
	}
	if (file.unreadable) return serviceError('50208');
	return { status: 200, body: ctx.successBody(req, bytes) };
}

/**
 * Values for a forced gateway error's %s placeholders, taken from the request as the gateway would.
 *
 * @param {keyof typeof GATEWAY_ERRORS} code
 * @param {import('./index').FakeRequest} req
 * @returns {string[]}
 */
function messageParams(code, req) {
	const authorization = String(req.headers.authorization ?? '');
	const accessKeyId = /Credential=([^/,\s]*)/.exec(authorization)?.[1] ?? '';
	switch (code) {
		case 'MissingParameter':
			return ['Action'];
		case 'MissingRequestInfo':
			return ['X-Date'];
		case 'ServiceNotFound':
			return [SERVICE];
		case 'InvalidActionOrVersion':
			return [req.query.Action ?? '', req.query.Version ?? ''];
		case 'InvalidAccessKey':
			return [accessKeyId];
		case 'AccessDenied':
			return [`${SERVICE}:${ACTION}`, '*'];
		default:
			return [];
	}
}

/** @type {import('./index').Route} */
const apiRoute = {
	name: 'ocr',
	authenticate(req, ctx) {
		const result = verifyVolcengineSignature(
			{ method: req.method, url: req.rawUrl, headers: req.headers },
			req.rawBody,
			{ [ctx.credentials.accessKeyId]: ctx.credentials.secretAccessKey },
			{ now: ctx.now(), region: ctx.credentials.region, service: SERVICE },
		);
		if (result.ok) return { ok: true };
		/** @type {string[]} */
		const params =
			result.code === 'InvalidAccessKey'
				? [result.accessKeyId ?? '']
				: result.code === 'MissingRequestInfo'
					? [result.param ?? '']
					: [];
		const code = result.code ?? 'SignatureDoesNotMatch';
		return { ok: false, reply: gatewayError(code, req, ctx, params), detail: result.detail };
	},
	async handle(req, ctx) {
		const { Action: action, Version: version } = req.query;
		if (!action) return gatewayError('MissingParameter', req, ctx, ['Action']);
		if (!version) return gatewayError('MissingParameter', req, ctx, ['Version']);
		if (action !== ACTION || version !== VERSION) {
			return gatewayError('InvalidActionOrVersion', req, ctx, [action, version]);
		}
		if (req.method !== 'POST' || req.path !== '/') return serviceError('50402');
		if (req.bodyType !== 'form' || !req.body) return serviceError('50204');

		const base64 = req.body.image_base64;
		if (typeof base64 === 'string' && base64.length > 0) {
			// The size rule wins over the content rules, as in the doc's table order.
			if (Math.floor((base64.length * 3) / 4) - 2 > MAX_FILE_BYTES) return serviceError('50205');
			const bytes = decodeBase64Strict(base64);
			if (!bytes) return serviceError('50207');
			return recognize(bytes, false, req, ctx);
		}
		const url = req.body.image_url;
		if (typeof url === 'string' && url.length > 0) {
			const download = await fetchLoopback(url);
			if (!download.ok) return serviceError('50200');
			return recognize(download.bytes, true, req, ctx);
		}
		return serviceError('50204');
	},
};

/** @type {import('./index').VendorDefinition} */
const volcengine = {
	name: 'volcengine',
	errorCodes: [...Object.keys(SERVICE_ERRORS), ...Object.keys(GATEWAY_ERRORS)],
	// The gateway authenticates every request before routing it, so there is one route.
	route() {
		return apiRoute;
	},
	unknownRouteReply() {
		return serviceError('50402');
	},
	errorReply(code, req, _route, ctx, message) {
		if (code in GATEWAY_ERRORS) {
			const gatewayCode = /** @type {keyof typeof GATEWAY_ERRORS} */ (code);
			return gatewayError(gatewayCode, req, ctx, messageParams(gatewayCode, req), message);
		}
		return serviceError(code, message);
	},
	rateLimitReply() {
		return serviceError(RATE_LIMIT_CODE);
	},
	echoReply(req, ctx, as) {
		const authorization = String(req.headers.authorization ?? '');
		if (as === 'error') {
			const [, , template] = GATEWAY_ERRORS.SignatureDoesNotMatch;
			return gatewayError('SignatureDoesNotMatch', req, ctx, [], `${template} Authorization: ${authorization}`);
		}
		return { status: 200, body: { ...ctx.successBody(req), echo: authorization } };
	},
	codeOf(body) {
		if (!body || typeof body !== 'object') return null;
		const record = /** @type {Record<string, any>} */ (body);
		if (record.ResponseMetadata?.Error) return String(record.ResponseMetadata.Error.Code);
		return 'code' in record ? String(record.code) : null;
	},
};

module.exports = {
	volcengine,
	VOLCENGINE_ACTION: ACTION,
	VOLCENGINE_VERSION: VERSION,
	VOLCENGINE_SERVICE: SERVICE,
	VOLCENGINE_RATE_LIMIT_CODE: RATE_LIMIT_CODE,
};
