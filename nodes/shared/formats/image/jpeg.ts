/**
 * JPEG (ITU T.81) to gray, after pdf.js's `jpg.js` split: markers → frame and tables → scans
 * (baseline and progressive Huffman) → dequantize + IDCT → planes → luma.
 *
 * Built for reading QR codes off photos cheaply:
 * - only the components luma needs are transformed: Y for YCbCr (no colour conversion at all),
 *   Y and K for Adobe YCCK, all three or four for RGB and plain CMYK; scans of other components are
 *   skipped without Huffman decoding when they stand alone;
 * - scaled IDCT (1/2, 1/4, 1/8): an N-point inverse transform of the low N×N coefficients whose
 *   kernel is the exact box average of the 8-point one, so scale 4 equals a full decode averaged over
 *   4×4 boxes up to the dropped high frequencies; 1/8 uses DC only;
 * - a region transforms only the blocks under it, and every scan stops after its last row;
 * - baseline decodes block by block into the output planes (no coefficient buffers); progressive
 *   keeps the coefficients of the components it needs.
 * Truncated data decodes as far as it goes (the rest stays mid-gray); arithmetic coding, lossless
 * and 12-bit JPEGs are `unsupported`.
 */
import { DEFAULT_MAX_PIXELS, ImageError } from './errors';
import { type GrayImage, luma, type Rect, scaledRect } from './gray';
import { readExifOrientation } from './tiff';

export function isJpeg(bytes: Uint8Array): boolean {
	return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

// Zigzag order → natural (row-major) position.
const ZIGZAG = new Uint8Array([
	0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21,
	28, 35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61,
	54, 47, 55, 62, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
]);

const LOOKAHEAD = 9;

interface HuffmanTable {
	/** By the next 9 bits: `length << 8 | symbol`, 0 when the code is longer. */
	lookup: Uint16Array;
	/** Largest code of each length (−1: none), for codes longer than the lookahead. */
	maxCode: Int32Array;
	/** `symbols` index of the first code of each length, minus that code. */
	offset: Int32Array;
	symbols: Uint8Array;
	/** AC only, by the next 9 bits: run, value and total bits of a short code plus its value bits. */
	fastAc: Int32Array;
}

function buildHuffman(counts: Uint8Array, symbols: Uint8Array): HuffmanTable {
	const lookup = new Uint16Array(1 << LOOKAHEAD);
	const maxCode = new Int32Array(18).fill(-1);
	const offset = new Int32Array(18);
	let code = 0;
	let index = 0;
	for (let length = 1; length <= 16; length++) {
		const count = counts[length - 1];
		offset[length] = index - code;
		for (let i = 0; i < count; i++, code++, index++) {
			if (code >= 1 << length) throw new ImageError('corrupt', 'A JPEG Huffman table is over-subscribed.');
			if (length <= LOOKAHEAD) {
				const shift = LOOKAHEAD - length;
				const entry = (length << 8) | symbols[index];
				for (let fill = code << shift, end = (code + 1) << shift; fill < end; fill++) lookup[fill] = entry;
			}
		}
		if (count) maxCode[length] = code - 1;
		code <<= 1;
	}
	maxCode[17] = 0x7fffffff; // a sentinel: decoding fails at 17 bits
	const fastAc = new Int32Array(1 << LOOKAHEAD);
	for (let peek = 0; peek < 1 << LOOKAHEAD; peek++) {
		const entry = lookup[peek];
		if (!entry) continue;
		const length = entry >> 8;
		const rs = entry & 0xff;
		const size = rs & 15;
		if (size === 0 || length + size > LOOKAHEAD) continue;
		const raw = (peek >> (LOOKAHEAD - length - size)) & ((1 << size) - 1);
		const value = raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
		fastAc[peek] = (value * 256) | ((rs >> 4) << 4) | (length + size);
	}
	return { lookup, maxCode, offset, symbols, fastAc };
}

interface Component {
	id: number;
	h: number;
	v: number;
	quantTable: number;
	/** Blocks across/down the component itself and across/down its MCU-padded grid. */
	blocksPerLine: number;
	blocksPerColumn: number;
	paddedBlocksPerLine: number;
	paddedBlocksPerColumn: number;
	dcTable: HuffmanTable | null;
	acTable: HuffmanTable | null;
	pred: number;
	/** Needed for luma. */
	wanted: boolean;
	/** Block range transformed (region), the plane it goes to (N = 8/scale pixels per block side). */
	bx0: number;
	bx1: number;
	by0: number;
	by1: number;
	plane: Uint8ClampedArray;
	planeWidth: number;
	/** Progressive: quantized coefficients, 64 per block of the padded grid. */
	coefficients: Int16Array | null;
}

interface Frame {
	width: number;
	height: number;
	progressive: boolean;
	components: Component[];
	hMax: number;
	vMax: number;
	mcusPerLine: number;
	mcusPerColumn: number;
}

export interface JpegInfo {
	width: number;
	height: number;
	orientation: number;
	progressive: boolean;
	components: number;
}

function u16(bytes: Uint8Array, at: number): number {
	return (bytes[at] << 8) | bytes[at + 1];
}

/** Header only: reads markers up to the frame header; throws `ImageError`. */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
	if (!isJpeg(bytes)) throw new ImageError('corrupt', 'The data is not a JPEG.');
	let orientation = 1;
	let pos = 2;
	while (pos + 4 <= bytes.length) {
		if (bytes[pos] !== 0xff) throw new ImageError('corrupt', 'The JPEG has garbage between its markers.');
		const marker = bytes[pos + 1];
		if (marker === 0xff) {
			pos++;
			continue;
		}
		if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
			pos += 2;
			continue;
		}
		const length = u16(bytes, pos + 2);
		if (length < 2) throw new ImageError('corrupt', 'A JPEG marker segment has an impossible length.');
		const body = pos + 4;
		if (marker === 0xe1 && isExif(bytes, body)) orientation = readExifOrientation(bytes.subarray(body + 6, pos + 2 + length));
		if (isFrameMarker(marker)) {
			if (body + 6 > bytes.length) break;
			checkFrameMarker(marker);
			return {
				width: u16(bytes, body + 3),
				height: u16(bytes, body + 1),
				orientation,
				progressive: marker === 0xc2,
				components: bytes[body + 5],
			};
		}
		if (marker === 0xda || marker === 0xd9) break;
		pos += 2 + length;
	}
	throw new ImageError('truncated', 'The JPEG ends before its frame header.');
}

function isExif(bytes: Uint8Array, at: number): boolean {
	return bytes[at] === 0x45 && bytes[at + 1] === 0x78 && bytes[at + 2] === 0x69 && bytes[at + 3] === 0x66 && bytes[at + 4] === 0;
}

function isFrameMarker(marker: number): boolean {
	return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

function checkFrameMarker(marker: number): void {
	if (marker === 0xc3 || marker === 0xc7 || marker === 0xcb || marker === 0xcf) {
		throw new ImageError('unsupported', 'Lossless JPEG is not decoded.');
	}
	if (marker >= 0xc9) throw new ImageError('unsupported', 'Arithmetic-coded JPEG is not decoded.');
	if (marker === 0xc5 || marker === 0xc6 || marker === 0xc7) {
		throw new ImageError('unsupported', 'Hierarchical JPEG is not decoded.');
	}
}

export interface JpegDecodeOptions {
	scale: 1 | 2 | 4 | 8;
	/** In stored (not upright) full-scale pixels, already clipped to the image. */
	region: Rect;
	maxPixels?: number;
}

/** Bits past the end of the data (or past a marker) fed as zeros before a scan is called truncated. */
const MAX_PADDING_BYTES = 256;

/**
 * A scan's entropy-coded data, unstuffed up front (`FF 00` → `FF`, fill bytes dropped) so the bit
 * reader's hot path is a plain byte read; `restarts` are where each RSTn interval starts in it.
 */
interface EntropyData {
	data: Uint8Array;
	length: number;
	restarts: number[];
	/** Where the scan's data ends in the file (the next marker that is not RSTn). */
	end: number;
}

function unstuff(bytes: Uint8Array, start: number): EntropyData {
	const end = skipEntropyData(bytes, start);
	const data = new Uint8Array(end - start + 8);
	const restarts: number[] = [];
	let length = 0;
	let pos = start;
	while (pos < end) {
		let next = bytes.indexOf(0xff, pos);
		if (next < 0 || next >= end) next = end;
		data.set(bytes.subarray(pos, next), length);
		length += next - pos;
		pos = next;
		if (pos >= end) break;
		const marker = pos + 1 < bytes.length ? bytes[pos + 1] : 0;
		if (marker === 0) {
			data[length++] = 0xff;
			pos += 2;
		} else if (marker === 0xff) {
			pos++;
		} else {
			// RSTn (skipEntropyData stops at any other marker).
			restarts.push(length);
			pos += 2;
		}
	}
	return { data, length, restarts, end };
}

/** Reads entropy-coded bits, MSB first, from unstuffed data; zeros past its end. */
class BitReader {
	private pos = 0;
	private buffer = 0;
	private count = 0;
	private padding = 0;
	private nextRestart = 0;
	private readonly data: Uint8Array;
	private readonly length: number;

	constructor(private readonly entropy: EntropyData) {
		this.data = entropy.data;
		this.length = entropy.length;
	}

	private fill(): void {
		const data = this.data;
		while (this.count <= 24) {
			let byte = 0;
			if (this.pos < this.length) byte = data[this.pos++];
			else this.padding++;
			this.buffer = (this.buffer << 8) | byte;
			this.count += 8;
		}
	}

	get exhausted(): boolean {
		return this.padding > MAX_PADDING_BYTES;
	}

	bit(): number {
		if (this.count < 1) this.fill();
		this.count--;
		return (this.buffer >>> this.count) & 1;
	}

	/** `n` bits as a signed value (T.81 EXTEND). */
	extend(n: number): number {
		if (n === 0) return 0;
		if (this.count < n) this.fill();
		this.count -= n;
		const value = (this.buffer >>> this.count) & ((1 << n) - 1);
		return value < 1 << (n - 1) ? value - (1 << n) + 1 : value;
	}

	decode(table: HuffmanTable): number {
		if (this.count < 16) this.fill();
		const entry = table.lookup[(this.buffer >>> (this.count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)];
		if (entry) {
			this.count -= entry >> 8;
			return entry & 0xff;
		}
		return this.decodeLong(table);
	}

	private decodeLong(table: HuffmanTable): number {
		let length = LOOKAHEAD + 1;
		let code = (this.buffer >>> (this.count - length)) & ((1 << length) - 1);
		while (code > table.maxCode[length]) {
			length++;
			if (length > 16) throw new ImageError('corrupt', 'The JPEG data holds an invalid Huffman code.');
			code = (this.buffer >>> (this.count - length)) & ((1 << length) - 1);
		}
		this.count -= length;
		const index = table.offset[length] + code;
		if (index < 0 || index >= table.symbols.length) {
			throw new ImageError('corrupt', 'The JPEG data holds an invalid Huffman code.');
		}
		return table.symbols[index];
	}

	/**
	 * A baseline block's AC coefficients (k = 1…63): zigzag positions and values into the arrays
	 * (when `values` is given; else only read past), returning how many. The hot loop of a decode,
	 * so the reader's state lives in locals here.
	 */
	readAc(table: HuffmanTable, values: Int32Array | null, positions: Uint8Array): number {
		const data = this.data;
		const length = this.length;
		const fastAc = table.fastAc;
		const lookup = table.lookup;
		let buffer = this.buffer;
		let count = this.count;
		let pos = this.pos;
		let padding = this.padding;
		let found = 0;
		for (let k = 1; k < 64; ) {
			if (count < 16) {
				do {
					let byte = 0;
					if (pos < length) byte = data[pos++];
					else padding++;
					buffer = (buffer << 8) | byte;
					count += 8;
				} while (count <= 24);
			}
			const peek = (buffer >>> (count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1);
			const fast = fastAc[peek];
			if (fast) {
				count -= fast & 15;
				k += (fast >> 4) & 15;
				if (k > 63) break;
				if (values) {
					positions[found] = k;
					values[found++] = fast >> 8;
				}
				k++;
				continue;
			}
			let rs: number;
			const entry = lookup[peek];
			if (entry) {
				count -= entry >> 8;
				rs = entry & 0xff;
			} else {
				this.buffer = buffer;
				this.count = count;
				rs = this.decodeLong(table);
				count = this.count;
			}
			const size = rs & 15;
			if (size === 0) {
				if (rs !== 0xf0) break;
				k += 16;
				continue;
			}
			k += rs >> 4;
			if (count < size) {
				do {
					let byte = 0;
					if (pos < length) byte = data[pos++];
					else padding++;
					buffer = (buffer << 8) | byte;
					count += 8;
				} while (count <= 24);
			}
			count -= size;
			const raw = (buffer >>> count) & ((1 << size) - 1);
			if (k > 63) break;
			if (values) {
				positions[found] = k;
				values[found++] = raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw;
			}
			k++;
		}
		this.buffer = buffer;
		this.count = count;
		this.pos = pos;
		this.padding = padding;
		return found;
	}

	/**
	 * One block of a progressive AC first scan (T.81 G.1.2.2): the band's coefficients scaled by
	 * 2^al; returns the EOB run that follows (blocks left with nothing more in this scan).
	 */
	firstAc(table: HuffmanTable, coefficients: Int16Array, offset: number, ss: number, se: number, al: number): number {
		const data = this.data;
		const length = this.length;
		const fastAc = table.fastAc;
		const lookup = table.lookup;
		const scale = 1 << al;
		let buffer = this.buffer;
		let count = this.count;
		let pos = this.pos;
		let padding = this.padding;
		let eobrun = 0;
		for (let k = ss; k <= se; ) {
			if (count < 16) {
				do {
					let byte = 0;
					if (pos < length) byte = data[pos++];
					else padding++;
					buffer = (buffer << 8) | byte;
					count += 8;
				} while (count <= 24);
			}
			const peek = (buffer >>> (count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1);
			const fast = fastAc[peek];
			if (fast) {
				count -= fast & 15;
				k += (fast >> 4) & 15;
				if (k > 63) break;
				coefficients[offset + ZIGZAG[k]] = (fast >> 8) * scale;
				k++;
				continue;
			}
			let rs: number;
			const entry = lookup[peek];
			if (entry) {
				count -= entry >> 8;
				rs = entry & 0xff;
			} else {
				this.buffer = buffer;
				this.count = count;
				rs = this.decodeLong(table);
				count = this.count;
			}
			const size = rs & 15;
			const zeros = rs >> 4;
			if (count < Math.max(size, zeros)) {
				do {
					let byte = 0;
					if (pos < length) byte = data[pos++];
					else padding++;
					buffer = (buffer << 8) | byte;
					count += 8;
				} while (count <= 24);
			}
			if (size === 0) {
				if (zeros < 15) {
					count -= zeros;
					eobrun = ((buffer >>> count) & ((1 << zeros) - 1)) + (1 << zeros) - 1;
					break;
				}
				k += 16;
				continue;
			}
			k += zeros;
			count -= size;
			const raw = (buffer >>> count) & ((1 << size) - 1);
			if (k > 63) break;
			coefficients[offset + ZIGZAG[k]] = (raw < 1 << (size - 1) ? raw - (1 << size) + 1 : raw) * scale;
			k++;
		}
		this.buffer = buffer;
		this.count = count;
		this.pos = pos;
		this.padding = padding;
		return eobrun;
	}

	/**
	 * One block of a progressive AC refinement scan (T.81 G.1.2.3): correction bits for the band's
	 * nonzero coefficients, new ±1 coefficients placed after runs of zero ones. Returns the EOB run
	 * left. The reader's state lives in locals (the hot loop of a progressive decode).
	 */
	refineAc(table: HuffmanTable, coefficients: Int16Array, offset: number, ss: number, se: number, al: number, eobrun: number): number {
		const data = this.data;
		const length = this.length;
		const lookup = table.lookup;
		let buffer = this.buffer;
		let count = this.count;
		let pos = this.pos;
		let padding = this.padding;
		const p1 = 1 << al;
		const m1 = -1 << al;
		let run = eobrun;
		let k = ss;
		if (run <= 0) {
			while (k <= se) {
				if (count < 16) {
					do {
						let byte = 0;
						if (pos < length) byte = data[pos++];
						else padding++;
						buffer = (buffer << 8) | byte;
						count += 8;
					} while (count <= 24);
				}
				let rs: number;
				const entry = lookup[(buffer >>> (count - LOOKAHEAD)) & ((1 << LOOKAHEAD) - 1)];
				if (entry) {
					count -= entry >> 8;
					rs = entry & 0xff;
				} else {
					this.buffer = buffer;
					this.count = count;
					rs = this.decodeLong(table);
					count = this.count;
				}
				const size = rs & 15;
				let zeros = rs >> 4;
				let value = 0;
				if (size === 0) {
					if (zeros < 15) {
						// EOB run: 2^r plus r more bits (r ≤ 14 fits the buffer after a refill).
						if (count < zeros) {
							do {
								let byte = 0;
								if (pos < length) byte = data[pos++];
								else padding++;
								buffer = (buffer << 8) | byte;
								count += 8;
							} while (count <= 24);
						}
						count -= zeros;
						run = ((buffer >>> count) & ((1 << zeros) - 1)) + (1 << zeros);
						break;
					}
				} else {
					if (size !== 1) {
						this.pos = pos;
						throw new ImageError('corrupt', 'A progressive JPEG refinement scan is broken.');
					}
					if (count < 1) {
						do {
							let byte = 0;
							if (pos < length) byte = data[pos++];
							else padding++;
							buffer = (buffer << 8) | byte;
							count += 8;
						} while (count <= 24);
					}
					count--;
					value = (buffer >>> count) & 1 ? p1 : m1;
				}
				// Refine nonzero coefficients on the way; place `value` after `zeros` zero ones.
				while (k <= se) {
					const z = offset + ZIGZAG[k];
					const coefficient = coefficients[z];
					if (coefficient !== 0) {
						if (count < 1) {
							do {
								let byte = 0;
								if (pos < length) byte = data[pos++];
								else padding++;
								buffer = (buffer << 8) | byte;
								count += 8;
							} while (count <= 24);
						}
						count--;
						if ((buffer >>> count) & 1 && (coefficient & p1) === 0) coefficients[z] = coefficient + (coefficient >= 0 ? p1 : m1);
					} else {
						if (zeros === 0) {
							if (value !== 0) coefficients[z] = value;
							k++;
							break;
						}
						zeros--;
					}
					k++;
				}
			}
		}
		if (run > 0) {
			// The rest of the band: only correction bits for the nonzero coefficients.
			for (; k <= se; k++) {
				const z = offset + ZIGZAG[k];
				const coefficient = coefficients[z];
				if (coefficient === 0) continue;
				if (count < 1) {
					do {
						let byte = 0;
						if (pos < length) byte = data[pos++];
						else padding++;
						buffer = (buffer << 8) | byte;
						count += 8;
					} while (count <= 24);
				}
				count--;
				if ((buffer >>> count) & 1 && (coefficient & p1) === 0) coefficients[z] = coefficient + (coefficient >= 0 ? p1 : m1);
			}
			run--;
		}
		this.buffer = buffer;
		this.count = count;
		this.pos = pos;
		this.padding = padding;
		return run;
	}

	/** Drops buffered bits and moves to the next restart interval; false when there is none. */
	restart(): boolean {
		this.buffer = 0;
		this.count = 0;
		this.padding = 0;
		const restarts = this.entropy.restarts;
		if (this.nextRestart >= restarts.length) return false;
		this.pos = restarts[this.nextRestart++];
		return true;
	}
}

/** Position of the next marker that is not RSTn (where a scan's data ends). */
function skipEntropyData(bytes: Uint8Array, start: number): number {
	let pos = start;
	for (;;) {
		pos = bytes.indexOf(0xff, pos);
		if (pos < 0 || pos + 1 >= bytes.length) return bytes.length;
		const next = bytes[pos + 1];
		if (next !== 0 && next !== 0xff && !(next >= 0xd0 && next <= 0xd7)) return pos;
		pos++;
	}
}

// ---- inverse DCT --------------------------------------------------------------------------------

/**
 * N-point kernels, N = 8/scale: `kernel[x * N + u]`. For N < 8 each basis function is scaled by
 * the mean of the 8-point one over the scale-wide box (sin(m·a)/(m·sin a), a = uπ/16), so the result
 * is the box average of the full-size block, minus the dropped frequencies u ≥ N.
 */
function buildKernel(n: number): Float64Array {
	const m = 8 / n;
	const kernel = new Float64Array(n * n);
	for (let x = 0; x < n; x++) {
		for (let u = 0; u < n; u++) {
			const c = u === 0 ? Math.SQRT1_2 : 1;
			const a = (u * Math.PI) / 16;
			const boxMean = u === 0 ? 1 : Math.sin(m * a) / (m * Math.sin(a));
			kernel[x * n + u] = (c / 2) * boxMean * Math.cos(((2 * x + 1) * u * Math.PI) / (2 * n));
		}
	}
	return kernel;
}

const KERNELS: Record<number, Float64Array> = { 8: buildKernel(8), 4: buildKernel(4), 2: buildKernel(2) };

/** AAN scale factors: cos(kπ/16)·√2 (1 for k = 0), folded into the dequantization for the 8×8 transform. */
const AAN_SCALE = Array.from({ length: 8 }, (_, k) => (k === 0 ? 1 : Math.cos((k * Math.PI) / 16) * Math.SQRT2));

/** A quantization table (natural order) pre-multiplied for the AAN transform. */
function aanQuant(quant: Float64Array): Float64Array {
	const out = new Float64Array(64);
	for (let i = 0; i < 64; i++) out[i] = (quant[i] * AAN_SCALE[i >> 3] * AAN_SCALE[i & 7]) / 8;
	return out;
}

/**
 * Coefficients (natural order, 64, dequantized; for N = 8 with the AAN factors folded in) → N×N
 * pixels into a clamping plane at `at` (stride `stride`). `work` holds 64 intermediate values.
 */
function inverseDct(block: Float64Array, n: number, out: Uint8ClampedArray, at: number, stride: number, work: Float64Array): void {
	if (n === 8) {
		inverseDct8(block, out, at, stride, work);
		return;
	}
	if (n === 1) {
		out[at] = block[0] / 8 + 128;
		return;
	}
	const kernel = KERNELS[n];
	// Columns first: for each kept column u, N outputs along y from the rows v < N.
	for (let u = 0; u < n; u++) {
		let nonzero = false;
		for (let v = 1; v < n; v++) {
			if (block[v * 8 + u] !== 0) {
				nonzero = true;
				break;
			}
		}
		if (!nonzero) {
			const value = block[u] * kernel[0];
			for (let y = 0; y < n; y++) work[y * 8 + u] = value;
			continue;
		}
		for (let y = 0; y < n; y++) {
			let sum = 0;
			const k = y * n;
			for (let v = 0; v < n; v++) sum += kernel[k + v] * block[v * 8 + u];
			work[y * 8 + u] = sum;
		}
	}
	for (let y = 0; y < n; y++) {
		const row = y * 8;
		const target = at + y * stride;
		for (let x = 0; x < n; x++) {
			let sum = 128;
			const k = x * n;
			for (let u = 0; u < n; u++) sum += kernel[k + u] * work[row + u];
			out[target + x] = sum;
		}
	}
}

/** The 8×8 float AAN inverse transform (libjpeg's jidctflt): columns, then rows. */
function inverseDct8(block: Float64Array, out: Uint8ClampedArray, at: number, stride: number, work: Float64Array): void {
	for (let c = 0; c < 8; c++) {
		const b1 = block[8 + c];
		const b2 = block[16 + c];
		const b3 = block[24 + c];
		const b4 = block[32 + c];
		const b5 = block[40 + c];
		const b6 = block[48 + c];
		const b7 = block[56 + c];
		if (b1 === 0 && b2 === 0 && b3 === 0 && b4 === 0 && b5 === 0 && b6 === 0 && b7 === 0) {
			const dc = block[c];
			for (let r = 0; r < 8; r++) work[r * 8 + c] = dc;
			continue;
		}
		const b0 = block[c];
		let t10 = b0 + b4;
		let t11 = b0 - b4;
		const t13 = b2 + b6;
		let t12 = (b2 - b6) * 1.414213562 - t13;
		const e0 = t10 + t13;
		const e3 = t10 - t13;
		const e1 = t11 + t12;
		const e2 = t11 - t12;
		const z13 = b5 + b3;
		const z10 = b5 - b3;
		const z11 = b1 + b7;
		const z12 = b1 - b7;
		const o7 = z11 + z13;
		t11 = (z11 - z13) * 1.414213562;
		const z5 = (z10 + z12) * 1.847759065;
		t10 = 1.082392200 * z12 - z5;
		t12 = -2.613125930 * z10 + z5;
		const o6 = t12 - o7;
		const o5 = t11 - o6;
		const o4 = t10 + o5;
		work[c] = e0 + o7;
		work[56 + c] = e0 - o7;
		work[8 + c] = e1 + o6;
		work[48 + c] = e1 - o6;
		work[16 + c] = e2 + o5;
		work[40 + c] = e2 - o5;
		work[32 + c] = e3 + o4;
		work[24 + c] = e3 - o4;
	}
	for (let r = 0; r < 8; r++) {
		const w = r * 8;
		const b0 = work[w];
		const b1 = work[w + 1];
		const b2 = work[w + 2];
		const b3 = work[w + 3];
		const b4 = work[w + 4];
		const b5 = work[w + 5];
		const b6 = work[w + 6];
		const b7 = work[w + 7];
		let t10 = b0 + b4;
		let t11 = b0 - b4;
		const t13 = b2 + b6;
		let t12 = (b2 - b6) * 1.414213562 - t13;
		const e0 = t10 + t13;
		const e3 = t10 - t13;
		const e1 = t11 + t12;
		const e2 = t11 - t12;
		const z13 = b5 + b3;
		const z10 = b5 - b3;
		const z11 = b1 + b7;
		const z12 = b1 - b7;
		const o7 = z11 + z13;
		t11 = (z11 - z13) * 1.414213562;
		const z5 = (z10 + z12) * 1.847759065;
		t10 = 1.082392200 * z12 - z5;
		t12 = -2.613125930 * z10 + z5;
		const o6 = t12 - o7;
		const o5 = t11 - o6;
		const o4 = t10 + o5;
		const target = at + r * stride;
		out[target] = e0 + o7 + 128;
		out[target + 7] = e0 - o7 + 128;
		out[target + 1] = e1 + o6 + 128;
		out[target + 6] = e1 - o6 + 128;
		out[target + 2] = e2 + o5 + 128;
		out[target + 5] = e2 - o5 + 128;
		out[target + 4] = e3 + o4 + 128;
		out[target + 3] = e3 - o4 + 128;
	}
}

// ---- decoder ------------------------------------------------------------------------------------

/** `truncated`: the data ended (or broke) before the image did; the rest is mid-gray. */
export function decodeJpeg(bytes: Uint8Array, options: JpegDecodeOptions): { image: GrayImage; orientation: number; truncated: boolean } {
	const decoder = new JpegDecoder(bytes, options);
	return decoder.run();
}

class JpegDecoder {
	private readonly n: number;
	private readonly quantTables: Array<Float64Array | null> = [null, null, null, null];
	/** The tables as the transform uses them (AAN-scaled for 8×8), made when first needed. */
	private readonly dequantTables: Array<Float64Array | null> = [null, null, null, null];
	private readonly dcTables: Array<HuffmanTable | null> = [null, null, null, null];
	private readonly acTables: Array<HuffmanTable | null> = [null, null, null, null];
	private frame: Frame | null = null;
	private restartInterval = 0;
	private adobeTransform = -1;
	private orientation = 1;
	private out: Rect = { x: 0, y: 0, width: 0, height: 0 };
	private readonly block = new Float64Array(64);
	private readonly acValues = new Int32Array(64);
	private readonly acPositions = new Uint8Array(64);
	private readonly scratch = new Float64Array(64);
	private eobrun = 0;
	/** Coefficients kept per block in progressive mode. */
	private get coefficientStride(): number {
		return this.n === 1 ? 1 : 64;
	}
	private truncated = false;
	private decodedAnything = false;

	constructor(
		private readonly bytes: Uint8Array,
		private readonly options: JpegDecodeOptions,
	) {
		this.n = 8 / options.scale;
	}

	run(): { image: GrayImage; orientation: number; truncated: boolean } {
		const bytes = this.bytes;
		if (!isJpeg(bytes)) throw new ImageError('corrupt', 'The data is not a JPEG.');
		let pos = 2;
		let sawScan = false;
		for (;;) {
			if (pos + 1 >= bytes.length) {
				this.truncated = true;
				break;
			}
			if (bytes[pos] !== 0xff) {
				// Some writers leave junk after a scan: find the next marker.
				pos = skipEntropyData(bytes, pos);
				continue;
			}
			const marker = bytes[pos + 1];
			if (marker === 0xff) {
				pos++;
				continue;
			}
			if (marker === 0xd9) break; // EOI
			if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0) {
				pos += 2;
				continue;
			}
			if (pos + 4 > bytes.length) {
				this.truncated = true;
				break;
			}
			const length = u16(bytes, pos + 2);
			const body = pos + 4;
			const end = pos + 2 + length;
			if (length < 2) throw new ImageError('corrupt', 'A JPEG marker segment has an impossible length.');
			if (end > bytes.length) {
				if (!sawScan) throw new ImageError('truncated', 'The JPEG ends inside a marker segment.');
				this.truncated = true;
				break;
			}
			switch (marker) {
				case 0xdb:
					this.readQuantTables(body, end);
					break;
				case 0xc4:
					this.readHuffmanTables(body, end);
					break;
				case 0xdd:
					this.restartInterval = u16(bytes, body);
					break;
				case 0xe1:
					if (isExif(bytes, body)) this.orientation = readExifOrientation(bytes.subarray(body + 6, end));
					break;
				case 0xee:
					// Adobe: "Adobe", version, flags0, flags1, transform.
					if (length >= 14 && bytes[body] === 0x41 && bytes[body + 1] === 0x64 && bytes[body + 2] === 0x6f) {
						this.adobeTransform = bytes[body + 11];
					}
					break;
				case 0xda: {
					if (!this.frame) throw new ImageError('corrupt', 'The JPEG has a scan before its frame header.');
					sawScan = true;
					pos = this.readScan(body, end);
					if (this.done()) return this.finish();
					continue;
				}
				default:
					if (isFrameMarker(marker)) {
						checkFrameMarker(marker);
						if (this.frame) throw new ImageError('unsupported', 'A JPEG with more than one frame is not decoded.');
						this.readFrame(body, end, marker === 0xc2);
					}
			}
			pos = end;
		}
		if (!this.frame) throw new ImageError('truncated', 'The JPEG ends before its frame header.');
		if (!sawScan || !this.decodedAnything) throw new ImageError('truncated', 'The JPEG ends before its image data.');
		return this.finish();
	}

	private readQuantTables(start: number, end: number): void {
		const bytes = this.bytes;
		let pos = start;
		while (pos < end) {
			const precision = bytes[pos] >> 4;
			const id = bytes[pos] & 15;
			pos++;
			if (id > 3) throw new ImageError('corrupt', 'A JPEG quantization table has an invalid id.');
			const table = new Float64Array(64);
			for (let k = 0; k < 64; k++) {
				table[ZIGZAG[k]] = precision ? u16(bytes, pos + k * 2) : bytes[pos + k];
			}
			pos += precision ? 128 : 64;
			this.quantTables[id] = table;
			this.dequantTables[id] = null;
		}
	}

	private readHuffmanTables(start: number, end: number): void {
		const bytes = this.bytes;
		let pos = start;
		while (pos + 17 <= end) {
			const kind = bytes[pos] >> 4;
			const id = bytes[pos] & 15;
			const counts = bytes.subarray(pos + 1, pos + 17);
			let total = 0;
			for (let i = 0; i < 16; i++) total += counts[i];
			if (id > 3 || total > 256 || pos + 17 + total > end) {
				throw new ImageError('corrupt', 'A JPEG Huffman table is broken.');
			}
			const table = buildHuffman(counts, bytes.slice(pos + 17, pos + 17 + total));
			(kind === 0 ? this.dcTables : this.acTables)[id] = table;
			pos += 17 + total;
		}
	}

	private readFrame(start: number, end: number, progressive: boolean): void {
		const bytes = this.bytes;
		const precision = bytes[start];
		const height = u16(bytes, start + 1);
		const width = u16(bytes, start + 3);
		const count = bytes[start + 5];
		if (precision !== 8) throw new ImageError('unsupported', `A ${precision}-bit JPEG is not decoded (8-bit is).`);
		if (!width || !height) throw new ImageError('unsupported', 'A JPEG whose height comes after its data (DNL) is not decoded.');
		if (count < 1 || count > 4 || start + 6 + count * 3 > end) {
			throw new ImageError('corrupt', 'The JPEG frame header is broken.');
		}
		const components: Component[] = [];
		for (let i = 0; i < count; i++) {
			const at = start + 6 + i * 3;
			const h = bytes[at + 1] >> 4;
			const v = bytes[at + 1] & 15;
			if (h < 1 || h > 4 || v < 1 || v > 4) throw new ImageError('corrupt', 'A JPEG component has invalid sampling factors.');
			components.push({
				id: bytes[at],
				h,
				v,
				quantTable: bytes[at + 2] & 3,
				blocksPerLine: 0,
				blocksPerColumn: 0,
				paddedBlocksPerLine: 0,
				paddedBlocksPerColumn: 0,
				dcTable: null,
				acTable: null,
				pred: 0,
				wanted: false,
				bx0: 0,
				bx1: 0,
				by0: 0,
				by1: 0,
				plane: new Uint8ClampedArray(0),
				planeWidth: 0,
				coefficients: null,
			});
		}
		const hMax = Math.max(...components.map((c) => c.h));
		const vMax = Math.max(...components.map((c) => c.v));
		const mcusPerLine = Math.ceil(width / (8 * hMax));
		const mcusPerColumn = Math.ceil(height / (8 * vMax));
		const frame: Frame = { width, height, progressive, components, hMax, vMax, mcusPerLine, mcusPerColumn };
		this.frame = frame;

		const maxPixels = this.options.maxPixels ?? DEFAULT_MAX_PIXELS;
		const region = this.options.region;
		const scale = this.options.scale;
		this.out = scaledRect(region, scale, width, height);
		if (this.out.width * this.out.height > maxPixels) {
			throw new ImageError('too-large', `The JPEG decodes to ${this.out.width}×${this.out.height} pixels, over the limit of ${maxPixels}.`);
		}
		// Progressive keeps 2 bytes of coefficients per full-size sample of each needed component.
		if (progressive && width * height > maxPixels) {
			throw new ImageError('too-large', `The progressive JPEG is ${width}×${height} pixels, over the limit of ${maxPixels}.`);
		}
		if (width * height > maxPixels * 64) {
			throw new ImageError('too-large', `The JPEG is ${width}×${height} pixels, far over the limit of ${maxPixels}.`);
		}

		const wanted = this.wantedComponents(components);
		const n = this.n;
		for (let i = 0; i < components.length; i++) {
			const c = components[i];
			c.blocksPerLine = Math.ceil(Math.ceil((width * c.h) / hMax) / 8);
			c.blocksPerColumn = Math.ceil(Math.ceil((height * c.v) / vMax) / 8);
			c.paddedBlocksPerLine = mcusPerLine * c.h;
			c.paddedBlocksPerColumn = mcusPerColumn * c.v;
			c.wanted = wanted.includes(i);
			if (!c.wanted) continue;
			// Output pixel ox (scaled) reads component pixel floor(ox * h / hMax) (nearest upsampling).
			const px0 = Math.floor((this.out.x * c.h) / hMax);
			const px1 = Math.floor(((this.out.x + this.out.width - 1) * c.h) / hMax);
			const py0 = Math.floor((this.out.y * c.v) / vMax);
			const py1 = Math.floor(((this.out.y + this.out.height - 1) * c.v) / vMax);
			c.bx0 = Math.floor(px0 / n);
			c.bx1 = Math.min(c.paddedBlocksPerLine, Math.floor(px1 / n) + 1);
			c.by0 = Math.floor(py0 / n);
			c.by1 = Math.min(c.paddedBlocksPerColumn, Math.floor(py1 / n) + 1);
			c.planeWidth = (c.bx1 - c.bx0) * n;
			c.plane = new Uint8ClampedArray(c.planeWidth * (c.by1 - c.by0) * n).fill(128);
		}
		if (progressive) {
			// Scans stop at the region's last MCU row: coefficients are kept down to there only. At 1/8
			// only DC is kept (AC scans are skipped): one coefficient per block.
			let lastMcuRow = 0;
			for (const c of components) if (c.wanted) lastMcuRow = Math.max(lastMcuRow, Math.ceil(c.by1 / c.v));
			for (const c of components) {
				if (!c.wanted) continue;
				const rows = Math.min(c.paddedBlocksPerColumn, lastMcuRow * c.v);
				c.coefficients = new Int16Array(c.paddedBlocksPerLine * rows * this.coefficientStride);
			}
		}
	}

	/** Which components luma needs (indexes). */
	private wantedComponents(components: Component[]): number[] {
		if (components.length === 1) return [0];
		if (components.length === 3) {
			const rgbIds = components[0].id === 0x52 && components[1].id === 0x47 && components[2].id === 0x42;
			return this.adobeTransform === 0 || rgbIds ? [0, 1, 2] : [0];
		}
		if (components.length === 4) return this.adobeTransform === 2 ? [0, 3] : [0, 1, 2, 3];
		return [0];
	}

	/** Baseline: every needed block is done once the scans past the region's last row are not needed. */
	private done(): boolean {
		const frame = this.frame as Frame;
		return !frame.progressive && this.baselineDone.size > 0 && frame.components.every((c) => !c.wanted || this.baselineDone.has(c));
	}

	private readonly baselineDone = new Set<Component>();

	/** Reads one scan (header at `start`, data after `headerEnd`); returns the position after its data. */
	private readScan(start: number, headerEnd: number): number {
		const bytes = this.bytes;
		const frame = this.frame as Frame;
		const count = bytes[start];
		const components: Component[] = [];
		for (let i = 0; i < count; i++) {
			const id = bytes[start + 1 + i * 2];
			const tables = bytes[start + 2 + i * 2];
			const component = frame.components.find((c) => c.id === id);
			if (!component) throw new ImageError('corrupt', 'A JPEG scan names a component the frame does not have.');
			component.dcTable = this.dcTables[tables >> 4];
			component.acTable = this.acTables[tables & 15];
			components.push(component);
		}
		const at = start + 1 + count * 2;
		const spectralStart = bytes[at];
		const spectralEnd = bytes[at + 1];
		const high = bytes[at + 2] >> 4;
		const low = bytes[at + 2] & 15;
		if (!components.length || count > 4) throw new ImageError('corrupt', 'A JPEG scan header is broken.');
		if (!components.some((c) => c.wanted)) return skipEntropyData(bytes, headerEnd);
		// At 1/8 only DC counts: progressive AC scans are skipped unread. (At 1/2 and 1/4 a band of
		// unused coefficients cannot be skipped: a later refinement scan over a wider band reads
		// correction bits by which coefficients that band made nonzero.)
		if (frame.progressive && spectralStart > 0 && this.n === 1) return skipEntropyData(bytes, headerEnd);
		if (frame.progressive) {
			if (spectralStart > spectralEnd || spectralEnd > 63 || (spectralStart === 0 && spectralEnd !== 0)) {
				throw new ImageError('corrupt', 'A progressive JPEG scan has an invalid spectral band.');
			}
			if (spectralStart > 0 && components.length !== 1) {
				throw new ImageError('corrupt', 'A progressive JPEG AC scan holds more than one component.');
			}
		}
		for (const c of components) {
			const needsDc = !frame.progressive || (spectralStart === 0 && high === 0);
			// Refinement scans need the AC table too; a DC refinement reads raw bits only.
			const needsAc = !frame.progressive || spectralStart > 0;
			if ((needsDc && !c.dcTable) || (needsAc && !c.acTable)) {
				throw new ImageError('corrupt', 'A JPEG scan uses a Huffman table that was not defined.');
			}
			if (!frame.progressive && c.wanted && !this.quantTables[c.quantTable]) {
				throw new ImageError('corrupt', 'A JPEG component uses a quantization table that was not defined.');
			}
		}
		const entropy = unstuff(bytes, headerEnd);
		const reader = new BitReader(entropy);
		this.decodeScan(reader, components, spectralStart, spectralEnd, high, low);
		return entropy.end;
	}

	private decodeScan(reader: BitReader, components: Component[], ss: number, se: number, ah: number, al: number): void {
		const frame = this.frame as Frame;
		for (const c of components) c.pred = 0;
		this.eobrun = 0;
		const progressive = frame.progressive;
		type BlockDecoder = (c: Component, row: number, col: number) => void;
		let decodeBlock: BlockDecoder;
		if (!progressive) decodeBlock = (c, row, col) => this.decodeBaselineBlock(reader, c, row, col);
		else if (ss === 0) decodeBlock = ah === 0 ? (c, row, col) => this.dcFirst(reader, c, row, col, al) : (c, row, col) => this.dcRefine(reader, c, row, col, al);
		else decodeBlock = ah === 0 ? (c, row, col) => this.acFirst(reader, c, row, col, ss, se, al) : (c, row, col) => this.acRefine(reader, c, row, col, ss, se, al);

		const interval = this.restartInterval;
		let untilRestart = interval;
		if (components.length === 1) {
			// Non-interleaved: the component's own blocks in raster order.
			const c = components[0];
			// Rows below the region are not needed: the scan stops there (its data is skipped whole).
			const lastRow = c.wanted ? c.by1 : c.blocksPerColumn;
			for (let row = 0; row < c.blocksPerColumn; row++) {
				if (row >= lastRow) break;
				for (let col = 0; col < c.blocksPerLine; col++) {
					if (interval && untilRestart === 0) {
						if (!this.restart(reader, components)) return;
						untilRestart = interval;
					}
					decodeBlock(c, row, col);
					untilRestart--;
				}
				this.decodedAnything = true;
				if (reader.exhausted) {
					this.truncated = true;
					return;
				}
			}
			if (!progressive) this.baselineDone.add(c);
			return;
		}
		let lastMcuRow = frame.mcusPerColumn;
		if (components.some((c) => c.wanted)) {
			lastMcuRow = 0;
			for (const c of components) if (c.wanted) lastMcuRow = Math.max(lastMcuRow, Math.ceil(c.by1 / c.v));
		}
		for (let mcuRow = 0; mcuRow < lastMcuRow; mcuRow++) {
			for (let mcuCol = 0; mcuCol < frame.mcusPerLine; mcuCol++) {
				if (interval && untilRestart === 0) {
					if (!this.restart(reader, components)) return;
					untilRestart = interval;
				}
				for (const c of components) {
					for (let v = 0; v < c.v; v++) {
						for (let h = 0; h < c.h; h++) decodeBlock(c, mcuRow * c.v + v, mcuCol * c.h + h);
					}
				}
				untilRestart--;
			}
			this.decodedAnything = true;
			if (reader.exhausted) {
				this.truncated = true;
				return;
			}
		}
		if (!progressive) for (const c of components) this.baselineDone.add(c);
	}

	private restart(reader: BitReader, components: Component[]): boolean {
		for (const c of components) c.pred = 0;
		this.eobrun = 0;
		if (reader.restart()) return true;
		// Another marker where a restart should be: the data is cut or damaged; keep what was decoded.
		this.truncated = true;
		return false;
	}

	private dequant(c: Component): Float64Array {
		const id = c.quantTable;
		let table = this.dequantTables[id];
		if (!table) {
			const quant = this.quantTables[id];
			if (!quant) throw new ImageError('corrupt', 'A JPEG component uses a quantization table that was not defined.');
			table = this.n === 8 ? aanQuant(quant) : quant;
			this.dequantTables[id] = table;
		}
		return table;
	}

	/** A block with no AC coefficient in the kept band: one value over N×N. */
	private flatBlock(c: Component, row: number, col: number, dc: number): void {
		const n = this.n;
		const value = (n === 8 ? dc : dc / 8) + 128;
		const plane = c.plane;
		const stride = c.planeWidth;
		let at = (row - c.by0) * n * stride + (col - c.bx0) * n;
		for (let y = 0; y < n; y++, at += stride) plane.fill(value, at, at + n);
	}

	private decodeBaselineBlock(reader: BitReader, c: Component, row: number, col: number): void {
		const dcSize = reader.decode(c.dcTable as HuffmanTable);
		c.pred += reader.extend(dcSize);
		const inside = c.wanted && row >= c.by0 && row < c.by1 && col >= c.bx0 && col < c.bx1;
		const values = this.acValues;
		const positions = this.acPositions;
		const found = reader.readAc(c.acTable as HuffmanTable, inside ? values : null, positions);
		if (!inside) return;
		const n = this.n;
		const block = this.block;
		const quant = this.dequant(c);
		block.fill(0);
		block[0] = c.pred * quant[0];
		let flat = true;
		for (let i = 0; i < found; i++) {
			const z = ZIGZAG[positions[i]];
			if ((z & 7) < n && z >> 3 < n) {
				block[z] = values[i] * quant[z];
				flat = false;
			}
		}
		if (flat) this.flatBlock(c, row, col, block[0]);
		else inverseDct(block, n, c.plane, (row - c.by0) * n * c.planeWidth + (col - c.bx0) * n, c.planeWidth, this.scratch);
	}

	private blockOffset(c: Component, row: number, col: number): number {
		return (row * c.paddedBlocksPerLine + col) * this.coefficientStride;
	}

	private dcFirst(reader: BitReader, c: Component, row: number, col: number, al: number): void {
		const size = reader.decode(c.dcTable as HuffmanTable);
		c.pred += reader.extend(size) * (1 << al);
		if (c.coefficients) c.coefficients[this.blockOffset(c, row, col)] = c.pred;
	}

	private dcRefine(reader: BitReader, c: Component, row: number, col: number, al: number): void {
		if (reader.bit() && c.coefficients) c.coefficients[this.blockOffset(c, row, col)] |= 1 << al;
	}

	private acFirst(reader: BitReader, c: Component, row: number, col: number, ss: number, se: number, al: number): void {
		if (this.eobrun > 0) {
			this.eobrun--;
			return;
		}
		this.eobrun = reader.firstAc(c.acTable as HuffmanTable, c.coefficients as Int16Array, this.blockOffset(c, row, col), ss, se, al);
	}

	private acRefine(reader: BitReader, c: Component, row: number, col: number, ss: number, se: number, al: number): void {
		const offset = this.blockOffset(c, row, col);
		this.eobrun = reader.refineAc(c.acTable as HuffmanTable, c.coefficients as Int16Array, offset, ss, se, al, this.eobrun);
	}

	/** Progressive: dequantize and transform the kept coefficients; then planes → gray. */
	private finish(): { image: GrayImage; orientation: number; truncated: boolean } {
		const frame = this.frame as Frame;
		const n = this.n;
		if (frame.progressive) {
			for (const c of frame.components) {
				if (!c.wanted || !c.coefficients) continue;
				const quant = this.dequant(c);
				const block = this.block;
				for (let row = c.by0; row < c.by1; row++) {
					for (let col = c.bx0; col < c.bx1; col++) {
						const offset = this.blockOffset(c, row, col);
						if (n === 1) {
							c.plane[(row - c.by0) * c.planeWidth + (col - c.bx0)] = (c.coefficients[offset] * quant[0]) / 8 + 128;
							continue;
						}
						for (let i = 0; i < 64; i++) block[i] = c.coefficients[offset + i] * quant[i];
						inverseDct(block, n, c.plane, (row - c.by0) * n * c.planeWidth + (col - c.bx0) * n, c.planeWidth, this.scratch);
					}
				}
				c.coefficients = null;
			}
		}
		return { image: this.compose(frame), orientation: this.orientation, truncated: this.truncated };
	}

	private compose(frame: Frame): GrayImage {
		const out = this.out;
		const n = this.n;
		const data = new Uint8Array(out.width * out.height);
		const wanted = frame.components.filter((c) => c.wanted);
		// For each wanted component: the plane column of each output column, and row per output row.
		const columnIndex = wanted.map((c) => {
			const map = new Int32Array(out.width);
			for (let x = 0; x < out.width; x++) map[x] = Math.floor(((out.x + x) * c.h) / frame.hMax) - c.bx0 * n;
			return map;
		});
		const rowIndex = (c: Component, y: number) => (Math.floor(((out.y + y) * c.v) / frame.vMax) - c.by0 * n) * c.planeWidth;
		const mode = wanted.length === 1 ? 'gray' : wanted.length === 2 ? 'ycck' : wanted.length === 3 ? 'rgb' : 'cmyk';
		for (let y = 0; y < out.height; y++) {
			const target = y * out.width;
			if (mode === 'gray') {
				const c = wanted[0];
				const base = rowIndex(c, y);
				const map = columnIndex[0];
				if (c.h === frame.hMax) data.set(c.plane.subarray(base + map[0], base + map[0] + out.width), target);
				else for (let x = 0; x < out.width; x++) data[target + x] = c.plane[base + map[x]];
				continue;
			}
			const bases = wanted.map((c) => rowIndex(c, y));
			for (let x = 0; x < out.width; x++) {
				const s0 = wanted[0].plane[bases[0] + columnIndex[0][x]];
				const s1 = wanted[1].plane[bases[1] + columnIndex[1][x]];
				if (mode === 'ycck') {
					// Adobe YCCK stores inverted CMYK: Y is the ink's luma, K is 255 − black ink.
					data[target + x] = ((255 - s0) * s1 + 127) / 255;
				} else {
					const s2 = wanted[2].plane[bases[2] + columnIndex[2][x]];
					const value = luma(s0, s1, s2);
					data[target + x] = mode === 'rgb' ? value : (value * wanted[3].plane[bases[3] + columnIndex[3][x]] + 127) / 255;
				}
			}
		}
		return { width: out.width, height: out.height, data };
	}
}
