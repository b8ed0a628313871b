/**
 * Vendor `local` and local-first through n8n's WorkflowExecute: e-invoice files read inside the node
 * with no request, merged copies, ZIP bundles, fallback chains, hostile files in a batch, and the
 * real samples (skipped, by name, without ../shared/samples).
 */
import type { AllFakes } from '../fakes';
import type { InputItem } from '../harness/engine';
import {
	bundleZip,
	digitalInvoiceOfd,
	digitalInvoiceSpec,
	digitalInvoiceXml,
} from '../support/einvoiceFixtures';
import { digitalInvoicePdf, textPdf } from '../support/pdfWriter';
import { describeWithSamples, sample, sampleNames } from '../support/samples';
import { zipBytes } from '../support/zipWriter';
import { fileItem, ocrRequests, runOcr, samples, withFakes } from './support';

// Items as n8n outputs them: JSON of any shape (what JSON.parse gives).
type Json = Record<string, ReturnType<typeof JSON.parse>>;

const special = digitalInvoiceSpec();
const common = digitalInvoiceSpec({ kind: 'common', number: '25312000000987654321', issueDate: '2025-07-02' });

function files(...entries: Array<[string, Buffer | string, string]>): InputItem {
	const binary: NonNullable<InputItem['binary']> = {};
	entries.forEach(([fileName, data, mimeType], index) => {
		binary[`attachment_${index}`] = { data: Buffer.from(data), fileName, mimeType };
	});
	return { json: {}, binary };
}

const xmlFile = (spec = special): [string, string, string] => [`${spec.number}.xml`, digitalInvoiceXml(spec), 'text/xml'];
const ofdFile = (spec = special): [string, Buffer, string] => [`${spec.number}.ofd`, digitalInvoiceOfd(spec), 'application/ofd'];
const all = { binaryPropertyName: 'attachment_*' };

describe('vendor local and local-first', () => {
	let fakes: AllFakes;
	beforeAll(async () => {
		fakes = await withFakes();
	});
	afterAll(async () => {
		await fakes.closeAll();
	});
	beforeEach(() => {
		fakes.xinhuo.reset();
		fakes.juhe.reset();
		fakes.jumdata.reset();
	});

	test('local reads a 数电 XML exactly, with the contract shape and no request anywhere', async () => {
		const run = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(Buffer.from(digitalInvoiceXml(special)), 'inv.xml', 'text/xml')] });
		expect(run.errors).toEqual([]);
		expect(run.success).toHaveLength(1);
		const invoice = run.success[0] as Json;
		expect(invoice).toMatchObject({
			vendor: 'local',
			invoiceType: 'digital_special',
			invoiceTypeName: '电子发票(增值税专用发票)',
			invoiceCode: null,
			invoiceNumber: special.number,
			issueDate: special.issueDate,
			redLetter: false,
			seller: { name: special.seller.name, taxId: special.seller.taxId },
			buyer: { name: special.buyer.name, taxId: special.buyer.taxId },
			amount: 1300,
			tax: 99,
			total: 1399,
			dedupeKey: special.number,
			source: { binaryProperty: 'data', fileName: 'inv.xml', entry: null, alsoIn: [] },
		});
		expect(invoice.items).toHaveLength(2);
		expect(invoice.items[1]).toMatchObject({ quantity: 2, unitPrice: 150, amount: 300, taxRate: 0.13, tax: 39 });
		expect(invoice.checks).toEqual({ passed: true, issues: [] });
		expect(invoice.fields).toBeUndefined();
		for (const vendor of ['juhe', 'xinhuo', 'jumdata'] as const) expect(ocrRequests(fakes, vendor)).toHaveLength(0);
	});

	test('Simplify off adds fields and the XML text as raw', async () => {
		const xml = digitalInvoiceXml(special);
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { simplify: false },
			items: [fileItem(Buffer.from(xml), 'inv.xml', 'text/xml')],
		});
		const invoice = run.success[0] as Json;
		expect(invoice.raw).toBe(xml);
		expect(Object.keys(invoice.fields).length).toBeGreaterThan(10);
	});

	test('the XML and OFD of one invoice give one item, read from the XML, the OFD in source.alsoIn', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: all,
			items: [files(ofdFile(), xmlFile())],
		});
		expect(run.errors).toEqual([]);
		expect(run.success).toHaveLength(1);
		expect((run.success[0] as Json).source).toEqual({
			binaryProperty: 'attachment_1',
			fileName: `${special.number}.xml`,
			mimeType: 'text/xml',
			entry: null,
			alsoIn: [{ binaryProperty: 'attachment_0', fileName: `${special.number}.ofd`, entry: null }],
		});
		expect(run.pairedItems).toEqual([{ item: 0 }]);
	});

	test('"Merge Copies of One Invoice" off keeps both copies, and the OFD reads the same values', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { ...all, options: { mergeCopies: false } },
			items: [files(xmlFile(), ofdFile())],
		});
		expect(run.success).toHaveLength(2);
		const [fromXml, fromOfd] = run.success as Json[];
		for (const key of ['invoiceType', 'invoiceNumber', 'issueDate', 'amount', 'tax', 'total', 'dedupeKey']) {
			expect([key, fromOfd[key]]).toEqual([key, fromXml[key]]);
		}
		// The tax platform's OFD tags only the parties' names and tax IDs (no address or bank).
		for (const party of ['buyer', 'seller']) {
			expect({ name: fromOfd[party].name, taxId: fromOfd[party].taxId }).toEqual({
				name: fromXml[party].name,
				taxId: fromXml[party].taxId,
			});
		}
		expect(fromOfd.items.map((line: Json) => line.name)).toEqual(fromXml.items.map((line: Json) => line.name));
	});

	test('Output Shape "one row per line item" gives flat rows, all paired to their item', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { ...all, options: { outputShape: 'flatLines' } },
			items: [files(xmlFile()), files(xmlFile(common))],
		});
		expect(run.success.map((row) => [row.invoiceNumber, row.lineNumber])).toEqual([
			[special.number, 1],
			[special.number, 2],
			[common.number, 1],
			[common.number, 2],
		]);
		expect(run.success.every((row) => Object.values(row).every((value) => typeof value !== 'object' || value === null))).toBe(true);
		expect(run.pairedItems).toEqual([{ item: 0 }, { item: 0 }, { item: 1 }, { item: 1 }]);
	});

	test('a ZIP bundle gives one item per invoice member with source.entry; other members are ignored', async () => {
		const zip = bundleZip([
			{ name: 'invoices/a.xml', data: digitalInvoiceXml(special) },
			{ name: 'invoices/readme.txt', data: 'downloaded from the tax platform' },
			{ name: 'invoices/b.ofd', data: digitalInvoiceOfd(common) },
		]);
		const run = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(zip, 'batch.zip', 'application/zip')] });
		expect(run.errors).toEqual([]);
		expect(run.success.map((invoice) => [(invoice as Json).invoiceNumber, (invoice as Json).source.entry])).toEqual([
			[special.number, 'invoices/a.xml'],
			[common.number, 'invoices/b.ofd'],
		]);
		expect(run.success.map((invoice) => (invoice as Json).invoiceType)).toEqual(['digital_special', 'digital_common']);
	});

	test('a bundle with no invoice in it is one NO_INVOICE_FOUND item', async () => {
		const zip = bundleZip([{ name: 'notes.txt', data: 'nothing here' }]);
		const run = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(zip, 'batch.zip', 'application/zip')] });
		expect(run.success).toEqual([]);
		expect(run.errors).toHaveLength(1);
		expect(run.errors[0].error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
	});

	test('a red-letter invoice comes out negative with redLetter true', async () => {
		const red = digitalInvoiceSpec({
			number: '25312000000555566667',
			redLetter: true,
			lines: [{ name: '*信息技术服务*软件维护服务', amount: -1000, taxRate: 0.06 }],
		});
		const run = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(Buffer.from(digitalInvoiceXml(red)), 'red.xml', 'text/xml')] });
		expect(run.success[0]).toMatchObject({ redLetter: true, amount: -1000, tax: -60, total: -1060 });
	});

	test('local refuses an image with UNSUPPORTED_FILE; a chain ["local", "xinhuo"] passes it on', async () => {
		const png = fileItem(samples.png(), 'photo.png', 'image/png');
		const alone = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [png] });
		expect(alone.errors[0].error).toMatchObject({ code: 'UNSUPPORTED_FILE', vendor: 'local' });
		const chain = await runOcr(fakes, ['local', 'xinhuo'], { typeVersion: 1.1, items: [png] });
		expect(chain.errors).toEqual([]);
		expect(chain.success.length).toBeGreaterThan(0);
		expect(chain.success.every((invoice) => (invoice as Json).vendor === 'xinhuo')).toBe(true);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(1);
	});

	test('local-first (1.1): with vendor Jumdata, XML and OFD are read locally and only the photo is sent', async () => {
		const item = files(xmlFile(), ofdFile(common), ['roll.png', samples.png({ layout: 'roll', width: 240, height: 520 }), 'image/png']);
		const run = await runOcr(fakes, 'jumdata', { typeVersion: 1.1, parameters: all, items: [item] });
		expect(run.errors).toEqual([]);
		expect(run.success.map((invoice) => (invoice as Json).vendor)).toEqual(['local', 'local', 'jumdata']);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
	});

	test('version 1 has no local-first: an OFD goes to Jumdata as before', async () => {
		const run = await runOcr(fakes, 'jumdata', { typeVersion: 1, items: [fileItem(digitalInvoiceOfd(special), 'a.ofd', 'application/ofd')] });
		expect(run.success.every((invoice) => (invoice as Json).vendor === 'jumdata')).toBe(true);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
	});

	test('"Read E-Invoice Files Locally First" off sends the OFD to the vendor', async () => {
		const run = await runOcr(fakes, 'jumdata', {
			typeVersion: 1.1,
			parameters: { options: { localFirst: false } },
			items: [fileItem(digitalInvoiceOfd(special), 'a.ofd', 'application/ofd')],
		});
		expect(run.success.every((invoice) => (invoice as Json).vendor === 'jumdata')).toBe(true);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(1);
	});

	test('a 数电 PDF is read locally; with its XML in the same mail the two are one item, read from the XML', async () => {
		const pdf = digitalInvoicePdf(special);
		const alone = await runOcr(fakes, 'local', { typeVersion: 1.1, items: [fileItem(pdf, 'inv.pdf', 'application/pdf')] });
		expect(alone.errors).toEqual([]);
		expect(alone.success[0]).toMatchObject({
			vendor: 'local',
			invoiceType: 'digital_special',
			invoiceNumber: special.number,
			total: 1399,
			location: { page: 1 },
		});
		const both = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: all,
			items: [files([`${special.number}.pdf`, pdf, 'application/pdf'], xmlFile())],
		});
		expect(both.success).toHaveLength(1);
		expect((both.success[0] as Json).source).toMatchObject({
			fileName: `${special.number}.xml`,
			alsoIn: [{ binaryProperty: 'attachment_0', fileName: `${special.number}.pdf`, entry: null }],
		});
	});

	test('a scanned and an encrypted PDF are passed on to Jumdata by the chain ["local", "jumdata"]', async () => {
		const scanned = textPdf([{ width: 595, height: 842, items: [], image: true }]);
		const encrypted = digitalInvoicePdf(special, { encrypt: true });
		const alone = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			items: [fileItem(scanned, 'scan.pdf', 'application/pdf'), fileItem(encrypted, 'locked.pdf', 'application/pdf')],
		});
		expect(alone.errors.map((item) => (item.error as Json).code)).toEqual(['UNSUPPORTED_FILE', 'UNSUPPORTED_FILE']);
		expect((alone.errors[0].error as Json).message).toMatch(/scan/i);
		expect((alone.errors[1].error as Json).message).toMatch(/encrypt/i);
		const chain = await runOcr(fakes, ['local', 'jumdata'], {
			typeVersion: 1.1,
			items: [fileItem(scanned, 'scan.pdf', 'application/pdf'), fileItem(encrypted, 'locked.pdf', 'application/pdf')],
		});
		expect(chain.errors).toEqual([]);
		expect(chain.success.map((invoice) => (invoice as Json).vendor)).toEqual(['jumdata', 'jumdata']);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(2);
	});

	test('hostile files in a batch fail one item each, fast, and the good item is still read', async () => {
		const bomb = zipBytes([{ name: 'OFD.xml', data: Buffer.alloc(200 * 1024 * 1024, 0x20), method: 'deflate' }]);
		const entities = '<?xml version="1.0"?><!DOCTYPE EInvoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><EInvoice>&b;</EInvoice>';
		const truncated = digitalInvoiceOfd(special).subarray(0, 3000);
		const items = [
			fileItem(bomb, 'bomb.ofd', 'application/ofd'),
			fileItem(Buffer.from(entities), 'entities.xml', 'text/xml'),
			fileItem(truncated, 'truncated.ofd', 'application/ofd'),
			fileItem(Buffer.from(digitalInvoiceXml(special)), 'good.xml', 'text/xml'),
		];
		const started = Date.now();
		const run = await runOcr(fakes, 'local', { typeVersion: 1.1, items });
		expect(Date.now() - started).toBeLessThan(5000);
		expect(run.success).toHaveLength(1);
		expect((run.success[0] as Json).invoiceNumber).toBe(special.number);
		expect(run.errors).toHaveLength(3);
		for (const failed of run.errors) {
			expect(Object.keys(failed)).toEqual(['error']);
			expect(failed.error).toMatchObject({ vendor: 'local' });
			expect(typeof (failed.error as Json).message).toBe('string');
		}
		expect(run.pairedItems).toEqual([{ item: 3 }, { item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describeWithSamples('the real e-invoice samples through the engine (../shared/samples)', () => {
	test.each(
		(['xml', 'ofd', 'pdf'] as const).flatMap((kind) => sampleNames(kind).map((name) => [kind, name])),
	)(
		'%s/%s gives invoices or a clear refusal, and never a request',
		async (kind, name) => {
			const run = await runOcr({} as AllFakes, 'local', {
				typeVersion: 1.1,
				items: [fileItem(sample(kind as 'xml' | 'ofd' | 'pdf', name), name, 'application/octet-stream')],
			});
			if (/not-an-invoice|jianzhizhang/.test(name)) {
				expect(run.success).toEqual([]);
				expect(['NO_INVOICE_FOUND', 'UNSUPPORTED_FILE']).toContain((run.errors[0].error as Json).code);
				return;
			}
			expect(run.errors).toEqual([]);
			expect(run.success.length).toBeGreaterThan(0);
			for (const invoice of run.success as Json[]) {
				expect(invoice.vendor).toBe('local');
				expect(invoice.invoiceNumber).toMatch(/^\d{8,20}$/);
				expect(invoice.issueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
				expect(typeof invoice.total).toBe('number');
				expect(invoice.dedupeKey).toEqual(expect.any(String));
			}
			const numberInName = /(\d{20})/.exec(name)?.[1];
			// The file names carry the 20-digit 数电 number, or the older invoices' code and number run together.
			const { invoiceCode, invoiceNumber } = run.success[0] as Json;
			if (numberInName) expect([invoiceNumber, `${invoiceCode}${invoiceNumber}`]).toContain(numberInName);
		},
	);
});
