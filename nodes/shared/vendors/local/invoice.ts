/**
 * What every local reader does to an invoice once its layout's table has been applied: the type
 * from the printed title, payee and reviewer from the remarks where the tax platform prints them
 * there, the red-letter flag, and the origin.
 */
import { joinText } from '../../normalize/invoice';
import { printedText } from '../../normalize/parse';
import type { InvoiceOrigin, InvoiceType, RecognizedInvoice } from '../../types';

/** Printed titles → type, most specific first (a province prefix such as 重庆 may precede). */
const TITLE_TYPES: ReadonlyArray<[RegExp, InvoiceType]> = [
	// 数电 travel tickets: 电子发票（铁路电子客票）, 电子发票（航空运输电子客票行程单）.
	[/铁路电子客票/, 'train_ticket'],
	[/航空运输电子客票行程单/, 'flight_itinerary'],
	[/电子发票[(（]增值税专用发票[)）]/, 'digital_special'],
	[/电子发票[(（]普通发票[)）]/, 'digital_common'],
	[/通行费/, 'vat_toll'],
	[/增值税电子专用发票/, 'vat_electronic_special'],
	[/增值税电子普通发票/, 'vat_electronic_common'],
	[/区块链/, 'vat_blockchain'],
	[/增值税专用发票/, 'vat_special'],
	[/增值税普通发票/, 'vat_common'],
];

export function typeFromTitle(title: string | null): InvoiceType | null {
	if (title === null) return null;
	const compact = title.replace(/\s/g, '');
	for (const [pattern, type] of TITLE_TYPES) if (pattern.test(compact)) return type;
	return null;
}

/**
 * Whether a printed text is an invoice's title: it ends in 发票 (or a bracketed kind after it),
 * is short and is no label (发票代码：) or seal (发票专用章).
 */
export function isInvoiceTitle(value: string): boolean {
	const compact = value.replace(/\s/g, '');
	if (compact.length < 4 || compact.length > 30 || /[:：]/.test(compact)) return false;
	if (/专用章|监制章|代码|号码/.test(compact)) return false;
	return /发票([(（][^()（）]*[)）])?$/.test(compact);
}

/** The type code in the second field of an older e-invoice's QR text (`01,10,code,number,…`). */
const QR_TYPE_CODES: Readonly<Record<string, InvoiceType>> = {
	'01': 'vat_special',
	'04': 'vat_common',
	'08': 'vat_electronic_special',
	'10': 'vat_electronic_common',
	'11': 'vat_roll',
	'14': 'vat_toll',
};

export function typeFromQrText(qrText: string | null): InvoiceType | null {
	if (qrText === null) return null;
	const parts = qrText.split(/[,，]/);
	if (parts.length < 4 || parts[0] !== '01') return null;
	return QR_TYPE_CODES[parts[1]] ?? null;
}

/** `收款人:李蓉蓉;    复核人:周欣铭;` — 数电 invoices print these in the remarks. */
const REMARK_NAMES: ReadonlyArray<['payee' | 'reviewer', RegExp]> = [
	['payee', /收款人[:：]\s*([^;；,，\s]+)/],
	['reviewer', /复核人?[:：]\s*([^;；,，\s]+)/],
];

/**
 * Party lines the tax platform prints in the remarks of 数电 invoices when the layout has no room:
 * `销方开户行：江苏银行无锡有为支行   账号：28080188000064122`, `购买方地址:…;    电话:…;`.
 */
const REMARK_PARTY_LINES: ReadonlyArray<['buyer' | 'seller', 'addressPhone' | 'bankAccount', RegExp]> = [
	['buyer', 'addressPhone', /购买?方地址[:：]\s*([^;；]*?)\s*[;；]?\s*电话[:：]\s*([^;；\s]*)/],
	['buyer', 'bankAccount', /购买?方开户银?行[:：]\s*([^;；]*?)\s*[;；]?\s*(?:银行)?账号[:：]\s*([^;；\s]*)/],
	['seller', 'addressPhone', /销售?方地址[:：]\s*([^;；]*?)\s*[;；]?\s*电话[:：]\s*([^;；\s]*)/],
	['seller', 'bankAccount', /销售?方开户银?行[:：]\s*([^;；]*?)\s*[;；]?\s*(?:银行)?账号[:：]\s*([^;；\s]*)/],
];

/**
 * Finishes a read invoice: payee/reviewer and party lines from the remarks where no field held them, the
 * red-letter flag (declared, or a negative total/amount), the origin.
 */
export function finishInvoice(
	invoice: RecognizedInvoice,
	origin: InvoiceOrigin,
	declaredRed = false,
): RecognizedInvoice {
	if (invoice.remarks !== null) {
		for (const [key, pattern] of REMARK_NAMES) {
			if (invoice[key] !== null) continue;
			const match = pattern.exec(invoice.remarks);
			if (match) invoice[key] = printedText(match[1]);
		}
		for (const [side, key, pattern] of REMARK_PARTY_LINES) {
			if (invoice[side][key] !== null) continue;
			const match = pattern.exec(invoice.remarks);
			// "电话:-" is the platform's way of printing no phone number.
			if (match) invoice[side][key] = joinText(match[1], match[2] === '-' ? null : match[2]);
		}
	}
	const negative = (invoice.total ?? 0) < 0 || (invoice.total === null && (invoice.amount ?? 0) < 0);
	invoice.redLetter = declaredRed || negative;
	invoice.origin = origin;
	return invoice;
}

/** Whether the read values amount to an invoice (a number, or parties and a total). */
export function hasInvoiceData(invoice: RecognizedInvoice): boolean {
	if (invoice.invoiceNumber !== null) return true;
	const party = invoice.seller.name ?? invoice.seller.taxId ?? invoice.buyer.name ?? invoice.buyer.taxId;
	return party !== null && (invoice.total !== null || invoice.amount !== null);
}
