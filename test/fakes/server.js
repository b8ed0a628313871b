'use strict';
// @ts-check

/**
 * The shared core of every fake vendor: HTTP plumbing, body parsing, the request log, the knobs
 * (latency, QPS cap, forced vendor errors, transport faults, canned responses) and the
 * `/__fake/*` control endpoints. A vendor module only describes its protocol (a VendorDefinition,
 * see index.d.ts); this file decides in which order things happen:
 *
 *   log → latency → fault → unknown route → QPS cap → echo → auth → failWith → the vendor's handler
 *
 * failWith comes after auth on purpose: a real vendor only reports quota or outage to a caller it
 * has identified, and a wrong secret must keep producing the auth answer credential tests rely on.
 * `echo` comes before auth: a vendor that quotes the request back does so whether the key is right
 * or not (Juhe's `错误的请求KEY(<key>)`).
 */

const http = require('node:http');
const { FAKE_CREDENTIALS } = require('./credentials');
const { findSampleMarker } = require('./files');
const {
	fixtureVendorError,
	hasResponseFixture,
	loadFixture,
	sampleFixtureName,
} = require('./fixtures');

const FAULT_TYPES = /** @type {const} */ ([
	'hang',
	'reset',
	'http500',
	'html',
	'malformed',
	'truncated',
	'gateway429',
	'redirect',
]);
const GATEWAY_429_BODIES = ['json', 'html', 'empty'];
const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
const ECHO_KINDS = ['error', 'success'];
const CONFIG_KEYS = ['latencyMs', 'qpsCap', 'failWith', 'fault', 'response', 'echo'];
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_LOG_ENTRIES = 1000;
const QPS_WINDOW_MS = 1000;

const NGINX_500_PAGE =
	'<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n' +
	'<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
const NGINX_404_PAGE =
	'<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n' +
	'<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
// What a captive portal or a vendor's maintenance page sends: HTML with HTTP 200.
const MAINTENANCE_PAGE =
	'<!DOCTYPE html><html><head><meta charset="utf-8"><title>系统维护中</title></head>' +
	'<body><h1>系统维护中，请稍后再试</h1></body></html>';
// What an API gateway in front of the vendor sends when its own rate limit trips (Kong's words).
const GATEWAY_429_JSON = { message: 'API rate limit exceeded' };
const NGINX_429_PAGE =
	'<html>\r\n<head><title>429 Too Many Requests</title></head>\r\n<body>\r\n' +
	'<center><h1>429 Too Many Requests</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n';
/** @type {Record<number, string>} */
const REDIRECT_REASONS = {
	301: 'Moved Permanently',
	302: 'Found',
	303: 'See Other',
	307: 'Temporary Redirect',
	308: 'Permanent Redirect',
};

/** @typedef {import('./index').FakeConfig} FakeConfig */
/** @typedef {import('./index').FakeOptions} FakeOptions */
/** @typedef {import('./index').FakeReply} FakeReply */
/** @typedef {import('./index').FakeRequest} FakeRequest */
/** @typedef {import('./index').RequestLogEntry} RequestLogEntry */
/** @typedef {import('./index').VendorDefinition} VendorDefinition */
/** @typedef {import('./index').VendorContext} VendorContext */

/** @returns {FakeConfig} */
function defaultConfig() {
	return { latencyMs: 0, qpsCap: null, failWith: null, fault: null, response: null, echo: null };
}

/**
 * Validates a partial configuration and merges it into `current`. Throws on unknown keys and on
 * values a vendor cannot honor (an undocumented error code, a missing fixture), so a typo in a
 * test fails loudly instead of silently testing nothing.
 *
 * @param {FakeConfig} current
 * @param {Record<string, unknown>} patch
 * @param {VendorDefinition} definition
 * @returns {FakeConfig}
 */
function mergeConfig(current, patch, definition) {
	if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) {
		throw new Error('Fake configuration must be an object');
	}
	const unknown = Object.keys(patch).filter((key) => !CONFIG_KEYS.includes(key));
	if (unknown.length > 0) {
		throw new Error(
			`Unknown fake option(s) ${unknown.join(', ')}; known: ${CONFIG_KEYS.join(', ')}`,
		);
	}
	const next = { ...current };
	if ('latencyMs' in patch) {
		const value = patch.latencyMs ?? 0;
		if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new Error('latencyMs must be a number >= 0');
		}
		next.latencyMs = value;
	}
	if ('qpsCap' in patch) {
		const value = patch.qpsCap ?? null;
		if (value !== null && (typeof value !== 'number' || !Number.isFinite(value) || value < 0)) {
			throw new Error('qpsCap must be a number > 0, or 0/null for no cap');
		}
		next.qpsCap = value === 0 ? null : value;
	}
	if ('failWith' in patch) next.failWith = parseFailWith(patch.failWith, definition);
	if ('fault' in patch) next.fault = parseFault(patch.fault);
	if ('response' in patch) next.response = parseResponse(patch.response, definition.name);
	if ('echo' in patch) next.echo = parseEcho(patch.echo);
	return next;
}

/**
 * @param {unknown} value
 * @param {VendorDefinition} definition
 * @returns {FakeConfig['failWith']}
 */
function parseFailWith(value, definition) {
	if (value === null || value === undefined) return null;
	if (typeof value !== 'object' || !('vendorCode' in value)) {
		throw new Error('failWith must be { vendorCode, times?, message? }');
	}
	const { vendorCode, times, message } = /** @type {Record<string, unknown>} */ (value);
	const code = String(vendorCode);
	if (!definition.errorCodes.includes(code)) {
		throw new Error(
			`failWith: ${definition.name} documents no error code "${code}"; ` +
				`use one of ${definition.errorCodes.join(', ')}`,
		);
	}
	if (message !== undefined && typeof message !== 'string')
		throw new Error('failWith.message must be a string');
	return { vendorCode: code, times: parseTimes(times, 'failWith.times'), message: message ?? null };
}

/**
 * @param {unknown} value
 * @returns {FakeConfig['fault']}
 */
function parseFault(value) {
	if (value === null || value === undefined) return null;
	const spec =
		typeof value === 'string' ? { type: value } : /** @type {Record<string, unknown>} */ (value);
	const type = /** @type {import('./index').FaultType} */ (spec.type);
	if (!FAULT_TYPES.includes(type)) {
		throw new Error(`fault must be one of ${FAULT_TYPES.join(', ')} (or { type, times })`);
	}
	/** @type {NonNullable<FakeConfig['fault']>} */
	const fault = { type, times: parseTimes(spec.times, 'fault.times') };
	if (type === 'gateway429') {
		const body = spec.body ?? 'json';
		if (typeof body !== 'string' || !GATEWAY_429_BODIES.includes(body)) {
			throw new Error(`fault.body must be one of ${GATEWAY_429_BODIES.join(', ')}`);
		}
		if (spec.retryAfter !== undefined && typeof spec.retryAfter !== 'string') {
			throw new Error('fault.retryAfter must be a string (seconds or an HTTP date)');
		}
		fault.body = /** @type {'json' | 'html' | 'empty'} */ (body);
		if (spec.retryAfter !== undefined) fault.retryAfter = spec.retryAfter;
	}
	if (type === 'redirect') {
		const status = spec.status ?? 307;
		if (typeof status !== 'number' || !REDIRECT_STATUSES.includes(status)) {
			throw new Error(`fault.status must be one of ${REDIRECT_STATUSES.join(', ')}`);
		}
		if (typeof spec.to !== 'string' || !/^https?:\/\/[^/]+$/.test(spec.to)) {
			throw new Error('a redirect fault needs `to`: an origin such as http://127.0.0.1:8080');
		}
		fault.status = status;
		fault.to = spec.to;
	}
	return fault;
}

/**
 * @param {unknown} value
 * @returns {FakeConfig['echo']}
 */
function parseEcho(value) {
	if (value === null || value === undefined) return null;
	const spec = typeof value === 'string' ? { as: value } : /** @type {Record<string, unknown>} */ (value);
	if (typeof spec.as !== 'string' || !ECHO_KINDS.includes(spec.as)) {
		throw new Error(`echo must be one of ${ECHO_KINDS.join(', ')} (or { as, times })`);
	}
	return {
		as: /** @type {'error' | 'success'} */ (spec.as),
		times: parseTimes(spec.times, 'echo.times'),
	};
}

/**
 * @param {unknown} value
 * @param {string} label
 * @returns {number | null} null = every request until reconfigured
 */
function parseTimes(value, label) {
	if (value === undefined || value === null) return null;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new Error(`${label} must be an integer >= 1`);
	}
	return value;
}

/**
 * @param {unknown} value
 * @param {string} vendor
 * @returns {FakeConfig['response']}
 */
function parseResponse(value, vendor) {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') {
		if (!hasResponseFixture(vendor, value)) {
			throw new Error(`response: no fixture test/fixtures/vendors/${vendor}/${value}.json`);
		}
		return value;
	}
	if (typeof value === 'object')
		return /** @type {Record<string, unknown>} */ (structuredClone(value));
	throw new Error('response must be a fixture name or a JSON object');
}

/**
 * @param {import('node:http').IncomingMessage} req
 * @returns {Promise<Buffer | null>} null when the body is over the limit
 */
function readBody(req) {
	return new Promise((resolve, reject) => {
		/** @type {Buffer[]} */
		const chunks = [];
		let total = 0;
		req.on('data', (/** @type {Buffer} */ chunk) => {
			total += chunk.length;
			if (total <= MAX_BODY_BYTES) chunks.push(chunk);
		});
		req.on('end', () => resolve(total > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/**
 * Parses the body by its declared Content-Type only, as the vendors' servers do: a JSON body sent
 * as a form (or the reverse) is not understood.
 *
 * @param {import('node:http').IncomingMessage} req
 * @param {Buffer} rawBody
 * @returns {Omit<FakeRequest, 'logEntry'>}
 */
function parseRequest(req, rawBody) {
	const rawUrl = req.url ?? '/';
	const url = new URL(rawUrl, 'http://fake.invalid');
	const contentType = String(req.headers['content-type'] ?? '').toLowerCase();
	/** @type {FakeRequest['bodyType']} */
	let bodyType = rawBody.length === 0 ? 'none' : 'other';
	/** @type {Record<string, unknown> | null} */
	let body = null;
	if (contentType.includes('application/x-www-form-urlencoded')) {
		bodyType = 'form';
		body = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
	} else if (contentType.includes('json')) {
		bodyType = 'json';
		try {
			const parsed = JSON.parse(rawBody.toString('utf8'));
			if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed;
		} catch {
			body = null;
		}
	}
	return {
		method: req.method ?? 'GET',
		rawUrl,
		path: url.pathname,
		rawQuery: url.search.replace(/^\?/, ''),
		query: Object.fromEntries(url.searchParams),
		headers: req.headers,
		rawBody,
		bodyType,
		body,
	};
}

/**
 * The form fields of a form request, else {}: a vendor that documents a form reads no other body.
 *
 * @param {FakeRequest} req
 * @returns {Record<string, unknown>}
 */
function formFields(req) {
	return req.bodyType === 'form' && req.body ? req.body : {};
}

/**
 * The JSON object of a JSON request, else null.
 *
 * @param {FakeRequest} req
 * @returns {Record<string, unknown> | null}
 */
function jsonFields(req) {
	return req.bodyType === 'json' ? req.body : null;
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {FakeReply} reply
 */
function writeReply(res, reply) {
	const isText = typeof reply.body === 'string';
	const payload = isText ? String(reply.body) : JSON.stringify(reply.body);
	res.writeHead(reply.status, {
		'Content-Type': isText ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(payload),
		...reply.headers,
	});
	res.end(payload);
}

/** @param {import('node:net').Socket} socket */
function resetSocket(socket) {
	// An RST, as a crashed peer or a middlebox sends; plain destroy() would be a clean FIN.
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}

/**
 * Starts one fake vendor server.
 *
 * @param {VendorDefinition} definition
 * @param {FakeOptions} [options]
 * @returns {Promise<import('./index').FakeHandle>}
 */
async function startFakeServer(definition, options = {}) {
	const vendor = definition.name;
	const now = options.now ?? Date.now;
	/** @type {Record<string, unknown>} */
	const startupPatch = {};
	for (const key of CONFIG_KEYS) {
		if (/** @type {Record<string, unknown>} */ (options)[key] !== undefined) {
			startupPatch[key] = /** @type {Record<string, unknown>} */ (options)[key];
		}
	}
	const startupConfig = mergeConfig(defaultConfig(), startupPatch, definition);
	let config = structuredClone(startupConfig);
	/** @type {RequestLogEntry[]} */
	const requests = [];
	/** @type {number[]} */
	let acceptedAt = [];
	/** @type {Set<import('node:net').Socket>} */
	const hungSockets = new Set();

	/** @type {VendorContext} */
	const ctx = {
		vendor,
		credentials: {
			.../** @type {Record<string, string>} */ (FAKE_CREDENTIALS[vendor] ?? {}),
			...(options.credentials ?? {}),
		},
		now,
		get config() {
			return config;
		},
		state: {},
		successBody(request, fileBytes) {
			const chosen = config.response;
			if (chosen !== null) {
				request.logEntry.fixture = typeof chosen === 'string' ? chosen : '(configured object)';
				return typeof chosen === 'string' ? loadFixture(vendor, chosen) : structuredClone(chosen);
			}
			const marker = fileBytes ? findSampleMarker(fileBytes) : null;
			const variant = definition.sampleVariant ? definition.sampleVariant(request) : null;
			const name = (marker && sampleFixtureName(vendor, marker, variant)) ?? 'doc-example';
			request.logEntry.fixture = name;
			const fixture = loadFixture(vendor, name);
			// An error fixture: the handler's reply is replaced by the vendor's error (see handleHttp).
			const errorCode = fixtureVendorError(fixture);
			if (errorCode !== null) request.sampleError = errorCode;
			return errorCode === null ? fixture : {};
		},
	};
	ctx.state = definition.createState ? definition.createState(ctx) : {};

	/** Counts the request against the QPS cap; true when it is over the cap. */
	function overQpsCap() {
		if (config.qpsCap === null) return false;
		const t = now();
		acceptedAt = acceptedAt.filter((at) => t - at < QPS_WINDOW_MS);
		if (acceptedAt.length >= config.qpsCap) return true;
		acceptedAt.push(t);
		return false;
	}

	/** Takes one use of a `times`-limited knob, clearing it after its last use. */
	function consume(/** @type {'failWith' | 'fault' | 'echo'} */ key) {
		const knob = config[key];
		if (knob && knob.times !== null) {
			const remaining = knob.times - 1;
			config = { ...config, [key]: remaining > 0 ? { ...knob, times: remaining } : null };
		}
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 * @param {RequestLogEntry} entry
	 * @param {NonNullable<FakeConfig['fault']>} fault
	 */
	function performFault(req, res, entry, fault) {
		const type = fault.type;
		entry.fault = type;
		const socket = req.socket;
		switch (type) {
			case 'hang':
				// Never answer; the socket is closed by the client, reset() or close().
				hungSockets.add(socket);
				socket.once('close', () => hungSockets.delete(socket));
				return;
			case 'reset':
				resetSocket(socket);
				return;
			case 'http500':
				entry.status = 500;
				writeReply(res, { status: 500, body: NGINX_500_PAGE });
				return;
			case 'html':
				entry.status = 200;
				writeReply(res, { status: 200, body: MAINTENANCE_PAGE });
				return;
			case 'malformed': {
				// The success body with a trailing comma: complete, well-framed, not JSON.
				const text = JSON.stringify(loadFixture(vendor, 'doc-example'));
				const payload = `${text.slice(0, -1)},}`;
				entry.status = 200;
				res.writeHead(200, {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': Buffer.byteLength(payload),
				});
				res.end(payload);
				return;
			}
			case 'truncated': {
				// Announce the full success body, send half of it, then drop the connection.
				const payload = Buffer.from(JSON.stringify(loadFixture(vendor, 'doc-example')));
				entry.status = 200;
				res.writeHead(200, {
					'Content-Type': 'application/json; charset=utf-8',
					'Content-Length': payload.length,
				});
				res.write(payload.subarray(0, Math.floor(payload.length / 2)), () => socket.destroy());
				return;
			}
			case 'gateway429': {
				// A gateway's own limit: none of the vendor's envelope, maybe a Retry-After.
				entry.status = 429;
				/** @type {Record<string, string>} */
				const headers = {};
				if (fault.retryAfter !== undefined) headers['Retry-After'] = fault.retryAfter;
				const body =
					fault.body === 'html' ? NGINX_429_PAGE : fault.body === 'empty' ? '' : GATEWAY_429_JSON;
				writeReply(res, { status: 429, body, headers });
				return;
			}
			case 'redirect': {
				// The same path and query on another origin, as an http → https move or a host change.
				const status = /** @type {number} */ (fault.status);
				const reason = REDIRECT_REASONS[status];
				entry.status = status;
				writeReply(res, {
					status,
					body: `<html><head><title>${status} ${reason}</title></head><body><h1>${reason}</h1></body></html>`,
					headers: { Location: `${fault.to}${req.url ?? '/'}` },
				});
				return;
			}
		}
	}

	/**
	 * @param {import('node:http').ServerResponse} res
	 * @param {RequestLogEntry} entry
	 * @param {FakeReply} reply
	 * @param {RequestLogEntry['answeredBy']} answeredBy
	 */
	function answer(res, entry, reply, answeredBy) {
		entry.status = reply.status;
		entry.answeredBy = answeredBy;
		entry.vendorCode = definition.codeOf ? definition.codeOf(reply.body) : null;
		writeReply(res, reply);
	}

	/**
	 * @param {Omit<FakeRequest, 'logEntry'>} request
	 * @param {import('node:http').ServerResponse} res
	 */
	function handleControl(request, res) {
		const key = `${request.method} ${request.path}`;
		const json = (/** @type {number} */ status, /** @type {unknown} */ body) =>
			writeReply(res, { status, body });
		switch (key) {
			case 'GET /__fake/health':
				return json(200, { ok: true, vendor, url: handle.url });
			case 'GET /__fake/config':
				return json(200, config);
			case 'POST /__fake/config':
				try {
					return json(200, { ok: true, config: handle.configure(request.body ?? {}) });
				} catch (error) {
					return json(400, { ok: false, error: /** @type {Error} */ (error).message });
				}
			case 'GET /__fake/requests':
				return json(200, requests);
			case 'POST /__fake/reset':
				handle.reset();
				return json(200, { ok: true });
			default: {
				const extra = definition.controlRoutes?.[key];
				if (extra) return json(200, extra(ctx));
				return json(404, { ok: false, error: `No control endpoint ${key}` });
			}
		}
	}

	/**
	 * @param {import('node:http').IncomingMessage} req
	 * @param {import('node:http').ServerResponse} res
	 */
	async function handleHttp(req, res) {
		const rawBody = await readBody(req);
		if (rawBody === null) {
			writeReply(res, { status: 413, body: 'Request Entity Too Large' });
			return;
		}
		const parsed = parseRequest(req, rawBody);
		if (parsed.path.startsWith('/__fake/')) {
			handleControl(parsed, res);
			return;
		}
		// The log entry is attached below, before anyone reads it.
		const request = /** @type {FakeRequest} */ (parsed);

		const route = definition.route(request, ctx);
		const auth = route ? route.authenticate(request, ctx) : null;
		/** @type {RequestLogEntry} */
		const entry = {
			method: request.method,
			path: request.path,
			query: request.query,
			headers: request.headers,
			body: request.body,
			authOk: auth ? auth.ok : null,
			at: now(),
			route: route ? route.name : null,
			status: null,
			answeredBy: null,
			vendorCode: null,
			fault: null,
			fixture: null,
		};
		if (auth && auth.detail) entry.authDetail = auth.detail;
		request.logEntry = entry;
		requests.push(entry);
		if (requests.length > MAX_LOG_ENTRIES) requests.shift();

		if (config.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, config.latencyMs));

		if (config.fault) {
			const fault = config.fault;
			consume('fault');
			performFault(req, res, entry, fault);
			return;
		}
		if (!route || !auth) {
			answer(res, entry, definition.unknownRouteReply(request, ctx), 'unknownRoute');
			return;
		}
		if (overQpsCap()) {
			answer(res, entry, definition.rateLimitReply(request, route, ctx), 'rateLimit');
			return;
		}
		if (config.echo) {
			const { as } = config.echo;
			consume('echo');
			answer(res, entry, definition.echoReply(request, ctx, as), 'echo');
			return;
		}
		if (auth.reply) {
			answer(res, entry, auth.reply, 'auth');
			return;
		}
		if (config.failWith) {
			const { vendorCode, message } = config.failWith;
			const forced = definition.errorReply(vendorCode, request, route, ctx, message);
			if (forced) {
				consume('failWith');
				answer(res, entry, forced, 'failWith');
				return;
			}
		}
		let reply = await route.handle(request, ctx);
		if (request.sampleError) {
			const code = request.sampleError;
			const forced = definition.errorCodes.includes(code)
				? definition.errorReply(code, request, route, ctx, null)
				: null;
			if (!forced) throw new Error(`fixture ${entry.fixture}: ${vendor} documents no error "${code}" here`);
			reply = forced;
		}
		answer(res, entry, reply, 'handler');
	}

	const server = http.createServer((req, res) => {
		handleHttp(req, res).catch((/** @type {Error} */ error) => {
			// A bug in a fake: make it loud in the test that hit it.
			if (res.headersSent) {
				res.destroy();
			} else {
				res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
				res.end(`Fake ${vendor} crashed: ${error.stack}`);
			}
		});
	});

	await new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
	});
	const address = /** @type {import('node:net').AddressInfo} */ (server.address());
	let closed = false;

	/** @type {import('./index').FakeHandle} */
	const handle = {
		vendor,
		url: `http://127.0.0.1:${address.port}`,
		port: address.port,
		requests,
		get config() {
			return structuredClone(config);
		},
		configure(patch) {
			config = mergeConfig(config, /** @type {Record<string, unknown>} */ (patch), definition);
			return structuredClone(config);
		},
		reset() {
			requests.length = 0;
			acceptedAt = [];
			config = structuredClone(startupConfig);
			for (const socket of hungSockets) socket.destroy();
			hungSockets.clear();
			ctx.state = definition.createState ? definition.createState(ctx) : {};
		},
		close() {
			if (closed) return Promise.resolve();
			closed = true;
			for (const socket of hungSockets) socket.destroy();
			hungSockets.clear();
			return new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
		},
	};
	if (definition.extendHandle) definition.extendHandle(handle, ctx);
	return handle;
}

/**
 * Starts a loopback server that answers every request with `{}` and records what it got: the
 * target of a redirect fault, to show whether a client followed it and what it sent there.
 *
 * @returns {Promise<import('./index').RecorderHandle>}
 */
async function startRecorder() {
	/** @type {import('./index').RecordedRequest[]} */
	const requests = [];
	const server = http.createServer((req, res) => {
		readBody(req).then(
			(rawBody) => {
				requests.push({
					method: req.method ?? 'GET',
					url: req.url ?? '/',
					headers: req.headers,
					body: (rawBody ?? Buffer.alloc(0)).toString('utf8'),
				});
				writeReply(res, { status: 200, body: {} });
			},
			() => res.destroy(),
		);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		requests,
		reset: () => {
			requests.length = 0;
		},
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = {
	FAULT_TYPES,
	NGINX_404_PAGE,
	startRecorder,
	startFakeServer,
	formFields,
	jsonFields,
	mergeConfig,
	defaultConfig,
};
