import { invoiceError } from '../../nodes/shared/errors';
import {
	WEBANK_VERIFIABLE,
	parseVerificationResponse,
	retriesVerification,
	planVerification,
	webankDate,
	type VerificationPlan,
} from '../../nodes/shared/vendors/webank/verify';
import type { VendorHttpResponse } from '../../nodes/shared/vendors/types';

/** 2020-06-01 noon in Shanghai. */
const today = new Date('2020-06-01T04:00:00Z');

/** The vendor document's request sample, as Invoice OCR would output it. */
function electronicCommon() {
	return {
		invoiceType: 'vat_electronic_common',
		invoiceCode: '044031900211',
		invoiceNumber: '04296665',
		issueDate: '2019-12-24',
		checkCode: '56085752562565181941',
		amount: 720.58,
		tax: 43.23,
		total: 763.81,
	};
}

function requestBody(plan: VerificationPlan): Record<string, unknown> {
	if (plan.kind !== 'request') throw new Error(`expected a request, got ${plan.kind}`);
	return plan.request.body as Record<string, unknown>;
}

function response(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

describe('planVerification', () => {
	test('builds the documented request for an electronic common invoice', () => {
		const plan = planVerification(electronicCommon(), { requestId: 'req-1' }, today);
		expect(plan).toEqual({
			kind: 'request',
			invoiceType: 'vat_electronic_common',
			request: {
				method: 'POST',
				url: '/ocr_invoice/verify',
				baseUrlField: 'verifyBaseUrl',
				body: {
					invoice: {
						name: 'VAT_e-invoice',
						invoice_code: '044031900211',
						invoice_id: '04296665',
						invoice_date: '2019年12月24日',
						total_amount: '720.58',
						check_code: '181941',
					},
					request_id: 'req-1',
				},
			},
		});
	});

	test('dates are written without zero padding', () => {
		expect(webankDate('2020-01-10')).toBe('2020年1月10日');
		expect(webankDate('2019-12-04')).toBe('2019年12月4日');
		const plan = planVerification({ ...electronicCommon(), issueDate: '2020-01-05' }, {}, today);
		expect((requestBody(plan).invoice as Record<string, unknown>).invoice_date).toBe(
			'2020年1月5日',
		);
	});

	test('special invoices send the pre-tax amount with two decimals and no check code', () => {
		const invoice = {
			invoiceType: 'vat_special',
			invoiceCode: '4403193130',
			invoiceNumber: '12345678',
			issueDate: '2020-03-01',
			checkCode: null,
			amount: 100.5,
		};
		expect(requestBody(planVerification(invoice, {}, today)).invoice).toEqual({
			name: 'VAT_special_invoice',
			invoice_code: '4403193130',
			invoice_id: '12345678',
			invoice_date: '2020年3月1日',
			total_amount: '100.50',
		});
	});

	test('a special invoice without its amount cannot be verified', () => {
		const plan = planVerification(
			{
				invoiceType: 'vat_special',
				invoiceCode: '4403193130',
				invoiceNumber: '12345678',
				issueDate: '2020-03-01',
			},
			{},
			today,
		);
		expect(plan.kind).toBe('invalid');
		if (plan.kind !== 'invalid') return;
		expect(plan.message).toContain('pre-tax amount is missing');
		expect(plan.error).toMatchObject({ code: 'INVALID_INPUT', vendor: 'webank', retryable: false });
		expect(plan.error.message).toBe(plan.message);
	});

	test('common invoices omit the amount when absent and need the check code', () => {
		const withoutAmount = { ...electronicCommon(), invoiceType: 'vat_common', amount: null };
		expect(requestBody(planVerification(withoutAmount, {}, today)).invoice).toEqual({
			name: 'VAT_invoice',
			invoice_code: '044031900211',
			invoice_id: '04296665',
			invoice_date: '2019年12月24日',
			check_code: '181941',
		});
		const roll = { ...electronicCommon(), invoiceType: 'vat_roll', checkCode: '1234 5678 9012' };
		const rollInvoice = requestBody(planVerification(roll, {}, today)).invoice as Record<
			string,
			unknown
		>;
		expect(rollInvoice.name).toBe('VAT_v-invoice');
		expect(rollInvoice.check_code).toBe('789012');

		const withoutCheckCode = planVerification(
			{ ...electronicCommon(), checkCode: null },
			{},
			today,
		);
		expect(withoutCheckCode.kind).toBe('invalid');
		const shortCheckCode = planVerification(
			{ ...electronicCommon(), checkCode: '12345' },
			{},
			today,
		);
		expect(shortCheckCode.kind).toBe('invalid');
	});

	test('missing code, number and date are named together', () => {
		const plan = planVerification(
			{ invoiceType: 'vat_electronic_common', checkCode: '181941' },
			{},
			today,
		);
		expect(plan.kind).toBe('invalid');
		if (plan.kind !== 'invalid') return;
		expect(plan.message).toBe(
			"Cannot verify: the invoice code, invoice number, issue date (a readable date) are missing. Set them in the node's parameters or check the OCR result.",
		);
		expect(planVerification({ ...electronicCommon(), issueDate: 'soon' }, {}, today).kind).toBe(
			'invalid',
		);
		expect(
			planVerification({ ...electronicCommon(), invoiceType: undefined }, {}, today).kind,
		).toBe('invalid');
	});

	test('overrides replace the invoice values; empty overrides keep them', () => {
		const plan = planVerification(
			electronicCommon(),
			{
				invoiceCode: '011001900611',
				invoiceNumber: ' 33058151 ',
				issueDate: '2020年1月10日',
				checkCode: '',
				amount: '¥1,010.50',
				invoiceType: 'VAT_invoice',
				requestId: '',
			},
			today,
		);
		expect(requestBody(plan)).toEqual({
			invoice: {
				name: 'VAT_invoice',
				invoice_code: '011001900611',
				invoice_id: '33058151',
				invoice_date: '2020年1月10日',
				total_amount: '1010.50',
				check_code: '181941',
			},
			request_id: 'verify-011001900611-33058151',
		});
	});

	test.each([
		// Types that existed when the document listed what it verifies, and are not on the list.
		['flight_itinerary'],
		['train_ticket'],
		['taxi'],
		['quota'],
		['general_machine'],
		['motor_vehicle'],
		['used_vehicle'],
		['vat_transport'],
		['vat_blockchain'],
		['toll'],
		['other'],
		['not_a_type'],
	])('%s is answered locally as UNSUPPORTED_TYPE, without a request', (invoiceType) => {
		const plan = planVerification({ ...electronicCommon(), invoiceType }, {}, today);
		expect(plan.kind).toBe('local');
		if (plan.kind !== 'local') return;
		expect(plan.result).toMatchObject({
			verified: false,
			status: 'UNSUPPORTED_TYPE',
			vendor: 'webank',
			vendorCode: null,
			invoice: null,
		});
		expect(plan.result.message).toContain('Answered without calling WeBank');
	});

	test('the four documented types, the toll invoice (an electronic common one) and the types newer than the document are asked', () => {
		expect(WEBANK_VERIFIABLE).toEqual({
			vat_special: 'VAT_special_invoice',
			vat_common: 'VAT_invoice',
			vat_electronic_common: 'VAT_e-invoice',
			vat_roll: 'VAT_v-invoice',
			vat_toll: 'VAT_e-invoice',
			vat_electronic_special: 'VAT_special_invoice',
			digital_special: 'VAT_special_invoice',
			digital_common: 'VAT_e-invoice',
		});
	});

	test('a VAT electronic toll invoice is verified as the electronic common invoice it is', () => {
		const plan = planVerification({ ...electronicCommon(), invoiceType: 'vat_toll' }, {}, today);
		expect(plan.kind).toBe('request');
		expect(requestBody(plan).invoice).toEqual({
			name: 'VAT_e-invoice',
			invoice_code: '044031900211',
			invoice_id: '04296665',
			invoice_date: '2019年12月24日',
			total_amount: '720.58',
			check_code: '181941',
		});
	});

	test('an electronic special invoice is asked like a special one: by its pre-tax amount', () => {
		const plan = planVerification(
			{ ...electronicCommon(), invoiceType: 'vat_electronic_special', checkCode: null },
			{},
			today,
		);
		expect(requestBody(plan).invoice).toEqual({
			name: 'VAT_special_invoice',
			invoice_code: '044031900211',
			invoice_id: '04296665',
			invoice_date: '2019年12月24日',
			total_amount: '720.58',
		});
	});

	test('a 数电 invoice, with no code and no check code, is asked by number, date and amount', () => {
		const digital = {
			invoiceType: 'digital_common',
			invoiceCode: null,
			invoiceNumber: '20442000000012345678',
			issueDate: '2020-05-20',
			checkCode: null,
			amount: 100,
		};
		const plan = planVerification(digital, {}, today);
		expect(plan.kind).toBe('request');
		expect(requestBody(plan)).toEqual({
			invoice: {
				name: 'VAT_e-invoice',
				invoice_code: '',
				invoice_id: '20442000000012345678',
				invoice_date: '2020年5月20日',
				total_amount: '100.00',
			},
			request_id: 'verify-20442000000012345678',
		});
		expect(planVerification({ ...digital, invoiceType: 'digital_special' }, {}, today).kind).toBe(
			'request',
		);
		// Without the amount there is nothing to verify it by.
		expect(planVerification({ ...digital, amount: null }, {}, today).kind).toBe('invalid');
	});

	test('invoices older than one year (in Shanghai) are answered locally as TOO_OLD', () => {
		expect(
			planVerification({ ...electronicCommon(), issueDate: '2019-06-01' }, {}, today).kind,
		).toBe('request');
		const old = planVerification({ ...electronicCommon(), issueDate: '2019-05-31' }, {}, today);
		expect(old.kind).toBe('local');
		if (old.kind === 'local') {
			expect(old.result.status).toBe('TOO_OLD');
			expect(old.result.verified).toBe(false);
		}
		// 2020-05-31 16:30 UTC is already 2020-06-01 in Shanghai.
		const lateUtc = new Date('2020-05-31T16:30:00Z');
		expect(
			planVerification({ ...electronicCommon(), issueDate: '2019-05-31' }, {}, lateUtc).kind,
		).toBe('local');
		const earlyUtc = new Date('2020-05-31T15:30:00Z');
		expect(
			planVerification({ ...electronicCommon(), issueDate: '2019-05-31' }, {}, earlyUtc).kind,
		).toBe('request');
	});

	test('29 February counts back to 28 February', () => {
		const leapDay = new Date('2024-02-29T04:00:00Z');
		expect(
			planVerification({ ...electronicCommon(), issueDate: '2023-02-28' }, {}, leapDay).kind,
		).toBe('request');
		expect(
			planVerification({ ...electronicCommon(), issueDate: '2023-02-27' }, {}, leapDay).kind,
		).toBe('local');
	});

	test('bad input never throws', () => {
		for (const input of [undefined, null, 'x', 42, [], { invoiceType: {} }]) {
			expect(['invalid', 'local']).toContain(planVerification(input, {}, today).kind);
		}
	});
});

describe('parseVerificationResponse', () => {
	const heldInvoice = {
		invoice_name: '深圳增值税电子普通发票',
		invoice_code: '044031900211',
		invoice_id: '04296665',
		invoice_date: '2019年12月24日',
		check_code: '56085752562565181941',
		machine_code: '499099835387',
		total_amount: '720.58',
		total_taxes: '43.23',
		price_plus_taxes: '763.81',
		price_plus_taxes_in_words: '柒佰陆拾叁圆捌角壹分',
		buyer_name: '深圳前海微众银行股份有限公司',
		buyer_id: '9144030031977063XH',
		seller_name: '某某餐饮管理有限公司',
		seller_id: '91310106552993944D',
		details: [
			{
				services_of_goods_or_taxable: '*餐饮服务*餐费',
				quality: '1',
				unit_price: '720.58',
				amount: '720.58',
				tax_rate: '6%',
				tax_amount: '43.23',
			},
		],
	};

	function answer(code: unknown, invoice: unknown = {}) {
		return response({
			error: 0,
			request_id: 'req-1',
			stats: { __version__: '20200107' },
			result: { verfication_code: code, verfication_count: 1, invoice },
		});
	}

	test.each([
		[0, 'MATCH', true],
		[10, 'UNSUPPORTED_TYPE', false],
		[11, 'TOO_OLD', false],
		[12, 'DAILY_LIMIT', false],
		[20, 'MISMATCH', false],
		[21, 'NOT_FOUND', false],
		[30, 'INVALID_REQUEST', false],
		['20', 'MISMATCH', false],
	])('verfication_code %p → %s', (code, status, verified) => {
		const outcome = parseVerificationResponse(answer(code));
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.requestId).toBe('req-1');
		expect(outcome.verification).toMatchObject({
			verified,
			status,
			vendor: 'webank',
			vendorCode: String(code),
			invoice: null,
			verificationCount: 1,
		});
		expect(outcome.verification.message).toMatch(/^[\x20-\x7e]+$/);
	});

	test('a match returns what the tax system holds, normalized like OCR output', () => {
		const outcome = parseVerificationResponse(answer(0, heldInvoice), 'vat_electronic_common');
		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.verification.invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			invoiceTypeName: '增值税电子普通发票',
			title: '深圳增值税电子普通发票',
			invoiceCode: '044031900211',
			invoiceNumber: '04296665',
			issueDate: '2019-12-24',
			checkCode: '56085752562565181941',
			amount: 720.58,
			tax: 43.23,
			total: 763.81,
			totalInWords: '柒佰陆拾叁圆捌角壹分',
			buyer: { name: '深圳前海微众银行股份有限公司', taxId: '9144030031977063XH' },
			seller: { name: '某某餐饮管理有限公司', taxId: '91310106552993944D' },
			items: [
				expect.objectContaining({
					name: '*餐饮服务*餐费',
					quantity: 1,
					amount: 720.58,
					taxRate: 0.06,
					tax: 43.23,
				}),
			],
		});
	});

	test('a mismatch keeps the invoice WeBank returned, as answered', () => {
		const outcome = parseVerificationResponse(answer(20, heldInvoice), 'vat_electronic_common');
		if (!outcome.ok) throw new Error('expected a verification');
		expect(outcome.verification.status).toBe('MISMATCH');
		expect(outcome.verification.verified).toBe(false);
		expect(outcome.verification.invoice?.issueDate).toBe('2019-12-24');
		expect(outcome.verification.message).toMatch(/is in verification\.invoice\.$/);
	});

	test('a mismatch without details does not point at verification.invoice, and has no Markdown', () => {
		const outcome = parseVerificationResponse(answer(20), 'vat_common');
		if (!outcome.ok) throw new Error('expected a verification');
		expect(outcome.verification.invoice).toBeNull();
		expect(outcome.verification.message).not.toMatch(/verification\.invoice|`/);
	});

	test('error 1 is VENDOR_UNAVAILABLE and retryable', () => {
		const outcome = parseVerificationResponse(response({ error: 1, request_id: 'req-2' }));
		expect(outcome).toEqual({
			ok: false,
			error: expect.objectContaining({
				code: 'VENDOR_UNAVAILABLE',
				vendor: 'webank',
				vendorCode: '1',
				vendorMessage: '服务内部错误',
				retryable: true,
				requestId: 'req-2',
			}),
		});
	});

	test('error 2 is INVALID_INPUT and not retryable', () => {
		const outcome = parseVerificationResponse(response({ error: '2' }));
		expect(outcome).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'INVALID_INPUT', vendorCode: '2', retryable: false }),
		});
	});

	test('answers outside the document are failures, never verifications', () => {
		const unknownCode = parseVerificationResponse(answer(99));
		expect(unknownCode).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'UNKNOWN', vendorCode: '99' }),
		});
		const noResult = parseVerificationResponse(response({ error: 0 }));
		expect(noResult).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE' }),
		});
		const unknownError = parseVerificationResponse(response({ error: 7 }));
		expect(unknownError).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'UNKNOWN', vendorCode: '7' }),
		});
	});

	test('non-WeBank answers are judged by HTTP status', () => {
		expect(parseVerificationResponse(response('<html>Bad gateway</html>', 502))).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'VENDOR_UNAVAILABLE', retryable: true }),
		});
		expect(parseVerificationResponse(response({ message: 'Forbidden' }, 403))).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'AUTH_FAILED' }),
		});
		expect(parseVerificationResponse(response(null, 429))).toEqual({
			ok: false,
			error: expect.objectContaining({ code: 'RATE_LIMITED' }),
		});
	});

	test('the body decides, not the status: a WeBank answer with HTTP 500 is still read', () => {
		const outcome = parseVerificationResponse({ ...answer(21), statusCode: 500 });
		expect(outcome.ok && outcome.verification.status).toBe('NOT_FOUND');
	});

	test('the invoice held for a toll invoice keeps the type that was asked about', () => {
		const outcome = parseVerificationResponse(answer(0, heldInvoice), 'vat_toll');
		expect(outcome.ok && outcome.verification.invoice).toMatchObject({
			invoiceType: 'vat_toll',
			invoiceTypeName: '增值税电子普通发票(通行费)',
			invoiceNumber: '04296665',
		});
	});
});

describe('retriesVerification: each verification counts against the invoice\'s 5 a day', () => {
	const failure = (...args: Parameters<typeof invoiceError>) => invoiceError(...args);

	test.each([
		['a rate limit (HTTP 429)', parseVerificationResponse(response(null, 429))],
		['a gateway 503', parseVerificationResponse(response({ message: 'busy' }, 503))],
	])('%s proves the tax system was not asked: retried', (_what, outcome) => {
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(retriesVerification(outcome.error)).toBe(true);
	});

	test.each(['ECONNREFUSED', 'EHOSTUNREACH', 'EAI_AGAIN'])(
		'a connection never made (%s): retried',
		(vendorCode) => {
			expect(retriesVerification(failure('NETWORK_ERROR', { vendor: 'webank', vendorCode }))).toBe(true);
		},
	);

	test.each([
		['a timeout, which WeBank may have counted', failure('TIMEOUT', { vendor: 'webank', vendorCode: 'ECONNABORTED' })],
		['a reset mid-call', failure('NETWORK_ERROR', { vendor: 'webank', vendorCode: 'ECONNRESET' })],
		['a DNS failure (not retryable at all)', failure('NETWORK_ERROR', { vendor: 'webank', vendorCode: 'ENOTFOUND', retryable: false })],
		['a gateway 502', failure('VENDOR_UNAVAILABLE', { vendor: 'webank', vendorCode: 'HTTP 502' })],
	])('%s: not retried', (_what, error) => {
		expect(retriesVerification(error)).toBe(false);
	});

	test("WeBank's internal error (1) may come after the check was counted: not retried in the run, still retryable later", () => {
		const outcome = parseVerificationResponse(response({ error: 1, msg: '服务内部错误', request_id: 'r' }));
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.error.retryable).toBe(true);
		expect(retriesVerification(outcome.error)).toBe(false);
	});
});
