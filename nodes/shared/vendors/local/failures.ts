/**
 * The failed outcomes of local reading, each with an English message that says what to do.
 * A file that holds text but no invoice is NO_INVOICE_FOUND; a file that cannot be read at all
 * (damaged, hostile, images only) is UNSUPPORTED_FILE, so a fallback chain can pass it on; a
 * file that would inflate past the caps is FILE_TOO_LARGE.
 */
import { invoiceError } from '../../errors';
import { XmlError } from '../../formats/xml';
import { ZipError } from '../../formats/zip';
import type { ErrorCode } from '../../types';
import type { OcrOutcome } from '../types';

export type LocalFailure = Extract<OcrOutcome, { ok: false }>;

export function localFailure(code: ErrorCode, message: string): LocalFailure {
	return { ok: false, error: invoiceError(code, { vendor: 'local', message, retryable: false }) };
}

const SEND_ORIGINAL = 'Send the original file as downloaded from the tax platform or the issuer.';

/** A reader's thrown error (damaged ZIP or XML) as the outcome it means; `what` names the file. */
export function failureFromError(error: unknown, what: string): LocalFailure {
	if (error instanceof ZipError) {
		if (error.reason === 'too-large' || error.reason === 'too-many-entries') {
			return localFailure(
				'FILE_TOO_LARGE',
				`${what} is refused: ${error.message} Split the bundle into smaller ZIP files, or send the invoices one by one.`,
			);
		}
		return localFailure('UNSUPPORTED_FILE', `${what} cannot be read: ${error.message} ${SEND_ORIGINAL}`);
	}
	if (error instanceof XmlError) {
		if (error.reason === 'too-large' || error.reason === 'too-many-nodes') {
			return localFailure('FILE_TOO_LARGE', `${what} is refused: ${error.message} ${SEND_ORIGINAL}`);
		}
		return localFailure('UNSUPPORTED_FILE', `${what} cannot be read: ${error.message} ${SEND_ORIGINAL}`);
	}
	const detail = error instanceof Error ? error.message : String(error);
	return localFailure('UNSUPPORTED_FILE', `${what} cannot be read (${detail}). ${SEND_ORIGINAL}`);
}

export function noInvoiceFound(detail: string): LocalFailure {
	return localFailure(
		'NO_INVOICE_FOUND',
		`${detail} Check that the file is an e-invoice (digital e-invoice XML, OFD, or a ZIP of them); for a scan or photo, use an OCR vendor.`,
	);
}
