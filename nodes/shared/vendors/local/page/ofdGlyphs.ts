/**
 * An OFD page's printed text as positioned glyphs (GB/T 33190 §11): every `TextObject` of the page
 * and of the templates it draws on, each `TextCode`'s characters placed from its `X`/`Y` and its
 * `DeltaX`/`DeltaY` advances (with the `g <count> <value>` repeat syntax), through the object's
 * `CTM` into its `Boundary`, in millimetres turned to points so that the geometry reader works in
 * the same units for OFD and PDF. Axis-aligned path segments become rules (table grids).
 */
import { attributeByName, childByName, localName, type XmlElement } from '../../../formats/xml';
import type { GlyphPage, PageRule, PageRun } from './types';

/** Points per millimetre. */
const POINTS_PER_MM = 72 / 25.4;
/** Bounds for hostile pages: glyphs and rules per page, repeats per `g` group, nesting depth. */
export const OFD_GLYPH_LIMITS = { glyphs: 200_000, rules: 20_000, repeat: 10_000, depth: 64 };

export interface OfdPageSource {
	/** 1-based page number. */
	number: number;
	/** The page's `Content.xml` root (`ofd:Page`). */
	page: XmlElement;
	/** Roots of the template pages it draws on (`Tpls/…/Content.xml`), drawn beneath the page. */
	templates?: XmlElement[];
	/** `Document.xml` `CommonData/PageArea/PhysicalBox` (mm): the size of pages that give none. */
	defaultBox?: string | null;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

function numbers(value: string | undefined): number[] {
	if (value === undefined) return [];
	return value
		.trim()
		.split(/[\s,]+/)
		.filter((part) => part !== '')
		.map(Number);
}

function matrixOf(value: string | undefined): Matrix {
	const parts = numbers(value);
	return parts.length === 6 && parts.every(Number.isFinite) ? (parts as Matrix) : IDENTITY;
}

/** `DeltaX="g 19 1.5875"`, `"9 g 2 4.158 4"`: advances, repeats expanded up to `max` entries. */
export function expandDeltas(value: string | undefined, max: number): number[] {
	if (value === undefined) return [];
	const tokens = value.trim().split(/[\s,]+/);
	const out: number[] = [];
	for (let i = 0; i < tokens.length && out.length < max; i++) {
		if (tokens[i] === 'g') {
			const count = Math.min(Number(tokens[i + 1]), OFD_GLYPH_LIMITS.repeat, max - out.length);
			const delta = Number(tokens[i + 2]);
			i += 2;
			if (!Number.isFinite(count) || !Number.isFinite(delta)) continue;
			for (let k = 0; k < count; k++) out.push(delta);
		} else {
			const delta = Number(tokens[i]);
			if (Number.isFinite(delta)) out.push(delta);
		}
	}
	return out;
}

/** Advance of a character when no delta is given, in ems: CJK and full-width forms a full em. */
function defaultAdvance(ch: string): number {
	const code = ch.charCodeAt(0);
	return code >= 0x2e80 || (code >= 0xff00 && code <= 0xffef) ? 1 : 0.5;
}

function boxOf(value: string | null | undefined): { width: number; height: number } | null {
	const parts = numbers(value ?? undefined);
	if (parts.length !== 4 || !parts.every(Number.isFinite) || parts[2] <= 0 || parts[3] <= 0) return null;
	return { width: parts[2], height: parts[3] };
}

interface Collector {
	runs: PageRun[];
	rules: PageRule[];
	images: number;
}

function textCodes(element: XmlElement): XmlElement[] {
	return element.children.filter((child): child is XmlElement => typeof child !== 'string' && localName(child.name) === 'TextCode');
}

function addTextObject(object: XmlElement, out: Collector): void {
	const [bx = 0, by = 0] = numbers(attributeByName(object, 'Boundary'));
	const [a, b, c, d, e, f] = matrixOf(attributeByName(object, 'CTM'));
	const size = Number(attributeByName(object, 'Size') ?? '0');
	if (!Number.isFinite(size) || size <= 0) return;
	const hScale = Number(attributeByName(object, 'HScale') ?? '1') || 1;
	const xScale = Math.hypot(a, b);
	const yScale = Math.hypot(c, d);
	const fontSize = size * yScale * POINTS_PER_MM;
	if (!Number.isFinite(fontSize) || fontSize <= 0) return;
	const angle = (Math.atan2(b, a) * 180) / Math.PI;
	let x = 0;
	let y = 0;
	for (const code of textCodes(object)) {
		let value = '';
		for (const part of code.children) if (typeof part === 'string') value += part;
		// Pretty-printed XML wraps values in line breaks and indentation: not text (DeltaX does not count it).
		const chars = Array.from(value.replace(/^\s*[\r\n]\s*/, '').replace(/\s*[\r\n]\s*$/, ''));
		if (chars.length === 0) continue;
		const codeX = attributeByName(code, 'X');
		const codeY = attributeByName(code, 'Y');
		// A TextCode without X or Y continues where the previous one ended.
		if (codeX !== undefined && Number.isFinite(Number(codeX))) x = Number(codeX);
		if (codeY !== undefined && Number.isFinite(Number(codeY))) y = Number(codeY);
		const room = OFD_GLYPH_LIMITS.glyphs - out.runs.length;
		if (room <= 0) return;
		const deltaX = expandDeltas(attributeByName(code, 'DeltaX'), Math.min(chars.length, room));
		const deltaY = expandDeltas(attributeByName(code, 'DeltaY'), Math.min(chars.length, room));
		chars.slice(0, room).forEach((ch, i) => {
			const ownAdvance = defaultAdvance(ch) * size * hScale;
			// The delta to the next glyph is this glyph's advance; the last one uses its own width.
			const advance = i < deltaX.length ? deltaX[i] : ownAdvance;
			if (ch.trim() !== '') {
				out.runs.push({
					text: ch,
					x: (bx + a * x + c * y + e) * POINTS_PER_MM,
					y: (by + b * x + d * y + f) * POINTS_PER_MM,
					fontSize,
					// A glyph is at most an em wide: a wider advance is a gap after it.
					width: (Math.min(Math.abs(advance), size * hScale) || ownAdvance) * xScale * POINTS_PER_MM,
					angle,
				});
			}
			x += advance;
			if (i < deltaY.length) y += deltaY[i];
		});
	}
}

/** `M x y L x y …` of a path: its axis-aligned segments, through the object's CTM into its Boundary. */
function addPathObject(object: XmlElement, out: Collector): void {
	const data = childByName(object, 'AbbreviatedData');
	if (!data) return;
	let source = '';
	for (const part of data.children) if (typeof part === 'string') source += part;
	const [bx = 0, by = 0] = numbers(attributeByName(object, 'Boundary'));
	const [a, b, c, d, e, f] = matrixOf(attributeByName(object, 'CTM'));
	const place = (px: number, py: number): [number, number] => [
		(bx + a * px + c * py + e) * POINTS_PER_MM,
		(by + b * px + d * py + f) * POINTS_PER_MM,
	];
	const tokens = source.trim().split(/\s+/);
	let current: [number, number] | null = null;
	for (let i = 0; i < tokens.length && out.rules.length < OFD_GLYPH_LIMITS.rules; i++) {
		const op = tokens[i];
		if (op === 'M' || op === 'L') {
			const point = place(Number(tokens[i + 1]), Number(tokens[i + 2]));
			i += 2;
			if (!point.every(Number.isFinite)) {
				current = null;
				continue;
			}
			if (op === 'L' && current) {
				const [x0, y0] = current;
				const [x1, y1] = point;
				if (Math.abs(x0 - x1) < 0.5 || Math.abs(y0 - y1) < 0.5) {
					out.rules.push({ x0: Math.min(x0, x1), y0: Math.min(y0, y1), x1: Math.max(x0, x1), y1: Math.max(y0, y1) });
				}
			}
			current = point;
		} else if (op !== 'C' && op !== 'S') {
			// Curves and arcs: no rules; skip to the next moveto.
			current = null;
		}
	}
}

function visit(element: XmlElement, out: Collector, depth: number): void {
	if (depth > OFD_GLYPH_LIMITS.depth) return;
	for (const child of element.children) {
		if (typeof child === 'string') continue;
		const name = localName(child.name);
		if (name === 'TextObject') addTextObject(child, out);
		else if (name === 'PathObject') addPathObject(child, out);
		else if (name === 'ImageObject') out.images++;
		else if (name !== 'Area' && name !== 'Actions' && name !== 'Clips') visit(child, out, depth + 1);
	}
}

/**
 * One OFD page as a `GlyphPage`: template text first (labels live there), then the page's own.
 * Positions in points from the page's top-left corner; one run per glyph, with its own advance.
 */
export function ofdPageGlyphs(source: OfdPageSource): GlyphPage {
	const out: Collector = { runs: [], rules: [], images: 0 };
	for (const template of source.templates ?? []) {
		const content = childByName(template, 'Content');
		if (content) visit(content, out, 0);
	}
	const content = childByName(source.page, 'Content');
	if (content) visit(content, out, 0);
	const area = childByName(source.page, 'Area');
	const physical = area ? childByName(area, 'PhysicalBox') : undefined;
	let ownBox: string | null = null;
	if (physical) {
		ownBox = '';
		for (const part of physical.children) if (typeof part === 'string') ownBox += part;
	}
	// A4 portrait when neither the page nor the document says.
	const box = boxOf(ownBox) ?? boxOf(source.defaultBox) ?? { width: 210, height: 297 };
	return {
		number: source.number,
		width: box.width * POINTS_PER_MM,
		height: box.height * POINTS_PER_MM,
		runs: out.runs,
		rules: out.rules,
		images: out.images,
	};
}
