import type { CheckIssue } from '../types';
import { normalizedText } from '../normalize/parse';
import { show, type InvoiceFacts } from './facts';

/**
 * Types whose check code (校验码) always has 20 digits. Other types are left alone on length:
 * Shenzhen blockchain invoices print 5 digits and some roll invoices other lengths.
 */
const TWENTY_DIGIT_TYPES: Readonly<Record<string, string>> = {
	vat_common: 'a VAT common invoice',
	vat_electronic_common: 'a VAT electronic common invoice',
	vat_toll: 'a VAT electronic toll invoice',
};

/**
 * Types of the VAT system, whose check codes are digits only whatever their length; a ticket's or
 * receipt's "check code" may be something else and is left alone.
 */
function digitsOnlyType(type: string | null): boolean {
	return (
		type !== null &&
		(/^vat_/.test(type) || ['digital_special', 'digital_common', 'motor_vehicle', 'used_vehicle'].includes(type))
	);
}

function twentyDigitLabel(type: string | null): string | undefined {
	return type !== null && Object.prototype.hasOwnProperty.call(TWENTY_DIGIT_TYPES, type)
		? TWENTY_DIGIT_TYPES[type]
		: undefined;
}

function issue(message: string): CheckIssue {
	return { rule: 'check_code_format', field: 'checkCode', message };
}

/**
 * A check code with anything but digits on a VAT-system invoice (a letter is a misread, which the
 * parser leaves out of `checkCode` but the rule still sees), or one that is not 20 digits on a
 * type that always prints 20.
 */
export function checkCheckCode(facts: InvoiceFacts): CheckIssue[] {
	const label = twentyDigitLabel(facts.invoiceType);
	const value = facts.checkCode;
	if (value === null) return [];
	if (typeof value !== 'string') {
		if (label === undefined) return [];
		return [
			issue(
				`Check code ${show(value)} is not text; the check code of ${label} is a string of 20 digits.`,
			),
		];
	}
	const compact = (normalizedText(value) ?? '').replace(/[\s-]/g, '');
	if (compact === '') return [];
	if (!/^\d+$/.test(compact)) {
		if (!digitsOnlyType(facts.invoiceType)) return [];
		const expected = label === undefined ? 'a check code is digits only' : `the check code of ${label} has 20 digits`;
		return [issue(`Check code ${show(value)} has characters other than digits; ${expected}.`)];
	}
	if (label === undefined || compact.length === 20) return [];
	return [
		issue(
			`Check code ${show(value)} has ${compact.length} digits; the check code of ${label} has 20 digits.`,
		),
	];
}
