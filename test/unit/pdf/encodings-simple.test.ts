/**
 * Simple fonts without ToUnicode: what the glyph names and the embedded TrueType program say the
 * codes are. The family: a font declared WinAnsi that draws `¥` at MacRoman's 0xB4, which its
 * declared encoding reads as `´` (a total `´1177.00` nobody can parse).
 */
import { extractPdfText } from '../../../nodes/shared/formats/pdf';
import { trueTypeCodes } from '../../../nodes/shared/formats/pdf/trueType';
import { type1BuiltInEncoding } from '../../../nodes/shared/formats/pdf/type1';
import { type FontScheme, textPdf } from '../../support/pdfWriter';
import { describeWithSamples, sample } from '../../support/samples';

const lines = ['Total ¥1177.00', '¥ 307.64', 'No. 50440169'];

function readWith(font: FontScheme): string {
	const page = { width: 595, height: 400, items: lines.map((text, index) => ({ x: 40, y: 40 + index * 24, size: 12, text })) };
	return extractPdfText(textPdf([page], { font }))
		.pages.map((read) => read.runs.map((run) => run.text).join('|'))
		.join('\n');
}

describe('simple TrueType fonts without ToUnicode: the program says what is drawn', () => {
	test.each<[FontScheme, string]>([
		['truetype-mac-named', 'declared WinAnsi, (1,0) cmap, post names (yen by its standard index)'],
		['truetype-symbol-named', 'declared WinAnsi, (3,0) cmap in format 4, post names'],
		['truetype-mac-unnamed', 'no /Encoding, (1,0) cmap, no names: the codes are MacRoman'],
	])('%s (%s) reads ¥, not ´', (font) => {
		const text = readWith(font);
		for (const line of lines) expect(text).toContain(line);
		expect(text).not.toContain('´');
	});

	test('with a Unicode (3,1) cmap the declared WinAnsi encoding holds: 0xB4 stays ´ (no guessing)', () => {
		const text = readWith('truetype-unicode');
		expect(text).toContain('Total ´1177.00');
	});

	test('a damaged program reads as nothing known, not as an error', () => {
		expect(trueTypeCodes(new Uint8Array(0))).toBeNull();
		expect(trueTypeCodes(Uint8Array.from([0, 1, 0, 0, 0, 9, 0, 0]))).toBeNull();
		// A table directory pointing past the end.
		const directory = Uint8Array.from([0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 99, 109, 97, 112, 0, 0, 0, 0, 0, 0, 255, 255, 0, 0, 0, 16]);
		expect(trueTypeCodes(directory)).toBeNull();
	});
});

describe('simple Type 1 fonts: the embedded program`s own encoding', () => {
	test('a subset with `dup 180 /yen put` and no /Encoding reads ¥, not StandardEncoding`s ·', () => {
		const text = readWith('type1-builtin');
		for (const line of lines) expect(text).toContain(line);
		expect(text).not.toContain('·');
	});

	test('a program that says StandardEncoding, or names nothing, leaves the base encoding alone', () => {
		const standard = Buffer.from('%!PS-AdobeFont-1.0\n/Encoding StandardEncoding def\ncurrentfile eexec\n', 'latin1');
		expect(type1BuiltInEncoding(standard, null)).toBeNull();
		expect(type1BuiltInEncoding(Buffer.from('%!PS-AdobeFont-1.0\n/FontName /X def\n', 'latin1'), null)).toBeNull();
		// Entries after eexec are encrypted bytes, never read as an encoding.
		const late = Buffer.from('%!PS\n/Encoding 256 array\ncurrentfile eexec\ndup 65 /yen put\n', 'latin1');
		expect(type1BuiltInEncoding(late, null)).toBeNull();
	});
});

describe('simple fonts: glyph names in /Differences', () => {
	test('uniXXXX names give their characters', () => {
		const page = { width: 595, height: 400, items: [{ x: 40, y: 40, size: 12, text: '发票 ¥12.00' }] };
		const text = extractPdfText(textPdf([page], { font: 'simple-differences' })).pages[0].runs.map((run) => run.text).join('');
		expect(text).toContain('发票 ¥12.00');
	});
});

describeWithSamples('the re-saved e-commerce 专票 (CID TrueType with ToUnicode, a WinAnsi CourierNew subset without)', () => {
	test('seller name, 小计 and totals with their ¥ read; no ´ anywhere', () => {
		const pages = extractPdfText(sample('pdf', 'invoice-renamer-digital-special-jd-discounts.pdf')).pages;
		const text = pages.map((page) => page.runs.map((run) => run.text).join('|')).join('\n');
		const joined = text.replace(/[|\s]/g, '');
		expect(joined).toContain('广州晶东贸易有限公司');
		expect(text).toContain('¥1177.00');
		expect(text).toContain('¥1041.59');
		expect(text).toContain('¥135.41');
		expect(text).not.toContain('´');
	});
});
