/**
 * PNG (ISO/IEC 15948) to gray: every colour type and bit depth, palettes, tRNS, Adam7 interlace.
 * The IDAT data is inflated with the package's own inflate, capped at exactly the size the header
 * implies (so a bomb stops there); CRCs are not checked, but the chunk structure must hold.
 */
import { InflateError, inflateZlib } from '../inflate';
import { concatBytes } from '../bytes';
import { attempt, DEFAULT_MAX_PIXELS, ImageError, isFailure, MAX_RAW_BYTES } from './errors';
import { type GrayImage, luma, overWhite } from './gray';
import { readExifOrientation } from './tiff';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function isPng(bytes: Uint8Array): boolean {
	return bytes.length >= 8 && SIGNATURE.every((byte, index) => bytes[index] === byte);
}

interface PngHeader {
	width: number;
	height: number;
	bitDepth: number;
	colorType: number;
	interlaced: boolean;
}

const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

function readUint32(bytes: Uint8Array, at: number): number {
	return ((bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
}

/** IHDR only: cheap, no allocation. */
export function pngHeader(bytes: Uint8Array): PngHeader {
	if (!isPng(bytes)) throw new ImageError('corrupt', 'The data is not a PNG.');
	if (bytes.length < 33) throw new ImageError('truncated', 'The PNG ends before its header.');
	if (readUint32(bytes, 8) !== 13 || String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') {
		throw new ImageError('corrupt', 'The PNG does not start with an IHDR chunk.');
	}
	const header: PngHeader = {
		width: readUint32(bytes, 16),
		height: readUint32(bytes, 20),
		bitDepth: bytes[24],
		colorType: bytes[25],
		interlaced: bytes[28] === 1,
	};
	if (header.width === 0 || header.height === 0) throw new ImageError('corrupt', 'The PNG has a zero width or height.');
	const depths = DEPTHS[header.colorType];
	if (!depths || !depths.includes(header.bitDepth) || bytes[26] !== 0 || bytes[27] !== 0 || bytes[28] > 1) {
		throw new ImageError('corrupt', 'The PNG header has an invalid colour type, bit depth or method.');
	}
	return header;
}

/** The orientation an eXIf chunk before the image data gives (1 without one): chunk headers only. */
export function pngOrientation(bytes: Uint8Array): number {
	let pos = 8;
	while (pos + 8 <= bytes.length) {
		const length = readUint32(bytes, pos);
		const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
		if (type === 'IDAT' || type === 'IEND' || length > bytes.length) return 1;
		if (type === 'eXIf') return readExifOrientation(bytes.subarray(pos + 8, Math.min(bytes.length, pos + 8 + length)));
		pos += 12 + length;
	}
	return 1;
}

// Adam7 passes: x start, y start, x step, y step.
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

export function decodePng(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): { image: GrayImage; orientation: number } {
	const header = pngHeader(bytes);
	const { width, height, bitDepth, colorType, interlaced } = header;
	if (width * height > maxPixels) {
		throw new ImageError('too-large', `The PNG is ${width}×${height} pixels, over the limit of ${maxPixels}.`);
	}
	const channels = CHANNELS[colorType];
	const bitsPerPixel = channels * bitDepth;
	const passes = interlaced ? ADAM7 : [[0, 0, 1, 1]];
	let expected = 0;
	for (const [x0, y0, dx, dy] of passes) {
		const passWidth = Math.ceil((width - x0) / dx);
		const passHeight = Math.ceil((height - y0) / dy);
		if (passWidth > 0 && passHeight > 0) expected += passHeight * (1 + Math.ceil((passWidth * bitsPerPixel) / 8));
	}

	if (expected > MAX_RAW_BYTES) {
		throw new ImageError('too-large', `The PNG's ${width}×${height} samples at ${bitsPerPixel} bits would take more than ${MAX_RAW_BYTES} bytes.`);
	}
	// Chunks: gather IDAT, PLTE, tRNS, eXIf; stop at IEND (anything after it is ignored).
	const idatParts: Uint8Array[] = [];
	let idatLength = 0;
	let palette: Uint8Array | null = null;
	let transparency: Uint8Array | null = null;
	let orientation = 1;
	let pos = 8;
	let sawEnd = false;
	while (pos + 8 <= bytes.length) {
		const length = readUint32(bytes, pos);
		const type = String.fromCharCode(bytes[pos + 4], bytes[pos + 5], bytes[pos + 6], bytes[pos + 7]);
		const start = pos + 8;
		if (length > 0x7fffffff) throw new ImageError('corrupt', 'A PNG chunk has an impossible length.');
		const end = start + length;
		if (end > bytes.length) {
			if (type !== 'IDAT') throw new ImageError('truncated', `The PNG ends inside its ${type} chunk.`);
			idatParts.push(bytes.subarray(start));
			idatLength += bytes.length - start;
			break;
		}
		const body = bytes.subarray(start, end);
		if (type === 'IDAT') {
			idatParts.push(body);
			idatLength += length;
		} else if (type === 'PLTE') {
			palette = body;
		} else if (type === 'tRNS') {
			transparency = body;
		} else if (type === 'eXIf') {
			orientation = readExifOrientation(body);
		} else if (type === 'IEND') {
			sawEnd = true;
			break;
		}
		pos = end + 4;
	}
	if (idatLength === 0) throw new ImageError(sawEnd ? 'corrupt' : 'truncated', 'The PNG has no image data.');
	if (colorType === 3 && !palette) throw new ImageError('corrupt', 'The palette PNG has no PLTE chunk.');
	const idat = concatBytes(idatParts);

	const inflated = attempt(() => inflateZlib(idat, expected));
	if (isFailure(inflated)) {
		const error = inflated.failure;
		if (!(error instanceof InflateError)) throw error;
		const message =
			error.reason === 'too-large'
				? `The PNG's image data inflates to more than its ${width}×${height} header allows (a decompression bomb or broken file).`
				: `The PNG's image data cannot be inflated: ${error.message}`;
		throw new ImageError(error.reason, message);
	}
	const raw = inflated;
	if (raw.length < expected) throw new ImageError('truncated', 'The PNG image data ends before the last row.');

	const toGray = grayMapper(colorType, bitDepth, palette, transparency);
	const out = new Uint8Array(width * height);
	const bytesPerPixel = Math.max(1, bitsPerPixel >> 3);
	let offset = 0;
	for (const [x0, y0, dx, dy] of passes) {
		const passWidth = Math.ceil((width - x0) / dx);
		const passHeight = Math.ceil((height - y0) / dy);
		if (passWidth <= 0 || passHeight <= 0) continue;
		const rowBytes = Math.ceil((passWidth * bitsPerPixel) / 8);
		let previous = new Uint8Array(rowBytes);
		let current = new Uint8Array(rowBytes);
		for (let row = 0; row < passHeight; row++) {
			unfilter(raw[offset], raw.subarray(offset + 1, offset + 1 + rowBytes), current, previous, bytesPerPixel);
			offset += rowBytes + 1;
			toGray(current, passWidth, out, (y0 + row * dy) * width + x0, dx);
			const swap = previous;
			previous = current;
			current = swap;
		}
	}
	return { image: { width, height, data: out }, orientation };
}

function unfilter(type: number, input: Uint8Array, out: Uint8Array, up: Uint8Array, bpp: number): void {
	const n = input.length;
	switch (type) {
		case 0:
			out.set(input);
			return;
		case 1:
			for (let i = 0; i < n; i++) out[i] = (input[i] + (i >= bpp ? out[i - bpp] : 0)) & 0xff;
			return;
		case 2:
			for (let i = 0; i < n; i++) out[i] = (input[i] + up[i]) & 0xff;
			return;
		case 3:
			for (let i = 0; i < n; i++) out[i] = (input[i] + (((i >= bpp ? out[i - bpp] : 0) + up[i]) >> 1)) & 0xff;
			return;
		case 4:
			for (let i = 0; i < n; i++) {
				const a = i >= bpp ? out[i - bpp] : 0;
				const b = up[i];
				const c = i >= bpp ? up[i - bpp] : 0;
				const p = a + b - c;
				const pa = Math.abs(p - a);
				const pb = Math.abs(p - b);
				const pc = Math.abs(p - c);
				out[i] = (input[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c)) & 0xff;
			}
			return;
		default:
			throw new ImageError('corrupt', `A PNG row has the unknown filter type ${type}.`);
	}
}

type RowToGray = (row: Uint8Array, count: number, out: Uint8Array, at: number, step: number) => void;

/** One row of samples → gray pixels at `out[at + i*step]`, alpha (tRNS or channel) over white. */
function grayMapper(
	colorType: number,
	bitDepth: number,
	palette: Uint8Array | null,
	transparency: Uint8Array | null,
): RowToGray {
	if (colorType === 3 || (colorType === 0 && bitDepth < 16)) {
		// Indexed or gray below 16 bits: a lookup table by sample value.
		const levels = 1 << bitDepth;
		const table = new Uint8Array(levels);
		for (let v = 0; v < levels; v++) {
			if (colorType === 3) {
				const p = palette as Uint8Array;
				const gray = v * 3 + 2 < p.length ? luma(p[v * 3], p[v * 3 + 1], p[v * 3 + 2]) : 0;
				const alpha = transparency && v < transparency.length ? transparency[v] : 255;
				table[v] = overWhite(gray, alpha);
			} else {
				const gray = Math.round((v * 255) / (levels - 1));
				const key = transparency && transparency.length >= 2 ? (transparency[0] << 8) | transparency[1] : -1;
				table[v] = v === key ? 255 : gray;
			}
		}
		if (bitDepth === 8) {
			return (row, count, out, at, step) => {
				for (let i = 0; i < count; i++) out[at + i * step] = table[row[i]];
			};
		}
		const perByte = 8 / bitDepth;
		const mask = levels - 1;
		return (row, count, out, at, step) => {
			for (let i = 0; i < count; i++) {
				const shift = 8 - bitDepth * ((i % perByte) + 1);
				out[at + i * step] = table[(row[(i / perByte) | 0] >> shift) & mask];
			}
		};
	}
	const wide = bitDepth === 16 ? 2 : 1;
	const key = transparency;
	const sample16 = (row: Uint8Array, index: number) => (wide === 2 ? (row[index] << 8) | row[index + 1] : row[index]);
	switch (colorType) {
		case 0: // 16-bit gray
			return (row, count, out, at, step) => {
				const transparentValue = key && key.length >= 2 ? (key[0] << 8) | key[1] : -1;
				for (let i = 0; i < count; i++) {
					out[at + i * step] = sample16(row, i * 2) === transparentValue ? 255 : row[i * 2];
				}
			};
		case 2:
			return (row, count, out, at, step) => {
				const kr = key && key.length >= 6 ? (key[0] << 8) | key[1] : -1;
				const kg = key && key.length >= 6 ? (key[2] << 8) | key[3] : -1;
				const kb = key && key.length >= 6 ? (key[4] << 8) | key[5] : -1;
				const stride = 3 * wide;
				for (let i = 0; i < count; i++) {
					const p = i * stride;
					const transparent =
						kr >= 0 && sample16(row, p) === kr && sample16(row, p + wide) === kg && sample16(row, p + 2 * wide) === kb;
					out[at + i * step] = transparent ? 255 : luma(row[p], row[p + wide], row[p + 2 * wide]);
				}
			};
		case 4:
			return (row, count, out, at, step) => {
				const stride = 2 * wide;
				for (let i = 0; i < count; i++) out[at + i * step] = overWhite(row[i * stride], row[i * stride + wide]);
			};
		default: // 6: RGBA
			return (row, count, out, at, step) => {
				const stride = 4 * wide;
				for (let i = 0; i < count; i++) {
					const p = i * stride;
					out[at + i * step] = overWhite(luma(row[p], row[p + wide], row[p + 2 * wide]), row[p + 3 * wide]);
				}
			};
	}
}
