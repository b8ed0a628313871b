import type { CheckIssue } from '../types';
import { splitIsoDate } from './calendar';
import type { InvoiceFacts } from './facts';

/**
 * 数电 (fully digital) invoice numbers have 20 digits: 1-2 the year, 3-4 the province or
 * separately planned city, 5 the issuing channel, 6-20 a sequence.
 *
 * Only the year is checked. The two-digit codes of the separately planned cities are not
 * published, so an unfamiliar region could be genuine and is not flagged.
 */
export function checkDigitalNumber(facts: InvoiceFacts, context: { today: string }): CheckIssue[] {
	const number = facts.invoiceNumber;
	if (number === null || !/^\d{20}$/.test(number)) return [];
	const numberYear = 2000 + Number(number.slice(0, 2));
	if (facts.issueDate !== null) {
		const { year, month } = splitIsoDate(facts.issueDate);
		// Around the turn of the year a number may carry the neighbouring year.
		const allowed = [year];
		if (month === 1) allowed.push(year - 1);
		if (month === 12) allowed.push(year + 1);
		if (allowed.includes(numberYear)) return [];
		return [
			{
				rule: 'digital_number_year',
				field: 'invoiceNumber',
				message: `Invoice number ${number} carries the year ${numberYear} (digits 1-2) but the invoice is dated ${facts.issueDate}.`,
			},
		];
	}
	if (numberYear > splitIsoDate(context.today).year) {
		return [
			{
				rule: 'digital_number_year',
				field: 'invoiceNumber',
				message: `Invoice number ${number} carries the year ${numberYear} (digits 1-2), which is in the future.`,
			},
		];
	}
	return [];
}
