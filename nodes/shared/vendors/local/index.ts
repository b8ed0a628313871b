import { invoiceError } from '../../errors';
import { checkFileSignature } from '../../formats/signature';
import { MAX_ZIP_TOTAL_BYTES, type InflateBudget } from '../../formats/zip';
import type { FileFormat, LocalFile, LocalOcrAdapter, OcrOutcome } from '../types';
import { readZipBundle } from './bundle';
import { readOfdInvoices } from './ofd';
import { readPdfInvoices } from './pdf';
import { isQrImageFormat, QR_IMAGE_FORMATS, readImageInvoice, withEmbeddedQr } from './qr';
import { readXmlInvoices } from './xmlInvoice';

/** A PDF reader knows no ZIP member: the bundle sets it on what it read. */
function withEntry(outcome: OcrOutcome, entry: string): OcrOutcome {
	if (!outcome.ok) return outcome;
	for (const invoice of outcome.invoices) {
		invoice.origin = { ...(invoice.origin ?? { format: 'pdf', raw: null }), entry };
	}
	return outcome;
}

/** Every invoice a signed-file format yields gets that file's signature check (the file, not the invoice, is signed). */
function withSignature(
	outcome: OcrOutcome,
	bytes: Uint8Array,
	format: FileFormat,
	check: boolean,
	inflateBudget?: InflateBudget,
): OcrOutcome {
	if (!check || !outcome.ok || (format !== 'xml' && format !== 'ofd' && format !== 'pdf')) return outcome;
	if (outcome.invoices.length === 0) return outcome;
	const signature = checkFileSignature(bytes, format, { inflateBudget });
	for (const invoice of outcome.invoices) invoice.signature = { ...signature };
	return outcome;
}

/** A bundle member: invoice formats are read, anything else (images, nested ZIPs) is passed over. */
function readMember(
	bytes: Uint8Array,
	format: FileFormat,
	entry: string,
	budget: InflateBudget,
	checkSignatures: boolean,
	signatureBudget: InflateBudget,
): OcrOutcome | null {
	const signed = (outcome: OcrOutcome) => withSignature(outcome, bytes, format, checkSignatures, signatureBudget);
	if (format === 'xml') return signed(readXmlInvoices(bytes, entry));
	if (format === 'ofd') return signed(withEmbeddedQr(readOfdInvoices(bytes, entry, budget), bytes, 'ofd'));
	if (format === 'pdf') return signed(withEntry(withEmbeddedQr(readPdfInvoices(bytes), bytes, 'pdf'), entry));
	return null;
}

/**
 * Vendor `local`: e-invoice files (数电 XML, OFD, PDF with a text layer, ZIP bundles of these) read
 * inside the node: exact, free, private. Images give the key fields of their invoice QR code (qr.ts);
 * an image without a readable one is UNSUPPORTED_FILE, so a fallback chain or local-first passes it on
 * to an OCR vendor. Each reader is a pure function from bytes to an outcome: xmlInvoice.ts, ofd.ts,
 * bundle.ts, qr.ts (and pdf/). PDFs and OFDs get their embedded QR code set beside the text's fields.
 */
function read(file: LocalFile): OcrOutcome {
	const check = file.checkSignatures !== false;
	switch (file.format) {
		case 'xml':
			return withSignature(readXmlInvoices(file.bytes, null), file.bytes, file.format, check);
		case 'ofd':
			return withSignature(withEmbeddedQr(readOfdInvoices(file.bytes, null), file.bytes, 'ofd'), file.bytes, file.format, check);
		case 'zip': {
			// The members' seal checks share one inflate budget of their own (see checkFileSignature).
			const signatureBudget: InflateBudget = { remainingBytes: MAX_ZIP_TOTAL_BYTES };
			return readZipBundle(file.bytes, (bytes, format, entry, budget) =>
				readMember(bytes, format, entry, budget, check, signatureBudget),
			);
		}
		case 'pdf':
			return withSignature(withEmbeddedQr(readPdfInvoices(file.bytes), file.bytes, 'pdf'), file.bytes, file.format, check);
		default:
			if (isQrImageFormat(file.format)) return readImageInvoice(file.bytes);
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
		formats: ['xml', 'ofd', 'zip', 'pdf', ...QR_IMAGE_FORMATS],
		// Tax-platform files are tens of KB; a bundle of a month's invoices stays well under this.
		maxBytes: 50 * 1024 * 1024,
		sizeBasis: 'file',
		acceptsUrl: false,
	},
	// Local reading costs no request: the gate does not apply; parallelism is the node's.
	pacing: { concurrency: 4, requestsPerSecond: 0 },
	read,
};
