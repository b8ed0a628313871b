/**
 * Decoder stage: a sampled symbol (one bit per module) → text. Reads the format information (both copies),
 * the version information (v7+), removes the data mask, reads the codewords in the zig-zag order, splits them
 * into their interleaved blocks, corrects each with Reed–Solomon, and parses the segments (numeric,
 * alphanumeric, byte with ECI, Kanji as far as its bytes go). A mirrored symbol is retried transposed.
 */
import { type BitMatrix, transposeBitMatrix } from './bitMatrix';
import { correctErrors, ReedSolomonError } from './reedSolomon';
import {
	alignmentPatternCenters,
	decodeFormatInfo,
	decodeVersionInfo,
	dimensionForVersion,
	type EcLevel,
	ecBlocks,
	type FormatInfo,
	totalCodewords,
	versionForDimension,
} from './version';

export class QrDecodeError extends Error {}

export interface DecodedSymbol {
	text: string;
	version: number;
	ecLevel: EcLevel;
	/** Codewords Reed–Solomon corrected. */
	correctedErrors: number;
	mirrored: boolean;
}

const get = (m: BitMatrix, x: number, y: number): number => m.bits[y * m.width + x];

function readFormatInfo(m: BitMatrix): FormatInfo | null {
	const dimension = m.width;
	let copy1 = 0;
	const push1 = (x: number, y: number) => {
		copy1 = (copy1 << 1) | get(m, x, y);
	};
	for (let i = 0; i < 6; i++) push1(i, 8);
	push1(7, 8);
	push1(8, 8);
	push1(8, 7);
	for (let j = 5; j >= 0; j--) push1(8, j);
	let copy2 = 0;
	for (let j = dimension - 1; j >= dimension - 7; j--) copy2 = (copy2 << 1) | get(m, 8, j);
	for (let i = dimension - 8; i < dimension; i++) copy2 = (copy2 << 1) | get(m, i, 8);
	return decodeFormatInfo(copy1, copy2);
}

/** The two copies of the 18-bit version information (v7+): left of the top-right finder, above the bottom-left one. */
function versionInfoCopies(m: BitMatrix): [number, number] {
	const dimension = m.width;
	let topRight = 0;
	for (let j = 5; j >= 0; j--) {
		for (let i = dimension - 9; i >= dimension - 11; i--) topRight = (topRight << 1) | get(m, i, j);
	}
	let bottomLeft = 0;
	for (let i = 5; i >= 0; i--) {
		for (let j = dimension - 9; j >= dimension - 11; j--)
			bottomLeft = (bottomLeft << 1) | get(m, i, j);
	}
	return [topRight, bottomLeft];
}

/** The version the symbol's version information names (v7+) when it agrees with the size, else the size's. */
export function readVersion(m: BitMatrix): number | null {
	const provisional = versionForDimension(m.width);
	if (provisional !== null && provisional <= 6) return provisional;
	for (const copy of versionInfoCopies(m)) {
		const version = decodeVersionInfo(copy);
		if (version !== null && dimensionForVersion(version) === m.width) return version;
	}
	// Version information too damaged to agree with the size: the size is still a version.
	return provisional;
}

/** The version the version information names, whatever the size (the detector resamples at its size). */
export function readVersionInfoRaw(m: BitMatrix): number | null {
	if (m.width < dimensionForVersion(7) - 8) return null;
	for (const copy of versionInfoCopies(m)) {
		const version = decodeVersionInfo(copy);
		if (version !== null) return version;
	}
	return null;
}

const functionPatternCache = new Map<number, Uint8Array>();

/** 1 where a module belongs to a function pattern or the format/version areas (no data there). */
function functionPattern(version: number): Uint8Array {
	const cached = functionPatternCache.get(version);
	if (cached) return cached;
	const dimension = dimensionForVersion(version);
	const mask = new Uint8Array(dimension * dimension);
	const setRegion = (left: number, top: number, width: number, height: number) => {
		for (let y = top; y < top + height; y++)
			mask.fill(1, y * dimension + left, y * dimension + left + width);
	};
	setRegion(0, 0, 9, 9);
	setRegion(dimension - 8, 0, 8, 9);
	setRegion(0, dimension - 8, 9, 8);
	const centers = alignmentPatternCenters(version);
	for (let a = 0; a < centers.length; a++) {
		for (let b = 0; b < centers.length; b++) {
			const overlapsFinder =
				(a === 0 && b === 0) ||
				(a === 0 && b === centers.length - 1) ||
				(a === centers.length - 1 && b === 0);
			if (!overlapsFinder) setRegion(centers[b] - 2, centers[a] - 2, 5, 5);
		}
	}
	setRegion(6, 9, 1, dimension - 17);
	setRegion(9, 6, dimension - 17, 1);
	if (version >= 7) {
		setRegion(dimension - 11, 0, 3, 6);
		setRegion(0, dimension - 11, 6, 3);
	}
	functionPatternCache.set(version, mask);
	return mask;
}

function isMasked(dataMask: number, row: number, column: number): boolean {
	switch (dataMask) {
		case 0:
			return ((row + column) & 1) === 0;
		case 1:
			return (row & 1) === 0;
		case 2:
			return column % 3 === 0;
		case 3:
			return (row + column) % 3 === 0;
		case 4:
			return (((row >> 1) + Math.floor(column / 3)) & 1) === 0;
		case 5:
			return ((row * column) & 1) + ((row * column) % 3) === 0;
		case 6:
			return ((((row * column) & 1) + ((row * column) % 3)) & 1) === 0;
		default:
			return ((((row + column) & 1) + ((row * column) % 3)) & 1) === 0;
	}
}

function readCodewords(m: BitMatrix, version: number, dataMask: number): Uint8Array {
	const dimension = m.width;
	const reserved = functionPattern(version);
	const result = new Uint8Array(totalCodewords(version));
	let offset = 0;
	let current = 0;
	let bitsRead = 0;
	let readingUp = true;
	for (let j = dimension - 1; j > 0; j -= 2) {
		if (j === 6) j--;
		for (let count = 0; count < dimension; count++) {
			const row = readingUp ? dimension - 1 - count : count;
			for (let col = 0; col < 2; col++) {
				const x = j - col;
				if (reserved[row * dimension + x]) continue;
				let bit = get(m, x, row);
				if (isMasked(dataMask, row, x)) bit ^= 1;
				current = (current << 1) | bit;
				if (++bitsRead === 8) {
					if (offset < result.length) result[offset++] = current;
					bitsRead = 0;
					current = 0;
				}
			}
		}
		readingUp = !readingUp;
	}
	if (offset !== result.length) throw new QrDecodeError('Read the wrong number of codewords');
	return result;
}

/** De-interleaves the codewords into blocks, corrects each, and returns the data codewords in order. */
function correctBlocks(
	raw: Uint8Array,
	version: number,
	ecLevel: EcLevel,
): { data: Uint8Array; corrected: number } {
	const { ecCodewordsPerBlock, blockCount } = ecBlocks(version, ecLevel);
	const total = raw.length;
	const shortBlockLength = Math.floor(total / blockCount);
	const longBlockCount = total % blockCount;
	const shortBlockCount = blockCount - longBlockCount;
	const shortDataLength = shortBlockLength - ecCodewordsPerBlock;
	const blocks: Uint8Array[] = [];
	for (let b = 0; b < blockCount; b++)
		blocks.push(new Uint8Array(shortBlockLength + (b < shortBlockCount ? 0 : 1)));
	let offset = 0;
	for (let i = 0; i < shortDataLength; i++) {
		for (let b = 0; b < blockCount; b++) blocks[b][i] = raw[offset++];
	}
	for (let b = shortBlockCount; b < blockCount; b++) blocks[b][shortDataLength] = raw[offset++];
	for (let i = shortDataLength; i < shortBlockLength; i++) {
		for (let b = 0; b < blockCount; b++) blocks[b][b < shortBlockCount ? i : i + 1] = raw[offset++];
	}
	const dataLength = blocks.reduce((sum, block) => sum + block.length - ecCodewordsPerBlock, 0);
	const data = new Uint8Array(dataLength);
	let dataOffset = 0;
	let corrected = 0;
	for (const block of blocks) {
		let failure: unknown = null;
		try {
			corrected += correctErrors(block, ecCodewordsPerBlock);
		} catch (error) {
			failure = error;
		}
		if (failure instanceof ReedSolomonError) throw new QrDecodeError('Too many errors to correct');
		if (failure !== null) throw failure;
		data.set(block.subarray(0, block.length - ecCodewordsPerBlock), dataOffset);
		dataOffset += block.length - ecCodewordsPerBlock;
	}
	return { data, corrected };
}

class BitReader {
	private position = 0;
	constructor(private readonly bytes: Uint8Array) {}
	available(): number {
		return this.bytes.length * 8 - this.position;
	}
	read(count: number): number {
		if (count > this.available()) throw new QrDecodeError('Segment runs past the data');
		let value = 0;
		for (let i = 0; i < count; i++) {
			const bit = (this.bytes[this.position >> 3] >> (7 - (this.position & 7))) & 1;
			value = (value << 1) | bit;
			this.position++;
		}
		return value;
	}
}

const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

function characterCountBits(
	mode: 'numeric' | 'alphanumeric' | 'byte' | 'kanji',
	version: number,
): number {
	const range = version <= 9 ? 0 : version <= 26 ? 1 : 2;
	const table = {
		numeric: [10, 12, 14],
		alphanumeric: [9, 11, 13],
		byte: [8, 16, 16],
		kanji: [8, 10, 12],
	};
	return table[mode][range];
}

/** UTF-8 when the bytes are valid UTF-8 with at least one multi-byte sequence; null otherwise. */
function decodeUtf8Strict(bytes: Uint8Array): string | null {
	let text = '';
	let multiByte = false;
	for (let i = 0; i < bytes.length; ) {
		const lead = bytes[i];
		let length: number;
		let codePoint: number;
		if (lead < 0x80) {
			text += String.fromCharCode(lead);
			i++;
			continue;
		} else if (lead >= 0xc2 && lead < 0xe0) {
			length = 2;
			codePoint = lead & 0x1f;
		} else if (lead >= 0xe0 && lead < 0xf0) {
			length = 3;
			codePoint = lead & 0x0f;
		} else if (lead >= 0xf0 && lead < 0xf5) {
			length = 4;
			codePoint = lead & 0x07;
		} else return null;
		if (i + length > bytes.length) return null;
		for (let k = 1; k < length; k++) {
			const next = bytes[i + k];
			if ((next & 0xc0) !== 0x80) return null;
			codePoint = (codePoint << 6) | (next & 0x3f);
		}
		const minimum = length === 2 ? 0x80 : length === 3 ? 0x800 : 0x10000;
		if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
			return null;
		text += String.fromCodePoint(codePoint);
		multiByte = true;
		i += length;
	}
	return multiByte ? text : null;
}

const latin1 = (bytes: Uint8Array): string => {
	let text = '';
	for (const byte of bytes) text += String.fromCharCode(byte);
	return text;
};

/** Bytes as text: UTF-8 when ECI 26 says so or the bytes are valid UTF-8, else ISO-8859-1. */
function decodeBytes(bytes: Uint8Array, eci: number | null): string {
	if (eci === 26 || eci === null) {
		const utf8 = decodeUtf8Strict(bytes);
		if (utf8 !== null) return utf8;
	}
	return latin1(bytes);
}

function readEci(reader: BitReader): number {
	const first = reader.read(8);
	if ((first & 0x80) === 0) return first & 0x7f;
	if ((first & 0xc0) === 0x80) return ((first & 0x3f) << 8) | reader.read(8);
	if ((first & 0xe0) === 0xc0) return ((first & 0x1f) << 16) | reader.read(16);
	throw new QrDecodeError('Bad ECI designator');
}

/** The text of the data codewords' segments. */
export function parseSegments(data: Uint8Array, version: number): string {
	const reader = new BitReader(data);
	let text = '';
	let eci: number | null = null;
	while (reader.available() >= 4) {
		const mode = reader.read(4);
		if (mode === 0) break;
		if (mode === 1) {
			let count = reader.read(characterCountBits('numeric', version));
			while (count >= 3) {
				const value = reader.read(10);
				if (value >= 1000) throw new QrDecodeError('Bad numeric group');
				text += String(value).padStart(3, '0');
				count -= 3;
			}
			if (count === 2) {
				const value = reader.read(7);
				if (value >= 100) throw new QrDecodeError('Bad numeric group');
				text += String(value).padStart(2, '0');
			} else if (count === 1) {
				const value = reader.read(4);
				if (value >= 10) throw new QrDecodeError('Bad numeric group');
				text += String(value);
			}
		} else if (mode === 2) {
			let count = reader.read(characterCountBits('alphanumeric', version));
			while (count >= 2) {
				const value = reader.read(11);
				if (value >= 45 * 45) throw new QrDecodeError('Bad alphanumeric pair');
				text += ALPHANUMERIC[Math.floor(value / 45)] + ALPHANUMERIC[value % 45];
				count -= 2;
			}
			if (count === 1) {
				const value = reader.read(6);
				if (value >= 45) throw new QrDecodeError('Bad alphanumeric character');
				text += ALPHANUMERIC[value];
			}
		} else if (mode === 4) {
			const count = reader.read(characterCountBits('byte', version));
			if (count * 8 > reader.available())
				throw new QrDecodeError('Byte segment runs past the data');
			const bytes = new Uint8Array(count);
			for (let i = 0; i < count; i++) bytes[i] = reader.read(8);
			text += decodeBytes(bytes, eci);
		} else if (mode === 7) {
			eci = readEci(reader);
		} else if (mode === 8) {
			// Kanji: 13 bits per Shift_JIS character; without a Shift_JIS table each becomes U+FFFD.
			const count = reader.read(characterCountBits('kanji', version));
			for (let i = 0; i < count; i++) reader.read(13);
			text += '\ufffd'.repeat(count);
		} else if (mode === 3) {
			reader.read(16); // structured append: sequence and parity, the text follows
		} else if (mode === 5 || mode === 9) {
			if (mode === 9) reader.read(8); // FNC1 in second position: application indicator
		} else {
			throw new QrDecodeError(`Unsupported mode ${mode}`);
		}
	}
	return text;
}

function decodeOriented(m: BitMatrix, mirrored: boolean): DecodedSymbol {
	const version = readVersion(m);
	if (version === null) throw new QrDecodeError('Symbol size is not a QR version');
	const format = readFormatInfo(m);
	if (!format) throw new QrDecodeError('Unreadable format information');
	const raw = readCodewords(m, version, format.dataMask);
	const { data, corrected } = correctBlocks(raw, version, format.ecLevel);
	return {
		text: parseSegments(data, version),
		version,
		ecLevel: format.ecLevel,
		correctedErrors: corrected,
		mirrored,
	};
}

/** Decodes a sampled symbol (square, one bit per module); tries it mirrored when it does not decode as is. Throws QrDecodeError. */
export function decodeSymbol(m: BitMatrix): DecodedSymbol {
	const result = tryDecodeSymbol(m);
	if (result instanceof QrDecodeError) throw result;
	return result;
}

/** decodeSymbol's result, or the QrDecodeError that stopped it (nothing thrown for an unreadable symbol). */
export function tryDecodeSymbol(m: BitMatrix): DecodedSymbol | QrDecodeError {
	if (m.width !== m.height) return new QrDecodeError('Symbol is not square');
	const asIs = attemptDecode(m, false);
	if (!(asIs instanceof QrDecodeError)) return asIs;
	const mirrored = attemptDecode(transposeBitMatrix(m), true);
	if (!(mirrored instanceof QrDecodeError)) return mirrored;
	return asIs;
}

/** The decoded symbol, or the QrDecodeError that stopped it (any other error is thrown). */
function attemptDecode(m: BitMatrix, mirrored: boolean): DecodedSymbol | QrDecodeError {
	let failure: unknown = null;
	try {
		return decodeOriented(m, mirrored);
	} catch (error) {
		failure = error;
	}
	if (failure instanceof QrDecodeError) return failure;
	throw failure;
}
