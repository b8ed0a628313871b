import type { CheckIssue } from '../types';
import type { InvoiceFacts } from './facts';

/**
 * Types whose 发票号码 the VAT system numbers: 8 digits, or 20 on a 数电 invoice (which a vendor
 * may report under the older type, and whose paper form keeps a code and an 8-digit number).
 * Tickets, receipts and local invoices number freely and are left alone.
 */
const VAT_NUMBERED_TYPES: Readonly<Record<string, string>> = {
	vat_special: 'a VAT special invoice',
	vat_common: 'a VAT common invoice',
	vat_electronic_special: 'a VAT electronic special invoice',
	vat_electronic_common: 'a VAT electronic common invoice',
	vat_roll: 'a VAT roll invoice',
	vat_toll: 'a VAT electronic toll invoice',
	vat_transport: 'a freight transport VAT special invoice',
	motor_vehicle: 'a motor vehicle sales invoice',
	used_vehicle: 'a used-vehicle sales invoice',
	digital_special: 'a 数电 special invoice',
	digital_common: 'a 数电 common invoice',
};

/** An invoice number that is not 8 or 20 digits, on a type the VAT system numbers. */
export function checkInvoiceNumberFormat(facts: InvoiceFacts): CheckIssue[] {
	const number = facts.invoiceNumber;
	const type = facts.invoiceType;
	const label =
		type !== null && Object.prototype.hasOwnProperty.call(VAT_NUMBERED_TYPES, type)
			? VAT_NUMBERED_TYPES[type]
			: undefined;
	if (number === null || label === undefined || /^(\d{8}|\d{20})$/.test(number)) return [];
	const what = /^\d+$/.test(number) ? `${number.length} digits` : 'characters other than digits';
	return [
		{
			rule: 'number_format',
			field: 'invoiceNumber',
			message: `Invoice number ${number} has ${what}; the number of ${label} has 8 digits (20 on a 数电 invoice).`,
		},
	];
}
