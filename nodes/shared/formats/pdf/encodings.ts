/**
 * Simple-font encodings (ISO 32000-1 Annex D): Standard, WinAnsi and MacRoman as code → text, and
 * the glyph names a `/Differences` array uses (the Latin names of those encodings, `uniXXXX`,
 * `uXXXX`). Chinese invoices draw their Chinese text with CID fonts; these cover the Latin parts.
 */

/** Names of 0x20–0x7E in WinAnsi order. */
const ASCII_NAMES = (
	'space exclam quotedbl numbersign dollar percent ampersand quotesingle parenleft parenright asterisk plus ' +
	'comma hyphen period slash zero one two three four five six seven eight nine colon semicolon less equal ' +
	'greater question at A B C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright ' +
	'asciicircum underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z braceleft bar braceright asciitilde'
).split(' ');

/** Names of 0xA0–0xFF (Latin-1). */
const LATIN1_NAMES = (
	'space exclamdown cent sterling currency yen brokenbar section dieresis copyright ordfeminine guillemotleft ' +
	'logicalnot hyphen registered macron degree plusminus twosuperior threesuperior acute mu paragraph ' +
	'periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf threequarters questiondown ' +
	'Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla Egrave Eacute Ecircumflex Edieresis Igrave ' +
	'Iacute Icircumflex Idieresis Eth Ntilde Ograve Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave ' +
	'Uacute Ucircumflex Udieresis Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae ' +
	'ccedilla egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve oacute ' +
	'ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis yacute thorn ydieresis'
).split(' ');

/** WinAnsi 0x80–0x9F (the Windows-1252 block); unassigned codes show a bullet, as Acrobat does. */
const WIN_ANSI_80 = '€•‚ƒ„…†‡ˆ‰Š‹Œ•Ž••‘’“”•–—˜™š›œ•žŸ';

/** MacRoman 0x80–0xFF. */
const MAC_ROMAN_80 =
	'ÄÅÇÉÑÖÜáàâäãåçéèêëíìîïñóòôöõúùûü†°¢£§•¶ß®©™´¨≠ÆØ∞±≤≥¥µ∂∑∏π∫ªºΩæø¿¡¬√ƒ≈∆«»…\u00a0ÀÃÕŒœ–—“”‘’÷◊ÿŸ⁄¤‹›ﬁﬂ‡·‚„‰ÂÊÁËÈÍÎÏÌÓÔ\uf8ffÒÚÛÙıˆ˜¯˘˙˚¸˝˛ˇ';

/** StandardEncoding above 0x7E: code → text (the rest is empty). */
const STANDARD_HIGH: Record<number, string> = {
	0xa1: '¡', 0xa2: '¢', 0xa3: '£', 0xa4: '⁄', 0xa5: '¥', 0xa6: 'ƒ', 0xa7: '§', 0xa8: '¤', 0xa9: "'",
	0xaa: '“', 0xab: '«', 0xac: '‹', 0xad: '›', 0xae: 'ﬁ', 0xaf: 'ﬂ', 0xb1: '–', 0xb2: '†', 0xb3: '‡',
	0xb4: '·', 0xb6: '¶', 0xb7: '•', 0xb8: '‚', 0xb9: '„', 0xba: '”', 0xbb: '»', 0xbc: '…', 0xbd: '‰',
	0xbf: '¿', 0xc1: '`', 0xc2: '´', 0xc3: 'ˆ', 0xc4: '˜', 0xc5: '¯', 0xc6: '˘', 0xc7: '˙', 0xc8: '¨',
	0xca: '˚', 0xcb: '¸', 0xcd: '˝', 0xce: '˛', 0xcf: 'ˇ', 0xd0: '—', 0xe1: 'Æ', 0xe3: 'ª', 0xe8: 'Ł',
	0xe9: 'Ø', 0xea: 'Œ', 0xeb: 'º', 0xf1: 'æ', 0xf5: 'ı', 0xf8: 'ł', 0xf9: 'ø', 0xfa: 'œ', 0xfb: 'ß',
};

/** Glyph names beyond the ASCII and Latin-1 blocks. */
const EXTRA_NAMES: Record<string, string> = {
	Euro: '€', bullet: '•', quotesinglbase: '‚', florin: 'ƒ', quotedblbase: '„', ellipsis: '…', dagger: '†',
	daggerdbl: '‡', circumflex: 'ˆ', perthousand: '‰', Scaron: 'Š', guilsinglleft: '‹', OE: 'Œ', Zcaron: 'Ž',
	quoteleft: '‘', quoteright: '’', quotedblleft: '“', quotedblright: '”', endash: '–', emdash: '—',
	tilde: '˜', trademark: '™', scaron: 'š', guilsinglright: '›', oe: 'œ', zcaron: 'ž', Ydieresis: 'Ÿ',
	fraction: '⁄', fi: 'ﬁ', fl: 'ﬂ', breve: '˘', dotaccent: '˙', ring: '˚', hungarumlaut: '˝', ogonek: '˛',
	caron: 'ˇ', Lslash: 'Ł', lslash: 'ł', dotlessi: 'ı', minus: '−', nbspace: '\u00a0', sfthyphen: '\u00ad',
	yuan: '¥', uni00A5: '¥', uniFFE5: '￥',
};

const NAME_TO_TEXT = new Map<string, string>();
ASCII_NAMES.forEach((name, i) => NAME_TO_TEXT.set(name, String.fromCharCode(0x20 + i)));
LATIN1_NAMES.forEach((name, i) => {
	if (!NAME_TO_TEXT.has(name)) NAME_TO_TEXT.set(name, String.fromCharCode(0xa0 + i));
});
for (const [name, text] of Object.entries(EXTRA_NAMES)) NAME_TO_TEXT.set(name, text);

/** The text a glyph name stands for; '' for names that say nothing (`g12`, `cid123`). */
export function glyphToUnicode(name: string): string {
	const known = NAME_TO_TEXT.get(name);
	if (known !== undefined) return known;
	const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(name);
	if (uni) {
		let out = '';
		for (let i = 0; i < uni[1].length; i += 4) out += String.fromCharCode(parseInt(uni[1].slice(i, i + 4), 16));
		return out;
	}
	const u = /^u([0-9A-F]{4,6})$/.exec(name);
	if (u) {
		const code = parseInt(u[1], 16);
		return code <= 0x10ffff ? String.fromCodePoint(code) : '';
	}
	// `a.sc`, `one.oldstyle`: the part before the dot; `f_f_i`: a ligature of its parts.
	const dot = name.indexOf('.');
	if (dot > 0) return glyphToUnicode(name.slice(0, dot));
	if (name.includes('_')) return name.split('_').map(glyphToUnicode).join('');
	return '';
}

export type BaseEncodingName = 'StandardEncoding' | 'WinAnsiEncoding' | 'MacRomanEncoding';

const tables = new Map<BaseEncodingName, string[]>();

/** Code → text for a base encoding (256 entries; '' where the encoding has no character). */
export function baseEncoding(name: BaseEncodingName): string[] {
	const cached = tables.get(name);
	if (cached) return cached;
	const table: string[] = new Array(256).fill('');
	for (let code = 0x20; code <= 0x7e; code++) table[code] = String.fromCharCode(code);
	if (name === 'StandardEncoding') {
		table[0x27] = '’';
		table[0x60] = '‘';
		for (const [code, text] of Object.entries(STANDARD_HIGH)) table[Number(code)] = text;
	} else if (name === 'WinAnsiEncoding') {
		for (let i = 0; i < 32; i++) table[0x80 + i] = WIN_ANSI_80[i];
		for (let code = 0xa0; code <= 0xff; code++) table[code] = String.fromCharCode(code);
		table[0xa0] = ' ';
		table[0xad] = '-';
	} else {
		for (let i = 0; i < 128; i++) table[0x80 + i] = MAC_ROMAN_80[i];
	}
	tables.set(name, table);
	return table;
}
