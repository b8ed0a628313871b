/**
 * CID fonts without ToUnicode and predefined CMaps: Adobe-GB1 CIDs → Unicode from the packed copy of
 * Adobe's mapping, `GBK-EUC-H`, `UniGB-UCS2-H`, on fixtures the project's PDF writer makes and on
 * the sample files of those families.
 */
import { extractPdfText } from '../../../nodes/shared/formats/pdf';
import { adobeGb1Table, characterCollection, cidToUnicode } from '../../../nodes/shared/formats/pdf/cidToUnicode';
import { readPdfInvoices } from '../../../nodes/shared/vendors/local/pdf';
import { digitalInvoiceSpec } from '../../support/einvoiceFixtures';
import { digitalInvoicePdf, type FontScheme, textPdf } from '../../support/pdfWriter';
import { describeWithSamples, sample } from '../../support/samples';
import { pdfjsTextOfBytes, publishedAdobeGb1 } from './encodings-oracles';
import { pdfjsTextItems } from './pdfjs-oracle';

const pageText = (pdf: Uint8Array): string =>
	extractPdfText(pdf)
		.pages.map((page) => page.runs.map((run) => run.text).join('|'))
		.join('\n');

describe('Adobe-GB1 CID → Unicode', () => {
	const published = publishedAdobeGb1();

	(published ? test : test.skip)('the packed table decodes to exactly the published mapping (poppler-data)', () => {
		expect(Array.from(adobeGb1Table())).toEqual(published);
	});

	test('known CIDs of the published table (checked by hand against Adobe-GB1-UCS2)', () => {
		// CID 1 is the space, 17 the digit 0, 34 `A`; 发 1599, 票 3024, 道 1441; full-width ￥（） 265/269/270;
		// the proportional yen sign ¥ is CID 22354 (Supplement 4); CID 0 (.notdef) maps to nothing.
		const expected: Array<[number, string | null]> = [
			[0, null],
			[1, ' '],
			[17, '0'],
			[34, 'A'],
			[1599, '发'],
			[3024, '票'],
			[1441, '道'],
			[265, '￥'],
			[269, '（'],
			[270, '）'],
			[22354, '¥'],
		];
		for (const [cid, text] of expected) expect([cid, cidToUnicode('Adobe-GB1', cid)]).toEqual([cid, text]);
	});

	test('CIDs outside the collection read as nothing', () => {
		expect(cidToUnicode('Adobe-GB1', -1)).toBeNull();
		expect(cidToUnicode('Adobe-GB1', adobeGb1Table().length)).toBeNull();
		expect(cidToUnicode('Adobe-GB1', 0xffff)).toBeNull();
	});

	test('only Adobe-GB1 has a built-in mapping', () => {
		expect(characterCollection('Adobe', 'GB1')).toBe('Adobe-GB1');
		expect(characterCollection('Adobe', 'Identity')).toBeNull();
		expect(characterCollection('Adobe', 'Japan1')).toBeNull();
		expect(characterCollection(null, null)).toBeNull();
	});
});

describe('composite fonts without ToUnicode (fixtures from the project PDF writer)', () => {
	const page = (texts: string[]) => ({
		width: 595,
		height: 400,
		items: texts.map((text, index) => ({ x: 40, y: 40 + index * 24, size: 12, text })),
	});
	const lines = ['电子发票（普通发票）', '名称：道达尔能源销售（湖北）有限公司', '价税合计（小写）￥307.64', 'No 50440169'];

	test('Identity-H with Adobe-GB1 CIDs and no ToUnicode reads through the CID mapping', () => {
		const text = pageText(textPdf([page(lines)], { font: 'gb1-no-tounicode' }));
		for (const line of lines) expect(text).toContain(line);
	});

	test('an embedded encoding CMap (one-byte codes → GB1 CIDs) reads through code → CID → Unicode', () => {
		const text = pageText(textPdf([page(lines)], { font: 'gb1-embedded-cmap' }));
		for (const line of lines) expect(text).toContain(line);
	});

	test('GBK-EUC-H reads one-byte ASCII and two-byte Chinese codes', () => {
		const text = pageText(textPdf([page(lines)], { font: 'gbk-euc' }));
		for (const line of lines) expect(text).toContain(line);
	});

	test('UniGB-UCS2-H reads the codes as UCS-2', () => {
		const text = pageText(textPdf([page(lines)], { font: 'ucs2' }));
		for (const line of lines) expect(text).toContain(line);
	});

	test.each(['utf8', 'utf16', 'adobe-gb1-4'] as const)('%s: the predefined CMap gives the text', (font) => {
		const text = pageText(textPdf([page(lines)], { font }));
		for (const line of lines) expect(text).toContain(line);
	});

	test('GB-H (7-bit GB 2312 codes) reads as GB 2312, its full-width ASCII row included', () => {
		const gbLines = ['电子发票（普通发票）', '价税合计￥307.64'];
		const text = pageText(textPdf([page(gbLines)], { font: 'gb-h' }));
		for (const line of gbLines) expect(text.normalize('NFKC')).toContain(line.normalize('NFKC'));
	});

	test('an Identity-H font of another collection without ToUnicode stays without text (no guessing)', () => {
		const pdf = textPdf([page(['发票'])], { font: 'gb1-no-tounicode' });
		const other = Buffer.from(pdf.toString('latin1').replace('/Ordering(GB1)', '/Ordering(CNS1)'), 'latin1');
		expect(pageText(other)).not.toContain('发票');
	});
});

describe('a whole 数电 invoice drawn in each composite encoding reads as with ToUnicode', () => {
	const spec = digitalInvoiceSpec();
	const invoiceOf = (pdf: Uint8Array) => {
		const outcome = readPdfInvoices(pdf);
		if (!outcome.ok) throw new Error(`not read: ${JSON.stringify(outcome).slice(0, 300)}`);
		return { ...outcome.invoices[0], origin: null };
	};
	// Not GBK-EUC-H: GBK has no U+00A5 `¥` (its files print `￥`), which the 数电 layout draws.
	test.each<FontScheme>(['gb1-no-tounicode', 'utf8', 'utf16', 'adobe-gb1-4'])('%s', (font) => {
		const reference = invoiceOf(digitalInvoicePdf(spec));
		expect(reference.seller.name).not.toBeNull();
		expect(invoiceOf(digitalInvoicePdf(spec, { font }))).toEqual(reference);
	});
});

describe('the fixtures read the same in pdf.js (Adobe\'s CMaps), so they stand for real files', () => {
	const schemes = ['gb1-no-tounicode', 'gb1-embedded-cmap', 'gbk-euc', 'ucs2', 'utf8', 'utf16', 'adobe-gb1-4', 'gb-h'] as const;
	const lines = ['电子发票（普通发票）', '名称：道达尔能源销售（湖北）有限公司', '价税合计（小写）￥307.64'];

	test('every predefined-CMap and CID fixture', () => {
		const items = lines.map((text, index) => ({ x: 40, y: 40 + index * 24, size: 12, text }));
		const pdfs = schemes.map((font) => textPdf([{ width: 595, height: 400, items }], { font }));
		const oracle = pdfjsTextOfBytes(pdfs);
		schemes.forEach((font, index) => {
			const theirs = oracle[index].pages[0].map((item) => item.str).join('|');
			expect([font, pageText(pdfs[index])]).toEqual([font, theirs]);
		});
	});
});

describeWithSamples('sample files of the CID-font families', () => {
	test('AdobeSongStd-Light Identity-H without ToUnicode: labels read, as pdf.js reads them', () => {
		const name = 'fapiaohezi-vat-e-common-adobesong-no-tounicode.pdf';
		const text = pageText(sample('pdf', name)).replace(/\s/g, '');
		for (const label of ['货物或应税劳务、', '规格型号', '价税合计(大写）', '开票日期', '发票代码', '纳税人', '识别号', '国家税务总局']) {
			expect(text).toContain(label);
		}
		expect(text).toContain('道达尔能源销售（湖北）有限公司');
		expect(text).toContain('¥307.64');
		// Every character pdf.js (with Adobe's CMaps) extracts is extracted here too.
		const [oracle] = pdfjsTextItems([name]);
		const oracleChars = new Set(Array.from(oracle.pages.flat().map((item) => item.str).join('').replace(/\s/g, '')));
		const ours = new Set(Array.from(text));
		expect([...oracleChars].filter((ch) => !ours.has(ch))).toEqual([]);
	});

	test('UniGB-UCS2-H (toll e-invoices): seller name, total with its ￥ and the date read', () => {
		const text = pageText(sample('pdf', 'invoice2excel-91420000722084584J_8cd62e109ec84973b3b39d166e52298c.pdf'));
		const joined = text.replace(/\|/g, '');
		expect(joined).toContain('湖北楚天智能交通股份有限公司');
		expect(joined).toContain('价税合计（大写）');
		expect(joined).toContain('￥190.19');
		expect(joined).toContain('2018年03月23日');
	});
});
