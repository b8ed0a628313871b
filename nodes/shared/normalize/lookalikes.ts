/**
 * Look-alike code points that converters substitute for ordinary CJK characters: a PDF→OFD tool
 * that writes Kangxi radical `⼈` (U+2F08) for `人`, a font whose glyph maps to compatibility
 * ideograph `金` (U+F90A) instead of `金`. They print the same, but a lookup or a label match on
 * them fails, so values and labels fold them to the usual character. Nothing else is touched:
 * full-width `（）`, `：` and digits stay as printed (NFKC on the whole text would fold those too).
 */

/**
 * The blocks whose code points stand in for unified ideographs: Kangxi Radicals (U+2F00–U+2FDF),
 * CJK Radicals Supplement (U+2E80–U+2EFF, where Unicode's NFKC maps them: `⺟`, `⻳`), and the two
 * CJK Compatibility Ideographs blocks (U+F900–U+FAFF, U+2F800–U+2FA1F). NFKC maps every assigned
 * Kangxi radical and compatibility ideograph to exactly one unified ideograph; the dozen unified
 * ideographs inside U+FA0E–U+FA29 have no mapping and stay.
 */
const LOOKALIKE = /[\u{2E80}-\u{2EFF}\u{2F00}-\u{2FDF}\u{F900}-\u{FAFF}\u{2F800}-\u{2FA1F}]/gu;

/** NFKC of one look-alike code point when it is a single other character, else the code point itself. */
function usualCharacter(lookalike: string): string {
	const folded = lookalike.normalize('NFKC');
	if (folded === lookalike) return lookalike;
	return Array.from(folded).length === 1 ? folded : lookalike;
}

/**
 * `text` with every look-alike radical or compatibility ideograph replaced by the usual character
 * (`⼈⺠币` → `人⺠币`: U+2EA0 has no Unicode mapping and stays). Works on one glyph or a whole value.
 */
export function foldLookalikes(text: string): string {
	return text.replace(LOOKALIKE, usualCharacter);
}
