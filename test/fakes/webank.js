'use strict';
// @ts-check

/**
 * Fake WeBank (微众银行) invoice OCR and verification (vendor-docs/webank-invoice-ocr-and-verify.md).
 *
 *   POST /saas/ocr/invoice   JSON { image, request_id }
 *     → { error, request_id, stats: { __version__ }, invoices: [{ name, result }] }
 *     error 0 ok · 1 internal · 2 bad parameters · 3 image decode error
 *   POST /ocr_invoice/verify JSON { invoice: { name, invoice_code, invoice_id, invoice_date,
 *                                             total_amount?, check_code? }, request_id }
 *     → { error, request_id, stats, result: { verfication_code, verfication_count, invoice } }
 *     (`verfication` is WeBank's spelling.) verfication_code 0 match · 10 unsupported type ·
 *     11 issued over a year ago · 12 over 5 verifications today · 20 a field differs ·
 *     21 no such invoice · 30 malformed input.
 *
 * Verification is a small real system: the "genuine" invoices are
 * test/fixtures/vendors/webank/fake-verify-registry.json, issue dates relative to the day the fake
 * starts (or is reset), in China's time zone; the daily count is per fake instance.
 *
 * Assumptions where the doc is silent (also in ASSUMPTIONS.md):
 * - no authentication (the doc documents none);
 * - errors are HTTP 200; rate limit (qpsCap) answers HTTP 429 with { error: 1 };
 * - request_id is optional and echoed ('' when absent);
 * - the OCR accepts JPEG/PNG/BMP (no formats documented; the package assumes the same); anything
 *   else, and an unreadable image (side < 8 px), answers error 3;
 * - verify: dates as 2020年1月10日, 2020-01-10 or 20200110; invoice_code 10 or 12 digits,
 *   invoice_id 8 digits, check_code digits (6 = last six), total_amount a 2-decimal amount;
 *   check_code required except for 专票, total_amount required for 专票 only; a missing field or
 *   a future date is 30; the date rule (11) is judged before the look-up; a 6th verification of
 *   one invoice on one day answers 12 without counting; result.invoice is null unless the code is 0;
 * - echo (a test knob): WeBank has no secret to quote, so error 2 quotes the request_id
 *   (`msg: 参数错误(request_id=…)`), or the answer carries `echo: <request_id>`. This shows that
 *   redaction leaves what is not a secret alone.
 */

const { decodeBase64Strict, inspectFile } = require('./files');
const { loadFixture } = require('./fixtures');
const { NGINX_404_PAGE, jsonFields } = require('./server');

const OCR_PATH = '/saas/ocr/invoice';
const VERIFY_PATH = '/ocr_invoice/verify';
const STATS = Object.freeze({ __version__: '20200107' });
const OCR_FORMATS = ['jpeg', 'png', 'bmp'];
const VERIFIABLE = ['VAT_special_invoice', 'VAT_invoice', 'VAT_e-invoice', 'VAT_v-invoice'];
const SPECIAL = 'VAT_special_invoice';
const DAILY_LIMIT = 5;
const CHINA_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

const ERRORS = ['1', '2', '3'];
const OCR_ERRORS = ['1', '2', '3'];
const VERIFY_ERRORS = ['1', '2'];
const VERIFY_CODES = ['10', '11', '12', '20', '21', '30'];

/**
 * @typedef {object} RegistryEntry
 * @property {string} name  WeBank type name, e.g. VAT_e-invoice
 * @property {string} issueDate  YYYY-MM-DD
 * @property {Record<string, unknown>} invoice  what verification answers, OCR field names
 */

/**
 * @typedef {object} WebankState
 * @property {RegistryEntry[]} registry
 * @property {Map<string, number>} dailyCounts  `${day}|${code}|${number}` → verifications
 */

/**
 * Calendar day in China for an instant, as [year, month, day].
 *
 * @param {number} ms
 */
function chinaDay(ms) {
	const d = new Date(ms + CHINA_UTC_OFFSET_MS);
	return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

/**
 * @param {number} year
 * @param {number} month
 * @param {number} day
 */
function iso(year, month, day) {
	const d = new Date(Date.UTC(year, month - 1, day));
	return d.toISOString().slice(0, 10);
}

/** 2025-06-14 → 2025年6月14日, as WeBank (and Juhe) print a date. @param {string} isoDate */
function chineseDate(isoDate) {
	const [y, m, d] = isoDate.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

/**
 * Parses the date forms a caller may send; null when malformed or not a real day.
 *
 * @param {unknown} value
 * @returns {string | null} YYYY-MM-DD
 */
function parseInvoiceDate(value) {
	if (typeof value !== 'string') return null;
	const match =
		/^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(value) ??
		/^(\d{4})-(\d{2})-(\d{2})$/.exec(value) ??
		/^(\d{4})(\d{2})(\d{2})$/.exec(value);
	if (!match) return null;
	const [y, m, d] = match.slice(1).map(Number);
	const date = iso(y, m, d);
	return date ===
		`${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
		? date
		: null;
}

/** @param {string} amount */
const toFen = (amount) => Math.round(Number(amount) * 100);

/**
 * Loads the registry with issue dates counted back from today (China time).
 *
 * @param {number} nowMs
 * @returns {RegistryEntry[]}
 */
function loadVerifyRegistry(nowMs) {
	const [y, m, d] = chinaDay(nowMs);
	/** @type {{ invoices: Array<{ name: string, issuedDaysAgo: number, invoice: Record<string, unknown> }> }} */
	const file = loadFixture('webank', 'fake-verify-registry');
	return file.invoices.map((entry) => {
		const issueDate = iso(y, m, d - entry.issuedDaysAgo);
		/** @type {Record<string, unknown>} */
		const invoice = {};
		for (const [key, value] of Object.entries(entry.invoice)) {
			invoice[key] = value;
			if (key === 'invoice_id') invoice.invoice_date = chineseDate(issueDate);
		}
		return { name: entry.name, issueDate, invoice };
	});
}

/**
 * @param {Record<string, unknown>} body
 * @param {import('./index').FakeRequest} req
 * @param {number} [status]
 * @returns {import('./index').FakeReply}
 */
function envelope(body, req, status = 200) {
	return { status, body: { error: 0, request_id: requestIdOf(req), stats: { ...STATS }, ...body } };
}

/**
 * The caller's request_id, echoed as WeBank documents ('' when absent).
 *
 * @param {import('./index').FakeRequest} req
 */
function requestIdOf(req) {
	const request = jsonFields(req);
	return request && typeof request.request_id === 'string' ? request.request_id : '';
}

/**
 * @param {import('./index').FakeRequest} req
 * @param {number | string} error
 * @param {number} [status]
 */
const errorReply = (req, error, status = 200) => envelope({ error: Number(error) }, req, status);

/**
 * @param {import('./index').FakeRequest} req
 * @param {number | string} code
 * @param {number} count
 * @param {Record<string, unknown> | null} [invoice]
 */
const verifyResult = (req, code, count, invoice = null) =>
	envelope({ result: { verfication_code: Number(code), verfication_count: count, invoice } }, req);

/** No auth is documented; only an unreadable body is refused before routing on. */
function noAuth(/** @type {import('./index').FakeRequest} */ req) {
	if (!jsonFields(req))
		return { ok: null, reply: errorReply(req, 2), detail: 'body is not a JSON object' };
	return { ok: null };
}

/** @type {import('./index').Route} */
const ocrRoute = {
	name: 'ocr',
	authenticate: noAuth,
	handle(req, ctx) {
		const image = /** @type {Record<string, unknown>} */ (jsonFields(req)).image;
		if (typeof image !== 'string' || image === '') return errorReply(req, 2);
		const bytes = decodeBase64Strict(image);
		if (!bytes) return errorReply(req, 3);
		const file = inspectFile(bytes);
		if (
			!file.format ||
			!OCR_FORMATS.includes(file.format) ||
			file.width === null ||
			file.unreadable
		) {
			return errorReply(req, 3);
		}
		const body = ctx.successBody(req, bytes);
		if (body && typeof body === 'object' && 'request_id' in body) {
			body.request_id = requestIdOf(req);
		}
		return { status: 200, body };
	},
};

/**
 * What is wrong with the fields, or null. Mirrors the tax system's "信息不规范" (30).
 *
 * @param {Record<string, unknown>} invoice
 * @param {string} todayIso
 */
function malformed(invoice, todayIso) {
	const { name, invoice_code: code, invoice_id: number, check_code: checkCode } = invoice;
	const amount = invoice.total_amount;
	if (typeof code !== 'string' || !/^(\d{10}|\d{12})$/.test(code)) return 'invoice_code';
	if (typeof number !== 'string' || !/^\d{8}$/.test(number)) return 'invoice_id';
	const date = parseInvoiceDate(invoice.invoice_date);
	if (date === null || date > todayIso) return 'invoice_date';
	if (name === SPECIAL) {
		if (typeof amount !== 'string' || !/^\d+(\.\d{1,2})?$/.test(amount)) return 'total_amount';
	} else {
		if (typeof checkCode !== 'string' || !/^\d{6,}$/.test(checkCode)) return 'check_code';
		if (amount !== undefined && (typeof amount !== 'string' || !/^\d+(\.\d{1,2})?$/.test(amount))) {
			return 'total_amount';
		}
	}
	return null;
}

/**
 * The fields that differ from the genuine invoice.
 *
 * @param {Record<string, unknown>} given
 * @param {RegistryEntry} genuine
 */
function differences(given, genuine) {
	const real = genuine.invoice;
	const diffs = [];
	if (given.name !== genuine.name) diffs.push('name');
	if (parseInvoiceDate(given.invoice_date) !== genuine.issueDate) diffs.push('invoice_date');
	if (
		given.total_amount !== undefined &&
		toFen(String(given.total_amount)) !== toFen(String(real.total_amount))
	) {
		diffs.push('total_amount');
	}
	if (genuine.name !== SPECIAL && typeof given.check_code === 'string') {
		const realCode = String(real.check_code);
		const matches =
			given.check_code.length === 6
				? realCode.endsWith(given.check_code)
				: given.check_code === realCode;
		if (!matches) diffs.push('check_code');
	}
	return diffs;
}

/** @type {import('./index').Route} */
const verifyRoute = {
	name: 'verify',
	authenticate: noAuth,
	handle(req, ctx) {
		const state = /** @type {WebankState} */ (ctx.state);
		const invoice = /** @type {Record<string, unknown>} */ (jsonFields(req)).invoice;
		if (!invoice || typeof invoice !== 'object' || Array.isArray(invoice))
			return errorReply(req, 2);
		const fields = /** @type {Record<string, unknown>} */ (invoice);
		if (typeof fields.name !== 'string' || fields.name === '') return verifyResult(req, 30, 0);
		if (!VERIFIABLE.includes(fields.name)) return verifyResult(req, 10, 0);

		const [y, m, d] = chinaDay(ctx.now());
		const today = iso(y, m, d);
		const problem = malformed(fields, today);
		if (problem) {
			req.logEntry.detail = `malformed ${problem}`;
			return verifyResult(req, 30, 0);
		}
		const issueDate = /** @type {string} */ (parseInvoiceDate(fields.invoice_date));
		if (issueDate < iso(y - 1, m, d)) return verifyResult(req, 11, 0);

		const genuine = state.registry.find(
			(entry) =>
				entry.invoice.invoice_code === fields.invoice_code &&
				entry.invoice.invoice_id === fields.invoice_id,
		);
		if (!genuine) return verifyResult(req, 21, 0);

		const countKey = `${today}|${fields.invoice_code}|${fields.invoice_id}`;
		const count = state.dailyCounts.get(countKey) ?? 0;
		if (count >= DAILY_LIMIT) return verifyResult(req, 12, count);
		state.dailyCounts.set(countKey, count + 1);

		const diffs = differences(fields, genuine);
		if (diffs.length > 0) {
			req.logEntry.detail = `differs: ${diffs.join(', ')}`;
			return verifyResult(req, 20, count + 1);
		}
		return verifyResult(req, 0, count + 1, structuredClone(genuine.invoice));
	},
};

/** @type {import('./index').VendorDefinition} */
const webank = {
	name: 'webank',
	errorCodes: [...ERRORS, ...VERIFY_CODES],
	createState(ctx) {
		/** @type {WebankState} */
		const state = { registry: loadVerifyRegistry(ctx.now()), dailyCounts: new Map() };
		return state;
	},
	route(req) {
		if (req.method !== 'POST') return null;
		if (req.path === OCR_PATH) return ocrRoute;
		if (req.path === VERIFY_PATH) return verifyRoute;
		return null;
	},
	unknownRouteReply() {
		return { status: 404, body: NGINX_404_PAGE };
	},
	// A forced code applies where WeBank documents it: 3 only to OCR, verification codes only to
	// verify, 1 and 2 to both. Elsewhere the request is answered normally.
	errorReply(code, req, route) {
		if (route.name === 'ocr') return OCR_ERRORS.includes(code) ? errorReply(req, code) : null;
		if (VERIFY_ERRORS.includes(code)) return errorReply(req, code);
		return VERIFY_CODES.includes(code) ? verifyResult(req, code, 0) : null;
	},
	rateLimitReply(req) {
		return errorReply(req, 1, 429);
	},
	echoReply(req, ctx, as) {
		const requestId = requestIdOf(req);
		if (as === 'error') return envelope({ error: 2, msg: `参数错误(request_id=${requestId})` }, req);
		if (req.path === VERIFY_PATH) {
			return envelope({ result: { verfication_code: 21, verfication_count: 0, invoice: null }, echo: requestId }, req);
		}
		return { status: 200, body: { ...ctx.successBody(req), echo: requestId } };
	},
	codeOf(body) {
		if (!body || typeof body !== 'object') return null;
		const record = /** @type {Record<string, any>} */ (body);
		if (record.error === 0 && record.result && 'verfication_code' in record.result) {
			return `verify:${record.result.verfication_code}`;
		}
		return 'error' in record ? String(record.error) : null;
	},
	controlRoutes: {
		'GET /__fake/verify-registry': (ctx) => /** @type {WebankState} */ (ctx.state).registry,
	},
	extendHandle(handle, ctx) {
		Object.defineProperty(handle, 'verifyRegistry', {
			enumerable: true,
			get: () => /** @type {WebankState} */ (ctx.state).registry,
		});
	},
};

module.exports = {
	webank,
	chineseDate,
	WEBANK_OCR_PATH: OCR_PATH,
	WEBANK_VERIFY_PATH: VERIFY_PATH,
	loadVerifyRegistry,
	parseInvoiceDate,
};
