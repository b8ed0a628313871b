import type { InvoiceErrorInfo, ReadFrom, RecognizedInvoice, VendorId } from '../types';

/** File formats we can sniff from their content (magic bytes, a ZIP's directory, an XML root). */
export type FileFormat =
	| 'png'
	| 'jpeg'
	| 'bmp'
	| 'gif'
	| 'tiff'
	| 'webp'
	| 'pdf'
	| 'ofd'
	| 'xml'
	| 'zip';

/** What a vendor documents it accepts; pre-flight checks use these before any paid call. */
export interface VendorLimits {
	/** Formats accepted as uploaded bytes/base64. */
	formats: readonly FileFormat[];
	/** Largest accepted size in bytes; undefined where the vendor documents none. */
	maxBytes?: number;
	/** What `maxBytes` measures: the raw file, or its base64 text (Juhe counts base64). */
	sizeBasis: 'file' | 'base64';
	/** Whether the vendor fetches the file itself from a URL we pass. */
	acceptsUrl: boolean;
	/** Pixel bounds where documented (Jumdata: shortest side ≥ 15, longest ≤ 4096). */
	minSidePx?: number;
	maxSidePx?: number;
}

/** Default pacing per vendor; node options override it. */
export interface VendorPacing {
	concurrency: number;
	requestsPerSecond: number;
}

/** One file (or URL) to recognize, already pre-flighted. */
export interface OcrRequestInput {
	/** Raw base64 of the file (no `data:` prefix); absent for URL input. */
	base64?: string;
	/** Public URL the vendor downloads itself; only for vendors with `acceptsUrl`. */
	url?: string;
	/** Sniffed format of the bytes; undefined for URL input. */
	format?: FileFormat;
	/** Jumdata: `normal` or `roll`. */
	jumdataInvoiceKind?: 'normal' | 'roll';
	/** Page to read in a PDF/OFD (1-based), where the vendor supports it. */
	page?: number;
	/** Xinhuo's opaque request `type` value. */
	xinhuoType?: string;
	/** A request id to echo (WeBank). */
	requestId?: string;
}

/**
 * A request relative to the credential's base URL. The credential's `authenticate` adds
 * the base URL and the secret (key in the form, token in the JSON, signature headers).
 */
export interface VendorHttpRequest {
	method: 'POST' | 'GET';
	/** Path (and query) appended to the credential's base URL, e.g. `/vat_roll_invoice_ocr/query`. */
	url: string;
	/** Which credential base URL field to use (WeBank has two). */
	baseUrlField?: 'baseUrl' | 'ocrBaseUrl' | 'verifyBaseUrl';
	/** Form bodies as URLSearchParams, JSON bodies as plain objects. */
	body: URLSearchParams | Record<string, unknown>;
}

/** The vendor's answer as the transport received it. */
export interface VendorHttpResponse {
	statusCode: number;
	/** Parsed JSON (object/array); the transport has already rejected non-JSON answers. */
	body: unknown;
	headers: Record<string, string | string[] | undefined>;
}

export type OcrOutcome =
	| { ok: true; invoices: RecognizedInvoice[]; requestId: string | null; raw: unknown }
	/** `retryAfterMs`: how long the vendor asked us to wait (HTTP `Retry-After`), where it said. */
	| { ok: false; error: InvoiceErrorInfo; retryAfterMs?: number };

/**
 * How fields were read, most exact first: a copy read from an earlier one wins a merge. A QR code holds only the
 * key fields, so an OCR vendor's whole invoice beats it.
 */
export const EXACTNESS_ORDER: readonly ReadFrom[] = ['xml', 'ofd', 'pdf', 'ocr', 'qr'];

/** What every source of invoices has: a name, its limits (pre-flight) and its pacing. */
interface SourceBase {
	vendor: VendorId;
	/** English name shown in the UI, e.g. "Volcengine (ByteDance)". */
	displayName: string;
	limits: VendorLimits;
	pacing: VendorPacing;
}

/**
 * An HTTP vendor: data plus two pure functions. No n8n context, no I/O, so every
 * documented response is a unit test without a server.
 */
export interface HttpOcrAdapter extends SourceBase {
	kind: 'http';
	/** n8n credential type name from the contract, e.g. `juheApi`. */
	credentialType: string;
	buildRequest(input: OcrRequestInput): VendorHttpRequest;
	/** `input` is the request it answers (Jumdata reads the roll/normal kind from it). */
	parseResponse(response: VendorHttpResponse, input?: OcrRequestInput): OcrOutcome;
}

/** A file a local reader gets, after pre-flight (format sniffed from the content, size within limits). */
export interface LocalFile {
	bytes: Uint8Array;
	format: FileFormat;
	fileName: string | null;
	/** Check the file's signatures or seals (option "Check Signatures"); absent means yes. */
	checkSignatures?: boolean;
}

/**
 * A reader that runs inside the node (vendor `local`): one pure function from bytes to invoices,
 * no credential, no I/O. Pre-flight, fallback, merging and output treat it like any vendor.
 */
export interface LocalOcrAdapter extends SourceBase {
	kind: 'local';
	credentialType: null;
	read(file: LocalFile): OcrOutcome;
}

/** A source of invoices: an HTTP vendor or a local reader. */
export type OcrAdapter = HttpOcrAdapter | LocalOcrAdapter;
