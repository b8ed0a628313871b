import { ofdImageEntries } from '../../../nodes/shared/formats/image';
import { encodePng, fixture } from './support';

describe('ofdImageEntries: the raster images an OFD keeps under Res/', () => {
	const png = encodePng({ width: 30, height: 30, colorType: 0, bitDepth: 8, interlaced: false, sample: () => 0 });
	const jpeg = fixture('baseline-420.jpg');
	const jbig2 = new Uint8Array([0x97, 0x4a, 0x42, 0x32, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

	test('by content, not by name: a JPEG named .png counts, JBIG2 and fonts do not; only under Res/', () => {
		const entries = [
			{ name: 'Doc_0/Res/qr.png', bytes: jpeg },
			{ name: 'Doc_0/Res/image_78.jb2', bytes: jbig2 },
			{ name: 'Doc_0/Res/font_1.otf', bytes: new Uint8Array([0x4f, 0x54, 0x54, 0x4f, 0, 1, 2, 3, 4]) },
			{ name: 'Doc_0/Pages/Page_0/Content.xml', bytes: png },
			{ name: 'Doc_0/Res/image_1.png', bytes: png },
		];
		expect(ofdImageEntries(entries).map(({ name }) => name)).toEqual(['Doc_0/Res/image_1.png', 'Doc_0/Res/qr.png']);
	});

	test('smallest first (a QR image is small), at most `limit`', () => {
		const entries = Array.from({ length: 30 }, (_, i) => ({
			name: `Doc_0/Res/image_${i}.png`,
			bytes: encodePng({ width: 10 + i, height: 10 + i, colorType: 0, bitDepth: 8, interlaced: false, sample: (x, y) => (x * y + i) & 0xff }),
		})).reverse();
		const listed = ofdImageEntries(entries, 5);
		expect(listed).toHaveLength(5);
		const sizes = listed.map(({ bytes }) => bytes.length);
		expect(sizes).toEqual([...sizes].sort((a, b) => a - b));
		expect(ofdImageEntries(entries)).toHaveLength(16);
	});
});
