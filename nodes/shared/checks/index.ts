/**
 * Offline invoice checks: rules that need no vendor call, used by both nodes (OCR output gets
 * `checks`; Verify Invoice's `checkOffline` recomputes them). Each rule flags only what is
 * certain; `rule` ids are stable because users route on them.
 */
import type { CheckIssue, CheckResult } from '../types';
import {
	checkAmountPlusTax,
	checkItemSums,
	checkLineTaxMath,
	checkNumberFormats,
} from './arithmetic';
import { shanghaiDate } from './calendar';
import { checkCheckCode } from './checkCode';
import { checkIssueDate } from './dates';
import { checkDigitalNumber } from './digitalNumber';
import { checkQrCode, checkSignature } from './fileEvidence';
import {
	isRecord,
	readInvoiceFacts,
	type CheckContext,
	type CheckRule,
	type InvoiceFacts,
} from './facts';
import { checkInvoiceCode } from './invoiceCode';
import { checkInvoiceNumberFormat } from './invoiceNumber';
import { checkTaxIds } from './taxId';
import { checkTaxRates } from './taxRate';
import { checkTotalInWords } from './totalInWords';

export type { CheckContext, CheckRule, InvoiceFacts } from './facts';
export { readInvoiceFacts } from './facts';

/** Every rule id a check issue can carry. */
export const RULE_IDS = [
	'number_format',
	'issue_date_format',
	'total_in_words',
	'tax_id_format',
	'tax_id_check_digit',
	'invoice_code_structure',
	'invoice_code_region',
	'invoice_code_year',
	'invoice_code_type',
	'digital_number_year',
	'items_amount_sum',
	'items_tax_sum',
	'amount_plus_tax',
	'line_tax_rate_math',
	'tax_rate_unknown',
	'tax_rate_for_date',
	'issue_date_future',
	'check_code_format',
	'qr_crc',
	'qr_mismatch',
	'signature_invalid',
	'modified_after_signing',
	/** A rule itself failed on an unexpected value; never expected in practice. */
	'check_failed',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** The rule families, in the order their issues are reported. */
export const RULES: ReadonlyArray<{ name: string; rules: readonly RuleId[]; check: CheckRule }> = [
	{
		name: 'numberFormats',
		rules: ['number_format'],
		check: (facts) => [...checkNumberFormats(facts), ...checkInvoiceNumberFormat(facts)],
	},
	{ name: 'issueDate', rules: ['issue_date_format', 'issue_date_future'], check: checkIssueDate },
	{ name: 'totalInWords', rules: ['total_in_words'], check: checkTotalInWords },
	{ name: 'taxIds', rules: ['tax_id_format', 'tax_id_check_digit'], check: checkTaxIds },
	{
		name: 'invoiceCode',
		rules: [
			'invoice_code_structure',
			'invoice_code_region',
			'invoice_code_year',
			'invoice_code_type',
		],
		check: checkInvoiceCode,
	},
	{ name: 'digitalNumber', rules: ['digital_number_year'], check: checkDigitalNumber },
	{ name: 'itemSums', rules: ['items_amount_sum', 'items_tax_sum'], check: checkItemSums },
	{ name: 'amountPlusTax', rules: ['amount_plus_tax'], check: checkAmountPlusTax },
	{ name: 'lineTaxMath', rules: ['line_tax_rate_math'], check: checkLineTaxMath },
	{ name: 'taxRates', rules: ['tax_rate_unknown', 'tax_rate_for_date'], check: checkTaxRates },
	{ name: 'checkCode', rules: ['check_code_format'], check: checkCheckCode },
	{ name: 'qrCode', rules: ['qr_crc', 'qr_mismatch'], check: checkQrCode },
	{ name: 'signature', rules: ['signature_invalid', 'modified_after_signing'], check: checkSignature },
];

/** Keys that only an invoice carries: an item with one of them holds an invoice to check. */
const INVOICE_KEYS = ['invoiceType', 'invoiceCode', 'invoiceNumber', 'issueDate', 'total'];

/**
 * A failed item of either node: an `error` object and no invoice (the contract's failed item is
 * exactly `{ error }`; n8n's error output may add the input's fields back, which hold no invoice).
 */
export function isFailedItem(json: unknown): boolean {
	if (!isRecord(json) || !isRecord(json.error)) return false;
	return INVOICE_KEYS.every((key) => json[key] === undefined || json[key] === null);
}

export interface OfflineCheckOptions {
	/** "Now" for the date rules (tests pin it); judged as a date in Asia/Shanghai. */
	today?: Date;
}

/**
 * Runs every offline rule on an invoice-like object (a NormalizedInvoice, or whatever an
 * upstream node sent). Never throws: unusable values become issues, not exceptions.
 */
export function runOfflineChecks(invoice: unknown, options: OfflineCheckOptions = {}): CheckResult {
	const context: CheckContext = { today: shanghaiDate(options?.today) };
	const issues: CheckIssue[] = [];
	// A rule bug must not cost the user the invoice: it is reported as an issue instead.
	const failed = (what: string, error: unknown): CheckIssue => ({
		rule: 'check_failed',
		field: '',
		message: `The ${what} check failed unexpectedly (${error instanceof Error ? error.message : String(error)}). Please report this.`,
	});
	let facts: InvoiceFacts;
	try {
		facts = readInvoiceFacts(invoice);
	} catch (error) {
		return { passed: false, issues: [failed('input', error)] };
	}
	for (const family of RULES) {
		try {
			issues.push(...family.check(facts, context));
		} catch (error) {
			issues.push(failed(family.name, error));
		}
	}
	return { passed: issues.length === 0, issues };
}
