'use strict';
// Queue mode, for real: n8n 2.41 with Redis and PostgreSQL (Debian's redis-server and postgresql,
// started here on loopback with throwaway data folders), one main instance and two `n8n worker`
// processes, this package installed as a community package. A production webhook workflow with
// Invoice OCR gets 6 calls at once, 20 files each, all read by one fake Juhe account capped at
// 10 requests per second with 300 ms latency. Every file must come out recognized, none failed,
// every output item paired with its input item. Binary data: `database` mode (n8n's default in
// queue mode; the filesystem mode is not shared between main and workers).
//
//   node test/e2e/queue-mode/run.js [--no-build] [--keep]
//
// Run through scripts/e2e-queue.sh (Node 24, the pinned n8n, the Debian packages). Everything it
// starts it stops, also on failure; a watchdog ends the run after 8 minutes.

const { Blob } = require('node:buffer');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { FAKE_CREDENTIALS, samples, startFake } = require('../../fakes');
const {
	REPO_ROOT,
	createN8n,
	freePort,
	log,
	makeArtifactsDir,
	packPackage,
	runCommand,
	tail,
} = require('../n8n');

const CALLS = 6;
const FILES_PER_CALL = 20;
const QPS_CAP = 10;
const LATENCY_MS = 300;
const WORKERS = 2;
const WATCHDOG_MS = 8 * 60_000;
const WORKFLOW_ID = 'fapiaoQueueMode01';
const WEBHOOK_PATH = 'fapiao-queue-mode';

const args = process.argv.slice(2);
const options = { build: !args.includes('--no-build'), keep: args.includes('--keep') };

/** Everything to stop at the end, last started first. */
const cleanups = [];
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
	if (ok) passed++;
	else failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} queue-mode: ${name}${detail ? ` — ${detail}` : ''}`);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** PostgreSQL's server programs (Debian keeps them out of PATH). */
function postgresBin(name) {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
	for (const version of versions) {
		const file = path.join(root, version, 'bin', name);
		if (fs.existsSync(file)) return file;
	}
	throw new Error(`PostgreSQL's ${name} is missing: apt-get install postgresql (scripts/e2e-queue.sh does)`);
}

/** Runs a PostgreSQL server program as the postgres user when we are root (it refuses root). */
function asPostgres(command, commandArgs, extra = {}) {
	return isRoot
		? runCommand('runuser', ['-u', 'postgres', '--', command, ...commandArgs], extra)
		: runCommand(command, commandArgs, extra);
}

async function waitFor(what, probe, timeoutMs) {
	const started = Date.now();
	for (;;) {
		try {
			if (await probe()) return Date.now() - started;
		} catch {
			// not up yet
		}
		if (Date.now() - started > timeoutMs) throw new Error(`${what} did not come up within ${timeoutMs} ms`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

/** Starts a long-running process in its own process group; stopped (group and all) at the end. */
function startProcess(name, command, commandArgs, { env, cwd, logFile }) {
	const out = fs.createWriteStream(logFile);
	const child = spawn(command, commandArgs, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	let exited = null;
	child.on('exit', (code, signal) => {
		exited = { code, signal };
	});
	cleanups.push(async () => {
		if (exited) return;
		const gone = new Promise((resolve) => child.once('exit', resolve));
		try {
			process.kill(-child.pid, 'SIGTERM');
		} catch {
			return;
		}
		const timer = setTimeout(() => {
			try {
				process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, 20_000);
		await gone;
		clearTimeout(timer);
	});
	return { child, name, logFile, exited: () => exited };
}

async function startRedis(artifactsDir) {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-redis-'));
	cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
	startProcess(
		'redis',
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{ env: process.env, cwd: dir, logFile: path.join(artifactsDir, 'redis.log') },
	);
	const ms = await waitFor(
		'redis-server',
		async () => (await runCommand('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'ping'])).stdout.trim() === 'PONG',
		20_000,
	);
	log(`redis-server on 127.0.0.1:${port} (${ms} ms)`);
	return { port };
}

async function startPostgres(artifactsDir) {
	const port = await freePort();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-pg-'));
	const dataDir = path.join(dir, 'data');
	fs.mkdirSync(dataDir);
	if (isRoot) await runCommand('chown', ['-R', 'postgres:postgres', dir]);
	cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
	const init = await asPostgres(postgresBin('initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8'], {
		logFile: path.join(artifactsDir, 'initdb.log'),
	});
	if (init.code !== 0) throw new Error(`initdb failed:\n${tail(init.stdout + init.stderr)}`);
	const serverOptions = `-p ${port} -k ${dataDir} -c listen_addresses=127.0.0.1 -c fsync=off`;
	const logFile = path.join(dir, 'postgres.log');
	const start = await asPostgres(postgresBin('pg_ctl'), ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', 'start'], {
		logFile: path.join(artifactsDir, 'pg_ctl-start.log'),
	});
	if (start.code !== 0) throw new Error(`pg_ctl start failed:\n${tail(start.stdout + start.stderr)}`);
	cleanups.push(async () => {
		await asPostgres(postgresBin('pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
		if (fs.existsSync(logFile)) fs.copyFileSync(logFile, path.join(artifactsDir, 'postgres.log'));
	});
	const created = await runCommand('createdb', ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'n8n']);
	if (created.code !== 0) throw new Error(`createdb failed: ${created.stderr}`);
	log(`PostgreSQL on 127.0.0.1:${port}, data in ${dataDir}`);
	return { port };
}

function workflow() {
	return {
		id: WORKFLOW_ID,
		name: 'Queue mode: webhook → Invoice OCR',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'webhook',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: '5b0c0f7e-3c1d-4d59-9f1e-5a2f5c9d0a11',
				parameters: { httpMethod: 'POST', path: WEBHOOK_PATH, responseMode: 'lastNode', responseData: 'allEntries', options: {} },
			},
			{
				id: 'ocr',
				name: 'Invoice OCR',
				type: 'n8n-nodes-fapiao.invoiceOcr',
				typeVersion: 1,
				position: [300, 0],
				// Default options: Requests per Second and Parallel Requests auto, the default wait budget.
				parameters: { vendor: 'juhe', inputType: 'binary', binaryPropertyName: 'invoice_*', options: {} },
				credentials: { juheApi: { id: 'queueJuhe', name: 'Juhe (fake)' } },
				onError: 'continueRegularOutput',
			},
		],
		connections: { Webhook: { main: [[{ node: 'Invoice OCR', type: 'main', index: 0 }]] } },
	};
}

/** One webhook call with `count` files as multipart fields invoice_0 … invoice_{count-1}. */
async function callWebhook(url, file, count) {
	const form = new globalThis.FormData();
	for (let index = 0; index < count; index++) {
		form.append(`invoice_${index}`, new Blob([file], { type: 'image/png' }), `invoice-${index}.png`);
	}
	const started = Date.now();
	const response = await fetch(url, { method: 'POST', body: form, signal: AbortSignal.timeout(240_000) });
	const text = await response.text();
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		body = text;
	}
	return { status: response.status, body, ms: Date.now() - started };
}

/** The stored run data of every execution of the workflow, read from PostgreSQL. */
async function storedRuns(n8nHome, pgPort) {
	const query =
		`select e.id, d.data from execution_entity e join execution_data d on d."executionId" = e.id ` +
		`where e."workflowId" = '${WORKFLOW_ID}' order by e.id`;
	const result = await runCommand('psql', ['-h', '127.0.0.1', '-p', String(pgPort), '-U', 'postgres', '-d', 'n8n', '-At', '-F', '\t', '-c', query]);
	if (result.code !== 0) throw new Error(`psql failed: ${result.stderr}`);
	const { parse } = require(path.join(n8nHome, 'node_modules', 'flatted'));
	return result.stdout
		.split('\n')
		.filter(Boolean)
		.map((line) => {
			const tab = line.indexOf('\t');
			return { id: line.slice(0, tab), data: parse(line.slice(tab + 1)) };
		});
}

async function main() {
	const watchdog = setTimeout(() => {
		console.error(`queue-mode: watchdog — still running after ${WATCHDOG_MS / 60_000} min, stopping everything`);
		failed++;
		void finish(1);
	}, WATCHDOG_MS);
	watchdog.unref();

	const artifactsDir = makeArtifactsDir('queue-mode');
	log(`artifacts: ${path.relative(REPO_ROOT, artifactsDir)}`);
	const [redis, postgres] = [await startRedis(artifactsDir), await startPostgres(artifactsDir)];

	const fake = await startFake('juhe', { latencyMs: LATENCY_MS, qpsCap: QPS_CAP });
	cleanups.push(async () => fake.close());
	log(`Juhe fake at ${fake.url}: cap ${QPS_CAP}/s in a sliding 1 s window, ${LATENCY_MS} ms latency`);

	const encryptionKey = 'fapiao-queue-mode-e2e-key';
	const shared = {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgres.port),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redis.port),
		// n8n's default in queue mode, said explicitly: main stores the webhook's files, workers read them.
		N8N_DEFAULT_BINARY_DATA_MODE: 'database',
		N8N_ENCRYPTION_KEY: encryptionKey,
		N8N_LOG_LEVEL: 'info',
	};
	const n8n = await createN8n({ name: 'queue-mode', artifactsDir, env: shared });
	cleanups.push(async () => n8n.stop({ keep: options.keep }));

	const packed = await packPackage({ build: options.build, destination: artifactsDir, logDir: artifactsDir });
	await n8n.installPackage(packed.tarball);
	await n8n.importCredentials([
		{
			id: 'queueJuhe',
			name: 'Juhe (fake)',
			type: 'juheApi',
			data: { ...FAKE_CREDENTIALS.juhe, baseUrl: fake.url },
		},
	]);
	await n8n.importWorkflow(workflow());
	const published = await n8n.cli(['publish:workflow', `--id=${WORKFLOW_ID}`], { label: 'publish-workflow' });
	check('the workflow is published (active) from the CLI', published.code === 0, published.code === 0 ? '' : tail(published.stdout + published.stderr));

	// Main: the editor/webhook server that puts executions on the Redis queue.
	const baseUrl = await n8n.startN8n({ timeoutMs: 180_000 });
	log(`main at ${baseUrl}`);
	// Workers: each with its own broker, server and health-check ports.
	const workers = [];
	for (let index = 0; index < WORKERS; index++) {
		const healthPort = await freePort();
		const worker = startProcess(`worker-${index + 1}`, process.execPath, [n8n.bin, 'worker', '--concurrency=10'], {
			cwd: n8n.userFolder,
			env: n8n.env({
				N8N_PORT: String(await freePort()),
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
			}),
			logFile: path.join(artifactsDir, `worker-${index + 1}.log`),
		});
		workers.push({ ...worker, healthPort });
	}
	for (const worker of workers) {
		const ms = await waitFor(
			worker.name,
			async () => {
				if (worker.exited()) throw new Error(`${worker.name} exited: ${tail(fs.readFileSync(worker.logFile, 'utf8'))}`);
				return (await fetch(`http://127.0.0.1:${worker.healthPort}/healthz/readiness`)).status === 200;
			},
			180_000,
		).catch((error) => {
			throw new Error(`${error.message}\n${tail(fs.readFileSync(worker.logFile, 'utf8'))}`);
		});
		log(`${worker.name} ready (${ms} ms)`);
	}

	const file = samples.png();
	const url = `${baseUrl}/webhook/${WEBHOOK_PATH}`;
	log(`${CALLS} webhook calls at once, ${FILES_PER_CALL} files each, to ${url}`);
	fake.reset();
	const started = Date.now();
	const calls = await Promise.all(Array.from({ length: CALLS }, () => callWebhook(url, file, FILES_PER_CALL)));
	const seconds = (Date.now() - started) / 1000;

	let recognized = 0;
	let failedItems = 0;
	const failureCodes = {};
	for (const [index, call] of calls.entries()) {
		const items = Array.isArray(call.body) ? call.body : [];
		const ok = items.filter((item) => item && item.invoiceType && !item.error).length;
		const bad = items.filter((item) => item && item.error);
		recognized += ok;
		failedItems += bad.length;
		for (const item of bad) failureCodes[item.error.code] = (failureCodes[item.error.code] || 0) + 1;
		check(
			`call ${index + 1}: HTTP 200 and ${FILES_PER_CALL} recognized invoices`,
			call.status === 200 && ok === FILES_PER_CALL && bad.length === 0,
			`HTTP ${call.status}, ${ok} recognized, ${bad.length} failed, ${(call.ms / 1000).toFixed(1)} s${
				Array.isArray(call.body) ? '' : `: ${JSON.stringify(call.body).slice(0, 300)}`
			}`,
		);
	}
	const requests = fake.requests.filter((request) => request.route === 'ocr');
	const limited = requests.filter((request) => request.answeredBy === 'rateLimit').length;
	const total = CALLS * FILES_PER_CALL;
	check(
		`every file recognized, none failed (${total} files in ${seconds.toFixed(1)} s, ${(recognized / seconds).toFixed(1)}/s against a cap of ${QPS_CAP}/s)`,
		recognized === total && failedItems === 0,
		`${recognized} recognized, ${failedItems} failed${failedItems ? ` ${JSON.stringify(failureCodes)}` : ''}; the fake got ${requests.length} requests, ${limited} answered "rate limited" (waited out, not failed)`,
	);

	// What the workers stored: every execution in PostgreSQL, every output item paired with the webhook item.
	const runs = await storedRuns(n8n.home, postgres.port);
	check(`${CALLS} executions stored in PostgreSQL`, runs.length === CALLS, `${runs.length} found`);
	let paired = 0;
	let outputs = 0;
	for (const { data } of runs) {
		const ocrRuns = data?.resultData?.runData?.['Invoice OCR'] ?? [];
		const items = ocrRuns[0]?.data?.main?.flat() ?? [];
		outputs += items.length;
		paired += items.filter((item) => {
			const pairedItem = Array.isArray(item.pairedItem) ? item.pairedItem[0] : item.pairedItem;
			return (typeof pairedItem === 'number' ? pairedItem : pairedItem?.item) === 0;
		}).length;
	}
	check('every output item is paired with its input item', outputs === total && paired === total, `${paired} of ${outputs} paired`);
	const ranOn = workers.map((worker) => (fs.readFileSync(worker.logFile, 'utf8').match(/started execution|Worker started execution/gi) ?? []).length);
	log(`executions per worker (from their logs): ${ranOn.join(', ')}`);

	await finish(failed === 0 ? 0 : 1);
}

let finishing = false;
async function finish(code) {
	if (finishing) return;
	finishing = true;
	for (const cleanup of cleanups.reverse()) {
		try {
			await cleanup();
		} catch (error) {
			console.error(`queue-mode: cleanup failed: ${error.message}`);
		}
	}
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exit(code || (failed > 0 ? 1 : 0));
}

main().catch(async (error) => {
	console.error(`queue-mode: ${error.stack || error}`);
	failed++;
	await finish(1);
});
