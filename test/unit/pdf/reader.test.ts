/**
 * The PDF reader's stages, one file structure or encoding per test, each made by the test writer:
 * cross-reference forms, incremental updates, repair, filters and predictors, fonts and encodings,
 * the text operators, Form XObjects, rotation, inline images, scans, encryption.
 */
import { extractPdfText, PdfError, type PageText } from '../../../nodes/shared/formats/pdf';
import { parseCMap } from '../../../nodes/shared/formats/pdf/cmap';
import { baseEncoding, glyphToUnicode } from '../../../nodes/shared/formats/pdf/encodings';
import { Lexer } from '../../../nodes/shared/formats/pdf/lexer';
import { PdfDict, PdfName, PdfRef } from '../../../nodes/shared/formats/pdf/objects';
import { Parser } from '../../../nodes/shared/formats/pdf/parser';
import { appendUpdate, deflate, PdfWriter, type PageSpec, textPdf, type TextPdfOptions } from '../../support/pdfWriter';
import { lzwEncode } from '../../support/lzwEncode';

const PAGE: PageSpec = {
	width: 595,
	height: 842,
	items: [
		{ x: 72, y: 100, size: 12, text: '发票号码：12345678' },
		{ x: 72, y: 130, size: 10, text: '购买方 Buyer Ltd.' },
		{ x: 300, y: 130, size: 10, text: '¥1,010.50' },
	],
};

function runsOf(page: PageText): Array<[string, number, number, number]> {
	return page.runs.map((run) => [run.text, Math.round(run.x * 10) / 10, Math.round(run.y * 10) / 10, Math.round(run.fontSize * 10) / 10]);
}

const EXPECTED_RUNS = [
	['发票号码：12345678', 72, 100, 12],
	['购买方 Buyer Ltd.', 72, 130, 10],
	['¥1,010.50', 300, 130, 10],
];

function expectReadable(bytes: Buffer, options: { repaired?: boolean } = {}): void {
	const text = extractPdfText(bytes);
	expect(text.pages).toHaveLength(1);
	expect(runsOf(text.pages[0])).toEqual(EXPECTED_RUNS);
	expect(text.repaired).toBe(options.repaired ?? false);
}

/** A one-page PDF with a Helvetica (WinAnsi) font `F1` and the given content stream. */
function rawPagePdf(content: Buffer | string, options: { extraResources?: string; pageExtra?: string; contentDict?: string; compress?: boolean } = {}): Buffer {
	const writer = new PdfWriter();
	const font = writer.add('<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding/FirstChar 32/LastChar 126/Widths[' + new Array(95).fill(500).join(' ') + ']>>');
	const contents = writer.add({ data: content, dict: options.contentDict, compress: options.compress });
	const page = writer.reserve();
	const pages = writer.add(`<</Type/Pages/Count 1/Kids[${page} 0 R]>>`);
	writer.set(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 ${font} 0 R>>${options.extraResources ?? ''}>>/Contents ${contents} 0 R${options.pageExtra ?? ''}>>`);
	const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
	return writer.build(catalog);
}

function textsOf(bytes: Buffer): string[] {
	return extractPdfText(bytes).pages.flatMap((page) => page.runs.map((run) => run.text));
}

describe('cross-reference data', () => {
	test('a classic xref table', () => {
		const bytes = textPdf([PAGE]);
		expect(bytes.toString('latin1')).toMatch(/\nxref\n0 \d+\n/);
		expectReadable(bytes);
	});

	test('an xref stream (PNG-predicted) with object streams', () => {
		const bytes = textPdf([PAGE], { xref: 'stream', objectStreams: true });
		const raw = bytes.toString('latin1');
		expect(raw).toContain('/Type/ObjStm');
		expect(raw).toContain('/Type/XRef');
		expect(raw).toContain('/Predictor 12');
		expect(raw).not.toMatch(/\nxref\n/);
		expectReadable(bytes);
	});

	test('an incremental update: the newest revision of an object wins, through /Prev', () => {
		const writer = new PdfWriter();
		const font = writer.add('<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>');
		const contents = writer.add({ data: 'BT /F1 12 Tf 72 700 Td (first revision) Tj ET' });
		const page = writer.reserve();
		const pages = writer.add(`<</Type/Pages/Count 1/Kids[${page} 0 R]>>`);
		writer.set(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 ${font} 0 R>>>>/Contents ${contents} 0 R>>`);
		const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
		const base = writer.build(catalog);
		expect(textsOf(base)).toEqual(['first revision']);
		const updated = appendUpdate(base, new Map([[contents, { data: 'BT /F1 12 Tf 72 700 Td (second revision) Tj ET' }]]), catalog);
		expect(updated.toString('latin1')).toMatch(/\/Prev \d+/);
		expect(textsOf(updated)).toEqual(['second revision']);
		const twice = appendUpdate(updated, new Map([[contents, { data: 'BT /F1 12 Tf 72 700 Td (third revision) Tj ET' }]]), catalog);
		expect(textsOf(twice)).toEqual(['third revision']);
	});

	test('a table whose offsets are all wrong is rebuilt by scanning for objects', () => {
		expectReadable(textPdf([PAGE], { xref: 'broken' }), { repaired: true });
	});

	test('a file with no xref and no startxref at all is rebuilt by scanning', () => {
		expectReadable(textPdf([PAGE], { xref: 'none' }), { repaired: true });
	});

	test('junk before %PDF- (a mail gateway banner) is skipped: offsets count from the header', () => {
		const bytes = Buffer.concat([Buffer.from('X-Scanned-By: gateway\r\n'), textPdf([PAGE])]);
		expectReadable(bytes);
	});

	test('an encrypted PDF (an /Encrypt in the trailer) is refused, whatever its xref form', () => {
		for (const xref of ['table', 'stream'] as const) {
			expect(() => extractPdfText(textPdf([PAGE], { xref, encrypt: true }))).toThrow(expect.objectContaining({ reason: 'encrypted' }));
		}
	});

	test('bytes that are no PDF', () => {
		expect(() => extractPdfText(Buffer.from('<html>not a pdf</html>'))).toThrow(PdfError);
		expect(() => extractPdfText(Buffer.from('%PDF-1.4\nnothing here\n'))).toThrow(expect.objectContaining({ reason: 'not-pdf' }));
	});
});

describe('fonts and encodings', () => {
	const options: Array<[string, TextPdfOptions]> = [
		['Type0 Identity-H with a ToUnicode CMap', { font: 'identity-tounicode' }],
		['a CID font with UniGB-UCS2-H and no ToUnicode (codes are UCS-2)', { font: 'ucs2' }],
		['a simple font whose /Differences name glyphs uniXXXX', { font: 'simple-differences' }],
	];
	test.each(options)('%s', (_name, option) => {
		expectReadable(textPdf([PAGE], option));
	});

	test('the ToUnicode CMap the writer makes uses bfchar, bfrange and array bfrange, and all three read', () => {
		const cmap = parseCMap(
			Buffer.from(
				'1 begincodespacerange <0000> <FFFF> endcodespacerange\n' +
					'2 beginbfchar <0001> <53D1> <0002> /space endbfchar\n' +
					'2 beginbfrange <0010> <0012> <7968> <0020> <0021> [<4EE3> <7801>] endbfrange\n' +
					'1 beginbfchar <0030> <D83DDE00> endbfchar',
			),
		);
		expect([...cmap.unicode.entries()]).toEqual([
			[0x01, '发'],
			[0x02, ' '],
			[0x10, '票'],
			[0x11, String.fromCharCode(0x7969)],
			[0x12, String.fromCharCode(0x796a)],
			[0x20, '代'],
			[0x21, '码'],
			[0x30, '😀'],
		]);
		expect(cmap.codeLength(Uint8Array.from([0x00, 0x41]), 0, 1)).toBe(2);
	});

	test('a CMap range far beyond the limit expands only up to it', () => {
		const cmap = parseCMap(Buffer.from('1 beginbfrange <00000000> <FFFFFFFF> <0041> endbfrange'));
		expect(cmap.unicode.size).toBe(65536);
	});

	test('base encodings and glyph names', () => {
		expect(baseEncoding('WinAnsiEncoding')[0x80]).toBe('€');
		expect(baseEncoding('MacRomanEncoding')[0x8a]).toBe('ä');
		expect(baseEncoding('StandardEncoding')[0x27]).toBe('’');
		expect(baseEncoding('MacRomanEncoding')).toHaveLength(256);
		expect(['uni53D1', 'u1F600', 'yen', 'a.sc', 'f_i', 'g123'].map(glyphToUnicode)).toEqual(['发', '😀', '¥', 'a', 'fi', '']);
	});
});

describe('filters', () => {
	const content = 'BT /F1 10 Tf 100 700 Td (filtered text) Tj ET';

	function ascii85Encode(data: Buffer): string {
		let out = '';
		for (let i = 0; i < data.length; i += 4) {
			const chunk = Buffer.alloc(4);
			data.copy(chunk, 0, i, i + 4);
			const n = Math.min(4, data.length - i);
			let value = chunk.readUInt32BE(0);
			if (value === 0 && n === 4) {
				out += 'z';
				continue;
			}
			const digits: string[] = [];
			for (let k = 0; k < 5; k++) {
				digits.unshift(String.fromCharCode((value % 85) + 33));
				value = Math.floor(value / 85);
			}
			out += digits.slice(0, n + 1).join('');
		}
		return `${out}~>`;
	}

	function runLengthEncode(data: Buffer): Buffer {
		const out: number[] = [];
		for (let i = 0; i < data.length; ) {
			let run = 1;
			while (i + run < data.length && data[i + run] === data[i] && run < 128) run++;
			if (run > 1) {
				out.push(257 - run, data[i]);
				i += run;
			} else {
				out.push(0, data[i]);
				i++;
			}
		}
		out.push(128);
		return Buffer.from(out);
	}

	function pngPredict(data: Buffer, columns: number): Buffer {
		const rows = Math.ceil(data.length / columns);
		const out = Buffer.alloc(rows * (columns + 1));
		for (let r = 0; r < rows; r++) {
			out[r * (columns + 1)] = 1; // Sub
			for (let i = 0; i < columns; i++) {
				const value = data[r * columns + i] ?? 0x20;
				const left = i > 0 ? data[r * columns + i - 1] ?? 0x20 : 0;
				out[r * (columns + 1) + 1 + i] = (value - left) & 0xff;
			}
		}
		return out;
	}

	const encodings: Array<[string, Buffer | string, string]> = [
		['ASCIIHexDecode', `${Buffer.from(content).toString('hex')}>`, '/Filter/ASCIIHexDecode'],
		['ASCII85Decode', ascii85Encode(Buffer.from(content)), '/Filter/ASCII85Decode'],
		['LZWDecode', lzwEncode(Buffer.from([content, content, content].join('\n'))), '/Filter/LZWDecode'],
		['RunLengthDecode', runLengthEncode(Buffer.from(content)), '/Filter/RunLengthDecode'],
		['ASCII85Decode over FlateDecode', ascii85Encode(deflate(Buffer.from(content))), '/Filter[/ASCII85Decode/FlateDecode]'],
		['FlateDecode with a PNG predictor', deflate(pngPredict(Buffer.from(content), 8)), '/Filter/FlateDecode/DecodeParms<</Predictor 11/Columns 8>>'],
		['raw DEFLATE without the zlib header', deflate(Buffer.from(content)).subarray(2), '/Filter/FlateDecode'],
	];
	test.each(encodings)('%s', (name, data, dict) => {
		const texts = textsOf(rawPagePdf(data, { contentDict: dict, compress: false }));
		expect(texts.join('')).toContain('filtered text');
		if (name === 'LZWDecode') expect(texts).toHaveLength(3);
	});

	test('a content stream in an image codec (DCTDecode) is skipped, the other streams still read', () => {
		const writer = new PdfWriter();
		const font = writer.add('<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>');
		const broken = writer.add({ data: 'not a jpeg', dict: '/Filter/DCTDecode', compress: false });
		const good = writer.add({ data: 'BT /F1 10 Tf 10 10 Td (still here) Tj ET' });
		const page = writer.reserve();
		const pages = writer.add(`<</Type/Pages/Count 1/Kids[${page} 0 R]>>`);
		writer.set(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 600 800]/Resources<</Font<</F1 ${font} 0 R>>>>/Contents[${broken} 0 R ${good} 0 R]>>`);
		const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
		expect(textsOf(writer.build(catalog))).toEqual(['still here']);
	});
});

describe('the content-stream interpreter', () => {
	test('text state and positioning operators move text where the spec says', () => {
		const content = [
			'BT /F1 10 Tf 12 TL 100 700 Td (line one) Tj',
			'T* (line two) Tj',
			"(line three) '",
			'2 1 (line four) "',
			'0 Tc 0 Tw 0 -20 TD (after TD) Tj T* (TL from TD) Tj',
			'1 0 0 1 300 500 Tm 200 Tz (scaled) Tj 100 Tz',
			'[(kern)-120(ed)] TJ [(far)-3000(apart)] TJ',
			'5 Ts (raised) Tj 0 Ts ET',
		].join('\n');
		const [page] = extractPdfText(rawPagePdf(content)).pages;
		const at = (text: string) => {
			const run = page.runs.find((r) => r.text === text);
			if (!run) throw new Error(`no run ${text}: ${page.runs.map((r) => r.text).join('|')}`);
			return [Math.round(run.x * 100) / 100, Math.round(run.y * 100) / 100, Math.round(run.width * 100) / 100];
		};
		expect(at('line one')).toEqual([100, 100, 40]);
		expect(at('line two')).toEqual([100, 112, 40]);
		expect(at('line three')).toEqual([100, 124, 50]);
		// `"` sets word spacing 2 and character spacing 1 first: 9 glyphs × 1 + 1 space × 2.
		expect(at('line four')).toEqual([100, 136, 45 + 9 + 2]);
		expect(at('after TD')).toEqual([100, 156, 40]);
		expect(at('TL from TD')).toEqual([100, 176, 50]);
		// Tz 200 doubles the advance.
		expect(at('scaled')).toEqual([300, 300, 60]);
		// Small TJ adjustments join one run; a 3-em gap starts another.
		expect(at('kerned')[0]).toBe(360);
		expect(page.runs.some((r) => r.text === 'far')).toBe(true);
		expect(page.runs.some((r) => r.text === 'apart')).toBe(true);
		expect(at('raised')[1]).toBeCloseTo(300 - 5, 5);
	});

	test('q/Q and cm: text inside a scaled, moved graphics state lands where it is drawn', () => {
		const content = 'q 2 0 0 2 50 100 cm BT /F1 10 Tf 10 10 Td (inside) Tj ET Q BT /F1 10 Tf 10 10 Td (outside) Tj ET';
		const [page] = extractPdfText(rawPagePdf(content)).pages;
		const inside = page.runs.find((r) => r.text === 'inside');
		const outside = page.runs.find((r) => r.text === 'outside');
		expect(inside).toMatchObject({ x: 70, y: 800 - 120, fontSize: 20, width: 60 });
		expect(outside).toMatchObject({ x: 10, y: 790, fontSize: 10 });
	});

	test('a Form XObject draws its text through its /Matrix, with its own resources', () => {
		const bytes = textPdf([PAGE], { viaForm: true });
		expectReadable(bytes);
	});

	test('an inline image (BI … ID binary EI) is skipped and counted', () => {
		const binary = Buffer.from([0x45, 0x49, 0x00, 0xff, 0x28, 0x29, 0x5b]); // "EI" not between spaces, stray ( ) [
		const content = Buffer.concat([
			Buffer.from('q 10 0 0 10 0 0 cm BI /W 7 /H 1 /CS /G /BPC 8 ID '),
			binary,
			Buffer.from('\nEI Q BT /F1 10 Tf 10 10 Td (after image) Tj ET'),
		]);
		const [page] = extractPdfText(rawPagePdf(content)).pages;
		expect(page.runs.map((r) => r.text)).toEqual(['after image']);
		expect(page.images).toBe(1);
	});

	test('/Rotate 90 turns the coordinates to the page as shown', () => {
		const [page] = extractPdfText(rawPagePdf('BT /F1 10 Tf 100 700 Td (turned) Tj ET', { pageExtra: '/Rotate 90' })).pages;
		expect(page).toMatchObject({ width: 800, height: 600 });
		expect(page.runs[0]).toMatchObject({ text: 'turned', x: 700, y: 100 });
	});

	test('text drawn outside the page is dropped', () => {
		const content = 'BT /F1 10 Tf 100 700 Td (seen) Tj ET BT /F1 10 Tf 100 -400 Td (never seen) Tj ET';
		expect(textsOf(rawPagePdf(content))).toEqual(['seen']);
	});

	test('table rules (stroked lines and rectangles) are kept, curves are not', () => {
		const content = '0.5 w 10 700 m 590 700 l S 100 100 m 100 600 l S 50 50 100 20 re f 10 10 m 20 30 40 50 60 70 c S 10 10 m 200 300 l S 5 5 m 6 6 l n';
		const [page] = extractPdfText(rawPagePdf(content)).pages;
		expect(page.rules).toEqual([
			{ x0: 10, y0: 100, x1: 590, y1: 100 },
			{ x0: 100, y0: 200, x1: 100, y1: 700 },
			{ x0: 50, y0: 750, x1: 150, y1: 750 },
			{ x0: 150, y0: 730, x1: 150, y1: 750 },
			{ x0: 50, y0: 730, x1: 150, y1: 730 },
			{ x0: 50, y0: 730, x1: 50, y1: 750 },
		]);
	});

	test('a scan: an image-only page has no runs and counts its image', () => {
		const [page] = extractPdfText(textPdf([{ width: 595, height: 842, items: [], image: true }])).pages;
		expect(page).toMatchObject({ runs: [], images: 1 });
	});
});

describe('lexer and parser', () => {
	test('numbers, strings with escapes, hex strings, names with #xx', () => {
		const lexer = new Lexer(Buffer.from('-12.50 +3 .5 --7 (a\\(b\\)\\101\\n\\\r\nc) <48 65 6C6C 6F7> /A#20B [ ] << >> % comment\nkeyword'));
		const tokens: unknown[] = [];
		for (let token = lexer.next(); token !== undefined; token = lexer.next()) tokens.push(token);
		expect(tokens).toEqual([
			-12.5,
			3,
			0.5,
			-7,
			Uint8Array.from(Buffer.from('a(b)A\nc')),
			Uint8Array.from(Buffer.from('Hello\x70')),
			new PdfName('A B'),
			'[',
			']',
			'<<',
			'>>',
			'keyword',
		]);
	});

	test('references, nested dictionaries, a stream with a wrong /Length', () => {
		const source = Buffer.from('7 0 obj\n<< /Kids [1 0 R 2 0 R] /N 3 /D << /Deep true >> /Length 999 >>\nstream\nabc\nendstream\nendobj');
		const object = new Parser(new Lexer(source)).parseIndirect();
		expect(object?.num).toBe(7);
		const stream = object?.value as unknown as { dict: PdfDict; raw: Uint8Array };
		expect(stream.dict.get('Kids')).toEqual([new PdfRef(1, 0), new PdfRef(2, 0)]);
		expect(stream.dict.get('N')).toBe(3);
		expect((stream.dict.get('D') as PdfDict).get('Deep')).toBe(true);
		expect(Buffer.from(stream.raw).toString()).toBe('abc');
	});
});
