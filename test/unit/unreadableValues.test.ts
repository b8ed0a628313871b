import {
	applyFieldTable,
	blankInvoice,
	COMMON_RULES,
	readTypeRow,
	type FieldTable,
	type InvoiceWithUnreadable,
} from '../../nodes/shared/normalize/invoice';
import { toOutputInvoice } from '../../nodes/shared/normalize/output';
import { digits, identifier, text } from '../../nodes/shared/normalize/parse';

const TABLE: FieldTable = {
	发票号码: COMMON_RULES.number,
	开票日期: COMMON_RULES.issueDate,
	校验码: { path: 'checkCode', parse: digits },
	// A second key feeding the same path: the fallback when the first is unreadable.
	校验码2: { path: 'checkCode', parse: digits },
	购买方名称: { path: 'buyer.name', parse: text },
	购买方识别号: { path: 'buyer.taxId', parse: identifier },
};

function read(record: Record<string, unknown>): InvoiceWithUnreadable {
	return applyFieldTable(blankInvoice('vat_common'), TABLE, record);
}

describe('values a vendor printed but a parser could not read', () => {
	test('are kept by contract path while the contract key stays null', () => {
		const invoice = read({ 校验码: '7049 7714 3415 5418 958B', 开票日期: '2019年13月1日' });
		expect(invoice.checkCode).toBeNull();
		expect(invoice.issueDate).toBeNull();
		expect(invoice.unreadable).toEqual({ checkCode: '7049 7714 3415 5418 958B', issueDate: '2019年13月1日' });
	});

	test('are not recorded when absent, empty or masked', () => {
		expect(read({ 校验码: '', 开票日期: '***', 购买方名称: '某某公司' })).not.toHaveProperty('unreadable');
	});

	test('give way to a readable value from a later key for the same path', () => {
		const invoice = read({ 校验码: '7049O', 校验码2: '70497714341554189588' });
		expect(invoice.checkCode).toBe('70497714341554189588');
		expect(invoice).not.toHaveProperty('unreadable');
	});

	test("give way to a value a type row's finish sets", () => {
		const invoice = readTypeRow(
			{
				invoiceType: 'vat_common',
				fields: TABLE,
				finish: (target, record) => {
					target.issueDate = typeof record.date === 'string' ? record.date : null;
				},
			},
			{ 开票日期: 'unreadable', date: '2019-01-14' },
		);
		expect(invoice.issueDate).toBe('2019-01-14');
		expect(invoice).not.toHaveProperty('unreadable');
	});

	test('reach the output and its checks: an unreadable issue date is an issue_date_format issue', () => {
		const output = toOutputInvoice(read({ 发票号码: '33058151', 开票日期: '2019年13月1日' }), {
			vendor: 'webank',
			source: null,
			simplify: true,
			today: new Date('2025-06-15T04:00:00Z'),
		});
		expect(output).toHaveProperty('unreadable', { issueDate: '2019年13月1日' });
		expect(output.checks.issues.map((issue) => issue.rule)).toEqual(['issue_date_format']);
	});

	test('leave a fully readable invoice without the key', () => {
		const output = toOutputInvoice(read({ 发票号码: '33058151', 开票日期: '2019年1月14日' }), {
			vendor: 'webank',
			source: null,
			simplify: true,
		});
		expect(output).not.toHaveProperty('unreadable');
	});
});
