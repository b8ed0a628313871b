import type { CheckIssue } from '../types';
import { formatFen, parseChineseAmountToFen } from '../normalize/chineseAmount';
import type { InvoiceFacts } from './facts';

/**
 * The 大写 total must say the same amount as the numeric total. Compared as parsed fen, so the
 * optional 零 and 整 and the 圆/元 spellings never cause a false alarm.
 */
export function checkTotalInWords(facts: InvoiceFacts): CheckIssue[] {
	const words = facts.totalInWords;
	if (words === null) return [];
	const wordsFen = parseChineseAmountToFen(words);
	if (wordsFen === null) {
		return [
			{
				rule: 'total_in_words',
				field: 'totalInWords',
				message: `The 大写 total ${words} is not a well-formed capital amount, so it cannot be compared with the numeric total.`,
			},
		];
	}
	if (facts.totalFen === null) return [];
	// Vendors often drop the printed (负数) marker; without a sign in the words, compare magnitudes.
	const expected = wordsFen < 0 ? facts.totalFen : Math.abs(facts.totalFen);
	if (wordsFen === expected) return [];
	return [
		{
			rule: 'total_in_words',
			field: 'totalInWords',
			message: `The 大写 total ${words} is ${formatFen(wordsFen)} but the numeric total is ${formatFen(facts.totalFen)}.`,
		},
	];
}
