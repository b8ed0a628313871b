/**
 * What an invoice QR code's type code (its second field) says: the invoice types it stands for, and whether
 * its amount is 金额 (before tax, the older VAT types) or 价税合计 (with tax, the 数电 invoices and tickets).
 * One table for reading an invoice from its QR code and for cross-checking a reading against it.
 */
import type { InvoiceType } from '../types';

/** Type code → the invoice types it stands for, the one a QR-only reading gets first (others: `other`). */
export const QR_TYPE_INVOICE_TYPES: Readonly<Record<string, readonly InvoiceType[]>> = {
	'01': ['vat_special'],
	'02': ['vat_transport'],
	'03': ['motor_vehicle'],
	'04': ['vat_common'],
	'10': ['vat_electronic_common', 'vat_toll'],
	'11': ['vat_roll'],
	'14': ['vat_toll', 'vat_electronic_common'],
	'15': ['used_vehicle'],
	'20': ['vat_electronic_special'],
	'31': ['digital_special'],
	'32': ['digital_common'],
	'51': ['train_ticket'],
	'61': ['flight_itinerary'],
};

const AMOUNT_IS_PRE_TAX = new Set(['01', '02', '04', '10', '11', '14', '20']);
const AMOUNT_IS_TOTAL = new Set(['31', '32', '51', '61']);

/** Which invoice field the QR amount is for a type code: `amount`, `total`, or null when the type does not say. */
export function qrAmountField(typeCode: string | null): 'amount' | 'total' | null {
	if (typeCode === null) return null;
	if (AMOUNT_IS_PRE_TAX.has(typeCode)) return 'amount';
	return AMOUNT_IS_TOTAL.has(typeCode) ? 'total' : null;
}
