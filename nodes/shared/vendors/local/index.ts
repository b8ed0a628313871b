import { invoiceError } from '../../errors';
import type { InflateBudget } from '../../formats/zip';
import type { FileFormat, LocalFile, LocalOcrAdapter, OcrOutcome } from '../types';
import { readZipBundle } from './bundle';
import { readOfdInvoices } from './ofd';
import { readPdfInvoices } from './pdf';
import { readXmlInvoices } from './xmlInvoice';

/** A PDF reader knows no ZIP member: the bundle sets it on what it read. */
function withEntry(outcome: OcrOutcome, entry: string): OcrOutcome {
	if (!outcome.ok) return outcome;
	for (const invoice of outcome.invoices) {
		invoice.origin = { ...(invoice.origin ?? { format: 'pdf', raw: null }), entry };
	}
	return outcome;
}

/** A bundle member: invoice formats are read, anything else (images, nested ZIPs) is passed over. */
function readMember(bytes: Uint8Array, format: FileFormat, entry: string, budget: InflateBudget): OcrOutcome | null {
	if (format === 'xml') return readXmlInvoices(bytes, entry);
	if (format === 'ofd') return readOfdInvoices(bytes, entry, budget);
	if (format === 'pdf') return withEntry(readPdfInvoices(bytes), entry);
	return null;
}

/**
 * Vendor `local`: e-invoice files (数电 XML, OFD, PDF with a text layer, ZIP bundles of these) read
 * inside the node: exact, free, private. Images are refused in pre-flight (UNSUPPORTED_FILE), so a
 * fallback chain or local-first passes them on to an OCR vendor. Each reader is a pure function
 * from bytes to an outcome: xmlInvoice.ts, ofd.ts, bundle.ts (and pdf/).
 */
function read(file: LocalFile): OcrOutcome {
	switch (file.format) {
		case 'xml':
			return readXmlInvoices(file.bytes, null);
		case 'ofd':
			return readOfdInvoices(file.bytes, null);
		case 'zip':
			return readZipBundle(file.bytes, readMember);
		case 'pdf':
			return readPdfInvoices(file.bytes);
		default:
			return {
				ok: false,
				error: invoiceError('UNSUPPORTED_FILE', {
					vendor: 'local',
					message: 'This file is not an e-invoice file the node reads itself.',
				}),
			};
	}
}

export const localAdapter: LocalOcrAdapter = {
	kind: 'local',
	vendor: 'local',
	displayName: 'E-Invoice Files (Local)',
	credentialType: null,
	limits: {
		formats: ['xml', 'ofd', 'zip', 'pdf'],
		// Tax-platform files are tens of KB; a bundle of a month's invoices stays well under this.
		maxBytes: 50 * 1024 * 1024,
		sizeBasis: 'file',
		acceptsUrl: false,
	},
	// Local reading costs no request: the gate does not apply; parallelism is the node's.
	pacing: { concurrency: 4, requestsPerSecond: 0 },
	read,
};
