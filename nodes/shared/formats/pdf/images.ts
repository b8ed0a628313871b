/**
 * The image XObjects of each page (ISO 32000-1 §8.9), for reading the QR code a PDF invoice embeds:
 * found through the page's resources and the resources of Form XObjects inside them (bounded), and
 * decoded to gray only when asked (`image()`). Samples of 1/2/4/8/16 bits after the stream filters
 * (FlateDecode with PNG and TIFF predictors, LZW, …), Gray/RGB/CMYK/ICCBased/Cal*, `/Indexed`
 * palettes, `/Decode` inversion, `/ImageMask` stencils, and DCTDecode through the package's JPEG
 * decoder, CCITTFaxDecode (Group 3 and 4 fax, black-and-white scans) through the package's fax
 * decoder. JPXDecode and JBIG2Decode images are listed but refused as `unsupported` when decoded
 * (no QR seen in real invoices uses them except one older OFD's JBIG2). Inline images
 * (`BI … ID … EI`) in the page's content and its forms are listed too (`inline0`, …).
 */
import { type DecodeOptions, decodeImage, type GrayImage, ImageError } from '../image';
import { decodeCcitt } from '../image/ccitt';
import { attempt, isFailure } from '../image/errors';
import { clipRect, cropAndDownsample, luma, overWhite } from '../image/gray';
import { PdfDocument } from './document';
import { PdfError, rethrowLimit } from './errors';
import { decodeUntilImageCodec, filterChain } from './filters';
import { isWhiteSpace, Lexer } from './lexer';
import { PDF_LIMITS } from './limits';
import { isName, nameOf, PdfDict, PdfName, PdfStream, type PdfValue } from './objects';
import { pageContent } from './text';
import type { XRef } from './xref';

export interface PdfImage {
	/** 1-based page number. */
	page: number;
	/** The resource name it is drawn by (`Im0`), for messages. */
	name: string;
	width: number;
	height: number;
	/** The stream's image codec (DCTDecode, JPXDecode, …), or null for plain samples. */
	codec: string | null;
	/**
	 * Decodes to gray (samples over white); throws `ImageError` or `PdfError`. `scale` and `region`
	 * as for `decodeImage` (in the image's own pixels): a DCT image (a scanned page) is decoded at
	 * that scale; other images are decoded whole, then cropped and averaged.
	 */
	image: (options?: PdfImageDecodeOptions) => GrayImage;
}

export type PdfImageDecodeOptions = Pick<DecodeOptions, 'scale' | 'region'>;

export interface PdfImageOptions {
	/** Images listed at most, over all pages (default 64). */
	maxImages?: number;
	/** Smallest width and height listed (default 21: a QR code's smallest version has 21 modules). */
	minSide?: number;
	/** Pixels one image may decode to (default 16 MP). */
	maxPixels?: number;
}

const DEFAULTS = { maxImages: 64, minSide: 21, maxPixels: 16_000_000 };

/** The image XObjects on every page, largest-first within a page; nothing decoded yet. */
export function extractPdfImages(bytes: Uint8Array, options: PdfImageOptions = {}): PdfImage[] {
	const settings = { ...DEFAULTS, ...options };
	const document = PdfDocument.open(bytes);
	const xref = document.xref;
	const images: PdfImage[] = [];
	for (const page of document.pages()) {
		if (images.length >= settings.maxImages) break;
		const found: PdfImage[] = [];
		const streams: PdfStream[] = [];
		const seenStreams = new Set<PdfStream>();
		const seenForms = new Set<PdfStream>();
		const walk = (resources: PdfDict | null, depth: number): void => {
			const xobjects = xref.getDict(resources, 'XObject');
			if (!xobjects) return;
			for (const [name, value] of xobjects.entries) {
				if (images.length + found.length >= settings.maxImages) return;
				let stream: PdfValue | undefined;
				try {
					stream = xref.resolve(value);
				} catch (error) {
					rethrowLimit(error);
					continue;
				}
				if (!(stream instanceof PdfStream)) continue;
				const subtype = stream.dict.get('Subtype');
				if (isName(subtype, 'Form')) {
					if (depth + 1 > PDF_LIMITS.maxFormDepth || seenForms.has(stream)) continue;
					seenForms.add(stream);
					walk(xref.getDict(stream.dict, 'Resources'), depth + 1);
					continue;
				}
				if (!isName(subtype, 'Image') || seenStreams.has(stream)) continue;
				seenStreams.add(stream);
				add(name, stream);
			}
		};
		const add = (name: string, image: PdfStream): void => {
			const width = xref.get(image.dict, 'Width');
			const height = xref.get(image.dict, 'Height');
			if (typeof width !== 'number' || typeof height !== 'number') return;
			if (!(width >= settings.minSide && height >= settings.minSide)) return;
			streams.push(image);
			found.push({
				page: page.number,
				name,
				width,
				height,
				codec: codecOf(xref, image),
				image: (decodeOptions) => decodePdfImage(xref, image, settings.maxPixels, decodeOptions),
			});
		};
		walk(page.resources, 0);
		// Inline images (`BI … ID … EI`) in the page's content and in the forms it uses.
		const contents: Array<[Uint8Array, PdfDict | null]> = [[pageContent(xref, page.dict), page.resources]];
		for (const form of seenForms) {
			const decoded = attempt(() => xref.decode(form));
			if (!isFailure(decoded)) contents.push([decoded, xref.getDict(form.dict, 'Resources')]);
			else rethrowLimit(decoded.failure);
		}
		let inlineCount = 0;
		for (const [content, resources] of contents) {
			for (const stream of inlineImages(xref, content, resources)) {
				if (images.length + found.length >= settings.maxImages) break;
				add(`inline${inlineCount++}`, stream);
			}
		}
		// A soft mask some producers also list as an XObject is an alpha channel, not a picture: drop it.
		const masks = new Set<PdfValue | undefined>(streams.map((stream) => xref.resolve(stream.dict.get('SMask'))));
		const pictures = found.filter((_, index) => !masks.has(streams[index]));
		found.length = 0;
		found.push(...pictures);
		found.sort((a, b) => b.width * b.height - a.width * a.height);
		images.push(...found.slice(0, settings.maxImages - images.length));
	}
	return images;
}

// Inline image keys and names as spelled out in image XObjects (§8.9.7, tables 93 and 94).
const INLINE_KEYS: Record<string, string> = {
	W: 'Width',
	H: 'Height',
	BPC: 'BitsPerComponent',
	CS: 'ColorSpace',
	D: 'Decode',
	DP: 'DecodeParms',
	F: 'Filter',
	IM: 'ImageMask',
	I: 'Interpolate',
};
const INLINE_SPACES: Record<string, string> = { G: 'DeviceGray', RGB: 'DeviceRGB', CMYK: 'DeviceCMYK', I: 'Indexed' };
const MAX_INLINE_IMAGES = 256;

/** The inline images of one content stream as image streams (keys spelled out, colour spaces resolved). */
function inlineImages(xref: XRef, content: Uint8Array, resources: PdfDict | null): PdfStream[] {
	const images: PdfStream[] = [];
	const lexer = new Lexer(content);
	for (let tokens = 0; tokens < PDF_LIMITS.maxOperatorsPerPage * 4 && images.length < MAX_INLINE_IMAGES; tokens++) {
		const token = lexer.next();
		if (token === undefined) break;
		if (token !== 'BI') continue;
		const dict = new PdfDict();
		dict.entries.set('Subtype', new PdfName('Image'));
		for (let guard = 0; guard < 64; guard++) {
			const key = lexer.next();
			if (key === undefined || key === 'ID') break;
			if (!(key instanceof PdfName)) continue;
			const value = inlineValue(lexer, 0);
			const name = INLINE_KEYS[key.name] ?? key.name;
			dict.entries.set(name, name === 'ColorSpace' ? inlineSpace(xref, value, resources) : value);
		}
		// One white-space byte follows ID; the data ends at `EI` between white-space (or at its known size).
		const start = lexer.pos + 1;
		const end = inlineImageEnd(xref, dict, content, start);
		images.push(new PdfStream(dict, content.subarray(start, end)));
		lexer.pos = end; // `EI` comes next, read as an operator and passed over
	}
	return images;
}

function inlineValue(lexer: Lexer, depth: number): PdfValue {
	const token = lexer.next();
	if (token === 'true' || token === 'false') return token === 'true';
	if (token === '[' && depth < 8) {
		const items: PdfValue[] = [];
		for (let guard = 0; guard < 1024; guard++) {
			const at = lexer.pos;
			const next = lexer.next();
			if (next === ']' || next === undefined) break;
			lexer.pos = at;
			items.push(inlineValue(lexer, depth + 1));
		}
		return items;
	}
	if (token === '<<' && depth < 8) {
		const dict = new PdfDict();
		for (let guard = 0; guard < 256; guard++) {
			const key = lexer.next();
			if (key === '>>' || key === undefined) break;
			if (key instanceof PdfName) dict.entries.set(INLINE_KEYS[key.name] ?? key.name, inlineValue(lexer, depth + 1));
		}
		return dict;
	}
	if (typeof token === 'number' || token instanceof Uint8Array || token instanceof PdfName) return token;
	return null;
}

/** An inline colour space: abbreviations spelled out, a resource name looked up. */
function inlineSpace(xref: XRef, value: PdfValue, resources: PdfDict | null): PdfValue {
	if (value instanceof PdfName) {
		if (INLINE_SPACES[value.name]) return new PdfName(INLINE_SPACES[value.name]);
		const named = xref.getDict(resources, 'ColorSpace')?.get(value.name);
		return named !== undefined ? (xref.resolve(named) ?? value) : value;
	}
	if (Array.isArray(value) && value[0] instanceof PdfName) {
		const base = value[1] instanceof PdfName ? inlineSpace(xref, value[1], resources) : value[1];
		return [new PdfName(INLINE_SPACES[value[0].name] ?? value[0].name), base, ...value.slice(2)];
	}
	return value;
}

/** Where an inline image's data ends: its exact size when unfiltered, else the `EI` after it. */
function inlineImageEnd(xref: XRef, dict: PdfDict, content: Uint8Array, start: number): number {
	const width = xref.get(dict, 'Width');
	const height = xref.get(dict, 'Height');
	if (dict.get('Filter') === undefined && typeof width === 'number' && typeof height === 'number') {
		const isMask = dict.get('ImageMask') === true;
		const bits = isMask ? 1 : numberOr(dict.get('BitsPerComponent'), 8);
		const space = dict.get('ColorSpace');
		const family = space instanceof PdfName ? space.name : Array.isArray(space) && space[0] instanceof PdfName ? space[0].name : '';
		const components = isMask || family === 'DeviceGray' || family === 'Indexed' ? 1 : family === 'DeviceCMYK' ? 4 : family === 'DeviceRGB' ? 3 : 0;
		if (components > 0) {
			const size = Math.ceil((width * components * bits) / 8) * height;
			if (start + size <= content.length) return start + size;
		}
	}
	for (let pos = start; pos + 1 < content.length; pos++) {
		if (
			content[pos] === 0x45 &&
			content[pos + 1] === 0x49 &&
			isWhiteSpace(content[pos - 1]) &&
			(pos + 2 >= content.length || isWhiteSpace(content[pos + 2]) || content[pos + 2] === 0x51)
		) {
			return pos - 1;
		}
	}
	return content.length;
}

function codecOf(xref: XRef, stream: PdfStream): string | null {
	const filter = xref.resolve(stream.dict.get('Filter'));
	const names = Array.isArray(filter) ? filter.map((item) => nameOf(xref.resolve(item))) : [nameOf(filter)];
	const last = names[names.length - 1];
	return last && ['DCTDecode', 'DCT', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF'].includes(last) ? last : null;
}

/** One image XObject to gray. */
export function decodePdfImage(
	xref: XRef,
	stream: PdfStream,
	maxPixels = DEFAULTS.maxPixels,
	options: PdfImageDecodeOptions = {},
): GrayImage {
	const whole = decodeWholePdfImage(xref, stream, maxPixels, options);
	if (whole.scaled) return whole.image;
	const scale = options.scale ?? 1;
	if (scale === 1 && !options.region) return whole.image;
	const region = clipRect(options.region, whole.image.width, whole.image.height);
	if (!region) throw new ImageError('unsupported', 'The region lies outside the image.');
	return cropAndDownsample(whole.image, region, scale);
}

/** The image at full size, or already scaled and cropped (`scaled`) when its codec did that. */
function decodeWholePdfImage(
	xref: XRef,
	stream: PdfStream,
	maxPixels: number,
	options: PdfImageDecodeOptions,
): { image: GrayImage; scaled: boolean } {
	const dict = stream.dict;
	const width = xref.get(dict, 'Width');
	const height = xref.get(dict, 'Height');
	if (typeof width !== 'number' || typeof height !== 'number' || !(width >= 1 && height >= 1)) {
		throw new ImageError('corrupt', 'A PDF image has no valid width or height.');
	}
	const isDct = ['DCTDecode', 'DCT'].includes(codecOf(xref, stream) ?? '');
	// With a soft mask the mask is applied at full size: decode whole, crop and scale after.
	const scaled = isDct && !dict.has('SMask') && ((options.scale ?? 1) !== 1 || options.region !== undefined);
	// A JPEG decoded at a scale holds only the scaled pixels (the JPEG decoder checks those).
	if (!scaled && width * height > maxPixels) {
		throw new ImageError('too-large', `A PDF image is ${width}×${height} pixels, over the limit of ${maxPixels}.`);
	}
	const { data, codec } = decodeUntilImageCodec(stream, xref.resolve, xref.budget);
	const decode = numbers(xref.get(dict, 'Decode'));
	if (codec === 'DCTDecode' || codec === 'DCT') {
		// PDF readers draw a DCT image as stored: an EXIF orientation inside it is not applied.
		const gray = decodeImage(data, { maxPixels, exifOrientation: false, ...(scaled ? options : {}) });
		if (scaled) {
			if (decode.length >= 2 && decode[0] > decode[1]) for (let i = 0; i < gray.data.length; i++) gray.data[i] = 255 - gray.data[i];
			return { image: gray, scaled: true };
		}
		// `/Decode [1 0]` on a DCT image (rare): invert.
		if (decode.length >= 2 && decode[0] > decode[1]) for (let i = 0; i < gray.data.length; i++) gray.data[i] = 255 - gray.data[i];
		return { image: applySoftMask(xref, dict, gray, maxPixels), scaled: false };
	}
	let samples = data;
	if (codec === 'CCITTFaxDecode' || codec === 'CCF') {
		samples = faxSamples(xref, stream, data, width, height);
	} else if (codec) {
		throw new ImageError('unsupported', `PDF images compressed with ${codec} are not decoded.`);
	}

	const isMask = xref.get(dict, 'ImageMask') === true;
	const bits = isMask || codec ? 1 : numberOr(xref.get(dict, 'BitsPerComponent'), 8);
	if (![1, 2, 4, 8, 16].includes(bits)) throw new ImageError('corrupt', `A PDF image has ${bits} bits per component.`);
	const space = isMask ? null : colorSpace(xref, xref.get(dict, 'ColorSpace'));
	const components = space ? space.components : 1;
	const rowBytes = Math.ceil((width * components * bits) / 8);
	if (samples.length < rowBytes * height) {
		throw new ImageError('truncated', `A PDF image's data is shorter than its ${width}×${height} size.`);
	}
	const maxSample = (1 << Math.min(bits, 8)) - 1;
	// Per component: sample → 0–255 after /Decode (default [0 1], or [0 2^bits−1] for Indexed).
	const maps: Uint8Array[] = [];
	for (let c = 0; c < components; c++) {
		const map = new Uint8Array(maxSample + 1);
		const indexed = space?.palette !== undefined;
		const dMin = decode.length >= 2 * c + 2 ? decode[2 * c] : 0;
		const dMax = decode.length >= 2 * c + 2 ? decode[2 * c + 1] : indexed ? maxSample : 1;
		for (let s = 0; s <= maxSample; s++) {
			const value = dMin + (s * (dMax - dMin)) / maxSample;
			map[s] = indexed ? Math.max(0, Math.min(255, Math.round(value))) : Math.max(0, Math.min(255, Math.round(value * 255)));
		}
		maps.push(map);
	}
	const out = new Uint8Array(width * height);
	const pixel = new Uint8Array(components);
	for (let y = 0; y < height; y++) {
		const row = y * rowBytes;
		for (let x = 0; x < width; x++) {
			for (let c = 0; c < components; c++) {
				const index = x * components + c;
				let s: number;
				if (bits === 8) s = samples[row + index];
				else if (bits === 16) s = samples[row + index * 2];
				else {
					const bit = index * bits;
					s = (samples[row + (bit >> 3)] >> (8 - bits - (bit & 7))) & maxSample;
				}
				pixel[c] = maps[c][s];
			}
			let gray: number;
			if (isMask) {
				// A stencil paints where the sample (after /Decode) is 0: black ink on white paper.
				gray = pixel[0] === 0 ? 0 : 255;
			} else {
				gray = (space as ColorSpace).toGray(pixel);
			}
			out[y * width + x] = gray;
		}
	}
	return { image: applySoftMask(xref, dict, { width, height, data: out }, maxPixels), scaled: false };
}

/** CCITTFaxDecode (§7.4.6) → 1-bit samples as the filter outputs them: 0 is black unless /BlackIs1. */
function faxSamples(xref: XRef, stream: PdfStream, data: Uint8Array, width: number, height: number): Uint8Array {
	const chain = filterChain(stream, xref.resolve);
	const params = chain[chain.length - 1]?.params ?? null;
	const get = (key: string) => (params ? xref.get(params, key) : undefined);
	const rows = numberOr(get('Rows'), height);
	const fax = decodeCcitt(data, {
		k: numberOr(get('K'), 0),
		columns: numberOr(get('Columns'), 1728),
		rows,
		encodedByteAlign: get('EncodedByteAlign') === true,
		maxBytes: Math.ceil(numberOr(get('Columns'), 1728) / 8) * Math.max(rows, height),
	});
	if (numberOr(get('Columns'), 1728) !== width) {
		throw new ImageError('corrupt', 'A PDF fax image is not as wide as its /Columns.');
	}
	// The decoder sets black bits; PDF's default (BlackIs1 false) has 0 for black.
	if (get('BlackIs1') !== true) for (let i = 0; i < fax.data.length; i++) fax.data[i] ^= 0xff;
	return fax.data;
}

/**
 * `/SMask`: a gray alpha image (any size, resampled to the image's) composited over white, so a
 * black image shaped by its mask (a stamp, a QR code drawn as alpha) reads as it prints.
 */
function applySoftMask(xref: XRef, dict: PdfDict, image: GrayImage, maxPixels: number): GrayImage {
	const mask = xref.get(dict, 'SMask');
	if (!(mask instanceof PdfStream) || !isName(mask.dict.get('Subtype'), 'Image')) return image;
	const decoded = attempt(() => decodePdfImage(xref, mask, maxPixels));
	// A broken mask leaves the image as it is; a limit still stops the document.
	if (isFailure(decoded)) {
		if (decoded.failure instanceof ImageError) return image;
		throw decoded.failure;
	}
	const alpha = decoded;
	const { width, height, data } = image;
	for (let y = 0; y < height; y++) {
		const ay = Math.min(alpha.height - 1, Math.floor((y * alpha.height) / height));
		for (let x = 0; x < width; x++) {
			const ax = Math.min(alpha.width - 1, Math.floor((x * alpha.width) / width));
			data[y * width + x] = overWhite(data[y * width + x], alpha.data[ay * alpha.width + ax]);
		}
	}
	return image;
}

interface ColorSpace {
	components: number;
	palette?: Uint8Array;
	/** Components already mapped to 0–255 (or a palette index) → gray. */
	toGray: (samples: Uint8Array) => number;
}

const MAX_SPACE_DEPTH = 4;

function colorSpace(xref: XRef, value: PdfValue | undefined, depth = 0): ColorSpace {
	if (depth > MAX_SPACE_DEPTH) throw new ImageError('corrupt', 'A PDF colour space nests too deeply.');
	const name = nameOf(value);
	const family = name ?? (Array.isArray(value) ? nameOf(xref.resolve(value[0])) : null);
	switch (family) {
		case 'DeviceGray':
		case 'CalGray':
		case 'G':
			return { components: 1, toGray: (s) => s[0] };
		case 'DeviceRGB':
		case 'CalRGB':
		case 'RGB':
			return { components: 3, toGray: (s) => luma(s[0], s[1], s[2]) };
		case 'DeviceCMYK':
		case 'CMYK':
			return { components: 4, toGray: (s) => cmykGray(s[0], s[1], s[2], s[3]) };
		case 'Lab':
			return { components: 3, toGray: (s) => s[0] };
		case 'ICCBased': {
			const stream = Array.isArray(value) ? xref.resolve(value[1]) : null;
			const dict = stream instanceof PdfStream ? stream.dict : null;
			const alternate = dict ? xref.get(dict, 'Alternate') : undefined;
			if (alternate !== undefined && alternate !== null) return colorSpace(xref, alternate, depth + 1);
			const n = dict ? numberOr(xref.get(dict, 'N'), 3) : 3;
			return colorSpace(xref, new PdfName(n === 1 ? 'DeviceGray' : n === 4 ? 'DeviceCMYK' : 'DeviceRGB'), depth + 1);
		}
		case 'Indexed':
		case 'I': {
			if (!Array.isArray(value) || value.length < 4) throw new ImageError('corrupt', 'A PDF /Indexed colour space is broken.');
			const base = colorSpace(xref, xref.resolve(value[1]), depth + 1);
			const hival = Math.max(0, Math.min(255, numberOr(xref.resolve(value[2]), 0)));
			const lookupValue = xref.resolve(value[3]);
			let lookup: Uint8Array;
			if (lookupValue instanceof Uint8Array) lookup = lookupValue;
			else if (lookupValue instanceof PdfStream) {
				const decoded = attempt(() => decodeUntilImageCodec(lookupValue, xref.resolve, xref.budget).data);
				if (isFailure(decoded)) {
					const error = decoded.failure;
					if (error instanceof PdfError && error.reason !== 'too-large') {
						throw new ImageError('corrupt', `A PDF palette cannot be read: ${error.message}`);
					}
					throw error;
				}
				lookup = decoded;
			} else throw new ImageError('corrupt', 'A PDF /Indexed colour space has no palette.');
			const palette = new Uint8Array(256);
			const entry = new Uint8Array(base.components);
			for (let i = 0; i <= hival; i++) {
				for (let c = 0; c < base.components; c++) entry[c] = lookup[i * base.components + c] ?? 0;
				palette[i] = base.toGray(entry);
			}
			return { components: 1, palette, toGray: (s) => palette[s[0]] };
		}
		case 'Separation':
		case 'DeviceN': {
			// A tint of one ink (or several): more tint is darker; the tint transform is not run.
			const names = family === 'DeviceN' && Array.isArray(value) ? xref.resolve(value[1]) : null;
			const n = Array.isArray(names) ? Math.max(1, names.length) : 1;
			return {
				components: n,
				toGray: (s) => {
					let ink = 0;
					for (let c = 0; c < n; c++) ink = Math.max(ink, s[c]);
					return 255 - ink;
				},
			};
		}
		default:
			if (value === undefined || value === null) return colorSpace(xref, new PdfName('DeviceGray'), depth + 1);
			throw new ImageError('unsupported', `PDF images in the ${family ?? 'unknown'} colour space are not decoded.`);
	}
}

function cmykGray(c: number, m: number, y: number, k: number): number {
	const r = ((255 - c) * (255 - k)) / 255;
	const g = ((255 - m) * (255 - k)) / 255;
	const b = ((255 - y) * (255 - k)) / 255;
	return luma(r, g, b);
}

function numbers(value: PdfValue | undefined): number[] {
	return Array.isArray(value) ? value.map((item) => (typeof item === 'number' ? item : 0)) : [];
}

function numberOr(value: PdfValue | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}
