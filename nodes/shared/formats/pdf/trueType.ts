/**
 * What an embedded TrueType program (`FontFile2`) says about a simple font's codes, for fonts
 * without ToUnicode whose declared encoding is not what is drawn. When the program has no Unicode
 * cmap (3,1), a renderer cannot find glyphs by name and shows each code through the program's own
 * (3,0) or (1,0) cmap: a font declared WinAnsi that draws `¥` at code 0xB4 (MacRoman's yen) prints
 * `¥` while WinAnsi reads `´`. The glyph's name in the `post` table says what it is; without names,
 * a (1,0) cmap means the codes are MacRoman.
 *
 * Only the table directory, `cmap` (formats 0, 4, 6) and `post` (format 2) are read, each bounded by
 * its declared length; a damaged program reads as "nothing known" (null).
 */

/** What the program says about codes 0–255. */
export interface TrueTypeCodes {
	/** The program has a (3,1) Unicode cmap: renderers find glyphs by name, so the declared encoding holds. */
	unicodeCmap: boolean;
	/** The cmap that maps codes directly: (3,0) symbol or (1,0) Mac Roman; null when neither is there. */
	directCmap: 'symbol' | 'macRoman' | null;
	/** Glyph name per code from `post` (null where the program names none). */
	names: Array<string | null>;
}

/** The 258 glyph names of the standard Macintosh ordering, which `post` format 2 indexes refer to below 258. */
const MAC_GLYPH_NAMES = (
	'.notdef .null nonmarkingreturn space exclam quotedbl numbersign dollar percent ampersand quotesingle ' +
	'parenleft parenright asterisk plus comma hyphen period slash zero one two three four five six seven eight ' +
	'nine colon semicolon less equal greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z ' +
	'bracketleft backslash bracketright asciicircum underscore grave a b c d e f g h i j k l m n o p q r s t u v ' +
	'w x y z braceleft bar braceright asciitilde Adieresis Aring Ccedilla Eacute Ntilde Odieresis Udieresis ' +
	'aacute agrave acircumflex adieresis atilde aring ccedilla eacute egrave ecircumflex edieresis iacute igrave ' +
	'icircumflex idieresis ntilde oacute ograve ocircumflex odieresis otilde uacute ugrave ucircumflex udieresis ' +
	'dagger degree cent sterling section bullet paragraph germandbls registered copyright trademark acute ' +
	'dieresis notequal AE Oslash infinity plusminus lessequal greaterequal yen mu partialdiff summation product ' +
	'pi integral ordfeminine ordmasculine Omega ae oslash questiondown exclamdown logicalnot radical florin ' +
	'approxequal Delta guillemotleft guillemotright ellipsis nonbreakingspace Agrave Atilde Otilde OE oe endash ' +
	'emdash quotedblleft quotedblright quoteleft quoteright divide lozenge ydieresis Ydieresis fraction currency ' +
	'guilsinglleft guilsinglright fi fl daggerdbl periodcentered quotesinglbase quotedblbase perthousand ' +
	'Acircumflex Ecircumflex Aacute Edieresis Egrave Iacute Icircumflex Idieresis Igrave Oacute Ocircumflex ' +
	'apple Ograve Uacute Ucircumflex Ugrave dotlessi circumflex tilde macron breve dotaccent ring cedilla ' +
	'hungarumlaut ogonek caron Lslash lslash Scaron scaron Zcaron zcaron brokenbar Eth eth Yacute yacute Thorn ' +
	'thorn minus multiply onesuperior twosuperior threesuperior onehalf onequarter threequarters franc Gbreve ' +
	'gbreve Idotaccent Scedilla scedilla Cacute cacute Ccaron ccaron dcroat'
).split(' ');

class FontBytes {
	constructor(private readonly bytes: Uint8Array) {}

	u16(at: number): number {
		if (at < 0 || at + 2 > this.bytes.length) throw new RangeError('past the end of the font program');
		return (this.bytes[at] << 8) | this.bytes[at + 1];
	}

	u32(at: number): number {
		return this.u16(at) * 65536 + this.u16(at + 2);
	}

	tag(at: number): string {
		return String.fromCharCode(this.u16(at) >> 8, this.u16(at) & 0xff, this.u16(at + 2) >> 8, this.u16(at + 2) & 0xff);
	}

	byte(at: number): number {
		if (at < 0 || at >= this.bytes.length) throw new RangeError('past the end of the font program');
		return this.bytes[at];
	}
}

/** Offsets of the tables, by tag. */
function tableDirectory(font: FontBytes): Map<string, number> {
	const tables = new Map<string, number>();
	const count = Math.min(font.u16(4), 256);
	for (let i = 0; i < count; i++) tables.set(font.tag(12 + i * 16), font.u32(12 + i * 16 + 8));
	return tables;
}

/**
 * Glyph IDs of codes `base` … `base` + 255 in the cmap subtable at `at` (formats 0, 4, 6); 0 where
 * unmapped. One pass over a format 4 subtable's segments, so a hostile one costs its size, not 256×.
 */
function codeGlyphs(font: FontBytes, at: number, base: number): Uint16Array {
	const glyphs = new Uint16Array(256);
	const format = font.u16(at);
	if (format === 0) {
		if (base === 0) for (let code = 0; code < 256; code++) glyphs[code] = font.byte(at + 6 + code);
	} else if (format === 6) {
		const first = font.u16(at + 6);
		const count = font.u16(at + 8);
		for (let code = Math.max(first, base); code < Math.min(first + count, base + 256); code++) {
			glyphs[code - base] = font.u16(at + 10 + (code - first) * 2);
		}
	} else if (format === 4) {
		const segments = font.u16(at + 6) / 2;
		const ends = at + 14;
		const starts = ends + segments * 2 + 2;
		const deltas = starts + segments * 2;
		const rangeOffsets = deltas + segments * 2;
		for (let i = 0; i < segments; i++) {
			const first = Math.max(font.u16(starts + i * 2), base);
			const last = Math.min(font.u16(ends + i * 2), base + 255);
			if (first > last) continue;
			const start = font.u16(starts + i * 2);
			const delta = font.u16(deltas + i * 2);
			const rangeOffset = font.u16(rangeOffsets + i * 2);
			for (let code = first; code <= last; code++) {
				if (rangeOffset === 0) {
					glyphs[code - base] = (code + delta) & 0xffff;
				} else {
					const glyph = font.u16(rangeOffsets + i * 2 + rangeOffset + (code - start) * 2);
					glyphs[code - base] = glyph === 0 ? 0 : (glyph + delta) & 0xffff;
				}
			}
		}
	}
	return glyphs;
}

/** Glyph names by glyph ID from `post` format 2; null for other formats (no names). */
function postNames(font: FontBytes, at: number): ((glyph: number) => string | null) | null {
	if (font.u32(at) !== 0x00020000) return null;
	const glyphs = font.u16(at + 32);
	const indexAt = at + 34;
	const custom: string[] = [];
	let pos = indexAt + glyphs * 2;
	let highest = 0;
	for (let g = 0; g < glyphs; g++) highest = Math.max(highest, font.u16(indexAt + g * 2));
	// Pascal strings after the index: only as many as the index refers to (bounded by the u16 index).
	while (custom.length < highest - 257) {
		const length = font.byte(pos);
		let name = '';
		for (let k = 1; k <= length; k++) name += String.fromCharCode(font.byte(pos + k));
		custom.push(name);
		pos += length + 1;
	}
	return (glyph) => {
		if (glyph <= 0 || glyph >= glyphs) return null;
		const index = font.u16(indexAt + glyph * 2);
		return index < 258 ? MAC_GLYPH_NAMES[index] : (custom[index - 258] ?? null);
	};
}

/** What the TrueType program says about codes 0–255, or null for a program it cannot read. */
export function trueTypeCodes(program: Uint8Array): TrueTypeCodes | null {
	try {
		const font = new FontBytes(program);
		const tables = tableDirectory(font);
		const cmap = tables.get('cmap');
		if (cmap === undefined) return null;
		const subtables = new Map<string, number>();
		const count = Math.min(font.u16(cmap + 2), 64);
		for (let i = 0; i < count; i++) {
			const record = cmap + 4 + i * 8;
			subtables.set(`${font.u16(record)},${font.u16(record + 2)}`, cmap + font.u32(record + 4));
		}
		const symbol = subtables.get('3,0');
		const mac = subtables.get('1,0');
		const direct = symbol ?? mac;
		const post = tables.get('post');
		const nameOf = post === undefined ? null : postNames(font, post);
		const names: Array<string | null> = new Array(256).fill(null);
		if (direct !== undefined && nameOf !== null) {
			// A (3,0) cmap puts a symbol font's codes at U+F000 + code; some producers at the code itself.
			const shifted = symbol !== undefined ? codeGlyphs(font, direct, 0xf000) : null;
			const plain = codeGlyphs(font, direct, 0);
			for (let code = 0; code < 256; code++) names[code] = nameOf((shifted && shifted[code]) || plain[code]);
		}
		return {
			unicodeCmap: subtables.has('3,1'),
			directCmap: symbol !== undefined ? 'symbol' : mac !== undefined ? 'macRoman' : null,
			names,
		};
	} catch {
		// Reads past a table's end (RangeError) mean a damaged program: nothing is known about it.
		return null;
	}
}
