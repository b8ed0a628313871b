import type { IDataObject } from 'n8n-workflow';

/**
 * Opt-in flat rows for spreadsheets and ERP imports, built from the nested output the contract
 * fixes (which stays the default): one level of keys, so every column is a plain value.
 *   `invoice`: one row per invoice; line items summarized (count, names, rates).
 *   `lines`: one row per line item, each with the invoice's columns (an invoice without lines: one row).
 */
export type FlatShape = 'invoice' | 'lines';

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const PARTY_KEYS = ['name', 'taxId', 'addressPhone', 'bankAccount'] as const;
const LINE_KEYS = ['name', 'specification', 'unit', 'quantity', 'unitPrice', 'amount', 'taxRate', 'tax'] as const;

/** `sellerName`, `lineUnitPrice`: a prefix and a key, camel-cased. */
const column = (prefix: string, key: string) => `${prefix}${key[0].toUpperCase()}${key.slice(1)}`;

const scalar = (value: unknown): string | number | boolean | null =>
	value === undefined || value === null
		? null
		: typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
			? value
			: JSON.stringify(value);

function invoiceColumns(invoice: Json): IDataObject {
	const checks = isRecord(invoice.checks) ? invoice.checks : {};
	const issues = Array.isArray(checks.issues) ? (checks.issues as Json[]) : [];
	const source = isRecord(invoice.source) ? invoice.source : {};
	const location = isRecord(invoice.location) ? invoice.location : {};
	const row: IDataObject = {
		invoiceType: scalar(invoice.invoiceType),
		invoiceTypeName: scalar(invoice.invoiceTypeName),
		invoiceNumber: scalar(invoice.invoiceNumber),
		issueDate: scalar(invoice.issueDate),
		sellerName: null,
		total: scalar(invoice.total),
		checksPassed: typeof checks.passed === 'boolean' ? checks.passed : null,
		checkIssues: issues.map((issue) => `${String(issue.rule)}: ${String(issue.message)}`).join('; '),
		vendor: scalar(invoice.vendor),
		redLetter: scalar(invoice.redLetter),
		title: scalar(invoice.title),
		invoiceCode: scalar(invoice.invoiceCode),
		checkCode: scalar(invoice.checkCode),
		machineCode: scalar(invoice.machineCode),
	};
	for (const side of ['seller', 'buyer'] as const) {
		const party = isRecord(invoice[side]) ? (invoice[side] as Json) : {};
		for (const key of PARTY_KEYS) row[column(side, key)] = scalar(party[key]);
	}
	Object.assign(row, {
		amount: scalar(invoice.amount),
		tax: scalar(invoice.tax),
		totalInWords: scalar(invoice.totalInWords),
		payee: scalar(invoice.payee),
		reviewer: scalar(invoice.reviewer),
		drawer: scalar(invoice.drawer),
		remarks: scalar(invoice.remarks),
		category: scalar(invoice.category),
	});
	if (isRecord(invoice.transport)) {
		for (const [key, value] of Object.entries(invoice.transport)) row[column('transport', key)] = scalar(value);
	}
	Object.assign(row, {
		page: scalar(location.page),
		fileName: scalar(source.fileName),
		binaryProperty: scalar(source.binaryProperty),
		entry: scalar(source.entry),
		dedupeKey: scalar(invoice.dedupeKey),
	});
	return row;
}

/** The rows for one normalized invoice (`json` of a recognized item). */
export function flattenInvoice(invoice: Json, shape: FlatShape): IDataObject[] {
	const base = invoiceColumns(invoice);
	const lines = Array.isArray(invoice.items) ? (invoice.items as unknown[]).filter(isRecord) : [];
	if (shape === 'invoice') {
		const rates = [...new Set(lines.map((line) => line.taxRate).filter((rate) => typeof rate === 'number'))];
		return [
			{
				...base,
				itemCount: lines.length,
				itemNames: lines.map((line) => String(line.name ?? '')).join('; '),
				taxRates: rates.map((rate) => `${Math.round((rate as number) * 1000) / 10}%`).join(', '),
			},
		];
	}
	const rows = lines.length > 0 ? lines : [{}];
	return rows.map((line, index) => {
		const row: IDataObject = { ...base, lineNumber: lines.length > 0 ? index + 1 : null };
		for (const key of LINE_KEYS) row[column('line', key)] = scalar(line[key]);
		return row;
	});
}
