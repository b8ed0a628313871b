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
const EDITOR_VIEWPORT = { width: 1440, height: 900 };
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

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

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

/**
 * What the layout check measures on the canvas, from the DOM: per node (`.vue-flow__node` elements) its box and
 * every text it draws (the name, the subtitle, the labels of its input and output branches), as page rectangles.
 * A text's rectangle is the part of its glyphs that shows (clipped by its own element), and `truncated` says
 * whether it was cut short (ellipsis). A sticky note counts as one box, truncated when its text does not fit.
 * Runs in the page.
 */
function measureCanvasInPage(flowNodes) {
	const toRect = (r) => ({ x: r.left, y: r.top, width: r.width, height: r.height });
	const overflows = (element) =>
		element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1;
	const result = [];
	for (const flowNode of flowNodes) {
		const root = flowNode.querySelector('[data-node-name]');
		if (!root) continue;
		const name = root.getAttribute('data-node-name');
		const sticky = root.querySelector('[data-test-id="sticky"]');
		if (sticky) {
			const clipped = [...sticky.querySelectorAll('*')].some(
				(element) => window.getComputedStyle(element).overflow !== 'visible' && overflows(element),
			);
			result.push({ node: name, kind: 'sticky note', text: name, rect: toRect(root.getBoundingClientRect()), truncated: clipped });
			continue;
		}
		result.push({ node: name, kind: 'box', text: name, rect: toRect(root.getBoundingClientRect()) });
		const walker = document.createTreeWalker(root, window.NodeFilter.SHOW_TEXT);
		for (let textNode = walker.nextNode(); textNode; textNode = walker.nextNode()) {
			const text = textNode.textContent.trim();
			const element = textNode.parentElement;
			// The toolbar and the trigger's "Execute workflow" button show only on hover.
			if (!text || element.closest('[data-test-id="canvas-node-toolbar"], button')) continue;
			const style = window.getComputedStyle(element);
			if (style.visibility === 'hidden' || style.display === 'none') continue;
			const range = document.createRange();
			range.selectNodeContents(textNode);
			const glyphs = range.getBoundingClientRect();
			if (glyphs.width === 0 || glyphs.height === 0) continue;
			// The shown part: an element that clips (overflow hidden) shows only what lies inside it.
			let shown = glyphs;
			if (style.overflow !== 'visible') {
				const box = element.getBoundingClientRect();
				const left = Math.max(glyphs.left, box.left);
				const top = Math.max(glyphs.top, box.top);
				shown = new window.DOMRect(
					left,
					top,
					Math.max(0, Math.min(glyphs.right, box.right) - left),
					Math.max(0, Math.min(glyphs.bottom, box.bottom) - top),
				);
			}
			const truncated =
				(style.overflow !== 'visible' || style.textOverflow === 'ellipsis') && overflows(element);
			const handle = element.closest('[data-test-id$="-handle"]');
			const kind = handle
				? handle.getAttribute('data-test-id') === 'canvas-node-output-handle'
					? 'output label'
					: 'input label'
				: 'text';
			result.push({ node: name, kind, text, rect: toRect(shown), truncated });
		}
	}
	return result;
}

/** The labels on the connections (item counts after a run), as parts like measureCanvasInPage's. Runs in the page. */
function measureEdgeLabelsInPage(labels) {
	return labels
		.map((label, index) => {
			const r = label.getBoundingClientRect();
			return {
				node: `connection ${index + 1}`,
				kind: 'connection label',
				text: label.textContent.trim(),
				rect: { x: r.left, y: r.top, width: r.width, height: r.height },
			};
		})
		.filter((part) => part.text && part.rect.width > 0 && part.rect.height > 0);
}

/** How far two rectangles overlap ({ width, height } of the common part; 0 when they only touch or are apart). */
function overlapOf(a, b) {
	const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
	const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
	return width > 0 && height > 0 ? { width, height } : { width: 0, height: 0 };
}

/**
 * The layout problems among measured canvas parts (measureCanvasInPage): every two parts that overlap by more than
 * `tolerance` px both ways (a node's own texts are meant to sit on or beside its box, so only those pairs are
 * exempt), and every text cut short with an ellipsis. Returns readable lines; empty when the layout is clean.
 */
function canvasLayoutProblems(parts, { tolerance = 1 } = {}) {
	const problems = [];
	const describe = (part) =>
		part.kind === 'box'
			? `the box of "${part.node}"`
			: part.kind === 'sticky note'
				? `sticky note "${part.node}"`
				: `${part.kind} "${part.text}" of "${part.node}"`;
	for (const part of parts) {
		if (part.truncated) problems.push(`${describe(part)} is cut short (ellipsis)`);
	}
	for (let i = 0; i < parts.length; i++) {
		for (let j = i + 1; j < parts.length; j++) {
			const a = parts[i];
			const b = parts[j];
			if (a.node === b.node && (a.kind === 'box' || b.kind === 'box')) continue;
			const { width, height } = overlapOf(a.rect, b.rect);
			if (width > tolerance && height > tolerance) {
				problems.push(
					`${describe(a)} and ${describe(b)} overlap (${Math.round(width)}×${Math.round(height)} px)`,
				);
			}
		}
	}
	return problems;
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
		await this.closeToasts();
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
	async screenshot(name, { locator, fullPage = false, clip, dir = SCREENSHOTS_DIR } = {}) {
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, `${name}.png`);
		if (locator) {
			await locator.screenshot({ path: file });
		} else {
			await this.page.screenshot({ path: file, fullPage, ...(clip ? { clip } : {}) });
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
		// The first visit loads the whole editor bundle: on a busy machine that takes longer than Playwright's 30 s.
		await this.page.goto(`${this.baseUrl}/workflow/${workflowId}`, {
			waitUntil: 'domcontentloaded',
			timeout: 120_000,
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

	/**
	 * The open workflow's canvas as drawn, without moving anything (no tidy-up, no fit): each node's box and texts
	 * with their page rectangles and whether a text is cut short (see measureCanvasInPage), and the labels on the
	 * connections (item counts, after a run).
	 */
	async canvasLayout() {
		// Let icons and fonts settle, so text widths are final.
		await this.page.evaluate(() => document.fonts.ready);
		const nodes = await this.page.locator('.vue-flow__node').evaluateAll(measureCanvasInPage);
		const connections = await this.page.locator('[data-test-id="edge-label"]').evaluateAll(measureEdgeLabelsInPage);
		return [...nodes, ...connections];
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

	/** The credential pickers in the open node's panel, in the order shown: [{ label, selected }]. */
	async credentialSlots() {
		return this.page
			.locator('[data-test-id="ndv"] [data-test-id="node-credentials-slot"]')
			.evaluateAll((slots) =>
				slots.map((slot) => ({
					label: (slot.querySelector('[data-test-id="credentials-label"]')?.innerText ?? '').trim(),
					selected: slot.querySelector('[data-test-id="node-credentials-select"] input')?.value ?? '',
				})),
			);
	}

	/** The headlines of the dropdown items open now (an options list or a collection's "Add" list). */
	async openDropdownItems() {
		const items = this.page.locator('.el-select-dropdown__item:visible');
		await items.first().waitFor({ state: 'visible', timeout: 10_000 });
		return items.evaluateAll((elements) =>
			elements.map((element) =>
				(element.querySelector('.option-headline') ?? element).innerText.trim(),
			),
		);
	}

	/** Closes an open dropdown by clicking the (active) Parameters tab, not Escape (which would close the panel). */
	async closeDropdown() {
		await this.page.locator('[data-test-id="ndv"] [data-test-id="tab-params"]').first().click();
		await this.page.waitForTimeout(300);
	}

	/**
	 * Picks options by their shown name in the open node's dropdown parameter `name`: one for a single choice, several
	 * in turn for a multi-select (n8n keeps the order picked).
	 */
	async pickParameterOptions(name, optionNames) {
		const input = this.page.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"]`).first();
		await input.click();
		for (const optionName of optionNames) {
			await this.page
				.locator('.el-select-dropdown__item:visible')
				.filter({ has: this.page.locator('.option-headline', { hasText: new RegExp(`^${escapeRegExp(optionName)}$`) }) })
				.first()
				.click();
			await this.page.waitForTimeout(300);
		}
		// A single choice closes its list; a multi-select keeps it open.
		if (await this.page.locator('.el-select-dropdown__item:visible').count()) await this.closeDropdown();
	}

	/**
	 * The names a collection parameter offers under its "Add …" button in the open node's panel; the collection is
	 * named by that button's text, its placeholder in the description ("Add Option"). `pick` then adds one of them.
	 */
	async collectionOptionNames(placeholder, { pick } = {}) {
		await this.page
			.locator(`[data-test-id="ndv"] [data-test-id="collection-parameter-add"]:has(input[placeholder="${placeholder}"])`)
			.first()
			.click();
		const names = await this.openDropdownItems();
		if (pick) {
			await this.page
				.locator('[data-test-id="collection-parameter-option"]:visible')
				.filter({ hasText: new RegExp(`^\\s*${escapeRegExp(pick)}\\s*$`) })
				.first()
				.click();
			await this.page.waitForTimeout(400);
		} else {
			await this.closeDropdown();
		}
		return names;
	}

	/** What the open node's panel shows in parameter `name`'s input: its text, or an options list's chosen name. */
	async parameterShownValue(name) {
		return this.page
			.locator(`[data-test-id="ndv"] [data-test-id="parameter-input-${name}"] input, [data-test-id="ndv"] [data-test-id="parameter-input-${name}"] textarea`)
			.first()
			.inputValue();
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

	/** The column headers of the open node's output table (Table view), left to right. */
	async outputTableHeaders() {
		return this.page
			.locator('[data-test-id="output-panel"] table thead th')
			.evaluateAll((cells) => cells.map((cell) => cell.innerText.trim()).filter(Boolean));
	}

	/**
	 * The output table's columns, left to right: [{ name, inView }], `inView` when the whole header lies inside the
	 * output pane as it is now (not scrolled), i.e. a user sees the column without scrolling sideways.
	 */
	async outputColumnsInView() {
		const pane = await this.page.locator('[data-test-id="output-panel"]').first().boundingBox();
		const headers = await this.page
			.locator('[data-test-id="output-panel"] table thead th')
			.evaluateAll((cells) =>
				cells.map((cell) => {
					const box = cell.getBoundingClientRect();
					return { name: cell.innerText.trim(), left: box.left, right: box.right };
				}),
			);
		return headers
			.filter((header) => header.name)
			.map(({ name, left, right }) => ({
				name,
				inView: Boolean(pane) && left >= pane.x - 1 && right <= pane.x + pane.width + 1,
			}));
	}

	/** The text of one cell of the output table (Table view): row `rowIndex` (0 = first), column `columnName`. */
	async outputTableCell(rowIndex, columnName) {
		return this.page.locator('[data-test-id="output-panel"] table').first().evaluate(
			(table, { rowIndex, columnName }) => {
				const names = [...table.querySelectorAll('thead th')].map((cell) => cell.innerText.trim());
				const column = names.indexOf(columnName);
				const row = table.querySelectorAll('tbody tr')[rowIndex];
				return column < 0 || !row ? '' : (row.children[column]?.innerText ?? '');
			},
			{ rowIndex, columnName },
		);
	}

	/** Whether the open node's parameter panel shows `text` exactly (a label, a notice) where the user can see it. */
	async panelShowsText(text) {
		return this.page
			.locator('[data-test-id="ndv"] [data-test-id="node-parameters"]')
			.getByText(text, { exact: true })
			.first()
			.isVisible()
			.catch(() => false);
	}

	/**
	 * Widens the output pane (drags the parameters pane to the left) and collapses nested cells to one line (n8n's
	 * "Collapse rows" on the first column), so a picture of the table shows many columns on a few lines.
	 */
	async compactOutputTable() {
		const drag = this.page.locator('[data-test-id="ndv"] [data-test-id="panel-drag-button"]').first();
		const box = await drag.boundingBox();
		if (box) {
			await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
			await this.page.mouse.down();
			await this.page.mouse.move(120, box.y + box.height / 2, { steps: 10 });
			await this.page.mouse.up();
		}
		const first = this.page.locator('[data-test-id="output-panel"] table thead th').first();
		await first.hover();
		await first.locator('button[aria-label="Collapse rows"]').click({ timeout: 5_000 });
		await this.page.mouse.move(5, 5);
		await this.page.waitForTimeout(600);
	}

	/** Forgets pane widths dragged in the node panel (n8n keeps them in localStorage), from the next page load on. */
	async resetNodePanelLayout() {
		await this.page.evaluate(() => window.localStorage.removeItem('N8N_NDV_PANEL_WIDTH_REGULAR'));
	}

	/** A picture of the output pane down to the end of its table (not the empty space below it). */
	async screenshotOutputTable(name, { dir = SCREENSHOTS_DIR } = {}) {
		const panel = await this.page.locator('[data-test-id="output-panel"]').first().boundingBox();
		const table = await this.page.locator('[data-test-id="output-panel"] table').first().boundingBox();
		const bottom = Math.min(panel.y + panel.height, table.y + table.height + 24);
		return await this.screenshot(name, {
			dir,
			clip: { x: panel.x, y: panel.y, width: panel.width, height: bottom - panel.y },
		});
	}

	/** Closes the toasts n8n shows after a run, so they do not cover a picture. */
	async closeToasts() {
		const closers = this.page.locator('.el-notification__closeBtn:visible');
		for (let index = await closers.count(); index > 0; index--) {
			await closers
				.first()
				.click({ timeout: 2_000 })
				.catch(() => {});
		}
		await this.page.waitForTimeout(300);
	}

	async closeNode() {
		const ndv = this.page.locator('[data-test-id="ndv"]').first();
		await this.page.keyboard.press('Escape');
		const closed = await ndv
			.waitFor({ state: 'hidden', timeout: 3_000 })
			.then(() => true)
			.catch(() => false);
		// Escape only leaves a field that has the focus (after picking from a dropdown); the close button always works.
		if (!closed) {
			await this.page.locator('[data-test-id="ndv-close-button"]').first().click({ timeout: 5_000 }).catch(() => {});
			await ndv.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
		}
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
	viewport = EDITOR_VIEWPORT,
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
	EDITOR_VIEWPORT,
	SCREENSHOTS_DIR,
	EditorBrowser,
	canvasLayoutProblems,
	ensureChromium,
	launchEditorBrowser,
};
