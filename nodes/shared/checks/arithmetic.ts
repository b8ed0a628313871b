import type { CheckIssue } from '../types';
import { formatFen } from '../normalize/chineseAmount';
import { show, type InvoiceFacts, type LineFacts } from './facts';

/** The tax-control system's tolerance between printed and computed tax, per line. */
const LINE_TAX_TOLERANCE_FEN = 6;

/** 0.13 → `13%`, 0.015 → `1.5%`. */
export function percent(rate: number): string {
	return `${Math.round(rate * 10000) / 100}%`;
}

/** Money fields that hold something other than a number. */
export function checkNumberFormats(facts: InvoiceFacts): CheckIssue[] {
	return facts.malformedNumbers.map(({ field, value }) => ({
		rule: 'number_format',
		field,
		message: `${field} is ${show(value)}, which is not an amount; the arithmetic checks skip it.`,
	}));
}

/** Lines that carry amounts (lines holding only text, such as a wrapped name, are left out). */
function amountLines(facts: InvoiceFacts): LineFacts[] {
	return facts.lines.filter((line) => !line.textOnly);
}

/** Σ line amounts = amount and Σ line tax = tax, when every line has the value. */
export function checkItemSums(facts: InvoiceFacts): CheckIssue[] {
	const lines = amountLines(facts);
	if (lines.length === 0) return [];
	const issues: CheckIssue[] = [];
	if (facts.amountFen !== null && lines.every((line) => line.amountFen !== null)) {
		const sum = lines.reduce((total, line) => total + (line.amountFen as number), 0);
		if (sum !== facts.amountFen) {
			issues.push({
				rule: 'items_amount_sum',
				field: 'amount',
				message: `The line amounts add up to ${formatFen(sum)} but the amount is ${formatFen(facts.amountFen)}.`,
			});
		}
	}
	if (facts.taxFen !== null && lines.every((line) => line.taxFen !== null)) {
		const sum = lines.reduce((total, line) => total + (line.taxFen as number), 0);
		if (sum !== facts.taxFen) {
			issues.push({
				rule: 'items_tax_sum',
				field: 'tax',
				message: `The line taxes add up to ${formatFen(sum)} but the tax is ${formatFen(facts.taxFen)}.`,
			});
		}
	}
	return issues;
}

/** amount + tax = total, exactly in fen. */
export function checkAmountPlusTax(facts: InvoiceFacts): CheckIssue[] {
	const { amountFen, taxFen, totalFen } = facts;
	if (amountFen === null || taxFen === null || totalFen === null) return [];
	if (amountFen + taxFen === totalFen) return [];
	return [
		{
			rule: 'amount_plus_tax',
			field: 'total',
			message: `Amount ${formatFen(amountFen)} plus tax ${formatFen(taxFen)} is ${formatFen(amountFen + taxFen)} but the total is ${formatFen(totalFen)}.`,
		},
	];
}

/**
 * Each line's tax ≈ amount × rate, within 0.06 yuan. Lines are taken as priced before tax. A
 * 差额征税 invoice is taxed on less than its amount, so its lines are not judged.
 */
export function checkLineTaxMath(facts: InvoiceFacts): CheckIssue[] {
	if (facts.marginTaxed) return [];
	const issues: CheckIssue[] = [];
	for (const line of facts.lines) {
		if (line.amountFen === null || line.taxFen === null || line.rate === null) continue;
		const expected = Math.round(line.amountFen * line.rate);
		if (Math.abs(expected - line.taxFen) <= LINE_TAX_TOLERANCE_FEN) continue;
		issues.push({
			rule: 'line_tax_rate_math',
			field: `items[${line.index}].tax`,
			message: `Line ${line.index + 1}: ${formatFen(line.amountFen)} at ${percent(line.rate)} gives tax ${formatFen(expected)} but the line tax is ${formatFen(line.taxFen)}.`,
		});
	}
	return issues;
}
