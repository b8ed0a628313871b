/**
 * The invoice QR code in the node's output (issue 22): an image's QR code read as an invoice of its own
 * (`readFrom: "qr"`), the QR code embedded in a PDF or OFD set on the invoice read from its text, and an image's
 * QR code set beside an OCR vendor's answer. The check rules (`qr_mismatch`, `qr_crc`) compare the fields; this
 * file only finds the code and puts it on the invoice it belongs to.
 */
import { invoiceError } from '../../errors';
import { decodeImage, type GrayImage, ImageError, imageSize, ofdImageEntries } from '../../formats/image';
import { attempt, DEFAULT_MAX_PIXELS, isFailure } from '../../formats/image/errors';
import { extractPdfImages, type PdfImage } from '../../formats/pdf/images';
import { decodeQrCodes, parseInvoiceQr, readInvoiceQr, readInvoiceQrInSteps } from '../../formats/qr';
import { openZip, type ZipEntry } from '../../formats/zip';
import { blankInvoice } from '../../normalize/invoice';
import { QR_TYPE_INVOICE_TYPES, qrAmountField } from '../../normalize/qrTypes';
import type { InvoiceQr, RecognizedInvoice } from '../../types';
import type { FileFormat, OcrOutcome } from '../types';

/** Formats vendor `local` searches for an invoice QR code. */
export const QR_IMAGE_FORMATS: readonly FileFormat[] = ['png', 'jpeg', 'bmp', 'tiff'];

export function isQrImageFormat(format: FileFormat | undefined): boolean {
	return format !== undefined && QR_IMAGE_FORMATS.includes(format);
}

/**
 * The key fields of a QR code as an invoice (`readFrom: "qr"`): type, code, number, date, amount (older types)
 * or total (数电, railway), check code; parties and items are not in the code. Its dedupe key is what the whole
 * invoice gets (code-number, or the 20-digit number).
 */
export function invoiceFromQr(qr: InvoiceQr): RecognizedInvoice {
	const typeCode = qr.typeCode ?? '';
	const invoiceType = QR_TYPE_INVOICE_TYPES[typeCode]?.[0] ?? 'other';
	const amountField = qrAmountField(typeCode);
	return {
		...blankInvoice(invoiceType),
		invoiceCode: qr.invoiceCode,
		invoiceNumber: qr.invoiceNumber,
		issueDate: qr.issueDate,
		checkCode: qr.checkCode,
		amount: amountField === 'amount' ? qr.amount : null,
		total: amountField === 'total' ? qr.amount : null,
		fields: { qrText: qr.text },
		origin: { entry: null, format: 'qr', raw: qr.text },
		qr,
	};
}

/** Decoded image QR codes by file, so a file passed from `local` on to a vendor is searched once. */
const imageQrCache = new WeakMap<Uint8Array, InvoiceQr | null>();

/** Whether an image is searched for a QR code: absurd dimensions are refused from the header, before any pixel. */
function isSearchable(bytes: Uint8Array): boolean {
	const size = imageSize(bytes);
	return size !== null && size.width * size.height <= DEFAULT_MAX_PIXELS;
}

/** An image file's invoice QR code (memoized per file), or null. */
export function imageInvoiceQr(bytes: Uint8Array, budgetMs?: number): InvoiceQr | null {
	if (imageQrCache.has(bytes)) return imageQrCache.get(bytes) ?? null;
	const qr = isSearchable(bytes) ? readInvoiceQr(bytes, budgetMs) : null;
	imageQrCache.set(bytes, qr);
	return qr;
}

/** Vendor `local` on an image: its QR code's key fields, or UNSUPPORTED_FILE (a chain passes the image on). */
export function readImageInvoice(bytes: Uint8Array): OcrOutcome {
	const size = imageSize(bytes);
	let reason: string | null = null;
	if (!size) reason = 'its header cannot be read';
	else if (size.width * size.height > DEFAULT_MAX_PIXELS) {
		reason = `it is ${size.width}×${size.height} px, more than the ${DEFAULT_MAX_PIXELS / 1e6} MP searched for a QR code`;
	}
	const qr = reason === null ? imageInvoiceQr(bytes) : null;
	if (qr) return { ok: true, invoices: [invoiceFromQr(qr)], requestId: null, raw: qr.text };
	return {
		ok: false,
		error: invoiceError('UNSUPPORTED_FILE', {
			vendor: 'local',
			message: `No invoice QR code could be read from this image${reason ? ` (${reason})` : ''}. An OCR vendor reads the whole image: add one after E-Invoice Files (Local) in a fallback chain.`,
		}),
	};
}

const digits = (value: string | null | undefined) => (value ?? '').replace(/\D/g, '');

/**
 * Puts each QR code on the invoice it belongs to: the one with the same number, or, with one invoice and one
 * code, that invoice (a differing number is then the disagreement `qr_mismatch` reports). `fill`: also set the
 * key fields the reader left empty (an OCR vendor's answer); the vendor's own `fields` stay as they were.
 */
export function attachQrCodes(invoices: RecognizedInvoice[], codes: InvoiceQr[], fill: boolean): void {
	const unique = codes.filter((code, index) => codes.findIndex((other) => other.text === code.text) === index);
	for (const code of unique) {
		const number = digits(code.invoiceNumber);
		const target =
			invoices.find((invoice) => !invoice.qr && number !== '' && digits(invoice.invoiceNumber) === number) ??
			(invoices.length === 1 && unique.length === 1 && !invoices[0].qr ? invoices[0] : undefined);
		if (!target) continue;
		target.qr = code;
		if (!fill) continue;
		target.checkCode = target.checkCode ?? code.checkCode;
		target.invoiceCode = target.invoiceCode ?? code.invoiceCode;
		target.invoiceNumber = target.invoiceNumber ?? code.invoiceNumber;
		target.issueDate = target.issueDate ?? code.issueDate;
	}
}

/** Pixels an embedded image is searched at: a QR image is small; anything bigger is looked at scaled down. */
const EMBEDDED_PIXELS = 400_000;
/** Embedded images tried per page: the QR code is one of the few square images, and the squarest small one. */
const MAX_EMBEDDED_TRIES = 2;
/** Embedded images narrower than this are searched upscaled too (a 37×37 image at 1 px per module). */
const UPSCALE_BELOW_PX = 200;

/**
 * An embedded QR image is sharp and upright: a search without the upscaled pass for all but tiny images costs
 * a few ms; a seal or logo that is no QR code costs the binarizations only.
 */
function invoiceCodesIn(image: GrayImage): InvoiceQr[] {
	const texts = decodeQrCodes(image, {
		accept: (text) => parseInvoiceQr(text) !== null,
		maxCodes: 4,
		upscale: Math.min(image.width, image.height) < UPSCALE_BELOW_PX,
	});
	return texts.map(parseInvoiceQr).filter((qr): qr is InvoiceQr => qr !== null);
}

/** How square an image is (1 = square): QR codes are square, seals roughly, photos and page scans not. */
function squareness(width: number, height: number): number {
	return Math.min(width, height) / Math.max(width, height);
}

/** Likeliest QR image first: exactly square before roughly square, then the smaller. */
function byQrLikeness(a: { width: number; height: number }, b: { width: number; height: number }): number {
	const square = (image: { width: number; height: number }) => (image.width === image.height ? 0 : 1);
	return square(a) - square(b) || a.width * a.height - b.width * b.height;
}

function scaleFor(width: number, height: number): 1 | 2 | 4 | 8 {
	const pixels = width * height;
	return ([1, 2, 4, 8] as const).find((scale) => pixels / (scale * scale) <= EMBEDDED_PIXELS) ?? 8;
}

/** Embedded images tried per PDF, over all its pages. */
const MAX_PDF_TRIES = 6;

/** The invoice QR codes of a PDF's page images: per page the squarest few, smallest first, until one reads. */
export function pdfInvoiceQrCodes(bytes: Uint8Array): InvoiceQr[] {
	const listed = attempt(() => extractPdfImages(bytes, { maxImages: 32 }));
	if (isFailure(listed)) return [];
	const candidates = listed
		.filter((image) => image.codec !== 'JPXDecode' && image.codec !== 'JBIG2Decode' && squareness(image.width, image.height) >= 0.8)
		.sort((a, b) => a.page - b.page || byQrLikeness(a, b));
	const found: InvoiceQr[] = [];
	const triesOnPage = new Map<number, number>();
	const pagesDone = new Set<number>();
	let tries = 0;
	for (const image of candidates) {
		const onPage = triesOnPage.get(image.page) ?? 0;
		if (pagesDone.has(image.page) || onPage >= MAX_EMBEDDED_TRIES) continue;
		if (++tries > MAX_PDF_TRIES) break;
		triesOnPage.set(image.page, onPage + 1);
		const codes = codesOfPdfImage(image);
		if (codes.length > 0) pagesDone.add(image.page);
		found.push(...codes);
	}
	return found;
}

function codesOfPdfImage(image: PdfImage): InvoiceQr[] {
	const gray = attempt(() => image.image({ scale: scaleFor(image.width, image.height) }));
	return isFailure(gray) ? [] : invoiceCodesIn(gray);
}

/** Entries under `Res/` larger than this are photos or backgrounds, not a QR code. */
const MAX_OFD_IMAGE_BYTES = 2 * 1024 * 1024;
/** `Res/` entries inflated per OFD (fonts and seals are there too). */
const MAX_OFD_RESOURCES = 12;

/**
 * The invoice QR codes of an OFD's `Res/` images (PNG, JPEG, BMP, TIFF by content, smallest first). JBIG2
 * images (one older writer's QR codes) are not decoded.
 */
export function ofdInvoiceQrCodes(bytes: Uint8Array): InvoiceQr[] {
	const opened = attempt(() => openZip(bytes));
	if (isFailure(opened)) return [];
	const archive = opened;
	const read = (entry: ZipEntry): Uint8Array | null => {
		const content = attempt(() => archive.read(entry));
		return isFailure(content) ? null : content;
	};
	// The smallest few resources only: a QR image is small, and a hostile OFD's thousand members are not inflated.
	const resources = archive.entries
		.filter((entry) => !entry.isDirectory && /(^|\/)Res\//i.test(entry.name) && entry.uncompressedSize <= MAX_OFD_IMAGE_BYTES)
		.sort((a, b) => a.uncompressedSize - b.uncompressedSize)
		.slice(0, MAX_OFD_RESOURCES);
	const entries: Array<{ name: string; bytes: Uint8Array }> = [];
	for (const entry of resources) {
		const content = read(entry);
		if (content) entries.push({ name: entry.name, bytes: content });
	}
	const candidates: Array<{ bytes: Uint8Array; width: number; height: number }> = [];
	for (const entry of ofdImageEntries(entries)) {
		const size = imageSize(entry.bytes);
		if (size && squareness(size.width, size.height) >= 0.8) candidates.push({ bytes: entry.bytes, ...size });
	}
	const found: InvoiceQr[] = [];
	for (const [tries, entry] of candidates.sort(byQrLikeness).entries()) {
		if (tries >= MAX_EMBEDDED_TRIES) break;
		const size = entry;
		const gray = attempt(() => decodeImage(entry.bytes, { scale: scaleFor(size.width, size.height) }));
		if (isFailure(gray)) {
			if (gray.failure instanceof ImageError) continue;
			throw gray.failure;
		}
		found.push(...invoiceCodesIn(gray));
		if (found.length > 0) break;
	}
	return found;
}

/** Sets the embedded QR code on the invoices a PDF or OFD reader read (never fails the read). */
export function withEmbeddedQr(outcome: OcrOutcome, bytes: Uint8Array, format: 'pdf' | 'ofd'): OcrOutcome {
	if (!outcome.ok || outcome.invoices.length === 0) return outcome;
	const codes = format === 'pdf' ? pdfInvoiceQrCodes(bytes) : ofdInvoiceQrCodes(bytes);
	attachQrCodes(outcome.invoices, codes, false);
	return outcome;
}

/** Time the search of an image beside a vendor's answer may take beyond its whole-image pass. */
export const BESIDE_VENDOR_BUDGET_MS = 150;
/** Pixels an image with several invoices is searched at for all their codes. */
const ALL_CODES_PIXELS = 2_000_000;

/** Every invoice QR code of an image (one photo of several invoices), searched whole at a reduced scale. */
function imageInvoiceQrCodes(bytes: Uint8Array, budgetMs: number): InvoiceQr[] {
	const size = imageSize(bytes);
	if (!size || size.width * size.height > DEFAULT_MAX_PIXELS) return [];
	const scale = ([1, 2, 4, 8] as const).find((each) => (size.width * size.height) / (each * each) <= ALL_CODES_PIXELS) ?? 8;
	const gray = attempt(() => decodeImage(bytes, { scale }));
	if (isFailure(gray)) return [];
	const texts = decodeQrCodes(gray, { maxCodes: 16, deadline: Date.now() + budgetMs });
	return texts.map(parseInvoiceQr).filter((qr): qr is InvoiceQr => qr !== null);
}

/**
 * Starts reading an image's QR code while its vendor request is on its way: the search runs in steps with
 * `pause()` between them (and before the first, so the request goes out first), sharing the event loop with the
 * request's timers and the other requests' answers. Resolves null when no code is readable; never rejects.
 */
export async function imageQrBesideVendor(
	bytes: Uint8Array,
	pause: () => Promise<void>,
	budgetMs = BESIDE_VENDOR_BUDGET_MS,
): Promise<InvoiceQr | null> {
	if (imageQrCache.has(bytes)) return imageQrCache.get(bytes) ?? null;
	if (!isSearchable(bytes)) return null;
	try {
		const qr = await readInvoiceQrInSteps(bytes, budgetMs, pause);
		imageQrCache.set(bytes, qr);
		return qr;
	} catch {
		// The QR code only cross-checks the vendor's answer: a search that fails loses nothing.
		return null;
	}
}

/**
 * An OCR vendor's answer on an image: the image's QR code(s) set on the invoice(s) they belong to, filling the
 * key fields the vendor left empty (check code, code, number, date); `qr_mismatch` then flags what differs.
 * `found` is the code the search beside the request found; an image with several invoices is searched for all.
 */
export function withImageQr(
	invoices: RecognizedInvoice[],
	bytes: Uint8Array,
	found: InvoiceQr | null,
	budgetMs = BESIDE_VENDOR_BUDGET_MS,
): void {
	if (invoices.length === 0) return;
	if (invoices.length === 1) {
		if (found) attachQrCodes(invoices, [found], true);
		return;
	}
	attachQrCodes(invoices, imageInvoiceQrCodes(bytes, budgetMs), true);
}
