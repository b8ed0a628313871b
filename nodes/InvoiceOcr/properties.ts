import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

import type { VendorId } from '../shared/types';
import { VENDORS } from '../shared/types';

/** The `vendor` value that sends each item to several vendors in turn (listed in `vendors`). */
export const FALLBACK_CHAIN = 'fallbackChain';

/** Vendors that fetch a file from a URL themselves (Jumdata `url`, Volcengine `image_url`). */
const URL_VENDORS = ['jumdata', 'volcengine'];
const NON_URL_VENDORS = ['juhe', 'webank', 'xinhuo', 'local'];

/** Shown from node version 1.1 on: options whose default changes what a version-1 workflow does. */
const FROM_VERSION_1_1: IDisplayOptions = { show: { '@version': [{ _cnd: { gte: 1.1 } }] } };

/**
 * Options of the Options collection that concern vendor calls (rate, retries, timeout, parallel
 * requests, local-first), hidden when the vendor is the local reader, which calls no one. `/`: the
 * collection's options are judged against the node's parameters.
 */
const NOT_FOR_LOCAL: IDisplayOptions = { hide: { '/vendor': ['local'] } };

/**
 * Visible when `vendor` is this vendor, or a fallback chain that lists it. n8n ANDs `show` keys
 * and checks only the first credential entry of a type at run time, so "vendor OR listed" is
 * written as hide rules: hide when another vendor is chosen, or when every listed vendor is
 * another one (`_cnd` conditions must hold for every value of a multi-option).
 */
export function displayForVendor(vendor: VendorId): IDisplayOptions {
	const others = VENDORS.filter((other) => other !== vendor);
	return {
		hide: {
			vendor: others,
			vendors: [{ _cnd: { regex: `^(${others.join('|')})$` } }],
		},
	};
}

/**
 * A parameter (or an option, `root` '/' inside the Options collection) that applies to one vendor,
 * as two copies of one name: one shown for that vendor alone, one for a chain that lists it. Hide
 * rules skip an empty list, so written as `displayForVendor` a chain with no vendor listed yet would
 * show every vendor's parameters; show rules on a list need a listed value.
 */
function forVendorOnly(
	vendor: VendorId,
	property: INodeProperties,
	root: '' | '/' = '',
): INodeProperties[] {
	return [
		{ ...property, displayOptions: { show: { [`${root}vendor`]: [vendor] } } },
		{
			...property,
			displayOptions: {
				show: { [`${root}vendor`]: [FALLBACK_CHAIN], [`${root}vendors`]: [vendor] },
			},
		},
	];
}

const INPUT_BINARY = {
	name: 'Binary File',
	value: 'binary',
	description: 'A file from a previous node, e.g. a mail attachment or a downloaded file',
};
const INPUT_BASE64 = {
	name: 'Base64 String',
	value: 'base64',
	description: 'The file content as base64 text (a data: prefix is allowed)',
};
const INPUT_URL = {
	name: 'URL',
	value: 'url',
	description: 'A public link the vendor downloads the file from itself',
};

/** The Vendor selector; its default depends on the node version (see the two uses below). */
const VENDOR_PARAMETER: INodeProperties = {
	displayName: 'Vendor',
	name: 'vendor',
	type: 'options',
	noDataExpression: true,
	default: 'local',
	options: [
		{
			name: 'E-Invoice Files (Read Locally, No Vendor)',
			value: 'local',
			description:
				'E-invoice (电子发票, 数电) XML, OFD, PDF and ZIP bundles read inside n8n: exact, free, private. Images and scans need an OCR vendor.',
		},
		{
			name: 'Juhe',
			value: 'juhe',
			description: 'VAT roll invoices (卷票) only; PNG or JPEG',
		},
		{
			name: 'Jumdata',
			value: 'jumdata',
			description: 'VAT invoices (增值税发票) including fully digital (数电) and roll (卷票); images, PDF or OFD',
		},
		{
			name: 'Several Vendors, in Fallback Order',
			value: FALLBACK_CHAIN,
			description:
				'Try the next vendor in a list when one is rate-limited, out of quota or unavailable',
		},
		{
			name: 'Volcengine (ByteDance)',
			value: 'volcengine',
			description: 'VAT roll invoices (卷票); JPEG, PNG or BMP',
		},
		{
			name: 'WeBank',
			value: 'webank',
			description: '13 invoice and ticket (票据) types, several per image',
		},
		{
			name: 'Xinhuo',
			value: 'xinhuo',
			description: '24 invoice and ticket (票据) types, several per image',
		},
	],
	description:
		'Where invoices are read: inside n8n (e-invoice files), or by an OCR service. Every vendor gives the same output fields.',
};

export const invoiceOcrProperties: INodeProperties[] = [
	// Two definitions of one parameter: saved version-1 workflows omit a vendor equal to the old
	// default (Juhe), so that default must stay; new nodes start with local reading, which needs no
	// account and reads the e-invoice files most mail brings.
	{
		...VENDOR_PARAMETER,
		default: 'juhe',
		displayOptions: { show: { '@version': [1] } },
	},
	{
		...VENDOR_PARAMETER,
		default: 'local',
		displayOptions: FROM_VERSION_1_1,
	},
	{
		displayName: 'Vendors, in Order',
		name: 'vendors',
		type: 'multiOptions',
		options: [
			{ name: 'E-Invoice Files (Read Locally)', value: 'local' },
			{ name: 'Juhe', value: 'juhe' },
			{ name: 'Jumdata', value: 'jumdata' },
			{ name: 'Volcengine (ByteDance)', value: 'volcengine' },
			{ name: 'WeBank', value: 'webank' },
			{ name: 'Xinhuo', value: 'xinhuo' },
		],
		default: [],
		required: true,
		hint: 'Tried in the order picked. To move a vendor to the end, remove it and pick it again.',
		description:
			'Each file goes to the first vendor; the next one is asked only if the previous could not answer',
		displayOptions: { show: { vendor: [FALLBACK_CHAIN] } },
	},
	{
		displayName:
			'Each file goes to the first vendor listed. The next vendor is tried when one is rate-limited (after its retries), out of quota, unavailable or timing out, or cannot take the file (format, size, URL input). Any other answer is final: an invoice, a rejected key, an unreadable image. The output field "vendor" says which vendor answered.',
		name: 'fallbackNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: [FALLBACK_CHAIN] } },
	},
	{
		displayName:
			'Juhe reads VAT roll invoices (卷票) only. Files must be PNG or JPEG, at most 3 MB after base64 encoding.',
		name: 'juheNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['juhe'] } },
	},
	{
		displayName:
			'Volcengine reads VAT roll invoices (卷票) only. Files must be JPEG, PNG or BMP, at most 5 MB.',
		name: 'volcengineNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['volcengine'] } },
	},
	{
		displayName:
			'Jumdata takes JPEG, PNG, BMP, PDF or OFD up to 4 MB; images need 15 to 4096 px per side.',
		name: 'jumdataNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['jumdata'] } },
	},
	{
		displayName:
			'Xinhuo takes JPEG, PNG, BMP or TIFF images (no PDF) and documents no size limit. One image may yield several invoices.',
		name: 'xinhuoNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['xinhuo'] } },
	},
	{
		displayName:
			'WeBank takes images (no PDF) and documents no size limit. One image may yield several invoices.',
		name: 'webankNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['webank'] } },
	},
	{
		displayName:
			'Reads 数电 XML, OFD, PDF (with a text layer) and ZIP bundles of them inside n8n, with no vendor call. Images and scanned PDFs are refused (UNSUPPORTED_FILE): to read those too, use a fallback chain with an OCR vendor after this one.',
		name: 'localNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: { vendor: ['local'] } },
	},
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: [INPUT_BASE64, INPUT_BINARY, INPUT_URL],
		default: 'binary',
		description:
			'Where the invoice file comes from. In a fallback chain, vendors that cannot download from a URL are passed over.',
		displayOptions: { show: { vendor: [...URL_VENDORS, FALLBACK_CHAIN] } },
	},
	{
		displayName: 'Input Type',
		name: 'inputType',
		type: 'options',
		noDataExpression: true,
		options: [INPUT_BASE64, INPUT_BINARY],
		default: 'binary',
		description: 'Where the invoice file comes from. This vendor cannot download from a URL.',
		displayOptions: { show: { vendor: NON_URL_VENDORS } },
	},
	{
		displayName: 'Input Binary Field(s)',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		placeholder: 'e.g. data, or attachment_*',
		hint: 'One name, several separated by commas, or a prefix ending in * to read every matching file',
		description:
			'Name of the binary field that holds the invoice file. Mail nodes name attachments attachment_0, attachment_1…: use attachment_* to read them all.',
		displayOptions: { show: { inputType: ['binary'] } },
	},
	{
		displayName: 'Base64 String',
		name: 'base64',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		required: true,
		placeholder: 'e.g. iVBORw0KGgo…',
		description: 'The invoice file encoded as base64; a data:image/png;base64, prefix is removed',
		displayOptions: { show: { inputType: ['base64'] } },
	},
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/invoice.jpg',
		description:
			'A link the vendor can reach from the internet; the vendor downloads the file itself, so no size check happens in n8n',
		displayOptions: { show: { inputType: ['url'] } },
	},
	...forVendorOnly('jumdata', {
		displayName: 'Invoice Kind',
		name: 'jumdataInvoiceKind',
		type: 'options',
		options: [
			{
				name: 'Normal',
				value: 'normal',
				description:
					'Special (专票), common (普票), electronic (电子发票), fully digital (数电) and blockchain (区块链) VAT invoices',
			},
			{ name: 'Roll (卷票)', value: 'roll', description: 'VAT roll invoices, printed on a till roll' },
		],
		default: 'normal',
		description: 'Which recognizer Jumdata uses',
	}),
	{
		displayName: 'Simplify',
		name: 'simplify',
		type: 'boolean',
		default: true,
		description:
			"Whether to return only the normalized fields. Turn off to also get every vendor field ('fields') and the vendor's raw answer ('raw').",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Check Signatures',
				name: 'checkSignatures',
				type: 'boolean',
				default: true,
				description:
					"Whether to check the file's electronic signatures or seals (电子签章) offline when the file is read locally (XML, OFD, PDF): the output's signature says valid, modified after signing, invalid, unsigned or unverifiable. Costs a few milliseconds per file.",
				displayOptions: { ...FROM_VERSION_1_1, hide: { '/inputType': ['url'] } },
			},
			{
				displayName: 'Include Input Binary',
				name: 'includeBinary',
				type: 'boolean',
				default: true,
				description:
					'Whether to pass the input file(s) on with each output item, so later nodes can store or forward the invoice',
			},
			{
				displayName: 'Key Fields From QR Code Only (二维码)',
				name: 'qrOnly',
				type: 'boolean',
				default: false,
				description:
					'Whether an image whose invoice QR code the node reads gives only the key fields (type, code, number, date, amount, check code) with no paid call; Verify Invoice returns the whole invoice. Images without a readable QR code still go to the vendor.',
				displayOptions: NOT_FOR_LOCAL,
			},
			{
				displayName: 'Max Retries',
				name: 'maxRetries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 2,
				displayOptions: NOT_FOR_LOCAL,
				description:
					'How often to retry a request that failed for a transient reason (vendor busy, timeout, reset). A rate limit waits within the Rate-Limit Wait Budget instead. Rejected keys and bad files are never retried.',
			},
			{
				displayName: 'Merge Copies of One Invoice',
				name: 'mergeCopies',
				type: 'boolean',
				default: true,
				description:
					'Whether files of one item that hold the same invoice (the XML, OFD and PDF of one 数电 invoice) give one output item, read from the most exact file (XML, then OFD, then PDF, then a vendor), with the others listed in source.alsoIn',
				displayOptions: FROM_VERSION_1_1,
			},
			{
				displayName: 'Output Shape',
				name: 'outputShape',
				type: 'options',
				options: [
					{
						name: 'Nested (One Item per Invoice)',
						value: 'nested',
						description:
							'Buyer, seller, line items and checks as nested objects: for later n8n nodes, Verify Invoice and JSON',
					},
					{
						name: 'Flat Rows, One per Invoice',
						value: 'flatInvoice',
						description:
							'For a spreadsheet or database with one row per invoice: invoiceNumber (发票号码), issueDate (开票日期), sellerName (销售方), total (价税合计), checksPassed…; line items summarized',
					},
					{
						name: 'Flat Rows, One per Line Item',
						value: 'flatLines',
						description:
							'For a spreadsheet or database with one row per line item (货物或应税劳务): lineName, lineAmount, lineTaxRate…, each with the invoice columns',
					},
				],
				default: 'nested',
				description:
					'Keep Nested for other n8n nodes; pick a flat shape to append rows to a spreadsheet or database table (Google Sheets, Excel, Postgres…): one row per invoice, or per line item for item-level bookkeeping. Failed items keep their error shape in every mode.',
			},
			{
				displayName: 'Parallel Requests',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 50 },
				default: 0,
				displayOptions: NOT_FOR_LOCAL,
				description:
					"How many requests may be in flight at once, from 1 to 50. 0 = auto: as many as the learned rate needs at the vendor's observed latency (the vendor's default, 5; Xinhuo 2, until the first answers).",
			},
			...forVendorOnly(
				'jumdata',
				{
					displayName: 'PDF/OFD Page',
					name: 'page',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1,
					description: 'Which page of a PDF or OFD file Jumdata reads (0 or empty: the first)',
				},
				'/',
			),
			{
				displayName: 'Rate-Limit Wait Budget (Seconds)',
				name: 'rateLimitWaitBudget',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 300,
				displayOptions: NOT_FOR_LOCAL,
				description:
					'How long a file may keep waiting for its turn after the vendor answered "rate limited". It goes back behind the rate gate without using up Max Retries; only when this time has passed does it fail as RATE_LIMITED. 0 = no waiting: a rate limit is retried like other transient failures, within Max Retries.',
			},
			{
				displayName: 'Read E-Invoice Files Locally First',
				name: 'localFirst',
				type: 'boolean',
				default: true,
				description:
					'Whether e-invoice files the node can read itself (数电 XML, OFD, PDF with a text layer, ZIP bundles) are read locally and never sent to the vendor. Other files go to the vendor as usual.',
				displayOptions: { ...FROM_VERSION_1_1, ...NOT_FOR_LOCAL },
			},
			{
				displayName: 'Requests per Second',
				name: 'requestsPerSecond',
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 1 },
				default: 0,
				displayOptions: NOT_FOR_LOCAL,
				description:
					"0 = auto: the node learns the vendor account's limit from its answers, starting at the vendor's default (10; Xinhuo 2), and shares what it learned with every execution in this n8n process that uses the same credential. A number is a hard ceiling that is never exceeded (the node still slows down below it when the vendor says so).",
			},
			{
				displayName: 'Skip Attachments That Are Not Invoices',
				name: 'skipNonInvoices',
				type: 'boolean',
				default: true,
				description:
					'Whether files that cannot be an invoice are skipped without a request: logo-sized images; calendar, text, HTML and office files; PDF and OFD documents with text but no invoice in it, such as trip sheets (行程单). An item left with no invoice at all still gives one failed item (NO_INVOICE_FOUND).',
				displayOptions: FROM_VERSION_1_1,
			},
			{
				displayName: 'Timeout (Seconds)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				displayOptions: NOT_FOR_LOCAL,
				description:
					'How long to wait for the vendor to answer one request before giving up, up to 3600 seconds. 0 or empty uses the default, 30.',
			},
			...forVendorOnly(
				'xinhuo',
				{
					displayName: 'Xinhuo Request Type',
					name: 'xinhuoType',
					type: 'string',
					default: '9',
					description:
						"The 'type' value sent to Xinhuo. Its meaning is not documented publicly; keep 9 unless Xinhuo told you otherwise.",
				},
				'/',
			),
		],
	},
];
