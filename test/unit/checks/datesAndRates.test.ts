import { runOfflineChecks } from '../../../nodes/shared/checks';

const today = new Date('2025-06-15T04:00:00Z');

function ratedInvoice(issueDate: string | null, rate: number, amount = 100) {
	return {
		invoiceType: 'vat_special',
		issueDate,
		items: [{ name: '货物', amount, taxRate: rate, tax: Math.round(amount * rate * 100) / 100 }],
	};
}

function ruleIds(invoice: unknown, now: Date = today): string[] {
	return runOfflineChecks(invoice, { today: now }).issues.map((issue) => issue.rule);
}

describe('tax rate for the issue date', () => {
	test.each([
		// 17%/11% until 2018-04-30
		['2018-04-30', 0.17, []],
		['2018-05-01', 0.17, ['tax_rate_for_date']],
		['2018-04-30', 0.11, []],
		['2018-05-01', 0.11, ['tax_rate_for_date']],
		// 16%/10% from 2018-05-01 to 2019-03-31
		['2018-04-30', 0.16, ['tax_rate_for_date']],
		['2018-05-01', 0.16, []],
		['2019-03-31', 0.16, []],
		['2019-04-01', 0.16, ['tax_rate_for_date']],
		['2018-05-01', 0.1, []],
		['2019-04-01', 0.1, ['tax_rate_for_date']],
		// 13%/9% from 2019-04-01 (13% also before 2017-07-01)
		['2019-03-31', 0.13, ['tax_rate_for_date']],
		['2019-04-01', 0.13, []],
		['2018-01-15', 0.13, ['tax_rate_for_date']],
		['2017-06-30', 0.13, []],
		['2019-03-31', 0.09, ['tax_rate_for_date']],
		['2019-04-01', 0.09, []],
		// reduced and simplified rates are valid throughout
		['2016-01-01', 0.06, []],
		['2025-01-01', 0.06, []],
		['2017-01-01', 0.05, []],
		['2018-06-01', 0.03, []],
		['2023-06-01', 0.015, []],
		['2023-06-01', 0.01, []],
		['2012-06-01', 0, []],
		['2021-06-01', 0.005, []],
	])('%s at %p → %p', (date, rate, expected) => {
		expect(ruleIds(ratedInvoice(date, rate))).toEqual(expected);
	});

	test('the message names the rate, its period and the date', () => {
		const issues = runOfflineChecks(ratedInvoice('2019-04-01', 0.16), { today }).issues;
		expect(issues[0]).toEqual({
			rule: 'tax_rate_for_date',
			field: 'items[0].taxRate',
			message:
				'Line 1: tax rate 16% applies only from 2018-05-01 to 2019-03-31, but the invoice is dated 2019-04-01.',
		});
	});

	test('unknown rates are flagged whatever the date', () => {
		expect(ruleIds(ratedInvoice('2024-01-01', 0.12))).toEqual(['tax_rate_unknown']);
		expect(ruleIds(ratedInvoice(null, 0.18))).toEqual(['tax_rate_unknown']);
		expect(ruleIds(ratedInvoice('2024-01-01', 0.1301))).toEqual(['tax_rate_unknown']);
		expect(runOfflineChecks(ratedInvoice('2024-01-01', 0.12), { today }).issues[0].message).toBe(
			'Line 1: tax rate 12% is not a VAT rate or levy rate used in China.',
		);
	});

	test('rates printed as text are read; 免税 and 不征税 are not rates', () => {
		const invoice = {
			issueDate: '2024-01-01',
			items: [
				{ amount: 100, taxRate: '13%', tax: 13 },
				{ amount: 100, taxRate: '免税', tax: null },
				{ amount: 100, taxRate: '不征税', tax: '***' },
			],
		};
		expect(ruleIds(invoice)).toEqual([]);
		expect(ruleIds({ ...invoice, issueDate: '2018-06-01' })).toEqual(['tax_rate_for_date']);
	});

	test('red-letter invoices repeat the original rate and are not judged by date', () => {
		expect(ruleIds(ratedInvoice('2019-06-01', 0.16, -100))).toEqual([]);
		expect(ruleIds({ ...ratedInvoice('2019-06-01', 0.16), total: -116 })).toEqual([]);
	});
});

describe('issue date', () => {
	test('a date after today in China is flagged', () => {
		expect(ruleIds({ issueDate: '2025-06-15' })).toEqual([]);
		expect(ruleIds({ issueDate: '2025-06-16' })).toEqual(['issue_date_future']);
		expect(runOfflineChecks({ issueDate: '2025-06-16' }, { today }).issues[0].message).toBe(
			'The issue date 2025-06-16 is after today (2025-06-15 in China).',
		);
	});

	test('"today" is judged in Asia/Shanghai, not UTC', () => {
		// 2025-06-14 17:30 UTC is already 2025-06-15 01:30 in Shanghai.
		const lateUtcEvening = new Date('2025-06-14T17:30:00Z');
		expect(ruleIds({ issueDate: '2025-06-15' }, lateUtcEvening)).toEqual([]);
		// 2025-06-14 15:59 UTC is still 2025-06-14 in Shanghai.
		const beforeShanghaiMidnight = new Date('2025-06-14T15:59:00Z');
		expect(ruleIds({ issueDate: '2025-06-15' }, beforeShanghaiMidnight)).toEqual([
			'issue_date_future',
		]);
	});

	test('printed dates are read; unreadable ones become an issue', () => {
		expect(ruleIds({ issueDate: '2019年1月14日' })).toEqual([]);
		expect(ruleIds({ issueDate: 20191211 })).toEqual([]);
		expect(ruleIds({ issueDate: 'yesterday' })).toEqual(['issue_date_format']);
		expect(ruleIds({ issueDate: '2019-02-30' })).toEqual(['issue_date_format']);
		expect(ruleIds({ issueDate: { y: 2019 } })).toEqual(['issue_date_format']);
		expect(ruleIds({ issueDate: '' })).toEqual([]);
		expect(ruleIds({ issueDate: null })).toEqual([]);
	});
});

describe('数电 (20-digit) invoice numbers', () => {
	test.each([
		['24312000000123456789', '2024-03-08', []],
		['25442000000123456789', '2025-01-03', []],
		// early January may still carry the previous year, late December the next
		['24442000000123456789', '2025-01-03', []],
		['25442000000123456789', '2024-12-31', []],
		['23312000000123456789', '2024-03-08', ['digital_number_year']],
		['25312000000123456789', '2024-03-08', ['digital_number_year']],
		['24312000000123456789', '2025-02-01', ['digital_number_year']],
	])('%s dated %s → %p', (invoiceNumber, issueDate, expected) => {
		expect(ruleIds({ invoiceType: 'digital_common', invoiceNumber, issueDate })).toEqual(expected);
	});

	test('without a date, a future year is flagged; 8-digit numbers are not judged', () => {
		expect(
			ruleIds({ invoiceType: 'digital_special', invoiceNumber: '26312000000123456789' }),
		).toEqual(['digital_number_year']);
		expect(
			ruleIds({ invoiceType: 'digital_special', invoiceNumber: '25312000000123456789' }),
		).toEqual([]);
		expect(
			ruleIds({ invoiceType: 'vat_common', invoiceNumber: '33058151', issueDate: '2019-01-01' }),
		).toEqual([]);
	});

	test('any 20-digit number is read the same way, whatever the type', () => {
		expect(
			ruleIds({
				invoiceType: 'train_ticket',
				invoiceNumber: '24312000000123456789',
				issueDate: '2022-05-05',
			}),
		).toEqual(['digital_number_year']);
	});
});

describe('check code', () => {
	const code = '02512696691240914194';

	test.each([
		['vat_common', code, []],
		['vat_electronic_common', '0251 2696 6912 4091 4194', []],
		['vat_toll', code, []],
		['vat_common', '1234', ['check_code_format']],
		['vat_electronic_common', '0251269669124091419', ['check_code_format']],
		['vat_toll', '02512696691240914194A', ['check_code_format']],
		['vat_common', '025126966912409141X4', ['check_code_format']],
		['vat_common', 25126966912, ['check_code_format']],
		// codes of other lengths are genuine on these types
		['vat_blockchain', '12345', []],
		['vat_roll', '123456789012', []],
		['vat_special', '1234', []],
		['digital_common', '1234', []],
		['other', 'abc', []],
		// absent or masked codes are not judged
		['vat_common', null, []],
		['vat_common', '', []],
		['vat_common', '***', []],
	])('%s with check code %p → %p', (invoiceType, checkCode, expected) => {
		expect(ruleIds({ invoiceType, checkCode })).toEqual(expected);
	});

	test('the message says what is wrong', () => {
		const issues = runOfflineChecks(
			{ invoiceType: 'vat_common', checkCode: '1234' },
			{ today },
		).issues;
		expect(issues[0]).toEqual({
			rule: 'check_code_format',
			field: 'checkCode',
			message:
				'Check code "1234" has 4 digits; the check code of a VAT common invoice has 20 digits.',
		});
	});
});
