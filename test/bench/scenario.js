'use strict';
// @ts-check
/**
 * One bench measurement in a fresh process (so memory peaks and module warm-up do not mix between
 * measurements): `node test/bench/scenario.js '<json spec>'`. Prints `BENCH_RESULT <json>` once.
 * bench.js starts one of these per row; the fakes run in their own process, so the CPU and memory
 * measured here are n8n's and the node's only.
 *
 * Spec kinds:
 *   ocr    Invoice OCR through the engine harness (test/harness/engine.js)
 *   http   n8n's HTTP Request node posting the same form to the Juhe fake (http-node.js)
 *   input  the harness input node alone (what every OCR run pays before the node starts)
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-bench-'));
process.env.N8N_USER_FOLDER = userFolder;

/**
 * @typedef {object} Spec
 * @property {'ocr' | 'http' | 'input'} kind
 * @property {string} vendor
 * @property {string} fakeUrl
 * @property {number} items
 * @property {number} [fileBytes]  grow the sample PNG to this size
 * @property {Record<string, unknown>} [options]  Invoice OCR options
 * @property {Record<string, unknown>} [batching]  HTTP Request batching option
 * @property {'memory' | 'filesystem'} [binaryMode]
 * @property {boolean} [measureCpu]
 * @property {boolean} [sampleRss]
 * @property {Record<string, unknown>} [fakeKnobs]  fake configuration, reapplied after the warm-up
 * @property {boolean} [waitForGo]  after the warm-up print BENCH_READY and start on a "GO" line on
 *   stdin (several processes sharing one fake start together; the bench configures the fake)
 */

/** @type {Spec} */
const spec = JSON.parse(process.argv[2] || '{}');
const MB = 1024 * 1024;

async function main() {
	require('./register-ts');
	const { FAKE_CREDENTIALS, samples } = require('../fakes');
	if (spec.binaryMode === 'filesystem') {
		// n8n 2.x keeps binary data on disk by default (N8N_DEFAULT_BINARY_DATA_MODE=filesystem);
		// items then hold only an id, and the node reads each file when its request starts.
		process.env.N8N_DEFAULT_BINARY_DATA_MODE = 'filesystem';
		// n8n-core's own copy of the DI container (the repo has several).
		const { Container } = require(require.resolve('@n8n/di', { paths: [require.resolve('n8n-core')] }));
		const { BinaryDataService } = require('n8n-core');
		await Container.get(BinaryDataService).init();
	}
	const { runWorkflow } = require('../harness/engine');

	// One file shared by all items (drawing a sample costs ~30 ms; n8n stores each item's copy anyway).
	const file = samples.png(spec.fileBytes ? { padToBytes: spec.fileBytes } : {});
	const credentialType = `${spec.vendor}Api`;
	const credentials = { [credentialType]: { ...FAKE_CREDENTIALS[/** @type {'juhe'} */ (spec.vendor)], baseUrl: spec.fakeUrl } };
	const binaryItems = (/** @type {number} */ count) =>
		Array.from({ length: count }, () => ({
			json: {},
			binary: { data: { data: file, fileName: 'invoice.png', mimeType: 'image/png' } },
		}));

	const runOcr = (/** @type {number} */ count) =>
		runWorkflow({
			node: {
				name: 'Invoice OCR',
				type: 'invoiceOcr',
				parameters: { vendor: spec.vendor, inputType: 'binary', binaryPropertyName: 'data', options: spec.options || {} },
				credentials: { [credentialType]: { id: '1', name: spec.vendor } },
				onError: 'continueErrorOutput',
			},
			items: binaryItems(count),
			credentials,
		}).then(({ run, outputs }) => ({ run, outputs: outputs['Invoice OCR'] || [] }));

	const runInputOnly = (/** @type {number} */ count) =>
		runWorkflow({
			workflow: {
				nodes: [{ id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} }],
				connections: {},
			},
			items: binaryItems(count),
		}).then(({ run }) => ({ run, outputs: [] }));

	/** @type {any} */
	let httpNode;
	const base64 = file.toString('base64');
	const runHttp = async (/** @type {number} */ count) => {
		const { runHttpRequest } = require('./http-node');
		// As after "Extract From File → Move File to Base64 String": the file's base64 in the json.
		const items = Array.from({ length: count }, () => ({ image_base64: base64 }));
		const { run, output } = await runHttpRequest({
			httpNode,
			items,
			parameters: {
				method: 'POST',
				url: `${spec.fakeUrl}/vat_roll_invoice_ocr/query`,
				sendBody: true,
				contentType: 'form-urlencoded',
				bodyParameters: {
					parameters: [
						{ name: 'key', value: FAKE_CREDENTIALS.juhe.apiKey },
						{ name: 'image_base64', value: '={{ $json.image_base64 }}' },
					],
				},
				options: spec.batching ? { batching: { batch: spec.batching } } : {},
			},
		});
		return { run, outputs: [output] };
	};
	if (spec.kind === 'http') {
		const loaded = require('./http-node').loadHttpRequestNode();
		if (!loaded) throw new Error('n8n-nodes-base not found: run `bash scripts/real-n8n.sh` (or set FAPIAO_N8N_HOME)');
		httpNode = loaded.node;
	}
	const execute = spec.kind === 'http' ? runHttp : spec.kind === 'input' ? runInputOnly : runOcr;

	// Warm-up: loads and transpiles modules, opens the first sockets.
	await execute(3);
	if (global.gc) global.gc();
	if (spec.waitForGo) {
		// The limiter remembers the last 2 s of requests; the reset fake does not. Let them age out.
		await new Promise((resolve) => setTimeout(resolve, 2500));
		process.stdout.write('BENCH_READY\n');
		await waitForGo();
	} else if (spec.fakeKnobs) {
		// Start the measured run on a clean fake: empty log, empty rate window.
		await fakeControl(`${spec.fakeUrl}/__fake/reset`, {});
		await fakeControl(`${spec.fakeUrl}/__fake/config`, spec.fakeKnobs);
	}

	const rssBefore = process.memoryUsage().rss;
	let rssPeak = rssBefore;
	const sampler = spec.sampleRss
		? setInterval(() => {
				rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
			}, 20)
		: null;
	const cpuBefore = process.cpuUsage();
	const startedAt = Date.now();
	const started = performance.now();
	const { run, outputs } = await execute(spec.items);
	const wallMs = performance.now() - started;
	const endedAt = Date.now();
	const cpu = process.cpuUsage(cpuBefore);
	if (sampler) clearInterval(sampler);
	rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

	const result = {
		kind: spec.kind,
		items: spec.items,
		wallMs,
		startedAt,
		endedAt,
		cpuMs: (cpu.user + cpu.system) / 1000,
		executionError: run.data.resultData.error ? String(run.data.resultData.error.message) : null,
		rssBeforeMb: rssBefore / MB,
		rssPeakMb: rssPeak / MB,
		maxRssMb: process.resourceUsage().maxRSS / 1024,
		...tallyOutputs(spec, outputs),
	};
	process.stdout.write(`BENCH_RESULT ${JSON.stringify(result)}\n`);
}

/** Resolves on a "GO" line on stdin. */
function waitForGo() {
	return new Promise((resolve) => {
		let buffered = '';
		process.stdin.setEncoding('utf8');
		process.stdin.on('data', (chunk) => {
			buffered += chunk;
			if (buffered.includes('GO')) {
				process.stdin.pause();
				resolve(undefined);
			}
		});
	});
}

/** POSTs to a fake's control endpoint. @param {string} url @param {unknown} body */
async function fakeControl(url, body) {
	const response = await fetch(url, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', Connection: 'close' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${url}: ${await response.text()}`);
}

/**
 * Per input item: came out as a success, as a failure, or not at all (lost). For the HTTP Request
 * node a "failure" is a Juhe answer with error_code ≠ 0: n8n passes it on as a normal item.
 * @param {Spec} spec @param {any[][]} outputs
 */
function tallyOutputs(spec, outputs) {
	if (spec.kind === 'input') return {};
	/** @type {Map<number, { ok: number, failed: number }>} */
	const perItem = new Map();
	/** @type {Record<string, number>} */
	const failureCodes = {};
	for (const item of outputs.flat()) {
		const index = typeof item.pairedItem === 'number' ? item.pairedItem : item.pairedItem?.item;
		const entry = perItem.get(index) || { ok: 0, failed: 0 };
		let failure = null;
		if (spec.kind === 'http') {
			if (item.json.error_code !== 0) failure = `juhe ${item.json.error_code ?? item.json.error?.message ?? 'no body'}`;
		} else if (item.json.error) {
			failure = item.json.error.code;
		}
		if (failure) {
			entry.failed++;
			failureCodes[failure] = (failureCodes[failure] || 0) + 1;
		} else {
			entry.ok++;
		}
		perItem.set(index, entry);
	}
	let succeeded = 0;
	let failed = 0;
	let duplicated = 0;
	for (const entry of perItem.values()) {
		if (entry.ok > 0) succeeded++;
		else failed++;
		if (entry.ok + entry.failed > 1) duplicated++;
	}
	return { succeeded, failed, lost: spec.items - perItem.size, duplicated, failureCodes };
}

main()
	.catch((error) => {
		process.stdout.write(`BENCH_RESULT ${JSON.stringify({ crashed: String(error && error.stack) })}\n`);
		process.exitCode = 1;
	})
	.finally(() => {
		fs.rmSync(userFolder, { recursive: true, force: true });
		// Keep-alive sockets and n8n's timers would hold the process open.
		process.exit();
	});
