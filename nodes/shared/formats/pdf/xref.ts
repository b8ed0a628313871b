/**
 * The cross-reference: where each object lives (ISO 32000-1 §7.5.4–7.5.8). Reads classic tables and
 * xref streams, follows `/Prev` through incremental updates (newest entry wins), and loads objects
 * lazily, from the file or from object streams. When the table is missing or points at the wrong
 * bytes, the whole file is scanned for `N G obj` instead, as pdf.js does.
 */
import { PdfError, rethrowLimit } from './errors';
import { decodeStream, type DecodeBudget, newBudget } from './filters';
import { PDF_LIMITS } from './limits';
import { indexOf, isRegular, isWhiteSpace, lastIndexOf, Lexer } from './lexer';
import { isName, PdfDict, PdfRef, PdfStream, type PdfValue } from './objects';
import { Parser } from './parser';

type Entry =
	| { kind: 'free' }
	| { kind: 'offset'; offset: number; gen: number }
	| { kind: 'compressed'; stream: number; index: number };

function isIndex(value: unknown): value is number {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

export class XRef {
	trailer = new PdfDict();
	readonly budget: DecodeBudget = newBudget();
	private entries = new Map<number, Entry>();
	private readonly cache = new Map<number, PdfValue>();
	private readonly fetching = new Set<number>();
	private readonly objectStreamsLoaded = new Set<number>();
	private rebuilt = false;

	constructor(readonly bytes: Uint8Array) {}

	/** Reads the cross-reference data, rebuilding it by a scan when it is missing or wrong. */
	load(): void {
		let readable = false;
		try {
			this.readFromStartxref();
			readable = this.rootIsCatalog();
		} catch (error) {
			rethrowLimit(error);
		}
		if (!readable) this.rebuild();
		if (!this.rootIsCatalog()) {
			throw new PdfError('corrupt', 'The PDF has no readable document catalog.');
		}
	}

	/** Whether the reader had to scan for objects (the cross-reference data was broken). */
	get wasRebuilt(): boolean {
		return this.rebuilt;
	}

	get objectCount(): number {
		return this.entries.size;
	}

	/** The object a reference (or object number) names; null when absent, free or part of a loop. */
	fetch(ref: PdfRef | number): PdfValue {
		const num = typeof ref === 'number' ? ref : ref.num;
		const cached = this.cache.get(num);
		if (cached !== undefined) return cached;
		const entry = this.entries.get(num);
		if (entry === undefined || entry.kind === 'free') return null;
		// An object whose loading needs itself (a /Length or object stream pointing back): no value.
		if (this.fetching.has(num)) return null;
		this.fetching.add(num);
		let value: PdfValue = null;
		try {
			if (entry.kind === 'offset') {
				const found = this.parseAt(entry.offset, num);
				if (found === undefined) {
					if (!this.rebuilt) {
						this.fetching.delete(num);
						this.rebuild();
						return this.fetch(num);
					}
				} else {
					value = found;
				}
			} else {
				this.loadObjectStream(entry.stream);
				value = this.cache.get(num) ?? null;
			}
		} finally {
			this.fetching.delete(num);
		}
		this.cache.set(num, value);
		return value;
	}

	/** Follows references until a direct value (bounded: `1 0 R` naming `2 0 R` naming `1 0 R` ends). */
	resolve = (value: PdfValue | undefined): PdfValue | undefined => {
		let current = value;
		for (let hops = 0; current instanceof PdfRef; hops++) {
			if (hops >= PDF_LIMITS.maxReferenceHops) return null;
			current = this.fetch(current);
		}
		return current;
	};

	/** A dictionary entry, resolved. */
	get(dict: PdfDict | null | undefined, key: string): PdfValue | undefined {
		return dict ? this.resolve(dict.get(key)) : undefined;
	}

	/** A dictionary entry that is (or names) a dictionary; a stream's dictionary counts. */
	getDict(dict: PdfDict | null | undefined, key: string): PdfDict | null {
		const value = this.get(dict, key);
		if (value instanceof PdfDict) return value;
		return value instanceof PdfStream ? value.dict : null;
	}

	decode(stream: PdfStream): Uint8Array {
		return decodeStream(stream, this.resolve, this.budget);
	}

	private rootIsCatalog(): boolean {
		const root = this.resolve(this.trailer.get('Root'));
		return root instanceof PdfDict && (isName(root.get('Type'), 'Catalog') || root.has('Pages'));
	}

	private setEntry(num: number, entry: Entry): void {
		if (this.entries.has(num)) return; // newer sections are read first and win
		if (this.entries.size >= PDF_LIMITS.maxObjects) {
			throw new PdfError('too-large', `The PDF declares more than ${PDF_LIMITS.maxObjects} objects.`);
		}
		this.entries.set(num, entry);
	}

	private readFromStartxref(): void {
		const bytes = this.bytes;
		const at = lastIndexOf(bytes, 'startxref', Math.max(0, bytes.length - PDF_LIMITS.startxrefWindow));
		if (at < 0) throw new PdfError('corrupt', 'The PDF has no startxref.');
		const offset = new Lexer(bytes, at + 9).next();
		if (!isIndex(offset)) throw new PdfError('corrupt', 'The startxref offset is not a number.');
		const visited = new Set<number>();
		const pending = [offset];
		const trailers: PdfDict[] = [];
		while (pending.length > 0) {
			const sectionOffset = pending.shift() as number;
			if (visited.has(sectionOffset)) continue; // a /Prev chain that loops back
			visited.add(sectionOffset);
			if (visited.size > PDF_LIMITS.maxXrefSections) {
				throw new PdfError('too-large', `The PDF chains more than ${PDF_LIMITS.maxXrefSections} cross-reference sections.`);
			}
			const trailer = this.readSection(sectionOffset);
			trailers.push(trailer);
			// A hybrid file's table is completed by an xref stream (§7.5.8.4); read it before older sections.
			const hybrid = trailer.get('XRefStm');
			if (isIndex(hybrid) && !visited.has(hybrid)) {
				visited.add(hybrid);
				this.readSection(hybrid);
			}
			const prev = trailer.get('Prev');
			if (isIndex(prev)) pending.push(prev);
		}
		// The newest trailer speaks; keys only an older one has (a lost /Root) still count.
		const merged = new PdfDict();
		for (const trailer of trailers) {
			for (const [key, value] of trailer.entries) if (!merged.has(key)) merged.entries.set(key, value);
		}
		this.trailer = merged;
	}

	/** One cross-reference section at `offset`; returns its trailer dictionary. */
	private readSection(offset: number): PdfDict {
		if (offset >= this.bytes.length) throw new PdfError('corrupt', 'A cross-reference offset points past the end of the file.');
		const lexer = new Lexer(this.bytes, offset);
		const saved = lexer.pos;
		if (lexer.next() === 'xref') return this.readTable(lexer);
		lexer.pos = saved;
		const object = new Parser(lexer, (value) => this.lengthOf(value)).parseIndirect();
		if (!object || !(object.value instanceof PdfStream) || !isName(object.value.dict.get('Type'), 'XRef')) {
			throw new PdfError('corrupt', 'A cross-reference offset does not point at a table or an xref stream.');
		}
		this.readXrefStream(object.value);
		return object.value.dict;
	}

	private readTable(lexer: Lexer): PdfDict {
		for (;;) {
			const saved = lexer.pos;
			const token = lexer.next();
			if (token === 'trailer') {
				const trailer = new Parser(lexer).parseValue();
				if (!(trailer instanceof PdfDict)) throw new PdfError('corrupt', 'The PDF trailer is not a dictionary.');
				return trailer;
			}
			let first = token;
			const count = lexer.next();
			if (!isIndex(first) || !isIndex(count)) {
				lexer.pos = saved;
				throw new PdfError('corrupt', 'A cross-reference table is malformed.');
			}
			for (let i = 0; i < count; i++) {
				const entryStart = lexer.pos;
				const entryOffset = lexer.next();
				const gen = lexer.next();
				const type = lexer.next();
				if (!isIndex(entryOffset) || !isIndex(gen) || (type !== 'n' && type !== 'f')) {
					// Fewer entries than declared: the subsection ends here.
					lexer.pos = entryStart;
					break;
				}
				// A common producer bug: a table starting at 1 whose first entry is object 0's free head.
				if (i === 0 && first === 1 && type === 'f' && entryOffset === 0 && gen === 65535) first = 0;
				const num = first + i;
				if (type === 'f') this.setEntry(num, { kind: 'free' });
				else if (entryOffset === 0) this.setEntry(num, { kind: 'free' });
				else this.setEntry(num, { kind: 'offset', offset: entryOffset, gen });
			}
		}
	}

	private readXrefStream(stream: PdfStream): void {
		const dict = stream.dict;
		const widths = dict.get('W');
		if (!Array.isArray(widths) || widths.length < 3 || !widths.every((w) => isIndex(w) && w <= 8)) {
			throw new PdfError('corrupt', 'An xref stream has no valid /W.');
		}
		const [w1, w2, w3] = widths as number[];
		const size = dict.get('Size');
		const index = dict.get('Index');
		const ranges = Array.isArray(index) ? index : [0, isIndex(size) ? size : 0];
		const data = this.decode(stream);
		const entrySize = w1 + w2 + w3;
		if (entrySize === 0) return;
		let pos = 0;
		const field = (width: number): number => {
			let value = 0;
			for (let k = 0; k < width; k++) value = value * 256 + data[pos++];
			return value;
		};
		for (let r = 0; r + 1 < ranges.length; r += 2) {
			const start = ranges[r];
			const count = ranges[r + 1];
			if (!isIndex(start) || !isIndex(count)) break;
			for (let i = 0; i < count && pos + entrySize <= data.length; i++) {
				const type = w1 === 0 ? 1 : field(w1);
				const second = field(w2);
				const third = field(w3);
				const num = start + i;
				if (type === 1) this.setEntry(num, second === 0 ? { kind: 'free' } : { kind: 'offset', offset: second, gen: third });
				else if (type === 2) this.setEntry(num, { kind: 'compressed', stream: second, index: third });
				else this.setEntry(num, { kind: 'free' });
			}
		}
	}

	/** A stream's /Length while reading: references resolve through the table read so far. */
	private lengthOf(value: PdfValue | undefined): number | null {
		const resolved = value instanceof PdfRef ? this.resolve(value) : value;
		return isIndex(resolved) ? resolved : null;
	}

	/** The value of object `num` at `offset`; undefined when the bytes there are not that object. */
	private parseAt(offset: number, num: number): PdfValue | undefined {
		if (offset >= this.bytes.length) return undefined;
		const object = new Parser(new Lexer(this.bytes, offset), (value) => this.lengthOf(value)).parseIndirect();
		if (!object || object.num !== num) return undefined;
		return object.value;
	}

	private loadObjectStream(streamNum: number): void {
		if (this.objectStreamsLoaded.has(streamNum)) return;
		this.objectStreamsLoaded.add(streamNum);
		const stream = this.fetch(streamNum);
		if (!(stream instanceof PdfStream)) return;
		const count = stream.dict.get('N');
		const first = stream.dict.get('First');
		if (!isIndex(count) || !isIndex(first)) return;
		let data: Uint8Array;
		try {
			data = this.decode(stream);
		} catch (error) {
			rethrowLimit(error);
			return;
		}
		const header = new Lexer(data, 0, Math.min(first, data.length));
		const members: Array<{ num: number; offset: number }> = [];
		for (let i = 0; i < count && i < PDF_LIMITS.maxObjects; i++) {
			const num = header.next();
			const offset = header.next();
			if (!isIndex(num) || !isIndex(offset)) break;
			members.push({ num, offset });
		}
		for (const { num, offset } of members) {
			if (this.cache.has(num)) continue;
			const entry = this.entries.get(num);
			// Only members the cross-reference places in this stream (an older copy elsewhere loses).
			if (entry !== undefined && !(entry.kind === 'compressed' && entry.stream === streamNum)) continue;
			if (first + offset >= data.length) continue;
			const value = new Parser(new Lexer(data, first + offset)).parseValue(false);
			this.cache.set(num, value);
		}
	}

	/** Rebuilds the cross-reference by scanning the whole file for `N G obj` and `trailer`. */
	private rebuild(): void {
		this.rebuilt = true;
		const bytes = this.bytes;
		const found = new Map<number, Entry>();
		let trailer: PdfDict | null = null;
		let xrefStreamTrailer: PdfDict | null = null;
		const objectStreams: number[] = [];
		let catalog: number | null = null;
		const marks: number[] = [];
		for (let at = indexOf(bytes, 'obj', 0); at >= 0; at = indexOf(bytes, 'obj', at + 3)) {
			if (at + 3 >= bytes.length || !isRegular(bytes[at + 3])) marks.push(at);
		}
		for (let m = 0; m < marks.length; m++) {
			const at = marks[m];
			const start = objectStart(bytes, at);
			if (start === null) continue;
			const head = new Lexer(bytes, start.offset);
			const num = head.next() as number;
			const gen = head.next() as number;
			if (!found.has(num) && found.size >= PDF_LIMITS.maxObjects) {
				throw new PdfError('too-large', `The PDF holds more than ${PDF_LIMITS.maxObjects} objects.`);
			}
			found.set(num, { kind: 'offset', offset: start.offset, gen });
			// A peek at the dictionary (up to the next `obj`/`endobj`) tells object streams, xref streams and
			// the catalog apart; most objects have no /Type and cost one short search.
			const peekEnd = Math.min(bytes.length, at + 3 + 512, m + 1 < marks.length ? marks[m + 1] : bytes.length);
			if (indexOf(bytes, '/Type', at + 3, peekEnd) < 0) continue;
			const peek = latinWindow(bytes, at + 3, peekEnd - at - 3);
			if (/\/Type\s*\/ObjStm/.test(peek)) objectStreams.push(num);
			if (/\/Type\s*\/Catalog/.test(peek)) catalog = num;
			if (/\/Type\s*\/XRef/.test(peek)) {
				const object = new Parser(new Lexer(bytes, start.offset)).parseIndirect();
				if (object && object.value instanceof PdfStream && object.value.dict.has('Root')) {
					xrefStreamTrailer = object.value.dict;
				}
			}
		}
		for (let at = indexOf(bytes, 'trailer', 0); at >= 0; at = indexOf(bytes, 'trailer', at + 7)) {
			const value = new Parser(new Lexer(bytes, at + 7)).parseValue();
			if (value instanceof PdfDict && value.has('Root')) trailer = value;
		}
		this.entries = found;
		this.cache.clear();
		this.objectStreamsLoaded.clear();
		// Objects inside object streams: index them where no loose copy exists.
		for (const streamNum of objectStreams) {
			const stream = this.fetch(streamNum);
			if (!(stream instanceof PdfStream)) continue;
			const count = stream.dict.get('N');
			const first = stream.dict.get('First');
			if (!isIndex(count) || !isIndex(first)) continue;
			let data: Uint8Array;
			try {
				data = this.decode(stream);
			} catch (error) {
				rethrowLimit(error);
				continue;
			}
			const header = new Lexer(data, 0, Math.min(first, data.length));
			for (let i = 0; i < count; i++) {
				const num = header.next();
				const offset = header.next();
				if (!isIndex(num) || !isIndex(offset)) break;
				if (!found.has(num)) {
					if (found.size >= PDF_LIMITS.maxObjects) {
						throw new PdfError('too-large', `The PDF holds more than ${PDF_LIMITS.maxObjects} objects.`);
					}
					found.set(num, { kind: 'compressed', stream: streamNum, index: i });
				}
			}
		}
		const chosen = trailer ?? xrefStreamTrailer;
		if (chosen) {
			this.trailer = chosen;
		} else {
			this.trailer = new PdfDict();
			if (catalog !== null) this.trailer.entries.set('Root', new PdfRef(catalog, 0));
		}
		if (!this.rootIsCatalog() && catalog !== null) this.trailer.entries.set('Root', new PdfRef(catalog, 0));
	}
}

/** Where `N G obj` ending at `objAt` starts, reading backwards over the two integers. */
function objectStart(bytes: Uint8Array, objAt: number): { offset: number } | null {
	let pos = objAt - 1;
	if (pos < 0 || !isWhiteSpace(bytes[pos])) return null;
	while (pos >= 0 && isWhiteSpace(bytes[pos])) pos--;
	const genEnd = pos;
	while (pos >= 0 && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos--;
	if (pos === genEnd || pos < 0 || !isWhiteSpace(bytes[pos])) return null;
	while (pos >= 0 && isWhiteSpace(bytes[pos])) pos--;
	const numEnd = pos;
	while (pos >= 0 && bytes[pos] >= 0x30 && bytes[pos] <= 0x39) pos--;
	if (pos === numEnd) return null;
	if (pos >= 0 && isRegular(bytes[pos])) return null;
	if (numEnd - pos > 10) return null;
	return { offset: pos + 1 };
}

function latinWindow(bytes: Uint8Array, start: number, length: number): string {
	const end = Math.min(bytes.length, start + length);
	let out = '';
	for (let i = start; i < end; i++) out += String.fromCharCode(bytes[i]);
	return out;
}
