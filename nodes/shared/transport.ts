import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { FailedCall } from './errors';
import { InvoiceFailure, invoiceError, noCredentialError } from './errors';
import type { InvoiceErrorInfo, VendorId } from './types';
import type { VendorHttpRequest, VendorHttpResponse } from './vendors/types';

/**
 * The one way the nodes talk to a vendor. Everything HTTP itself says is decided here, for every
 * vendor alike: secrets are cut out of whatever comes back, redirects are refused, any 429 is a
 * rate limit and its Retry-After travels with the failure.
 */

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

// ---- Secrets -----------------------------------------------------------------------------------

/** What replaces a secret in anything the node keeps. */
export const REDACTED = '[redacted]';

/**
 * Credential fields that are configuration, not secrets. Every other string field is treated as a
 * secret, so a secret field added to a credential later is covered without a change here.
 */
const CONFIGURATION_FIELDS: ReadonlySet<string> = new Set(['baseUrl', 'ocrBaseUrl', 'verifyBaseUrl', 'region']);

/**
 * Credentials whose `authenticate` sends a value computed from the secret (Volcengine's HMAC
 * signature, Jumdata's sign). The node never sees those values; both are SHA-256 hex, so anything
 * of that shape is cut from these vendors' answers.
 */
const SIGNING_CREDENTIALS: ReadonlySet<string> = new Set(['volcengineApi', 'jumdataApi']);
const SHA256_HEX = '(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])';

/** Shorter values cannot be told apart from ordinary data; real keys are far longer. */
const MIN_SECRET_LENGTH = 6;

/** Cuts secrets out of a text. */
export type Redact = (text: string) => string;

/** The secret values of a credential: every non-empty string field but its configuration. */
export function credentialSecrets(credentials: object | undefined): string[] {
	return Object.entries((credentials ?? {}) as ICredentialDataDecryptedObject)
		.filter(([field, value]) => !CONFIGURATION_FIELDS.has(field) && typeof value === 'string')
		.map(([, value]) => (value as string).trim())
		.filter((value) => value.length >= MIN_SECRET_LENGTH);
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const unicodeEscape = (text: string) =>
	text.replace(/[\u007f-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

/**
 * The ways a secret can appear in an answer that repeats the request: as is, JSON-escaped (also
 * with `\/` and `\uXXXX`, as PHP writes JSON), percent-encoded and form-encoded.
 */
function writtenForms(secret: string): string[] {
	const json = JSON.stringify(secret).slice(1, -1);
	const slashed = json.replace(/\//g, '\\/');
	return [
		secret,
		json,
		slashed,
		unicodeEscape(json),
		unicodeEscape(slashed),
		encodeURIComponent(secret),
		new URLSearchParams([['', secret]]).toString().slice(1),
	];
}

/**
 * A redactor for these secrets, in every written form and in any letter case (some servers
 * upper-case what they echo); `signatures` also cuts every SHA-256-shaped value.
 */
export function secretRedactor(secrets: readonly string[], signatures = false): Redact {
	const forms = new Set<string>();
	for (const secret of secrets) {
		if (secret.length < MIN_SECRET_LENGTH) continue;
		for (const form of writtenForms(secret)) forms.add(form);
	}
	// Longest first, so a secret inside another's encoded form is not cut halfway.
	const alternatives = [...forms].sort((a, b) => b.length - a.length).map(escapeRegExp);
	if (signatures) alternatives.push(SHA256_HEX);
	if (alternatives.length === 0) return (text) => text;
	const pattern = new RegExp(alternatives.join('|'), 'gi');
	return (text) => text.replace(pattern, REDACTED);
}

/** `value` with every string (object keys too) redacted. */
export function redactValue(value: unknown, redact: Redact): unknown {
	if (typeof value === 'string') return redact(value);
	if (Array.isArray(value)) return value.map((entry) => redactValue(entry, redact));
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value as Record<string, unknown>).map(([key, entry]) => [
				redact(key),
				redactValue(entry, redact),
			]),
		);
	}
	return value;
}

/** The redactor for the credential in use (its secrets, and signatures where it signs). */
async function redactorFor(context: IExecuteFunctions, credentialType: string): Promise<Redact> {
	let secrets: string[] = [];
	try {
		secrets = credentialSecrets(await context.getCredentials(credentialType));
	} catch {
		// No credential to read (the call failed before sending for that reason): nothing of it to cut.
	}
	return secretRedactor(secrets, SIGNING_CREDENTIALS.has(credentialType));
}

// ---- HTTP verdicts -----------------------------------------------------------------------------

/** Longest wait a Retry-After may ask for that we record; anything longer is taken as this. */
const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * `Retry-After` in milliseconds: delay-seconds (`120`) or an HTTP date; undefined when absent or
 * unreadable. A date in the past is 0.
 */
export function parseRetryAfter(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const text = String(value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(text) * 1000));
	if (!/[a-z]/i.test(text)) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at)) return undefined;
	return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - now));
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): unknown {
	const wanted = name.toLowerCase();
	const entry = Object.entries(headers ?? {}).find(([key]) => key.toLowerCase() === wanted);
	return entry?.[1];
}

function rateLimitMessage(vendorName: string, retryAfterMs: number | undefined): string {
	const wait =
		retryAfterMs === undefined ? '' : ` It asked to wait ${Math.ceil(retryAfterMs / 1000)} s (Retry-After).`;
	return `${vendorName} (or a gateway in front of it) answered HTTP 429 Too Many Requests.${wait} Lower "Requests per Second" or retry later.`;
}

/** Which credential field holds the base URL a request went to, as the credential form names it. */
function baseUrlLabel(request: VendorHttpRequest): string {
	if (request.baseUrlField === 'ocrBaseUrl') return 'OCR Base URL';
	if (request.baseUrlField === 'verifyBaseUrl') return 'Verification Base URL';
	return 'Base URL';
}

function originOf(url: string): string | null {
	try {
		return new URL(url).origin;
	} catch {
		return null;
	}
}

/**
 * A redirect is refused, never followed: following a 307/308 re-sends the body, secret included,
 * to whatever host `Location` names; following a 301/302 turns the POST into a GET without the
 * body, which the vendor then answers as a missing key. Not retryable (the address is wrong until
 * the credential changes), but a fallback chain may ask its next vendor: the file itself is fine.
 */
function redirectFailure(
	statusCode: number,
	location: string | null,
	request: VendorHttpRequest,
	vendor: VendorId,
	vendorName: string,
): InvoiceFailure {
	const field = baseUrlLabel(request);
	let advice = `Check the credential's ${field}.`;
	if (location) {
		// `Location` repeating our path names the new base URL exactly (e.g. http → https).
		const path = request.url.startsWith('/') ? request.url : `/${request.url}`;
		const newBase = !/^https?:\/\//i.test(location)
			? null
			: location.endsWith(path)
				? location.slice(0, -path.length)
				: originOf(location);
		advice = newBase
			? `If that is ${vendorName}'s own new address, set the credential's ${field} to ${newBase}.`
			: `If that is ${vendorName}'s own new address, update the credential's ${field} to it.`;
	}
	return new InvoiceFailure(
		invoiceError('VENDOR_UNAVAILABLE', {
			vendor,
			vendorCode: String(statusCode),
			vendorMessage: location ? `Location: ${location}` : null,
			retryable: false,
			message: `${vendorName} answered HTTP ${statusCode}, a redirect${location ? ` to ${location}` : ''}. The node does not follow redirects, since that would send the request, secret included, to another address or drop it. ${advice}`,
		}),
	);
}

// ---- Errors before an answer -------------------------------------------------------------------

/** The first error `code` along the cause chain (NodeApiError wraps the axios error). */
function errorCode(error: unknown): string | undefined {
	let current = error as { code?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (typeof current.code === 'string' && /^[A-Z_]+$/.test(current.code)) return current.code;
		current = current.cause as typeof current;
	}
	return undefined;
}

/** n8n's words when the node has no credential of the type selected (also `… set for "juheApi"`). */
const NO_CREDENTIAL = /does not have any credentials set/i;
/** n8n's words when the selected credential was deleted since. */
const DELETED_CREDENTIAL = /Credential with ID .+ does not exist/i;

/** Whether the node has a credential of this type selected (n8n refuses to send without one). */
export function hasCredential(context: IExecuteFunctions, credentialType: string): boolean {
	return Boolean(context.getNode().credentials?.[credentialType]);
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

/** A credential's refusal of one of its own fields (credentials/signing/requestTarget.ts), if any. */
function credentialFieldError(error: unknown): { message: string } | undefined {
	let current = error as { name?: unknown; message?: unknown; cause?: unknown } | undefined;
	for (let depth = 0; current && depth < 5; depth++) {
		if (current.name === 'CredentialFieldError' && typeof current.message === 'string') {
			return { message: current.message };
		}
		current = current.cause as typeof current;
	}
	return undefined;
}

/**
 * Turns a failed call into a routable failure. Our own words, except n8n's reason when it refused
 * to send (redacted): the error object may hold the signed request.
 */
export function classifyTransportError(
	error: unknown,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
	redact: Redact = (text) => text,
): InvoiceFailure {
	if (error instanceof InvoiceFailure) return error;
	const fieldError = credentialFieldError(error);
	if (fieldError) {
		return new InvoiceFailure(
			invoiceError('INVALID_INPUT', { vendor, retryable: false, message: redact(fieldError.message) }),
		);
	}
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
	// Callers check for a selected credential first, naming its picker; n8n's own refusal stays AUTH_FAILED too.
	if (!isHttpLayerError(error) && NO_CREDENTIAL.test(text)) {
		return new InvoiceFailure(noCredentialError(vendor, vendorName));
	}
	if (!isHttpLayerError(error) && DELETED_CREDENTIAL.test(text)) {
		return new InvoiceFailure(
			invoiceError('AUTH_FAILED', {
				vendor,
				retryable: false,
				message: `The ${vendorName} credential selected in the node no longer exists. Select or create another one.`,
			}),
		);
	}
	const known = code !== undefined && NETWORK_CODES.has(code);
	if (!known && !isHttpLayerError(error)) {
		// Not the network: n8n refused the call (e.g. no credential selected). Say so plainly.
		return new InvoiceFailure(
			invoiceError('UNKNOWN', {
				vendor,
				message: `The request to ${vendorName} could not be made: ${redact(text) || 'unknown reason'}.`,
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

// ---- Answers -----------------------------------------------------------------------------------

/**
 * Parses the vendor's text answer; HTML pages and broken JSON are vendor failures, not crashes.
 * At HTTP 429 they are a rate limit: a gateway's page in front of the vendor says just that.
 */
export function parseVendorBody(
	statusCode: number,
	text: string,
	vendor: VendorId,
	vendorName: string,
	retryAfterMs?: number,
): unknown {
	const read = readVendorBody(statusCode, text, vendor, vendorName, retryAfterMs);
	if (read instanceof InvoiceFailure) throw read;
	return read.body;
}

/** `parseVendorBody`, with the failure returned rather than thrown. */
function readVendorBody(
	statusCode: number,
	text: string,
	vendor: VendorId,
	vendorName: string,
	retryAfterMs?: number,
): { body: unknown } | InvoiceFailure {
	const trimmed = text.trim();
	const unavailable = (message: string) =>
		statusCode === 429
			? new InvoiceFailure(
					invoiceError('RATE_LIMITED', {
						vendor,
						vendorCode: '429',
						retryable: true,
						message: rateLimitMessage(vendorName, retryAfterMs),
					}),
					retryAfterMs,
				)
			: new InvoiceFailure(
					invoiceError('VENDOR_UNAVAILABLE', {
						vendor,
						vendorCode: statusCode >= 400 ? String(statusCode) : null,
						message,
					}),
				);
	if (trimmed === '') {
		return unavailable(`${vendorName} answered HTTP ${statusCode} with an empty body. Retry later.`);
	}
	if (/^<(!doctype|html|\?xml|head|body)/i.test(trimmed)) {
		return unavailable(
			`${vendorName} answered HTTP ${statusCode} with an HTML page instead of data, which usually means a gateway or maintenance page. Retry later; if it persists, check the base URL.`,
		);
	}
	try {
		return { body: JSON.parse(trimmed) as unknown };
	} catch {
		return unavailable(
			`${vendorName} answered HTTP ${statusCode} with malformed or truncated JSON. Retry later.`,
		);
	}
}

/** The vendor's answer, redacted, with the wait it asked for (HTTP `Retry-After`), if any. */
export interface VendorAnswer extends VendorHttpResponse {
	retryAfterMs?: number;
}

/**
 * Sends one vendor request through the credential (which adds base URL and secret) and returns
 * the parsed answer with every secret of that credential cut out. Throws an InvoiceFailure for
 * what is not an answer: no connection, a redirect, an empty or HTML or broken body.
 */
export async function sendVendorRequest(
	context: IExecuteFunctions,
	credentialType: string,
	request: VendorHttpRequest,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
): Promise<VendorAnswer> {
	const answer = await answerOrFailure(context, credentialType, request, vendor, vendorName, timeoutMs);
	if (answer instanceof InvoiceFailure) throw answer;
	return answer;
}

/** `sendVendorRequest`, with the failure returned rather than thrown. */
async function answerOrFailure(
	context: IExecuteFunctions,
	credentialType: string,
	request: VendorHttpRequest,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
): Promise<VendorAnswer | InvoiceFailure> {
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
		// The body carries the secret: it goes to the credential's host or nowhere.
		disableFollowRedirect: true,
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
		return classifyTransportError(error, vendor, vendorName, timeoutMs, await redactorFor(context, credentialType));
	}
	const redact = await redactorFor(context, credentialType);
	const headers = response.headers ?? {};
	const { statusCode } = response;
	if (statusCode >= 300 && statusCode < 400) {
		const location = headerValue(headers, 'location');
		return redirectFailure(
			statusCode,
			typeof location === 'string' && location.trim() !== '' ? redact(location.trim()) : null,
			request,
			vendor,
			vendorName,
		);
	}
	const retryAfterMs = statusCode === 429 ? parseRetryAfter(headerValue(headers, 'retry-after')) : undefined;
	const text =
		typeof response.body === 'string'
			? response.body
			: Buffer.isBuffer(response.body)
				? response.body.toString('utf8')
				: JSON.stringify(response.body ?? '');
	const read = readVendorBody(statusCode, redact(text), vendor, vendorName, retryAfterMs);
	if (read instanceof InvoiceFailure) return read;
	return {
		statusCode,
		// Parsing decodes escapes the text pass could not know (`\u0041`): redact the values too.
		body: redactValue(read.body, redact),
		headers,
		...(retryAfterMs === undefined ? {} : { retryAfterMs }),
	};
}

/**
 * HTTP 429 is a rate limit whatever the body says: a gateway's own JSON, or a vendor code the
 * adapter does not map as one. Only the vendor's own word for quota (a daily limit) stands, as
 * retrying it cannot help.
 */
function rateLimitVerdict<T extends { ok: boolean }>(
	outcome: T | FailedCall,
	vendor: VendorId,
	vendorName: string,
	retryAfterMs: number | undefined,
): T | FailedCall {
	const wait = retryAfterMs === undefined ? {} : { retryAfterMs };
	const said: InvoiceErrorInfo | null = outcome.ok ? null : (outcome as FailedCall).error;
	if (said?.code === 'QUOTA_EXCEEDED') return { ok: false, error: said, ...wait };
	if (said?.code === 'RATE_LIMITED') return { ok: false, error: { ...said, retryable: true }, ...wait };
	return {
		ok: false,
		error: invoiceError('RATE_LIMITED', {
			vendor,
			vendorCode: said?.vendorCode ?? '429',
			vendorMessage: said?.vendorMessage ?? null,
			requestId: said?.requestId ?? null,
			retryable: true,
			message: rateLimitMessage(vendorName, retryAfterMs),
		}),
		...wait,
	};
}

/**
 * One call and its reading: sends `request`, lets `read` (the adapter's pure parser) read the
 * answer, then applies what HTTP says for every vendor alike. Failures come back as outcomes
 * (with `retryAfterMs` where the vendor asked for a wait); only bugs throw.
 */
export async function callVendor<T extends { ok: boolean }>(
	context: IExecuteFunctions,
	credentialType: string,
	request: VendorHttpRequest,
	vendor: VendorId,
	vendorName: string,
	timeoutMs: number,
	read: (response: VendorHttpResponse) => T | FailedCall,
): Promise<T | FailedCall> {
	const answer = await answerOrFailure(context, credentialType, request, vendor, vendorName, timeoutMs);
	if (answer instanceof InvoiceFailure) return answer.toOutcome();
	const outcome = read(answer);
	return answer.statusCode === 429
		? rateLimitVerdict(outcome, vendor, vendorName, answer.retryAfterMs)
		: outcome;
}
