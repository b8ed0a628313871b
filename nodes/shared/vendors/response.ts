/** Outcomes adapters share when a vendor's answer cannot be read as its documented envelope. */
import type { ErrorCode, VendorId } from '../types';
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
