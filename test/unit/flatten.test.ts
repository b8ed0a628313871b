import { flattenInvoice } from '../../nodes/shared/normalize/flatten';

const invoice = {
	invoiceType: 'digital_special',
	invoiceTypeName: '电子发票(增值税专用发票)',
	invoiceNumber: '25312000000123456789',
	issueDate: '2025-06-18',
	seller: { name: '上海示例信息科技有限公司', taxId: '91310115MA1K4XYW8B', addressPhone: null, bankAccount: null },
	total: 1399,
	checks: { passed: false, issues: [{ rule: 'items_amount_sum', field: 'amount', message: 'Lines add up to 1300.00.' }] },
	vendor: 'local',
	redLetter: false,
	buyer: { name: '杭州样本贸易有限公司', taxId: '91330106MA2B7QRT94', addressPhone: 'x', bankAccount: 'y' },
	amount: 1300,
	tax: 99,
	items: [
		{ name: '*信息技术服务*软件维护服务', specification: null, unit: '项', quantity: 1, unitPrice: 1000, amount: 1000, taxRate: 0.06, tax: 60 },
		{ name: '*计算机外部设备*键盘', specification: 'KM-200', unit: '套', quantity: 2, unitPrice: 150, amount: 300, taxRate: 0.13, tax: 39 },
	],
	transport: null,
	location: { page: 1, angle: null, polygon: null },
	source: { binaryProperty: 'attachment_0', fileName: 'a.xml', mimeType: 'text/xml', entry: null, alsoIn: [] },
	dedupeKey: ['25312000000123456789'].join(''),
};

const isPlain = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

describe('flat output rows', () => {
	test('one row per invoice: one level of plain values, the scan-first columns first, lines summarized', () => {
		const [row] = flattenInvoice(invoice, 'invoice');
		expect(Object.values(row).every(isPlain)).toBe(true);
		expect(Object.keys(row).slice(0, 7)).toEqual([
			'invoiceType', 'invoiceTypeName', 'invoiceNumber', 'issueDate', 'sellerName', 'total', 'checksPassed',
		]);
		expect(row).toMatchObject({
			sellerName: '上海示例信息科技有限公司',
			buyerTaxId: '91330106MA2B7QRT94',
			checksPassed: false,
			checkIssues: 'items_amount_sum: Lines add up to 1300.00.',
			itemCount: 2,
			itemNames: '*信息技术服务*软件维护服务; *计算机外部设备*键盘',
			taxRates: '6%, 13%',
			page: 1,
			fileName: 'a.xml',
		});
	});

	test('one row per line item, each with the invoice columns', () => {
		const rows = flattenInvoice(invoice, 'lines');
		expect(rows).toHaveLength(2);
		expect(rows.map((row) => [row.lineNumber, row.lineName, row.lineAmount, row.lineTaxRate, row.invoiceNumber])).toEqual([
			[1, '*信息技术服务*软件维护服务', 1000, 0.06, '25312000000123456789'],
			[2, '*计算机外部设备*键盘', 300, 0.13, '25312000000123456789'],
		]);
		expect(rows.every((row) => Object.values(row).every(isPlain))).toBe(true);
	});

	test('an invoice without lines (a ticket) still gives one row, with its transport columns', () => {
		const ticket = { ...invoice, items: [], transport: { trainNumber: 'G123', departureStation: '上海虹桥' } };
		const rows = flattenInvoice(ticket, 'lines');
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({ lineNumber: null, lineName: null, transportTrainNumber: 'G123', transportDepartureStation: '上海虹桥' });
	});
});
