/**
 * Reads an invoice-like object once, tolerating missing and wrongly typed fields, so every
 * rule works on clean values: money in integer fen, dates as `YYYY-MM-DD`, codes as text.
 * Values that are present but unusable are recorded, and the format rules report them.
 */
import type { CheckIssue } from '../types';
import { fenFromYuan } from '../normalize/chineseAmount';
import { date, money, normalizedText, taxRate, text } from '../normalize/parse';

export interface LineFacts {
	/** 0-based position in `items`, for field paths like `items[2].tax`. */
	index: number;
	amountFen: number | null;
	taxFen: number | null;
	/** A fraction (0.13); null for 免税/不征税/absent. */
	rate: number | null;
	/** True when the line carries no number at all (a wrapped name, a note). */
	textOnly: boolean;
}

export interface MalformedValue {
	field: string;
	value: unknown;
}

export interface InvoiceFacts {
	invoiceType: string | null;
	/** Spaces removed; may hold non-digits when the input is wrong. */
	invoiceCode: string | null;
	invoiceNumber: string | null;
	/** `YYYY-MM-DD`, or null when absent or unreadable (see `unreadableIssueDate`). */
	issueDate: string | null;
	/** The value given as issue date when it could not be read as a date; null otherwise. */
	unreadableIssueDate: unknown;
	/** As given (string or not), or as printed when the parser could not read it; null when absent. */
	checkCode: unknown;
	buyerTaxId: unknown;
	sellerTaxId: unknown;
	totalInWords: string | null;
	amountFen: number | null;
	taxFen: number | null;
	totalFen: number | null;
	lines: LineFacts[];
	/**
	 * 差额征税 (margin taxation): tax is levied on the sale less a deductible cost, so a line's tax
	 * is not its amount × rate. The tax-control system writes `差额征税` into the remarks, and 数电
	 * invoices print 差额征税 / 差额开票 as a label, which vendors put in the title or remarks.
	 */
	marginTaxed: boolean;
	/** Money fields that are present but not numbers. */
	malformedNumbers: MalformedValue[];
	/** The invoice's `qr` as recorded by the QR decoder (an object), else null. */
	qr: Record<string, unknown> | null;
	/** The invoice's `signature` as recorded by the signature check (an object), else null. */
	signature: Record<string, unknown> | null;
}

/** What every rule gets besides the invoice. */
export interface CheckContext {
	/** Today's date in Asia/Shanghai, `YYYY-MM-DD`. */
	today: string;
}

export type CheckRule = (facts: InvoiceFacts, context: CheckContext) => CheckIssue[];

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Codes and numbers as the parsers read them: NFKC (full-width digits), no spaces. */
function compactText(value: unknown): string | null {
	const raw = normalizedText(value);
	return raw === null ? null : raw.replace(/\s/g, '');
}

/** Fen for a money value; `malformed` when it is present but not a number. */
function readFen(value: unknown): { fen: number | null; malformed: boolean } {
	if (value === undefined || value === null) return { fen: null, malformed: false };
	if (typeof value === 'number') {
		const fen = fenFromYuan(value);
		return { fen, malformed: fen === null };
	}
	if (typeof value === 'string') {
		if (text(value) === null) return { fen: null, malformed: false };
		const yuan = money(value);
		return yuan === null
			? { fen: null, malformed: true }
			: { fen: fenFromYuan(yuan), malformed: false };
	}
	return { fen: null, malformed: true };
}

function readRate(value: unknown): number | null {
	if (typeof value !== 'number' && typeof value !== 'string') return null;
	if (typeof value === 'number' && !Number.isFinite(value)) return null;
	return taxRate(value);
}

function hasNumber(...values: unknown[]): boolean {
	return values.some((value) =>
		typeof value === 'number'
			? Number.isFinite(value)
			: text(value) !== null && money(value) !== null,
	);
}

const MARGIN_TAX_MARK = /差额征税|差额开票|差额征收/;

function marginTaxed(invoice: Record<string, unknown>): boolean {
	const lineNames = Array.isArray(invoice.items)
		? invoice.items.map((item: unknown) => (isRecord(item) ? item.name : null))
		: [];
	return [invoice.title, invoice.remarks, ...lineNames].some((value) => {
		const printed = normalizedText(value);
		return printed !== null && MARGIN_TAX_MARK.test(printed);
	});
}

export function readInvoiceFacts(input: unknown): InvoiceFacts {
	const invoice = isRecord(input) ? input : {};
	const buyer = isRecord(invoice.buyer) ? invoice.buyer : {};
	const seller = isRecord(invoice.seller) ? invoice.seller : {};
	const malformedNumbers: MalformedValue[] = [];

	const readMoney = (field: string, value: unknown): number | null => {
		const { fen, malformed } = readFen(value);
		if (malformed) malformedNumbers.push({ field, value });
		return fen;
	};

	// What the vendor printed where the parser found no value (see InvoiceWithUnreadable).
	const unreadable = isRecord(invoice.unreadable) ? invoice.unreadable : {};
	const rawDate = invoice.issueDate ?? unreadable.issueDate;
	const issueDate = date(rawDate);
	// Empty and masked values mean "no date"; anything else that is not a date is reported.
	const dateGiven =
		rawDate !== undefined &&
		rawDate !== null &&
		(typeof rawDate !== 'string' || text(rawDate) !== null);

	// Read in the order issues should be reported: invoice totals, then lines.
	const amountFen = readMoney('amount', invoice.amount);
	const taxFen = readMoney('tax', invoice.tax);
	const totalFen = readMoney('total', invoice.total);
	const lines: LineFacts[] = [];
	if (Array.isArray(invoice.items)) {
		invoice.items.forEach((item: unknown, index: number) => {
			if (!isRecord(item)) return;
			lines.push({
				index,
				amountFen: readMoney(`items[${index}].amount`, item.amount),
				taxFen: readMoney(`items[${index}].tax`, item.tax),
				rate: readRate(item.taxRate),
				textOnly: !hasNumber(item.amount, item.tax, item.quantity, item.unitPrice),
			});
		});
	}

	return {
		invoiceType: text(invoice.invoiceType),
		invoiceCode: compactText(invoice.invoiceCode),
		invoiceNumber: compactText(invoice.invoiceNumber),
		issueDate,
		unreadableIssueDate: dateGiven && issueDate === null ? rawDate : null,
		checkCode: invoice.checkCode ?? unreadable.checkCode ?? null,
		buyerTaxId: buyer.taxId ?? null,
		sellerTaxId: seller.taxId ?? null,
		totalInWords: text(invoice.totalInWords),
		amountFen,
		taxFen,
		totalFen,
		lines,
		marginTaxed: marginTaxed(invoice),
		malformedNumbers,
		qr: isRecord(invoice.qr) ? invoice.qr : null,
		signature: isRecord(invoice.signature) ? invoice.signature : null,
	};
}

/** A short printable form of any value for messages: strings quoted, long values cut. */
export function show(value: unknown): string {
	let printed: string;
	if (typeof value === 'string') printed = `"${value}"`;
	else if (value === undefined) printed = 'undefined';
	else {
		try {
			printed = JSON.stringify(value) ?? String(value);
		} catch {
			printed = String(value);
		}
	}
	return printed.length > 60 ? `${printed.slice(0, 57)}...` : printed;
}
