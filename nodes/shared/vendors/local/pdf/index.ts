/**
 * PDF e-invoices from their text layer: the package's own PDF reader gives positioned text, and the
 * format-neutral page reader (`../page`) reads it by geometry. Scans and encrypted files are refused
 * as files this reader cannot take, so a fallback chain passes them on to an OCR vendor.
 */
import { extractPdfText, PdfError, type PdfText } from '../../../formats/pdf';
import type { OcrOutcome } from '../../types';
import { localFailure } from '../failures';
import { readInvoicePages } from '../page';

const SEND_ORIGINAL = 'Send the original PDF as downloaded from the tax platform or the issuer.';

function failureFor(error: unknown): OcrOutcome {
	if (error instanceof PdfError) {
		switch (error.reason) {
			case 'encrypted':
				return localFailure(
					'UNSUPPORTED_FILE',
					`This PDF is encrypted (password-protected), so its text cannot be read. Send the invoice without a password. ${SEND_ORIGINAL}`,
				);
			case 'too-large':
				return localFailure('FILE_TOO_LARGE', `This PDF is refused: ${error.message} ${SEND_ORIGINAL}`);
			default:
				return localFailure('UNSUPPORTED_FILE', `This PDF cannot be read: ${error.message} ${SEND_ORIGINAL}`);
		}
	}
	const detail = error instanceof Error ? error.message : String(error);
	return localFailure('UNSUPPORTED_FILE', `This PDF cannot be read (${detail}). ${SEND_ORIGINAL}`);
}

export function readPdfInvoices(bytes: Uint8Array): OcrOutcome {
	let text: PdfText;
	try {
		text = extractPdfText(bytes);
		return readInvoicePages(text.pages, { entry: null, format: 'pdf' });
	} catch (error) {
		return failureFor(error);
	}
}
