/**
 * An invoice image's QR code, read as invoice fields: decode the image (scaled down when it is big), search
 * it whole, then search its corners at a finer scale (phone photos put the code near a corner, mostly top
 * left, at 2–3 px per module), and stop at the first code whose text parses as an invoice QR.
 */
import { decodeImage, ImageError, imageSize } from '../image';
import { cropAndDownsample } from '../image/gray';
import type { GrayImage } from './binarize';
import { type InvoiceQr, parseInvoiceQr } from './invoicePayload';
import { runToEnd, scanQrSteps } from './scan';

/** Pixels the whole-image pass works on: a 12 MP photo is searched at 1/4, a 3 MP scan at 1/2. */
const WHOLE_IMAGE_PIXELS = 1_300_000;
/** Pixels one grid cell's pass works on at its finer scale (a 12 MP photo's cells are read at full size). */
const REGION_PIXELS = 2_200_000;
/** Images up to this size are also searched at twice their size (codes at 2 px per module or less). */
const UPSCALE_MAX_PIXELS = 1_000_000;
/** Default time for the whole search; the passes stop starting new work after it. */
export const DEFAULT_QR_BUDGET_MS = 300;

type Scale = 1 | 2 | 4 | 8;
const SCALES: Scale[] = [1, 2, 4, 8];

interface Region {
	x: number;
	y: number;
	width: number;
	height: number;
}

function scaleFor(pixels: number, limit: number): Scale {
	return SCALES.find((scale) => pixels / (scale * scale) <= limit) ?? 8;
}

/**
 * The image cut in a 3×3 grid of overlapping cells (the overlap is wider than a code at a few px per module,
 * so a code on a border is whole in one cell), corners first and top-left first of all, then the others.
 */
function gridCells(width: number, height: number): Region[] {
	const cellWidth = Math.ceil(width / 3 + width * 0.08);
	const cellHeight = Math.ceil(height / 3 + height * 0.08);
	const at = (column: number, row: number): Region => ({
		x: Math.round(((width - cellWidth) * column) / 2),
		y: Math.round(((height - cellHeight) * row) / 2),
		width: cellWidth,
		height: cellHeight,
	});
	const order: [number, number][] = [
		[0, 0],
		[2, 0],
		[0, 2],
		[2, 2],
		[1, 0],
		[0, 1],
		[2, 1],
		[1, 2],
		[1, 1],
	];
	return order.map(([column, row]) => at(column, row));
}

function* firstInvoiceQr(
	image: GrayImage,
	deadline: number | undefined,
	upscale: boolean,
): Generator<void, InvoiceQr | null> {
	const codes = yield* scanQrSteps(image, {
		accept: (text) => parseInvoiceQr(text) !== null,
		deadline,
		upscale,
	});
	for (const code of codes) {
		const parsed = parseInvoiceQr(code.text);
		if (parsed) return parsed;
	}
	return null;
}

/**
 * The invoice QR code of an image file (PNG, JPEG, BMP, TIFF), or null when none is readable (not an image,
 * an unreadable image, no QR code, or only QR codes that are not an invoice's). The whole image is always
 * searched; the finer passes over its parts stop starting after `budgetMs`. Memory is bounded by the image
 * decoder's pixel limit.
 */
export function readInvoiceQr(
	bytes: Uint8Array,
	budgetMs: number = DEFAULT_QR_BUDGET_MS,
): InvoiceQr | null {
	return runToEnd(searchSteps(bytes, budgetMs));
}

/**
 * `readInvoiceQr` in steps of a few milliseconds with `pause()` awaited before each: beside a vendor request,
 * the search shares the event loop (timers, answers of other requests) instead of holding it for its budget.
 */
export async function readInvoiceQrInSteps(
	bytes: Uint8Array,
	budgetMs: number,
	pause: () => Promise<void>,
): Promise<InvoiceQr | null> {
	await pause();
	const search = searchSteps(bytes, budgetMs);
	let step = search.next();
	while (!step.done) {
		await pause();
		step = search.next();
	}
	return step.value;
}

/** The whole search as steps: null for an image too small for a code or one that cannot be decoded. */
function* searchSteps(bytes: Uint8Array, budgetMs: number): Generator<void, InvoiceQr | null> {
	const deadline = Date.now() + budgetMs;
	const size = imageSize(bytes);
	if (!size || size.width < 21 || size.height < 21) return null;
	let failure: unknown = null;
	try {
		return yield* searchImage(bytes, size, deadline);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof ImageError) return null;
	throw failure;
}

/** Gray views of one image file at a scale, whole or a region, decoding as little as the format allows. */
function imageViews(
	bytes: Uint8Array,
	format: string,
): (scale: Scale, region?: Region) => GrayImage {
	// JPEG decodes a region at a reduced scale directly (scaled IDCT); the others are decoded whole once.
	if (format === 'jpeg') return (scale, region) => decodeImage(bytes, { scale, region });
	let full: GrayImage | null = null;
	return (scale, region) => {
		full = full ?? decodeImage(bytes);
		return cropAndDownsample(
			full,
			region ?? { x: 0, y: 0, width: full.width, height: full.height },
			scale,
		);
	};
}

/** The search in steps of a few milliseconds (a caller may let other work run between them). */
function* searchImage(
	bytes: Uint8Array,
	size: { width: number; height: number; format: string },
	deadline: number,
): Generator<void, InvoiceQr | null> {
	const view = imageViews(bytes, size.format);
	const pixels = size.width * size.height;
	const wholeScale = scaleFor(pixels, WHOLE_IMAGE_PIXELS);
	// The whole image gets its passes whatever the time (their work is bounded): a slow first decode on a busy
	// machine must not cost the one pass that finds most codes. Upscaling pays only for small full-size images.
	const whole = yield* firstInvoiceQr(view(wholeScale), undefined, pixels <= UPSCALE_MAX_PIXELS);
	if (whole || wholeScale === 1) return whole;
	const cells = gridCells(size.width, size.height);
	const cellScale = Math.min(
		scaleFor(cells[0].width * cells[0].height, REGION_PIXELS),
		wholeScale / 2,
	) as Scale;
	const searchCell = (cell: Region) => firstInvoiceQr(view(cellScale, cell), deadline, false);
	// The corners at the finer scale, then the whole image at the next scale, then the other cells.
	for (const cell of cells.slice(0, 4)) {
		yield;
		if (Date.now() > deadline) return null;
		const found = yield* searchCell(cell);
		if (found) return found;
	}
	const nextScale = (wholeScale / 2) as Scale;
	yield;
	if (nextScale > cellScale && Date.now() <= deadline) {
		const found = yield* firstInvoiceQr(view(nextScale), deadline, false);
		if (found) return found;
	}
	for (const cell of cells.slice(4)) {
		yield;
		if (Date.now() > deadline) return null;
		const found = yield* searchCell(cell);
		if (found) return found;
	}
	return null;
}
