/** Volcengine (ByteDance) OcrRollInvoice; the credential signs the request (HMAC-SHA256, service cv). */
import type { ErrorCode } from '../../types';
import { invoiceError, mapVendorError } from '../../errors';
import {
	applyFieldTable,
	asRecord,
	blankInvoice,
	itemsFromRows,
	vendorFields,
} from '../../normalize/invoice';
import { text } from '../../normalize/parse';
import { invalidInput } from '../request';
import { statusFallback, unexpectedShape } from '../response';
import type { HttpOcrAdapter, OcrOutcome, VendorHttpResponse } from '../types';
import {
	VOLCENGINE_CLOCK_ERROR,
	VOLCENGINE_GATEWAY_ERRORS,
	VOLCENGINE_SERVICE_ERRORS,
} from './errors';
import { VOLCENGINE_FIELDS, VOLCENGINE_ITEM_FIELDS } from './fields';

const ENTRY_KEY = /^entry_(\d+)\.(.+)$/;

/** `entry_{n}.{field}` keys regrouped as one record per row, ordered by n. */
function entryRows(main: Record<string, unknown>): Array<Record<string, unknown>> {
	const rows = new Map<number, Record<string, unknown>>();
	for (const [key, value] of Object.entries(main)) {
		const match = ENTRY_KEY.exec(key);
		if (!match) continue;
		const index = Number(match[1]);
		rows.set(index, { ...(rows.get(index) ?? {}), [match[2]]: value });
	}
	return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** An unknown gateway code is classified by the HTTP status the gateway chose for it. */
function gatewayFallback(statusCode: number): ErrorCode {
	if (statusCode === 401 || statusCode === 403) return 'AUTH_FAILED';
	if (statusCode === 429) return 'RATE_LIMITED';
	return statusFallback(statusCode);
}

function parseResponse(response: VendorHttpResponse): OcrOutcome {
	const body = asRecord(response.body);
	const metadata = asRecord(body?.ResponseMetadata);
	const gatewayError = asRecord(metadata?.Error);
	// The gateway layer comes first: when it answers, the service never ran.
	if (gatewayError !== null) {
		const vendorCode = text(gatewayError.Code) ?? text(gatewayError.CodeN) ?? 'unknown';
		return {
			ok: false,
			error: mapVendorError(
				VOLCENGINE_GATEWAY_ERRORS,
				'volcengine',
				vendorCode,
				text(gatewayError.Message),
				text(metadata?.RequestId),
				gatewayFallback(response.statusCode),
			),
		};
	}
	if (body === null || body.code === undefined || body.code === null) {
		return unexpectedShape(
			'volcengine',
			'Volcengine',
			response.statusCode,
			text(metadata?.RequestId),
		);
	}
	const requestId = text(body.request_id) ?? text(metadata?.RequestId);
	const vendorCode = String(body.code);
	const vendorMessage = text(body.message);
	// Map by the body: service errors arrive with 400 and even 401 (50205).
	if (vendorCode !== '10000') {
		const table =
			vendorCode === '50400' && /timestamp|clock/i.test(vendorMessage ?? '')
				? { '50400': VOLCENGINE_CLOCK_ERROR }
				: VOLCENGINE_SERVICE_ERRORS;
		return {
			ok: false,
			error: mapVendorError(
				table,
				'volcengine',
				vendorCode,
				vendorMessage,
				requestId,
				statusFallback(response.statusCode),
			),
		};
	}
	const main = asRecord(asRecord(body.data)?.license_main);
	if (main === null || Object.keys(main).length === 0) {
		return {
			ok: false,
			error: invoiceError('NO_INVOICE_FOUND', {
				vendor: 'volcengine',
				vendorCode,
				vendorMessage,
				requestId,
				message:
					'Volcengine found no roll invoice in the image. This action reads VAT roll invoices only; send a sharp image of one.',
			}),
		};
	}
	// OcrRollInvoice reads only roll invoices; invoice_header is the printed title.
	const invoice = applyFieldTable(blankInvoice('vat_roll'), VOLCENGINE_FIELDS, main);
	invoice.items = itemsFromRows(VOLCENGINE_ITEM_FIELDS, entryRows(main));
	invoice.fields = vendorFields(main);
	return { ok: true, invoices: [invoice], requestId, raw: response.body };
}

export const volcengineAdapter: HttpOcrAdapter = {
	kind: 'http',
	vendor: 'volcengine',
	displayName: 'Volcengine (ByteDance)',
	credentialType: 'volcengineApi',
	limits: {
		formats: ['jpeg', 'png', 'bmp'],
		// The OcrRollInvoice document says 5 MB per file; the newer 8 MB request limit is looser.
		maxBytes: 5 * 1024 * 1024,
		sizeBasis: 'file',
		acceptsUrl: true,
	},
	// Volcengine enforces a per-account QPS quota (shown in its console) and answers 50429 above
	// it; 5 in flight and 10 per second is a moderate start, to be lowered if 50429 appears.
	pacing: { concurrency: 5, requestsPerSecond: 10 },
	buildRequest(input) {
		// image_base64 wins when both are sent, so send exactly one.
		if (input.base64) {
			return {
				method: 'POST',
				url: '/?Action=OcrRollInvoice&Version=2021-08-23',
				body: new URLSearchParams({ image_base64: input.base64 }),
			};
		}
		if (input.url) {
			return {
				method: 'POST',
				url: '/?Action=OcrRollInvoice&Version=2021-08-23',
				body: new URLSearchParams({ image_url: input.url }),
			};
		}
		throw invalidInput(
			'volcengine',
			'Nothing to recognize: pass an image (binary or base64) or an image URL.',
		);
	},
	parseResponse,
};
