'use strict';
// @ts-check

/**
 * Fake Xinhuo (薪火科技) multi-invoice OCR (vendor-docs/xinhuo-multi-invoice-ocr.md).
 *
 *   POST /ocr   Content-Type: application/json   body { image, type, token }
 *   HTTP 200 always; body { code, message, result: { object_list: [...] } }, code 200 = success.
 *
 * Errors answer `{ code, message }` with the doc's code and English message.
 *
 * Assumptions where the doc is silent (also in ASSUMPTIONS.md):
 * - the token is checked like the doc's app key: missing/empty → 40100, wrong → 40110;
 * - no size limit is documented: files over 10 MB answer 40302 Image size error;
 * - an empty body answers 40600, a body that is not a JSON object 40201;
 * - no image answers 40300; undecodable base64 or an image format other than jpg/tif/png/bmp
 *   answers 40301; a PDF/OFD answers 40303; an unreadable image (side < 8 px) answers 40401;
 * - the request `type` is opaque (its values are unpublished) and not checked;
 * - rate limit (qpsCap) answers 40018; an unknown path answers 40202 (HTTP 200);
 * - echo (a test knob): 40110 with the token in the message, or the success answer with
 *   `echo: { token }`.
 */

const { decodeBase64Strict, inspectFile } = require('./files');
const { jsonFields } = require('./server');

const PATH = '/ocr';
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const IMAGE_FORMATS = ['jpeg', 'tiff', 'png', 'bmp'];
const DOCUMENT_FORMATS = ['pdf', 'ofd'];
const RATE_LIMIT_CODE = '40018';

/** The doc's code table: code → message. */
const CODES = {
	500: 'Server error',
	40001: 'Access server error',
	40002: 'Service temporarily unavailable',
	40003: 'Unsupported openapi method',
	40004: 'Open api request limit reached',
	40017: 'Open api daily request limit reached',
	40018: 'Open api qps request limit reached',
	40019: 'Open api total request limit reached',
	40020: 'Open api daily testing limit reached.',
	40100: 'Empty App key or app secret',
	40101: 'App does not exist',
	40102: 'Invalid app secret',
	40103: 'Invalid App',
	40104: 'App has expired',
	40105: 'Invalid IP source',
	40106: 'App does not match service',
	40107: 'App has been overdrawn by 5% of the total count. Please use it after recharging.',
	40110: 'App key or app secret invalid',
	40200: 'Internal error',
	40201: 'Not enough param',
	40202: 'Service not support',
	40300: 'Empty image',
	40301: 'Image format error',
	40302: 'Image size error',
	40303: 'File type unsupport',
	40400: 'Recognize error',
	40401: 'Image recognize error',
	40500: 'Classify failed',
	40600: 'Missing request body',
	50001: 'Time out',
	90099: 'Unknown error',
};

/**
 * @param {string | number} code
 * @param {string | null} [message]
 * @returns {import('./index').FakeReply}
 */
function errorReply(code, message = null) {
	const documented = CODES[/** @type {keyof typeof CODES} */ (Number(code))];
	return { status: 200, body: { code: Number(code), message: message ?? documented } };
}

/** @type {import('./index').Route} */
const ocrRoute = {
	name: 'ocr',
	authenticate(req, ctx) {
		if (req.rawBody.length === 0)
			return { ok: null, reply: errorReply(40600), detail: 'empty body' };
		const body = jsonFields(req);
		if (!body) return { ok: null, reply: errorReply(40201), detail: 'body is not a JSON object' };
		const token = body.token;
		if (typeof token !== 'string' || token === '') {
			return { ok: false, reply: errorReply(40100), detail: 'no token' };
		}
		if (token !== ctx.credentials.token)
			return { ok: false, reply: errorReply(40110), detail: 'wrong token' };
		return { ok: true };
	},
	handle(req, ctx) {
		const image = /** @type {Record<string, unknown>} */ (jsonFields(req)).image;
		if (typeof image !== 'string' || image === '') return errorReply(40300);
		const bytes = decodeBase64Strict(image);
		if (!bytes) return errorReply(40301);
		if (bytes.length > MAX_FILE_BYTES) return errorReply(40302);
		const file = inspectFile(bytes);
		if (file.format && DOCUMENT_FORMATS.includes(file.format)) return errorReply(40303);
		if (!file.format || !IMAGE_FORMATS.includes(file.format) || file.width === null) {
			return errorReply(40301);
		}
		if (file.unreadable) return errorReply(40401);
		return { status: 200, body: ctx.successBody(req, bytes) };
	},
};

/** @type {import('./index').VendorDefinition} */
const xinhuo = {
	name: 'xinhuo',
	errorCodes: Object.keys(CODES),
	route(req) {
		return req.method === 'POST' && req.path === PATH ? ocrRoute : null;
	},
	unknownRouteReply() {
		return errorReply(40202);
	},
	errorReply(code, _req, _route, _ctx, message) {
		return errorReply(code, message);
	},
	rateLimitReply() {
		return errorReply(RATE_LIMIT_CODE);
	},
	echoReply(req, ctx, as) {
		const token = String(jsonFields(req)?.token ?? '');
		if (as === 'error') return errorReply(40110, `App key or app secret invalid: ${token}`);
		return { status: 200, body: { ...ctx.successBody(req), echo: { token } } };
	},
	codeOf(body) {
		return body && typeof body === 'object' && 'code' in body ? String(body.code) : null;
	},
};

module.exports = { xinhuo, XINHUO_PATH: PATH, XINHUO_RATE_LIMIT_CODE: RATE_LIMIT_CODE };
