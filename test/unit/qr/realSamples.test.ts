/**
 * The licensed real QR images in ../shared/samples/qr (skipped, by name, without them): our reading must give
 * the payload jsQR reads from the same pixels (the anchor), through the package's own image decoder too.
 */
import { decodeImage } from '../../../nodes/shared/formats/image';
import { decodeQrCodes, parseInvoiceQr, readInvoiceQr } from '../../../nodes/shared/formats/qr';
import { HAVE_QR_SAMPLES, QR_SAMPLES_DIR, qrSampleNames, readQrSample } from './qrSamples';
import { fromJpeg, fromPng, jsqrRead } from './synthetic';

const describeSamples = HAVE_QR_SAMPLES ? describe : describe.skip;

describeSamples(`real QR images in ${QR_SAMPLES_DIR}`, () => {
	if (!HAVE_QR_SAMPLES) test('needs the real samples in ../shared/samples/qr beside the clone', () => {});
	const names = qrSampleNames();
	it('has images to read', () => {
		expect(names.length).toBeGreaterThan(0);
	});
	it.each(names)('%s: reads what jsQR reads, and the invoice fields with a valid CRC', (name) => {
		const bytes = readQrSample(name);
		const reference = bytes[0] === 0x89 ? fromPng(bytes) : fromJpeg(bytes);
		const anchor = jsqrRead(reference);
		const ours = decodeQrCodes(decodeImage(bytes));
		if (anchor !== null) expect(ours).toContain(anchor);
		expect(ours.length).toBeGreaterThan(0);
		const invoice = readInvoiceQr(bytes, 5000);
		expect(invoice).not.toBeNull();
		expect(invoice).toEqual(parseInvoiceQr(invoice?.text ?? ''));
		expect(invoice).toMatchObject({ typeCode: '51', invoiceCode: null, crc: 'valid' });
		expect(invoice?.invoiceNumber).toMatch(/^\d{20}$/);
	});
});
