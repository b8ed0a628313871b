'use strict';
// @ts-check
/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute, with the package's real nodes and
 * credentials (their `authenticate` signs every request) and real HTTP. Nothing is mocked but
 * the parts of an n8n server a single execution does not need (database, UI, queue).
 *
 * The credential helper mirrors n8n's own (packages/cli credentials-helper.ts) for what our
 * package uses: function `authenticate`, decrypted credentials by type.
 * `testCredential` mirrors packages/cli credentials-tester.service.ts: the credential's declarative
 * `test` request runs through n8n-core's RoutingNode and its rules are applied the same way.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// n8n-core writes its instance settings (encryption key) into the user folder at load time.
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-n8n-'));
}

// n8n's logger prints every failed node at error level; tests assert those failures instead.
if (!process.env.N8N_LOG_LEVEL) process.env.N8N_LOG_LEVEL = 'silent';

const core = require('n8n-core');
const workflowLib = require('n8n-workflow');

const { WorkflowExecute, ExecutionLifecycleHooks, ExecuteContext, RoutingNode } = core;
const { Workflow, ICredentialsHelper, createEmptyRunExecutionData } = workflowLib;

const ROOT = path.resolve(__dirname, '..', '..');

/** Loads the package's node and credential classes the way n8n does, from package.json's `n8n` field. */
function loadPackage() {
	const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	/** @param {string} distPath */
	const load = (distPath) => {
		// Tests run the TypeScript sources (ts-jest); `dist/x.js` ↔ `x.ts`, as n8n's own harness does.
		const source = path.join(ROOT, distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts'));
		const exported = require(source);
		const Class = Object.values(exported).find((value) => typeof value === 'function');
		return new Class();
	};
	const nodes = (manifest.n8n.nodes || []).map(load);
	const credentials = (manifest.n8n.credentials || []).map(load);
	return { packageName: manifest.name, nodes, credentials };
}

/** A trigger-less source node: outputs the items given to `runWorkflow`, binaries stored by n8n's helpers. */
class HarnessInput {
	constructor() {
		this.description = {
			displayName: 'Harness Input',
			name: 'harnessInput',
			group: ['input'],
			version: 1,
			description: 'Emits test items',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: ['main'],
			properties: [],
		};
	}

	/** @this {any} */
	async execute() {
		const items = HarnessInput.pending || [];
		const out = [];
		for (let index = 0; index < items.length; index++) {
			const item = items[index];
			/** @type {Record<string, unknown>} */
			const binary = {};
			for (const [key, file] of Object.entries(item.binary || {})) {
				// `storedId`: a reference into a binary store, as n8n keeps files in filesystem/S3 mode.
				binary[key] = file.storedId
					? { id: file.storedId, data: 'filesystem-v2', fileName: file.fileName, mimeType: file.mimeType }
					: await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
			}
			out.push({
				json: item.json || {},
				...(Object.keys(binary).length ? { binary } : {}),
				pairedItem: { item: index },
			});
		}
		return [out];
	}
}
/** @type {any[] | undefined} */
HarnessInput.pending = undefined;

class NodeTypes {
	/** @param {string} packageName @param {any[]} nodes @param {Record<string, any>} [extra] type → node */
	constructor(packageName, nodes, extra = {}) {
		/** @type {Map<string, any>} */
		this.types = new Map();
		this.types.set('harness.input', new HarnessInput());
		for (const node of nodes) this.types.set(`${packageName}.${node.description.name}`, node);
		for (const [type, node] of Object.entries(extra)) this.types.set(type, node);
	}
	/** @param {string} type */
	getByName(type) {
		const node = this.types.get(type);
		if (!node) throw new Error(`Unknown node type ${type}`);
		return node;
	}
	/** @param {string} type */
	getByNameAndVersion(type) {
		return this.getByName(type);
	}
	getKnownTypes() {
		return {};
	}
}

class CredentialsHelper extends ICredentialsHelper {
	/** @param {any[]} credentialTypes @param {Record<string, Record<string, unknown>>} values */
	constructor(credentialTypes, values) {
		super();
		this.credentialTypes = new Map(credentialTypes.map((type) => [type.name, type]));
		this.values = values;
		/** Every outgoing request after `authenticate`, for assertions (tests must not log it). */
		/** @type {any[]} */
		this.sent = [];
	}
	getParentTypes() {
		return [];
	}
	isCredentialUsableByNode() {
		return true;
	}
	/** @param {any} credentials @param {string} typeName @param {any} requestOptions */
	async authenticate(credentials, typeName, requestOptions) {
		const type = this.credentialTypes.get(typeName);
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		if (typeof type.authenticate !== 'function') {
			throw new Error(`${typeName}: only function authenticate is supported by this harness`);
		}
		const signed = await type.authenticate(credentials, requestOptions);
		this.sent.push({ typeName, url: signed.url, headers: signed.headers });
		return signed;
	}
	async preAuthentication() {
		return undefined;
	}
	async runPreAuthentication() {
		return undefined;
	}
	async getCredentials() {
		throw new Error('not used');
	}
	/** @param {any} _additionalData @param {any} _nodeCredentials @param {string} type */
	async getDecrypted(_additionalData, _nodeCredentials, type) {
		const value = this.values[type];
		if (!value) throw new Error(`No credentials of type ${type} given to the harness`);
		return { ...this.defaultsOf(type), ...value };
	}
	/** @param {string} type */
	defaultsOf(type) {
		const credentialType = this.credentialTypes.get(type);
		/** @type {Record<string, unknown>} */
		const defaults = {};
		for (const property of credentialType?.properties || []) defaults[property.name] = property.default;
		return defaults;
	}
	async updateCredentials() {}
	async updateCredentialsOauthTokenData() {}
	/** @param {string} type */
	getCredentialsProperties(type) {
		return this.credentialTypes.get(type)?.properties || [];
	}
}

/**
 * What an execution needs from the n8n server around it; URLs are placeholders, nothing serves them.
 * @param {CredentialsHelper} credentialsHelper @param {any} hooks
 */
function executionAdditionalData(credentialsHelper, hooks) {
	return /** @type {any} */ ({
		credentialsHelper,
		hooks,
		executeWorkflow: async () => {
			throw new Error('sub-workflows are not supported by the harness');
		},
		restApiUrl: 'http://localhost/rest',
		instanceBaseUrl: 'http://localhost',
		webhookBaseUrl: 'http://localhost/webhook',
		webhookWaitingBaseUrl: 'http://localhost/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost/webhook-test',
		formWaitingBaseUrl: 'http://localhost/form-waiting',
		currentNodeParameters: undefined,
		executionTimeoutTimestamp: undefined,
		userId: 'harness-user',
		variables: {},
		encryptedRunnerIdentity: undefined,
		logAiEvent: () => {},
	});
}

/**
 * @typedef {{ json?: Record<string, unknown>, binary?: Record<string, { data: Buffer, fileName?: string, mimeType?: string }> }} InputItem
 * @typedef {{ name?: string, type: string, parameters?: Record<string, unknown>, credentials?: Record<string, {id: string, name: string}>, onError?: string, continueOnFail?: boolean, typeVersion?: number }} NodeSpec
 */

/**
 * Executes `Input → node` (or a whole workflow) and returns the run and each node's outputs.
 * `extraNodeTypes` (type → node instance) adds nodes from outside the package, e.g. n8n's own.
 * @param {{ node?: NodeSpec, workflow?: { nodes: any[], connections: any }, items?: InputItem[], credentials?: Record<string, Record<string, unknown>>, extraNodeTypes?: Record<string, any> }} options
 */
async function runWorkflow(options) {
	const pkg = loadPackage();
	const nodeTypes = new NodeTypes(pkg.packageName, pkg.nodes, options.extraNodeTypes);
	let nodes;
	let connections;
	if (options.workflow) {
		nodes = options.workflow.nodes;
		connections = options.workflow.connections;
	} else if (options.node) {
		const spec = options.node;
		const name = spec.name || 'Node';
		nodes = [
			{ id: 'input', name: 'Input', type: 'harness.input', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'node',
				name,
				type: spec.type.includes('.') ? spec.type : `${pkg.packageName}.${spec.type}`,
				typeVersion: spec.typeVersion || 1,
				position: [200, 0],
				parameters: spec.parameters || {},
				credentials: spec.credentials,
				...(spec.onError ? { onError: spec.onError } : {}),
				...(spec.continueOnFail ? { continueOnFail: true } : {}),
			},
		];
		connections = { Input: { main: [[{ node: name, type: 'main', index: 0 }]] } };
	} else {
		throw new Error('runWorkflow needs `node` or `workflow`');
	}
	const workflowData = { id: 'harness', name: 'Harness', nodes, connections, active: false, settings: {} };
	const workflow = new Workflow({ ...workflowData, nodeTypes, staticData: {} });
	const credentialsHelper = new CredentialsHelper(pkg.credentials, options.credentials || {});
	const hooks = new ExecutionLifecycleHooks('manual', 'harness-execution', workflowData);
	const additionalData = executionAdditionalData(credentialsHelper, hooks);

	HarnessInput.pending = options.items || [{ json: {} }];
	try {
		const executor = new WorkflowExecute(additionalData, 'manual');
		const startNode = workflow.getNode('Input') || undefined;
		const run = await executor.run({ workflow, startNode: startNode || undefined });
		return { run, outputs: collectOutputs(run), sent: credentialsHelper.sent };
	} finally {
		HarnessInput.pending = undefined;
	}
}

/** node name → array of outputs (index 0 = main/success, 1 = error output), each an array of items. */
/** @param {any} run */
function collectOutputs(run) {
	/** @type {Record<string, any[][]>} */
	const outputs = {};
	const runData = run.data.resultData.runData || {};
	for (const [name, tasks] of Object.entries(runData)) {
		const last = /** @type {any[]} */ (tasks)[/** @type {any[]} */ (tasks).length - 1];
		outputs[name] = (last?.data?.main || []).map((/** @type {any} */ items) => items || []);
	}
	return outputs;
}

/**
 * Runs a credential type's declarative Test exactly as n8n's CredentialsTester does: its `request`
 * through n8n-core's RoutingNode (so through the credential's `authenticate`), then its rules.
 * @param {string} typeName @param {Record<string, unknown>} values
 * @returns {Promise<{ status: 'OK' | 'Error', message: string }>}
 */
async function testCredential(typeName, values) {
	const pkg = loadPackage();
	const credentialType = pkg.credentials.find((type) => type.name === typeName);
	if (!credentialType?.test) throw new Error(`${typeName} has no test`);
	const credentialsHelper = new CredentialsHelper(pkg.credentials, { [typeName]: values });
	const data = { ...credentialsHelper.defaultsOf(typeName), ...values };
	const testNodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: typeName, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: credentialType.test.request },
					default: '',
				},
			],
		},
	};
	const node = {
		id: 'temp',
		name: 'Temp-Node',
		type: 'harness.credentialTest',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: 'temp', name: 'temp' } },
	};
	const nodeTypes = {
		getByName: () => testNodeType,
		getByNameAndVersion: () => testNodeType,
		getKnownTypes: () => ({}),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const additionalData = executionAdditionalData(
		credentialsHelper,
		new ExecutionLifecycleHooks('internal', 'credential-test', { id: 'x', name: 'x', nodes: [node], connections: {}, active: false, settings: {} }),
	);
	const runExecutionData = createEmptyRunExecutionData();
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', runExecutionData, 0, [], { main: [[{ json: {} }]] }, executeData, []);
	const routingNode = new RoutingNode(context, testNodeType, { id: 'temp', name: 'temp', type: typeName, data });
	let response;
	try {
		await workflow.expression.acquireIsolate?.();
		response = await routingNode.runNode();
	} catch (/** @type {any} */ error) {
		if (error.cause?.response) {
			const statusCode = error.cause.response.status;
			for (const rule of credentialType.test.rules || []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: error.cause.response.statusText || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: String(error.message) };
	} finally {
		await workflow.expression.releaseIsolate?.();
	}
	for (const rule of credentialType.test.rules || []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			if (getPath(body, rule.properties.key) === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** lodash.get for dotted paths (what n8n uses for credential rules). */
/** @param {any} object @param {string} dotted */
function getPath(object, dotted) {
	return dotted.split('.').reduce((value, key) => (value == null ? undefined : value[key]), object);
}

module.exports = { runWorkflow, testCredential, loadPackage };
