/**
 * The last stage: a page's text runs in display coordinates (points from the top-left corner of the
 * visible page, `/Rotate` applied), ready for layout analysis.
 */
import { TextInterpreter, type RawRun } from './content';
import type { PdfDocument, PdfPage } from './document';
import { rethrowLimit } from './errors';
import type { FontLoader } from './fonts';
import { type PdfDict, PdfStream } from './objects';
import type { XRef } from './xref';

export interface TextRun {
	text: string;
	/** Baseline start, points from the page's left edge. */
	x: number;
	/** Baseline, points from the page's top edge (y grows downwards). */
	y: number;
	/** Font size on the page, points. */
	fontSize: number;
	/** Advance width estimate, points (font programs are not read). */
	width: number;
	/** Writing direction, degrees clockwise from the x axis (0 = left to right; seals draw text turned). */
	angle: number;
}

/** A horizontal or vertical ruling line in display coordinates (x0 ≤ x1, y0 ≤ y1). */
export interface Rule {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export interface PageText {
	/** 1-based. */
	number: number;
	width: number;
	height: number;
	runs: TextRun[];
	/** Table grid lines. */
	rules: Rule[];
	/** Images drawn (XObjects and inline): a page with images and no text is a scan. */
	images: number;
}

/** The page's content streams, decoded and joined; a broken stream is skipped, not fatal. */
export function pageContent(xref: XRef, page: PdfDict): Uint8Array {
	const contents = xref.get(page, 'Contents');
	const streams = (Array.isArray(contents) ? contents.map((item) => xref.resolve(item)) : [contents]).filter(
		(item): item is PdfStream => item instanceof PdfStream,
	);
	const parts: Uint8Array[] = [];
	for (const stream of streams) {
		try {
			parts.push(xref.decode(stream));
		} catch (error) {
			rethrowLimit(error);
		}
	}
	if (parts.length === 1) return parts[0];
	// Streams of one page may split a token at their boundary only between tokens: join with a newline.
	const total = parts.reduce((sum, part) => sum + part.length + 1, 0);
	const joined = new Uint8Array(total);
	let at = 0;
	for (const part of parts) {
		joined.set(part, at);
		at += part.length;
		joined[at++] = 0x0a;
	}
	return joined;
}

export function pageText(document: PdfDocument, page: PdfPage, fonts: FontLoader): PageText {
	const interpreter = new TextInterpreter(document.xref, fonts);
	interpreter.run(pageContent(document.xref, page.dict), page.resources);
	const [x0, y0, x1, y1] = page.box;
	const turned = page.rotate === 90 || page.rotate === 270;
	const toDisplay = (px: number, py: number): [number, number] => {
		switch (page.rotate) {
			case 90:
				return [py - y0, px - x0];
			case 180:
				return [x1 - px, py - y0];
			case 270:
				return [y1 - py, x1 - px];
			default:
				return [px - x0, y1 - py];
		}
	};
	const width = turned ? y1 - y0 : x1 - x0;
	const height = turned ? x1 - x0 : y1 - y0;
	const runs: TextRun[] = [];
	for (const raw of interpreter.output.runs) {
		const run = displayRun(raw, toDisplay);
		// Text drawn outside the page is never seen (a 数电 file keeps a copy of a name far below it); pdf.js drops it too.
		const margin = run.fontSize;
		const endX = run.x + run.width * Math.cos((run.angle * Math.PI) / 180);
		const inX = (run.x >= -margin && run.x <= width + margin) || (endX >= -margin && endX <= width + margin);
		if (inX && run.y >= -margin && run.y <= height + margin) runs.push(run);
	}
	const rules = interpreter.output.rules.map((raw): Rule => {
		const [ax, ay] = toDisplay(raw.x0, raw.y0);
		const [bx, by] = toDisplay(raw.x1, raw.y1);
		return { x0: Math.min(ax, bx), y0: Math.min(ay, by), x1: Math.max(ax, bx), y1: Math.max(ay, by) };
	});
	return { number: page.number, width, height, runs, rules, images: interpreter.output.images };
}

function displayRun(raw: RawRun, toDisplay: (px: number, py: number) => [number, number]): TextRun {
	const [x, y] = toDisplay(raw.x, raw.y);
	const [endX, endY] = toDisplay(raw.endX, raw.endY);
	const width = Math.hypot(endX - x, endY - y);
	return {
		text: raw.text,
		x,
		y,
		fontSize: raw.fontSize,
		width,
		angle: width > 0 ? (Math.atan2(endY - y, endX - x) * 180) / Math.PI : 0,
	};
}
