'use strict';
// The real e-invoice samples live in ../shared/samples/einvoice beside the clone (never in the repo: real
// company data, some unlicensed). Tests over them run when the folder is there and are reported as skipped, by
// name, when it is not (an outside contributor's clone). Plain JS: it needs Node's fs (see ./node.js for why).
const fs = require('node:fs');
const path = require('node:path');

const SAMPLES_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'einvoice');
const HAVE_SAMPLES = fs.existsSync(SAMPLES_DIR);

/* global describe, test */
/**
 * `describe` when the samples are there. When not, `describe.skip` with one more skipped test naming what is
 * missing, so that every block shows up as skipped by name, even one whose tests are made per sample file.
 */
function describeWithSamples(name, fn) {
	if (HAVE_SAMPLES) return describe(name, fn);
	return describe.skip(name, () => {
		fn();
		test('needs the real samples in ../shared/samples/einvoice beside the clone', () => {});
	});
}

/** The bytes of `kind/name`, e.g. `sample('xml', 'erma0-digital-common-25322000000365404822.xml')`. */
function sample(kind, name) {
	return fs.readFileSync(path.join(SAMPLES_DIR, kind, name));
}

/** The sample file names of one kind (empty without the samples folder). */
function sampleNames(kind) {
	return HAVE_SAMPLES ? fs.readdirSync(path.join(SAMPLES_DIR, kind)).sort() : [];
}

module.exports = { HAVE_SAMPLES, SAMPLES_DIR, describeWithSamples, sample, sampleNames };
