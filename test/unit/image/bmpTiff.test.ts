import { decodeImage, ImageError, imageSize, sniffImage } from '../../../nodes/shared/formats/image';
import { readFirstIfd } from '../../../nodes/shared/formats/image/tiff';
import { concatBytes, difference, fixture, readPnm } from './support';

// Made by ImageMagick from flat.ppm (16 colours, so palettes hold it exactly) and bilevel.ppm.
const FLAT = [
	['rgb24.bmp', 'BMP 24-bit'],
	['pal8.bmp', 'BMP 8-bit palette'],
	['rle8.bmp', 'BMP 8-bit RLE'],
	['rgba32.bmp', 'BMP 32-bit with alpha (bitfields)'],
	['rgb-none.tif', 'TIFF RGB, uncompressed'],
	['rgb-packbits.tif', 'TIFF RGB, PackBits'],
	['rgb-deflate.tif', 'TIFF RGB, Deflate'],
	['palette.tif', 'TIFF palette'],
	['rgb16.tif', 'TIFF RGB 16-bit'],
] as const;

describe('BMP and TIFF decoding', () => {
	const flat = readPnm(fixture('flat.ppm'));
	for (const [name, label] of FLAT) {
		test(`${label}: every pixel the source's luma`, () => {
			const { max } = difference(decodeImage(fixture(name)), flat);
			expect(max).toBeLessThanOrEqual(1);
		});
	}

	test('1-bit BMP and TIFF: black and white as drawn', () => {
		const bilevel = readPnm(fixture('bilevel.ppm'));
		expect(difference(decodeImage(fixture('bw1.bmp')), bilevel).max).toBe(0);
		expect(difference(decodeImage(fixture('bw1.tif')), bilevel).max).toBe(0);
	});

	test('8-bit gray TIFF matches ImageMagick’s own gray', () => {
		expect(difference(decodeImage(fixture('gray8.tif')), readPnm(fixture('gray8.pgm'))).max).toBeLessThanOrEqual(1);
	});

	test('LZW TIFF (table cleared when full, horizontal predictor) decodes exactly', () => {
		expect(difference(decodeImage(fixture('rgb-lzw.tif')), flat).max).toBeLessThanOrEqual(1);
		expect(difference(decodeImage(fixture('noise-lzw.tif')), readPnm(fixture('noise.ppm'))).max).toBeLessThanOrEqual(1);
		expect(difference(decodeImage(fixture('photo-lzw-predictor.tif')), readPnm(fixture('photo.ppm'))).max).toBeLessThanOrEqual(1);
	});

	test('fax TIFFs (Group 4, Group 3 1-D with aligned EOLs, Group 3 2-D, LSB-first fill order): every pixel', () => {
		const expected = readPnm(fixture('bw-noise.pgm'));
		for (const name of ['bw-noise-g4.tif', 'bw-noise-g3.tif', 'bw-noise-g3-2d.tif', 'bw-noise-g4-lsb.tif']) {
			expect(difference(decodeImage(fixture(name)), expected).max).toBe(0);
		}
	});

	test('a fax TIFF cut short keeps the rows that were read (white below); cut before any row, it is refused', () => {
		const bytes = fixture('bw-noise-g4.tif');
		const full = decodeImage(bytes);
		const tags = readFirstIfd(bytes);
		const start = (tags.get(273) as number[])[0];
		const length = (tags.get(279) as number[])[0];
		// Zeros over the second half of the strip: no code is all zeros, so decoding stops there.
		const cut = bytes.slice();
		cut.fill(0, start + (length >> 1), start + length);
		const partial = decodeImage(cut);
		expect(partial.data.subarray(0, 101 * 10)).toEqual(full.data.subarray(0, 101 * 10));
		expect(Array.from(partial.data.subarray(101 * 74)).every((value) => value === 255)).toBe(true);
	});

	test('JPEG-in-TIFF is refused as unsupported, by name; its size still reads from the header', () => {
		expect(() => decodeImage(fixture('jpeg-in-tiff.tif'))).toThrow(/compression 7 is not decoded/);
		expect(imageSize(fixture('jpeg-in-tiff.tif'))).toEqual({ width: 64, height: 48, format: 'tiff' });
	});

	test('a top-down BMP (negative height) is the same picture as the bottom-up one', () => {
		const bottomUp = fixture('rgb24.bmp');
		const width = 64;
		const height = 48;
		const stride = width * 3;
		const header = bottomUp.slice(0, 54);
		new DataView(header.buffer).setInt32(22, -height, true);
		const rows: Uint8Array[] = [];
		for (let row = height - 1; row >= 0; row--) rows.push(bottomUp.subarray(54 + row * stride, 54 + (row + 1) * stride));
		const topDown = concatBytes([header, ...rows]);
		expect(decodeImage(topDown)).toEqual(decodeImage(bottomUp));
	});

	test('sniffing and header sizes', () => {
		expect(sniffImage(fixture('pal8.bmp'))).toBe('bmp');
		expect(sniffImage(fixture('palette.tif'))).toBe('tiff');
		expect(imageSize(fixture('pal8.bmp'))).toEqual({ width: 64, height: 48, format: 'bmp' });
		expect(sniffImage(new TextEncoder().encode('BM but then plain text'))).toBeNull();
	});

	test('a BMP cut short is refused as truncated', () => {
		const bytes = fixture('rgb24.bmp');
		let error: unknown;
		try {
			decodeImage(bytes.subarray(0, 2000));
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(ImageError);
		expect((error as ImageError).reason).toBe('truncated');
	});
});
