'use strict';
// A jest reporter that ends the run with which tests were skipped and why. Tests over the real invoice samples
// (../shared/samples beside the clone) are skipped in a clone without them; jest's summary would only count them,
// so a contributor could not tell a skipped sample test from a lost one.
const path = require('node:path');

class SkippedSamplesReporter {
	constructor(globalConfig) {
		this.rootDir = globalConfig.rootDir;
	}

	onRunComplete(_contexts, results) {
		const skipped = new Map();
		for (const file of results.testResults) {
			for (const test of file.testResults) {
				if (test.status !== 'pending' && test.status !== 'skipped') continue;
				const where = `${path.relative(this.rootDir, file.testFilePath)} › ${test.ancestorTitles[0] ?? test.title}`;
				skipped.set(where, (skipped.get(where) ?? 0) + 1);
			}
		}
		if (skipped.size === 0) return;
		const total = [...skipped.values()].reduce((sum, count) => sum + count, 0);
		const lines = [...skipped].map(([where, count]) => `  ${where} (${count})`);
		process.stdout.write(
			`\nSkipped: ${total} test(s) in ${skipped.size} block(s). Tests over the real invoice files run only where ` +
				`../shared/samples/ is beside the clone (the files are never committed); the committed generated ` +
				`fixtures cover the same code paths.\n${lines.join('\n')}\n`,
		);
	}
}

module.exports = SkippedSamplesReporter;
