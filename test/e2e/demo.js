'use strict';
// The demo: this package in a real n8n against the bundled vendor fakes. Runs
// examples/invoice-ocr-demo.workflow.json once per vendor (the Invoice OCR node switched to that vendor and
// its credential), then once as a fallback chain (Juhe with its quota used up, then Xinhuo), then e-invoice files
// read locally, then examples/invoice-dedupe.workflow.json twice (each invoice booked once), then
// examples/verify-invoice-demo.workflow.json (Verify Invoice against the fake WeBank registry),
// and prints what came out, readably. Run it with scripts/demo.sh.
//
// Options: --vendor <name> (only that vendor), --json (print the items as JSON too), --no-build,
//          --workflow <file> (another workflow with an Invoice OCR node instead of the demo),
//          --serve (afterwards keep n8n running with everything imported, so you can open the editor: prints the
//          URL and the login; Ctrl-C or SIGTERM stops n8n and the fakes and removes n8n's temporary folder).

const fs = require('node:fs');
const path = require('node:path');

const {
	N8nInstance,
	OWNER,
	REPO_ROOT,
	ensureRealN8n,
	makeArtifactsDir,
	nodeItems,
	packPackage,
	requireNode24,
} = require('./n8n');
const pkg = require('./package-checks');

const DEMO_FILE = path.join(REPO_ROOT, 'examples', 'invoice-ocr-demo.workflow.json');
const LOCAL_DEMO_FILE = path.join(REPO_ROOT, 'examples', 'einvoice-local.workflow.json');
const VERIFY_DEMO_FILE = path.join(REPO_ROOT, 'examples', 'verify-invoice-demo.workflow.json');
const DEDUPE_DEMO_FILE = path.join(REPO_ROOT, 'examples', 'invoice-dedupe.workflow.json');

function parseArgs(argv) {
	const options = {
		vendors: pkg.VENDORS,
		json: false,
		build: true,
		serve: false,
		workflow: DEMO_FILE,
	};
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--vendor') options.vendors = [argv[++index]];
		else if (arg.startsWith('--vendor=')) options.vendors = [arg.slice(9)];
		else if (arg === '--json') options.json = true;
		else if (arg === '--no-build') options.build = false;
		else if (arg === '--serve') options.serve = true;
		else if (arg === '--workflow') options.workflow = path.resolve(argv[++index]);
		else throw new Error(`unknown option ${arg}`);
	}
	for (const vendor of options.vendors) {
		if (!pkg.VENDORS.includes(vendor))
			throw new Error(`unknown vendor ${vendor} (one of ${pkg.VENDORS})`);
	}
	return options;
}

/**
 * The demo workflow with every Invoice OCR node switched to one vendor, or to a fallback chain over several,
 * with the imported credential of each.
 */
function workflowFor(template, vendors) {
	const chain = vendors.length > 1;
	const workflow = JSON.parse(JSON.stringify(template));
	workflow.id = chain ? 'fapiaoDemoFallback' : `fapiaoDemo${vendors[0][0].toUpperCase()}${vendors[0].slice(1)}`;
	workflow.name = `${template.name} (${chain ? `fallback ${vendors.join(' → ')}` : vendors[0]})`;
	for (const node of workflow.nodes) {
		if (node.type !== pkg.NODE_TYPES.invoiceOcr) continue;
		node.parameters = {
			...node.parameters,
			...(chain ? { vendor: 'fallbackChain', vendors } : { vendor: vendors[0] }),
		};
		node.credentials = Object.fromEntries(
			vendors.map((vendor) => {
				const { type, id, name } = pkg.CREDENTIALS[vendor];
				return [type, { id, name }];
			}),
		);
	}
	// Other fapiao nodes (e.g. Verify Invoice in a --workflow file) get the imported credentials too.
	return pkg.useImportedCredentials(workflow);
}

const text = (value) =>
	value === null || value === undefined || value === '' ? '—' : String(value);
const money = (value) => (typeof value === 'number' ? value.toFixed(2) : text(value));

function describeInvoice(json, index) {
	const lines = [];
	lines.push(
		`  #${index + 1} ${text(json.invoiceType)} ${text(json.invoiceTypeName)}  by ${text(json.vendor)}` +
			`  code ${text(json.invoiceCode)}  number ${text(json.invoiceNumber)}  date ${text(json.issueDate)}`,
	);
	const party = (p) => (p ? `${text(p.name)} (${text(p.taxId)})` : '—');
	lines.push(`     seller ${party(json.seller)}   buyer ${party(json.buyer)}`);
	const items = Array.isArray(json.items) ? json.items.length : 0;
	lines.push(
		`     amount ${money(json.amount)}  tax ${money(json.tax)}  total ${money(json.total)}` +
			`  (${text(json.totalInWords)})  line items ${items}`,
	);
	if (json.checks) {
		const issues = (json.checks.issues || []).map((issue) => `${issue.rule}: ${issue.message}`);
		lines.push(
			`     offline checks ${json.checks.passed ? 'passed' : 'FAILED'}${issues.length ? ` — ${issues.join('; ')}` : ''}`,
		);
	}
	if (json.verification) {
		const v = json.verification;
		lines.push(`     verification ${text(v.status)} (verified: ${v.verified}) ${text(v.message)}`);
	}
	if (json.redLetter) lines.push('     red-letter (红字) invoice');
	if (json.source) {
		const entry = json.source.entry ? `, member ${json.source.entry}` : '';
		const copies = (json.source.alsoIn || []).map((copy) => copy.fileName).join(', ');
		lines.push(
			`     from ${text(json.source.fileName)}${entry} (${text(json.source.mimeType)})` +
				(copies ? `; the same invoice was also in ${copies} (merged)` : ''),
		);
	}
	return lines.join('\n');
}

/** A Verify Invoice item: the invoice asked about and what the tax system said. */
function describeVerification(json, index) {
	const v = json.verification;
	return (
		`  #${index + 1} ${text(json.invoiceType)} code ${text(json.invoiceCode)}  number ${text(json.invoiceNumber)}` +
		`  date ${text(json.issueDate)}  amount ${money(json.amount)}  → ${text(v.status)}${v.verified ? ' (verified)' : ''}` +
		`\n     ${text(v.message)}` +
		(json.about ? `\n     (${json.about})` : '')
	);
}

function describeError(json, index) {
	const error = json.error || {};
	// n8n merges the input item's json into an error-output item: its file name says which file failed.
	const file = typeof json.file === 'string' ? ` (${json.file})` : '';
	return (
		`  #${index + 1} ERROR${file} ${text(error.code)}: ${text(error.message)}` +
		`\n     vendor said ${text(error.vendorCode)} ${text(error.vendorMessage)}; retryable: ${text(error.retryable)}`
	);
}

/** The output names of a Switch node as the canvas shows them: each rule's name, then the fallback's. */
function switchOutputNames(node) {
	const rules = (node.parameters.rules && node.parameters.rules.values) || [];
	const names = rules.map((rule, index) => rule.outputKey || String(index));
	const fallback = node.parameters.options && node.parameters.options.renameFallbackOutput;
	return fallback ? [...names, fallback] : names;
}

/** Which branch of each Switch every item took, e.g. "Route by Invoice Type → VAT Expenses: 3 (vat_roll ×3)". */
function printBranches(workflow, result) {
	for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.removeDuplicates')) {
		if (!result.run.data.resultData.runData[node.name]) continue;
		const kept = nodeItems(result.run, node.name).map((item) => item.json.invoiceNumber);
		console.log(`  [${node.name}] kept ${kept.length} item(s)${kept.length ? `: ${kept.join(', ')}` : ''}`);
	}
	for (const node of workflow.nodes.filter((candidate) => candidate.type === 'n8n-nodes-base.switch')) {
		const runs = result.run.data.resultData.runData[node.name];
		if (!runs) continue;
		switchOutputNames(node).forEach((name, outputIndex) => {
			const items = nodeItems(result.run, node.name, outputIndex);
			if (items.length === 0) return;
			const what = items.map((item) => {
				if (item.json.error) return item.json.error.code;
				if (item.json.verification) return `${item.json.invoiceNumber} ${item.json.verification.status}`;
				return item.json.invoiceType;
			});
			const counted = [...new Set(what)].map((value) => {
				const count = what.filter((other) => other === value).length;
				return count > 1 ? `${value} ×${count}` : value;
			});
			console.log(`  [${node.name} → ${name}] ${items.length} item(s): ${counted.join(', ')}`);
		});
	}
}

function printRun(label, workflow, result, options) {
	const status = result.ok ? 'ran' : `FAILED (exit ${result.exitCode})`;
	console.log(`\n=== ${label}: ${status} in ${(result.ms / 1000).toFixed(1)} s`);
	if (!result.run) return;
	const runError = result.run.data.resultData.error;
	if (runError) console.log(`  workflow error: ${runError.message}`);
	for (const node of pkg.fapiaoNodes(workflow)) {
		const runs = result.run.data.resultData.runData[node.name];
		if (!runs) {
			console.log(`  [${node.name}] did not run`);
			continue;
		}
		const outputs = (runs[0].data && runs[0].data.main) || [];
		outputs.forEach((_items, outputIndex) => {
			const items = nodeItems(result.run, node.name, outputIndex);
			// As the canvas names them: the main output is "Success", the error output "Error".
			const label = outputs.length > 1 ? ` → ${outputIndex === 0 ? 'Success' : 'Error'}` : '';
			console.log(`  [${node.name}${label}] ${items.length} item(s)`);
			items.forEach((item, index) => {
				console.log(
					'error' in item.json
						? describeError(item.json, index)
						: item.json.verification
							? describeVerification(item.json, index)
							: describeInvoice(item.json, index),
				);
				if (options.json) console.log(JSON.stringify(item.json, null, 2).replace(/^/gm, '     '));
			});
		});
	}
	printBranches(workflow, result);
}

/**
 * Ctrl-C (SIGINT) and SIGTERM, from the start: the demo then stops what it started (n8n, the fakes) and removes
 * n8n's folder instead of dying with them left behind. `requested` says whether one came; `signal` resolves with
 * the first one's name. A second signal ends the process at once (n8n.js still ends n8n's process group on exit).
 */
function watchStopSignals() {
	const watch = { requested: null };
	watch.signal = new Promise((resolve) => {
		for (const name of ['SIGINT', 'SIGTERM']) {
			// Stays registered: while it is, n8n.js leaves the signal to this handler (see endServersOnExit).
			process.on(name, () => {
				if (watch.requested) process.exit(130);
				watch.requested = name;
				resolve(name);
			});
		}
	});
	return watch;
}

async function main() {
	const started = Date.now();
	const options = parseArgs(process.argv.slice(2));
	const stop = watchStopSignals();
	requireNode24();
	if (!fs.existsSync(options.workflow))
		throw new Error(`${path.relative(REPO_ROOT, options.workflow)} is missing`);
	const artifactsDir = makeArtifactsDir('demo');
	const home = await ensureRealN8n();
	const n8n = new N8nInstance({ home, name: 'demo', artifactsDir });
	const fakes = pkg.loadFakes();
	const handles = await fakes.startAllFakes();
	try {
		console.log('[demo] building and packing the package');
		const packed = await packPackage({
			build: options.build,
			destination: artifactsDir,
			logDir: artifactsDir,
		});
		await n8n.installPackage(packed.tarball);
		const urls = pkg.fakeBaseUrls(handles);
		console.log(`[demo] vendor fakes: ${JSON.stringify(urls)}`);
		console.log(
			'[demo] The vendor answers are canned: no picture is really recognized. Each fake answers each sample file of examples/samples/ with a made-up answer matching what that file shows (its number, date and total are printed on it), as that vendor would read it: Juhe and Volcengine read roll invoices only, Jumdata one invoice per file, Xinhuo and WeBank every invoice of a photo. The e-invoice files of the local run are read for real, in n8n. Verify Invoice asks the fake WeBank, whose registry holds invoices dated relative to today.',
		);
		console.log(
			'[demo] Invoice OCR is node version 1.1, as a new node is: e-invoice files are read locally first (no vendor call), copies of one invoice in one item are merged (source.alsoIn), and files that cannot be an invoice (the 1-pixel image, the 96×64 GIF) are skipped without a request.',
		);
		await n8n.importCredentials(pkg.credentialsForImport(urls, fakes.FAKE_CREDENTIALS));
		const template = JSON.parse(fs.readFileSync(options.workflow, 'utf8'));
		if (!template.nodes.some((node) => node.type === pkg.NODE_TYPES.invoiceOcr)) {
			throw new Error(`${options.workflow} has no Invoice OCR node`);
		}
		const workflows = options.vendors.map((vendor) => ({
			label: vendor,
			workflow: workflowFor(template, [vendor]),
		}));
		if (options.vendors === pkg.VENDORS) {
			// Juhe answers "quota used up" (10012) to every request, so Xinhuo takes each file Juhe cannot.
			workflows.push({
				label: 'fallback chain: juhe (quota used up) → xinhuo',
				workflow: workflowFor(template, ['juhe', 'xinhuo']),
				before: () => handles.juhe.configure({ failWith: { vendorCode: 10012 } }),
				after: () => handles.juhe.reset(),
			});
		}
		if (options.vendors === pkg.VENDORS && options.workflow === DEMO_FILE) {
			// 数电 e-invoice files (XML, OFD, a ZIP bundle, two copies of one invoice) read inside n8n: no vendor.
			workflows.push({
				label: 'e-invoice files read locally (vendor "local", no vendor call)',
				workflow: JSON.parse(fs.readFileSync(LOCAL_DEMO_FILE, 'utf8')),
			});
		}
		if (options.vendors === pkg.VENDORS && options.workflow === DEMO_FILE) {
			// One saved workflow run twice: Remove Duplicates on dedupeKey books each invoice once across both runs.
			const dedupe = JSON.parse(fs.readFileSync(DEDUPE_DEMO_FILE, 'utf8'));
			workflows.push(
				{ label: 'never book one invoice twice, run 1: an XML mail, its PDF in a later mail, another invoice', workflow: dedupe },
				{ label: 'never book one invoice twice, run 2: the same mails fetched again', workflow: dedupe },
			);
		}
		if (options.vendors.includes('webank') && options.workflow === DEMO_FILE) {
			// Recent-dated invoices (dates computed when the workflow runs) → Verify Invoice → Switch on the status.
			workflows.push({
				label: 'Verify Invoice (fake WeBank registry): MATCH, MISMATCH, NOT_FOUND',
				workflow: pkg.useImportedCredentials(JSON.parse(fs.readFileSync(VERIFY_DEMO_FILE, 'utf8'))),
			});
		}
		// A workflow run more than once (the dedupe example) is imported once.
		await n8n.importWorkflow([...new Map(workflows.map(({ workflow }) => [workflow.id, workflow])).values()]);
		console.log(
			`[demo] running ${path.relative(REPO_ROOT, options.workflow)} once per vendor, then as a fallback chain, then e-invoice files read locally, then the dedupe example twice, then Verify Invoice`,
		);
		let failures = 0;
		for (const { label, workflow, before, after } of workflows) {
			if (stop.requested) break;
			if (before) before();
			try {
				const result = await n8n.executeWorkflow(workflow.id);
				if (!result.ok) failures += 1;
				printRun(label, workflow, result, options);
			} finally {
				if (after) after();
			}
		}
		console.log(`\n[demo] logs: ${path.relative(REPO_ROOT, artifactsDir)}`);
		console.log(`[demo] ${workflows.length} runs in ${((Date.now() - started) / 1000).toFixed(0)} s, ${failures} failed`);
		if (options.serve && !stop.requested) {
			await n8n.startN8n();
			await n8n.setupOwner();
			console.log(`\n[demo] n8n is running: open ${n8n.baseUrl}/workflow/${workflows[0].workflow.id}`);
			console.log(`[demo] sign in with email ${OWNER.email} and password ${OWNER.password}`);
			console.log(`[demo] n8n's folder for this demo: ${n8n.userFolder}`);
			console.log('[demo] Ctrl-C stops n8n and the fakes and removes that folder.');
		}
		if (options.serve || stop.requested) {
			const signal = await stop.signal;
			console.log(`\n[demo] ${signal}: stopping n8n and removing ${n8n.userFolder}`);
		}
		return failures === 0 && !(stop.requested && !options.serve) ? 0 : 1;
	} finally {
		await n8n.stop();
		const list = Array.isArray(handles) ? handles : Object.values(handles ?? {});
		if (handles && typeof handles.closeAll === 'function') await handles.closeAll();
		else await Promise.all(list.map((handle) => handle && handle.close && handle.close()));
		if (stop.requested) {
			const gone = !fs.existsSync(n8n.userFolder);
			console.log(`[demo] n8n and the fakes stopped; ${n8n.userFolder} ${gone ? 'removed' : 'NOT removed'}`);
		}
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		process.exit(1);
	},
);
