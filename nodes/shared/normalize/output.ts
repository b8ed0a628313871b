import { runOfflineChecks } from '../checks';
import type {
	InvoiceSource,
	NormalizedInvoice,
	RecognizedInvoice,
	VendorId,
} from '../types';
import { INVOICE_TYPE_NAMES } from '../types';

/** A stable key for de-duplication across runs: code+number, or the 20-digit 数电 number alone. */
export function dedupeKey(invoice: Pick<RecognizedInvoice, 'invoiceCode' | 'invoiceNumber'>): string | null {
	if (!invoice.invoiceNumber) return null;
	return invoice.invoiceCode ? `${invoice.invoiceCode}-${invoice.invoiceNumber}` : invoice.invoiceNumber;
}

export interface OutputOptions {
	vendor: VendorId;
	source: InvoiceSource | null;
	/** Off: add every vendor field (`fields`) and the vendor's answer (`raw`). */
	simplify: boolean;
	raw?: unknown;
	today?: Date;
}

/** The contract's item shape, keys in contract order so the table view reads naturally. */
export function toOutputInvoice(invoice: RecognizedInvoice, options: OutputOptions): NormalizedInvoice {
	const { fields, ...recognized } = invoice;
	const output: NormalizedInvoice = {
		vendor: options.vendor,
		invoiceType: recognized.invoiceType,
		invoiceTypeName: INVOICE_TYPE_NAMES[recognized.invoiceType],
		title: recognized.title,
		invoiceCode: recognized.invoiceCode,
		invoiceNumber: recognized.invoiceNumber,
		issueDate: recognized.issueDate,
		checkCode: recognized.checkCode,
		machineCode: recognized.machineCode,
		buyer: recognized.buyer,
		seller: recognized.seller,
		amount: recognized.amount,
		tax: recognized.tax,
		total: recognized.total,
		totalInWords: recognized.totalInWords,
		items: recognized.items,
		payee: recognized.payee,
		reviewer: recognized.reviewer,
		drawer: recognized.drawer,
		remarks: recognized.remarks,
		transport: recognized.transport,
		category: recognized.category,
		location: recognized.location,
		source: options.source,
		checks: { passed: true, issues: [] },
		dedupeKey: dedupeKey(recognized),
	};
	// Keys an adapter added beyond the contract (e.g. WeBank's `vehicle`) are kept.
	for (const [key, value] of Object.entries(recognized)) {
		if (!(key in output)) (output as unknown as Record<string, unknown>)[key] = value;
	}
	output.checks = runOfflineChecks(output, { today: options.today });
	if (!options.simplify) {
		output.fields = fields;
		output.raw = options.raw;
	}
	return output;
}
