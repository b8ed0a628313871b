import { parseInvoiceQr, readInvoiceQr, readInvoiceQrInSteps } from '../../../nodes/shared/formats/qr';
import { invoicePayload, invoicePhoto, renderQr, startCpuClock, toJpeg, toPng } from './synthetic';

/** Making and JPEG-encoding a 12 MP image in JavaScript takes seconds on a busy machine. */
const PHOTO_TIMEOUT_MS = 120_000;

/** The search's budget only stops it starting finer passes: tests give it all the time a busy machine needs. */
const TEST_BUDGET_MS = 60_000;

describe('readInvoiceQr', () => {
	const paper = invoicePayload();
	const digital = invoicePayload({
		type: '32',
		code: '',
		number: '24442000000123456789',
		amount: '1060.00',
		check: '',
	});

	it('reads a PNG scan of an invoice QR and returns its fields', () => {
		const png = toPng(renderQr(paper, { moduleSize: 4, rotation: 5 }));
		expect(readInvoiceQr(png)).toEqual(parseInvoiceQr(paper));
		expect(readInvoiceQr(png)).toMatchObject({
			typeCode: '10',
			invoiceNumber: '12345678',
			amount: 1234.56,
			crc: 'valid',
		});
	});

	it(
		'reads a 12 MP phone-like JPEG with the code at 2.5 px per module near the top left',
		() => {
			const jpeg = toJpeg(invoicePhoto(digital, { moduleSize: 2.5, corner: 'top-left' }), 85);
			// A generous budget: the suite runs on a shared machine; the bench measures the real time.
			expect(readInvoiceQr(jpeg, TEST_BUDGET_MS)).toMatchObject({
				text: digital,
				typeCode: '32',
				crc: 'valid',
			});
		},
		PHOTO_TIMEOUT_MS,
	);

	it(
		'finds the code in the bottom-right corner of a 12 MP photo too',
		() => {
			const jpeg = toJpeg(
				invoicePhoto(paper, { moduleSize: 3, corner: 'bottom-right', seed: 5 }),
				80,
			);
			expect(readInvoiceQr(jpeg, TEST_BUDGET_MS)?.text).toBe(paper);
			// With no time left after the whole-image pass, the corners are not searched.
			expect(readInvoiceQr(jpeg, 0)).toBeNull();
		},
		PHOTO_TIMEOUT_MS,
	);

	it(
		'reads a 6 MP PNG (decoded once, then viewed scaled and by region) with the code bottom left',
		() => {
			const png = toPng(
				invoicePhoto(paper, { width: 3000, height: 2000, moduleSize: 2.5, corner: 'bottom-left' }),
			);
			expect(readInvoiceQr(png, TEST_BUDGET_MS)?.text).toBe(paper);
		},
		PHOTO_TIMEOUT_MS,
	);

	it('reads a code at 2 px per module in a small screenshot-sized image', () => {
		const png = toPng(
			invoicePhoto(paper, { width: 800, height: 530, moduleSize: 2, blur: 0.5, rotation: 0 }),
		);
		expect(readInvoiceQr(png, TEST_BUDGET_MS)?.text).toBe(paper);
	});

	it('in steps (beside a vendor request), finds what the search at once finds, pausing between short steps', async () => {
		const photo = toPng(invoicePhoto(paper, { width: 1200, height: 900, moduleSize: 2.5, corner: 'bottom-right', seed: 3 }));
		// The same page with its code painted over: the whole search runs and finds nothing.
		const page = invoicePhoto(paper, { width: 1200, height: 900, moduleSize: 2.5, corner: 'bottom-right', seed: 3 });
		for (let y = Math.floor(page.height * 0.6); y < page.height; y++) {
			page.data.fill(200, y * page.width + Math.floor(page.width * 0.6), (y + 1) * page.width);
		}
		const noCode = toPng(page);
		const pausesFor = async (bytes: Uint8Array) => {
			let pauses = 0;
			const stepped = await readInvoiceQrInSteps(bytes, TEST_BUDGET_MS, async () => {
				pauses++;
			});
			expect(stepped).toEqual(readInvoiceQr(bytes, TEST_BUDGET_MS));
			return pauses;
		};
		// Found on the first binarization: a pause before starting, one after it.
		expect(await pausesFor(photo)).toBeGreaterThanOrEqual(2);
		// Searched to the end: each of the four binarizations and its finder search are steps of their own.
		expect(await pausesFor(noCode)).toBeGreaterThanOrEqual(8);
		expect(readInvoiceQr(photo, TEST_BUDGET_MS)?.text).toBe(paper);
		expect(readInvoiceQr(noCode, TEST_BUDGET_MS)).toBeNull();
	});

	it('returns null for an image whose only QR code is not an invoice', () => {
		expect(readInvoiceQr(toPng(renderQr('https://example.com/menu')))).toBeNull();
	});

	it('returns null, quickly, for what is not a readable image', () => {
		const png = toPng(renderQr(paper));
		const jpeg = toJpeg(renderQr(paper, { moduleSize: 3 }), 80);
		// A PNG header claiming 100000 × 100000 pixels.
		const huge = Buffer.from(png);
		huge.writeUInt32BE(100000, 16);
		huge.writeUInt32BE(100000, 20);
		const cases: Uint8Array[] = [
			new Uint8Array(0),
			Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) & 255),
			jpeg.subarray(0, Math.floor(jpeg.length / 3)),
			huge,
		];
		for (const bytes of cases) {
			const cpuMs = startCpuClock();
			expect(readInvoiceQr(bytes)).toBeNull();
			expect(cpuMs()).toBeLessThan(1000);
		}
	});
});
