'use strict';
// @ts-check
/**
 * Bench-only: runs n8n's own HTTP Request node (n8n-nodes-base, from the real n8n install the e2e
 * uses) through the engine harness (test/harness/engine.js), exactly as our nodes run: an input
 * node emitting the items, then the HTTP Request node (no credentials: the user puts the key in
 * the form).
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-bench-'));
}

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const HTTP_REQUEST_VERSION = 4.5;

/** `node_modules` of the real n8n install: $FAPIAO_N8N_HOME (scripts/real-n8n.sh), else the cache. */
function n8nModulesDir() {
	const candidates = [];
	if (process.env.FAPIAO_N8N_HOME) candidates.push(path.join(process.env.FAPIAO_N8N_HOME, 'node_modules'));
	const cache = process.env.FAPIAO_CACHE || path.join(os.homedir(), '.cache', 'n8n-nodes-fapiao');
	const installs = path.join(cache, 'n8n');
	if (fs.existsSync(installs)) {
		for (const entry of fs.readdirSync(installs)) {
			if (fs.existsSync(path.join(installs, entry, '.complete'))) candidates.push(path.join(installs, entry, 'node_modules'));
		}
	}
	return candidates.find((dir) => fs.existsSync(path.join(dir, 'n8n-nodes-base', 'package.json'))) ?? null;
}

/**
 * Loads HttpRequestV3 from the n8n install, with its `n8n-workflow`/`n8n-core` imports pointed at the
 * repo's copies (same versions), so one set of classes runs the whole execution.
 */
function loadHttpRequestNode() {
	const modules = n8nModulesDir();
	if (!modules) return null;
	const shared = new Map(
		['n8n-workflow', 'n8n-core'].map((name) => [name, require.resolve(name, { paths: [REPO_ROOT] })]),
	);
	const moduleWithResolver = /** @type {any} */ (Module);
	const originalResolve = moduleWithResolver._resolveFilename;
	moduleWithResolver._resolveFilename = function (/** @type {string} */ request, /** @type {any[]} */ ...rest) {
		const redirect = shared.get(request);
		return redirect ?? originalResolve.call(this, request, ...rest);
	};
	const file = path.join(modules, 'n8n-nodes-base', 'dist', 'nodes', 'HttpRequest', 'V3', 'HttpRequestV3.node.js');
	const { HttpRequestV3 } = require(file);
	const version = require(path.join(modules, 'n8n-nodes-base', 'package.json')).version;
	const node = new HttpRequestV3({
		displayName: 'HTTP Request',
		name: 'httpRequest',
		group: ['output'],
		description: 'Makes an HTTP request and returns the response data',
		defaultVersion: HTTP_REQUEST_VERSION,
	});
	return { node, version, modules };
}

/**
 * Runs Input → HTTP Request over `items` (json only) and returns the run and the node's output.
 * @param {{ httpNode: any, items: Array<Record<string, unknown>>, parameters: Record<string, unknown> }} options
 */
async function runHttpRequest({ httpNode, items, parameters }) {
	const { NodeHelpers } = require('n8n-workflow');
	const { runWorkflow } = require('../harness/engine');
	const node = {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: HTTP_REQUEST_VERSION,
		position: [200, 0],
		parameters: {},
	};
	// What the editor saves: the user's values plus every displayed default.
	node.parameters =
		NodeHelpers.getNodeParameters(
			httpNode.description.properties,
			/** @type {any} */ (parameters),
			true,
			false,
			/** @type {any} */ (node),
			httpNode.description,
		) ?? parameters;
	const { run, outputs } = await runWorkflow({
		workflow: {
			nodes: [{ id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} }, node],
			connections: { Input: { main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]] } },
		},
		items: items.map((json) => ({ json })),
		extraNodeTypes: { 'n8n-nodes-base.httpRequest': httpNode },
	});
	return { run, output: outputs['HTTP Request']?.[0] ?? [] };
}

module.exports = { loadHttpRequestNode, runHttpRequest, n8nModulesDir, HTTP_REQUEST_VERSION };
