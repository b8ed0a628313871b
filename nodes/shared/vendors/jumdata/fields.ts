/**
 * Jumdata invoice-v2 `data` keys → contract paths, and its `invoiceType` names → contract types.
 * The keys mirror Baidu's vat_invoice (research notes §3, §6.2).
 */
import type { InvoiceType } from '../../types';
import { COMMON_RULES, type FieldTable, type ItemFieldTable } from '../../normalize/invoice';
import { decimal, digits, identifier, money, printedText, taxRate, text } from '../../normalize/parse';

const { code, number, issueDate, total } = COMMON_RULES;

export const JUMDATA_FIELDS: FieldTable = {
	invoiceTypeOrg: { path: 'title', parse: printedText },
	invoiceCode: code,
	// The 辅助校验码 is the same code or number printed a second time: a fallback when the first is unread.
	invoiceCodeConfirm: code,
	invoiceNum: number,
	invoiceNumConfirm: number,
	// 机打号码 (roll invoices only) repeats the invoice number.
	machineNum: number,
	invoiceDate: issueDate,
	checkCode: { path: 'checkCode', parse: digits },
	machineCode: { path: 'machineCode', parse: digits },
	purchaserName: { path: 'buyer.name', parse: printedText },
	purchaserRegisterNum: { path: 'buyer.taxId', parse: identifier },
	purchaserAddress: { path: 'buyer.addressPhone', parse: text },
	purchaserBank: { path: 'buyer.bankAccount', parse: text },
	sellerName: { path: 'seller.name', parse: printedText },
	sellerRegisterNum: { path: 'seller.taxId', parse: identifier },
	sellerAddress: { path: 'seller.addressPhone', parse: text },
	sellerBank: { path: 'seller.bankAccount', parse: text },
	// 合计金额 is pre-tax, 合计税额 the tax, 价税合计 the total (roll invoices: see index.ts).
	totalAmount: { path: 'amount', parse: money },
	totalTax: { path: 'tax', parse: money },
	amountInFiguers: total,
	amountInWords: { path: 'totalInWords', parse: text },
	payee: { path: 'payee', parse: printedText },
	checker: { path: 'reviewer', parse: printedText },
	noteDrawer: { path: 'drawer', parse: printedText },
	remarks: { path: 'remarks', parse: text },
};

/**
 * Row-indexed arrays (`[{ row, word }]`) that make up line items. The toll-only arrays
 * (commodityPlateNum, commodityVehicleType, commodityStartDate, commodityEndDate) have no
 * line-item key in the contract and stay in `fields`.
 */
export const JUMDATA_ITEM_FIELDS: ItemFieldTable = {
	commodityName: { path: 'name', parse: printedText },
	commodityType: { path: 'specification', parse: text },
	commodityUnit: { path: 'unit', parse: text },
	commodityNum: { path: 'quantity', parse: decimal },
	commodityPrice: { path: 'unitPrice', parse: decimal },
	commodityAmount: { path: 'amount', parse: money },
	commodityTaxRate: { path: 'taxRate', parse: taxRate },
	commodityTax: { path: 'tax', parse: money },
};

/** `invoiceType` as Jumdata names it (the document's list) → contract type. */
export const JUMDATA_INVOICE_TYPES: Readonly<Record<string, InvoiceType>> = {
	普通发票: 'vat_common',
	专用发票: 'vat_special',
	电子普通发票: 'vat_electronic_common',
	电子专用发票: 'vat_electronic_special',
	通行费电子普票: 'vat_toll',
	区块链发票: 'vat_blockchain',
	通用机打电子发票: 'general_machine',
	'电子发票(专用发票)': 'digital_special',
	'电子发票(普通发票)': 'digital_common',
	卷票: 'vat_roll',
};
