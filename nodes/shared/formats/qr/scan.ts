/**
 * Finds and decodes every QR code in a gray image: binarize (local threshold, then its inverse, then a global
 * threshold and its inverse, then the image upscaled for small modules), find finder patterns, try the best
 * triples, sample and decode. Work is bounded: candidates, triples and attempts are capped, and an optional
 * deadline stops between attempts. `scanQrSteps` does the same in steps, for callers that share the event loop.
 */
import { type BitMatrix, invertBitMatrix } from './bitMatrix';
import { type GrayImage, globalThreshold, localThreshold, upscale2x } from './binarize';
import { QrDecodeError, type DecodedSymbol, readVersionInfoRaw, tryDecodeSymbol } from './decoder';
import { estimateDimension, estimateModuleSize, sampleTriple } from './detector';
import { type FinderPattern, type FinderTriple, findFinderPatterns, selectTriples } from './finder';
import { dimensionForVersion, versionForDimension } from './version';

export interface QrScanOptions {
	/** Stop as soon as a decoded text passes this (e.g. "parses as an invoice QR"). */
	accept?: (text: string) => boolean;
	/** Stop after this many distinct codes (default 16). */
	maxCodes?: number;
	/** `Date.now()` value after which no new pass and (beyond each pass's best few triples) no new attempt starts. */
	deadline?: number;
	/** Also try the image at twice its size when nothing is found at 1× (default: when it is ≤ 1 MP). */
	upscale?: boolean;
}

export interface QrCode {
	text: string;
	version: number;
	ecLevel: DecodedSymbol['ecLevel'];
	/** Finder centres in image pixels: top-left, top-right, bottom-left. */
	finders: { x: number; y: number }[];
}

/** Triples tried per binarization: beyond that an image is noise, not codes. */
const MAX_TRIPLES = 40;
const UPSCALE_MAX_PIXELS = 1_000_000;
/** Below this spread of gray levels an image is blank. */
const MIN_CONTRAST = 24;
/** Triples tried per binarization even after the deadline. */
const MIN_ATTEMPTS = 3;
/** Triples tried between two steps of a stepwise scan (each a few milliseconds at most). */
const ATTEMPTS_PER_STEP = 4;

function decodeTriple(matrix: BitMatrix, triple: FinderTriple): DecodedSymbol | null {
	let moduleSize = estimateModuleSize(matrix, triple);
	const finderModule =
		(triple.topLeft.moduleSize + triple.topRight.moduleSize + triple.bottomLeft.moduleSize) / 3;
	if (!(moduleSize >= 1) || Math.abs(moduleSize - finderModule) > finderModule * 0.5)
		moduleSize = finderModule;
	if (moduleSize < 0.8) return null;
	const estimated = estimateDimension(triple, moduleSize);
	const tried = new Set<number>();
	const dimensions = estimated === null ? [] : [estimated, estimated - 4, estimated + 4];
	for (let i = 0; i < dimensions.length && tried.size < 5; i++) {
		const dimension = dimensions[i];
		if (tried.has(dimension) || versionForDimension(dimension) === null) continue;
		tried.add(dimension);
		const grid = sampleTriple(matrix, triple, moduleSize, dimension);
		if (!grid) continue;
		const symbol = tryDecodeSymbol(grid.bits);
		if (!(symbol instanceof QrDecodeError)) return symbol;
		// Large codes carry their version: when it names another size, sample at that size next.
		const named = readVersionInfoRaw(grid.bits);
		if (named !== null && !tried.has(dimensionForVersion(named)))
			dimensions.splice(i + 1, 0, dimensionForVersion(named));
	}
	return null;
}

/** Tries the matrix's best finder triples; yields every few attempts. Returns whether the scan is done. */
function* scanMatrix(
	matrix: BitMatrix,
	scale: number,
	options: QrScanOptions,
	found: Map<string, QrCode>,
): Generator<void, boolean> {
	const maxCodes = options.maxCodes ?? 16;
	const patterns = findFinderPatterns(matrix);
	if (patterns.length < 3) return false;
	const used = new Set<FinderPattern>();
	let attempts = 0;
	for (const triple of selectTriples(patterns, MAX_TRIPLES)) {
		// The best few triples are always tried: a deadline that passed during binarization must not waste it.
		if (
			++attempts > MIN_ATTEMPTS &&
			options.deadline !== undefined &&
			Date.now() > options.deadline
		)
			return true;
		if (attempts % ATTEMPTS_PER_STEP === 0) yield;
		if (used.has(triple.topLeft) || used.has(triple.topRight) || used.has(triple.bottomLeft))
			continue;
		const symbol = decodeTriple(matrix, triple);
		if (!symbol) continue;
		used.add(triple.topLeft).add(triple.topRight).add(triple.bottomLeft);
		if (!found.has(symbol.text)) {
			found.set(symbol.text, {
				text: symbol.text,
				version: symbol.version,
				ecLevel: symbol.ecLevel,
				finders: [triple.topLeft, triple.topRight, triple.bottomLeft].map((p) => ({
					x: p.x / scale,
					y: p.y / scale,
				})),
			});
		}
		if (options.accept?.(symbol.text) || found.size >= maxCodes) return true;
	}
	return false;
}

/** Whether any two pixels differ by more than a flat area's noise (a blank page holds no code). */
function hasContrast(image: GrayImage): boolean {
	let min = 255;
	let max = 0;
	const data = image.data;
	for (let i = 0; i < data.length; i++) {
		const value = data[i];
		if (value < min) min = value;
		if (value > max) max = value;
		if (max - min > MIN_CONTRAST) return true;
	}
	return false;
}

/** Every QR code found in the image, with its version and where its finder patterns are. */
export function scanQrCodes(image: GrayImage, options: QrScanOptions = {}): QrCode[] {
	return runToEnd(scanQrSteps(image, options));
}

/**
 * `scanQrCodes` in steps of a few milliseconds (a binarization, a finder search, a few decode attempts): a
 * caller beside network requests lets other work run between them instead of holding the event loop.
 */
export function* scanQrSteps(
	image: GrayImage,
	options: QrScanOptions = {},
): Generator<void, QrCode[]> {
	const found = new Map<string, QrCode>();
	if (image.width < 21 || image.height < 21 || !hasContrast(image)) return [];
	const passes: Array<() => BitMatrix> = [];
	const local = () => localThreshold(image);
	let localMatrix: BitMatrix | null = null;
	passes.push(() => (localMatrix = local()));
	passes.push(() => invertBitMatrix(localMatrix ?? local()));
	let globalMatrix: BitMatrix | null = null;
	passes.push(() => (globalMatrix = globalThreshold(image)));
	passes.push(() => invertBitMatrix(globalMatrix ?? globalThreshold(image)));
	for (const pass of passes) {
		if (options.deadline !== undefined && Date.now() > options.deadline) break;
		const matrix = pass();
		yield;
		if ((yield* scanMatrix(matrix, 1, options, found)) || found.size > 0)
			return [...found.values()];
		yield;
	}
	const upscale = options.upscale ?? image.width * image.height <= UPSCALE_MAX_PIXELS;
	if (upscale && (options.deadline === undefined || Date.now() <= options.deadline)) {
		const larger = upscale2x(image);
		const matrix = localThreshold(larger);
		yield;
		if (!(yield* scanMatrix(matrix, 2, options, found)) && found.size === 0) {
			yield;
			yield* scanMatrix(invertBitMatrix(matrix), 2, options, found);
		}
	}
	return [...found.values()];
}

/** Runs a stepwise computation to its end at once. */
export function runToEnd<T>(steps: Generator<void, T>): T {
	let step = steps.next();
	while (!step.done) step = steps.next();
	return step.value;
}

/** The texts of every QR code found in the image (empty when none). */
export function decodeQrCodes(image: GrayImage, options: QrScanOptions = {}): string[] {
	return scanQrCodes(image, options).map((code) => code.text);
}
