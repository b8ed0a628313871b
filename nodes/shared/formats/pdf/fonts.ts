/**
 * Fonts as text decoders (ISO 32000-1 §9.6–9.10): a shown string's bytes → its text and advance
 * width. Composite (Type0) fonts: `ToUnicode` first; else predefined Unicode CMaps (`UniGB-UCS2-H`:
 * the 2-byte codes are UCS-2) and the GB/Big5 byte encodings; else, for an Adobe-GB1 font, the CID's
 * character from Adobe's mapping (cidToUnicode.ts). Simple fonts: `ToUnicode`, else the base
 * encoding with `/Differences`, where an embedded subset's own encoding (a Type 1 program's
 * `/Encoding`, a TrueType program's cmap and glyph names) says what its codes draw. Glyph outlines
 * are never read: widths come from `/W` and `/Widths`, with estimates where a file has none.
 */
import { type CharacterCollection, characterCollection, cidToUnicode } from './cidToUnicode';
import { CMap, parseCMap } from './cmap';
import { baseEncoding, type BaseEncodingName, glyphToUnicode } from './encodings';
import { rethrowLimit } from './errors';
import { isName, latin1, nameOf, PdfDict, PdfName, PdfStream, type PdfValue } from './objects';
import { trueTypeCodes } from './trueType';
import { type1BuiltInEncoding } from './type1';
import type { XRef } from './xref';

/** A shown string, decoded. */
export interface ShownText {
	text: string;
	/** Sum of glyph advances in text-space units per 1 unit of font size (glyph space / 1000). */
	advance: number;
	/** Glyphs shown (each gets `Tc`). */
	glyphs: number;
	/** Single-byte code 32s shown (each gets `Tw`). */
	spaces: number;
}

export interface PdfFont {
	decode(bytes: Uint8Array): ShownText;
	/** Vertical writing (`-V` CMaps): glyphs advance down, not right. */
	readonly vertical: boolean;
}

/** Embedded programs of simple fonts are read (for their own encoding) only up to this size as stored. */
const MAX_FONT_PROGRAM_BYTES = 1024 * 1024;

/** Font programs are not read, so widths of the standard 14 fonts are estimates (Courier is exact). */
function standardWidth(baseFont: string): number {
	return /courier/i.test(baseFont) ? 600 : 500;
}

class SimpleFont implements PdfFont {
	readonly vertical = false;

	constructor(
		private readonly table: string[],
		private readonly widths: Float64Array,
	) {}

	decode(bytes: Uint8Array): ShownText {
		let text = '';
		let advance = 0;
		let spaces = 0;
		const table = this.table;
		const widths = this.widths;
		for (let i = 0; i < bytes.length; i++) {
			const code = bytes[i];
			text += table[code];
			advance += widths[code];
			if (code === 32) spaces++;
		}
		return { text, advance: advance / 1000, glyphs: bytes.length, spaces };
	}
}

/** How a composite font's bytes split into codes and what text a code has without a ToUnicode map. */
interface CodeScheme {
	/** Bytes in the code starting at `pos`. */
	length(bytes: Uint8Array, pos: number): number;
	/** The code's text from the encoding itself, or null. */
	text(bytes: Uint8Array, pos: number, length: number, code: number): string | null;
	/** The code's CID where known (for `/W` widths), else -1. */
	cid(code: number, length: number): number;
}

type Decoder = InstanceType<typeof TextDecoder>;
const decoders = new Map<string, Decoder | null>();
function decoder(label: string): Decoder | null {
	if (!decoders.has(label)) {
		try {
			decoders.set(label, new TextDecoder(label));
		} catch {
			// A Node built without full ICU has no GB/Big5 decoders: those codes read as no text.
			decoders.set(label, null);
		}
	}
	return decoders.get(label) ?? null;
}

/**
 * Adobe-GB1 (and CNS1) put the printable ASCII range at CIDs 1–95, so an ASCII code's width is at
 * CID code − 31; other codes take the default width (their CIDs need Adobe's tables).
 */
function asciiCid(code: number): number {
	return code >= 0x20 && code <= 0x7e ? code - 0x1f : -1;
}

const IDENTITY: CodeScheme = {
	length: () => 2,
	text: () => null,
	cid: (code) => code,
};

const UCS2: CodeScheme = {
	length: () => 2,
	text: (_bytes, _pos, _length, code) => String.fromCharCode(code),
	cid: (code) => asciiCid(code),
};

const UTF16: CodeScheme = {
	length: (bytes, pos) => {
		const high = (bytes[pos] << 8) | bytes[pos + 1];
		return high >= 0xd800 && high <= 0xdbff ? 4 : 2;
	},
	text: (bytes, pos, length) => {
		let out = '';
		for (let i = 0; i + 1 < length; i += 2) out += String.fromCharCode((bytes[pos + i] << 8) | bytes[pos + i + 1]);
		return out;
	},
	cid: (code) => asciiCid(code),
};

/** UTF-8 codes (`UniGB-UTF8-H`): the lead byte says the length. */
const UTF8: CodeScheme = {
	length: (bytes, pos) => {
		const lead = bytes[pos];
		return lead < 0xc0 ? 1 : lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
	},
	text: (bytes, pos, length) => decoder('utf-8')?.decode(bytes.subarray(pos, pos + length)) ?? null,
	cid: (code, length) => (length === 1 ? asciiCid(code) : -1),
};

/** UTF-32 codes (`UniGB-UTF32-H`): four bytes, the code point itself. */
const UTF32: CodeScheme = {
	length: () => 4,
	text: (_bytes, _pos, _length, code) => (code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null),
	cid: (code) => asciiCid(code),
};

/** `GB-H`: GB 2312 row and cell as two 7-bit bytes, which are the EUC (GBK) bytes without their high bits. */
const GB_ISO: CodeScheme = {
	length: () => 2,
	text: (bytes, pos, length) => {
		if (length !== 2) return null;
		return decoder('gbk')?.decode(Uint8Array.of(bytes[pos] | 0x80, bytes[pos + 1] | 0x80)) ?? null;
	},
	cid: () => -1,
};

/** Multi-byte legacy encodings (GBK, GB18030, Big5): lead bytes ≥ 0x81 start a 2-byte code (4 for GB18030). */
function byteEncoding(label: string, fourByte: boolean): CodeScheme {
	return {
		length: (bytes, pos) => {
			if (bytes[pos] < 0x81) return 1;
			if (fourByte && bytes[pos + 1] >= 0x30 && bytes[pos + 1] <= 0x39) return 4;
			return 2;
		},
		text: (bytes, pos, length) => {
			const decode = decoder(label);
			return decode ? decode.decode(bytes.subarray(pos, pos + length)) : null;
		},
		cid: (code, length) => (length === 1 ? asciiCid(code) : -1),
	};
}

function predefinedScheme(name: string): CodeScheme | null {
	// `Adobe-GB1-4` and its kin are identity CMaps of one character collection: the codes are CIDs.
	if (/^Identity-[HV]$/.test(name) || /^Adobe-(GB1|CNS1|Japan1|Korea1)-\d+$/.test(name)) return IDENTITY;
	if (/^Uni\w+-UCS2(-HW)?-[HV]$/.test(name)) return UCS2;
	if (/^Uni\w+-UTF16-[HV]$/.test(name)) return UTF16;
	if (/^Uni\w+-UTF8-[HV]$/.test(name)) return UTF8;
	if (/^Uni\w+-UTF32-[HV]$/.test(name)) return UTF32;
	if (/^GB-[HV]$/.test(name)) return GB_ISO;
	if (/^GBK2K-[HV]$/.test(name)) return byteEncoding('gb18030', true);
	if (/^(GBK|GBKp|GBpc|GB|GBT|GBTpc)-EUC-[HV]$/.test(name) || /^GBK-EUC-[HV]$/.test(name)) {
		return byteEncoding('gbk', false);
	}
	if (/^(B5pc|ETen-B5|HKscs-B5|ETenms-B5)-[HV]$/.test(name)) return byteEncoding('big5', false);
	return null;
}

/** An embedded encoding CMap: its code-space says the lengths, its cid maps the widths. */
function embeddedScheme(cmap: CMap): CodeScheme {
	const base = cmap.useCMap ? predefinedScheme(cmap.useCMap) : null;
	return {
		length: (bytes, pos) => cmap.codeLength(bytes, pos, base ? base.length(bytes, pos) : 2),
		text: (bytes, pos, length, code) => (base ? base.text(bytes, pos, length, code) : null),
		cid: (code, length) => cmap.cids.get(code) ?? (base ? base.cid(code, length) : code),
	};
}

class CompositeFont implements PdfFont {
	constructor(
		private readonly scheme: CodeScheme,
		private readonly toUnicode: CMap | null,
		private readonly widths: CidWidths,
		readonly vertical: boolean,
		/** The font's character collection when the package has its CID → Unicode mapping. */
		private readonly collection: CharacterCollection | null = null,
	) {}

	/** A code's text without a ToUnicode entry: from the encoding, else from its CID's collection. */
	private fallbackText(bytes: Uint8Array, pos: number, length: number, code: number): string {
		const fromEncoding = this.scheme.text(bytes, pos, length, code);
		if (fromEncoding !== null) return fromEncoding;
		return this.collection === null ? '' : (cidToUnicode(this.collection, this.scheme.cid(code, length)) ?? '');
	}

	decode(bytes: Uint8Array): ShownText {
		let text = '';
		let advance = 0;
		let glyphs = 0;
		let spaces = 0;
		const unicode = this.toUnicode?.unicode;
		for (let pos = 0; pos < bytes.length; ) {
			const length = Math.max(1, Math.min(this.scheme.length(bytes, pos), bytes.length - pos));
			let code = 0;
			for (let k = 0; k < length; k++) code = code * 256 + bytes[pos + k];
			const mapped = unicode?.get(code);
			text += mapped ?? this.fallbackText(bytes, pos, length, code);
			advance += this.widths.of(this.scheme.cid(code, length));
			glyphs++;
			if (length === 1 && code === 32) spaces++;
			pos += length;
		}
		return { text, advance: advance / 1000, glyphs, spaces };
	}
}

/** `/W` of a CIDFont: single CIDs and ranges, looked up without expanding ranges. */
class CidWidths {
	private readonly single = new Map<number, number>();
	private readonly ranges: Array<[number, number, number]> = [];

	constructor(
		w: PdfValue | undefined,
		readonly defaultWidth: number,
		resolve: (value: PdfValue | undefined) => PdfValue | undefined,
	) {
		const list = resolve(w);
		if (!Array.isArray(list)) return;
		for (let i = 0; i < list.length; ) {
			const first = resolve(list[i]);
			const next = resolve(list[i + 1]);
			if (typeof first !== 'number') {
				i++;
				continue;
			}
			if (Array.isArray(next)) {
				next.forEach((value, k) => {
					const width = resolve(value);
					if (typeof width === 'number' && this.single.size < 65536) this.single.set(first + k, width);
				});
				i += 2;
			} else {
				const width = resolve(list[i + 2]);
				if (typeof next === 'number' && typeof width === 'number') this.ranges.push([first, next, width]);
				i += 3;
			}
		}
	}

	of(cid: number): number {
		if (cid < 0) return this.defaultWidth;
		const single = this.single.get(cid);
		if (single !== undefined) return single;
		for (const [low, high, width] of this.ranges) if (cid >= low && cid <= high) return width;
		return this.defaultWidth;
	}
}

/** Reads fonts once per document. */
export class FontLoader {
	private readonly byObject = new Map<PdfDict, PdfFont>();

	constructor(private readonly xref: XRef) {}

	load(value: PdfValue | undefined): PdfFont | null {
		const dict = this.xref.resolve(value);
		if (!(dict instanceof PdfDict)) return null;
		const cached = this.byObject.get(dict);
		if (cached) return cached;
		let font: PdfFont;
		try {
			font = isName(dict.get('Subtype'), 'Type0') ? this.composite(dict) : this.simple(dict);
		} catch (error) {
			rethrowLimit(error);
			// A broken font shows no text rather than failing the page.
			font = new SimpleFont(new Array(256).fill(''), new Float64Array(256).fill(500));
		}
		this.byObject.set(dict, font);
		return font;
	}

	private cmapOf(value: PdfValue | undefined): CMap | null {
		const stream = this.xref.resolve(value);
		if (!(stream instanceof PdfStream)) return null;
		try {
			return parseCMap(this.xref.decode(stream));
		} catch (error) {
			rethrowLimit(error);
			return null;
		}
	}

	private composite(dict: PdfDict): PdfFont {
		const xref = this.xref;
		const descendants = xref.get(dict, 'DescendantFonts');
		const cidFont = xref.resolve(Array.isArray(descendants) ? descendants[0] : descendants);
		const cidDict = cidFont instanceof PdfDict ? cidFont : new PdfDict();
		const dw = xref.get(cidDict, 'DW');
		const widths = new CidWidths(cidDict.get('W'), typeof dw === 'number' ? dw : 1000, xref.resolve);
		const toUnicode = this.cmapOf(dict.get('ToUnicode'));
		const encoding = xref.resolve(dict.get('Encoding'));
		let scheme: CodeScheme = IDENTITY;
		let vertical = false;
		if (encoding instanceof PdfName) {
			scheme = predefinedScheme(encoding.name) ?? (toUnicode ? toUnicodeScheme(toUnicode) : IDENTITY);
			vertical = /-V$/.test(encoding.name);
		} else if (encoding instanceof PdfStream) {
			const embedded = this.cmapOf(encoding);
			if (embedded) scheme = embeddedScheme(embedded);
			const wmode = xref.get(encoding.dict, 'WMode');
			vertical = wmode === 1;
		}
		const systemInfo = xref.getDict(cidDict, 'CIDSystemInfo');
		const registry = xref.get(systemInfo, 'Registry');
		const ordering = xref.get(systemInfo, 'Ordering');
		const collection = characterCollection(
			registry instanceof Uint8Array ? latin1(registry) : null,
			ordering instanceof Uint8Array ? latin1(ordering) : null,
		);
		return new CompositeFont(scheme, toUnicode, widths, vertical, collection);
	}

	private simple(dict: PdfDict): PdfFont {
		const xref = this.xref;
		const baseFont = nameOf(xref.get(dict, 'BaseFont')) ?? '';
		const descriptor = xref.getDict(dict, 'FontDescriptor');
		const flags = xref.get(descriptor, 'Flags');
		const symbolic = typeof flags === 'number' && (flags & 4) !== 0 && (flags & 32) === 0;
		const encoding = xref.resolve(dict.get('Encoding'));
		let baseName: BaseEncodingName = isName(dict.get('Subtype'), 'TrueType') || symbolic ? 'WinAnsiEncoding' : 'StandardEncoding';
		const encodingDict = encoding instanceof PdfDict ? encoding : null;
		const named = encoding instanceof PdfName ? encoding.name : nameOf(xref.get(encodingDict, 'BaseEncoding'));
		if (named === 'WinAnsiEncoding' || named === 'MacRomanEncoding' || named === 'StandardEncoding') baseName = named;
		const table = baseEncoding(baseName).slice();
		if (named === null && (isName(dict.get('Subtype'), 'Type1') || isName(dict.get('Subtype'), 'MMType1'))) {
			this.readBuiltInEncoding(table, xref.get(descriptor, 'FontFile'));
		}
		const toUnicode = this.cmapOf(dict.get('ToUnicode'));
		if (toUnicode === null && isName(dict.get('Subtype'), 'TrueType')) {
			this.readCodesFromProgram(table, xref.get(descriptor, 'FontFile2'), encoding === undefined);
		}
		const differences = xref.get(encodingDict, 'Differences');
		if (Array.isArray(differences)) {
			let code = 0;
			for (const item of differences) {
				const value = xref.resolve(item);
				if (typeof value === 'number') code = value;
				else if (value instanceof PdfName && code >= 0 && code < 256) table[code++] = glyphToUnicode(value.name);
			}
		}
		if (toUnicode) for (const [code, text] of toUnicode.unicode) if (code < 256) table[code] = text;
		// Type3 glyph space is the font's own (FontMatrix); others are 1/1000 em.
		const matrix = xref.get(dict, 'FontMatrix');
		const scale = Array.isArray(matrix) && typeof matrix[0] === 'number' ? matrix[0] * 1000 : 1;
		const missing = xref.get(descriptor, 'MissingWidth');
		const widths = new Float64Array(256).fill(typeof missing === 'number' && missing > 0 ? missing : standardWidth(baseFont));
		const firstChar = xref.get(dict, 'FirstChar');
		const list = xref.get(dict, 'Widths');
		if (Array.isArray(list) && typeof firstChar === 'number') {
			list.forEach((item, i) => {
				const width = xref.resolve(item);
				const code = firstChar + i;
				if (typeof width === 'number' && code >= 0 && code < 256) widths[code] = width * scale;
			});
		}
		return new SimpleFont(table, widths);
	}

	/**
	 * An embedded font program's bytes, when small enough to be a subset (the simple fonts that need
	 * it are); larger ones, and ones that do not decode, are not read: the text falls back to the
	 * declared encoding rather than spending the document's decoding budget on glyph outlines.
	 */
	private fontProgram(fontFile: PdfValue | undefined): Uint8Array | null {
		const stream = this.xref.resolve(fontFile);
		if (!(stream instanceof PdfStream) || stream.raw.length > MAX_FONT_PROGRAM_BYTES) return null;
		try {
			return this.xref.decode(stream);
		} catch (error) {
			rethrowLimit(error);
			return null;
		}
	}

	/** An embedded Type 1 program's own encoding, where the font's `/Encoding` names no base. */
	private readBuiltInEncoding(table: string[], fontFile: PdfValue | undefined): void {
		const program = this.fontProgram(fontFile);
		if (program === null) return;
		const stream = this.xref.resolve(fontFile) as PdfStream;
		const length1 = this.xref.get(stream.dict, 'Length1');
		const names = type1BuiltInEncoding(program, typeof length1 === 'number' ? length1 : null);
		if (names === null) return;
		names.forEach((name, code) => {
			const text = name === null ? '' : glyphToUnicode(name);
			if (text !== '') table[code] = text;
		});
	}

	/**
	 * Simple TrueType fonts without ToUnicode: where the embedded program has no Unicode cmap, what a
	 * renderer draws for a code is the program's own glyph for it, whatever encoding the font declares
	 * (a WinAnsi font drawing `¥` at 0xB4 reads `´` by its encoding). The glyph's `post` name says what
	 * it is; without names, a font with no `/Encoding` and a Mac cmap has MacRoman codes.
	 */
	private readCodesFromProgram(table: string[], fontFile: PdfValue | undefined, noEncoding: boolean): void {
		const program = this.fontProgram(fontFile);
		if (program === null) return;
		const codes = trueTypeCodes(program);
		if (codes === null || codes.unicodeCmap || codes.directCmap === null) return;
		const macRoman = noEncoding && codes.directCmap === 'macRoman' ? baseEncoding('MacRomanEncoding') : null;
		for (let code = 0; code < 256; code++) {
			const name = codes.names[code];
			const named = name === null ? '' : glyphToUnicode(name);
			if (named !== '') table[code] = named;
			else if (macRoman !== null && macRoman[code] !== '') table[code] = macRoman[code];
		}
	}
}


/** A Type0 font with an unknown CMap name: split codes as its ToUnicode code-space says. */
function toUnicodeScheme(toUnicode: CMap): CodeScheme {
	return {
		length: (bytes, pos) => toUnicode.codeLength(bytes, pos, 2),
		text: () => null,
		cid: (code) => code,
	};
}
