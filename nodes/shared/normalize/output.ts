import { createHash } from 'node:crypto';

import { runOfflineChecks } from '../checks';
import { normalizedText } from './parse';
import type {
	InvoiceSource,
	NormalizedInvoice,
	RecognizedInvoice,
	VendorId,
} from '../types';
import { INVOICE_TYPE_NAMES } from '../types';

/** What the de-duplication key is made of. */
export type DedupeFields = Pick<
	RecognizedInvoice,
	'invoiceType' | 'invoiceCode' | 'invoiceNumber' | 'issueDate' | 'total' | 'buyer' | 'seller' | 'transport'
>;

/** The transport values that tell two tickets of one route apart, in hashing order. */
const TRANSPORT_KEYS = [
	'passengerName',
	'passengerId',
	'departureStation',
	'arrivalStation',
	'departureTime',
	'trainNumber',
	'flightNumber',
	'seat',
] as const;

/** One value as hashed: NFKC, no whitespace, capitals (tax IDs, train numbers); numbers in fen. */
function canonical(value: unknown): string {
	if (typeof value === 'number') return Number.isFinite(value) ? value.toFixed(2) : '';
	return (normalizedText(value) ?? '').replace(/\s/g, '').toUpperCase();
}

/**
 * A stable key for de-duplication across runs, never null: `code-number`; else the 20-digit 数电
 * number, unique nationwide; else `h:` and a hash of what the invoice says (type, date, total,
 * parties, transport, and the code or number read). A number without a code is not unique (roll
 * invoices whose code was not read, a ticket's serial, parking and shop receipts), so it only
 * goes into the hash. Values are normalized so that two vendors reading the same values agree.
 */
export function dedupeKey(invoice: DedupeFields): string {
	const code = canonical(invoice.invoiceCode);
	const number = canonical(invoice.invoiceNumber);
	if (code !== '' && number !== '') return `${code}-${number}`;
	if (/^\d{20}$/.test(number)) return number;
	const transport = invoice.transport ?? {};
	const content: Array<[string, string]> = [
		['type', invoice.invoiceType],
		['code', code],
		['number', number],
		['date', canonical(invoice.issueDate)],
		['total', canonical(invoice.total)],
		['buyer', canonical(invoice.buyer?.name)],
		['buyerTaxId', canonical(invoice.buyer?.taxId)],
		['seller', canonical(invoice.seller?.name)],
		['sellerTaxId', canonical(invoice.seller?.taxId)],
		...TRANSPORT_KEYS.map((key): [string, string] => [key, canonical(transport[key])]),
	];
	const digest = createHash('sha256').update(JSON.stringify(content)).digest('hex');
	return `h:${digest.slice(0, 32)}`;
}

export interface OutputOptions {
	vendor: VendorId;
	source: InvoiceSource | null;
	/** Off: add every vendor field (`fields`) and the vendor's answer (`raw`). */
	simplify: boolean;
	raw?: unknown;
	today?: Date;
}

/**
 * The contract's item shape. Key order is what n8n's Table view shows left to right: first what a
 * finance user scans (type, number, date, seller, total, whether the checks passed), then the rest.
 */
export function toOutputInvoice(invoice: RecognizedInvoice, options: OutputOptions): NormalizedInvoice {
	const { fields, origin, redLetter, qr, signature, ...recognized } = invoice;
	const source: InvoiceSource | null = options.source
		? { ...options.source, entry: origin?.entry ?? options.source.entry ?? null }
		: null;
	const output: NormalizedInvoice = {
		invoiceType: recognized.invoiceType,
		invoiceTypeName: INVOICE_TYPE_NAMES[recognized.invoiceType],
		invoiceNumber: recognized.invoiceNumber,
		issueDate: recognized.issueDate,
		seller: recognized.seller,
		total: recognized.total,
		checks: { passed: true, issues: [] },
		vendor: options.vendor,
		readFrom: origin?.format ?? 'ocr',
		redLetter: redLetter ?? (recognized.total !== null && recognized.total < 0),
		title: recognized.title,
		invoiceCode: recognized.invoiceCode,
		checkCode: recognized.checkCode,
		machineCode: recognized.machineCode,
		buyer: recognized.buyer,
		amount: recognized.amount,
		tax: recognized.tax,
		totalInWords: recognized.totalInWords,
		items: recognized.items,
		payee: recognized.payee,
		reviewer: recognized.reviewer,
		drawer: recognized.drawer,
		remarks: recognized.remarks,
		transport: recognized.transport,
		category: recognized.category,
		location: recognized.location,
		qr: qr ?? null,
		signature: signature ?? null,
		source,
		dedupeKey: dedupeKey(recognized),
	};
	// Keys an adapter added beyond the contract (e.g. WeBank's `vehicle`) are kept.
	for (const [key, value] of Object.entries(recognized)) {
		if (!(key in output)) (output as unknown as Record<string, unknown>)[key] = value;
	}
	output.checks = runOfflineChecks(output, { today: options.today });
	if (!options.simplify) {
		output.fields = fields;
		// A local reader keeps the document text per invoice (a bundle holds several documents).
		output.raw = origin ? origin.raw : options.raw;
	}
	return output;
}
