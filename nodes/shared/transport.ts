import type { IDataObject, IExecuteFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { InvoiceFailure, invoiceError } from './errors';
import type { VendorId } from './types';
import type { VendorHttpRequest, VendorHttpResponse } from './vendors/types';

const NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'EPIPE',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'ENOTFOUND',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
	'UND_ERR_SOCKET',
]);
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ESOCKETTIMEDOUT', 'UND_ERR_HEADERS_TIMEOUT']);

/** The first error `code` along the cause chain (NodeApiError wraps the axios error). */
function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** Whether the error came from the HTTP client (axios), not from n8n before sending. */
function isHttpLayerError(error: unknown): boolean {
	let current = error as { isAxiosError?: unknown; request?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.isAxiosError === true || current.request !== undefined) return true;
		current = current.cause as typeof current;
	}
	return false;
}

/**
 * Turns a failed call into a routable failure. Our own words only: the error object may hold the
 * signed request, so none of its text is copied into the item.
 */
export function classifyTransportError(
	error: unknown,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
): InvoiceFailure {
	if (error instanceof InvoiceFailure) return error;
	const code = errorCode(error);
	const text = error instanceof Error ? error.message : '';
	if ((code && TIMEOUT_CODES.has(code)) || /timeout|timed out/i.test(text)) {
		return new InvoiceFailure(
			invoiceError('TIMEOUT', {
				vendor,
				vendorCode: code ?? null,
				message: `${vendorName} did not answer within ${Math.round(timeoutMs / 1000)} s. Retry later or raise the Timeout option.`,
			}),
		);
	}
	// The body stopped mid-way (axios: "stream has been aborted"): the vendor answered, badly.
	if (code === 'ERR_BAD_RESPONSE' || /aborted/i.test(text)) {
		return new InvoiceFailure(
			invoiceError('VENDOR_UNAVAILABLE', {
				vendor,
				vendorCode: code ?? null,
				message: `${vendorName} cut its answer off before the end (truncated response). Retry later.`,
			}),
		);
	}
	const known = code !== undefined && NETWORK_CODES.has(code);
	if (!known && !isHttpLayerError(error)) {
		// Not the network: n8n refused the call (e.g. no credential selected). Say so plainly.
		return new InvoiceFailure(
			invoiceError('UNKNOWN', {
				vendor,
				message: `The request to ${vendorName} could not be made: ${text || 'unknown reason'}.`,
			}),
		);
	}
	return new InvoiceFailure(
		invoiceError('NETWORK_ERROR', {
			vendor,
			vendorCode: code ?? null,
			// DNS failures do not heal by retrying; resets and refusals often do.
			retryable: code !== 'ENOTFOUND',
			message: `The connection to ${vendorName} failed${known ? ` (${code})` : ''}. Check the base URL in the credential and the network, then retry.`,
		}),
	);
}

/** Parses the vendor's text answer; HTML pages and broken JSON are vendor failures, not crashes. */
export function parseVendorBody(
	statusCode: number,
	text: string,
	vendor: VendorId,
	vendorName: string,
): unknown {
	const trimmed = text.trim();
	const unavailable = (message: string) =>
		new InvoiceFailure(
			invoiceError('VENDOR_UNAVAILABLE', {
				vendor,
				vendorCode: statusCode >= 400 ? String(statusCode) : null,
				message,
			}),
		);
	if (trimmed === '') {
		throw unavailable(`${vendorName} answered HTTP ${statusCode} with an empty body. Retry later.`);
	}
	if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
		throw unavailable(
			`${vendorName} answered HTTP ${statusCode} with an HTML page instead of data, which usually means a gateway or maintenance page. Retry later; if it persists, check the base URL.`,
		);
	}
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		throw unavailable(
			`${vendorName} answered HTTP ${statusCode} with malformed or truncated JSON. Retry later.`,
		);
	}
}

/** Sends one vendor request through the credential (which adds base URL and secret). */
export async function sendVendorRequest(
	context: IExecuteFunctions,
	credentialType: string,
	request: VendorHttpRequest,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
): Promise<VendorHttpResponse> {
	const isForm = request.body instanceof URLSearchParams;
	const body: IDataObject = isForm
		? Object.fromEntries((request.body as URLSearchParams).entries())
		: (request.body as IDataObject);
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		// WeBank keeps two hosts in one credential; the credential resolves the field name.
		...(request.baseUrlField && request.baseUrlField !== 'baseUrl'
			? { baseURL: request.baseUrlField }
			: {}),
		headers: {
			'Content-Type': isForm ? 'application/x-www-form-urlencoded' : 'application/json',
			Accept: 'application/json',
		},
		body,
		encoding: 'text',
		json: false,
		returnFullResponse: true,
		ignoreHttpStatusErrors: true,
		timeout: timeoutMs,
	};
	let response: { statusCode: number; body: unknown; headers: Record<string, string> };
	try {
		response = (await context.helpers.httpRequestWithAuthentication.call(
			context,
			credentialType,
			options,
		)) as typeof response;
	} catch (error) {
		throw classifyTransportError(error, vendor, vendorName, timeoutMs);
	}
	const text =
		typeof response.body === 'string'
			? response.body
			: Buffer.isBuffer(response.body)
				? response.body.toString('utf8')
				: JSON.stringify(response.body ?? '');
	return {
		statusCode: response.statusCode,
		body: parseVendorBody(response.statusCode, text, vendor, vendorName),
		headers: response.headers ?? {},
	};
}
