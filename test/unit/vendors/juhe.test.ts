import { JuheApi } from '../../../credentials/JuheApi.credentials';
import { InvoiceFailure } from '../../../nodes/shared/errors';
import type { ErrorCode, RecognizedInvoice } from '../../../nodes/shared/types';
import { juheAdapter } from '../../../nodes/shared/vendors/juhe';
import type { OcrOutcome, VendorHttpResponse } from '../../../nodes/shared/vendors/types';
import docSample from '../../fixtures/vendors/juhe/doc-sample.json';
import rollWithItems from '../../fixtures/vendors/juhe/roll-with-items.json';

function answer(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
	return outcome.invoices;
}

describe('juhe request', () => {
	test('juhe posts the base64 image as a form to the roll-invoice path', () => {
		const request = juheAdapter.buildRequest({ base64: 'iVBORw0KGgo=', format: 'png' });
		expect(request.method).toBe('POST');
		expect(request.url).toBe('/vat_roll_invoice_ocr/query');
		expect(request.body).toBeInstanceOf(URLSearchParams);
		expect((request.body as URLSearchParams).toString()).toBe('image_base64=iVBORw0KGgo%3D');
	});

	test('juhe refuses URL input with INVALID_INPUT before any call', () => {
		expect.assertions(2);
		try {
			juheAdapter.buildRequest({ url: 'https://example.com/roll.jpg' });
		} catch (error) {
			expect(error).toBeInstanceOf(InvoiceFailure);
			expect((error as InvoiceFailure).info.code).toBe('INVALID_INPUT');
		}
	});

	test('juhe limits: PNG/JPEG, 3 MB of base64 text, no URL', () => {
		expect(juheAdapter.limits).toEqual({
			formats: ['png', 'jpeg'],
			maxBytes: 3 * 1024 * 1024,
			sizeBasis: 'base64',
			acceptsUrl: false,
		});
		expect(juheAdapter.credentialType).toBe('juheApi');
	});
});

describe('juhe answers', () => {
	test('juhe maps the documented example to the exact normalized roll invoice', () => {
		const outcome = juheAdapter.parseResponse(answer(docSample));
		expect(outcome).toEqual({
			ok: true,
			requestId: 'a0513eeb-6747-4a35-91ad-addcd1392896',
			raw: docSample,
			invoices: [
				{
					invoiceType: 'vat_roll',
					title: null,
					invoiceCode: '033000101',
					invoiceNumber: '14547954',
					issueDate: '2019-07-14',
					checkCode: '839310540000',
					machineCode: null,
					buyer: { name: null, taxId: '913302572467', addressPhone: null, bankAccount: null },
					seller: { name: null, taxId: '9133974410525', addressPhone: null, bankAccount: null },
					amount: null,
					tax: null,
					total: 200,
					totalInWords: '贰佰圆整',
					items: [],
					payee: null,
					reviewer: null,
					drawer: null,
					remarks: null,
					transport: null,
					category: null,
					location: null,
					fields: {
						发票代码: '033000101',
						发票号码: '14547954',
						销售方识别号: '9133974410525',
						开票日期: '2019-07-14',
						购买方识别号: '913302572467',
						'合计金额(小写)': '¥200.00',
						'合计金额(大写)': '贰佰圆整',
						校验码: '839310540000',
					},
				},
			],
		});
	});

	test('juhe pairs repeated item labels into rows and keeps every label in fields', () => {
		const [invoice] = invoicesOf(juheAdapter.parseResponse(answer(rollWithItems)));
		expect(invoice.items).toEqual([
			{
				name: '*烟草制品*香烟',
				specification: null,
				unit: null,
				quantity: 2,
				unitPrice: 25,
				amount: 50,
				taxRate: null,
				tax: null,
			},
			{
				name: '*饮料*矿泉水',
				specification: null,
				unit: null,
				quantity: 3,
				unitPrice: 2.5,
				amount: 7.5,
				taxRate: null,
				tax: null,
			},
		]);
		expect(invoice.fields).toMatchObject({
			品名: ['*烟草制品*香烟', '*饮料*矿泉水'],
			金额: ['50.00', '7.50'],
			发票消费类型: '零售',
			省: '广东省',
			市: '深圳市',
			是否有公司印章: '1',
			服务类型: '',
			购买方识别号: '***',
		});
		expect(Object.keys(invoice.fields)).toHaveLength(20);
	});

	test('juhe normalizes Chinese dates, spaced codes, No. prefixes, masks and ¥ amounts', () => {
		const [invoice] = invoicesOf(juheAdapter.parseResponse(answer(rollWithItems)));
		expect(invoice).toMatchObject({
			invoiceCode: '144031900110',
			invoiceNumber: '08321456',
			issueDate: '2019-01-14',
			checkCode: '70497714341554189588',
			machineCode: '661712116595',
			buyer: { name: '个人', taxId: null },
			seller: { name: '深圳市某某便利店有限公司', taxId: '91440300MA5F12345X' },
			amount: null,
			tax: null,
			total: 1057.5,
			totalInWords: '⊗壹仟零伍拾柒圆伍角',
		});
	});

	test('juhe reads the request id from result.request_id', () => {
		const outcome = juheAdapter.parseResponse(answer(rollWithItems));
		expect(outcome.ok && outcome.requestId).toBe('5e1f2c3a-0b7d-4c1e-9a55-7d3c2b1a0f99');
	});

	test('juhe reports NO_INVOICE_FOUND when success carries no fields', () => {
		const outcome = juheAdapter.parseResponse(
			answer({ reason: 'success', result: { vat_roll_invoice_infos: [] }, error_code: 0 }),
		);
		expect(outcome.ok).toBe(false);
		expect(!outcome.ok && outcome.error.code).toBe('NO_INVOICE_FOUND');
	});

	test('juhe reports an answer without error_code as VENDOR_UNAVAILABLE', () => {
		const outcome = juheAdapter.parseResponse(answer({ message: 'Bad Gateway' }, 502));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'VENDOR_UNAVAILABLE',
			vendor: 'juhe',
			retryable: true,
		});
	});
});

describe('juhe errors', () => {
	const documented: Array<[number, string, ErrorCode, boolean]> = [
		[10001, '错误的请求KEY', 'AUTH_FAILED', false],
		[10002, '该KEY无请求权限', 'AUTH_FAILED', false],
		[10003, 'KEY过期', 'AUTH_FAILED', false],
		[10004, '错误的OPENID', 'AUTH_FAILED', false],
		[10005, '应用未审核超时，请提交认证', 'AUTH_FAILED', false],
		[10007, '未知的请求源', 'AUTH_FAILED', false],
		[10008, '被禁止的IP', 'AUTH_FAILED', false],
		[10009, '被禁止的KEY', 'AUTH_FAILED', false],
		[10011, '当前IP请求超过限制', 'RATE_LIMITED', true],
		[10012, '请求超过次数限制', 'QUOTA_EXCEEDED', false],
		[10013, '测试KEY超过请求限制', 'QUOTA_EXCEEDED', false],
		[10014, '系统内部异常', 'VENDOR_UNAVAILABLE', true],
		[10020, '接口维护', 'VENDOR_UNAVAILABLE', true],
		[10021, '接口停用', 'VENDOR_UNAVAILABLE', false],
		[253301, '查询参数错误', 'INVALID_INPUT', false],
		[253302, '请求失败', 'IMAGE_UNREADABLE', true],
	];

	test.each(documented)(
		'juhe maps %i (%s) to %s, retryable %p',
		(errorCode, reason, code, retryable) => {
			const outcome = juheAdapter.parseResponse(
				answer({ reason, result: null, error_code: errorCode }),
			);
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.error).toMatchObject({
				code,
				retryable,
				vendor: 'juhe',
				vendorCode: String(errorCode),
				vendorMessage: reason,
				requestId: null,
			});
			expect(outcome.error.message).toContain(`(${errorCode})`);
			expect(outcome.error.message).not.toMatch(/[\u4e00-\u9fff]/);
		},
	);

	test('juhe maps 10012 to QUOTA_EXCEEDED and does not retry', () => {
		const outcome = juheAdapter.parseResponse(
			answer({ reason: '请求超过次数限制', result: null, error_code: 10012 }),
		);
		expect(!outcome.ok && outcome.error.code).toBe('QUOTA_EXCEEDED');
		expect(!outcome.ok && outcome.error.retryable).toBe(false);
	});

	test('juhe tells the user to check the key on 10001', () => {
		const outcome = juheAdapter.parseResponse(
			answer({ resultcode: '101', reason: '错误的请求KEY', result: null, error_code: 10001 }),
		);
		expect(!outcome.ok && outcome.error.message).toBe(
			'The Juhe key was rejected (10001). Check the API key in the credential.',
		);
	});

	test("the credential's Test words a refused key or a spent quota exactly as the node does", () => {
		const rules = new JuheApi().test.rules ?? [];
		const byCode = new Map<number, string>();
		for (const rule of rules) {
			if (rule.type === 'responseSuccessBody' && rule.properties.key === 'error_code') {
				byCode.set(Number(rule.properties.value), rule.properties.message);
			}
		}
		expect([...byCode.keys()].sort()).toEqual([10001, 10002, 10003, 10004, 10005, 10007, 10008, 10009, 10012, 10013]);
		for (const [code, message] of byCode) {
			const outcome = juheAdapter.parseResponse(answer({ reason: '错误', result: null, error_code: code }));
			expect(!outcome.ok && outcome.error.message).toBe(message);
		}
	});

	test('juhe maps an undocumented code to UNKNOWN, keeping the vendor words', () => {
		const outcome = juheAdapter.parseResponse(
			answer({ reason: '未知错误', result: null, error_code: 253399 }),
		);
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'UNKNOWN',
			vendorCode: '253399',
			vendorMessage: '未知错误',
			retryable: false,
		});
	});

	test('juhe maps by the body even when the HTTP status is 200', () => {
		const outcome = juheAdapter.parseResponse(
			answer({ reason: '被禁止的IP', result: null, error_code: 10008 }, 200),
		);
		expect(!outcome.ok && outcome.error.code).toBe('AUTH_FAILED');
	});
});
