'use strict';
// @ts-check
/**
 * Throughput, CPU and memory of Invoice OCR at real batch sizes, against the fake vendors; compared
 * with n8n's own HTTP Request node doing the same calls. Prints what one run measured and writes it
 * to test/bench/last-run.md. Run it with `npm run bench` (scripts/bench.sh).
 *
 *   node test/bench/bench.js [--quick] [--only adaptive,sharing,throughput,cpu,memory,local,pdf,qr,images,signatures]
 *
 * The reading sections (local, pdf, qr, images, signatures) run their own scripts in this folder, each a
 * child process printing its figures: file reading against pdf.js, QR reading against jsQR, image decoding
 * against jpeg-js, signature checks.
 *
 * The fakes run in their own process (test/fakes/cli.js) and every measurement in a fresh child
 * process (scenario.js), so neither the fakes' work nor another row's memory is counted.
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const MB = 1024 * 1024;
const KB = 1024;

const { sharingLimitsSection } = require('./sharing-limits');

const SECTIONS = ['adaptive', 'sharing', 'throughput', 'cpu', 'memory'];
/** Reading benches: section → script in this folder, with its run count for --quick. */
const READING = {
	local: { script: 'local-read.js', quickRuns: 30 },
	pdf: { script: 'pdf-read.js', quickRuns: 5 },
	qr: { script: 'qr-read.js', quickRuns: 1 },
	images: { script: 'image-decode.js', quickRuns: 3 },
	signatures: { script: 'signature-check.js', quickRuns: 5 },
};
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((arg) => arg.startsWith('--only'));
const only = onlyArg
	? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',')
	: [...SECTIONS, ...Object.keys(READING)];

const THROUGHPUT = { items: quick ? 60 : 300, baselineItems: quick ? 20 : 100, latencyMs: 300, qpsCap: 10 };
/**
 * Adaptive rate control with default options: caps nobody told the node (enough files for ~15 s
 * of work at each), and several executions in separate processes sharing one capped account.
 */
const ADAPTIVE = {
	latencyMs: 300,
	caps: [3, 10, 30],
	workSeconds: quick ? 5 : 15,
	sharedCap: 10,
	processes: [1, 3, 6],
	itemsPerExecution: quick ? 20 : 60,
	/** The issue's targets, per row. */
	targets: { minOfCap: 0.9, minOfCapLongest: 0.95, maxRateLimitedShare: 0.1 },
};
const CPU = { items: quick ? 60 : 300, sizes: [0, 500 * KB] };
const MEMORY = { items: quick ? 40 : 200, fileBytes: 3 * MB, latencyMs: 100, concurrencies: [2, 16] };

// --- fakes --------------------------------------------------------------------------------------

/** Starts the fakes in their own process; resolves with their URLs and a stop function. */
async function startFakes() {
	const portsFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-bench-fakes-')), 'ports.json');
	const child = spawn(process.execPath, [path.join(REPO_ROOT, 'test', 'fakes', 'cli.js'), '--vendors', 'juhe,volcengine', '--ports-file', portsFile], {
		stdio: ['ignore', 'ignore', 'inherit'],
	});
	for (let waited = 0; !fs.existsSync(portsFile) || fs.readFileSync(portsFile, 'utf8').trim() === ''; waited += 50) {
		if (waited > 15000 || child.exitCode !== null) throw new Error('the fakes did not start');
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
	/** @type {Record<string, string>} */
	const urls = JSON.parse(fs.readFileSync(portsFile, 'utf8'));
	return {
		urls,
		stop: () => {
			child.kill('SIGTERM');
			fs.rmSync(path.dirname(portsFile), { recursive: true, force: true });
		},
	};
}

/**
 * One call to a fake's control endpoint, on a fresh connection (the bench blocks while a scenario
 * runs, long enough for a kept-alive socket to be closed under it).
 * @param {'GET' | 'POST'} method @param {string} url @param {unknown} [body]
 * @returns {Promise<any>}
 */
function control(method, url, body) {
	const payload = body === undefined ? '' : JSON.stringify(body);
	return new Promise((resolve, reject) => {
		const request = http.request(
			url,
			{ method, agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) } },
			(response) => {
				/** @type {Buffer[]} */
				const chunks = [];
				response.on('data', (chunk) => chunks.push(chunk));
				response.on('end', () => {
					const text = Buffer.concat(chunks).toString('utf8');
					if ((response.statusCode ?? 500) >= 400) reject(new Error(`${method} ${url}: ${text}`));
					else resolve(JSON.parse(text));
				});
			},
		);
		request.on('error', reject);
		request.end(payload);
	});
}

/** @param {string} url @param {Record<string, unknown>} knobs */
async function configureFake(url, knobs) {
	await control('POST', `${url}/__fake/reset`);
	await control('POST', `${url}/__fake/config`, knobs);
}

/**
 * What the fake saw: requests, rate-limit answers, the most requests that arrived within any 1 s.
 * @param {string} url
 */
async function fakeLog(url) {
	/** @type {Array<{ at: number, route: string | null, answeredBy: string | null }>} */
	const log = await control('GET', `${url}/__fake/requests`);
	const requests = log.filter((entry) => entry.route === 'ocr');
	const starts = requests.map((entry) => entry.at).sort((a, b) => a - b);
	let busiest = 0;
	for (let first = 0, last = 0; last < starts.length; last++) {
		while (starts[last] - starts[first] >= 1000) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return {
		requests: requests.length,
		rateLimited: requests.filter((entry) => entry.answeredBy === 'rateLimit').length,
		busiestSecond: busiest,
	};
}

// --- scenarios ----------------------------------------------------------------------------------

/** Runs one scenario.js child and returns its BENCH_RESULT. @param {Record<string, unknown>} spec */
function runScenario(spec) {
	const child = spawnSync(process.execPath, ['--expose-gc', path.join(__dirname, 'scenario.js'), JSON.stringify(spec)], {
		encoding: 'utf8',
		maxBuffer: 64 * MB,
		env: process.env,
	});
	const line = (child.stdout || '').split('\n').find((text) => text.startsWith('BENCH_RESULT '));
	if (!line) throw new Error(`scenario produced no result (exit ${child.status}):\n${child.stdout}\n${child.stderr}`);
	const result = JSON.parse(line.slice('BENCH_RESULT '.length));
	if (result.crashed) throw new Error(`scenario crashed: ${result.crashed}`);
	return result;
}

/**
 * Runs `count` scenario.js children at once against one fake: each warms up, then all start on
 * one signal, after the fake was reset to `fakeKnobs` (so no warm-up request counts).
 * @param {Record<string, unknown>} spec @param {number} count @param {string} fakeUrl
 * @param {Record<string, unknown>} fakeKnobs
 */
async function runConcurrentScenarios(spec, count, fakeUrl, fakeKnobs) {
	const children = Array.from({ length: count }, () => {
		const child = spawn(process.execPath, [path.join(__dirname, 'scenario.js'), JSON.stringify({ ...spec, waitForGo: true })], {
			stdio: ['pipe', 'pipe', 'pipe'],
			env: process.env,
		});
		let stdout = '';
		let stderr = '';
		/** @type {(value?: unknown) => void} */
		let markReady = () => undefined;
		const ready = new Promise((resolve) => {
			markReady = resolve;
		});
		child.stdout.setEncoding('utf8');
		child.stdout.on('data', (chunk) => {
			stdout += chunk;
			if (stdout.includes('BENCH_READY')) markReady();
		});
		child.stderr.on('data', (chunk) => {
			stderr += chunk;
		});
		const exited = new Promise((resolve) => child.on('close', resolve));
		exited.then(() => markReady());
		return { child, ready, exited, output: () => ({ stdout, stderr }) };
	});
	await Promise.all(children.map((entry) => entry.ready));
	await control('POST', `${fakeUrl}/__fake/reset`);
	await control('POST', `${fakeUrl}/__fake/config`, fakeKnobs);
	for (const entry of children) entry.child.stdin.end('GO\n');
	await Promise.all(children.map((entry) => entry.exited));
	return children.map((entry) => {
		const { stdout, stderr } = entry.output();
		const line = stdout.split('\n').find((text) => text.startsWith('BENCH_RESULT '));
		if (!line) throw new Error(`scenario produced no result:\n${stdout}\n${stderr}`);
		const result = JSON.parse(line.slice('BENCH_RESULT '.length));
		if (result.crashed) throw new Error(`scenario crashed: ${result.crashed}`);
		return result;
	});
}

const fixed = (/** @type {number} */ value, digits = 1) => value.toFixed(digits);
const percent = (/** @type {number} */ value) => `${Math.round(value * 100)} %`;
const codes = (/** @type {Record<string, number>} */ failures) =>
	Object.entries(failures)
		.map(([code, count]) => `${count}× ${code}`)
		.join(', ') || '—';

/** @param {string[]} header @param {string[][]} rows */
function table(header, rows) {
	const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
	return lines.join('\n');
}

/** @param {string} title @param {string} text */
function print(title, text) {
	console.log(`\n## ${title}\n\n${text}\n`);
}

async function throughputSection(/** @type {Record<string, string>} */ urls) {
	const { items, baselineItems, latencyMs, qpsCap } = THROUGHPUT;
	const juhe = urls.juhe;
	/** @type {Array<[string, Record<string, unknown>]>} */
	const runs = [
		['Invoice OCR, default options (auto rate and parallelism, 2 retries)', { kind: 'ocr', options: {} }],
		['Invoice OCR, Requests per Second 10', { kind: 'ocr', options: { requestsPerSecond: 10 } }],
		['Invoice OCR, Requests per Second 9', { kind: 'ocr', options: { requestsPerSecond: 9 } }],
		['HTTP Request node, default options', { kind: 'http' }],
		['HTTP Request node, Batching 10 items / 1000 ms', { kind: 'http', batching: { batchSize: 10, batchInterval: 1000 } }],
		[`Invoice OCR, 1 parallel (one at a time; ${baselineItems} items)`, { kind: 'ocr', options: { concurrency: 1 }, items: baselineItems }],
	];
	const rows = [];
	for (const [label, spec] of runs) {
		const fakeKnobs = { latencyMs, qpsCap };
		await configureFake(juhe, fakeKnobs);
		const count = /** @type {number} */ (spec.items ?? items);
		process.stderr.write(`bench: ${label} … `);
		const result = runScenario({ vendor: 'juhe', fakeUrl: juhe, fakeKnobs, ...spec, items: count });
		const seen = await fakeLog(juhe);
		const okPerSecond = result.succeeded / (result.wallMs / 1000);
		process.stderr.write(`${fixed(result.wallMs / 1000)} s\n`);
		rows.push([
			label,
			String(count),
			fixed(result.wallMs / 1000),
			String(result.succeeded),
			`${result.failed}${result.failed ? ` (${codes(result.failureCodes)})` : ''}`,
			String(result.lost + result.duplicated),
			fixed(okPerSecond),
			percent(okPerSecond / qpsCap),
			String(seen.requests),
			String(seen.rateLimited),
			String(seen.busiestSecond),
		]);
	}
	return table(
		['run', 'items', 'wall s', 'ok', 'failed', 'lost/dup', 'ok/s', 'of cap', 'requests', 'rate-limited', 'busiest 1 s'],
		rows,
	);
}

/**
 * Invoice OCR with default options (auto rate, auto parallelism) against caps it was not told,
 * then several executions in separate processes (as queue-mode workers) sharing one capped account.
 */
async function adaptiveSection(/** @type {Record<string, string>} */ urls) {
	const { latencyMs, caps, workSeconds, sharedCap, processes, itemsPerExecution, targets } = ADAPTIVE;
	const juhe = urls.juhe;
	/** @type {Array<{ label: string, cap: number, executions: number, items: number }>} */
	const runs = [
		...caps.map((cap) => ({ label: `1 execution, cap ${cap}/s`, cap, executions: 1, items: cap * workSeconds })),
		...processes.map((count) => ({
			label: `${count} execution${count > 1 ? 's' : ''} (separate processes) sharing cap ${sharedCap}/s`,
			cap: sharedCap,
			executions: count,
			items: itemsPerExecution,
		})),
	];
	const measured = [];
	for (const run of runs) {
		process.stderr.write(`bench: adaptive, ${run.label}, ${run.executions} × ${run.items} items … `);
		// Warm-up without a cap (nothing about the cap is learned before the measured run).
		await configureFake(juhe, { latencyMs });
		const spec = { kind: 'ocr', vendor: 'juhe', fakeUrl: juhe, options: {}, items: run.items };
		const results = await runConcurrentScenarios(spec, run.executions, juhe, { latencyMs, qpsCap: run.cap });
		const seen = await fakeLog(juhe);
		const span = (Math.max(...results.map((result) => result.endedAt)) - Math.min(...results.map((result) => result.startedAt))) / 1000;
		const sum = (/** @type {(result: any) => number} */ pick) => results.reduce((total, result) => total + pick(result), 0);
		const ok = sum((result) => result.succeeded);
		const failed = sum((result) => result.failed);
		const lost = sum((result) => result.lost + result.duplicated);
		/** @type {Record<string, number>} */
		const failureCodes = {};
		for (const result of results) {
			for (const [code, count] of Object.entries(result.failureCodes)) failureCodes[code] = (failureCodes[code] || 0) + count;
		}
		process.stderr.write(`${fixed(span)} s\n`);
		measured.push({ run, span, ok, failed, lost, failureCodes, seen, ofCap: ok / span / run.cap, each: results.map((result) => result.wallMs / 1000) });
	}
	const longest = Math.max(...measured.map((entry) => entry.span));
	const rows = measured.map(({ run, span, ok, failed, lost, failureCodes, seen, ofCap, each }) => {
		const limitedShare = seen.requests ? seen.rateLimited / seen.requests : 0;
		const minOfCap = span === longest ? targets.minOfCapLongest : targets.minOfCap;
		const meets = failed === 0 && lost === 0 && ofCap >= minOfCap && limitedShare <= targets.maxRateLimitedShare;
		return [
			run.label,
			`${run.executions} × ${run.items}`,
			fixed(span),
			run.executions > 1 ? each.map((seconds) => fixed(seconds)).join(', ') : '',
			String(ok),
			`${failed}${failed ? ` (${codes(failureCodes)})` : ''}`,
			String(lost),
			fixed(ok / span),
			`**${fixed(ofCap, 2)}**`,
			String(seen.requests),
			`${seen.rateLimited} (${percent(limitedShare)})`,
			String(seen.busiestSecond),
			meets ? `yes (≥ ${minOfCap})` : `**no** (needs 0 failed, ≥ ${minOfCap} of cap, ≤ ${percent(targets.maxRateLimitedShare)} rate-limited)`,
		];
	});
	return table(
		['run', 'executions × items', 'wall s', 'each execution s', 'ok', 'failed', 'lost/dup', 'ok/s', 'of cap', 'requests', 'rate-limited', 'busiest 1 s', 'meets targets'],
		rows,
	);
}

async function cpuSection(/** @type {Record<string, string>} */ urls) {
	const juhe = urls.juhe;
	const rows = [];
	for (const fileBytes of CPU.sizes) {
		const size = fileBytes ? `${fileBytes / KB} KB` : '2 KB (sample)';
		/** @type {Array<[string, Record<string, unknown>]>} */
		const runs = [
			['Invoice OCR (Requests per Second 1000, auto parallel)', { kind: 'ocr', options: { requestsPerSecond: 1000 } }],
			['harness input node alone', { kind: 'input' }],
			['HTTP Request node, default options', { kind: 'http' }],
		];
		const measured = [];
		for (const [label, spec] of runs) {
			await configureFake(juhe, {});
			process.stderr.write(`bench: CPU ${label}, ${size} … `);
			const result = runScenario({ vendor: 'juhe', fakeUrl: juhe, items: CPU.items, fileBytes, ...spec });
			process.stderr.write(`${fixed(result.cpuMs)} ms CPU\n`);
			measured.push({ label, result });
		}
		const inputCpu = measured[1].result.cpuMs / CPU.items;
		for (const { label, result } of measured) {
			const perItem = result.cpuMs / CPU.items;
			rows.push([
				label,
				size,
				String(CPU.items),
				fixed(perItem, 2),
				result.kind === 'ocr' ? fixed(perItem - inputCpu, 2) : '',
				fixed(result.wallMs / 1000, 2),
				result.kind === 'input' ? '' : `${result.succeeded} ok, ${result.failed} failed, ${result.lost} lost`,
			]);
		}
	}
	return table(['run', 'file', 'items', 'CPU ms/item', 'minus input node', 'wall s', 'outcome'], rows);
}

async function memorySection(/** @type {Record<string, string>} */ urls) {
	const volcengine = urls.volcengine;
	const rows = [];
	for (const binaryMode of ['filesystem', 'memory']) {
		for (const concurrency of MEMORY.concurrencies) {
			await configureFake(volcengine, { latencyMs: MEMORY.latencyMs });
			process.stderr.write(`bench: memory ${binaryMode} binary data, ${concurrency} parallel … `);
			const result = runScenario({
				kind: 'ocr',
				vendor: 'volcengine',
				fakeUrl: volcengine,
				items: MEMORY.items,
				fileBytes: MEMORY.fileBytes,
				binaryMode,
				sampleRss: true,
				options: { concurrency, requestsPerSecond: 1000, maxRetries: 0 },
			});
			// The fake keeps every request body in its log; drop them before the next row.
			await configureFake(volcengine, {});
			process.stderr.write(`${fixed(result.maxRssMb, 0)} MB\n`);
			rows.push([
				binaryMode === 'filesystem' ? 'filesystem (n8n 2.x default)' : 'in memory (n8n 1.x default)',
				String(concurrency),
				fixed(result.rssBeforeMb, 0),
				fixed(result.maxRssMb, 0),
				fixed(result.maxRssMb - result.rssBeforeMb, 0),
				fixed(result.wallMs / 1000, 1),
				fixed(result.cpuMs / MEMORY.items, 0),
				`${result.succeeded} ok, ${result.failed} failed, ${result.lost} lost`,
			]);
		}
	}
	return table(
		['binary data', 'parallel', 'RSS before MB', 'peak RSS MB', 'peak − before MB', 'wall s', 'CPU ms/item', 'outcome'],
		rows,
	);
}

function environment() {
	const version = (/** @type {string} */ name, /** @type {string[]} */ paths) => {
		try {
			return require(require.resolve(`${name}/package.json`, { paths })).version;
		} catch {
			return 'not found';
		}
	};
	const { n8nModulesDir } = require('./http-node');
	const n8nModules = n8nModulesDir();
	return [
		`- ${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 1024 / MB)} GB RAM`,
		`- n8n-core ${version('n8n-core', [REPO_ROOT])}, n8n-workflow ${version('n8n-workflow', [REPO_ROOT])}, n8n-nodes-base ${n8nModules ? version('n8n-nodes-base', [n8nModules]) : 'not found'} (HTTP Request node v4.5)`,
		'- every row runs in a fresh process through n8n-core\'s WorkflowExecute (test/harness/engine.js); the fakes run in a separate process',
	].join('\n');
}

async function main() {
	const fakes = await startFakes();
	/** @type {string[]} */
	const sections = [];
	const add = (/** @type {string} */ title, /** @type {string} */ text) => {
		print(title, text);
		sections.push(`## ${title}\n\n${text}\n`);
	};
	try {
		if (only.includes('adaptive')) {
			add(
				`Adaptive rate control: Juhe fake, ${ADAPTIVE.latencyMs} ms latency, caps in a sliding 1 s window that nobody told the node, default options`,
				await adaptiveSection(fakes.urls),
			);
		}
		if (only.includes('sharing')) {
			add(
				'What processes sharing one account can get at best: a model of the sliding window, senders at fixed rates or holding places (test/bench/sharing-limits.js)',
				sharingLimitsSection(),
			);
		}
		if (only.includes('throughput')) {
			add(
				`Throughput: Juhe fake, ${THROUGHPUT.latencyMs} ms latency, QPS cap ${THROUGHPUT.qpsCap} (sliding 1 s window), ${THROUGHPUT.items} items`,
				await throughputSection(fakes.urls),
			);
		}
		if (only.includes('cpu')) {
			add(`CPU per item: Juhe fake, zero latency, no cap, ${CPU.items} items`, await cpuSection(fakes.urls));
		}
		if (only.includes('memory')) {
			add(
				`Memory: Volcengine fake, ${MEMORY.latencyMs} ms latency, ${MEMORY.items} × ${MEMORY.fileBytes / MB} MB files`,
				await memorySection(fakes.urls),
			);
		}
	} finally {
		fakes.stop();
	}
	for (const [section, { script, quickRuns }] of Object.entries(READING)) {
		if (!only.includes(section)) continue;
		console.log(`\n## Reading: ${section} (test/bench/${script})\n`);
		const run = spawnSync(process.execPath, [path.join(__dirname, script), ...(quick ? ['--runs', String(quickRuns)] : [])], {
			stdio: 'inherit',
		});
		if (run.status !== 0) throw new Error(`test/bench/${script} failed (exit ${run.status})`);
	}
	const env = environment();
	console.log(env);
	const notes = [
		'- "ok/s" counts items that came out recognized, over the whole execution (input node included); "of cap" divides it by the cap. With several executions, over the span from the first start to the last end.',
		'- Adaptive rows: each execution is its own process (as queue-mode workers are), warmed up on the fake without a cap, then all start together on a freshly reset fake; "rate-limited" is the vendor\'s rate-limit answers as a share of all requests it got. Targets: 0 failed, ≥ 0.9 of the cap (≥ 0.95 on the longest run), ≤ 10 % rate-limited.',
		'- "failed": Invoice OCR items on its error output (by contract code); for the HTTP Request node, items whose Juhe answer had error_code ≠ 0 — n8n passes those on as ordinary successful items.',
		'- "lost/dup": input items that came out not at all, or more than once (should be 0).',
		'- "requests", "rate-limited", "busiest 1 s": what the fake saw (retries included); "busiest 1 s" is the most requests that arrived within any 1 s.',
		'- CPU: process.cpuUsage() of the n8n process around one execution, divided by items; "minus input node" subtracts the harness input node (storing the binaries) measured alone.',
		'- Memory: process.resourceUsage().maxRSS of a fresh process; "RSS before" is after a 3-item warm-up, so the difference is what the batch added.',
	].join('\n');
	if (!quick && SECTIONS.every((section) => only.includes(section))) {
		const file = path.join(__dirname, 'last-run.md');
		fs.writeFileSync(
			file,
			`# Invoice OCR bench — last run\n\nWritten by \`npm run bench\` (test/bench/bench.js).\n\n${env}\n\n${sections.join('\n')}\n${notes}\n`,
		);
		console.log(`\nwritten to ${path.relative(process.cwd(), file)}`);
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
