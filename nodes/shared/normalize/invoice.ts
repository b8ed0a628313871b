/**
 * Building blocks every adapter shares: a blank contract invoice and mapping tables
 * (vendor key → contract path + parser) applied to a vendor's flat records.
 */
import type { InvoiceLineItem, InvoiceType, Party, RecognizedInvoice } from '../types';
import { emptyParty, fieldValue } from './parse';

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

/** Applies `table` to one flat vendor record; values already set are kept (first wins). */
export function applyFieldTable(
	invoice: RecognizedInvoice,
	table: FieldTable,
	record: Readonly<Record<string, unknown>>,
): RecognizedInvoice {
	for (const [vendorKey, rule] of Object.entries(table)) {
		if (!(vendorKey in record)) continue;
		const value = rule.parse(record[vendorKey]);
		if (value !== null && readPath(invoice, rule.path) === null) {
			writePath(invoice, rule.path, value);
		}
	}
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

/** Every vendor key with the vendor's own value, for `fields`: nothing recognised is dropped. */
export function vendorFields(record: Readonly<Record<string, unknown>>): Record<string, unknown> {
	const fields: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(record)) fields[key] = fieldValue(value);
	return fields;
}

/** A plain JSON object, or null for arrays, primitives and null. */
export function asRecord(value: unknown): Record<string, unknown> | null {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: null;
}
