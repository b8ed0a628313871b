/**
 * CMaps (Adobe TN 5014, 5099): `ToUnicode` maps (`bfchar`, `bfrange` in both forms) and embedded
 * encoding CMaps (`cidchar`, `cidrange`), with their code-space ranges that say how many bytes a
 * code has. Ranges expand only up to the limits: `<0000> <FFFF>` is fine, four-byte spans are not.
 */
import { PDF_LIMITS } from './limits';
import { Lexer } from './lexer';
import { glyphToUnicode } from './encodings';
import { PdfName } from './objects';

export interface CodespaceRange {
	bytes: number;
	low: number;
	high: number;
}

export class CMap {
	readonly codespace: CodespaceRange[] = [];
	readonly unicode = new Map<number, string>();
	readonly cids = new Map<number, number>();
	/** `/Name usecmap`: a predefined CMap this one extends. */
	useCMap: string | null = null;

	/** Byte length of the code starting at `pos`, from the code-space ranges; `fallback` when none match. */
	codeLength(bytes: Uint8Array, pos: number, fallback: number): number {
		if (this.codespace.length === 0) return fallback;
		let code = 0;
		for (let length = 1; length <= 4 && pos + length <= bytes.length; length++) {
			code = code * 256 + bytes[pos + length - 1];
			for (const range of this.codespace) {
				if (range.bytes === length && code >= range.low && code <= range.high) return length;
			}
		}
		// No range matches (a sloppy CMap): the shortest declared length keeps the text aligned.
		let shortest = 4;
		for (const range of this.codespace) shortest = Math.min(shortest, range.bytes);
		return shortest;
	}
}

function codeOf(bytes: Uint8Array): number {
	let code = 0;
	for (let i = 0; i < bytes.length && i < 4; i++) code = code * 256 + bytes[i];
	return code;
}

/** UTF-16BE bytes (a `bfchar`/`bfrange` destination) as a JS string. */
export function utf16be(bytes: Uint8Array): string {
	if (bytes.length === 1) return String.fromCharCode(bytes[0]);
	let out = '';
	for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
	return out;
}

/** Adds `offset` to the last UTF-16 unit of `base` (a `bfrange` destination stepping through its range). */
function step(base: string, offset: number): string {
	if (offset === 0 || base.length === 0) return base;
	const last = base.charCodeAt(base.length - 1) + offset;
	return base.slice(0, -1) + String.fromCharCode(last & 0xffff);
}

export function parseCMap(data: Uint8Array): CMap {
	const cmap = new CMap();
	const lexer = new Lexer(data);
	let entries = 0;
	const add = (): boolean => ++entries <= PDF_LIMITS.maxCmapEntries;
	let previous: unknown = undefined;
	for (;;) {
		const token = lexer.next();
		if (token === undefined) break;
		switch (token) {
			case 'begincodespacerange':
				for (;;) {
					const low = lexer.next();
					if (!(low instanceof Uint8Array)) break;
					const high = lexer.next();
					if (!(high instanceof Uint8Array)) break;
					const length = Math.max(1, Math.min(4, low.length));
					cmap.codespace.push({ bytes: length, low: codeOf(low), high: codeOf(high) });
				}
				break;
			case 'beginbfchar':
				for (;;) {
					const source = lexer.next();
					if (!(source instanceof Uint8Array)) break;
					const target = lexer.next();
					if (!add()) return cmap;
					if (target instanceof Uint8Array) cmap.unicode.set(codeOf(source), utf16be(target));
					else if (target instanceof PdfName) cmap.unicode.set(codeOf(source), glyphToUnicode(target.name));
				}
				break;
			case 'beginbfrange':
				for (;;) {
					const low = lexer.next();
					if (!(low instanceof Uint8Array)) break;
					const high = lexer.next();
					if (!(high instanceof Uint8Array)) break;
					const start = codeOf(low);
					const end = Math.min(codeOf(high), start + PDF_LIMITS.maxCmapRange - 1);
					const target = lexer.next();
					if (target instanceof Uint8Array) {
						const base = utf16be(target);
						for (let code = start; code <= end; code++) {
							if (!add()) return cmap;
							cmap.unicode.set(code, step(base, code - start));
						}
					} else if (target === '[') {
						// Array form: one destination per code of the range.
						let code = start;
						for (;;) {
							const item = lexer.next();
							if (item === ']' || item === undefined) break;
							if (item instanceof Uint8Array && code <= end) {
								if (!add()) return cmap;
								cmap.unicode.set(code, utf16be(item));
							}
							code++;
						}
					}
				}
				break;
			case 'begincidchar':
				for (;;) {
					const source = lexer.next();
					if (!(source instanceof Uint8Array)) break;
					const cid = lexer.next();
					if (!add()) return cmap;
					if (typeof cid === 'number') cmap.cids.set(codeOf(source), cid);
				}
				break;
			case 'begincidrange':
				for (;;) {
					const low = lexer.next();
					if (!(low instanceof Uint8Array)) break;
					const high = lexer.next();
					if (!(high instanceof Uint8Array)) break;
					const cid = lexer.next();
					if (typeof cid !== 'number') continue;
					const start = codeOf(low);
					const end = Math.min(codeOf(high), start + PDF_LIMITS.maxCmapRange - 1);
					for (let code = start; code <= end; code++) {
						if (!add()) return cmap;
						cmap.cids.set(code, cid + code - start);
					}
				}
				break;
			case 'usecmap':
				if (previous instanceof PdfName) cmap.useCMap = previous.name;
				break;
			default:
				break;
		}
		previous = token;
	}
	return cmap;
}
