import { InvoiceFailure } from '../../../nodes/shared/errors';
import type { ErrorCode, InvoiceType, RecognizedInvoice } from '../../../nodes/shared/types';
import { jumdataAdapter, jumdataInvoiceType } from '../../../nodes/shared/vendors/jumdata';
import type { OcrOutcome, VendorHttpResponse } from '../../../nodes/shared/vendors/types';
import docSample from '../../fixtures/vendors/jumdata/doc-sample.json';
import rollInvoice from '../../fixtures/vendors/jumdata/roll-invoice.json';
import specialTwoRows from '../../fixtures/vendors/jumdata/special-two-rows.json';

function answer(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
	return outcome.invoices;
}

function success(data: Record<string, unknown>) {
	return { code: 200, msg: '成功', charge: true, taskNo: 'task-1', data };
}

function formOf(input: Parameters<typeof jumdataAdapter.buildRequest>[0]): Record<string, string> {
	const request = jumdataAdapter.buildRequest(input);
	expect(request).toMatchObject({ method: 'POST', url: '/ocr/invoice-v2' });
	return Object.fromEntries(request.body as URLSearchParams);
}

describe('jumdata request', () => {
	test('jumdata sends an image as imageBase64 with type normal by default', () => {
		expect(formOf({ base64: 'abc=', format: 'jpeg' })).toEqual({
			imageBase64: 'abc=',
			type: 'normal',
		});
	});

	test('jumdata sends a PDF as pdfBase64 with the page as pdfFileNum', () => {
		expect(formOf({ base64: 'JVBE', format: 'pdf', page: 2 })).toEqual({
			pdfBase64: 'JVBE',
			pdfFileNum: '2',
			type: 'normal',
		});
	});

	test('jumdata sends an OFD as ofdBase64 with page 1 unless told otherwise', () => {
		expect(formOf({ base64: 'UEsD', format: 'ofd' })).toEqual({
			ofdBase64: 'UEsD',
			ofdFileNum: '1',
			type: 'normal',
		});
	});

	test('jumdata sends a URL and the roll kind when asked', () => {
		expect(formOf({ url: 'https://example.com/a.pdf', jumdataInvoiceKind: 'roll' })).toEqual({
			url: 'https://example.com/a.pdf',
			type: 'roll',
		});
	});

	test('jumdata refuses a request with neither file nor URL', () => {
		expect(() => jumdataAdapter.buildRequest({})).toThrow(InvoiceFailure);
	});

	test('jumdata limits: images, PDF and OFD up to 4 MB, 15-4096 px, URL accepted', () => {
		expect(jumdataAdapter.limits).toEqual({
			formats: ['jpeg', 'png', 'bmp', 'pdf', 'ofd'],
			maxBytes: 4 * 1024 * 1024,
			sizeBasis: 'file',
			acceptsUrl: true,
			minSidePx: 15,
			maxSidePx: 4096,
		});
		expect(jumdataAdapter.credentialType).toBe('jumdataApi');
	});
});

describe('jumdata answers', () => {
	test('jumdata maps the documented example to the exact normalized invoice', () => {
		const outcome = jumdataAdapter.parseResponse(answer(docSample));
		expect(outcome).toEqual({
			ok: true,
			requestId: '30853523396532582768',
			raw: docSample,
			invoices: [
				{
					invoiceType: 'vat_electronic_common',
					title: null,
					// invoiceCode is empty; the 辅助校验码 carries the same code.
					invoiceCode: '033002100611',
					invoiceNumber: null,
					issueDate: '2021-11-12',
					checkCode: null,
					machineCode: null,
					buyer: { name: null, taxId: null, addressPhone: null, bankAccount: null },
					seller: { name: null, taxId: null, addressPhone: null, bankAccount: null },
					amount: 10,
					tax: null,
					total: 10,
					totalInWords: '壹拾圆整',
					items: [
						{
							name: '*餐饮服务*货物',
							specification: null,
							unit: null,
							quantity: null,
							unitPrice: null,
							amount: 10,
							taxRate: 0,
							tax: null,
						},
					],
					payee: null,
					reviewer: null,
					drawer: null,
					remarks: null,
					transport: null,
					category: null,
					location: null,
					fields: docSample.data,
				},
			],
		});
	});

	test('jumdata joins commodity arrays by row and orders rows by number', () => {
		const [invoice] = invoicesOf(jumdataAdapter.parseResponse(answer(specialTwoRows)));
		expect(invoice.items).toEqual([
			{
				name: '*信息技术服务*软件服务费',
				specification: 'V1.0',
				unit: '年',
				quantity: 1,
				unitPrice: 800,
				amount: 800,
				taxRate: 0.06,
				tax: 48,
			},
			{
				name: '*信息技术服务*维护费',
				specification: null,
				unit: '次',
				quantity: 4,
				unitPrice: 50,
				amount: 200,
				taxRate: 0.06,
				tax: 12,
			},
		]);
	});

	test('jumdata maps parties, amounts, dates and people of a special invoice', () => {
		const [invoice] = invoicesOf(jumdataAdapter.parseResponse(answer(specialTwoRows)));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_special',
			title: '上海增值税专用发票',
			invoiceCode: '3100182130',
			invoiceNumber: '12345678',
			issueDate: '2019-12-11',
			checkCode: null,
			buyer: {
				name: '上海某某科技有限公司',
				taxId: '91310104MA1FR7C72G',
				addressPhone: '上海市徐汇区某路1号 021-12345678',
				bankAccount: '招商银行上海分行 1219 0000 0000 001',
			},
			seller: {
				name: '上海某某服务有限公司',
				taxId: '91310106552993944D',
				addressPhone: '上海市静安区某路2号 021-87654321',
				bankAccount: '中国银行上海分行 4500 0000 0002',
			},
			amount: 1000,
			tax: 60,
			total: 1060,
			totalInWords: '壹仟零陆拾圆整',
			payee: '张三',
			reviewer: '李四',
			drawer: '王五',
			remarks: '合同号 HT-2019-001',
		});
		expect(invoice.fields.sheetNum).toBe('第二联:抵扣联');
		expect(invoice.fields.commodityName).toEqual(specialTwoRows.data.commodityName);
	});

	test('jumdata uses the array position when rows are empty and types a 机打号码 answer as roll', () => {
		const [invoice] = invoicesOf(jumdataAdapter.parseResponse(answer(rollInvoice)));
		expect(invoice.invoiceType).toBe('vat_roll');
		expect(
			invoice.items.map((item) => [item.name, item.quantity, item.unitPrice, item.amount]),
		).toEqual([
			['*日用品*纸巾', 2, 8, 16],
			['*食品*面包', 1, 20, 20],
		]);
	});

	test('jumdata treats a roll invoice 合计金额 as the total, not a pre-tax amount', () => {
		const [invoice] = invoicesOf(jumdataAdapter.parseResponse(answer(rollInvoice)));
		expect(invoice).toMatchObject({
			amount: null,
			tax: null,
			total: 36,
			totalInWords: '叁拾陆圆整',
			invoiceNumber: '12345678',
			issueDate: '2019-07-04',
			checkCode: '83931054000012345678',
			machineCode: '661712116595',
		});
	});

	test('jumdata keeps a distinct pre-tax amount on a roll invoice', () => {
		const outcome = jumdataAdapter.parseResponse(
			answer(
				success({
					invoiceType: '卷票',
					totalAmount: '90.00',
					totalTax: '10.00',
					amountInFiguers: '100.00',
				}),
			),
		);
		expect(invoicesOf(outcome)[0]).toMatchObject({ amount: 90, tax: 10, total: 100 });
	});

	test('jumdata turns *** into null and keeps the mask in fields', () => {
		const outcome = jumdataAdapter.parseResponse(
			answer(
				success({ invoiceType: '专用发票', totalTax: '***', checkCode: '***', sellerName: '***' }),
			),
		);
		const [invoice] = invoicesOf(outcome);
		expect(invoice.tax).toBeNull();
		expect(invoice.checkCode).toBeNull();
		expect(invoice.seller.name).toBeNull();
		expect(invoice.fields).toEqual({
			invoiceType: '专用发票',
			totalTax: '***',
			checkCode: '***',
			sellerName: '***',
		});
	});

	test('jumdata reads the request id from taskNo', () => {
		const outcome = jumdataAdapter.parseResponse(answer(specialTwoRows));
		expect(outcome.ok && outcome.requestId).toBe('40853523396532582769');
	});

	test('jumdata reports NO_INVOICE_FOUND when success has no data', () => {
		const outcome = jumdataAdapter.parseResponse(
			answer({ code: 200, msg: '成功', taskNo: 't', data: null }),
		);
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'NO_INVOICE_FOUND',
			requestId: 't',
		});
	});
});

describe('jumdata invoice types', () => {
	const names: Array<[string, InvoiceType]> = [
		['普通发票', 'vat_common'],
		['专用发票', 'vat_special'],
		['电子普通发票', 'vat_electronic_common'],
		['电子专用发票', 'vat_electronic_special'],
		['通行费电子普票', 'vat_toll'],
		['区块链发票', 'vat_blockchain'],
		['通用机打电子发票', 'general_machine'],
		['电子发票(专用发票)', 'digital_special'],
		['电子发票(普通发票)', 'digital_common'],
		['电子发票（普通发票）', 'digital_common'],
		['卷票', 'vat_roll'],
		['增值税普通发票(卷票)', 'vat_roll'],
		['增值税电子普通发票', 'vat_electronic_common'],
		['某种新票', 'other'],
		['', 'other'],
	];

	test.each(names)('jumdata types invoiceType %p as %s', (name, expected) => {
		const [invoice] = invoicesOf(
			jumdataAdapter.parseResponse(answer(success({ invoiceType: name }))),
		);
		expect(invoice.invoiceType).toBe(expected);
	});

	test('jumdata types a 普通发票 carrying a 机打号码 as roll', () => {
		expect(jumdataInvoiceType({ invoiceType: '普通发票', machineNum: '03574125' })).toBe(
			'vat_roll',
		);
	});

	test('jumdata keeps a special invoice special even with a 机打号码', () => {
		expect(jumdataInvoiceType({ invoiceType: '专用发票', machineNum: '03574125' })).toBe(
			'vat_special',
		);
	});

	test('jumdata types every answer to a roll request as roll', () => {
		expect(jumdataInvoiceType({ invoiceType: '普通发票' }, 'roll')).toBe('vat_roll');
		expect(jumdataInvoiceType({ invoiceType: '普通发票' }, 'normal')).toBe('vat_common');
	});
});

describe('jumdata errors', () => {
	const documented: Array<[number, string, ErrorCode, boolean]> = [
		[400, '参数错误', 'INVALID_INPUT', false],
		[404, '接口地址不正确', 'INVALID_INPUT', false],
		[500, '系统维护,请稍候再试', 'VENDOR_UNAVAILABLE', true],
		[601, '接口未开通', 'AUTH_FAILED', false],
		[602, '账号停用', 'AUTH_FAILED', false],
		[603, '余额不足请充值', 'QUOTA_EXCEEDED', false],
		[604, '接口停用', 'VENDOR_UNAVAILABLE', false],
		[606, '调用超限,请稍候再试', 'RATE_LIMITED', true],
		[607, 'ip不在白名单', 'AUTH_FAILED', false],
		[609, '请求过于频繁,请稍候再试', 'RATE_LIMITED', true],
		[610, '请求超时', 'TIMEOUT', true],
		[999, '其他,以实际返回为准', 'UNKNOWN', false],
	];

	test.each(documented)(
		'jumdata maps %i (%s) to %s, retryable %p',
		(code, msg, expected, retryable) => {
			const outcome = jumdataAdapter.parseResponse(answer({ code, msg, taskNo: 'task-9' }));
			expect(!outcome.ok && outcome.error).toMatchObject({
				code: expected,
				retryable,
				vendor: 'jumdata',
				vendorCode: String(code),
				vendorMessage: msg,
				requestId: 'task-9',
			});
			expect(!outcome.ok && outcome.error.message).toContain(`(${code})`);
		},
	);

	const parameterMessages: Array<[string, ErrorCode]> = [
		['签名错误', 'AUTH_FAILED'],
		['sign is invalid', 'AUTH_FAILED'],
		['appId不存在', 'AUTH_FAILED'],
		['时间戳已过期', 'AUTH_FAILED'],
		['timestamp expired', 'AUTH_FAILED'],
		['图片格式不正确', 'UNSUPPORTED_FILE'],
		['图片大小超过4M', 'FILE_TOO_LARGE'],
		['图片识别失败', 'IMAGE_UNREADABLE'],
		['imageBase64、pdfBase64、ofdBase64、url必须提供一个', 'INVALID_INPUT'],
	];

	test.each(parameterMessages)('jumdata maps 400 "%s" to %s', (msg, expected) => {
		const outcome = jumdataAdapter.parseResponse(answer({ code: 400, msg }));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: expected,
			vendorCode: '400',
			vendorMessage: msg,
			retryable: false,
		});
	});

	test('jumdata maps the documented error example to UNSUPPORTED_FILE', () => {
		const outcome = jumdataAdapter.parseResponse(answer({ msg: '图片格式不正确', code: 400 }));
		expect(!outcome.ok && outcome.error.code).toBe('UNSUPPORTED_FILE');
	});

	test('jumdata maps 603 to QUOTA_EXCEEDED and does not retry', () => {
		const outcome = jumdataAdapter.parseResponse(answer({ code: 603, msg: '余额不足请充值' }));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'QUOTA_EXCEEDED',
			retryable: false,
		});
	});

	test('jumdata reports an answer without code as VENDOR_UNAVAILABLE', () => {
		const outcome = jumdataAdapter.parseResponse(answer({ error: 'Not Found' }, 404));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'VENDOR_UNAVAILABLE',
			retryable: false,
		});
	});
});
