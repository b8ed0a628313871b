/**
 * Tokens of PDF syntax (ISO 32000-1 §7.2–7.3) over raw bytes. Keywords and delimiters come back as
 * JS strings (`obj`, `R`, `Tj`, `[`, `<<`), strings as bytes, names as `PdfName`, numbers as numbers,
 * end of input as `undefined`. The position is a plain index, so a caller can look ahead and rewind.
 */
import { PdfName } from './objects';

export type Token = number | string | Uint8Array | PdfName | undefined;

// Character classes (§7.2.2): 1 = white-space, 2 = delimiter, 0 = regular.
const CHAR_CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CHAR_CLASS[c] = 1;
for (const c of '()<>[]{}/%') CHAR_CLASS[c.charCodeAt(0)] = 2;

const HEX_VALUE = new Int8Array(256).fill(-1);
for (let i = 0; i < 10; i++) HEX_VALUE[0x30 + i] = i;
for (let i = 0; i < 6; i++) {
	HEX_VALUE[0x41 + i] = 10 + i;
	HEX_VALUE[0x61 + i] = 10 + i;
}

export function isWhiteSpace(byte: number): boolean {
	return CHAR_CLASS[byte] === 1;
}

export function isRegular(byte: number): boolean {
	return CHAR_CLASS[byte] === 0;
}

/**
 * The bytes that the hex digits in `bytes[start, end)` spell, other characters (white space) skipped; an odd
 * final digit reads as if followed by 0 (§7.3.4.3). Hex strings `<…>` and the ASCIIHexDecode filter share it.
 */
export function decodeHexDigits(bytes: Uint8Array, start: number, end: number): Uint8Array {
	const out = new Uint8Array((end - start + 1) >> 1);
	let length = 0;
	let high = -1;
	for (let pos = start; pos < end; pos++) {
		const value = HEX_VALUE[bytes[pos]];
		if (value < 0) continue;
		if (high < 0) {
			high = value;
		} else {
			out[length++] = (high << 4) | value;
			high = -1;
		}
	}
	if (high >= 0) out[length++] = high << 4;
	return length === out.length ? out : out.slice(0, length);
}

/** Short keywords recur thousands of times in a content stream: one string each. */
const keywordCache = new Map<number, string>();

export class Lexer {
	pos: number;

	constructor(
		readonly bytes: Uint8Array,
		start = 0,
		readonly end = bytes.length,
	) {
		this.pos = start;
	}

	/** Skips white-space and comments. */
	skipSpace(): void {
		const bytes = this.bytes;
		const end = this.end;
		let pos = this.pos;
		while (pos < end) {
			const c = bytes[pos];
			if (CHAR_CLASS[c] === 1) {
				pos++;
			} else if (c === 0x25) {
				while (pos < end && bytes[pos] !== 0x0a && bytes[pos] !== 0x0d) pos++;
			} else {
				break;
			}
		}
		this.pos = pos;
	}

	next(): Token {
		this.skipSpace();
		const bytes = this.bytes;
		if (this.pos >= this.end) return undefined;
		const c = bytes[this.pos];
		switch (c) {
			case 0x28: // (
				return this.literalString();
			case 0x2f: // /
				return this.name();
			case 0x5b: // [
				this.pos++;
				return '[';
			case 0x5d: // ]
				this.pos++;
				return ']';
			case 0x7b: // {
				this.pos++;
				return '{';
			case 0x7d: // }
				this.pos++;
				return '}';
			case 0x3c: // <
				if (bytes[this.pos + 1] === 0x3c) {
					this.pos += 2;
					return '<<';
				}
				return this.hexString();
			case 0x3e: // >
				if (bytes[this.pos + 1] === 0x3e) {
					this.pos += 2;
					return '>>';
				}
				this.pos++;
				return '>';
			case 0x29: // a stray ')': skip it as pdf.js does
				this.pos++;
				return this.next();
			default:
				break;
		}
		if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
			const number = this.number();
			if (number !== null) return number;
		}
		return this.keyword();
	}

	/** A number, or null (position unchanged) when the regular characters here are not one. */
	private number(): number | null {
		const bytes = this.bytes;
		const end = this.end;
		let pos = this.pos;
		let negative = false;
		// Producers write `--5` and `+-5`; pdf.js reads the last sign.
		while (pos < end && (bytes[pos] === 0x2d || bytes[pos] === 0x2b)) {
			negative = bytes[pos] === 0x2d;
			pos++;
		}
		let value = 0;
		let digits = 0;
		while (pos < end && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) {
			value = value * 10 + (bytes[pos] - 0x30);
			digits++;
			pos++;
		}
		if (pos < end && bytes[pos] === 0x2e) {
			pos++;
			// Fraction digits as one integer, divided once: `265.35` stays 265.35, not 265.35000000000002.
			let fraction = 0;
			let divisor = 1;
			while (pos < end && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) {
				if (divisor < 1e15) {
					fraction = fraction * 10 + (bytes[pos] - 0x30);
					divisor *= 10;
				}
				digits++;
				pos++;
			}
			value += fraction / divisor;
		}
		if (digits === 0) {
			// A lone sign or dot: pdf.js reads it as 0; a sign before letters is a keyword.
			if (pos < end && CHAR_CLASS[bytes[pos]] === 0) return null;
			this.pos = pos;
			return 0;
		}
		// `12abc` is not a number: let the keyword path take the whole word.
		if (pos < end && CHAR_CLASS[bytes[pos]] === 0 && bytes[pos] !== 0x2d) return null;
		this.pos = pos;
		return negative ? -value : value;
	}

	private keyword(): string {
		const bytes = this.bytes;
		const end = this.end;
		const start = this.pos;
		let pos = start;
		while (pos < end && CHAR_CLASS[bytes[pos]] === 0) pos++;
		if (pos === start) {
			// A delimiter no rule above takes (a lone `%` cannot reach here): consume one byte.
			pos++;
		}
		this.pos = pos;
		const length = pos - start;
		if (length <= 3) {
			let key = length;
			for (let i = start; i < pos; i++) key = key * 256 + bytes[i];
			let word = keywordCache.get(key);
			if (word === undefined) {
				word = String.fromCharCode.apply(null, bytes.subarray(start, pos) as unknown as number[]);
				keywordCache.set(key, word);
			}
			return word;
		}
		return String.fromCharCode.apply(null, bytes.subarray(start, pos) as unknown as number[]);
	}

	private name(): PdfName {
		const bytes = this.bytes;
		const end = this.end;
		let pos = this.pos + 1;
		// Fast path: short names without `#` escapes (nearly all of them).
		let simple = '';
		let scan = pos;
		while (scan < end && CHAR_CLASS[bytes[scan]] === 0 && bytes[scan] !== 0x23 && scan - pos < 32) {
			simple += String.fromCharCode(bytes[scan]);
			scan++;
		}
		if (scan >= end || CHAR_CLASS[bytes[scan]] !== 0) {
			this.pos = scan;
			return new PdfName(simple);
		}
		let out = '';
		let runStart = pos;
		while (pos < end && CHAR_CLASS[bytes[pos]] === 0) {
			if (bytes[pos] === 0x23 && pos + 2 < end) {
				const high = HEX_VALUE[bytes[pos + 1]];
				const low = HEX_VALUE[bytes[pos + 2]];
				if (high >= 0 && low >= 0) {
					out += String.fromCharCode.apply(null, bytes.subarray(runStart, pos) as unknown as number[]);
					out += String.fromCharCode((high << 4) | low);
					pos += 3;
					runStart = pos;
					continue;
				}
			}
			pos++;
		}
		out += String.fromCharCode.apply(null, bytes.subarray(runStart, pos) as unknown as number[]);
		this.pos = pos;
		return new PdfName(out);
	}

	private literalString(): Uint8Array {
		const bytes = this.bytes;
		const end = this.end;
		let pos = this.pos + 1;
		// Fast path: no escapes and no nested parentheses.
		const start = pos;
		while (pos < end) {
			const c = bytes[pos];
			if (c === 0x29) {
				this.pos = pos + 1;
				return bytes.slice(start, pos);
			}
			if (c === 0x5c || c === 0x28) break;
			pos++;
		}
		pos = start;
		let buffer = new Uint8Array(64);
		let length = 0;
		const push = (byte: number): void => {
			if (length === buffer.length) {
				const grown = new Uint8Array(buffer.length * 2);
				grown.set(buffer);
				buffer = grown;
			}
			buffer[length++] = byte;
		};
		let depth = 1;
		while (pos < end) {
			const c = bytes[pos++];
			if (c === 0x28) {
				depth++;
				push(c);
			} else if (c === 0x29) {
				if (--depth === 0) break;
				push(c);
			} else if (c === 0x5c) {
				if (pos >= end) break;
				const e = bytes[pos++];
				switch (e) {
					case 0x6e:
						push(0x0a);
						break;
					case 0x72:
						push(0x0d);
						break;
					case 0x74:
						push(0x09);
						break;
					case 0x62:
						push(0x08);
						break;
					case 0x66:
						push(0x0c);
						break;
					case 0x0d:
						// Line continuation: backslash + EOL adds nothing.
						if (bytes[pos] === 0x0a) pos++;
						break;
					case 0x0a:
						break;
					default:
						if (e >= 0x30 && e <= 0x37) {
							let value = e - 0x30;
							for (let i = 0; i < 2 && pos < end && bytes[pos] >= 0x30 && bytes[pos] <= 0x37; i++) {
								value = value * 8 + (bytes[pos++] - 0x30);
							}
							push(value & 0xff);
						} else {
							push(e);
						}
				}
			} else {
				push(c);
			}
		}
		this.pos = pos;
		return buffer.slice(0, length);
	}

	private hexString(): Uint8Array {
		const bytes = this.bytes;
		const end = this.end;
		const start = this.pos + 1;
		let close = start;
		while (close < end && bytes[close] !== 0x3e) close++;
		this.pos = close + 1;
		return decodeHexDigits(bytes, start, close);
	}
}

/** Index of `needle` in `bytes` from `from` (or -1), for `endstream`, `startxref` and the like. */
export function indexOf(bytes: Uint8Array, needle: string, from = 0, to = bytes.length): number {
	const first = needle.charCodeAt(0);
	const last = to - needle.length;
	outer: for (let i = Math.max(0, from); i <= last; i++) {
		if (bytes[i] !== first) continue;
		for (let j = 1; j < needle.length; j++) {
			if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
		}
		return i;
	}
	return -1;
}

/** Last index of `needle` in `bytes` that starts at or after `from`, or -1. */
export function lastIndexOf(bytes: Uint8Array, needle: string, from = 0): number {
	const first = needle.charCodeAt(0);
	outer: for (let i = bytes.length - needle.length; i >= from; i--) {
		if (bytes[i] !== first) continue;
		for (let j = 1; j < needle.length; j++) {
			if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
		}
		return i;
	}
	return -1;
}
