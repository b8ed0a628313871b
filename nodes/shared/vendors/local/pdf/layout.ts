/**
 * A page's text runs as visual lines of positioned glyphs. Text order in a PDF says nothing (the
 * 数电 files draw every label first and every value later), so everything downstream works from
 * where a glyph is drawn: lines by baseline, glyphs by x, labels by pattern over a line's glyphs.
 * Text is NFKC-normalized for matching (full-width `：（）` and CJK compatibility characters become
 * plain ones); each glyph also keeps the character as printed, for names.
 *
 * Works for any format's glyphs (`../page`): runs drawn twice for a bold effect count once, and a
 * page whose glyphs are each placed on their own with wide tracking (a converter's re-render) is
 * read at the em its glyphs are spaced by.
 */
import type { Rule, TextRun } from '../../../formats/pdf';
import { foldLookalikes } from '../../../normalize/parse';
import type { GlyphPage } from '../page/types';

export interface Glyph {
	/** NFKC-normalized character. */
	ch: string;
	/**
	 * The character as printed (full-width forms kept), look-alikes a converter substitutes (Kangxi
	 * radicals, CJK compatibility ideographs) as the usual character; '' on the second and later
	 * glyphs one printed character normalizes to.
	 */
	raw: string;
	x0: number;
	x1: number;
	/** Its own baseline (the line's may be a neighbour's). */
	y: number;
	size: number;
}

export interface Line {
	/** Baseline, points from the top. */
	y: number;
	/** The largest font size on the line. */
	size: number;
	/** Glyphs run by run, runs left to right, white-space included. */
	glyphs: Glyph[];
	/** The runs that made the line, left to right, as drawn (not normalized). */
	runs: TextRun[];
	/** The line's non-space characters, and which glyph each one is. */
	compact: string;
	compactGlyph: number[];
}

export interface PageLayout {
	number: number;
	width: number;
	height: number;
	lines: Line[];
	rules: Rule[];
}

/** Runs whose baselines differ by less than this share of the smaller font size are one line. */
const LINE_TOLERANCE = 0.45;
/** Runs of very different sizes are never one line (a 20 pt title over a 7 pt seal). */
const MAX_SIZE_RATIO = 1.6;
/** Text turned more than this (a seal's circle, a vertical stamp) is no line text. */
const MAX_ANGLE = 8;
/** Overlays the tax platform adds to a download, not part of the invoice (over a line's compact text). */
const WATERMARK = /下载次数:?\d*/g;
/** Copies of a run this close (share of its font size) are one run drawn again for a bold effect. */
const DUPLICATE_EM = 0.3;
/** Cell numbers of the duplicate grid: column × this + row (rows of a page stay far below it). */
const CELL_ROW = 1 << 24;
const CELL_CAPACITY = 64;
/** Glyphs spaced wider than this many ems, on a page of lone glyphs, are read at their spacing. */
const TRACKING_MIN = 1.5;


/** Relative advance of a character: CJK and full-width forms take a full em, the rest about half. */
function weight(ch: string): number {
	const code = ch.charCodeAt(0);
	if (ch === ' ') return 0.35;
	return code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 1 : 0.55;
}

/** The run's characters with estimated positions, normalized. */
function glyphsOf(run: TextRun): Glyph[] {
	// A lone ASCII or CJK glyph (a glyph-by-glyph page, an OFD): the whole run, nothing to split.
	if (run.text.length === 1) {
		const code = run.text.charCodeAt(0);
		if ((code > 0x20 && code < 0x80) || (code >= 0x4e00 && code <= 0x9fff)) {
			return [{ ch: run.text, raw: run.text, x0: run.x, x1: run.x + run.width, y: run.y, size: run.fontSize }];
		}
	}
	const chars = Array.from(run.text);
	const weights = chars.map(weight);
	const total = weights.reduce((sum, w) => sum + w, 0) || 1;
	const glyphs: Glyph[] = [];
	let x = run.x;
	chars.forEach((raw, i) => {
		const advance = (run.width * weights[i]) / total;
		const code = raw.charCodeAt(0);
		// ASCII and the unified CJK block are NFKC-stable: most glyphs skip the normalizer.
		const stable = raw.length === 1 && (code < 0x80 || (code >= 0x4e00 && code <= 0x9fff));
		const normalized = stable ? [raw] : Array.from(raw.normalize('NFKC'));
		const printed = stable ? raw : foldLookalikes(raw);
		const share = advance / Math.max(1, normalized.length);
		normalized.forEach((ch, k) => {
			const x0 = x + k * share;
			const space = /\s/.test(ch);
			glyphs.push({ ch: space ? ' ' : ch, raw: k > 0 ? '' : space ? ' ' : printed, x0, x1: x0 + share, y: run.y, size: run.fontSize });
		});
		x += advance;
	});
	return glyphs;
}

function finishLine(y: number, runs: TextRun[]): Line {
	// Run by run, left to right: a value box drawn over the end of its label must not shuffle the
	// two together (glyph x positions are estimates, runs are what the file says).
	runs.sort((a, b) => a.x - b.x);
	let glyphs = runs.flatMap(glyphsOf);
	glyphs = withoutWatermark(glyphs);
	let compact = '';
	const compactGlyph: number[] = [];
	glyphs.forEach((glyph, index) => {
		if (glyph.ch === ' ') return;
		compact += glyph.ch;
		compactGlyph.push(index);
	});
	const size = runs.reduce((max, run) => Math.max(max, run.fontSize), 0);
	return { y, size, glyphs, runs, compact, compactGlyph };
}

/** The glyphs of a line without the download watermark's (drawn on the same baseline as values). */
function withoutWatermark(glyphs: Glyph[]): Glyph[] {
	let compact = '';
	const index: number[] = [];
	glyphs.forEach((glyph, i) => {
		if (glyph.ch === ' ') return;
		compact += glyph.ch;
		index.push(i);
	});
	if (!compact.includes('下载次数')) return glyphs;
	const drop = new Set<number>();
	WATERMARK.lastIndex = 0;
	for (let match = WATERMARK.exec(compact); match; match = WATERMARK.exec(compact)) {
		for (let k = match.index; k < match.index + match[0].length; k++) drop.add(index[k]);
	}
	return glyphs.filter((_, i) => !drop.has(i));
}

/**
 * Runs sorted top to bottom, then left to right, with copies drawn over themselves dropped. Runs
 * are bucketed by text, size and a grid of `near`-sized cells, so a page of a million equal
 * glyphs is checked in linear time.
 */
function distinctRuns(runs: TextRun[]): TextRun[] {
	const sorted = runs.slice().sort((a, b) => a.y - b.y || a.x - b.x);
	const kept: TextRun[] = [];
	// Cell number → runs; cells numbered as integers (no string per lookup), text compared on a hit.
	const cells = new Map<number, TextRun[]>();
	const isCopy = (run: TextRun, other: TextRun, near: number) =>
		other.text === run.text && Math.abs(other.x - run.x) <= near && Math.abs(other.y - run.y) <= near && Math.abs(other.fontSize - run.fontSize) <= near;
	for (const run of sorted) {
		const near = DUPLICATE_EM * run.fontSize;
		const cx = Math.floor(run.x / near);
		const cy = Math.floor(run.y / near);
		let duplicate = false;
		for (let dx = -1; dx <= 1 && !duplicate; dx++) {
			for (let dy = -1; dy <= 1 && !duplicate; dy++) {
				const others = cells.get((cx + dx) * CELL_ROW + (cy + dy));
				if (others) for (const other of others) if (isCopy(run, other, near)) duplicate = true;
			}
		}
		if (duplicate) continue;
		kept.push(run);
		const key = cx * CELL_ROW + cy;
		const cell = cells.get(key);
		// Bounded: a hostile stack of different glyphs on one spot is compared with its first few only.
		if (cell) {
			if (cell.length < CELL_CAPACITY) cell.push(run);
		} else {
			cells.set(key, [run]);
		}
	}
	return kept;
}

/** One character (a surrogate pair counts as one). */
function isLone(text: string): boolean {
	return text.length === 1 || (text.length === 2 && text.charCodeAt(0) >= 0xd800 && text.charCodeAt(0) <= 0xdbff);
}

/**
 * How much wider than its font size a page spaces its glyphs: > 1 when most runs are lone glyphs
 * set far apart (a converter that places every glyph with a font size unlike the one it draws),
 * else 1. Measured as the median distance between neighbouring lone CJK glyphs on one baseline.
 */
function trackingScale(runs: TextRun[]): number {
	let lone = 0;
	const pitches: number[] = [];
	for (let i = 0; i < runs.length; i++) {
		const run = runs[i];
		if (!isLone(run.text)) continue;
		lone++;
		const next = runs[i + 1];
		if (!next || !isLone(next.text) || Math.abs(next.y - run.y) > run.fontSize * 0.2) continue;
		if (run.text.charCodeAt(0) < 0x2e80 || next.text.charCodeAt(0) < 0x2e80) continue;
		const pitch = (next.x - run.x) / run.fontSize;
		if (pitch > 0 && pitch < 6) pitches.push(pitch);
	}
	if (lone < runs.length * 0.6 || pitches.length < 20) return 1;
	pitches.sort((a, b) => a - b);
	const median = pitches[Math.floor(pitches.length / 2)];
	return median > TRACKING_MIN ? median : 1;
}

export function layoutPage(page: GlyphPage): PageLayout {
	let runs = distinctRuns(
		page.runs
			.filter((run) => run.text.trim() !== '' && run.fontSize > 0)
			.filter((run) => Math.abs(run.angle) <= MAX_ANGLE)
			// Drawn outside the page: a hidden copy, never seen.
			.filter((run) => run.x >= -1 && run.x <= page.width + 1 && run.y >= -1 && run.y <= page.height + run.fontSize),
	);
	const scale = trackingScale(runs);
	if (scale !== 1) runs = runs.map((run) => ({ ...run, fontSize: run.fontSize * scale, width: run.width * scale }));
	// `size`: the line's largest font; `sizes`: every font size on it (a 15 pt word beside 9 pt labels
	// must not keep an 8 pt value off the line).
	const open: Array<{ y: number; size: number; sizes: number[]; runs: TextRun[] }> = [];
	const lines: Line[] = [];
	for (const run of runs) {
		// The line it sits on: close in baseline and in font size (a 9.9 pt label between an 8.5 pt
		// value and a 15 pt word 0.3 pt nearer belongs with the value).
		let best: (typeof open)[number] | null = null;
		let bestScore = Infinity;
		for (const line of open) {
			const smaller = Math.min(line.size, run.fontSize);
			const distance = Math.abs(line.y - run.y);
			let ratio = Infinity;
			for (const size of line.sizes) ratio = Math.min(ratio, Math.max(size, run.fontSize) / Math.min(size, run.fontSize));
			if (distance <= LINE_TOLERANCE * smaller && ratio <= MAX_SIZE_RATIO) {
				const score = distance / smaller + Math.log(ratio);
				if (score < bestScore) {
					best = line;
					bestScore = score;
				}
			}
		}
		if (best) {
			best.runs.push(run);
			best.size = Math.max(best.size, run.fontSize);
			if (!best.sizes.includes(run.fontSize) && best.sizes.length < 8) best.sizes.push(run.fontSize);
		} else {
			open.push({ y: run.y, size: run.fontSize, sizes: [run.fontSize], runs: [run] });
		}
		// Lines far above this run can take no later run (runs come top to bottom).
		for (let i = open.length - 1; i >= 0; i--) {
			if (run.y - open[i].y > open[i].size * 2) {
				const [done] = open.splice(i, 1);
				lines.push(finishLine(done.y, done.runs));
			}
		}
	}
	for (const line of open) lines.push(finishLine(line.y, line.runs));
	lines.sort((a, b) => a.y - b.y);
	return { number: page.number, width: page.width, height: page.height, lines, rules: page.rules };
}

/**
 * Glyphs `from`–`to` (exclusive) as text: runs of spaces collapse (unless `keepSpaces`: remarks
 * keep their layout), and a wide gap with no space drawn reads as one.
 */
export function glyphText(line: Line, from: number, to: number, keepSpaces = false, printed = false): string {
	let out = '';
	let previous: Glyph | null = null;
	for (let i = from; i < to; i++) {
		const glyph = line.glyphs[i];
		if (glyph.ch === ' ') {
			if (out !== '' && (keepSpaces || !out.endsWith(' '))) out += ' ';
			continue;
		}
		if (previous && glyph.x0 - previous.x1 > glyph.size * 0.6 && !out.endsWith(' ')) out += ' ';
		out += printed ? glyph.raw : glyph.ch;
		previous = glyph;
	}
	return out.trim();
}

/** A line as plain text, for `origin.raw`: wide gaps become two spaces, like `pdftotext -layout`. */
export function lineText(line: Line): string {
	let out = '';
	let previous: Glyph | null = null;
	for (const glyph of line.glyphs) {
		if (glyph.ch === ' ') continue;
		if (previous) {
			const gap = glyph.x0 - previous.x1;
			if (gap > glyph.size * 1.5) out += '  ';
			else if (gap > glyph.size * 0.3) out += ' ';
		}
		out += glyph.ch;
		previous = glyph;
	}
	return out;
}

/** A stretch of a line: glyph indices `[start, end)` and where it lies. */
export interface Span {
	line: Line;
	start: number;
	end: number;
	x0: number;
	x1: number;
}

/** The spans of a line's compact text that `pattern` (global) matches. */
export function findOnLine(line: Line, pattern: RegExp): Span[] {
	const spans: Span[] = [];
	pattern.lastIndex = 0;
	for (let match = pattern.exec(line.compact); match; match = pattern.exec(line.compact)) {
		if (match[0] === '') {
			pattern.lastIndex++;
			continue;
		}
		const start = line.compactGlyph[match.index];
		const end = line.compactGlyph[match.index + match[0].length - 1] + 1;
		spans.push({ line, start, end, x0: line.glyphs[start].x0, x1: line.glyphs[end - 1].x1 });
	}
	return spans;
}

/**
 * Cells: stretches of non-space glyphs whose gaps stay under `gapEm` of the font size, or under
 * the next grid boundary when `boundaries` are given (a cell never crosses a table rule).
 */
export function cellsOf(line: Line, gapEm: number, boundaries: number[] = []): Span[] {
	const cells: Span[] = [];
	let current: Span | null = null;
	const side = (x: number): number => {
		let k = 0;
		while (k < boundaries.length && boundaries[k] <= x) k++;
		return k;
	};
	line.glyphs.forEach((glyph, index) => {
		if (glyph.ch === ' ') return;
		const center = (glyph.x0 + glyph.x1) / 2;
		if (current) {
			const previous = line.glyphs[current.end - 1];
			const gap = glyph.x0 - previous.x1;
			const crosses = boundaries.length > 0 && side(center) !== side((previous.x0 + previous.x1) / 2);
			if (gap <= glyph.size * gapEm && !crosses) {
				current.end = index + 1;
				current.x1 = glyph.x1;
				return;
			}
		}
		current = { line, start: index, end: index + 1, x0: glyph.x0, x1: glyph.x1 };
		cells.push(current);
	});
	return cells;
}

export function spanText(span: Span, printed = false): string {
	return glyphText(span.line, span.start, span.end, false, printed);
}

/** A title written top to bottom, one character per line (购/买/方, 备/注, 密/码/区). */
export interface VerticalTitle {
	text: string;
	x0: number;
	x1: number;
	/** Baselines of the first and last character. */
	top: number;
	bottom: number;
	size: number;
	glyphs: Set<Glyph>;
}

/** How many lone characters after one the next character of its vertical title may come. */
const VERTICAL_LOOKAHEAD = 400;
/** Lone Chinese characters stacked at one x, at most this many ems apart, form a vertical title. */
const VERTICAL_STEP_EM = 4;
/** A title character stands apart: the text beside it starts at least this share of an em away. */
export const TITLE_GAP_EM = 0.4;

export function verticalTitles(layout: PageLayout): VerticalTitle[] {
	const singles: Array<{ cell: Span; ch: string; y: number; size: number }> = [];
	for (const line of layout.lines) {
		for (const cell of cellsOf(line, TITLE_GAP_EM)) {
			const value = spanText(cell);
			if (/^[\u4e00-\u9fff]$/.test(value)) singles.push({ cell, ch: value, y: line.glyphs[cell.start].y, size: line.size });
		}
	}
	const used = new Set<number>();
	const titles: VerticalTitle[] = [];
	singles.forEach((first, i) => {
		if (used.has(i)) return;
		const members = [first];
		let last = first;
		let step = 0;
		// Bounded: a title's next character is among the next few lone characters (hostile pages have millions).
		for (let k = i + 1; k < singles.length && k - i <= VERTICAL_LOOKAHEAD; k++) {
			const next = singles[k];
			if (used.has(k) || next.y <= last.y) continue;
			if (next.y - last.y > last.size * VERTICAL_STEP_EM) break;
			if (Math.abs(next.cell.x0 - last.cell.x0) < last.size * 0.5) {
				// A title's characters are evenly spaced: a table header's 数 below 销/售/方/信/息 is not one.
				if (step > 0 && Math.abs(next.y - last.y - step) > step * 0.35) break;
				if (step === 0) step = next.y - last.y;
				members.push(next);
				used.add(k);
				last = next;
			}
		}
		if (members.length < 2) return;
		used.add(i);
		const glyphs = new Set<Glyph>();
		for (const member of members) for (let g = member.cell.start; g < member.cell.end; g++) glyphs.add(member.cell.line.glyphs[g]);
		titles.push({
			text: members.map((member) => member.ch).join(''),
			x0: Math.min(...members.map((member) => member.cell.x0)),
			x1: Math.max(...members.map((member) => member.cell.x1)),
			top: first.y,
			bottom: last.y,
			size: first.size,
			glyphs,
		});
	});
	return titles;
}
