import { decodeImage, ImageError } from '../../../nodes/shared/formats/image';
import { readFirstIfd } from '../../../nodes/shared/formats/image/tiff';
import { extractPdfImages } from '../../../nodes/shared/formats/pdf/images';
import { type BuildOptions, type ObjectBody, PdfWriter } from '../../support/pdfWriter';
import { boxDownsample, difference, fixture, readPnm, withExifOrientation } from './support';
import { cpuTimed } from '../../support/node';

interface ImageSpec {
	/** Dictionary entries after `/Type/XObject/Subtype/Image`. */
	dict: string;
	data: Buffer;
	/** Already encoded with this filter (else FlateDecode is applied). */
	filter?: string;
}

/** A one-page PDF whose page resources hold the images (or a Form XObject holding them). */
function pdfWithImages(images: ImageSpec[], options: BuildOptions & { inForm?: boolean; extra?: ObjectBody[] } = {}): Uint8Array {
	const writer = new PdfWriter();
	const extra = (options.extra ?? []).map((body) => writer.add(body));
	void extra;
	const names = images.map((image, index) => {
		const num = writer.add({
			dict: `/Type/XObject/Subtype/Image${image.dict}`,
			data: image.data,
			...(image.filter ? { filter: image.filter, compress: false } : {}),
		});
		return `/Im${index} ${num} 0 R`;
	});
	const draw = images.map((_, index) => `q 100 0 0 100 0 0 cm /Im${index} Do Q`).join('\n');
	let resources = `<</XObject<<${names.join(' ')}>>>>`;
	let content = draw;
	if (options.inForm) {
		const form = writer.add({ dict: `/Type/XObject/Subtype/Form/BBox[0 0 200 200]/Resources ${resources}`, data: draw });
		resources = `<</XObject<</Fm0 ${form} 0 R>>>>`;
		content = '/Fm0 Do';
	}
	const contents = writer.add({ data: content });
	const pages = writer.reserve();
	const page = writer.add(`<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 200 200]/Resources ${resources}/Contents ${contents} 0 R>>`);
	writer.set(pages, `<</Type/Pages/Kids[${page} 0 R]/Count 1>>`);
	const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
	return new Uint8Array(writer.build(catalog, options));
}

/** Packs samples (`bits` each, rows padded to bytes). */
function pack(samples: number[][], bits: number): Buffer {
	const rows = samples.map((row) => {
		const bytes = Buffer.alloc(Math.ceil((row.length * bits) / 8));
		row.forEach((value, i) => {
			if (bits === 16) bytes.writeUInt16BE(value, i * 2);
			else if (bits === 8) bytes[i] = value;
			else bytes[(i * bits) >> 3] |= value << (8 - bits - ((i * bits) & 7));
		});
		return bytes;
	});
	return Buffer.concat(rows);
}

function grid(width: number, height: number, value: (x: number, y: number) => number): number[][] {
	return Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => value(x, y)));
}

const checker = (x: number, y: number) => ((x >> 2) + (y >> 2)) & 1;

function only(bytes: Uint8Array) {
	const images = extractPdfImages(bytes);
	expect(images).toHaveLength(1);
	return images[0];
}

describe('PDF image XObjects to gray', () => {
	test('1-bit DeviceGray: 0 black, 1 white; /Decode [1 0] inverts', () => {
		const samples = grid(24, 22, checker);
		const plain = only(pdfWithImages([{ dict: '/Width 24/Height 22/ColorSpace/DeviceGray/BitsPerComponent 1', data: pack(samples, 1) }])).image();
		expect(Array.from(plain.data)).toEqual(samples.flat().map((v) => (v ? 255 : 0)));
		const inverted = only(pdfWithImages([{ dict: '/Width 24/Height 22/ColorSpace/DeviceGray/BitsPerComponent 1/Decode[1 0]', data: pack(samples, 1) }])).image();
		expect(Array.from(inverted.data)).toEqual(samples.flat().map((v) => (v ? 0 : 255)));
	});

	test('1-bit /Indexed with an RGB palette; 2-, 4-, 8- and 16-bit gray', () => {
		const samples = grid(23, 21, checker);
		const indexed = only(
			pdfWithImages([{ dict: '/Width 23/Height 21/ColorSpace[/Indexed/DeviceRGB 1<FFFFFF000000>]/BitsPerComponent 1', data: pack(samples, 1) }]),
		).image();
		expect(Array.from(indexed.data)).toEqual(samples.flat().map((v) => (v ? 0 : 255)));
		for (const bits of [2, 4, 8, 16]) {
			const max = (1 << bits) - 1;
			const values = grid(25, 21, (x, y) => (x * 7 + y * 3) % (max + 1));
			const image = only(pdfWithImages([{ dict: `/Width 25/Height 21/ColorSpace/DeviceGray/BitsPerComponent ${bits}`, data: pack(values, bits) }])).image();
			const expected = values.flat().map((v) => (bits === 16 ? v >> 8 : Math.round((v * 255) / max)));
			expect(Array.from(image.data)).toEqual(expected);
		}
	});

	test('/ImageMask: a stencil painted where the sample is 0 (1 with /Decode [1 0])', () => {
		const samples = grid(24, 24, checker);
		const mask = only(pdfWithImages([{ dict: '/Width 24/Height 24/ImageMask true', data: pack(samples, 1) }])).image();
		expect(Array.from(mask.data)).toEqual(samples.flat().map((v) => (v ? 255 : 0)));
		const inverted = only(pdfWithImages([{ dict: '/Width 24/Height 24/ImageMask true/Decode[1 0]', data: pack(samples, 1) }])).image();
		expect(Array.from(inverted.data)).toEqual(samples.flat().map((v) => (v ? 0 : 255)));
	});

	test('8-bit RGB behind PNG predictors (every row type, Predictor 15) and gray behind TIFF predictor 2', () => {
		const width = 30;
		const height = 25;
		const rgb = grid(width * 3, height, (x, y) => (x * 11 + y * 17 + ((x * y) % 7)) & 0xff);
		const rows: Buffer[] = [];
		let previous = Buffer.alloc(width * 3);
		rgb.forEach((values, y) => {
			const row = Buffer.from(values);
			const type = y % 5;
			const out = Buffer.alloc(row.length + 1);
			out[0] = type;
			for (let i = 0; i < row.length; i++) {
				const a = i >= 3 ? row[i - 3] : 0;
				const b = previous[i];
				const c = i >= 3 ? previous[i - 3] : 0;
				const p = a + b - c;
				const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
				const predicted = [0, a, b, (a + b) >> 1, paeth][type];
				out[1 + i] = (row[i] - predicted) & 0xff;
			}
			rows.push(out);
			previous = row;
		});
		const image = only(
			pdfWithImages([
				{ dict: `/Width ${width}/Height ${height}/ColorSpace/DeviceRGB/BitsPerComponent 8/DecodeParms<</Predictor 15/Colors 3/Columns ${width}>>`, data: Buffer.concat(rows) },
			]),
		).image();
		const expected = rgb.flatMap((values) => Array.from({ length: width }, (_, x) => Math.round(0.299 * values[x * 3] + 0.587 * values[x * 3 + 1] + 0.114 * values[x * 3 + 2])));
		expect(Math.max(...Array.from(image.data).map((v, i) => Math.abs(v - expected[i])))).toBeLessThanOrEqual(1);

		const gray = grid(width, height, (x, y) => (x * 9 + y * 5) & 0xff);
		const differenced = gray.map((values) => values.map((v, x) => (x === 0 ? v : (v - values[x - 1]) & 0xff)));
		const tiff = only(
			pdfWithImages([{ dict: `/Width ${width}/Height ${height}/ColorSpace/DeviceGray/BitsPerComponent 8/DecodeParms<</Predictor 2/Colors 1/Columns ${width}>>`, data: pack(differenced, 8) }]),
		).image();
		expect(Array.from(tiff.data)).toEqual(gray.flat());
	});

	test('/DecodeParms kept in a compressed object stream (as 数电 PDFs do) is found', () => {
		const width = 21;
		const gray = grid(width, 21, (x, y) => ((x + y) % 2) * 255);
		const rows = gray.map((values) => Buffer.concat([Buffer.from([0]), Buffer.from(values)]));
		const writer = new PdfWriter();
		const parms = writer.add(`<</Predictor 15/Colors 1/Columns ${width}/BitsPerComponent 8>>`);
		const image = writer.add({ dict: `/Type/XObject/Subtype/Image/Width ${width}/Height 21/ColorSpace/DeviceGray/BitsPerComponent 8/DecodeParms ${parms} 0 R`, data: Buffer.concat(rows) });
		const contents = writer.add({ data: '/Im0 Do' });
		const pages = writer.reserve();
		const page = writer.add(`<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 200 200]/Resources<</XObject<</Im0 ${image} 0 R>>>>/Contents ${contents} 0 R>>`);
		writer.set(pages, `<</Type/Pages/Kids[${page} 0 R]/Count 1>>`);
		const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
		const bytes = new Uint8Array(writer.build(catalog, { xref: 'stream', objectStreams: true }));
		expect(Array.from(only(bytes).image().data)).toEqual(gray.flat());
	});

	test('images inside a Form XObject are found; the page number is given', () => {
		const images = extractPdfImages(pdfWithImages([{ dict: '/Width 30/Height 30/ColorSpace/DeviceGray/BitsPerComponent 8', data: Buffer.alloc(900, 77) }], { inForm: true }));
		expect(images.map(({ page, width, height }) => ({ page, width, height }))).toEqual([{ page: 1, width: 30, height: 30 }]);
		expect(images[0].image().data[0]).toBe(77);
	});

	test('DCTDecode goes through the package’s JPEG decoder', () => {
		const jpeg = Buffer.from(fixture('baseline-444.jpg'));
		const entry = only(pdfWithImages([{ dict: '/Width 99/Height 75/ColorSpace/DeviceRGB/BitsPerComponent 8', data: jpeg, filter: '/DCTDecode' }]));
		expect(entry.codec).toBe('DCTDecode');
		expect(difference(entry.image(), readPnm(fixture('baseline-444.pgm'))).max).toBeLessThanOrEqual(2);
	});

	test('scale and region: a DCT image (a scanned page) decodes scaled; others are averaged after', () => {
		const jpeg = fixture('baseline-444.jpg');
		const dct = only(pdfWithImages([{ dict: '/Width 99/Height 75/ColorSpace/DeviceRGB/BitsPerComponent 8', data: Buffer.from(jpeg), filter: '/DCTDecode' }]));
		expect(dct.image({ scale: 4 })).toEqual(decodeImage(jpeg, { scale: 4 }));
		expect(dct.image({ scale: 2, region: { x: 8, y: 8, width: 40, height: 20 } })).toEqual(
			decodeImage(jpeg, { scale: 2, region: { x: 8, y: 8, width: 40, height: 20 } }),
		);
		const values = grid(30, 22, (x, y) => (x * 8 + y * 3) & 0xff);
		const raw = only(pdfWithImages([{ dict: '/Width 30/Height 22/ColorSpace/DeviceGray/BitsPerComponent 8', data: pack(values, 8) }]));
		expect(raw.image({ scale: 2 })).toEqual(boxDownsample(raw.image(), 2));
	});

	test('an EXIF orientation inside a DCT image is not applied (PDF readers draw the stored pixels)', () => {
		const rotated = withExifOrientation(fixture('baseline-444.jpg'), 6);
		const image = only(pdfWithImages([{ dict: '/Width 99/Height 75/ColorSpace/DeviceRGB/BitsPerComponent 8', data: Buffer.from(rotated), filter: '/DCTDecode' }])).image();
		expect([image.width, image.height]).toEqual([99, 75]);
		expect(decodeImage(rotated, { exifOrientation: false })).toEqual(image);
		expect(decodeImage(rotated).width).toBe(75);
	});

	test('CCITTFaxDecode: Group 4 and Group 3 2-D strips, /BlackIs1 and /Decode honoured', () => {
		const expected = readPnm(fixture('bw-noise.pgm'));
		const strip = (name: string) => {
			const bytes = fixture(name);
			const tags = readFirstIfd(bytes);
			const offset = (tags.get(273) as number[])[0];
			return Buffer.from(bytes.subarray(offset, offset + (tags.get(279) as number[])[0]));
		};
		const fax = (data: Buffer, parms: string, extra = '') =>
			only(pdfWithImages([{ dict: `/Width 101/Height 75/ColorSpace/DeviceGray/BitsPerComponent 1${extra}/DecodeParms<<${parms}>>`, data, filter: '/CCITTFaxDecode' }]));
		const g4 = fax(strip('bw-noise-g4.tif'), '/K -1/Columns 101/Rows 75');
		expect(g4.codec).toBe('CCITTFaxDecode');
		expect(difference(g4.image(), expected).max).toBe(0);
		expect(difference(fax(strip('bw-noise-g3-2d.tif'), '/K 1/Columns 101/Rows 75').image(), expected).max).toBe(0);
		const inverted = { ...expected, data: expected.data.map((value) => 255 - value) };
		expect(difference(fax(strip('bw-noise-g4.tif'), '/K -1/Columns 101/Rows 75/BlackIs1 true').image(), inverted).max).toBe(0);
		expect(difference(fax(strip('bw-noise-g4.tif'), '/K -1/Columns 101/Rows 75', '/Decode[1 0]').image(), inverted).max).toBe(0);
	});

	test('inline images (BI … ID … EI): raw, hex-encoded, fax and DCT data, a named colour space, inside a form', () => {
		const samples = grid(24, 22, checker);
		const raw = pack(samples, 1);
		const expected = samples.flat().map((v) => (v ? 255 : 0));
		const jpeg = Buffer.from(fixture('baseline-444.jpg'));
		const g4 = (() => {
			const bytes = fixture('bw-noise-g4.tif');
			const tags = readFirstIfd(bytes);
			const offset = (tags.get(273) as number[])[0];
			return Buffer.from(bytes.subarray(offset, offset + (tags.get(279) as number[])[0]));
		})();
		const content = Buffer.concat([
			Buffer.from('q 10 0 0 10 0 0 cm BI /W 24 /H 22 /BPC 1 /CS /G ID '),
			raw,
			Buffer.from('\nEI Q\nq BI /W 24 /H 22 /BPC 1 /CS /G /F /AHx ID '),
			Buffer.from(`${raw.toString('hex')}>`),
			Buffer.from('\nEI Q\nBI /W 101 /H 75 /IM true /F /CCF /DP << /K -1 /Columns 101 /Rows 75 >> ID '),
			g4,
			Buffer.from('\nEI\nBI /W 99 /H 75 /BPC 8 /CS /RGB /F /DCT ID '),
			jpeg,
			Buffer.from('\nEI\nBI /W 24 /H 22 /BPC 1 /CS /Pal ID '),
			raw,
			Buffer.from('\nEI\n'),
		]);
		const writer = new PdfWriter();
		const contents = writer.add({ data: content });
		const pages = writer.reserve();
		const page = writer.add(`<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 200 200]/Resources<</ColorSpace<</Pal[/Indexed/DeviceRGB 1<FFFFFF000000>]>>>>/Contents ${contents} 0 R>>`);
		writer.set(pages, `<</Type/Pages/Kids[${page} 0 R]/Count 1>>`);
		const catalog = writer.add(`<</Type/Catalog/Pages ${pages} 0 R>>`);
		const images = extractPdfImages(new Uint8Array(writer.build(catalog)));
		const byName = new Map(images.map((image) => [image.name, image]));
		expect([...byName.keys()].sort()).toEqual(['inline0', 'inline1', 'inline2', 'inline3', 'inline4']);
		expect(Array.from((byName.get('inline0') as (typeof images)[0]).image().data)).toEqual(expected);
		expect(Array.from((byName.get('inline1') as (typeof images)[0]).image().data)).toEqual(expected);
		// The fax stencil paints black where the fax is black.
		expect(difference((byName.get('inline2') as (typeof images)[0]).image(), readPnm(fixture('bw-noise.pgm'))).max).toBe(0);
		expect(difference((byName.get('inline3') as (typeof images)[0]).image(), readPnm(fixture('baseline-444.pgm'))).max).toBeLessThanOrEqual(2);
		// The palette maps 0 to white and 1 to black: the checker inverted.
		expect(Array.from((byName.get('inline4') as (typeof images)[0]).image().data)).toEqual(expected.map((v) => 255 - v));

		// An inline image drawn by a Form XObject the page uses.
		const formWriter = new PdfWriter();
		const form = formWriter.add({ dict: '/Type/XObject/Subtype/Form/BBox[0 0 200 200]', data: Buffer.concat([Buffer.from('BI /W 24 /H 22 /BPC 1 /CS /G ID '), raw, Buffer.from('\nEI')]) });
		const formContents = formWriter.add({ data: '/Fm0 Do' });
		const formPages = formWriter.reserve();
		const formPage = formWriter.add(`<</Type/Page/Parent ${formPages} 0 R/MediaBox[0 0 200 200]/Resources<</XObject<</Fm0 ${form} 0 R>>>>/Contents ${formContents} 0 R>>`);
		formWriter.set(formPages, `<</Type/Pages/Kids[${formPage} 0 R]/Count 1>>`);
		const formCatalog = formWriter.add(`<</Type/Catalog/Pages ${formPages} 0 R>>`);
		const inForm = extractPdfImages(new Uint8Array(formWriter.build(formCatalog)));
		expect(inForm.map(({ name }) => name)).toEqual(['inline0']);
		expect(Array.from(inForm[0].image().data)).toEqual(expected);
	});

	test('JPX images are listed but refused as unsupported when decoded; a 100000² image is refused before allocating', () => {
		const jpx = only(pdfWithImages([{ dict: '/Width 40/Height 40/ColorSpace/DeviceRGB/BitsPerComponent 8', data: Buffer.from('not really jpx'), filter: '/JPXDecode' }]));
		expect(jpx.codec).toBe('JPXDecode');
		expect(jpx.image).toThrow(ImageError);
		const huge = only(pdfWithImages([{ dict: '/Width 100000/Height 100000/ColorSpace/DeviceGray/BitsPerComponent 8', data: Buffer.alloc(100) }]));
		const { error, cpuMs } = cpuTimed(() => huge.image());
		expect(error instanceof ImageError ? error.reason : error).toBe('too-large');
		expect(cpuMs).toBeLessThan(100);
	});

	test('small images are left out (below 21 px unless asked); the count is bounded', () => {
		const small = pdfWithImages([{ dict: '/Width 10/Height 10/ColorSpace/DeviceGray/BitsPerComponent 8', data: Buffer.alloc(100) }]);
		expect(extractPdfImages(small)).toHaveLength(0);
		expect(extractPdfImages(small, { minSide: 1 })).toHaveLength(1);
		const many = pdfWithImages(Array.from({ length: 100 }, (_, i) => ({ dict: `/Width ${30 + i}/Height 30/ColorSpace/DeviceGray/BitsPerComponent 8`, data: Buffer.alloc((30 + i) * 30) })));
		expect(extractPdfImages(many)).toHaveLength(64);
		expect(extractPdfImages(many, { maxImages: 5 })).toHaveLength(5);
	});

	test('a short data stream is refused as truncated', () => {
		const entry = only(pdfWithImages([{ dict: '/Width 40/Height 40/ColorSpace/DeviceGray/BitsPerComponent 8', data: Buffer.alloc(100) }]));
		expect(entry.image).toThrow(/shorter than its 40×40 size/);
	});
});
