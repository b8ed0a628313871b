/**
 * Offline checks on invoices that are genuine but unusual (no issue may be raised) and on plain
 * misreads (an issue must be raised).
 */
import { runOfflineChecks } from '../../../nodes/shared/checks';
import { toOutputInvoice } from '../../../nodes/shared/normalize/output';
import { juheAdapter } from '../../../nodes/shared/vendors/juhe';

const today = new Date('2025-06-15T04:00:00Z');

function ruleIds(invoice: unknown, now = today): string[] {
	return runOfflineChecks(invoice, { today: now }).issues.map((issue) => issue.rule);
}

/** GB 11714, computed here independently: weights 3 7 9 10 5 8 4 2, 11 − Σ mod 11 (10 → X, 11 → 0). */
function organizationCode(first8: string): string {
	const weights = [3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first8].reduce((total, char, i) => total + parseInt(char, 36) * weights[i], 0);
	const check = 11 - (sum % 11);
	return `${first8}-${check === 10 ? 'X' : check === 11 ? '0' : String(check)}`;
}

/**
 * A 差额征税 service invoice (travel agency, 6%): ¥10 600 received, ¥8 000 of it deductible
 * (tickets bought for the client), so the tax is (10 600 − 8 000) × 6/106 = 147.17 and the
 * amount is the rest, 10 452.83. Amount × rate would be 627.17.
 */
function marginTaxedInvoice(where: { remarks?: string; title?: string; name?: string }) {
	return {
		invoiceType: 'vat_special',
		issueDate: '2024-03-08',
		title: where.title ?? '上海增值税专用发票',
		amount: 10452.83,
		tax: 147.17,
		total: 10600,
		remarks: where.remarks ?? null,
		items: [
			{
				name: where.name ?? '*旅游服务*旅游服务费',
				specification: null,
				unit: null,
				quantity: null,
				unitPrice: null,
				amount: 10452.83,
				taxRate: 0.06,
				tax: 147.17,
			},
		],
	};
}

describe('差额征税 (margin-taxed) invoices', () => {
	test('without a margin-tax mark the line tax does not match its rate: flagged', () => {
		expect(ruleIds(marginTaxedInvoice({}))).toEqual(['line_tax_rate_math']);
	});

	test.each([
		['remarks written by the tax-control system', { remarks: '差额征税：8000.00。' }],
		['a 数电 label in the remarks', { remarks: '差额征税-差额开票' }],
		['a 数电 label the vendor put in the title', { title: '电子发票(增值税专用发票) 差额开票' }],
		['the line name', { name: '*旅游服务*旅游服务费(差额征收)' }],
		['full-width punctuation', { remarks: '差额征税：８０００．００。' }],
	])('marked in %s: the line tax is not judged', (_where, where) => {
		expect(ruleIds(marginTaxedInvoice(where))).toEqual([]);
	});

	test('the other sums are still checked on a margin-taxed invoice', () => {
		const invoice = { ...marginTaxedInvoice({ remarks: '差额征税：8000.00。' }), total: 10700 };
		expect(ruleIds(invoice)).toEqual(['amount_plus_tax']);
	});
});

describe('vehicle invoices identify buyers by an organization code', () => {
	const vehicleInvoice = (buyerTaxId: string, invoiceType = 'motor_vehicle') => ({
		invoiceType,
		buyer: { name: '某某研究所', taxId: buyerTaxId },
		seller: { name: '某某汽车销售服务有限公司', taxId: '91310106552993944D' },
	});

	test('the documented example 71093624-1 is valid', () => {
		expect(organizationCode('71093624')).toBe('71093624-1');
		expect(ruleIds(vehicleInvoice('71093624-1'))).toEqual([]);
	});

	test.each(['12345678', 'MA1FR7C7', '0000000A', '33000088'])(
		'an organization code built from %s passes on motor and used vehicle invoices',
		(stem) => {
			expect(ruleIds(vehicleInvoice(organizationCode(stem)))).toEqual([]);
			expect(ruleIds(vehicleInvoice(organizationCode(stem), 'used_vehicle'))).toEqual([]);
		},
	);

	test('a wrong check character is caught', () => {
		const result = runOfflineChecks(vehicleInvoice('71093624-2'), { today });
		expect(result.issues).toEqual([
			{
				rule: 'tax_id_check_digit',
				field: 'buyer.taxId',
				message:
					'Organization code 71093624-2 ends in 2 but its check character should be 1: a character is misread or mistyped.',
			},
		]);
	});

	test('a used-vehicle seller may be an organization code too', () => {
		const invoice = { invoiceType: 'used_vehicle', seller: { taxId: '71093624-1' } };
		expect(ruleIds(invoice)).toEqual([]);
	});

	test('on a VAT invoice an organization code is not a taxpayer number', () => {
		expect(ruleIds(vehicleInvoice('71093624-1', 'vat_special'))).toEqual(['tax_id_format']);
	});

	test('a resident ID number and a unified social credit code still pass on vehicle invoices', () => {
		expect(ruleIds(vehicleInvoice('11010519491231002X'))).toEqual([]);
		expect(ruleIds(vehicleInvoice('91310104MA1FR7C72G'))).toEqual([]);
	});
});

describe('invoice numbers', () => {
	const invoice = (invoiceType: string, invoiceNumber: unknown) => ({ invoiceType, invoiceNumber });

	test.each([
		['vat_special', '1234567'],
		['vat_special', '123456789'],
		['vat_common', '0325741'],
		['vat_electronic_common', '3305815a'],
		['vat_roll', '1454795'],
		['digital_common', '2532200000036540482'],
	])('%s numbered %s is flagged', (invoiceType, invoiceNumber) => {
		expect(ruleIds(invoice(invoiceType, invoiceNumber))).toEqual(['number_format']);
	});

	test.each([
		['vat_special', '03574125'],
		['vat_common', '33058151'],
		// a 数电 invoice that a vendor reports under the older type
		['vat_special', '25322000004478296111'],
		['digital_common', '25322000000365404822'],
		// a 数电 paper invoice keeps a code and an 8-digit number
		['digital_special', '03574125'],
		// tickets and receipts number freely
		['train_ticket', 'D23402'],
		['parking', '123'],
		['other', '1234567'],
	])('%s numbered %s passes', (invoiceType, invoiceNumber) => {
		expect(ruleIds(invoice(invoiceType, invoiceNumber))).toEqual([]);
	});

	test('full-width digits and spaces are read, not flagged', () => {
		expect(ruleIds(invoice('vat_common', '３３０５ ８１５１'))).toEqual([]);
	});

	test('the message names the length and what the type expects', () => {
		expect(runOfflineChecks(invoice('vat_special', '1234567'), { today }).issues[0]).toEqual({
			rule: 'number_format',
			field: 'invoiceNumber',
			message:
				'Invoice number 1234567 has 7 digits; the number of a VAT special invoice has 8 digits (20 on a 数电 invoice).',
		});
	});
});

describe('check codes misread with a letter', () => {
	test('a letter in the check code of a roll invoice is flagged, whatever the length rules say', () => {
		expect(ruleIds({ invoiceType: 'vat_roll', checkCode: '83931O540000' })).toEqual(['check_code_format']);
		// Length is still free on roll invoices.
		expect(ruleIds({ invoiceType: 'vat_roll', checkCode: '839310540000' })).toEqual([]);
	});

	test('a ticket or receipt keeps whatever it calls a check code', () => {
		expect(ruleIds({ invoiceType: 'flight_itinerary', checkCode: 'AB12' })).toEqual([]);
	});

	test('an OCR answer with a misread check code keeps checkCode null but is flagged', () => {
		const outcome = juheAdapter.parseResponse({
			statusCode: 200,
			headers: {},
			body: {
				reason: '查询成功',
				error_code: 0,
				result: {
					vat_roll_invoice_infos: [
						{ name: '发票代码', value: '033001900106' },
						{ name: '发票号码', value: '14547954' },
						{ name: '开票日期', value: '2019年07月14日' },
						{ name: '校验码', value: '83931O540000' },
					],
				},
			},
		});
		if (!outcome.ok) throw new Error('expected an invoice');
		const output = toOutputInvoice(outcome.invoices[0], { vendor: 'juhe', source: null, simplify: true, today });
		expect(output.checkCode).toBeNull();
		expect(output).toHaveProperty('unreadable', { checkCode: '83931O540000' });
		expect(output.checks.issues).toEqual([
			{
				rule: 'check_code_format',
				field: 'checkCode',
				message: 'Check code "83931O540000" has characters other than digits; a check code is digits only.',
			},
		]);
		// Check Offline on the output item finds the same.
		expect(runOfflineChecks(JSON.parse(JSON.stringify(output)), { today })).toEqual(output.checks);
	});
});

describe('invoice code year at the turn of the year', () => {
	test('without an issue date, next year\'s code is not "in the future" in December', () => {
		const invoice = { invoiceType: 'vat_common', invoiceCode: '032002600104' };
		expect(ruleIds(invoice, new Date('2025-12-20T04:00:00Z'))).toEqual([]);
		expect(ruleIds(invoice, new Date('2025-11-20T04:00:00Z'))).toEqual(['invoice_code_year']);
	});
});
