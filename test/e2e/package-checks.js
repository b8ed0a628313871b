'use strict';
// What the end-to-end run checks about THIS package (n8n-nodes-fapiao) in a real n8n, as opposed to the harness
// self-checks in run.js. Everything here NEEDS THE PACKAGE'S NODES AND CREDENTIALS: while they are missing or do
// not build, these checks fail loudly (they never pass by finding nothing).
//
// To finish or extend:
//   - WORKFLOW_EXPECTATIONS: one entry per workflow id in examples/*.json or test/e2e/workflows/*.json, asserting
//     the outputs. A workflow without an entry still has to run without error and every fapiao node in it has
//     to produce items (assertFapiaoNodesProduced).
//   - CREDENTIALS: the contract's credential types, fields and which field is the secret.
//   - fakeBaseUrls(): how the handles of test/fakes/index.js startAllFakes() map to base URLs.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { PACKAGE_NAME, REPO_ROOT, nodeItems, nodeOutput } = require('./n8n');

const NODE_TYPES = {
	invoiceOcr: `${PACKAGE_NAME}.invoiceOcr`,
	verifyInvoice: `${PACKAGE_NAME}.verifyInvoice`,
};
const NODE_DISPLAY_NAMES = { invoiceOcr: 'Invoice OCR', verifyInvoice: 'Verify Invoice' };
const VENDORS = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'];
const VENDOR_NAMES = {
	juhe: 'Juhe',
	volcengine: 'Volcengine',
	jumdata: 'Jumdata',
	xinhuo: 'Xinhuo',
	webank: 'WeBank',
};

/**
 * The contract's credentials (CONTRACT.md "Credentials"): type, fields the form must show, the secret field a
 * wrong-secret test corrupts (WeBank has none: its wrong case points the base URLs at something that is not
 * WeBank), and the fixed id the e2e imports it under.
 */
const CREDENTIALS = {
	juhe: { type: 'juheApi', fields: ['apiKey', 'baseUrl'], secret: 'apiKey' },
	volcengine: {
		type: 'volcengineApi',
		fields: ['accessKeyId', 'secretAccessKey', 'region', 'baseUrl'],
		secret: 'secretAccessKey',
	},
	jumdata: { type: 'jumdataApi', fields: ['appId', 'appSecret', 'baseUrl'], secret: 'appSecret' },
	xinhuo: { type: 'xinhuoApi', fields: ['token', 'baseUrl'], secret: 'token' },
	webank: { type: 'webankApi', fields: ['ocrBaseUrl', 'verifyBaseUrl'], secret: null },
};

for (const [vendor, credential] of Object.entries(CREDENTIALS)) {
	credential.id = `e2e${vendor[0].toUpperCase()}${vendor.slice(1)}Cred`;
	credential.name = `${VENDOR_NAMES[vendor]} (local fake)`;
}

/** Loads test/fakes (written separately); throws a clear error while it is missing. */
function loadFakes() {
	const file = path.join(REPO_ROOT, 'test', 'fakes', 'index.js');
	if (!fs.existsSync(file))
		throw new Error('test/fakes/index.js is missing: the vendor fakes are needed');
	const fakes = require(file);
	if (typeof fakes.startAllFakes !== 'function') {
		throw new Error('test/fakes/index.js does not export startAllFakes()');
	}
	return fakes;
}

/**
 * Base URLs per vendor from startAllFakes()'s handles. Accepts { vendor: { url } } or [{ vendor, url }];
 * WeBank may have one handle (both base URLs) or separate ocr/verify URLs.
 */
function fakeBaseUrls(handles) {
	const byVendor = Array.isArray(handles)
		? Object.fromEntries(handles.map((handle) => [handle.vendor ?? handle.name, handle]))
		: handles;
	const urlOf = (handle) => (typeof handle === 'string' ? handle : handle && handle.url);
	const urls = {};
	for (const vendor of VENDORS) {
		const handle = byVendor[vendor];
		if (vendor === 'webank') {
			const ocr = (handle && handle.ocrUrl) ?? urlOf(byVendor.webankOcr) ?? urlOf(handle);
			const verify = (handle && handle.verifyUrl) ?? urlOf(byVendor.webankVerify) ?? urlOf(handle);
			if (!ocr || !verify) throw new Error('startAllFakes() gave no URL for webank');
			urls.webank = { ocr, verify };
		} else {
			if (!urlOf(handle)) throw new Error(`startAllFakes() gave no URL for ${vendor}`);
			urls[vendor] = urlOf(handle);
		}
	}
	return urls;
}

/** The credential data of one vendor pointing at the fakes (the secrets the fakes accept). */
function credentialData(vendor, urls, fakeCredentials) {
	const secrets = (fakeCredentials && fakeCredentials[vendor]) || {};
	if (vendor === 'webank') {
		return { ...secrets, ocrBaseUrl: urls.webank.ocr, verifyBaseUrl: urls.webank.verify };
	}
	return { ...secrets, baseUrl: urls[vendor] };
}

/**
 * The same credential with its secret wrong, or, for WeBank (no secret), its base URLs pointing at another
 * vendor's service (the Juhe fake): a user who pasted the wrong URL.
 */
function wrongCredentialData(vendor, urls, fakeCredentials) {
	const data = credentialData(vendor, urls, fakeCredentials);
	const { secret } = CREDENTIALS[vendor];
	if (secret) {
		assert.ok(data[secret], `FAKE_CREDENTIALS.${vendor}.${secret} is missing`);
		return { ...data, [secret]: `${data[secret].slice(0, -4)}0000` };
	}
	return { ...data, ocrBaseUrl: urls.juhe, verifyBaseUrl: urls.juhe };
}

/**
 * Credentials that stand for a vendor outage: the right secret, a base URL where nothing listens
 * (port 9 on loopback refuses connections). Workflows name them by id; see useImportedCredentials.
 */
const OUTAGE_CREDENTIALS = {
	e2eXinhuoDownCred: { vendor: 'xinhuo', name: 'Xinhuo (unreachable)', baseUrl: 'http://127.0.0.1:9' },
};

/** Credentials to import into n8n: one per vendor, pointed at the fakes, plus the outage ones. */
function credentialsForImport(urls, fakeCredentials) {
	const regular = VENDORS.map((vendor) => ({
		id: CREDENTIALS[vendor].id,
		name: CREDENTIALS[vendor].name,
		type: CREDENTIALS[vendor].type,
		data: credentialData(vendor, urls, fakeCredentials),
	}));
	const outages = Object.entries(OUTAGE_CREDENTIALS).map(([id, { vendor, name, baseUrl }]) => ({
		id,
		name,
		type: CREDENTIALS[vendor].type,
		data: { ...credentialData(vendor, urls, fakeCredentials), baseUrl },
	}));
	return [...regular, ...outages];
}

/**
 * Points every fapiao node's credentials at the imported ones (by type), whatever ids the example carries,
 * so examples stay importable by users and runnable here.
 */
function useImportedCredentials(workflow) {
	const byType = Object.fromEntries(Object.values(CREDENTIALS).map((c) => [c.type, c]));
	for (const node of workflow.nodes) {
		if (!node.type.startsWith(`${PACKAGE_NAME}.`) || !node.credentials) continue;
		for (const type of Object.keys(node.credentials)) {
			if (OUTAGE_CREDENTIALS[node.credentials[type].id]) continue;
			if (byType[type]) node.credentials[type] = { id: byType[type].id, name: byType[type].name };
		}
	}
	return workflow;
}

/** The workflows the e2e runs: examples/*.json and test/e2e/workflows/*.json (the harness's own excluded). */
// Run by its own end-to-end test (test/e2e/mailbox/run.js): a trigger workflow cannot run through `n8n execute`.
const OWN_E2E = new Set(['mailbox-to-invoices.workflow.json']);

function packageWorkflowFiles() {
	const dirs = [path.join(REPO_ROOT, 'examples'), path.join(__dirname, 'workflows')];
	const files = [];
	for (const dir of dirs) {
		if (!fs.existsSync(dir)) continue;
		for (const name of fs.readdirSync(dir).sort()) {
			if (name.endsWith('.json') && !name.startsWith('builtin-') && !name.startsWith('harness-') && !OWN_E2E.has(name)) {
				files.push(path.join(dir, name));
			}
		}
	}
	return files;
}

function fapiaoNodes(workflow) {
	return workflow.nodes.filter((node) => node.type.startsWith(`${PACKAGE_NAME}.`));
}

/** Default expectation: the run succeeded and every fapiao node produced items on its main output. */
function assertFapiaoNodesProduced(run, workflow) {
	const nodes = fapiaoNodes(workflow);
	assert.ok(nodes.length > 0, `workflow "${workflow.name}" uses no ${PACKAGE_NAME} node`);
	for (const node of nodes) {
		if (node.disabled) continue;
		const items = nodeOutput(run, node.name);
		assert.ok(items.length > 0, `node "${node.name}" produced no items on its main output`);
	}
}

/** A demo sample of examples/samples/ and the invoices it shows (test/fakes/demo-invoices.js). */
function demoSample(file) {
	const { DEMO_SAMPLES } = require(path.join(REPO_ROOT, 'test', 'fakes', 'demo-invoices.js'));
	const sample = DEMO_SAMPLES.find((candidate) => candidate.file === file);
	assert.ok(sample, `no demo sample ${file}`);
	return sample;
}

/** A recognized invoice has the contract's keys (CONTRACT.md "A recognized invoice"). */
function assertRecognizedInvoice(json, vendor) {
	assert.ok(
		!('error' in json),
		`expected an invoice, got an error item: ${JSON.stringify(json.error)}`,
	);
	if (vendor) assert.equal(json.vendor, vendor);
	for (const key of [
		'vendor',
		'invoiceType',
		'invoiceTypeName',
		'invoiceCode',
		'invoiceNumber',
		'issueDate',
		'buyer',
		'seller',
		'amount',
		'tax',
		'total',
		'items',
		'checks',
		'dedupeKey',
	]) {
		assert.ok(key in json, `invoice item lacks "${key}"`);
	}
	assert.ok(
		json.issueDate === null || /^\d{4}-\d{2}-\d{2}$/.test(json.issueDate),
		'issueDate format',
	);
	assert.ok(json.total === null || typeof json.total === 'number', 'total is a number or null');
	assert.ok(typeof json.dedupeKey === 'string' && json.dedupeKey !== '', 'dedupeKey is a non-empty string');
	assert.equal(typeof json.redLetter, 'boolean', 'redLetter is true or false');
	assert.ok(json.source === null || Array.isArray(json.source.alsoIn), 'source.alsoIn is a list');
}

/** A failed item is exactly { error: {...} } (CONTRACT.md "A failed item"). */
function assertFailedItem(json, code) {
	assert.deepEqual(Object.keys(json), ['error'], 'a failed item has only the "error" key');
	if (code) assert.equal(json.error.code, code);
}

/**
 * Per-workflow expectations: workflow id → (run, workflow, helpers) => void (throw to fail).
 * NEEDS THE NODES. The lead fills these in as the example workflows land.
 */
const WORKFLOW_EXPECTATIONS = {
	// test/e2e/workflows/ocr-every-vendor.workflow.json: one binary PNG through every vendor's fake, then the
	// offline checks on Juhe's result.
	e2eOcrEveryVendor(run) {
		for (const vendor of VENDORS) {
			const nodeName = `OCR ${VENDOR_NAMES[vendor]}`;
			const items = nodeItems(run, nodeName);
			assert.ok(items.length >= 1, `${nodeName} recognized no invoice`);
			for (const item of items) {
				assertRecognizedInvoice(item.json, vendor);
				assert.deepEqual(
					item.pairedItem,
					{ item: 0 },
					`${nodeName}: pairedItem points at the input item`,
				);
				assert.equal(
					item.json.source && item.json.source.binaryProperty,
					'data',
					`${nodeName}: source`,
				);
			}
		}
		const checked = nodeOutput(run, 'Offline Checks');
		assert.equal(
			checked.length,
			nodeOutput(run, 'OCR Juhe').length,
			'Offline Checks: one item per invoice',
		);
		for (const json of checked) {
			assert.equal(typeof json.checks.passed, 'boolean', 'Offline Checks: checks.passed');
			assert.ok(Array.isArray(json.checks.issues), 'Offline Checks: checks.issues');
		}
	},
	// examples/invoice-ocr-demo.workflow.json as shipped (vendor Juhe, Invoice OCR version 1.1): as version 1 below,
	// except that the 1-pixel image and the 96×64 GIF are skipped as no invoice, without a request (Skip Attachments
	// That Are Not Invoices); the photos still reach Juhe (local first reads none of these pictures).
	fapiaoInvoiceOcrDemo(run) {
		const invoices = nodeItems(run, 'Invoice OCR', 0);
		const failures = nodeItems(run, 'Invoice OCR', 1);
		const rollShown = (file) => demoSample(file).invoices.find((invoice) => invoice.invoiceType === 'vat_roll');
		assert.deepEqual(
			invoices.map((item) => [item.pairedItem.item, item.json.invoiceNumber, item.json.total, item.json.vendor]),
			[
				[0, rollShown('roll-invoice.jpg').invoiceNumber, rollShown('roll-invoice.jpg').total, 'juhe'],
				[2, rollShown('multi-invoice.png').invoiceNumber, rollShown('multi-invoice.png').total, 'juhe'],
			],
			'Invoice OCR: the roll invoice of each file that shows one, read by Juhe, paired to its input item',
		);
		for (const item of invoices) assertRecognizedInvoice(item.json, 'juhe');
		assert.deepEqual(
			failures.map((item) => [item.pairedItem.item, item.json.error && item.json.error.code]),
			[
				[1, 'IMAGE_UNREADABLE'],
				[3, 'NO_INVOICE_FOUND'],
				[4, 'NO_INVOICE_FOUND'],
			],
			'Invoice OCR: the VAT invoice fails at Juhe (253302); the 1-pixel image and the small GIF are skipped as no invoice',
		);
		assert.equal(failures[0].json.error.vendorCode, '253302', 'the VAT invoice gets Juhe\'s own answer');
		assert.match(failures[1].json.error.message, /unreadable-1px\.png \(a 1×1 px image, too small to be an invoice\)/, 'the skip says which file and why');
		assert.match(failures[2].json.error.message, /not-an-invoice\.gif \(a 96×64 px image, too small to be an invoice\)/, 'the skip says which file and why');
		for (const item of failures.slice(1)) assert.equal(item.json.error.vendorCode, null, 'a skipped file was sent to no vendor');
		assert.deepEqual(
			nodeOutput(run, 'VAT Expenses').map((json) => json.invoiceType),
			['vat_roll', 'vat_roll'],
			'Route by Invoice Type: roll invoices → VAT Expenses',
		);
		assert.deepEqual(
			nodeOutput(run, 'Manual Review').map((json) => [json.file, json.error.code]),
			[
				['vat-invoice.png', 'IMAGE_UNREADABLE'],
				['unreadable-1px.png', 'NO_INVOICE_FOUND'],
				['not-an-invoice.gif', 'NO_INVOICE_FOUND'],
			],
			'Route by Error Code: file problems → Manual Review',
		);
	},
	// test/e2e/workflows/invoice-ocr-demo-v1.workflow.json: the demo as saved with Invoice OCR version 1 (vendor
	// Juhe): five sample files → Invoice OCR → a Switch on invoiceType for invoices, the error output → a Switch on
	// error.code for failures. Juhe reads roll invoices only: the roll receipt and the roll invoice in the photo come
	// back, the VAT invoice gets Juhe's 253302; version 1 sends the 1-pixel image too.
	e2eInvoiceOcrDemoV1(run) {
		const invoices = nodeItems(run, 'Invoice OCR', 0);
		const failures = nodeItems(run, 'Invoice OCR', 1);
		const rollShown = (file) => demoSample(file).invoices.find((invoice) => invoice.invoiceType === 'vat_roll');
		assert.deepEqual(
			invoices.map((item) => [item.pairedItem.item, item.json.invoiceNumber, item.json.total]),
			[
				[0, rollShown('roll-invoice.jpg').invoiceNumber, rollShown('roll-invoice.jpg').total],
				[2, rollShown('multi-invoice.png').invoiceNumber, rollShown('multi-invoice.png').total],
			],
			'Invoice OCR: the roll invoice of each file that shows one, as the file shows it, paired to its input item',
		);
		for (const item of invoices) {
			assertRecognizedInvoice(item.json, 'juhe');
			assert.equal(item.json.checks.passed, true, `offline checks of ${item.json.invoiceNumber}`);
		}
		assert.deepEqual(
			failures.map((item) => [item.pairedItem.item, item.json.error && item.json.error.code]),
			[
				[1, 'IMAGE_UNREADABLE'],
				[3, 'IMAGE_UNREADABLE'],
				[4, 'UNSUPPORTED_FILE'],
			],
			'Invoice OCR: the VAT invoice (Juhe: 253302), the 1-pixel image and the GIF reach the error output',
		);
		assert.equal(failures[0].json.error.vendorCode, '253302', 'the VAT invoice gets Juhe\'s own answer');
		for (const item of failures) {
			assert.deepEqual(
				Object.keys(item.json.error).sort(),
				['code', 'message', 'requestId', 'retryable', 'vendor', 'vendorCode', 'vendorMessage'],
				'a failed item carries the contract error object',
			);
			assert.equal(item.json.error.vendor, 'juhe');
		}
		// Type routing: the Switch sends roll invoices to "VAT Expenses".
		assert.deepEqual(
			nodeOutput(run, 'VAT Expenses').map((json) => json.invoiceType),
			['vat_roll', 'vat_roll'],
			'Route by Invoice Type: roll invoices → VAT Expenses',
		);
		// Error routing: no failure is about the account or a transient outage → Manual Review.
		const review = nodeOutput(run, 'Manual Review');
		assert.deepEqual(
			review.map((json) => [json.file, json.error.code]),
			[
				['vat-invoice.png', 'IMAGE_UNREADABLE'],
				['unreadable-1px.png', 'IMAGE_UNREADABLE'],
				['not-an-invoice.gif', 'UNSUPPORTED_FILE'],
			],
			'Route by Error Code: file problems → Manual Review (n8n merges the input item back into error items)',
		);
	},
	// examples/verify-invoice-demo.workflow.json: three recent-dated invoices (dates computed when it runs) →
	// Verify Invoice against the fake WeBank registry → a Switch on verification.status.
	fapiaoVerifyDemo(run) {
		assert.deepEqual(nodeItems(run, 'Verify Invoice', 1), [], 'no verification call fails');
		const verified = nodeItems(run, 'Verify Invoice', 0);
		assert.deepEqual(
			verified.map((item) => [
				item.pairedItem.item,
				item.json.invoiceNumber,
				item.json.verification.status,
				item.json.verification.verified,
			]),
			[
				[0, '04296665', 'MATCH', true],
				[1, '62813590', 'MISMATCH', false],
				[2, '19283746', 'NOT_FOUND', false],
			],
			'one verification per invoice: the genuine one matches, the misread amount differs, the unknown one is not found',
		);
		assert.equal(verified[0].json.verification.invoice.invoiceNumber, '04296665', 'MATCH carries what the tax system holds');
		assert.equal(verified[1].json.verification.invoice, null, 'MISMATCH: WeBank returns no details');
		const branch = (name) => nodeOutput(run, name).map((json) => json.verification.status);
		assert.deepEqual(branch('Book as Genuine'), ['MATCH'], 'Verified → Book as Genuine');
		assert.deepEqual(branch('Correct the Details'), ['MISMATCH'], 'Details Differ → Correct the Details');
		assert.deepEqual(branch('Reject Invoice'), ['NOT_FOUND'], 'Not Found → Reject Invoice');
		assert.ok(!run.data.resultData.runData['Check by Hand'], 'nothing reaches Other Status');
	},
	// examples/qr-photo-verify.workflow.json (made by test/e2e/qr-workflows.js): a made-up invoice's QR code photo →
	// Invoice OCR (local: the key fields, no call) → Verify Invoice (the fake registry does not hold it) → Switch.
	fapiaoQrPhotoVerify(run) {
		const { PHOTO_PAYLOAD } = require('./qr-workflows');
		assert.deepEqual(nodeItems(run, 'Invoice OCR', 1), [], 'the photo\'s QR code is read');
		const [read] = nodeOutput(run, 'Invoice OCR');
		assert.equal(read.readFrom, 'qr');
		assert.equal(read.vendor, 'local');
		assert.equal(read.qr.text, PHOTO_PAYLOAD);
		assert.deepEqual([read.invoiceType, read.invoiceCode, read.invoiceNumber, read.amount], ['vat_electronic_common', '044031900104', '19283746', 1000]);
		assert.deepEqual(nodeItems(run, 'Verify Invoice', 1), [], 'the verification call does not fail');
		const [verified] = nodeOutput(run, 'Verify Invoice');
		assert.ok(['NOT_FOUND', 'TOO_OLD'].includes(verified.verification.status), `an invoice no registry holds: ${verified.verification.status}`);
		const reached = verified.verification.status === 'NOT_FOUND' ? 'Reject Invoice' : 'Check by Hand';
		assert.deepEqual(nodeOutput(run, reached).map((json) => json.invoiceNumber), ['19283746'], `routed to ${reached}`);
	},
	// examples/einvoice-local.workflow.json (made by test/e2e/einvoice-workflows.js): made-up e-invoice files →
	// Invoice OCR with vendor "local" → Switch on invoiceType. Everything is read in n8n; nothing fails.
	fapiaoLocalDemo(run) {
		const { INVOICES } = require('./einvoice-workflows');
		const invoices = nodeItems(run, 'Invoice OCR', 0);
		assert.deepEqual(nodeItems(run, 'Invoice OCR', 1), [], 'no e-invoice file fails');
		assert.deepEqual(
			invoices.map((item) => [item.pairedItem.item, item.json.invoiceNumber, item.json.source.entry]),
			[
				[0, INVOICES.special.number, null],
				[1, INVOICES.common.number, null],
				[2, INVOICES.bundled.number, `2025-09/${INVOICES.bundled.number}.xml`],
				[2, INVOICES.common.number, `2025-09/${INVOICES.common.number}.ofd`],
				[3, INVOICES.copied.number, null],
				[4, INVOICES.red.number, null],
			],
			'one item per invoice, the bundle member named in source.entry, the two copies merged into one',
		);
		for (const item of invoices) assertRecognizedInvoice(item.json, 'local');
		const copied = invoices[4].json;
		assert.equal(copied.source.fileName, `${INVOICES.copied.number}.xml`, 'the merged copy is read from the XML');
		assert.deepEqual(copied.source.alsoIn, [
			{ binaryProperty: 'attachment_0', fileName: `${INVOICES.copied.number}.ofd`, entry: null },
		]);
		assert.deepEqual(
			invoices.map((item) => item.json.redLetter),
			[false, false, false, false, false, true],
			'only the red-letter invoice has redLetter: true',
		);
		assert.equal(invoices[5].json.total, -1060, 'a red-letter total is negative');
		assert.deepEqual(
			invoices.map((item) => item.json.total),
			[1399, 2120, 1399, 2120, 1399, -1060],
			'totals as printed',
		);
		assert.deepEqual(
			nodeOutput(run, 'Deductible VAT').map((json) => json.invoiceNumber),
			[INVOICES.special.number, INVOICES.bundled.number, INVOICES.red.number],
			'digital special invoices → Deductible VAT',
		);
		assert.deepEqual(
			nodeOutput(run, 'VAT Expenses').map((json) => json.invoiceType),
			['digital_common', 'digital_common', 'digital_common'],
			'digital common invoices → VAT Expenses, as in every example',
		);
		assert.ok(!run.data.resultData.runData['Other Invoices'], 'nothing reaches Other Invoices');
	},
	// examples/invoice-dedupe.workflow.json, run once: an invoice's XML mail, a later mail with its PDF, another
	// invoice. The copy within the run is removed, both invoices are booked (nothing was booked before).
	// The run across executions is the e2e's own check (run.js, "one invoice in two executions").
	fapiaoDedupeDemo(run) {
		const { INVOICES } = require('./einvoice-workflows');
		const read = nodeOutput(run, 'Invoice OCR');
		assert.deepEqual(
			read.map((json) => json.invoiceNumber),
			[INVOICES.twice.number, INVOICES.twice.number, INVOICES.common.number],
			'every mail gives its invoice',
		);
		assert.equal(read[0].dedupeKey, read[1].dedupeKey, 'the XML and the PDF of one invoice have one dedupeKey');
		assert.deepEqual(
			nodeOutput(run, 'Remove Copies in Run').map((json) => json.source.fileName),
			[`${INVOICES.twice.number}.xml`, `${INVOICES.common.number}.ofd`],
			'the PDF copy in the same run is removed, the first copy kept',
		);
		assert.deepEqual(
			nodeOutput(run, 'Book Invoice').map((json) => json.invoiceNumber),
			[INVOICES.twice.number, INVOICES.common.number],
			'a first run books each invoice once',
		);
		assert.deepEqual(
			nodeOutput(run, 'Skip Booked Before').map((json) => json.invoiceNumber),
			[INVOICES.twice.number, INVOICES.common.number],
			'nothing was booked before: Remove Duplicates keeps both',
		);
	},
	// examples/einvoice-to-spreadsheet.workflow.json: flat rows, one per line item, into an .xlsx file.
	fapiaoSpreadsheetDemo(run) {
		const { INVOICES } = require('./einvoice-workflows');
		const rows = nodeOutput(run, 'Invoice OCR');
		assert.deepEqual(
			rows.map((row) => [row.invoiceNumber, row.lineNumber]),
			[
				[INVOICES.special.number, 1],
				[INVOICES.special.number, 2],
				[INVOICES.common.number, 1],
			],
			'one row per line item',
		);
		for (const row of rows) {
			for (const [key, value] of Object.entries(row)) {
				assert.ok(value === null || typeof value !== 'object', `flat rows hold plain values: ${key}`);
			}
		}
		const [file] = nodeItems(run, 'Spreadsheet');
		assert.ok(file && file.binary && file.binary.data, 'Convert to File made a file');
		assert.equal(file.binary.data.fileName, 'invoice-lines.xlsx');
	},
	// test/e2e/workflows/local-chain.workflow.json: one item with an XML, an OFD and a PNG → chain ["local",
	// "xinhuo"]: the XML and OFD are read in n8n, the photo by Xinhuo's fake.
	e2eLocalChain(run) {
		const { INVOICES } = require('./einvoice-workflows');
		const items = nodeItems(run, 'Local then Xinhuo', 0);
		assert.deepEqual(nodeItems(run, 'Local then Xinhuo', 1), [], 'nothing fails');
		const byFile = items.map((item) => [item.json.source.binaryProperty, item.json.vendor]);
		assert.deepEqual(byFile.slice(0, 2), [
			['attachment_0', 'local'],
			['attachment_1', 'local'],
		]);
		assert.deepEqual(
			items.slice(0, 2).map((item) => item.json.invoiceNumber),
			[INVOICES.special.number, INVOICES.common.number],
		);
		assert.ok(byFile.length > 2, 'the photo was recognized too');
		assert.ok(
			byFile.slice(2).every(([property, vendor]) => property === 'attachment_2' && vendor === 'xinhuo'),
			`only the photo goes to Xinhuo: ${JSON.stringify(byFile)}`,
		);
		assert.ok(items.every((item) => item.pairedItem.item === 0), 'every invoice is paired to the mail');
		for (const item of items) assertRecognizedInvoice(item.json, item.json.vendor);
	},
	// test/e2e/workflows/ocr-fallback.workflow.json: a PNG and a BMP through two fallback chains. Juhe takes the
	// PNG and passes the BMP (a format it does not take) to Volcengine; Xinhuo's credential points where nothing
	// listens, so WeBank answers both. n8n must hand each chain node both of its credentials.
	e2eOcrFallback(run) {
		const answeredBy = (nodeName) =>
			nodeItems(run, nodeName).map((item) => [item.pairedItem.item, item.json.vendor]);
		assert.deepEqual(
			answeredBy('OCR Juhe then Volcengine'),
			[
				[0, 'juhe'],
				[1, 'volcengine'],
			],
			'Juhe answers the PNG, Volcengine the BMP Juhe cannot take',
		);
		const webank = answeredBy('OCR Xinhuo (down) then WeBank');
		assert.ok(webank.length >= 2, `WeBank recognized ${webank.length} invoices`);
		assert.deepEqual(
			[...new Set(webank.map(([item]) => item))],
			[0, 1],
			'every input item is answered, in input order',
		);
		assert.ok(
			webank.every(([, vendor]) => vendor === 'webank'),
			'WeBank answers when Xinhuo is unreachable',
		);
		for (const nodeName of ['OCR Juhe then Volcengine', 'OCR Xinhuo (down) then WeBank']) {
			for (const item of nodeItems(run, nodeName)) assertRecognizedInvoice(item.json, item.json.vendor);
		}
	},
};

module.exports = {
	CREDENTIALS,
	NODE_DISPLAY_NAMES,
	NODE_TYPES,
	VENDORS,
	VENDOR_NAMES,
	WORKFLOW_EXPECTATIONS,
	assertFailedItem,
	assertFapiaoNodesProduced,
	assertRecognizedInvoice,
	credentialData,
	credentialsForImport,
	fakeBaseUrls,
	fapiaoNodes,
	loadFakes,
	nodeItems,
	nodeOutput,
	packageWorkflowFiles,
	useImportedCredentials,
	wrongCredentialData,
};
