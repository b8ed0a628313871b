import { PNG } from 'pngjs';

import { decodeImage, ImageError, imageSize, sniffImage } from '../../../nodes/shared/formats/image';
import { concatBytes, encodePng, lumaOf, pngChunk, type PngSpec, rotateClockwise } from './support';

/** A deterministic pseudo-random sample in 0 … 2^bits − 1 for pixel (x, y), channel c. */
function noise(bits: number, seed: number) {
	return (x: number, y: number, c: number) => {
		let h = (x * 73856093) ^ (y * 19349663) ^ (c * 83492791) ^ seed;
		h = Math.imul(h ^ (h >>> 13), 0x5bd1e995);
		return ((h ^ (h >>> 15)) >>> 0) % (1 << bits);
	};
}

const to8 = (value: number, bits: number) => (bits === 16 ? value >> 8 : Math.round((value * 255) / ((1 << bits) - 1)));
const overWhite = (value: number, alpha: number) => Math.round((value * alpha + 255 * (255 - alpha)) / 255);

/** The gray the test expects for pixel (x, y), from the spec's samples (independent of the decoder). */
function expectedGray(spec: PngSpec, x: number, y: number): number {
	const s = (c: number) => spec.sample(x, y, c);
	const bits = spec.bitDepth;
	const t = spec.transparency;
	switch (spec.colorType) {
		case 0: {
			if (t && ((t[0] << 8) | t[1]) === s(0)) return 255;
			return to8(s(0), bits);
		}
		case 2: {
			if (t && ((t[0] << 8) | t[1]) === s(0) && ((t[2] << 8) | t[3]) === s(1) && ((t[4] << 8) | t[5]) === s(2)) return 255;
			return lumaOf(to8(s(0), bits), to8(s(1), bits), to8(s(2), bits));
		}
		case 3: {
			const p = spec.palette as Uint8Array;
			const index = s(0);
			const alpha = t && index < t.length ? t[index] : 255;
			return overWhite(lumaOf(p[index * 3], p[index * 3 + 1], p[index * 3 + 2]), alpha);
		}
		case 4:
			return overWhite(to8(s(0), bits), to8(s(1), bits));
		default:
			return overWhite(lumaOf(to8(s(0), bits), to8(s(1), bits), to8(s(2), bits)), to8(s(3), bits));
	}
}

function largestError(spec: PngSpec): number {
	const image = decodeImage(encodePng(spec));
	expect([image.width, image.height]).toEqual([spec.width, spec.height]);
	let max = 0;
	for (let y = 0; y < spec.height; y++) {
		for (let x = 0; x < spec.width; x++) max = Math.max(max, Math.abs(image.data[y * spec.width + x] - expectedGray(spec, x, y)));
	}
	return max;
}

const palette = new Uint8Array(256 * 3).map((_, i) => (i * 37 + (i % 3) * 91) & 0xff);
const cases: Array<[string, PngSpec['colorType'], PngSpec['bitDepth'][]]> = [
	['gray', 0, [1, 2, 4, 8, 16]],
	['RGB', 2, [8, 16]],
	['palette', 3, [1, 2, 4, 8]],
	['gray + alpha', 4, [8, 16]],
	['RGBA', 6, [8, 16]],
];

describe('PNG decoding', () => {
	for (const [label, colorType, depths] of cases) {
		for (const bitDepth of depths) {
			for (const interlaced of [false, true]) {
				test(`${label}, ${bitDepth}-bit${interlaced ? ', Adam7' : ''}: every pixel as expected (odd size 37×23)`, () => {
					const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
					const spec: PngSpec = {
						width: 37,
						height: 23,
						colorType,
						bitDepth,
						interlaced,
						sample: noise(bitDepth, colorType * 100 + bitDepth + (interlaced ? 7 : 0)),
						palette: colorType === 3 ? palette.subarray(0, 3 << bitDepth) : undefined,
					};
					expect(channels).toBeGreaterThan(0);
					// Rounding of luma and of alpha over white: the decoder's fixed point may differ by one.
					expect(largestError(spec)).toBeLessThanOrEqual(1);
				});
			}
		}
	}

	test('tRNS: a palette entry with alpha reads over white; a gray key and an RGB key read as white', () => {
		const paletteAlpha: PngSpec = {
			width: 16,
			height: 9,
			colorType: 3,
			bitDepth: 4,
			interlaced: false,
			sample: noise(4, 5),
			palette: palette.subarray(0, 48),
			transparency: new Uint8Array([0, 64, 128, 255, 10]),
		};
		expect(largestError(paletteAlpha)).toBeLessThanOrEqual(1);
		const grayKey: PngSpec = { width: 16, height: 9, colorType: 0, bitDepth: 2, interlaced: true, sample: noise(2, 6), transparency: new Uint8Array([0, 1]) };
		expect(largestError(grayKey)).toBeLessThanOrEqual(1);
		const rgbKey: PngSpec = {
			width: 16,
			height: 9,
			colorType: 2,
			bitDepth: 8,
			interlaced: false,
			sample: (x, y, c) => ((x + y) % 3 === 0 ? [10, 20, 30][c] : noise(8, 8)(x, y, c)),
			transparency: new Uint8Array([0, 10, 0, 20, 0, 30]),
		};
		expect(largestError(rgbKey)).toBeLessThanOrEqual(1);
		const image = decodeImage(encodePng(rgbKey));
		expect(image.data[0]).toBe(255);
	});

	test('agrees with pngjs (RGBA out, luma and alpha over white here) on interlaced RGBA 16-bit and palette PNGs', () => {
		const specs: PngSpec[] = [
			{ width: 41, height: 29, colorType: 6, bitDepth: 16, interlaced: true, sample: noise(16, 11) },
			{ width: 41, height: 29, colorType: 3, bitDepth: 8, interlaced: false, sample: noise(8, 12), palette },
		];
		for (const spec of specs) {
			const bytes = encodePng(spec);
			const ours = decodeImage(bytes);
			const theirs = PNG.sync.read(Buffer.from(bytes));
			let max = 0;
			for (let i = 0; i < ours.data.length; i++) {
				const [r, g, b, a] = theirs.data.subarray(i * 4, i * 4 + 4);
				max = Math.max(max, Math.abs(ours.data[i] - overWhite(lumaOf(r, g, b), a)));
			}
			expect(max).toBeLessThanOrEqual(2);
		}
	});

	test('sniffs PNG and reads its size from the header alone', () => {
		const bytes = encodePng({ width: 300, height: 200, colorType: 0, bitDepth: 8, interlaced: false, sample: () => 0 });
		expect(sniffImage(bytes)).toBe('png');
		expect(imageSize(bytes.subarray(0, 40))).toEqual({ width: 300, height: 200, format: 'png' });
	});

	test('scale 2 averages 2×2 boxes; a region crops in full-scale pixels', () => {
		const spec: PngSpec = { width: 9, height: 7, colorType: 0, bitDepth: 8, interlaced: false, sample: (x, y) => x * 20 + y };
		const bytes = encodePng(spec);
		const half = decodeImage(bytes, { scale: 2 });
		expect([half.width, half.height]).toEqual([5, 4]);
		expect(half.data[0]).toBe(Math.round((0 + 20 + 1 + 21) / 4));
		// The last column is a partial box: one source column.
		expect(half.data[4]).toBe(Math.round((160 + 161) / 2));
		const region = decodeImage(bytes, { region: { x: 2, y: 3, width: 4, height: 2 } });
		expect([region.width, region.height]).toEqual([4, 2]);
		expect(Array.from(region.data)).toEqual([43, 63, 83, 103, 44, 64, 84, 104]);
	});

	test('an eXIf chunk’s orientation is applied (6: turn clockwise to view)', () => {
		const spec: PngSpec = { width: 5, height: 3, colorType: 0, bitDepth: 8, interlaced: false, sample: (x, y) => x * 40 + y };
		const plain = encodePng(spec);
		const exif = new Uint8Array([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
		// eXIf goes before IDAT: after the 33-byte signature + IHDR.
		const rotated = concatBytes([plain.subarray(0, 33), pngChunk('eXIf', exif), plain.subarray(33)]);
		expect(decodeImage(rotated)).toEqual(rotateClockwise(decodeImage(plain)));
		expect(imageSize(rotated)).toEqual({ width: 3, height: 5, format: 'png' });
	});

	test('a CRC that does not match is not checked (producers get it wrong); a missing PLTE is refused', () => {
		const bytes = encodePng({ width: 4, height: 4, colorType: 0, bitDepth: 8, interlaced: false, sample: () => 99 });
		bytes[29] ^= 0xff; // IHDR's CRC
		expect(decodeImage(bytes).data[0]).toBe(99);
		const noPalette = encodePng({ width: 4, height: 4, colorType: 3, bitDepth: 8, interlaced: false, sample: () => 0 });
		expect(() => decodeImage(noPalette)).toThrow(ImageError);
	});
});
