'use strict';
// @ts-check
/**
 * Local e-invoice reading speed: milliseconds per file for every XML and OFD sample
 * (../shared/samples/einvoice) and for one generated file of each structured-source family
 * (test/support/ofdFamilies.ts: XBRL rai/atr/inv/bker, CustomDatas, tag variants, concept tags, page text only),
 * many repetitions after a warm-up, in three stages:
 *   - fields: sniffing the format and reading the fields (readXmlInvoices / readOfdInvoices): the
 *     targets apply here, XML ≤ 0.5 ms and OFD ≤ 3 ms median;
 *   - + QR: the local adapter's read as the node runs it with Check Signatures off (an OFD's
 *     embedded QR image is decoded too);
 *   - + signatures: the same with the file's signature check on (the node's default).
 * On a shared, busy machine a median includes waiting for a core: the best read shows what the code
 * itself costs.
 *
 *   node test/bench/local-read.js [--runs 300] [--no-vendor]   (--no-vendor skips the fake vendor round trip)
 *
 * The package's TypeScript is transpiled on first require (register-ts.js), as the tests do.
 */
require('./register-ts');
const fs = require('node:fs');
const clients = require('../fakes/clients');
const { startFake } = require('../fakes');
const path = require('node:path');
const { performance } = require('node:perf_hooks');

const { sniffFormat } = require('../../nodes/shared/input/fileFormat.ts');
const families = require('../support/ofdFamilies.ts');
const { localAdapter } = require('../../nodes/shared/vendors/local/index.ts');
const { readOfdInvoices } = require('../../nodes/shared/vendors/local/ofd.ts');
const { readXmlInvoices } = require('../../nodes/shared/vendors/local/xmlInvoice.ts');

const SAMPLES = path.resolve(__dirname, '..', '..', '..', 'shared', 'samples', 'einvoice');
const TARGET_MS = { xml: 0.5, ofd: 3 };
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 300;
const WARMUP = 50;
const WITH_VENDOR = !process.argv.includes('--no-vendor');

/** One generated file per family, so the bench covers each without ../shared. */
function generatedFiles() {
	return [
		['xml', 'generated: rai railway ticket XBRL', Buffer.from(families.railwayTicketXbrl(families.railwayTicketSpec()))],
		['xml', 'generated: atr air itinerary XBRL', Buffer.from(families.airItineraryXbrl(families.airItinerarySpec()))],
		['xml', 'generated: bker bank receipt XBRL (refused)', Buffer.from(families.bankReceiptXbrl())],
		['ofd', 'generated: rai railway ticket OFD', families.railwayTicketOfd(families.railwayTicketSpec())],
		['ofd', 'generated: atr air itinerary OFD', families.airItineraryOfd(families.airItinerarySpec())],
		['ofd', 'generated: bker bank receipt OFD (refused)', families.bankReceiptOfd()],
		['ofd', 'generated: OFD.xml CustomDatas only', families.customDatasOfd()],
		['ofd', 'generated: empty Tag_Invoice.xml + attachment', families.tagVariantOfd('empty-tag-invoice')],
		['ofd', 'generated: malformed CustomTag.xml + attachment', families.tagVariantOfd('malformed-custom-tag')],
		['ofd', 'generated: malformed CustomTag.xml alone (repaired)', families.tagVariantOfd('malformed-custom-tag-only')],
		['ofd', 'generated: ofd-go concept tags (ContextRef)', families.conceptTagOfd()],
		['ofd', 'generated: page text only, Kangxi labels', families.pageTextOnlyOfd()],
		['xml', 'generated: inv invoice XBRL', Buffer.from(families.invoiceXbrl('inv'))],
	];
}

/** @typedef {'fields' | 'qr' | 'signatures'} Stage */

/** One read up to `stage`. @param {Buffer} bytes @param {string} name @param {Stage} stage */
function readOnce(bytes, name, stage) {
	const format = sniffFormat(bytes);
	if (!format) throw new Error(`${name}: not a sniffable format`);
	if (stage === 'fields') return format === 'xml' ? readXmlInvoices(bytes, null) : readOfdInvoices(bytes, null);
	return localAdapter.read({ bytes, format, fileName: name, checkSignatures: stage === 'signatures' });
}

/** Sorted ms of `RUNS` reads after the warm-up. @param {Buffer} bytes @param {string} name @param {Stage} stage */
function timeReads(bytes, name, stage) {
	for (let i = 0; i < WARMUP; i++) readOnce(bytes, name, stage);
	const times = [];
	for (let i = 0; i < RUNS; i++) {
		const started = performance.now();
		readOnce(bytes, name, stage);
		times.push(performance.now() - started);
	}
	return times.sort((a, b) => a - b);
}

/** @param {number[]} sorted @param {number} q */
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/**
 * The same file's round trip to the Jumdata fake on loopback (signed form post, JSON answer), the
 * only vendor that takes OFD: a floor for what sending costs, before a real vendor's hundreds of ms.
 * XML is sent too, as a vendor call would carry it, although no vendor reads XML.
 * @param {{ url: string }} fake @param {Buffer} bytes
 */
async function roundTripMs(fake, bytes) {
	const { url, init } = clients.jumdataRequest(fake.url, {
		fields: { imageBase64: bytes.toString('base64'), type: 'normal' },
	});
	const started = performance.now();
	const response = await fetch(url, init);
	await response.text();
	return performance.now() - started;
}

async function main() {
	const haveSamples = fs.existsSync(SAMPLES);
	if (!haveSamples) console.log(`No samples at ${SAMPLES}: measuring the generated files only.`);
	const fake = WITH_VENDOR ? await startFake('jumdata') : null;
	const rows = [];
	let missed = 0;
	/** @type {Array<[string, string, Buffer]>} */
	const files = [];
	for (const kind of haveSamples ? ['xml', 'ofd'] : []) {
		for (const name of fs.readdirSync(path.join(SAMPLES, kind)).sort()) {
			files.push([kind, `${kind}/${name}`, fs.readFileSync(path.join(SAMPLES, kind, name))]);
		}
	}
	files.push(.../** @type {Array<[string, string, Buffer]>} */ (generatedFiles()));
	{
		for (const [kind, name, bytes] of files) {
			const outcome = readOnce(bytes, name, 'signatures');
			const times = timeReads(bytes, name, 'fields');
			const median = quantile(times, 0.5);
			const withQr = quantile(timeReads(bytes, name, 'qr'), 0.5);
			const signed = quantile(timeReads(bytes, name, 'signatures'), 0.5);
			const trips = [];
			/** @type {string | null} */
			let tripFailure = null;
			for (let i = 0; fake && tripFailure === null && i < 30; i++) {
				// A loopback hiccup (the fake closing a connection on a busy machine) is shown, not fatal.
				try {
					trips.push(await roundTripMs(fake, bytes));
				} catch (error) {
					const cause = /** @type {{ cause?: { code?: string } }} */ (error).cause;
					tripFailure = `failed (${cause?.code ?? String(error)})`;
				}
			}
			trips.sort((a, b) => a - b);
			const within = median <= TARGET_MS[kind];
			if (!within) missed++;
			rows.push({
				file: name,
				kb: (bytes.length / 1024).toFixed(1),
				result: outcome.ok ? `${outcome.invoices.length} invoice(s)` : outcome.error.code,
				'fields best': times[0].toFixed(3),
				'fields median': median.toFixed(3),
				'fields p95': quantile(times, 0.95).toFixed(3),
				target: `${TARGET_MS[kind]}${within ? '' : ' MISSED'}`,
				'+ QR (median)': withQr.toFixed(3),
				'+ signatures (median)': signed.toFixed(3),
				'fake vendor round trip (median)': !fake ? '-' : tripFailure ?? quantile(trips, 0.5).toFixed(2),
			});
		}
	}
	console.log(`Local reading, ${RUNS} runs per file after ${WARMUP} warm-up runs (ms per file; node ${process.version}):`);
	console.table(rows);
	console.log(missed === 0 ? 'All medians within target.' : `${missed} file(s) missed the median target.`);
	console.log('The fake vendor answers at once on loopback; a real vendor adds hundreds of ms and a fee per call.');
	if (fake) await fake.close();
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
