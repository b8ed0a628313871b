'use strict';
// @ts-check

/**
 * Fake Juhe (聚合数据) VAT roll-invoice OCR (vendor-docs/juhe-vat-roll-invoice-ocr.md).
 *
 *   POST /vat_roll_invoice_ocr/query   Content-Type: application/x-www-form-urlencoded
 *   key (form body; the query string is accepted too), image_base64
 *   HTTP 200 always; body { reason, result, error_code } (error_code 0 = success).
 *
 * System errors (10001..10021) carry the legacy `resultcode` string of the doc's table (as Juhe's
 * live servers do: `{"resultcode":"101","reason":"错误的请求KEY","result":null,"error_code":10001}`);
 * service errors 253301/253302 do not.
 *
 * Assumptions where the doc is silent (also in ASSUMPTIONS.md):
 * - rate limit (qpsCap) answers 10011 当前IP请求超过限制;
 * - a missing or wrong key answers 10001;
 * - a missing/empty/over-3 MB/undecodable image_base64 or a format other than PNG/JPEG answers
 *   253301 查询参数错误; an image the engine cannot read (a side < 8 px) answers 253302 请求失败;
 * - any other path or method answers an nginx 404 page;
 * - echo (a test knob, as the reviewer saw from a live server): 10001 with the key in the reason,
 *   `错误的请求KEY(<key>)`, or the success answer with `echo` holding the form minus the image.
 */

const { decodeBase64Strict, inspectFile } = require('./files');
const { NGINX_404_PAGE, formFields } = require('./server');

const PATH = '/vat_roll_invoice_ocr/query';
const MAX_BASE64_CHARS = 3 * 1024 * 1024;
const ACCEPTED_FORMATS = ['png', 'jpeg'];
const RATE_LIMIT_CODE = '10011';

/** error_code → [reason, legacy resultcode] */
const SYSTEM_ERRORS = {
	10001: ['错误的请求KEY', '101'],
	10002: ['该KEY无请求权限', '102'],
	10003: ['KEY过期', '103'],
	10004: ['错误的OPENID', '104'],
	10005: ['应用未审核超时，请提交认证', '105'],
	10007: ['未知的请求源', '107'],
	10008: ['被禁止的IP', '108'],
	10009: ['被禁止的KEY', '109'],
	10011: ['当前IP请求超过限制', '111'],
	10012: ['请求超过次数限制', '112'],
	10013: ['测试KEY超过请求限制', '113'],
	10014: [
		'系统内部异常(调用充值类业务时，请务必联系客服或通过订单查询接口检测订单，避免造成损失)',
		'114',
	],
	10020: ['接口维护', '120'],
	10021: ['接口停用', '121'],
};

/** error_code → reason */
const SERVICE_ERRORS = {
	253301: '查询参数错误',
	253302: '请求失败',
};

/**
 * @param {string} code
 * @param {string | null} [message]
 * @returns {import('./index').FakeReply}
 */
function errorReply(code, message = null) {
	const system = SYSTEM_ERRORS[/** @type {keyof typeof SYSTEM_ERRORS} */ (Number(code))];
	if (system) {
		return {
			status: 200,
			body: {
				resultcode: system[1],
				reason: message ?? system[0],
				result: null,
				error_code: Number(code),
			},
		};
	}
	const reason = SERVICE_ERRORS[/** @type {keyof typeof SERVICE_ERRORS} */ (Number(code))];
	return {
		status: 200,
		body: { reason: message ?? reason, result: null, error_code: Number(code) },
	};
}

/** @type {import('./index').Route} */
const ocrRoute = {
	name: 'ocr',
	authenticate(req, ctx) {
		const form = formFields(req);
		const key = typeof form.key === 'string' ? form.key : req.query.key;
		if (key === ctx.credentials.apiKey) return { ok: true };
		return { ok: false, reply: errorReply('10001'), detail: key ? 'wrong key' : 'no key' };
	},
	handle(req, ctx) {
		const text = formFields(req).image_base64;
		if (typeof text !== 'string' || text.length === 0) return errorReply('253301');
		if (text.length > MAX_BASE64_CHARS) return errorReply('253301');
		const bytes = decodeBase64Strict(text);
		if (!bytes) return errorReply('253301');
		const file = inspectFile(bytes);
		if (!file.format || !ACCEPTED_FORMATS.includes(file.format) || file.width === null) {
			return errorReply('253301');
		}
		if (file.unreadable) return errorReply('253302');
		return { status: 200, body: ctx.successBody(req, bytes) };
	},
};

/**
 * The form as sent, minus the image: what a vendor that repeats the request quotes.
 *
 * @param {import('./index').FakeRequest} req
 */
function quotedForm(req) {
	const form = new URLSearchParams(req.rawBody.toString('utf8'));
	form.delete('image_base64');
	return form.toString();
}

/** @type {import('./index').VendorDefinition} */
const juhe = {
	name: 'juhe',
	errorCodes: [...Object.keys(SYSTEM_ERRORS), ...Object.keys(SERVICE_ERRORS)],
	route(req) {
		return req.method === 'POST' && req.path === PATH ? ocrRoute : null;
	},
	unknownRouteReply() {
		return { status: 404, body: NGINX_404_PAGE };
	},
	errorReply(code, _req, _route, _ctx, message) {
		return errorReply(code, message);
	},
	rateLimitReply() {
		return errorReply(RATE_LIMIT_CODE);
	},
	echoReply(req, ctx, as) {
		if (as === 'error') {
			const key = String(formFields(req).key ?? req.query.key ?? '');
			return errorReply('10001', `错误的请求KEY(${key})`);
		}
		return { status: 200, body: { ...ctx.successBody(req), echo: quotedForm(req) } };
	},
	codeOf(body) {
		return body && typeof body === 'object' && 'error_code' in body
			? String(body.error_code)
			: null;
	},
};

module.exports = { juhe, JUHE_PATH: PATH, JUHE_RATE_LIMIT_CODE: RATE_LIMIT_CODE };
