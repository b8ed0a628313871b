import type { CheckIssue, InvoiceType } from '../types';
import { splitIsoDate } from './calendar';
import type { InvoiceFacts } from './facts';
import { invoiceCodeRegion } from './regions';

/**
 * 发票代码 rules as the national VAT verification platform applies them (its `alxd`/`bc`/
 * `getSwjg` scripts), ported with string comparisons.
 *
 * 10 digits: 1-4 region, 5-6 year, 8 type (1/5 special, 3/6 common, 2/7 freight transport).
 * 12 digits: 1 is 0 in the VAT system, 2-5 region, 6-7 year, 11-12 type (04/05 common,
 * 06/07 roll, 11 electronic common, 12 toll, 13 electronic special, 17 used vehicle).
 */

export type InvoiceCodeFamily =
	| 'special'
	| 'common'
	| 'transport'
	| 'roll'
	| 'electronic_common'
	| 'toll'
	| 'electronic_special'
	| 'used_vehicle'
	/** A 12-digit code whose first digit is not 0: issued outside the VAT system. */
	| 'outside_vat'
	/** A VAT-system code whose type digits no published rule names. */
	| 'unknown';

const FAMILIES: Readonly<
	Record<Exclude<InvoiceCodeFamily, 'unknown'>, { label: string; types: readonly InvoiceType[] }>
> = {
	special: { label: 'a VAT special invoice', types: ['vat_special'] },
	common: { label: 'a paper VAT common invoice', types: ['vat_common'] },
	transport: { label: 'a freight transport VAT special invoice', types: ['vat_transport'] },
	roll: { label: 'a VAT roll invoice', types: ['vat_roll'] },
	electronic_common: { label: 'a VAT electronic common invoice', types: ['vat_electronic_common'] },
	toll: { label: 'a VAT electronic toll invoice', types: ['vat_toll'] },
	electronic_special: {
		label: 'a VAT electronic special invoice',
		types: ['vat_electronic_special'],
	},
	used_vehicle: { label: 'a used-vehicle sales invoice', types: ['used_vehicle'] },
	outside_vat: { label: 'an invoice issued outside the VAT system', types: [] },
};

/** Early electronic common invoices whose codes predate the leading-0 rule. */
const LEGACY_ELECTRONIC_CODES = ['144031539110', '131001570151', '133011501118', '111001571071'];

const TEN_DIGIT_TYPES: Readonly<Record<string, InvoiceCodeFamily>> = {
	'1': 'special',
	'5': 'special',
	'3': 'common',
	'6': 'common',
	'2': 'transport',
	'7': 'transport',
};

const TWELVE_DIGIT_TYPES: Readonly<Record<string, InvoiceCodeFamily>> = {
	'04': 'common',
	'05': 'common',
	'06': 'roll',
	'07': 'roll',
	'11': 'electronic_common',
	'12': 'toll',
	'13': 'electronic_special',
	'17': 'used_vehicle',
};

/** Types whose code is a VAT-system code: a code from outside it contradicts them. */
const VAT_SYSTEM_TYPES: readonly InvoiceType[] = [
	'vat_special',
	'vat_common',
	'vat_electronic_special',
	'vat_electronic_common',
	'vat_roll',
	'vat_toll',
	'vat_transport',
];

/** Types checked against the family a code implies. */
const TYPE_CHECKED: readonly InvoiceType[] = [...VAT_SYSTEM_TYPES, 'used_vehicle', 'motor_vehicle'];

/**
 * Types whose codes follow the layout above (region, year). 数电 paper invoices keep a code;
 * blockchain invoices carry 12-digit local codes with the same region and year digits.
 */
const CODE_CHECKED: readonly string[] = [
	...TYPE_CHECKED,
	'vat_blockchain',
	'digital_special',
	'digital_common',
];

export interface InvoiceCodeLayout {
	/** Four-digit region as printed. */
	region: string;
	/** Which digits hold the region, for messages ("1-4" or "2-5"). */
	regionDigits: string;
	/** Two-digit year as printed and the digits that hold it. */
	year: string;
	yearDigits: string;
	family: InvoiceCodeFamily;
	/** The digits that decide the family, for messages ("digit 8 = 1"). */
	familyEvidence: string;
}

/** Reads a 10- or 12-digit invoice code; null for anything else. */
export function readInvoiceCode(code: string): InvoiceCodeLayout | null {
	if (/^\d{10}$/.test(code)) {
		return {
			region: code.slice(0, 4),
			regionDigits: '1-4',
			year: code.slice(4, 6),
			yearDigits: '5-6',
			family: TEN_DIGIT_TYPES[code[7]] ?? 'unknown',
			familyEvidence: `digit 8 = ${code[7]}`,
		};
	}
	if (!/^\d{12}$/.test(code)) return null;
	const layout = {
		region: code.slice(1, 5),
		regionDigits: '2-5',
		year: code.slice(5, 7),
		yearDigits: '6-7',
	};
	if (LEGACY_ELECTRONIC_CODES.includes(code)) {
		return {
			...layout,
			family: 'electronic_common',
			familyEvidence: 'one of the early e-invoice codes',
		};
	}
	if (code[0] !== '0') {
		return { ...layout, family: 'outside_vat', familyEvidence: `digit 1 = ${code[0]}` };
	}
	const typeDigits = code.slice(10, 12);
	return {
		...layout,
		family: TWELVE_DIGIT_TYPES[typeDigits] ?? 'unknown',
		familyEvidence: `digits 11-12 = ${typeDigits}`,
	};
}

function issue(rule: string, message: string): CheckIssue {
	return { rule, field: 'invoiceCode', message };
}

function typeContradiction(
	code: string,
	layout: InvoiceCodeLayout,
	invoiceType: InvoiceType,
): CheckIssue[] {
	const { family } = layout;
	if (family === 'unknown' || !TYPE_CHECKED.includes(invoiceType)) return [];
	// Vehicle invoices had local codes before they joined the VAT system: only a VAT-system
	// code of another kind contradicts them.
	if (family === 'outside_vat' && !VAT_SYSTEM_TYPES.includes(invoiceType)) return [];
	const { label, types } = FAMILIES[family];
	if (types.includes(invoiceType)) return [];
	return [
		issue(
			'invoice_code_type',
			`Invoice code ${code} belongs to ${label} (${layout.familyEvidence}) but the invoice type is ${invoiceType}.`,
		),
	];
}

/**
 * The latest code year a date allows. The year digits are the batch's, and next year's batches
 * are printed and handed out ahead, so a December invoice may carry next year's code (as the 数电
 * number rule allows at the turn of the year).
 */
function latestCodeYear(isoDate: string): number {
	const { year, month } = splitIsoDate(isoDate);
	return month === 12 ? year + 1 : year;
}

function yearIssues(
	code: string,
	layout: InvoiceCodeLayout,
	facts: InvoiceFacts,
	today: string,
): CheckIssue[] {
	const codeYear = 2000 + Number(layout.year);
	const where = `digits ${layout.yearDigits}`;
	if (facts.issueDate !== null) {
		// Codes from before 2000 read as 20xx; an invoice dated in the 1900s is not judged.
		if (splitIsoDate(facts.issueDate).year < 2000) return [];
		if (codeYear <= latestCodeYear(facts.issueDate)) return [];
		return [
			issue(
				'invoice_code_year',
				`Invoice code ${code} carries the year ${codeYear} (${where}), later than the issue date ${facts.issueDate} allows (only a December invoice may carry next year's code).`,
			),
		];
	}
	if (codeYear <= latestCodeYear(today)) return [];
	return [
		issue(
			'invoice_code_year',
			`Invoice code ${code} carries the year ${codeYear} (${where}), which is in the future.`,
		),
	];
}

/** Structure, region, year and implied type of the invoice code. */
export function checkInvoiceCode(facts: InvoiceFacts, context: { today: string }): CheckIssue[] {
	const code = facts.invoiceCode;
	const type = facts.invoiceType;
	if (code === null || type === null || !CODE_CHECKED.includes(type)) return [];
	const layout = readInvoiceCode(code);
	if (layout === null) {
		return [
			issue(
				'invoice_code_structure',
				`Invoice code ${code} is not 10 or 12 digits (it has ${code.length} characters${/^\d*$/.test(code) ? '' : ', not all digits'}).`,
			),
		];
	}
	const issues: CheckIssue[] = [];
	if (invoiceCodeRegion(layout.region) === null) {
		issues.push(
			issue(
				'invoice_code_region',
				`Invoice code ${code} names region ${layout.region} (digits ${layout.regionDigits}), which is no province or separately planned city.`,
			),
		);
	}
	issues.push(...yearIssues(code, layout, facts, context.today));
	issues.push(...typeContradiction(code, layout, type as InvoiceType));
	return issues;
}
