/**
 * pdf.js (Mozilla's reader, a dev dependency) as the oracle for text extraction on the sample
 * PDFs: every page yields the same characters, and every text item pdf.js places is drawn by one
 * of our runs at the same spot (within 1.5 pt) with the same text.
 */
import { extractPdfText, type TextRun } from '../../../nodes/shared/formats/pdf';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { type OracleItem, pdfjsTextItems } from './pdfjs-oracle';

const compact = (value: string) => value.normalize('NFKC').replace(/\s/g, '');

function characterCounts(texts: string[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const ch of Array.from(compact(texts.join('')))) counts[ch] = (counts[ch] ?? 0) + 1;
	return counts;
}

describeWithSamples('text extraction agrees with pdf.js on the sample PDFs', () => {
	const names = sampleNames('pdf');
	// Without the samples folder the suite is skipped; jest still needs a row to list as skipped.
	const rows = names.length > 0 ? names : ['(no sample PDFs)'];
	let oracle: Array<{ file: string; pages: OracleItem[][] }> = [];

	beforeAll(() => {
		oracle = pdfjsTextItems(names);
	});

	test.each(rows)('%s', (name) => {
		const expected = oracle.find((entry) => entry.file.endsWith(`/${name}`));
		if (!expected) throw new Error(`pdf.js gave nothing for ${name}`);
		const ours = extractPdfText(sample('pdf', name));
		expect(ours.pages).toHaveLength(expected.pages.length);
		ours.pages.forEach((page, index) => {
			const items = expected.pages[index];
			expect(characterCounts(page.runs.map((run) => run.text))).toEqual(characterCounts(items.map((item) => item.str)));
			// pdf.js joins glyphs it finds close into one item (`家 税 务` of a seal, `地 址、电 话：` drawn glyph by
			// glyph), where our runs may split differently: an item is placed when one of our runs on its baseline
			// spans its x and holds its first character, and that run and the ones to its right spell the item.
			const placed = (item: OracleItem) => {
				const text = compact(item.str);
				if (text === '') return true;
				// pdf.js also joins a glyph set a little off the baseline (a `：` raised 1.5 pt): the line is what the
				// page reader takes as one (within 0.45 of the font size), the starting run within 1.5 pt.
				const line = page.runs
					.filter((run: TextRun) => Math.abs(run.y - item.y) < Math.max(1.5, 0.45 * run.fontSize))
					.sort((a, b) => a.x - b.x);
				return line.some(
					(run, index) =>
						Math.abs(run.y - item.y) < 1.5 &&
						item.x >= run.x - 1.5 &&
						item.x <= run.x + run.width + 1.5 &&
						compact(run.text).includes(Array.from(text)[0]) &&
						compact(line.slice(index).map((next) => next.text).join('')).includes(text),
				);
			};
			const unplaced = items.filter((item) => !placed(item));
			expect(unplaced).toEqual([]);
		});
	});
});
