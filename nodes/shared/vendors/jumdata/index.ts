/** Jumdata (聚美智数) invoice OCR v2; the credential adds appId, timestamp and sign to the form. */
import type { InvoiceType, RecognizedInvoice } from '../../types';
import { INVOICE_TYPE_NAMES } from '../../types';
import { invoiceError, mapVendorError, type VendorErrorRow } from '../../errors';
import {
	applyFieldTable,
	asRecord,
	blankInvoice,
	itemsFromRows,
	vendorFields,
} from '../../normalize/invoice';
import { text } from '../../normalize/parse';
import { invalidInput } from '../request';
import { statusFallback, unexpectedShape } from '../response';
import type { HttpOcrAdapter, OcrOutcome, OcrRequestInput, VendorHttpResponse } from '../types';
import { JUMDATA_ERRORS, JUMDATA_PARAMETER_ERRORS } from './errors';
import { JUMDATA_FIELDS, JUMDATA_INVOICE_TYPES, JUMDATA_ITEM_FIELDS } from './fields';

const CONTRACT_TYPE_BY_NAME = new Map<string, InvoiceType>(
	Object.entries(INVOICE_TYPE_NAMES).map(([type, name]) => [name, type as InvoiceType]),
);

/**
 * The contract type of a Jumdata answer. A `roll` request reads only roll invoices; without the
 * request at hand, a 卷 in the name or a 机打号码 under a generic name (the document says only
 * roll invoices carry one) marks a roll invoice.
 */
export function jumdataInvoiceType(
	data: Readonly<Record<string, unknown>>,
	kind?: OcrRequestInput['jumdataInvoiceKind'],
): InvoiceType {
	if (kind === 'roll') return 'vat_roll';
	const name = (text(data.invoiceType) ?? '').replace(/（/g, '(').replace(/）/g, ')');
	const named = JUMDATA_INVOICE_TYPES[name] ?? CONTRACT_TYPE_BY_NAME.get(name);
	const genericName = named === undefined || named === 'vat_common';
	if (name.includes('卷') || (genericName && text(data.machineNum) !== null)) return 'vat_roll';
	return named ?? 'other';
}

/**
 * Line items from the row-indexed arrays: entries with the same `row` form one item; an entry
 * without a row number takes its position in the array (1-based) instead.
 */
function commodityRows(data: Readonly<Record<string, unknown>>): Array<Record<string, unknown>> {
	const rows = new Map<string, Record<string, unknown>>();
	for (const key of Object.keys(JUMDATA_ITEM_FIELDS)) {
		const column = data[key];
		if (!Array.isArray(column)) continue;
		column.forEach((entry: unknown, index) => {
			const cell = asRecord(entry);
			if (cell === null) return;
			const row = text(cell.row) ?? String(index + 1);
			rows.set(row, { ...(rows.get(row) ?? {}), [key]: cell.word });
		});
	}
	const order = (row: string) => (/^\d+$/.test(row) ? Number(row) : Number.MAX_SAFE_INTEGER);
	return [...rows.entries()].sort(([a], [b]) => order(a) - order(b)).map(([, row]) => row);
}

/**
 * A roll invoice prints one 合计金额 that includes tax. When Jumdata puts it in `totalAmount`
 * (the pre-tax slot on other types), it is the total, not a pre-tax amount.
 */
function settleRollAmounts(invoice: RecognizedInvoice): void {
	if (invoice.invoiceType !== 'vat_roll' || invoice.amount === null) return;
	if (invoice.total === null || invoice.total === invoice.amount) {
		invoice.total = invoice.amount;
		invoice.amount = null;
	}
}

function parameterErrorRow(vendorMessage: string | null): VendorErrorRow {
	const refined = JUMDATA_PARAMETER_ERRORS.find(({ pattern }) => pattern.test(vendorMessage ?? ''));
	return refined?.row ?? JUMDATA_ERRORS['400'];
}

/**
 * `input` is optional: with it, a `roll` request is typed `vat_roll` whatever name Jumdata
 * prints; without it, the type comes from the answer alone.
 */
function parseResponse(response: VendorHttpResponse, input?: OcrRequestInput): OcrOutcome {
	const body = asRecord(response.body);
	if (body === null || body.code === undefined || body.code === null) {
		return unexpectedShape('jumdata', 'Jumdata', response.statusCode);
	}
	const requestId = text(body.taskNo);
	const vendorCode = String(body.code);
	const vendorMessage = text(body.msg);
	if (vendorCode !== '200') {
		const table =
			vendorCode === '400' ? { '400': parameterErrorRow(vendorMessage) } : JUMDATA_ERRORS;
		return {
			ok: false,
			error: mapVendorError(
				table,
				'jumdata',
				vendorCode,
				vendorMessage,
				requestId,
				statusFallback(response.statusCode),
			),
		};
	}
	const data = asRecord(body.data);
	if (data === null || Object.keys(data).length === 0) {
		return {
			ok: false,
			error: invoiceError('NO_INVOICE_FOUND', {
				vendor: 'jumdata',
				vendorCode,
				vendorMessage,
				requestId,
				message:
					'Jumdata found no invoice in the file. Send a sharp image of a VAT invoice (choose "Roll" for roll invoices).',
			}),
		};
	}
	const invoice = applyFieldTable(
		blankInvoice(jumdataInvoiceType(data, input?.jumdataInvoiceKind)),
		JUMDATA_FIELDS,
		data,
	);
	settleRollAmounts(invoice);
	invoice.items = itemsFromRows(JUMDATA_ITEM_FIELDS, commodityRows(data));
	invoice.fields = vendorFields(data);
	return { ok: true, invoices: [invoice], requestId, raw: response.body };
}

export const jumdataAdapter: HttpOcrAdapter = {
	kind: 'http',
	vendor: 'jumdata',
	displayName: 'Jumdata',
	credentialType: 'jumdataApi',
	limits: {
		formats: ['jpeg', 'png', 'bmp', 'pdf', 'ofd'],
		maxBytes: 4 * 1024 * 1024,
		sizeBasis: 'file',
		acceptsUrl: true,
		minSidePx: 15,
		maxSidePx: 4096,
	},
	// Jumdata documents no rate, only 609 "too frequent"; 5 in flight and 10 per second is a
	// moderate start that a normal app key handles, to be lowered if 609 appears.
	pacing: { concurrency: 5, requestsPerSecond: 10 },
	buildRequest(input) {
		const form = new URLSearchParams();
		if (input.base64 && input.format === 'pdf') {
			form.set('pdfBase64', input.base64);
			form.set('pdfFileNum', String(input.page ?? 1));
		} else if (input.base64 && input.format === 'ofd') {
			form.set('ofdBase64', input.base64);
			form.set('ofdFileNum', String(input.page ?? 1));
		} else if (input.base64) {
			form.set('imageBase64', input.base64);
		} else if (input.url) {
			form.set('url', input.url);
		} else {
			throw invalidInput(
				'jumdata',
				'Nothing to recognize: pass a file (binary or base64) or a file URL.',
			);
		}
		form.set('type', input.jumdataInvoiceKind ?? 'normal');
		return { method: 'POST', url: '/ocr/invoice-v2', body: form };
	},
	parseResponse,
};
