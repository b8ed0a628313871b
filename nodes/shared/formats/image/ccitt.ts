/**
 * CCITT fax decoding (ITU-T T.4 and T.6): Group 3 one-dimensional (K = 0), Group 3 two-dimensional
 * (K > 0) and Group 4 (K < 0), as PDF's CCITTFaxDecode and TIFF compressions 2/3/4 use it for
 * black-and-white scans. Output: packed rows, MSB first, a set bit is black. Bounded: the output is
 * `columns × rows` bits at most and every code consumes input, so damage ends the decode.
 */
import { attempt, ImageError, isFailure } from './errors';

export interface CcittOptions {
	/** < 0: Group 4; 0: Group 3 1-D; > 0: Group 3 2-D. */
	k: number;
	columns: number;
	/** Rows expected; 0 or less: until the data ends. */
	rows: number;
	/** Each row starts on a byte boundary. */
	encodedByteAlign?: boolean;
	/** Modified Huffman without EOLs (TIFF compression 2): rows byte-aligned, 1-D only. */
	rle?: boolean;
	/** Output bytes allowed (rows × row bytes). */
	maxBytes: number;
}

// [run length, code as a string of bits]. T.4 tables 2 and 3.
const WHITE_TERMINATING = [
	'00110101', '000111', '0111', '1000', '1011', '1100', '1110', '1111', '10011', '10100', '00111', '01000', '001000',
	'000011', '110100', '110101', '101010', '101011', '0100111', '0001100', '0001000', '0010111', '0000011', '0000100',
	'0101000', '0101011', '0010011', '0100100', '0011000', '00000010', '00000011', '00011010', '00011011', '00010010',
	'00010011', '00010100', '00010101', '00010110', '00010111', '00101000', '00101001', '00101010', '00101011',
	'00101100', '00101101', '00000100', '00000101', '00001010', '00001011', '01010010', '01010011', '01010100',
	'01010101', '00100100', '00100101', '01011000', '01011001', '01011010', '01011011', '01001010', '01001011',
	'00110010', '00110011', '00110100',
];
const WHITE_MAKEUP = [
	'11011', '10010', '010111', '0110111', '00110110', '00110111', '01100100', '01100101', '01101000', '01100111',
	'011001100', '011001101', '011010010', '011010011', '011010100', '011010101', '011010110', '011010111',
	'011011000', '011011001', '011011010', '011011011', '010011000', '010011001', '010011010', '011000', '010011011',
];
const BLACK_TERMINATING = [
	'0000110111', '010', '11', '10', '011', '0011', '0010', '00011', '000101', '000100', '0000100', '0000101',
	'0000111', '00000100', '00000111', '000011000', '0000010111', '0000011000', '0000001000', '00001100111',
	'00001101000', '00001101100', '00000110111', '00000101000', '00000010111', '00000011000', '000011001010',
	'000011001011', '000011001100', '000011001101', '000001101000', '000001101001', '000001101010', '000001101011',
	'000011010010', '000011010011', '000011010100', '000011010101', '000011010110', '000011010111', '000001101100',
	'000001101101', '000011011010', '000011011011', '000001010100', '000001010101', '000001010110', '000001010111',
	'000001100100', '000001100101', '000001010010', '000001010011', '000000100100', '000000110111', '000000111000',
	'000000100111', '000000101000', '000001011000', '000001011001', '000000101011', '000000101100', '000001011010',
	'000001100110', '000001100111',
];
const BLACK_MAKEUP = [
	'0000001111', '000011001000', '000011001001', '000001011011', '000000110011', '000000110100', '000000110101',
	'0000001101100', '0000001101101', '0000001001010', '0000001001011', '0000001001100', '0000001001101',
	'0000001110010', '0000001110011', '0000001110100', '0000001110101', '0000001110110', '0000001110111',
	'0000001010010', '0000001010011', '0000001010100', '0000001010101', '0000001011010', '0000001011011',
	'0000001100100', '0000001100101',
];
// Shared by both colours: 1792 … 2560.
const EXTENDED_MAKEUP = [
	'00000001000', '00000001100', '00000001101', '000000010010', '000000010011', '000000010100', '000000010101',
	'000000010110', '000000010111', '000000011100', '000000011101', '000000011110', '000000011111',
];

/** A prefix code as a lookup by the next 13 bits: `length << 16 | run`, 0 where no code starts. */
const LOOKUP_BITS = 13;

function buildRunTable(terminating: string[], makeup: string[]): Uint32Array {
	const table = new Uint32Array(1 << LOOKUP_BITS);
	const add = (code: string, run: number) => {
		const value = parseInt(code, 2);
		const shift = LOOKUP_BITS - code.length;
		for (let fill = value << shift, end = (value + 1) << shift; fill < end; fill++) {
			if (table[fill] !== 0) throw new Error(`CCITT table conflict at ${code}`);
			table[fill] = (code.length << 16) | run;
		}
	};
	terminating.forEach((code, run) => add(code, run));
	makeup.forEach((code, index) => add(code, (index + 1) * 64));
	EXTENDED_MAKEUP.forEach((code, index) => add(code, 1792 + index * 64));
	return table;
}

let tables: { white: Uint32Array; black: Uint32Array } | undefined;

function runTables() {
	if (!tables) tables = { white: buildRunTable(WHITE_TERMINATING, WHITE_MAKEUP), black: buildRunTable(BLACK_TERMINATING, BLACK_MAKEUP) };
	return tables;
}

// Two-dimensional mode codes (T.4 table 4), by the next 7 bits: `length << 8 | mode << 4 | offset + 3`.
const PASS = 0;
const HORIZONTAL = 1;
const VERTICAL = 2;
const EXTENSION = 3;
const END_OF_LINE = 4;
const MODES = (() => {
	const table = new Uint16Array(128);
	const codes: Array<[string, number, number]> = [
		['1', VERTICAL, 0],
		['011', VERTICAL, 1],
		['010', VERTICAL, -1],
		['001', HORIZONTAL, 0],
		['0001', PASS, 0],
		['000011', VERTICAL, 2],
		['000010', VERTICAL, -2],
		['0000011', VERTICAL, 3],
		['0000010', VERTICAL, -3],
		['0000001', EXTENSION, 0],
		['0000000', END_OF_LINE, 0],
	];
	for (const [code, mode, offset] of codes) {
		const shift = 7 - code.length;
		const value = parseInt(code, 2) << shift;
		for (let fill = value; fill < value + (1 << shift); fill++) table[fill] = (code.length << 8) | (mode << 4) | (offset + 3);
	}
	return table;
})();

class Bits {
	private pos = 0;
	private bit = 0;

	constructor(private readonly data: Uint8Array) {}

	get atEnd(): boolean {
		return this.pos >= this.data.length;
	}

	/** The next `n` (≤ 24) bits without consuming them; zeros past the end. */
	peek(n: number): number {
		const data = this.data;
		const pos = this.pos;
		const length = data.length;
		const word =
			((pos < length ? data[pos] << 24 : 0) |
				(pos + 1 < length ? data[pos + 1] << 16 : 0) |
				(pos + 2 < length ? data[pos + 2] << 8 : 0) |
				(pos + 3 < length ? data[pos + 3] : 0)) >>>
			0;
		return ((word << this.bit) >>> 0) >>> (32 - n);
	}

	skip(n: number): void {
		const total = this.bit + n;
		this.pos += total >> 3;
		this.bit = total & 7;
	}

	alignToByte(): void {
		if (this.bit) {
			this.bit = 0;
			this.pos++;
		}
	}

	/** Steps over EOL codes (and fill zeros before them) if the next bits are one. */
	skipEols(): boolean {
		let found = false;
		for (;;) {
			let zeros = 0;
			while (zeros < 64 && !this.atEnd && this.peek(1) === 0) {
				this.skip(1);
				zeros++;
			}
			if (zeros >= 11 && this.peek(1) === 1) {
				this.skip(1);
				found = true;
				continue;
			}
			// Not an EOL: give the zeros back.
			this.rewind(zeros);
			return found;
		}
	}

	private rewind(n: number): void {
		const total = this.pos * 8 + this.bit - n;
		this.pos = total >> 3;
		this.bit = total & 7;
	}
}

function readRun(bits: Bits, table: Uint32Array): number {
	let total = 0;
	for (;;) {
		if (bits.atEnd) throw truncated();
		const entry = table[bits.peek(LOOKUP_BITS)];
		if (!entry) throw new ImageError('corrupt', 'The fax data holds an invalid run-length code.');
		bits.skip(entry >>> 16);
		const run = entry & 0xffff;
		total += run;
		if (run < 64) return total;
	}
}

/** The next mode code: `[mode, vertical offset]`. */
function readMode(bits: Bits): [number, number] {
	const entry = MODES[bits.peek(7)];
	const mode = (entry >> 4) & 15;
	if (mode !== EXTENSION && mode !== END_OF_LINE) bits.skip(entry >> 8);
	return [mode, (entry & 15) - 3];
}

function truncated(): ImageError {
	return new ImageError('truncated', 'The fax data ends before its last row.');
}

/**
 * Decodes fax data to packed 1-bit rows (set = black). A damaged or missing tail ends the image
 * early (white below) once at least one row was read; with no row, it throws.
 */
export function decodeCcitt(data: Uint8Array, options: CcittOptions): { rows: number; rowBytes: number; data: Uint8Array } {
	const columns = options.columns;
	if (!(columns >= 1 && columns <= 65535)) throw new ImageError('corrupt', 'The fax data has an impossible width.');
	const rowBytes = (columns + 7) >> 3;
	// Every row consumes at least one bit, and the output is capped by the caller.
	const maxRows = Math.min(options.rows > 0 ? options.rows : data.length * 8 + 1, Math.floor(options.maxBytes / rowBytes));
	if (maxRows < 1) throw new ImageError('too-large', 'The fax image is over the pixel limit.');
	const { white, black } = runTables();
	const bits = new Bits(data);
	const rows: Uint8Array[] = [];
	// Changing elements: positions where the colour changes, starting white; padded with `columns`.
	let reference = new Int32Array(columns + 2).fill(columns);
	let referenceLength = 0;
	let coding = new Int32Array(columns + 2);
	const k = options.k;
	let failure: ImageError | null = null;
	while (rows.length < maxRows && !bits.atEnd) {
		let twoDimensional = k < 0;
		if (options.rle || (k < 0 && options.encodedByteAlign)) bits.alignToByte();
		if (!options.rle && k >= 0) {
			// Fill bits sit before an EOL (so it ends on a byte boundary): EOLs are found from where the
			// last row ended; without one, a byte-aligned row starts at the next byte.
			if (!bits.skipEols() && options.encodedByteAlign) bits.alignToByte();
			if (k > 0) {
				twoDimensional = bits.peek(1) === 0;
				bits.skip(1);
			}
		} else if (k < 0 && bits.peek(24) === 0x001001) {
			break; // EOFB: two EOLs end a Group 4 image
		}
		if (bits.atEnd) break;
		const decoded = attempt(() =>
			twoDimensional
				? decodeTwoDimensional(bits, reference, referenceLength, coding, columns, white, black)
				: decodeOneDimensional(bits, coding, columns, white, black),
		);
		if (isFailure(decoded)) {
			if (!(decoded.failure instanceof ImageError)) throw decoded.failure;
			failure = decoded.failure;
			break;
		}
		const length = decoded;
		rows.push(paint(coding, length, columns, rowBytes));
		const swap = reference;
		reference = coding;
		coding = swap;
		referenceLength = length;
		reference.fill(columns, referenceLength);
	}
	if (rows.length === 0) throw failure ?? truncated();
	// With a known row count, rows the data did not reach stay white.
	const count = options.rows > 0 ? maxRows : rows.length;
	const out = new Uint8Array(count * rowBytes);
	rows.forEach((row, index) => out.set(row, index * rowBytes));
	return { rows: count, rowBytes, data: out };
}

function decodeOneDimensional(bits: Bits, coding: Int32Array, columns: number, white: Uint32Array, black: Uint32Array): number {
	let a0 = 0;
	let length = 0;
	let isWhite = true;
	while (a0 < columns) {
		const run = readRun(bits, isWhite ? white : black);
		a0 = Math.min(columns, a0 + run);
		coding[length++] = a0;
		isWhite = !isWhite;
	}
	return length;
}

function decodeTwoDimensional(
	bits: Bits,
	reference: Int32Array,
	referenceLength: number,
	coding: Int32Array,
	columns: number,
	white: Uint32Array,
	black: Uint32Array,
): number {
	let a0 = -1;
	let length = 0;
	let isWhite = true;
	let index = 0; // into `reference`: first change right of a0 is found from here
	const push = (position: number) => {
		const clamped = Math.max(0, Math.min(columns, position));
		if (length > 0 && clamped < coding[length - 1]) throw new ImageError('corrupt', 'The fax data moves backwards.');
		if (length >= coding.length - 1) throw new ImageError('corrupt', 'The fax data has too many changes in a row.');
		coding[length++] = clamped;
	};
	while (a0 < columns) {
		// b1: the first change on the reference line right of a0 to the colour opposite a0's (even
		// indexes are white→black changes); b2: the change after it.
		while (index < referenceLength && (reference[index] <= a0 || (index & 1) !== (isWhite ? 0 : 1))) index++;
		const b1 = index < referenceLength ? reference[index] : columns;
		const b2 = index + 1 < referenceLength ? reference[index + 1] : columns;
		const [mode, offset] = readMode(bits);
		if (mode === PASS) {
			a0 = b2;
			continue;
		}
		if (mode === HORIZONTAL) {
			const start = Math.max(0, a0);
			const first = readRun(bits, isWhite ? white : black);
			const second = readRun(bits, isWhite ? black : white);
			push(start + first);
			push(start + first + second);
			a0 = Math.min(columns, start + first + second);
			continue;
		}
		if (mode === VERTICAL) {
			const a1 = b1 + offset;
			push(a1);
			a0 = Math.max(0, Math.min(columns, a1));
			isWhite = !isWhite;
			// b1 must move right of the new a0: back up one in case it is now behind.
			if (index > 0) index--;
			continue;
		}
		if (bits.atEnd) throw truncated();
		throw new ImageError(mode === EXTENSION ? 'unsupported' : 'corrupt', 'The fax data holds an uncompressed-mode extension or a misplaced end of line.');
	}
	return length;
}

/** Changing elements → a packed row (set bits black). */
function paint(changes: Int32Array, length: number, columns: number, rowBytes: number): Uint8Array {
	const row = new Uint8Array(rowBytes);
	let start = 0;
	for (let i = 0; i < length; i++) {
		const end = Math.min(columns, changes[i]);
		if (i & 1) {
			// A black run from `start` to `end`.
			for (let x = start; x < end; x++) row[x >> 3] |= 0x80 >> (x & 7);
		}
		start = end;
	}
	return row;
}
