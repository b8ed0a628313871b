/**
 * TIFF (6.0) baseline to gray, and the EXIF orientation reader JPEG and PNG share (EXIF is a TIFF
 * structure). Strips only (tiles are `unsupported`); compression none, PackBits, Deflate (the
 * package's inflate), LZW and CCITT fax (Modified Huffman, Group 3 1-D/2-D, Group 4), with
 * horizontal predictor 2; JPEG-in-TIFF and old-style LZW are `unsupported`.
 * Gray (WhiteIsZero/BlackIsZero, 1/2/4/8/16 bits), RGB (8/16 bits, extra samples as alpha), palette.
 */
import { InflateError, inflateZlib } from '../inflate';
import { decodeLzw } from '../lzw';
import { type CcittOptions, decodeCcitt } from './ccitt';
import { attempt, DEFAULT_MAX_PIXELS, ImageError, isFailure, MAX_RAW_BYTES } from './errors';
import { type GrayImage, luma, overWhite } from './gray';

export function isTiff(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 8 &&
		((bytes[0] === 0x49 && bytes[1] === 0x49 && bytes[2] === 42 && bytes[3] === 0) ||
			(bytes[0] === 0x4d && bytes[1] === 0x4d && bytes[2] === 0 && bytes[3] === 42))
	);
}

const TYPE_SIZES: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8 };
const MAX_IFD_ENTRIES = 1000;
const MAX_VALUES = 1 << 20;

/** The first IFD's tags as arrays of numbers (rationals as num/den). */
export function readFirstIfd(bytes: Uint8Array): Map<number, number[]> {
	if (!isTiff(bytes)) throw new ImageError('corrupt', 'The data is not a TIFF structure.');
	const little = bytes[0] === 0x49;
	const u16 = (at: number) => (little ? bytes[at] | (bytes[at + 1] << 8) : (bytes[at] << 8) | bytes[at + 1]);
	const u32 = (at: number) =>
		(little
			? bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)
			: (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]) >>> 0;
	const ifd = u32(4);
	if (ifd + 2 > bytes.length) throw new ImageError('truncated', 'The TIFF ends before its first directory.');
	const count = u16(ifd);
	if (count > MAX_IFD_ENTRIES) throw new ImageError('corrupt', 'The TIFF directory has too many entries.');
	if (ifd + 2 + count * 12 > bytes.length) throw new ImageError('truncated', 'The TIFF ends inside its directory.');
	const tags = new Map<number, number[]>();
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		const tag = u16(entry);
		const type = u16(entry + 2);
		const n = u32(entry + 4);
		const size = TYPE_SIZES[type];
		if (!size || n > MAX_VALUES) continue;
		const total = size * n;
		const at = total <= 4 ? entry + 8 : u32(entry + 8);
		if (at + total > bytes.length) continue;
		const values: number[] = [];
		for (let k = 0; k < n; k++) {
			const p = at + k * size;
			if (type === 3 || type === 8) values.push(u16(p));
			else if (type === 4 || type === 9) values.push(u32(p));
			else if (type === 5 || type === 10) values.push(u32(p) / (u32(p + 4) || 1));
			else values.push(bytes[p]);
		}
		tags.set(tag, values);
	}
	return tags;
}

/** EXIF orientation (1–8) from a TIFF-structured EXIF block; 1 when absent or unreadable. */
export function readExifOrientation(tiff: Uint8Array): number {
	try {
		const value = readFirstIfd(tiff).get(274)?.[0];
		return value !== undefined && value >= 1 && value <= 8 ? value : 1;
	} catch {
		return 1;
	}
}

export function tiffSize(bytes: Uint8Array): { width: number; height: number } {
	const tags = readFirstIfd(bytes);
	const width = tags.get(256)?.[0] ?? 0;
	const height = tags.get(257)?.[0] ?? 0;
	if (!width || !height) throw new ImageError('corrupt', 'The TIFF has no width or height.');
	return { width, height };
}

export function decodeTiff(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): { image: GrayImage; orientation: number } {
	const tags = readFirstIfd(bytes);
	const first = (tag: number, fallback: number) => tags.get(tag)?.[0] ?? fallback;
	const width = first(256, 0);
	const height = first(257, 0);
	if (!width || !height) throw new ImageError('corrupt', 'The TIFF has no width or height.');
	if (width * height > maxPixels) {
		throw new ImageError('too-large', `The TIFF is ${width}×${height} pixels, over the limit of ${maxPixels}.`);
	}
	if (tags.has(322) || tags.has(324)) throw new ImageError('unsupported', 'Tiled TIFF images are not decoded.');
	const compression = first(259, 1);
	const photometric = first(262, 1);
	const samples = first(277, 1);
	const bits = first(258, 1);
	const predictor = first(317, 1);
	const planar = first(284, 1);
	const orientation = first(274, 1);
	if (![1, 2, 3, 4, 5, 32773, 8, 32946].includes(compression)) {
		throw new ImageError('unsupported', `TIFF compression ${compression} is not decoded (none, CCITT fax, PackBits, LZW and Deflate are).`);
	}
	if (planar !== 1 && samples > 1) throw new ImageError('unsupported', 'Planar TIFF images are not decoded.');
	if (![0, 1, 2, 3].includes(photometric)) {
		throw new ImageError('unsupported', `TIFF photometric interpretation ${photometric} is not decoded.`);
	}
	if (![1, 2, 4, 8, 16].includes(bits) || (photometric === 2 && bits < 8) || samples < 1 || samples > 8) {
		throw new ImageError('unsupported', `TIFF with ${samples} samples of ${bits} bits is not decoded.`);
	}
	if (photometric === 3 && bits > 8) throw new ImageError('unsupported', 'A 16-bit palette TIFF is not decoded.');
	if (photometric === 2 && samples < 3) throw new ImageError('corrupt', 'An RGB TIFF has fewer than 3 samples.');
	const offsets = tags.get(273);
	const counts = tags.get(279);
	if (!offsets || !offsets.length) throw new ImageError('corrupt', 'The TIFF has no strips.');
	const rowsPerStrip = Math.min(first(278, height), height);
	const rowBytes = Math.ceil((width * samples * bits) / 8);
	if (rowBytes * height > MAX_RAW_BYTES) {
		throw new ImageError('too-large', `The TIFF's ${width}×${height} samples would take more than ${MAX_RAW_BYTES} bytes.`);
	}
	const little = bytes[0] === 0x49;
	// 16-bit samples are read as their high byte: 8 bits of gray are all a QR code needs.
	const outBits = bits === 16 ? 8 : bits;
	const lineBytes = bits === 16 ? rowBytes / 2 : rowBytes;

	const out = new Uint8Array(width * height);
	const colormap = tags.get(320);
	const extraAlpha = samples > (photometric === 2 ? 3 : 1) && [1, 2].includes(tags.get(338)?.[0] ?? 0);
	let row = 0;
	for (let strip = 0; strip < offsets.length && row < height; strip++) {
		const start = offsets[strip];
		const length = counts?.[strip] ?? bytes.length - start;
		if (start >= bytes.length) throw new ImageError('truncated', 'The TIFF ends before one of its strips.');
		const raw = bytes.subarray(start, Math.min(bytes.length, start + length));
		const rows = Math.min(rowsPerStrip, height - row);
		const fax: CcittOptions | null =
			compression >= 2 && compression <= 4
				? {
						k: compression === 4 ? -1 : compression === 3 && (first(292, 0) & 1) === 1 ? 1 : 0,
						columns: width,
						rows,
						encodedByteAlign: compression === 3 && (first(292, 0) & 4) === 4,
						rle: compression === 2,
						maxBytes: rows * rowBytes,
					}
				: null;
		if (fax && (samples !== 1 || bits !== 1)) throw new ImageError('corrupt', 'A fax-compressed TIFF is not 1-bit.');
		const input = first(266, 1) === 2 ? reverseBits(raw) : raw;
		let data = fax ? decodeCcitt(input, fax).data : decompress(input, compression, rows * rowBytes);
		if (data.length < rows * rowBytes) {
			if (start + length > bytes.length) throw new ImageError('truncated', 'The TIFF ends inside a strip.');
			throw new ImageError('corrupt', 'A TIFF strip holds fewer rows than it should.');
		}
		if (predictor === 2) data = horizontalPredict(data, rowBytes, samples, bits);
		if (bits === 16) data = highBytes(data.subarray(0, rows * rowBytes), little);
		for (let r = 0; r < rows; r++, row++) {
			const line = data.subarray(r * lineBytes, (r + 1) * lineBytes);
			const at = row * width;
			for (let x = 0; x < width; x++) {
				out[at + x] = pixel(line, x, samples, outBits, photometric, colormap, extraAlpha);
			}
		}
	}
	if (row < height) throw new ImageError('truncated', 'The TIFF has fewer strips than rows.');
	return { image: { width, height, data: out }, orientation };
}

function sample(line: Uint8Array, index: number, bits: number): number {
	if (bits === 8) return line[index];
	const bit = index * bits;
	const value = (line[bit >> 3] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
	return Math.round((value * 255) / ((1 << bits) - 1));
}

function pixel(
	line: Uint8Array,
	x: number,
	samples: number,
	bits: number,
	photometric: number,
	colormap: number[] | undefined,
	alpha: boolean,
): number {
	const base = x * samples;
	if (photometric === 3) {
		const index = bits === 8 ? line[base] : rawSample(line, base, bits);
		const levels = 1 << bits;
		if (!colormap || colormap.length < 3 * levels) return 0;
		return luma(colormap[index] >> 8, colormap[levels + index] >> 8, colormap[2 * levels + index] >> 8);
	}
	if (photometric === 2) {
		const gray = luma(sample(line, base, bits), sample(line, base + 1, bits), sample(line, base + 2, bits));
		return alpha ? overWhite(gray, sample(line, base + 3, bits)) : gray;
	}
	const value = sample(line, base, bits);
	const gray = photometric === 0 ? 255 - value : value;
	return alpha ? overWhite(gray, sample(line, base + 1, bits)) : gray;
}

function rawSample(line: Uint8Array, index: number, bits: number): number {
	const bit = index * bits;
	return (line[bit >> 3] >> (8 - bits - (bit & 7))) & ((1 << bits) - 1);
}

function decompress(raw: Uint8Array, compression: number, size: number): Uint8Array {
	if (compression === 1) return raw;
	if (compression === 32773) return packBits(raw, size);
	if (compression === 5) return lzw(raw, size);
	const inflated = attempt(() => inflateZlib(raw, size));
	if (!isFailure(inflated)) return inflated;
	const error = inflated.failure;
	if (error instanceof InflateError) throw new ImageError(error.reason, `A TIFF strip cannot be inflated: ${error.message}`);
	throw error;
}

function packBits(raw: Uint8Array, size: number): Uint8Array {
	// A two-byte run expands to at most 128 bytes: no more room than the input can fill.
	const out = new Uint8Array(Math.min(size, Math.ceil(raw.length / 2) * 128 + 128));
	const limit = out.length;
	let pos = 0;
	let at = 0;
	while (pos < raw.length && at < limit) {
		const n = raw[pos++];
		if (n < 128) {
			const count = Math.min(n + 1, limit - at, raw.length - pos);
			out.set(raw.subarray(pos, pos + count), at);
			pos += n + 1;
			at += count;
		} else if (n > 128) {
			if (pos >= raw.length) break;
			const count = Math.min(257 - n, limit - at);
			out.fill(raw[pos++], at, at + count);
			at += count;
		}
	}
	return out.subarray(0, at);
}

/** TIFF LZW (MSB-first codes of 9–12 bits, early change), output capped at the strip's size. */
function lzw(raw: Uint8Array, size: number): Uint8Array {
	if (raw.length >= 2 && raw[0] === 0 && (raw[1] & 1) === 1) {
		throw new ImageError('unsupported', 'Old-style (pre-6.0) TIFF LZW is not decoded.');
	}
	// A 9-bit code writes at most 4096 bytes: no more room than the input can fill.
	const out = new Uint8Array(Math.min(size, Math.ceil((raw.length * 8) / 9) * 4096 + 4096));
	let at = 0;
	const whole = decodeLzw(raw, 1, (bytes, length) => {
		const room = Math.min(length, out.length - at);
		out.set(bytes.subarray(0, room), at);
		at += room;
		return at < out.length;
	});
	if (!whole) throw new ImageError('corrupt', 'A TIFF LZW strip holds a code outside its table.');
	return out.subarray(0, at);
}

function reverseBits(data: Uint8Array): Uint8Array {
	const out = new Uint8Array(data.length);
	for (let i = 0; i < data.length; i++) {
		let byte = data[i];
		byte = ((byte & 0xf0) >> 4) | ((byte & 0x0f) << 4);
		byte = ((byte & 0xcc) >> 2) | ((byte & 0x33) << 2);
		out[i] = ((byte & 0xaa) >> 1) | ((byte & 0x55) << 1);
	}
	return out;
}

function highBytes(data: Uint8Array, little: boolean): Uint8Array {
	const out = new Uint8Array(data.length >> 1);
	for (let i = 0; i < out.length; i++) out[i] = data[i * 2 + (little ? 1 : 0)];
	return out;
}

function horizontalPredict(data: Uint8Array, rowBytes: number, samples: number, bits: number): Uint8Array {
	if (bits !== 8) return data;
	const out = data.slice();
	for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
		for (let i = samples; i < rowBytes; i++) out[row + i] = (out[row + i] + out[row + i - samples]) & 0xff;
	}
	return out;
}
