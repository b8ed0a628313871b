import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { runOfflineChecks } from '../shared/checks';
import { InvoiceFailure } from '../shared/errors';
import type { ItemResult } from '../shared/execution/itemResults';
import { buildOutput } from '../shared/execution/itemResults';
import { withRetries } from '../shared/execution/pacing';
import { sendVendorRequest } from '../shared/transport';
import type { VerificationOutcome } from '../shared/vendors/webank/verify';
import { parseVerificationResponse, planVerification } from '../shared/vendors/webank/verify';

const CREDENTIAL_TYPE = 'webankApi';
const VENDOR_NAME = 'WeBank verification';

/** Check Offline: the input json plus `checks`; needs no vendor and no credential. */
export function checkOffline(this: IExecuteFunctions): INodeExecutionData[][] {
	const items = this.getInputData();
	return [
		items.map((item, itemIndex) => ({
			json: { ...item.json, checks: runOfflineChecks(item.json) as unknown as IDataObject },
			...(item.binary ? { binary: item.binary } : {}),
			pairedItem: { item: itemIndex },
		})),
	];
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
		return { json: { ...item.json, verification: plan.result as unknown as IDataObject } };
	}
	const timeoutMs = Math.max(1, Number(options.timeout ?? 30)) * 1000;
	const attempt = async (): Promise<VerificationOutcome> => {
		try {
			const response = await sendVendorRequest(
				context,
				CREDENTIAL_TYPE,
				plan.request,
				'webank',
				VENDOR_NAME,
				timeoutMs,
			);
			return parseVerificationResponse(response, plan.invoiceType);
		} catch (error) {
			if (error instanceof InvoiceFailure) return { ok: false, error: error.info };
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex });
		}
	};
	const outcome = await withRetries(attempt, (result) => !result.ok && result.error.retryable, {
		maxRetries: Math.max(0, Number(options.maxRetries ?? 2)),
		baseDelayMs: 500,
		maxDelayMs: 8000,
	});
	if (!outcome.ok) return { error: outcome.error, local: false };
	return { json: { ...item.json, verification: outcome.verification as unknown as IDataObject } };
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
