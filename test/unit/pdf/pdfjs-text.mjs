// Text items as pdf.js (the reference PDF reader) extracts them, for the oracle test and the bench:
// `node pdfjs-text.mjs FILE…` prints one JSON object per file: { file, pages: [[{ str, x, y }]] }.
// A separate process because pdf.js is an ES module and jest runs CommonJS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const results = [];
for (const file of process.argv.slice(2)) {
	const document = await getDocument({
		data: new Uint8Array(readFileSync(file)),
		cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
		cMapPacked: true,
		standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
		verbosity: VerbosityLevel.ERRORS,
		isEvalSupported: false,
	}).promise;
	const pages = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const viewport = page.getViewport({ scale: 1 });
		const content = await page.getTextContent();
		pages.push(
			content.items
				.filter((item) => 'str' in item && item.str.trim() !== '')
				.map((item) => {
					const [x, y] = viewport.convertToViewportPoint(item.transform[4], item.transform[5]);
					return { str: item.str, x, y };
				}),
		);
	}
	await document.destroy();
	results.push({ file, pages });
}
process.stdout.write(JSON.stringify(results));
