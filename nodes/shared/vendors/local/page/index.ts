/**
 * The format-neutral page-text reader: pages of positioned glyphs (a PDF text layer, an OFD's text
 * objects) → invoices, by geometry alone. Each page is laid out into visual lines (never the file's
 * drawing order) and read label by label (`pdf/fields.ts`, `pdf/items.ts`); pages become invoices:
 * one per invoice page, pages with the same number merged (a 数电 invoice over several pages), a
 * sales list (销货清单) joined to the invoice it belongs to. Pages that are no invoice (a trip sheet,
 * a receipt) give none: the caller says NO_INVOICE_FOUND.
 *
 * Used by the PDF reader for every PDF and by the OFD reader for OFDs with page text only.
 */
import type { RecognizedInvoice } from '../../../types';
import type { OcrOutcome } from '../../types';
import { localFailure } from '../failures';
import { finishInvoice, hasInvoiceData } from '../invoice';
import { readPage, type PageRead } from '../pdf/fields';
import { layoutPage, type PageLayout } from '../pdf/layout';
import type { GlyphPage } from './types';

export type { GlyphPage, PageRule, PageRun } from './types';
export { ofdPageGlyphs, type OfdPageSource } from './ofdGlyphs';

interface Group {
	invoice: RecognizedInvoice;
	fields: Record<string, string>;
	texts: string[];
	redLetter: boolean;
	itemsOnList: boolean;
}

function startGroup(read: PageRead): Group {
	return {
		invoice: read.invoice,
		fields: { ...read.fields },
		texts: [read.text],
		redLetter: read.redLetter,
		itemsOnList: read.itemsOnList,
	};
}

/** A later page of the same invoice: its items follow, its values fill what is still empty. */
function mergeInto(group: Group, read: PageRead): void {
	const target = group.invoice as unknown as Record<string, unknown>;
	const source = read.invoice as unknown as Record<string, unknown>;
	for (const key of Object.keys(target)) {
		if (target[key] === null && source[key] !== null) target[key] = source[key];
	}
	for (const side of ['buyer', 'seller'] as const) {
		const party = group.invoice[side] as unknown as Record<string, unknown>;
		const other = read.invoice[side] as unknown as Record<string, unknown>;
		for (const key of Object.keys(party)) if (party[key] === null) party[key] = other[key];
	}
	group.invoice.items.push(...read.invoice.items);
	for (const [key, value] of Object.entries(read.fields)) if (!(key in group.fields)) group.fields[key] = value;
	group.texts.push(read.text);
	group.redLetter = group.redLetter || read.redLetter;
	group.itemsOnList = group.itemsOnList || read.itemsOnList;
}

/** A sales list's items replace the invoice's `(详见销货清单)` line. */
function attachList(group: Group, read: PageRead): void {
	if (group.itemsOnList) {
		group.invoice.items = group.invoice.items.filter((item) => !/详见.*清单/.test(item.name ?? ''));
		group.itemsOnList = false;
	}
	group.invoice.items.push(...read.invoice.items);
	for (const [key, value] of Object.entries(read.fields)) {
		const listKey = `销货清单${key}`;
		if (!(listKey in group.fields)) group.fields[listKey] = value;
	}
	group.texts.push(read.text);
}

function groupPages(reads: PageRead[]): Group[] {
	const groups: Group[] = [];
	let current: Group | null = null;
	for (const read of reads) {
		if (read.kind === 'invoice') {
			const number = read.invoice.invoiceNumber;
			if (current && number !== null && current.invoice.invoiceNumber === number) {
				mergeInto(current, read);
			} else {
				current = startGroup(read);
				groups.push(current);
			}
		} else if (read.kind === 'sales-list') {
			const number = read.listOf?.number ?? null;
			const owner = (number !== null ? groups.find((group) => group.invoice.invoiceNumber === number) : undefined) ?? current;
			if (owner) {
				attachList(owner, read);
			} else {
				// A sales list on its own: report it as what it is.
				current = startGroup(read);
				groups.push(current);
			}
		} else if (current) {
			current.texts.push(read.text);
		}
	}
	return groups;
}

/**
 * Whether a page group is an invoice: it prints an invoice title (…发票) or an invoice number under
 * its label, and values beside it. A trip sheet (行程单), a hotel folio or an order confirmation has
 * amounts, dates and a 合计, but neither: it is no invoice, whatever its totals.
 */
function isInvoice(invoice: RecognizedInvoice): boolean {
	const named = invoice.title !== null || invoice.invoiceNumber !== null || invoice.invoiceType === 'sales_list';
	return named && hasInvoiceData(invoice);
}

export interface PagesRead {
	/** The invoices the pages hold (none: the file is no invoice, or none the reader recognizes). */
	invoices: RecognizedInvoice[];
	/** Whether any page had text at all (false: a scan, or text drawn as shapes). */
	hasText: boolean;
}

/** Lays pages out into visual lines (exposed for tests and the coverage report). */
export function layoutPages(pages: GlyphPage[]): PageLayout[] {
	return pages.map(layoutPage);
}

export interface PageOrigin {
	/** The file's name inside a ZIP, else null. */
	entry: string | null;
	format: 'pdf' | 'ofd';
}

/**
 * The invoices on pages of positioned glyphs, and whether the pages had any text. `origin` names the
 * file; each invoice's `origin.raw` is its pages' text, line by line. Pages with no invoice give none.
 */
export function readPages(pages: GlyphPage[], origin: PageOrigin): PagesRead {
	const layouts = layoutPages(pages);
	const hasText = layouts.some((layout) => layout.lines.length > 0);
	if (!hasText) return { invoices: [], hasText };
	const invoices: RecognizedInvoice[] = [];
	for (const group of groupPages(layouts.map(readPage))) {
		const invoice = group.invoice;
		if (!isInvoice(invoice)) continue;
		invoice.fields = group.fields;
		invoices.push(finishInvoice(invoice, { entry: origin.entry, format: origin.format, raw: group.texts.join('\n\n') }, group.redLetter));
	}
	return { invoices, hasText };
}

const USE_OCR = 'Use an OCR vendor that reads these files (Jumdata), or put one after Local in a fallback chain.';

/**
 * Reads invoices from pages of positioned glyphs, as an outcome: UNSUPPORTED_FILE when no page has
 * text (a scan: an OCR vendor can take it), NO_INVOICE_FOUND when the text holds no invoice (a trip
 * sheet, a receipt, an order confirmation).
 */
export function readInvoicePages(pages: GlyphPage[], origin: PageOrigin): OcrOutcome {
	const what = origin.format === 'pdf' ? 'This PDF' : 'This OFD';
	const read = readPages(pages, origin);
	if (!read.hasText) {
		const scanned = pages.some((page) => page.images > 0);
		return localFailure(
			'UNSUPPORTED_FILE',
			scanned
				? `${what} is a scan: its pages are images with no text layer, so there is nothing to read locally. ${USE_OCR}`
				: `${what} has no text layer to read (its pages are empty or their text is drawn as shapes). ${USE_OCR}`,
		);
	}
	if (read.invoices.length === 0) {
		return localFailure(
			'NO_INVOICE_FOUND',
			`${what} has text but no invoice the node can read (no invoice title or number was found). Check that the file is a Chinese VAT e-invoice, not a trip sheet, receipt or order confirmation; for other documents, use an OCR vendor.`,
		);
	}
	return { ok: true, invoices: read.invoices, requestId: null, raw: null };
}
