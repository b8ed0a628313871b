/**
 * The canvas layout check of the browser test (test/e2e/browser.js canvasLayoutProblems): what it calls an
 * overlap or a cut-short label, on rectangles as the page measures them.
 */
import * as browser from '../e2e/browser';

interface Part {
	node: string;
	kind: string;
	text: string;
	rect: { x: number; y: number; width: number; height: number };
	truncated?: boolean;
}

const { canvasLayoutProblems } = browser as unknown as {
	canvasLayoutProblems(parts: Part[], options?: { tolerance?: number }): string[];
};

const box = (node: string, x: number, y: number): Part => ({
	node,
	kind: 'box',
	text: node,
	rect: { x, y, width: 96, height: 96 },
});
const label = (node: string, text: string, x: number, y: number, width: number, truncated = false): Part => ({
	node,
	kind: 'text',
	text,
	rect: { x, y, width, height: 16 },
	truncated,
});

test('two nodes side by side with their names under them have no problems', () => {
	const parts = [box('Start', 0, 0), label('Start', 'Start', 30, 100, 36), box('Next', 224, 0), label('Next', 'Next', 256, 100, 32)];
	expect(canvasLayoutProblems(parts)).toEqual([]);
});

test("a node's name under its own box is not an overlap, a name under another node's box is", () => {
	const parts = [
		box('VAT Expenses', 0, 0),
		label('VAT Expenses', 'VAT Expenses', -4, 90, 104),
		box('Travel', 0, 100),
	];
	expect(canvasLayoutProblems(parts)).toEqual([
		'text "VAT Expenses" of "VAT Expenses" and the box of "Travel" overlap (96×6 px)',
	]);
});

test('two boxes that overlap are reported, boxes that only touch are not', () => {
	expect(canvasLayoutProblems([box('A', 0, 0), box('B', 96, 0)])).toEqual([]);
	expect(canvasLayoutProblems([box('A', 0, 0), box('B', 64, 32)])).toEqual([
		'the box of "A" and the box of "B" overlap (32×64 px)',
	]);
});

test('an overlap within the tolerance (anti-aliased edges) is not reported', () => {
	expect(canvasLayoutProblems([box('A', 0, 0), box('B', 95.5, 0)])).toEqual([]);
	expect(canvasLayoutProblems([box('A', 0, 0), box('B', 93, 0)], { tolerance: 4 })).toEqual([]);
});

test("two texts of one node that overlap are reported (branch labels of a crowded Switch)", () => {
	const first = { ...label('Route', 'Deductible VAT', 100, 10, 60), kind: 'output label' };
	const second = { ...label('Route', 'VAT Expenses', 100, 20, 60), kind: 'output label' };
	expect(canvasLayoutProblems([box('Route', 0, 0), first, second])).toEqual([
		'output label "Deductible VAT" of "Route" and output label "VAT Expenses" of "Route" overlap (60×6 px)',
	]);
});

test('a text cut short with an ellipsis is reported, as is a sticky note whose text does not fit', () => {
	const cut = { ...label('Route by Error Code', 'Fix Vendor Account', 100, 10, 78, true), kind: 'output label' };
	const sticky: Part = { node: 'How to', kind: 'sticky note', text: 'How to', rect: { x: -600, y: 0, width: 300, height: 200 }, truncated: true };
	expect(canvasLayoutProblems([box('Route by Error Code', 0, 0), cut, sticky])).toEqual([
		'output label "Fix Vendor Account" of "Route by Error Code" is cut short (ellipsis)',
		'sticky note "How to" is cut short (ellipsis)',
	]);
});
