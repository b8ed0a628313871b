import type { CheckIssue } from '../types';
import { show, type InvoiceFacts } from './facts';

/** The issue date must be a date, and not later than today in China (Asia/Shanghai). */
export function checkIssueDate(facts: InvoiceFacts, context: { today: string }): CheckIssue[] {
	if (facts.unreadableIssueDate !== null) {
		return [
			{
				rule: 'issue_date_format',
				field: 'issueDate',
				message: `The issue date ${show(facts.unreadableIssueDate)} is not a date; the date checks skip it.`,
			},
		];
	}
	if (facts.issueDate !== null && facts.issueDate > context.today) {
		return [
			{
				rule: 'issue_date_future',
				field: 'issueDate',
				message: `The issue date ${facts.issueDate} is after today (${context.today} in China).`,
			},
		];
	}
	return [];
}
