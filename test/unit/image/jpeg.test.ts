import * as jpegJs from 'jpeg-js';

import { decodeImage, type GrayImage, imageSize, sniffImage } from '../../../nodes/shared/formats/image';
import {
	boxDownsample,
	crop,
	difference,
	fixture,
	lumaOf,
	readPnm,
	viewAsOriented,
	withExifOrientation,
} from './support';

// Each made by cjpeg from the same 99×75 picture (test/support/make-image-fixtures.sh); its .pgm is
// djpeg's -grayscale decode, i.e. the Y channel, which is what the decoder returns.
const VARIANTS = [
	['baseline-420', 'baseline 4:2:0'],
	['baseline-422', 'baseline 4:2:2'],
	['baseline-444', 'baseline 4:4:4'],
	['baseline-411', 'baseline 4:1:1'],
	['baseline-440', 'baseline 4:4:0'],
	['odd-y-not-max', 'Cb sampled 2×2 with Y at 1×1 (Y upsampled by replication)'],
	['progressive-420', 'progressive 4:2:0 (spectral selection and successive approximation)'],
	['progressive-444', 'progressive 4:4:4'],
	['restart-rows', 'baseline with a restart marker every MCU row'],
	['restart-blocks', 'baseline 4:2:2 with a restart marker every 3 MCUs'],
	['progressive-restart', 'progressive with restart markers'],
	['gray', 'grayscale baseline'],
	['gray-progressive', 'grayscale progressive'],
] as const;

describe('JPEG decoding against libjpeg-turbo (djpeg)', () => {
	for (const [name, label] of VARIANTS) {
		test(`${label}: the same gray as djpeg, to within IDCT rounding`, () => {
			const ours = decodeImage(fixture(`${name}.jpg`));
			const theirs = readPnm(fixture(`${name}.pgm`));
			const { mean, max } = difference(ours, theirs);
			expect(mean).toBeLessThan(0.3);
			expect(max).toBeLessThanOrEqual(2);
		});
	}

	for (const scale of [2, 4, 8] as const) {
		test(`scale 1/${scale}: the box average of the full decode, and close to djpeg -scale 1/${scale}`, () => {
			const bytes = fixture('baseline-420.jpg');
			const scaled = decodeImage(bytes, { scale });
			expect([scaled.width, scaled.height]).toEqual([Math.ceil(99 / scale), Math.ceil(75 / scale)]);
			// The scaled IDCT drops frequencies ≥ 8/scale (the sharp edges have energy there):
			// close to, not equal to, averaging the full decode.
			const averaged = boxDownsample(decodeImage(bytes), scale);
			expect(difference(scaled, averaged).mean).toBeLessThan(2);
			// libjpeg's scaled IDCT is not a box filter: a looser match.
			expect(difference(scaled, readPnm(fixture(`baseline-420-scale${scale}.pgm`))).mean).toBeLessThan(2.5);
		});
	}

	test('progressive images scale the same way (coefficients kept, transformed small)', () => {
		const bytes = fixture('progressive-420.jpg');
		const full = decodeImage(bytes);
		for (const scale of [2, 4, 8] as const) {
			expect(difference(decodeImage(bytes, { scale }), boxDownsample(full, scale)).mean).toBeLessThan(2);
		}
	});

	test('Adobe CMYK (inverted, as Photoshop and ImageMagick write it) reads as the picture’s luma', () => {
		const ours = decodeImage(fixture('cmyk.jpg'));
		const source = readPnm(fixture('photo.ppm'));
		expect(difference(ours, source).mean).toBeLessThan(2);
	});
});

describe('JPEG against jpeg-js (encoder and decoder oracle)', () => {
	/** A picture with edges, gradients and mid-saturation colours, RGBA for jpeg-js. */
	function picture(width: number, height: number): Buffer {
		const data = Buffer.alloc(width * height * 4);
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++) {
				const i = (y * width + x) * 4;
				const square = (Math.floor(x / 7) + Math.floor(y / 7)) % 2 === 0;
				data[i] = square ? 40 : 200 - (x % 50);
				data[i + 1] = Math.round((y / height) * 180) + 30;
				data[i + 2] = (x * 3 + y) % 200;
				data[i + 3] = 255;
			}
		}
		return data;
	}

	for (const [width, height, quality] of [
		[64, 64, 90],
		[333, 217, 75],
		[17, 9, 40],
	] as const) {
		test(`${width}×${height} at quality ${quality}: our Y matches the luma of jpeg-js's RGB`, () => {
			const encoded = jpegJs.encode({ data: picture(width, height), width, height }, quality).data;
			const ours = decodeImage(new Uint8Array(encoded));
			const decoded = jpegJs.decode(encoded, { useTArray: true, formatAsRGBA: true });
			const theirs: GrayImage = { width, height, data: new Uint8Array(width * height) };
			for (let i = 0; i < width * height; i++) {
				theirs.data[i] = lumaOf(decoded.data[i * 4], decoded.data[i * 4 + 1], decoded.data[i * 4 + 2]);
			}
			const { mean, max } = difference(ours, theirs);
			// Y → RGB (rounded, clamped; chroma upsampled) → luma is not quite Y again.
			expect(mean).toBeLessThan(1);
			expect(max).toBeLessThanOrEqual(10);
		});
	}
});

describe('JPEG orientation and regions', () => {
	const base = fixture('baseline-420.jpg');
	const stored = readPnm(fixture('baseline-420.pgm'));

	for (let orientation = 1; orientation <= 8; orientation++) {
		test(`EXIF orientation ${orientation}: output upright as a viewer shows it; imageSize upright too`, () => {
			const bytes = withExifOrientation(base, orientation);
			expect(sniffImage(bytes)).toBe('jpeg');
			const upright = decodeImage(bytes);
			const expected = viewAsOriented(stored, orientation);
			expect(difference(upright, expected).max).toBeLessThanOrEqual(2);
			expect(imageSize(bytes)).toEqual({ width: expected.width, height: expected.height, format: 'jpeg' });
		});
	}

	test('a region is the same pixels as the full decode cropped, at scale 1 and 1/4', () => {
		const full = decodeImage(base);
		const region = decodeImage(base, { region: { x: 13, y: 21, width: 40, height: 30 } });
		expect(region).toEqual(crop(full, 13, 21, 40, 30));
		const quarter = decodeImage(base, { scale: 4 });
		const quarterRegion = decodeImage(base, { scale: 4, region: { x: 16, y: 8, width: 32, height: 40 } });
		expect(quarterRegion).toEqual(crop(quarter, 4, 2, 8, 10));
	});

	test('a progressive decode of a region (scans stop below it) is the full decode cropped', () => {
		const progressive = fixture('progressive-restart.jpg');
		const full = decodeImage(progressive);
		expect(decodeImage(progressive, { region: { x: 20, y: 3, width: 50, height: 30 } })).toEqual(crop(full, 20, 3, 50, 30));
		const quarter = decodeImage(fixture('progressive-420.jpg'), { scale: 4 });
		expect(decodeImage(fixture('progressive-420.jpg'), { scale: 4, region: { x: 0, y: 0, width: 48, height: 32 } })).toEqual(crop(quarter, 0, 0, 12, 8));
	});

	test('a region is in upright coordinates when the EXIF orientation turns the picture', () => {
		for (const orientation of [3, 6, 8]) {
			const bytes = withExifOrientation(base, orientation);
			const full = decodeImage(bytes);
			const region = decodeImage(bytes, { region: { x: 5, y: 30, width: 20, height: 25 } });
			expect(region).toEqual(crop(full, 5, 30, 20, 25));
		}
	});

	test('a region past the edge is clipped to the image', () => {
		const region = decodeImage(base, { region: { x: 90, y: 70, width: 50, height: 50 } });
		expect([region.width, region.height]).toEqual([9, 5]);
	});
});
