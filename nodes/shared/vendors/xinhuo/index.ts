/**
 * Xinhuo (薪火科技) multi-bill OCR: one image in, one recognized bill per `object_list` entry.
 * Vendor doc: xinhuo-multi-invoice-ocr.md. The credential adds the token to the JSON body.
 */
import type { ErrorCode, InvoiceLocation, RecognizedInvoice } from '../../types';
import { invoiceError, mapVendorError } from '../../errors';
import {
	asRecord,
	itemsFromRows,
	readTypeRow,
	recordList,
	type ItemFieldTable,
} from '../../normalize/invoice';
import { fieldValue, integer, text } from '../../normalize/parse';
import { uploadedBase64 } from '../request';
import { statusFallback } from '../response';
import type {
	HttpOcrAdapter,
	OcrOutcome,
	OcrRequestInput,
	VendorHttpRequest,
	VendorHttpResponse,
} from '../types';
import { XINHUO_ERRORS, XINHUO_SUCCESS_CODE } from './errors';
import {
	XINHUO_KINDS,
	XINHUO_OTHER,
	XINHUO_PRODUCT_CELLS,
	XINHUO_TYPES,
	type XinhuoRecord,
	type XinhuoTypeRow,
} from './fields';

/** Xinhuo's request `type`: undocumented, the doc's sample sends "9" (research notes §4). */
export const XINHUO_DEFAULT_REQUEST_TYPE = '9';

interface ItemEntry {
	key: string;
	value: unknown;
}

function isOwnKey(table: object, key: string): boolean {
	return Object.prototype.hasOwnProperty.call(table, key);
}

function typeRow(type: string | null): XinhuoTypeRow {
	return type !== null && isOwnKey(XINHUO_TYPES, type) ? XINHUO_TYPES[type] : XINHUO_OTHER;
}

/** `{key, value}` cells in vendor order; anything without a string key is skipped. */
function cellEntries(cells: unknown): ItemEntry[] {
	if (!Array.isArray(cells)) return [];
	const entries: ItemEntry[] = [];
	for (const cell of cells) {
		const record = asRecord(cell);
		const key = record ? text(record.key) : null;
		if (record && key !== null && key !== '__proto__') entries.push({ key, value: record.value });
	}
	return entries;
}

/** Key → first value (a repeated key is a per-row list; scalar mapping reads its first row). */
function firstValues(entries: ItemEntry[]): XinhuoRecord {
	const record: Record<string, unknown> = {};
	for (const { key, value } of entries) if (!isOwnKey(record, key)) record[key] = value;
	return record;
}

/** `product_list` rows: each a list of `{key, value}` cells, `{item_list: [...]}`, or a plain object. */
function productRows(productList: unknown): XinhuoRecord[] {
	if (!Array.isArray(productList)) return [];
	return productList.map((row) => {
		if (Array.isArray(row)) return firstValues(cellEntries(row));
		const record = asRecord(row);
		if (record === null) return {};
		return Array.isArray(record.item_list) ? firstValues(cellEntries(record.item_list)) : record;
	});
}

function lines(value: unknown): string[] {
	if (typeof value === 'number') return [String(value)];
	if (typeof value !== 'string') return [];
	return value
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
}

/**
 * Rows from per-row list keys (`vat_invoice_goods_list`, ...): each occurrence of a key, or
 * each line of a multi-line value, is one printed row.
 */
function listRows(entries: ItemEntry[], columns: ItemFieldTable): XinhuoRecord[] {
	const values = new Map<string, string[]>();
	for (const vendorKey of Object.keys(columns)) {
		const found = entries.filter((entry) => entry.key === vendorKey).flatMap((e) => lines(e.value));
		if (found.length > 0) values.set(vendorKey, found);
	}
	const otherLengths = [...values]
		.filter(([vendorKey]) => columns[vendorKey].path !== 'name')
		.map(([, column]) => column.length);
	// One printed row with a long name wraps over several lines: join them back.
	if (otherLengths.length > 0 && Math.max(...otherLengths) === 1) {
		for (const [vendorKey, column] of values) {
			if (columns[vendorKey].path === 'name') values.set(vendorKey, [column.join('')]);
		}
	}
	const rowCount = Math.max(0, ...[...values.values()].map((column) => column.length));
	const rows: XinhuoRecord[] = [];
	for (let index = 0; index < rowCount; index++) {
		const row: Record<string, unknown> = {};
		for (const [vendorKey, column] of values) {
			if (index < column.length) row[vendorKey] = column[index];
		}
		rows.push(row);
	}
	return rows;
}

function readItems(object: Record<string, unknown>, entries: ItemEntry[], row: XinhuoTypeRow) {
	const fromProducts = itemsFromRows(XINHUO_PRODUCT_CELLS, productRows(object.product_list));
	if (fromProducts.length > 0 || !row.listColumns) return fromProducts;
	return itemsFromRows(row.listColumns, listRows(entries, row.listColumns));
}

function readLocation(object: Record<string, unknown>): InvoiceLocation | null {
	const position = object.position;
	const polygon =
		Array.isArray(position) &&
		position.length === 8 &&
		position.every((n) => typeof n === 'number' && Number.isFinite(n))
			? (position as number[])
			: null;
	const angle = integer(object.image_angle);
	if (polygon === null && angle === null) return null;
	// Xinhuo reads single images, so there is no page to name.
	return { page: null, angle, polygon };
}

function readCategory(kind: unknown): string | null {
	const value = text(kind);
	if (value === null) return null;
	// Keep the contract's closed list so a Switch on `category` sees every case; the raw
	// value stays in `fields.kind`.
	return XINHUO_KINDS.has(value) ? value : 'other';
}

/** Every value Xinhuo sent for this bill; a key the vendor repeats becomes an array of its values. */
function collectFields(
	object: Record<string, unknown>,
	entries: ItemEntry[],
): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	const repeated = new Set<string>();
	const add = (key: string, value: unknown) => {
		if (!isOwnKey(fields, key)) {
			fields[key] = value;
		} else if (repeated.has(key)) {
			(fields[key] as unknown[]).push(value);
		} else {
			fields[key] = [fields[key], value];
			repeated.add(key);
		}
	};
	for (const { key, value } of entries) add(key, fieldValue(value));
	for (const [key, value] of Object.entries(object)) {
		if (key === 'item_list' || key === '__proto__') continue;
		// A train ticket's item key `class` (座位类别) meets the bill's own `class` (大类):
		// the printed field keeps the plain key, the bill's value moves aside.
		add(isOwnKey(fields, key) ? `object_${key}` : key, fieldValue(value));
	}
	return fields;
}

/** One `object_list` entry → one recognized invoice. */
export function readXinhuoObject(object: Record<string, unknown>): RecognizedInvoice {
	const row = typeRow(text(object.type));
	const entries = cellEntries(object.item_list);
	const invoice = readTypeRow(row, firstValues(entries));
	invoice.items = readItems(object, entries, row);
	invoice.category = readCategory(object.kind);
	invoice.location = readLocation(object);
	invoice.fields = collectFields(object, entries);
	return invoice;
}

function buildRequest(input: OcrRequestInput): VendorHttpRequest {
	const base64 = uploadedBase64(
		input,
		'xinhuo',
		'Xinhuo needs the file itself (binary or base64); it cannot fetch a URL.',
	);
	return {
		method: 'POST',
		url: '/ocr',
		body: { image: base64, type: input.xinhuoType ?? XINHUO_DEFAULT_REQUEST_TYPE },
	};
}

/**
 * Xinhuo answers errors with HTTP 200, so the body decides; only without a documented code
 * does the status speak (a gateway's 429 or 5xx).
 */
function httpFallback(statusCode: number): ErrorCode {
	if (statusCode === 429) return 'RATE_LIMITED';
	return statusFallback(statusCode);
}

function parseResponse(response: VendorHttpResponse): OcrOutcome {
	const body = asRecord(response.body);
	const fallback = httpFallback(response.statusCode);
	const vendorCode = body ? text(body.code) : null;
	const vendorMessage = body ? text(body.message) : null;
	if (vendorCode === null && response.statusCode === 429) {
		return { ok: false, error: invoiceError('RATE_LIMITED', { vendor: 'xinhuo', vendorMessage }) };
	}
	if (vendorCode === null) {
		return {
			ok: false,
			error: invoiceError(fallback, {
				vendor: 'xinhuo',
				message: `Xinhuo answered without a status code (HTTP ${response.statusCode}). Check the base URL in the credential, then retry.`,
				vendorMessage,
			}),
		};
	}
	if (vendorCode !== XINHUO_SUCCESS_CODE) {
		return {
			ok: false,
			error: mapVendorError(XINHUO_ERRORS, 'xinhuo', vendorCode, vendorMessage, null, fallback),
		};
	}
	const bills = recordList(asRecord(body?.result)?.object_list);
	if (bills.length === 0) {
		return {
			ok: false,
			error: invoiceError('NO_INVOICE_FOUND', {
				vendor: 'xinhuo',
				vendorCode,
				vendorMessage,
				message:
					'Xinhuo found no bill in the image. Check that the file shows an invoice or ticket.',
			}),
		};
	}
	return { ok: true, invoices: bills.map(readXinhuoObject), requestId: null, raw: response.body };
}

export const xinhuoAdapter: HttpOcrAdapter = {
	kind: 'http',
	vendor: 'xinhuo',
	displayName: 'Xinhuo',
	credentialType: 'xinhuoApi',
	limits: {
		// The doc names jpg, tif, png and bmp and no size limit (so none is enforced here).
		formats: ['jpeg', 'tiff', 'png', 'bmp'],
		maxBytes: undefined,
		sizeBasis: 'file',
		acceptsUrl: false,
	},
	// No rate is documented; 40018 shows a QPS cap exists, so stay modest.
	pacing: { concurrency: 2, requestsPerSecond: 2 },
	buildRequest,
	parseResponse,
};
