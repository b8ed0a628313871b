import type { INodeProperties } from 'n8n-workflow';

import { INVOICE_TYPE_NAMES } from '../shared/types';
import type { InvoiceType } from '../shared/types';
import { VERIFIED_BY_AMOUNT, WEBANK_VERIFIABLE } from '../shared/vendors/webank/verify';

/**
 * Readable names for the types an override may set: the ones WeBank verifies. Each option shows the
 * English name and the type's printed Chinese name (`·`: some Chinese names hold parentheses).
 */
const TYPE_LABELS: Partial<Record<InvoiceType, string>> = {
	vat_special: 'VAT Special Invoice',
	vat_common: 'VAT Common Invoice',
	vat_electronic_special: 'VAT Electronic Special Invoice',
	vat_electronic_common: 'VAT Electronic Common Invoice',
	vat_roll: 'VAT Roll Invoice',
	vat_toll: 'VAT Electronic Toll Invoice',
	digital_special: 'Fully Digital (数电) Special Invoice',
	digital_common: 'Fully Digital (数电) Common Invoice',
};
const VERIFIABLE_TYPE_OPTIONS = (Object.keys(WEBANK_VERIFIABLE) as InvoiceType[]).map((type) => ({
	name: `${TYPE_LABELS[type] ?? type} · ${INVOICE_TYPE_NAMES[type]}`,
	value: type,
	description: VERIFIED_BY_AMOUNT.includes(type)
		? 'Verified with its Amount Before Tax (不含税金额)'
		: 'Verified with its Check Code (校验码)',
}));

const onVerify = { show: { operation: ['verify'] } };

export const verifyInvoiceProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Check Offline',
				value: 'checkOffline',
				action: 'Check an invoice offline',
				description:
					'Check totals, tax IDs, invoice code, tax rates and dates without calling any vendor',
			},
			{
				name: 'Verify',
				value: 'verify',
				action: 'Verify an invoice with the tax system',
				description: "Ask the vendor's verification service whether the tax system holds this invoice",
			},
		],
		default: 'verify',
	},
	{
		displayName: 'Vendor',
		name: 'vendor',
		type: 'options',
		noDataExpression: true,
		options: [{ name: 'WeBank', value: 'webank' }],
		default: 'webank',
		description: 'The verification service to ask',
		displayOptions: onVerify,
	},
	{
		displayName:
			'WeBank verifies VAT special, common, electronic common (toll included) and roll invoices issued within the last year, at most 5 times per invoice per day; electronic special and 数电 invoices are asked too. Other types are answered UNSUPPORTED_TYPE without a call.',
		name: 'webankNotice',
		type: 'notice',
		default: '',
		displayOptions: onVerify,
	},
	{
		displayName: 'Invoice Fields',
		name: 'overrides',
		type: 'collection',
		placeholder: 'Override Field',
		default: {},
		description:
			'By default the invoice is read from the incoming item (the output of Invoice OCR). Set a field here to use another value.',
		displayOptions: onVerify,
		options: [
			{
				// A string, so that adding the field does not insert 0.00 and send it for every item.
				displayName: 'Amount Before Tax (不含税金额)',
				name: 'amount',
				type: 'string',
				default: '',
				placeholder: 'e.g. 1300.00',
				description:
					'The amount before tax in yuan (金额 in the 合计 row, not the Total 价税合计); needed for special and 数电 invoices. Empty: taken from the incoming item.',
			},
			{
				displayName: 'Check Code (校验码)',
				name: 'checkCode',
				type: 'string',
				default: '',
				description:
					'The 20-digit check code; the last six digits are sent. Needed for common, electronic common and roll invoices.',
			},
			{
				displayName: 'Invoice Code (发票代码)',
				name: 'invoiceCode',
				type: 'string',
				default: '',
				description: 'The 10- or 12-digit invoice code; 数电 invoices have none',
			},
			{
				displayName: 'Invoice Number (发票号码)',
				name: 'invoiceNumber',
				type: 'string',
				default: '',
				description: 'The 8-digit invoice number, or the 20-digit number of a 数电 invoice',
			},
			{
				displayName: 'Invoice Type (发票类型)',
				name: 'invoiceType',
				type: 'options',
				options: [
					{ name: 'From the Incoming Item', value: '', description: 'Use the item\'s invoiceType' },
					...VERIFIABLE_TYPE_OPTIONS,
				],
				default: '',
				description:
					'Only the types WeBank verifies are listed; other types are answered UNSUPPORTED_TYPE without a call',
			},
			{
				displayName: 'Issue Date (开票日期)',
				name: 'issueDate',
				type: 'string',
				default: '',
				placeholder: '2024-05-31',
				description: 'The issue date as YYYY-MM-DD (other printed forms are understood too)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: onVerify,
		options: [
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
				description:
					'How often to retry a call that failed for a transient reason (service busy, timeout, reset)',
			},
			{
				displayName: 'Rate-Limit Wait Budget (Seconds)',
				name: 'rateLimitWaitBudget',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				description:
					'How long an invoice may keep waiting for its turn after the service answered "rate limited", without using up Max Retries; then it fails as RATE_LIMITED. 0 = no waiting: a rate limit is retried within Max Retries.',
			},
			{
				displayName: 'Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 1 },
				default: 0,
				description:
					'0 = auto: the rate is learned from the service\'s answers and shared with every execution in this n8n process that uses the same credential. A number is a hard ceiling that is never exceeded.',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description:
					'How long to wait for the verification service to answer, up to 3600 seconds. 0 or empty uses the default, 30.',
			},
		],
	},
];
