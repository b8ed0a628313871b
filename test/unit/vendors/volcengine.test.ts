import { InvoiceFailure } from '../../../nodes/shared/errors';
import type { ErrorCode, RecognizedInvoice } from '../../../nodes/shared/types';
import type { OcrOutcome, VendorHttpResponse } from '../../../nodes/shared/vendors/types';
import { volcengineAdapter } from '../../../nodes/shared/vendors/volcengine';
import docSample from '../../fixtures/vendors/volcengine/doc-sample.json';
import entriesOutOfOrder from '../../fixtures/vendors/volcengine/entries-out-of-order.json';
import gatewaySignatureError from '../../fixtures/vendors/volcengine/gateway-signature-error.json';
import serviceImageTooLarge from '../../fixtures/vendors/volcengine/service-image-too-large.json';

function answer(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
	return outcome.invoices;
}

function gatewayAnswer(code: string, message = 'gateway error') {
	return {
		ResponseMetadata: {
			RequestId: 'gw-request-1',
			Action: 'OcrRollInvoice',
			Version: '2021-08-23',
			Service: 'cv',
			Region: 'cn-north-1',
			Error: { Code: code, Message: message },
		},
	};
}

describe('volcengine request', () => {
	test('volcengine posts image_base64 as a form to Action=OcrRollInvoice', () => {
		const request = volcengineAdapter.buildRequest({ base64: 'Qk0=', format: 'bmp' });
		expect(request).toMatchObject({
			method: 'POST',
			url: '/?Action=OcrRollInvoice&Version=2021-08-23',
		});
		expect((request.body as URLSearchParams).toString()).toBe('image_base64=Qk0%3D');
	});

	test('volcengine sends image_url for URL input', () => {
		const request = volcengineAdapter.buildRequest({ url: 'https://example.com/roll.jpg' });
		expect((request.body as URLSearchParams).toString()).toBe(
			'image_url=https%3A%2F%2Fexample.com%2Froll.jpg',
		);
	});

	test('volcengine refuses a request with neither image nor URL', () => {
		expect(() => volcengineAdapter.buildRequest({})).toThrow(InvoiceFailure);
	});

	test('volcengine limits: JPEG/PNG/BMP up to 5 MB per file, URL accepted', () => {
		expect(volcengineAdapter.limits).toEqual({
			formats: ['jpeg', 'png', 'bmp'],
			maxBytes: 5 * 1024 * 1024,
			sizeBasis: 'file',
			acceptsUrl: true,
		});
		expect(volcengineAdapter.credentialType).toBe('volcengineApi');
	});
});

describe('volcengine answers', () => {
	test('volcengine maps the documented example to the exact normalized roll invoice', () => {
		const outcome = volcengineAdapter.parseResponse(answer(docSample));
		expect(outcome).toEqual({
			ok: true,
			requestId: '68885192694164377721603858375',
			raw: docSample,
			invoices: [
				{
					invoiceType: 'vat_roll',
					title: '上海增值税普通发票',
					invoiceCode: '031001750107',
					invoiceNumber: '03574125',
					issueDate: '2019-01-14',
					checkCode: '70497714341554189588',
					machineCode: '661712116595',
					buyer: {
						name: '上海今日头条科技有限公司',
						taxId: '91310104MA1FR7C72G',
						addressPhone: null,
						bankAccount: null,
					},
					seller: {
						name: '中国石化销售有限公司上海石油分公司',
						taxId: '91310000834486035U',
						addressPhone: null,
						bankAccount: null,
					},
					amount: null,
					tax: null,
					total: 500,
					totalInWords: '伍佰元整',
					items: [
						{
							name: '*预付卡销售*加油充值款',
							specification: null,
							unit: null,
							quantity: 1,
							unitPrice: 500,
							amount: 500,
							taxRate: null,
							tax: null,
						},
					],
					payee: '高红英',
					reviewer: null,
					drawer: null,
					remarks: null,
					transport: null,
					category: null,
					location: null,
					fields: docSample.data.license_main,
				},
			],
		});
	});

	test('volcengine orders entry_N items by N as a number and skips nothing', () => {
		const [invoice] = invoicesOf(volcengineAdapter.parseResponse(answer(entriesOutOfOrder)));
		expect(invoice.items.map((item) => item.name)).toEqual(['第一行', '第三行', '第十一行']);
		expect(invoice.items[0]).toMatchObject({ quantity: 1000, unitPrice: 1, amount: 1000 });
		expect(invoice.items[2]).toMatchObject({ quantity: null, unitPrice: null, amount: 1 });
		expect(invoice.fields['entry_10.entry_name']).toBe('第十一行');
	});

	test('volcengine falls back to the seal and the typed number, and treats *** as absent', () => {
		const [invoice] = invoicesOf(volcengineAdapter.parseResponse(answer(entriesOutOfOrder)));
		expect(invoice).toMatchObject({
			title: '广东增值税普通发票',
			invoiceCode: null,
			invoiceNumber: '08321456',
			issueDate: '2019-12-11',
			checkCode: null,
			machineCode: null,
			seller: { name: '深圳市某某便利店有限公司', taxId: '91440300MA5F12345X' },
			total: 1010.5,
			totalInWords: '壹仟零壹拾圆伍角',
		});
		expect(invoice.fields.seller_taxpayer_no).toBe('***');
	});

	test('volcengine reports NO_INVOICE_FOUND when success has no license_main', () => {
		const outcome = volcengineAdapter.parseResponse(
			answer({ code: 10000, data: {}, message: 'Success', request_id: 'r-1' }),
		);
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'NO_INVOICE_FOUND',
			requestId: 'r-1',
		});
	});
});

describe('volcengine gateway layer (ResponseMetadata.Error)', () => {
	const gateway: Array<[string, ErrorCode, boolean]> = [
		['SignatureDoesNotMatch', 'AUTH_FAILED', false],
		['InvalidAccessKey', 'AUTH_FAILED', false],
		['InvalidAuthorization', 'AUTH_FAILED', false],
		['InvalidCredential', 'AUTH_FAILED', false],
		['MissingAuthenticationToken', 'AUTH_FAILED', false],
		['MissingSignature', 'AUTH_FAILED', false],
		['MissingRequestInfo', 'AUTH_FAILED', false],
		['InvalidSecretToken', 'AUTH_FAILED', false],
		['AccessDenied', 'AUTH_FAILED', false],
		['InvalidTimestamp', 'AUTH_FAILED', false],
		['MissingParameter', 'INVALID_INPUT', false],
		['ServiceNotFound', 'INVALID_INPUT', false],
		['InvalidActionOrVersion', 'INVALID_INPUT', false],
		['FlowLimitExceeded', 'RATE_LIMITED', true],
		['ServiceUnavailableTemp', 'VENDOR_UNAVAILABLE', true],
		['InternalError', 'VENDOR_UNAVAILABLE', true],
		['InternalServiceTimeout', 'VENDOR_UNAVAILABLE', true],
	];

	test.each(gateway)(
		'volcengine maps gateway %s to %s, retryable %p',
		(code, expected, retryable) => {
			const outcome = volcengineAdapter.parseResponse(answer(gatewayAnswer(code), 400));
			expect(!outcome.ok && outcome.error).toMatchObject({
				code: expected,
				retryable,
				vendor: 'volcengine',
				vendorCode: code,
				vendorMessage: 'gateway error',
				requestId: 'gw-request-1',
			});
			expect(!outcome.ok && outcome.error.message).toContain(`(${code})`);
		},
	);

	test('volcengine maps the gateway signature fixture to AUTH_FAILED with the gateway request id', () => {
		const outcome = volcengineAdapter.parseResponse(answer(gatewaySignatureError, 401));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'AUTH_FAILED',
			vendorCode: 'SignatureDoesNotMatch',
			requestId: '20240101120000010203040506070809',
			retryable: false,
		});
	});

	test('volcengine tells the user to fix the machine clock on InvalidTimestamp', () => {
		const outcome = volcengineAdapter.parseResponse(answer(gatewayAnswer('InvalidTimestamp'), 400));
		expect(!outcome.ok && outcome.error.message).toMatch(/clock/);
	});

	test('volcengine checks the gateway layer before the service code', () => {
		const body = { ...gatewayAnswer('AccessDenied'), code: 10000, data: { license_main: {} } };
		const outcome = volcengineAdapter.parseResponse(answer(body, 403));
		expect(!outcome.ok && outcome.error.code).toBe('AUTH_FAILED');
	});

	test.each([
		[401, 'AUTH_FAILED'],
		[403, 'AUTH_FAILED'],
		[429, 'RATE_LIMITED'],
		[503, 'VENDOR_UNAVAILABLE'],
		[400, 'UNKNOWN'],
	])(
		'volcengine classifies an unknown gateway code answered with HTTP %i as %s',
		(status, code) => {
			const outcome = volcengineAdapter.parseResponse(
				answer(gatewayAnswer('SomethingNew'), status),
			);
			expect(!outcome.ok && outcome.error.code).toBe(code);
		},
	);
});

describe('volcengine service layer (code)', () => {
	const service: Array<[number, number, string, ErrorCode, boolean]> = [
		[50200, 400, 'ECReqInvalidArgs', 'INVALID_INPUT', false],
		[50201, 400, 'ECReqMissingArgs', 'INVALID_INPUT', false],
		[50204, 400, 'Parse Request Parameters Error', 'INVALID_INPUT', false],
		[
			50205,
			401,
			'Image Size Exceeds Maximum Limit: please compress the image',
			'FILE_TOO_LARGE',
			false,
		],
		[50206, 400, 'ECImageEmpty', 'INVALID_INPUT', false],
		[50207, 400, 'Image Decode Error: image format unsupported', 'IMAGE_UNREADABLE', false],
		[
			50208,
			400,
			'Invalid Input Image: No object detected in input image, bad input image',
			'NO_INVOICE_FOUND',
			false,
		],
		[50213, 400, 'ECReqBodySizeLimited', 'FILE_TOO_LARGE', false],
		[50215, 500, 'ECRPCProcess', 'VENDOR_UNAVAILABLE', true],
		[50400, 401, 'Access Denied: api forbidden', 'AUTH_FAILED', false],
		[50402, 404, 'Request URL Error', 'INVALID_INPUT', false],
		[50429, 429, 'ECReqLimit', 'RATE_LIMITED', true],
		[
			50500,
			500,
			'Internal Error: please contact with bytedance engineering team',
			'VENDOR_UNAVAILABLE',
			true,
		],
		[50501, 500, 'ECRPCInternal', 'VENDOR_UNAVAILABLE', true],
	];

	test.each(service)(
		'volcengine maps service %i (HTTP %i, "%s") to %s, retryable %p',
		(code, status, message, expected, retryable) => {
			const outcome = volcengineAdapter.parseResponse(
				answer({ code, message, request_id: 'svc-request-1', data: null }, status),
			);
			expect(!outcome.ok && outcome.error).toMatchObject({
				code: expected,
				retryable,
				vendor: 'volcengine',
				vendorCode: String(code),
				vendorMessage: message,
				requestId: 'svc-request-1',
			});
			expect(!outcome.ok && outcome.error.message).toContain(`(${code})`);
		},
	);

	test('volcengine maps 50205 by the body although it comes with HTTP 401', () => {
		const outcome = volcengineAdapter.parseResponse(answer(serviceImageTooLarge, 401));
		expect(!outcome.ok && outcome.error).toMatchObject({
			code: 'FILE_TOO_LARGE',
			requestId: '20240101120000ABCDEF0123456789AB',
		});
	});

	test('volcengine explains a 50400 bad timestamp as a clock problem', () => {
		const outcome = volcengineAdapter.parseResponse(
			answer(
				{ code: 50400, message: 'Access Denied: bad timestamp. Make sure your clock is correct' },
				401,
			),
		);
		expect(!outcome.ok && outcome.error.code).toBe('AUTH_FAILED');
		expect(!outcome.ok && outcome.error.message).toMatch(/clock/);
	});

	test('volcengine maps an undocumented service code to UNKNOWN', () => {
		const outcome = volcengineAdapter.parseResponse(answer({ code: 60208, message: 'x' }, 400));
		expect(!outcome.ok && outcome.error).toMatchObject({ code: 'UNKNOWN', vendorCode: '60208' });
	});
});
