import type { CheckIssue } from '../types';
import { show, type InvoiceFacts } from './facts';

/**
 * Types whose check code (校验码) always has 20 digits. Other types are left alone: Shenzhen
 * blockchain invoices print 5 digits and some roll invoices other lengths.
 */
const TWENTY_DIGIT_TYPES: Readonly<Record<string, string>> = {
	vat_common: 'a VAT common invoice',
	vat_electronic_common: 'a VAT electronic common invoice',
	vat_toll: 'a VAT electronic toll invoice',
};

/** A check code that is present but not 20 digits, on a type that always prints 20. */
export function checkCheckCode(facts: InvoiceFacts): CheckIssue[] {
	const label = facts.invoiceType === null ? undefined : TWENTY_DIGIT_TYPES[facts.invoiceType];
	const value = facts.checkCode;
	if (label === undefined || value === null) return [];
	if (typeof value === 'string') {
		const compact = value.replace(/[\s\u3000\u00a0-]/g, '');
		if (compact === '' || /^[*＊]+$/.test(compact) || /^\d{20}$/.test(compact)) return [];
		const digits = /^\d+$/.test(compact)
			? `${compact.length} digits`
			: 'characters other than digits';
		return [
			{
				rule: 'check_code_format',
				field: 'checkCode',
				message: `Check code ${show(value)} has ${digits}; the check code of ${label} has 20 digits.`,
			},
		];
	}
	return [
		{
			rule: 'check_code_format',
			field: 'checkCode',
			message: `Check code ${show(value)} is not text; the check code of ${label} is a string of 20 digits.`,
		},
	];
}
