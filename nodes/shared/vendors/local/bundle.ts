/**
 * ZIP bundles (the tax platform's batch download, or a mailbox's zipped attachments): every member
 * that is an invoice file, told by its content and not its name, becomes invoices carrying the
 * member path; other members are passed over. One level only: a ZIP inside the bundle is not opened.
 */
import { openZip, ZIP_LIMITS, type InflateBudget } from '../../formats/zip';
import { sniffFormat } from '../../input/fileFormat';
import type { RecognizedInvoice } from '../../types';
import type { FileFormat, OcrOutcome } from '../types';
import { failureFromError, noInvoiceFound } from './failures';

/** Reads one member of a known format; the budget bounds what a nested OFD may inflate. */
export type MemberReader = (
	bytes: Uint8Array,
	format: FileFormat,
	entry: string,
	budget: InflateBudget,
) => OcrOutcome | null;

export function readZipBundle(bytes: Uint8Array, readMember: MemberReader): OcrOutcome {
	const budget: InflateBudget = { remainingBytes: ZIP_LIMITS.maxTotalBytes };
	const invoices: RecognizedInvoice[] = [];
	const unreadable: string[] = [];
	let members = 0;
	try {
		const zip = openZip(bytes, ZIP_LIMITS, budget);
		for (const entry of zip.entries) {
			if (entry.isDirectory) continue;
			members++;
			const content = zip.read(entry);
			const format = sniffFormat(content);
			if (format === undefined) continue;
			const outcome = readMember(content, format, entry.name, budget);
			if (outcome === null) continue;
			if (outcome.ok) invoices.push(...outcome.invoices);
			else if (outcome.error.code === 'FILE_TOO_LARGE') return outcome;
			else unreadable.push(`"${entry.name}" (${outcome.error.message})`);
		}
	} catch (error) {
		return failureFromError(error, 'The ZIP file');
	}
	if (invoices.length > 0) return { ok: true, invoices, requestId: null, raw: null };
	const detail =
		unreadable.length > 0 ? ` Members that looked like invoice files but were not read: ${unreadable.slice(0, 3).join('; ')}` : '';
	return noInvoiceFound(`The ZIP file holds ${members} files and none of them is an invoice this node reads.${detail}`);
}
