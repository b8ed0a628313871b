'use strict';
// The workflows that show local e-invoice reading, built from the project's own made-up e-invoices
// (test/support/einvoiceFixtures.ts: invented companies with valid check characters), so the repository
// never holds a real invoice. The committed JSON files are this script's output:
//
//   node test/e2e/einvoice-workflows.js --write   # rewrite them
//   node test/e2e/einvoice-workflows.js --check   # exit 1 when a committed file differs (run by npm test)
//
// - examples/einvoice-local.workflow.json: e-invoice files a finance team gets (an XML, an OFD, a ZIP bundle,
//   the XML + OFD copies of one invoice, a red-letter XML) → Invoice OCR with vendor "local" → Switch (the same
//   branches per invoice type as the other examples).
// - examples/einvoice-to-spreadsheet.workflow.json: the same files as flat rows, one per line item → an .xlsx file.
// - examples/invoice-dedupe.workflow.json: one invoice in two mails (XML, then PDF) and another invoice → Invoice
//   OCR → n8n's Remove Duplicates on `dedupeKey`, within the run and against earlier runs → booked once.
// - test/e2e/workflows/local-chain.workflow.json: one mail-like item carrying an XML, an OFD and a PNG photo →
//   a chain ["local", "xinhuo"]: the e-invoices are read in n8n, only the photo goes to Xinhuo (its fake).

const fs = require('node:fs');
const path = require('node:path');

require('../bench/register-ts');
const fixtures = require('../support/einvoiceFixtures');
const { digitalInvoicePdf } = require('../support/pdfWriter');
const fakeSamples = require('../fakes/samples');

const REPO_ROOT = path.join(__dirname, '..', '..');
const LOCAL_DEMO_FILE = path.join(REPO_ROOT, 'examples', 'einvoice-local.workflow.json');
const LOCAL_CHAIN_FILE = path.join(__dirname, 'workflows', 'local-chain.workflow.json');

const { COMPANIES, digitalInvoiceSpec } = fixtures;

/** The made-up invoices of the demo, each with what a reader should find. */
const INVOICES = {
	special: digitalInvoiceSpec(),
	common: digitalInvoiceSpec({
		kind: 'common',
		number: '25332000000246813579',
		issueDate: '2025-08-21',
		seller: COMPANIES.consultant,
		lines: [{ name: '*咨询服务*财务咨询服务费', unit: '次', quantity: 1, unitPrice: 2000, amount: 2000, taxRate: 0.06 }],
		remarks: '项目编号 DEMO-2025-08',
	}),
	bundled: digitalInvoiceSpec({ number: '25312000000112233445', issueDate: '2025-09-03' }),
	copied: digitalInvoiceSpec({ kind: 'common', number: '25312000000998877665', issueDate: '2025-10-15' }),
	// The invoice that reaches the dedupe example twice: as XML in one mail, as PDF in a later one.
	twice: digitalInvoiceSpec({ number: '25312000000135792468', issueDate: '2025-11-18' }),
	red: digitalInvoiceSpec({
		number: '25312000000555566667',
		issueDate: '2025-11-05',
		redLetter: true,
		lines: [{ name: '*信息技术服务*软件维护服务', unit: '项', quantity: -1, unitPrice: 1000, amount: -1000, taxRate: 0.06 }],
		remarks: '被红冲蓝字数电票号码：25312000000123456789',
	}),
};

const file = (fileName, mimeType, data) => ({
	data: Buffer.from(data).toString('base64'),
	mimeType,
	fileName,
	fileExtension: path.extname(fileName).slice(1),
});
const xml = (spec) => file(`${spec.number}.xml`, 'text/xml', fixtures.digitalInvoiceXml(spec));
const ofd = (spec) => file(`${spec.number}.ofd`, 'application/ofd', fixtures.digitalInvoiceOfd(spec));
const pdf = (spec) => file(`${spec.number}.pdf`, 'application/pdf', digitalInvoicePdf(spec));

/** A Code node that returns the given items (their binary files inline, as base64). */
function codeNode(name, comment, items, position) {
	const body = items
		.map((item) => `\t${JSON.stringify(item)},`)
		.join('\n');
	return {
		parameters: { jsCode: `// ${comment}\nreturn [\n${body}\n];` },
		id: `e1a7c0de-0000-4000-8000-${String(position[0]).padStart(12, '0')}`,
		name,
		type: 'n8n-nodes-base.code',
		typeVersion: 2,
		position,
	};
}

function node(name, type, typeVersion, position, parameters, extra = {}) {
	return {
		parameters,
		id: `e1a7c0de-0000-4000-8000-${String(position[0] * 1000 + position[1] + 500).padStart(12, '0')}`,
		name,
		type,
		typeVersion,
		position,
		...extra,
	};
}

const link = (to, index = 0) => ({ node: to, type: 'main', index });

/** A Switch on `invoiceType`: one output per rule (any of its types), the rest to a fallback output. */
function switchOnInvoiceType(name, position, rules, fallback) {
	return node(name, 'n8n-nodes-base.switch', 3.2, position, {
		rules: {
			values: rules.map(({ types, output }, ruleIndex) => ({
				conditions: {
					options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
					conditions: types.map((type, index) => ({
						id: `r${ruleIndex}-${index}`,
						leftValue: '={{ $json.invoiceType }}',
						rightValue: type,
						operator: { type: 'string', operation: 'equals' },
					})),
					combinator: 'or',
				},
				renameOutput: true,
				outputKey: output,
			})),
		},
		options: { fallbackOutput: 'extra', renameFallbackOutput: fallback },
	});
}

/**
 * The invoice-type branches every example routes to, as examples/invoice-ocr-demo.workflow.json and
 * mailbox-to-invoices.workflow.json name them (test/unit/exampleWorkflows.test.ts holds them to the same
 * branches): a type goes to the same branch in every example, whatever reads it.
 */
const INVOICE_TYPE_ROUTES = [
	{ types: ['vat_special', 'vat_electronic_special', 'digital_special', 'vat_transport'], output: 'Deductible VAT' },
	{
		types: ['vat_roll', 'vat_common', 'vat_electronic_common', 'digital_common', 'vat_toll', 'vat_blockchain'],
		output: 'VAT Expenses',
	},
	{
		types: ['train_ticket', 'flight_itinerary', 'taxi', 'passenger_transport', 'shipping', 'toll', 'parking'],
		output: 'Travel',
	},
];

const noOp = (name, position) => node(name, 'n8n-nodes-base.noOp', 1, position, {});

function localDemoWorkflow() {
	const files = codeNode(
		'E-Invoice Files',
		'Made-up e-invoices as a finance mailbox gets them: one file per item, a ZIP bundle, and an item with the XML and OFD copies of one invoice.',
		[
			{ json: { example: '数电 special invoice, XML' }, binary: { attachment_0: xml(INVOICES.special) } },
			{ json: { example: '数电 common invoice, OFD' }, binary: { attachment_0: ofd(INVOICES.common) } },
			{
				json: { example: 'ZIP bundle from the tax platform (an XML, an OFD and a readme)' },
				binary: {
					attachment_0: file(
						'invoices-2025-09.zip',
						'application/zip',
						fixtures.bundleZip([
							{ name: `2025-09/${INVOICES.bundled.number}.xml`, data: fixtures.digitalInvoiceXml(INVOICES.bundled) },
							{ name: '2025-09/readme.txt', data: 'Downloaded from the tax platform.' },
							{ name: `2025-09/${INVOICES.common.number}.ofd`, data: fixtures.digitalInvoiceOfd(INVOICES.common) },
						]),
					),
				},
			},
			{
				json: { example: 'the XML and OFD copies of one invoice in one mail' },
				binary: { attachment_0: ofd(INVOICES.copied), attachment_1: xml(INVOICES.copied) },
			},
			{ json: { example: 'a red-letter (红字) invoice, XML' }, binary: { attachment_0: xml(INVOICES.red) } },
		],
		[240, 300],
	);
	const ocr = node(
		'Invoice OCR',
		'n8n-nodes-fapiao.invoiceOcr',
		1.1,
		[480, 300],
		{ vendor: 'local', binaryPropertyName: 'attachment_*', options: {} },
		{ onError: 'continueErrorOutput' },
	);
	const route = switchOnInvoiceType('Route by Invoice Type', [720, 160], INVOICE_TYPE_ROUTES, 'Other Invoices');
	return {
		id: 'fapiaoLocalDemo',
		name: 'E-invoice files read in n8n (no vendor)',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 300], {}),
			files,
			ocr,
			route,
			...INVOICE_TYPE_ROUTES.map(({ output }, index) => noOp(output, [1136, index * 144])),
			noOp('Other Invoices', [1136, INVOICE_TYPE_ROUTES.length * 144]),
			noOp('Manual Review', [720, 480]),
		],
		connections: {
			Start: { main: [[link('E-Invoice Files')]] },
			'E-Invoice Files': { main: [[link('Invoice OCR')]] },
			'Invoice OCR': { main: [[link('Route by Invoice Type')], [link('Manual Review')]] },
			'Route by Invoice Type': {
				main: [...INVOICE_TYPE_ROUTES.map(({ output }) => [link(output)]), [link('Other Invoices')]],
			},
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

function localChainWorkflow() {
	const mail = codeNode(
		'Mail Attachments',
		'One mail with three attachments: a 数电 XML, an OFD of another invoice, and a photo of a roll invoice.',
		[
			{
				json: { subject: 'Invoices for October' },
				binary: {
					attachment_0: xml(INVOICES.special),
					attachment_1: ofd(INVOICES.common),
					attachment_2: file('roll-invoice.png', 'image/png', fakeSamples.png({ layout: 'roll', width: 240, height: 520 })),
				},
			},
		],
		[240, 300],
	);
	const chain = node(
		'Local then Xinhuo',
		'n8n-nodes-fapiao.invoiceOcr',
		1.1,
		[480, 300],
		{ vendor: 'fallbackChain', vendors: ['local', 'xinhuo'], binaryPropertyName: 'attachment_*', options: { maxRetries: 0 } },
		{ credentials: { xinhuoApi: { id: 'e2eXinhuoCred', name: 'Xinhuo (local fake)' } } },
	);
	return {
		id: 'e2eLocalChain',
		name: 'E2E: local reading then Xinhuo, one mail with XML + OFD + PNG',
		nodes: [node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 300], {}), mail, chain],
		connections: {
			Start: { main: [[link('Mail Attachments')]] },
			'Mail Attachments': { main: [[link('Local then Xinhuo')]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/** Flat rows (one per line item) into a spreadsheet file, as a finance team imports them into a sheet or ERP. */
function spreadsheetWorkflow() {
	const files = codeNode(
		'E-Invoice Files',
		'Two made-up e-invoices, an XML and an OFD.',
		[
			{ json: {}, binary: { attachment_0: xml(INVOICES.special) } },
			{ json: {}, binary: { attachment_0: ofd(INVOICES.common) } },
		],
		[240, 300],
	);
	return {
		id: 'fapiaoSpreadsheetDemo',
		name: 'E-invoices to spreadsheet rows (one row per line item)',
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 300], {}),
			files,
			node('Invoice OCR', 'n8n-nodes-fapiao.invoiceOcr', 1.1, [480, 300], {
				vendor: 'local',
				binaryPropertyName: 'attachment_*',
				options: { outputShape: 'flatLines', includeBinary: false },
			}),
			node('Spreadsheet', 'n8n-nodes-base.convertToFile', 1.1, [720, 300], {
				operation: 'xlsx',
				options: { fileName: 'invoice-lines.xlsx', headerRow: true, sheetName: 'Invoice lines' },
			}),
		],
		connections: {
			Start: { main: [[link('E-Invoice Files')]] },
			'E-Invoice Files': { main: [[link('Invoice OCR')]] },
			'Invoice OCR': { main: [[link('Spreadsheet')]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

const SPREADSHEET_FILE = path.join(REPO_ROOT, 'examples', 'einvoice-to-spreadsheet.workflow.json');
const DEDUPE_FILE = path.join(REPO_ROOT, 'examples', 'invoice-dedupe.workflow.json');

/** The mails of the dedupe example: one invoice as XML, the same invoice as PDF in a later mail, another invoice. */
const DEDUPE_MAILS = {
	xml: {
		json: { subject: `Invoice ${INVOICES.twice.number}`, from: 'billing@supplier.example' },
		binary: { attachment_0: xml(INVOICES.twice) },
	},
	pdf: {
		json: { subject: `Reminder: invoice ${INVOICES.twice.number} (PDF)`, from: 'billing@supplier.example' },
		binary: { attachment_0: pdf(INVOICES.twice) },
	},
	other: {
		json: { subject: `Invoice ${INVOICES.common.number}`, from: 'accounts@consultant.example' },
		binary: { attachment_0: ofd(INVOICES.common) },
	},
};

/** n8n's Remove Duplicates node (version 2), as the editor saves it. */
const removeDuplicates = (name, position, parameters) =>
	node(name, 'n8n-nodes-base.removeDuplicates', 2, position, parameters);

/**
 * Never book one invoice twice: mails → Invoice OCR (local) → Remove Duplicates twice, both on `dedupeKey`:
 * first the copies within this run (two mails of one poll), then every invoice an earlier run let through
 * (n8n keeps those keys in its database, per workflow: Scope "Workflow"). Only new invoices reach "Book Invoice".
 */
function dedupeWorkflow({
	id = 'fapiaoDedupeDemo',
	name = 'Never book one invoice twice (Remove Duplicates on dedupeKey)',
	mails = [DEDUPE_MAILS.xml, DEDUPE_MAILS.pdf, DEDUPE_MAILS.other],
	comment = 'Mails as a mailbox trigger delivers them: an invoice as XML, the same invoice as PDF in a later mail, another invoice. Run the workflow twice: the second run books nothing.',
} = {}) {
	return {
		id,
		name,
		nodes: [
			node('Start', 'n8n-nodes-base.manualTrigger', 1, [0, 300], {}),
			codeNode('Invoice Mails', comment, mails, [240, 300]),
			node(
				'Invoice OCR',
				'n8n-nodes-fapiao.invoiceOcr',
				1.1,
				[480, 300],
				{ vendor: 'local', binaryPropertyName: 'attachment_*', options: {} },
				{ onError: 'continueErrorOutput' },
			),
			removeDuplicates('Remove Copies in Run', [720, 192], {
				compare: 'selectedFields',
				fieldsToCompare: 'dedupeKey',
				options: {},
			}),
			removeDuplicates('Skip Booked Before', [960, 192], {
				operation: 'removeItemsSeenInPreviousExecutions',
				dedupeValue: '={{ $json.dedupeKey }}',
				options: { scope: 'workflow' },
			}),
			noOp('Book Invoice', [1200, 192]),
			noOp('Manual Review', [720, 448]),
		],
		connections: {
			Start: { main: [[link('Invoice Mails')]] },
			'Invoice Mails': { main: [[link('Invoice OCR')]] },
			'Invoice OCR': { main: [[link('Remove Copies in Run')], [link('Manual Review')]] },
			'Remove Copies in Run': { main: [[link('Skip Booked Before')]] },
			// Remove Duplicates has one output ("Kept"): an invoice booked before goes no further.
			'Skip Booked Before': { main: [[link('Book Invoice')]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

const OUTPUTS = [
	[LOCAL_DEMO_FILE, localDemoWorkflow],
	[LOCAL_CHAIN_FILE, localChainWorkflow],
	[SPREADSHEET_FILE, spreadsheetWorkflow],
	[DEDUPE_FILE, dedupeWorkflow],
];

const render = (workflow) => `${JSON.stringify(workflow, null, '\t')}\n`;

if (require.main === module) {
	const mode = process.argv[2];
	let stale = 0;
	for (const [target, build] of OUTPUTS) {
		const text = render(build());
		const relative = path.relative(REPO_ROOT, target);
		if (mode === '--write') {
			fs.writeFileSync(target, text);
			console.log(`wrote ${relative}`);
		} else if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== text) {
			stale += 1;
			console.log(`${relative} differs from its generator: run node test/e2e/einvoice-workflows.js --write`);
		}
	}
	process.exit(stale ? 1 : 0);
}

module.exports = {
	DEDUPE_FILE,
	DEDUPE_MAILS,
	INVOICES,
	LOCAL_CHAIN_FILE,
	LOCAL_DEMO_FILE,
	SPREADSHEET_FILE,
	dedupeWorkflow,
	localChainWorkflow,
	localDemoWorkflow,
	render,
	spreadsheetWorkflow,
};
