/**
 * PDF objects from tokens (ISO 32000-1 §7.3): arrays, dictionaries, `N G R` references, streams and
 * `N G obj … endobj`. Lenient where producers are sloppy (a missing value, a wrong `/Length`), strict
 * where a hostile file could make it loop or nest without end.
 */
import { PdfError } from './errors';
import { PDF_LIMITS } from './limits';
import { indexOf, isWhiteSpace, Lexer } from './lexer';
import { PdfDict, PdfName, PdfRef, PdfStream, type PdfValue } from './objects';

/** Resolves a stream's `/Length` when it is a reference; null when it cannot be known. */
export type LengthResolver = (value: PdfValue | undefined) => number | null;

export interface IndirectObject {
	num: number;
	gen: number;
	value: PdfValue;
}

/** A keyword where a value was expected: the caller decides what it means. */
class Unexpected {
	constructor(readonly word: string) {}
}

function isIndex(token: unknown): token is number {
	return typeof token === 'number' && Number.isInteger(token) && token >= 0;
}

export class Parser {
	constructor(
		readonly lexer: Lexer,
		private readonly resolveLength: LengthResolver = (value) => (typeof value === 'number' ? value : null),
	) {}

	/** The next value; a stray keyword reads as null. */
	parseValue(allowStreams = false): PdfValue {
		const value = this.value(this.lexer.next(), 0, allowStreams);
		return value instanceof Unexpected ? null : value;
	}

	/** `N G obj <value> [endobj]` at the lexer's position, or null when there is none. */
	parseIndirect(): IndirectObject | null {
		const lexer = this.lexer;
		const num = lexer.next();
		const gen = lexer.next();
		const keyword = lexer.next();
		if (!isIndex(num) || !isIndex(gen) || keyword !== 'obj') return null;
		const value = this.parseValue(true);
		return { num, gen, value };
	}

	private value(token: ReturnType<Lexer['next']>, depth: number, allowStreams: boolean): PdfValue | Unexpected {
		if (token === undefined) return new Unexpected('');
		if (typeof token === 'number') {
			if (isIndex(token)) {
				const lexer = this.lexer;
				const saved = lexer.pos;
				const gen = lexer.next();
				if (isIndex(gen)) {
					const afterGen = lexer.pos;
					if (lexer.next() === 'R') return new PdfRef(token, gen);
					lexer.pos = afterGen;
				}
				lexer.pos = saved;
			}
			return token;
		}
		if (token instanceof Uint8Array || token instanceof PdfName) return token;
		switch (token) {
			case '[':
				return this.array(depth + 1);
			case '<<':
				return this.dictionary(depth + 1, allowStreams);
			case 'true':
				return true;
			case 'false':
				return false;
			case 'null':
				return null;
			default:
				return new Unexpected(token);
		}
	}

	private checkDepth(depth: number): void {
		if (depth > PDF_LIMITS.maxNestingDepth) {
			throw new PdfError(
				'too-large',
				`The PDF nests arrays or dictionaries deeper than ${PDF_LIMITS.maxNestingDepth} levels.`,
			);
		}
	}

	private array(depth: number): PdfValue[] {
		this.checkDepth(depth);
		const items: PdfValue[] = [];
		for (;;) {
			const token = this.lexer.next();
			if (token === ']' || token === undefined) return items;
			const item = this.value(token, depth, false);
			if (item instanceof Unexpected) {
				// `endobj` or `>>` inside an array: the array was never closed.
				if (item.word === 'endobj' || item.word === '>>' || item.word === 'stream') {
					this.lexer.pos -= item.word.length;
					return items;
				}
				continue;
			}
			items.push(item);
		}
	}

	private dictionary(depth: number, allowStreams: boolean): PdfDict | PdfStream {
		this.checkDepth(depth);
		const dict = new PdfDict();
		const lexer = this.lexer;
		for (;;) {
			const key = lexer.next();
			if (key === '>>' || key === undefined) break;
			if (!(key instanceof PdfName)) {
				if (key === 'endobj' || key === 'stream') {
					// Never closed: give the keyword back and end the dictionary here.
					lexer.pos -= key.length;
					break;
				}
				continue;
			}
			const value = this.value(lexer.next(), depth, false);
			if (value instanceof Unexpected) {
				// `/Key >>`: a key without a value, then the end.
				if (value.word === '>>') break;
				if (value.word === 'endobj' || value.word === 'stream') {
					lexer.pos -= value.word.length;
					break;
				}
				continue;
			}
			dict.entries.set(key.name, value);
		}
		if (!allowStreams) return dict;
		const saved = lexer.pos;
		if (lexer.next() === 'stream') return this.stream(dict);
		lexer.pos = saved;
		return dict;
	}

	private stream(dict: PdfDict): PdfStream {
		const lexer = this.lexer;
		const bytes = lexer.bytes;
		let start = lexer.pos;
		// `stream` is followed by CRLF or LF (a lone CR from some producers).
		if (bytes[start] === 0x0d) start++;
		if (bytes[start] === 0x0a) start++;
		const declared = this.resolveLength(dict.get('Length'));
		let end = -1;
		if (declared !== null && declared >= 0 && start + declared <= lexer.end) {
			let after = start + declared;
			while (after < lexer.end && isWhiteSpace(bytes[after])) after++;
			if (indexOf(bytes, 'endstream', after, Math.min(lexer.end, after + 9)) === after) {
				end = start + declared;
				lexer.pos = after + 9;
			}
		}
		if (end < 0) {
			// Wrong or unknown /Length: the data ends at the next `endstream` (else `endobj`, else the file).
			const marker = indexOf(bytes, 'endstream', start, lexer.end);
			if (marker >= 0) {
				end = marker;
				lexer.pos = marker + 9;
			} else {
				const endobj = indexOf(bytes, 'endobj', start, lexer.end);
				end = endobj >= 0 ? endobj : lexer.end;
				lexer.pos = end;
			}
			if (end > start && bytes[end - 1] === 0x0a) end--;
			if (end > start && bytes[end - 1] === 0x0d) end--;
		}
		return new PdfStream(dict, bytes.subarray(start, end));
	}
}
