import type { InvoiceErrorInfo } from '../types';
import type { ItemFailure } from './itemResults';

/**
 * Vendor answers that pass a file on to the next vendor of a fallback chain: the vendor cannot
 * answer now, after its own retries. Any other answer is final: an invoice, a verdict on the file
 * itself, or a rejected key, which must be fixed rather than hidden behind another vendor.
 */
const FALLBACK_CODES: ReadonlySet<InvoiceErrorInfo['code']> = new Set<InvoiceErrorInfo['code']>([
	'RATE_LIMITED',
	'QUOTA_EXCEEDED',
	'VENDOR_UNAVAILABLE',
	'TIMEOUT',
	'NETWORK_ERROR',
]);

/** Whether the next vendor gets the file: the last one could not answer, or refused it before sending. */
export function triesNextVendor(failure: ItemFailure): boolean {
	return failure.local || FALLBACK_CODES.has(failure.error.code);
}

/**
 * The last vendor's failure, its message naming the vendors before it: those asked ("Tried before")
 * apart from those the file was never sent to, because they cannot take it ("Not sent to").
 */
export function chainFailure(
	last: ItemFailure,
	earlier: ReadonlyArray<{ vendorName: string; failure: ItemFailure }>,
): ItemFailure {
	if (earlier.length === 0) return last;
	const list = (entries: typeof earlier) =>
		entries.map(({ vendorName, failure }) => `${vendorName} (${failure.error.code})`).join(', ');
	const asked = earlier.filter(({ failure }) => !failure.local);
	const notSent = earlier.filter(({ failure }) => failure.local);
	const notes = [
		asked.length > 0 ? `Tried before: ${list(asked)}.` : null,
		notSent.length > 0 ? `Not sent to: ${list(notSent)}.` : null,
	].filter(Boolean);
	return { ...last, error: { ...last.error, message: `${last.error.message} ${notes.join(' ')}` } };
}
