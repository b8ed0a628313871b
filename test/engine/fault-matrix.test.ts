/**
 * Fault matrix: every vendor × every way a batch can go wrong (hung, reset, 500, HTML, truncated or
 * malformed answers, rate limit, a gateway's 429, a redirect, an answer echoing the secret, wrong
 * secret, oversize file), run through n8n's WorkflowExecute
 * against the fake vendors. For each cell: every input item comes out exactly once, the execution
 * itself does not fail, failed items have exactly the contract's error shape and code, and no
 * secret (credential values, the Volcengine signature, the Jumdata sign) appears in any output or
 * in anything n8n or the node logged.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { LoggerProxy } from 'n8n-workflow';

import { forgetLearnedRates } from '../../nodes/shared/execution/rateControl';
import { FAKE_CREDENTIALS, startRecorder } from '../fakes';
import type { AllFakes, FakeKnobs, FaultType, RecorderHandle, VendorName } from '../fakes';
import type { InputItem, NodeSpec } from '../harness/engine';
import { busiestSecond } from '../support/busiestSecond';
import type { OcrRun } from './support';
import { fileItem, ocrRequests, runOcr, samples, withFakes } from './support';

const VENDORS: VendorName[] = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'];
const BATCH = 6;
const MB = 1024 * 1024;

const ERROR_KEYS = ['code', 'message', 'vendor', 'vendorCode', 'vendorMessage', 'retryable', 'requestId'];
const CONTRACT_CODES = [
	'AUTH_FAILED',
	'QUOTA_EXCEEDED',
	'RATE_LIMITED',
	'INVALID_INPUT',
	'UNSUPPORTED_FILE',
	'FILE_TOO_LARGE',
	'IMAGE_UNREADABLE',
	'NO_INVOICE_FOUND',
	'VENDOR_UNAVAILABLE',
	'TIMEOUT',
	'NETWORK_ERROR',
	'UNKNOWN',
];

/**
 * All parallel and unthrottled, so a cell costs one round trip (the rate-limit cells set their
 * own). No rate-limit wait budget: each cell checks what one answer becomes.
 */
const FAST = { concurrency: BATCH, requestsPerSecond: 100, rateLimitWaitBudget: 0 };

/** Xinhuo's doc example holds two invoices; this fixture holds one, so one success = one input item. */
const SINGLE_INVOICE_RESPONSE: Partial<Record<VendorName, string>> = { xinhuo: 'fake-roll-invoice' };

/** The right secret reversed: a wrong secret of the right shape (WeBank documents no secret). */
const reversed = (text: string) => [...text].reverse().join('');
const WRONG_SECRET: Partial<Record<VendorName, Record<string, string>>> = {
	juhe: { apiKey: reversed(FAKE_CREDENTIALS.juhe.apiKey) },
	volcengine: { secretAccessKey: reversed(FAKE_CREDENTIALS.volcengine.secretAccessKey) },
	jumdata: { appSecret: reversed(FAKE_CREDENTIALS.jumdata.appSecret) },
	xinhuo: { token: reversed(FAKE_CREDENTIALS.xinhuo.token) },
};

/** Bigger than the vendor's limit. Xinhuo documents none; its fake refuses over 10 MB (40302). */
const OVERSIZE_BYTES: Partial<Record<VendorName, number>> = {
	juhe: 2.4 * MB, // 3 MB of base64
	volcengine: 5.2 * MB,
	jumdata: 4.2 * MB,
	xinhuo: 10.5 * MB,
};

// Drawing a sample PNG costs ~30 ms; one file shared by every item keeps the matrix fast.
const PNG = samples.png();
const pngItem = (): InputItem => fileItem(PNG, 'invoice.png', 'image/png');

let fakes: AllFakes;
/** Where the redirect cells point: it must never receive anything. */
let recorder: RecorderHandle;
const logged: string[] = [];

/** JSON that survives cycles and keeps what Error objects hold (message, stack, own fields). */
function serialize(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, current: unknown) => {
		if (current instanceof Error) {
			return { ...current, name: current.name, message: current.message, stack: current.stack };
		}
		if (current !== null && typeof current === 'object') {
			if (seen.has(current)) return '[cycle]';
			seen.add(current);
		}
		return current;
	});
}

function capture(level: string) {
	return (...args: unknown[]) => {
		logged.push(`${level} ${args.map((arg) => (typeof arg === 'string' ? arg : serialize(arg))).join(' ')}`);
	};
}

beforeAll(async () => {
	fakes = await withFakes();
	recorder = await startRecorder();
	// n8n's root logger takes over LoggerProxy when the first execution creates it; run one first,
	// then route LoggerProxy (every engine log, debug included) here.
	await runOcr(fakes, 'juhe', { items: [pngItem()] });
	LoggerProxy.init({
		error: capture('error'),
		warn: capture('warn'),
		info: capture('info'),
		debug: capture('debug'),
	} as unknown as Parameters<typeof LoggerProxy.init>[0]);
	// The console and winston's console transport (which writes to the console's own stream).
	for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
		jest.spyOn(console, method).mockImplementation(capture(`console.${method}`));
	}
	const streams = console as unknown as Record<string, { write: (chunk: unknown) => boolean } | undefined>;
	for (const name of ['_stdout', '_stderr']) {
		const stream = streams[name];
		if (stream) {
			jest.spyOn(stream, 'write').mockImplementation((chunk: unknown) => {
				logged.push(`${name} ${String(chunk)}`);
				return true;
			});
		}
	}
});
afterAll(async () => {
	jest.restoreAllMocks();
	const silent = () => {};
	LoggerProxy.init({ error: silent, warn: silent, info: silent, debug: silent } as unknown as Parameters<
		typeof LoggerProxy.init
	>[0]);
	await fakes.closeAll();
	await recorder.close();
});
beforeEach(() => {
	// Each cell models a fresh vendor account: nothing learned in an earlier cell slows this one.
	forgetLearnedRates();
	for (const vendor of VENDORS) fakes[vendor].reset();
	recorder.reset();
	logged.length = 0;
});

function batch(make: (index: number) => InputItem = () => pngItem()): InputItem[] {
	return Array.from({ length: BATCH }, (_, index) => make(index));
}

function configureFake(vendor: VendorName, knobs: FakeKnobs) {
	fakes[vendor].configure({ response: SINGLE_INVOICE_RESPONSE[vendor] ?? null, ...knobs });
}


/** Every secret the run could leak: credential values, wrong secrets tried, and per-request signatures. */
function secretsSeen(): string[] {
	const secrets = new Set<string>();
	for (const vendor of VENDORS) {
		for (const [field, value] of Object.entries(FAKE_CREDENTIALS[vendor] as Record<string, string>)) {
			// The region is configuration, not a secret.
			if (field !== 'region') secrets.add(value);
		}
		for (const value of Object.values(WRONG_SECRET[vendor] ?? {})) secrets.add(value);
	}
	for (const request of fakes.volcengine.requests) {
		const signature = /Signature=([0-9a-f]+)/i.exec(String(request.headers.authorization ?? ''))?.[1];
		if (signature) secrets.add(signature);
	}
	for (const request of fakes.jumdata.requests) {
		const sign = request.body?.sign;
		if (typeof sign === 'string' && sign !== '') secrets.add(sign);
	}
	return [...secrets];
}

function expectNoSecretLeaked(result: OcrRun) {
	const haystacks = { outputs: serialize(result.run.data), logs: logged.join('\n') };
	const leaks: string[] = [];
	for (const secret of secretsSeen()) {
		for (const [where, text] of Object.entries(haystacks)) {
			if (text.includes(secret)) leaks.push(`${secret} in ${where}`);
		}
	}
	expect(leaks).toEqual([]);
}

interface Tally {
	/** input item index → items that came out for it (success or failure) */
	perItem: Map<number, number>;
	succeeded: INodeExecutionData[];
	failed: INodeExecutionData[];
}

const isFailed = (item: INodeExecutionData) => 'error' in item.json;

function pairedIndex(item: INodeExecutionData): number {
	const paired = item.pairedItem;
	if (typeof paired === 'number') return paired;
	if (Array.isArray(paired) || paired === undefined) return -1;
	return paired.item;
}

/** Checks routing and counts: successes only on output 0, failures where `onError` puts them. */
function tally(result: OcrRun, onError: NodeSpec['onError']): Tally {
	const [main = [], errorOutput = []] = result.outputs['Invoice OCR'] ?? [];
	if (onError === 'continueErrorOutput') {
		expect(main.filter(isFailed)).toEqual([]);
		expect(errorOutput.every(isFailed)).toBe(true);
	} else {
		expect(errorOutput).toEqual([]);
	}
	const all = [...main, ...errorOutput];
	const perItem = new Map<number, number>();
	for (const item of all) perItem.set(pairedIndex(item), (perItem.get(pairedIndex(item)) ?? 0) + 1);
	return { perItem, succeeded: all.filter((item) => !isFailed(item)), failed: all.filter(isFailed) };
}

function expectEachItemOnce(counts: Tally, items: number) {
	const expected = new Map(Array.from({ length: items }, (_, index) => [index, 1]));
	expect([...counts.perItem.entries()].sort((a, b) => a[0] - b[0])).toEqual([...expected.entries()]);
}

function expectContractError(item: INodeExecutionData, vendor: VendorName, code: string) {
	expect(Object.keys(item.json)).toEqual(['error']);
	const error = item.json.error as IDataObject;
	expect(Object.keys(error).sort()).toEqual([...ERROR_KEYS].sort());
	expect(CONTRACT_CODES).toContain(error.code);
	expect(error).toMatchObject({ code, vendor });
	expect(typeof error.message).toBe('string');
	expect((error.message as string).length).toBeGreaterThan(20);
	expect(typeof error.retryable).toBe('boolean');
	for (const key of ['vendorCode', 'vendorMessage', 'requestId']) {
		expect(error[key] === null || typeof error[key] === 'string').toBe(true);
	}
}

async function runBatch(
	vendor: VendorName,
	options: {
		nodeOptions?: Record<string, unknown>;
		parameters?: Record<string, unknown>;
		items?: InputItem[];
		onError?: NodeSpec['onError'];
		credentials?: Record<string, unknown>;
	} = {},
) {
	const onError = options.onError ?? 'continueErrorOutput';
	const items = options.items ?? batch();
	const result = await runOcr(fakes, vendor, {
		parameters: { ...options.parameters, options: { maxRetries: 0, ...FAST, ...options.nodeOptions } },
		items,
		onError,
		credentials: options.credentials,
	});
	expect(result.run.data.resultData.error).toBeUndefined();
	expectNoSecretLeaked(result);
	const counts = tally(result, onError);
	expectEachItemOnce(counts, items.length);
	return { result, counts };
}

interface TransportCell {
	fault: FaultType;
	code: string;
	nodeOptions?: Record<string, unknown>;
}

const TRANSPORT_FAULTS: Array<[string, TransportCell]> = [
	['a hang past the 1 s timeout', { fault: 'hang', code: 'TIMEOUT', nodeOptions: { timeout: 1 } }],
	['a connection reset', { fault: 'reset', code: 'NETWORK_ERROR' }],
	['an HTTP 500 gateway page', { fault: 'http500', code: 'VENDOR_UNAVAILABLE' }],
	['an HTML maintenance page with HTTP 200', { fault: 'html', code: 'VENDOR_UNAVAILABLE' }],
	['JSON cut off mid-body', { fault: 'truncated', code: 'VENDOR_UNAVAILABLE' }],
	['malformed JSON', { fault: 'malformed', code: 'VENDOR_UNAVAILABLE' }],
];

const FAULTED = 3;

const GATEWAY_429_BODIES: Array<[string, 'json' | 'html' | 'empty']> = [
	['a gateway 429 with its own JSON ({"message":"API rate limit exceeded"})', 'json'],
	["an nginx 429 HTML page", 'html'],
	['a 429 with an empty body', 'empty'],
];
const REDIRECTS = [301, 302, 307, 308] as const;
const PATH: Record<VendorName, string> = {
	juhe: '/vat_roll_invoice_ocr/query',
	volcengine: '/?Action=OcrRollInvoice&Version=2021-08-23',
	jumdata: '/ocr/invoice-v2',
	xinhuo: '/ocr',
	webank: '/saas/ocr/invoice',
};
const REDACTED = '[redacted]';

describe.each(VENDORS)('%s', (vendor) => {
	test.each(TRANSPORT_FAULTS)(
		`${vendor}: %s on ${FAULTED} of ${BATCH} requests fails exactly those items, retryable, the rest succeed`,
		async (_what, cell) => {
			configureFake(vendor, { fault: { type: cell.fault, times: FAULTED } });
			const { counts } = await runBatch(vendor, { nodeOptions: cell.nodeOptions });
			expect(counts.failed).toHaveLength(FAULTED);
			expect(counts.succeeded).toHaveLength(BATCH - FAULTED);
			for (const item of counts.failed) {
				expectContractError(item, vendor, cell.code);
				expect((item.json.error as IDataObject).retryable).toBe(true);
			}
			expect(ocrRequests(fakes, vendor).filter((request) => request.fault === cell.fault)).toHaveLength(FAULTED);
		},
	);

	test(`${vendor}: a reset on ${FAULTED} requests is retried once and every item succeeds`, async () => {
		configureFake(vendor, { fault: { type: 'reset', times: FAULTED } });
		const { counts } = await runBatch(vendor, { nodeOptions: { maxRetries: 1 } });
		expect(counts.failed).toEqual([]);
		expect(counts.succeeded).toHaveLength(BATCH);
		expect(ocrRequests(fakes, vendor)).toHaveLength(BATCH + FAULTED);
	});

	test(`${vendor}: requests over a QPS cap of 2 fail as RATE_LIMITED, one per rejected request`, async () => {
		configureFake(vendor, { qpsCap: 2 });
		const { counts } = await runBatch(vendor);
		const rejected = ocrRequests(fakes, vendor).filter((request) => request.answeredBy === 'rateLimit');
		expect(rejected.length).toBeGreaterThan(0);
		expect(counts.failed).toHaveLength(rejected.length);
		expect(counts.succeeded).toHaveLength(BATCH - rejected.length);
		for (const item of counts.failed) {
			expectContractError(item, vendor, 'RATE_LIMITED');
			expect((item.json.error as IDataObject).retryable).toBe(true);
		}
	});

	test(`${vendor}: Requests per Second below the vendor's cap keeps every request under it`, async () => {
		const cap = 5;
		configureFake(vendor, { qpsCap: cap });
		const { counts } = await runBatch(vendor, { nodeOptions: { requestsPerSecond: cap - 1 } });
		expect(counts.failed).toEqual([]);
		expect(busiestSecond(ocrRequests(fakes, vendor).map((request) => request.at))).toBeLessThanOrEqual(cap);
	});

	test.each(GATEWAY_429_BODIES)(
		`${vendor}: %s on ${FAULTED} of ${BATCH} requests fails exactly those items as RATE_LIMITED, retryable`,
		async (_what, body) => {
			configureFake(vendor, { fault: { type: 'gateway429', body, times: FAULTED } });
			const { counts } = await runBatch(vendor);
			expect(counts.failed).toHaveLength(FAULTED);
			expect(counts.succeeded).toHaveLength(BATCH - FAULTED);
			for (const item of counts.failed) {
				expectContractError(item, vendor, 'RATE_LIMITED');
				expect((item.json.error as IDataObject).retryable).toBe(true);
			}
		},
	);

	test(`${vendor}: a gateway 429 with Retry-After: 1 is retried no sooner than 1 s later, and succeeds`, async () => {
		configureFake(vendor, { fault: { type: 'gateway429', body: 'json', times: 1, retryAfter: '1' } });
		const { counts } = await runBatch(vendor, { nodeOptions: { maxRetries: 1 } });
		expect(counts.failed).toEqual([]);
		expect(counts.succeeded).toHaveLength(BATCH);
		const requests = ocrRequests(fakes, vendor);
		expect(requests).toHaveLength(BATCH + 1);
		const limited = requests.find((request) => request.fault === 'gateway429');
		const retry = requests[requests.length - 1];
		expect(retry.at - (limited?.at ?? Infinity)).toBeGreaterThanOrEqual(990);
	});

	test.each(REDIRECTS)(
		`${vendor}: a %i redirect to another server fails every item, not retried, and that server gets nothing`,
		async (status) => {
			configureFake(vendor, { fault: { type: 'redirect', status, to: recorder.url } });
			const { counts } = await runBatch(vendor, { nodeOptions: { maxRetries: 1 } });
			expect(counts.succeeded).toEqual([]);
			for (const item of counts.failed) {
				expectContractError(item, vendor, 'VENDOR_UNAVAILABLE');
				const error = item.json.error as IDataObject;
				expect(error).toMatchObject({ retryable: false, vendorCode: String(status) });
				expect(error.message).toContain(`redirect to ${recorder.url}${PATH[vendor]}`);
			}
			expect(ocrRequests(fakes, vendor)).toHaveLength(BATCH);
			expect(recorder.requests).toEqual([]);
		},
	);

	test(`${vendor}: an error answer quoting the request's secrets reaches no output or log`, async () => {
		configureFake(vendor, { echo: 'error' });
		const { counts } = await runBatch(vendor);
		expect(counts.failed).toHaveLength(BATCH);
		for (const item of counts.failed) {
			const vendorMessage = String((item.json.error as IDataObject).vendorMessage);
			// WeBank has no secret: what it quotes (the request id) is left as it is.
			if (vendor === 'webank') expect(vendorMessage).toMatch(/request_id=n8n-/);
			else expect(vendorMessage).toContain(REDACTED);
		}
	});

	test(`${vendor}: a success answer quoting the request's secrets keeps them out of \`raw\` (Simplify off)`, async () => {
		configureFake(vendor, { echo: 'success' });
		const { counts } = await runBatch(vendor, { parameters: { simplify: false } });
		expect(counts.succeeded).toHaveLength(BATCH);
		for (const item of counts.succeeded) {
			const echo = JSON.stringify((item.json.raw as IDataObject).echo);
			if (vendor === 'webank') expect(echo).toMatch(/n8n-/);
			else expect(echo).toContain(REDACTED);
		}
	});

	const wrongSecret = WRONG_SECRET[vendor];
	if (wrongSecret) {
		test(`${vendor}: a wrong secret fails every item as AUTH_FAILED, not retried`, async () => {
			configureFake(vendor, {});
			const { counts } = await runBatch(vendor, { credentials: wrongSecret, nodeOptions: { maxRetries: 1 } });
			expect(counts.succeeded).toEqual([]);
			for (const item of counts.failed) {
				expectContractError(item, vendor, 'AUTH_FAILED');
				expect((item.json.error as IDataObject).retryable).toBe(false);
			}
			expect(ocrRequests(fakes, vendor)).toHaveLength(BATCH);
		});
	}

	const oversize = OVERSIZE_BYTES[vendor];
	if (oversize) {
		test(`${vendor}: oversize files fail as FILE_TOO_LARGE on their own items, the rest succeed`, async () => {
			configureFake(vendor, {});
			const big = samples.png({ padToBytes: oversize });
			const items = batch((index) =>
				index % 3 === 1
					? { json: {}, binary: { data: { data: big, fileName: 'scan.png', mimeType: 'image/png' } } }
					: pngItem(),
			);
			const { counts } = await runBatch(vendor, { items });
			expect(counts.failed.map(pairedIndex).sort()).toEqual([1, 4]);
			expect(counts.succeeded).toHaveLength(BATCH - 2);
			for (const item of counts.failed) {
				expectContractError(item, vendor, 'FILE_TOO_LARGE');
				expect((item.json.error as IDataObject).retryable).toBe(false);
			}
			// A documented limit is checked before the paid call; Xinhuo's is only known from its answer.
			expect(ocrRequests(fakes, vendor)).toHaveLength(vendor === 'xinhuo' ? BATCH : BATCH - 2);
		});
	}
});

describe('with "Continue" (regular output) failures stay on the main output, one per item', () => {
	const cells: Array<[VendorName, string, FakeKnobs, Record<string, unknown> | undefined, string]> = [
		['juhe', 'HTTP 500 on half the batch', { fault: { type: 'http500', times: FAULTED } }, undefined, 'VENDOR_UNAVAILABLE'],
		['volcengine', 'a wrong secret', {}, WRONG_SECRET.volcengine, 'AUTH_FAILED'],
		['xinhuo', 'JSON cut off on half the batch', { fault: { type: 'truncated', times: FAULTED } }, undefined, 'VENDOR_UNAVAILABLE'],
		['jumdata', 'a hang past the timeout on half the batch', { fault: { type: 'hang', times: FAULTED } }, undefined, 'TIMEOUT'],
	];
	test.each(cells)('%s: %s', async (vendor, _what, knobs, credentials, code) => {
		configureFake(vendor, knobs);
		const { counts } = await runBatch(vendor, {
			onError: 'continueRegularOutput',
			credentials,
			nodeOptions: { timeout: 1 },
		});
		expect(counts.failed.length).toBe(credentials ? BATCH : FAULTED);
		for (const item of counts.failed) expectContractError(item, vendor, code);
	});
});

describe('without continue-on-fail', () => {
	test.each(['juhe', 'volcengine', 'jumdata'] as const)(
		'%s: a wrong secret stops the execution with AUTH_FAILED, no secret in the error or the logs',
		async (vendor) => {
			const result = await runOcr(fakes, vendor, {
				parameters: { options: { maxRetries: 0, ...FAST } },
				items: batch(),
				onError: 'stopWorkflow',
				credentials: WRONG_SECRET[vendor],
			});
			const error = result.run.data.resultData.error;
			expect(error).toBeDefined();
			expect(serialize(error)).toContain('AUTH_FAILED');
			expectNoSecretLeaked(result);
		},
	);

	test.each(['juhe', 'volcengine', 'jumdata', 'xinhuo'] as const)(
		'%s: an answer echoing the secrets stops the execution with them cut from the error and the logs',
		async (vendor) => {
			configureFake(vendor, { echo: 'error' });
			const result = await runOcr(fakes, vendor, {
				parameters: { options: { maxRetries: 0, ...FAST } },
				items: batch(),
				onError: 'stopWorkflow',
			});
			const error = result.run.data.resultData.error as unknown as { description?: string };
			expect(error.description).toContain(REDACTED);
			expectNoSecretLeaked(result);
		},
	);

	test('no request starts after the first failure is known, even one already waiting for its rate slot', async () => {
		// At 2 per second the first request fails within milliseconds; the next slot is 500 ms later.
		const result = await runOcr(fakes, 'juhe', {
			parameters: { options: { maxRetries: 0, concurrency: 5, requestsPerSecond: 2 } },
			items: batch(),
			onError: 'stopWorkflow',
			credentials: WRONG_SECRET.juhe,
		});
		expect(result.run.data.resultData.error).toBeDefined();
		expect(ocrRequests(fakes, 'juhe').map((request) => request.at - ocrRequests(fakes, 'juhe')[0].at)).toEqual([0]);
	});
});

test('the log capture sees n8n engine logs, so the leak checks above are not vacuous', async () => {
	configureFake('juhe', { fault: { type: 'http500', times: 1 } });
	await runBatch('juhe');
	expect(logged.some((line) => line.includes('Running node "Invoice OCR"'))).toBe(true);
});
