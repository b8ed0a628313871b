/**
 * Corpus discipline: every real sample in ../shared/samples/einvoice has its expected values in a committed
 * table (test/fixtures/samples-expected/<kind>.json, values only), and the local reader gives them all.
 * `npm run samples` prints the same comparison per field, with timings.
 */
import { compareSample, loadExpected, type ExpectedEntry } from '../../support/samplesExpected';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { readLocal } from './support';

const KINDS = ['xml', 'ofd', 'pdf'] as const;

for (const kind of KINDS) {
	const table = loadExpected(kind);
	// pdf.json comes with the PDF page-text reader; the other two tables are required.
	if (table === null && kind === 'pdf') continue;

	describeWithSamples(`every ${kind} sample reads to the values in samples-expected/${kind}.json`, () => {
		it('the table has one entry per sample file, and none for a file that is gone', () => {
			expect(table).not.toBeNull();
			expect(Object.keys(table ?? {}).sort()).toEqual(sampleNames(kind));
		});

		for (const name of sampleNames(kind)) {
			const entry: ExpectedEntry | undefined = table?.[name];
			if (entry === undefined) continue;
			const check = () => {
				const mismatches = compareSample(entry, readLocal(sample(kind, name), name)).filter((field) => field.status !== 'ok');
				expect(mismatches).toEqual([]);
			};
			if (entry.pending) it.failing(`${name} (pending: ${entry.pending})`, check);
			else it(name, check);
		}
	});
}
