import type { ErrorCode, InvoiceErrorInfo, VendorId } from './types';

/** Default English text per code: what happened and what to do. Adapters may pass a sharper message. */
const DEFAULT_MESSAGES: Record<ErrorCode, string> = {
	AUTH_FAILED: 'The vendor rejected the credential. Check the key or secret in the credential.',
	QUOTA_EXCEEDED:
		'The vendor account has no calls left (quota, balance or daily limit). Top up or raise the limit with the vendor.',
	RATE_LIMITED:
		'The vendor is limiting the request rate. Lower "Requests per Second" or retry later.',
	INVALID_INPUT: 'The vendor refused the request parameters. Check the input values.',
	UNSUPPORTED_FILE: "The file format is not one this vendor accepts. Convert it to a supported format.",
	FILE_TOO_LARGE: "The file is larger than the vendor's limit. Compress or resize it.",
	IMAGE_UNREADABLE:
		'The vendor could not read the image. Send a sharper, complete scan of the invoice.',
	NO_INVOICE_FOUND: 'No invoice was found in the file. Check that the file shows an invoice this vendor supports.',
	VENDOR_UNAVAILABLE: 'The vendor service is unavailable or answered unexpectedly. Retry later.',
	TIMEOUT: 'The vendor did not answer in time. Retry later or raise the timeout.',
	NETWORK_ERROR: 'The connection to the vendor failed. Check the base URL and the network, then retry.',
	UNKNOWN: 'The vendor answered with an error this node does not know. See vendorCode and vendorMessage.',
};

/**
 * No credential selected for a vendor: AUTH_FAILED, so the examples' "Fix Account" branch gets it,
 * naming the credential picker to fill (`pickerLabel`, as the panel shows it). Never retried.
 */
export function noCredentialError(vendor: VendorId, vendorName: string, pickerLabel?: string): InvoiceErrorInfo {
	const where = pickerLabel ? `under "${pickerLabel}" in the node's panel` : "in the node's credential field";
	return invoiceError('AUTH_FAILED', {
		vendor,
		retryable: false,
		message: `No ${vendorName} credential is selected. Select or create one ${where}.`,
	});
}

/** Codes worth retrying by default; a vendor row may override. */
const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set([
	'RATE_LIMITED',
	'VENDOR_UNAVAILABLE',
	'TIMEOUT',
	'NETWORK_ERROR',
]);

export interface FailureDetails {
	message?: string;
	vendor?: VendorId | null;
	vendorCode?: string | number | null;
	vendorMessage?: string | null;
	retryable?: boolean;
	requestId?: string | null;
}

export function invoiceError(code: ErrorCode, details: FailureDetails = {}): InvoiceErrorInfo {
	return {
		code,
		message: details.message ?? DEFAULT_MESSAGES[code],
		vendor: details.vendor ?? null,
		vendorCode:
			details.vendorCode === undefined || details.vendorCode === null
				? null
				: String(details.vendorCode),
		vendorMessage: details.vendorMessage ?? null,
		retryable: details.retryable ?? RETRYABLE_BY_DEFAULT.has(code),
		requestId: details.requestId ?? null,
	};
}

/** One row of a vendor's documented error table. */
export interface VendorErrorRow {
	code: ErrorCode;
	/** Sharper English message for this vendor code; defaults to the code's message. */
	message?: string;
	retryable?: boolean;
}

/**
 * Maps a vendor code through its table. Unknown codes become `fallback` (UNKNOWN unless the
 * HTTP status says the vendor itself failed), never a silent success.
 */
export function mapVendorError(
	table: Readonly<Record<string, VendorErrorRow>>,
	vendor: VendorId,
	vendorCode: string | number,
	vendorMessage: string | null,
	requestId: string | null,
	fallback: ErrorCode = 'UNKNOWN',
): InvoiceErrorInfo {
	// Own keys only: a vendor code like "constructor" must not find Object.prototype's.
	const key = String(vendorCode);
	const row = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
	const code = row?.code ?? fallback;
	return invoiceError(code, {
		message: row?.message,
		vendor,
		vendorCode,
		vendorMessage,
		retryable: row?.retryable,
		requestId,
	});
}

/**
 * A failed call as retries and fallback chains see it. `retryAfterMs`: how long the vendor (or a
 * gateway in front of it) asked us to wait, from HTTP `Retry-After`; never part of the item's error.
 */
export interface FailedCall {
	ok: false;
	error: InvoiceErrorInfo;
	retryAfterMs?: number;
}

/** Error raised inside the pipeline with an already-classified failure; never carries secrets. */
export class InvoiceFailure extends Error {
	constructor(
		readonly info: InvoiceErrorInfo,
		readonly retryAfterMs?: number,
	) {
		super(info.message);
		this.name = 'InvoiceFailure';
	}

	/** This failure as a call's outcome, with the vendor's requested wait. */
	toOutcome(): FailedCall {
		return this.retryAfterMs === undefined
			? { ok: false, error: this.info }
			: { ok: false, error: this.info, retryAfterMs: this.retryAfterMs };
	}
}
