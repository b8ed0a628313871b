import { decodeQrCodes, scanQrCodes } from '../../../nodes/shared/formats/qr/scan';
import { renderEntry, renderQr, seededRandom, startCpuClock, syntheticCorpus } from './synthetic';

describe('QR decoding of the synthetic corpus', () => {
	const corpus = syntheticCorpus();
	it.each(corpus.map((entry) => [`${entry.category}: ${entry.name}`, entry] as const))(
		'reads %s',
		(_name, entry) => {
			const image = renderEntry(entry);
			expect(decodeQrCodes(image)).toContain(entry.text);
		},
	);
});

describe('QR decoding', () => {
	it('finds every code when an image holds several', () => {
		const texts = ['first code 1', 'second code 22', 'third code 333'];
		const width = 700;
		const height = 260;
		const data = new Uint8Array(width * height).fill(238);
		texts.forEach((text, i) => {
			const code = renderQr(text, { moduleSize: 4, rotation: i * 20 });
			const left = 10 + i * 230;
			for (let y = 0; y < Math.min(code.height, height); y++) {
				for (let x = 0; x < Math.min(code.width, 225); x++)
					data[y * width + left + x] = code.data[y * code.width + x];
			}
		});
		expect(decodeQrCodes({ width, height, data }).sort()).toEqual([...texts].sort());
	});

	it('reports version, level and finder positions', () => {
		const image = renderQr('hello', { ecLevel: 'H', version: 3, moduleSize: 4, quietZone: 4 });
		const [code] = scanQrCodes(image);
		expect(code).toMatchObject({ text: 'hello', version: 3, ecLevel: 'H' });
		// The symbol is centred: its top-left finder centre is 3.5 modules in from the symbol's corner.
		const symbolLeft = image.width / 2 - ((29 + 8) * 4) / 2 + 4 * 4;
		expect(code.finders[0].x).toBeCloseTo(symbolLeft + 3.5 * 4, -1);
	});

	it('decodes byte segments as UTF-8 when they are', () => {
		const text = '发票 01,32,,24442000000123456789';
		expect(decodeQrCodes(renderQr(text))).toEqual([text]);
	});

	// CPU time, loosely bounded: the suite shares a loaded machine (wall time would measure the queue); the
	// bench reports the real figures.
	it('finds nothing in random noise, in bounded time', () => {
		const random = seededRandom(3);
		for (const [width, height] of [
			[640, 480],
			[1200, 900],
		]) {
			const data = Uint8Array.from({ length: width * height }, () => (random() < 0.5 ? 0 : 255));
			const cpuMs = startCpuClock();
			expect(decodeQrCodes({ width, height, data })).toEqual([]);
			expect(cpuMs()).toBeLessThan(3000);
		}
	});

	it('finds nothing in a blank or tiny image', () => {
		expect(
			decodeQrCodes({ width: 300, height: 200, data: new Uint8Array(300 * 200).fill(255) }),
		).toEqual([]);
		expect(decodeQrCodes({ width: 5, height: 5, data: new Uint8Array(25) })).toEqual([]);
	});

	it('keeps to a deadline on a busy image (stripes and checkerboards everywhere)', () => {
		const width = 1500;
		const height = 1500;
		const data = new Uint8Array(width * height);
		// 1:1:3:1:1 bars in both directions: finder-like runs on every row and column.
		const bars = [1, 0, 1, 1, 1, 0, 1, 0];
		for (let y = 0; y < height; y++) {
			for (let x = 0; x < width; x++)
				data[y * width + x] = bars[(x >> 2) % 8] & bars[(y >> 2) % 8] ? 0 : 255;
		}
		const cpuMs = startCpuClock();
		decodeQrCodes({ width, height, data }, { deadline: Date.now() + 300 });
		expect(cpuMs()).toBeLessThan(3000);
	});
});
