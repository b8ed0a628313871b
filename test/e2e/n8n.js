'use strict';
// Drives a real n8n (the pinned install from scripts/real-n8n.sh) with this package loaded as a community
// package: pack and install, import credentials and workflows, execute headlessly, start the editor server,
// create the owner and call its REST API. Used by test/e2e/run.js and the demo.
//
// Needs Node 24 (n8n 2.x refuses older); scripts/e2e.sh and scripts/demo.sh arrange that.

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const PACKAGE_NAME = 'n8n-nodes-fapiao';
const OWNER = {
	email: 'owner@fapiao-e2e.test',
	firstName: 'Fapiao',
	lastName: 'Tester',
	password: 'E2e-Password-1234',
};
// Fixed so that credentials imported by one n8n process decrypt in the next one that shares the user folder.
const ENCRYPTION_KEY = 'fapiao-e2e-fixed-encryption-key';

function log(message) {
	console.log(`[e2e] ${message}`);
}

function requireNode24() {
	const major = Number(process.versions.node.split('.')[0]);
	if (major < 24) {
		throw new Error(
			`n8n 2.x needs Node 24, this is ${process.version}. Run through scripts/e2e.sh or scripts/with-node24.sh.`,
		);
	}
}

/** Runs a command to completion; never throws on a non-zero exit (callers decide). */
function runCommand(command, args, { cwd, env, timeoutMs = 300_000, logFile } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		const stdout = [];
		const stderr = [];
		child.stdout.on('data', (chunk) => stdout.push(chunk));
		child.stderr.on('data', (chunk) => stderr.push(chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('error', (error) => {
			clearTimeout(timer);
			reject(error);
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const result = {
				code: timedOut ? null : code,
				signal,
				timedOut,
				stdout: Buffer.concat(stdout).toString('utf8'),
				stderr: Buffer.concat(stderr).toString('utf8'),
				ms: Date.now() - started,
			};
			if (logFile) {
				fs.writeFileSync(
					logFile,
					`$ ${command} ${args.join(' ')}\n# exit ${result.code} signal ${signal} in ${result.ms} ms` +
						`${timedOut ? ' (TIMED OUT)' : ''}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}\n`,
				);
			}
			resolve(result);
		});
	});
}

// `n8n start` runs in its own process group (so stop() can end its task runners too); should this process end
// any other way (Ctrl-C, an uncaught error), those groups are ended here instead of outliving it.
const liveServerGroups = new Set();
let exitHookInstalled = false;
function endServersOnExit(pid) {
	liveServerGroups.add(pid);
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const group of liveServerGroups) {
			try {
				process.kill(-group, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	});
	for (const signal of ['SIGINT', 'SIGTERM']) {
		// A caller that handles the signal itself (the demo stops n8n and removes its folder) keeps the process.
		process.on(signal, () => {
			if (process.listenerCount(signal) === 1) process.exit(130);
		});
	}
}

function tail(text, lines = 30) {
	return text.split('\n').slice(-lines).join('\n');
}

function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** A fresh folder for one run's logs and screenshots under .e2e-artifacts/ (git-ignored; the last 10 kept). */
function makeArtifactsDir(name = 'run', keep = 10) {
	const root = path.join(REPO_ROOT, '.e2e-artifacts');
	fs.mkdirSync(root, { recursive: true });
	const old = fs.readdirSync(root).sort();
	for (const entry of old.slice(0, Math.max(0, old.length - (keep - 1)))) {
		fs.rmSync(path.join(root, entry), { recursive: true, force: true });
	}
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const dir = path.join(root, `${stamp}-${name}`);
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * The folder of the pinned n8n install. FAPIAO_N8N_HOME wins (a finished install); otherwise
 * scripts/real-n8n.sh installs or reuses the cached one and prints its folder.
 */
async function ensureRealN8n() {
	const preset = process.env.FAPIAO_N8N_HOME;
	if (preset && fs.existsSync(path.join(preset, '.complete'))) return preset;
	const result = await runCommand('bash', [path.join(REPO_ROOT, 'scripts', 'real-n8n.sh')], {
		cwd: REPO_ROOT,
		env: process.env,
		timeoutMs: 20 * 60_000,
	});
	process.stderr.write(result.stderr);
	const home = result.stdout.trim().split('\n').pop();
	if (result.code !== 0 || !home || !fs.existsSync(path.join(home, '.complete'))) {
		throw new Error(`scripts/real-n8n.sh failed (exit ${result.code}):\n${tail(result.stderr)}`);
	}
	return home;
}

/** `npm run build` of the repo (the package's own build: tsc + static files into dist/). */
async function buildPackage({ logFile } = {}) {
	const result = await runCommand('npm', ['run', 'build'], {
		cwd: REPO_ROOT,
		env: { ...process.env, CI: 'true', NO_COLOR: '1' },
		logFile,
	});
	if (result.code !== 0) {
		throw new Error(`npm run build failed:\n${tail(result.stdout + result.stderr)}`);
	}
	return result;
}

/**
 * `npm pack` of the repo into `destination`; returns the tarball path. Packing (rather than symlinking the repo)
 * keeps the repo's dev dependencies out, so the nodes use n8n's own n8n-workflow and its error classes.
 */
async function packPackage({ build = true, destination, logDir } = {}) {
	if (build) {
		await buildPackage({ logFile: logDir && path.join(logDir, 'build.log') });
	}
	if (!fs.existsSync(path.join(REPO_ROOT, 'dist'))) {
		throw new Error('dist/ is missing: run `npm run build` first');
	}
	const outDir = destination ?? fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-pack-'));
	fs.mkdirSync(outDir, { recursive: true });
	const result = await runCommand(
		'npm',
		['pack', '--json', '--ignore-scripts', '--pack-destination', outDir],
		{ cwd: REPO_ROOT, env: process.env, logFile: logDir && path.join(logDir, 'pack.log') },
	);
	if (result.code !== 0) throw new Error(`npm pack failed:\n${tail(result.stderr)}`);
	const [info] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
	const tarball = path.join(outDir, info.filename);
	return { tarball, files: info.files.map((file) => file.path), version: info.version };
}

/**
 * Finds the run data that `n8n execute --rawOutput` prints after its log lines: the last top-level JSON object
 * (a line that is exactly "{" up to the next line that is exactly "}", as JSON.stringify(data, null, 2) writes it)
 * that looks like a run (has data.resultData). Returns undefined when there is none.
 */
function parseExecuteOutput(stdout) {
	const lines = stdout.split('\n');
	for (let start = lines.length - 1; start >= 0; start--) {
		if (lines[start].trimEnd() !== '{') continue;
		const end = lines.findIndex((line, index) => index > start && line.trimEnd() === '}');
		if (end === -1) continue;
		try {
			const parsed = JSON.parse(lines.slice(start, end + 1).join('\n'));
			if (parsed && parsed.data && parsed.data.resultData) return parsed;
		} catch {
			// not the run JSON (a log line that happens to be "{"), keep looking
		}
	}
	return undefined;
}

/** The json of the items a node produced on one output in the first run of that node. */
function nodeOutput(run, nodeName, outputIndex = 0) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) {
		const ran = Object.keys(run.data.resultData.runData).join(', ');
		throw new Error(`node "${nodeName}" did not run (nodes that ran: ${ran})`);
	}
	const main = runs[0].data && runs[0].data.main;
	const items = (main && main[outputIndex]) || [];
	return items.map((item) => item.json);
}

/** The full items (json, binary, pairedItem) of a node's output. */
function nodeItems(run, nodeName, outputIndex = 0) {
	const runs = run.data.resultData.runData[nodeName];
	if (!runs) throw new Error(`node "${nodeName}" did not run`);
	const main = runs[0].data && runs[0].data.main;
	return (main && main[outputIndex]) || [];
}

function cookieFrom(response, name) {
	const cookies = response.headers.getSetCookie ? response.headers.getSetCookie() : [];
	for (const cookie of cookies) {
		const [pair] = cookie.split(';');
		const index = pair.indexOf('=');
		if (pair.slice(0, index).trim() === name) return pair.slice(index + 1).trim();
	}
	return undefined;
}

class N8nInstance {
	/**
	 * @param {object} options
	 * @param {string} options.home the real-n8n install folder (ensureRealN8n())
	 * @param {string} [options.name] a label for logs
	 * @param {string} [options.artifactsDir] where command logs go
	 * @param {object} [options.env] extra environment for every n8n process
	 */
	constructor({ home, name = 'n8n', artifactsDir, env = {} }) {
		this.home = home;
		this.name = name;
		this.bin = path.join(home, 'node_modules', 'n8n', 'bin', 'n8n');
		this.userFolder = fs.mkdtempSync(path.join(os.tmpdir(), `fapiao-${name}-`));
		this.artifactsDir = artifactsDir ?? makeArtifactsDir(name);
		this.extraEnv = env;
		this.commandCount = 0;
		this.server = undefined;
		this.baseUrl = undefined;
	}

	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	/** The environment of every n8n process of this instance (see docs in the real-n8n recipe). */
	env(extra = {}) {
		return {
			...process.env,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// info, not lower: below info `n8n execute` prints nothing at all.
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_SECURE_COOKIE: 'false',
			N8N_SSRF_PROTECTION_ENABLED: 'false',
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			GENERIC_TIMEZONE: 'Asia/Shanghai',
			NO_COLOR: '1',
			...this.extraEnv,
			...extra,
		};
	}

	/** Runs one n8n CLI command with its own task-runner broker port (concurrent processes must not share one). */
	async cli(args, { timeoutMs = 180_000, label } = {}) {
		this.commandCount += 1;
		const name = `${String(this.commandCount).padStart(2, '0')}-${label ?? args[0].replace(/[^\w]+/g, '-')}.log`;
		const brokerPort = await freePort();
		return runCommand(process.execPath, [this.bin, ...args], {
			cwd: this.userFolder,
			env: this.env({ N8N_RUNNERS_BROKER_PORT: String(brokerPort) }),
			timeoutMs,
			logFile: path.join(this.artifactsDir, name),
		});
	}

	/**
	 * Installs a community package into <user folder>/.n8n/nodes/node_modules/<name>, where n8n loads them from:
	 * a packed tarball (this package, via packPackage()) is unpacked, a folder (a test fixture) is copied.
	 * Returns the installed folder.
	 */
	async installPackage(source) {
		const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-unpack-'));
		try {
			if (fs.statSync(source).isDirectory()) {
				fs.cpSync(source, staging, { recursive: true });
			} else {
				const result = await runCommand('tar', [
					'-xzf',
					source,
					'-C',
					staging,
					'--strip-components=1',
				]);
				if (result.code !== 0) throw new Error(`could not unpack ${source}: ${result.stderr}`);
			}
			const { name } = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8'));
			const target = path.join(this.nodesDir, 'node_modules', name);
			fs.rmSync(target, { recursive: true, force: true });
			fs.mkdirSync(path.dirname(target), { recursive: true });
			fs.cpSync(staging, target, { recursive: true });
			// What `npm install` in the nodes folder would leave, so n8n sees normally installed packages.
			const manifestFile = path.join(this.nodesDir, 'package.json');
			const manifest = fs.existsSync(manifestFile)
				? JSON.parse(fs.readFileSync(manifestFile, 'utf8'))
				: { name: 'installed-nodes', private: true, dependencies: {} };
			manifest.dependencies[name] = `file:${source}`;
			fs.writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));
			return target;
		} finally {
			fs.rmSync(staging, { recursive: true, force: true });
		}
	}

	/** Imports credentials: [{ id, name, type, data }] with `data` in clear (n8n encrypts it on import). */
	async importCredentials(credentials) {
		const file = path.join(this.artifactsDir, `credentials-${this.commandCount + 1}.json`);
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		const result = await this.cli(['import:credentials', `--input=${file}`], {
			label: 'import-credentials',
		});
		if (result.code !== 0) {
			throw new Error(
				`import:credentials failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result;
	}

	/** Imports one workflow object or an array of them; each needs an `id` of at most 21 characters. */
	async importWorkflow(workflows) {
		const list = Array.isArray(workflows) ? workflows : [workflows];
		for (const workflow of list) {
			if (typeof workflow.id !== 'string' || workflow.id.length === 0 || workflow.id.length > 21) {
				throw new Error(
					`workflow "${workflow.name}" needs an "id" of 1-21 characters, got ${workflow.id}`,
				);
			}
		}
		const file = path.join(this.artifactsDir, `workflows-${this.commandCount + 1}.json`);
		fs.writeFileSync(file, JSON.stringify(list, null, 2));
		const result = await this.cli(['import:workflow', `--input=${file}`], {
			label: 'import-workflow',
		});
		if (result.code !== 0) {
			throw new Error(
				`import:workflow failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`,
			);
		}
		return result;
	}

	/**
	 * `n8n execute --id=<id> --rawOutput`. Resolves { ok, run, exitCode, ms, stdout, stderr }: `run` is the parsed
	 * run data (also for a failed execution when n8n printed it). Throws when n8n produced no run at all while
	 * claiming success — the silent pass of a wrong invocation (`--file`, a missing `--id`).
	 */
	async executeWorkflow(id, { timeoutMs = 180_000 } = {}) {
		let result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
			timeoutMs,
			label: `execute-${id}`,
		});
		// n8n 2.41's CLI process now and then dies of SIGSEGV while shutting down, after the run (seen on this
		// machine with a run printed as "status": "success"). That is n8n's, not the workflow's: run it once more,
		// and say so in the log. A second crash fails the check as before.
		if (result.signal === 'SIGSEGV') {
			console.log(`[e2e] n8n execute --id=${id} crashed (SIGSEGV); running it once more`);
			result = await this.cli(['execute', `--id=${id}`, '--rawOutput'], {
				timeoutMs,
				label: `execute-${id}-again`,
			});
		}
		if (result.timedOut) throw new Error(`n8n execute --id=${id} timed out after ${timeoutMs} ms`);
		const combined = result.stdout + result.stderr;
		if (/"--id" has to be set|--file flag is no longer supported/.test(combined)) {
			throw new Error(`n8n execute was called wrongly (silent pass):\n${tail(combined)}`);
		}
		if (/The workflow with the id ".*" does not exist/.test(combined)) {
			throw new Error(`workflow ${id} was not imported`);
		}
		const run = parseExecuteOutput(result.stdout);
		if (result.code === 0 && !run) {
			throw new Error(
				`n8n execute exited 0 but printed no run data (silent pass?):\n${tail(combined)}`,
			);
		}
		const ok = result.code === 0 && run !== undefined && !run.data.resultData.error;
		return {
			ok,
			run,
			exitCode: result.code,
			ms: result.ms,
			stdout: result.stdout,
			stderr: result.stderr,
		};
	}

	/** `n8n start` on 127.0.0.1 with a free port; resolves the base URL once /healthz/readiness answers 200. */
	async startN8n({ timeoutMs = 120_000 } = {}) {
		if (this.server) throw new Error('n8n is already started');
		const port = await freePort();
		const brokerPort = await freePort();
		const logFile = path.join(this.artifactsDir, 'n8n-start.log');
		const logStream = fs.createWriteStream(logFile);
		const child = spawn(process.execPath, [this.bin, 'start'], {
			cwd: this.userFolder,
			env: this.env({
				N8N_PORT: String(port),
				N8N_LISTEN_ADDRESS: '127.0.0.1',
				N8N_HOST: '127.0.0.1',
				N8N_PROTOCOL: 'http',
				N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
				WEBHOOK_URL: `http://127.0.0.1:${port}/`,
				N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			}),
			stdio: ['ignore', 'pipe', 'pipe'],
			detached: true,
		});
		child.stdout.pipe(logStream);
		child.stderr.pipe(logStream);
		endServersOnExit(child.pid);
		let exited = null;
		child.on('exit', (code, signal) => {
			exited = { code, signal };
		});
		this.server = { child, logFile, port };
		this.baseUrl = `http://127.0.0.1:${port}`;
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (exited) {
				throw new Error(
					`n8n start exited early (${JSON.stringify(exited)}):\n${tail(fs.readFileSync(logFile, 'utf8'))}`,
				);
			}
			try {
				const response = await fetch(`${this.baseUrl}/healthz/readiness`);
				if (response.status === 200) {
					this.server.readyMs = Date.now() - started;
					return this.baseUrl;
				}
			} catch {
				// not listening yet
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		await this.stop();
		throw new Error(`n8n start was not ready within ${timeoutMs} ms (log: ${logFile})`);
	}

	/** JSON request to the running server's REST API; returns { status, body, response }. */
	async request(method, urlPath, { cookie, body } = {}) {
		if (!this.baseUrl) throw new Error('n8n is not started');
		const headers = { accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (cookie) headers.cookie = `n8n-auth=${cookie}`;
		const response = await fetch(`${this.baseUrl}${urlPath}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await response.text();
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = text;
		}
		return { status: response.status, body: parsed, response };
	}

	/** Creates the owner account (POST /rest/owner/setup), logs in (POST /rest/login), returns the n8n-auth cookie. */
	async setupOwner(owner = OWNER) {
		const setup = await this.request('POST', '/rest/owner/setup', { body: owner });
		if (setup.status !== 200) {
			throw new Error(`owner setup failed: HTTP ${setup.status} ${JSON.stringify(setup.body)}`);
		}
		// No browser-id header: the cookie then is not bound to one browser, so the test browser can reuse it.
		const login = await this.request('POST', '/rest/login', {
			body: { emailOrLdapLoginId: owner.email, password: owner.password },
		});
		const cookie = cookieFrom(login.response, 'n8n-auth');
		if (login.status !== 200 || !cookie) {
			throw new Error(`login failed: HTTP ${login.status} ${JSON.stringify(login.body)}`);
		}
		this.cookie = cookie;
		return cookie;
	}

	/**
	 * What the credential modal's Test button does: POST /rest/credentials/test with
	 * { credentials: { id, name, type, data } } (TestCredentialRequestDto). n8n tests only credentials the user can
	 * read, so `id` must be a stored credential; `data` given here replaces the stored values for this test (a
	 * wrong secret can be tried without saving it). Resolves { status: 'OK' | 'Error', message }.
	 */
	async testCredential(cookie, credential) {
		const result = await this.request('POST', '/rest/credentials/test', {
			cookie,
			body: {
				credentials: {
					id: credential.id,
					name: credential.name ?? '',
					type: credential.type,
					data: credential.data,
				},
			},
		});
		if (result.status !== 200) {
			throw new Error(
				`credential test request failed: HTTP ${result.status} ${JSON.stringify(result.body)}`,
			);
		}
		return result.body && result.body.data !== undefined ? result.body.data : result.body;
	}

	/** GET /types/nodes.json: every node type the editor knows, with icons. */
	async nodeTypes(cookie) {
		const result = await this.request('GET', '/types/nodes.json', { cookie });
		if (result.status !== 200) throw new Error(`GET /types/nodes.json: HTTP ${result.status}`);
		return result.body;
	}

	/** GET /types/credentials.json. */
	async credentialTypes(cookie) {
		const result = await this.request('GET', '/types/credentials.json', { cookie });
		if (result.status !== 200)
			throw new Error(`GET /types/credentials.json: HTTP ${result.status}`);
		return result.body;
	}

	/** Stops the server (if started) and removes the user folder unless keep is set. */
	async stop({ keep = false } = {}) {
		if (this.server) {
			const { child } = this.server;
			if (child.exitCode === null && child.signalCode === null) {
				const exited = new Promise((resolve) => child.once('exit', resolve));
				try {
					process.kill(-child.pid, 'SIGTERM');
				} catch {
					child.kill('SIGTERM');
				}
				const timer = setTimeout(() => {
					try {
						process.kill(-child.pid, 'SIGKILL');
					} catch {
						// already gone
					}
				}, 15_000);
				await exited;
				clearTimeout(timer);
			}
			liveServerGroups.delete(child.pid);
			this.server = undefined;
			this.baseUrl = undefined;
		}
		if (!keep) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

async function createN8n(options = {}) {
	requireNode24();
	const home = options.home ?? (await ensureRealN8n());
	return new N8nInstance({ ...options, home });
}

module.exports = {
	ENCRYPTION_KEY,
	OWNER,
	PACKAGE_NAME,
	REPO_ROOT,
	N8nInstance,
	buildPackage,
	createN8n,
	ensureRealN8n,
	freePort,
	log,
	makeArtifactsDir,
	nodeItems,
	nodeOutput,
	packPackage,
	parseExecuteOutput,
	requireNode24,
	runCommand,
	tail,
};
