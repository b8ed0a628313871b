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
			const drawn = (text: string, x: number, y: number, exactX: boolean) =>
				page.runs.some(
					(run: TextRun) =>
						Math.abs(run.y - y) < 1.5 &&
						(exactX ? x >= run.x - 1.5 && x <= run.x + run.width + 1.5 : run.x + run.width >= x - 1.5) &&
						compact(run.text).includes(text),
				);
			// pdf.js joins glyphs it finds close into one item (`家 税 务` of a seal): its first word starts at
			// the item's x, the others lie to its right on the same baseline.
			const unplaced = items.filter((item) => {
				const [first, ...rest] = item.str.trim().split(/\s+/).map(compact);
				return !drawn(first, item.x, item.y, true) || !rest.every((word) => drawn(word, item.x, item.y, false));
			});
			expect(unplaced).toEqual([]);
		});
	});
});
