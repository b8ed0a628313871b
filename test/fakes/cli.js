#!/usr/bin/env node
'use strict';
// @ts-check

/**
 * Runs the fakes as a separate process (for n8n itself, the demo and benchmarks):
 *
 *   node test/fakes/cli.js [--vendors juhe,volcengine] [--ports-file path] [--latency ms] [--qps n]
 *
 * Prints one JSON line {"juhe":"http://127.0.0.1:PORT", ...} (also written to --ports-file) and
 * runs until SIGINT/SIGTERM. Drive each fake over HTTP: POST /__fake/config, GET /__fake/requests,
 * POST /__fake/reset.
 */

const fs = require('node:fs');
const path = require('node:path');
const { VENDOR_NAMES, startAllFakes } = require('./index');

const USAGE =
	'Usage: node test/fakes/cli.js [--vendors juhe,volcengine,jumdata,xinhuo,webank] ' +
	'[--ports-file path] [--latency ms] [--qps n]';

/**
 * @param {string[]} argv
 * @returns {{ vendors: import('./index').VendorName[], portsFile: string | null, latencyMs: number, qpsCap: number | null }}
 */
function parseArgs(argv) {
	/** @type {Record<string, string>} */
	const flags = {};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		if (arg === '--help' || arg === '-h') {
			console.log(USAGE);
			process.exit(0);
		}
		const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
		if (!match) throw new Error(`Unexpected argument "${arg}"`);
		const value = match[2] ?? argv[++i];
		if (value === undefined) throw new Error(`--${match[1]} needs a value`);
		flags[match[1]] = value;
	}
	const known = ['vendors', 'ports-file', 'latency', 'qps'];
	const unknown = Object.keys(flags).filter((flag) => !known.includes(flag));
	if (unknown.length > 0) throw new Error(`Unknown option --${unknown[0]}`);

	const vendors = /** @type {import('./index').VendorName[]} */ (
		(flags.vendors ?? VENDOR_NAMES.join(','))
			.split(',')
			.map((vendor) => vendor.trim())
			.filter(Boolean)
	);
	const unknownVendor = vendors.find((vendor) => !VENDOR_NAMES.includes(vendor));
	if (unknownVendor)
		throw new Error(`Unknown vendor "${unknownVendor}"; known: ${VENDOR_NAMES.join(', ')}`);
	const number = (/** @type {string | undefined} */ text, /** @type {string} */ flag) => {
		if (text === undefined) return null;
		const value = Number(text);
		if (!Number.isFinite(value) || value < 0) throw new Error(`--${flag} must be a number >= 0`);
		return value;
	};
	return {
		vendors,
		portsFile: flags['ports-file'] ?? null,
		latencyMs: number(flags.latency, 'latency') ?? 0,
		qpsCap: number(flags.qps, 'qps'),
	};
}

async function main() {
	let args;
	try {
		args = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error(`${/** @type {Error} */ (error).message}\n${USAGE}`);
		process.exit(2);
	}
	const fakes = await startAllFakes({
		vendors: args.vendors,
		latencyMs: args.latencyMs,
		qpsCap: args.qpsCap,
	});
	/** @type {Record<string, string>} */
	const urls = {};
	for (const vendor of args.vendors) urls[vendor] = fakes[vendor].url;
	const line = JSON.stringify(urls);
	if (args.portsFile) {
		// Write then rename, so a watcher never reads a half-written file.
		const target = path.resolve(args.portsFile);
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.writeFileSync(`${target}.tmp`, `${line}\n`);
		fs.renameSync(`${target}.tmp`, target);
	}
	console.log(line);

	let stopping = false;
	const stop = async () => {
		if (stopping) return;
		stopping = true;
		await fakes.closeAll();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
