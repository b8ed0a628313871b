import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { InvoiceFailure, invoiceError } from '../shared/errors';
import type { ItemFailure, ItemResult } from '../shared/execution/itemResults';
import { chainFailure, triesNextVendor } from '../shared/execution/fallback';
import { buildOutput } from '../shared/execution/itemResults';
import { mapWithConcurrency, RateGate, withRetries } from '../shared/execution/pacing';
import { decodeBase64Input, preflight } from '../shared/input/preflight';
import { toOutputInvoice } from '../shared/normalize/output';
import { sendVendorRequest } from '../shared/transport';
import type { InvoiceErrorInfo, InvoiceSource } from '../shared/types';
import { ocrAdapter } from '../shared/vendors/registry';
import type { OcrAdapter, OcrOutcome, OcrRequestInput } from '../shared/vendors/types';
import { FALLBACK_CHAIN } from './properties';

/** One file (or URL) to recognise, found on an input item; bytes are read only when it is sent. */
type Source =
	| { kind: 'binary'; propertyName: string; fileName: string | null; mimeType: string | null }
	| { kind: 'base64'; value: string }
	| { kind: 'url'; value: string };

interface Task {
	itemIndex: number;
	/** The vendor to ask, then its fallbacks in order (one entry without a fallback chain). */
	vendors: OcrAdapter[];
	source: Source;
	settings: ItemSettings;
}

interface ItemSettings {
	simplify: boolean;
	maxRetries: number;
	timeoutMs: number;
	page: number;
	xinhuoType: string;
	jumdataInvoiceKind: 'normal' | 'roll';
}

/** A plan per input item: its sources, or why it cannot be sent at all. */
type ItemPlan = { tasks: Task[] } | { failure: ItemFailure };

function localFailure(error: InvoiceErrorInfo): ItemFailure {
	return { error, local: true };
}

/** `data`, `data, invoice`, `attachment_*`: the binary fields of an item that hold files to read. */
export function matchBinaryProperties(
	spec: string,
	available: string[],
): { names: string[]; missing: string[] } {
	const names: string[] = [];
	const missing: string[] = [];
	for (const token of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
		const matches = token.endsWith('*')
			? available.filter((name) => name.startsWith(token.slice(0, -1)))
			: available.filter((name) => name === token);
		if (matches.length === 0) missing.push(token);
		for (const name of matches) if (!names.includes(name)) names.push(name);
	}
	return { names, missing };
}

function readSettings(context: IExecuteFunctions, itemIndex: number): ItemSettings {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		simplify: context.getNodeParameter('simplify', itemIndex, true) as boolean,
		maxRetries: Math.max(0, Number(options.maxRetries ?? 2)),
		timeoutMs: Math.max(1, Number(options.timeout ?? 30)) * 1000,
		page: Math.max(1, Number(options.page ?? 1)),
		xinhuoType: String(options.xinhuoType ?? '9'),
		jumdataInvoiceKind:
			context.getNodeParameter('jumdataInvoiceKind', itemIndex, 'normal') === 'roll' ? 'roll' : 'normal',
	};
}

/** The vendor, or the fallback chain's vendors in order, each with a credential selected. */
function vendorsToAsk(context: IExecuteFunctions, itemIndex: number): OcrAdapter[] | string {
	const vendor = context.getNodeParameter('vendor', itemIndex) as string;
	if (vendor !== FALLBACK_CHAIN) {
		const adapter = ocrAdapter(vendor);
		return adapter ? [adapter] : `Unknown vendor "${vendor}". Pick one from the list.`;
	}
	const listed = context.getNodeParameter('vendors', itemIndex, []) as string[];
	const names = [...new Set(Array.isArray(listed) ? listed : [listed])];
	if (names.length === 0) return 'No vendor is listed. Pick at least one under "Vendors, in Order".';
	const adapters: OcrAdapter[] = [];
	const credentials = context.getNode().credentials ?? {};
	for (const name of names) {
		const adapter = ocrAdapter(name);
		if (!adapter) return `Unknown vendor "${name}" in "Vendors, in Order". Pick vendors from the list.`;
		if (!credentials[adapter.credentialType]) {
			return `${adapter.displayName} is listed under "Vendors, in Order" but has no credential selected. Select one, or remove ${adapter.displayName} from the list.`;
		}
		adapters.push(adapter);
	}
	return adapters;
}

function planItem(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): ItemPlan {
	const vendors = vendorsToAsk(context, itemIndex);
	if (typeof vendors === 'string') {
		return { failure: localFailure(invoiceError('INVALID_INPUT', { message: vendors })) };
	}
	const [first] = vendors;
	const settings = readSettings(context, itemIndex);
	const inputType = context.getNodeParameter('inputType', itemIndex, 'binary') as string;
	const fail = (message: string) => ({
		failure: localFailure(invoiceError('INVALID_INPUT', { vendor: first.vendor, message })),
	});
	const task = (source: Source): Task => ({ itemIndex, vendors, source, settings });

	if (inputType === 'base64') {
		const value = String(context.getNodeParameter('base64', itemIndex, '') ?? '');
		if (value.trim() === '') return fail('The Base64 String is empty. Map a field that holds the file as base64.');
		return { tasks: [task({ kind: 'base64', value })] };
	}
	if (inputType === 'url') {
		const value = String(context.getNodeParameter('url', itemIndex, '') ?? '').trim();
		if (!vendors.some((adapter) => adapter.limits.acceptsUrl)) {
			const names = vendors.map((adapter) => adapter.displayName).join(', ');
			return fail(`${names} cannot download files from a URL. Download the file first and use Binary File input.`);
		}
		if (!/^https?:\/\/\S+$/i.test(value)) return fail(`"${value}" is not an http(s) URL.`);
		return { tasks: [task({ kind: 'url', value })] };
	}
	const spec = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
	const available = Object.keys(item.binary ?? {});
	const { names, missing } = matchBinaryProperties(spec, available);
	if (names.length === 0 || missing.length > 0) {
		const has = available.length ? `It has: ${available.join(', ')}.` : 'It has no binary data at all.';
		return fail(
			`The item has no binary field "${missing.join('", "') || spec}". ${has} Set "Input Binary Field(s)" to the field holding the invoice file.`,
		);
	}
	return {
		tasks: names.map((propertyName) =>
			task({
				kind: 'binary',
				propertyName,
				fileName: item.binary?.[propertyName]?.fileName ?? null,
				mimeType: item.binary?.[propertyName]?.mimeType ?? null,
			}),
		),
	};
}

function describeSource(source: Source): string {
	if (source.kind === 'binary') {
		return `The file in "${source.propertyName}"${source.fileName ? ` (${source.fileName})` : ''}`;
	}
	return source.kind === 'base64' ? 'The Base64 String' : 'The URL';
}

type LoadedFile = { url: string } | { bytes: Buffer };

/** Reads the file just before sending, so memory grows with concurrency, not batch size. */
async function loadFile(
	context: IExecuteFunctions,
	task: Task,
): Promise<{ ok: true; file: LoadedFile } | { ok: false; failure: ItemFailure }> {
	const { source } = task;
	if (source.kind === 'url') return { ok: true, file: { url: source.value } };
	if (source.kind === 'binary') {
		return {
			ok: true,
			file: { bytes: await context.helpers.getBinaryDataBuffer(task.itemIndex, source.propertyName) },
		};
	}
	const bytes = decodeBase64Input(source.value);
	if (bytes === null) {
		return {
			ok: false,
			failure: localFailure(
				invoiceError('INVALID_INPUT', {
					vendor: task.vendors[0].vendor,
					message: 'The Base64 String is not valid base64. Map the file content, not its name or URL.',
				}),
			),
		};
	}
	return { ok: true, file: { bytes } };
}

/** The request input for the vendor, after its pre-flight checks. */
function inputFor(
	context: IExecuteFunctions,
	task: Task,
	adapter: OcrAdapter,
	file: LoadedFile,
): { ok: true; input: OcrRequestInput } | { ok: false; failure: ItemFailure } {
	const { settings } = task;
	const common = {
		jumdataInvoiceKind: settings.jumdataInvoiceKind,
		page: settings.page,
		xinhuoType: settings.xinhuoType,
		requestId: `n8n-${context.getExecutionId?.() ?? 'run'}-${task.itemIndex}`,
	};
	if ('url' in file) {
		if (!adapter.limits.acceptsUrl) {
			return {
				ok: false,
				failure: localFailure(
					invoiceError('INVALID_INPUT', {
						vendor: adapter.vendor,
						message: `${adapter.displayName} cannot download files from a URL.`,
					}),
				),
			};
		}
		return { ok: true, input: { ...common, url: file.url } };
	}
	const checked = preflight(adapter, file.bytes, describeSource(task.source));
	if (!checked.ok) return { ok: false, failure: localFailure(checked.error) };
	return { ok: true, input: { ...common, base64: checked.file.base64, format: checked.file.format } };
}

/** Thrown when the node stopped (an earlier failure, no continue-on-fail) while a task waited its turn. */
class NotSent extends Error {}

/** One vendor's attempt (with its retries) at one file. */
async function send(
	context: IExecuteFunctions,
	task: Task,
	adapter: OcrAdapter,
	file: LoadedFile,
	gate: RateGate,
	isStopped: () => boolean,
): Promise<{ ok: true; outcome: Extract<OcrOutcome, { ok: true }> } | { ok: false; failure: ItemFailure }> {
	const prepared = inputFor(context, task, adapter, file);
	if (!prepared.ok) return prepared;
	const { settings } = task;
	const request = adapter.buildRequest(prepared.input);
	const attempt = async (): Promise<OcrOutcome> => {
		await gate.wait();
		if (isStopped()) throw new NotSent();
		try {
			const response = await sendVendorRequest(
				context,
				adapter.credentialType,
				request,
				adapter.vendor,
				adapter.displayName,
				settings.timeoutMs,
			);
			return adapter.parseResponse(response, prepared.input);
		} catch (error) {
			if (error instanceof InvoiceFailure) return { ok: false, error: error.info };
			throw new NodeOperationError(context.getNode(), error as Error, { itemIndex: task.itemIndex });
		}
	};
	const outcome = await withRetries(attempt, (result) => !result.ok && result.error.retryable, {
		maxRetries: settings.maxRetries,
		baseDelayMs: 500,
		maxDelayMs: 8000,
	});
	return outcome.ok ? { ok: true, outcome } : { ok: false, failure: { error: outcome.error, local: false } };
}

function answerItems(
	task: Task,
	adapter: OcrAdapter,
	outcome: Extract<OcrOutcome, { ok: true }>,
): ItemResult[] {
	const source: InvoiceSource | null =
		task.source.kind === 'binary'
			? {
					binaryProperty: task.source.propertyName,
					fileName: task.source.fileName,
					mimeType: task.source.mimeType,
				}
			: null;
	return outcome.invoices.map((invoice) => ({
		json: toOutputInvoice(invoice, {
			vendor: adapter.vendor,
			source,
			simplify: task.settings.simplify,
			raw: outcome.raw,
		}) as unknown as IDataObject,
	}));
}

/**
 * One file to output items. Whatever goes wrong stays with this file's item: an unexpected error
 * (a binary store that cannot be read, a bug) becomes a failed item, never a lost batch.
 */
async function recognize(
	context: IExecuteFunctions,
	task: Task,
	gateFor: (adapter: OcrAdapter) => RateGate,
	isStopped: () => boolean,
): Promise<ItemResult[]> {
	try {
		const loaded = await loadFile(context, task);
		if (!loaded.ok) return [loaded.failure];
		const earlier: Array<{ vendorName: string; failure: ItemFailure }> = [];
		for (const [position, adapter] of task.vendors.entries()) {
			const result = await send(context, task, adapter, loaded.file, gateFor(adapter), isStopped);
			if (result.ok) return answerItems(task, adapter, result.outcome);
			const isLast = position === task.vendors.length - 1;
			if (isLast || !triesNextVendor(result.failure)) return [chainFailure(result.failure, earlier)];
			earlier.push({ vendorName: adapter.displayName, failure: result.failure });
		}
		return []; // Not reached: the last vendor's answer always returns above.
	} catch (error) {
		// The node is failing on an earlier item anyway; this one was never sent.
		if (error instanceof NotSent) return [];
		if (error instanceof InvoiceFailure) return [{ error: error.info, local: false }];
		const reason = error instanceof Error ? error.message : String(error);
		return [
			{
				error: invoiceError('UNKNOWN', {
					vendor: task.vendors[0].vendor,
					message: `${describeSource(task.source)} could not be processed (${reason}). Please report this if it persists.`,
				}),
				local: true,
			},
		];
	}
}

/** Invoice OCR: every input item's files to one output item per invoice (or one failed item). */
export async function recognizeInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const plans = items.map((item, itemIndex) => planItem(this, item, itemIndex));
	const tasks = plans.flatMap((plan) => ('tasks' in plan ? plan.tasks : []));

	const options = this.getNodeParameter('options', 0, {}) as IDataObject;
	const gates = new Map<string, RateGate>();
	const gateFor = (adapter: OcrAdapter) => {
		let gate = gates.get(adapter.vendor);
		if (!gate) {
			const perSecond = Number(options.requestsPerSecond) || adapter.pacing.requestsPerSecond;
			gate = new RateGate(perSecond);
			gates.set(adapter.vendor, gate);
		}
		return gate;
	};
	const concurrency =
		Number(options.concurrency) || (tasks[0]?.vendors[0].pacing.concurrency ?? 1);
	const continueOnFail = this.continueOnFail();
	// Without continue-on-fail an item that already failed planning fails the node: send nothing.
	let stopped = !continueOnFail && plans.some((plan) => 'failure' in plan);
	const results = await mapWithConcurrency(
		tasks,
		concurrency,
		async (task) => {
			const result = await recognize(this, task, gateFor, () => stopped);
			// Without continue-on-fail the node stops at a failure: send nothing more.
			if (!continueOnFail && result.some((entry) => 'error' in entry)) stopped = true;
			return result;
		},
		() => stopped,
	);

	const resultsByItem: ItemResult[][] = plans.map((plan) => ('failure' in plan ? [plan.failure] : []));
	tasks.forEach((task, index) => {
		resultsByItem[task.itemIndex].push(...(results[index] ?? []));
	});
	const binaryOf = (itemIndex: number): IBinaryKeyData | undefined => {
		const itemOptions = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return itemOptions.includeBinary === false ? undefined : items[itemIndex].binary;
	};
	return buildOutput(this, resultsByItem, binaryOf);
}
