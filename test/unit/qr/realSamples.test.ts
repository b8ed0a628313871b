/**
 * The licensed real QR images in ../shared/samples/qr (skipped, by name, without them): our reading must give
 * the payload jsQR reads from the same pixels (the anchor), through the package's own image decoder too.
 */
import { decodeImage } from '../../../nodes/shared/formats/image';
import { decodeQrCodes, parseInvoiceQr, readInvoiceQr } from '../../../nodes/shared/formats/qr';
import {
	describeWithQrSamples,
	qrSample,
	qrSampleNames,
	QR_SAMPLES_DIR,
} from '../../support/qrSamples';
import { fromJpeg, fromPng, jsqrRead } from './synthetic';

/** The search's budget only stops it starting finer passes: tests give it all the time a busy machine needs. */
const TEST_BUDGET_MS = 60_000;

describeWithQrSamples(`real QR images in ${QR_SAMPLES_DIR}`, () => {
	const names = qrSampleNames();
	it('has images to read', () => {
		expect(names.length).toBeGreaterThan(0);
	});
	it.each(names)('%s: reads what jsQR reads, and the invoice fields with a valid CRC', (name) => {
		const bytes = qrSample(name);
		const reference = bytes[0] === 0x89 ? fromPng(bytes) : fromJpeg(bytes);
		const anchor = jsqrRead(reference);
		const ours = decodeQrCodes(decodeImage(bytes));
		if (anchor !== null) expect(ours).toContain(anchor);
		expect(ours.length).toBeGreaterThan(0);
		const invoice = readInvoiceQr(bytes, TEST_BUDGET_MS);
		expect(invoice).not.toBeNull();
		expect(invoice).toEqual(parseInvoiceQr(invoice?.text ?? ''));
		expect(invoice).toMatchObject({ typeCode: '51', invoiceCode: null, crc: 'valid' });
		expect(invoice?.invoiceNumber).toMatch(/^\d{20}$/);
	});
});
