/**
 * The item table by geometry: the header line gives the columns (where each header word is
 * drawn), the table's vertical rules (older e-invoices draw a grid, 数电 ones do not) give exact
 * column bounds, and the 合计 line ends it. A line with an amount starts an item; a line without
 * one continues it (a wrapped name), unless it starts a new `*分类*` name.
 */
import { blankItem } from '../../../normalize/invoice';
import { decimal, money, printedText, taxRate, text } from '../../../normalize/parse';
import type { InvoiceLineItem } from '../../../types';
import { HEADER_COLUMNS, type Column } from './labels';
import { cellsOf, findOnLine, type Line, type PageLayout, spanText } from './layout';

export interface HeaderColumn {
	column: Column;
	center: number;
}

export interface ItemTable {
	header: Line;
	columns: HeaderColumn[];
	/** Column bounds from the grid: sorted x positions; empty when the table has no vertical rules. */
	boundaries: number[];
	/** Lines between the header and the footer. */
	rows: Line[];
	/** The 合计 (or 小计) line, when found. */
	footer: Line | null;
}

/** Cells of a table line closer than this share of an em belong together (no grid to split them). */
const CELL_GAP_EM = 0.5;

/** The header line: a line naming at least the item name and the amount columns. */
function headerColumns(line: Line): HeaderColumn[] {
	const columns: HeaderColumn[] = [];
	for (const [pattern, column] of HEADER_COLUMNS) {
		if (columns.some((found) => found.column === column)) continue;
		const [span] = findOnLine(line, pattern);
		if (!span) continue;
		columns.push({ column, center: (span.x0 + span.x1) / 2 });
	}
	return columns;
}

/** x positions of the vertical rules that run through the whole table body. */
function gridBoundaries(layout: PageLayout, top: number, bottom: number): number[] {
	const xs = layout.rules
		.filter((rule) => rule.x1 - rule.x0 < 1.5 && rule.y0 <= top + 1 && rule.y1 >= bottom - 1)
		.map((rule) => (rule.x0 + rule.x1) / 2)
		.sort((a, b) => a - b);
	const merged: number[] = [];
	for (const x of xs) if (merged.length === 0 || x - merged[merged.length - 1] > 2) merged.push(x);
	return merged;
}

export function findItemTable(layout: PageLayout, footerPattern: RegExp): ItemTable | null {
	for (let i = 0; i < layout.lines.length; i++) {
		const header = layout.lines[i];
		const columns = headerColumns(header);
		if (!columns.some((c) => c.column === 'name') || !columns.some((c) => c.column === 'amount')) continue;
		let footerIndex = -1;
		for (let k = i + 1; k < layout.lines.length; k++) {
			footerPattern.lastIndex = 0;
			if (footerPattern.test(layout.lines[k].compact)) {
				footerIndex = k;
				break;
			}
		}
		const footer = footerIndex >= 0 ? layout.lines[footerIndex] : null;
		const rows = layout.lines.slice(i + 1, footerIndex >= 0 ? footerIndex : undefined);
		const bottom = footer ? footer.y - footer.size : rows.length > 0 ? rows[rows.length - 1].y : header.y;
		let boundaries = gridBoundaries(layout, header.y, bottom);
		// A grid only counts when it separates the header words (else it is a frame, not columns).
		const separated = new Set(columns.map((c) => boundaries.filter((x) => x <= c.center).length));
		if (separated.size < columns.length) boundaries = [];
		return { header, columns, boundaries, rows, footer };
	}
	return null;
}

/** The column a stretch of text lies in: the grid cell holding its center, else the nearest header. */
export function columnAt(table: ItemTable, x0: number, x1: number): Column {
	const center = (x0 + x1) / 2;
	if (table.boundaries.length > 0) {
		const cell = table.boundaries.filter((x) => x <= center).length;
		const inCell = table.columns.filter((c) => table.boundaries.filter((x) => x <= c.center).length === cell);
		if (inCell.length === 1) return inCell[0].column;
	}
	let best = table.columns[0];
	for (const column of table.columns) {
		if (Math.abs(column.center - center) < Math.abs(best.center - center)) best = column;
	}
	return best.column;
}

/** A table line's text per column (cells of one column joined). */
export function lineColumns(table: ItemTable, line: Line): Map<Column, string> {
	const values = new Map<Column, string>();
	for (const cell of cellsOf(line, CELL_GAP_EM, table.boundaries)) {
		const column = columnAt(table, cell.x0, cell.x1);
		// Item names as printed (full-width forms kept); numbers and units normalized.
		const value = spanText(cell, column === 'name');
		const before = values.get(column);
		values.set(column, before === undefined ? value : `${before} ${value}`);
	}
	return values;
}

const TEXT_COLUMNS: readonly Column[] = ['name', 'specification', 'unit', 'plate', 'vehicleType', 'site', 'project', 'propertyCertificate'];
/** A subtotal row (小计, 本页小计): sums of the lines above. */
const SUBTOTAL_ROW = /^(本页)?小计/;
/** `*餐饮服务*餐饮费`: the tax classification every item name since 2018 starts with. */
const CLASSIFIED_NAME = /^[*＊][^*＊]+[*＊]/;

export interface ReadItems {
	items: InvoiceLineItem[];
	/** Per item, the columns the contract has no key for (toll plate, vehicle type, dates). */
	extra: Array<Partial<Record<Column, string>>>;
}

/** The table's items: rows grouped into items, values parsed per column. */
export function readItems(table: ItemTable): ReadItems {
	const rows: Array<Map<Column, string>> = [];
	for (const line of table.rows) {
		// A 小计 (subtotal) row above 合计 sums the items; it is none itself.
		if (SUBTOTAL_ROW.test(line.compact)) continue;
		const values = lineColumns(table, line);
		if (values.size === 0) continue;
		const previous = rows[rows.length - 1];
		const hasAmount = values.has('amount');
		const name = values.get('name');
		const startsItem =
			!previous ||
			(hasAmount && previous.has('amount')) ||
			(!hasAmount && name !== undefined && CLASSIFIED_NAME.test(name) && previous.has('amount'));
		if (startsItem) {
			rows.push(values);
			continue;
		}
		// A continuation: wrapped text joins without a space (Chinese wraps anywhere); numbers fill gaps.
		for (const [column, value] of values) {
			const before = previous.get(column);
			if (before === undefined) previous.set(column, value);
			else if (TEXT_COLUMNS.includes(column)) previous.set(column, before + value);
		}
	}
	const items: InvoiceLineItem[] = [];
	const extra: ReadItems['extra'] = [];
	for (const row of rows) {
		const item = blankItem();
		item.name = printedText(row.get('name'));
		item.specification = text(row.get('specification'));
		item.unit = text(row.get('unit'));
		item.quantity = decimal(row.get('quantity'));
		item.unitPrice = decimal(row.get('unitPrice'));
		item.amount = money(row.get('amount'));
		item.taxRate = taxRate(row.get('taxRate'));
		item.tax = money(row.get('tax'));
		if (Object.values(item).every((value) => value === null)) continue;
		items.push(item);
		const others: Partial<Record<Column, string>> = {};
		for (const column of ['plate', 'vehicleType', 'dateFrom', 'dateTo', 'site', 'project', 'propertyCertificate'] as const) {
			const value = text(row.get(column));
			if (value !== null) others[column] = value;
		}
		extra.push(others);
	}
	return { items, extra };
}
