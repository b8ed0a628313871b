import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvoiceFailure, invoiceError } from '../errors';
import type { InvoiceErrorInfo } from '../types';

/**
 * The numeric options of both nodes, checked in one place. Values may come from expressions, so
 * anything can arrive: empty means the default, and for the options whose description says so,
 * 0 does too; anything else that is not a number in range is refused, naming the option and the
 * value, instead of quietly turning pacing off or a timeout into none.
 */

export interface NumberOption {
	/** Internal name in the Options collection. */
	name: string;
	/** As shown in the panel, so the message names what the user sees. */
	displayName: string;
	/** Used when the option is absent or empty (and for 0 where `zeroIsDefault`). */
	fallback: number;
	/** What the default is, in words, for the message ("30", "the vendor's default"). */
	defaultText: string;
	min: number;
	max: number;
	integer: boolean;
	/** Whether 0 means "the default" (documented in the option's description). */
	zeroIsDefault: boolean;
	/** Unit for the message, e.g. "seconds". */
	unit?: string;
}

function describeRange(option: NumberOption): string {
	const kind = option.integer ? 'a whole number' : 'a number';
	const unit = option.unit ? ` ${option.unit}` : '';
	const zero = option.zeroIsDefault ? `; 0 or empty uses ${option.defaultText}` : `; empty uses ${option.defaultText}`;
	return `${kind}${unit} from ${option.min} to ${option.max}${zero}`;
}

function shown(value: unknown): string {
	if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
	if (typeof value === 'number') return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/** The accepted number, or why `value` is refused. */
function check(option: NumberOption, value: unknown): { value: number } | { message: string } {
	const refuse = () => ({
		message: `Option "${option.displayName}" is ${shown(value)}, which is not valid: use ${describeRange(option)}.`,
	});
	let number: number;
	if (typeof value === 'number') number = value;
	else if (typeof value === 'string' && /^\s*[+-]?(\d+(\.\d*)?|\.\d+)\s*$/.test(value)) number = Number(value);
	else return refuse();
	if (!Number.isFinite(number)) return refuse();
	if (number === 0 && option.zeroIsDefault) return { value: option.fallback };
	if (option.integer && !Number.isInteger(number)) return refuse();
	if (number < option.min || number > option.max) return refuse();
	return { value: number };
}

/** An option's value, or the INVALID_INPUT failure that names the option and the value. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: InvoiceErrorInfo };

/**
 * The option's value: the default when absent or empty (or 0 where that means the default),
 * else the number, or why it is refused.
 */
export function checkNumberOption(options: IDataObject, option: NumberOption): Checked<number> {
	const value = options[option.name];
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		return { ok: true, value: option.fallback };
	}
	const checked = check(option, value);
	if ('message' in checked) {
		return { ok: false, error: invoiceError('INVALID_INPUT', { message: checked.message, retryable: false }) };
	}
	return { ok: true, value: checked.value };
}

/** Several options checked together: the values by key, or the first refusal. */
function checkAll<K extends string>(options: IDataObject, specs: Record<K, NumberOption>): Checked<Record<K, number>> {
	const values = {} as Record<K, number>;
	for (const key of Object.keys(specs) as K[]) {
		const checked = checkNumberOption(options, specs[key]);
		if (!checked.ok) return checked;
		values[key] = checked.value;
	}
	return { ok: true, value: values };
}

/** The value, or the refusal thrown as an InvoiceFailure (for callers that cannot return one). */
function valueOf<T>(checked: Checked<T>): T {
	if (!checked.ok) throw new InvoiceFailure(checked.error);
	return checked.value;
}

/** `checkNumberOption`, throwing the refusal as an InvoiceFailure. */
export function numberOption(options: IDataObject, option: NumberOption): number {
	return valueOf(checkNumberOption(options, option));
}

export const MAX_RETRIES: NumberOption = {
	name: 'maxRetries',
	displayName: 'Max Retries',
	fallback: 2,
	defaultText: 'the default (2)',
	min: 0,
	max: 10,
	integer: true,
	zeroIsDefault: false,
};

export const TIMEOUT_SECONDS: NumberOption = {
	name: 'timeout',
	displayName: 'Timeout (Seconds)',
	fallback: 30,
	defaultText: 'the default (30)',
	min: 1,
	max: 3600,
	integer: false,
	zeroIsDefault: true,
	unit: 'of seconds',
};

export const PDF_PAGE: NumberOption = {
	name: 'page',
	displayName: 'PDF/OFD Page',
	fallback: 1,
	defaultText: 'the first page',
	min: 1,
	max: 100000,
	integer: true,
	zeroIsDefault: true,
};

/** 0 is returned as 0: the caller then uses the vendor's default (or, where supported, auto). */
export const REQUESTS_PER_SECOND: NumberOption = {
	name: 'requestsPerSecond',
	displayName: 'Requests per Second',
	fallback: 0,
	defaultText: "the vendor's default",
	min: 0.1,
	max: 1000,
	integer: false,
	zeroIsDefault: true,
};

/** 0 is returned as 0: the caller then uses the vendor's default. */
export const PARALLEL_REQUESTS: NumberOption = {
	name: 'concurrency',
	displayName: 'Parallel Requests',
	fallback: 0,
	defaultText: "the vendor's default",
	min: 1,
	max: 50,
	integer: true,
	zeroIsDefault: true,
};

/** 0 is a real value here: a rate limit is not waited out, it is retried within Max Retries. */
export const RATE_LIMIT_WAIT_BUDGET: NumberOption = {
	name: 'rateLimitWaitBudget',
	displayName: 'Rate-Limit Wait Budget (Seconds)',
	fallback: 300,
	defaultText: 'the default (300)',
	min: 0,
	max: 86400,
	integer: false,
	zeroIsDefault: false,
	unit: 'of seconds',
};

export interface CallOptions {
	maxRetries: number;
	timeoutMs: number;
}

/** The per-item options of both nodes' vendor calls. */
export function checkCallOptions(options: IDataObject): Checked<CallOptions> {
	const checked = checkAll(options, { maxRetries: MAX_RETRIES, timeoutSeconds: TIMEOUT_SECONDS });
	if (!checked.ok) return checked;
	const { maxRetries, timeoutSeconds } = checked.value;
	return { ok: true, value: { maxRetries, timeoutMs: Math.round(timeoutSeconds * 1000) } };
}

/** `checkCallOptions`, throwing the refusal as an InvoiceFailure. */
export function callOptions(options: IDataObject): CallOptions {
	return valueOf(checkCallOptions(options));
}

/** Invoice OCR's per-item options: the call's, and the PDF/OFD page. */
export function checkOcrItemOptions(options: IDataObject): Checked<CallOptions & { page: number }> {
	const call = checkCallOptions(options);
	if (!call.ok) return call;
	const page = checkNumberOption(options, PDF_PAGE);
	if (!page.ok) return page;
	return { ok: true, value: { ...call.value, page: page.value } };
}

/** `checkOcrItemOptions`, throwing the refusal as an InvoiceFailure. */
export function ocrItemOptions(options: IDataObject): CallOptions & { page: number } {
	return valueOf(checkOcrItemOptions(options));
}

export interface PacingOptions {
	/** 0: the vendor's default (auto). */
	requestsPerSecond: number;
	/** 0: the vendor's default (auto). */
	concurrency: number;
	rateLimitWaitBudgetSeconds: number;
}

/** The node-wide pacing options of Invoice OCR. */
export function checkPacingOptions(options: IDataObject): Checked<PacingOptions> {
	return checkAll(options, {
		requestsPerSecond: REQUESTS_PER_SECOND,
		concurrency: PARALLEL_REQUESTS,
		rateLimitWaitBudgetSeconds: RATE_LIMIT_WAIT_BUDGET,
	});
}

/** `checkPacingOptions`, throwing the refusal as an InvoiceFailure. */
export function pacingOptions(options: IDataObject): PacingOptions {
	return valueOf(checkPacingOptions(options));
}

/**
 * Invoice OCR's pacing options, read once for the whole run: nonsense there concerns every item,
 * so it fails the node, before anything is sent.
 */
export function nodePacingOptions(context: IExecuteFunctions): PacingOptions {
	const checked = checkPacingOptions(context.getNodeParameter('options', 0, {}) as IDataObject);
	if (!checked.ok) {
		throw new NodeOperationError(context.getNode(), checked.error.message, {
			description: 'Error code INVALID_INPUT. Fix the option (or the expression that sets it).',
		});
	}
	return checked.value;
}
