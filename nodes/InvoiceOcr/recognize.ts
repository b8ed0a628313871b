import type { IBinaryKeyData, IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { InvoiceFailure, invoiceError } from '../shared/errors';
import type { AttemptSettings, LoadedFile } from '../shared/execution/attempt';
import { attemptSource, NotSent } from '../shared/execution/attempt';
import type { ItemFailure, ItemResult } from '../shared/execution/itemResults';
import { chainFailure, triesNextVendor } from '../shared/execution/fallback';
import { buildOutput, isFailure } from '../shared/execution/itemResults';
import { checkOcrItemOptions, nodePacingOptions, ocrItemOptions } from '../shared/execution/options';
import { mapWithConcurrency, RateGate } from '../shared/execution/pacing';
import { mergeCopies } from '../shared/execution/mergeCopies';
import { notAnInvoice } from '../shared/input/attachmentFilter';
import { sniffFormat } from '../shared/input/fileFormat';
import { decodeBase64Input } from '../shared/input/preflight';
import type { FlatShape } from '../shared/normalize/flatten';
import { flattenInvoice } from '../shared/normalize/flatten';
import { toOutputInvoice } from '../shared/normalize/output';
import type { InvoiceErrorInfo, InvoiceQr, InvoiceSource } from '../shared/types';
import { imageInvoiceQr, imageQrBesideVendor, isQrImageFormat, withImageQr } from '../shared/vendors/local/qr';
import { ocrAdapter } from '../shared/vendors/registry';
import type { OcrAdapter, OcrOutcome } from '../shared/vendors/types';
import { EXACTNESS_ORDER } from '../shared/vendors/types';
import { FALLBACK_CHAIN } from './properties';

/** One file (or URL) to recognize, found on an input item; bytes are read only when it is sent. */
type Source =
	| { kind: 'binary'; propertyName: string; fileName: string | null; mimeType: string | null }
	| { kind: 'base64'; value: string }
	| { kind: 'url'; value: string };

interface Task {
	itemIndex: number;
	/** The vendor to ask, then its fallbacks in order (one entry without a fallback chain). */
	vendors: OcrAdapter[];
	/** How many of `vendors` lead the list only because of local-first (not picked by the user). */
	implicitLeading: number;
	source: Source;
	settings: ItemSettings;
	flow: ItemFlow;
}

/** Options that shape which files go where (new in node version 1.1, off in version 1) and the output rows. */
interface ItemFlow {
	localFirst: boolean;
	mergeCopies: boolean;
	skipNonInvoices: boolean;
	/** Option "Key Fields from QR Code Only": an image's readable invoice QR code is the answer, no paid call. */
	qrOnly: boolean;
	/** Opt-in flat rows for sheets and ERP imports; null keeps the contract's nested shape. */
	flatShape: FlatShape | null;
}

const FLAT_SHAPES: Record<string, FlatShape> = { flatInvoice: 'invoice', flatLines: 'lines' };

interface ItemSettings extends AttemptSettings {
	simplify: boolean;
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
		// Throws INVALID_INPUT naming the option for values no expression should produce.
		...ocrItemOptions(options),
		xinhuoType: String(options.xinhuoType ?? '9'),
		// New in 1.1 (a signature can fail the checks): version 1 workflows keep behaving as they did.
		checkSignatures: context.getNode().typeVersion >= 1.1 && options.checkSignatures !== false,
		jumdataInvoiceKind:
			context.getNodeParameter('jumdataInvoiceKind', itemIndex, 'normal') === 'roll' ? 'roll' : 'normal',
	};
}

function readFlow(context: IExecuteFunctions, itemIndex: number): ItemFlow {
	const options = context.getNodeParameter('options', itemIndex, {}) as IDataObject;
	// Version 1 workflows were saved before these options existed: they keep behaving as they did.
	const isV11 = context.getNode().typeVersion >= 1.1;
	const flag = (value: unknown) => (isV11 ? value !== false : false);
	return {
		localFirst: flag(options.localFirst),
		mergeCopies: flag(options.mergeCopies),
		skipNonInvoices: flag(options.skipNonInvoices),
		qrOnly: options.qrOnly === true,
		flatShape: FLAT_SHAPES[String(options.outputShape)] ?? null,
	};
}

/** Local-first: the local reader leads the list, so what it can read is never sent anywhere. */
function withLocalFirst(vendors: OcrAdapter[], flow: ItemFlow): { vendors: OcrAdapter[]; implicitLeading: number } {
	const local = ocrAdapter('local');
	if (!flow.localFirst || !local || vendors.some((adapter) => adapter.vendor === 'local')) {
		return { vendors, implicitLeading: 0 };
	}
	return { vendors: [local, ...vendors], implicitLeading: 1 };
}

/**
 * The vendor, or the fallback chain's vendors in order. One without a credential selected is still
 * listed: it fails as AUTH_FAILED when asked, and a chain goes on to its next vendor.
 */
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
	for (const name of names) {
		const adapter = ocrAdapter(name);
		if (!adapter) return `Unknown vendor "${name}" in "Vendors, in Order". Pick vendors from the list.`;
		adapters.push(adapter);
	}
	return adapters;
}

function planItem(context: IExecuteFunctions, item: INodeExecutionData, itemIndex: number): ItemPlan {
	const picked = vendorsToAsk(context, itemIndex);
	if (typeof picked === 'string') {
		return { failure: localFailure(invoiceError('INVALID_INPUT', { message: picked })) };
	}
	const [first] = picked;
	const flow = readFlow(context, itemIndex);
	const { vendors, implicitLeading } = withLocalFirst(picked, flow);
	// An option no expression should produce (Timeout "abc") fails this item, naming it.
	const checkedOptions = checkOcrItemOptions(context.getNodeParameter('options', itemIndex, {}) as IDataObject);
	if (!checkedOptions.ok) return { failure: localFailure({ ...checkedOptions.error, vendor: first.vendor }) };
	const settings = readSettings(context, itemIndex);
	const inputType = context.getNodeParameter('inputType', itemIndex, 'binary') as string;
	const fail = (message: string) => ({
		failure: localFailure(invoiceError('INVALID_INPUT', { vendor: first.vendor, message })),
	});
	const task = (source: Source): Task => ({ itemIndex, vendors, implicitLeading, source, settings, flow });

	if (inputType === 'base64') {
		const value = String(context.getNodeParameter('base64', itemIndex, '') ?? '');
		if (value.trim() === '') return fail('The Base64 String is empty. Map a field that holds the file as base64.');
		return { tasks: [task({ kind: 'base64', value })] };
	}
	if (inputType === 'url') {
		const value = String(context.getNodeParameter('url', itemIndex, '') ?? '').trim();
		// The vendors the user picked: local-first's reader never downloads, and is not worth naming.
		if (!picked.some((adapter) => adapter.limits.acceptsUrl)) {
			const names = picked.map((adapter) => adapter.displayName).join(', ');
			return fail(`${names} cannot download files from a URL. Download the file first and use Binary File input.`);
		}
		if (!/^https?:\/\/\S+$/i.test(value)) return fail(`"${value}" is not an http(s) URL.`);
		return { tasks: [task({ kind: 'url', value })] };
	}
	const spec = String(context.getNodeParameter('binaryPropertyName', itemIndex, 'data') ?? '');
	const available = Object.keys(item.binary ?? {});
	// Several names (`data, attachment_*`) list where a file may be: the item fails only when it has none.
	const { names, missing } = matchBinaryProperties(spec, available);
	if (names.length === 0) {
		const has = available.length ? `It has: ${available.join(', ')}.` : 'It has no binary data at all.';
		const wanted = missing.length > 1 ? `none of the binary fields "${missing.join('", "')}"` : `no binary field "${missing[0] ?? spec}"`;
		return fail(`The item has ${wanted}. ${has} Set "Input Binary Field(s)" to the field holding the invoice file.`);
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

/** Reads the file just before sending, so memory grows with concurrency, not batch size. */
async function loadFile(
	context: IExecuteFunctions,
	task: Task,
): Promise<{ ok: true; file: LoadedFile } | { ok: false; failure: ItemFailure }> {
	const { source } = task;
	if (source.kind === 'url') return { ok: true, file: { url: source.value } };
	if (source.kind === 'binary') {
		const bytes = await context.helpers.getBinaryDataBuffer(task.itemIndex, source.propertyName);
		return { ok: true, file: { bytes, fileName: source.fileName } };
	}
	const bytes = decodeBase64Input(source.value);
	if (bytes === null) {
		return {
			ok: false,
			failure: localFailure(
				invoiceError('INVALID_INPUT', {
					vendor: pickedVendor(task),
					message: 'The Base64 String is not valid base64. Map the file content, not its name or URL.',
				}),
			),
		};
	}
	return { ok: true, file: { bytes, fileName: null } };
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
					entry: null,
					alsoIn: [],
				}
			: null;
	return outcome.invoices.map((invoice, index) => ({
		json: toOutputInvoice(invoice, {
			vendor: adapter.vendor,
			source,
			simplify: task.settings.simplify,
			// The vendor's answer once per file; each invoice's own values are in `fields`.
			raw: index === 0 ? outcome.raw : null,
		}) as unknown as IDataObject,
		exactness: EXACTNESS_ORDER.indexOf(invoice.origin?.format ?? 'ocr'),
	}));
}

/** The vendor the user picked (first in a chain): what failures not tied to one source name. */
function pickedVendor(task: Task): OcrAdapter['vendor'] {
	return (task.vendors[task.implicitLeading] ?? task.vendors[0]).vendor;
}

/** With "Key Fields from QR Code Only", an image is offered to vendor local first even without local-first. */
function imageFlow(task: Task, isImage: boolean): { vendors: OcrAdapter[]; implicitLeading: number } {
	const local = ocrAdapter('local');
	if (!isImage || !task.flow.qrOnly || !local || task.vendors.some((adapter) => adapter.kind === 'local')) {
		return { vendors: task.vendors, implicitLeading: task.implicitLeading };
	}
	return { vendors: [local, ...task.vendors], implicitLeading: task.implicitLeading + 1 };
}

/** What one file gave: output results, or why it was skipped without a request. */
interface TaskResult {
	results: ItemResult[];
	skipped?: string;
}

/** "logo.png: a 120×40 px image, too small to be an invoice", or null when the file may be an invoice. */
function skipReason(task: Task, file: LoadedFile): string | null {
	if (!task.flow.skipNonInvoices || !('bytes' in file) || task.source.kind !== 'binary') return null;
	const { propertyName, fileName, mimeType } = task.source;
	const format = sniffFormat(file.bytes);
	const reason = notAnInvoice(file.bytes, format, fileName, mimeType);
	if (reason === null) return null;
	// A cropped invoice QR code is small, yet it holds the invoice's key fields (searching a small image is cheap).
	if (isQrImageFormat(format) && imageInvoiceQr(file.bytes) !== null) return null;
	return `${fileName ?? propertyName} (${reason})`;
}

/** "trip-sheet.pdf (a document with no invoice in it)" when skipping is on for this file, else null. */
function skippedDocument(task: Task): string | null {
	if (!task.flow.skipNonInvoices || task.source.kind !== 'binary') return null;
	return `${task.source.fileName ?? task.source.propertyName} (a document with no invoice in it)`;
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
): Promise<TaskResult> {
	const results = await recognizeFile(context, task, gateFor, isStopped);
	return Array.isArray(results) ? { results } : results;
}

async function recognizeFile(
	context: IExecuteFunctions,
	task: Task,
	gateFor: (adapter: OcrAdapter) => RateGate,
	isStopped: () => boolean,
): Promise<ItemResult[] | TaskResult> {
	try {
		const loaded = await loadFile(context, task);
		if (!loaded.ok) return [loaded.failure];
		const skipped = skipReason(task, loaded.file);
		if (skipped !== null) return { results: [], skipped };
		const earlier: Array<{ vendorName: string; failure: ItemFailure }> = [];
		const image = 'bytes' in loaded.file && isQrImageFormat(sniffFormat(loaded.file.bytes)) ? loaded.file.bytes : null;
		const { vendors, implicitLeading } = imageFlow(task, image !== null);
		// The image's QR code, read beside the first vendor request (once for a whole chain).
		let besideQr: Promise<InvoiceQr | null> | null = null;
		for (const [position, adapter] of vendors.entries()) {
			const isLast = position === vendors.length - 1;
			// Vendor local reads only an image's QR code: a vendor after it reads the whole invoice, unless the
			// user wants only the key fields.
			if (image && adapter.kind === 'local' && !isLast && !task.flow.qrOnly) continue;
			const answer = attemptSource(adapter, loaded.file, {
				context,
				itemIndex: task.itemIndex,
				what: describeSource(task.source),
				settings: task.settings,
				gate: gateFor(adapter),
				isStopped,
			});
			if (image && adapter.kind === 'http') besideQr = besideQr ?? imageQrBesideVendor(image, async () => await sleep(0));
			const result = await answer;
			if (result.ok) {
				// The image's QR code beside the vendor's answer: it fills the check code and flags misreads.
				if (image && adapter.kind === 'http' && besideQr) {
					withImageQr(result.outcome.invoices, image, await besideQr);
				}
				return answerItems(task, adapter, result.outcome);
			}
			// A document the local reader found text but no invoice in (a trip sheet, a hotel folio, a bank receipt) is
			// skipped like a logo: it is no invoice whichever vendor reads it.
			if (adapter.kind === 'local' && result.failure.error.code === 'NO_INVOICE_FOUND') {
				const skipped = skippedDocument(task);
				if (skipped !== null) return { results: [], skipped };
			}
			if (isLast || !triesNextVendor(result.failure)) return [chainFailure(result.failure, earlier)];
			// Local-first's own refusal (an image is not an e-invoice file) is not worth reporting.
			if (position >= implicitLeading) {
				earlier.push({ vendorName: adapter.displayName, failure: result.failure });
			}
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
					vendor: pickedVendor(task),
					message: `${describeSource(task.source)} could not be processed (${reason}). Please report this if it persists.`,
				}),
				local: true,
			},
		];
	}
}

/**
 * One input item's results: its files' invoices, copies merged; when every file was skipped as
 * not an invoice, one failed item says so, so that no input item vanishes silently.
 */
function itemResults(itemTasks: Task[], resultOf: Map<Task, TaskResult | undefined>): ItemResult[] {
	const own = itemTasks.map((task) => resultOf.get(task));
	const found = own.flatMap((result) => result?.results ?? []);
	const skipped = own.flatMap((result) => (result?.skipped ? [result.skipped] : []));
	if (found.length === 0 && skipped.length > 0 && skipped.length === own.length) {
		const [first] = itemTasks;
		return [
			localFailure(
				invoiceError('NO_INVOICE_FOUND', {
					vendor: pickedVendor(first),
					message: `None of the item's files is an invoice: ${skipped.join(', ')}. Turn off "Skip Attachments That Are Not Invoices" to send them anyway.`,
				}),
			),
		];
	}
	const flow = itemTasks[0]?.flow;
	const merged = flow?.mergeCopies ? mergeCopies(found) : found;
	const shape = flow?.flatShape;
	if (!shape) return merged;
	return merged.flatMap((result): ItemResult[] =>
		isFailure(result) ? [result] : flattenInvoice(result.json, shape).map((json) => ({ json })),
	);
}

/** Invoice OCR: every input item's files to one output item per invoice (or one failed item). */
export async function recognizeInvoices(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	if (items.length === 0) return [[]];
	const plans = items.map((item, itemIndex) => planItem(this, item, itemIndex));
	const tasks = plans.flatMap((plan) => ('tasks' in plan ? plan.tasks : []));

	// Nonsense in these fails the node before anything is sent; 0 means the vendor's default.
	const pacing = nodePacingOptions(this);
	const gates = new Map<string, RateGate>();
	const gateFor = (adapter: OcrAdapter) => {
		let gate = gates.get(adapter.vendor);
		if (!gate) {
			// 0 = auto: the account's rate is learned and shared per credential (rateControl.ts).
			const perSecond = pacing.requestsPerSecond;
			// A rate-limited file waits its turn at the last vendor; a vendor with a fallback
			// after it passes the file on instead (after its retries).
			const last = tasks.some((task) => task.vendors[task.vendors.length - 1] === adapter);
			const waitBudget = last ? pacing.rateLimitWaitBudgetSeconds : 0;
			gate = RateGate.forAccount(this, adapter, perSecond, waitBudget);
			gates.set(adapter.vendor, gate);
		}
		return gate;
	};
	const firstPicked = tasks[0]?.vendors[tasks[0].implicitLeading];
	// 0 = auto: as many in flight as the first vendor's learned rate × latency needs.
	const concurrency = pacing.concurrency || (firstPicked ? () => gateFor(firstPicked).parallelism() : 1);
	const continueOnFail = this.continueOnFail();
	// Without continue-on-fail an item that already failed planning fails the node: send nothing.
	let stopped = !continueOnFail && plans.some((plan) => 'failure' in plan);
	const results = await mapWithConcurrency(
		tasks,
		concurrency,
		async (task) => {
			const result = await recognize(this, task, gateFor, () => stopped);
			// Without continue-on-fail the node stops at a failure: send nothing more.
			if (!continueOnFail && result.results.some((entry) => 'error' in entry)) stopped = true;
			return result;
		},
		() => stopped,
	);

	const resultOf = new Map(tasks.map((task, index) => [task, results[index]]));
	const resultsByItem = plans.map((plan) =>
		'failure' in plan ? [plan.failure] : itemResults(plan.tasks, resultOf),
	);
	const binaryOf = (itemIndex: number): IBinaryKeyData | undefined => {
		const itemOptions = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		return itemOptions.includeBinary === false ? undefined : items[itemIndex].binary;
	};
	return buildOutput(this, resultsByItem, binaryOf);
}
