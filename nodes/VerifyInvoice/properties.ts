import type { INodeProperties } from 'n8n-workflow';

import { INVOICE_TYPES, INVOICE_TYPE_NAMES } from '../shared/types';

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
			'WeBank verifies VAT special, VAT common, VAT electronic common and VAT roll invoices issued within the last year, at most 5 times per invoice per day. Other invoices are answered without a call.',
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
				displayName: 'Amount (Pre-Tax)',
				name: 'amount',
				type: 'number',
				typeOptions: { numberPrecision: 2 },
				default: 0,
				description: 'The amount before tax in yuan; needed for VAT special invoices',
			},
			{
				displayName: 'Check Code',
				name: 'checkCode',
				type: 'string',
				default: '',
				description: 'The 20-digit check code; the last six digits are sent',
			},
			{
				displayName: 'Invoice Code',
				name: 'invoiceCode',
				type: 'string',
				default: '',
				description: 'The 10- or 12-digit invoice code',
			},
			{
				displayName: 'Invoice Number',
				name: 'invoiceNumber',
				type: 'string',
				default: '',
				description: 'The 8-digit invoice number',
			},
			{
				displayName: 'Invoice Type',
				name: 'invoiceType',
				type: 'options',
				options: INVOICE_TYPES.map((type) => ({
					name: type,
					value: type,
					description: INVOICE_TYPE_NAMES[type],
				})),
				default: 'vat_common',
				description: 'The invoice type value, as Invoice OCR outputs it',
			},
			{
				displayName: 'Issue Date',
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
					'How often to retry a call that failed for a passing reason (service busy, timeout, reset)',
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long to wait for the verification service to answer',
			},
		],
	},
];
