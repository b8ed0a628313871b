/**
 * Parsers for the values vendors print: one place for money, dates, digits and masks,
 * so every adapter turns `¥1,010.50`, `2019年1月14日` and `***` into the same thing.
 */

/** Values vendors use for "unreadable" or "hidden": they mean "no value", never zero. */
const MASKED = /^[*＊]+$/;

/** Trimmed text, or null for empty, whitespace-only and masked (`***`) values. */
export function text(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
	if (typeof value !== 'string') return null;
	const trimmed = value.replace(/\u3000/g, ' ').trim();
	if (trimmed === '' || MASKED.test(trimmed)) return null;
	return trimmed;
}

/** Digits only (spaces and separators removed), or null when nothing numeric is left. */
export function digits(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	const only = raw.replace(/[\s\u00a0-]/g, '');
	return /^\d+$/.test(only) ? only : null;
}

/**
 * Invoice code/number as printed: spaces removed, letters kept (some tickets carry them),
 * `No.` / `No:` prefixes dropped.
 */
export function identifier(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	const cleaned = raw
		.replace(/^(no|№)\s*[.:：]?\s*/i, '')
		.replace(/[\s\u00a0]/g, '');
	return cleaned === '' ? null : cleaned;
}

/**
 * A money amount in yuan: `¥1,010.50` → 1010.5, `￥-3.00` → -3, `(负数)12.00` → -12,
 * `500.00元` → 500. Null for masked, empty or non-numeric values.
 */
export function money(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const raw = text(value);
	if (raw === null) return null;
	let negative = false;
	let cleaned = raw;
	if (/^[(（]?负数[)）]?/.test(cleaned)) {
		negative = true;
		cleaned = cleaned.replace(/^[(（]?负数[)）]?/, '');
	}
	cleaned = cleaned.replace(/[¥￥,，\s]|人民币|元|圆|RMB|CNY/gi, '');
	if (cleaned.startsWith('-')) {
		negative = !negative;
		cleaned = cleaned.slice(1);
	}
	if (!/^\d+(\.\d+)?$/.test(cleaned)) return null;
	const amount = Number(cleaned);
	// Round to fen so binary float noise never reaches arithmetic checks.
	const rounded = Math.round(amount * 100) / 100;
	return negative ? -rounded : rounded;
}

/** A plain quantity or unit price: like money, but keeps every decimal the vendor printed. */
export function decimal(value: unknown): number | null {
	if (typeof value === 'number') return Number.isFinite(value) ? value : null;
	const raw = text(value);
	if (raw === null) return null;
	const cleaned = raw.replace(/[¥￥,，\s]|元/g, '');
	if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
	return Number(cleaned);
}

/**
 * Tax rate as a fraction: `13%` → 0.13, `0.06` → 0.06, `6` → 0.06.
 * Null for 免税 / 不征税 / 免征 / `***` and anything non-numeric.
 */
export function taxRate(value: unknown): number | null {
	if (typeof value === 'number') return value > 1 ? round4(value / 100) : value;
	const raw = text(value);
	if (raw === null) return null;
	const cleaned = raw.replace(/\s/g, '');
	const percent = /^(\d+(?:\.\d+)?)[%％]$/.exec(cleaned);
	if (percent) return round4(Number(percent[1]) / 100);
	if (/^\d+(\.\d+)?$/.test(cleaned)) {
		const n = Number(cleaned);
		return n > 1 ? round4(n / 100) : n;
	}
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
 * A date in any printed form → `YYYY-MM-DD`, or null.
 * Handles `2019年1月14日`, `2018年12月31日20:00开`, `20191211`, `2019-12-11`, `2019/12/11`,
 * `2019.12.11` and ISO timestamps.
 */
export function date(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	const s = raw.replace(/\s/g, '');
	const chinese = /^(\d{4})年(\d{1,2})月(\d{1,2})日?/.exec(s);
	if (chinese) return validDate(Number(chinese[1]), Number(chinese[2]), Number(chinese[3]));
	const separated = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})/.exec(s);
	if (separated) {
		return validDate(Number(separated[1]), Number(separated[2]), Number(separated[3]));
	}
	const compact = /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(s);
	if (compact) return validDate(Number(compact[1]), Number(compact[2]), Number(compact[3]));
	return null;
}

/** A time of day `HH:MM` from `20:00开`, `09:00`, `2018年12月31日20:00开`; null otherwise. */
export function timeOfDay(value: unknown): string | null {
	const raw = text(value);
	if (raw === null) return null;
	const match = /(\d{1,2})[:：](\d{2})/.exec(raw);
	if (!match) return null;
	const hours = Number(match[1]);
	const minutes = Number(match[2]);
	if (hours > 23 || minutes > 59) return null;
	return `${pad2(hours)}:${match[2]}`;
}

/** Date plus time when both are printed: `2018年12月31日20:00开` → `2018-12-31 20:00`. */
export function dateTime(value: unknown): string | null {
	const day = date(value);
	if (day === null) return null;
	const raw = text(value) ?? '';
	const afterDate = raw.replace(/^\d{4}\D\d{1,2}\D\d{1,2}\D?/, '');
	const time = timeOfDay(afterDate);
	return time ? `${day} ${time}` : day;
}

/** An integer page/angle/etc., or null. */
export function integer(value: unknown): number | null {
	if (typeof value === 'number') return Number.isInteger(value) ? value : Math.round(value);
	const raw = text(value);
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
