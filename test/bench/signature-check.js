'use strict';
// @ts-check
/**
 * Signature check cost: for every signed or unsigned sample file (../shared/samples/einvoice/{xml,ofd,pdf}),
 * the median and worst milliseconds of `checkFileSignature` (the whole check: unzip, digests, SM2 or RSA
 * verification), after a warm-up, in wall time and in this process's CPU time (the honest figure on a busy
 * machine). Prints a markdown table and the median over all files.
 *
 *   node test/bench/signature-check.js [--runs 30]
 *
 * OFD seals cost two SM2 verifications in BigInt (signer and seal maker); the seal maker's is checked once
 * per process per seal, so the first file of an issuer costs more than the rest (`first` column).
 */
require('./register-ts');
const fs = require('node:fs');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { checkFileSignature } = require('../../nodes/shared/formats/signature/index.ts');

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'einvoice');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
const WARMUP = 5;

/** @param {number[]} times */
function stats(times) {
	const sorted = [...times].sort((a, b) => a - b);
	return { median: sorted[Math.floor(sorted.length / 2)], worst: sorted[sorted.length - 1] };
}

const ms = (/** @type {number} */ value) => value.toFixed(2);

function main() {
	if (!fs.existsSync(SAMPLES)) {
		console.log(`No samples at ${SAMPLES}: nothing to measure.`);
		return;
	}
	// Warm the JIT on one file of each kind first, so the `first` column measures the seal cache, not the JIT.
	const rows = [];
	const medians = [];
	const cpuMedians = [];
	for (const kind of ['ofd', 'pdf', 'xml']) {
		for (const name of fs.readdirSync(path.join(SAMPLES, kind)).sort()) {
			const bytes = fs.readFileSync(path.join(SAMPLES, kind, name));
			let started = performance.now();
			const result = checkFileSignature(bytes, kind);
			const first = performance.now() - started;
			for (let i = 0; i < WARMUP; i++) checkFileSignature(bytes, kind);
			const times = [];
			const cpuTimes = [];
			for (let i = 0; i < RUNS; i++) {
				const cpu = process.cpuUsage();
				started = performance.now();
				checkFileSignature(bytes, kind);
				times.push(performance.now() - started);
				const used = process.cpuUsage(cpu);
				cpuTimes.push((used.user + used.system) / 1000);
			}
			const { median, worst } = stats(times);
			const cpuMedian = stats(cpuTimes).median;
			medians.push(median);
			cpuMedians.push(cpuMedian);
			rows.push(`| ${kind}/${name} | ${result.status} | ${Math.round(bytes.length / 1024)} KB | ${ms(first)} | ${ms(median)} | ${ms(worst)} | ${ms(cpuMedian)} |`);
		}
	}
	console.log(`Signature check per sample file (${RUNS} runs after ${WARMUP} warm-up; milliseconds; Node ${process.version})\n`);
	console.log('| file | status | size | first | median | worst | CPU median |');
	console.log('|---|---|---|---|---|---|---|');
	for (const row of rows) console.log(row);
	const overall = stats(medians);
	const cpuOverall = stats(cpuMedians);
	console.log(`\nMedian over the ${medians.length} files: ${ms(overall.median)} ms (CPU ${ms(cpuOverall.median)} ms); slowest file's median: ${ms(overall.worst)} ms (CPU ${ms(cpuOverall.worst)} ms).`);
	console.log('CPU time is this process\'s own (user + system): on a busy machine wall time also counts waiting for a core.');
}

main();
