'use strict';
// The licensed real QR images live in ../shared/samples/qr beside the clone (never in the repo); tests over
// them are skipped, by name, when the folder is not there.
const fs = require('node:fs');
const path = require('node:path');

const QR_SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', '..', 'shared', 'samples', 'qr');
const HAVE_QR_SAMPLES = fs.existsSync(QR_SAMPLES_DIR);

/** The image file names (PNG and JPEG), sorted; empty without the folder. */
function qrSampleNames() {
	return HAVE_QR_SAMPLES ? fs.readdirSync(QR_SAMPLES_DIR).filter((name) => /\.(png|jpe?g)$/i.test(name)).sort() : [];
}

/** @param {string} name */
function readQrSample(name) {
	return fs.readFileSync(path.join(QR_SAMPLES_DIR, name));
}

module.exports = { QR_SAMPLES_DIR, HAVE_QR_SAMPLES, qrSampleNames, readQrSample };
