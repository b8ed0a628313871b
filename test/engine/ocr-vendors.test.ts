/**
 * Invoice OCR per vendor, run through n8n's WorkflowExecute with real HTTP to the fake vendors:
 * doc examples, every documented error code, each input type, pre-flight refusals (no request
 * sent), multi-invoice splitting.
 */
import type { AllFakes, VendorName } from '../fakes';
import { serveFiles } from '../harness/fileServer';
import { fileItem, ocrRequests, pngItem, runOcr, samples, withFakes } from './support';

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	for (const vendor of ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'] as const) fakes[vendor].reset();
});


describe('doc examples map to the contract', () => {
	test('juhe roll invoice', async () => {
		const { success, errors, sent } = await runOcr(fakes, 'juhe');
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		expect(success[0]).toMatchObject({
			vendor: 'juhe',
			invoiceType: 'vat_roll',
			invoiceTypeName: '增值税普通发票(卷票)',
			invoiceCode: '033000101',
			invoiceNumber: '14547954',
			issueDate: '2019-07-14',
			checkCode: '839310540000',
			total: 200,
			totalInWords: '贰佰圆整',
			source: { binaryProperty: 'data', fileName: 'invoice.png', mimeType: 'image/png' },
			dedupeKey: '033000101-14547954',
		});
		expect(success[0]).toHaveProperty('checks.passed');
		expect(success[0]).not.toHaveProperty('fields');
		// The key travels in the form body, never in the URL.
		expect(sent[0].url).not.toContain(fakes.juhe.url + '/?');
		expect(sent[0].url).not.toContain('key=');
		expect(ocrRequests(fakes, 'juhe')[0].body).toHaveProperty('key');
	});

	test('volcengine roll invoice with flattened entry_N rows, signed request accepted', async () => {
		const { success, errors } = await runOcr(fakes, 'volcengine');
		expect(errors).toEqual([]);
		expect(success[0]).toMatchObject({
			vendor: 'volcengine',
			invoiceType: 'vat_roll',
			title: '上海增值税普通发票',
			invoiceCode: '031001750107',
			invoiceNumber: '03574125',
			issueDate: '2019-01-14',
			checkCode: '70497714341554189588',
			machineCode: '661712116595',
			total: 500,
			seller: { name: '中国石化销售有限公司上海石油分公司', taxId: '91310000834486035U' },
			buyer: { name: '上海今日头条科技有限公司', taxId: '91310104MA1FR7C72G' },
			items: [{ name: '*预付卡销售*加油充值款', quantity: 1, unitPrice: 500, amount: 500 }],
			payee: '高红英',
		});
		expect(ocrRequests(fakes, 'volcengine')[0].authOk).toBe(true);
	});

	test('jumdata electronic common invoice with row-indexed commodities', async () => {
		const { success, errors } = await runOcr(fakes, 'jumdata');
		expect(errors).toEqual([]);
		expect(success[0]).toMatchObject({
			vendor: 'jumdata',
			invoiceType: 'vat_electronic_common',
			issueDate: '2021-11-12',
			total: 10,
			amount: 10,
			tax: null,
			totalInWords: '壹拾圆整',
			items: [{ name: '*餐饮服务*货物', amount: 10, taxRate: 0, tax: null }],
		});
		expect(ocrRequests(fakes, 'jumdata')[0].authOk).toBe(true);
	});

	test('xinhuo doc example gives one item per recognized object', async () => {
		const { success, errors, pairedItems } = await runOcr(fakes, 'xinhuo');
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.invoiceType)).toEqual(['quota', 'train_ticket']);
		expect(success[0]).toMatchObject({ invoiceCode: '131001827953', total: 10 });
		expect(success[1]).toMatchObject({ transport: { departureStation: '上海站' } });
		expect(pairedItems).toEqual([{ item: 0 }, { item: 0 }]);
	});

	test('webank doc example', async () => {
		const { success, errors } = await runOcr(fakes, 'webank');
		expect(errors).toEqual([]);
		expect(success.length).toBeGreaterThanOrEqual(1);
		expect(success[0]).toMatchObject({ vendor: 'webank', invoiceType: 'vat_common' });
	});

	test('simplify off adds every vendor field and the raw answer', async () => {
		const { success } = await runOcr(fakes, 'juhe', { parameters: { simplify: false } });
		expect(success[0]).toHaveProperty(['fields', '发票代码'], '033000101');
		expect(success[0]).toHaveProperty(['raw', 'error_code'], 0);
	});
});

describe('multi-invoice images give one item each, all paired to their input item', () => {
	test.each(['xinhuo', 'webank'] as const)('%s', async (vendor) => {
		const { success, pairedItems } = await runOcr(fakes, vendor, {
			items: [pngItem(), pngItem({ marker: 'multi-invoice', layout: 'multi' })],
		});
		expect(success.length).toBeGreaterThanOrEqual(1 + 3);
		expect(pairedItems.filter((paired) => (paired as { item: number }).item === 1)).toHaveLength(3);
		const types = new Set(success.slice(-3).map((invoice) => invoice.invoiceType));
		expect(types.size).toBeGreaterThan(1);
	});

	test.each(['xinhuo', 'webank'] as const)('%s all documented types map to contract types', async (vendor) => {
		const { success, errors } = await runOcr(fakes, vendor, {
			items: [pngItem({ marker: 'all-types', layout: 'multi' })],
		});
		expect(errors).toEqual([]);
		const expected = vendor === 'xinhuo' ? 24 : 13;
		expect(success.length).toBeGreaterThanOrEqual(expected);
		expect(success.every((invoice) => typeof invoice.invoiceTypeName === 'string')).toBe(true);
	});
});

/** Every documented vendor error code → the contract code (independent of the adapters' tables). */
const DOCUMENTED_ERRORS: Record<VendorName, Array<[string, string]>> = {
	juhe: [
		['10001', 'AUTH_FAILED'],
		['10002', 'AUTH_FAILED'],
		['10003', 'AUTH_FAILED'],
		['10004', 'AUTH_FAILED'],
		['10005', 'AUTH_FAILED'],
		['10007', 'AUTH_FAILED'],
		['10008', 'AUTH_FAILED'],
		['10009', 'AUTH_FAILED'],
		['10011', 'RATE_LIMITED'],
		['10012', 'QUOTA_EXCEEDED'],
		['10013', 'QUOTA_EXCEEDED'],
		['10014', 'VENDOR_UNAVAILABLE'],
		['10020', 'VENDOR_UNAVAILABLE'],
		['10021', 'VENDOR_UNAVAILABLE'],
		['253301', 'INVALID_INPUT'],
		['253302', 'IMAGE_UNREADABLE'],
	],
	volcengine: [
		['50204', 'INVALID_INPUT'],
		['50205', 'FILE_TOO_LARGE'],
		['50207', 'IMAGE_UNREADABLE'],
		['50208', 'NO_INVOICE_FOUND'],
		['50400', 'AUTH_FAILED'],
		['50402', 'INVALID_INPUT'],
		['50429', 'RATE_LIMITED'],
		['50500', 'VENDOR_UNAVAILABLE'],
		['50501', 'VENDOR_UNAVAILABLE'],
	],
	jumdata: [
		['400', 'INVALID_INPUT'],
		['404', 'INVALID_INPUT'],
		['500', 'VENDOR_UNAVAILABLE'],
		['601', 'AUTH_FAILED'],
		['602', 'AUTH_FAILED'],
		['603', 'QUOTA_EXCEEDED'],
		['604', 'VENDOR_UNAVAILABLE'],
		['606', 'RATE_LIMITED'],
		['607', 'AUTH_FAILED'],
		['609', 'RATE_LIMITED'],
		['610', 'TIMEOUT'],
		['999', 'UNKNOWN'],
	],
	xinhuo: [
		['500', 'VENDOR_UNAVAILABLE'],
		['40001', 'VENDOR_UNAVAILABLE'],
		['40002', 'VENDOR_UNAVAILABLE'],
		['40003', 'INVALID_INPUT'],
		['40004', 'RATE_LIMITED'],
		['40017', 'QUOTA_EXCEEDED'],
		['40018', 'RATE_LIMITED'],
		['40019', 'QUOTA_EXCEEDED'],
		['40020', 'QUOTA_EXCEEDED'],
		['40100', 'AUTH_FAILED'],
		['40101', 'AUTH_FAILED'],
		['40102', 'AUTH_FAILED'],
		['40103', 'AUTH_FAILED'],
		['40104', 'AUTH_FAILED'],
		['40105', 'AUTH_FAILED'],
		['40106', 'AUTH_FAILED'],
		['40107', 'QUOTA_EXCEEDED'],
		['40110', 'AUTH_FAILED'],
		['40200', 'VENDOR_UNAVAILABLE'],
		['40201', 'INVALID_INPUT'],
		['40202', 'INVALID_INPUT'],
		['40300', 'INVALID_INPUT'],
		['40301', 'UNSUPPORTED_FILE'],
		['40302', 'FILE_TOO_LARGE'],
		['40303', 'UNSUPPORTED_FILE'],
		['40400', 'VENDOR_UNAVAILABLE'],
		['40401', 'IMAGE_UNREADABLE'],
		['40500', 'NO_INVOICE_FOUND'],
		['40600', 'INVALID_INPUT'],
		['50001', 'TIMEOUT'],
		['90099', 'UNKNOWN'],
	],
	webank: [
		['1', 'VENDOR_UNAVAILABLE'],
		['2', 'INVALID_INPUT'],
		['3', 'IMAGE_UNREADABLE'],
	],
};

const RETRYABLE = new Set(['RATE_LIMITED', 'VENDOR_UNAVAILABLE', 'TIMEOUT', 'NETWORK_ERROR']);

describe.each(Object.keys(DOCUMENTED_ERRORS) as VendorName[])('%s documented error codes', (vendor) => {
	test.each(DOCUMENTED_ERRORS[vendor])(`${vendor} maps %s to %s on the error output`, async (vendorCode, code) => {
		fakes[vendor].configure({ failWith: { vendorCode } });
		const { success, errors, pairedItems } = await runOcr(fakes, vendor);
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(Object.keys(errors[0])).toEqual(['error']);
		const error = errors[0].error as Record<string, unknown>;
		expect(error).toMatchObject({ code, vendor, vendorCode });
		expect(typeof error.message).toBe('string');
		expect(Object.keys(error).sort()).toEqual(
			['code', 'message', 'requestId', 'retryable', 'vendor', 'vendorCode', 'vendorMessage'].sort(),
		);
		if (code === 'AUTH_FAILED' || code === 'QUOTA_EXCEEDED' || code === 'INVALID_INPUT') {
			expect(error.retryable).toBe(false);
		}
		if (code === 'RATE_LIMITED' || code === 'TIMEOUT') expect(error.retryable).toBe(true);
		expect(pairedItems).toEqual([{ item: 0 }]);
	});
});

describe('retries', () => {
	test('a retryable failure is retried and then succeeds', async () => {
		fakes.volcengine.configure({ failWith: { vendorCode: '50429', times: 1 } });
		const { success, errors } = await runOcr(fakes, 'volcengine', {
			parameters: { options: { maxRetries: 2 } },
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(1);
		expect(ocrRequests(fakes, 'volcengine')).toHaveLength(2);
	});

	test('an auth failure is never retried', async () => {
		const { errors } = await runOcr(fakes, 'juhe', {
			parameters: { options: { maxRetries: 3 } },
			credentials: { apiKey: 'dummy-wrong-key-0000000000' },
		});
		expect((errors[0].error as { code: string }).code).toBe('AUTH_FAILED');
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
		expect(RETRYABLE.has('AUTH_FAILED')).toBe(false);
	});
});

describe('input types', () => {
	test.each(['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'] as const)('%s accepts base64 input', async (vendor) => {
		const base64 = samples.png().toString('base64');
		const { success, errors } = await runOcr(fakes, vendor, {
			parameters: { inputType: 'base64', base64: `data:image/png;base64,${base64}` },
			items: [{ json: {} }],
		});
		expect(errors).toEqual([]);
		expect(success.length).toBeGreaterThanOrEqual(1);
		expect(success[0].source).toBeNull();
	});

	test.each(['volcengine', 'jumdata'] as const)('%s accepts URL input and downloads the file itself', async (vendor) => {
		const server = await serveFiles({ '/invoice.png': { body: samples.png(), contentType: 'image/png' } });
		try {
			const { success, errors } = await runOcr(fakes, vendor, {
				parameters: { inputType: 'url', url: `${server.url}/invoice.png` },
				items: [{ json: {} }],
			});
			expect(errors).toEqual([]);
			expect(success).toHaveLength(1);
			const body = ocrRequests(fakes, vendor)[0].body ?? {};
			expect(body[vendor === 'volcengine' ? 'image_url' : 'url']).toBe(`${server.url}/invoice.png`);
		} finally {
			await server.close();
		}
	});

	test.each(['juhe', 'xinhuo', 'webank'] as const)('%s refuses URL input without a request', async (vendor) => {
		const { errors } = await runOcr(fakes, vendor, {
			parameters: { inputType: 'url', url: 'https://example.com/a.png' },
			items: [{ json: {} }],
		});
		expect((errors[0].error as { code: string }).code).toBe('INVALID_INPUT');
		expect(fakes[vendor].requests).toHaveLength(0);
	});

	test('jumdata reads PDF and OFD files with the page option', async () => {
		const { success, errors } = await runOcr(fakes, 'jumdata', {
			parameters: { options: { page: 2 } },
			items: [
				fileItem(samples.pdf({ pages: 2 }), 'invoice.pdf', 'application/pdf'),
				fileItem(samples.ofd({ pages: 2 }), 'invoice.ofd', 'application/ofd'),
			],
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(2);
		const [pdfRequest, ofdRequest] = ocrRequests(fakes, 'jumdata');
		expect(pdfRequest.body).toHaveProperty('pdfFileNum', '2');
		expect(ofdRequest.body).toHaveProperty('ofdFileNum', '2');
	});

	test('several binary fields and a trailing * wildcard are all recognized', async () => {
		const item = {
			json: {},
			binary: {
				attachment_0: { data: samples.png(), fileName: 'a.png', mimeType: 'image/png' },
				attachment_1: { data: samples.jpeg(), fileName: 'b.jpg', mimeType: 'image/jpeg' },
				other: { data: samples.png(), fileName: 'c.png', mimeType: 'image/png' },
			},
		};
		const { success, pairedItems } = await runOcr(fakes, 'juhe', {
			parameters: { binaryPropertyName: 'attachment_*' },
			items: [item],
		});
		expect(success.map((invoice) => (invoice.source as { binaryProperty: string }).binaryProperty)).toEqual([
			'attachment_0',
			'attachment_1',
		]);
		expect(pairedItems).toEqual([{ item: 0 }, { item: 0 }]);
		const both = await runOcr(fakes, 'juhe', { parameters: { binaryPropertyName: 'other, attachment_1' }, items: [item] });
		expect(both.success).toHaveLength(2);
	});
});

describe('pre-flight refuses bad files before any paid call', () => {
	const MB = 1024 * 1024;
	const cases: Array<[VendorName, string, () => ReturnType<typeof fileItem>, string]> = [
		['juhe', 'an empty file', () => fileItem(Buffer.alloc(0), 'empty.png', 'image/png'), 'INVALID_INPUT'],
		['juhe', 'a GIF', () => fileItem(samples.gif(), 'a.gif', 'image/gif'), 'UNSUPPORTED_FILE'],
		['juhe', 'a BMP', () => fileItem(samples.bmp(), 'a.bmp', 'image/bmp'), 'UNSUPPORTED_FILE'],
		['juhe', 'a PDF', () => fileItem(samples.pdf(), 'a.pdf', 'application/pdf'), 'UNSUPPORTED_FILE'],
		['juhe', 'over 3 MB of base64', () => pngItem({ padToBytes: 2.4 * MB }), 'FILE_TOO_LARGE'],
		['volcengine', 'a PDF', () => fileItem(samples.pdf(), 'a.pdf', 'application/pdf'), 'UNSUPPORTED_FILE'],
		['volcengine', 'over 5 MB', () => pngItem({ padToBytes: 5.2 * MB }), 'FILE_TOO_LARGE'],
		['volcengine', 'not a file format at all', () => fileItem(Buffer.from('hello invoice'), 'a.txt', 'text/plain'), 'UNSUPPORTED_FILE'],
		['jumdata', 'over 4 MB', () => pngItem({ padToBytes: 4.2 * MB }), 'FILE_TOO_LARGE'],
		['jumdata', 'a 10 px image', () => pngItem({ width: 10, height: 200 }), 'INVALID_INPUT'],
		['jumdata', 'a 5000 px image', () => pngItem({ width: 5000, height: 20 }), 'FILE_TOO_LARGE'],
		['jumdata', 'a GIF', () => fileItem(samples.gif(), 'a.gif', 'image/gif'), 'UNSUPPORTED_FILE'],
		['xinhuo', 'a PDF', () => fileItem(samples.pdf(), 'a.pdf', 'application/pdf'), 'UNSUPPORTED_FILE'],
		['xinhuo', 'an empty file', () => fileItem(Buffer.alloc(0), 'empty.jpg', 'image/jpeg'), 'INVALID_INPUT'],
		['webank', 'an OFD', () => fileItem(samples.ofd(), 'a.ofd', 'application/ofd'), 'UNSUPPORTED_FILE'],
		['webank', 'a GIF', () => fileItem(samples.gif(), 'a.gif', 'image/gif'), 'UNSUPPORTED_FILE'],
	];
	test.each(cases)('%s: %s → %s, no request sent', async (vendor, _what, item, code) => {
		const { errors, success } = await runOcr(fakes, vendor, { items: [item()] });
		expect(success).toEqual([]);
		expect(errors[0]).toEqual({ error: expect.objectContaining({ code, vendor, retryable: false }) });
		expect(((errors[0].error as { message: string }).message).length).toBeGreaterThan(20);
		expect(fakes[vendor].requests).toHaveLength(0);
	});

	test.each(['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'] as const)(
		'%s: a missing binary field fails the item with what it has, no request sent',
		async (vendor) => {
			const { errors } = await runOcr(fakes, vendor, { items: [pngItem({}, 'file')] });
			const error = errors[0].error as { code: string; message: string };
			expect(error.code).toBe('INVALID_INPUT');
			expect(error.message).toContain('"data"');
			expect(error.message).toContain('file');
			expect(fakes[vendor].requests).toHaveLength(0);
		},
	);

	test('invalid base64 text is refused without a request', async () => {
		const { errors } = await runOcr(fakes, 'xinhuo', {
			parameters: { inputType: 'base64', base64: 'invoice.png is attached' },
			items: [{ json: {} }],
		});
		expect((errors[0].error as { code: string }).code).toBe('INVALID_INPUT');
		expect(fakes.xinhuo.requests).toHaveLength(0);
	});
});
