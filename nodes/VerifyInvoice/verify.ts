import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { isFailedItem, runOfflineChecks } from '../shared/checks';
import type { ItemResult } from '../shared/execution/itemResults';
import { buildOutput } from '../shared/execution/itemResults';
import { checkCallOptions } from '../shared/execution/options';
import { RateGate, withRetries } from '../shared/execution/pacing';
import { rateAnswer, sendRateControlled, waitedTooLong } from '../shared/execution/rateControl';
import { noCredentialError } from '../shared/errors';
import { callVendor, hasCredential } from '../shared/transport';
import { credentialPickerLabel } from '../shared/vendors/registry';
import type { InvoiceVerification, VerificationOutcome } from '../shared/vendors/webank/verify';
import { parseVerificationResponse, planVerification, retriesVerification } from '../shared/vendors/webank/verify';

const CREDENTIAL_TYPE = 'webankApi';
/** The label of the node's credential picker, which the missing-credential message names. */
export const VERIFY_CREDENTIAL_LABEL = credentialPickerLabel({ displayName: 'WeBank' });
const VENDOR_NAME = 'WeBank verification';
/** Verification has its own service (and limit) beside OCR; items go one at a time. */
const VERIFY_SOURCE = {
	vendor: 'webank',
	credentialType: CREDENTIAL_TYPE,
	pacing: { concurrency: 1, requestsPerSecond: 10 },
};

/**
 * Check Offline: the input json plus `checks`; needs no vendor and no credential. A failed item
 * (an upstream `{ error }`, no invoice) passes through unchanged: it has nothing to check, and
 * `checks.passed: true` on it would read as a clean invoice.
 */
export function checkOffline(this: IExecuteFunctions): INodeExecutionData[][] {
	const items = this.getInputData();
	return [
		items.map((item, itemIndex) => ({
			json: isFailedItem(item.json)
				? item.json
				: { ...item.json, checks: runOfflineChecks(item.json) as unknown as IDataObject },
			...(item.binary ? { binary: item.binary } : {}),
			pairedItem: { item: itemIndex },
		})),
	];
}

/** The input's keys that stay before `verification`: which invoice the row is, at a glance. */
const IDENTITY_KEYS = ['invoiceNumber'];

/**
 * The input json with `verification` added early, its `status` first, so n8n's Table view shows
 * the verdict without scrolling: after the invoice number, before the rest of the input (whose
 * keys keep their order; nothing is dropped). A `verification` already on the input is replaced.
 */
export function withVerification(json: IDataObject, verification: InvoiceVerification): IDataObject {
	const { status, ...details } = verification;
	const output: IDataObject = {};
	for (const key of IDENTITY_KEYS) if (key in json) output[key] = json[key];
	output.verification = { status, ...details } as unknown as IDataObject;
	for (const [key, value] of Object.entries(json)) if (!(key in output)) output[key] = value;
	return output;
}

/** One invoice per item; invoices are verified one after another (WeBank limits each to 5 a day). */
async function verifyItem(
	context: IExecuteFunctions,
	item: INodeExecutionData,
	itemIndex: number,
): Promise<ItemResult> {
	const overrides = context.getNodeParameter('overrides', itemIndex, {}) as IDataObject;
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const plan = planVerification(item.json, overrides);
	if (plan.kind === 'invalid') return { error: plan.error, local: true };
	if (plan.kind === 'local') {
		return { json: withVerification(item.json, plan.result) };
	}
	const checked = checkCallOptions(options);
	if (!checked.ok) return { error: { ...checked.error, vendor: 'webank' }, local: true };
	if (!hasCredential(context, CREDENTIAL_TYPE)) {
		return { error: noCredentialError('webank', 'WeBank', VERIFY_CREDENTIAL_LABEL), local: true };
	}
	const call = checked.value;
	const attempt = async (): Promise<VerificationOutcome> => {
		try {
			return await callVendor(
				context,
				CREDENTIAL_TYPE,
				plan.request,
				'webank',
				VENDOR_NAME,
				call.timeoutMs,
				(response) => parseVerificationResponse(response, plan.invoiceType),
			);
		} catch (error) {
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
	};
	// The same rate control as Invoice OCR: learned per credential, rate limits wait their turn.
	const gate = RateGate.forAccount(
		context,
		VERIFY_SOURCE,
		Number(options.requestsPerSecond) || 0,
		Number(options.rateLimitWaitBudget),
		'verify',
	);
	const paced = async (): Promise<VerificationOutcome> => {
		const { outcome, waitBudgetSpent } = await sendRateControlled(gate, {
			send: attempt,
			classify: rateAnswer,
			waitBudgetMs: gate.waitBudgetMs,
		});
		return waitBudgetSpent ? waitedTooLong(outcome, VENDOR_NAME, gate.waitBudgetMs) : outcome;
	};
	const waits = gate.waitBudgetMs > 0;
	const outcome = await withRetries(
		paced,
		// Only failures WeBank cannot have counted against its 5-a-day limit are retried.
		(result) =>
			!result.ok && retriesVerification(result.error) && !(waits && result.error.code === 'RATE_LIMITED'),
		{ maxRetries: call.maxRetries, baseDelayMs: 500, maxDelayMs: 8000 },
	);
	if (!outcome.ok) return { error: outcome.error, local: false };
	return { json: withVerification(item.json, outcome.verification) };
}

export async function verifyInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const continueOnFail = this.continueOnFail();
	const resultsByItem: ItemResult[][] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const result = await verifyItem(this, items[itemIndex], itemIndex);
		resultsByItem.push([result]);
		if (!continueOnFail && 'error' in result) break;
	}
	return buildOutput(this, resultsByItem, (itemIndex) => items[itemIndex].binary);
}
