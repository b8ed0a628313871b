// Types of the fake vendor servers (test/fakes/*.js), for TypeScript tests and the JSDoc checks
// of the fakes themselves.

/** Node's request headers (as `IncomingHttpHeaders`; declared here to keep this file import-free). */
export type IncomingHttpHeaders = Record<string, string | string[] | undefined>;

export type VendorName = 'juhe' | 'volcengine' | 'jumdata' | 'xinhuo' | 'webank';
export type FaultType =
	| 'hang'
	| 'reset'
	| 'http500'
	| 'html'
	| 'malformed'
	| 'truncated'
	| 'gateway429'
	| 'redirect';

/** A fault with its options: `times` limits it to the next N requests. */
export type FaultSpec =
	| { type: Exclude<FaultType, 'gateway429' | 'redirect'>; times?: number }
	/** A gateway's HTTP 429 without the vendor's envelope; `retryAfter` is sent as `Retry-After`. */
	| { type: 'gateway429'; times?: number; body?: 'json' | 'html' | 'empty'; retryAfter?: string }
	/** HTTP `status` (default 307) with `Location: <to><the request's path and query>`. */
	| { type: 'redirect'; times?: number; status?: 301 | 302 | 303 | 307 | 308; to: string };

/** `error`: the vendor's auth error quoting the request's secrets; `success`: the success answer with an `echo` field quoting them. */
export type EchoKind = 'error' | 'success';
export type FileFormat = 'png' | 'jpeg' | 'bmp' | 'gif' | 'tiff' | 'webp' | 'pdf' | 'ofd';

export interface FakeCredentials {
	juhe: { apiKey: string };
	volcengine: { accessKeyId: string; secretAccessKey: string; region: 'cn-north-1' };
	jumdata: { appId: string; appSecret: string };
	xinhuo: { token: string };
	webank: Record<string, never>;
}

/** The secrets the fakes accept. */
export declare const FAKE_CREDENTIALS: Readonly<FakeCredentials>;
export declare const VENDOR_NAMES: VendorName[];
export declare const FAULT_TYPES: readonly FaultType[];

/** Knobs: constructor options, `configure()` and `POST /__fake/config` all take these. */
export interface FakeKnobs {
	/** Delay before every answer (also before faults). */
	latencyMs?: number;
	/** Requests over this many within a sliding 1 s window get the vendor's rate-limit answer; 0/null: no cap. */
	qpsCap?: number | null;
	/** Answer authenticated requests with this documented vendor error (real shape and HTTP status). */
	failWith?: { vendorCode: string | number; times?: number; message?: string } | null;
	/** Break the transport instead of answering; a type applies until cleared, `{ type, times }` to the next N. */
	fault?: Exclude<FaultType, 'redirect'> | FaultSpec | null;
	/** Quote the request's secrets back, as a vendor error (Juhe's `错误的请求KEY(<key>)`) or inside a success answer. */
	echo?: EchoKind | { as: EchoKind; times?: number } | null;
	/** Success answer: a fixture name (test/fixtures/vendors/<vendor>/<name>.json) or a body object. */
	response?: string | Record<string, unknown> | null;
}

export interface FakeOptions extends FakeKnobs {
	/** Fixed port; default a free one. */
	port?: number;
	/** Override accepted secrets (merged over FAKE_CREDENTIALS[vendor]). */
	credentials?: Record<string, string>;
	/** Clock (epoch ms) for timestamps, signature windows and the WeBank calendar. */
	now?: () => number;
}

/** The effective configuration (`times` = remaining uses, null = unlimited). */
export interface FakeConfig {
	latencyMs: number;
	qpsCap: number | null;
	failWith: { vendorCode: string; times: number | null; message: string | null } | null;
	fault: {
		type: FaultType;
		times: number | null;
		body?: 'json' | 'html' | 'empty';
		retryAfter?: string;
		status?: number;
		to?: string;
	} | null;
	response: string | Record<string, unknown> | null;
	echo: { as: EchoKind; times: number | null } | null;
}

export interface RequestLogEntry {
	method: string;
	path: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	/** Parsed form fields or JSON object; null when the body is not parseable as its Content-Type. */
	body: Record<string, unknown> | null;
	/** Credentials verified (true/false); null when the vendor has no auth or the route is unknown. */
	authOk: boolean | null;
	/** Why auth failed (real vendors do not say; this is for debugging the client). */
	authDetail?: string;
	/** Epoch ms when the request arrived. */
	at: number;
	/** Route name ('ocr', 'verify'), null for unknown paths. */
	route: string | null;
	/** HTTP status answered; null while pending or for a hang/reset fault. */
	status: number | null;
	answeredBy: 'unknownRoute' | 'rateLimit' | 'echo' | 'auth' | 'failWith' | 'handler' | null;
	/** The vendor code in the answer (WeBank verification: `verify:<code>`). */
	vendorCode: string | null;
	fault: FaultType | null;
	/** Fixture used for a success answer. */
	fixture: string | null;
	/** Extra explanation (e.g. which WeBank verify field differed). */
	detail?: string;
}

export interface FakeHandle {
	vendor: VendorName;
	/** `http://127.0.0.1:PORT` */
	url: string;
	port: number;
	/** Live request log (the same array across reset()). */
	requests: RequestLogEntry[];
	readonly config: FakeConfig;
	/** Merges knobs (null clears one) and returns the effective configuration; throws on invalid values. */
	configure(knobs: FakeKnobs): FakeConfig;
	/** Clears the log, counters and hung connections; restores the startup configuration. */
	reset(): void;
	close(): Promise<void>;
}

export interface WebankVerifyRegistryEntry {
	name: string;
	/** YYYY-MM-DD, China time. */
	issueDate: string;
	invoice: Record<string, unknown> & {
		invoice_code: string;
		invoice_id: string;
		invoice_date: string;
		total_amount: string;
		check_code?: string;
	};
}

export interface WebankFakeHandle extends FakeHandle {
	/** The genuine invoices the verification service knows, dates computed at start/reset. */
	readonly verifyRegistry: WebankVerifyRegistryEntry[];
}

export interface StartAllOptions extends Omit<FakeOptions, 'port' | 'credentials'> {
	vendors?: VendorName[];
	perVendor?: Partial<Record<VendorName, FakeOptions>>;
}

export interface AllFakes {
	juhe: FakeHandle;
	volcengine: FakeHandle;
	jumdata: FakeHandle;
	xinhuo: FakeHandle;
	webank: WebankFakeHandle;
	closeAll(): Promise<void>;
}

export declare function startFake(
	vendor: 'webank',
	options?: FakeOptions,
): Promise<WebankFakeHandle>;
export declare function startFake(vendor: VendorName, options?: FakeOptions): Promise<FakeHandle>;
export declare function startAllFakes(options?: StartAllOptions): Promise<AllFakes>;

export interface RecordedRequest {
	method: string;
	/** Path and query as sent. */
	url: string;
	headers: IncomingHttpHeaders;
	/** The raw body as text. */
	body: string;
}

/** A loopback server that answers `{}` to everything and records what it got (a redirect's target). */
export interface RecorderHandle {
	url: string;
	requests: RecordedRequest[];
	reset(): void;
	close(): Promise<void>;
}

export declare function startRecorder(): Promise<RecorderHandle>;

// --- Volcengine signing -------------------------------------------------------------------------

export type VolcengineGatewayErrorCode =
	| 'MissingAuthenticationToken'
	| 'MissingSignature'
	| 'MissingRequestInfo'
	| 'InvalidTimestamp'
	| 'InvalidAccessKey'
	| 'SignatureDoesNotMatch';

export interface VolcengineVerifyOptions {
	/** Server clock, epoch ms (default Date.now()). */
	now?: number;
	/** Allowed X-Date skew (default 15 min); Infinity to skip, e.g. for a published vector. */
	maxSkewMs?: number;
	/** Expected credential-scope region/service; unchecked when absent. */
	region?: string;
	service?: string;
}

export interface VolcengineVerifyResult {
	ok: boolean;
	/** The gateway error code the request earns when not ok. */
	code?: VolcengineGatewayErrorCode;
	detail?: string;
	/** For MissingRequestInfo: what is missing. */
	param?: string;
	accessKeyId?: string;
	region?: string;
	service?: string;
	canonicalRequest?: string;
	stringToSign?: string;
	expectedSignature?: string;
}

export declare function verifyVolcengineSignature(
	req: { method: string; url: string; headers: Record<string, string | string[] | undefined> },
	rawBody: Buffer | string,
	secretsByAk: Record<string, string>,
	options?: VolcengineVerifyOptions,
): VolcengineVerifyResult;

export interface VolcengineSignInput {
	method?: string;
	/** Absolute URL, e.g. `${fake.url}/?Action=OcrRollInvoice&Version=2021-08-23`. */
	url: string;
	headers?: Record<string, string>;
	body?: string | Buffer;
	accessKeyId: string;
	secretAccessKey: string;
	region: string;
	service: string;
	date?: Date;
	/** Default content-type, host, x-content-sha256, x-date (those present are signed). */
	signedHeaders?: string[];
}

/** The given headers plus Host, X-Date, X-Content-Sha256 and Authorization. */
export declare function signVolcengineRequest(input: VolcengineSignInput): Record<string, string>;

// --- Files ---------------------------------------------------------------------------------------

export interface FileInfo {
	bytes: number;
	format: FileFormat | null;
	width: number | null;
	height: number | null;
	/** PDF/OFD page count. */
	pages: number | null;
	/** `fapiao-sample:<name>` marker. */
	marker: string | null;
	/** Width or height under 8 px. */
	unreadable: boolean;
}

export declare function inspectFile(bytes: Buffer): FileInfo;

/** The invoices a demo sample embeds (`fapiao-invoices:<base64 JSON>`), or null. */
export declare function findSampleInvoices(bytes: Buffer): Array<Record<string, unknown>> | null;

/** What a demo sample prints (number, date, total) and embeds (everything, with the marker). */
export interface SampleInvoice {
	invoiceNumber: string;
	issueDate: string;
	total: number;
	[key: string]: unknown;
}

export interface SampleOptions {
	width?: number;
	height?: number;
	/** Embeds `fapiao-sample:<marker>`. */
	marker?: string;
	/** With a marker: embeds `fapiao-invoices:<base64 JSON>`; PNG and JPEG also print number, date, total. */
	invoices?: SampleInvoice[];
}

export interface PngSampleOptions extends SampleOptions {
	layout?: 'invoice' | 'roll' | 'multi';
	/** Grow the file to at least this many bytes (a skipped ancillary chunk). */
	padToBytes?: number;
}

export type JpegSampleOptions = PngSampleOptions;

export interface DocumentSampleOptions {
	pages?: number;
	marker?: string;
	invoices?: SampleInvoice[];
}

export declare const samples: {
	png(options?: PngSampleOptions): Buffer;
	tinyPng(): Buffer;
	jpeg(options?: JpegSampleOptions): Buffer;
	bmp(options?: SampleOptions & { layout?: 'invoice' | 'roll' | 'multi' }): Buffer;
	gif(options?: SampleOptions): Buffer;
	tiff(options?: SampleOptions & { layout?: 'invoice' | 'roll' | 'multi' }): Buffer;
	pdf(options?: DocumentSampleOptions): Buffer;
	ofd(options?: DocumentSampleOptions): Buffer;
	crc32(bytes: Buffer): number;
	EXAMPLE_SAMPLES: Array<{ file: string; build: () => Buffer; about: string }>;
	writeExampleSamples(dir: string): string[];
};

// --- Clients (documented protocols, for calling the fakes directly) ------------------------------

export interface HttpCall {
	url: string;
	init: { method: string; headers: Record<string, string>; body: string };
}

export declare const clients: {
	juheRequest(baseUrl: string, input: { imageBase64?: string; key?: string }): HttpCall;
	volcengineRequest(
		baseUrl: string,
		input: {
			imageBase64?: string;
			imageUrl?: string;
			accessKeyId?: string;
			secretAccessKey?: string;
			region?: string;
			date?: Date;
			action?: string;
			version?: string;
		},
	): HttpCall;
	jumdataRequest(
		baseUrl: string,
		input: {
			fields: Record<string, string | undefined>;
			appId?: string;
			appSecret?: string;
			timestamp?: number;
			sign?: string;
		},
	): HttpCall;
	jumdataSign(appId: string, appSecret: string, timestamp: string | number): string;
	xinhuoRequest(
		baseUrl: string,
		input: { image?: string; type?: string; token?: string },
	): HttpCall;
	webankOcrRequest(baseUrl: string, input: { image?: string; requestId?: string }): HttpCall;
	webankVerifyRequest(
		baseUrl: string,
		input: { invoice?: Record<string, unknown>; requestId?: string },
	): HttpCall;
	/** The OCR call of any vendor with a base64 image (WeBank's request id defaults to 'req-1'). */
	ocrRequest(vendor: VendorName, baseUrl: string, image: string, requestId?: string): HttpCall;
	/** Serves fixed files (path → bytes) on 127.0.0.1. */
	startStaticServer(
		files: Record<string, Buffer>,
	): Promise<{ url: string; close(): Promise<void> }>;
};

// --- Vendor protocol plumbing (for the fake modules) ---------------------------------------------

export interface FakeRequest {
	method: string;
	/** Path and query exactly as sent. */
	rawUrl: string;
	path: string;
	rawQuery: string;
	query: Record<string, string>;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	bodyType: 'form' | 'json' | 'other' | 'none';
	body: Record<string, unknown> | null;
	/** The log entry of this request. */
	logEntry: RequestLogEntry;
	/** Set when the file's fixture is `{ fakeVendorError }`: the code the vendor answers instead. */
	sampleError?: string;
}

export interface FakeReply {
	status: number;
	/** JSON-serialised, or sent as HTML when a string. */
	body: unknown;
	headers?: Record<string, string>;
}

export interface AuthResult {
	/** true/false: credentials checked; null: not applicable (no auth, or the body could not be read). */
	ok: boolean | null;
	/** The answer to send instead of handling the request. */
	reply?: FakeReply;
	detail?: string;
}

export interface VendorContext {
	vendor: VendorName;
	credentials: Record<string, string>;
	now(): number;
	readonly config: FakeConfig;
	state: Record<string, unknown> | object;
	/**
	 * The success body: configured response, else the file's marker fixture (`<marker>--<variant>`
	 * first), else doc-example. An error fixture (`{ fakeVendorError }`) sets `request.sampleError`.
	 */
	successBody(request: FakeRequest, fileBytes?: Buffer | null): Record<string, unknown>;
}

export interface Route {
	name: string;
	authenticate(req: FakeRequest, ctx: VendorContext): AuthResult;
	handle(req: FakeRequest, ctx: VendorContext): FakeReply | Promise<FakeReply>;
}

export interface VendorDefinition {
	name: VendorName;
	/** Codes `failWith` accepts (strings). */
	errorCodes: string[];
	/** The route for a request, or null for an unknown path/method. */
	route(req: FakeRequest, ctx: VendorContext): Route | null;
	unknownRouteReply(req: FakeRequest, ctx: VendorContext): FakeReply;
	/** The forced error's answer, or null where the code does not apply to this route. */
	errorReply(
		code: string,
		req: FakeRequest,
		route: Route,
		ctx: VendorContext,
		message: string | null,
	): FakeReply | null;
	rateLimitReply(req: FakeRequest, route: Route, ctx: VendorContext): FakeReply;
	/** The `echo` knob's answer: the vendor's own shape, quoting the secrets the request carried. */
	echoReply(req: FakeRequest, ctx: VendorContext, as: EchoKind): FakeReply;
	codeOf?(body: unknown): string | null;
	/** A request parameter that selects another reading of the same file (Jumdata: `type=roll`). */
	sampleVariant?(req: FakeRequest): string | null;
	createState?(ctx: VendorContext): object;
	controlRoutes?: Record<string, (ctx: VendorContext) => unknown>;
	extendHandle?(handle: FakeHandle, ctx: VendorContext): void;
}
