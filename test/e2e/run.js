'use strict';
// End-to-end test in a real n8n (the pinned 2.41.1 from scripts/real-n8n.sh) with this package installed the
// way users get it (npm pack → <user folder>/.n8n/nodes/node_modules). Run it with scripts/e2e.sh.
//
// Checks come in two kinds, by name prefix:
//   harness:  the test infrastructure itself, proven with n8n's own nodes and a tiny probe package
//             (test/e2e/fixtures), including negative controls, so a green package check means something;
//   package:  this package's nodes and credentials against the bundled vendor fakes (package-checks.js).
//             They need the nodes: while those are missing these checks FAIL, they are never skipped.
//
// Options: --only <regex> (run matching checks; the others are reported as skipped), --list,
//          --no-build (use the existing dist/), --no-browser, --keep (keep n8n's user folder for a look).
// The last line printed is "N passed, N failed[, N skipped]"; the exit code is 1 when anything failed.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');

const {
	N8nInstance,
	OWNER,
	PACKAGE_NAME,
	REPO_ROOT,
	ensureRealN8n,
	makeArtifactsDir,
	nodeOutput,
	packPackage,
	parseExecuteOutput,
	nodeItems,
	requireNode24,
	runCommand,
} = require('./n8n');
const { EDITOR_VIEWPORT, canvasLayoutProblems, launchEditorBrowser } = require('./browser');
const pkg = require('./package-checks');
const qrChecks = require('./qr-checks');

const PROBE_DIR = path.join(__dirname, 'fixtures', 'n8n-nodes-fapiao-e2e-probe');
const PROBE_PACKAGE = 'n8n-nodes-fapiao-e2e-probe';
const PROBE_RIGHT_KEY = 'probe-right-key-0001';
const SMOKE_FILE = path.join(__dirname, 'workflows', 'builtin-smoke.workflow.json');
const PROBE_WORKFLOW_FILE = path.join(__dirname, 'workflows', 'harness-probe.workflow.json');
// Real e-invoices beside the clone (never in the repository); CI always has them, a contributor may not.
const SAMPLES_DIR = path.join(REPO_ROOT, '..', 'shared', 'samples', 'einvoice');

function parseArgs(argv) {
	const options = { only: null, list: false, build: true, browser: true, keep: false };
	for (let index = 0; index < argv.length; index++) {
		const arg = argv[index];
		if (arg === '--only') options.only = new RegExp(argv[++index], 'i');
		else if (arg.startsWith('--only=')) options.only = new RegExp(arg.slice(7), 'i');
		else if (arg === '--list') options.list = true;
		else if (arg === '--no-build') options.build = false;
		else if (arg === '--no-browser') options.browser = false;
		else if (arg === '--keep') options.keep = true;
		else throw new Error(`unknown option ${arg}`);
	}
	if (process.env.E2E_ONLY && !options.only) options.only = new RegExp(process.env.E2E_ONLY, 'i');
	return options;
}

/** What a check returns when what it needs is not on this machine (e.g. the ../shared samples). */
class Skipped {
	constructor(reason) {
		this.reason = reason;
	}
}

/** Runs named checks in order; a check whose prerequisite failed fails too ("blocked"), never passes. */
class Runner {
	constructor({ only, list }) {
		this.only = only;
		this.list = list;
		this.results = new Map();
		this.order = [];
	}

	async check(name, fn, { needs = [] } = {}) {
		this.order.push(name);
		if (this.list) {
			this.results.set(name, { status: 'skipped', reason: 'listed' });
			console.log(`  ${name}`);
			return;
		}
		if (this.only && !this.only.test(name)) {
			this.results.set(name, { status: 'skipped', reason: 'not selected' });
			return;
		}
		for (const need of needs) {
			const prerequisite = this.results.get(need);
			if (!prerequisite) throw new Error(`check "${name}" needs unknown check "${need}"`);
			if (prerequisite.status === 'failed') {
				this.record(name, 'failed', 0, `blocked: "${need}" failed`);
				return;
			}
			if (prerequisite.status === 'skipped') {
				this.record(name, 'skipped', 0, `"${need}" was skipped`);
				return;
			}
		}
		const started = Date.now();
		try {
			const note = await fn();
			// A check whose input is missing here says so, and is counted as skipped, never as passed.
			if (note instanceof Skipped) this.record(name, 'skipped', Date.now() - started, note.reason);
			else this.record(name, 'passed', Date.now() - started, typeof note === 'string' ? note : '');
		} catch (error) {
			const message = error && error.stack ? error.stack : String(error);
			this.record(name, 'failed', Date.now() - started, message);
		}
	}

	record(name, status, ms, detail) {
		this.results.set(name, { status, ms, detail });
		const mark = { passed: 'PASS', failed: 'FAIL', skipped: 'SKIP' }[status];
		const seconds = ms ? ` (${(ms / 1000).toFixed(1)} s)` : '';
		console.log(`${mark} ${name}${seconds}`);
		if (detail) console.log(indent(detail));
	}

	passed(name) {
		return this.results.get(name)?.status === 'passed';
	}

	summary() {
		const counts = { passed: 0, failed: 0, skipped: 0 };
		for (const name of this.order) counts[this.results.get(name).status] += 1;
		return counts;
	}
}

function indent(text) {
	return text
		.split('\n')
		.slice(0, 40)
		.map((line) => `     ${line}`)
		.join('\n');
}

function readJson(file) {
	return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** A loopback server standing in for an API behind the probe credential: 200 only for the right key. */
function startProbeApi() {
	return new Promise((resolve) => {
		const server = http.createServer((request, response) => {
			const ok = request.url === '/check' && request.headers['x-probe-key'] === PROBE_RIGHT_KEY;
			response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
			response.end(JSON.stringify(ok ? { ok: true } : { error: 'bad key' }));
		});
		server.listen(0, '127.0.0.1', () => {
			resolve({ server, url: `http://127.0.0.1:${server.address().port}` });
		});
	});
}

/** Every example workflow (examples/*.workflow.json), also one added later: the layout check covers them all. */
function exampleWorkflowFiles() {
	const dir = path.join(REPO_ROOT, 'examples');
	return fs
		.readdirSync(dir)
		.filter((name) => name.endsWith('.workflow.json'))
		.sort()
		.map((name) => path.join(dir, name));
}

const LAYOUT_CONTROL_ID = 'e2eLayoutControl';
// README "Key order": the columns Table view shows first.
const SCANNED_FIRST = ['invoiceType', 'invoiceTypeName', 'invoiceNumber', 'issueDate', 'seller', 'total', 'checks'];

/** A Switch v3.2 on `{{$json.branch}}` whose outputs are named `keys` (renamed outputs show as labels on the canvas). */
function switchNode(name, position, keys) {
	return {
		id: `${name}-switch`,
		name,
		type: 'n8n-nodes-base.switch',
		typeVersion: 3.2,
		position,
		parameters: {
			rules: {
				values: keys.map((key, index) => ({
					conditions: {
						options: { caseSensitive: true, leftValue: '', typeValidation: 'strict', version: 2 },
						conditions: [
							{
								id: `c${index}`,
								leftValue: '={{ $json.branch }}',
								rightValue: String(index),
								operator: { type: 'string', operation: 'equals' },
							},
						],
						combinator: 'and',
					},
					renameOutput: true,
					outputKey: key,
				})),
			},
			options: {},
		},
	};
}

/** The layout check's negative control: two boxes that overlap and a branch label too long for n8n to show. */
function layoutControlWorkflow() {
	const noOp = (name, position) => ({ id: name, name, type: 'n8n-nodes-base.noOp', typeVersion: 1, position, parameters: {} });
	return {
		id: LAYOUT_CONTROL_ID,
		name: 'E2E: layout check negative control (overlaps on purpose)',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			switchNode('Route', [224, 0], ['A branch name too long to show', 'Short']),
			noOp('First', [512, -64]),
			noOp('Second', [544, 0]),
		],
		connections: {
			Start: { main: [[{ node: 'Route', type: 'main', index: 0 }]] },
			Route: {
				main: [[{ node: 'First', type: 'main', index: 0 }], [{ node: 'Second', type: 'main', index: 0 }]],
			},
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

const PANELS_ID = 'e2eEditorPanels';

/** New nodes as a user drops them in (no parameters set), for the panel checks to switch vendors and add fields. */
function panelWorkflow() {
	return {
		id: PANELS_ID,
		name: 'E2E: editor panel checks',
		nodes: [
			{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: 'ocr', name: 'Invoice OCR', type: pkg.NODE_TYPES.invoiceOcr, typeVersion: 1.1, position: [224, 0], parameters: {} },
			{
				id: 'verify',
				name: 'Verify Invoice',
				type: pkg.NODE_TYPES.verifyInvoice,
				typeVersion: 1,
				position: [448, 0],
				parameters: {},
				// Set beforehand: the editor would pick it on opening and save the workflow while the check works.
				credentials: { [pkg.CREDENTIALS.webank.type]: { id: 'set-on-import', name: 'set on import' } },
			},
		],
		// Verify Invoice stands alone: behind an unrun Invoice OCR the editor would fetch an output schema for it that
		// community packages do not ship (a 404 that is not a fault of the panel).
		connections: { Start: { main: [[{ node: 'Invoice OCR', type: 'main', index: 0 }]] } },
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * What the canvas must show of a workflow, so the layout check cannot pass by measuring nothing: a box for every
 * node, every renamed Switch output ("Deductible VAT", the fallback's name) and, on nodes that continue using the
 * error output, "Success" and "Error". Returns what is missing, as readable lines.
 */
function missingCanvasParts(workflow, parts) {
	const missing = [];
	for (const node of workflow.nodes) {
		const own = parts.filter((part) => part.node === node.name);
		if (!own.some((part) => part.kind === 'box' || part.kind === 'sticky note')) {
			missing.push(`"${node.name}" has no box on the canvas`);
		}
		const labels = [];
		if (node.type === 'n8n-nodes-base.switch') {
			for (const rule of node.parameters?.rules?.values ?? []) if (rule.renameOutput && rule.outputKey) labels.push(rule.outputKey);
			const options = node.parameters?.options ?? {};
			if (options.fallbackOutput === 'extra' && options.renameFallbackOutput) labels.push(options.renameFallbackOutput);
		}
		if (node.onError === 'continueErrorOutput') labels.push('Success', 'Error');
		for (const label of labels) {
			if (!own.some((part) => part.kind === 'output label' && part.text === label)) {
				missing.push(`output label "${label}" of "${node.name}" is not on the canvas`);
			}
		}
	}
	return missing;
}

async function fetchStatus(url, cookie) {
	const response = await fetch(url, { headers: cookie ? { cookie: `n8n-auth=${cookie}` } : {} });
	const body = Buffer.from(await response.arrayBuffer());
	return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}

/** An icon URL from nodes.json (iconUrl string or { light, dark }) → absolute URLs. */
function iconUrls(baseUrl, description) {
	const value = description.iconUrl;
	const list = typeof value === 'string' ? [value] : value ? Object.values(value) : [];
	return list.map((url) => new URL(url, `${baseUrl}/`).href);
}

async function assertIconLoads(url, cookie) {
	const { status, type, body } = await fetchStatus(url, cookie);
	assert.equal(status, 200, `icon ${url} answered HTTP ${status}`);
	assert.match(type, /image\/(svg\+xml|png)/, `icon ${url} has content-type ${type}`);
	if (type.includes('svg'))
		assert.match(body.toString('utf8'), /<svg[\s>]/, `icon ${url} is not an svg`);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	requireNode24();
	const runner = new Runner(options);
	const started = Date.now();
	const artifactsDir = options.list ? REPO_ROOT : makeArtifactsDir('e2e');
	if (!options.list)
		console.log(
			`[e2e] logs and screenshots of this run: ${path.relative(REPO_ROOT, artifactsDir)}`,
		);

	const state = { n8n: null, fakes: null, fakeHandles: null, probeApi: null, editor: null };
	const timings = {};
	const time = async (label, fn) => {
		const t0 = Date.now();
		try {
			return await fn();
		} finally {
			timings[label] = (timings[label] ?? 0) + (Date.now() - t0);
		}
	};

	const INSTALL = 'harness: real n8n is installed and a fresh user folder is prepared';
	const PACKAGE = 'package: builds, packs and installs into n8n [needs nodes]';
	const FAKES = 'package: the vendor fakes start [needs test/fakes]';
	const CREDS = 'package: vendor credentials import, pointed at the fakes [needs nodes]';
	const WORKFLOWS = 'package: example and e2e workflows import [needs nodes]';
	const SMOKE =
		'harness: a workflow of n8n built-in nodes runs headlessly and its output is asserted';
	const START = 'harness: n8n start is ready, owner set up, login gives the auth cookie';
	const BROWSER =
		'harness: the browser opens a workflow canvas and a node parameter panel (screenshots)';

	try {
		// ---------------------------------------------------------------- setup
		await runner.check(INSTALL, async () => {
			const home = await time('install', () => ensureRealN8n());
			// The real e-invoice samples are read by n8n's own Read Files node, which only reads allowed folders.
			// n8n checks a file's real path, so a samples folder reached through a symlink is allowed by both names.
			const readable = [SAMPLES_DIR, qrChecks.QR_SAMPLES_DIR]
				.filter((dir) => fs.existsSync(dir))
				.flatMap((dir) => [...new Set([dir, fs.realpathSync(dir)])]);
			const env = readable.length > 0 ? { N8N_RESTRICT_FILE_ACCESS_TO: readable.join(';') } : {};
			state.n8n = new N8nInstance({ home, name: 'e2e', artifactsDir, env });
			await state.n8n.installPackage(PROBE_DIR);
			state.probeApi = await startProbeApi();
			await state.n8n.importCredentials([
				{
					id: 'e2eProbeCred',
					name: 'Probe (e2e)',
					type: 'probeApi',
					data: { apiKey: PROBE_RIGHT_KEY, baseUrl: state.probeApi.url },
				},
				{
					id: 'e2eProbeCredWrong',
					name: 'Probe with a wrong key (e2e)',
					type: 'probeApi',
					data: { apiKey: 'probe-wrong-key', baseUrl: state.probeApi.url },
				},
			]);
			return `n8n at ${home}; user folder ${state.n8n.userFolder}`;
		});

		await runner.check(
			PACKAGE,
			async () => {
				const packed = await time('build+pack', () =>
					packPackage({ build: options.build, destination: artifactsDir, logDir: artifactsDir }),
				);
				const manifest = readJson(path.join(REPO_ROOT, 'package.json'));
				const declared = [...manifest.n8n.nodes, ...manifest.n8n.credentials];
				const nodeFiles = manifest.n8n.nodes.join(' ');
				assert.match(
					nodeFiles,
					/InvoiceOcr/,
					'package.json n8n.nodes does not list the Invoice OCR node',
				);
				assert.match(
					nodeFiles,
					/VerifyInvoice/,
					'package.json n8n.nodes does not list the Verify Invoice node',
				);
				assert.equal(
					manifest.n8n.credentials.length,
					5,
					'package.json n8n.credentials should list 5',
				);
				for (const file of declared) {
					assert.ok(packed.files.includes(file), `the packed tarball lacks ${file}`);
				}
				assert.ok(
					!packed.files.some(
						(file) => file.startsWith('node_modules/') || file.startsWith('test/'),
					),
					'the tarball ships node_modules/ or test/',
				);
				await state.n8n.installPackage(packed.tarball);
				state.packed = packed;
				return `${path.basename(packed.tarball)}: ${packed.files.length} files`;
			},
			{ needs: [INSTALL] },
		);

		await runner.check(FAKES, async () => {
			state.fakes = pkg.loadFakes();
			state.fakeHandles = await state.fakes.startAllFakes();
			state.fakeUrls = pkg.fakeBaseUrls(state.fakeHandles);
			return JSON.stringify(state.fakeUrls);
		});

		// ------------------------------------------------------------ headless (n8n CLI)
		await runner.check(
			SMOKE,
			async () => {
				await time('import', () =>
					state.n8n.importWorkflow([readJson(SMOKE_FILE), readJson(PROBE_WORKFLOW_FILE)]),
				);
				const result = await time('execute', () => state.n8n.executeWorkflow('e2eBuiltinSmoke'));
				assert.ok(result.ok, `execution failed (exit ${result.exitCode})`);
				assert.deepEqual(nodeOutput(result.run, 'Make Items'), [
					{ vendor: 'smoke', total: 106, words: '壹佰零陆元整' },
					{ vendor: 'smoke', total: 1.5, words: '壹元伍角' },
				]);
				return `import+execute; execute took ${(result.ms / 1000).toFixed(1)} s`;
			},
			{ needs: [INSTALL] },
		);

		await runner.check(
			'harness: a wrong `n8n execute` call is caught instead of passing silently',
			async () => {
				// n8n 2.x answers `execute` without --id with a log line and exit code 0.
				const bare = await state.n8n.cli(['execute', '--rawOutput'], {
					label: 'execute-without-id',
				});
				assert.equal(bare.code, 0, 'n8n changed: execute without --id no longer exits 0');
				assert.equal(
					parseExecuteOutput(bare.stdout),
					undefined,
					'no run data expected without --id',
				);
				await assert.rejects(state.n8n.executeWorkflow('e2eNoSuchWorkflow'), /was not imported/);
				// And a run that did print data is found behind log lines.
				const parsed = parseExecuteOutput(
					'log line\n{\n  "data": {\n    "resultData": { "runData": {} }\n  }\n}\n',
				);
				assert.deepEqual(parsed, { data: { resultData: { runData: {} } } });
			},
			{ needs: [SMOKE] },
		);

		await runner.check(
			'harness: a community package installed in the user folder loads and runs in the CLI',
			async () => {
				const result = await time('execute', () => state.n8n.executeWorkflow('e2eHarnessProbe'));
				assert.ok(result.ok, `execution failed (exit ${result.exitCode})`);
				assert.deepEqual(nodeOutput(result.run, 'E2E Probe Missing Icon'), [
					{ probe: 'loaded-from-community-package' },
				]);
			},
			{ needs: [SMOKE] },
		);

		await runner.check(
			CREDS,
			async () => {
				const credentials = pkg.credentialsForImport(state.fakeUrls, state.fakes.FAKE_CREDENTIALS);
				await time('import', () => state.n8n.importCredentials(credentials));
				return credentials.map((credential) => `${credential.type}=${credential.id}`).join(', ');
			},
			{ needs: [PACKAGE, FAKES] },
		);

		const workflowFiles = pkg.packageWorkflowFiles();
		const workflows = workflowFiles.map((file) => ({
			file,
			workflow: pkg.useImportedCredentials(readJson(file)),
		}));
		await runner.check(
			WORKFLOWS,
			async () => {
				assert.ok(
					workflows.length > 0,
					'no workflows in examples/*.json or test/e2e/workflows/*.json',
				);
				await time('import', () =>
					state.n8n.importWorkflow(workflows.map(({ workflow }) => workflow)),
				);
				return workflows
					.map(({ file, workflow }) => `${path.relative(REPO_ROOT, file)} → ${workflow.id}`)
					.join('\n');
			},
			{ needs: [CREDS] },
		);

		// What the editor checks open besides those: every example (also those run by their own end-to-end test,
		// like the mailbox trigger), the layout check's negative control and a workflow for the panel checks.
		const EDITOR_WORKFLOWS = 'package: the editor checks\' workflows import (every example, layout control, panels) [needs nodes]';
		const exampleEntries = exampleWorkflowFiles().map((file) => ({
			file,
			workflow: pkg.useImportedCredentials(readJson(file)),
		}));
		await runner.check(
			EDITOR_WORKFLOWS,
			async () => {
				const imported = new Set(workflows.map(({ workflow }) => workflow.id));
				const extra = [
					...exampleEntries.map(({ workflow }) => workflow).filter((workflow) => !imported.has(workflow.id)),
					layoutControlWorkflow(),
					pkg.useImportedCredentials(panelWorkflow()),
				];
				await time('import', () => state.n8n.importWorkflow(extra));
				return extra.map((workflow) => workflow.id).join(', ');
			},
			{ needs: [WORKFLOWS] },
		);

		for (const { file, workflow } of workflows) {
			await runner.check(
				`package: workflow ${path.relative(REPO_ROOT, file)} runs headlessly and its outputs hold [needs nodes]`,
				async () => {
					const result = await time('execute', () => state.n8n.executeWorkflow(workflow.id));
					assert.ok(result.run, `no run data (exit ${result.exitCode})`);
					const runError = result.run.data.resultData.error;
					assert.ok(
						result.ok,
						`execution failed: ${runError ? runError.message : `exit ${result.exitCode}`}`,
					);
					const expectation = pkg.WORKFLOW_EXPECTATIONS[workflow.id];
					if (expectation) expectation(result.run, workflow, pkg);
					else pkg.assertFapiaoNodesProduced(result.run, workflow);
					return expectation
						? 'specific expectation'
						: 'default expectation: every fapiao node produced items';
				},
				{ needs: [WORKFLOWS] },
			);
		}

		await runner.check(
			'package: every real XML, OFD and PDF sample, read from disk by n8n, comes out of vendor local as the reader reads it [needs nodes]',
			async () => {
				if (!fs.existsSync(SAMPLES_DIR)) return new Skipped('no ../shared/samples/einvoice beside the clone');
				const notes = await samplesThroughN8n(state.n8n);
				return notes.join('\n');
			},
			{ needs: [WORKFLOWS] },
		);

		await runner.check(
			'package: the shared real QR images, read from disk by n8n, give their payloads through vendor local (readFrom qr); a chain local → xinhuo still sends images on, unreadable ones too, unless Key Fields From QR Code Only [needs nodes]',
			async () => {
				if (qrChecks.qrSampleNames().length === 0) return new Skipped('no ../shared/samples/qr beside the clone');
				return (await qrChecks.qrSamplesThroughN8n(state.n8n)).join('\n');
			},
			{ needs: [WORKFLOWS] },
		);

		await runner.check(
			'package: installed as users can today — npm pack, then `npm install --legacy-peer-deps <tarball>` in a fresh <user folder>/.n8n/nodes (no loader, no N8N_CUSTOM_EXTENSIONS) — n8n loads both nodes and runs a workflow with them [needs nodes]',
			async () => {
				const notes = await time('npm install', () => installedByNpm(state.n8n.home, state.packed.tarball, artifactsDir));
				return notes.join('\n');
			},
			{ needs: [PACKAGE] },
		);

		await runner.check(
			'package: one invoice in two executions (its XML mail, then a later mail with its PDF) passes Remove Duplicates once; a new invoice still passes [needs nodes]',
			async () => (await time('execute', () => invoiceInTwoExecutions(state.n8n))).join('\n'),
			{ needs: [WORKFLOWS] },
		);

		await runner.check(
			'package: `npm run demo -- --serve` prints the editor URL and a login that signs in; Ctrl-C (SIGINT) stops n8n and removes its folder [needs nodes]',
			async () => (await time('demo --serve', () => demoServeStopsOnCtrlC())).join('\n'),
			{ needs: [PACKAGE] },
		);

		// ------------------------------------------------------------ server (n8n start) and REST
		await runner.check(
			START,
			async () => {
				await time('n8n start', () => state.n8n.startN8n());
				state.cookie = await state.n8n.setupOwner();
				return `ready in ${(state.n8n.server.readyMs / 1000).toFixed(1)} s at ${state.n8n.baseUrl}`;
			},
			{ needs: [INSTALL] },
		);

		await runner.check(
			'harness: the credential Test (POST /rest/credentials/test) tells a right key from a wrong one',
			async () => {
				const base = { id: 'e2eProbeCred', name: 'Probe (e2e)', type: 'probeApi' };
				const right = await state.n8n.testCredential(state.cookie, {
					...base,
					data: { apiKey: PROBE_RIGHT_KEY, baseUrl: state.probeApi.url },
				});
				assert.equal(right.status, 'OK', `right key: ${JSON.stringify(right)}`);
				const wrong = await state.n8n.testCredential(state.cookie, {
					...base,
					data: { apiKey: 'probe-wrong-key', baseUrl: state.probeApi.url },
				});
				assert.equal(wrong.status, 'Error', `wrong key: ${JSON.stringify(wrong)}`);
				return `right: ${right.status}; wrong: ${wrong.status} "${wrong.message}"`;
			},
			{ needs: [START] },
		);

		await runner.check(
			'harness: /types/nodes.json lists a community node and its icon URL loads; a missing icon is caught',
			async () => {
				const types = await state.n8n.nodeTypes(state.cookie);
				const probe = types.find((type) => type.name === `${PROBE_PACKAGE}.probe`);
				const noIcon = types.find((type) => type.name === `${PROBE_PACKAGE}.probeNoIcon`);
				assert.ok(probe && noIcon, 'probe node types missing from /types/nodes.json');
				for (const url of iconUrls(state.n8n.baseUrl, probe))
					await assertIconLoads(url, state.cookie);
				const missing = iconUrls(state.n8n.baseUrl, noIcon);
				assert.ok(missing.length > 0, 'the missing-icon node has no iconUrl');
				await assert.rejects(assertIconLoads(missing[0], state.cookie), /answered HTTP 404/);
			},
			{ needs: [START] },
		);

		await runner.check(
			'package: /types/nodes.json lists Invoice OCR and Verify Invoice and their icons load [needs nodes]',
			async () => {
				const types = await state.n8n.nodeTypes(state.cookie);
				const notes = [];
				for (const [key, typeName] of Object.entries(pkg.NODE_TYPES)) {
					const description = types.find((type) => type.name === typeName);
					assert.ok(description, `${typeName} is not among n8n's node types`);
					assert.equal(description.displayName, pkg.NODE_DISPLAY_NAMES[key]);
					const urls = iconUrls(state.n8n.baseUrl, description);
					assert.ok(urls.length > 0, `${typeName} has no file icon (iconUrl)`);
					for (const url of urls) await assertIconLoads(url, state.cookie);
					notes.push(`${typeName}: ${urls.map((url) => new URL(url).pathname).join(', ')}`);
				}
				return notes.join('\n');
			},
			{ needs: [START, PACKAGE] },
		);

		await runner.check(
			"package: /types/credentials.json has the contract's credential types, fields and icons [needs nodes]",
			async () => {
				const types = await state.n8n.credentialTypes(state.cookie);
				for (const vendor of pkg.VENDORS) {
					const { type, fields, secret } = pkg.CREDENTIALS[vendor];
					const description = types.find((candidate) => candidate.name === type);
					assert.ok(description, `credential type ${type} is not registered`);
					const names = description.properties.map((property) => property.name);
					for (const field of fields)
						assert.ok(names.includes(field), `${type} lacks field ${field}`);
					if (secret) {
						const property = description.properties.find((candidate) => candidate.name === secret);
						assert.ok(
							property.typeOptions && property.typeOptions.password,
							`${type}.${secret} is not a password field`,
						);
					}
					const urls = iconUrls(state.n8n.baseUrl, description);
					assert.ok(urls.length > 0, `${type} has no icon`);
					for (const url of urls) await assertIconLoads(url, state.cookie);
				}
			},
			{ needs: [START, PACKAGE] },
		);

		for (const vendor of pkg.VENDORS) {
			const { id, name, type, secret } = pkg.CREDENTIALS[vendor];
			await runner.check(
				`package: ${type} credential Test passes with the right ${secret ?? 'endpoints'} and fails with ${secret ? 'a wrong one' : "another vendor's"} [needs nodes]`,
				async () => {
					const right = await state.n8n.testCredential(state.cookie, {
						id,
						name,
						type,
						data: pkg.credentialData(vendor, state.fakeUrls, state.fakes.FAKE_CREDENTIALS),
					});
					assert.equal(right.status, 'OK', `right: ${JSON.stringify(right)}`);
					const wrong = await state.n8n.testCredential(state.cookie, {
						id,
						name,
						type,
						data: pkg.wrongCredentialData(vendor, state.fakeUrls, state.fakes.FAKE_CREDENTIALS),
					});
					assert.equal(wrong.status, 'Error', `wrong: ${JSON.stringify(wrong)}`);
					return `right: OK "${right.message}"; wrong: Error "${wrong.message}"`;
				},
				{ needs: [START, CREDS] },
			);
		}

		/** The node types as the editor gets them (GET /types/nodes.json), by type name; fetched once. */
		let nodeTypesByName;
		const nodeType = async (typeName) => {
			nodeTypesByName ??= Object.fromEntries(
				(await state.n8n.nodeTypes(state.cookie)).map((type) => [type.name, type]),
			);
			const description = nodeTypesByName[typeName];
			assert.ok(description, `${typeName} is not among n8n's node types`);
			return description;
		};
		/** Invoice OCR's vendor names as the Vendor list shows them, by value ('juhe' → 'Juhe'). */
		const vendorOptionNames = async (parameter = 'vendor') => {
			const property = (await nodeType(pkg.NODE_TYPES.invoiceOcr)).properties.find((p) => p.name === parameter);
			return Object.fromEntries(property.options.map((option) => [option.value, option.name]));
		};
		/**
		 * The label of each vendor's credential picker, by vendor, from the node's description; each must start with
		 * the vendor's name as the Vendor list shows it, so pickers shown together can be told apart.
		 */
		const credentialLabels = async () => {
			const description = await nodeType(pkg.NODE_TYPES.invoiceOcr);
			const names = await vendorOptionNames();
			const labels = {};
			for (const vendor of pkg.VENDORS) {
				const credential = description.credentials.find((c) => c.name === pkg.CREDENTIALS[vendor].type);
				assert.ok(credential, `Invoice OCR has no ${pkg.CREDENTIALS[vendor].type} credential`);
				assert.equal(credential.displayName, `${names[vendor]} Credential`, `${vendor}'s credential label`);
				labels[vendor] = credential.displayName;
			}
			return labels;
		};

		// ------------------------------------------------------------ browser
		if (options.browser) {
			await runner.check(
				BROWSER,
				async () => {
					state.editor = await time('browser', () =>
						launchEditorBrowser({ baseUrl: state.n8n.baseUrl, cookie: state.cookie, artifactsDir }),
					);
					const editor = state.editor;
					const names = await editor.openWorkflow('e2eBuiltinSmoke');
					assert.deepEqual(names.sort(), ['Make Items', 'Start']);
					const ran = await editor.executeInEditor();
					assert.ok(
						ran.includes('Make Items'),
						`the editor run did not mark "Make Items" (marked: ${ran})`,
					);
					await editor.screenshot('harness-canvas', { dir: artifactsDir });
					await editor.openNode('Make Items');
					const parameters = await editor.visibleParameters();
					assert.ok(parameters.includes('jsCode'), `Code node panel shows ${parameters}`);
					await editor.screenshot('harness-node-panel', { dir: artifactsDir });
					await editor.closeNode();
					return `canvas: ${names.join(', ')}; ran in editor: ${ran.join(', ')}`;
				},
				{ needs: [START, SMOKE] },
			);

			await runner.check(
				'harness: the browser tells a rendered node icon from a missing one (node panel search)',
				async () => {
					const editor = state.editor;
					try {
						await editor.openWorkflow('e2eHarnessProbe');
						const found = await editor.searchNodePanel('E2E Probe');
						await editor.screenshot('harness-node-search', { dir: artifactsDir });
						await editor.closeNodePanel();
						const probe = found.find((item) => item.name === 'E2E Probe');
						const missing = found.find((item) => item.name === 'E2E Probe Missing Icon');
						assert.ok(probe && missing, `node panel search found ${JSON.stringify(found)}`);
						assert.equal(
							probe.iconRendered,
							true,
							'the probe icon did not render in the node panel',
						);
						assert.equal(
							missing.iconRendered,
							false,
							'a missing icon was taken for a rendered one',
						);
						const canvas = Object.fromEntries(
							(await editor.canvasNodeIcons()).map((node) => [node.name, node.rendered]),
						);
						assert.deepEqual(canvas, {
							Start: true,
							'E2E Probe': true,
							'E2E Probe Missing Icon': false,
						});
					} finally {
						// The missing icon's 404 was provoked on purpose; it is not a fault of the page.
						editor.resetProblems();
					}
				},
				{ needs: [BROWSER] },
			);

			await runner.check(
				'harness: the browser renders a credential form with its fields and its connection test passes',
				async () => {
					const { fields, testResult } = await state.editor.openCredential('e2eProbeCred');
					assert.ok(
						fields.includes('apiKey') && fields.includes('baseUrl'),
						`form fields: ${fields}`,
					);
					assert.equal(
						testResult,
						'success',
						'the form did not show "Connection tested successfully"',
					);
					await state.editor.screenshot('harness-credential', { dir: artifactsDir });
					await state.editor.page.keyboard.press('Escape');
					// Negative control: a stored wrong key must show the failure banner, not the success one.
					const wrong = await state.editor.openCredential('e2eProbeCredWrong');
					assert.equal(wrong.testResult, 'error', 'a wrong key did not show the failure banner');
					await state.editor.screenshot('harness-credential-wrong', { dir: artifactsDir });
					await state.editor.page.keyboard.press('Escape');
					return `fields: ${fields.join(', ')}; banner: right key ${testResult}, wrong key ${wrong.testResult}`;
				},
				{ needs: [BROWSER] },
			);

			await runner.check(
				'package: the node panel finds Invoice OCR and Verify Invoice with their icons (screenshot) [needs nodes]',
				async () => {
					const editor = state.editor;
					await editor.openWorkflow('e2eBuiltinSmoke');
					const notes = [];
					const shots = [];
					for (const [key, displayName] of Object.entries(pkg.NODE_DISPLAY_NAMES)) {
						const found = await editor.searchNodePanel(displayName);
						const item = found.find((candidate) => candidate.name === displayName);
						assert.ok(
							item,
							`searching "${displayName}" found ${JSON.stringify(found.map((f) => f.name))}`,
						);
						assert.equal(item.iconRendered, true, `${displayName} shows no icon in the node panel`);
						if (key === 'invoiceOcr')
							shots.push(await editor.screenshot('node-panel-search', { dir: artifactsDir }));
						notes.push(`${displayName}: found, icon rendered`);
					}
					await editor.closeNodePanel();
					shots.forEach((file) => editor.publishScreenshot(file));
					return notes.join('; ');
				},
				{ needs: [BROWSER, PACKAGE] },
			);

			await runner.check(
				'harness: the canvas layout check catches overlapping node boxes and a label cut short (negative control)',
				async () => {
					const editor = state.editor;
					await editor.openWorkflow(LAYOUT_CONTROL_ID);
					const problems = canvasLayoutProblems(await editor.canvasLayout());
					await editor.screenshot('harness-layout-control', { dir: artifactsDir });
					for (const [pattern, what] of [
						[/the box of "First" and the box of "Second" overlap/, 'the overlapping boxes'],
						[/output label "A branch name too long to show" .* cut short/, 'the cut-short branch label'],
					]) {
						assert.ok(
							problems.some((problem) => pattern.test(problem)),
							`${what} not caught: ${JSON.stringify(problems)}`,
						);
					}
					return problems.join('\n');
				},
				{ needs: [BROWSER, EDITOR_WORKFLOWS] },
			);

			await runner.check(
				'package: every example workflow, as saved, shows every node box and label on the canvas with none overlapping or cut short [needs nodes]',
				async () => {
					const editor = state.editor;
					const notes = [];
					const failures = [];
					for (const { file, workflow } of exampleEntries) {
						const name = path.relative(REPO_ROOT, file);
						// The positions as saved: opened, not tidied up, nothing moved.
						await editor.openWorkflow(workflow.id);
						const parts = await editor.canvasLayout();
						const missing = missingCanvasParts(workflow, parts);
						const problems = canvasLayoutProblems(parts);
						if (missing.length || problems.length) {
							await editor.screenshot(`layout-${workflow.id}`, { dir: artifactsDir });
							failures.push(`${name}:\n${[...missing, ...problems].map((line) => `  ${line}`).join('\n')}`);
						}
						notes.push(`${name}: ${parts.length} boxes and labels measured, ${problems.length} problems`);
					}
					assert.ok(exampleEntries.length > 0, 'no examples/*.workflow.json');
					assert.deepEqual(failures, [], `canvas layout problems:\n${failures.join('\n')}`);
					return notes.join('\n');
				},
				{ needs: [BROWSER, EDITOR_WORKFLOWS] },
			);

			const EDITOR_RUN =
				'package: a workflow of the package runs in the editor (n8n server) against the fakes (screenshot) [needs nodes]';
			// The demo (README: sample files → Invoice OCR → routed by type and error code) is what the README's
			// canvas and Table view pictures show; any workflow with Invoice OCR would do for the checks.
			const canvasEntry =
				workflows.find(({ workflow }) => workflow.id === 'fapiaoInvoiceOcrDemo') ??
				workflows.find(({ workflow }) =>
					pkg.fapiaoNodes(workflow).some((node) => node.type === pkg.NODE_TYPES.invoiceOcr),
				);
			const canvasOcrNode = () =>
				pkg.fapiaoNodes(canvasEntry.workflow).find((node) => node.type === pkg.NODE_TYPES.invoiceOcr);
			await runner.check(
				EDITOR_RUN,
				async () => {
					const editor = state.editor;
					assert.ok(canvasEntry, 'no example or e2e workflow uses the Invoice OCR node');
					await editor.openWorkflow(canvasEntry.workflow.id);
					const icons = await editor.canvasNodeIcons();
					assert.ok(
						icons.every((icon) => icon.rendered),
						`canvas icons: ${JSON.stringify(icons)}`,
					);
					// Run it in the editor too (in the n8n server, against the fakes), so the pictures show data.
					const ran = await editor.executeInEditor();
					for (const node of pkg.fapiaoNodes(canvasEntry.workflow)) {
						assert.ok(
							ran.includes(node.name),
							`"${node.name}" has no success mark after an editor run`,
						);
					}
					await editor.tidyCanvas();
					const shot = await editor.screenshot('workflow-canvas', { dir: artifactsDir });
					// The README's picture: after the run the connections carry item counts, which must stay clear too.
					const problems = canvasLayoutProblems(await editor.canvasLayout());
					assert.deepEqual(problems, [], 'the canvas after the run has overlapping or cut-short labels');
					editor.publishScreenshot(shot);
					return `${path.relative(REPO_ROOT, canvasEntry.file)}: ${ran.length} nodes succeeded`;
				},
				{ needs: [BROWSER, WORKFLOWS] },
			);

			await runner.check(
				"package: the Invoice OCR node's parameter panel shows the contract's parameters (screenshot) [needs nodes]",
				async () => {
					const editor = state.editor;
					const ocrNode = canvasOcrNode();
					await editor.openNode(ocrNode.name);
					await editor.showOutputAs('JSON');
					const shot = await editor.screenshot('invoice-ocr-panel', { dir: artifactsDir });
					const parameters = await editor.visibleParameters();
					await editor.closeNode();
					// n8n hides a parameter it takes for the node's "authentication" switch (one whose every
					// option shows a credential); the user must still see and change the vendor in the panel.
					for (const parameter of ['vendor', 'inputType', 'binaryPropertyName']) {
						assert.ok(
							parameters.includes(parameter),
							`Invoice OCR panel lacks ${parameter}: ${parameters}`,
						);
					}
					editor.publishScreenshot(shot);
					return `"${ocrNode.name}": ${parameters.join(', ')}`;
				},
				{ needs: [EDITOR_RUN] },
			);

			await runner.check(
				"package: the Invoice OCR node's output in Table view starts with the columns a finance user scans (screenshot) [needs nodes]",
				async () => {
					const editor = state.editor;
					const ocrNode = canvasOcrNode();
					// The editor run of the check before is still on the canvas.
					await editor.openNode(ocrNode.name);
					await editor.showOutputAs('Table');
					const headers = await editor.outputTableHeaders();
					assert.deepEqual(
						headers.slice(0, SCANNED_FIRST.length),
						SCANNED_FIRST,
						`Table view columns: ${headers.join(', ')}`,
					);
					await editor.page.setViewportSize({ width: 1800, height: 900 });
					try {
						await editor.closeToasts();
						await editor.compactOutputTable();
						editor.publishScreenshot(await editor.screenshotOutputTable('invoice-ocr-table', { dir: artifactsDir }));
					} finally {
						await editor.resetNodePanelLayout();
						await editor.closeNode();
						await editor.page.setViewportSize(EDITOR_VIEWPORT);
					}
					return `columns: ${headers.join(', ')}`;
				},
				{ needs: [EDITOR_RUN] },
			);

			await runner.check(
				'package: a fallback chain shows the Vendors list and exactly the listed vendors\' credentials (screenshot) [needs nodes]',
				async () => {
					const editor = state.editor;
					await editor.openWorkflow('e2eOcrFallback');
					// Run first: the panel then shows real output (an unrun Code node input makes the editor
					// fetch a schema file n8n does not ship, a 404 that is not ours).
					const ran = await editor.executeInEditor();
					assert.ok(ran.includes('OCR Juhe then Volcengine'), `editor run marked: ${ran}`);
					await editor.openNode('OCR Juhe then Volcengine');
					await editor.showOutputAs('JSON');
					const parameters = await editor.visibleParameters();
					const slots = await editor.credentialSlots();
					await editor.closeToasts();
					const shot = await editor.screenshot('invoice-ocr-fallback-panel', { dir: artifactsDir });
					await editor.closeNode();
					for (const parameter of ['vendor', 'vendors', 'inputType']) {
						assert.ok(parameters.includes(parameter), `fallback panel lacks ${parameter}: ${parameters}`);
					}
					assert.ok(!parameters.includes('jumdataInvoiceKind'), 'Jumdata\'s option shows for a chain without Jumdata');
					const labels = await credentialLabels();
					assert.deepEqual(
						slots.map((slot) => [slot.label, slot.selected]).sort(),
						['juhe', 'volcengine'].map((vendor) => [labels[vendor], pkg.CREDENTIALS[vendor].name]).sort(),
						'the panel shows one credential per listed vendor, labelled with the vendor, and no other',
					);
					editor.publishScreenshot(shot);
					return `parameters: ${parameters.join(', ')}; credentials: ${slots.map((slot) => `${slot.label}: ${slot.selected}`).join(', ')}`;
				},
				{ needs: [BROWSER, WORKFLOWS] },
			);

			await runner.check(
				'package: switching the vendor in the panel shows only its own credential, labelled, and only its own options (local: no rate, retry or timeout); a chain shows the listed vendors\' [needs nodes]',
				async () => {
					const editor = state.editor;
					const description = await nodeType(pkg.NODE_TYPES.invoiceOcr);
					const vendorNames = await vendorOptionNames();
					const chainNames = await vendorOptionNames('vendors');
					const labels = await credentialLabels();
					const options = description.properties.find((p) => p.name === 'options');
					const optionName = (name) => options.options.find((option) => option.name === name).displayName;
					const PAGE = optionName('page');
					const XINHUO_TYPE = optionName('xinhuoType');
					// Options about vendor calls, which the local reader does not make.
					const VENDOR_CALLS = ['maxRetries', 'concurrency', 'rateLimitWaitBudget', 'requestsPerSecond', 'timeout', 'localFirst'].map(optionName);
					const notes = [];
					/** What the panel shows now: credential labels (sorted), vendor-specific options and parameters. */
					const shown = async () => {
						const offered = await editor.collectionOptionNames(options.placeholder);
						// PDF/OFD Page and Xinhuo Request Type are written twice (alone, in a chain): offered once.
						assert.equal(new Set(offered).size, offered.length, `an option offered twice: ${offered}`);
						const parameters = await editor.visibleParameters();
						return {
							credentials: (await editor.credentialSlots()).map((slot) => slot.label),
							page: offered.includes(PAGE),
							xinhuoType: offered.includes(XINHUO_TYPE),
							invoiceKind: parameters.includes('jumdataInvoiceKind'),
							vendorCalls: VENDOR_CALLS.filter((name) => offered.includes(name)),
						};
					};
					const expectFor = (vendors) => ({
						credentials: vendors.filter((vendor) => labels[vendor]).map((vendor) => labels[vendor]).sort(),
						page: vendors.includes('jumdata'),
						xinhuoType: vendors.includes('xinhuo'),
						invoiceKind: vendors.includes('jumdata'),
						vendorCalls: vendors.length === 1 && vendors[0] === 'local' ? [] : VENDOR_CALLS,
					});
					await editor.openWorkflow(PANELS_ID);
					await editor.openNode('Invoice OCR');
					try {
						for (const vendor of Object.keys(vendorNames).filter((value) => value !== 'fallbackChain')) {
							await editor.pickParameterOptions('vendor', [vendorNames[vendor]]);
							const now = await shown();
							assert.deepEqual({ ...now, credentials: [...now.credentials].sort() }, expectFor([vendor]), `vendor ${vendor}`);
							notes.push(`${vendor}: ${now.credentials.join(', ') || 'no credential'}${now.page ? `, ${PAGE}` : ''}${now.xinhuoType ? `, ${XINHUO_TYPE}` : ''}; ${now.vendorCalls.length ? `${now.vendorCalls.length} vendor-call options` : 'no rate, retry or timeout option'}`);
						}
						// A chain with no vendor listed yet: no vendor's own options; but every vendor's credential picker,
						// as n8n's display rules for credentials cannot tell an empty list from a hidden parameter
						// (README, Fallback vendors).
						await editor.pickParameterOptions('vendor', [vendorNames.fallbackChain]);
						const empty = await shown();
						assert.deepEqual(
							{ ...empty, credentials: [...empty.credentials].sort() },
							{ ...expectFor([]), credentials: expectFor(pkg.VENDORS).credentials },
							'a chain with no vendor listed',
						);
						notes.push(`empty chain: no vendor option; ${empty.credentials.length} pickers, all labelled (n8n's limit, in the README)`);
						const chains = [
							{ pick: ['juhe', 'volcengine'], vendors: ['juhe', 'volcengine'] },
							// Picking Volcengine again removes it: Juhe, Xinhuo, Jumdata.
							{ pick: ['volcengine', 'xinhuo', 'jumdata'], vendors: ['juhe', 'xinhuo', 'jumdata'] },
						];
						for (const { pick, vendors } of chains) {
							await editor.pickParameterOptions('vendors', pick.map((vendor) => chainNames[vendor]));
							const now = await shown();
							assert.deepEqual({ ...now, credentials: [...now.credentials].sort() }, expectFor(vendors), `chain ${vendors.join(' → ')}`);
							notes.push(`chain ${vendors.join(' → ')}: ${now.credentials.join(', ')} (in this order)`);
						}
						await editor.screenshot('invoice-ocr-chain-unpicked', { dir: artifactsDir });
					} finally {
						await editor.closeNode();
					}
					return notes.join('\n');
				},
				{ needs: [BROWSER, EDITOR_WORKFLOWS] },
			);

			await runner.check(
				'package: Verify Invoice override fields are empty when added, labelled with their printed Chinese terms, and Invoice Type lists readable names (with the Chinese) of only the types WeBank verifies [needs nodes]',
				async () => {
					const editor = state.editor;
					const description = await nodeType(pkg.NODE_TYPES.verifyInvoice);
					const overrides = description.properties.find((p) => p.name === 'overrides');
					const field = (name) => overrides.options.find((option) => option.name === name);
					const typeField = field('invoiceType');
					const fromItem = typeField.options.find((option) => option.value === '');
					assert.ok(fromItem, 'Invoice Type has no empty choice (take the type from the item)');
					const { WEBANK_VERIFIABLE } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'vendors', 'webank', 'verify'));
					const { INVOICE_TYPE_NAMES } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'types'));
					await editor.openWorkflow(PANELS_ID);
					await editor.openNode('Verify Invoice');
					let listed;
					try {
						// The picker the missing-credential message names ("Select or create one under …").
						const slots = await editor.credentialSlots();
						assert.deepEqual(slots.map((slot) => slot.label), [description.credentials[0].displayName], 'the credential picker\'s label');
						await editor.collectionOptionNames(overrides.placeholder, { pick: field('amount').displayName });
						assert.equal(await editor.parameterShownValue('amount'), '', 'Amount Before Tax is not empty when added');
						// The label as the panel shows it, with the term printed on the invoice.
						assert.equal(field('amount').displayName, 'Amount Before Tax (不含税金额)');
						assert.ok(
							await editor.panelShowsText(field('amount').displayName),
							`the panel shows no label "${field('amount').displayName}"`,
						);
						await editor.collectionOptionNames(overrides.placeholder, { pick: typeField.displayName });
						assert.equal(
							await editor.parameterShownValue('invoiceType'),
							fromItem.name,
							'Invoice Type does not start at taking the type from the item',
						);
						await editor.page.locator('[data-test-id="ndv"] [data-test-id="parameter-input-invoiceType"]').first().click();
						listed = await editor.openDropdownItems();
						await editor.closeDropdown();
						await editor.screenshot('verify-invoice-overrides', { dir: artifactsDir });
					} finally {
						await editor.closeNode();
					}
					const valueOf = Object.fromEntries(typeField.options.map((option) => [option.name, option.value]));
					assert.ok(listed.every((name) => name in valueOf), `unknown entries in the list: ${listed}`);
					assert.deepEqual(
						listed.map((name) => valueOf[name]).filter(Boolean).sort(),
						Object.keys(WEBANK_VERIFIABLE).sort(),
						'the list holds exactly the types WeBank verifies',
					);
					for (const name of listed) {
						assert.ok(!(name in INVOICE_TYPE_NAMES), `"${name}" is a raw type value, not a readable name`);
						const value = valueOf[name];
						if (value) assert.ok(name.endsWith(` · ${INVOICE_TYPE_NAMES[value]}`), `"${name}" lacks its Chinese name`);
					}
					return `added empty, labelled "${field('amount').displayName}"; Invoice Type lists: ${listed.join(', ')}`;
				},
				{ needs: [BROWSER, EDITOR_WORKFLOWS] },
			);

			await runner.check(
				"package: Verify Invoice's output in Table view shows verification, status first, without scrolling (screenshot) [needs nodes]",
				async () => {
					const editor = state.editor;
					const entry = workflows.find(({ workflow }) => workflow.id === 'fapiaoVerifyDemo');
					assert.ok(entry, 'no example workflow fapiaoVerifyDemo (examples/verify-invoice-demo.workflow.json)');
					const verifyNode = pkg.fapiaoNodes(entry.workflow).find((node) => node.type === pkg.NODE_TYPES.verifyInvoice);
					await editor.openWorkflow(entry.workflow.id);
					const ran = await editor.executeInEditor();
					assert.ok(ran.includes(verifyNode.name), `"${verifyNode.name}" has no success mark after an editor run (marked: ${ran})`);
					await editor.openNode(verifyNode.name);
					try {
						await editor.showOutputAs('Table');
						await editor.closeToasts();
						const columns = await editor.outputColumnsInView();
						const verification = columns.find((column) => column.name === 'verification');
						assert.ok(verification, `Table view has no verification column: ${columns.map((column) => column.name)}`);
						assert.ok(
							verification.inView,
							`the verification column is outside the output pane until scrolled: ${JSON.stringify(columns.slice(0, 4))}`,
						);
						const cell = await editor.outputTableCell(0, 'verification');
						assert.match(cell, /^\s*status\b/, `the first row's verification does not start with its status: ${cell.slice(0, 80)}`);
						await editor.screenshot('verify-invoice-table', { dir: artifactsDir });
						const shown = columns.filter((column) => column.inView).map((column) => column.name);
						return `columns in view without scrolling: ${shown.join(', ')}; first row: ${cell.replace(/\s+/g, ' ').slice(0, 60)}`;
					} finally {
						await editor.closeNode();
					}
				},
				{ needs: [BROWSER, WORKFLOWS] },
			);

			await runner.check(
				"package: every vendor credential form renders the contract's fields and tests successfully (screenshot) [needs nodes]",
				async () => {
					const notes = [];
					const shots = [];
					for (const vendor of pkg.VENDORS) {
						const { id, type, fields } = pkg.CREDENTIALS[vendor];
						const form = await state.editor.openCredential(id);
						for (const field of fields) {
							assert.ok(form.fields.includes(field), `${type} form lacks ${field}: ${form.fields}`);
						}
						assert.equal(
							form.testResult,
							'success',
							`${type} form: connection test ${form.testResult}`,
						);
						if (vendor === 'volcengine') {
							shots.push(
								await state.editor.screenshot('credential-volcengine', { dir: artifactsDir }),
							);
						}
						await state.editor.page.keyboard.press('Escape');
						notes.push(`${type}: ${form.fields.join(', ')}; connection test: ${form.testResult}`);
					}
					shots.forEach((file) => state.editor.publishScreenshot(file));
					return notes.join('\n');
				},
				{ needs: [BROWSER, CREDS] },
			);

			await runner.check(
				'harness: the editor pages logged no errors and no n8n request failed',
				async () => {
					const problems = state.editor.problems();
					const external = state.editor.externalFailures.length;
					assert.deepEqual(problems, [], 'the page reported problems');
					return external
						? `${external} requests to the internet failed (no network here; not n8n's)`
						: '';
				},
				{ needs: [BROWSER] },
			);
		}
	} finally {
		if (state.editor) await state.editor.close();
		if (state.n8n) await state.n8n.stop({ keep: options.keep });
		if (state.probeApi) state.probeApi.server.close();
		if (state.fakeHandles) await stopFakes(state.fakeHandles);
	}

	const counts = runner.summary();
	if (!options.list) {
		const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
		console.log(
			`[e2e] time: total ${seconds(Date.now() - started)}; ` +
				Object.entries(timings)
					.map(([label, ms]) => `${label} ${seconds(ms)}`)
					.join(', '),
		);
		const failed = runner.order.filter((name) => runner.results.get(name).status === 'failed');
		if (failed.length)
			console.log(`[e2e] failed:\n${failed.map((name) => `  - ${name}`).join('\n')}`);
	}
	const skipped = counts.skipped ? `, ${counts.skipped} skipped` : '';
	console.log(`${counts.passed} passed, ${counts.failed} failed${skipped}`);
	return counts.failed === 0 ? 0 : 1;
}

/**
 * A workflow made at run time (the samples are real invoices and stay out of the repository): n8n's Read Files
 * node reads every XML and OFD sample, Invoice OCR (vendor local) reads them. Each output must equal what the
 * package's reader (the built dist/) gives for the same bytes, and the non-invoice OFDs must fail clearly.
 */
async function samplesThroughN8n(n8n) {
	const { localAdapter } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'vendors', 'local'));
	const { sniffFormat } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'input', 'fileFormat'));
	const workflow = {
		id: 'e2eLocalSamples',
		name: 'E2E: the real e-invoice samples read locally',
		nodes: [
			{ id: 's1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 's2',
				name: 'Read Samples',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [200, 0],
				parameters: { operation: 'read', fileSelector: `${SAMPLES_DIR}/{xml,ofd,pdf}/*.{xml,ofd,pdf}`, options: {} },
			},
			{
				id: 's3',
				name: 'Read Locally',
				type: 'n8n-nodes-fapiao.invoiceOcr',
				typeVersion: 1.1,
				position: [400, 0],
				parameters: { vendor: 'local', binaryPropertyName: 'data', options: {} },
				onError: 'continueErrorOutput',
			},
		],
		connections: {
			Start: { main: [[{ node: 'Read Samples', type: 'main', index: 0 }]] },
			'Read Samples': { main: [[{ node: 'Read Locally', type: 'main', index: 0 }]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
	await n8n.importWorkflow([workflow]);
	const result = await n8n.executeWorkflow(workflow.id);
	assert.ok(result.ok && result.run, `execution failed (exit ${result.exitCode})`);
	const read = nodeItems(result.run, 'Read Samples');
	const ok = nodeItems(result.run, 'Read Locally', 0);
	const failed = nodeItems(result.run, 'Read Locally', 1);
	const names = read.map((item) => (item.binary && item.binary.data ? item.binary.data.fileName : item.json.fileName));
	const expectedCount = ['xml', 'ofd', 'pdf'].reduce((sum, kind) => sum + fs.readdirSync(path.join(SAMPLES_DIR, kind)).length, 0);
	assert.equal(read.length, expectedCount, `n8n read ${read.length} sample files: ${names}`);
	const notes = [];
	names.forEach((fileName, index) => {
		const kind = path.extname(fileName).slice(1);
		const bytes = fs.readFileSync(path.join(SAMPLES_DIR, kind, fileName));
		const expected = localAdapter.read({ bytes, format: sniffFormat(bytes), fileName });
		const got = ok.filter((item) => item.pairedItem.item === index).map((item) => item.json);
		const gotError = failed.find((item) => item.pairedItem.item === index);
		if (!expected.ok) {
			assert.ok(gotError, `${fileName}: the reader refuses it (${expected.error.code}) but n8n output an invoice`);
			assert.equal(gotError.json.error.code, expected.error.code, `${fileName}: error code`);
			notes.push(`${fileName}: ${expected.error.code}`);
			return;
		}
		assert.equal(got.length, expected.invoices.length, `${fileName}: invoices`);
		expected.invoices.forEach((invoice, position) => {
			const json = got[position];
			for (const key of ['invoiceType', 'invoiceNumber', 'issueDate', 'amount', 'tax', 'total', 'totalInWords']) {
				assert.deepEqual(json[key], invoice[key], `${fileName}: ${key}`);
			}
			assert.deepEqual(json.seller, invoice.seller, `${fileName}: seller`);
			assert.deepEqual(json.buyer, invoice.buyer, `${fileName}: buyer`);
			assert.deepEqual(json.items, invoice.items, `${fileName}: items`);
			assert.equal(json.vendor, 'local');
			const inName = /(\d{20})/.exec(fileName);
			if (inName) {
				assert.ok(
					[json.invoiceNumber, `${json.invoiceCode}${json.invoiceNumber}`].includes(inName[1]),
					`${fileName}: the number (or code and number) in the file name`,
				);
			}
		});
		notes.push(`${fileName}: ${got.map((json) => `${json.invoiceType} ${json.invoiceNumber} ${json.total}`).join('; ')}`);
	});
	return notes;
}

// npm settings a user's shell may carry (registry, proxy, certificates, cache, config files), as scripts/node24.sh
// keeps them; every other npm_* variable is what `npm run` or the harness exported.
const USER_NPM_SETTINGS = new Set(
	['registry', 'cafile', 'ca', 'cert', 'key', 'proxy', 'https_proxy', 'noproxy', 'strict_ssl', 'cache', 'userconfig', 'globalconfig'].map(
		(name) => `npm_config_${name}`,
	),
);

/** The environment of a user's shell: nothing npm or this harness exported, no custom-extension loader. */
function userShellEnv() {
	const env = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key) && !USER_NPM_SETTINGS.has(key.toLowerCase())) continue;
		if (key === 'N8N_CUSTOM_EXTENSIONS') continue;
		env[key] = value;
	}
	return env;
}

/**
 * README "Install in n8n", the path that works before the package is on npm: `npm install <tarball>` in a fresh
 * <user folder>/.n8n/nodes, exactly as a user types it, then n8n as it starts for them (no N8N_CUSTOM_EXTENSIONS,
 * nothing unpacked by this harness). Both nodes must load and run: Invoice OCR reads the made-up e-invoices, Verify
 * Invoice checks them offline.
 */
async function installedByNpm(home, tarball, artifactsDir) {
	const { localDemoWorkflow } = require('./einvoice-workflows');
	const n8n = new N8nInstance({ home, name: 'npm-installed', artifactsDir });
	try {
		fs.mkdirSync(n8n.nodesDir, { recursive: true });
		// README's command. --legacy-peer-deps leaves out n8n-workflow (a peer dependency, which n8n provides), as
		// n8n's own community-package installer does; a plain `npm install` adds it and ~160 packages more.
		const install = await runCommand('npm', ['install', '--legacy-peer-deps', tarball], {
			cwd: n8n.nodesDir,
			env: userShellEnv(),
			timeoutMs: 10 * 60_000,
			logFile: path.join(artifactsDir, 'npm-install-tarball.log'),
		});
		assert.equal(install.code, 0, `npm install ${path.basename(tarball)} failed:\n${install.stderr.slice(-2000)}`);
		const installed = path.join(n8n.nodesDir, 'node_modules', PACKAGE_NAME);
		const manifest = readJson(path.join(n8n.nodesDir, 'package.json'));
		assert.ok(manifest.dependencies && manifest.dependencies[PACKAGE_NAME], 'npm recorded no dependency on the package');
		assert.ok(!fs.lstatSync(installed).isSymbolicLink(), 'npm linked the package instead of installing it');
		assert.ok(fs.existsSync(path.join(installed, 'dist', 'nodes', 'InvoiceOcr', 'InvoiceOcr.node.js')), 'no Invoice OCR in the install');
		assert.equal(n8n.env().N8N_CUSTOM_EXTENSIONS, undefined, 'n8n would load the package through N8N_CUSTOM_EXTENSIONS');
		const peers = fs.readdirSync(path.join(n8n.nodesDir, 'node_modules')).filter((name) => !name.startsWith('.'));
		assert.deepEqual(peers, [PACKAGE_NAME], 'the nodes folder holds the package alone (n8n provides n8n-workflow)');

		const workflow = localDemoWorkflow();
		workflow.id = 'e2eNpmInstalled';
		workflow.name = 'E2E: installed with npm install <tarball>';
		workflow.nodes.push({
			id: 'npm-installed-offline-checks',
			name: 'Offline Checks',
			type: pkg.NODE_TYPES.verifyInvoice,
			typeVersion: 1,
			position: [1136, 624],
			parameters: { operation: 'checkOffline' },
		});
		workflow.connections['Invoice OCR'].main[0].push({ node: 'Offline Checks', type: 'main', index: 0 });
		await n8n.importWorkflow([workflow]);
		const result = await n8n.executeWorkflow(workflow.id);
		const runError = result.run && result.run.data.resultData.error;
		assert.ok(result.ok, `execution failed: ${runError ? runError.message : `exit ${result.exitCode}`}`);
		pkg.WORKFLOW_EXPECTATIONS.fapiaoLocalDemo(result.run);
		const invoices = nodeOutput(result.run, 'Invoice OCR');
		const checked = nodeOutput(result.run, 'Offline Checks');
		assert.equal(checked.length, invoices.length, 'Verify Invoice: one checked item per invoice');
		assert.deepEqual(
			checked.map((json) => [json.invoiceNumber, json.checks.passed]),
			invoices.map((json) => [json.invoiceNumber, true]),
			'Verify Invoice checked every made-up invoice, and each passes',
		);
		return [
			`npm install --legacy-peer-deps ${path.basename(tarball)} in ${(install.ms / 1000).toFixed(1)} s; ~/.n8n/nodes/node_modules: ${peers.join(', ')}`,
			`Invoice OCR: ${invoices.length} invoices; Verify Invoice (offline checks): ${checked.length} passed`,
		];
	} finally {
		await n8n.stop();
	}
}

/**
 * examples/invoice-dedupe.workflow.json, as one saved workflow run three times (its mails swapped between runs,
 * as a mailbox trigger delivers new mail): the invoice's XML mail, then a later mail with its PDF, then another
 * invoice's mail. Remove Duplicates keeps the keys it let through in n8n's database, per workflow.
 */
async function invoiceInTwoExecutions(n8n) {
	const { DEDUPE_MAILS, INVOICES, dedupeWorkflow } = require('./einvoice-workflows');
	const id = 'e2eDedupeTwoRuns';
	const runWith = async (mail) => {
		await n8n.importWorkflow([dedupeWorkflow({ id, name: 'E2E: one invoice in two executions', mails: [mail] })]);
		const result = await n8n.executeWorkflow(id);
		const runError = result.run && result.run.data.resultData.error;
		assert.ok(result.ok, `execution failed: ${runError ? runError.message : `exit ${result.exitCode}`}`);
		const read = nodeOutput(result.run, 'Invoice OCR');
		const kept = nodeOutput(result.run, 'Skip Booked Before');
		const booked = result.run.data.resultData.runData['Book Invoice'] ? nodeOutput(result.run, 'Book Invoice') : [];
		return { read, kept, booked };
	};
	const first = await runWith(DEDUPE_MAILS.xml);
	const second = await runWith(DEDUPE_MAILS.pdf);
	const number = INVOICES.twice.number;
	const readFrom = (run) => run.read.map((json) => [json.invoiceNumber, json.source.fileName]);
	assert.deepEqual(readFrom(first), [[number, `${number}.xml`]], 'run 1 reads the invoice from the XML');
	assert.deepEqual(readFrom(second), [[number, `${number}.pdf`]], 'run 2 reads the invoice from the PDF');
	assert.equal(second.read[0].dedupeKey, first.read[0].dedupeKey, 'the XML and the PDF of one invoice have one dedupeKey');
	assert.deepEqual(first.booked.map((json) => json.invoiceNumber), [number], 'run 1 books the invoice');
	assert.deepEqual(second.kept, [], 'run 2: Remove Duplicates keeps nothing');
	assert.deepEqual(second.booked, [], 'run 2 books nothing');
	const bookedAcross = [...first.booked, ...second.booked].filter((json) => json.invoiceNumber === number);
	assert.equal(bookedAcross.length, 1, 'booked once across both executions');
	// Control: the history holds that key only; a new invoice in a third run is booked.
	const third = await runWith(DEDUPE_MAILS.other);
	assert.deepEqual(third.booked.map((json) => json.invoiceNumber), [INVOICES.common.number], 'run 3 books the new invoice');
	return [
		`run 1 (XML): booked ${first.booked.map((json) => json.invoiceNumber)}`,
		`run 2 (PDF): booked nothing (dedupeKey ${second.read[0].dedupeKey} seen in run 1)`,
		`run 3 (another invoice): booked ${third.booked.map((json) => json.invoiceNumber)}`,
	];
}

/**
 * `npm run demo -- --serve` (one vendor, the dist/ just built): waits for the editor URL and the login it prints,
 * signs in with them, then sends Ctrl-C (SIGINT) and holds it to its word: the process ends, n8n no longer
 * answers and n8n's folder is gone.
 */
async function demoServeStopsOnCtrlC() {
	const { spawn } = require('node:child_process');
	const child = spawn(process.execPath, [path.join(__dirname, 'demo.js'), '--serve', '--vendor', 'juhe', '--no-build'], {
		cwd: REPO_ROOT,
		env: process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
	const waitFor = async (pattern, ms) => {
		const until = Date.now() + ms;
		while (Date.now() < until) {
			const match = pattern.exec(output);
			if (match) return match;
			if (child.exitCode !== null) break;
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`the demo did not print ${pattern} (exit ${child.exitCode}):\n${output.slice(-3000)}`);
	};
	try {
		const [, baseUrl] = await waitFor(/open (http:\/\/127\.0\.0\.1:\d+)\/workflow\/\S+/, 5 * 60_000);
		const [, email, password] = await waitFor(/sign in with email (\S+) and password (\S+)/, 5_000);
		const [, folder] = await waitFor(/n8n's folder for this demo: (\S+)/, 5_000);
		assert.deepEqual([email, password], [OWNER.email, OWNER.password], 'the login printed is the owner the demo made');
		assert.ok(fs.existsSync(folder), `${folder} does not exist while n8n runs`);
		const login = await fetch(`${baseUrl}/rest/login`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ emailOrLdapLoginId: email, password }),
		});
		assert.equal(login.status, 200, `signing in with the printed login: HTTP ${login.status}`);
		child.kill('SIGINT');
		const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
		const end = await exited;
		clearTimeout(timer);
		assert.deepEqual(end, { code: 0, signal: null }, `the demo did not end by itself after Ctrl-C:\n${output.slice(-2000)}`);
		assert.ok(!fs.existsSync(folder), `${folder} is still there after Ctrl-C`);
		await assert.rejects(fetch(`${baseUrl}/healthz`), 'n8n still answers after Ctrl-C');
		return [`URL ${baseUrl}, login ${email}; after Ctrl-C: exit 0, ${folder} removed, n8n no longer answers`];
	} finally {
		// A demo still running here failed a check: SIGTERM lets it stop its n8n too, SIGKILL if it does not.
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
			await exited;
			clearTimeout(timer);
		}
	}
}

async function stopFakes(handles) {
	if (handles && typeof handles.closeAll === 'function') {
		await handles.closeAll();
		return;
	}
	const list = Array.isArray(handles) ? handles : Object.values(handles ?? {});
	await Promise.all(
		list.map((handle) =>
			handle && typeof handle.close === 'function' ? handle.close() : undefined,
		),
	);
}

main().then(
	// Exit explicitly: a fake or browser handle left open must not keep a finished run alive.
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
