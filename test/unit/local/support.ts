import { openZip } from '../../../nodes/shared/formats/zip';
import { sniffFormat } from '../../../nodes/shared/input/fileFormat';
import type { RecognizedInvoice } from '../../../nodes/shared/types';
import { localAdapter } from '../../../nodes/shared/vendors/local';
import type { OcrOutcome } from '../../../nodes/shared/vendors/types';
import { zipBytes } from '../../support/zipWriter';

/** Reads bytes as the node would: format sniffed from the content, then the local adapter. */
export function readLocal(bytes: Uint8Array, fileName: string | null = null): OcrOutcome {
	const format = sniffFormat(bytes);
	if (format === undefined) throw new Error('The test file is not a sniffable format');
	return localAdapter.read({ bytes, format, fileName });
}

/** The invoices of a read that must succeed. */
export function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`Expected invoices, got ${outcome.error.code}: ${outcome.error.message}`);
	return outcome.invoices;
}

/** The one invoice of a read that must give exactly one. */
export function onlyInvoice(outcome: OcrOutcome): RecognizedInvoice {
	const invoices = invoicesOf(outcome);
	expect(invoices).toHaveLength(1);
	return invoices[0];
}

/** The error of a read that must fail. */
export function errorOf(outcome: OcrOutcome) {
	if (outcome.ok) throw new Error(`Expected a failure, got ${outcome.invoices.length} invoices`);
	return outcome.error;
}

export const CONTRACT_KEYS = [
	'invoiceType', 'title', 'invoiceCode', 'invoiceNumber', 'issueDate', 'checkCode', 'machineCode',
	'buyer', 'seller', 'amount', 'tax', 'total', 'totalInWords', 'items', 'payee', 'reviewer', 'drawer',
	'remarks', 'transport', 'category', 'location', 'fields',
];

/** An OFD (or any ZIP) re-written with some members' text changed. */
export function rezip(archive: Uint8Array, change: (name: string, text: string) => string): Buffer {
	const zip = openZip(archive);
	return zipBytes(
		zip.entries
			.filter((entry) => !entry.isDirectory)
			.map((entry) => {
				const bytes = Buffer.from(zip.read(entry));
				const changed = entry.name.endsWith('.xml') ? change(entry.name, bytes.toString('utf8')) : null;
				// Stored, so that changes to the bytes of the archive reach the XML as such.
				return { name: entry.name, data: changed ?? bytes, method: 'store' as const };
			}),
	);
}

/** The item tags of a Suwell-style tag file (each with its object references). */
export const ITEM_TAGS = /<ofd:(Item|Specification|MeasurementDimension|Quantity|Price|Amount|TaxScheme|TaxAmount)>.*?<\/ofd:\1>/gs;
