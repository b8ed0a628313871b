'use strict';
// Looks at the real n8n editor the way a person would: Debian's headless Chromium driven by playwright-core,
// logged in with the owner's cookie. Opens workflows, nodes, the node panel and credential forms, takes
// screenshots, and collects page errors and failed requests on the way.

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT } = require('./n8n');

const CHROMIUM_PATH = process.env.FAPIAO_CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');
const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	// This machine has no network beyond loopback; without these Chromium keeps dialling Google's hosts.
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic',
	'--disable-dev-shm-usage',
];

function run(command, args) {
	const result = spawnSync(command, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
	return { code: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

/**
 * Installs Debian's chromium (and a CJK font, so Chinese values in screenshots are not boxes) when missing.
 * Needs root, as on these machines; otherwise says what to install.
 */
function ensureChromium() {
	const packages = [];
	if (!fs.existsSync(CHROMIUM_PATH)) packages.push('chromium');
	const cjk = run('fc-list', [':lang=zh', 'family']);
	if (cjk.code !== 0 || cjk.output.trim() === '') packages.push('fonts-wqy-zenhei');
	if (packages.length === 0) return CHROMIUM_PATH;
	if (typeof process.getuid === 'function' && process.getuid() !== 0) {
		throw new Error(
			`missing ${packages.join(', ')}: run apt-get install -y ${packages.join(' ')} as root`,
		);
	}
	console.log(`[e2e] installing ${packages.join(', ')} with apt-get (once per machine)`);
	const update = run('apt-get', ['update', '-qq']);
	if (update.code !== 0) throw new Error(`apt-get update failed:\n${update.output}`);
	const install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], {
		stdio: ['ignore', 'pipe', 'pipe'],
		encoding: 'utf8',
		env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
	});
	if (install.status !== 0 || !fs.existsSync(CHROMIUM_PATH)) {
		throw new Error(
			`apt-get install ${packages.join(' ')} failed:\n${install.stdout}${install.stderr}`,
		);
	}
	return CHROMIUM_PATH;
}

/** Console messages that are n8n's own noise on a closed machine, not faults of the page or the package. */
const IGNORED_CONSOLE = [
	// n8n asks its own cloud for banners/templates/versions; disabled by env, but some builds still try.
	/api\.n8n\.io|n8n\.cloud|posthog|rudderstack|telemetry/i,
];

/** The parameter names rendered inside `container` (data-test-id="parameter-input-<name>"), each once. */
async function parameterNames(container) {
	return container
		.locator('[data-test-id^="parameter-input-"]')
		.evaluateAll((elements) => [
			...new Set(
				elements
					.map((element) => element.getAttribute('data-test-id').replace('parameter-input-', ''))
					.filter((name) => name !== 'field' && name !== 'hint'),
			),
		]);
}

class EditorBrowser {
	constructor({ browser, context, page, baseUrl, artifactsDir }) {
		this.browser = browser;
		this.context = context;
		this.page = page;
		this.baseUrl = baseUrl;
		this.artifactsDir = artifactsDir;
		this.consoleErrors = [];
		this.pageErrors = [];
		this.failedRequests = [];
		this.externalFailures = [];
		this.screenshots = [];
		this.watch(page);
	}

	watch(page) {
		page.on('console', (message) => {
			if (message.type() !== 'error') return;
			const text = message.text();
			const location = message.location();
			// A resource outside n8n failing to load is this closed machine's doing, listed apart.
			if (location && location.url && !location.url.startsWith(this.baseUrl)) {
				this.externalFailures.push({ url: location.url, error: text });
				return;
			}
			if (IGNORED_CONSOLE.some((pattern) => pattern.test(text))) return;
			this.consoleErrors.push({ url: page.url(), text, location });
		});
		page.on('pageerror', (error) => {
			this.pageErrors.push({
				url: page.url(),
				text: String(error && error.stack ? error.stack : error),
			});
		});
		page.on('requestfailed', (request) => {
			const failure = request.failure();
			// A navigation away cancels pending requests; that is not a fault.
			if (failure && /ERR_ABORTED/.test(failure.errorText)) return;
			const entry = { url: request.url(), error: failure && failure.errorText };
			// n8n's editor fetches a few things from the internet (e.g. TypeScript typings for the Code
			// editor); this machine has no internet, so those are listed apart, not counted as faults.
			if (request.url().startsWith(this.baseUrl)) this.failedRequests.push(entry);
			else this.externalFailures.push(entry);
		});
		page.on('response', (response) => {
			const url = response.url();
			if (!url.startsWith(this.baseUrl)) return;
			if (response.status() >= 400) {
				this.failedRequests.push({ url, status: response.status() });
			}
		});
	}

	/** Problems the page reported since the last reset: console errors, uncaught errors, failed requests. */
	problems() {
		return [
			...this.pageErrors.map((error) => `page error: ${error.text.split('\n')[0]} (${error.url})`),
			...this.consoleErrors.map((error) => `console error: ${error.text} (${error.url})`),
			...this.failedRequests.map(
				(request) => `request failed: ${request.url} ${request.status ?? request.error}`,
			),
		];
	}

	resetProblems() {
		this.externalFailures = [];
		this.consoleErrors = [];
		this.pageErrors = [];
		this.failedRequests = [];
	}

	/** Closes toasts and fits the canvas to the view, so a picture shows the whole workflow uncovered. */
	async tidyCanvas() {
		const closers = this.page.locator('.el-notification__closeBtn:visible');
		for (let index = await closers.count(); index > 0; index--) {
			await closers
				.first()
				.click({ timeout: 2_000 })
				.catch(() => {});
		}
		await this.page
			.locator('[data-test-id="zoom-to-fit"]')
			.first()
			.click({ timeout: 2_000 })
			.catch(() => {});
		// The clicked button would keep its focus ring and hover state in the picture.
		await this.page.evaluate(() => document.activeElement && document.activeElement.blur());
		await this.page.mouse.move(5, 450);
		await this.page.waitForTimeout(600);
	}

	/** Copies a screenshot taken into the run's folder to docs/screenshots/ (committed; the README shows them). */
	publishScreenshot(file) {
		fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
		const target = path.join(SCREENSHOTS_DIR, path.basename(file));
		fs.copyFileSync(file, target);
		return target;
	}

	/** Saves a screenshot to `dir` (default docs/screenshots/<name>.png). */
	async screenshot(name, { locator, fullPage = false, dir = SCREENSHOTS_DIR } = {}) {
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name}.png`);
		if (locator) {
			await locator.screenshot({ path: file });
		} else {
			await this.page.screenshot({ path: file, fullPage });
		}
		this.screenshots.push(file);
		return file;
	}

	/** Closes whatever first-run popups n8n shows over the canvas (they differ between versions). */
	async dismissPopups() {
		for (let round = 0; round < 3; round++) {
			const closeButtons = this.page.locator(
				'.el-dialog__headerbtn:visible, [data-test-id="close-button"]:visible, .el-message-box__headerbtn:visible',
			);
			const count = await closeButtons.count();
			if (count === 0) return;
			await closeButtons
				.first()
				.click({ timeout: 2_000 })
				.catch(() => {});
			await this.page.waitForTimeout(300);
		}
	}

	/** Opens /workflow/<id> and waits until the canvas shows its nodes. Returns the node names on the canvas. */
	async openWorkflow(workflowId) {
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`, {
			waitUntil: 'domcontentloaded',
		});
		const nodes = this.page.locator('[data-test-id="canvas-node"]');
		await nodes.first().waitFor({ state: 'visible', timeout: 60_000 });
		// Let the canvas finish fitting the view and loading icons before anyone takes a picture.
		await this.page.waitForLoadState('networkidle').catch(() => {});
		await this.dismissPopups();
		return nodes.evaluateAll((elements) =>
			elements.map((element) => element.getAttribute('data-node-name')),
		);
	}

	/**
	 * Clicks "Execute workflow" in the editor (the run happens in the n8n server, not the CLI) and waits until
	 * the run has finished. Returns the names of the nodes that show a success mark.
	 */
	async executeInEditor({ timeoutMs = 90_000 } = {}) {
		const runResponse = this.page.waitForResponse(
			(response) =>
				/\/rest\/workflows\/[^/]+\/run/.test(response.url()) &&
				response.request().method() === 'POST',
			{ timeout: timeoutMs },
		);
		await this.page.locator('[data-test-id="execute-workflow-button"]').first().click();
		const response = await runResponse;
		if (response.status() >= 400)
			throw new Error(`the editor's run request failed: HTTP ${response.status()}`);
		const started = Date.now();
		let previous = -1;
		let stableRounds = 0;
		while (Date.now() - started < timeoutMs) {
			const running = await this.page
				.locator('[data-test-id="canvas-node"] .running, .is-running')
				.count();
			const succeeded = await this.page
				.locator('[data-test-id="canvas-node-status-success"]')
				.count();
			stableRounds =
				running === 0 && succeeded === previous && succeeded > 0 ? stableRounds + 1 : 0;
			if (stableRounds >= 3) break;
			previous = succeeded;
			await this.page.waitForTimeout(500);
		}
		return this.page
			.locator('[data-test-id="canvas-node"]')
			.evaluateAll((nodes) =>
				nodes
					.filter((node) => node.querySelector('[data-test-id="canvas-node-status-success"]'))
					.map((node) => node.getAttribute('data-node-name')),
			);
	}

	canvasNode(nodeName) {
		return this.page.locator(`[data-test-id="canvas-node"][data-node-name="${nodeName}"]`);
	}

	/**
	 * Whether the node icon (n8n's `.n8n-node-icon`) inside `locator` really rendered: an <img> that loaded with a
	 * size, or an inline svg. A broken image (missing icon file) and the "?" placeholder n8n draws for an unknown
	 * icon are neither. Other svgs in the item (badges, arrows) are not looked at.
	 */
	async iconRendered(locator) {
		return locator.evaluate((root) => {
			const icon = root.querySelector('.n8n-node-icon');
			if (!icon) return false;
			const image = icon.querySelector('img');
			if (image) return image.complete && image.naturalWidth > 0;
			const svg = icon.querySelector('svg');
			if (!svg || svg.getBoundingClientRect().width <= 4) return false;
			return !/^\s*\?\s*$/.test(icon.textContent ?? '');
		});
	}

	/** The icons of the canvas nodes: [{ name, rendered, src }]. */
	async canvasNodeIcons() {
		const nodes = this.page.locator('[data-test-id="canvas-node"]');
		const result = [];
		for (let index = 0; index < (await nodes.count()); index++) {
			const node = nodes.nth(index);
			const name = await node.getAttribute('data-node-name');
			const src = await node
				.locator('img')
				.first()
				.getAttribute('src', { timeout: 1_000 })
				.catch(() => null);
			result.push({ name, rendered: await this.iconRendered(node), src });
		}
		return result;
	}

	/** Double-clicks a canvas node and waits for its parameter panel (NDV). Returns the panel locator. */
	async openNode(nodeName) {
		await this.canvasNode(nodeName).dblclick();
		const ndv = this.page.locator('[data-test-id="ndv"]').first();
		await ndv.waitFor({ state: 'visible', timeout: 30_000 });
		await this.page
			.locator('[data-test-id="node-parameters"]')
			.first()
			.waitFor({ timeout: 30_000 });
		await this.page.waitForTimeout(500);
		return ndv;
	}

	/** The parameter names visible in the open node's panel (from data-test-id="parameter-input-<name>"). */
	async visibleParameters() {
		return parameterNames(this.page.locator('[data-test-id="node-parameters"]'));
	}

	/** The credential selectors in the open node's panel: the selected credential's name in each. */
	async visibleCredentials() {
		return this.page
			.locator('[data-test-id="ndv"] [data-test-id="node-credentials-select"] input')
			.evaluateAll((inputs) => inputs.map((input) => input.value));
	}

	/** Switches the open node's output pane to a display mode ('Table', 'JSON', 'Schema', 'Binary'). */
	async showOutputAs(mode) {
		const output = this.page.locator('[data-test-id="output-panel"]').first();
		await output
			.getByText(mode, { exact: true })
			.first()
			.click({ timeout: 5_000 })
			.catch(() => {});
		await this.page.waitForTimeout(400);
	}

	async closeNode() {
		await this.page.keyboard.press('Escape');
		await this.page
			.locator('[data-test-id="ndv"]')
			.first()
			.waitFor({ state: 'hidden', timeout: 10_000 })
			.catch(() => {});
	}

	/** Opens the node panel (the "+" button) and types `query`; returns the items shown: [{ name, iconRendered }]. */
	async searchNodePanel(query) {
		const root = this.page.locator('[data-test-id="node-creator"]');
		if (!(await root.isVisible().catch(() => false))) {
			await this.page.locator('[data-test-id="node-creator-plus-button"]').first().click();
			await root.waitFor({ state: 'visible', timeout: 15_000 });
		}
		const search = this.page.locator('[data-test-id="node-creator-search-bar"]').first();
		const input = (await search.evaluate((element) => element.tagName === 'INPUT'))
			? search
			: search.locator('input').first();
		await input.fill(query);
		await this.page.waitForTimeout(800);
		const items = root.locator('[data-test-id="item-iterator-item"]');
		const result = [];
		for (let index = 0; index < Math.min(await items.count(), 20); index++) {
			const item = items.nth(index);
			const name = (
				await item
					.locator('[data-test-id="node-creator-item-name"]')
					.first()
					.innerText({ timeout: 2_000 })
					.catch(async () => item.innerText())
			).trim();
			result.push({ name, iconRendered: await this.iconRendered(item) });
		}
		return result;
	}

	async closeNodePanel() {
		await this.page.keyboard.press('Escape');
		await this.page
			.locator('[data-test-id="node-creator"]')
			.waitFor({ state: 'hidden', timeout: 5_000 })
			.catch(() => {});
	}

	/**
	 * Opens a stored credential's form (/home/credentials/<id>) and returns { modal, fields }: the field names the
	 * form renders (data-test-id="parameter-input-<name>").
	 */
	async openCredential(credentialId) {
		await this.page.goto(`${this.baseUrl}/home/credentials/${credentialId}`, {
			waitUntil: 'domcontentloaded',
		});
		const modal = this.page.locator('[data-test-id="editCredential-modal"]').first();
		await modal.waitFor({ state: 'visible', timeout: 30_000 });
		await modal
			.locator('[data-test-id="credential-connection-parameter"]')
			.first()
			.waitFor({ timeout: 15_000 });
		await this.page.waitForTimeout(500);
		const fields = await parameterNames(modal);
		return { modal, fields, testResult: await this.credentialTestResult(modal) };
	}

	/**
	 * n8n runs the credential's Test when a stored credential's form opens; this waits for its banner:
	 * 'success' ("Connection tested successfully"), 'error' ("Couldn't connect with these settings") or 'none'.
	 */
	async credentialTestResult(modal, { timeoutMs = 20_000 } = {}) {
		const success = modal.locator('[data-test-id="credentials-config-container-test-success"]');
		const failure = modal.getByText(/Couldn.t connect with these settings/);
		const started = Date.now();
		while (Date.now() - started < timeoutMs) {
			if (await success.isVisible().catch(() => false)) return 'success';
			if (
				await failure
					.first()
					.isVisible()
					.catch(() => false)
			)
				return 'error';
			await this.page.waitForTimeout(250);
		}
		return 'none';
	}

	async close() {
		await this.context.close().catch(() => {});
		await this.browser.close().catch(() => {});
	}
}

/**
 * Starts headless Chromium logged in to the n8n at `baseUrl` with the owner's `cookie` (from setupOwner()).
 * Playwright gives every launch a fresh profile (--user-data-dir in a temp folder).
 */
async function launchEditorBrowser({
	baseUrl,
	cookie,
	artifactsDir,
	viewport = { width: 1440, height: 900 },
}) {
	ensureChromium();
	const { chromium } = require('playwright-core');
	const browser = await chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: CHROMIUM_ARGS,
	});
	const context = await browser.newContext({
		viewport,
		deviceScaleFactor: 1,
		locale: 'en-US',
		timezoneId: 'Asia/Shanghai',
	});
	await context.addCookies([{ name: 'n8n-auth', value: cookie, url: baseUrl }]);
	const page = await context.newPage();
	page.setDefaultTimeout(30_000);
	return new EditorBrowser({ browser, context, page, baseUrl, artifactsDir });
}

module.exports = {
	CHROMIUM_ARGS,
	CHROMIUM_PATH,
	SCREENSHOTS_DIR,
	EditorBrowser,
	ensureChromium,
	launchEditorBrowser,
};
