import { RULE_IDS, RULES, runOfflineChecks } from '../../../nodes/shared/checks';

const today = new Date('2025-06-15T04:00:00Z');

/** A real-world shaped 增值税电子普通发票, consistent in every rule. */
function electronicCommonInvoice() {
	return {
		vendor: 'webank',
		invoiceType: 'vat_electronic_common',
		invoiceTypeName: '增值税电子普通发票',
		title: '上海增值税电子普通发票',
		invoiceCode: '031001900111',
		invoiceNumber: '33058151',
		issueDate: '2019-12-24',
		checkCode: '56085752562565181941',
		machineCode: '499099835387',
		buyer: {
			name: '深圳前海微众银行股份有限公司',
			taxId: '9144030031977063XH',
			addressPhone: null,
			bankAccount: null,
		},
		seller: {
			name: '某某餐饮管理有限公司',
			taxId: '91310106552993944D',
			addressPhone: null,
			bankAccount: null,
		},
		amount: 679.79,
		tax: 40.79,
		total: 720.58,
		totalInWords: '⊗柒佰贰拾圆伍角捌分',
		items: [
			{
				name: '*餐饮服务*餐费',
				specification: null,
				unit: '次',
				quantity: 1,
				unitPrice: 679.79,
				amount: 679.79,
				taxRate: 0.06,
				tax: 40.79,
			},
		],
		checks: { passed: true, issues: [] },
	};
}

describe('runOfflineChecks', () => {
	test('a consistent invoice passes every rule', () => {
		expect(runOfflineChecks(electronicCommonInvoice(), { today })).toEqual({
			passed: true,
			issues: [],
		});
	});

	test('大写 total and numeric total must agree', () => {
		const invoice = { ...electronicCommonInvoice(), totalInWords: '柒佰贰拾圆整' };
		expect(runOfflineChecks(invoice, { today }).issues).toEqual([
			{
				rule: 'total_in_words',
				field: 'totalInWords',
				message: 'The 大写 total 柒佰贰拾圆整 is 720.00 but the numeric total is 720.58.',
			},
		]);
	});

	test('the brief example: 壹佰圆整 against 110.00', () => {
		const issues = runOfflineChecks({ total: 110, totalInWords: '壹佰圆整' }, { today }).issues;
		expect(issues[0].message).toBe(
			'The 大写 total 壹佰圆整 is 100.00 but the numeric total is 110.00.',
		);
	});

	test('unreadable capitals are an issue even without a numeric total', () => {
		const issues = runOfflineChecks({ totalInWords: '贰佰贰伍拾元' }, { today }).issues;
		expect(issues.map((issue) => issue.rule)).toEqual(['total_in_words']);
		expect(issues[0].message).toContain('not a well-formed capital amount');
	});

	test('a red-letter total matches its (负数) words, or words whose marker was dropped', () => {
		expect(
			runOfflineChecks({ total: -720.58, totalInWords: '(负数)柒佰贰拾圆伍角捌分' }, { today })
				.passed,
		).toBe(true);
		expect(
			runOfflineChecks({ total: -720.58, totalInWords: '柒佰贰拾圆伍角捌分' }, { today }).passed,
		).toBe(true);
		expect(
			runOfflineChecks({ total: 720.58, totalInWords: '(负数)柒佰贰拾圆伍角捌分' }, { today })
				.passed,
		).toBe(false);
	});

	test('several problems are all reported, each with its rule and field', () => {
		const invoice = {
			...electronicCommonInvoice(),
			invoiceCode: '031002600111',
			issueDate: '2025-07-01',
			checkCode: '181941',
			seller: { name: 'x', taxId: '91310106552993945D', addressPhone: null, bankAccount: null },
			total: 720.68,
		};
		const issues = runOfflineChecks(invoice, { today }).issues;
		expect(issues.map((issue) => [issue.rule, issue.field])).toEqual([
			['issue_date_future', 'issueDate'],
			['total_in_words', 'totalInWords'],
			['tax_id_check_digit', 'seller.taxId'],
			['invoice_code_year', 'invoiceCode'],
			['amount_plus_tax', 'total'],
			['check_code_format', 'checkCode'],
		]);
	});

	test.each([
		[undefined],
		[null],
		[42],
		['an invoice'],
		[[1, 2, 3]],
		[{}],
		[{ items: 'none', buyer: 'ACME', seller: 7 }],
		[{ items: [null, 3, 'x', [], { amount: NaN, tax: Infinity, taxRate: 'abc' }] }],
		[{ invoiceType: 12, invoiceCode: {}, invoiceNumber: [], issueDate: true, totalInWords: 5 }],
		[{ invoiceType: 'vat_common', invoiceCode: '0'.repeat(200), checkCode: { a: 1 } }],
		[{ total: '1e400', amount: '-', tax: '¥', totalInWords: '⊗(负数)' }],
		[Object.create(null)],
	])('never throws on %p', (input) => {
		const result = runOfflineChecks(input, { today });
		expect(typeof result.passed).toBe('boolean');
		expect(result.passed).toBe(result.issues.length === 0);
		for (const issue of result.issues) {
			expect(RULE_IDS).toContain(issue.rule);
			expect(issue.rule).not.toBe('check_failed');
			expect(typeof issue.message).toBe('string');
		}
	});

	test('an input that throws when read becomes a check_failed issue, not an exception', () => {
		const hostile = {
			get total(): number {
				throw new Error('boom');
			},
		};
		expect(runOfflineChecks(hostile, { today })).toEqual({
			passed: false,
			issues: [
				{
					rule: 'check_failed',
					field: '',
					message: 'The input check failed unexpectedly (boom). Please report this.',
				},
			],
		});
	});

	test('an empty object passes: nothing present, nothing judged', () => {
		expect(runOfflineChecks({}, { today })).toEqual({ passed: true, issues: [] });
	});

	test('an invalid "today" falls back to the clock instead of failing', () => {
		expect(
			runOfflineChecks({ issueDate: '2000-01-01' }, { today: new Date('nonsense') }).passed,
		).toBe(true);
	});

	test('RULES lists every family with stable rule ids', () => {
		const declared = RULES.flatMap((family) => family.rules);
		expect(new Set(declared).size).toBe(declared.length);
		expect([...declared, 'check_failed'].sort()).toEqual([...RULE_IDS].sort());
		for (const id of [
			'total_in_words',
			'tax_id_format',
			'tax_id_check_digit',
			'invoice_code_structure',
			'invoice_code_type',
			'invoice_code_year',
			'digital_number_year',
			'items_amount_sum',
			'items_tax_sum',
			'amount_plus_tax',
			'line_tax_rate_math',
			'tax_rate_for_date',
			'issue_date_future',
			'check_code_format',
		]) {
			expect(declared).toContain(id);
		}
	});
});
