/**
 * Windows BMP to gray: 1/4/8-bit palette, 16/24/32-bit (BI_RGB and BI_BITFIELDS), bottom-up and
 * top-down, and RLE8/RLE4. Alpha in 32-bit files is ignored: most writers leave it zero.
 */
import { DEFAULT_MAX_PIXELS, ImageError } from './errors';
import { type GrayImage, luma } from './gray';

export function isBmp(bytes: Uint8Array): boolean {
	return bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d;
}

interface BmpHeader {
	width: number;
	height: number;
	topDown: boolean;
	bitCount: number;
	compression: number;
	dataOffset: number;
	headerSize: number;
	paletteEntries: number;
	masks: [number, number, number];
}

function u16(b: Uint8Array, at: number): number {
	return b[at] | (b[at + 1] << 8);
}

function u32(b: Uint8Array, at: number): number {
	return (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24)) >>> 0;
}

function i32(b: Uint8Array, at: number): number {
	return b[at] | (b[at + 1] << 8) | (b[at + 2] << 16) | (b[at + 3] << 24);
}

export function bmpHeader(bytes: Uint8Array): BmpHeader {
	if (!isBmp(bytes)) throw new ImageError('corrupt', 'The data is not a BMP.');
	const dataOffset = u32(bytes, 10);
	const headerSize = u32(bytes, 14);
	let width: number;
	let height: number;
	let bitCount: number;
	let compression = 0;
	let paletteEntries = 0;
	if (headerSize === 12) {
		width = u16(bytes, 18);
		height = u16(bytes, 20);
		bitCount = u16(bytes, 24);
	} else if (headerSize >= 40 && headerSize <= 256) {
		if (bytes.length < 14 + 40) throw new ImageError('truncated', 'The BMP ends inside its header.');
		width = i32(bytes, 18);
		height = i32(bytes, 22);
		bitCount = u16(bytes, 28);
		compression = u32(bytes, 30);
		paletteEntries = u32(bytes, 46);
	} else {
		throw new ImageError('corrupt', 'The BMP header has an unknown size.');
	}
	const topDown = height < 0;
	height = Math.abs(height);
	if (width <= 0 || height <= 0) throw new ImageError('corrupt', 'The BMP has a zero or negative width or height.');
	if (![1, 4, 8, 16, 24, 32].includes(bitCount)) throw new ImageError('unsupported', `A ${bitCount}-bit BMP is not decoded.`);
	let masks: [number, number, number] =
		bitCount === 16 ? [0x7c00, 0x03e0, 0x001f] : [0x00ff0000, 0x0000ff00, 0x000000ff];
	if (compression === 3 || compression === 6) {
		const at = headerSize >= 52 ? 54 : 14 + headerSize;
		if (bytes.length < at + 12) throw new ImageError('truncated', 'The BMP ends before its colour masks.');
		masks = [u32(bytes, at), u32(bytes, at + 4), u32(bytes, at + 8)];
		compression = 0;
	}
	if (compression !== 0 && !(compression === 1 && bitCount === 8) && !(compression === 2 && bitCount === 4)) {
		throw new ImageError('unsupported', `BMP compression ${compression} is not decoded.`);
	}
	return { width, height, topDown, bitCount, compression, dataOffset, headerSize, paletteEntries, masks };
}

/** A channel by its bit mask, scaled to 0–255. */
function channel(value: number, mask: number): number {
	if (!mask) return 0;
	let shift = 0;
	while (((mask >>> shift) & 1) === 0) shift++;
	const max = mask >>> shift;
	return Math.round((((value & mask) >>> shift) * 255) / max);
}

export function decodeBmp(bytes: Uint8Array, maxPixels = DEFAULT_MAX_PIXELS): GrayImage {
	const header = bmpHeader(bytes);
	const { width, height, topDown, bitCount, compression, dataOffset } = header;
	if (width * height > maxPixels) {
		throw new ImageError('too-large', `The BMP is ${width}×${height} pixels, over the limit of ${maxPixels}.`);
	}
	// Palette: BGRx (BGR for the old 12-byte header), right after the header.
	const paletteAt = 14 + header.headerSize;
	const entrySize = header.headerSize === 12 ? 3 : 4;
	const levels = bitCount <= 8 ? 1 << bitCount : 0;
	const count = levels ? Math.min(levels, header.paletteEntries || levels) : 0;
	const palette = new Uint8Array(levels);
	for (let i = 0; i < count; i++) {
		const p = paletteAt + i * entrySize;
		if (p + 3 > bytes.length) throw new ImageError('truncated', 'The BMP ends inside its palette.');
		palette[i] = luma(bytes[p + 2], bytes[p + 1], bytes[p]);
	}
	if (dataOffset >= bytes.length) throw new ImageError('truncated', 'The BMP ends before its pixels.');
	const out = new Uint8Array(width * height);
	if (compression === 1 || compression === 2) {
		decodeRle(bytes, dataOffset, compression === 1 ? 8 : 4, palette, out, width, height, topDown);
		return { width, height, data: out };
	}
	const stride = Math.ceil((width * bitCount) / 32) * 4;
	const [rMask, gMask, bMask] = header.masks;
	for (let row = 0; row < height; row++) {
		const start = dataOffset + row * stride;
		if (start + Math.ceil((width * bitCount) / 8) > bytes.length) {
			throw new ImageError('truncated', 'The BMP ends before its last row.');
		}
		const y = topDown ? row : height - 1 - row;
		const at = y * width;
		for (let x = 0; x < width; x++) {
			let value: number;
			if (bitCount === 24) {
				const p = start + x * 3;
				value = luma(bytes[p + 2], bytes[p + 1], bytes[p]);
			} else if (bitCount === 32) {
				const v = u32(bytes, start + x * 4);
				value = luma(channel(v, rMask), channel(v, gMask), channel(v, bMask));
			} else if (bitCount === 16) {
				const v = u16(bytes, start + x * 2);
				value = luma(channel(v, rMask), channel(v, gMask), channel(v, bMask));
			} else {
				const bit = x * bitCount;
				value = palette[(bytes[start + (bit >> 3)] >> (8 - bitCount - (bit & 7))) & (levels - 1)];
			}
			out[at + x] = value;
		}
	}
	return { width, height, data: out };
}

function decodeRle(
	bytes: Uint8Array,
	start: number,
	bits: 4 | 8,
	palette: Uint8Array,
	out: Uint8Array,
	width: number,
	height: number,
	topDown: boolean,
): void {
	out.fill(palette[0]);
	let x = 0;
	let row = 0;
	let pos = start;
	const put = (index: number) => {
		if (x < width && row < height) out[(topDown ? row : height - 1 - row) * width + x] = palette[index] ?? 0;
		x++;
	};
	while (pos + 1 < bytes.length) {
		// Every row written (the end-of-bitmap code may follow or not).
		if (row >= height) return;
		const n = bytes[pos];
		const value = bytes[pos + 1];
		pos += 2;
		if (n > 0) {
			for (let i = 0; i < n; i++) put(bits === 8 ? value : i & 1 ? value & 15 : value >> 4);
			continue;
		}
		if (value === 0) {
			x = 0;
			row++;
		} else if (value === 1) {
			return;
		} else if (value === 2) {
			if (pos + 1 >= bytes.length) break;
			x += bytes[pos];
			row += bytes[pos + 1];
			pos += 2;
		} else {
			const length = bits === 8 ? value : Math.ceil(value / 2);
			if (pos + length > bytes.length) break;
			for (let i = 0; i < value; i++) {
				put(bits === 8 ? bytes[pos + i] : i & 1 ? bytes[pos + (i >> 1)] & 15 : bytes[pos + (i >> 1)] >> 4);
			}
			pos += length + (length & 1);
		}
	}
	throw new ImageError('truncated', 'The BMP run-length data ends before its end marker.');
}
