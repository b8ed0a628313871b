'use strict';
// @ts-check

/**
 * Fake Jumdata (聚美智数) VAT invoice OCR v2 (vendor-docs/jumdata-invoice-ocr-v2.html).
 *
 *   POST /ocr/invoice-v2   Content-Type: application/x-www-form-urlencoded
 *   appId, timestamp (ms), sign = lowercase hex sha256(appId + appSecret + timestamp)
 *   one of imageBase64 > pdfBase64 (+pdfFileNum) > ofdBase64 (+ofdFileNum) > url; type=normal|roll
 *   HTTP 200 always; body { code, msg, charge, taskNo, data }, code 200 = success (billed).
 *
 * Errors follow the doc's error example `{ "msg": "图片格式不正确", "code": 400 }` plus
 * `charge: false` (the doc's billing flag; only code 200 is billed).
 *
 * Assumptions where the doc is silent (also in ASSUMPTIONS.md):
 * - a bad sign or an unknown appId answers { code: 400, msg: '签名错误', charge: false };
 * - a timestamp more than 5 minutes from the server clock answers { code: 400, msg: '时间戳已过期' };
 * - a missing appId/timestamp/sign, a non-numeric timestamp, a bad type or page number, or no
 *   input at all answers 400 参数错误;
 * - file checks answer 400 with a specific msg: over 4 MB, not jpg/jpeg/png/bmp, an image outside
 *   15..4096 px (this also covers the unreadable 1-pixel image), a PDF/OFD that is not one, a page
 *   past the end of the document, a URL that is not loopback or fails to download;
 * - rate limit (qpsCap) answers 609; an unknown path answers code 404 (HTTP 200, like all errors);
 * - only x-www-form-urlencoded bodies are read (the doc's format for this endpoint);
 * - echo (a test knob): 签名错误 quoting appId, timestamp and sign, or the success answer with
 *   `echo` holding them as a form string.
 */

const crypto = require('node:crypto');
const { decodeBase64Strict, fetchLoopback, inspectFile } = require('./files');
const { formFields } = require('./server');

const PATH = '/ocr/invoice-v2';
const MAX_FILE_BYTES = 4 * 1024 * 1024;
const MIN_SIDE_PX = 15;
const MAX_SIDE_PX = 4096;
const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;
const IMAGE_FORMATS = ['jpeg', 'png', 'bmp'];
const RATE_LIMIT_CODE = '609';

/** The doc's code table: code → msg. */
const CODES = {
	400: '参数错误',
	404: '接口地址不正确',
	500: '系统维护,请稍候再试',
	601: '接口未开通',
	602: '账号停用',
	603: '余额不足请充值',
	604: '接口停用',
	606: '调用超限,请稍候再试',
	607: 'ip不在白名单',
	609: '请求过于频繁,请稍候再试',
	610: '请求超时',
	999: '其他,以实际返回为准',
};

/** The specific messages this fake gives for code 400. */
const MSG = {
	badSign: '签名错误',
	expired: '时间戳已过期',
	badImage: '图片格式不正确',
	tooLarge: '文件大小不能超过4M',
	badSize: '图片尺寸不正确,最短边至少15px,最长边最大4096px',
	badPdf: 'pdf文件格式不正确',
	badOfd: 'ofd文件格式不正确',
	badPage: '页码超出文件页数',
	download: '文件下载失败',
};

/**
 * @param {string | number} code
 * @param {string | null} [msg]
 * @returns {import('./index').FakeReply}
 */
function errorReply(code, msg = null) {
	const documented = CODES[/** @type {keyof typeof CODES} */ (Number(code))];
	return { status: 200, body: { code: Number(code), msg: msg ?? documented, charge: false } };
}

/** @param {string} msg */
const badRequest = (msg) => errorReply(400, msg);

/**
 * @param {unknown} value
 * @returns {number | null} a 1-based page number; null when invalid
 */
function pageNumber(value) {
	if (value === undefined || value === '') return 1;
	const text = String(value);
	return /^[1-9]\d{0,4}$/.test(text) ? Number(text) : null;
}

/**
 * @param {Buffer} bytes
 * @param {'image' | 'pdf' | 'ofd' | 'url'} kind  what field the bytes came from
 * @param {number} page
 * @param {import('./index').FakeRequest} req
 * @param {import('./index').VendorContext} ctx
 * @returns {import('./index').FakeReply}
 */
function recognize(bytes, kind, page, req, ctx) {
	if (bytes.length > MAX_FILE_BYTES) return badRequest(MSG.tooLarge);
	const file = inspectFile(bytes);
	const expected = kind === 'url' ? file.format : kind === 'image' ? 'image' : kind;
	if (expected === 'pdf' || expected === 'ofd') {
		if (file.format !== expected || !file.pages)
			return badRequest(expected === 'pdf' ? MSG.badPdf : MSG.badOfd);
		if (page > file.pages) return badRequest(MSG.badPage);
		return success(req, ctx, bytes);
	}
	if (
		!file.format ||
		!IMAGE_FORMATS.includes(file.format) ||
		file.width === null ||
		file.height === null
	) {
		return badRequest(MSG.badImage);
	}
	const shortest = Math.min(file.width, file.height);
	const longest = Math.max(file.width, file.height);
	if (shortest < MIN_SIDE_PX || longest > MAX_SIDE_PX) return badRequest(MSG.badSize);
	return success(req, ctx, bytes);
}

/**
 * @param {import('./index').FakeRequest} req
 * @param {import('./index').VendorContext} ctx
 * @param {Buffer} bytes
 */
function success(req, ctx, bytes) {
	return { status: 200, body: ctx.successBody(req, bytes) };
}

/** @type {import('./index').Route} */
const ocrRoute = {
	name: 'ocr',
	authenticate(req, ctx) {
		const { appId, timestamp, sign } = formFields(req);
		if (!appId || !timestamp || !sign) {
			return { ok: false, reply: errorReply(400), detail: 'appId, timestamp or sign missing' };
		}
		if (!/^\d{1,16}$/.test(String(timestamp))) {
			return { ok: false, reply: errorReply(400), detail: 'timestamp is not milliseconds' };
		}
		if (appId !== ctx.credentials.appId) {
			return { ok: false, reply: badRequest(MSG.badSign), detail: 'unknown appId' };
		}
		if (Math.abs(ctx.now() - Number(timestamp)) > TIMESTAMP_WINDOW_MS) {
			return { ok: false, reply: badRequest(MSG.expired), detail: 'timestamp outside ±5 min' };
		}
		const expected = crypto
			.createHash('sha256')
			.update(`${appId}${ctx.credentials.appSecret}${timestamp}`)
			.digest('hex');
		if (sign !== expected)
			return { ok: false, reply: badRequest(MSG.badSign), detail: 'wrong sign' };
		return { ok: true };
	},
	async handle(req, ctx) {
		const fields = formFields(req);
		const type = fields.type ?? 'normal';
		if (type !== 'normal' && type !== 'roll') return errorReply(400);
		const present = (/** @type {string} */ name) =>
			typeof fields[name] === 'string' && fields[name] !== '';

		if (present('imageBase64')) {
			const bytes = decodeBase64Strict(fields.imageBase64);
			return bytes ? recognize(bytes, 'image', 1, req, ctx) : badRequest(MSG.badImage);
		}
		for (const kind of /** @type {const} */ (['pdf', 'ofd'])) {
			if (!present(`${kind}Base64`)) continue;
			const page = pageNumber(fields[`${kind}FileNum`]);
			if (page === null) return errorReply(400);
			const bytes = decodeBase64Strict(fields[`${kind}Base64`]);
			if (!bytes) return badRequest(kind === 'pdf' ? MSG.badPdf : MSG.badOfd);
			return recognize(bytes, kind, page, req, ctx);
		}
		if (present('url')) {
			const download = await fetchLoopback(String(fields.url));
			if (!download.ok) return badRequest(MSG.download);
			return recognize(download.bytes, 'url', 1, req, ctx);
		}
		return errorReply(400);
	},
};

/** @type {import('./index').VendorDefinition} */
const jumdata = {
	name: 'jumdata',
	errorCodes: Object.keys(CODES),
	route(req) {
		return req.method === 'POST' && req.path === PATH ? ocrRoute : null;
	},
	unknownRouteReply() {
		return errorReply(404);
	},
	errorReply(code, _req, _route, _ctx, message) {
		return errorReply(code, message);
	},
	rateLimitReply() {
		return errorReply(RATE_LIMIT_CODE);
	},
	echoReply(req, ctx, as) {
		const { appId, timestamp, sign } = formFields(req);
		const quoted = new URLSearchParams({
			appId: String(appId ?? ''),
			timestamp: String(timestamp ?? ''),
			sign: String(sign ?? ''),
		}).toString();
		if (as === 'error') return badRequest(`${MSG.badSign}(${quoted})`);
		return { status: 200, body: { ...ctx.successBody(req), echo: quoted } };
	},
	codeOf(body) {
		return body && typeof body === 'object' && 'code' in body ? String(body.code) : null;
	},
	// type=roll reads with the roll-invoice engine: the same photo gives another answer.
	sampleVariant(req) {
		return formFields(req).type === 'roll' ? 'roll' : null;
	},
};

module.exports = {
	jumdata,
	JUMDATA_PATH: PATH,
	JUMDATA_RATE_LIMIT_CODE: RATE_LIMIT_CODE,
	JUMDATA_MESSAGES: MSG,
};
