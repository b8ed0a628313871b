/**
 * The content-stream interpreter, for text only (ISO 32000-1 §8–9): the graphics-state stack
 * (`q`/`Q`/`cm`), text objects and positioning (`BT`/`ET`, `Tm`, `Td`, `TD`, `T*`), text state
 * (`Tf`, `Tc`, `Tw`, `Tz`, `TL`, `Ts`), showing (`Tj`, `TJ`, `'`, `"`) and Form XObjects (`Do`).
 * Of what paints, only straight axis-parallel path segments are kept (table grids); images are
 * counted, never decoded.
 */
import { PdfError, rethrowLimit } from './errors';
import { FontLoader, type PdfFont } from './fonts';
import { PDF_LIMITS } from './limits';
import { isWhiteSpace, Lexer } from './lexer';
import { isName, PdfDict, PdfName, PdfStream } from './objects';
import type { XRef } from './xref';

/** `[a b c d e f]`: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
const NO_RESOURCES = new PdfDict();

/** Ruling segments kept per path and per page: a grid has dozens, a hostile page millions. */
const MAX_PATH_SEGMENTS = 10_000;
const MAX_RULES_PER_PAGE = 20_000;

/** m1 × m2: m1 applied first. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
	return [
		m1[0] * m2[0] + m1[1] * m2[2],
		m1[0] * m2[1] + m1[1] * m2[3],
		m1[2] * m2[0] + m1[3] * m2[2],
		m1[2] * m2[1] + m1[3] * m2[3],
		m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
		m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
	];
}

/** One piece of shown text in default user space (PDF points, y up), at its baseline start. */
export interface RawRun {
	text: string;
	x: number;
	y: number;
	/** Where the advance ends (for the width and the direction). */
	endX: number;
	endY: number;
	fontSize: number;
}

interface GraphicsState {
	ctm: Matrix;
	font: PdfFont | null;
	fontSize: number;
	charSpacing: number;
	wordSpacing: number;
	/** Tz / 100. */
	horizontalScale: number;
	leading: number;
	rise: number;
}

type Operand = number | Uint8Array | PdfName | Operand[] | PdfDict | null | boolean;

/** A straight ruling line (table grid), in default user space. */
export interface RawRule {
	x0: number;
	y0: number;
	x1: number;
	y1: number;
}

export interface PageContent {
	runs: RawRun[];
	/** Horizontal and vertical stroked or filled segments: the grids tables are drawn with. */
	rules: RawRule[];
	images: number;
}

/** Interprets one page's content (and the forms it draws) into text runs. */
export class TextInterpreter {
	private state: GraphicsState;
	private readonly stack: GraphicsState[] = [];
	private textMatrix: Matrix = IDENTITY;
	private lineMatrix: Matrix = IDENTITY;
	private operators = 0;
	private readonly formsOnStack = new Set<PdfStream>();
	private readonly fontsByResources = new Map<PdfDict, Map<string, PdfFont | null>>();
	readonly output: PageContent = { runs: [], rules: [], images: 0 };
	/** The path being built, as segments in default user space: x0, y0, x1, y1, … */
	private pathSegments: number[] = [];
	private pathX = 0;
	private pathY = 0;
	private subpathX = 0;
	private subpathY = 0;

	constructor(
		private readonly xref: XRef,
		private readonly fonts: FontLoader,
	) {
		this.state = {
			ctm: IDENTITY,
			font: null,
			fontSize: 0,
			charSpacing: 0,
			wordSpacing: 0,
			horizontalScale: 1,
			leading: 0,
			rise: 0,
		};
	}

	run(content: Uint8Array, resources: PdfDict | null, depth = 0): void {
		const lexer = new Lexer(content);
		const operands: Operand[] = [];
		for (;;) {
			const token = lexer.next();
			if (token === undefined) break;
			if (typeof token === 'number' || token instanceof Uint8Array || token instanceof PdfName) {
				operands.push(token);
				continue;
			}
			switch (token) {
				case '[':
					operands.push(readArray(lexer, 1));
					continue;
				case '<<':
					operands.push(readDict(lexer, 1));
					continue;
				case 'true':
					operands.push(true);
					continue;
				case 'false':
					operands.push(false);
					continue;
				case 'null':
					operands.push(null);
					continue;
				case ']':
				case '>>':
				case '{':
				case '}':
					continue;
				default:
					break;
			}
			if (++this.operators > PDF_LIMITS.maxOperatorsPerPage) {
				throw new PdfError('too-large', `A PDF page has more than ${PDF_LIMITS.maxOperatorsPerPage} drawing operators.`);
			}
			this.operator(token, operands, resources, lexer, depth);
			operands.length = 0;
		}
	}

	private operator(op: string, args: Operand[], resources: PdfDict | null, lexer: Lexer, depth: number): void {
		const state = this.state;
		switch (op) {
			case 'q':
				if (this.stack.length < PDF_LIMITS.maxGraphicsStateDepth) this.stack.push({ ...state });
				break;
			case 'Q': {
				const saved = this.stack.pop();
				if (saved) this.state = saved;
				break;
			}
			case 'cm': {
				const matrix = matrixOperands(args);
				if (matrix) state.ctm = multiply(matrix, state.ctm);
				break;
			}
			case 'BT':
				this.textMatrix = IDENTITY;
				this.lineMatrix = IDENTITY;
				break;
			case 'ET':
				break;
			case 'Tf': {
				const size = args[args.length - 1];
				const name = args[args.length - 2];
				if (typeof size === 'number') state.fontSize = size;
				if (name instanceof PdfName) state.font = this.font(resources, name.name);
				break;
			}
			case 'Tc':
				state.charSpacing = num(args, 0);
				break;
			case 'Tw':
				state.wordSpacing = num(args, 0);
				break;
			case 'Tz':
				state.horizontalScale = num(args, 100) / 100;
				break;
			case 'TL':
				state.leading = num(args, 0);
				break;
			case 'Ts':
				state.rise = num(args, 0);
				break;
			case 'Td':
				this.moveLine(num(args, 0, 2), num(args, 0, 1));
				break;
			case 'TD': {
				const ty = num(args, 0, 1);
				state.leading = -ty;
				this.moveLine(num(args, 0, 2), ty);
				break;
			}
			case 'Tm': {
				const matrix = matrixOperands(args);
				if (matrix) {
					this.textMatrix = matrix;
					this.lineMatrix = matrix;
				}
				break;
			}
			case 'T*':
				this.moveLine(0, -state.leading);
				break;
			case 'Tj': {
				const text = args[args.length - 1];
				if (text instanceof Uint8Array) this.show([text]);
				break;
			}
			case 'TJ': {
				const list = args[args.length - 1];
				if (Array.isArray(list)) this.show(list);
				break;
			}
			case "'": {
				this.moveLine(0, -state.leading);
				const text = args[args.length - 1];
				if (text instanceof Uint8Array) this.show([text]);
				break;
			}
			case '"': {
				const text = args[args.length - 1];
				state.wordSpacing = num(args, 0, 3);
				state.charSpacing = num(args, 0, 2);
				this.moveLine(0, -state.leading);
				if (text instanceof Uint8Array) this.show([text]);
				break;
			}
			case 'Do': {
				const name = args[args.length - 1];
				if (name instanceof PdfName) this.drawXObject(name.name, resources, depth);
				break;
			}
			case 'BI':
				skipInlineImage(lexer);
				this.output.images++;
				break;
			case 'm':
				if (args.length >= 2) {
					[this.pathX, this.pathY] = this.toUser(num(args, 0, 2), num(args, 0, 1));
					this.subpathX = this.pathX;
					this.subpathY = this.pathY;
				}
				break;
			case 'l':
				if (args.length >= 2) {
					const [x, y] = this.toUser(num(args, 0, 2), num(args, 0, 1));
					this.segment(this.pathX, this.pathY, x, y);
					this.pathX = x;
					this.pathY = y;
				}
				break;
			case 'c':
			case 'v':
			case 'y':
				// Curves are no table rules: only the current point moves.
				if (args.length >= 2) [this.pathX, this.pathY] = this.toUser(num(args, 0, 2), num(args, 0, 1));
				break;
			case 'h':
				this.segment(this.pathX, this.pathY, this.subpathX, this.subpathY);
				this.pathX = this.subpathX;
				this.pathY = this.subpathY;
				break;
			case 're':
				if (args.length >= 4) {
					const x = num(args, 0, 4);
					const y = num(args, 0, 3);
					const w = num(args, 0, 2);
					const h = num(args, 0, 1);
					const corners = [this.toUser(x, y), this.toUser(x + w, y), this.toUser(x + w, y + h), this.toUser(x, y + h)];
					for (let i = 0; i < 4; i++) {
						const [ax, ay] = corners[i];
						const [bx, by] = corners[(i + 1) % 4];
						this.segment(ax, ay, bx, by);
					}
					[this.pathX, this.pathY] = corners[0];
					this.subpathX = this.pathX;
					this.subpathY = this.pathY;
				}
				break;
			case 'S':
			case 's':
			case 'f':
			case 'F':
			case 'f*':
			case 'B':
			case 'B*':
			case 'b':
			case 'b*':
				this.paintPath();
				break;
			case 'n':
				this.pathSegments.length = 0;
				break;
			default:
				break;
		}
	}

	private toUser(x: number, y: number): [number, number] {
		const m = this.state.ctm;
		return [x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]];
	}

	/** Keeps axis-parallel segments only: the rest is drawing, not a grid. */
	private segment(x0: number, y0: number, x1: number, y1: number): void {
		const horizontal = Math.abs(y1 - y0) < 0.5 && Math.abs(x1 - x0) >= 3;
		const vertical = Math.abs(x1 - x0) < 0.5 && Math.abs(y1 - y0) >= 3;
		if ((horizontal || vertical) && this.pathSegments.length < 4 * MAX_PATH_SEGMENTS) this.pathSegments.push(x0, y0, x1, y1);
	}

	private paintPath(): void {
		const segments = this.pathSegments;
		const rules = this.output.rules;
		for (let i = 0; i + 3 < segments.length && rules.length < MAX_RULES_PER_PAGE; i += 4) {
			rules.push({ x0: segments[i], y0: segments[i + 1], x1: segments[i + 2], y1: segments[i + 3] });
		}
		segments.length = 0;
	}

	/** `Tf` runs once per text in some producers' files: fonts are looked up once per resources. */
	private font(resources: PdfDict | null, name: string): PdfFont | null {
		const key = resources ?? NO_RESOURCES;
		let byName = this.fontsByResources.get(key);
		if (!byName) {
			byName = new Map();
			this.fontsByResources.set(key, byName);
		}
		let font = byName.get(name);
		if (font === undefined) {
			const fontDict = this.xref.getDict(resources, 'Font');
			font = fontDict ? this.fonts.load(fontDict.get(name)) : null;
			byName.set(name, font);
		}
		return font;
	}

	private moveLine(tx: number, ty: number): void {
		const m = this.lineMatrix;
		this.lineMatrix = [m[0], m[1], m[2], m[3], tx * m[0] + ty * m[2] + m[4], tx * m[1] + ty * m[3] + m[5]];
		this.textMatrix = this.lineMatrix;
	}

	/** Shows strings and TJ adjustments; neighbouring pieces closer than a third of an em join into one run. */
	private show(items: Operand[]): void {
		const state = this.state;
		const font = state.font;
		if (!font) return;
		const fontSize = state.fontSize;
		const scale = state.horizontalScale;
		let current: RawRun | null = null;
		let gap = 0;
		for (const item of items) {
			if (typeof item === 'number') {
				// TJ numbers are thousandths of an em, subtracted from the advance.
				const move = (-item / 1000) * fontSize;
				if (font.vertical) this.advance(0, -move);
				else this.advance(move * scale, 0);
				gap += -item / 1000;
				continue;
			}
			if (!(item instanceof Uint8Array)) continue;
			const shown = font.decode(item);
			const spacing = shown.glyphs * state.charSpacing + shown.spaces * state.wordSpacing;
			const m = multiply(this.textMatrix, state.ctm);
			// Text rendering matrix origin: rise applied in text space.
			const x = state.rise * m[2] + m[4];
			const y = state.rise * m[3] + m[5];
			let dx = 0;
			let dy = 0;
			if (font.vertical) dy = -(shown.glyphs * fontSize + spacing);
			else dx = (shown.advance * fontSize + spacing) * scale;
			const endX = dx * m[0] + dy * m[2] + x;
			const endY = dx * m[1] + dy * m[3] + y;
			const size = fontSize * Math.hypot(m[2], m[3]);
			const runs = this.output.runs;
			if (current && Math.abs(gap) < 0.33) {
				current.text += shown.text;
				current.endX = endX;
				current.endY = endY;
			} else if (shown.text.trim() !== '') {
				if (runs.length >= PDF_LIMITS.maxRunsPerPage) {
					throw new PdfError('too-large', `A PDF page shows more than ${PDF_LIMITS.maxRunsPerPage} pieces of text.`);
				}
				current = { text: shown.text, x, y, endX, endY, fontSize: size };
				runs.push(current);
			} else {
				current = null;
			}
			gap = 0;
			this.advance(dx, dy);
		}
	}

	private advance(dx: number, dy: number): void {
		const m = this.textMatrix;
		this.textMatrix = [m[0], m[1], m[2], m[3], dx * m[0] + dy * m[2] + m[4], dx * m[1] + dy * m[3] + m[5]];
	}

	private drawXObject(name: string, resources: PdfDict | null, depth: number): void {
		const xobjects = this.xref.getDict(resources, 'XObject');
		const xobject = xobjects ? this.xref.resolve(xobjects.get(name)) : null;
		if (!(xobject instanceof PdfStream)) return;
		const subtype = xobject.dict.get('Subtype');
		if (isName(subtype, 'Image')) {
			this.output.images++;
			return;
		}
		if (!isName(subtype, 'Form')) return;
		if (depth + 1 > PDF_LIMITS.maxFormDepth) {
			throw new PdfError('too-large', `A PDF nests Form XObjects deeper than ${PDF_LIMITS.maxFormDepth} levels.`);
		}
		// A form that draws itself (directly or through others) is drawn once.
		if (this.formsOnStack.has(xobject)) return;
		let content: Uint8Array;
		try {
			content = this.xref.decode(xobject);
		} catch (error) {
			rethrowLimit(error);
			return;
		}
		const saved = this.state;
		const savedStack = this.stack.length;
		const savedText = this.textMatrix;
		const savedLine = this.lineMatrix;
		this.state = { ...saved };
		const matrix = this.xref.get(xobject.dict, 'Matrix');
		if (Array.isArray(matrix) && matrix.length >= 6 && matrix.slice(0, 6).every((n) => typeof n === 'number')) {
			this.state.ctm = multiply(matrix.slice(0, 6) as Matrix, this.state.ctm);
		}
		const own = this.xref.getDict(xobject.dict, 'Resources');
		this.formsOnStack.add(xobject);
		try {
			this.run(content, own ?? resources, depth + 1);
		} finally {
			this.formsOnStack.delete(xobject);
			this.stack.length = Math.min(this.stack.length, savedStack);
			this.state = saved;
			this.textMatrix = savedText;
			this.lineMatrix = savedLine;
		}
	}
}

/** The last six operands as a matrix, when they are numbers. */
function matrixOperands(args: Operand[]): Matrix | null {
	const n = args.length;
	if (n < 6) return null;
	const a = args[n - 6];
	const b = args[n - 5];
	const c = args[n - 4];
	const d = args[n - 3];
	const e = args[n - 2];
	const f = args[n - 1];
	if (typeof a !== 'number' || typeof b !== 'number' || typeof c !== 'number' || typeof d !== 'number' || typeof e !== 'number' || typeof f !== 'number') {
		return null;
	}
	return [a, b, c, d, e, f];
}

/** The `fromEnd`-th operand from the end as a number, or the fallback. */
function num(args: Operand[], fallback: number, fromEnd = 1): number {
	const value = args[args.length - fromEnd];
	return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function readArray(lexer: Lexer, depth: number): Operand[] {
	if (depth > PDF_LIMITS.maxNestingDepth) {
		throw new PdfError('too-large', `A PDF content stream nests arrays deeper than ${PDF_LIMITS.maxNestingDepth} levels.`);
	}
	const items: Operand[] = [];
	for (;;) {
		const token = lexer.next();
		if (token === undefined || token === ']') return items;
		if (typeof token === 'number' || token instanceof Uint8Array || token instanceof PdfName) items.push(token);
		else if (token === '[') items.push(readArray(lexer, depth + 1));
		else if (token === '<<') items.push(readDict(lexer, depth + 1));
		else {
			// An operator inside an array: the array was never closed; give the operator back.
			lexer.pos -= token.length;
			return items;
		}
	}
}

/** A content-stream dictionary (marked-content properties, inline-image parameters). */
function readDict(lexer: Lexer, depth: number): PdfDict {
	if (depth > PDF_LIMITS.maxNestingDepth) {
		throw new PdfError('too-large', `A PDF content stream nests dictionaries deeper than ${PDF_LIMITS.maxNestingDepth} levels.`);
	}
	const dict = new PdfDict();
	let key: string | null = null;
	for (;;) {
		const token = lexer.next();
		if (token === undefined || token === '>>') return dict;
		let value: Operand | undefined;
		if (token instanceof PdfName && key === null) {
			key = token.name;
			continue;
		}
		if (typeof token === 'number' || token instanceof Uint8Array || token instanceof PdfName) value = token;
		else if (token === '[') value = readArray(lexer, depth + 1);
		else if (token === '<<') value = readDict(lexer, depth + 1);
		if (key !== null && value !== undefined) dict.entries.set(key, value as never);
		key = null;
	}
}

/** Skips `BI … ID <binary> EI`: the data ends at `EI` between white-space. */
function skipInlineImage(lexer: Lexer): void {
	for (;;) {
		const token = lexer.next();
		if (token === undefined) return;
		if (token === 'ID') break;
		if (token === '[') readArray(lexer, 1);
		else if (token === '<<') readDict(lexer, 1);
	}
	const bytes = lexer.bytes;
	const end = lexer.end;
	let pos = lexer.pos + 1; // one white-space byte follows ID
	while (pos + 1 < end) {
		if (
			bytes[pos] === 0x45 &&
			bytes[pos + 1] === 0x49 &&
			isWhiteSpace(bytes[pos - 1]) &&
			(pos + 2 >= end || isWhiteSpace(bytes[pos + 2]))
		) {
			lexer.pos = pos + 2;
			return;
		}
		pos++;
	}
	lexer.pos = end;
}
