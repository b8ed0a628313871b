/** Volcengine `data.license_main` keys (OcrRollInvoice document) → contract paths. */
import { COMMON_RULES, type FieldTable, type ItemFieldTable } from '../../normalize/invoice';
import { decimal, digits, identifier, money, printedText, text } from '../../normalize/parse';

const { code, number, issueDate, total } = COMMON_RULES;

export const VOLCENGINE_FIELDS: FieldTable = {
	invoice_header: { path: 'title', parse: printedText },
	invoice_code: code,
	invoice_number: number,
	// 机打号码 repeats the invoice number on roll invoices: a fallback when invoice_number is unread.
	typed_invoice_no: number,
	invoice_date: issueDate,
	check_code: { path: 'checkCode', parse: digits },
	machine_code: { path: 'machineCode', parse: digits },
	seller_name: { path: 'seller.name', parse: printedText },
	// The seal repeats the seller: used only when the printed line is unread.
	seller_name_in_seal: { path: 'seller.name', parse: printedText },
	seller_taxpayer_no: { path: 'seller.taxId', parse: identifier },
	seller_taxpayer_no_in_seal: { path: 'seller.taxId', parse: identifier },
	buyer_name: { path: 'buyer.name', parse: printedText },
	buyer_taxpayer_no: { path: 'buyer.taxId', parse: identifier },
	payee: { path: 'payee', parse: printedText },
	// On a roll invoice the printed 合计金额 includes tax: it is the total, not the pre-tax amount.
	lowercase_total_amount: total,
	capital_total_amount: { path: 'totalInWords', parse: text },
};

/** Detail keys after the `entry_{n}.` prefix. */
export const VOLCENGINE_ITEM_FIELDS: ItemFieldTable = {
	entry_name: { path: 'name', parse: printedText },
	quantity: { path: 'quantity', parse: decimal },
	unit_price: { path: 'unitPrice', parse: decimal },
	price_amount: { path: 'amount', parse: money },
};
