import * as jpegJs from 'jpeg-js';
import { PNG } from 'pngjs';

import { decodeImage, type GrayImage, imageSize, ofdImageEntries, sniffImage } from '../../../nodes/shared/formats/image';
import { extractPdfImages } from '../../../nodes/shared/formats/pdf/images';
import { openZip } from '../../../nodes/shared/formats/zip';
import { describeWithQrSamples, qrSample, qrSampleNames } from '../../support/qrSamples';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { pdfjsImages, type PdfjsImage } from './pdfjs-images';
import { difference, lumaOf } from './support';

/** Gray from another decoder's RGBA (luma, alpha over white). */
function grayFromRgba(width: number, height: number, rgba: Uint8Array): GrayImage {
	const data = new Uint8Array(width * height);
	for (let i = 0; i < width * height; i++) {
		const alpha = rgba[i * 4 + 3];
		const value = lumaOf(rgba[i * 4], rgba[i * 4 + 1], rgba[i * 4 + 2]);
		data[i] = Math.round((value * alpha + 255 * (255 - alpha)) / 255);
	}
	return { width, height, data };
}

/** A QR code image is two-tone: plenty of both dark and light pixels. */
function looksTwoTone(image: GrayImage): boolean {
	let dark = 0;
	let light = 0;
	for (const value of image.data) {
		if (value < 96) dark++;
		else if (value > 160) light++;
	}
	const total = image.data.length;
	return dark / total > 0.2 && light / total > 0.2 && (dark + light) / total > 0.8;
}

describeWithQrSamples('real QR images (../shared/samples/qr)', () => {
	for (const name of qrSampleNames()) {
		test(`${name}: sniffed by its bytes, decoded at its header's size, the same pixels as pngjs/jpeg-js`, () => {
			const bytes = new Uint8Array(qrSample(name));
			const format = sniffImage(bytes);
			expect(['png', 'jpeg']).toContain(format);
			const image = decodeImage(bytes);
			const size = imageSize(bytes);
			expect(size).toEqual({ width: image.width, height: image.height, format });
			const reference =
				format === 'png'
					? PNG.sync.read(Buffer.from(bytes))
					: jpegJs.decode(Buffer.from(bytes), { useTArray: true, formatAsRGBA: true });
			const theirs = grayFromRgba(reference.width, reference.height, new Uint8Array(reference.data));
			const { mean } = difference(image, theirs);
			expect(mean).toBeLessThan(format === 'png' ? 0.6 : 1.5);
		});
	}

	test('a quarter-scale decode of each is a quarter of the size', () => {
		for (const name of qrSampleNames()) {
			const bytes = new Uint8Array(qrSample(name));
			const size = imageSize(bytes) as { width: number; height: number };
			const quarter = decodeImage(bytes, { scale: 4 });
			expect([quarter.width, quarter.height]).toEqual([Math.ceil(size.width / 4), Math.ceil(size.height / 4)]);
		}
	});
});

describeWithSamples('QR images inside the e-invoice PDFs', () => {
	const names = sampleNames('pdf');
	let reference: Map<string, PdfjsImage[]>;
	beforeAll(() => {
		reference = new Map(pdfjsImages(names).map(({ file, images }) => [file.split('/').pop() as string, images]));
	}, 120_000);

	for (const name of names) {
		const isInvoice = !name.includes('not-an-invoice');
		test(`${name}: ${isInvoice ? 'a square two-tone image of QR size, and ' : ''}every image as pdf.js decodes it`, () => {
			const images = extractPdfImages(new Uint8Array(sample('pdf', name)));
			const decoded = images.map((entry) => ({ entry, image: entry.image() }));
			for (const { entry, image } of decoded) expect([image.width, image.height]).toEqual([entry.width, entry.height]);
			if (isInvoice) {
				const qrLike = decoded.filter(({ image }) => image.width === image.height && looksTwoTone(image));
				expect(qrLike.length).toBeGreaterThan(0);
			}
			// pdf.js draws what the page's content uses; match ours to those by page and size.
			const theirs = [...(reference.get(name) ?? [])];
			let compared = 0;
			for (const { entry, image } of decoded) {
				const index = theirs.findIndex((other) => other.page === entry.page && other.width === image.width && other.height === image.height);
				if (index < 0) continue;
				const [other] = theirs.splice(index, 1);
				expect(difference(image, { width: other.width, height: other.height, data: other.gray }).mean).toBeLessThan(2);
				compared++;
			}
			expect(compared).toBeGreaterThan(0);
		});
	}
});

describeWithSamples('QR images inside the OFDs (Doc_0/Res/)', () => {
	for (const name of sampleNames('ofd')) {
		test(`${name}: every raster image under Res/ decodes at its header's size`, () => {
			const archive = openZip(new Uint8Array(sample('ofd', name)));
			const entries = archive.entries.map((entry) => ({ name: entry.name, bytes: archive.read(entry) }));
			const images = ofdImageEntries(entries);
			for (const { bytes } of images) {
				const image = decodeImage(bytes);
				const size = imageSize(bytes);
				expect(size && [size.width, size.height]).toEqual([image.width, image.height]);
			}
			// The JBIG2 file (.jb2) is not a raster image the decoder reads: never listed.
			expect(images.some(({ name: member }) => member.endsWith('.jb2'))).toBe(false);
			if (/^ofdrw-(999|fapiao-shili|fptpl|draw_param)/.test(name)) {
				expect(images.some(({ bytes }) => looksTwoTone(decodeImage(bytes)))).toBe(true);
			}
		});
	}
});
