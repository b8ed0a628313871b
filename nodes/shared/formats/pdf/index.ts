/**
 * The package's own PDF text reader, a pipeline of small pure stages after pdf.js's split:
 * lexer → parser → xref → filters → document (page tree) → fonts → content interpreter → text runs.
 * Pure: bytes in, positioned text out; bounded by `PDF_LIMITS`; failures are `PdfError`s.
 */
import { PdfDocument } from './document';
import { FontLoader } from './fonts';
import { pageText, type PageText } from './text';

export { PdfError, type PdfFailure } from './errors';
export { PDF_LIMITS } from './limits';
export type { PageText, Rule, TextRun } from './text';

export interface PdfText {
	pages: PageText[];
	/** The cross-reference data was broken and rebuilt by scanning the file. */
	repaired: boolean;
}

/** Every page's text runs; throws `PdfError` (not a PDF, encrypted, broken, over a limit). */
export function extractPdfText(bytes: Uint8Array): PdfText {
	const document = PdfDocument.open(bytes);
	const fonts = new FontLoader(document.xref);
	const pages = document.pages().map((page) => pageText(document, page, fonts));
	return { pages, repaired: document.xref.wasRebuilt };
}
