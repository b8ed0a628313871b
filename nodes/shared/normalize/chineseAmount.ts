/**
 * 大写 (capital-numeral) money amounts as printed on invoices, parsed to integer fen so they
 * can be compared with the numeric total without float drift.
 *
 * Accepted: 零壹贰叁肆伍陆柒捌玖, 拾佰仟, 万, 亿, 圆 (or 元), 角, 分, 整 (or 正); an optional 零
 * wherever the rules allow one; prefixes ⊗ / ⓧ (anti-insertion marks), 人民币, and (负数) for
 * red-letter (negative) invoices. Everyday numerals (一二三, 两), 毛 and 另 are not capitals:
 * such strings are rejected, as is anything ambiguous. Input goes through the parsers' common
 * entry (`normalizedText`: NFKC, so compatibility ideographs and full-width brackets fold).
 */
import { normalizedText } from './parse';

const DIGIT_VALUES: Readonly<Record<string, number>> = {
	零: 0,
	壹: 1,
	贰: 2,
	叁: 3,
	肆: 4,
	伍: 5,
	陆: 6,
	柒: 7,
	捌: 8,
	玖: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 拾: 10, 佰: 100, 仟: 1000 };

/** Traditional forms and printed synonyms, folded to one spelling before parsing. */
const SYNONYMS: Readonly<Record<string, string>> = {
	元: '圆',
	圓: '圆',
	正: '整',
	貳: '贰',
	參: '叁',
	陸: '陆',
	萬: '万',
	億: '亿',
	'（': '(',
	'）': ')',
};

const NEGATIVE_MARKERS = ['(负数)', '负数', '-', '－'];
/** ⊗ is printed before the 大写 total so nothing can be written in front of it. */
const PRINTED_MARKS = ['⊗', 'ⓧ', 'Ⓧ', '⨂'];
const CURRENCY_PREFIXES = ['人民币:', '人民币：', '人民币'];

const FRACTION = /^零?(?:([零壹贰叁肆伍陆柒捌玖])角)?零?(?:([零壹贰叁肆伍陆柒捌玖])分)?整?$/;

/** One 万-group (value below 10 000) of the integer part, or null when malformed or ambiguous. */
function parseGroup(
	group: string,
	options: { leading: boolean; unitsGroup: boolean },
): number | null {
	let value = 0;
	let pendingDigit: number | null = null;
	// The unit of the previous digit; a group after 万/亿 starts as if after 万.
	let previousUnit = options.leading ? Infinity : 10000;
	let zeroSinceUnit = false;
	let first = true;
	for (const char of group) {
		if (char === '零') {
			if (pendingDigit !== null) return null;
			zeroSinceUnit = true;
		} else if (char in DIGIT_VALUES) {
			if (pendingDigit !== null) return null;
			pendingDigit = DIGIT_VALUES[char];
		} else if (char in SMALL_UNITS) {
			const unit = SMALL_UNITS[char];
			let multiplier = pendingDigit;
			// 拾伍圆 (15) is an accepted short form of 壹拾伍圆, only at the very start.
			if (multiplier === null && unit === 10 && first && options.leading) multiplier = 1;
			if (multiplier === null || unit >= previousUnit) return null;
			value += multiplier * unit;
			previousUnit = unit;
			pendingDigit = null;
			zeroSinceUnit = false;
		} else {
			return null;
		}
		first = false;
	}
	if (pendingDigit !== null) {
		// A bare last digit after a skipped place reads two ways: 壹佰伍 is 150 colloquially
		// but 105 in form; 壹万伍 is 15 000 or 10 005. Only a 零 makes it certain.
		const skipped = previousUnit !== Infinity && previousUnit > 10;
		if (skipped && !zeroSinceUnit && (previousUnit !== 10000 || options.unitsGroup)) return null;
		value += pendingDigit;
	}
	return value;
}

/** Integer part below 亿: `[group 万] group`. */
function parseBelowHundredMillion(text: string, leading: boolean): number | null {
	const parts = text.split('万');
	if (parts.length > 2) return null;
	if (parts.length === 1) {
		if (leading && text === '') return null;
		return parseGroup(text, { leading, unitsGroup: true });
	}
	const [high, low] = parts;
	if (high === '' || high === '零') return null;
	const highValue = parseGroup(high, { leading, unitsGroup: false });
	const lowValue = parseGroup(low, { leading: false, unitsGroup: true });
	if (highValue === null || lowValue === null || highValue === 0) return null;
	return highValue * 10000 + lowValue;
}

/** The whole integer part (before 圆), including 亿 groups (and 万亿). */
function parseInteger(text: string, leading = true): number | null {
	const at = text.lastIndexOf('亿');
	if (at < 0) return parseBelowHundredMillion(text, leading);
	const high = text.slice(0, at);
	if (high === '') return null;
	const highValue = parseInteger(high, leading);
	const lowValue = parseBelowHundredMillion(text.slice(at + 1), false);
	if (highValue === null || lowValue === null || highValue === 0) return null;
	return highValue * 100000000 + lowValue;
}

function stripPrefixes(text: string): { rest: string; negative: boolean } {
	let rest = text;
	let negative = false;
	let changed = true;
	while (changed) {
		changed = false;
		for (const prefix of [...NEGATIVE_MARKERS, ...PRINTED_MARKS, ...CURRENCY_PREFIXES]) {
			if (rest.startsWith(prefix)) {
				if (NEGATIVE_MARKERS.includes(prefix)) negative = true;
				rest = rest.slice(prefix.length);
				changed = true;
			}
		}
	}
	return { rest, negative };
}

/**
 * A 大写 amount → integer fen (negative for red-letter invoices), or null when the text is
 * not a well-formed capital amount. `壹仟零壹拾圆伍角整` → 101050, `(负数)壹佰圆整` → -10000.
 */
export function parseChineseAmountToFen(printed: unknown): number | null {
	if (typeof printed !== 'string') return null;
	const normalized = normalizedText(printed);
	if (normalized === null) return null;
	const folded = Array.from(normalized.replace(/\s/g, ''))
		.map((char) => SYNONYMS[char] ?? char)
		.join('');
	const { rest, negative } = stripPrefixes(folded);
	if (rest === '') return null;

	const yuanParts = rest.split('圆');
	if (yuanParts.length > 2) return null;
	let yuan = 0;
	let fractionText: string;
	if (yuanParts.length === 2) {
		const parsed = parseInteger(yuanParts[0]);
		if (parsed === null) return null;
		yuan = parsed;
		fractionText = yuanParts[1];
	} else {
		// No 圆: only amounts below one yuan (伍角整, 叁角伍分).
		fractionText = rest;
		if (!/[角分]/.test(fractionText)) return null;
	}
	const fraction = FRACTION.exec(fractionText);
	if (!fraction) return null;
	const jiao = fraction[1] === undefined ? 0 : DIGIT_VALUES[fraction[1]];
	const fen = fraction[2] === undefined ? 0 : DIGIT_VALUES[fraction[2]];
	const total = yuan * 100 + jiao * 10 + fen;
	if (!Number.isSafeInteger(total)) return null;
	return negative && total !== 0 ? -total : total;
}

/** Yuan → integer fen, rounding away binary noise (`0.1 + 0.2`); null for non-finite input. */
export function fenFromYuan(yuan: number): number | null {
	if (typeof yuan !== 'number' || !Number.isFinite(yuan)) return null;
	const fen = Math.round(Math.abs(yuan) * 100);
	return yuan < 0 && fen !== 0 ? -fen : fen;
}

/** Integer fen → yuan text with two decimals: 101050 → `1010.50`, -5 → `-0.05`. */
export function formatFen(fen: number): string {
	const sign = fen < 0 ? '-' : '';
	const absolute = Math.abs(Math.round(fen));
	const fraction = String(absolute % 100).padStart(2, '0');
	return `${sign}${Math.floor(absolute / 100)}.${fraction}`;
}
