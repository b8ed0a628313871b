/** Helpers for the image decoder tests: reference images, comparisons, a PNG writer, and EXIF insertion. */
import { cpuTimed, deflateSync, readFileSync, REPO_ROOT } from '../../support/node';

import type { GrayImage } from '../../../nodes/shared/formats/image';
import { concatBytes } from '../../../nodes/shared/formats/bytes';

export const FIXTURES = `${REPO_ROOT}/test/fixtures/images`;

export function fixture(name: string): Uint8Array {
	return new Uint8Array(readFileSync(`${FIXTURES}/${name}`));
}

/** BT.601 luma as the tests define it (the decoder must agree to within rounding). */
export function lumaOf(r: number, g: number, b: number): number {
	return Math.round(0.299 * r + 0.587 * g + 0.114 * b);
}

/** A binary PGM (P5) or PPM (P6) as gray; PPM through `lumaOf`. */
export function readPnm(bytes: Uint8Array): GrayImage {
	const header = Buffer.from(bytes.subarray(0, 64)).toString('latin1');
	const match = /^P([56])\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(header);
	if (!match) throw new Error('not a binary PNM');
	const width = Number(match[2]);
	const height = Number(match[3]);
	const channels = match[1] === '6' ? 3 : 1;
	const body = bytes.subarray(match[0].length);
	const data = new Uint8Array(width * height);
	for (let i = 0; i < width * height; i++) {
		data[i] = channels === 1 ? body[i] : lumaOf(body[i * 3], body[i * 3 + 1], body[i * 3 + 2]);
	}
	return { width, height, data };
}

export interface Difference {
	mean: number;
	max: number;
}

/** Mean and largest absolute difference of two same-size images. */
export function difference(a: GrayImage, b: GrayImage): Difference {
	expect([a.width, a.height]).toEqual([b.width, b.height]);
	let sum = 0;
	let max = 0;
	for (let i = 0; i < a.data.length; i++) {
		const d = Math.abs(a.data[i] - b.data[i]);
		sum += d;
		if (d > max) max = d;
	}
	return { mean: sum / a.data.length, max };
}

/** Averages `scale × scale` boxes (partial at the right and bottom edges). */
export function boxDownsample(image: GrayImage, scale: number): GrayImage {
	const width = Math.ceil(image.width / scale);
	const height = Math.ceil(image.height / scale);
	const data = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let sum = 0;
			let count = 0;
			for (let yy = y * scale; yy < Math.min(image.height, (y + 1) * scale); yy++) {
				for (let xx = x * scale; xx < Math.min(image.width, (x + 1) * scale); xx++) {
					sum += image.data[yy * image.width + xx];
					count++;
				}
			}
			data[y * width + x] = Math.round(sum / count);
		}
	}
	return { width, height, data };
}

export function crop(image: GrayImage, x: number, y: number, width: number, height: number): GrayImage {
	const data = new Uint8Array(width * height);
	for (let row = 0; row < height; row++) {
		data.set(image.data.subarray((y + row) * image.width + x, (y + row) * image.width + x + width), row * width);
	}
	return { width, height, data };
}

/** Rotates 90° clockwise. */
export function rotateClockwise(image: GrayImage): GrayImage {
	const { width, height } = image;
	const data = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) data[x * height + (height - 1 - y)] = image.data[y * width + x];
	}
	return { width: height, height: width, data };
}

/** Mirrors left to right. */
export function mirror(image: GrayImage): GrayImage {
	const { width, height } = image;
	const data = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) data[y * width + (width - 1 - x)] = image.data[y * width + x];
	}
	return { width, height, data };
}

/** What a viewer shows for a stored image with this EXIF orientation (from the EXIF 2.3 table). */
export function viewAsOriented(stored: GrayImage, orientation: number): GrayImage {
	const turns = (image: GrayImage, count: number) => {
		let out = image;
		for (let i = 0; i < count; i++) out = rotateClockwise(out);
		return out;
	};
	switch (orientation) {
		case 2:
			return mirror(stored);
		case 3:
			return turns(stored, 2);
		case 4:
			return mirror(turns(stored, 2));
		case 5:
			return mirror(turns(stored, 1));
		case 6:
			return turns(stored, 1);
		case 7:
			return mirror(turns(stored, 3));
		case 8:
			return turns(stored, 3);
		default:
			return stored;
	}
}

/** A JPEG with an EXIF APP1 segment (big-endian TIFF, one IFD entry: Orientation) right after SOI. */
export function withExifOrientation(jpeg: Uint8Array, orientation: number): Uint8Array {
	const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0];
	const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
	const length = body.length + 2;
	const segment = [0xff, 0xe1, length >> 8, length & 0xff, ...body];
	const out = new Uint8Array(jpeg.length + segment.length);
	out.set(jpeg.subarray(0, 2));
	out.set(segment, 2);
	out.set(jpeg.subarray(2), 2 + segment.length);
	return out;
}

// ---- PNG writer ---------------------------------------------------------------------------------

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

function crc32(bytes: Uint8Array): number {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

export function pngChunk(type: string, body: Uint8Array): Uint8Array {
	const out = new Uint8Array(12 + body.length);
	const view = new DataView(out.buffer);
	view.setUint32(0, body.length);
	for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
	out.set(body, 8);
	view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
	return out;
}

// The package's own, for the tests that build files from parts.
export { concatBytes };

export const PNG_SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngHeaderChunk(width: number, height: number, bitDepth: number, colorType: number, interlace = 0): Uint8Array {
	const body = new Uint8Array(13);
	const view = new DataView(body.buffer);
	view.setUint32(0, width);
	view.setUint32(4, height);
	body[8] = bitDepth;
	body[9] = colorType;
	body[12] = interlace;
	return pngChunk('IHDR', body);
}

export interface PngSpec {
	width: number;
	height: number;
	colorType: 0 | 2 | 3 | 4 | 6;
	bitDepth: 1 | 2 | 4 | 8 | 16;
	interlaced: boolean;
	/** Sample `c` of pixel (x, y), in 0 … 2^bitDepth − 1. */
	sample: (x: number, y: number, c: number) => number;
	palette?: Uint8Array;
	transparency?: Uint8Array;
}

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;
const ADAM7 = [
	[0, 0, 8, 8],
	[4, 0, 8, 8],
	[0, 4, 4, 8],
	[2, 0, 4, 4],
	[0, 2, 2, 4],
	[1, 0, 2, 2],
	[0, 1, 1, 2],
];

/** A PNG from a sample function: every row filtered with a different filter type (0–4 in turn). */
export function encodePng(spec: PngSpec): Uint8Array {
	const channels = CHANNELS[spec.colorType];
	const bitsPerPixel = channels * spec.bitDepth;
	const bpp = Math.max(1, bitsPerPixel >> 3);
	const passes = spec.interlaced ? ADAM7 : [[0, 0, 1, 1]];
	const raw: number[] = [];
	let rowNumber = 0;
	for (const [x0, y0, dx, dy] of passes) {
		const passWidth = Math.ceil((spec.width - x0) / dx);
		const passHeight = Math.ceil((spec.height - y0) / dy);
		if (passWidth <= 0 || passHeight <= 0) continue;
		const rowBytes = Math.ceil((passWidth * bitsPerPixel) / 8);
		let previous = new Uint8Array(rowBytes);
		for (let r = 0; r < passHeight; r++) {
			const row = new Uint8Array(rowBytes);
			const y = y0 + r * dy;
			for (let i = 0; i < passWidth; i++) {
				const x = x0 + i * dx;
				for (let c = 0; c < channels; c++) {
					const value = spec.sample(x, y, c);
					const index = i * channels + c;
					if (spec.bitDepth === 16) {
						row[index * 2] = value >> 8;
						row[index * 2 + 1] = value & 0xff;
					} else if (spec.bitDepth === 8) {
						row[index] = value;
					} else {
						const bit = index * spec.bitDepth;
						row[bit >> 3] |= value << (8 - spec.bitDepth - (bit & 7));
					}
				}
			}
			const filter = rowNumber++ % 5;
			raw.push(filter);
			for (let i = 0; i < rowBytes; i++) {
				const a = i >= bpp ? row[i - bpp] : 0;
				const b = previous[i];
				const c = i >= bpp ? previous[i - bpp] : 0;
				let predicted = 0;
				if (filter === 1) predicted = a;
				else if (filter === 2) predicted = b;
				else if (filter === 3) predicted = (a + b) >> 1;
				else if (filter === 4) {
					const p = a + b - c;
					const pa = Math.abs(p - a);
					const pb = Math.abs(p - b);
					const pc = Math.abs(p - c);
					predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
				}
				raw.push((row[i] - predicted) & 0xff);
			}
			previous = row;
		}
	}
	const chunks = [PNG_SIGNATURE, pngHeaderChunk(spec.width, spec.height, spec.bitDepth, spec.colorType, spec.interlaced ? 1 : 0)];
	if (spec.palette) chunks.push(pngChunk('PLTE', spec.palette));
	if (spec.transparency) chunks.push(pngChunk('tRNS', spec.transparency));
	chunks.push(pngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(raw)))));
	chunks.push(pngChunk('IEND', new Uint8Array(0)));
	return concatBytes(chunks);
}

/** Milliseconds `run` takes. */
export function timed<T>(run: () => T): { value: T; ms: number } {
	const { result, error, cpuMs } = cpuTimed(run);
	if (error !== undefined) throw error;
	return { value: result as T, ms: cpuMs };
}
