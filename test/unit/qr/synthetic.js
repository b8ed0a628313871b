'use strict';
// @ts-check
/**
 * Synthetic QR images for the QR tests and bench: the `qrcode` package encodes, this file renders the module
 * matrix into an 8-bit gray image through a projective map (scale, rotation, perspective), then degrades it
 * (Gaussian blur, noise, uneven light, inversion) and, optionally, round-trips it through JPEG (`jpeg-js`).
 * Deterministic: every random choice comes from a seeded generator.
 */
const QRCode = require('qrcode');
const jpeg = require('jpeg-js');

/** @param {number} seed */
function seededRandom(seed) {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state >>>= 0;
		state ^= state >>> 17;
		state ^= state << 5;
		state >>>= 0;
		return state / 4294967296;
	};
}

/**
 * @param {string} text
 * @param {'L'|'M'|'Q'|'H'} [ecLevel]
 * @param {number} [version]
 * @returns {{ size: number, dark: (x: number, y: number) => boolean }}
 */
function encode(text, ecLevel = 'M', version) {
	const options = /** @type {any} */ ({ errorCorrectionLevel: ecLevel });
	if (version) options.version = version;
	const symbol = QRCode.create(text, options);
	const { size, data } = symbol.modules;
	return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/** 3×3 matrix product, row-major arrays of 9. @param {number[]} a @param {number[]} b */
function multiply(a, b) {
	const r = new Array(9).fill(0);
	for (let i = 0; i < 3; i++)
		for (let j = 0; j < 3; j++)
			for (let k = 0; k < 3; k++) r[i * 3 + j] += a[i * 3 + k] * b[k * 3 + j];
	return r;
}

/** @param {number[]} m */
function invert(m) {
	const [a, b, c, d, e, f, g, h, i] = m;
	const A = e * i - f * h;
	const B = -(d * i - f * g);
	const C = d * h - e * g;
	const det = a * A + b * B + c * C;
	return [
		A,
		-(b * i - c * h),
		b * f - c * e,
		B,
		a * i - c * g,
		-(a * f - c * d),
		C,
		-(a * h - b * g),
		a * e - b * d,
	].map((v) => v / det);
}

/**
 * Renders a QR code.
 * @param {string} text
 * @param {{
 *   ecLevel?: 'L'|'M'|'Q'|'H', version?: number, moduleSize?: number, quietZone?: number,
 *   rotation?: number, perspective?: number, canvas?: { width: number, height: number }, at?: { x: number, y: number },
 *   blur?: number, noise?: number, unevenLight?: number, invert?: boolean, contrast?: number, seed?: number,
 *   mirror?: boolean,
 * }} [options]
 *   rotation in degrees; perspective ~0.0005–0.002 (a tilt); blur = Gaussian sigma in pixels; noise = sigma in
 *   gray levels; unevenLight = the darkening across the image (0–1); `at` = the symbol centre on the canvas.
 * @returns {{ width: number, height: number, data: Uint8Array }}
 */
function renderQr(text, options = {}) {
	const symbol = encode(text, options.ecLevel, options.version);
	const moduleSize = options.moduleSize ?? 4;
	const quiet = options.quietZone ?? 4;
	const total = symbol.size + 2 * quiet;
	const side = total * moduleSize;
	const diagonal = Math.ceil(side * 1.5);
	const width = options.canvas?.width ?? diagonal + 20;
	const height = options.canvas?.height ?? diagonal + 20;
	const center = options.at ?? { x: width / 2, y: height / 2 };
	const angle = ((options.rotation ?? 0) * Math.PI) / 180;
	const p = options.perspective ?? 0;
	// module space (centred on the symbol) → canvas: translate ∘ perspective ∘ rotate ∘ scale
	const scale = [moduleSize, 0, 0, 0, moduleSize, 0, 0, 0, 1];
	const rotate = [
		Math.cos(angle),
		-Math.sin(angle),
		0,
		Math.sin(angle),
		Math.cos(angle),
		0,
		0,
		0,
		1,
	];
	const tilt = [1, 0, 0, 0, 1, 0, p, p * 0.6, 1];
	const translate = [1, 0, center.x, 0, 1, center.y, 0, 0, 1];
	const toCanvas = multiply(translate, multiply(tilt, multiply(rotate, scale)));
	const toModule = invert(toCanvas);
	const contrast = options.contrast ?? 1;
	const darkLevel = Math.round(128 - 110 * contrast);
	const lightLevel = Math.round(128 + 110 * contrast);
	const moduleAt = (/** @type {number} */ mx, /** @type {number} */ my) => {
		const x = Math.floor(mx + total / 2) - quiet;
		const y = Math.floor(my + total / 2) - quiet;
		if (x < 0 || y < 0 || x >= symbol.size || y >= symbol.size) return false;
		return options.mirror ? symbol.dark(y, x) : symbol.dark(x, y);
	};
	const data = new Float32Array(width * height);
	const samples = [0.25, 0.75];
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let darkCount = 0;
			for (const sy of samples) {
				for (const sx of samples) {
					const cx = x + sx;
					const cy = y + sy;
					const w = toModule[6] * cx + toModule[7] * cy + toModule[8];
					const mx = (toModule[0] * cx + toModule[1] * cy + toModule[2]) / w;
					const my = (toModule[3] * cx + toModule[4] * cy + toModule[5]) / w;
					if (moduleAt(mx, my)) darkCount++;
				}
			}
			data[y * width + x] = lightLevel + ((darkLevel - lightLevel) * darkCount) / 4;
		}
	}
	let pixels = options.blur ? gaussianBlur(data, width, height, options.blur) : data;
	const random = seededRandom(options.seed ?? 1);
	const out = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let v = pixels[y * width + x];
			if (options.unevenLight)
				v *= 1 - options.unevenLight * ((x / width) * 0.6 + (y / height) * 0.4);
			if (options.noise) {
				// Box–Muller
				const n = Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
				v += n * options.noise;
			}
			if (options.invert) v = 255 - v;
			out[y * width + x] = Math.max(0, Math.min(255, Math.round(v)));
		}
	}
	return { width, height, data: out };
}

/** @param {Float32Array} data @param {number} width @param {number} height @param {number} sigma */
function gaussianBlur(data, width, height, sigma) {
	const radius = Math.ceil(sigma * 3);
	const kernel = [];
	let sum = 0;
	for (let i = -radius; i <= radius; i++) {
		const v = Math.exp((-i * i) / (2 * sigma * sigma));
		kernel.push(v);
		sum += v;
	}
	const k = kernel.map((v) => v / sum);
	const tmp = new Float32Array(width * height);
	const out = new Float32Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let acc = 0;
			for (let i = -radius; i <= radius; i++)
				acc += k[i + radius] * data[y * width + Math.min(width - 1, Math.max(0, x + i))];
			tmp[y * width + x] = acc;
		}
	}
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let acc = 0;
			for (let i = -radius; i <= radius; i++)
				acc += k[i + radius] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
			out[y * width + x] = acc;
		}
	}
	return out;
}

/** A gray image as JPEG bytes (jpeg-js, RGBA in). @param {{ width: number, height: number, data: Uint8Array }} image @param {number} quality */
function toJpeg(image, quality) {
	const rgba = Buffer.alloc(image.width * image.height * 4);
	for (let i = 0; i < image.width * image.height; i++) {
		rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = image.data[i];
		rgba[i * 4 + 3] = 255;
	}
	return jpeg.encode({ data: rgba, width: image.width, height: image.height }, quality).data;
}

/** JPEG bytes → gray (jpeg-js), for tests that must not depend on the package's own JPEG decoder. @param {Uint8Array} bytes */
function fromJpeg(bytes) {
	const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true });
	const data = new Uint8Array(decoded.width * decoded.height);
	for (let i = 0; i < data.length; i++) {
		data[i] = Math.round(
			0.299 * decoded.data[i * 4] +
				0.587 * decoded.data[i * 4 + 1] +
				0.114 * decoded.data[i * 4 + 2],
		);
	}
	return { width: decoded.width, height: decoded.height, data };
}

/** Gray → RGBA clamped array, the input jsQR takes. @param {{ width: number, height: number, data: Uint8Array }} image */
function toRgba(image) {
	const rgba = new Uint8ClampedArray(image.width * image.height * 4);
	for (let i = 0; i < image.width * image.height; i++) {
		rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = image.data[i];
		rgba[i * 4 + 3] = 255;
	}
	return rgba;
}

/** An invoice QR payload in the README's format with a correct CRC-16/UMTS (hex, upper case, no leading zeros). */
function invoicePayload(
	/** @type {{ type?: string, code?: string, number?: string, amount?: string, date?: string, check?: string }} */ f = {},
) {
	const head =
		[
			'01',
			f.type ?? '10',
			f.code ?? '044031900111',
			f.number ?? '12345678',
			f.amount ?? '1234.56',
			f.date ?? '20240315',
			f.check ?? '12345678901234567890',
		].join(',') + ',';
	let crc = 0;
	for (const byte of Buffer.from(head, 'utf8')) {
		crc ^= byte << 8;
		for (let bit = 0; bit < 8; bit++)
			crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
	}
	return `${head}${crc.toString(16).toUpperCase()},`;
}

/** jsQR's reading of a gray image (the anchor): its text, or null. @param {{ width: number, height: number, data: Uint8Array }} image */
function jsqrRead(image) {
	const jsQR = require('jsqr');
	const result = jsQR(toRgba(image), image.width, image.height, {
		inversionAttempts: 'attemptBoth',
	});
	return result ? result.data : null;
}

/** PNG bytes → gray (pngjs), alpha over white. @param {Uint8Array} bytes */
function fromPng(bytes) {
	const { PNG } = require('pngjs');
	const png = PNG.sync.read(Buffer.from(bytes));
	const data = new Uint8Array(png.width * png.height);
	for (let i = 0; i < data.length; i++) {
		const a = png.data[i * 4 + 3] / 255;
		const luma =
			0.299 * png.data[i * 4] + 0.587 * png.data[i * 4 + 1] + 0.114 * png.data[i * 4 + 2];
		data[i] = Math.round(luma * a + 255 * (1 - a));
	}
	return { width: png.width, height: png.height, data };
}

/** The `qrcode` package's own tables, to check ours against: per version and level, blocks and EC codewords. */
function qrcodeTables() {
	const ecc = require('qrcode/lib/core/error-correction-code');
	const levels = require('qrcode/lib/core/error-correction-level');
	const utils = require('qrcode/lib/core/utils');
	const alignment = require('qrcode/lib/core/alignment-pattern');
	/** @type {{ version: number, level: string, blocks: number, ecTotal: number, total: number, alignment: number[] }[]} */
	const rows = [];
	for (let version = 1; version <= 40; version++) {
		for (const level of ['L', 'M', 'Q', 'H']) {
			const ecl = levels.from(level);
			rows.push({
				version,
				level,
				blocks: ecc.getBlocksCount(version, ecl),
				ecTotal: ecc.getTotalCodewordsCount(version, ecl),
				total: utils.getSymbolTotalCodewords(version),
				alignment: alignment.getRowColCoords(version),
			});
		}
	}
	return rows;
}

/**
 * The synthetic corpus the tests assert on and the bench measures: one entry per variant, in categories.
 * `jpegQuality` means the image goes through a JPEG round trip (jpeg-js) before decoding.
 * @returns {{ category: string, name: string, text: string, options: any, jpegQuality?: number }[]}
 */
function syntheticCorpus() {
	const paper = invoicePayload();
	const digital = invoicePayload({
		type: '32',
		code: '',
		number: '24442000000123456789',
		amount: '1060.00',
		check: '',
	});
	const railway = invoicePayload({
		type: '51',
		code: '',
		number: '24429165800000012345',
		amount: '208.00',
		check: '',
	});
	/** @type {{ category: string, name: string, text: string, options: any, jpegQuality?: number }[]} */
	const corpus = [];
	const add = (
		/** @type {string} */ category,
		/** @type {string} */ name,
		/** @type {string} */ text,
		/** @type {any} */ options,
		/** @type {number=} */ jpegQuality,
	) => corpus.push({ category, name, text, options, jpegQuality });
	for (const level of ['L', 'M', 'Q', 'H'])
		add('clean', `paper ${level}`, paper, { ecLevel: level });
	for (const version of [1, 2, 7, 10, 15, 20, 25, 32, 40]) {
		// As long as the version holds at level L (v1: 17 bytes, v2: 32), so the data fills most of the symbol.
		const text =
			version === 1
				? 'QR version one 1'
				: version === 2
					? '01,10,,12345678,1.00,20240101,,'
					: `${digital}${'x'.repeat(version * 4)}`;
		add('versions', `v${version}`, text, {
			version,
			ecLevel: 'L',
			moduleSize: version > 20 ? 3 : 4,
		});
	}
	for (const rotation of [10, 30, 45, 90, 135, 180, 270, 333])
		add('rotation', `${rotation}°`, digital, { rotation });
	for (const [i, perspective] of [0.001, 0.002, 0.003].entries()) {
		add('perspective', `tilt ${perspective}`, paper, {
			perspective,
			rotation: 7 * i,
			moduleSize: 5,
		});
	}
	add('perspective', 'tilt 0.0025, rotated 160°', paper, {
		perspective: 0.0025,
		rotation: 160,
		moduleSize: 5,
	});
	for (const blur of [0.8, 1.2, 1.6]) add('blur', `σ ${blur} at 4 px`, railway, { blur });
	add('blur', 'σ 1.2 at 3 px, noise, uneven light', digital, {
		moduleSize: 3,
		blur: 1.2,
		noise: 10,
		unevenLight: 0.6,
	});
	for (const noise of [15, 30, 45]) add('noise', `σ ${noise}`, paper, { noise, seed: noise });
	for (const unevenLight of [0.5, 0.7, 0.85])
		add('uneven light', `${unevenLight}`, digital, { unevenLight, noise: 5 });
	add('inversion', 'light on dark', paper, { invert: true });
	add('inversion', 'light on dark, rotated, blurred', digital, {
		invert: true,
		rotation: 20,
		blur: 0.8,
	});
	add('mirror', 'mirrored', paper, { mirror: true });
	for (const moduleSize of [2, 2.5, 3]) {
		add('small modules', `${moduleSize} px`, paper, { moduleSize, rotation: 0 });
		add('small modules', `${moduleSize} px, blur 0.6`, digital, { moduleSize, blur: 0.6 });
		add('small modules', `${moduleSize} px, rotated 12°`, railway, {
			moduleSize,
			rotation: 12,
			blur: 0.5,
		});
	}
	// Module edges between pixels (the symbol placed off the pixel grid), the hardest case at 2 px.
	add('small modules', '2 px, blur 0.8, off-grid', digital, {
		moduleSize: 2,
		blur: 0.8,
		canvas: { width: 200, height: 200 },
		at: { x: 100.5, y: 100.25 },
		noise: 3,
	});
	add('small modules', '2 px, blur 0.7, rotated 30°, noise', paper, {
		moduleSize: 2,
		blur: 0.7,
		rotation: 30,
		noise: 6,
	});
	add('small modules', '1.6 px, blur 0.3', digital, { moduleSize: 1.6, blur: 0.3 });
	// As PDFs embed them: 1 px per module and no quiet zone (37×37 JPEGs), or a large render with none.
	for (const [moduleSize, quietZone] of [
		[1, 0],
		[1, 2],
		[8, 0],
	]) {
		const side = (encode(digital, 'M').size + 2 * quietZone) * moduleSize;
		add('pdf-embedded', `${moduleSize} px/module, quiet zone ${quietZone}`, digital, {
			moduleSize,
			quietZone,
			canvas: { width: side, height: side },
		});
	}
	for (const quality of [90, 60, 35])
		add('jpeg', `quality ${quality} at 3 px`, paper, { moduleSize: 3, blur: 0.5 }, quality);
	add('jpeg', 'quality 50 at 2 px', digital, { moduleSize: 2, blur: 0.4 }, 50);
	add('low contrast', 'contrast 0.25', paper, { contrast: 0.25, noise: 4 });
	return corpus;
}

/** The corpus entry as a gray image (through JPEG when it asks). @param {{ text: string, options: any, jpegQuality?: number }} entry */
function renderEntry(entry) {
	const image = renderQr(entry.text, entry.options);
	return entry.jpegQuality ? fromJpeg(toJpeg(image, entry.jpegQuality)) : image;
}

/**
 * A phone-photo-like page: a light, unevenly lit sheet with text-like strokes, the QR code pasted near a corner
 * at `moduleSize` px per module (slightly rotated and blurred), as gray pixels.
 * @param {string} text
 * @param {{ width?: number, height?: number, moduleSize?: number, corner?: 'top-left'|'top-right'|'bottom-left'|'bottom-right', rotation?: number, blur?: number, seed?: number }} [options]
 */
function invoicePhoto(text, options = {}) {
	const width = options.width ?? 4000;
	const height = options.height ?? 3000;
	const random = seededRandom(options.seed ?? 11);
	const data = new Uint8Array(width * height);
	const sheet = (/** @type {number} */ x, /** @type {number} */ y) =>
		215 - Math.round((y / height) * 30) - Math.round((x / width) * 25);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) data[y * width + x] = sheet(x, y);
	}
	// Text-like strokes: short dark bars in lines across the page.
	const stroke = Math.max(2, Math.round(width / 1000));
	for (let line = 0; line < 60; line++) {
		const y0 = Math.floor(random() * (height - 20));
		let x = Math.floor(random() * width * 0.5);
		const end = Math.min(width - 10, x + Math.floor(random() * width * 0.5));
		while (x < end) {
			const w = stroke * (1 + Math.floor(random() * 6));
			const h = stroke * (3 + Math.floor(random() * 4));
			for (let yy = y0; yy < Math.min(height, y0 + h); yy++)
				data.fill(60, yy * width + x, yy * width + Math.min(width, x + w));
			x += w + stroke * (1 + Math.floor(random() * 4));
		}
	}
	const code = renderQr(text, {
		moduleSize: options.moduleSize ?? 2.5,
		rotation: options.rotation ?? 3,
		blur: options.blur ?? 0.6,
		noise: 4,
		quietZone: 3,
		seed: options.seed ?? 11,
	});
	const corner = options.corner ?? 'top-left';
	const margin = Math.round(width * 0.04);
	const left = corner.endsWith('left') ? margin : width - margin - code.width;
	const top = corner.startsWith('top') ? margin : height - margin - code.height;
	for (let y = 0; y < code.height; y++) {
		for (let x = 0; x < code.width; x++) {
			// Printed over the text (the code covers it), lit like the sheet around it.
			data[(top + y) * width + left + x] = Math.round(
				(sheet(left + x, top + y) * code.data[y * code.width + x]) / 238,
			);
		}
	}
	return { width, height, data };
}

/** A gray image as PNG bytes (pngjs, gray 8-bit). @param {{ width: number, height: number, data: Uint8Array }} image */
function toPng(image) {
	const { PNG } = require('pngjs');
	const png = new PNG({
		width: image.width,
		height: image.height,
		colorType: 0,
		inputColorType: 0,
		inputHasAlpha: false,
	});
	png.data = Buffer.from(image.data);
	return PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false });
}

/**
 * Starts a CPU clock: the returned function gives the CPU milliseconds this process used since. Unlike wall
 * time it does not grow while a test waits for a core on a busy shared machine.
 */
function startCpuClock() {
	const since = process.cpuUsage();
	return () => {
		const used = process.cpuUsage(since);
		return (used.user + used.system) / 1000;
	};
}

module.exports = {
	startCpuClock,
	invoicePhoto,
	toPng,
	syntheticCorpus,
	renderEntry,
	renderQr,
	toJpeg,
	fromJpeg,
	fromPng,
	toRgba,
	jsqrRead,
	encode,
	seededRandom,
	invoicePayload,
	gaussianBlur,
	qrcodeTables,
};
