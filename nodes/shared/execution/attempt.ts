import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invoiceError, noCredentialError } from '../errors';
import { preflight } from '../input/preflight';
import { callVendor, hasCredential } from '../transport';
import { credentialPickerLabel } from '../vendors/registry';
import { withoutEmptyInvoices } from '../vendors/response';
import type {
	HttpOcrAdapter,
	LocalOcrAdapter,
	OcrAdapter,
	OcrOutcome,
	OcrRequestInput,
} from '../vendors/types';
import type { ItemFailure } from './itemResults';
import type { RateGate } from './pacing';
import { NotSent, withRetries } from './pacing';
import { rateAnswer, sendRateControlled, waitedTooLong } from './rateControl';

/** A file to recognize, loaded just before it is asked for: the bytes, or a URL the vendor fetches. */
export type LoadedFile = { url: string } | { bytes: Buffer; fileName: string | null };

/** What one source's attempt at one file needs besides the file. */
export interface AttemptContext {
	context: IExecuteFunctions;
	itemIndex: number;
	/** "The file in "data" (invoice.png)": how messages name the file. */
	what: string;
	settings: AttemptSettings;
	/** The request-rate gate of this source (HTTP vendors only). */
	gate: RateGate;
	/** True once the node is failing anyway (no continue-on-fail): nothing more is sent. */
	isStopped: () => boolean;
}

export interface AttemptSettings {
	maxRetries: number;
	timeoutMs: number;
	page: number;
	xinhuoType: string;
	jumdataInvoiceKind: 'normal' | 'roll';
	/** Option "Check Signatures" (local reading only); absent means yes. */
	checkSignatures?: boolean;
}

export type AttemptResult =
	| { ok: true; outcome: Extract<OcrOutcome, { ok: true }> }
	| { ok: false; failure: ItemFailure };

export { NotSent } from './pacing';

function refused(error: Parameters<typeof invoiceError>[1] & { code: Parameters<typeof invoiceError>[0] }) {
	const { code, ...details } = error;
	return { ok: false as const, failure: { error: invoiceError(code, details), local: true } };
}

/**
 * One source's attempt at one file: the pre-flight checks against its limits, then the vendor
 * call (with its retries) or the local read. A refusal before anything is sent is `local`, which
 * is what lets a fallback chain (and local-first) pass the file on.
 */
export async function attemptSource(
	adapter: OcrAdapter,
	file: LoadedFile,
	attempt: AttemptContext,
): Promise<AttemptResult> {
	if ('url' in file) {
		if (!adapter.limits.acceptsUrl || adapter.kind === 'local') {
			return refused({
				code: 'INVALID_INPUT',
				vendor: adapter.vendor,
				message: `${adapter.displayName} cannot download files from a URL.`,
			});
		}
		return await askVendor(adapter, { url: file.url }, attempt);
	}
	const checked = preflight(adapter, file.bytes, attempt.what);
	if (!checked.ok) return { ok: false, failure: { error: checked.error, local: true } };
	if (adapter.kind === 'local') {
		return readLocally(adapter, {
			bytes: file.bytes,
			format: checked.file.format,
			fileName: file.fileName,
			checkSignatures: attempt.settings.checkSignatures,
		});
	}
	return await askVendor(
		adapter,
		{ base64: file.bytes.toString('base64'), format: checked.file.format },
		attempt,
	);
}

function readLocally(adapter: LocalOcrAdapter, file: Parameters<LocalOcrAdapter['read']>[0]): AttemptResult {
	const outcome = withoutEmptyInvoices(adapter.read(file), adapter);
	if (outcome.ok) return { ok: true, outcome };
	// A file the reader cannot read at all (an image, a scan) was never "sent": the next source gets it.
	return { ok: false, failure: { error: outcome.error, local: outcome.error.code === 'UNSUPPORTED_FILE' } };
}

async function askVendor(
	adapter: HttpOcrAdapter,
	fileInput: Pick<OcrRequestInput, 'base64' | 'url' | 'format'>,
	{ context, itemIndex, settings, gate, isStopped }: AttemptContext,
): Promise<AttemptResult> {
	const input: OcrRequestInput = {
		...fileInput,
		jumdataInvoiceKind: settings.jumdataInvoiceKind,
		page: settings.page,
		xinhuoType: settings.xinhuoType,
		requestId: `n8n-${context.getExecutionId?.() ?? 'run'}-${itemIndex}`,
	};
	// Without a credential n8n would refuse the call: say which picker to fill, as AUTH_FAILED. Nothing
	// was sent, so a fallback chain asks its next vendor.
	if (!hasCredential(context, adapter.credentialType)) {
		const error = noCredentialError(adapter.vendor, adapter.displayName, credentialPickerLabel(adapter));
		return { ok: false, failure: { error, local: true } };
	}
	const request = adapter.buildRequest(input);
	const send = async (): Promise<OcrOutcome> => {
		try {
			// Failures come back as outcomes, with the vendor's Retry-After as `retryAfterMs`.
			return await callVendor(
				context,
				adapter.credentialType,
				request,
				adapter.vendor,
				adapter.displayName,
				settings.timeoutMs,
				(response) => withoutEmptyInvoices(adapter.parseResponse(response, input), adapter),
			);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
	};
	// A rate-limit answer waits behind the gate within the wait budget (Max Retries stay for
	// real faults); only once the budget is spent is it the item's answer.
	const once = async (): Promise<OcrOutcome> => {
		const { outcome, waitBudgetSpent } = await sendRateControlled(gate, {
			send,
			classify: rateAnswer,
			waitBudgetMs: gate.waitBudgetMs,
			beforeSend: () => {
				if (isStopped()) throw new NotSent();
			},
		});
		return waitBudgetSpent ? waitedTooLong(outcome, adapter.displayName, gate.waitBudgetMs) : outcome;
	};
	const waits = gate.waitBudgetMs > 0;
	const outcome = await withRetries(
		once,
		(result) => !result.ok && result.error.retryable && !(waits && result.error.code === 'RATE_LIMITED'),
		{ maxRetries: settings.maxRetries, baseDelayMs: 500, maxDelayMs: 8000 },
		isStopped,
	);
	return outcome.ok ? { ok: true, outcome } : { ok: false, failure: { error: outcome.error, local: false } };
}
