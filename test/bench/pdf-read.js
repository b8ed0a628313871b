'use strict';
// @ts-check
/**
 * PDF e-invoice reading speed: for every sample PDF (../shared/samples/einvoice/pdf), median and
 * worst milliseconds of our whole local read (text extraction + field location, `readPdfInvoices`)
 * beside pdf.js extracting the text alone (`getDocument` → every page's `getTextContent`), in the
 * same process and run, and the ratio. Target: ours ≥ 5× faster. Prints a markdown table.
 *
 *   node test/bench/pdf-read.js [--runs 40]
 *
 * The package's TypeScript is transpiled on first require (register-ts.js), as the tests do.
 */
require('./register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { readPdfInvoices } = require('../../nodes/shared/vendors/local/pdf/index.ts');
const { loadExpected } = require('../support/samplesExpected');

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'einvoice', 'pdf');
const TARGET_RATIO = 5;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 40;
const WARMUP = 10;

/** @param {number[]} times */
function stats(times) {
	const sorted = [...times].sort((a, b) => a - b);
	return { median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

/** @param {() => unknown} read */
async function measure(read) {
	for (let i = 0; i < WARMUP; i++) await read();
	const times = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		await read();
		times.push(performance.now() - started);
	}
	return stats(times);
}

const ms = (value) => value.toFixed(2);

async function main() {
	if (!fs.existsSync(SAMPLES)) {
		console.log(`No samples at ${SAMPLES}: nothing to measure.`);
		return;
	}
	const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
	const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
	/** @param {Buffer} bytes */
	const pdfjsText = async (bytes) => {
		const document = await getDocument({
			data: new Uint8Array(bytes),
			cMapUrl: path.join(pdfjsRoot, 'cmaps') + '/',
			cMapPacked: true,
			standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
			verbosity: VerbosityLevel.ERRORS,
			isEvalSupported: false,
		}).promise;
		let items = 0;
		for (let number = 1; number <= document.numPages; number++) {
			const page = await document.getPage(number);
			items += (await page.getTextContent()).items.length;
		}
		await document.destroy();
		return items;
	};

	const files = fs
		.readdirSync(SAMPLES)
		.filter((file) => file.endsWith('.pdf'))
		.sort()
		.map((name) => ({ name, bytes: fs.readFileSync(path.join(SAMPLES, name)) }));
	// Ours for every file first, then pdf.js: neither pays for the other's garbage. Each first warms up
	// on every file, so the first file measured is not the one that pays for the JIT.
	// A refusal the expected-values table asks for (a trip sheet: NO_INVOICE_FOUND) is a full read too.
	const expected = loadExpected('pdf') ?? {};
	for (const { name, bytes } of files) {
		const outcome = readPdfInvoices(bytes);
		if (!outcome.ok && expected[name]?.error !== outcome.error.code) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
		for (let i = 0; i < WARMUP; i++) readPdfInvoices(bytes);
	}
	const ours = [];
	for (const { bytes } of files) ours.push(await measure(() => readPdfInvoices(bytes)));
	for (const { bytes } of files) for (let i = 0; i < WARMUP; i++) await pdfjsText(bytes);
	const rows = [];
	for (const [index, { name, bytes }] of files.entries()) {
		const pdfjs = await measure(() => pdfjsText(bytes));
		rows.push({ name, kb: bytes.length / 1024, ours: ours[index], pdfjs, ratio: pdfjs.median / ours[index].median });
	}

	console.log(`PDF reading, ${RUNS} runs per file after ${WARMUP} warm-up runs, Node ${process.version}:\n`);
	console.log('| file | KB | ours median ms | ours worst ms | pdf.js median ms | pdf.js worst ms | pdf.js ÷ ours |');
	console.log('|---|---:|---:|---:|---:|---:|---:|');
	for (const row of rows) {
		console.log(
			`| ${row.name} | ${row.kb.toFixed(0)} | ${ms(row.ours.median)} | ${ms(row.ours.worst)} | ${ms(row.pdfjs.median)} | ${ms(row.pdfjs.worst)} | ${row.ratio.toFixed(1)}× |`,
		);
	}
	const ratios = rows.map((row) => row.ratio);
	const geometric = Math.exp(ratios.reduce((sum, ratio) => sum + Math.log(ratio), 0) / ratios.length);
	const slowest = Math.min(...ratios);
	console.log(`\nOurs is ${geometric.toFixed(1)}× faster than pdf.js (geometric mean of the medians' ratios); the closest file is ${slowest.toFixed(1)}×.`);
	console.log(slowest >= TARGET_RATIO ? `Target (≥ ${TARGET_RATIO}× on every file) met.` : `Target (≥ ${TARGET_RATIO}× on every file) NOT met.`);
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
