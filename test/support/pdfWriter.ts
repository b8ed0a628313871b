/**
 * A small PDF writer for tests: every structure the reader must handle, made on purpose.
 *
 *   Objects and files: classic xref tables, xref streams (PNG-predicted) with object streams,
 *   incremental updates (`/Prev`), a broken xref (wrong offsets, no startxref), an `/Encrypt`
 *   marker, raw byte edits for hostile files.
 *   Text: Type0 Identity-H fonts with a ToUnicode CMap (bfchar, bfrange, array bfrange),
 *   `UniGB-UCS2-H` CID fonts without ToUnicode (codes are UCS-2), Identity-H Adobe-GB1 fonts without
 *   ToUnicode (codes are CIDs), `GBK-EUC-H` (GBK bytes), simple fonts with
 *   `/Differences` (`/uni53D1`), in plain `BT … Tm … Tj` or the Suwell style (each text in its own
 *   `q … cm BT … ET Q`, page scaled to mm, `TJ` with kerning); image-only pages (a scan).
 *   Invoices: `digitalInvoicePdf(spec)` draws a 数电 invoice from `einvoiceFixtures`' spec the way
 *   the tax platform's PDFs do (labels first, values after, in their own boxes).
 */
import {
	capitalAmount,
	type DigitalInvoiceSpec,
	type FixtureLine,
	invoiceTotals,
	lineTax,
} from './einvoiceFixtures';
import { adobeGb1Table } from '../../nodes/shared/formats/pdf/cidToUnicode';

// ---------------------------------------------------------------------------------------------
// FlateDecode (no node:zlib: test TypeScript follows the package's lint rules)

/** LSB-first bit writer, as DEFLATE packs its bits. */
class BitWriter {
	private readonly bytes: number[] = [];
	private buffer = 0;
	private count = 0;

	bits(value: number, length: number): void {
		for (let i = 0; i < length; i++) {
			this.buffer |= ((value >> i) & 1) << this.count++;
			if (this.count === 8) this.flush();
		}
	}

	/** A Huffman code: written most significant bit first. */
	code(value: number, length: number): void {
		for (let i = length - 1; i >= 0; i--) this.bits((value >> i) & 1, 1);
	}

	private flush(): void {
		this.bytes.push(this.buffer);
		this.buffer = 0;
		this.count = 0;
	}

	done(): Buffer {
		if (this.count > 0) this.flush();
		return Buffer.from(this.bytes);
	}
}

function fixedLiteral(writer: BitWriter, byte: number): void {
	if (byte < 144) writer.code(0x30 + byte, 8);
	else writer.code(0x190 + byte - 144, 9);
}

/**
 * Raw DEFLATE with the fixed Huffman codes: literals, and a byte repeated 259+ times as
 * length-258 / distance-1 matches (so `deflate(Buffer.alloc(n))` is a compact bomb).
 */
export function deflateRaw(data: Buffer): Buffer {
	const writer = new BitWriter();
	writer.bits(1, 1); // BFINAL
	writer.bits(1, 2); // BTYPE = fixed Huffman
	for (let i = 0; i < data.length; ) {
		fixedLiteral(writer, data[i]);
		let run = 0;
		while (i + 1 + run < data.length && data[i + 1 + run] === data[i]) run++;
		let at = i + 1;
		while (run >= 258) {
			writer.code(0xc5, 8); // length code 285 = 258
			writer.code(0, 5); // distance code 0 = 1
			run -= 258;
			at += 258;
		}
		i = at;
	}
	writer.code(0, 7); // end of block (256)
	return writer.done();
}

function adler32(data: Buffer): number {
	let a = 1;
	let b = 0;
	for (const byte of data) {
		a = (a + byte) % 65521;
		b = (b + a) % 65521;
	}
	return ((b << 16) | a) >>> 0;
}

/** zlib-wrapped DEFLATE, as FlateDecode streams hold it. */
export function deflate(data: Buffer): Buffer {
	const trailer = Buffer.alloc(4);
	trailer.writeUInt32BE(adler32(data));
	return Buffer.concat([Buffer.from([0x78, 0x01]), deflateRaw(data), trailer]);
}

// ---------------------------------------------------------------------------------------------
// Objects and files

export interface StreamBody {
	/** Dictionary entries without `<<` `>>` (Length and Filter are added). */
	dict?: string;
	data: Buffer | string;
	/** FlateDecode the data (default true). */
	compress?: boolean;
	/** Already encoded: write `data` as is, with this `/Filter` value (e.g. `/ASCIIHexDecode`). */
	filter?: string;
}

export type ObjectBody = string | StreamBody;

export interface BuildOptions {
	/** `table`: classic xref; `stream`: an xref stream; `broken`: a table with wrong offsets; `none`: no xref, no startxref. */
	xref?: 'table' | 'stream' | 'broken' | 'none';
	/** With `xref: 'stream'`: pack every non-stream object into one object stream. */
	objectStreams?: boolean;
	/** Adds `/Encrypt` to the trailer (a marker: nothing is actually encrypted). */
	encrypt?: boolean;
}

function bytesOf(value: Buffer | string): Buffer {
	return typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
}

function streamBytes(body: StreamBody): Buffer {
	const raw = bytesOf(body.data);
	const compress = body.filter === undefined && body.compress !== false;
	const data = compress ? deflate(raw) : raw;
	const filter = body.filter ?? (compress ? '/FlateDecode' : undefined);
	const dict = `<<${body.dict ?? ''}${filter ? `/Filter ${filter}` : ''}/Length ${data.length}>>`;
	return Buffer.concat([Buffer.from(`${dict}\nstream\n`, 'latin1'), data, Buffer.from('\nendstream', 'latin1')]);
}

function objectBytes(num: number, body: ObjectBody): Buffer {
	const inner = typeof body === 'string' ? Buffer.from(body, 'latin1') : streamBytes(body);
	return Buffer.concat([Buffer.from(`${num} 0 obj\n`, 'latin1'), inner, Buffer.from('\nendobj\n', 'latin1')]);
}

/** PNG `Up` predictor rows (Predictor 12), as xref streams are usually written. */
function pngUp(rows: Buffer[], width: number): Buffer {
	const out = Buffer.alloc(rows.length * (width + 1));
	let previous = Buffer.alloc(width);
	rows.forEach((row, r) => {
		out[r * (width + 1)] = 2;
		for (let i = 0; i < width; i++) out[r * (width + 1) + 1 + i] = (row[i] - previous[i]) & 0xff;
		previous = row;
	});
	return out;
}

function xrefRow(type: number, second: number, third: number): Buffer {
	const row = Buffer.alloc(7);
	row[0] = type;
	row.writeUInt32BE(second, 1);
	row.writeUInt16BE(third, 5);
	return row;
}

export class PdfWriter {
	private readonly objects = new Map<number, ObjectBody>();
	private next = 1;

	/** A number for an object written later with `set`. */
	reserve(): number {
		return this.next++;
	}

	set(num: number, body: ObjectBody): number {
		this.objects.set(num, body);
		if (num >= this.next) this.next = num + 1;
		return num;
	}

	add(body: ObjectBody): number {
		return this.set(this.reserve(), body);
	}

	build(root: number, options: BuildOptions = {}): Buffer {
		const mode = options.xref ?? 'table';
		const parts: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
		let length = parts[0].length;
		const push = (part: Buffer) => {
			parts.push(part);
			length += part.length;
		};
		const offsets = new Map<number, number>();
		const compressed = new Map<number, { stream: number; index: number }>();
		const loose = [...this.objects.entries()].sort((a, b) => a[0] - b[0]);
		let objectStream: number | null = null;
		if (mode === 'stream' && options.objectStreams) {
			const packable = loose.filter(([, body]) => typeof body === 'string');
			objectStream = this.next++;
			let header = '';
			let content = '';
			packable.forEach(([num, body], index) => {
				header += `${num} ${content.length} `;
				content += `${body as string}\n`;
				compressed.set(num, { stream: objectStream as number, index });
			});
			const data = Buffer.from(header + content, 'latin1');
			const first = Buffer.byteLength(header, 'latin1');
			offsets.set(objectStream, length);
			push(objectBytes(objectStream, { dict: `/Type/ObjStm/N ${packable.length}/First ${first}`, data }));
		}
		for (const [num, body] of loose) {
			if (compressed.has(num)) continue;
			offsets.set(num, length);
			push(objectBytes(num, body));
		}
		const size = this.next + (mode === 'stream' ? 1 : 0);
		const encrypt = options.encrypt ? '/Encrypt << /Filter /Standard /V 2 /R 3 /Length 128 /P -1028 /O <00> /U <00> >>' : '';
		const id = '/ID [<0123456789abcdef0123456789abcdef><0123456789abcdef0123456789abcdef>]';
		const xrefAt = length;
		if (mode === 'table' || mode === 'broken') {
			let table = `xref\n0 ${size}\n0000000000 65535 f \n`;
			for (let num = 1; num < size; num++) {
				const offset = offsets.get(num);
				// A broken table points every object 7 bytes off, as a re-saved file with lost offsets does.
				table += offset === undefined ? '0000000000 00000 f \n' : `${String(mode === 'broken' ? offset + 7 : offset).padStart(10, '0')} 00000 n \n`;
			}
			push(Buffer.from(`${table}trailer\n<</Size ${size}/Root ${root} 0 R${encrypt}${id}>>\nstartxref\n${mode === 'broken' ? xrefAt + 3 : xrefAt}\n%%EOF\n`, 'latin1'));
		} else if (mode === 'stream') {
			const xrefNum = size - 1;
			offsets.set(xrefNum, xrefAt);
			const rows: Buffer[] = [xrefRow(0, 0, 65535)];
			for (let num = 1; num < size; num++) {
				const inStream = compressed.get(num);
				const offset = offsets.get(num);
				rows.push(inStream ? xrefRow(2, inStream.stream, inStream.index) : offset !== undefined ? xrefRow(1, offset, 0) : xrefRow(0, 0, 0));
			}
			const data = deflate(pngUp(rows, 7));
			push(
				objectBytes(xrefNum, {
					dict: `/Type/XRef/Size ${size}/W[1 4 2]/Root ${root} 0 R${encrypt}${id}/DecodeParms<</Predictor 12/Columns 7>>/Filter/FlateDecode`,
					data,
					compress: false,
					filter: '/FlateDecode',
				}),
			);
			push(Buffer.from(`startxref\n${xrefAt}\n%%EOF\n`, 'latin1'));
		} else {
			push(Buffer.from('%%EOF\n', 'latin1'));
		}
		return Buffer.concat(parts);
	}
}

/**
 * An incremental update appended to `base`: new or replaced objects and a classic xref section
 * whose `/Prev` points at the previous one (the way a PDF editor saves).
 */
export function appendUpdate(base: Buffer, objects: ReadonlyMap<number, ObjectBody>, root: number): Buffer {
	const tail = base.subarray(Math.max(0, base.length - 1024)).toString('latin1');
	const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
	if (!startxref) throw new Error('appendUpdate: the base file has no startxref');
	const sizes = [...base.toString('latin1').matchAll(/\/Size (\d+)/g)].map((match) => Number(match[1]));
	let size = Math.max(...sizes);
	const parts: Buffer[] = [base];
	let length = base.length;
	const entries: Array<[number, number]> = [];
	for (const [num, body] of [...objects.entries()].sort((a, b) => a[0] - b[0])) {
		const bytes = objectBytes(num, body);
		entries.push([num, length]);
		parts.push(bytes);
		length += bytes.length;
		size = Math.max(size, num + 1);
	}
	let table = 'xref\n0 1\n0000000000 65535 f \n';
	for (const [num, offset] of entries) table += `${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`;
	parts.push(Buffer.from(`${table}trailer\n<</Size ${size}/Root ${root} 0 R/Prev ${startxref[1]}>>\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
	return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------------------------
// Text pages

/** How text is encoded. */
export type FontScheme =
	| 'identity-tounicode'
	| 'ucs2'
	| 'simple-differences'
	| 'gb1-no-tounicode'
	| 'gb1-embedded-cmap'
	| 'gbk-euc'
	| PredefinedCMapScheme
	| TrueTypeScheme
	| 'type1-builtin';

/** Composite fonts without ToUnicode on other predefined CMaps: `UniGB-UTF8-H`, `UniGB-UTF16-H`, `Adobe-GB1-4` (codes are CIDs), `GB-H` (7-bit GB 2312). */
export type PredefinedCMapScheme = 'utf8' | 'utf16' | 'adobe-gb1-4' | 'gb-h';

/**
 * Simple TrueType fonts without ToUnicode whose embedded program draws `¥` at MacRoman's code 0xB4:
 * `truetype-mac-named` declares WinAnsi, has a (1,0) cmap and `post` glyph names; `truetype-symbol-named`
 * declares WinAnsi with a (3,0) cmap (format 4) and names; `truetype-mac-unnamed` has no `/Encoding`, a
 * (1,0) cmap and no names (`post` format 3); `truetype-unicode` declares WinAnsi with a (3,1) cmap, so
 * the declared encoding holds (0xB4 is `´`).
 */
export type TrueTypeScheme = 'truetype-mac-named' | 'truetype-symbol-named' | 'truetype-mac-unnamed' | 'truetype-unicode';

export interface TextItem {
	/** Baseline start, points from the left / top edge. */
	x: number;
	y: number;
	size: number;
	text: string;
}

export interface PageSpec {
	width: number;
	height: number;
	items: TextItem[];
	/** Draw a full-page image (a scan) instead of, or under, the text. */
	image?: boolean;
	/** Straight lines (table grid), top-left coordinates. */
	rules?: Array<[number, number, number, number]>;
}

export interface TextPdfOptions extends BuildOptions {
	font?: FontScheme;
	/** `plain`: `BT /F1 s Tf 1 0 0 1 x y Tm <…> Tj ET`; `suwell`: mm-scaled page, each text in `q … cm BT … TJ ET Q`. */
	style?: 'plain' | 'suwell';
	/** Put each page's content in a Form XObject drawn with `Do`. */
	viaForm?: boolean;
	/** An 8-bit gray image (a QR code) drawn at the first page's top left, 60 pt wide, as `/Qr1`. */
	qrImage?: { width: number; height: number; data: Uint8Array };
}

/** Advance of a character in 1/1000 em, as the fonts below declare it. */
export function charWidth(ch: string): number {
	return ch.charCodeAt(0) >= 0x2e80 ? 1000 : 500;
}

/** Width of a text in points at `size`. */
export function textWidth(text: string, size: number): number {
	return (Array.from(text).reduce((sum, ch) => sum + charWidth(ch), 0) * size) / 1000;
}

const hex = (bytes: number[]) => bytes.map((b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

interface FontPlan {
	/** The font dictionary's objects, written into the writer; returns the font's object number. */
	write(writer: PdfWriter): number;
	encode(text: string): string;
}

function identityFont(chars: string[]): FontPlan {
	const cids = new Map<string, number>();
	chars.forEach((ch, index) => cids.set(ch, index + 1));
	return {
		encode: (text) => `<${hex(Array.from(text).flatMap((ch) => { const cid = cids.get(ch) as number; return [cid >> 8, cid & 0xff]; }))}>`,
		write: (writer) => {
			// ToUnicode in all three forms: runs of consecutive code points as incrementing bfranges,
			// the rest alternately as bfchar and as array-form bfrange.
			const entries = chars.map((ch) => ({ cid: cids.get(ch) as number, unicode: ch.charCodeAt(0) }));
			const bfchar: string[] = [];
			const bfrange: string[] = [];
			for (let i = 0; i < entries.length; ) {
				let j = i;
				while (j + 1 < entries.length && entries[j + 1].unicode === entries[j].unicode + 1 && entries[j + 1].cid === entries[j].cid + 1) j++;
				const code = (cid: number) => `<${cid.toString(16).padStart(4, '0')}>`;
				const uni = (u: number) => `<${u.toString(16).padStart(4, '0')}>`;
				if (j > i) {
					bfrange.push(`${code(entries[i].cid)} ${code(entries[j].cid)} ${uni(entries[i].unicode)}`);
					i = j + 1;
				} else if (i % 4 === 1 && i + 1 < entries.length) {
					bfrange.push(`${code(entries[i].cid)} ${code(entries[i + 1].cid)} [${uni(entries[i].unicode)} ${uni(entries[i + 1].unicode)}]`);
					i += 2;
				} else {
					bfchar.push(`${code(entries[i].cid)} ${uni(entries[i].unicode)}`);
					i++;
				}
			}
			const cmap =
				'/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n' +
				'/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n' +
				(bfchar.length ? `${bfchar.length} beginbfchar\n${bfchar.join('\n')}\nendbfchar\n` : '') +
				(bfrange.length ? `${bfrange.length} beginbfrange\n${bfrange.join('\n')}\nendbfrange\n` : '') +
				'endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n';
			const toUnicode = writer.add({ data: cmap });
			const widths = chars.map((ch) => charWidth(ch)).join(' ');
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/ABCDEF+SimSun/Flags 32/FontBBox[0 -140 1000 860]/ItalicAngle 0/Ascent 860/Descent -140/CapHeight 700/StemV 80>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType2/BaseFont/ABCDEF+SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor ${descriptor} 0 R/CIDToGIDMap/Identity/DW 1000/W[1[${widths}]]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/ABCDEF+SimSun/Encoding/Identity-H/DescendantFonts[${cidFont} 0 R]/ToUnicode ${toUnicode} 0 R>>`);
		},
	};
}

function ucs2Font(): FontPlan {
	return {
		encode: (text) => `<${hex(Array.from(text).flatMap((ch) => [ch.charCodeAt(0) >> 8, ch.charCodeAt(0) & 0xff]))}>`,
		write: (writer) => {
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 93>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor ${descriptor} 0 R/DW 1000/W[1 95 500]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-UniGB-UCS2-H/Encoding/UniGB-UCS2-H/DescendantFonts[${cidFont} 0 R]>>`);
		},
	};
}

/** ASCII as WinAnsi; up to 128 other characters on codes 128–255 named `/uniXXXX` in `/Differences`. */
function differencesFont(chars: string[]): FontPlan {
	const extra = chars.filter((ch) => ch.charCodeAt(0) > 0x7e || ch.charCodeAt(0) < 0x20);
	if (extra.length > 128) throw new Error('differencesFont: more than 128 non-ASCII characters');
	const codes = new Map<string, number>();
	extra.forEach((ch, index) => codes.set(ch, 128 + index));
	return {
		encode: (text) => `<${hex(Array.from(text).map((ch) => codes.get(ch) ?? ch.charCodeAt(0)))}>`,
		write: (writer) => {
			const names = extra.map((ch) => `/uni${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
			const widths: number[] = [];
			for (let code = 32; code <= 255; code++) widths.push(code >= 128 ? 1000 : 500);
			return writer.add(
				`<</Type/Font/Subtype/Type1/BaseFont/Helvetica/FirstChar 32/LastChar 255/Widths[${widths.join(' ')}]/Encoding<</Type/Encoding/BaseEncoding/WinAnsiEncoding/Differences[128 ${names}]>>>>`,
			);
		},
	};
}

/** Unicode → Adobe-GB1 CID (the lowest CID of a character), inverted from the package's packed table. */
function gb1Cids(): Map<string, number> {
	const cids = new Map<string, number>();
	adobeGb1Table().forEach((codePoint, cid) => {
		const ch = codePoint === 0 ? '' : String.fromCodePoint(codePoint);
		if (ch !== '' && !cids.has(ch)) cids.set(ch, cid);
	});
	return cids;
}

/**
 * `AdobeSongStd-Light` as the 增值税电子发票 family embeds it: Identity-H, the codes are Adobe-GB1
 * CIDs, and no ToUnicode, so only the CID → Unicode mapping gives the text.
 */
function gb1NoToUnicodeFont(): FontPlan {
	const cids = gb1Cids();
	return {
		encode: (text) =>
			`<${hex(Array.from(text).flatMap((ch) => {
				const cid = cids.get(ch);
				if (cid === undefined) throw new Error(`gb1NoToUnicodeFont: no Adobe-GB1 CID for ${ch}`);
				return [cid >> 8, cid & 0xff];
			}))}>`,
		write: (writer) => {
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/KQCNKY+AdobeSongStd-Light/Flags 6/FontBBox[-134 -254 1001 905]/ItalicAngle 0/Ascent 905/Descent -254/CapHeight 737/StemV 58>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType0/BaseFont/KQCNKY+AdobeSongStd-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 5>>/FontDescriptor ${descriptor} 0 R/DW 1000/W[1 95 500]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/KQCNKY+AdobeSongStd-Light/Encoding/Identity-H/DescendantFonts[${cidFont} 0 R]>>`);
		},
	};
}

/**
 * An Adobe-GB1 font whose encoding is an embedded CMap stream (`cidchar`: one-byte codes 1, 2, … →
 * the characters' CIDs), no ToUnicode: the text comes from code → CID → Unicode.
 */
function gb1EmbeddedCMapFont(chars: string[]): FontPlan {
	const cids = gb1Cids();
	if (chars.length > 255) throw new Error('gb1EmbeddedCMapFont: more than 255 characters');
	const codes = new Map(chars.map((ch, index) => [ch, index + 1]));
	return {
		encode: (text) => `<${hex(Array.from(text).map((ch) => codes.get(ch) as number))}>`,
		write: (writer) => {
			const entries = chars.map((ch) => {
				const cid = cids.get(ch);
				if (cid === undefined) throw new Error(`gb1EmbeddedCMapFont: no Adobe-GB1 CID for ${ch}`);
				return `<${hex([codes.get(ch) as number])}> ${cid}`;
			});
			const cmap =
				'/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> def\n' +
				'/CMapName /Subset-GB1 def\n/CMapType 1 def\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n' +
				`${entries.length} begincidchar\n${entries.join('\n')}\nendcidchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n`;
			const encoding = writer.add({ dict: '/Type/CMap/CMapName/Subset-GB1/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>', data: cmap });
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 93>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor ${descriptor} 0 R/DW 1000/W[1 95 500]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/STSong-Light/Encoding ${encoding} 0 R/DescendantFonts[${cidFont} 0 R]>>`);
		},
	};
}

/** Unicode → GBK bytes, inverted from Node's GBK decoder (ASCII is one byte). */
function gbkBytes(): Map<string, number[]> {
	const decoder = new TextDecoder('gbk');
	const bytes = new Map<string, number[]>();
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			if (trail === 0x7f) continue;
			const ch = decoder.decode(Uint8Array.of(lead, trail));
			if (Array.from(ch).length === 1 && ch !== '\ufffd' && !bytes.has(ch)) bytes.set(ch, [lead, trail]);
		}
	}
	return bytes;
}

/** Non-embedded SimSun as older invoice software writes it: `GBK-EUC-H`, ASCII in one byte, Chinese in two. */
function gbkEucFont(): FontPlan {
	const gbk = gbkBytes();
	return {
		encode: (text) =>
			`<${hex(Array.from(text).flatMap((ch) => {
				if (ch.charCodeAt(0) < 0x80) return [ch.charCodeAt(0)];
				const code = gbk.get(ch);
				if (code === undefined) throw new Error(`gbkEucFont: no GBK code for ${ch}`);
				return code;
			}))}>`,
		write: (writer) => {
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/SimSun/Flags 6/FontBBox[-8 -145 1000 859]/ItalicAngle 0/Ascent 859/Descent -141/CapHeight 859/StemV 93>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType2/BaseFont/SimSun/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 2>>/FontDescriptor ${descriptor} 0 R/DW 1000/W[1 95 500]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/SimSun/Encoding/GBK-EUC-H/DescendantFonts[${cidFont} 0 R]>>`);
		},
	};
}

/** A composite font on a predefined CMap, no ToUnicode: the codes are what `encodeChar` gives. */
function predefinedCMapFont(cmapName: string, encodeChar: (ch: string) => number[]): FontPlan {
	return {
		encode: (text) => `<${hex(Array.from(text).flatMap(encodeChar))}>`,
		write: (writer) => {
			const descriptor = writer.add('<</Type/FontDescriptor/FontName/STSong-Light/Flags 6/FontBBox[-25 -254 1000 880]/ItalicAngle 0/Ascent 880/Descent -120/CapHeight 880/StemV 93>>');
			const cidFont = writer.add(
				`<</Type/Font/Subtype/CIDFontType0/BaseFont/STSong-Light/CIDSystemInfo<</Registry(Adobe)/Ordering(GB1)/Supplement 4>>/FontDescriptor ${descriptor} 0 R/DW 1000/W[1 95 500]>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type0/BaseFont/STSong-Light-${cmapName}/Encoding/${cmapName}/DescendantFonts[${cidFont} 0 R]>>`);
		},
	};
}

function predefinedPlan(scheme: PredefinedCMapScheme): FontPlan {
	if (scheme === 'utf8') return predefinedCMapFont('UniGB-UTF8-H', (ch) => Array.from(Buffer.from(ch, 'utf8')));
	if (scheme === 'utf16') return predefinedCMapFont('UniGB-UTF16-H', (ch) => Array.from(Buffer.from(ch, 'utf16le').swap16()));
	if (scheme === 'adobe-gb1-4') {
		const cids = gb1Cids();
		return predefinedCMapFont('Adobe-GB1-4', (ch) => {
			const cid = cids.get(ch);
			if (cid === undefined) throw new Error(`adobe-gb1-4: no CID for ${ch}`);
			return [cid >> 8, cid & 0xff];
		});
	}
	const gbk = gbkBytes();
	return predefinedCMapFont('GB-H', (ch) => {
		// GB-H has no one-byte codes: ASCII is drawn from GB 2312's full-width row (０ → A3B0 → 2330).
		const code = gbk.get(ch.charCodeAt(0) < 0x80 ? String.fromCharCode(ch.charCodeAt(0) + 0xfee0) : ch);
		if (code === undefined) throw new Error(`gb-h: no GB 2312 code for ${ch}`);
		return code.map((byte) => byte & 0x7f);
	});
}

/** MacRoman codes of the non-ASCII characters the TrueType fixtures draw. */
const MAC_ROMAN_CODES: Record<string, number> = { '¥': 0xb4, '£': 0xa3, '°': 0xa1 };

const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];
const u32 = (value: number) => [...u16(Math.floor(value / 65536)), ...u16(value % 65536)];

/** A cmap subtable mapping `codes[i]` → glyph i + 1: format 0 for (1,0), format 4 (one segment per code) otherwise. */
function cmapTable(platform: number, encoding: number, codes: number[]): number[] {
	let subtable: number[];
	if (platform === 1) {
		const glyphs = new Array<number>(256).fill(0);
		codes.forEach((code, i) => (glyphs[code] = i + 1));
		subtable = [...u16(0), ...u16(262), ...u16(0), ...glyphs];
	} else {
		const offset = platform === 3 && encoding === 0 ? 0xf000 : 0;
		const keys = codes.map((code, i) => ({ key: code + offset, glyph: i + 1 })).sort((a, b) => a.key - b.key);
		const segments = [...keys.map(({ key, glyph }) => ({ start: key, end: key, delta: (glyph - key + 65536) % 65536 })), { start: 0xffff, end: 0xffff, delta: 1 }];
		const body = [
			...segments.flatMap((segment) => u16(segment.end)),
			...u16(0),
			...segments.flatMap((segment) => u16(segment.start)),
			...segments.flatMap((segment) => u16(segment.delta)),
			...segments.flatMap(() => u16(0)),
		];
		subtable = [...u16(4), ...u16(14 + body.length), ...u16(0), ...u16(segments.length * 2), ...u16(0), ...u16(0), ...u16(0), ...body];
	}
	return [...u16(0), ...u16(1), ...u16(platform), ...u16(encoding), ...u32(12), ...subtable];
}

/** `post` format 2 naming glyph i + 1 `names[i]` (`yen` by its standard Macintosh index 150), or format 3 (no names). */
function postTable(names: string[] | null): number[] {
	const header = [...u32(names ? 0x00020000 : 0x00030000), ...new Array<number>(28).fill(0)];
	if (!names) return header;
	const custom: string[] = [];
	const index = [0, ...names.map((name) => (name === 'yen' ? 150 : 258 + custom.push(name) - 1))];
	return [...header, ...u16(index.length), ...index.flatMap(u16), ...custom.flatMap((name) => [name.length, ...Array.from(name, (ch) => ch.charCodeAt(0))])];
}

/** A TrueType program of only `cmap` and `post`: all the reader looks at. */
function trueTypeProgram(cmap: number[], post: number[]): Buffer {
	const tables: Array<[string, number[]]> = [
		['cmap', cmap],
		['post', post],
	];
	const header = [...u32(0x00010000), ...u16(tables.length), ...u16(0), ...u16(0), ...u16(0)];
	let offset = header.length + tables.length * 16;
	const records: number[] = [];
	const bodies: number[] = [];
	for (const [tag, body] of tables) {
		const padded = [...body, ...new Array<number>((4 - (body.length % 4)) % 4).fill(0)];
		records.push(...Array.from(tag, (ch) => ch.charCodeAt(0)), ...u32(0), ...u32(offset), ...u32(body.length));
		bodies.push(...padded);
		offset += padded.length;
	}
	return Buffer.from([...header, ...records, ...bodies]);
}

/** See TrueTypeScheme: codes are MacRoman (ASCII as is), the program says what each glyph is. */
function trueTypeFont(scheme: TrueTypeScheme, chars: string[]): FontPlan {
	const code = (ch: string) => MAC_ROMAN_CODES[ch] ?? ch.charCodeAt(0);
	for (const ch of chars) {
		if (ch.charCodeAt(0) > 0x7e && MAC_ROMAN_CODES[ch] === undefined) throw new Error(`trueTypeFont: no MacRoman code for ${ch}`);
	}
	const codes = chars.map(code);
	const names = chars.map((ch) => (ch === '¥' ? 'yen' : `uni${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`));
	const [platform, encoding] = scheme === 'truetype-mac-named' || scheme === 'truetype-mac-unnamed' ? [1, 0] : scheme === 'truetype-symbol-named' ? [3, 0] : [3, 1];
	const program = trueTypeProgram(cmapTable(platform, encoding, codes), postTable(scheme === 'truetype-mac-unnamed' ? null : names));
	return {
		encode: (text) => `<${hex(Array.from(text).map(code))}>`,
		write: (writer) => {
			const fontFile = writer.add({ dict: `/Length1 ${program.length}`, data: program });
			const descriptor = writer.add(
				`<</Type/FontDescriptor/FontName/RLFNQQ+CourierNew/Flags 4/FontBBox[0 -14 562 627]/ItalicAngle 0/Ascent 627/Descent -14/CapHeight 571/StemV 84/MissingWidth 600/FontFile2 ${fontFile} 0 R>>`,
			);
			const encodingEntry = scheme === 'truetype-mac-unnamed' ? '' : '/Encoding/WinAnsiEncoding';
			return writer.add(`<</Type/Font/Subtype/TrueType/BaseFont/RLFNQQ+CourierNew${encodingEntry}/FontDescriptor ${descriptor} 0 R>>`);
		},
	};
}

/**
 * An embedded Type 1 subset with its own encoding and no `/Encoding` in the font dictionary: `¥` at
 * 0xB4 (`dup 180 /yen put`), which StandardEncoding reads as `·`. Only the clear-text part is real.
 */
function type1BuiltInFont(chars: string[]): FontPlan {
	const code = (ch: string) => MAC_ROMAN_CODES[ch] ?? ch.charCodeAt(0);
	const entries = chars.map((ch) => `dup ${code(ch)} /${ch === '¥' ? 'yen' : `uni${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`} put`);
	const clear =
		'%!PS-AdobeFont-1.0: ABCDEF+Helvetica 001.000\n/FontName /ABCDEF+Helvetica def\n/PaintType 0 def\n' +
		`/Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n${entries.join('\n')}\nreadonly def\ncurrentdict end\ncurrentfile eexec\n`;
	const program = Buffer.concat([Buffer.from(clear, 'latin1'), Buffer.from([0xd9, 0xd6, 0x63, 0x1f, 0x00, 0x42])]);
	return {
		encode: (text) => `<${hex(Array.from(text).map(code))}>`,
		write: (writer) => {
			const fontFile = writer.add({ dict: `/Length1 ${clear.length}/Length2 6/Length3 0`, data: program });
			const descriptor = writer.add(
				`<</Type/FontDescriptor/FontName/ABCDEF+Helvetica/Flags 4/FontBBox[-166 -225 1000 931]/ItalicAngle 0/Ascent 718/Descent -207/CapHeight 718/StemV 88/FontFile ${fontFile} 0 R>>`,
			);
			return writer.add(`<</Type/Font/Subtype/Type1/BaseFont/ABCDEF+Helvetica/FontDescriptor ${descriptor} 0 R>>`);
		},
	};
}

/** The font plan of a scheme. */
function fontPlan(scheme: FontScheme, chars: string[]): FontPlan {
	if (scheme === 'ucs2') return ucs2Font();
	if (scheme === 'simple-differences') return differencesFont(chars);
	if (scheme === 'gb1-no-tounicode') return gb1NoToUnicodeFont();
	if (scheme === 'gb1-embedded-cmap') return gb1EmbeddedCMapFont(chars);
	if (scheme === 'gbk-euc') return gbkEucFont();
	if (scheme.startsWith('truetype-')) return trueTypeFont(scheme as TrueTypeScheme, chars);
	if (scheme === 'type1-builtin') return type1BuiltInFont(chars);
	if (scheme === 'utf8' || scheme === 'utf16' || scheme === 'adobe-gb1-4' || scheme === 'gb-h') return predefinedPlan(scheme);
	return identityFont(chars);
}

function fmt(n: number): string {
	return Number(n.toFixed(3)).toString();
}

/** A PDF of text pages. */
export function textPdf(pages: PageSpec[], options: TextPdfOptions = {}): Buffer {
	const writer = new PdfWriter();
	const catalog = writer.reserve();
	const pagesNum = writer.reserve();
	const chars = [...new Set(pages.flatMap((page) => page.items.flatMap((item) => Array.from(item.text))))].sort();
	const scheme = options.font ?? 'identity-tounicode';
	const plan = fontPlan(scheme, chars);
	const font = plan.write(writer);
	const kids: number[] = [];
	for (const page of pages) {
		let content = '';
		if (page.image) content += `q ${fmt(page.width)} 0 0 ${fmt(page.height)} 0 0 cm /Im1 Do Q\n`;
		const qrImage = kids.length === 0 ? options.qrImage : undefined;
		if (qrImage) content += `q 60 0 0 60 20 ${fmt(page.height - 80)} cm /Qr1 Do Q\n`;
		for (const [x0, y0, x1, y1] of page.rules ?? []) {
			content += `0.5 w ${fmt(x0)} ${fmt(page.height - y0)} m ${fmt(x1)} ${fmt(page.height - y1)} l S\n`;
		}
		if (options.style === 'suwell') {
			const mm = 72 / 25.4;
			content += `${fmt(mm)} 0 0 ${fmt(mm)} 0 0 cm\n`;
			for (const item of page.items) {
				const size = item.size / mm;
				const x = item.x / mm;
				const top = (page.height - item.y) / mm + size * 0.8;
				// Kerning numbers between characters, as Suwell writes them (0 moves nothing).
				const kerned = Array.from(item.text).map((ch) => plan.encode(ch)).join(' 0 ');
				content += `q\n1 0 0 1 ${fmt(x)} ${fmt(top)} cm\nBT\n/F1 ${fmt(size)} Tf 0 Tr 0 ${fmt(-size * 0.8)} Td [${kerned}]TJ\nET\nQ\n`;
			}
		} else {
			for (const item of page.items) {
				content += `BT /F1 ${fmt(item.size)} Tf 1 0 0 1 ${fmt(item.x)} ${fmt(page.height - item.y)} Tm ${plan.encode(item.text)} Tj ET\n`;
			}
		}
		const resources: string[] = [`/Font<</F1 ${font} 0 R>>`];
		if (page.image) {
			const image = writer.add({ dict: '/Type/XObject/Subtype/Image/Width 2/Height 2/ColorSpace/DeviceGray/BitsPerComponent 8', data: Buffer.from([0, 255, 255, 0]) });
			resources.push(`/XObject<</Im1 ${image} 0 R>>`);
		}
		if (qrImage) {
			const image = writer.add({
				dict: `/Type/XObject/Subtype/Image/Width ${qrImage.width}/Height ${qrImage.height}/ColorSpace/DeviceGray/BitsPerComponent 8`,
				data: Buffer.from(qrImage.data),
			});
			const xobjects = resources.findIndex((entry) => entry.startsWith('/XObject<<'));
			if (xobjects >= 0) resources[xobjects] = resources[xobjects].replace('/XObject<<', `/XObject<</Qr1 ${image} 0 R`);
			else resources.push(`/XObject<</Qr1 ${image} 0 R>>`);
		}
		let contents: number;
		if (options.viaForm) {
			const form = writer.add({ dict: `/Type/XObject/Subtype/Form/BBox[0 0 ${fmt(page.width)} ${fmt(page.height)}]/Resources<<${resources.join('')}>>`, data: content });
			contents = writer.add({ data: 'q 1 0 0 1 0 0 cm /Fm1 Do Q' });
			resources.push(`/XObject<</Fm1 ${form} 0 R>>`);
		} else {
			contents = writer.add({ data: content });
		}
		kids.push(writer.add(`<</Type/Page/Parent ${pagesNum} 0 R/MediaBox[0 0 ${fmt(page.width)} ${fmt(page.height)}]/Resources<<${resources.join('')}>>/Contents ${contents} 0 R>>`));
	}
	writer.set(pagesNum, `<</Type/Pages/Count ${kids.length}/Kids[${kids.map((k) => `${k} 0 R`).join(' ')}]>>`);
	writer.set(catalog, `<</Type/Catalog/Pages ${pagesNum} 0 R>>`);
	return writer.build(catalog, options);
}

// ---------------------------------------------------------------------------------------------
// Invoices

/** The page of a 数电 invoice PDF, in points (210 × 140 mm). */
export const DIGITAL_PAGE = { width: 595.28, height: 396.85 };

/** Characters per line of the item-name column before the name wraps. */
const NAME_WRAP = 11;

const yuan = (value: number) => value.toFixed(2);

function printedRate(rate: FixtureLine['taxRate']): string {
	return typeof rate === 'number' ? `${Math.round(rate * 100)}%` : rate;
}

function chineseDate(iso: string): string {
	const [year, month, day] = iso.split('-');
	return `${year}年${month}月${day}日`;
}

/** The remarks as the 数电 PDF prints them: the spec's remarks and names, then the party lines. */
export function digitalRemarkLines(spec: DigitalInvoiceSpec): string[] {
	const names = [spec.payee ? `收款人:${spec.payee};` : '', spec.reviewer ? `复核人:${spec.reviewer};` : ''].filter((part) => part !== '');
	const first = [spec.remarks ?? '', names.join('    ')].filter((part) => part !== '').join(' ');
	const lines = first === '' ? [] : [first];
	const { buyer, seller } = spec;
	if (buyer.address || buyer.phone) lines.push(`购买方地址:${buyer.address};    电话:${buyer.phone};`);
	if (buyer.bank || buyer.account) lines.push(`购方开户银行:${buyer.bank};    银行账号:${buyer.account};`);
	if (seller.address || seller.phone) lines.push(`销售方地址:${seller.address};    电话:${seller.phone};`);
	if (seller.bank || seller.account) lines.push(`销方开户银行:${seller.bank};    银行账号:${seller.account}`);
	return lines;
}

export interface DigitalPdfOptions {
	/** Extra items drawn on the page (a watermark, a stamp). */
	extra?: TextItem[];
}

/**
 * The items of a 数电 invoice page, labels first and values after (as the tax platform draws them),
 * at the positions of a real 数电 PDF.
 */
export function digitalInvoiceItems(spec: DigitalInvoiceSpec, options: DigitalPdfOptions = {}): TextItem[] {
	const { amount, tax, total } = invoiceTotals(spec);
	const title = spec.kind === 'special' ? '电子发票（增值税专用发票）' : '电子发票（普通发票）';
	const at = (x: number, y: number, text: string, size = 9): TextItem => ({ x, y, size, text });
	const right = (x1: number, y: number, text: string, size = 9): TextItem => at(x1 - textWidth(text, size), y, text, size);
	const labels: TextItem[] = [
		at(161.7, 39.9, title, 20),
		at(438, 39.7, '发票号码：'),
		at(438, 56.7, '开票日期：'),
		...Array.from('购买方信息').map((ch, i) => at(16.9, 100.7 + i * 9.9, ch)),
		...Array.from('销售方信息').map((ch, i) => at(301.8, 100.7 + i * 9.9, ch)),
		at(32.7, 103.5, '名称：'),
		at(32.5, 133.3, '统一社会信用代码/纳税人识别号：'),
		at(317.6, 103.5, '名称：'),
		at(317.4, 133.3, '统一社会信用代码/纳税人识别号：'),
		at(45.4, 158.8, '项目名称'),
		at(119.4, 158.8, '规格型号'),
		at(190, 158.8, '单 位'),
		at(263.7, 158.8, '数 量'),
		at(334.6, 158.8, '单 价'),
		at(406.8, 158.8, '金 额'),
		at(446.5, 158.8, '税率/征收率'),
		at(551.4, 158.8, '税 额'),
		at(58.2, 269.3, '合'),
		at(103.5, 269.3, '计'),
		at(48, 287.8, '价税合计（大写）'),
		at(406.8, 287.8, '（小写）'),
		at(17.1, 317.5, '备'),
		at(17.1, 334.5, '注'),
		at(55.3, 375.6, '开票人：'),
	];
	const values: TextItem[] = [
		at(481.9, 39.5, spec.number),
		at(481.9, 56.8, chineseDate(spec.issueDate)),
		at(56.7, 103.5, spec.buyer.name),
		at(340.2, 103.5, spec.seller.name),
	];
	if (spec.buyer.taxId) values.push(at(153.1, 133.4, spec.buyer.taxId, 12));
	if (spec.seller.taxId) values.push(at(437.9, 133.4, spec.seller.taxId, 12));
	let y = 168;
	for (const line of spec.lines) {
		const parts: string[] = [];
		for (let i = 0; i < line.name.length; i += NAME_WRAP) parts.push(line.name.slice(i, i + NAME_WRAP));
		parts.forEach((part, k) => values.push(at(12.8, y + k * 10, part)));
		if (line.specification) values.push(at(119.4, y, line.specification));
		if (line.unit) values.push(at(196, y, line.unit));
		if (line.quantity !== undefined) values.push(right(290.5, y, String(line.quantity)));
		if (line.unitPrice !== undefined) values.push(right(361.4, y, String(line.unitPrice), 8));
		values.push(right(433.7, y, yuan(line.amount)));
		values.push(at(467.5, y, printedRate(line.taxRate)));
		values.push(right(582.5, y, typeof line.taxRate === 'number' ? yuan(lineTax(line)) : '***'));
		y += parts.length * 10 + 2;
	}
	values.push(right(401.5 + 32.2, 268.2, `¥${yuan(amount)}`), right(582.5, 268.2, `¥${yuan(tax)}`));
	values.push(at(178.4, 285.9, capitalAmount(total)), at(440.8, 286.3, `¥${yuan(total)}`, 11));
	digitalRemarkLines(spec).forEach((line, i) => values.push(at(31.5, 304.1 + i * 9.3, line)));
	values.push(at(90.7, 375.9, spec.drawer));
	return [...labels, ...values, ...(options.extra ?? [])];
}

/** A 数电 invoice as the tax platform's PDF draws it (Suwell style, Identity-H with ToUnicode). */
export function digitalInvoicePdf(spec: DigitalInvoiceSpec, options: DigitalPdfOptions & TextPdfOptions = {}): Buffer {
	return textPdf([{ ...DIGITAL_PAGE, items: digitalInvoiceItems(spec, options) }], { style: 'suwell', ...options });
}

/** A 销货清单 page for `spec` (the items beyond the invoice's first page), grid-less like a 数电 list. */
export function salesListItems(spec: DigitalInvoiceSpec, code: string | null): TextItem[] {
	const at = (x: number, y: number, text: string, size = 9): TextItem => ({ x, y, size, text });
	const right = (x1: number, y: number, text: string, size = 9): TextItem => at(x1 - textWidth(text, size), y, text, size);
	const items: TextItem[] = [
		at(180, 40, '销售货物或者提供应税劳务清单', 16),
		at(40, 70, `购买方名称：${spec.buyer.name}`),
		at(40, 85, `销售方名称：${spec.seller.name}`),
		at(330, 85, `所属发票代码：${code ?? ''}`),
		at(470, 85, `号码：${spec.number}`),
		at(30, 110, '序号'),
		at(70, 110, '货物（劳务）名称'),
		at(190, 110, '规格型号'),
		at(250, 110, '单位'),
		at(290, 110, '数量'),
		at(345, 110, '单价'),
		at(410, 110, '金额'),
		at(470, 110, '税率'),
		at(530, 110, '税额'),
	];
	let y = 125;
	spec.lines.forEach((line, index) => {
		items.push(at(33, y, String(index + 1)), at(60, y, line.name));
		if (line.specification) items.push(at(190, y, line.specification));
		if (line.unit) items.push(at(252, y, line.unit));
		if (line.quantity !== undefined) items.push(right(310, y, String(line.quantity)));
		if (line.unitPrice !== undefined) items.push(right(375, y, String(line.unitPrice)));
		items.push(right(440, y, yuan(line.amount)), at(472, y, printedRate(line.taxRate)), right(560, y, yuan(lineTax(line))));
		y += 14;
	});
	const { amount, tax } = invoiceTotals(spec);
	items.push(at(60, y + 6, '小计'), right(440, y + 6, yuan(amount)), right(560, y + 6, yuan(tax)));
	return items;
}
