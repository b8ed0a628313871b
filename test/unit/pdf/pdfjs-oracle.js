'use strict';
// @ts-check
/**
 * pdf.js's text items for sample PDFs, read in a child process (pdf.js is an ES module; jest runs
 * CommonJS): `pdfjsTextItems(['a.pdf'])` → `[{ file, pages: [[{ str, x, y }]] }]`, x/y in points
 * from the page's top-left corner. Node-only tooling, so kept out of the TypeScript tests.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const SAMPLES_PDF = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'einvoice', 'pdf');

/** @param {string[]} names sample file names */
function pdfjsTextItems(names) {
	const script = path.join(__dirname, 'pdfjs-text.mjs');
	const output = execFileSync(process.execPath, [script, ...names.map((name) => path.join(SAMPLES_PDF, name))], {
		maxBuffer: 64 * 1024 * 1024,
	});
	return JSON.parse(output.toString('utf8'));
}

module.exports = { pdfjsTextItems };
