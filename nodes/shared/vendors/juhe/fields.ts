/**
 * Juhe answers with Tencent's roll-invoice OCR labels: a flat list of `{ name, value }` with
 * Chinese field names (research notes §6.1). Names not listed here still land in `fields`.
 */
import { COMMON_RULES, type FieldTable, type ItemFieldTable } from '../../normalize/invoice';
import { decimal, digits, identifier, money, printedText, text } from '../../normalize/parse';

const { code, number, issueDate, total } = COMMON_RULES;

export const JUHE_FIELDS: FieldTable = {
	发票名称: { path: 'title', parse: printedText },
	发票代码: code,
	发票号码: number,
	// The 机打号码 repeats the invoice number on roll invoices: a fallback when 发票号码 is unread.
	机打号码: number,
	开票日期: issueDate,
	校验码: { path: 'checkCode', parse: digits },
	机器编号: { path: 'machineCode', parse: digits },
	销售方名称: { path: 'seller.name', parse: printedText },
	销售方识别号: { path: 'seller.taxId', parse: identifier },
	购买方名称: { path: 'buyer.name', parse: printedText },
	购买方识别号: { path: 'buyer.taxId', parse: identifier },
	// On a roll invoice the printed 合计金额 includes tax: it is the total, not the pre-tax amount.
	'合计金额(小写)': total,
	'合计金额(大写)': { path: 'totalInWords', parse: text },
	收款员: { path: 'payee', parse: printedText },
};

/** Line-item labels; each repeats once per printed row, in row order. */
export const JUHE_ITEM_FIELDS: ItemFieldTable = {
	品名: { path: 'name', parse: printedText },
	数量: { path: 'quantity', parse: decimal },
	单价: { path: 'unitPrice', parse: decimal },
	金额: { path: 'amount', parse: money },
};
