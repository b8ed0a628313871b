'use strict';
// @ts-check
/**
 * The expected values of every real sample in ../shared/samples/einvoice, one table per kind
 * (test/fixtures/samples-expected/{xml,ofd,pdf}.json: values only, never the files), and the one
 * comparison the sample test and the coverage report (`npm run samples`) both use.
 *
 *   { "<file name>": { "expect": { type, number, code, date, buyer: { name, taxId }, seller: {…},
 *                                  amount, tax, total, items, transport: {…} } } | { "error": "NO_INVOICE_FOUND" } }
 *
 * `items` is the number of line items; `transport` lists only the keys a ticket prints. A null value
 * means the file shows none, so the reader must give none. An entry may say `"pending": "<why>"`:
 * values the file shows that the reader does not read yet (the test expects them to fail until they
 * read, so a fix must remove the note; the report lists them).
 */
const fs = require('node:fs');
const path = require('node:path');

const TABLES_DIR = path.resolve(__dirname, '..', 'fixtures', 'samples-expected');

/** @param {'xml' | 'ofd' | 'pdf'} kind */
function loadExpected(kind) {
	const file = path.join(TABLES_DIR, `${kind}.json`);
	return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
}

/** The compared values of one read invoice, in the tables' shape. */
function valuesOf(invoice) {
	return {
		type: invoice.invoiceType,
		number: invoice.invoiceNumber,
		code: invoice.invoiceCode,
		date: invoice.issueDate,
		buyer: { name: invoice.buyer.name, taxId: invoice.buyer.taxId },
		seller: { name: invoice.seller.name, taxId: invoice.seller.taxId },
		amount: invoice.amount,
		tax: invoice.tax,
		total: invoice.total,
		items: invoice.items.length,
		transport: invoice.transport ?? {},
	};
}

/** Flat `path → value` of an expectation (`buyer.name`, `transport.trainNumber`). */
function flatten(values, prefix = '') {
	/** @type {Array<[string, unknown]>} */
	const out = [];
	for (const [key, value] of Object.entries(values)) {
		if (value !== null && typeof value === 'object' && !Array.isArray(value)) out.push(...flatten(value, `${prefix}${key}.`));
		else out.push([`${prefix}${key}`, value]);
	}
	return out;
}

function valueAt(values, dotted) {
	return dotted.split('.').reduce((node, key) => (node === null || node === undefined ? undefined : node[key]), values);
}

/**
 * One sample's read against its expectation: per field `ok`, `wrong` (another value) or `missing`
 * (expected a value, read none); for an expected error, the one field `error`.
 * @returns {Array<{ field: string, expected: unknown, actual: unknown, status: 'ok' | 'wrong' | 'missing' }>}
 */
function compareSample(entry, outcome) {
	if ('error' in entry) {
		const actual = outcome.ok ? `${outcome.invoices.length} invoice(s)` : outcome.error.code;
		return [{ field: 'error', expected: entry.error, actual, status: actual === entry.error ? 'ok' : 'wrong' }];
	}
	if (!outcome.ok || outcome.invoices.length !== 1) {
		const actual = outcome.ok ? `${outcome.invoices.length} invoices` : outcome.error.code;
		return flatten(entry.expect).map(([field, expected]) => ({ field, expected, actual, status: expected === null ? 'ok' : 'missing' }));
	}
	const read = valuesOf(outcome.invoices[0]);
	return flatten(entry.expect).map(([field, expected]) => {
		const actual = valueAt(read, field) ?? null;
		const status = actual === expected ? 'ok' : actual === null ? 'missing' : 'wrong';
		return { field, expected, actual, status };
	});
}

module.exports = { TABLES_DIR, loadExpected, valuesOf, compareSample };
