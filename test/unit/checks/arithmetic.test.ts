import { runOfflineChecks } from '../../../nodes/shared/checks';

const today = new Date('2025-06-15T04:00:00Z');

function line(amount: unknown, taxRate: unknown, tax: unknown, name = '餐饮服务') {
	return {
		name,
		specification: null,
		unit: null,
		quantity: null,
		unitPrice: null,
		amount,
		taxRate,
		tax,
	};
}

/** A consistent 专票: two lines at 13%, ¥113.01 in total. */
function consistentInvoice() {
	return {
		invoiceType: 'vat_special',
		issueDate: '2024-03-08',
		amount: 100,
		tax: 13.01,
		total: 113.01,
		totalInWords: '壹佰壹拾叁圆零壹分',
		items: [line(88.5, 0.13, 11.51), line(11.5, 0.13, 1.5)],
	};
}

function ruleIds(invoice: unknown): string[] {
	return runOfflineChecks(invoice, { today }).issues.map((issue) => issue.rule);
}

describe('arithmetic in fen', () => {
	test('a consistent invoice passes', () => {
		expect(runOfflineChecks(consistentInvoice(), { today })).toEqual({ passed: true, issues: [] });
	});

	test('sums that drift in floating point still add up in fen', () => {
		const invoice = {
			amount: 0.3,
			tax: 0.06,
			total: 0.36,
			items: [line(0.1, 0.06, 0.01), line(0.2, 0.06, 0.01), line(0, 0.06, 0.04)],
		};
		// 0.1 + 0.2 !== 0.3 in binary floating point
		expect(0.1 + 0.2).not.toBe(0.3);
		expect(ruleIds(invoice)).toEqual([]);
	});

	test('line amounts that do not add up to the amount are flagged', () => {
		const invoice = {
			...consistentInvoice(),
			amount: 101,
			total: 114.01,
			totalInWords: '壹佰壹拾肆圆零壹分',
		};
		const issues = runOfflineChecks(invoice, { today }).issues;
		expect(issues.map((issue) => issue.rule)).toEqual(['items_amount_sum']);
		expect(issues[0]).toEqual({
			rule: 'items_amount_sum',
			field: 'amount',
			message: 'The line amounts add up to 100.00 but the amount is 101.00.',
		});
	});

	test('line taxes that do not add up to the tax are flagged', () => {
		const invoice = {
			...consistentInvoice(),
			tax: 13.11,
			total: 113.11,
			totalInWords: '壹佰壹拾叁圆壹角壹分',
		};
		expect(ruleIds(invoice)).toEqual(['items_tax_sum']);
	});

	test('amount + tax must equal the total exactly', () => {
		const invoice = { ...consistentInvoice(), total: 113.02, totalInWords: '壹佰壹拾叁圆零贰分' };
		const issues = runOfflineChecks(invoice, { today }).issues;
		expect(issues).toEqual([
			{
				rule: 'amount_plus_tax',
				field: 'total',
				message: 'Amount 100.00 plus tax 13.01 is 113.01 but the total is 113.02.',
			},
		]);
	});

	test('line tax must match amount × rate within 0.06', () => {
		const withinTolerance = { ...consistentInvoice() };
		withinTolerance.items = [line(88.5, 0.13, 11.56), line(11.5, 0.13, 1.45)];
		expect(ruleIds(withinTolerance)).toEqual([]);

		const offByOneLine = { ...consistentInvoice() };
		offByOneLine.items = [line(88.5, 0.13, 11.58), line(11.5, 0.13, 1.43)];
		const issues = runOfflineChecks(offByOneLine, { today }).issues;
		expect(issues).toEqual([
			{
				rule: 'line_tax_rate_math',
				field: 'items[0].tax',
				message: 'Line 1: 88.50 at 13% gives tax 11.51 but the line tax is 11.58.',
			},
			{
				rule: 'line_tax_rate_math',
				field: 'items[1].tax',
				message: 'Line 2: 11.50 at 13% gives tax 1.50 but the line tax is 1.43.',
			},
		]);
	});

	test('red-letter (negative) invoices add up the same way', () => {
		const invoice = {
			invoiceType: 'vat_common',
			issueDate: '2024-03-08',
			amount: -100,
			tax: -6,
			total: -106,
			totalInWords: '(负数)壹佰零陆圆整',
			items: [line(-100, 0.06, -6)],
		};
		expect(ruleIds(invoice)).toEqual([]);
	});

	test('sums are skipped when a line lacks its value; text-only lines are ignored', () => {
		const missingTax = {
			...consistentInvoice(),
			items: [line(88.5, 0.13, null), line(11.5, 0.13, 1.5)],
		};
		expect(ruleIds(missingTax)).toEqual([]);
		const wrappedName = {
			...consistentInvoice(),
			items: [...consistentInvoice().items, line(null, null, null, '（续）')],
		};
		expect(ruleIds(wrappedName)).toEqual([]);
		const exemptLine = {
			...consistentInvoice(),
			items: [line(100, null, null)],
			tax: 0,
			total: 100,
		};
		expect(ruleIds({ ...exemptLine, totalInWords: null })).toEqual([]);
	});

	test('checks need their values: absent amounts are not judged', () => {
		expect(ruleIds({ total: 10 })).toEqual([]);
		expect(ruleIds({ amount: 10, total: 12 })).toEqual([]);
		expect(
			ruleIds({
				invoiceType: 'vat_roll',
				total: 35,
				items: [line(20, null, null), line(15, null, null)],
			}),
		).toEqual([]);
	});

	test('amounts given as printed text are read; non-numeric ones become issues', () => {
		const printed = { amount: '¥100.00', tax: '13.01', total: '￥113.01' };
		expect(ruleIds(printed)).toEqual([]);
		const broken = { amount: 'abc', tax: true, total: { value: 1 }, items: [line('n/a', 0.13, 1)] };
		const issues = runOfflineChecks(broken, { today }).issues;
		expect(issues.map((issue) => [issue.rule, issue.field])).toEqual([
			['number_format', 'amount'],
			['number_format', 'tax'],
			['number_format', 'total'],
			['number_format', 'items[0].amount'],
		]);
		expect(issues[0].message).toBe(
			'amount is "abc", which is not an amount; the arithmetic checks skip it.',
		);
	});
});
