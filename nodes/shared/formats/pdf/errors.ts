/** Why a PDF could not be read; the reader's callers map these onto their own error codes. */
export type PdfFailure =
	/** Not a PDF at all (no `%PDF-` header, no objects). */
	| 'not-pdf'
	/** The trailer names an `/Encrypt` dictionary: the text cannot be read without the password. */
	| 'encrypted'
	/** Broken beyond repair: no catalog, no page tree. */
	| 'corrupt'
	/** A limit in `PDF_LIMITS` was reached (size, count, depth). */
	| 'too-large';

/**
 * A broken part (a font, a stream) may be skipped; an exceeded limit never is. Call in a `catch`:
 * it rethrows limit errors and returns for the rest.
 */
export function rethrowLimit(error: unknown): void {
	if (error instanceof PdfError && error.reason === 'too-large') throw error;
}

export class PdfError extends Error {
	readonly reason: PdfFailure;

	constructor(reason: PdfFailure, message: string) {
		super(message);
		this.name = 'PdfError';
		this.reason = reason;
	}
}
