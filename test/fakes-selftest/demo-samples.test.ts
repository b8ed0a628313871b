/**
 * The demo samples (examples/samples/) get their own answers: every vendor that takes a sample's
 * format answers from that sample's fixture (never the doc example), and what Invoice OCR makes of
 * the answer is what the file says it shows (the invoices embedded beside its marker, whose number,
 * date and total the pictures print). Which invoices a vendor returns follows what it reads:
 * Juhe and Volcengine roll invoices only, Jumdata one invoice of the kind asked for, Xinhuo and
 * WeBank every invoice of an image.
 */
import { findSampleInvoices, inspectFile, samples } from '../fakes';
import type { AllFakes, VendorName } from '../fakes';
import { fileItem, runOcr, withFakes } from '../engine/support';
import { REPO_ROOT, readFileSync } from '../support/node';

import * as demoFixtures from '../fakes/demo-fixtures';

const generator = demoFixtures as unknown as {
	demoFixtures(): Array<[string, string, unknown]>;
	render(body: unknown): string;
};

interface Shown {
	invoiceType: string;
	invoiceCode: string | null;
	invoiceNumber: string;
	issueDate: string;
	seller: { name: string; taxId: string | null };
	buyer: { name: string };
	amount: number | null;
	tax: number | null;
	total: number;
}

/** The formats each vendor takes (CONTRACT.md, "Limits per vendor"). */
const FORMATS: Record<VendorName, string[]> = {
	juhe: ['png', 'jpeg'],
	volcengine: ['jpeg', 'png', 'bmp'],
	jumdata: ['jpeg', 'png', 'bmp', 'pdf', 'ofd'],
	xinhuo: ['jpeg', 'png', 'bmp', 'tiff'],
	webank: ['jpeg', 'png', 'bmp'],
};
const MIME: Record<string, string> = {
	png: 'image/png',
	jpeg: 'image/jpeg',
	pdf: 'application/pdf',
	ofd: 'application/ofd',
};

type Reading = { vendor: VendorName; roll?: boolean };
const READINGS: Reading[] = [
	{ vendor: 'juhe' },
	{ vendor: 'volcengine' },
	{ vendor: 'jumdata' },
	{ vendor: 'jumdata', roll: true },
	{ vendor: 'xinhuo' },
	{ vendor: 'webank' },
];

/** What the vendor finds on a file showing `shown`: invoices, or the error code it answers. */
function expected({ vendor, roll }: Reading, shown: Shown[]): Shown[] | string {
	const rolls = shown.filter((invoice) => invoice.invoiceType === 'vat_roll');
	if (vendor === 'xinhuo' || vendor === 'webank') return shown;
	if (vendor === 'juhe') return rolls.length ? rolls.slice(0, 1) : 'IMAGE_UNREADABLE';
	if (vendor === 'volcengine') return rolls.length ? rolls.slice(0, 1) : 'NO_INVOICE_FOUND';
	const kind = roll ? rolls : shown.filter((invoice) => invoice.invoiceType !== 'vat_roll');
	return kind.length ? kind.slice(0, 1) : 'NO_INVOICE_FOUND';
}

const files = samples.EXAMPLE_SAMPLES.map(({ file }) => {
	const bytes = readFileSync(`${REPO_ROOT}/examples/samples/${file}`);
	const info = inspectFile(bytes);
	return { file, bytes, format: info.format ?? 'unknown', marker: info.marker, shown: findSampleInvoices(bytes) };
});
const invoiceFiles = files.filter((sample) => sample.shown !== null);

const cases = invoiceFiles.flatMap((sample) =>
	READINGS.filter(({ vendor }) => FORMATS[vendor].includes(sample.format)).map(
		(reading) => [`${sample.file} → ${reading.vendor}${reading.roll ? ' (roll)' : ''}`, sample, reading] as const,
	),
);

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());

describe('demo samples', () => {
	test('the committed samples are what test/fakes/samples.js builds (node test/fakes/samples.js)', () => {
		for (const sample of samples.EXAMPLE_SAMPLES) {
			expect({ file: sample.file, same: sample.build().equals(files.find((f) => f.file === sample.file)!.bytes) }).toEqual({
				file: sample.file,
				same: true,
			});
		}
	});

	test('the committed demo fixtures are what test/fakes/demo-fixtures.js writes', () => {
		for (const [vendor, name, body] of generator.demoFixtures()) {
			const file = `${REPO_ROOT}/test/fixtures/vendors/${vendor}/${name}.json`;
			expect({ file: `${vendor}/${name}`, text: readFileSync(file, 'utf8') }).toEqual({
				file: `${vendor}/${name}`,
				text: generator.render(body),
			});
		}
	});

	test('every sample with invoices says what it shows, and every vendor format is covered', () => {
		expect(invoiceFiles.map((sample) => sample.file).sort()).toEqual(
			['invoice.ofd', 'invoice.pdf', 'multi-invoice.png', 'roll-invoice.jpg', 'vat-invoice.png', 'vat-roll-juhe.png'],
		);
		// A vendor that takes none of the demo files would be untested here.
		for (const vendor of Object.keys(FORMATS)) expect(cases.some(([, , r]) => r.vendor === vendor)).toBe(true);
	});

	test('the demo workflow sends exactly the committed samples', () => {
		const workflow = JSON.parse(readFileSync(`${REPO_ROOT}/examples/invoice-ocr-demo.workflow.json`, 'utf8'));
		const code: string = workflow.nodes.find((node: { type: string }) => node.type === 'n8n-nodes-base.code')
			.parameters.jsCode;
		const embedded = [...code.matchAll(/fileName: '([^']+)'[^}]*base64: '([^']+)'/g)];
		expect(embedded.length).toBeGreaterThan(0);
		for (const [, fileName, base64] of embedded) {
			const committed = files.find((sample) => sample.file === fileName);
			expect({ fileName, same: committed?.bytes.equals(Buffer.from(base64, 'base64')) }).toEqual({ fileName, same: true });
		}
	});

	test.each(cases)('%s: its own fixture, and the invoices the file shows', async (_name, sample, reading) => {
		const { vendor, roll } = reading;
		fakes[vendor].reset();
		const { success, errors } = await runOcr(fakes, vendor, {
			items: [fileItem(sample.bytes, sample.file, MIME[sample.format])],
			parameters: roll ? { jumdataInvoiceKind: 'roll' } : {},
		});
		const [request] = fakes[vendor].requests.filter((entry) => entry.route === 'ocr');
		expect(request.fixture).toBe(roll ? `${sample.marker}--roll` : sample.marker);

		const want = expected(reading, sample.shown as unknown as Shown[]);
		if (typeof want === 'string') {
			expect(success).toEqual([]);
			expect(errors.map((item) => (item.error as { code: string }).code)).toEqual([want]);
			return;
		}
		expect(errors).toEqual([]);
		const got = success.map((invoice) => ({
			invoiceType: invoice.invoiceType,
			invoiceCode: invoice.invoiceCode,
			invoiceNumber: invoice.invoiceNumber,
			issueDate: invoice.issueDate,
			seller: { name: (invoice.seller as Shown['seller']).name, taxId: (invoice.seller as Shown['seller']).taxId },
			buyer: (invoice.buyer as { name: string }).name,
			amount: invoice.amount,
			tax: invoice.tax,
			total: invoice.total,
			checks: invoice.checks,
		}));
		expect(got).toEqual(
			want.map((invoice) => ({
				invoiceType: invoice.invoiceType,
				invoiceCode: invoice.invoiceCode,
				invoiceNumber: invoice.invoiceNumber,
				issueDate: invoice.issueDate,
				seller: invoice.seller,
				buyer: invoice.buyer.name,
				amount: invoice.amount,
				tax: invoice.tax,
				total: invoice.total,
				// Made-up but consistent: the offline checks find nothing to flag.
				checks: { passed: true, issues: [] },
			})),
		);
	});
});
