/**
 * Shared pieces of the engine tests: the fake vendors, credentials pointing at them, and a
 * one-call way to run Invoice OCR or Verify Invoice through n8n's WorkflowExecute.
 */
import { FAKE_CREDENTIALS, samples, startAllFakes } from '../fakes';
import type { AllFakes, VendorName } from '../fakes';
import type { InputItem, NodeSpec, RunResult } from '../harness/engine';
import { runWorkflow } from '../harness/engine';

export { samples };

export const CREDENTIAL_TYPE: Record<VendorName, string> = {
	juhe: 'juheApi',
	volcengine: 'volcengineApi',
	jumdata: 'jumdataApi',
	xinhuo: 'xinhuoApi',
	webank: 'webankApi',
};

/** The credential values a user would enter, with base URLs pointing at the fakes. */
export function credentialsFor(
	fakes: AllFakes,
	vendor: VendorName,
	override: Record<string, unknown> = {},
): Record<string, Record<string, unknown>> {
	const base =
		vendor === 'webank'
			? { ocrBaseUrl: fakes.webank.url, verifyBaseUrl: fakes.webank.url }
			: { ...FAKE_CREDENTIALS[vendor], baseUrl: fakes[vendor].url };
	return { [CREDENTIAL_TYPE[vendor]]: { ...base, ...override } };
}

export function pngItem(options: Parameters<typeof samples.png>[0] = {}, property = 'data'): InputItem {
	return {
		json: {},
		binary: { [property]: { data: samples.png(options), fileName: 'invoice.png', mimeType: 'image/png' } },
	};
}

export function fileItem(data: Buffer, fileName: string, mimeType: string, property = 'data'): InputItem {
	return { json: {}, binary: { [property]: { data, fileName, mimeType } } };
}

/** A vendor value of Invoice OCR: an HTTP vendor (with a fake) or the local reader. */
export type SourceName = VendorName | 'local';

export interface OcrRun extends RunResult {
	success: Array<Record<string, unknown>>;
	errors: Array<Record<string, unknown>>;
	pairedItems: unknown[];
}

/**
 * Runs Invoice OCR once. A list of vendors runs it as a fallback chain, with a credential for
 * each. `credentials` overrides fields of the (first) vendor's credential. `onError` defaults to
 * the error output so failures are inspectable.
 */
export async function runOcr(
	fakes: AllFakes,
	vendor: SourceName | SourceName[],
	options: {
		parameters?: Record<string, unknown>;
		items?: InputItem[];
		onError?: NodeSpec['onError'];
		credentials?: Record<string, unknown>;
		/** The node's type version: 1 (the default here, as saved workflows have it) or 1.1. */
		typeVersion?: number;
	} = {},
): Promise<OcrRun> {
	// Local reading needs no credential: only the HTTP vendors of the chain get one.
	const chain = (Array.isArray(vendor) ? vendor : [vendor]).filter(
		(name): name is VendorName => name !== 'local',
	);
	const vendorParameters = Array.isArray(vendor) ? { vendor: 'fallbackChain', vendors: vendor } : { vendor };
	const result = await runWorkflow({
		node: {
			name: 'Invoice OCR',
			type: 'invoiceOcr',
			typeVersion: options.typeVersion,
			parameters: {
				...vendorParameters,
				inputType: 'binary',
				binaryPropertyName: 'data',
				...options.parameters,
				options: { maxRetries: 0, rateLimitWaitBudget: 0, ...((options.parameters?.options as object) ?? {}) },
			},
			credentials: Object.fromEntries(
				chain.map((name, index) => [CREDENTIAL_TYPE[name], { id: String(index + 1), name }]),
			),
			onError: options.onError ?? 'continueErrorOutput',
		},
		items: options.items ?? [pngItem()],
		credentials: Object.assign(
			{},
			...chain.map((name, index) => credentialsFor(fakes, name, index === 0 ? options.credentials : {})),
		),
	});
	const outputs = result.outputs['Invoice OCR'] ?? [];
	// The contract (Wave 2): every recognized invoice has a non-empty dedupeKey, whatever the vendor.
	// (A node that stopped the run output no invoices: nothing to check.)
	const stopped = Boolean(result.run.data.resultData.error);
	for (const item of stopped ? [] : (outputs[0] ?? [])) {
		if (!('error' in item.json) && (typeof item.json.dedupeKey !== 'string' || item.json.dedupeKey === '')) {
			throw new Error(`an invoice without a dedupeKey: ${JSON.stringify(item.json).slice(0, 300)}`);
		}
	}
	return {
		...result,
		success: (outputs[0] ?? []).map((item) => item.json),
		errors: (outputs[1] ?? []).map((item) => item.json),
		pairedItems: [...(outputs[0] ?? []), ...(outputs[1] ?? [])].map((item) => item.pairedItem),
	};
}

export interface VerifyRun extends RunResult {
	success: Array<Record<string, unknown>>;
	errors: Array<Record<string, unknown>>;
}

/**
 * Runs Verify Invoice (Verify with WeBank, against the fake) once on these items. `parameters`
 * replace the defaults (Max Retries 0); failures go to the error output so they are inspectable.
 */
export async function runVerify(
	fakes: AllFakes,
	items: Array<Record<string, unknown>>,
	parameters: Record<string, unknown> = {},
): Promise<VerifyRun> {
	const result = await runWorkflow({
		node: {
			name: 'Verify Invoice',
			type: 'verifyInvoice',
			parameters: { operation: 'verify', vendor: 'webank', options: { maxRetries: 0 }, ...parameters },
			credentials: { webankApi: { id: '1', name: 'WeBank' } },
			onError: 'continueErrorOutput',
		},
		items: items.map((json) => ({ json })),
		credentials: credentialsFor(fakes, 'webank'),
	});
	const outputs = result.outputs['Verify Invoice'] ?? [];
	return {
		...result,
		success: (outputs[0] ?? []).map((item) => item.json),
		errors: (outputs[1] ?? []).map((item) => item.json),
	};
}

/** The contract's invoice type of each kind in the WeBank fake's verification registry. */
const REGISTRY_TYPE: Record<string, string> = {
	VAT_special_invoice: 'vat_special',
	VAT_invoice: 'vat_common',
	'VAT_e-invoice': 'vat_electronic_common',
	'VAT_v-invoice': 'vat_roll',
};

/** A genuine invoice from the WeBank fake's registry, as Invoice OCR would have output it. */
export function registryInvoice(fakes: AllFakes, name = 'VAT_e-invoice'): Record<string, unknown> {
	const entry = fakes.webank.verifyRegistry.find((candidate) => candidate.name === name);
	if (!entry) throw new Error(`The fake registry has no ${name}`);
	return {
		invoiceType: REGISTRY_TYPE[name],
		invoiceCode: entry.invoice.invoice_code,
		invoiceNumber: entry.invoice.invoice_id,
		issueDate: entry.issueDate,
		checkCode: entry.invoice.check_code ?? null,
		amount: Number(entry.invoice.total_amount),
	};
}

/** The OCR requests a fake received (not credential tests or control calls). */
export function ocrRequests(fakes: AllFakes, vendor: VendorName) {
	return fakes[vendor].requests.filter((request) => request.route === 'ocr');
}

export async function withFakes(): Promise<AllFakes> {
	return await startAllFakes();
}
