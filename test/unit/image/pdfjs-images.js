'use strict';
// @ts-check
/**
 * pdf.js's decoded image XObjects for sample PDFs, read in a child process (pdf.js is an ES module;
 * jest runs CommonJS): `pdfjsImages(['a.pdf'])` → `[{ file, images: [{ page, width, height, gray }] }]`,
 * gray as 8-bit luma bytes.
 */
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const SAMPLES_PDF = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'einvoice', 'pdf');

/** @param {string[]} names sample file names */
function pdfjsImages(names) {
	const script = path.join(__dirname, 'pdfjs-images.mjs');
	const output = execFileSync(process.execPath, [script, ...names.map((name) => path.join(SAMPLES_PDF, name))], {
		maxBuffer: 256 * 1024 * 1024,
	});
	return JSON.parse(output.toString('utf8')).map((/** @type {any} */ file) => ({
		...file,
		images: file.images.map((/** @type {any} */ image) => ({ ...image, gray: new Uint8Array(Buffer.from(image.gray, 'base64')) })),
	}));
}

module.exports = { pdfjsImages };
