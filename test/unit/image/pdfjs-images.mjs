// Image XObjects as pdf.js (the reference PDF reader) decodes them, for the PDF image test:
// `node pdfjs-images.mjs FILE…` prints one JSON object per file: { file, images: [{ page, width,
// height, gray }] }, gray as base64 of 8-bit luma (alpha over white), in drawing order.
// A separate process because pdf.js is an ES module and jest runs CommonJS.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const pdfjsRoot = dirname(require.resolve('pdfjs-dist/package.json'));
const { getDocument, OPS, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');

const luma = (r, g, b) => Math.round(0.299 * r + 0.587 * g + 0.114 * b);

function toGray(image) {
	const { width, height, data, kind } = image;
	const gray = new Uint8Array(width * height);
	if (kind === 1) {
		// 1 bit per pixel, rows padded to bytes, 1 = white.
		const rowBytes = (width + 7) >> 3;
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) gray[y * width + x] = (data[y * rowBytes + (x >> 3)] >> (7 - (x & 7))) & 1 ? 255 : 0;
		}
		return gray;
	}
	const channels = kind === 2 ? 3 : 4;
	for (let i = 0; i < width * height; i++) {
		const value = luma(data[i * channels], data[i * channels + 1], data[i * channels + 2]);
		const alpha = channels === 4 ? data[i * 4 + 3] : 255;
		gray[i] = Math.round((value * alpha + 255 * (255 - alpha)) / 255);
	}
	return gray;
}

const results = [];
for (const file of process.argv.slice(2)) {
	const document = await getDocument({
		data: new Uint8Array(readFileSync(file)),
		cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
		cMapPacked: true,
		standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
		verbosity: VerbosityLevel.ERRORS,
		isEvalSupported: false,
		isOffscreenCanvasSupported: false,
	}).promise;
	const images = [];
	for (let number = 1; number <= document.numPages; number++) {
		const page = await document.getPage(number);
		const operators = await page.getOperatorList();
		for (let i = 0; i < operators.fnArray.length; i++) {
			if (operators.fnArray[i] !== OPS.paintImageXObject) continue;
			const name = operators.argsArray[i][0];
			const image = await new Promise((resolve) => {
				const objects = name.startsWith('g_') ? page.commonObjs : page.objs;
				objects.get(name, resolve);
			});
			if (!image || !image.data) continue;
			images.push({ page: number, width: image.width, height: image.height, gray: Buffer.from(toGray(image)).toString('base64') });
		}
	}
	await document.destroy();
	results.push({ file, images });
}
process.stdout.write(JSON.stringify(results));
