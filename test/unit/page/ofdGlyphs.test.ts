/**
 * OFD page text → positioned glyphs (`ofdPageGlyphs`) and the page reader over them: TextCode
 * positions with DeltaX/DeltaY (and the `g` repeat syntax), CTM and Boundary, template pages, Kangxi
 * radicals in labels, a tax ID on the line under its label, seals turned off the line.
 */
import { parseXmlText } from '../../../nodes/shared/formats/xml';
import { expandDeltas, OFD_GLYPH_LIMITS } from '../../../nodes/shared/vendors/local/page/ofdGlyphs';
import { ofdPageGlyphs, readInvoicePages, type GlyphPage } from '../../../nodes/shared/vendors/local/page';
import { COMPANIES } from '../../support/einvoiceFixtures';

const NS = 'xmlns:ofd="http://www.ofdspec.org/2016"';
const MM = 72 / 25.4;

interface Text {
	x: number;
	y: number;
	text: string;
	size?: number;
	/** `DeltaX` as written; default: one em per glyph, written with the `g` syntax. */
	deltaX?: string;
	ctm?: string;
}

let nextId = 1;
function textObject({ x, y, text, size = 3.175, deltaX, ctm }: Text): string {
	const delta = deltaX ?? (Array.from(text).length > 1 ? `g ${Array.from(text).length - 1} ${size}` : undefined);
	const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
	return (
		`<ofd:TextObject ID="${nextId++}" Boundary="${x} ${y - size} 150 ${size * 2}" Font="1" Size="${size}"${ctm ? ` CTM="${ctm}"` : ''}>` +
		`<ofd:TextCode X="0" Y="${size}"${delta ? ` DeltaX="${delta}"` : ''}>${escaped}</ofd:TextCode></ofd:TextObject>`
	);
}

function pageXml(texts: Text[], box = '0 0 210 140'): string {
	return `<ofd:Page ${NS}><ofd:Area><ofd:PhysicalBox>${box}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="0">${texts.map(textObject).join('')}</ofd:Layer></ofd:Content></ofd:Page>`;
}

/** A 数电 普票 page as a PDF→OFD converter writes it: labels with Kangxi radicals, tax IDs under their labels. */
function convertedPage(): { page: string; template: string } {
	const labels: Text[] = [
		{ x: 70, y: 14, text: '电⼦发票（普通发票）', size: 7 },
		...Array.from('购买⽅信息').map((ch, i) => ({ x: 5, y: 36 + i * 4, text: ch })),
		...Array.from('销售⽅信息').map((ch, i) => ({ x: 105, y: 36 + i * 4, text: ch })),
		{ x: 10, y: 38, text: '名称：' },
		{ x: 10, y: 47, text: '统⼀社会信⽤代码/纳税⼈识别号：' },
		{ x: 110, y: 38, text: '名称：' },
		{ x: 110, y: 47, text: '统⼀社会信⽤代码/纳税⼈识别号：' },
		{ x: 12, y: 60, text: '项⽬名称' },
		{ x: 90, y: 60, text: '数 量', deltaX: '1.5 1.5' },
		{ x: 120, y: 60, text: '单 价', deltaX: '1.5 1.5' },
		{ x: 145, y: 60, text: '⾦ 额', deltaX: '1.5 1.5' },
		{ x: 165, y: 60, text: '税率/征收率' },
		{ x: 190, y: 60, text: '税 额', deltaX: '1.5 1.5' },
		{ x: 20, y: 95, text: '合' },
		{ x: 35, y: 95, text: '计' },
		{ x: 15, y: 103, text: '价税合计（⼤写）' },
		{ x: 140, y: 103, text: '（⼩写）' },
		{ x: 15, y: 130, text: '开票⼈：' },
	];
	const values: Text[] = [
		{ x: 140, y: 20, text: '发票号码：' },
		{ x: 156, y: 20, text: '25312000000123456789', deltaX: 'g 19 1.6' },
		{ x: 140, y: 26, text: '开票⽇期：' },
		{ x: 156, y: 26, text: '2025年06⽉18⽇', deltaX: '1.6 1.6 1.6 1.6 3.2 1.6 1.6 3.2 1.6 1.6' },
		{ x: 20, y: 38, text: COMPANIES.buyer.name },
		{ x: 120, y: 38, text: COMPANIES.seller.name },
		// Under their labels, in a larger font (digits half an em apart).
		{ x: 30, y: 50.5, text: COMPANIES.buyer.taxId as string, size: 3.88, deltaX: 'g 17 1.94' },
		{ x: 130, y: 50.5, text: COMPANIES.seller.taxId as string, size: 3.88, deltaX: 'g 17 1.94' },
		{ x: 10, y: 68, text: '*信息技术服务*软件维护服务' },
		{ x: 92, y: 68, text: '1', deltaX: '' },
		{ x: 118, y: 68, text: '1000', deltaX: 'g 3 1.6' },
		{ x: 144, y: 68, text: '1000.00', deltaX: 'g 6 1.6' },
		{ x: 168, y: 68, text: '6%', deltaX: '1.6' },
		{ x: 190, y: 68, text: '60.00', deltaX: 'g 4 1.6' },
		{ x: 140, y: 95, text: '¥1000.00', deltaX: 'g 7 1.6' },
		{ x: 186, y: 95, text: '¥60.00', deltaX: 'g 5 1.6' },
		{ x: 60, y: 103, text: '壹仟零陆拾圆整' },
		{ x: 155, y: 103, text: '¥1060.00', deltaX: 'g 7 1.6' },
		{ x: 30, y: 130, text: '王示例' },
		// A seal's turned glyph: no line text.
		{ x: 100, y: 20, text: '章', ctm: '0.7 0.7 -0.7 0.7 0 0' },
	];
	return { page: pageXml(values), template: pageXml(labels) };
}

function read(pages: GlyphPage[]) {
	const outcome = readInvoicePages(pages, { entry: null, format: 'ofd' });
	if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
	return outcome.invoices;
}

describe('ofdPageGlyphs', () => {
	test('places each glyph from X/Y and its DeltaX, through CTM and Boundary, in points', () => {
		const page = ofdPageGlyphs({
			number: 2,
			page: parseXmlText(
				`<ofd:Page ${NS}><ofd:Content><ofd:Layer><ofd:TextObject ID="1" Boundary="10 20 100 10" CTM="2 0 0 2 1 0" Size="3">` +
					`<ofd:TextCode X="1" Y="3" DeltaX="g 2 3 1.5">发票号7</ofd:TextCode><ofd:TextCode DeltaY="4">X</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
			),
			defaultBox: '0 0 210 140',
		});
		expect(page).toMatchObject({ number: 2, width: 210 * MM, height: 140 * MM, images: 0 });
		const placed = page.runs.map((run) => [run.text, +(run.x / MM).toFixed(3), +(run.y / MM).toFixed(3), +(run.fontSize / MM).toFixed(3)]);
		// x = 10 + 2·X + 1, y = 20 + 2·Y; advances 3, 3, 1.5 (object units); a TextCode without X/Y continues.
		expect(placed).toEqual([
			['发', 13, 26, 6],
			['票', 19, 26, 6],
			['号', 25, 26, 6],
			['7', 28, 26, 6],
			['X', 31, 26, 6],
		]);
		expect(page.runs.every((run) => run.angle === 0)).toBe(true);
	});

	test('pretty-printed TextCodes: the line breaks and indentation around a value are no glyphs', () => {
		const page = ofdPageGlyphs({
			number: 1,
			page: parseXmlText(
				`<ofd:Page ${NS}><ofd:Content><ofd:Layer>\n  <ofd:TextObject ID="1" Boundary="10 20 100 10" Size="3">\n    <ofd:TextCode X="0" Y="3" DeltaX="3 1.5">\n      名 称\n    </ofd:TextCode>\n  </ofd:TextObject>\n</ofd:Layer></ofd:Content></ofd:Page>`,
			),
		});
		expect(page.runs.map((run) => [run.text, +(run.x / MM).toFixed(2)])).toEqual([
			['名', 10],
			['称', 14.5],
		]);
	});

	test('expands g repeats, bounded', () => {
		expect(expandDeltas('1 g 3 2.5 4', 10)).toEqual([1, 2.5, 2.5, 2.5, 4]);
		expect(expandDeltas('g 99999999 1', 5)).toEqual([1, 1, 1, 1, 1]);
		expect(expandDeltas('g x 1 2', 5)).toEqual([2]);
		expect(expandDeltas(undefined, 5)).toEqual([]);
		expect(OFD_GLYPH_LIMITS.repeat).toBeLessThan(100_000);
	});

	test('turned text keeps its angle; ruling lines become rules', () => {
		const page = ofdPageGlyphs({
			number: 1,
			page: parseXmlText(
				`<ofd:Page ${NS}><ofd:Content><ofd:Layer>${textObject({ x: 10, y: 10, text: '章', ctm: '0 1 -1 0 0 0' })}` +
					`<ofd:PathObject ID="9" Boundary="0 50 200 1"><ofd:AbbreviatedData>M 5 0.5 L 195 0.5 M 5 0 L 5 1</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>`,
			),
		});
		expect(page.runs[0].angle).toBeCloseTo(90);
		expect(page.rules.map((rule) => [rule.x0 / MM, rule.y0 / MM, rule.x1 / MM, rule.y1 / MM].map((v) => +v.toFixed(2)))).toEqual([
			[5, 50.5, 195, 50.5],
			[5, 50, 5, 51],
		]);
		// No PhysicalBox anywhere: A4.
		expect(page.width / MM).toBeCloseTo(210);
	});

	test('a hostile page is bounded: glyphs stop at the limit', () => {
		const many = 'a'.repeat(OFD_GLYPH_LIMITS.glyphs + 50);
		const page = ofdPageGlyphs({ number: 1, page: parseXmlText(pageXml([{ x: 0, y: 5, text: many, deltaX: 'g 999999999 0.1' }])) });
		expect(page.runs.length).toBe(OFD_GLYPH_LIMITS.glyphs);
	});
});

describe('the page reader over an OFD converted from a PDF (page text only)', () => {
	test('reads the invoice from its template labels and page values, Kangxi labels folded, names as printed', () => {
		const { page, template } = convertedPage();
		const glyphs = ofdPageGlyphs({ number: 1, page: parseXmlText(page), templates: [parseXmlText(template)] });
		const [invoice, ...others] = read([glyphs]);
		expect(others).toHaveLength(0);
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			title: '电子发票（普通发票）',
			invoiceNumber: '25312000000123456789',
			issueDate: '2025-06-18',
			buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId },
			seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId },
			amount: 1000,
			tax: 60,
			total: 1060,
			totalInWords: '壹仟零陆拾圆整',
			drawer: '王示例',
			origin: { entry: null, format: 'ofd' },
		});
		expect(invoice.items.map((item) => [item.name, item.quantity, item.unitPrice, item.amount, item.taxRate, item.tax])).toEqual([
			['*信息技术服务*软件维护服务', 1, 1000, 1000, 0.06, 60],
		]);
	});

	test('the same page without its template is no invoice (values without labels)', () => {
		const { page } = convertedPage();
		const outcome = readInvoicePages([ofdPageGlyphs({ number: 1, page: parseXmlText(page) })], { entry: null, format: 'ofd' });
		// The number's label is on the page itself, so it still reads as an invoice with that number …
		if (outcome.ok) expect(outcome.invoices[0].buyer.name).toBeNull();
		else expect(outcome.error.code).toBe('NO_INVOICE_FOUND');
	});

	test('a page with no text at all is UNSUPPORTED_FILE (nothing to read locally)', () => {
		const outcome = readInvoicePages([ofdPageGlyphs({ number: 1, page: parseXmlText(pageXml([])) })], { entry: 'a.ofd', format: 'ofd' });
		expect(outcome).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_FILE' } });
	});
});
