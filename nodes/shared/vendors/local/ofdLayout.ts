/**
 * Line items from where they are printed, for OFDs whose tag file names no item (Nuonuo's): the
 * column headers (项目名称 … 税额, on the page or its template) give the columns, the 合计 row
 * ends the table, and each printed value joins the column whose header is nearest. A visual line
 * with an amount starts an item; lines without one continue it (a wrapped name).
 */
import { itemsFromRows, type ItemFieldTable } from '../../normalize/invoice';
import { decimal, money, taxRate, text } from '../../normalize/parse';
import type { InvoiceLineItem } from '../../types';

/** A text object as placed on the page (mm, top-left origin). */
export interface PlacedText {
	id: string;
	text: string;
	x: number;
	y: number;
	width: number;
	height: number;
}

type Column = 'name' | 'specification' | 'unit' | 'quantity' | 'unitPrice' | 'amount' | 'taxRate' | 'tax';

/** Header label (whitespace removed) → column. */
const HEADER_COLUMNS: Readonly<Record<string, Column>> = {
	项目名称: 'name',
	货物或应税劳务名称: 'name',
	'货物或应税劳务、服务名称': 'name',
	规格型号: 'specification',
	单位: 'unit',
	数量: 'quantity',
	单价: 'unitPrice',
	金额: 'amount',
	'税率/征收率': 'taxRate',
	税率: 'taxRate',
	税额: 'tax',
};

const COLUMN_FIELDS: ItemFieldTable = {
	name: { path: 'name', parse: text },
	specification: { path: 'specification', parse: text },
	unit: { path: 'unit', parse: text },
	quantity: { path: 'quantity', parse: decimal },
	unitPrice: { path: 'unitPrice', parse: decimal },
	amount: { path: 'amount', parse: money },
	taxRate: { path: 'taxRate', parse: taxRate },
	tax: { path: 'tax', parse: money },
};

/** Labels within this of the 金额 label's top are on the header row (mm). */
const HEADER_ROW_TOLERANCE = 2;

/** How far above the 合计 label the table ends (mm). */
const FOOTER_MARGIN = 3;

/** Same visual line when the tops differ by less than this (mm). */
const LINE_TOLERANCE = 1.5;

function compact(value: string): string {
	return value.replace(/\s/g, '');
}

/** The center of a label: its box may be drawn wider than the text, so the text's own width counts. */
function labelCentre(placed: PlacedText, label: string): number {
	const textWidth = label.length * Math.max(placed.height, 3);
	return placed.x + Math.min(placed.width || textWidth, textWidth) / 2;
}

export function itemsFromLayout(pageTexts: PlacedText[], templateTexts: PlacedText[]): InvoiceLineItem[] {
	const all = [...templateTexts, ...pageTexts];
	const headers: Array<{ column: Column | 'other'; center: number; y: number }> = [];
	for (const placed of all) {
		const label = compact(placed.text);
		const column = HEADER_COLUMNS[label];
		if (column && !headers.some((header) => header.column === column)) {
			headers.push({ column, center: labelCentre(placed, label), y: placed.y });
		}
	}
	const amountHeader = headers.find((header) => header.column === 'amount');
	if (!amountHeader || !headers.some((header) => header.column === 'name')) return [];
	// Other labels on the header row are columns too (建筑服务发生地 …): their values are not ours.
	for (const placed of all) {
		const label = compact(placed.text);
		if (label !== '' && HEADER_COLUMNS[label] === undefined && Math.abs(placed.y - amountHeader.y) < HEADER_ROW_TOLERANCE) {
			headers.push({ column: 'other', center: labelCentre(placed, label), y: placed.y });
		}
	}
	// Header boxes are often drawn taller than their text: the table starts just below their tops.
	const tableTop = amountHeader.y + 1;
	const footer = all
		.filter((placed) => placed.y > tableTop && /^合(计)?$/.test(compact(placed.text)))
		.map((placed) => placed.y);
	// The totals of the 合计 row may sit a little above its label (Suwell: 90.5 against 92).
	const tableBottom = footer.length > 0 ? Math.min(...footer) - FOOTER_MARGIN : Infinity;
	const values = pageTexts
		.filter((placed) => placed.text !== '' && placed.y >= tableTop && placed.y < tableBottom)
		.filter((placed) => HEADER_COLUMNS[compact(placed.text)] === undefined)
		.sort((a, b) => a.y - b.y || a.x - b.x);

	const nearestColumn = (placed: PlacedText): Column | 'other' => {
		const center = placed.x + placed.width / 2;
		let best = headers[0];
		for (const header of headers) {
			if (Math.abs(header.center - center) < Math.abs(best.center - center)) best = header;
		}
		return best.column;
	};

	const rows: Array<Record<string, string>> = [];
	let lineY = -Infinity;
	let line: Array<{ column: Column | 'other'; text: string }> = [];
	const flush = () => {
		if (line.length === 0) return;
		const startsItem = line.some((cell) => cell.column === 'amount') || rows.length === 0;
		const row = startsItem ? {} : rows[rows.length - 1];
		if (startsItem) rows.push(row);
		for (const cell of line) {
			if (cell.column !== 'other') row[cell.column] = (row[cell.column] ?? '') + cell.text;
		}
		line = [];
	};
	for (const placed of values) {
		if (placed.y - lineY > LINE_TOLERANCE) {
			flush();
			lineY = placed.y;
		}
		line.push({ column: nearestColumn(placed), text: placed.text });
	}
	flush();
	return itemsFromRows(COLUMN_FIELDS, rows);
}
