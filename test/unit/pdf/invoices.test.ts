/**
 * Vendor `local` on PDFs made by the test writer: a 数电 invoice drawn the way the tax platform
 * draws it reads the same as its XML, field by field; several invoices, sales lists, red-letter
 * invoices, scans, encrypted files and documents that are no invoice each get their outcome.
 */
import { readPdfInvoices } from '../../../nodes/shared/vendors/local/pdf';
import { readXmlInvoices } from '../../../nodes/shared/vendors/local/xmlInvoice';
import type { RecognizedInvoice } from '../../../nodes/shared/types';
import type { OcrOutcome } from '../../../nodes/shared/vendors/types';
import { COMPANIES, digitalInvoiceSpec, digitalInvoiceXml, type DigitalInvoiceSpec } from '../../support/einvoiceFixtures';
import {
	DIGITAL_PAGE,
	digitalInvoiceItems,
	digitalInvoicePdf,
	digitalRemarkLines,
	salesListItems,
	textPdf,
} from '../../support/pdfWriter';

function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`expected invoices, got ${outcome.error.code}: ${outcome.error.message}`);
	return outcome.invoices;
}

function failureOf(outcome: OcrOutcome) {
	if (outcome.ok) throw new Error(`expected a failure, got ${outcome.invoices.length} invoice(s)`);
	return outcome.error;
}

/** Long names wrap over lines; one line is a discount (negative); one is 免税. */
const MIXED_LINES: DigitalInvoiceSpec['lines'] = [
	{ name: '*信息技术服务*软件维护及升级服务年度合同', unit: '项', quantity: 1, unitPrice: 1000, amount: 1000, taxRate: 0.06 },
	{ name: '*计算机外部设备*无线键盘鼠标套装', specification: 'KM-200', unit: '套', quantity: 2, unitPrice: 150, amount: 300, taxRate: 0.13 },
	{ name: '*计算机外部设备*无线键盘鼠标套装', amount: -30, taxRate: 0.13 },
];

describe('a generated 数电 invoice: the PDF reads like the XML', () => {
	const specs: Array<[string, DigitalInvoiceSpec]> = [
		['special, two lines', digitalInvoiceSpec()],
		['common, wrapped and discount lines', digitalInvoiceSpec({ kind: 'common', number: '25312000000987654321', lines: MIXED_LINES, remarks: '项目编号:XM-2025-07' })],
	];

	test.each(specs)('%s', (_name, spec) => {
		const [fromXml] = invoicesOf(readXmlInvoices(Buffer.from(digitalInvoiceXml(spec)), null));
		const [fromPdf] = invoicesOf(readPdfInvoices(digitalInvoicePdf(spec)));
		for (const key of ['invoiceType', 'invoiceNumber', 'issueDate', 'amount', 'tax', 'total', 'totalInWords', 'drawer', 'payee', 'reviewer', 'redLetter'] as const) {
			expect({ key, value: fromPdf[key] }).toEqual({ key, value: fromXml[key] });
		}
		for (const side of ['buyer', 'seller'] as const) {
			for (const key of ['name', 'taxId', 'addressPhone', 'bankAccount'] as const) {
				expect({ side, key, value: fromPdf[side][key] }).toEqual({ side, key, value: fromXml[side][key] });
			}
		}
		expect(fromPdf.items).toEqual(fromXml.items);
		// The PDF prints the party lines in the remarks too (the XML has them in their own elements).
		expect(fromPdf.remarks?.split('\n')[0]).toBe(fromXml.remarks);
		expect(fromPdf.title).toBe(spec.kind === 'special' ? '电子发票（增值税专用发票）' : '电子发票（普通发票）');
		expect(fromPdf.origin).toEqual({ entry: null, format: 'pdf', raw: expect.stringContaining(spec.number) });
		expect(fromPdf.location).toEqual({ page: 1, angle: 0, polygon: null });
		expect(fromPdf.fields).toMatchObject({ 发票号码: spec.number, 销售方名称: spec.seller.name, 开票人: spec.drawer });
	});

	test('the values are the ones written into the PDF (independently of the XML reader)', () => {
		const spec = digitalInvoiceSpec({ lines: MIXED_LINES });
		const [invoice] = invoicesOf(readPdfInvoices(digitalInvoicePdf(spec)));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			invoiceNumber: '25312000000123456789',
			issueDate: '2025-06-18',
			buyer: { name: '杭州样本贸易有限公司', taxId: COMPANIES.buyer.taxId },
			seller: { name: '上海示例信息科技有限公司', taxId: COMPANIES.seller.taxId },
			amount: 1270,
			tax: 95.1,
			total: 1365.1,
			totalInWords: '壹仟叁佰陆拾伍圆壹角',
		});
		expect(invoice.items.map((item) => [item.name, item.quantity, item.unitPrice, item.amount, item.taxRate, item.tax])).toEqual([
			['*信息技术服务*软件维护及升级服务年度合同', 1, 1000, 1000, 0.06, 60],
			['*计算机外部设备*无线键盘鼠标套装', 2, 150, 300, 0.13, 39],
			['*计算机外部设备*无线键盘鼠标套装', null, null, -30, 0.13, -3.9],
		]);
	});

	test('the same invoice in the other font encodings and file structures reads the same', () => {
		const spec = digitalInvoiceSpec();
		const [reference] = invoicesOf(readPdfInvoices(digitalInvoicePdf(spec)));
		const variants = [
			digitalInvoicePdf(spec, { font: 'ucs2' }),
			digitalInvoicePdf(spec, { style: 'plain', xref: 'stream', objectStreams: true }),
			digitalInvoicePdf(spec, { xref: 'broken', viaForm: true }),
		];
		for (const bytes of variants) {
			const [invoice] = invoicesOf(readPdfInvoices(bytes));
			expect({ ...invoice, origin: null }).toEqual({ ...reference, origin: null });
		}
	});

	test('a download watermark (下载次数) and CJK compatibility characters do not disturb the values', () => {
		const spec = digitalInvoiceSpec();
		const items = digitalInvoiceItems(spec, { extra: [{ x: 520, y: 90, size: 9, text: '下载次数：1' }] })
			// The header's 金 drawn as its CJK compatibility ideograph U+F90A (NFKC: 金).
			.map((item) => (item.text === '金 额' ? { ...item, text: '\uF90A 额' } : item));
		const [invoice] = invoicesOf(readPdfInvoices(textPdf([{ ...DIGITAL_PAGE, items }], { style: 'suwell' })));
		expect(invoice.seller.name).toBe('上海示例信息科技有限公司');
		expect(invoice.amount).toBe(1300);
		expect(invoice.items[0].amount).toBe(1000);
		expect(JSON.stringify(invoice.fields)).not.toContain('下载次数');
	});
});

describe('pages and invoices', () => {
	test('two invoices in one PDF are two invoices, each with its page', () => {
		const first = digitalInvoiceSpec();
		const second = digitalInvoiceSpec({ number: '25312000000222222222', seller: COMPANIES.consultant, kind: 'common' });
		const bytes = textPdf(
			[
				{ ...DIGITAL_PAGE, items: digitalInvoiceItems(first) },
				{ ...DIGITAL_PAGE, items: digitalInvoiceItems(second) },
			],
			{ style: 'suwell' },
		);
		const invoices = invoicesOf(readPdfInvoices(bytes));
		expect(invoices.map((invoice) => [invoice.invoiceNumber, invoice.invoiceType, invoice.seller.name, invoice.location?.page])).toEqual([
			['25312000000123456789', 'digital_special', COMPANIES.seller.name, 1],
			['25312000000222222222', 'digital_common', COMPANIES.consultant.name, 2],
		]);
	});

	test('a sales list (销货清单) page is merged into its invoice instead of the (详见销货清单) line', () => {
		const listed = digitalInvoiceSpec({
			lines: [
				{ name: '*纸制品*打印纸', specification: 'A4', unit: '箱', quantity: 3, unitPrice: 100, amount: 300, taxRate: 0.13 },
				{ name: '*纸制品*便利贴', unit: '包', quantity: 10, unitPrice: 5, amount: 50, taxRate: 0.13 },
				{ name: '*文具*签字笔', unit: '支', quantity: 20, unitPrice: 2.5, amount: 50, taxRate: 0.13 },
			],
		});
		const invoicePage = digitalInvoiceSpec({ ...listed, lines: [{ name: '(详见销货清单)', amount: 400, taxRate: 0.13 }] });
		const bytes = textPdf(
			[
				{ ...DIGITAL_PAGE, items: digitalInvoiceItems(invoicePage) },
				{ width: 595.28, height: 841.89, items: salesListItems(listed, null) },
			],
			{ style: 'suwell' },
		);
		const [invoice, ...others] = invoicesOf(readPdfInvoices(bytes));
		expect(others).toEqual([]);
		expect(invoice.total).toBe(452);
		expect(invoice.items.map((item) => [item.name, item.specification, item.unit, item.quantity, item.unitPrice, item.amount, item.tax])).toEqual([
			['*纸制品*打印纸', 'A4', '箱', 3, 100, 300, 39],
			['*纸制品*便利贴', null, '包', 10, 5, 50, 6.5],
			['*文具*签字笔', null, '支', 20, 2.5, 50, 6.5],
		]);
		expect(invoice.origin?.raw).toContain('销售货物或者提供应税劳务清单');
	});

	test('a 数电 invoice continued on a second page (same number) is one invoice with all its lines', () => {
		const spec = digitalInvoiceSpec();
		const [line1, line2] = spec.lines;
		const page1 = digitalInvoiceItems({ ...spec, lines: [line1] }).filter((item) => !/^¥|圆|整$/.test(item.text));
		const page2 = digitalInvoiceItems({ ...spec, lines: [line2] });
		const invoices = invoicesOf(readPdfInvoices(textPdf([{ ...DIGITAL_PAGE, items: page1 }, { ...DIGITAL_PAGE, items: page2 }], { style: 'suwell' })));
		expect(invoices).toHaveLength(1);
		expect(invoices[0].items.map((item) => item.amount)).toEqual([1000, 300]);
	});

	test('a red-letter invoice (negative amounts, 红字 remarks) is flagged', () => {
		const spec = digitalInvoiceSpec({
			redLetter: true,
			lines: [{ name: '*信息技术服务*软件维护服务', unit: '项', quantity: -1, unitPrice: 1000, amount: -1000, taxRate: 0.06 }],
			remarks: '被红冲蓝字数电发票号码:25312000000111111111 红字发票信息确认单编号:31011525061800000001',
		});
		const [invoice] = invoicesOf(readPdfInvoices(digitalInvoicePdf(spec)));
		expect(invoice).toMatchObject({ redLetter: true, amount: -1000, tax: -60, total: -1060, totalInWords: '(负数)壹仟零陆拾圆整' });
		expect(invoice.items[0]).toMatchObject({ quantity: -1, amount: -1000, tax: -60 });
	});
});

describe('what the local PDF reader refuses', () => {
	test('a scan (images, no text layer) is UNSUPPORTED_FILE and points to an OCR vendor', () => {
		const error = failureOf(readPdfInvoices(textPdf([{ width: 595, height: 842, items: [], image: true }])));
		expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'local', retryable: false });
		expect(error.message).toMatch(/scan/);
		expect(error.message).toMatch(/Jumdata/);
	});

	test('an encrypted PDF is UNSUPPORTED_FILE saying so', () => {
		const error = failureOf(readPdfInvoices(digitalInvoicePdf(digitalInvoiceSpec(), { encrypt: true })));
		expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'local' });
		expect(error.message).toMatch(/encrypted/);
	});

	test('a text PDF that is no invoice is NO_INVOICE_FOUND', () => {
		const letter = textPdf([{ width: 595, height: 842, items: [{ x: 72, y: 100, size: 12, text: '会议纪要：第三季度工作安排' }] }]);
		expect(failureOf(readPdfInvoices(letter))).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
	});

	test('bytes that are no PDF, and a PDF broken beyond repair, are UNSUPPORTED_FILE', () => {
		expect(failureOf(readPdfInvoices(Buffer.from('GIF89a not a pdf')))).toMatchObject({ code: 'UNSUPPORTED_FILE' });
		expect(failureOf(readPdfInvoices(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Page >>\nendobj\n%%EOF')))).toMatchObject({
			code: 'UNSUPPORTED_FILE',
		});
	});

	test('the remark lines the PDF prints are the ones the writer drew', () => {
		const spec = digitalInvoiceSpec();
		const [invoice] = invoicesOf(readPdfInvoices(digitalInvoicePdf(spec)));
		expect(invoice.remarks?.split('\n')).toEqual(digitalRemarkLines(spec));
	});
});
