/**
 * The public output contract (../shared/design/CONTRACT.md in the design repo).
 * Users' saved workflows route on these names: extend, never rename.
 */

export const VENDORS = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank', 'local'] as const;
export type VendorId = (typeof VENDORS)[number];

/** Invoice type value → the Chinese name as printed. */
export const INVOICE_TYPE_NAMES = {
	vat_special: '增值税专用发票',
	vat_common: '增值税普通发票',
	vat_electronic_special: '增值税电子专用发票',
	vat_electronic_common: '增值税电子普通发票',
	vat_roll: '增值税普通发票(卷票)',
	vat_toll: '增值税电子普通发票(通行费)',
	vat_blockchain: '区块链电子发票',
	digital_special: '电子发票(增值税专用发票)',
	digital_common: '电子发票(普通发票)',
	vat_transport: '货物运输业增值税专用发票',
	motor_vehicle: '机动车销售统一发票',
	used_vehicle: '二手车销售统一发票',
	general_machine: '通用机打发票',
	quota: '通用定额发票',
	taxi: '出租车发票',
	train_ticket: '火车票',
	flight_itinerary: '航空运输电子客票行程单',
	passenger_transport: '公路/旅客运输客票',
	shipping: '船运客票',
	toll: '过路过桥费发票',
	parking: '停车费发票',
	medical_receipt: '医疗费收据',
	education_receipt: '教育费收据',
	sales_list: '增值税销货清单',
	shop_receipt: '商户小票',
	other: '其他',
} as const;
export type InvoiceType = keyof typeof INVOICE_TYPE_NAMES;
export const INVOICE_TYPES = Object.keys(INVOICE_TYPE_NAMES) as InvoiceType[];

export const ERROR_CODES = [
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
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface Party {
	name: string | null;
	taxId: string | null;
	addressPhone: string | null;
	bankAccount: string | null;
}

export interface InvoiceLineItem {
	name: string | null;
	specification: string | null;
	unit: string | null;
	quantity: number | null;
	unitPrice: number | null;
	amount: number | null;
	/** A fraction (13% → 0.13); null for 免税/不征税 or when absent. */
	taxRate: number | null;
	tax: number | null;
}

/** Tickets and itineraries; every key optional, vendors fill what they read. */
export interface TransportInfo {
	passengerName?: string | null;
	passengerId?: string | null;
	departureStation?: string | null;
	arrivalStation?: string | null;
	departureTime?: string | null;
	trainNumber?: string | null;
	flightNumber?: string | null;
	seat?: string | null;
	seatClass?: string | null;
	[key: string]: unknown;
}

export interface InvoiceLocation {
	page: number | null;
	angle: number | null;
	polygon: number[] | null;
}

export interface InvoiceSource {
	binaryProperty: string;
	fileName: string | null;
	mimeType: string | null;
	/** The path inside a ZIP bundle the invoice came from; null otherwise. */
	entry: string | null;
	/** The other files of the same input item that held the same invoice (merged copies). */
	alsoIn: Array<{ binaryProperty: string; fileName: string | null; entry: string | null }>;
}

/**
 * Where a local reader found an invoice: the ZIP member (if any), the format actually read (for
 * merging copies: XML beats OFD beats PDF beats a vendor) and the document text (`raw`, Simplify off).
 * Consumed by the output step, never output as such.
 */
export interface InvoiceOrigin {
	entry: string | null;
	/** `qr`: only the key fields, from the QR code of an image. */
	format: 'xml' | 'ofd' | 'pdf' | 'qr';
	raw: string | null;
}

/** How an invoice's fields were read (`readFrom`): locally from the file or its QR code, or by an OCR vendor. */
export const READ_FROM = ['xml', 'ofd', 'pdf', 'qr', 'ocr'] as const;
export type ReadFrom = (typeof READ_FROM)[number];

/** The key fields a VAT or 数电 invoice prints in its QR code (`01,<type>,<code>,<number>,<amount>,<date>,<check code>,<crc>`). */
export interface InvoiceQr {
	/** The decoded payload exactly as printed. */
	text: string;
	/** `01` 专票, `04` 普票, `10` 电子普票, `31`/`32` 数电, `51` railway, … */
	typeCode: string | null;
	invoiceCode: string | null;
	invoiceNumber: string | null;
	/** What the QR holds: 金额 on types 01/04/10, 价税合计 on 31/32. */
	amount: number | null;
	/** `YYYY-MM-DD`. */
	issueDate: string | null;
	checkCode: string | null;
	/** Whether the payload's check value matches its text. */
	crc: 'valid' | 'invalid' | 'absent';
}

export const SIGNATURE_STATUSES = ['valid', 'modified', 'invalid', 'unsigned', 'unverifiable'] as const;
export type SignatureStatus = (typeof SIGNATURE_STATUSES)[number];

/** What the file's own signatures or seals say about it, checked offline. */
export interface SignatureInfo {
	status: SignatureStatus;
	format: 'ofd-seal' | 'pdf' | 'xml';
	/** Subject common name of the signing certificate. */
	signer: string | null;
	/** Issuer common name of the signing certificate. */
	issuer: string | null;
	/** ISO time, or null. */
	signedAt: string | null;
	/** The issuer is a test CA (e.g. 税务测试CA2(SM2)): the signature checks, but proves nothing about the issuer. */
	testCertificate: boolean;
	/** What failed or could not be checked, in English; absent when the status says it all. */
	detail?: string;
}

export interface CheckIssue {
	rule: string;
	field: string;
	message: string;
}

export interface CheckResult {
	passed: boolean;
	issues: CheckIssue[];
}

/** What a vendor adapter reads off one invoice; the node adds vendor, source, checks, dedupeKey. */
export interface RecognizedInvoice {
	invoiceType: InvoiceType;
	title: string | null;
	invoiceCode: string | null;
	invoiceNumber: string | null;
	issueDate: string | null;
	checkCode: string | null;
	machineCode: string | null;
	buyer: Party;
	seller: Party;
	amount: number | null;
	tax: number | null;
	total: number | null;
	totalInWords: string | null;
	items: InvoiceLineItem[];
	payee: string | null;
	reviewer: string | null;
	drawer: string | null;
	remarks: string | null;
	transport: TransportInfo | null;
	category: string | null;
	location: InvoiceLocation | null;
	/** Every field the vendor returned for this invoice, by the vendor's own key. */
	fields: Record<string, unknown>;
	/** 红字 (red-letter) invoice; when absent, the output derives it from a negative total. */
	redLetter?: boolean;
	/** Set by local readers only. */
	origin?: InvoiceOrigin;
	/** The file's QR code, where one was read (image, PDF or OFD). */
	qr?: InvoiceQr | null;
	/** The file's signatures or seals (local readers of XML, OFD and PDF). */
	signature?: SignatureInfo | null;
}

/** One normalized invoice as the nodes output it (`json`). */
export interface NormalizedInvoice
	extends Omit<RecognizedInvoice, 'fields' | 'origin' | 'redLetter' | 'qr' | 'signature'> {
	vendor: VendorId;
	readFrom: ReadFrom;
	qr: InvoiceQr | null;
	signature: SignatureInfo | null;
	invoiceTypeName: string;
	redLetter: boolean;
	source: InvoiceSource | null;
	checks: CheckResult;
	dedupeKey: string;
	fields?: Record<string, unknown>;
	raw?: unknown;
	answeredBy?: VendorId;
}

export interface InvoiceErrorInfo {
	code: ErrorCode;
	message: string;
	vendor: VendorId | null;
	vendorCode: string | null;
	vendorMessage: string | null;
	retryable: boolean;
	requestId: string | null;
}
