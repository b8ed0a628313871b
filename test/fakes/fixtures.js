'use strict';
// @ts-check

/**
 * Canned vendor answers: `test/fixtures/vendors/<vendor>/<name>.json`, each the full response body
 * a vendor sends. `doc-example` is the vendor's documented example; other helpers add more (e.g.
 * `multi-invoice`); `fake-*` files belong to the fakes (extra answers, the WeBank registry);
 * `demo-*` files are the answers to the demo samples (written by demo-fixtures.js).
 * A fixture may instead be `{ "fakeVendorError": "<code>" }`: the vendor's documented error for
 * that code, in its shape and HTTP status (Volcengine's 50208 "no roll invoice" is HTTP 400).
 * Files are read on every use so fixtures added while a fake runs are picked up.
 */

const fs = require('node:fs');
const path = require('node:path');

const FIXTURES_DIR = path.join(__dirname, '..', 'fixtures', 'vendors');
const NAME = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * @param {string} vendor
 * @param {string} name
 */
function fixturePath(vendor, name) {
	return path.join(FIXTURES_DIR, vendor, `${name}.json`);
}

/**
 * Whether a fixture `name` exists for this vendor.
 *
 * @param {string} vendor
 * @param {string} name
 */
function hasResponseFixture(vendor, name) {
	return NAME.test(name) && fs.existsSync(fixturePath(vendor, name));
}

/**
 * A fresh copy of a fixture's JSON (callers may change it).
 *
 * @param {string} vendor
 * @param {string} name
 * @returns {any}
 */
function loadFixture(vendor, name) {
	if (!NAME.test(name)) throw new Error(`Invalid fixture name "${name}"`);
	return JSON.parse(fs.readFileSync(fixturePath(vendor, name), 'utf8'));
}

/**
 * The fixture that answers a file carrying sample marker `marker`: `<marker>--<variant>` where the
 * request picks a variant (Jumdata's `type=roll` reads with another engine), else `<marker>`;
 * null when neither exists.
 *
 * @param {string} vendor
 * @param {string} marker
 * @param {string | null} variant
 */
function sampleFixtureName(vendor, marker, variant) {
	if (variant && hasResponseFixture(vendor, `${marker}--${variant}`)) return `${marker}--${variant}`;
	return hasResponseFixture(vendor, marker) ? marker : null;
}

/**
 * The documented error code a fixture stands for, or null for an ordinary response body.
 *
 * @param {unknown} fixture
 * @returns {string | null}
 */
function fixtureVendorError(fixture) {
	if (fixture === null || typeof fixture !== 'object' || !('fakeVendorError' in fixture)) return null;
	return String(/** @type {Record<string, unknown>} */ (fixture).fakeVendorError);
}

module.exports = {
	FIXTURES_DIR,
	fixturePath,
	fixtureVendorError,
	hasResponseFixture,
	loadFixture,
	sampleFixtureName,
};
