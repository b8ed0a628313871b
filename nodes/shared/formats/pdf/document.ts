/**
 * A PDF document: header, cross-reference, refusal of encrypted files, and the page tree with its
 * inherited attributes (ISO 32000-1 §7.7.3.4: Resources, MediaBox, CropBox, Rotate).
 */
import { PdfError } from './errors';
import { PDF_LIMITS } from './limits';
import { indexOf } from './lexer';
import { isName, PdfDict, PdfRef, type PdfValue } from './objects';
import { XRef } from './xref';

export interface PdfPage {
	/** 1-based. */
	number: number;
	dict: PdfDict;
	resources: PdfDict | null;
	/** `[x0, y0, x1, y1]`, normalized so x0 < x1 and y0 < y1. */
	box: [number, number, number, number];
	/** 0, 90, 180 or 270. */
	rotate: number;
}

const INHERITED = ['Resources', 'MediaBox', 'CropBox', 'Rotate'] as const;
type Inherited = Partial<Record<(typeof INHERITED)[number], PdfValue>>;

export class PdfDocument {
	private constructor(readonly xref: XRef) {}

	/** Opens a PDF; throws `PdfError` when it is not one, is encrypted, or is broken beyond repair. */
	static open(input: Uint8Array): PdfDocument {
		// Junk before the header (mail gateways add some): the file starts at `%PDF-`.
		const header = indexOf(input, '%PDF-', 0, Math.min(input.length, 1024));
		if (header < 0) throw new PdfError('not-pdf', 'The file is not a PDF (no %PDF- header).');
		const xref = new XRef(header === 0 ? input : input.subarray(header));
		let failure: unknown = null;
		try {
			xref.load();
		} catch (error) {
			failure = error;
		}
		if (failure instanceof PdfError && failure.reason === 'corrupt' && xref.objectCount === 0) {
			throw new PdfError('not-pdf', 'The file starts like a PDF but holds no PDF objects.');
		}
		if (failure !== null) throw failure;
		if (xref.trailer.get('Encrypt') !== undefined && xref.trailer.get('Encrypt') !== null) {
			throw new PdfError('encrypted', 'The PDF is encrypted: its text cannot be read without the password.');
		}
		return new PdfDocument(xref);
	}

	/** The pages in order, with inherited attributes applied. */
	pages(): PdfPage[] {
		const xref = this.xref;
		const catalog = xref.resolve(xref.trailer.get('Root'));
		const root = catalog instanceof PdfDict ? xref.getDict(catalog, 'Pages') : null;
		if (!root) throw new PdfError('corrupt', 'The PDF catalog has no page tree.');
		const pages: PdfPage[] = [];
		const visited = new Set<PdfDict>();
		const visitedRefs = new Set<number>();
		const walk = (node: PdfDict, inherited: Inherited, depth: number): void => {
			if (depth > PDF_LIMITS.maxPageTreeDepth) {
				throw new PdfError('too-large', `The PDF page tree is deeper than ${PDF_LIMITS.maxPageTreeDepth} levels.`);
			}
			if (visited.has(node)) return; // a page tree that loops back on itself
			visited.add(node);
			const own: Inherited = { ...inherited };
			for (const key of INHERITED) if (node.has(key)) own[key] = node.get(key);
			const kids = xref.get(node, 'Kids');
			const isPages = isName(node.get('Type'), 'Pages') || (!isName(node.get('Type'), 'Page') && Array.isArray(kids));
			if (!isPages) {
				if (pages.length >= PDF_LIMITS.maxPages) {
					throw new PdfError('too-large', `The PDF has more than ${PDF_LIMITS.maxPages} pages.`);
				}
				pages.push(this.page(node, own, pages.length + 1));
				return;
			}
			if (!Array.isArray(kids)) return;
			for (const kid of kids) {
				if (kid instanceof PdfRef) {
					if (visitedRefs.has(kid.num)) continue;
					visitedRefs.add(kid.num);
				}
				const child = xref.resolve(kid);
				if (child instanceof PdfDict) walk(child, own, depth + 1);
			}
		};
		walk(root, {}, 0);
		return pages;
	}

	private page(dict: PdfDict, inherited: Inherited, number: number): PdfPage {
		const xref = this.xref;
		const resources = xref.resolve(inherited.Resources);
		const mediaBox = rectangle(xref.resolve(inherited.MediaBox), xref) ?? [0, 0, 595.28, 841.89];
		// The visible page is the CropBox clipped to the MediaBox (ISO 32000-1 §14.11.2); some HTML converters
		// write a CropBox that reaches past the MediaBox's top.
		const box = intersection(rectangle(xref.resolve(inherited.CropBox), xref), mediaBox) ?? mediaBox;
		const rotateValue = xref.resolve(inherited.Rotate);
		const rotate = typeof rotateValue === 'number' ? (((Math.round(rotateValue / 90) * 90) % 360) + 360) % 360 : 0;
		return { number, dict, resources: resources instanceof PdfDict ? resources : null, box, rotate };
	}
}

function intersection(
	a: [number, number, number, number] | null,
	b: [number, number, number, number],
): [number, number, number, number] | null {
	if (a === null) return null;
	const box: [number, number, number, number] = [
		Math.max(a[0], b[0]),
		Math.max(a[1], b[1]),
		Math.min(a[2], b[2]),
		Math.min(a[3], b[3]),
	];
	return box[2] - box[0] > 0 && box[3] - box[1] > 0 ? box : null;
}

function rectangle(value: PdfValue | undefined, xref: XRef): [number, number, number, number] | null {
	if (!Array.isArray(value) || value.length < 4) return null;
	const n = value.slice(0, 4).map((item) => xref.resolve(item));
	if (!n.every((item) => typeof item === 'number' && Number.isFinite(item))) return null;
	const [a, b, c, d] = n as number[];
	const box: [number, number, number, number] = [Math.min(a, c), Math.min(b, d), Math.max(a, c), Math.max(b, d)];
	return box[2] - box[0] > 0 && box[3] - box[1] > 0 ? box : null;
}
