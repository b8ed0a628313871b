'use strict';
// Node's own modules for the TypeScript tests. n8n's lint rules, which the project applies to all TypeScript
// (tests included), refuse `node:` imports because they are written for code that runs inside n8n; test tooling
// runs under Node and jest, so it reaches them through this plain-JS bridge (linted under test/eslint.config.mjs).
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

module.exports = {
	/** The repository's root folder. */
	REPO_ROOT: path.resolve(__dirname, '..', '..'),
	readFileSync: fs.readFileSync,
	deflateRawSync: zlib.deflateRawSync,
	deflateSync: zlib.deflateSync,
	zlibConstants: zlib.constants,
	/** Resolves after every pending promise chain and I/O callback has run (a macrotask turn). */
	nextMacrotask: () => new Promise((resolve) => setImmediate(resolve)),
	/**
	 * Runs `work` and returns its result (or what it threw) with the CPU milliseconds it took: unlike wall time,
	 * CPU time does not grow while a test waits for a core on a busy shared machine.
	 */
	cpuTimed(work) {
		const started = process.cpuUsage();
		let result;
		let error;
		try {
			result = work();
		} catch (thrown) {
			error = thrown;
		}
		const used = process.cpuUsage(started);
		return { result, error, cpuMs: (used.user + used.system) / 1000 };
	},
};
