'use strict';
// @ts-check
/**
 * Image decoding speed (nodes/shared/formats/image): median milliseconds to decode to gray
 *   - each real QR image (../shared/samples/qr), each QR-size image embedded in the e-invoice PDFs and
 *     each raster image under an OFD's Res/ (../shared/samples/einvoice), when those folders exist;
 *   - a synthetic 12 MP phone-like JPEG (4000×3000, baseline 4:2:0, made once with cjpeg when it is
 *     installed, else jpeg-js's 4:4:4 encoder) at scales 1, 1/2, 1/4 and 1/8, and a corner region;
 * beside jpeg-js decoding the same bytes (the 12 MP one once). A plain script printing figures.
 *
 *   node test/bench/image-decode.js [--runs 15]
 */
require('./register-ts');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const jpegJs = require('jpeg-js');
const { decodeImage, imageSize, ofdImageEntries, sniffImage } = require('../../nodes/shared/formats/image/index.ts');
const { extractPdfImages } = require('../../nodes/shared/formats/pdf/images.ts');
const { openZip } = require('../../nodes/shared/formats/zip.ts');

const SHARED = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const WARMUP = 3;

/** Median wall and CPU milliseconds of `run` over RUNS runs after WARMUP. @param {() => unknown} run */
function measure(run, runs = RUNS) {
	for (let i = 0; i < WARMUP; i++) run();
	const wall = [];
	const cpu = [];
	for (let i = 0; i < runs; i++) {
		const cpuStart = process.cpuUsage();
		const start = performance.now();
		run();
		wall.push(performance.now() - start);
		const used = process.cpuUsage(cpuStart);
		cpu.push((used.user + used.system) / 1000);
	}
	const median = (/** @type {number[]} */ list) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
	return { wall: median(wall), cpu: median(cpu) };
}

const format = (/** @type {number} */ ms) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** @type {Array<{ label: string, bytes: Uint8Array }>} */
const rasters = [];
/** @type {Array<{ label: string, decode: () => unknown }>} */
const embedded = [];

const qrDir = path.join(SHARED, 'qr');
if (fs.existsSync(qrDir)) {
	for (const name of fs.readdirSync(qrDir).filter((file) => /\.(png|jpe?g)$/i.test(file)).sort()) {
		rasters.push({ label: `qr/${name}`, bytes: new Uint8Array(fs.readFileSync(path.join(qrDir, name))) });
	}
}
const pdfDir = path.join(SHARED, 'einvoice', 'pdf');
if (fs.existsSync(pdfDir)) {
	for (const name of fs.readdirSync(pdfDir).sort()) {
		const bytes = new Uint8Array(fs.readFileSync(path.join(pdfDir, name)));
		for (const image of extractPdfImages(bytes)) {
			if (image.width !== image.height) continue;
			// From the file each time: finding the image is part of the cost.
			embedded.push({
				label: `pdf/${name.slice(0, 40)} ${image.name} ${image.width}×${image.height}${image.codec ? ` ${image.codec}` : ''}`,
				decode: () => extractPdfImages(bytes).find((other) => other.name === image.name)?.image(),
			});
		}
	}
}
const ofdDir = path.join(SHARED, 'einvoice', 'ofd');
if (fs.existsSync(ofdDir)) {
	for (const name of fs.readdirSync(ofdDir).sort()) {
		const archive = openZip(new Uint8Array(fs.readFileSync(path.join(ofdDir, name))));
		const entries = archive.entries.map((/** @type {any} */ entry) => ({ name: entry.name, bytes: archive.read(entry) }));
		for (const entry of ofdImageEntries(entries)) rasters.push({ label: `ofd/${name.slice(0, 30)} ${entry.name.split('/').pop()}`, bytes: entry.bytes });
	}
}

console.log(`# Image decoding (median of ${RUNS} runs after ${WARMUP} warm-up; ms wall / ms CPU; machine: ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)})\n`);
if (rasters.length || embedded.length) {
	console.log('| image | size | ours | jpeg-js (JPEG only) |');
	console.log('|---|---|---|---|');
	for (const { label, bytes } of rasters) {
		const size = imageSize(bytes);
		const ours = measure(() => decodeImage(bytes));
		let theirs = '–';
		if (sniffImage(bytes) === 'jpeg') theirs = format(measure(() => jpegJs.decode(bytes, { useTArray: true })).wall);
		console.log(`| ${label} | ${size ? `${size.width}×${size.height} ${size.format}` : '?'} | ${format(ours.wall)} / ${format(ours.cpu)} | ${theirs} |`);
	}
	for (const { label, decode } of embedded) {
		const ours = measure(decode);
		console.log(`| ${label} (PDF parse + decode) | | ${format(ours.wall)} / ${format(ours.cpu)} | – |`);
	}
	console.log('');
} else {
	console.log('(../shared/samples not found: real images skipped)\n');
}

/** A 4000×3000 phone-like picture as PPM: paper gradient, uneven light, grain, dark blocks like print. */
function phonePicture() {
	const width = 4000;
	const height = 3000;
	const header = Buffer.from(`P6 ${width} ${height} 255\n`);
	const data = Buffer.alloc(width * height * 3);
	let seed = 1;
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			seed = (seed * 1103515245 + 12345) & 0x7fffffff;
			const grain = (seed >> 16) % 13;
			const light = 170 + Math.round(60 * Math.sin(x / 900) * Math.cos(y / 700));
			const ink = ((x >> 5) % 7 < 4 && (y >> 4) % 5 < 2 && x % 1000 > 200) || ((x >> 3) + (y >> 3)) % 19 === 0;
			const value = ink ? 40 + grain : light + grain;
			const i = (y * width + x) * 3;
			data[i] = Math.min(255, value + 12);
			data[i + 1] = Math.min(255, value + 4);
			data[i + 2] = Math.max(0, value - 10);
		}
	}
	return { width, height, ppm: Buffer.concat([header, data]), rgb: data };
}

/** @param {boolean} progressive */
function syntheticJpeg(progressive) {
	const cache = path.join(os.tmpdir(), `fapiao-bench-12mp-phone${progressive ? '-progressive' : ''}.jpg`);
	const options = ['-quality', '90', '-sample', '2x2', ...(progressive ? ['-progressive'] : [])];
	if (fs.existsSync(cache)) return { bytes: new Uint8Array(fs.readFileSync(cache)), how: `cjpeg ${options.join(' ')}, cached` };
	const picture = phonePicture();
	const cjpeg = spawnSync('cjpeg', options, { input: picture.ppm, maxBuffer: 64 * 1024 * 1024 });
	if (cjpeg.status === 0 && cjpeg.stdout.length > 0) {
		fs.writeFileSync(cache, cjpeg.stdout);
		return { bytes: new Uint8Array(cjpeg.stdout), how: `cjpeg ${options.join(' ')}` };
	}
	if (progressive) return null; // jpeg-js writes baseline only
	const rgba = Buffer.alloc(picture.width * picture.height * 4, 255);
	for (let i = 0; i < picture.width * picture.height; i++) picture.rgb.copy(rgba, i * 4, i * 3, i * 3 + 3);
	const encoded = jpegJs.encode({ data: rgba, width: picture.width, height: picture.height }, 90).data;
	fs.writeFileSync(cache, encoded);
	return { bytes: new Uint8Array(encoded), how: 'jpeg-js quality 90 (4:4:4; cjpeg not installed)' };
}

for (const progressive of [false, true]) {
	const made = syntheticJpeg(progressive);
	if (!made) {
		console.log('\n(progressive 12 MP JPEG skipped: cjpeg is not installed)');
		continue;
	}
	const { bytes, how } = made;
	const kind = progressive ? 'progressive (as some apps re-encode photos)' : 'baseline';
	console.log(`\n## Synthetic 12 MP ${kind} JPEG (4000×3000, ${(bytes.length / 1024 / 1024).toFixed(1)} MB, ${how})\n`);
	console.log('| decode | output | ms wall / ms CPU |');
	console.log('|---|---|---|');
	for (const scale of [8, 4, 2, 1]) {
		const runs = scale === 1 ? Math.max(3, Math.floor(RUNS / 3)) : RUNS;
		const ours = measure(() => decodeImage(bytes, { scale }), runs);
		console.log(`| scale 1/${scale} | ${Math.ceil(4000 / scale)}×${Math.ceil(3000 / scale)} | ${format(ours.wall)} / ${format(ours.cpu)} |`);
	}
	const corner = measure(() => decodeImage(bytes, { scale: 2, region: { x: 0, y: 0, width: 1600, height: 1200 } }));
	console.log(`| top-left 1600×1200 region at 1/2 | 800×600 | ${format(corner.wall)} / ${format(corner.cpu)} |`);
	const start = performance.now();
	jpegJs.decode(bytes, { useTArray: true, maxMemoryUsageInMB: 2048 });
	console.log(`| jpeg-js, full RGBA (one run) | 4000×3000 | ${format(performance.now() - start)} |`);
}
