import type {
	IBinaryKeyData,
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { InvoiceErrorInfo } from '../types';

/**
 * The one place that decides how an input item succeeds or fails, so no operation can forget
 * `pairedItem` or break error-output routing.
 */

export interface ItemFailure {
	error: InvoiceErrorInfo;
	/** True when the node refused the input itself (no vendor was called). */
	local: boolean;
}

/**
 * `exactness` ranks where a recognized invoice was read from (lower is more exact: XML, OFD, PDF,
 * then a vendor), so merging copies of one invoice keeps the best reading.
 */
export type ItemResult = { json: IDataObject; exactness?: number } | ItemFailure;

export function isFailure(result: ItemResult): result is ItemFailure {
	return (result as ItemFailure).error !== undefined;
}

/**
 * A failed item: `json` holds nothing but `error`, which is what n8n's "Continue (using error
 * output)" requires to route it to the error output.
 */
export function failedItem(
	error: InvoiceErrorInfo,
	itemIndex: number,
	binary?: IBinaryKeyData,
): INodeExecutionData {
	return {
		json: { error: { ...error } as unknown as IDataObject },
		...(binary ? { binary } : {}),
		pairedItem: { item: itemIndex },
	};
}

/** The n8n error thrown when the node is not set to continue on fail. */
export function nodeErrorFor(
	context: IExecuteFunctions,
	failure: ItemFailure,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const { error } = failure;
	const vendorSaid = error.vendorCode
		? `Vendor code ${error.vendorCode}${error.vendorMessage ? `: ${error.vendorMessage}` : ''}`
		: undefined;
	const description = [`Error code ${error.code}.`, vendorSaid].filter(Boolean).join(' ');
	if (failure.local) {
		return new NodeOperationError(context.getNode(), error.message, { itemIndex, description });
	}
	// NodeApiError takes a `code` (or a nested error's) for the HTTP status it shows: give it only
	// the words, so the contract code stays in the description instead of posing as a status.
	const words: JsonObject = { message: error.message, description };
	return new NodeApiError(context.getNode(), words, {
		message: error.message,
		description,
		itemIndex,
	});
}

/**
 * Builds the node output from per-item results, in input order. With continue-on-fail off, the
 * first failure (in input order) stops the node with a clear error.
 */
export function buildOutput(
	context: IExecuteFunctions,
	resultsByItem: ItemResult[][],
	binaryOf: (itemIndex: number) => IBinaryKeyData | undefined,
): INodeExecutionData[][] {
	const continueOnFail = context.continueOnFail();
	const output: INodeExecutionData[] = [];
	resultsByItem.forEach((results, itemIndex) => {
		for (const result of results) {
			if (isFailure(result)) {
				if (!continueOnFail) throw nodeErrorFor(context, result, itemIndex);
				output.push(failedItem(result.error, itemIndex, binaryOf(itemIndex)));
			} else {
				const binary = binaryOf(itemIndex);
				output.push({ json: result.json, ...(binary ? { binary } : {}), pairedItem: { item: itemIndex } });
			}
		}
	});
	return [output];
}
