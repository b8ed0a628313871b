import type { CheckIssue } from '../types';
import { normalizedText } from '../normalize/parse';
import { show, type InvoiceFacts } from './facts';

/** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, S, V, Z). */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** 3^i mod 31 for positions 1-17. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/** GB 11714: weights of the 8 characters before an organization code's check character. */
const ORGANIZATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** GB 11643 resident ID: 2^(17-i) mod 11; individuals may be buyers with their ID number. */
const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const RESIDENT_ID_CHECKS = '10X98765432';
/** Older taxpayer numbers: 15 (region + organization code), 17 and 20 characters. */
const LEGACY_LENGTHS = [15, 17, 20];

/** The 18th character of a unified social credit code, from its first 17; null if malformed. */
export function usccCheckCharacter(first17: string): string | null {
	if (first17.length !== 17) return null;
	let sum = 0;
	for (let i = 0; i < 17; i++) {
		const value = USCC_ALPHABET.indexOf(first17[i]);
		if (value < 0) return null;
		sum += value * USCC_WEIGHTS[i];
	}
	return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** The 9th character of an organization code (GB 11714), from its first 8; null if malformed. */
export function organizationCodeCheckCharacter(first8: string): string | null {
	if (!/^[0-9A-Z]{8}$/.test(first8)) return null;
	let sum = 0;
	for (let i = 0; i < 8; i++) {
		const char = first8[i];
		// Digits count as themselves, letters A-Z as 10-35.
		const value = char <= '9' ? Number(char) : char.charCodeAt(0) - 55;
		sum += value * ORGANIZATION_CODE_WEIGHTS[i];
	}
	const check = 11 - (sum % 11);
	if (check === 10) return 'X';
	if (check === 11) return '0';
	return String(check);
}

function isResidentIdNumber(value: string): boolean {
	if (!/^\d{17}[\dX]$/.test(value)) return false;
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(value[i]) * RESIDENT_ID_WEIGHTS[i];
	return RESIDENT_ID_CHECKS[sum % 11] === value[17];
}

function issue(rule: string, field: string, message: string): CheckIssue {
	return { rule, field, message };
}

/**
 * A 组织机构代码 (GB 11714) as vehicle invoices print a buyer's ID: 8 digits or capitals, a hyphen,
 * and the check character (`71093624-1`). Without the hyphen the same 9 characters may be a
 * passport number, which has no public check, so only the hyphenated form is judged.
 */
const ORGANIZATION_CODE = /^([0-9A-Z]{8})(-?)([0-9X])$/;

/**
 * Parties of vehicle invoices that may be identified by a 组织机构代码 or another identity document
 * instead of a taxpayer number (WeBank's and Xinhuo's documents: 身份证号码或组织机构代码).
 */
const ORGANIZATION_CODE_PARTIES: Readonly<Record<string, readonly string[]>> = {
	motor_vehicle: ['buyer.taxId'],
	used_vehicle: ['buyer.taxId', 'seller.taxId'],
};

function organizationCodeIssues(id: string, field: string): CheckIssue[] | null {
	const match = ORGANIZATION_CODE.exec(id);
	if (match === null) return null;
	const [, first8, hyphen, check] = match;
	if (hyphen === '') return [];
	const expected = organizationCodeCheckCharacter(first8);
	if (expected === check) return [];
	return [
		issue(
			'tax_id_check_digit',
			field,
			`Organization code ${id} ends in ${check} but its check character should be ${expected}: a character is misread or mistyped.`,
		),
	];
}

/**
 * Problems with one taxpayer number; [] when valid, legacy, or absent. `allowOrganizationCode`:
 * the party may be identified by a 组织机构代码 (vehicle invoices).
 */
export function taxIdIssues(
	value: unknown,
	field: string,
	allowOrganizationCode = false,
): CheckIssue[] {
	if (value === null || value === undefined) return [];
	if (typeof value !== 'string') {
		return [
			issue(
				'tax_id_format',
				field,
				`Tax ID ${show(value)} is not text; a taxpayer number is a string of 15 to 20 characters.`,
			),
		];
	}
	const raw = normalizedText(value);
	if (raw === null) return [];
	const id = raw.replace(/\s/g, '').toUpperCase();
	if (allowOrganizationCode) {
		const issues = organizationCodeIssues(id, field);
		if (issues !== null) return issues;
	}
	if (!/^[0-9A-Z]+$/.test(id)) {
		return [
			issue(
				'tax_id_format',
				field,
				`Tax ID ${show(raw)} contains characters other than digits and capital letters.`,
			),
		];
	}
	if (LEGACY_LENGTHS.includes(id.length)) return [];
	if (id.length !== 18) {
		return [
			issue(
				'tax_id_format',
				field,
				`Tax ID ${id} has ${id.length} characters; a unified social credit code has 18 (older taxpayer numbers 15, 17 or 20).`,
			),
		];
	}
	const forbidden = id.replace(new RegExp(`[${USCC_ALPHABET}]`, 'g'), '');
	if (forbidden !== '') {
		return [
			issue(
				'tax_id_format',
				field,
				`Tax ID ${id} contains ${forbidden[0]}, a letter unified social credit codes never use (I, O, S, V, Z are excluded).`,
			),
		];
	}
	const expected = usccCheckCharacter(id.slice(0, 17));
	if (expected !== id[17]) {
		if (isResidentIdNumber(id)) return [];
		return [
			issue(
				'tax_id_check_digit',
				field,
				`Tax ID ${id} ends in ${id[17]} but its check character should be ${expected}: a character is misread or mistyped.`,
			),
		];
	}
	const organizationCode = id.slice(8, 17);
	const expectedInner = organizationCodeCheckCharacter(organizationCode.slice(0, 8));
	if (expectedInner !== organizationCode[8]) {
		return [
			issue(
				'tax_id_check_digit',
				field,
				`Tax ID ${id} contains the organization code ${organizationCode}, whose check character should be ${expectedInner} rather than ${organizationCode[8]}.`,
			),
		];
	}
	return [];
}

/** Buyer and seller taxpayer numbers (统一社会信用代码, GB 32100-2015). */
export function checkTaxIds(facts: InvoiceFacts): CheckIssue[] {
	const type = facts.invoiceType;
	const organizationCodeParties =
		type !== null && Object.prototype.hasOwnProperty.call(ORGANIZATION_CODE_PARTIES, type)
			? ORGANIZATION_CODE_PARTIES[type]
			: [];
	return [
		...taxIdIssues(facts.buyerTaxId, 'buyer.taxId', organizationCodeParties.includes('buyer.taxId')),
		...taxIdIssues(
			facts.sellerTaxId,
			'seller.taxId',
			organizationCodeParties.includes('seller.taxId'),
		),
	];
}
