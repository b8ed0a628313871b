'use strict';
// @ts-check

/**
 * What the fakes need to know about an uploaded file, read from its bytes only: the format (magic
 * bytes), the pixel size (image headers), the page count (PDF/OFD), and the sample marker that
 * selects a canned response. Also the strict base64 decoding and the loopback-only URL download
 * the vendors' URL inputs need.
 */

const http = require('node:http');

/** Width or height below this is "unreadable": every vendor answers its image-unreadable error. */
const UNREADABLE_SIDE_PX = 8;

const MARKER_PREFIX = 'fapiao-sample:';
/** Beside the marker in the demo samples: the invoices the file shows, as base64 JSON. */
const INVOICES_PREFIX = 'fapiao-invoices:';
/** Marker names map to fixture file names, so only a safe alphabet (no dots, no slashes). */
const MARKER_NAME = /^[A-Za-z0-9_-]{1,64}/;

/**
 * Decodes standard base64 the way strict server decoders do (Java `Base64.getDecoder()`, Python
 * `b64decode(validate=True)`): no whitespace, no `data:` prefix, no URL-safe alphabet, padded to a
 * multiple of 4. Returns null for anything else, so a client that forgets to form-encode `+`
 * (which then arrives as a space) is caught here.
 *
 * @param {unknown} text
 * @returns {Buffer | null}
 */
function decodeBase64Strict(text) {
	if (typeof text !== 'string' || text.length === 0 || text.length % 4 !== 0) return null;
	// A loop, not a regular expression: a regex over a 10 MB body can overflow V8's backtrack stack.
	const end = text.endsWith('==') ? text.length - 2 : text.endsWith('=') ? text.length - 1 : text.length;
	if (end === 0) return null;
	for (let i = 0; i < end; i++) {
		const c = text.charCodeAt(i);
		const ok = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47;
		if (!ok) return null;
	}
	return Buffer.from(text, 'base64');
}

/**
 * @param {Buffer} bytes
 * @returns {import('./index').FileFormat | null}
 */
function sniffFormat(bytes) {
	const starts = (/** @type {number[]} */ ...sig) => sig.every((b, i) => bytes[i] === b);
	if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (starts(0xff, 0xd8, 0xff)) return 'jpeg';
	if (starts(0x42, 0x4d) && bytes.length >= 26) return 'bmp';
	const ascii = bytes.subarray(0, 12).toString('latin1');
	if (ascii.startsWith('GIF87a') || ascii.startsWith('GIF89a')) return 'gif';
	if (ascii.startsWith('II*\0') || ascii.startsWith('MM\0*')) return 'tiff';
	if (ascii.startsWith('RIFF') && ascii.slice(8, 12) === 'WEBP') return 'webp';
	if (ascii.startsWith('%PDF-')) return 'pdf';
	// OFD (GB/T 33190) is a zip container.
	if (starts(0x50, 0x4b, 0x03, 0x04)) return 'ofd';
	return null;
}

/**
 * Pixel size from the image header, or null when the header is missing or broken.
 *
 * @param {Buffer} bytes
 * @param {import('./index').FileFormat | null} format
 * @returns {{ width: number, height: number } | null}
 */
function imageSize(bytes, format) {
	try {
		switch (format) {
			case 'png':
				// IHDR must be the first chunk.
				if (bytes.toString('latin1', 12, 16) !== 'IHDR') return null;
				return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
			case 'jpeg':
				return jpegSize(bytes);
			case 'bmp': {
				const dibSize = bytes.readUInt32LE(14);
				if (dibSize === 12)
					return { width: bytes.readUInt16LE(18), height: bytes.readUInt16LE(20) };
				return { width: Math.abs(bytes.readInt32LE(18)), height: Math.abs(bytes.readInt32LE(22)) };
			}
			case 'gif':
				return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
			case 'tiff':
				return tiffSize(bytes);
			default:
				return null;
		}
	} catch {
		return null; // header shorter than it claims
	}
}

/** @param {Buffer} bytes */
function jpegSize(bytes) {
	let offset = 2;
	while (offset + 4 <= bytes.length) {
		if (bytes[offset] !== 0xff) return null;
		const marker = bytes[offset + 1];
		if (marker === 0xff) {
			offset += 1; // fill byte
			continue;
		}
		if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
			offset += 2;
			continue;
		}
		if (marker === 0xd9 || marker === 0xda) return null; // image data before any frame header
		const length = bytes.readUInt16BE(offset + 2);
		const isFrameHeader = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrameHeader) {
			return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
		}
		offset += 2 + length;
	}
	return null;
}

/** @param {Buffer} bytes */
function tiffSize(bytes) {
	const little = bytes[0] === 0x49;
	const u16 = (/** @type {number} */ at) =>
		little ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at);
	const u32 = (/** @type {number} */ at) =>
		little ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at);
	const ifd = u32(4);
	const count = u16(ifd);
	/** @type {Record<number, number>} */
	const tags = {};
	for (let i = 0; i < count; i++) {
		const entry = ifd + 2 + i * 12;
		const tag = u16(entry);
		const type = u16(entry + 2);
		if (tag === 256 || tag === 257) tags[tag] = type === 3 ? u16(entry + 8) : u32(entry + 8);
	}
	if (tags[256] === undefined || tags[257] === undefined) return null;
	return { width: tags[256], height: tags[257] };
}

/**
 * The `fapiao-sample:<name>` marker anywhere in the bytes (PNG tEXt, JPEG COM, GIF comment, PDF
 * Keywords... are all stored uncompressed), or null.
 *
 * @param {Buffer} bytes
 * @returns {string | null}
 */
function findSampleMarker(bytes) {
	const at = bytes.indexOf(MARKER_PREFIX, 0, 'latin1');
	if (at < 0) return null;
	const rest = bytes.toString('latin1', at + MARKER_PREFIX.length, at + MARKER_PREFIX.length + 64);
	const match = MARKER_NAME.exec(rest);
	return match ? match[0] : null;
}

/**
 * The invoices a demo sample says it shows (`fapiao-invoices:<base64 JSON>`), or null.
 *
 * @param {Buffer} bytes
 * @returns {Array<Record<string, unknown>> | null}
 */
function findSampleInvoices(bytes) {
	const at = bytes.indexOf(INVOICES_PREFIX, 0, 'latin1');
	if (at < 0) return null;
	const start = at + INVOICES_PREFIX.length;
	const end = bytes.indexOf(' ', start, 'latin1');
	const encoded = bytes.toString('latin1', start, end < 0 ? bytes.length : end);
	return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'));
}

/**
 * Pages of a PDF: the page objects (`/Type /Page`, not `/Pages`) in the uncompressed file
 * structure. Good enough for the PDFs the samples builder and ordinary producers write.
 *
 * @param {Buffer} bytes
 */
function countPdfPages(bytes) {
	const text = bytes.toString('latin1');
	return (text.match(/\/Type\s*\/Page(?![A-Za-z])/g) ?? []).length;
}

/**
 * Pages of an OFD: distinct `Pages/Page_N/Content.xml` entries of the zip (names are stored in
 * plain text in the zip headers).
 *
 * @param {Buffer} bytes
 */
function countOfdPages(bytes) {
	const names = bytes.toString('latin1').match(/Pages\/Page_\d+\/Content\.xml/g) ?? [];
	return new Set(names).size;
}

/**
 * Everything a vendor checks about one file.
 *
 * @param {Buffer} bytes
 * @returns {import('./index').FileInfo}
 */
function inspectFile(bytes) {
	const format = sniffFormat(bytes);
	const size = imageSize(bytes, format);
	const pages =
		format === 'pdf' ? countPdfPages(bytes) : format === 'ofd' ? countOfdPages(bytes) : null;
	return {
		bytes: bytes.length,
		format,
		width: size ? size.width : null,
		height: size ? size.height : null,
		pages,
		marker: findSampleMarker(bytes),
		unreadable: size !== null && Math.min(size.width, size.height) < UNREADABLE_SIDE_PX,
	};
}

/**
 * True for http(s) URLs on the loopback interface: the only URLs a fake will ever download, so a
 * test can never make it touch the internet.
 *
 * @param {unknown} value
 */
function isLoopbackUrl(value) {
	if (typeof value !== 'string') return false;
	let url;
	try {
		url = new URL(value);
	} catch {
		return false;
	}
	if (url.protocol !== 'http:') return false;
	const host = url.hostname;
	return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Downloads a loopback URL (no redirects, 5 s, 32 MiB at most). Resolves to the bytes, or to a
 * reason when the URL is not loopback or the download fails.
 *
 * @param {string} url
 * @returns {Promise<{ ok: true, bytes: Buffer } | { ok: false, reason: string }>}
 */
function fetchLoopback(url) {
	if (!isLoopbackUrl(url)) return Promise.resolve({ ok: false, reason: 'not a loopback http URL' });
	const maxBytes = 32 * 1024 * 1024;
	return new Promise((resolve) => {
		const request = http.get(url, { timeout: 5000 }, (response) => {
			if (response.statusCode !== 200) {
				response.resume();
				resolve({ ok: false, reason: `HTTP ${response.statusCode}` });
				return;
			}
			/** @type {Buffer[]} */
			const chunks = [];
			let total = 0;
			response.on('data', (/** @type {Buffer} */ chunk) => {
				total += chunk.length;
				if (total > maxBytes) {
					request.destroy();
					resolve({ ok: false, reason: 'file too large' });
				} else {
					chunks.push(chunk);
				}
			});
			response.on('end', () => resolve({ ok: true, bytes: Buffer.concat(chunks) }));
			response.on('error', (error) => resolve({ ok: false, reason: error.message }));
		});
		request.on('timeout', () => request.destroy(new Error('timeout')));
		request.on('error', (error) => resolve({ ok: false, reason: error.message }));
	});
}

module.exports = {
	UNREADABLE_SIDE_PX,
	MARKER_PREFIX,
	INVOICES_PREFIX,
	decodeBase64Strict,
	sniffFormat,
	imageSize,
	findSampleMarker,
	findSampleInvoices,
	countPdfPages,
	countOfdPages,
	inspectFile,
	isLoopbackUrl,
	fetchLoopback,
};
