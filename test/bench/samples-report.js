'use strict';
// @ts-check
/**
 * Coverage report over the real samples (../shared/samples/einvoice): per file, which expected fields
 * (test/fixtures/samples-expected/{xml,ofd,pdf}.json) the local reader read (✓), read wrong (✗) or did
 * not read (missing), where it read them from (`readFrom`), and the median milliseconds of a read.
 * The same comparison as the sample test (test/unit/local/samplesExpected.test.ts).
 *
 *   npm run samples [-- --runs 20] [-- --kind ofd]
 */
require('./register-ts');
const { performance } = require('node:perf_hooks');

const { sniffFormat } = require('../../nodes/shared/input/fileFormat.ts');
const { localAdapter } = require('../../nodes/shared/vendors/local/index.ts');
const { compareSample, loadExpected } = require('../support/samplesExpected');
const { HAVE_SAMPLES, SAMPLES_DIR, sample, sampleNames } = require('../support/samples');

/** @param {string} name @param {string} fallback */
function argument(name, fallback) {
	const index = process.argv.indexOf(`--${name}`);
	return index > 0 ? process.argv[index + 1] : fallback;
}
const RUNS = Number(argument('runs', '20'));
const KINDS = argument('kind', 'xml,ofd,pdf').split(',');
const MARK = { ok: '✓', wrong: '✗', missing: 'missing' };

/** @param {Buffer} bytes @param {string} name */
function readOnce(bytes, name) {
	const format = sniffFormat(bytes);
	if (!format) return { ok: false, error: { code: 'UNSUPPORTED_FILE', message: 'not a sniffable format' } };
	// Fields only: the signature check (timed in local-read.js) is not what this report covers.
	return localAdapter.read({ bytes, format, fileName: name, checkSignatures: false });
}

/** @param {Buffer} bytes @param {string} name */
function medianMs(bytes, name) {
	// Warm-up reads first, so the median is of optimized code, as in a running node.
	for (let i = 0; i < 10; i++) readOnce(bytes, name);
	const times = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		readOnce(bytes, name);
		times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(times.length / 2)];
}

/** @param {unknown} value */
const shown = (value) => (typeof value === 'string' ? value : JSON.stringify(value));

function main() {
	if (!HAVE_SAMPLES) {
		console.log(`No samples at ${SAMPLES_DIR}: nothing to report.`);
		return;
	}
	const totals = { ok: 0, wrong: 0, missing: 0, files: 0, complete: 0, pending: 0, untabled: 0 };
	for (const kind of KINDS) {
		const table = loadExpected(/** @type {'xml' | 'ofd' | 'pdf'} */ (kind));
		console.log(`\n${kind.toUpperCase()} (${table ? `samples-expected/${kind}.json` : 'no table yet'})`);
		for (const name of sampleNames(/** @type {'xml' | 'ofd' | 'pdf'} */ (kind))) {
			const bytes = sample(/** @type {'xml' | 'ofd' | 'pdf'} */ (kind), name);
			const outcome = readOnce(bytes, name);
			const ms = medianMs(bytes, name);
			const readFrom = outcome.ok ? outcome.invoices.map((invoice) => invoice.origin?.format ?? 'ocr').join('+') : outcome.error.code;
			const entry = table?.[name];
			totals.files++;
			if (!entry) {
				totals.untabled++;
				console.log(`  ?  ${name}  ${readFrom}  ${ms.toFixed(2)} ms  (no expected values)`);
				continue;
			}
			const fields = compareSample(entry, outcome);
			const count = { ok: 0, wrong: 0, missing: 0 };
			for (const field of fields) count[field.status]++;
			totals.ok += count.ok;
			totals.wrong += count.wrong;
			totals.missing += count.missing;
			const complete = count.wrong === 0 && count.missing === 0;
			if (complete) totals.complete++;
			if (entry.pending) totals.pending++;
			console.log(
				`  ${complete ? '✓' : '✗'}  ${name}  readFrom ${readFrom}  ${ms.toFixed(2)} ms  ${count.ok}/${fields.length} fields` +
					(entry.pending ? `  (pending: ${entry.pending})` : ''),
			);
			for (const field of fields) {
				if (field.status === 'ok') continue;
				console.log(`       ${MARK[field.status]} ${field.field}: expected ${shown(field.expected)}, read ${shown(field.actual)}`);
			}
		}
	}
	console.log(
		`\n${totals.complete}/${totals.files - totals.untabled} files with expected values read completely` +
			(totals.untabled > 0 ? ` (${totals.untabled} more without expected values)` : '') +
			`; fields ✓ ${totals.ok}, ✗ ${totals.wrong}, missing ${totals.missing}` +
			`; ${totals.pending} file(s) marked pending. Median of ${RUNS} reads per file after 10 warm-up reads (node ${process.version}).`,
	);
}

main();
