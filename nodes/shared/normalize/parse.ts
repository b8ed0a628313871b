/**
 * Parsers for the values vendors print: one place for money, dates, digits and masks,
 * so every adapter turns `¥1,010.50`, `2019年1月14日` and `***` into the same thing.
 */

import { foldLookalikes } from './lookalikes';

export { foldLookalikes };

/** Values vendors use for "unreadable" or "hidden": they mean "no value", never zero. */
const MASKED = /^[*＊]+$/;

/** ⓧ and Ⓧ are printed anti-insertion marks (before a 大写 total), not letters: NFKC would make them x. */
const CIRCLED_X = /[ⓧⓍ]/g;

/**
 * The common entry of every parser that reads a value (digits, codes, money, rates, dates, times):
 * the vendor's value as text, NFKC-normalized once here, so full-width forms (`２０１９年１月４日`,
 * `１０１０.５０`, `１３％`, `：`, `（负数）`) read like plain ones; trimmed; null when empty or masked.
 * Printed text (names, titles, remarks: `text`) is kept as printed, full-width brackets included.
 */
export function normalizedText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value !== 'string') return null;
	const normalized = value.replace(CIRCLED_X, '⊗').normalize('NFKC').trim();
	if (normalized === '' || MASKED.test(normalized)) return null;
	return normalized;
}

/** Trimmed text as printed, or null for empty, whitespace-only and masked (`***`) values. */
export function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value !== 'string') return null;
	const trimmed = value.replace(/\u3000/g, ' ').trim();
	if (trimmed === '' || MASKED.test(trimmed)) return null;
	return trimmed;
}

/**
 * A name, title or item name as printed on the invoice: trimmed, each whitespace run (ideographic
 * space included) one space, and look-alike code points that converters substitute (Kangxi
 * radicals, CJK compatibility ideographs) folded to the usual character. Everything else stays as
 * printed: full-width `（）` are what the tax system registers, so a supplier lookup needs them.
 * Null for empty, whitespace-only and masked (`***`) values.
 */
export function printedText(value: unknown): string | null {
	const trimmed = text(value);
	if (trimmed === null) return null;
	return foldLookalikes(trimmed.replace(/\s+/g, ' '));
}

/** Digits only (spaces and separators removed), or null when nothing numeric is left. */
export function digits(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const only = raw.replace(/[\s-]/g, '');
	return /^\d+$/.test(only) ? only : null;
}

/**
 * Invoice code/number as printed: spaces removed, letters kept (some tickets carry them),
 * `No.` / `No:` prefixes dropped.
 */
export function identifier(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const cleaned = raw
		.replace(/^no\s*[.:]?\s*/i, '')
		.replace(/\s/g, '');
	return cleaned === '' ? null : cleaned;
}

/**
 * A number as printed, without its currency and unit marks: plain (`1010.50`) or grouped by
 * thousands (`1,010.50`). Any other comma (`1.010,50`, `10,5`) makes it unreadable rather than a
 * different number.
 */
function plainNumber(printed: string): string | null {
	if (/^\d+(\.\d+)?$/.test(printed)) return printed;
	if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(printed)) return printed.replace(/,/g, '');
	return null;
}

/** The sign of a printed amount (`-`, `(负数)`) and the rest of it. */
function splitSign(printed: string): { negative: boolean; rest: string } {
	let negative = false;
	let rest = printed;
	if (/^\(?负数\)?/.test(rest)) {
		negative = true;
		rest = rest.replace(/^\(?负数\)?/, '');
	}
	rest = rest.replace(/[¥\s]|人民币|元|圆|RMB|CNY/gi, '');
	if (rest.startsWith('-')) {
		negative = !negative;
		rest = rest.slice(1);
	}
	return { negative, rest };
}

/**
 * A money amount in yuan: `¥1,010.50` → 1010.5, `￥-3.00` → -3, `(负数)12.00` → -12,
 * `500.00元` → 500, `１０１０.５０` → 1010.5. Null for masked, empty or non-numeric values, and for
 * separators that do not read one way (`1.010,50`).
 */
export function money(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const raw = normalizedText(value);
	if (raw === null) return null;
	const { negative, rest } = splitSign(raw);
	const plain = plainNumber(rest);
	if (plain === null) return null;
	// Round to fen so binary float noise never reaches arithmetic checks.
	const rounded = Math.round(Number(plain) * 100) / 100;
	return negative && rounded !== 0 ? -rounded : rounded;
}

/** A plain quantity or unit price: like money, but keeps every decimal the vendor printed. */
export function decimal(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const raw = normalizedText(value);
	if (raw === null) return null;
	const unsigned = raw.replace(/[¥\s]|元/g, '');
	const negative = unsigned.startsWith('-');
	const plain = plainNumber(negative ? unsigned.slice(1) : unsigned);
	if (plain === null) return null;
	return negative ? -Number(plain) : Number(plain);
}

/**
 * A rate read as a number: below 1 it is a fraction (`0.13`, `0.015`), from 1 up a percent
 * (`13`, `3`, `1`, `1.5`): 100% is never a tax rate, 1% is.
 */
function rateFromNumber(n: number): number {
	return n >= 1 ? round4(n / 100) : n;
}

/**
 * Tax rate as a fraction: `13%` → 0.13, `0.06` → 0.06, `6` → 0.06, `1` → 0.01, `１３％` → 0.13.
 * A bare number below 1 is a fraction, from 1 up a percent. Null for 免税 / 不征税 / 免征 / `***`
 * and anything non-numeric.
 */
export function taxRate(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? rateFromNumber(value) : null;
	const raw = normalizedText(value);
	if (raw === null) return null;
	const cleaned = raw.replace(/\s/g, '');
	const percent = /^(\d+(?:\.\d+)?)%$/.exec(cleaned);
	if (percent) return round4(Number(percent[1]) / 100);
	if (/^\d+(\.\d+)?$/.test(cleaned)) return rateFromNumber(Number(cleaned));
	return null;
}

function round4(n: number): number {
	return Math.round(n * 10000) / 10000;
}

function pad2(n: number): string {
	return n < 10 ? `0${n}` : String(n);
}

function validDate(year: number, month: number, day: number): string | null {
	if (month < 1 || month > 12 || day < 1 || day > 31) return null;
	const date = new Date(Date.UTC(year, month - 1, day));
	if (date.getUTCMonth() !== month - 1) return null;
	return `${year}-${pad2(month)}-${pad2(day)}`;
}

/**
 * The printed date forms at the start of a value, each as year, month and day groups:
 * `2019年1月14日`, `2019-12-11` (also `/` and `.`, and ISO timestamps), `20191211`. A time may
 * follow (`20191211 20:00`, `2018年12月31日20:00开`); digits running on after the day do not.
 */
const DATE_FORMS: readonly RegExp[] = [
	/^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})(?!\d)\s*日?/,
	/^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)/,
	/^(\d{4})(\d{2})(\d{2})(?!\d)/,
];

function matchDate(raw: string): { iso: string | null; length: number } | null {
	for (const form of DATE_FORMS) {
		const match = form.exec(raw);
		if (match) {
			return {
				iso: validDate(Number(match[1]), Number(match[2]), Number(match[3])),
				length: match[0].length,
			};
		}
	}
	return null;
}

/** A date in any printed form → `YYYY-MM-DD`, or null (see DATE_FORMS). */
export function date(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	return matchDate(raw)?.iso ?? null;
}

/** A time of day `HH:MM` from `20:00开`, `09:00`, `2018年12月31日20:00开`; null otherwise. */
export function timeOfDay(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const match = /(\d{1,2}):(\d{2})/.exec(raw);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (hours > 23 || minutes > 59) return null;
	return `${pad2(hours)}:${match[2]}`;
}

/**
 * Date plus time when both are printed: `2018年12月31日20:00开` → `2018-12-31 20:00`,
 * `20191211 20:00` → `2019-12-11 20:00`.
 */
export function dateTime(value: unknown): string | null {
	const raw = normalizedText(value);
	if (raw === null) return null;
	const matched = matchDate(raw);
	if (matched === null || matched.iso === null) return null;
	const time = timeOfDay(raw.slice(matched.length));
	return time ? `${matched.iso} ${time}` : matched.iso;
}

/** An integer page/angle/etc., or null. */
export function integer(value: unknown): number | null {
	if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value);
	const raw = normalizedText(value);
	if (raw === null || !/^-?\d+$/.test(raw)) return null;
	return Number(raw);
}

/** Stringify every vendor value for `fields` without losing arrays and objects. */
export function fieldValue(value: unknown): unknown {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || Array.isArray(value) || typeof value === 'object') return value;
	return String(value);
}

export function emptyParty(): { name: null; taxId: null; addressPhone: null; bankAccount: null } {
	return { name: null, taxId: null, addressPhone: null, bankAccount: null };
}
