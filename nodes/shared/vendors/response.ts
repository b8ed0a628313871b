/** Outcomes adapters share when a vendor's answer cannot be read as its documented envelope. */
import type { ErrorCode, RecognizedInvoice, VendorId } from '../types';
import { invoiceError } from '../errors';
import type { OcrOutcome } from './types';

/** What the HTTP status says when the body carries no code the vendor documents. */
export function statusFallback(statusCode: number): ErrorCode {
	return statusCode >= 500 ? 'VENDOR_UNAVAILABLE' : 'UNKNOWN';
}

/**
 * An answer without the vendor's status field: most likely the base URL points elsewhere.
 * `vendorName` is the English name the message uses.
 */
export function unexpectedShape(
	vendor: VendorId,
	vendorName: string,
	statusCode: number,
	requestId: string | null = null,
): OcrOutcome {
	return {
		ok: false,
		error: invoiceError('VENDOR_UNAVAILABLE', {
			vendor,
			retryable: statusCode >= 500,
			requestId,
			message: `${vendorName} answered in an unexpected shape (HTTP ${statusCode}). Check the base URL in the credential, then retry.`,
		}),
	};
}

/** Keys that say what kind of paper it is or where it lies, not what is printed on it. */
const NOT_CONTENT: ReadonlySet<string> = new Set([
	'invoiceType',
	'category',
	'location',
	'fields',
	'origin',
	'redLetter',
]);

function holdsValue(value: unknown): boolean {
	if (value === null || value === undefined) return false;
	if (typeof value === 'string') return value.trim() !== '';
	if (typeof value === 'number') return Number.isFinite(value);
	if (Array.isArray(value)) return value.some(holdsValue);
	if (typeof value === 'object') return Object.values(value).some(holdsValue);
	return false;
}

/**
 * Whether anything was read off the invoice: a contract value, a line, a transport or vehicle
 * value, or a value printed but unreadable. Its type, position and expense category alone are
 * not content, nor are vendor keys no table maps.
 */
export function hasContent(invoice: RecognizedInvoice): boolean {
	return Object.entries(invoice).some(([key, value]) => !NOT_CONTENT.has(key) && holdsValue(value));
}

/**
 * Vendors sometimes answer "recognized" with every field empty (a blank page, a photo of
 * something else). Invoices with nothing read are dropped, and an answer left with none is
 * NO_INVOICE_FOUND, as when a vendor says so itself. Every source's success goes through here
 * once (the attempt step), so no vendor emits an item full of nulls.
 */
export function withoutEmptyInvoices(
	outcome: OcrOutcome,
	source: { vendor: VendorId; displayName: string },
): OcrOutcome {
	if (!outcome.ok) return outcome;
	const invoices = outcome.invoices.filter(hasContent);
	if (invoices.length > 0) {
		return invoices.length === outcome.invoices.length ? outcome : { ...outcome, invoices };
	}
	return {
		ok: false,
		error: invoiceError('NO_INVOICE_FOUND', {
			vendor: source.vendor,
			requestId: outcome.requestId,
			message: `${source.displayName} answered that it recognized the file, but read nothing off it (every field empty). Check that the file shows an invoice ${source.displayName} supports.`,
		}),
	};
}
