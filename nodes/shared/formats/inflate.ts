/**
 * DEFLATE (RFC 1951) and zlib (RFC 1950) decoding in plain TypeScript: `node:zlib` is off limits
 * for community-node code. Sync, table-driven, and bounded: the output grows as it is produced
 * (never from a size the file declares) and decoding stops the moment it would pass the caller's cap,
 * so a bomb fails fast in bounded memory.
 */

export type InflateFailure = 'too-large' | 'corrupt' | 'truncated';

export class InflateError extends Error {
	readonly reason: InflateFailure;

	constructor(reason: InflateFailure, message: string) {
		super(message);
		this.name = 'InflateError';
		this.reason = reason;
	}
}

/** Inflates raw DEFLATE data (no zlib or gzip wrapper), as in ZIP members. */
export function inflateRaw(data: Uint8Array, maxOutputBytes: number): Uint8Array {
	return inflateFrom(data, 0, maxOutputBytes);
}

/**
 * Inflates zlib data (PDF `FlateDecode`). The Adler-32 trailer is not required, nor checked: PDF
 * producers truncate or garble it, and DEFLATE's own structure already catches broken data.
 */
export function inflateZlib(data: Uint8Array, maxOutputBytes: number): Uint8Array {
	if (data.length < 2) throw new InflateError('truncated', 'The zlib stream ends before its header.');
	const method = data[0] & 0x0f;
	const windowBits = (data[0] >> 4) + 8;
	if (method !== 8 || windowBits > 15 || ((data[0] << 8) | data[1]) % 31 !== 0) {
		throw new InflateError('corrupt', 'The zlib header is not valid.');
	}
	if (data[1] & 0x20) throw new InflateError('corrupt', 'The zlib stream needs a preset dictionary.');
	return inflateFrom(data, 2, maxOutputBytes);
}

// Length symbols 257..285 and distance symbols 0..29: base values and extra bits (RFC 1951 3.2.5).
const LENGTH_BASE = new Uint16Array([
	3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
	163, 195, 227, 258,
]);
const LENGTH_EXTRA = new Uint8Array([
	0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
]);
const DIST_BASE = new Uint16Array([
	1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
	3073, 4097, 6145, 8193, 12289, 16385, 24577,
]);
const DIST_EXTRA = new Uint8Array([
	0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
]);
// The order code-length code lengths are sent in (RFC 1951 3.2.7).
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

const MAX_BITS = 15;

/**
 * A Huffman code as one lookup table indexed by the next `bits` input bits (LSB first): each entry
 * is `symbol << 4 | codeLength`; 0 marks a bit pattern no code starts with (an incomplete code).
 */
interface HuffmanTable {
	entries: Uint16Array;
	bits: number;
}

function buildTable(lengths: Uint8Array, count: number, entries: Uint16Array): HuffmanTable {
	const lengthCount = new Uint16Array(MAX_BITS + 1);
	for (let symbol = 0; symbol < count; symbol++) lengthCount[lengths[symbol]]++;
	lengthCount[0] = 0;
	let bits = 0;
	let left = 1;
	for (let length = 1; length <= MAX_BITS; length++) {
		if (lengthCount[length]) bits = length;
		left = (left << 1) - lengthCount[length];
		if (left < 0) throw new InflateError('corrupt', 'A Huffman code in the stream is over-subscribed.');
	}
	const nextCode = new Uint16Array(MAX_BITS + 1);
	for (let length = 1, code = 0; length <= MAX_BITS; length++) {
		code = (code + lengthCount[length - 1]) << 1;
		nextCode[length] = code;
	}
	const size = 1 << bits;
	entries.fill(0, 0, size);
	for (let symbol = 0; symbol < count; symbol++) {
		const length = lengths[symbol];
		if (!length) continue;
		let code = nextCode[length]++;
		// Codes are packed MSB first while the stream is read LSB first: index by the reversed code.
		let reversed = 0;
		for (let i = 0; i < length; i++) {
			reversed = (reversed << 1) | (code & 1);
			code >>= 1;
		}
		const entry = (symbol << 4) | length;
		for (let index = reversed; index < size; index += 1 << length) entries[index] = entry;
	}
	return { entries, bits };
}

let fixedTables: { literal: HuffmanTable; distance: HuffmanTable } | undefined;

function getFixedTables() {
	if (!fixedTables) {
		const lengths = new Uint8Array(288);
		lengths.fill(8, 0, 144);
		lengths.fill(9, 144, 256);
		lengths.fill(7, 256, 280);
		lengths.fill(8, 280, 288);
		const literal = buildTable(lengths, 288, new Uint16Array(1 << 9));
		const distanceLengths = new Uint8Array(30).fill(5);
		const distance = buildTable(distanceLengths, 30, new Uint16Array(1 << 5));
		fixedTables = { literal, distance };
	}
	return fixedTables;
}

function inflateFrom(data: Uint8Array, start: number, maxOutputBytes: number): Uint8Array {
	const inputEnd = data.length;
	let pos = start;
	let bitBuffer = 0;
	let bitCount = 0;
	let out = new Uint8Array(Math.max(0, Math.min(maxOutputBytes, Math.max(4096, data.length * 4))));
	let outPos = 0;

	const grow = (needed: number) => {
		if (needed > maxOutputBytes) {
			throw new InflateError('too-large', `The inflated data exceeds ${maxOutputBytes} bytes.`);
		}
		const next = new Uint8Array(Math.min(maxOutputBytes, Math.max(out.length * 2, needed)));
		next.set(out.subarray(0, outPos));
		out = next;
	};
	const truncated = () => new InflateError('truncated', 'The compressed data ends too early.');
	const readBits = (count: number): number => {
		while (bitCount < count) {
			if (pos >= inputEnd) throw truncated();
			bitBuffer |= data[pos++] << bitCount;
			bitCount += 8;
		}
		const value = bitBuffer & ((1 << count) - 1);
		bitBuffer >>>= count;
		bitCount -= count;
		return value;
	};
	const decodeSymbol = (table: HuffmanTable): number => {
		// Fill what the input still has: near its end a short code may need fewer bits than the table.
		while (bitCount < table.bits && pos < inputEnd) {
			bitBuffer |= data[pos++] << bitCount;
			bitCount += 8;
		}
		const entry = table.entries[bitBuffer & ((1 << table.bits) - 1)];
		const length = entry & 15;
		if (length === 0) throw new InflateError('corrupt', 'The compressed data holds an invalid code.');
		if (length > bitCount) throw truncated();
		bitBuffer >>>= length;
		bitCount -= length;
		return entry >> 4;
	};

	const literalEntries = new Uint16Array(1 << MAX_BITS);
	const distanceEntries = new Uint16Array(1 << MAX_BITS);
	const codeLengthEntries = new Uint16Array(1 << 7);
	const lengths = new Uint8Array(286 + 30);

	let isFinal = false;
	while (!isFinal) {
		isFinal = readBits(1) === 1;
		const type = readBits(2);
		if (type === 0) {
			// Stored: skip to a byte boundary, give back whole buffered bytes, then LEN and its complement.
			bitBuffer >>>= bitCount & 7;
			bitCount -= bitCount & 7;
			pos -= bitCount >> 3;
			bitBuffer = 0;
			bitCount = 0;
			if (pos + 4 > inputEnd) throw truncated();
			const length = data[pos] | (data[pos + 1] << 8);
			const complement = data[pos + 2] | (data[pos + 3] << 8);
			if ((length ^ 0xffff) !== complement) {
				throw new InflateError('corrupt', 'A stored block has a broken length.');
			}
			pos += 4;
			if (outPos + length > out.length) grow(outPos + length);
			const available = Math.min(length, inputEnd - pos);
			out.set(data.subarray(pos, pos + available), outPos);
			if (available < length) throw truncated();
			pos += length;
			outPos += length;
			continue;
		}
		let literal: HuffmanTable;
		let distance: HuffmanTable;
		if (type === 1) {
			({ literal, distance } = getFixedTables());
		} else if (type === 2) {
			const literalCount = readBits(5) + 257;
			const distanceCount = readBits(5) + 1;
			const codeLengthCount = readBits(4) + 4;
			if (literalCount > 286 || distanceCount > 30) {
				throw new InflateError('corrupt', 'A dynamic block declares too many codes.');
			}
			const codeLengthLengths = new Uint8Array(19);
			for (let i = 0; i < codeLengthCount; i++) codeLengthLengths[CODE_LENGTH_ORDER[i]] = readBits(3);
			const codeLengthTable = buildTable(codeLengthLengths, 19, codeLengthEntries);
			const total = literalCount + distanceCount;
			lengths.fill(0);
			for (let i = 0; i < total; ) {
				const symbol = decodeSymbol(codeLengthTable);
				if (symbol < 16) {
					lengths[i++] = symbol;
					continue;
				}
				let repeat: number;
				let value = 0;
				if (symbol === 16) {
					if (i === 0) throw new InflateError('corrupt', 'A code length repeats nothing.');
					value = lengths[i - 1];
					repeat = 3 + readBits(2);
				} else if (symbol === 17) {
					repeat = 3 + readBits(3);
				} else {
					repeat = 11 + readBits(7);
				}
				if (i + repeat > total) throw new InflateError('corrupt', 'Code lengths overrun the block.');
				while (repeat--) lengths[i++] = value;
			}
			if (lengths[256] === 0) throw new InflateError('corrupt', 'A dynamic block has no end code.');
			literal = buildTable(lengths.subarray(0, literalCount), literalCount, literalEntries);
			distance = buildTable(lengths.subarray(literalCount, total), distanceCount, distanceEntries);
		} else {
			throw new InflateError('corrupt', 'The compressed data uses an invalid block type.');
		}

		const literalBits = literal.bits;
		const literalMask = (1 << literalBits) - 1;
		const literalTable = literal.entries;
		for (;;) {
			// Hot path inlined: one table lookup per symbol.
			while (bitCount < literalBits && pos < inputEnd) {
				bitBuffer |= data[pos++] << bitCount;
				bitCount += 8;
			}
			const entry = literalTable[bitBuffer & literalMask];
			const codeLength = entry & 15;
			if (codeLength === 0) throw new InflateError('corrupt', 'The compressed data holds an invalid code.');
			if (codeLength > bitCount) throw truncated();
			bitBuffer >>>= codeLength;
			bitCount -= codeLength;
			const symbol = entry >> 4;
			if (symbol < 256) {
				if (outPos >= out.length) grow(outPos + 1);
				out[outPos++] = symbol;
				continue;
			}
			if (symbol === 256) break;
			const lengthIndex = symbol - 257;
			if (lengthIndex >= 29) throw new InflateError('corrupt', 'The compressed data holds an invalid length.');
			const length = LENGTH_BASE[lengthIndex] + readBits(LENGTH_EXTRA[lengthIndex]);
			const distanceSymbol = decodeSymbol(distance);
			if (distanceSymbol >= 30) {
				throw new InflateError('corrupt', 'The compressed data holds an invalid distance.');
			}
			const back = DIST_BASE[distanceSymbol] + readBits(DIST_EXTRA[distanceSymbol]);
			if (back > outPos) throw new InflateError('corrupt', 'A back-reference points before the start.');
			if (outPos + length > out.length) grow(outPos + length);
			const target = out;
			const from = outPos - back;
			if (back === 1) {
				// A run of one byte (zeros, spaces): the commonest long match, and a bomb's favorite.
				target.fill(target[from], outPos, outPos + length);
			} else if (back >= length && length >= 64) {
				target.copyWithin(outPos, from, from + length);
			} else {
				for (let i = 0; i < length; i++) target[outPos + i] = target[from + i];
			}
			outPos += length;
		}
	}
	// A view, not a copy: the spare capacity is at most what the last growth added.
	return out.subarray(0, outPos);
}
