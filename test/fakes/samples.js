'use strict';
// @ts-check

/**
 * Builds small, real sample files for tests and the demo: every header decodes, PNG chunks carry
 * valid CRCs, the PDF has a correct xref, the OFD is a valid zip. Output is deterministic (no
 * timestamps, seeded "randomness"), so regenerating examples/samples/ changes nothing.
 *
 * A marker `fapiao-sample:<name>` (PNG tEXt, JPEG COM, GIF comment, TIFF ImageDescription, PDF
 * Keywords, OFD Keyword, bytes before BMP pixels) makes the fakes answer with fixture <name>.
 *
 *   node test/fakes/samples.js [dir]   writes the example files (default examples/samples)
 */

const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { DEMO_SAMPLES } = require('./demo-invoices');
const { INVOICES_PREFIX, MARKER_PREFIX } = require('./files');

// ---------------------------------------------------------------------------------------------
// Small shared pieces

const CRC_TABLE = (() => {
	const table = new Uint32Array(256);
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		table[n] = c >>> 0;
	}
	return table;
})();

/** CRC-32 as PNG and zip use it. @param {Buffer} bytes */
function crc32(bytes) {
	let c = 0xffffffff;
	for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}

/** Deterministic PRNG (mulberry32) so drawings are identical on every run. @param {number} seed */
function prng(seed) {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * @param {string | undefined} name
 * @param {unknown[]} [invoices]  what the picture shows, embedded as `fapiao-invoices:<base64 JSON>`
 */
function markerText(name, invoices) {
	if (name === undefined) return null;
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(name)) throw new Error(`Invalid sample marker "${name}"`);
	// A trailing space ends the name, so bytes that follow (a PNG CRC) cannot extend it. Base64
	// needs no escaping in any container (PNG tEXt, JPEG COM, PDF string, OFD XML).
	const facts = invoices
		? `${INVOICES_PREFIX}${Buffer.from(JSON.stringify(invoices), 'utf8').toString('base64')} `
		: '';
	return `${MARKER_PREFIX}${name} ${facts}`;
}

/** @param {number} value */
const u16le = (value) => Buffer.from([value & 0xff, (value >>> 8) & 0xff]);
/** @param {number} value */
const u32le = (value) => {
	const b = Buffer.alloc(4);
	b.writeUInt32LE(value >>> 0);
	return b;
};

// ---------------------------------------------------------------------------------------------
// Drawing: an RGB canvas and a few invoice-like layouts

/** @typedef {[number, number, number]} Rgb */

const PAPER = /** @type {Rgb} */ ([253, 252, 246]);
const INK = /** @type {Rgb} */ ([40, 40, 48]);
const RED = /** @type {Rgb} */ ([200, 55, 45]);
const RULE = /** @type {Rgb} */ ([150, 110, 80]);
const DESK = /** @type {Rgb} */ ([214, 216, 220]);

class Canvas {
	/**
	 * @param {number} width
	 * @param {number} height
	 * @param {Rgb} background
	 */
	constructor(width, height, background) {
		this.width = width;
		this.height = height;
		this.rgb = Buffer.alloc(width * height * 3);
		this.fillRect(0, 0, width, height, background);
	}

	/**
	 * @param {number} x
	 * @param {number} y
	 * @param {number} w
	 * @param {number} h
	 * @param {Rgb} color
	 */
	fillRect(x, y, w, h, color) {
		const x0 = Math.max(0, Math.round(x));
		const y0 = Math.max(0, Math.round(y));
		const x1 = Math.min(this.width, Math.round(x + w));
		const y1 = Math.min(this.height, Math.round(y + h));
		for (let row = y0; row < y1; row++) {
			for (let col = x0; col < x1; col++) this.rgb.set(color, (row * this.width + col) * 3);
		}
	}

	/**
	 * @param {number} x
	 * @param {number} y
	 * @param {number} w
	 * @param {number} h
	 * @param {Rgb} color
	 * @param {number} [line]
	 */
	strokeRect(x, y, w, h, color, line = 1) {
		this.fillRect(x, y, w, line, color);
		this.fillRect(x, y + h - line, w, line, color);
		this.fillRect(x, y, line, h, color);
		this.fillRect(x + w - line, y, line, h, color);
	}

	/** An oval ring, like a company seal. */
	ring(
		/** @type {number} */ cx,
		/** @type {number} */ cy,
		/** @type {number} */ rx,
		/** @type {number} */ ry,
		/** @type {number} */ thickness,
		/** @type {Rgb} */ color,
	) {
		for (let row = Math.floor(cy - ry); row <= cy + ry; row++) {
			for (let col = Math.floor(cx - rx); col <= cx + rx; col++) {
				if (row < 0 || col < 0 || row >= this.height || col >= this.width) continue;
				const outer = ((col - cx) / rx) ** 2 + ((row - cy) / ry) ** 2;
				const inner = ((col - cx) / (rx - thickness)) ** 2 + ((row - cy) / (ry - thickness)) ** 2;
				if (outer <= 1 && inner >= 1) this.rgb.set(color, (row * this.width + col) * 3);
			}
		}
	}

	/**
	 * A run of glyph-like blocks standing in for a line of printed text.
	 *
	 * @param {number} x
	 * @param {number} y
	 * @param {number} maxWidth
	 * @param {number} size  glyph height in px
	 * @param {Rgb} color
	 * @param {() => number} random
	 */
	text(x, y, maxWidth, size, color, random) {
		const glyphs = Math.max(1, Math.floor((maxWidth / (size + 2)) * (0.45 + random() * 0.55)));
		for (let i = 0; i < glyphs; i++) {
			const w = Math.max(2, Math.round(size * (0.6 + random() * 0.4)));
			this.fillRect(x + i * (size + 2), y + Math.round(random() * 2), w, size - 2, color);
		}
	}

	/** Luminance, for grayscale encoders. */
	gray() {
		const out = Buffer.alloc(this.width * this.height);
		for (let i = 0; i < out.length; i++) {
			const [r, g, b] = [this.rgb[i * 3], this.rgb[i * 3 + 1], this.rgb[i * 3 + 2]];
			out[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
		}
		return out;
	}
}

// A 3x5 dot font for what the demo samples print legibly: invoice number, date and total.
const FONT = /** @type {Record<string, string>} */ ({
	0: '111101101101111',
	1: '010110010010111',
	2: '111001111100111',
	3: '111001111001111',
	4: '101101111001001',
	5: '111100111001111',
	6: '111100111101111',
	7: '111001010010010',
	8: '111101111101111',
	9: '111101111001111',
	'-': '000000111000000',
	'.': '000000000000010',
	' ': '000000000000000',
});

/**
 * Prints `line` in the dot font on a cleared strip, `scale` px per dot.
 *
 * @param {Canvas} c
 * @param {number} x
 * @param {number} y
 * @param {string} line
 * @param {number} scale
 * @param {Rgb} color
 */
function printLine(c, x, y, line, scale, color) {
	c.fillRect(x - scale, y - scale, line.length * 4 * scale + scale, 7 * scale, PAPER);
	[...line].forEach((char, index) => {
		const dots = FONT[char];
		if (dots === undefined) throw new Error(`No glyph for "${char}"`);
		for (let dot = 0; dot < 15; dot++) {
			if (dots[dot] !== '1') continue;
			const left = x + index * 4 * scale + (dot % 3) * scale;
			c.fillRect(left, y + Math.floor(dot / 3) * scale, scale, scale, color);
		}
	});
}

/** @typedef {{ invoiceNumber: string, issueDate: string, total: number }} PrintedFacts */

/**
 * Number (top right), date below it and total (bottom): what a reader checks first.
 *
 * @param {Canvas} c
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {PrintedFacts} facts
 * @param {'invoice' | 'roll'} kind
 */
function printFacts(c, x, y, w, h, facts, kind) {
	const scale = Math.max(1, Math.min(3, Math.floor(Math.min(w / 90, h / 40))));
	const line = 7 * scale;
	const total = facts.total.toFixed(2);
	if (kind === 'invoice') {
		const right = x + w * 0.96 - 10 * 4 * scale;
		printLine(c, right, y + h * 0.04, facts.invoiceNumber, scale, INK);
		printLine(c, right, y + h * 0.04 + line, facts.issueDate, scale, INK);
		printLine(c, x + w * 0.62, y + h * 0.8, total, scale, INK);
	} else {
		// Roll rows run across the paper: clear them whole so no printed block touches the digits.
		c.fillRect(x + w * 0.04, y + h * 0.1 - scale * 2, w * 0.92, line * 2 + scale * 2, PAPER);
		c.fillRect(x + w * 0.04, y + h * 0.66 - scale * 2, w * 0.92, line + scale * 2, PAPER);
		printLine(c, x + w * 0.08, y + h * 0.1, facts.invoiceNumber, scale, INK);
		printLine(c, x + w * 0.08, y + h * 0.1 + line, facts.issueDate, scale, INK);
		printLine(c, x + w * 0.08, y + h * 0.66, total, scale, INK);
	}
}

/**
 * A landscape VAT invoice: red title, ruled table, rows of text, red seal.
 *
 * @param {Canvas} c
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {() => number} random
 */
function drawVatInvoice(c, x, y, w, h, random) {
	c.fillRect(x, y, w, h, PAPER);
	const glyph = Math.max(4, Math.round(h / 40));
	c.text(x + w * 0.32, y + h * 0.05, w * 0.36, glyph + 4, RED, random);
	c.fillRect(x + w * 0.3, y + h * 0.13, w * 0.4, 1, RED);
	c.fillRect(x + w * 0.3, y + h * 0.13 + 3, w * 0.4, 1, RED);
	const top = y + h * 0.2;
	const tableH = h * 0.66;
	c.strokeRect(x + w * 0.04, top, w * 0.92, tableH, RULE);
	for (const fraction of [0.22, 0.62, 0.8])
		c.fillRect(x + w * 0.04, top + tableH * fraction, w * 0.92, 1, RULE);
	c.fillRect(x + w * 0.5, top, 1, tableH * 0.22, RULE);
	for (let row = 0; row < 3; row++) {
		c.text(x + w * 0.07, top + 6 + row * (glyph + 6), w * 0.38, glyph, INK, random);
		c.text(x + w * 0.53, top + 6 + row * (glyph + 6), w * 0.38, glyph, INK, random);
	}
	for (let row = 0; row < 4; row++) {
		c.text(x + w * 0.07, top + tableH * 0.26 + row * (glyph + 6), w * 0.85, glyph, INK, random);
	}
	c.text(x + w * 0.07, top + tableH * 0.66, w * 0.8, glyph, INK, random);
	c.ring(x + w * 0.8, y + h * 0.9, w * 0.07, h * 0.07, 3, RED);
}

/**
 * A till-roll invoice (卷票): narrow, text rows, dashed rules, a QR-like block, red seal.
 *
 * @param {Canvas} c
 * @param {number} x
 * @param {number} y
 * @param {number} w
 * @param {number} h
 * @param {() => number} random
 */
function drawRollInvoice(c, x, y, w, h, random) {
	c.fillRect(x, y, w, h, PAPER);
	const glyph = Math.max(4, Math.round(w / 22));
	c.text(x + w * 0.15, y + h * 0.03, w * 0.7, glyph + 2, INK, random);
	let cursor = y + h * 0.1;
	for (let row = 0; row < 14 && cursor < y + h * 0.72; row++) {
		if (row % 5 === 4) {
			for (let dash = x + w * 0.06; dash < x + w * 0.94; dash += 8)
				c.fillRect(dash, cursor + glyph / 2, 4, 1, INK);
		} else {
			c.text(x + w * 0.06, cursor, w * 0.88, glyph, INK, random);
		}
		cursor += glyph + 7;
	}
	const qr = Math.round(w * 0.3);
	const cell = Math.max(2, Math.floor(qr / 12));
	for (let row = 0; row < 12; row++) {
		for (let col = 0; col < 12; col++) {
			if (random() < 0.5)
				c.fillRect(x + w * 0.08 + col * cell, y + h * 0.76 + row * cell, cell, cell, INK);
		}
	}
	c.ring(x + w * 0.72, y + h * 0.84, w * 0.16, h * 0.06, 3, RED);
}

/**
 * @param {'invoice' | 'roll' | 'multi'} layout
 * @param {number} width
 * @param {number} height
 * @param {PrintedFacts[]} [printed]  the invoices' number, date and total, one per invoice drawn
 */
function drawLayout(layout, width, height, printed) {
	const random = prng(width * 7919 + height);
	/** @type {Array<['invoice' | 'roll', number, number, number, number]>} kind, x, y, w, h */
	const parts =
		layout === 'multi'
			? // Several invoices photographed together on a desk.
				[
					['invoice', width * 0.03, height * 0.05, width * 0.56, height * 0.5],
					['roll', width * 0.64, height * 0.05, width * 0.32, height * 0.9],
					['invoice', width * 0.03, height * 0.6, width * 0.5, height * 0.35],
				]
			: [[layout, 0, 0, width, height]];
	if (printed && printed.length !== parts.length) {
		throw new Error(`layout ${layout} draws ${parts.length} invoice(s), ${printed.length} given`);
	}
	const canvas = new Canvas(width, height, layout === 'multi' ? DESK : PAPER);
	parts.forEach(([kind, x, y, w, h], index) => {
		if (kind === 'invoice') drawVatInvoice(canvas, x, y, w, h, random);
		else drawRollInvoice(canvas, x, y, w, h, random);
		if (printed) printFacts(canvas, x, y, w, h, printed[index], kind);
	});
	return canvas;
}

// ---------------------------------------------------------------------------------------------
// PNG

/**
 * @param {string} type
 * @param {Buffer} data
 */
function pngChunk(type, data) {
	const typeAndData = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typeAndData));
	return Buffer.concat([length, typeAndData, crc]);
}

/**
 * @param {Canvas} canvas
 * @param {{ marker?: string, invoices?: unknown[], padToBytes?: number }} options
 */
function encodePng(canvas, options) {
	const { width, height, rgb } = canvas;
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, deflate, adaptive filtering, no interlace
	const rows = Buffer.alloc((width * 3 + 1) * height);
	for (let row = 0; row < height; row++) {
		rows[row * (width * 3 + 1)] = 0; // filter: none
		rgb.copy(rows, row * (width * 3 + 1) + 1, row * width * 3, (row + 1) * width * 3);
	}
	const chunks = [pngChunk('IHDR', header)];
	const marker = markerText(options.marker, options.invoices);
	if (marker) chunks.push(pngChunk('tEXt', Buffer.from(`Comment\0${marker}`, 'latin1')));
	chunks.push(pngChunk('IDAT', zlib.deflateSync(rows, { level: 9 })));
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const end = pngChunk('IEND', Buffer.alloc(0));
	const size = signature.length + chunks.reduce((sum, chunk) => sum + chunk.length, 0) + end.length;
	if (options.padToBytes && options.padToBytes > size) {
		// A private ancillary chunk ("fpAd"): decoders skip it, so the image stays valid.
		chunks.push(pngChunk('fpAd', Buffer.alloc(Math.max(0, options.padToBytes - size - 12))));
	}
	return Buffer.concat([signature, ...chunks, end]);
}

/**
 * A PNG showing an invoice-like picture.
 *
 * @param {import('./index').PngSampleOptions} [options]
 */
function png(options = {}) {
	const { width = 480, height = 300, layout = 'invoice' } = options;
	return encodePng(drawLayout(layout, width, height, options.invoices), options);
}

/** A 1x1 white PNG: valid, and too small for any vendor to read. */
function tinyPng() {
	return encodePng(new Canvas(1, 1, [255, 255, 255]), {});
}

// ---------------------------------------------------------------------------------------------
// JPEG: baseline, grayscale, one DC coefficient per 8x8 block (flat blocks encode exactly, which
// keeps the encoder short; drawings come out slightly blocky, like a low-quality scan).

const DC_BITS = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]; // standard luminance DC table
const DC_VALUES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
const AC_BITS = [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]; // one code: end-of-block
const AC_VALUES = [0x00];

/**
 * Canonical Huffman codes (JPEG Annex C) by symbol.
 *
 * @param {number[]} bits
 * @param {number[]} values
 */
function huffmanCodes(bits, values) {
	/** @type {Map<number, { code: number, length: number }>} */
	const codes = new Map();
	let code = 0;
	let k = 0;
	for (let length = 1; length <= 16; length++) {
		for (let i = 0; i < bits[length - 1]; i++) codes.set(values[k++], { code: code++, length });
		code <<= 1;
	}
	return codes;
}

/**
 * @param {number} marker
 * @param {Buffer} data
 */
function jpegSegment(marker, data) {
	const head = Buffer.from([0xff, marker, 0, 0]);
	head.writeUInt16BE(data.length + 2, 2);
	return Buffer.concat([head, data]);
}

/**
 * @param {Canvas} canvas
 * @param {{ marker?: string, invoices?: unknown[], padToBytes?: number }} options
 */
function encodeJpeg(canvas, options) {
	const { width, height } = canvas;
	const gray = canvas.gray();
	const dc = huffmanCodes(DC_BITS, DC_VALUES);
	const eob = /** @type {{ code: number, length: number }} */ (
		huffmanCodes(AC_BITS, AC_VALUES).get(0)
	);

	/** @type {number[]} */
	const entropy = [];
	let bitBuffer = 0;
	let bitCount = 0;
	const writeBits = (/** @type {number} */ value, /** @type {number} */ length) => {
		for (let i = length - 1; i >= 0; i--) {
			bitBuffer = (bitBuffer << 1) | ((value >>> i) & 1);
			if (++bitCount === 8) {
				entropy.push(bitBuffer);
				if (bitBuffer === 0xff) entropy.push(0x00); // byte stuffing
				bitBuffer = 0;
				bitCount = 0;
			}
		}
	};

	let previous = 0;
	for (let by = 0; by < Math.ceil(height / 8); by++) {
		for (let bx = 0; bx < Math.ceil(width / 8); bx++) {
			let sum = 0;
			for (let y = 0; y < 8; y++) {
				for (let x = 0; x < 8; x++) {
					// Pixels past the edge repeat the edge, as decoders expect.
					const row = Math.min(height - 1, by * 8 + y);
					const col = Math.min(width - 1, bx * 8 + x);
					sum += gray[row * width + col];
				}
			}
			// A flat block's DC coefficient is 8 * (value - 128); the quantizer below divides by 8.
			const level = Math.round(sum / 64) - 128;
			const diff = level - previous;
			previous = level;
			const magnitude = Math.abs(diff);
			const category = magnitude === 0 ? 0 : Math.floor(Math.log2(magnitude)) + 1;
			const symbol = /** @type {{ code: number, length: number }} */ (dc.get(category));
			writeBits(symbol.code, symbol.length);
			if (category > 0) writeBits(diff >= 0 ? diff : diff + (1 << category) - 1, category);
			writeBits(eob.code, eob.length);
		}
	}
	if (bitCount > 0) writeBits(0x7f, 8 - bitCount); // pad the last byte with 1-bits

	const segments = [
		Buffer.from([0xff, 0xd8]),
		jpegSegment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])), // JFIF
	];
	const marker = markerText(options.marker, options.invoices);
	if (marker) segments.push(jpegSegment(0xfe, Buffer.from(marker, 'latin1'))); // COM
	segments.push(
		jpegSegment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 8)])), // DQT 0, all 8
		jpegSegment(
			0xc0,
			Buffer.from([8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]),
		),
		jpegSegment(0xc4, Buffer.from([0x00, ...DC_BITS, ...DC_VALUES])),
		jpegSegment(0xc4, Buffer.from([0x10, ...AC_BITS, ...AC_VALUES])),
	);
	const tail = [
		jpegSegment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])),
		Buffer.from(entropy),
		Buffer.from([0xff, 0xd9]),
	];
	let size = [...segments, ...tail].reduce((sum, part) => sum + part.length, 0);
	while (options.padToBytes && size < options.padToBytes) {
		// Filler comments (each at most 65533 bytes of data).
		const data = Math.min(65533, Math.max(0, options.padToBytes - size - 4));
		segments.push(jpegSegment(0xfe, Buffer.alloc(data, 0x20)));
		size += data + 4;
	}
	return Buffer.concat([...segments, ...tail]);
}

/**
 * A grayscale baseline JPEG, a till-roll invoice by default.
 *
 * @param {import('./index').JpegSampleOptions} [options]
 */
function jpeg(options = {}) {
	const { width = 240, height = 560, layout = 'roll' } = options;
	return encodeJpeg(drawLayout(layout, width, height, options.invoices), options);
}

// ---------------------------------------------------------------------------------------------
// BMP (24-bit, uncompressed)

/** @param {import('./index').SampleOptions & { layout?: 'invoice' | 'roll' | 'multi' }} [options] */
function bmp(options = {}) {
	const { width = 64, height = 48, layout = 'invoice' } = options;
	const canvas = drawLayout(layout, width, height);
	const marker = Buffer.from(markerText(options.marker, options.invoices) ?? '', 'latin1');
	const stride = Math.ceil((width * 3) / 4) * 4;
	const pixels = Buffer.alloc(stride * height);
	for (let row = 0; row < height; row++) {
		const target = (height - 1 - row) * stride; // bottom-up rows
		for (let col = 0; col < width; col++) {
			const from = (row * width + col) * 3;
			pixels[target + col * 3] = canvas.rgb[from + 2]; // BGR
			pixels[target + col * 3 + 1] = canvas.rgb[from + 1];
			pixels[target + col * 3 + 2] = canvas.rgb[from];
		}
	}
	const offset = 14 + 40 + marker.length; // the marker sits between the headers and the pixels
	const fileHeader = Buffer.concat([
		Buffer.from('BM', 'latin1'),
		u32le(offset + pixels.length),
		u32le(0),
		u32le(offset),
	]);
	const info = Buffer.alloc(40);
	info.writeUInt32LE(40, 0);
	info.writeInt32LE(width, 4);
	info.writeInt32LE(height, 8);
	info.writeUInt16LE(1, 12); // planes
	info.writeUInt16LE(24, 14); // bits per pixel
	info.writeUInt32LE(pixels.length, 20);
	info.writeInt32LE(2835, 24); // 72 dpi
	info.writeInt32LE(2835, 28);
	return Buffer.concat([fileHeader, info, marker, pixels]);
}

// ---------------------------------------------------------------------------------------------
// GIF: a landscape picture (not an invoice). LZW with 9-bit codes only: a clear code every 200
// pixels keeps the table from growing, so no variable-width bookkeeping is needed.

/** @param {import('./index').SampleOptions} [options] */
function gif(options = {}) {
	const { width = 96, height = 64 } = options;
	const palette = Buffer.alloc(256 * 3);
	for (let i = 0; i < 64; i++) palette.set([120 + i, 170 + Math.floor(i / 2), 235], i * 3); // sky
	palette.set([250, 205, 60], 64 * 3); // sun
	palette.set([90, 160, 80], 65 * 3); // hill
	palette.set([60, 120, 60], 66 * 3); // far hill
	const pixels = Buffer.alloc(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) {
			let index = Math.min(63, Math.floor((y / height) * 64));
			if ((x - width * 0.75) ** 2 + (y - height * 0.25) ** 2 < (height * 0.12) ** 2) index = 64;
			if (y > height * (0.62 + 0.1 * Math.sin(x / 9))) index = 66;
			if (y > height * (0.75 + 0.08 * Math.cos(x / 13))) index = 65;
			pixels[y * width + x] = index;
		}
	}
	const CLEAR = 256;
	const END = 257;
	/** @type {number[]} */
	const bytes = [];
	let buffer = 0;
	let count = 0;
	const emit = (/** @type {number} */ code) => {
		buffer |= code << count;
		count += 9;
		while (count >= 8) {
			bytes.push(buffer & 0xff);
			buffer >>>= 8;
			count -= 8;
		}
	};
	for (let i = 0; i < pixels.length; i++) {
		if (i % 200 === 0) emit(CLEAR);
		emit(pixels[i]);
	}
	emit(END);
	if (count > 0) bytes.push(buffer & 0xff);

	/** @param {Buffer} data */
	const subBlocks = (data) => {
		const parts = [];
		for (let at = 0; at < data.length; at += 255) {
			const block = data.subarray(at, at + 255);
			parts.push(Buffer.from([block.length]), block);
		}
		parts.push(Buffer.from([0]));
		return Buffer.concat(parts);
	};
	const marker = markerText(options.marker, options.invoices);
	return Buffer.concat([
		Buffer.from('GIF89a', 'latin1'),
		u16le(width),
		u16le(height),
		Buffer.from([0xf7, 0, 0]), // global colour table of 256 entries
		palette,
		marker
			? Buffer.concat([Buffer.from([0x21, 0xfe]), subBlocks(Buffer.from(marker, 'latin1'))])
			: Buffer.alloc(0),
		Buffer.from([0x2c]),
		u16le(0),
		u16le(0),
		u16le(width),
		u16le(height),
		Buffer.from([0x00, 8]), // no local table; LZW minimum code size 8
		subBlocks(Buffer.from(bytes)),
		Buffer.from([0x3b]),
	]);
}

// ---------------------------------------------------------------------------------------------
// TIFF (little-endian, 8-bit grayscale, one uncompressed strip)

/** @param {import('./index').SampleOptions & { layout?: 'invoice' | 'roll' | 'multi' }} [options] */
function tiff(options = {}) {
	const { width = 64, height = 48, layout = 'invoice' } = options;
	const pixels = drawLayout(layout, width, height).gray();
	const marker = markerText(options.marker, options.invoices);
	const description = marker ? Buffer.from(`${marker}\0`, 'latin1') : null;
	/** @type {Array<[number, number, number, number | Buffer]>} tag, type, count, value */
	const entries = [
		[256, 3, 1, width],
		[257, 3, 1, height],
		[258, 3, 1, 8],
		[259, 3, 1, 1], // no compression
		[262, 3, 1, 1], // black is zero
		...(description
			? /** @type {Array<[number, number, number, Buffer]>} */ ([
					[270, 2, description.length, description],
				])
			: []),
		[273, 4, 1, 0], // strip offset, filled below
		[277, 3, 1, 1],
		[278, 3, 1, height],
		[279, 4, 1, pixels.length],
	];
	const ifdSize = 2 + entries.length * 12 + 4;
	const extraStart = 8 + ifdSize;
	const extra = description ?? Buffer.alloc(0);
	const pixelsAt = extraStart + extra.length;
	const ifd = Buffer.alloc(ifdSize);
	ifd.writeUInt16LE(entries.length, 0);
	entries.forEach(([tag, type, count, value], i) => {
		const at = 2 + i * 12;
		ifd.writeUInt16LE(tag, at);
		ifd.writeUInt16LE(type, at + 2);
		ifd.writeUInt32LE(count, at + 4);
		if (Buffer.isBuffer(value)) ifd.writeUInt32LE(extraStart, at + 8);
		else if (tag === 273) ifd.writeUInt32LE(pixelsAt, at + 8);
		else if (type === 3) ifd.writeUInt16LE(value, at + 8);
		else ifd.writeUInt32LE(value, at + 8);
	});
	return Buffer.concat([Buffer.from('II*\0', 'latin1'), u32le(8), ifd, extra, pixels]);
}

// ---------------------------------------------------------------------------------------------
// PDF: one Helvetica page per invoice page, with a correct cross-reference table.

/** @param {import('./index').DocumentSampleOptions} [options] */
function pdf(options = {}) {
	const pages = options.pages ?? 1;
	const marker = markerText(options.marker, options.invoices);
	const fontId = 3;
	const firstPageId = 4;
	/** @type {string[]} object bodies, id = index + 1 */
	const objects = [];
	const pageIds = Array.from({ length: pages }, (_, i) => firstPageId + i * 2);
	objects[0] = '<< /Type /Catalog /Pages 2 0 R >>';
	objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages} >>`;
	objects[2] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
	pageIds.forEach((id, i) => {
		const printed = (options.invoices ?? []).map(
			(invoice, line) =>
				`BT /F1 11 Tf 72 ${700 - line * 16} Td (No. ${invoice.invoiceNumber}  ${invoice.issueDate}  total ${invoice.total.toFixed(2)}) Tj ET`,
		);
		const content = [
			'BT /F1 20 Tf 72 770 Td (VAT invoice sample) Tj ET',
			`BT /F1 11 Tf 72 748 Td (Page ${i + 1} of ${pages} - generated test file, not a real invoice) Tj ET`,
			...printed,
			'0.59 0.43 0.31 RG 1 w 72 720 451 -300 re S 72 620 m 523 620 l S 72 520 m 523 520 l S',
			'0.78 0.22 0.18 RG 3 w 470 380 m 470 405 448 425 420 425 c 392 425 370 405 370 380 c S',
		].join('\n');
		objects[id - 1] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] ` +
			`/Resources << /Font << /F1 ${fontId} 0 R >> >> /Contents ${id + 1} 0 R >>`;
		objects[id] =
			`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;
	});
	const infoId = objects.length + 1;
	const keywords = marker ? ` /Keywords (${marker})` : '';
	objects.push(
		`<< /Producer (n8n-nodes-fapiao test samples) /Title (VAT invoice sample)${keywords} >>`,
	);

	let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
	const offsets = objects.map((body, i) => {
		const offset = Buffer.byteLength(out, 'latin1');
		out += `${i + 1} 0 obj\n${body}\nendobj\n`;
		return offset;
	});
	const xrefAt = Buffer.byteLength(out, 'latin1');
	out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
	for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${infoId} 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

// ---------------------------------------------------------------------------------------------
// OFD (GB/T 33190): a zip with OFD.xml, Doc_0/Document.xml and one Content.xml per page.

/** @param {Array<[string, string]>} files name → UTF-8 text */
function zipStored(files) {
	const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01, fixed for reproducible output
	const locals = [];
	const centrals = [];
	let offset = 0;
	for (const [name, text] of files) {
		const data = Buffer.from(text, 'utf8');
		const fileName = Buffer.from(name, 'utf8');
		const crc = crc32(data);
		const common = Buffer.concat([
			u16le(20), // version needed
			u16le(0x0800), // UTF-8 names
			u16le(0), // stored
			u16le(0),
			u16le(DOS_DATE),
			u32le(crc),
			u32le(data.length),
			u32le(data.length),
			u16le(fileName.length),
			u16le(0),
		]);
		const local = Buffer.concat([u32le(0x04034b50), common, fileName, data]);
		centrals.push(
			Buffer.concat([
				u32le(0x02014b50),
				u16le(20),
				common,
				u16le(0),
				u16le(0),
				u16le(0),
				u32le(0),
				u32le(offset),
				fileName,
			]),
		);
		locals.push(local);
		offset += local.length;
	}
	const central = Buffer.concat(centrals);
	const end = Buffer.concat([
		u32le(0x06054b50),
		u16le(0),
		u16le(0),
		u16le(files.length),
		u16le(files.length),
		u32le(central.length),
		u32le(offset),
		u16le(0),
	]);
	return Buffer.concat([...locals, central, end]);
}

/** @param {import('./index').DocumentSampleOptions} [options] */
function ofd(options = {}) {
	const pages = options.pages ?? 1;
	const marker = markerText(options.marker, options.invoices);
	const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
	const keywords = marker
		? `<ofd:Keywords><ofd:Keyword>${marker}</ofd:Keyword></ofd:Keywords>`
		: '';
	/** @type {Array<[string, string]>} */
	const files = [
		[
			'OFD.xml',
			`<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD ${ns} Version="1.1" DocType="OFD"><ofd:DocBody>` +
				`<ofd:DocInfo><ofd:DocID>0f6a1d0e6b2a4c3e9d5f7a8b9c0d1e2f</ofd:DocID><ofd:Title>VAT invoice sample</ofd:Title>${keywords}</ofd:DocInfo>` +
				'<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n',
		],
		[
			'Doc_0/Document.xml',
			`<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document ${ns}><ofd:CommonData><ofd:MaxUnitID>${pages + 10}</ofd:MaxUnitID>` +
				'<ofd:PageArea><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>' +
				Array.from(
					{ length: pages },
					(_, i) => `<ofd:Page ID="${i + 1}" BaseLoc="Pages/Page_${i}/Content.xml"/>`,
				).join('') +
				'</ofd:Pages></ofd:Document>\n',
		],
	];
	for (let i = 0; i < pages; i++) {
		files.push([
			`Doc_0/Pages/Page_${i}/Content.xml`,
			`<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="${pages + 1 + i}">` +
				`<ofd:TextObject ID="${pages + 100 + i}" Boundary="70 10 80 10" Font="1" Size="6"><ofd:TextCode X="0" Y="6">电子发票（普通发票）</ofd:TextCode></ofd:TextObject>` +
				'</ofd:Layer></ofd:Content></ofd:Page>\n',
		]);
	}
	return zipStored(files);
}

// ---------------------------------------------------------------------------------------------
// The checked-in demo samples

/** @type {Record<import('./demo-invoices').DemoSample['format'], (options: any) => Buffer>} */
const BUILDERS = { png: (o) => png(o), jpeg: (o) => jpeg(o), pdf: (o) => pdf(o), ofd: (o) => ofd(o) };

/** @type {Array<{ file: string, build: () => Buffer, about: string }>} */
const EXAMPLE_SAMPLES = [
	// The invoices of demo-invoices.js, printed on the picture and embedded beside the marker.
	...DEMO_SAMPLES.map(({ file, marker, format, layout, width, height, about, invoices }) => ({
		file,
		build: () => BUILDERS[format]({ layout, width, height, marker, invoices }),
		about,
	})),
	{
		file: 'unreadable-1px.png',
		build: tinyPng,
		about: '1x1 PNG: every vendor answers its image-unreadable error',
	},
	{
		file: 'not-an-invoice.gif',
		build: () => gif({ marker: 'not-an-invoice' }),
		about: 'a landscape GIF: a format no vendor here takes',
	},
];

/**
 * Writes the demo samples and returns their paths.
 *
 * @param {string} dir
 */
function writeExampleSamples(dir) {
	fs.mkdirSync(dir, { recursive: true });
	return EXAMPLE_SAMPLES.map(({ file, build }) => {
		const target = path.join(dir, file);
		fs.writeFileSync(target, build());
		return target;
	});
}

module.exports = {
	png,
	tinyPng,
	jpeg,
	bmp,
	gif,
	tiff,
	pdf,
	ofd,
	crc32,
	EXAMPLE_SAMPLES,
	writeExampleSamples,
};

if (require.main === module) {
	const dir = process.argv[2] ?? path.join(__dirname, '..', '..', 'examples', 'samples');
	for (const file of writeExampleSamples(dir)) {
		console.log(`${file} (${fs.statSync(file).size} bytes)`);
	}
}
