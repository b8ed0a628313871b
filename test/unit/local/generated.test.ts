import { taxIdIssues } from '../../../nodes/shared/checks/taxId';
import { parseChineseAmountToFen } from '../../../nodes/shared/normalize/chineseAmount';
import type { RecognizedInvoice } from '../../../nodes/shared/types';
import {
	bundleZip,
	capitalAmount,
	COMPANIES,
	digitalInvoiceOfd,
	digitalInvoiceSpec,
	digitalInvoiceXml,
	invoiceTotals,
	type DigitalInvoiceSpec,
} from '../../support/einvoiceFixtures';
import { zipBytes } from '../../support/zipWriter';
import { errorOf, invoicesOf, ITEM_TAGS, onlyInvoice, readLocal, rezip } from './support';

/** What the XML and the OFD of one spec must both say. */
function expectSpecValues(invoice: RecognizedInvoice, spec: DigitalInvoiceSpec) {
	const { amount, tax, total } = invoiceTotals(spec);
	expect(invoice).toMatchObject({
		invoiceType: spec.kind === 'special' ? 'digital_special' : 'digital_common',
		title: spec.kind === 'special' ? '电子发票（增值税专用发票）' : '电子发票（普通发票）',
		invoiceCode: null,
		invoiceNumber: spec.number,
		issueDate: spec.issueDate,
		seller: { name: spec.seller.name, taxId: spec.seller.taxId },
		buyer: { name: spec.buyer.name, taxId: spec.buyer.taxId },
		amount,
		tax,
		total,
		totalInWords: capitalAmount(total),
		drawer: spec.drawer,
		payee: spec.payee ?? null,
		reviewer: spec.reviewer ?? null,
		redLetter: spec.redLetter ?? false,
	});
	expect(invoice.items.map((item) => [item.name, item.unit, item.quantity, item.unitPrice, item.amount, item.taxRate])).toEqual(
		spec.lines.map((line) => [
			line.name,
			line.unit ?? null,
			line.quantity ?? null,
			line.unitPrice ?? null,
			line.amount,
			typeof line.taxRate === 'number' ? line.taxRate : null,
		]),
	);
}

describe('the e-invoice fixture generator', () => {
	it('makes companies whose credit codes pass the offline check', () => {
		for (const company of [COMPANIES.seller, COMPANIES.buyer, COMPANIES.consultant]) {
			expect(company.taxId).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}$/);
			expect(taxIdIssues(company.taxId, 'seller.taxId')).toEqual([]);
		}
	});

	it('writes 大写 amounts the shared parser reads back to the same fen', () => {
		for (const yuan of [0.05, 0.5, 1, 10, 19, 250, 1010.5, 4449, 10600, 20670, 100000, 1000001.01, 123456789.12]) {
			expect(parseChineseAmountToFen(capitalAmount(yuan))).toBe(Math.round(yuan * 100));
		}
		expect(capitalAmount(20670)).toBe('贰万零陆佰柒拾圆整');
		expect(capitalAmount(11.2)).toBe('壹拾壹圆贰角');
	});
});

describe('local reading of generated 数电 XML and OFD', () => {
	it('reads the XML to the spec values, with origin format xml and the XML text', () => {
		const spec = digitalInvoiceSpec();
		const xml = digitalInvoiceXml(spec);
		const invoice = onlyInvoice(readLocal(Buffer.from(xml)));
		expectSpecValues(invoice, spec);
		expect(invoice.seller.addressPhone).toBe(`${spec.seller.address} ${spec.seller.phone}`);
		expect(invoice.buyer.bankAccount).toBe(`${spec.buyer.bank} ${spec.buyer.account}`);
		expect(invoice.items[1].specification).toBe('KM-200');
		expect(invoice.origin).toEqual({ entry: null, format: 'xml', raw: xml });
	});

	it('reads the OFD of the same spec to the same values (tags → text objects, ¥ split, wrapped names)', () => {
		const spec = digitalInvoiceSpec({
			lines: [
				{ name: '*信息技术服务*企业管理软件年度维护及升级服务费', unit: '项', quantity: 1, unitPrice: 8000, amount: 8000, taxRate: 0.06 },
				{ name: '*印刷品*资料', specification: 'A4', unit: '本', quantity: 10, unitPrice: 12.5, amount: 125, taxRate: 0.13 },
			],
		});
		const invoice = onlyInvoice(readLocal(digitalInvoiceOfd(spec)));
		expectSpecValues(invoice, spec);
		expect(invoice.items[1].specification).toBe('A4');
		expect(invoice.location).toEqual({ page: 1, angle: null, polygon: null });
		expect(invoice.origin?.format).toBe('ofd');
		expect(invoice.fields['CustomData/发票号码']).toBe(spec.number);
	});

	it('reads a common invoice to a person with a 免税 line: no buyer tax ID, tax rate null', () => {
		const spec = digitalInvoiceSpec({
			kind: 'common',
			buyer: COMPANIES.person,
			lines: [{ name: '*蔬菜*新鲜蔬菜', unit: '千克', quantity: 3, unitPrice: 6, amount: 18, taxRate: '免税' }],
			payee: undefined,
			reviewer: undefined,
		});
		for (const bytes of [Buffer.from(digitalInvoiceXml(spec)), digitalInvoiceOfd(spec)]) {
			const invoice = onlyInvoice(readLocal(bytes));
			expectSpecValues(invoice, spec);
			expect(invoice.buyer.taxId).toBeNull();
			expect(invoice.items[0].taxRate).toBeNull();
		}
	});

	it('marks a red-letter invoice (InIssuType N) and keeps its amounts negative', () => {
		const spec = digitalInvoiceSpec({
			redLetter: true,
			lines: [{ name: '*信息技术服务*软件维护服务', unit: '项', quantity: -1, unitPrice: 1000, amount: -1000, taxRate: 0.06 }],
			remarks: '被红冲蓝字数电发票号码：25312000000123456789',
		});
		const invoice = onlyInvoice(readLocal(Buffer.from(digitalInvoiceXml(spec))));
		expect(invoice).toMatchObject({ redLetter: true, amount: -1000, tax: -60, total: -1060, totalInWords: '(负数)壹仟零陆拾圆整' });
		expect(invoice.items[0]).toMatchObject({ quantity: -1, amount: -1000, tax: -60 });
		// The OFD carries no flag: the negative total marks it.
		const fromOfd = onlyInvoice(readLocal(digitalInvoiceOfd(spec)));
		expect(fromOfd).toMatchObject({ redLetter: true, total: -1060 });
	});

	it('reads an OFD written with data descriptors and "/"-prefixed member paths', () => {
		const spec = digitalInvoiceSpec();
		expectSpecValues(onlyInvoice(readLocal(digitalInvoiceOfd(spec, { slashPaths: true }))), spec);
	});

	it('reads an OFD whose OFD.xml comes after 100 KB of images', () => {
		const spec = digitalInvoiceSpec();
		expectSpecValues(onlyInvoice(readLocal(digitalInvoiceOfd(spec, { imageBytesBefore: 100 * 1024 }))), spec);
	});

	it('refuses an OFD whose pages hold only images as UNSUPPORTED_FILE (an OCR vendor may read it)', () => {
		const ofd = zipBytes([
			{ name: 'OFD.xml', data: '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>' },
			{ name: 'Doc_0/Document.xml', data: '<ofd:Document xmlns:ofd="x"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>' },
			{ name: 'Doc_0/Pages/Page_0/Content.xml', data: '<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:Layer ID="2"><ofd:ImageObject ID="3" ResourceID="4" Boundary="0 0 210 140"/></ofd:Layer></ofd:Content></ofd:Page>' },
			{ name: 'Doc_0/Res/scan.png', data: Buffer.alloc(2000, 7) },
		]);
		const error = errorOf(readLocal(ofd));
		expect(error).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'local', retryable: false });
		expect(error.message).toMatch(/only images/);
	});

	it('reads the older eInvoice XML on its own (not inside an OFD)', () => {
		const xml =
			'<?xml version="1.0" encoding="utf-8"?><eInvoice xmlns:fp="http://www.edrm.org.cn/schema/e-invoice/2019" Version="1.0">' +
			'<fp:InvoiceCode>031001900111</fp:InvoiceCode><fp:InvoiceNo>00112233</fp:InvoiceNo><fp:IssueDate>2020年01月02日</fp:IssueDate>' +
			'<fp:InvoiceCheckCode>1234 5678 9012 3456 7890</fp:InvoiceCheckCode><fp:Seller><fp:SellerName>上海示例信息科技有限公司</fp:SellerName></fp:Seller>' +
			'<fp:TaxInclusiveTotalAmount>106.00</fp:TaxInclusiveTotalAmount><fp:TaxTotalAmount>6.00</fp:TaxTotalAmount>' +
			'<fp:TaxExclusiveTotalAmount>100.00</fp:TaxExclusiveTotalAmount><fp:GraphCode>01,04,031001900111,00112233,100.00,20200102,12345678901234567890,ABCD,</fp:GraphCode>' +
			'<fp:GoodsInfos><fp:GoodsInfo><fp:Item>*服务*咨询费</fp:Item><fp:Amount>100.00</fp:Amount><fp:TaxScheme>6%</fp:TaxScheme><fp:TaxAmount>6.00</fp:TaxAmount></fp:GoodsInfo></fp:GoodsInfos></eInvoice>';
		const invoice = onlyInvoice(readLocal(Buffer.from(xml)));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_common',
			invoiceCode: '031001900111',
			invoiceNumber: '00112233',
			issueDate: '2020-01-02',
			checkCode: '12345678901234567890',
			total: 106,
			items: [{ name: '*服务*咨询费', amount: 100, taxRate: 0.06, tax: 6 }],
		});
	});

	it('gives NO_INVOICE_FOUND for XML that is not an invoice', () => {
		const error = errorOf(readLocal(Buffer.from('<?xml version="1.0"?><config><a>1</a></config>')));
		expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
		expect(error.message).toMatch(/root <config>/);
	});
});

describe('local reading of ZIP bundles', () => {
	const first = digitalInvoiceSpec();
	const second = digitalInvoiceSpec({ number: '25312000000987654321', kind: 'common', buyer: COMPANIES.consultant });
	const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

	it('reads every invoice member by content, with its path as origin.entry, and passes over the rest', () => {
		const bundle = bundleZip([
			{ name: '发票/25312000000123456789.xml', data: digitalInvoiceXml(first) },
			{ name: '发票/second.ofd', data: digitalInvoiceOfd(second) },
			{ name: 'logo.png', data: png },
			{ name: 'readme.txt', data: 'Batch download of 2025-06' },
			// Misleading names: a PNG called .xml, an invoice XML called .pdf.
			{ name: 'fake-invoice.xml', data: png },
			{ name: 'renamed.pdf', data: digitalInvoiceXml(second) },
			{ name: 'empty-folder/', data: '' },
		]);
		const invoices = invoicesOf(readLocal(bundle));
		expect(invoices.map((invoice) => [invoice.invoiceNumber, invoice.origin?.entry, invoice.origin?.format])).toEqual([
			['25312000000123456789', '发票/25312000000123456789.xml', 'xml'],
			['25312000000987654321', '发票/second.ofd', 'ofd'],
			['25312000000987654321', 'renamed.pdf', 'xml'],
		]);
		expectSpecValues(invoices[0], first);
		expectSpecValues(invoices[1], second);
	});

	it('keeps copies of one invoice (XML and OFD) as separate reads for the merge to join', () => {
		const bundle = bundleZip([
			{ name: 'a.ofd', data: digitalInvoiceOfd(first) },
			{ name: 'a.xml', data: digitalInvoiceXml(first) },
		]);
		const invoices = invoicesOf(readLocal(bundle));
		expect(invoices.map((invoice) => invoice.origin?.format)).toEqual(['ofd', 'xml']);
		expect(new Set(invoices.map((invoice) => invoice.invoiceNumber))).toEqual(new Set([first.number]));
		expect(invoices[0].total).toBe(invoices[1].total);
	});

	it('gives one NO_INVOICE_FOUND for a bundle without invoices, naming unreadable invoice-like members', () => {
		const none = errorOf(readLocal(bundleZip([{ name: 'logo.png', data: png }, { name: 'a.txt', data: 'hello' }])));
		expect(none).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
		expect(none.message).toMatch(/holds 2 files and none of them is an invoice/);
		const broken = errorOf(
			readLocal(bundleZip([{ name: 'bad.xml', data: '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><EInvoice>&a;</EInvoice>' }])),
		);
		expect(broken.code).toBe('NO_INVOICE_FOUND');
		expect(broken.message).toMatch(/"bad.xml" \(.*DOCTYPE/);
	});

	it('does not open a ZIP inside the bundle', () => {
		const inner = bundleZip([{ name: 'invoice.xml', data: digitalInvoiceXml(first) }]);
		const error = errorOf(readLocal(bundleZip([{ name: 'inner.zip', data: inner }])));
		expect(error.code).toBe('NO_INVOICE_FOUND');
	});

	it('passes PDF members to the PDF reader', () => {
		const error = errorOf(readLocal(bundleZip([{ name: 'scan.pdf', data: '%PDF-1.4\n%%EOF\n' }])));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toMatch(/"scan.pdf"/);
	});
});

describe('OFD.xml CustomData as a cross-check', () => {
	it('notes a CustomData value that disagrees with the printed one, and keeps the printed one', () => {
		const spec = digitalInvoiceSpec();
		const ofd = rezip(digitalInvoiceOfd(spec), (name, text) =>
			name === 'OFD.xml' ? text.replace('<ofd:CustomData Name="合计金额">1300.00<', '<ofd:CustomData Name="合计金额">1399.00<') : text,
		);
		const invoice = onlyInvoice(readLocal(ofd));
		expect(invoice.amount).toBe(1300);
		expect(invoice.fields['CustomDataMismatch/合计金额']).toBe('printed 1300, OFD.xml says 1399');
		expect(invoice.fields['CustomData/合计金额']).toBe('1399.00');
		expect(Object.keys(invoice.fields).filter((key) => key.startsWith('CustomDataMismatch/'))).toHaveLength(1);
	});
});

describe('OFD line items from the layout when the tag file names none (Nuonuo style)', () => {
	it('reads the same items from the printed columns, wrapped names joined', () => {
		const spec = digitalInvoiceSpec({
			lines: [
				{ name: '*信息技术服务*企业管理软件年度维护及升级服务费', specification: 'V2', unit: '项', quantity: 1, unitPrice: 8000, amount: 8000, taxRate: 0.06 },
				{ name: '*印刷品*资料', unit: '本', quantity: 10, unitPrice: 12.5, amount: 125, taxRate: 0.13 },
			],
		});
		let stripped = '';
		const ofd = rezip(digitalInvoiceOfd(spec), (name, text) => {
			if (!name.endsWith('CustomTag.xml')) return text;
			stripped = text.replace(ITEM_TAGS, '');
			return stripped;
		});
		expect(stripped).toContain('<ofd:InvoiceNo>');
		expect(stripped).not.toContain('<ofd:Item>');
		const invoice = onlyInvoice(readLocal(ofd));
		expectSpecValues(invoice, spec);
		expect(invoice.items[0].specification).toBe('V2');
		expect(invoice.items[1].tax).toBe(16.25);
	});
});
