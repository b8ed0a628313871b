/**
 * One page's invoice values by geometry: each label found on a visual line, its value read from the
 * glyphs drawn after it on that line (up to the next label or a wide gap), parties told apart by
 * their block markers (购买方 / 销售方, vertical or across), remarks from beside the 备注 marker.
 */
import { amountInWords, blankInvoice } from '../../../normalize/invoice';
import { date, digits, identifier, money, printedText, text } from '../../../normalize/parse';
import type { Party, RecognizedInvoice } from '../../../types';
import { isInvoiceTitle, typeFromTitle } from '../invoice';
import { readTicketPage } from '../page/tickets';
import { findItemTable, lineColumns, readItems } from './items';
import {
	BUYER_MARKER,
	LABELS,
	type LabelKey,
	RED_LETTER_MARK,
	SALES_LIST_TITLE,
	SELLER_MARKER,
	TOLL_COLUMN_LABELS,
} from './labels';
import {
	cellsOf,
	findOnLine,
	type Glyph,
	glyphText,
	type Line,
	lineText,
	type PageLayout,
	type Span,
	spanText,
	TITLE_GAP_EM,
	type VerticalTitle,
	verticalTitles,
} from './layout';

interface Hit {
	key: LabelKey;
	printed: string;
	span: Span;
}

/** What one page says. */
export interface PageRead {
	page: number;
	kind: 'invoice' | 'sales-list' | 'other';
	invoice: RecognizedInvoice;
	/** Every label found → its value as printed. */
	fields: Record<string, string>;
	redLetter: boolean;
	/** A sales list's own invoice code and number (`所属…发票代码/号码`). */
	listOf: { code: string | null; number: string | null } | null;
	/** The page as text, line by line. */
	text: string;
	/** The invoice's item reads `(详见销货清单)`: its items are on the sales list. */
	itemsOnList: boolean;
}

/** A value may start this far after its label (数电 files place values in their own boxes)… */
const FIRST_GAP_EM = 8;
/** The figures after (小写) end the line: older templates right-align them far from the label. */
const TOTAL_GAP_EM = 16;
/** …and its parts may be this far apart… */
const INNER_GAP_EM = 2.5;
/** …except codes printed as one word (a tax ID, an invoice number): a wider gap ends them. */
const WORD_GAP_EM = 1;
const ONE_WORD: ReadonlySet<LabelKey> = new Set<LabelKey>(['partyTaxId', 'invoiceNumber', 'invoiceCode']);

function hitsOn(line: Line): Hit[] {
	const hits: Hit[] = [];
	for (const row of LABELS) {
		for (const span of findOnLine(line, row.pattern)) hits.push({ key: row.key, printed: row.printed, span });
	}
	// One glyph belongs to one label: a longer, earlier match wins (`价税合计` is no `合计`).
	hits.sort((a, b) => a.span.start - b.span.start || b.span.end - a.span.end);
	const kept: Hit[] = [];
	for (const hit of hits) {
		const previous = kept[kept.length - 1];
		if (previous && hit.span.start < previous.span.end) continue;
		kept.push(hit);
	}
	return kept;
}

/** The glyphs after a label on its line, up to the next label or a wide gap; `printed`: as printed. */
function valueAfter(
	hit: Hit,
	next: Hit | undefined,
	stops: ReadonlySet<Glyph>,
): { text: string; printed: string; x0: number; x1: number } | null {
	const line = hit.span.line;
	const stop = next ? next.span.start : line.glyphs.length;
	let lastX = hit.span.x1;
	let end = hit.span.end;
	let first = true;
	let x0 = 0;
	for (let i = hit.span.end; i < stop; i++) {
		const glyph = line.glyphs[i];
		if (glyph.ch === ' ') continue;
		// A block title's character (the 信 of a vertical 销售方信息) ends the value beside it.
		if (stops.has(glyph)) break;
		const gap = glyph.x0 - lastX;
		const firstGap = hit.key === 'totalInFigures' ? TOTAL_GAP_EM : FIRST_GAP_EM;
		if (gap > glyph.size * (first ? firstGap : ONE_WORD.has(hit.key) ? WORD_GAP_EM : INNER_GAP_EM)) break;
		if (first) x0 = glyph.x0;
		first = false;
		end = i + 1;
		lastX = Math.max(lastX, glyph.x1);
	}
	if (first) return null;
	// A label's colon drawn after the value's start, and the `;` 数电 remarks end each name with.
	const tidy = (value: string) => value.replace(/^[:：]\s*/, '').replace(/[;；,，]+$/, '');
	const value = tidy(glyphText(line, hit.span.end, end));
	return value === '' ? null : { text: value, printed: tidy(glyphText(line, hit.span.end, end, false, true)), x0, x1: lastX };
}

/** A value below its label may start this far left of the label, or be this far below it (ems). */
const BELOW_LEFT_EM = 1;
const BELOW_DEPTH_EM = 2.2;
/**
 * Labels whose value some layouts print on the line below (a tax ID in a narrow box), and what such
 * a value looks like: an empty field must not take whatever is printed under it.
 */
const VALUE_BELOW: Partial<Record<LabelKey, RegExp>> = {
	partyName: /^[^\d:：]{2,}$/,
	partyTaxId: /^[0-9A-Z]{15,20}$/,
	invoiceNumber: /^\d{8,20}$/,
	invoiceCode: /^\d{10,12}$/,
	issueDate: /^\d{4}\D{1,3}\d{1,2}\D{1,3}\d{1,2}/,
};

/**
 * A label with nothing after it on its line: its value on the line just below, between the label's
 * start and the next label on its line, provided no label is printed there.
 */
function valueBelow(
	layout: PageLayout,
	lineHits: Hit[][],
	lineIndex: number,
	hit: Hit,
	next: Hit | undefined,
	stops: ReadonlySet<Glyph>,
): { text: string; printed: string; x0: number; x1: number } | null {
	const shape = VALUE_BELOW[hit.key];
	if (!shape) return null;
	const label = hit.span.line;
	const size = label.glyphs[hit.span.start].size;
	const left = hit.span.x0 - size * BELOW_LEFT_EM;
	const right = next ? next.span.x0 : layout.width + 1;
	for (let k = lineIndex + 1; k < layout.lines.length; k++) {
		const line = layout.lines[k];
		if (line.y - label.y > size * BELOW_DEPTH_EM) break;
		if (lineHits[k].some((other) => other.span.x1 > left && other.span.x0 < right)) return null;
		let start = -1;
		let end = -1;
		let lastX = 0;
		for (let g = 0; g < line.glyphs.length; g++) {
			const glyph = line.glyphs[g];
			if (glyph.ch === ' ' || stops.has(glyph)) continue;
			const center = (glyph.x0 + glyph.x1) / 2;
			if (center < left || center >= right) continue;
			if (start >= 0 && glyph.x0 - lastX > glyph.size * (ONE_WORD.has(hit.key) ? WORD_GAP_EM : INNER_GAP_EM)) break;
			if (start < 0) start = g;
			end = g + 1;
			lastX = glyph.x1;
		}
		if (start < 0) continue;
		const value = glyphText(line, start, end);
		if (value === '') continue;
		if (!shape.test(value.replace(/\s/g, ''))) return null;
		return { text: value, printed: glyphText(line, start, end, false, true), x0: line.glyphs[start].x0, x1: lastX };
	}
	return null;
}

interface Marker {
	side: 'buyer' | 'seller';
	x: number;
	top: number;
	bottom: number;
}

/** Block markers: a vertical 购买方(信息) / 销售方(信息), or the title written across. */
function partyMarkers(layout: PageLayout, titles: VerticalTitle[]): Marker[] {
	const markers: Marker[] = [];
	for (const title of titles) {
		const side = BUYER_MARKER.test(title.text) ? 'buyer' : SELLER_MARKER.test(title.text) ? 'seller' : null;
		if (side) markers.push({ side, x: title.x0, top: title.top - title.size, bottom: title.bottom });
	}
	for (const line of layout.lines) {
		for (const cell of cellsOf(line, TITLE_GAP_EM)) {
			const value = spanText(cell);
			if (value.length < 2) continue;
			const side = BUYER_MARKER.test(value) ? 'buyer' : SELLER_MARKER.test(value) ? 'seller' : null;
			if (side) markers.push({ side, x: cell.x0, top: line.y - line.size, bottom: line.y });
		}
	}
	return markers;
}

/** Which party a label belongs to: its own prefix (购买方名称), else the nearest marker to its left. */
function sideOf(hit: Hit, markers: Marker[], fallback: Hit[]): 'buyer' | 'seller' {
	const line = hit.span.line;
	const index = line.compactGlyph.indexOf(hit.span.start);
	const before = line.compact.slice(Math.max(0, index - 3), index);
	if (/购买?方$/.test(before)) return 'buyer';
	if (/销售?方$/.test(before)) return 'seller';
	const y = line.y;
	const x = hit.span.x0;
	let best: { side: 'buyer' | 'seller'; score: number } | null = null;
	for (const marker of markers) {
		if (marker.x > x + 2) continue;
		const dy = y < marker.top ? marker.top - y : y > marker.bottom ? y - marker.bottom : 0;
		const score = dy + (x - marker.x) * 0.1;
		if (!best || score < best.score) best = { side: marker.side, score };
	}
	if (best) return best.side;
	// No markers: the first name label is the buyer's, the second the seller's; others follow the nearer.
	const [buyerName, sellerName] = fallback;
	if (!sellerName) return 'buyer';
	const distance = (anchor: Hit) => Math.abs(anchor.span.line.y - y) + Math.abs(anchor.span.x0 - x) * 0.1;
	return distance(buyerName) <= distance(sellerName) ? 'buyer' : 'seller';
}

/** `2019  07  20` (a template's 年月日 drawn apart), `2018年03月23日` → a date. */
function printedDate(value: string | null): string | null {
	if (value === null) return null;
	const parts = /(\d{4})\D{0,3}?(\d{1,2})\D{0,3}?(\d{1,2})/.exec(value);
	return parts ? date(`${parts[1]}年${parts[2]}月${parts[3]}日`) : date(value);
}

/** The 大写 total: its numerals (a leading ⓧ or 负数 mark kept only as 负数). */
function wordsTotal(value: string | null): string | null {
	if (value === null) return null;
	const negative = /负数|ⓧ|⊗/.test(value) ? '(负数)' : '';
	const numerals = value.replace(/[^零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]/g, '');
	return amountInWords(numerals === '' ? null : negative + numerals) ?? amountInWords(numerals);
}

/** The invoice title: the largest text near the top that reads like one, as printed (spaces removed). */
function titleOf(layout: PageLayout): string | null {
	let best: Line | null = null;
	for (const line of layout.lines) {
		if (line.y > layout.height * 0.4) break;
		if (!isInvoiceTitle(line.compact)) continue;
		if (!best || line.size > best.size) best = line;
	}
	if (!best) return null;
	return best.glyphs.map((glyph) => glyph.raw).join('').replace(/\s/g, '');
}

/** Remarks: what is printed right of the 备注 marker, between the totals and the people lines. */
function remarksOf(layout: PageLayout, titles: VerticalTitle[], upper: number, lower: number): string | null {
	let marker: { x1: number; top: number; bottom: number; size: number } | null = null;
	const vertical = titles.find((title) => title.text === '备注' && title.top > upper);
	if (vertical) {
		marker = { x1: vertical.x1, top: vertical.top, bottom: vertical.bottom, size: vertical.size };
	} else {
		for (const line of layout.lines) {
			if (line.y <= upper) continue;
			const cell = cellsOf(line, TITLE_GAP_EM).find((c) => /^备注:?$/.test(spanText(c)));
			if (cell) {
				marker = { x1: cell.x1, top: line.y, bottom: line.y, size: line.size };
				break;
			}
		}
	}
	if (!marker) return null;
	const spread = Math.max(marker.bottom - marker.top, marker.size * 2);
	// The box is centered on its vertical title: it reaches about one title height above and below.
	const top = Math.max(marker.top - Math.max(spread, marker.size * 1.2), upper + 1);
	const bottom = Math.min(marker.bottom + Math.max(spread * 0.75, marker.size), lower - 1);
	const left = marker.x1 + marker.size * 0.2;
	const parts: string[] = [];
	for (const line of layout.lines) {
		if (line.y < top || line.y > bottom) continue;
		const start = line.glyphs.findIndex((glyph) => glyph.ch !== ' ' && glyph.x0 >= left);
		if (start < 0) continue;
		const part = glyphText(line, start, line.glyphs.length, true);
		if (part !== '') parts.push(part);
	}
	return parts.length > 0 ? parts.join('\n') : null;
}

interface Value {
	key: LabelKey;
	side?: 'buyer' | 'seller';
	value: string;
	/** As printed: full-width forms kept (names). */
	printed: string;
	hit: Hit;
}

function firstValue(values: Value[], key: LabelKey, side?: 'buyer' | 'seller'): string | null {
	return values.find((v) => v.key === key && v.side === side)?.value ?? null;
}

function firstPrinted(values: Value[], key: LabelKey, side?: 'buyer' | 'seller'): string | null {
	return values.find((v) => v.key === key && v.side === side)?.printed ?? null;
}

const PARTY_KEYS: Partial<Record<LabelKey, keyof Party>> = {
	partyName: 'name',
	partyTaxId: 'taxId',
	partyAddressPhone: 'addressPhone',
	partyBankAccount: 'bankAccount',
};

/** Reads one page. */
export function readPage(layout: PageLayout): PageRead {
	const invoice = blankInvoice('other');
	const fields: Record<string, string> = {};
	const pageText = layout.lines.map(lineText).join('\n');
	const isList = layout.lines.some((line) => line.y < layout.height * 0.35 && SALES_LIST_TITLE.test(line.compact));
	const title = titleOf(layout);

	const lineHits = layout.lines.map(hitsOn);
	const allHits = lineHits.flat();
	const titles = verticalTitles(layout);
	const stops = new Set<Glyph>(titles.flatMap((title) => Array.from(title.glyphs)));
	const markers = partyMarkers(layout, titles);
	const nameHits = allHits.filter((hit) => hit.key === 'partyName');
	const values: Value[] = [];
	lineHits.forEach((hits, lineIndex) => {
		hits.forEach((hit, i) => {
			if (hit.key === 'sellerSeal' || hit.key === 'subtotal') return;
			const value = valueAfter(hit, hits[i + 1], stops) ?? valueBelow(layout, lineHits, lineIndex, hit, hits[i + 1], stops);
			if (!value) return;
			const side = PARTY_KEYS[hit.key] ? sideOf(hit, markers, nameHits) : undefined;
			values.push({ key: hit.key, side, value: value.text, printed: value.printed, hit });
			const name = side ? `${side === 'buyer' ? '购买方' : '销售方'}${hit.printed}` : hit.printed;
			if (!(name in fields)) fields[name] = hit.key === 'partyName' ? value.printed : value.text;
		});
	});

	invoice.title = title;
	invoice.invoiceCode = digits(firstValue(values, 'invoiceCode')) ?? identifier(firstValue(values, 'invoiceCode'));
	invoice.invoiceNumber = identifier(firstValue(values, 'invoiceNumber'));
	invoice.issueDate = printedDate(firstValue(values, 'issueDate'));
	invoice.checkCode = digits(firstValue(values, 'checkCode'));
	invoice.machineCode = identifier(firstValue(values, 'machineCode'));
	for (const side of ['buyer', 'seller'] as const) {
		const party = invoice[side];
		party.name = printedText(firstPrinted(values, 'partyName', side));
		party.taxId = identifier(firstValue(values, 'partyTaxId', side));
		party.addressPhone = text(firstValue(values, 'partyAddressPhone', side));
		party.bankAccount = text(firstValue(values, 'partyBankAccount', side));
	}
	invoice.totalInWords = wordsTotal(firstValue(values, 'totalInWords'));
	invoice.total = money(firstValue(values, 'totalInFigures'));
	invoice.payee = text(firstValue(values, 'payee'));
	invoice.reviewer = text(firstValue(values, 'reviewer'));
	invoice.drawer = text(firstValue(values, 'drawer'));

	// Items and the 合计 line (a sales list ends with 小计 / 总计).
	const table = findItemTable(layout, isList ? /小计|总计|合计/ : /^合计|(?<!税)合计/);
	let itemsOnList = false;
	if (table) {
		const { items, extra } = readItems(table);
		invoice.items = items;
		itemsOnList = items.some((item) => /详见.*清单/.test(item.name ?? ''));
		for (const column of Object.keys(TOLL_COLUMN_LABELS) as Array<keyof typeof TOLL_COLUMN_LABELS>) {
			const printed = extra.map((row) => row[column]).filter((value): value is string => value !== undefined);
			if (printed.length > 0) fields[TOLL_COLUMN_LABELS[column] as string] = printed.join('\n');
		}
		if (table.footer) {
			const totals = lineColumns(table, table.footer);
			const amount = totals.get('amount') ?? null;
			const tax = totals.get('tax') ?? null;
			invoice.amount = money(amount);
			invoice.tax = money(tax);
			if (amount !== null) fields['合计金额'] = amount;
			if (tax !== null) fields['合计税额'] = tax;
		}
	}

	// Remarks sit below the totals (价税合计) and above the people line (收款人 / 开票人).
	const totalsLine = values.find((v) => v.key === 'totalInWords' || v.key === 'totalInFigures')?.hit.span.line;
	// The people line is the page's last (数电 remarks may name 收款人 too, higher up).
	const peopleLines = values.filter((v) => v.key === 'drawer' || v.key === 'payee' || v.key === 'reviewer').map((v) => v.hit.span.line.y);
	const lower = peopleLines.length > 0 ? Math.max(...peopleLines) : layout.height + 1;
	invoice.remarks = remarksOf(layout, titles, totalsLine ? totalsLine.y : table?.footer?.y ?? 0, lower);
	if (invoice.remarks !== null) fields['备注'] = invoice.remarks;

	// Toll invoices carry the common title; their table (车牌号, 通行日期起/止) tells them apart.
	const titleType = typeFromTitle(title);
	const tollTable = table?.columns.some((c) => c.column === 'plate' || c.column === 'dateFrom') ?? false;
	invoice.invoiceType = tollTable && (titleType === null || titleType === 'vat_electronic_common') ? 'vat_toll' : titleType ?? 'other';
	invoice.location = { page: layout.number, angle: 0, polygon: null };
	readTicketPage(layout, invoice, fields);

	const listCode = isList ? digits(firstValue(values, 'invoiceCode')) : null;
	const listNumber = isList ? digits(firstValue(values, 'listNumber')) ?? digits(firstValue(values, 'invoiceNumber')) : null;
	if (isList) invoice.invoiceType = 'sales_list';
	const kind: PageRead['kind'] = isList ? 'sales-list' : title !== null || invoice.invoiceNumber !== null ? 'invoice' : 'other';
	return {
		page: layout.number,
		kind,
		invoice,
		fields,
		redLetter: RED_LETTER_MARK.test(layout.lines.map((line) => line.compact).join('')),
		listOf: isList ? { code: listCode, number: listNumber } : null,
		text: pageText,
		itemsOnList,
	};
}
