import { decodeImage, ImageError, imageSize } from '../../../nodes/shared/formats/image';
import { decodeJpeg } from '../../../nodes/shared/formats/image/jpeg';
import { deflateSync } from '../../support/node';
import { concatBytes, encodePng, fixture, PNG_SIGNATURE, pngChunk, pngHeaderChunk, timed } from './support';

/** The ImageError reason `run` throws; 'image' when it returns a well-formed image; 'other error' otherwise. */
function outcome(run: () => { width: number; height: number; data: Uint8Array }): string {
	try {
		const image = run();
		return image.data.length === image.width * image.height && image.width > 0 ? 'image' : 'malformed image';
	} catch (error) {
		return error instanceof ImageError ? error.reason : `other error: ${String(error)}`;
	}
}

/** A deterministic byte generator (xorshift). */
function randomBytes(seed: number) {
	let state = seed >>> 0 || 1;
	const next = () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return state >>> 0;
	};
	return {
		next,
		bytes: (length: number) => Uint8Array.from({ length }, () => next() & 0xff),
	};
}

function withJpegSize(jpeg: Uint8Array, width: number, height: number): Uint8Array {
	const bytes = jpeg.slice();
	for (let i = 2; i + 9 < bytes.length; i++) {
		if (bytes[i] === 0xff && bytes[i + 1] === 0xc0) {
			bytes[i + 5] = height >> 8;
			bytes[i + 6] = height & 0xff;
			bytes[i + 7] = width >> 8;
			bytes[i + 8] = width & 0xff;
			return bytes;
		}
	}
	throw new Error('no SOF0');
}

describe('hostile images: refused fast, in bounded memory, with an ImageError', () => {
	test('a PNG claiming 100000 × 100000 pixels is refused from its header, before any allocation', () => {
		const bytes = concatBytes([PNG_SIGNATURE, pngHeaderChunk(100000, 100000, 8, 6), pngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(1000))))]);
		const { value, ms } = timed(() => outcome(() => decodeImage(bytes)));
		expect(value).toBe('too-large');
		expect(ms).toBeLessThan(50);
		expect(imageSize(bytes)).toEqual({ width: 100000, height: 100000, format: 'png' });
	});

	test('samples too big in bytes (16-bit RGBA PNG and TIFF at 36 MP) are refused before inflating or allocating', () => {
		const png = concatBytes([PNG_SIGNATURE, pngHeaderChunk(6000, 6000, 16, 6), pngChunk('IDAT', new Uint8Array(deflateSync(new Uint8Array(100))))]);
		expect(outcome(() => decodeImage(png))).toBe('too-large');
		// rgb16.tif with its width and height entries (SHORT, little-endian) set to 6000.
		const tiff = fixture('rgb16.tif').slice();
		const view = new DataView(tiff.buffer);
		const ifd = view.getUint32(4, true);
		for (let i = 0; i < view.getUint16(ifd, true); i++) {
			const entry = ifd + 2 + i * 12;
			const tag = view.getUint16(entry, true);
			if ((tag === 256 || tag === 257) && view.getUint16(entry + 2, true) === 3) view.setUint16(entry + 8, 6000, true);
			if ((tag === 256 || tag === 257) && view.getUint16(entry + 2, true) === 4) view.setUint32(entry + 8, 6000, true);
		}
		expect(imageSize(tiff)).toEqual({ width: 6000, height: 6000, format: 'tiff' });
		const { value, ms } = timed(() => outcome(() => decodeImage(tiff)));
		expect(value).toBe('too-large');
		expect(ms).toBeLessThan(50);
	});

	test('maxPixels is the caller’s to lower', () => {
		const bytes = encodePng({ width: 200, height: 200, colorType: 0, bitDepth: 8, interlaced: false, sample: () => 7 });
		expect(outcome(() => decodeImage(bytes, { maxPixels: 10_000 }))).toBe('too-large');
		expect(outcome(() => decodeImage(bytes, { maxPixels: 40_000 }))).toBe('image');
	});

	test('a PNG bomb (64 MB of zeros behind a 1000 × 1000 header) stops at the header’s size', () => {
		const bomb = new Uint8Array(deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 }));
		expect(bomb.length).toBeLessThan(200_000);
		const bytes = concatBytes([PNG_SIGNATURE, pngHeaderChunk(1000, 1000, 8, 0), pngChunk('IDAT', bomb), pngChunk('IEND', new Uint8Array(0))]);
		const { value, ms } = timed(() => outcome(() => decodeImage(bytes)));
		expect(value).toBe('too-large');
		expect(ms).toBeLessThan(500);
	});

	test('a truncated PNG is refused as truncated', () => {
		const bytes = encodePng({ width: 300, height: 300, colorType: 2, bitDepth: 8, interlaced: false, sample: (x, y, c) => (x * y * (c + 1)) & 0xff });
		expect(outcome(() => decodeImage(bytes.subarray(0, Math.floor(bytes.length / 2))))).toBe('truncated');
		expect(outcome(() => decodeImage(bytes.subarray(0, 20)))).toBe('truncated');
	});

	test('a JPEG claiming 65500 × 65500 pixels is refused at once; at scale 1/8 its missing data ends the decode fast', () => {
		const huge = withJpegSize(fixture('baseline-420.jpg'), 65500, 65500);
		const refused = timed(() => outcome(() => decodeImage(huge)));
		expect(refused.value).toBe('too-large');
		expect(refused.ms).toBeLessThan(50);
		const large = withJpegSize(fixture('baseline-420.jpg'), 24000, 24000);
		const small = timed(() => outcome(() => decodeImage(large, { scale: 8 })));
		expect(['image', 'truncated', 'corrupt']).toContain(small.value);
		expect(small.ms).toBeLessThan(3000);
	});

	test('a truncated JPEG decodes what is there (the top rows as in the whole file), or is refused before the scan', () => {
		const whole = fixture('baseline-444.jpg');
		const full = decodeImage(whole);
		const partial = decodeImage(whole.subarray(0, Math.floor(whole.length * 0.6)));
		expect([partial.width, partial.height]).toEqual([full.width, full.height]);
		// The first MCU row (8 pixel rows at 4:4:4) is certainly in the first 60% of the data.
		expect(partial.data.subarray(0, 8 * full.width)).toEqual(full.data.subarray(0, 8 * full.width));
		expect(outcome(() => decodeImage(whole.subarray(0, 200)))).toBe('truncated');
		const region = { x: 0, y: 0, width: full.width, height: full.height };
		expect(decodeJpeg(whole.subarray(0, Math.floor(whole.length * 0.6)), { scale: 1, region }).truncated).toBe(true);
		expect(decodeJpeg(whole, { scale: 1, region }).truncated).toBe(false);
		const progressive = fixture('progressive-420.jpg');
		expect(outcome(() => decodeImage(progressive.subarray(0, Math.floor(progressive.length * 0.5))))).toBe('image');
	});

	test('GIF and WebP are refused as unsupported; unknown bytes too', () => {
		expect(outcome(() => decodeImage(new TextEncoder().encode('GIF89a.......')))).toBe('unsupported');
		expect(outcome(() => decodeImage(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 ')))).toBe('unsupported');
		expect(outcome(() => decodeImage(new TextEncoder().encode('%PDF-1.7')))).toBe('unsupported');
	});

	test('random bytes behind each signature: an ImageError (or an image), never anything else, each fast', () => {
		const random = randomBytes(22);
		const signatures = [PNG_SIGNATURE, new Uint8Array([0xff, 0xd8, 0xff]), new TextEncoder().encode('BM'), new Uint8Array([0x49, 0x49, 42, 0]), new Uint8Array([0x4d, 0x4d, 0, 42])];
		let slowest = 0;
		for (let round = 0; round < 60; round++) {
			for (const signature of signatures) {
				const bytes = concatBytes([signature, random.bytes(random.next() % 4000)]);
				const { value, ms } = timed(() => outcome(() => decodeImage(bytes)));
				expect(value).not.toMatch(/other error|malformed/);
				slowest = Math.max(slowest, ms);
			}
		}
		expect(slowest).toBeLessThan(1000);
	});

	test('damaged real images (bytes flipped at random): an ImageError or an image, never a crash or a hang', () => {
		const random = randomBytes(7);
		const originals = ['baseline-420.jpg', 'progressive-420.jpg', 'restart-blocks.jpg', 'pal8.bmp', 'rgb-packbits.tif', 'noise-lzw.tif', 'bw-noise-g4.tif', 'bw-noise-g3-2d.tif'].map(fixture);
		originals.push(encodePng({ width: 40, height: 30, colorType: 3, bitDepth: 4, interlaced: true, sample: (x, y) => (x ^ y) & 15, palette: new Uint8Array(48).fill(90) }));
		let slowest = 0;
		const outcomes = new Set<string>();
		for (const original of originals) {
			for (let round = 0; round < 80; round++) {
				const bytes = original.slice();
				const flips = 1 + (random.next() % 8);
				for (let i = 0; i < flips; i++) bytes[random.next() % bytes.length] = random.next() & 0xff;
				const { value, ms } = timed(() => outcome(() => decodeImage(bytes, { maxPixels: 4_000_000 })));
				outcomes.add(value);
				expect(value).not.toMatch(/other error|malformed/);
				slowest = Math.max(slowest, ms);
			}
		}
		expect(slowest).toBeLessThan(2000);
		expect(outcomes.has('image')).toBe(true);
	});
});
