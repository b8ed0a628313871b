/**
 * Building blocks every adapter shares: a blank contract invoice, mapping tables
 * (vendor key → contract path + parser) applied to a vendor's flat records, per-type rows for
 * vendors that name many invoice types, values built for contract keys (joined party lines,
 * 大写 totals) and readers for the JSON shapes vendors answer with.
 */
import type { InvoiceLineItem, InvoiceType, Party, RecognizedInvoice } from '../types';
import { date, emptyParty, fieldValue, identifier, money, normalizedText, text } from './parse';
import { applyVehicleTable, type InvoiceWithVehicle, type VehicleTable } from './vehicle';

/** A recognized invoice with every contract key present and nothing read yet. */
export function blankInvoice(invoiceType: InvoiceType): RecognizedInvoice {
	return {
		invoiceType,
		title: null,
		invoiceCode: null,
		invoiceNumber: null,
		issueDate: null,
		checkCode: null,
		machineCode: null,
		buyer: emptyParty(),
		seller: emptyParty(),
		amount: null,
		tax: null,
		total: null,
		totalInWords: null,
		items: [],
		payee: null,
		reviewer: null,
		drawer: null,
		remarks: null,
		transport: null,
		category: null,
		location: null,
		fields: {},
	};
}

export function blankItem(): InvoiceLineItem {
	return {
		name: null,
		specification: null,
		unit: null,
		quantity: null,
		unitPrice: null,
		amount: null,
		taxRate: null,
		tax: null,
	};
}

/** A parser from normalize/parse.ts: vendor value in, contract value (or null) out. */
export type ValueParser = (value: unknown) => string | number | null;

type ScalarKey = Exclude<
	keyof RecognizedInvoice,
	'invoiceType' | 'buyer' | 'seller' | 'items' | 'transport' | 'location' | 'fields'
>;

/** Where a vendor value lands: a top-level key, a party key, or a transport key. */
export type InvoicePath =
	| ScalarKey
	| `buyer.${keyof Party}`
	| `seller.${keyof Party}`
	| `transport.${string}`;

export interface FieldRule {
	path: InvoicePath;
	parse: ValueParser;
}

type CommonRuleName = 'code' | 'number' | 'issueDate' | 'total';

/** The rules every vendor's tables share: invoice code and number, issue date, total. */
export const COMMON_RULES: Readonly<Record<CommonRuleName, FieldRule>> = {
	code: { path: 'invoiceCode', parse: identifier },
	number: { path: 'invoiceNumber', parse: identifier },
	issueDate: { path: 'issueDate', parse: date },
	total: { path: 'total', parse: money },
};

/**
 * Vendor key → contract path. Row order is priority: when two vendor keys feed one path
 * (a printed value and a fallback), the first non-null value wins.
 */
export type FieldTable = Readonly<Record<string, FieldRule>>;

export interface ItemRule {
	path: keyof InvoiceLineItem;
	parse: ValueParser;
}

export type ItemFieldTable = Readonly<Record<string, ItemRule>>;

function readPath(invoice: RecognizedInvoice, path: InvoicePath): unknown {
	const [head, key] = path.split('.');
	if (head === 'buyer' || head === 'seller') return invoice[head][key as keyof Party];
	if (head === 'transport') return invoice.transport?.[key] ?? null;
	return invoice[head as ScalarKey];
}

function writePath(invoice: RecognizedInvoice, path: InvoicePath, value: string | number): void {
	const [head, key] = path.split('.');
	if (head === 'buyer' || head === 'seller') {
		invoice[head][key as keyof Party] = String(value);
	} else if (head === 'transport') {
		invoice.transport = { ...(invoice.transport ?? {}), [key]: value };
	} else {
		(invoice as unknown as Record<string, unknown>)[head] = value;
	}
}

/**
 * A recognized invoice with the values the vendor printed but its parser could not read, by
 * contract path (`{ checkCode: "0251269669124O914194" }`): the contract key stays null (a check
 * code is digits or null), and the offline checks still see what was printed and flag it.
 * Present only when something was unreadable.
 */
export type InvoiceWithUnreadable = RecognizedInvoice & { unreadable?: Record<string, string> };

/** Drops unreadable entries whose path got a value after all (from a fallback key or `finish`). */
function pruneUnreadable(invoice: InvoiceWithUnreadable): void {
	const { unreadable } = invoice;
	if (unreadable === undefined) return;
	for (const path of Object.keys(unreadable)) {
		if (readPath(invoice, path as InvoicePath) !== null) delete unreadable[path];
	}
	if (Object.keys(unreadable).length === 0) delete invoice.unreadable;
}

/** Applies `table` to one flat vendor record; values already set are kept (first wins). */
export function applyFieldTable(
	invoice: RecognizedInvoice,
	table: FieldTable,
	record: Readonly<Record<string, unknown>>,
): RecognizedInvoice {
	const target = invoice as InvoiceWithUnreadable;
	for (const [vendorKey, rule] of Object.entries(table)) {
		if (!(vendorKey in record)) continue;
		const value = rule.parse(record[vendorKey]);
		if (value !== null && readPath(invoice, rule.path) === null) {
			writePath(invoice, rule.path, value);
			continue;
		}
		const printed = value === null ? text(record[vendorKey]) : null;
		if (printed !== null && target.unreadable?.[rule.path] === undefined) {
			target.unreadable = { ...(target.unreadable ?? {}), [rule.path]: printed };
		}
	}
	pruneUnreadable(target);
	return invoice;
}

/** Line items from per-row records (one record per printed row); rows with nothing read are skipped. */
export function itemsFromRows(
	table: ItemFieldTable,
	rows: ReadonlyArray<Readonly<Record<string, unknown>>>,
): InvoiceLineItem[] {
	const items: InvoiceLineItem[] = [];
	for (const row of rows) {
		const item = blankItem();
		for (const [vendorKey, rule] of Object.entries(table)) {
			if (!(vendorKey in row) || item[rule.path] !== null) continue;
			const value = rule.parse(row[vendorKey]);
			if (value !== null) (item as unknown as Record<string, unknown>)[rule.path] = value;
		}
		if (Object.values(item).some((value) => value !== null)) items.push(item);
	}
	return items;
}

/** Every vendor key with the vendor's own value, for `fields`: nothing recognized is dropped. */
export function vendorFields(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) fields[key] = fieldValue(value);
	return fields;
}

/** How to read one vendor-named invoice type from a flat vendor record. */
export interface InvoiceTypeRow {
	invoiceType: InvoiceType;
	/** Vendor key → contract path; row order is priority (first non-null wins). */
	fields: FieldTable;
	/** Keys whose value also lands on a second path (a ticket number that is also the invoice number). */
	copies?: FieldTable;
	vehicle?: VehicleTable;
	/** Values built from two keys (address + phone, date + time) or from nested lists. */
	finish?: (invoice: InvoiceWithVehicle, record: Readonly<Record<string, unknown>>) => void;
}

/** A blank invoice of the row's type with the row's tables applied, in that order, then `finish`. */
export function readTypeRow(
	row: InvoiceTypeRow,
	record: Readonly<Record<string, unknown>>,
): InvoiceWithVehicle {
	const invoice: InvoiceWithVehicle = blankInvoice(row.invoiceType);
	applyFieldTable(invoice, row.fields, record);
	if (row.copies) applyFieldTable(invoice, row.copies, record);
	if (row.vehicle) applyVehicleTable(invoice, row.vehicle, record);
	row.finish?.(invoice, record);
	pruneUnreadable(invoice);
	return invoice;
}

/** Joins printed parts (address and phone, bank and account) with a space; null when all are empty. */
export function joinText(...parts: unknown[]): string | null {
	const present = parts.map(text).filter((part): part is string => part !== null);
	return present.length > 0 ? present.join(' ') : null;
}

/** The 大写 amount as printed, only when it is written in Chinese numerals (not digits). */
export function amountInWords(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	// Digits in any width (`１００元`) mean the figure, not the capitals.
	const plain = normalizedText(raw) ?? '';
	return /[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整]/.test(plain) && !/\d/.test(plain) ? raw : null;
}

/** Whether a value is a plain JSON object (not an array, primitive or null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A plain JSON object, or null for arrays, primitives and null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
	return isRecord(value) ? value : null;
}

/** The plain objects of an array value, in order; other entries are skipped, a non-array gives []. */
export function recordList(value: unknown): Array<Record<string, unknown>> {
	return Array.isArray(value) ? value.filter(isRecord) : [];
}
