/**
 * WeBank invoice verification (发票验真), pure: what to send and what the answer means.
 * Vendor doc: webank-invoice-ocr-and-verify.md, part II.
 *
 * Answered locally only where the outcome is certain (Clarifications): a type WeBank's document
 * says it does not verify, and an invoice issued more than a year ago. Whatever the service
 * answers is mapped as it is, never second-guessed.
 */
import type { InvoiceErrorInfo, InvoiceType, RecognizedInvoice } from '../../types';
import { INVOICE_TYPE_NAMES } from '../../types';
import { invoiceError, mapVendorError, type VendorErrorRow } from '../../errors';
import { fenFromYuan, formatFen } from '../../normalize/chineseAmount';
import { isRecord } from '../../normalize/invoice';
import { date, digits, identifier, integer, money, text } from '../../normalize/parse';
import { oneYearBefore, shanghaiDate, splitIsoDate } from '../../checks/calendar';
import { statusFallback } from '../response';
import type { VendorHttpRequest, VendorHttpResponse } from '../types';
import { WEBANK_ERROR_TEXT } from './errors';
import { readWebankInvoice } from './index';

/**
 * Contract invoice type → the `name` sent to WeBank's verification (doc part II, 2.1). The
 * document (2020) lists four types; a VAT electronic toll invoice is a 增值税电子普通发票
 * (`VAT_e-invoice`). Types issued since the document was written (电子专票 from December 2020,
 * 数电 from 2021) are sent under the nearest documented name: the document cannot say WeBank
 * refuses them, so the service decides (code 10 if it does not verify them).
 */
export const WEBANK_VERIFIABLE: Readonly<Partial<Record<InvoiceType, string>>> = {
	vat_special: 'VAT_special_invoice',
	vat_common: 'VAT_invoice',
	vat_electronic_common: 'VAT_e-invoice',
	vat_roll: 'VAT_v-invoice',
	vat_toll: 'VAT_e-invoice',
	vat_electronic_special: 'VAT_special_invoice',
	digital_special: 'VAT_special_invoice',
	digital_common: 'VAT_e-invoice',
};

/**
 * Types verified by their pre-tax amount instead of the check code: special invoices, and 数电
 * invoices, which print no check code.
 */
export const VERIFIED_BY_AMOUNT: readonly InvoiceType[] = [
	'vat_special',
	'vat_electronic_special',
	'digital_special',
	'digital_common',
];

/** 数电 invoices have no invoice code (their paper form keeps one): the code is sent empty. */
const WITHOUT_CODE: readonly InvoiceType[] = ['digital_special', 'digital_common'];

const VERIFIABLE_TEXT =
	'it verifies VAT special, VAT common, VAT electronic common (toll invoices included) and VAT roll invoices, and is asked about electronic special and 数电 invoices';

export const VERIFICATION_STATUSES = [
	'MATCH',
	'MISMATCH',
	'NOT_FOUND',
	'UNSUPPORTED_TYPE',
	'TOO_OLD',
	'DAILY_LIMIT',
	'INVALID_REQUEST',
] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

/** What the verification system holds, normalized like OCR output. */
export type VerifiedInvoice = RecognizedInvoice & { invoiceTypeName: string };

/** The contract's `verification` object. */
export interface InvoiceVerification {
	/** True only for MATCH. */
	verified: boolean;
	status: VerificationStatus;
	vendor: 'webank';
	/** WeBank's `verfication_code`; null when answered locally without a call. */
	vendorCode: string | null;
	message: string;
	invoice: VerifiedInvoice | null;
	/** How often this invoice was verified today (`verfication_count`), when WeBank says. */
	verificationCount: number | null;
}

/** Node parameters that replace the incoming invoice's values; empty means "use the invoice's". */
export interface VerificationOverrides {
	invoiceType?: unknown;
	invoiceCode?: unknown;
	invoiceNumber?: unknown;
	issueDate?: unknown;
	checkCode?: unknown;
	/** Pre-tax amount in yuan. */
	amount?: unknown;
	/** Echoed by WeBank; defaults to one derived from the invoice code and number. */
	requestId?: unknown;
}

export type VerificationPlan =
	| { kind: 'local'; result: InvoiceVerification }
	| { kind: 'request'; request: VendorHttpRequest; invoiceType: InvoiceType }
	/** Nothing can be asked: a required value is missing. `error` is ready for a failed item. */
	| { kind: 'invalid'; message: string; error: InvoiceErrorInfo };

export type VerificationOutcome =
	| { ok: true; verification: InvoiceVerification; requestId: string | null }
	| { ok: false; error: InvoiceErrorInfo };

/** `verfication_code` (sic, as WeBank spells it) → status and an English explanation. */
const VERIFICATION_CODES: Readonly<
	Record<string, { status: VerificationStatus; message: string }>
> = {
	'0': {
		status: 'MATCH',
		message: 'The tax system holds an invoice with exactly these details: the invoice is genuine.',
	},
	'10': {
		status: 'UNSUPPORTED_TYPE',
		message:
			'WeBank does not verify this invoice type. Its document lists VAT special, VAT common, VAT electronic common and VAT roll invoices.',
	},
	'11': {
		status: 'TOO_OLD',
		message: 'WeBank only verifies invoices issued within the last year.',
	},
	'12': {
		status: 'DAILY_LIMIT',
		message:
			'This invoice has reached its daily verification limit (5 per day). Verify it again tomorrow.',
	},
	'20': {
		status: 'MISMATCH',
		message:
			'The tax system holds this invoice, but with different details. Check the issue date, pre-tax amount and check code against the original invoice.',
	},
	'21': {
		status: 'NOT_FOUND',
		message: 'The tax system holds no invoice with this code and number.',
	},
	'30': {
		status: 'INVALID_REQUEST',
		message:
			'WeBank found the invoice details malformed (for example an invoice code that breaks the coding rules). Check the code, number, date, amount and check code.',
	},
};

/** WeBank verification `error` codes (doc part II, 3.1) → contract error. */
const VERIFY_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'1': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'WeBank invoice verification had an internal error (1). Retry later.',
		retryable: true,
	},
	'2': {
		code: 'INVALID_INPUT',
		message:
			'WeBank invoice verification refused the request parameters (2). Check the invoice values and the verification base URL in the credential.',
		retryable: false,
	},
};

/** An override wins unless it is empty (n8n sends '' for untouched string parameters). */
function pick(override: unknown, fromInvoice: unknown): unknown {
	if (override === undefined || override === null) return fromInvoice;
	if (typeof override === 'string' && override.trim() === '') return fromInvoice;
	return override;
}

/** A contract type, or WeBank's own name for one (users may type either). */
function resolveType(value: unknown): InvoiceType | 'unknown' | null {
	const raw = text(value);
	if (raw === null) return null;
	if (Object.prototype.hasOwnProperty.call(INVOICE_TYPE_NAMES, raw)) return raw as InvoiceType;
	const byWebankName = Object.entries(WEBANK_VERIFIABLE).find(([, name]) => name === raw);
	return byWebankName ? (byWebankName[0] as InvoiceType) : 'unknown';
}

function localResult(status: VerificationStatus, message: string): InvoiceVerification {
	return {
		verified: false,
		status,
		vendor: 'webank',
		vendorCode: null,
		message,
		invoice: null,
		verificationCount: null,
	};
}

function invalid(message: string): VerificationPlan {
	return {
		kind: 'invalid',
		message,
		error: invoiceError('INVALID_INPUT', { vendor: 'webank', message, retryable: false }),
	};
}

/** `2019-12-24` → `2019年12月24日`, `2020-01-10` → `2020年1月10日` (WeBank's example format). */
export function webankDate(isoDate: string): string {
	const { year, month, day } = splitIsoDate(isoDate);
	return `${year}年${month}月${day}日`;
}

/**
 * Decides how to verify one invoice: answer locally, ask WeBank, or report what is missing.
 * `today` is judged in Asia/Shanghai.
 */
export function planVerification(
	invoice: unknown,
	overrides: VerificationOverrides = {},
	today: Date = new Date(),
): VerificationPlan {
	const source = isRecord(invoice) ? invoice : {};
	const given = overrides ?? {};

	const invoiceType = resolveType(pick(given.invoiceType, source.invoiceType));
	if (invoiceType === null) {
		return invalid(
			"The invoice type is missing. Set it in the node's parameters or verify the output of Invoice OCR.",
		);
	}
	const webankName = invoiceType === 'unknown' ? undefined : WEBANK_VERIFIABLE[invoiceType];
	if (invoiceType === 'unknown' || webankName === undefined) {
		return {
			kind: 'local',
			result: localResult(
				'UNSUPPORTED_TYPE',
				`WeBank does not verify ${invoiceType === 'unknown' ? 'this invoice type' : `${invoiceType} invoices`}: ${VERIFIABLE_TEXT}. Answered without calling WeBank.`,
			),
		};
	}
	const byAmount = VERIFIED_BY_AMOUNT.includes(invoiceType);

	const missing: string[] = [];
	const invoiceCode = identifier(pick(given.invoiceCode, source.invoiceCode));
	if (invoiceCode === null && !WITHOUT_CODE.includes(invoiceType)) missing.push('invoice code');
	const invoiceNumber = identifier(pick(given.invoiceNumber, source.invoiceNumber));
	if (invoiceNumber === null) missing.push('invoice number');
	const issueDate = date(pick(given.issueDate, source.issueDate));
	if (issueDate === null) missing.push('issue date (a readable date)');

	// A 数电 invoice's key fields read from its QR code (readFrom "qr") hold 价税合计, not the pre-tax amount: the
	// tax platform verifies 数电 invoices by 价税合计, so it is sent when the pre-tax amount is not there.
	const digitalTotal = WITHOUT_CODE.includes(invoiceType) && source.readFrom === 'qr' ? source.total : undefined;
	const amountValue = pick(pick(given.amount, source.amount), digitalTotal);
	const amountYuan = money(amountValue);
	const amountFen = amountYuan === null ? null : fenFromYuan(amountYuan);
	// Special and 数电 invoices are verified by their pre-tax amount, the others by their check code.
	if (byAmount && amountFen === null) missing.push('pre-tax amount');
	const checkCode = digits(pick(given.checkCode, source.checkCode));
	if (!byAmount && (checkCode === null || checkCode.length < 6)) {
		missing.push('check code (at least its last 6 digits)');
	}
	if (missing.length > 0) {
		return invalid(
			`Cannot verify: the ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Set ${missing.length === 1 ? 'it' : 'them'} in the node's parameters or check the OCR result.`,
		);
	}

	const issued = issueDate as string;
	const cutoff = oneYearBefore(shanghaiDate(today));
	if (issued < cutoff) {
		return {
			kind: 'local',
			result: localResult(
				'TOO_OLD',
				`The invoice was issued on ${issued}, more than a year ago; WeBank only verifies invoices from the last year. Answered without calling WeBank.`,
			),
		};
	}

	const body: Record<string, string> = {
		name: webankName,
		invoice_code: invoiceCode ?? '',
		invoice_id: invoiceNumber as string,
		invoice_date: webankDate(issued),
	};
	if (amountFen !== null) body.total_amount = formatFen(amountFen);
	if (!byAmount) body.check_code = (checkCode as string).slice(-6);
	const requestId =
		text(given.requestId) ??
		(invoiceCode === null ? `verify-${invoiceNumber}` : `verify-${invoiceCode}-${invoiceNumber}`);

	return {
		kind: 'request',
		invoiceType,
		request: {
			method: 'POST',
			url: '/ocr_invoice/verify',
			baseUrlField: 'verifyBaseUrl',
			body: { invoice: body, request_id: requestId },
		},
	};
}

function verifiedInvoice(
	value: unknown,
	invoiceType: InvoiceType | undefined,
): VerifiedInvoice | null {
	if (!isRecord(value) || Object.keys(value).length === 0) return null;
	const name = (invoiceType && WEBANK_VERIFIABLE[invoiceType]) ?? text(value.name);
	const read = readWebankInvoice({ name, result: value });
	// Several types share a WeBank name (a toll invoice is read as an electronic common one):
	// the invoice asked about keeps its own type.
	if (invoiceType !== undefined) read.invoiceType = invoiceType;
	return { ...read, invoiceTypeName: INVOICE_TYPE_NAMES[read.invoiceType] };
}

function failureByStatus(response: VendorHttpResponse, requestId: string | null): InvoiceErrorInfo {
	const status = response.statusCode;
	const details = { vendor: 'webank' as const, vendorCode: `HTTP ${status}`, requestId };
	if (status === 401 || status === 403) {
		return invoiceError('AUTH_FAILED', {
			...details,
			message: `The verification endpoint refused access (HTTP ${status}). WeBank documents no credential, so a gateway in front of it is refusing: check the verification base URL.`,
		});
	}
	if (status === 429) return invoiceError('RATE_LIMITED', details);
	return invoiceError('VENDOR_UNAVAILABLE', {
		...details,
		message: `WeBank answered without a verification result (HTTP ${status}). Check the verification base URL in the credential, then retry.`,
		retryable: status >= 500,
	});
}

/** Connection failures that happen before a request is sent: nothing reached WeBank. */
const NEVER_CONNECTED = new Set([
	'ECONNREFUSED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

/**
 * Whether a failed verification call may be sent again in the same run. Every verification
 * counts against the invoice's 5 a day (code 12), and a call that timed out, broke off or failed
 * inside WeBank may have been counted: retrying it could spend the day's checks on one run. So
 * only failures that show the tax system was never asked are retried: a rate limit (HTTP 429), a
 * gateway's 503, and a connection that was never made.
 */
export function retriesVerification(error: InvoiceErrorInfo): boolean {
	if (!error.retryable) return false;
	if (error.code === 'RATE_LIMITED') return true;
	if (error.code === 'NETWORK_ERROR') return NEVER_CONNECTED.has(error.vendorCode ?? '');
	return error.code === 'VENDOR_UNAVAILABLE' && ['HTTP 503', '503'].includes(error.vendorCode ?? '');
}

/**
 * WeBank's answer → a verification, or a failure of the call itself. `requestedType` names the
 * type that was asked about, so the returned invoice is read with the right field table.
 */
export function parseVerificationResponse(
	response: VendorHttpResponse,
	requestedType?: InvoiceType,
): VerificationOutcome {
	const body = isRecord(response.body) ? response.body : null;
	const requestId = body ? text(body.request_id) : null;
	const errorCode = body ? text(body.error) : null;
	if (body === null || errorCode === null) {
		return { ok: false, error: failureByStatus(response, requestId) };
	}
	if (errorCode !== '0') {
		const vendorMessage =
			text(body.msg) ??
			text(body.message) ??
			(Object.prototype.hasOwnProperty.call(WEBANK_ERROR_TEXT, errorCode)
				? WEBANK_ERROR_TEXT[errorCode]
				: null);
		const fallback = statusFallback(response.statusCode);
		return {
			ok: false,
			error: mapVendorError(VERIFY_ERRORS, 'webank', errorCode, vendorMessage, requestId, fallback),
		};
	}
	const result = isRecord(body.result) ? body.result : {};
	// The document spells it `verfication_code`; the correct spelling is read as a fallback.
	const code = text(result.verfication_code ?? result.verification_code);
	const known = code === null ? undefined : VERIFICATION_CODES[code];
	if (code === null || known === undefined) {
		return {
			ok: false,
			error: invoiceError(code === null ? 'VENDOR_UNAVAILABLE' : 'UNKNOWN', {
				vendor: 'webank',
				vendorCode: code,
				requestId,
				message:
					code === null
						? 'WeBank answered without a verification result code. Retry later.'
						: `WeBank answered with verification code ${code}, which its document does not list. See vendorCode.`,
			}),
		};
	}
	const held = verifiedInvoice(result.invoice, requestedType);
	return {
		ok: true,
		requestId,
		verification: {
			verified: known.status === 'MATCH',
			status: known.status,
			vendor: 'webank',
			vendorCode: code,
			// WeBank returns the details it holds only sometimes; point at them only when they are there.
			message:
				known.status === 'MISMATCH' && held !== null
					? `${known.message} What the tax system holds is in verification.invoice.`
					: known.message,
			invoice: held,
			verificationCount: integer(result.verfication_count ?? result.verification_count),
		},
	};
}
