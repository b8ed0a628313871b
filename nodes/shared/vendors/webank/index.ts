/**
 * WeBank (微众银行) invoice OCR: one image in, one recognized invoice per `invoices[]` entry.
 * Vendor doc: webank-invoice-ocr-and-verify.md, part I. Verification lives in ./verify.ts.
 */
import { randomUUID } from 'node:crypto';
import type { RecognizedInvoice } from '../../types';
import { invoiceError, mapVendorError } from '../../errors';
import {
	asRecord,
	itemsFromRows,
	readTypeRow,
	recordList,
	vendorFields,
	type InvoiceTypeRow,
} from '../../normalize/invoice';
import { text } from '../../normalize/parse';
import { uploadedBase64 } from '../request';
import { statusFallback } from '../response';
import type {
	HttpOcrAdapter,
	OcrOutcome,
	OcrRequestInput,
	VendorHttpRequest,
	VendorHttpResponse,
} from '../types';
import { WEBANK_ERROR_TEXT, WEBANK_OCR_ERRORS, WEBANK_SUCCESS_CODE } from './errors';
import { WEBANK_DETAIL_CELLS, WEBANK_OTHER, WEBANK_TYPES } from './fields';

function typeRow(name: string | null): InvoiceTypeRow {
	return name !== null && Object.prototype.hasOwnProperty.call(WEBANK_TYPES, name)
		? WEBANK_TYPES[name]
		: WEBANK_OTHER;
}

/** One `invoices[]` entry (`{name, result}`) → one recognized invoice. */
export function readWebankInvoice(entry: Record<string, unknown>): RecognizedInvoice {
	const result = asRecord(entry.result) ?? {};
	const invoice = readTypeRow(typeRow(text(entry.name)), result);
	invoice.items = itemsFromRows(WEBANK_DETAIL_CELLS, recordList(result.details));
	// `name` is kept beside the result keys: it is the only place the vendor's type shows.
	invoice.fields = vendorFields({ name: entry.name ?? null, ...result });
	return invoice;
}

function buildRequest(input: OcrRequestInput): VendorHttpRequest {
	const base64 = uploadedBase64(
		input,
		'webank',
		'WeBank needs the file itself (binary or base64); it cannot fetch a URL.',
	);
	return {
		method: 'POST',
		url: '/saas/ocr/invoice',
		baseUrlField: 'ocrBaseUrl',
		// WeBank echoes request_id, which ties a failed item to the vendor's logs.
		body: { image: base64, request_id: input.requestId ?? randomUUID() },
	};
}

function parseResponse(response: VendorHttpResponse): OcrOutcome {
	const body = asRecord(response.body);
	const fallback = statusFallback(response.statusCode);
	const requestId = body ? text(body.request_id) : null;
	const vendorCode = body ? text(body.error) : null;
	if (response.statusCode === 429) {
		// No rate limit is documented; a 429 (from WeBank or a gateway in front) says it plainly,
		// whatever generic code the body carries.
		return {
			ok: false,
			error: invoiceError('RATE_LIMITED', {
				vendor: 'webank',
				vendorCode,
				vendorMessage: text(body?.msg) ?? text(body?.message),
				requestId,
			}),
		};
	}
	if (vendorCode === null) {
		return {
			ok: false,
			error: invoiceError(fallback, {
				vendor: 'webank',
				message: `WeBank answered without an error code (HTTP ${response.statusCode}). Check the OCR base URL in the credential, then retry.`,
				requestId,
			}),
		};
	}
	if (vendorCode !== WEBANK_SUCCESS_CODE) {
		const documentedText = Object.prototype.hasOwnProperty.call(WEBANK_ERROR_TEXT, vendorCode)
			? WEBANK_ERROR_TEXT[vendorCode]
			: null;
		const vendorMessage = text(body?.msg) ?? text(body?.message) ?? documentedText;
		return {
			ok: false,
			error: mapVendorError(
				WEBANK_OCR_ERRORS,
				'webank',
				vendorCode,
				vendorMessage,
				requestId,
				fallback,
			),
		};
	}
	const entries = recordList(body?.invoices);
	if (entries.length === 0) {
		return {
			ok: false,
			error: invoiceError('NO_INVOICE_FOUND', {
				vendor: 'webank',
				vendorCode,
				vendorMessage: '识别正常',
				requestId,
				message:
					'WeBank found no invoice in the image. Check that the file shows one of the 13 invoice types WeBank reads.',
			}),
		};
	}
	return { ok: true, invoices: entries.map(readWebankInvoice), requestId, raw: response.body };
}

export const webankAdapter: HttpOcrAdapter = {
	kind: 'http',
	vendor: 'webank',
	displayName: 'WeBank',
	credentialType: 'webankApi',
	limits: {
		// The doc names neither formats nor a size limit: common image formats are assumed and
		// no size is enforced; the vendor's answer (error 3) covers what it cannot decode.
		formats: ['jpeg', 'png', 'bmp'],
		maxBytes: undefined,
		sizeBasis: 'file',
		acceptsUrl: false,
	},
	// No rate is documented: the same default as the other vendors.
	pacing: { concurrency: 5, requestsPerSecond: 10 },
	buildRequest,
	parseResponse,
};
