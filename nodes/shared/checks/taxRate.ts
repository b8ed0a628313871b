import type { CheckIssue } from '../types';
import { percent } from './arithmetic';
import type { InvoiceFacts } from './facts';

/** A period in which a rate may be printed; open ends are unbounded. Dates inclusive. */
interface RatePeriod {
	from?: string;
	until?: string;
}

const ALWAYS: RatePeriod[] = [{}];

/**
 * Rates in basis points → when they apply.
 * - 17%/11% until 2018-04-30 (Caishui [2018] No. 32 lowered them to 16%/10%);
 * - 16%/10% from 2018-05-01 to 2019-03-31 (MOF/STA/GACC Announcement [2019] No. 39 lowered
 *   them to 13%/9%);
 * - 13% also before 2017-07-01, when it was the reduced rate for farm produce, utilities
 *   and books (Caishui [2017] No. 37 folded it into 11%), so older invoices are not flagged;
 * - the reduced and simplified rates 6/5/3/1.5/1/0% apply throughout, as do 0.5% (used-car
 *   dealers since 2020) and 2% (sales of used goods at a reduced rate), which appear on
 *   genuine invoices; 4% was a simplified rate until 2014-06-30.
 */
const RATE_PERIODS: Readonly<Record<number, RatePeriod[]>> = {
	1700: [{ until: '2018-04-30' }],
	1100: [{ until: '2018-04-30' }],
	1600: [{ from: '2018-05-01', until: '2019-03-31' }],
	1000: [{ from: '2018-05-01', until: '2019-03-31' }],
	1300: [{ until: '2017-06-30' }, { from: '2019-04-01' }],
	900: [{ from: '2019-04-01' }],
	600: ALWAYS,
	500: ALWAYS,
	400: [{ until: '2014-06-30' }],
	300: ALWAYS,
	200: ALWAYS,
	150: ALWAYS,
	100: ALWAYS,
	50: ALWAYS,
	0: ALWAYS,
};

function inPeriod(date: string, period: RatePeriod): boolean {
	return (
		(period.from === undefined || date >= period.from) &&
		(period.until === undefined || date <= period.until)
	);
}

function describePeriods(periods: RatePeriod[]): string {
	return periods
		.map((period) => {
			if (period.from && period.until) return `from ${period.from} to ${period.until}`;
			if (period.from) return `from ${period.from}`;
			return `until ${period.until}`;
		})
		.join(' and ');
}

/**
 * Each line's rate must be one China uses, and in force on the issue date (a YYYY-MM-DD date,
 * i.e. already China's calendar). Negative (red-letter) lines are skipped: they reverse an
 * earlier invoice and must repeat its rate, whatever the date.
 */
export function checkTaxRates(facts: InvoiceFacts): CheckIssue[] {
	const issues: CheckIssue[] = [];
	const redLetter = facts.totalFen !== null && facts.totalFen < 0;
	for (const line of facts.lines) {
		if (line.rate === null) continue;
		const field = `items[${line.index}].taxRate`;
		const basisPoints = Math.round(line.rate * 10000);
		const periods = RATE_PERIODS[basisPoints];
		if (periods === undefined || Math.abs(line.rate * 10000 - basisPoints) > 1e-6) {
			issues.push({
				rule: 'tax_rate_unknown',
				field,
				message: `Line ${line.index + 1}: tax rate ${percent(line.rate)} is not a VAT rate or levy rate used in China.`,
			});
			continue;
		}
		if (facts.issueDate === null || redLetter || (line.amountFen !== null && line.amountFen < 0))
			continue;
		const date = facts.issueDate;
		if (periods.some((period) => inPeriod(date, period))) continue;
		issues.push({
			rule: 'tax_rate_for_date',
			field,
			message: `Line ${line.index + 1}: tax rate ${percent(line.rate)} applies only ${describePeriods(periods)}, but the invoice is dated ${date}.`,
		});
	}
	return issues;
}
