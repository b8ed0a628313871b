import { invoiceError } from '../errors';
import { isBase64Text } from '../formats/bytes';
import type { InvoiceErrorInfo } from '../types';
import type { FileFormat, OcrAdapter } from '../vendors/types';
import { FORMAT_LABELS, imageSize, sniffFormat } from './fileFormat';

export interface CheckedFile {
	format: FileFormat;
}

function formatList(formats: readonly FileFormat[]): string {
	return formats.map((format) => FORMAT_LABELS[format]).join(', ');
}

function megabytes(bytes: number): string {
	return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}

/**
 * Checks a file against the source's limits before any paid call (or local read): empty, format
 * (by content), size and pixel bounds. Returns the sniffed format, or the reason not to send it.
 */
export function preflight(
	adapter: OcrAdapter,
	bytes: Uint8Array,
	what: string,
): { ok: true; file: CheckedFile } | { ok: false; error: InvoiceErrorInfo } {
	const vendor = adapter.vendor;
	const fail = (code: Parameters<typeof invoiceError>[0], message: string) => ({
		ok: false as const,
		error: invoiceError(code, { vendor, message, retryable: false }),
	});
	const { limits } = adapter;
	if (bytes.length === 0) return fail('INVALID_INPUT', `${what} is empty. Send a file with content.`);
	const format = sniffFormat(bytes);
	if (format === undefined || !limits.formats.includes(format)) {
		const found = format ? FORMAT_LABELS[format] : 'not a recognized image or document';
		const imagesOnly = !limits.formats.includes('pdf');
		return fail(
			'UNSUPPORTED_FILE',
			`${what} is ${found}; ${adapter.displayName} accepts ${formatList(limits.formats)}.` +
				(imagesOnly && (format === 'pdf' || format === 'ofd')
					? ' It takes images only: convert the page to PNG or JPEG, or pick a vendor that reads PDF/OFD (Jumdata).'
					: ' Convert the file to one of those formats.'),
		);
	}
	if (limits.maxBytes !== undefined) {
		const measured = limits.sizeBasis === 'base64' ? Math.ceil(bytes.length / 3) * 4 : bytes.length;
		if (measured > limits.maxBytes) {
			const basis = limits.sizeBasis === 'base64' ? ' after base64 encoding' : '';
			return fail(
				'FILE_TOO_LARGE',
				`${what} is ${megabytes(measured)}${basis}; ${adapter.displayName} accepts at most ${megabytes(limits.maxBytes)}. Compress or resize it.`,
			);
		}
	}
	if (limits.minSidePx !== undefined || limits.maxSidePx !== undefined) {
		const size = imageSize(bytes, format);
		if (size) {
			const shortest = Math.min(size.width, size.height);
			const longest = Math.max(size.width, size.height);
			if (limits.minSidePx !== undefined && shortest < limits.minSidePx) {
				return fail(
					'INVALID_INPUT',
					`${what} is ${size.width}×${size.height} px; ${adapter.displayName} needs at least ${limits.minSidePx} px on the shortest side.`,
				);
			}
			if (limits.maxSidePx !== undefined && longest > limits.maxSidePx) {
				return fail(
					'FILE_TOO_LARGE',
					`${what} is ${size.width}×${size.height} px; ${adapter.displayName} accepts at most ${limits.maxSidePx} px on the longest side. Resize it.`,
				);
			}
		}
	}
	return { ok: true, file: { format } };
}

/** Decodes base64 text given by the user (with or without a `data:` prefix); null if it is not base64. */
export function decodeBase64Input(value: string): Buffer | null {
	const stripped = value.replace(/^data:[^;,]*;base64,/i, '').replace(/\s+/g, '');
	if (stripped === '' || stripped.startsWith('=') || !isBase64Text(stripped, true)) return null;
	return Buffer.from(stripped.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}
