/** Juhe (聚合数据) VAT roll-invoice OCR: `POST /vat_roll_invoice_ocr/query`, key added by the credential. */
import { invoiceError, mapVendorError } from '../../errors';
import {
	applyFieldTable,
	asRecord,
	blankInvoice,
	itemsFromRows,
	recordList,
} from '../../normalize/invoice';
import { fieldValue, text } from '../../normalize/parse';
import { uploadedBase64 } from '../request';
import { statusFallback, unexpectedShape } from '../response';
import type { HttpOcrAdapter, OcrOutcome, VendorHttpResponse } from '../types';
import { JUHE_ERRORS } from './errors';
import { JUHE_FIELDS, JUHE_ITEM_FIELDS } from './fields';

const ITEM_LABELS = new Set(Object.keys(JUHE_ITEM_FIELDS));

interface LabelledValue {
	name: string;
	value: unknown;
}

function labelledValues(list: unknown): LabelledValue[] {
	return recordList(list)
		.map((entry) => ({ name: text(entry.name) ?? '', value: entry.value }))
		.filter((entry) => entry.name !== '');
}

/**
 * `fields` by Juhe's own labels. Item labels are always arrays (one value per printed row) and
 * any other label that repeats becomes an array too, so no value is lost.
 */
function juheFields(values: LabelledValue[]): Record<string, unknown> {
	const grouped = new Map<string, unknown[]>();
	for (const { name, value } of values) {
		grouped.set(name, [...(grouped.get(name) ?? []), fieldValue(value)]);
	}
	const fields: Record<string, unknown> = {};
	for (const [name, list] of grouped) {
		fields[name] = ITEM_LABELS.has(name) || list.length > 1 ? list : list[0];
	}
	return fields;
}

/** The n-th 品名 pairs with the n-th 数量/单价/金额: Juhe lists each label once per row. */
function itemRows(values: LabelledValue[]): Array<Record<string, unknown>> {
	const rows: Array<Record<string, unknown>> = [];
	const seen = new Map<string, number>();
	for (const { name, value } of values) {
		if (!ITEM_LABELS.has(name)) continue;
		const index = seen.get(name) ?? 0;
		seen.set(name, index + 1);
		rows[index] = { ...(rows[index] ?? {}), [name]: value };
	}
	return rows.filter((row) => row !== undefined);
}

function parseResponse(response: VendorHttpResponse): OcrOutcome {
	const body = asRecord(response.body);
	if (body === null || body.error_code === undefined || body.error_code === null) {
		return unexpectedShape('juhe', 'Juhe', response.statusCode);
	}
	const result = asRecord(body.result);
	const requestId = text(result?.request_id);
	const vendorCode = String(body.error_code);
	if (vendorCode !== '0') {
		return {
			ok: false,
			error: mapVendorError(
				JUHE_ERRORS,
				'juhe',
				vendorCode,
				text(body.reason),
				requestId,
				statusFallback(response.statusCode),
			),
		};
	}
	const values = labelledValues(result?.vat_roll_invoice_infos);
	if (values.length === 0) {
		return {
			ok: false,
			error: invoiceError('NO_INVOICE_FOUND', {
				vendor: 'juhe',
				vendorCode,
				vendorMessage: text(body.reason),
				requestId,
				message:
					'Juhe found no roll invoice in the image. Send a sharp image of a VAT roll invoice.',
			}),
		};
	}
	// Labels that repeat outside the item list keep their first value for the contract keys.
	const firstValues: Record<string, unknown> = {};
	for (const { name, value } of values) if (!(name in firstValues)) firstValues[name] = value;

	const invoice = applyFieldTable(blankInvoice('vat_roll'), JUHE_FIELDS, firstValues);
	invoice.items = itemsFromRows(JUHE_ITEM_FIELDS, itemRows(values));
	invoice.fields = juheFields(values);
	return { ok: true, invoices: [invoice], requestId, raw: response.body };
}

export const juheAdapter: HttpOcrAdapter = {
	kind: 'http',
	vendor: 'juhe',
	displayName: 'Juhe',
	credentialType: 'juheApi',
	limits: {
		formats: ['png', 'jpeg'],
		// Juhe measures its 3 MB limit on the base64 text, not on the file.
		maxBytes: 3 * 1024 * 1024,
		sizeBasis: 'base64',
		acceptsUrl: false,
	},
	// Juhe documents no rate for this API and answers 10011 when an IP goes over its limit;
	// 5 in flight and 10 per second keep a batch quick without tripping that on a normal key.
	pacing: { concurrency: 5, requestsPerSecond: 10 },
	buildRequest(input) {
		const base64 = uploadedBase64(
			input,
			'juhe',
			'Juhe reads only uploaded images, not URLs. Use the binary or base64 input.',
		);
		return {
			method: 'POST',
			url: '/vat_roll_invoice_ocr/query',
			body: new URLSearchParams({ image_base64: base64 }),
		};
	},
	parseResponse,
};
