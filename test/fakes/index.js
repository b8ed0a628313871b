'use strict';
// @ts-check

/**
 * Faithful fake vendor servers for tests, the demo and benchmarks. See README.md.
 *
 *   const { startFake, startAllFakes, FAKE_CREDENTIALS } = require('./test/fakes');
 *   const juhe = await startFake('juhe', { latencyMs: 50 });
 *   // point the credential's base URL at juhe.url, run, then inspect juhe.requests
 *   await juhe.close();
 */

const clients = require('./clients');
const { FAKE_CREDENTIALS } = require('./credentials');
const { findSampleInvoices, inspectFile } = require('./files');
const { juhe } = require('./juhe');
const { jumdata } = require('./jumdata');
const samples = require('./samples');
const { FAULT_TYPES, startFakeServer, startRecorder } = require('./server');
const { volcengine } = require('./volcengine');
const { signVolcengineRequest, verifyVolcengineSignature } = require('./volcengine-signature');
const { webank } = require('./webank');
const { xinhuo } = require('./xinhuo');

/** @type {Record<import('./index').VendorName, import('./index').VendorDefinition>} */
const DEFINITIONS = { juhe, volcengine, jumdata, xinhuo, webank };
const VENDOR_NAMES = /** @type {import('./index').VendorName[]} */ (Object.keys(DEFINITIONS));

/**
 * Starts one fake on 127.0.0.1 (a free port unless `options.port` is given).
 *
 * @param {import('./index').VendorName} vendor
 * @param {import('./index').FakeOptions} [options]
 */
function startFake(vendor, options = {}) {
	const definition = DEFINITIONS[vendor];
	if (!definition) {
		return Promise.reject(
			new Error(`Unknown vendor "${vendor}"; known: ${VENDOR_NAMES.join(', ')}`),
		);
	}
	return startFakeServer(definition, options);
}

/**
 * Starts every fake (or `options.vendors`), each on its own free port. Options other than
 * `vendors`/`perVendor` apply to all; `perVendor` adds per-vendor options (e.g. a fixed port).
 *
 * @param {import('./index').StartAllOptions} [options]
 * @returns {Promise<import('./index').AllFakes>}
 */
async function startAllFakes(options = {}) {
	const { vendors = VENDOR_NAMES, perVendor = {}, ...common } = options;
	if ('port' in common)
		throw new Error('startAllFakes: give ports per vendor, in perVendor.<vendor>.port');
	const settled = await Promise.allSettled(
		vendors.map((vendor) => startFake(vendor, { ...common, ...(perVendor[vendor] ?? {}) })),
	);
	const started = settled.flatMap((result) =>
		result.status === 'fulfilled' ? [result.value] : [],
	);
	const failure = settled.find((result) => result.status === 'rejected');
	if (failure) {
		await Promise.all(started.map((fake) => fake.close()));
		throw /** @type {PromiseRejectedResult} */ (failure).reason;
	}
	/** @type {Record<string, unknown>} */
	const all = {};
	for (const fake of started) all[fake.vendor] = fake;
	all.closeAll = () => Promise.all(started.map((fake) => fake.close())).then(() => undefined);
	return /** @type {import('./index').AllFakes} */ (/** @type {unknown} */ (all));
}

module.exports = {
	FAKE_CREDENTIALS,
	VENDOR_NAMES,
	FAULT_TYPES,
	startFake,
	startAllFakes,
	startRecorder,
	verifyVolcengineSignature,
	signVolcengineRequest,
	inspectFile,
	findSampleInvoices,
	samples,
	clients,
};
