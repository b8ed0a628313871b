/**
 * PDF e-invoices from their text layer: the package's own PDF reader gives positioned text, each
 * page is read by geometry (`fields.ts`, `items.ts`), and pages become invoices: one invoice per
 * invoice page, pages with the same number merged (a 数电 invoice over several pages), a sales list
 * (销货清单) joined to the invoice it belongs to. Scans and encrypted files are refused as files
 * this reader cannot take, so a fallback chain passes them on to an OCR vendor.
 */
import { extractPdfText, PdfError, type PdfText } from '../../../formats/pdf';
import type { RecognizedInvoice } from '../../../types';
import type { OcrOutcome } from '../../types';
import { localFailure } from '../failures';
import { finishInvoice, hasInvoiceData } from '../invoice';
import { readPage, type PageRead } from './fields';
import { layoutPage } from './layout';

const SEND_ORIGINAL = 'Send the original PDF as downloaded from the tax platform or the issuer.';
const USE_OCR = 'Use an OCR vendor that reads PDF files (Jumdata), or put one after Local in a fallback chain.';

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

export function readPdfInvoices(bytes: Uint8Array): OcrOutcome {
	let text: PdfText;
	let reads: PageRead[];
	try {
		text = extractPdfText(bytes);
		const layouts = text.pages.map(layoutPage);
		if (layouts.every((layout) => layout.lines.length === 0)) {
			const scanned = text.pages.some((page) => page.images > 0);
			return localFailure(
				'UNSUPPORTED_FILE',
				scanned
					? `This PDF is a scan: its pages are images with no text layer, so there is nothing to read locally. ${USE_OCR}`
					: `This PDF has no text layer to read (its pages are empty or their text is drawn as shapes). ${USE_OCR}`,
			);
		}
		reads = layouts.map(readPage);
	} catch (error) {
		return failureFor(error);
	}
	const invoices: RecognizedInvoice[] = [];
	for (const group of groupPages(reads)) {
		const invoice = group.invoice;
		if (!hasInvoiceData(invoice)) continue;
		invoice.fields = group.fields;
		invoices.push(finishInvoice(invoice, { entry: null, format: 'pdf', raw: group.texts.join('\n\n') }, group.redLetter));
	}
	if (invoices.length === 0) {
		return localFailure(
			'NO_INVOICE_FOUND',
			'This PDF has text but no invoice the node can read (no invoice number, parties or totals were found). Check that the file is a Chinese VAT e-invoice; for other documents, use an OCR vendor.',
		);
	}
	return { ok: true, invoices, requestId: null, raw: null };
}
