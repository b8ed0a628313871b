'use strict';
// The real QR images live in ../shared/samples/qr beside the clone (never in the repo), like the e-invoice
// samples (./samples.js): tests over them run when the folder is there and show as skipped, by name, when not.
const fs = require('node:fs');
const path = require('node:path');

const QR_SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'qr');
const HAVE_QR_SAMPLES = fs.existsSync(QR_SAMPLES_DIR);

/* global describe, test */
/** `describe` when the QR samples are there; `describe.skip` plus a test naming what is missing when not. */
function describeWithQrSamples(name, fn) {
	if (HAVE_QR_SAMPLES) return describe(name, fn);
	return describe.skip(name, () => {
		fn();
		test('needs the real QR samples in ../shared/samples/qr beside the clone', () => {});
	});
}

/** The bytes of one QR sample image, e.g. `qrSample('qrtoinvoice-railway-qr-crop.png')`. */
function qrSample(name) {
	return fs.readFileSync(path.join(QR_SAMPLES_DIR, name));
}

/** The QR sample image names (README.md left out; empty without the folder). */
function qrSampleNames() {
	return HAVE_QR_SAMPLES
		? fs
				.readdirSync(QR_SAMPLES_DIR)
				.filter((name) => /\.(png|jpe?g|bmp|tiff?|gif|webp)$/i.test(name))
				.sort()
		: [];
}

module.exports = { HAVE_QR_SAMPLES, QR_SAMPLES_DIR, describeWithQrSamples, qrSample, qrSampleNames };
