'use strict';
// @ts-check
/**
 * The independent sources the encoding tests compare the package with, read with Node's fs and
 * child_process (so kept out of the TypeScript tests, see test/support/node.js):
 * - Adobe's Adobe-GB1 CID → Unicode mapping as poppler-data ships it (null when not installed);
 * - Unicode's EquivalentUnifiedIdeograph.txt, the CJK Radicals Supplement rows (null when not installed);
 * - pdf.js's text of PDFs given as bytes (written to a temporary folder for its child process).
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { readCidToUnicode, DEFAULT_SOURCE } = require('../../../scripts/generate-cid-maps.js');

const UCD_EQUIVALENTS = '/usr/share/unicode/EquivalentUnifiedIdeograph.txt';

/** CID → code point (0: none) from poppler-data, or null without it. */
function publishedAdobeGb1() {
	return fs.existsSync(DEFAULT_SOURCE) ? readCidToUnicode(DEFAULT_SOURCE) : null;
}

/** [radical, unified] for U+2E80–U+2EFF from the UCD file, or null without it. */
function ucdRadicalsSupplement() {
	if (!fs.existsSync(UCD_EQUIVALENTS)) return null;
	/** @type {Array<[number, number]>} */
	const pairs = [];
	for (const line of fs.readFileSync(UCD_EQUIVALENTS, 'utf8').split('\n')) {
		const match = /^([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?\s*;\s*([0-9A-F]{4,6})/.exec(line);
		if (!match) continue;
		const first = parseInt(match[1], 16);
		const last = match[2] ? parseInt(match[2], 16) : first;
		for (let code = first; code <= last; code++) {
			if (code >= 0x2e80 && code <= 0x2eff) pairs.push([code, parseInt(match[3], 16)]);
		}
	}
	return pairs;
}

/**
 * pdf.js's text items of each PDF, page by page.
 * @param {Uint8Array[]} pdfs
 * @returns {Array<{ pages: Array<Array<{ str: string, x: number, y: number }>> }>}
 */
function pdfjsTextOfBytes(pdfs) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-encodings-'));
	try {
		const files = pdfs.map((bytes, index) => {
			const file = path.join(dir, `${index}.pdf`);
			fs.writeFileSync(file, bytes);
			return file;
		});
		const output = execFileSync(process.execPath, [path.join(__dirname, 'pdfjs-text.mjs'), ...files], {
			maxBuffer: 64 * 1024 * 1024,
		});
		return JSON.parse(output.toString('utf8'));
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

module.exports = { publishedAdobeGb1, ucdRadicalsSupplement, pdfjsTextOfBytes };
