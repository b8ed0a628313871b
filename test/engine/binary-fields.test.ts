/**
 * "Input Binary Field(s)" with several entries (contract, wave 3): each item is read from every
 * listed field it has, and fails INVALID_INPUT, naming its binary fields, only when it has none.
 * Runs Invoice OCR (vendor local: no request) through n8n's WorkflowExecute.
 */
import type { AllFakes } from '../fakes';
import type { InputItem } from '../harness/engine';
import { digitalInvoiceSpec, digitalInvoiceXml } from '../support/einvoiceFixtures';
import { runOcr, withFakes } from './support';

const special = digitalInvoiceSpec();
const common = digitalInvoiceSpec({ kind: 'common', number: '25312000000987654321', issueDate: '2025-07-02' });

/** An item whose binary fields hold these 数电 XML files, by field name. */
function itemWith(fields: Record<string, ReturnType<typeof digitalInvoiceSpec>>): InputItem {
	const binary: NonNullable<InputItem['binary']> = {};
	for (const [name, spec] of Object.entries(fields)) {
		binary[name] = { data: Buffer.from(digitalInvoiceXml(spec)), fileName: `${spec.number}.xml`, mimeType: 'text/xml' };
	}
	return { json: {}, binary };
}

const errorOf = (json: Record<string, unknown>) => json.error as Record<string, unknown>;
const sourceOf = (json: Record<string, unknown>) => json.source as { binaryProperty: string };

describe('binaryPropertyName with several entries', () => {
	let fakes: AllFakes;
	beforeAll(async () => {
		fakes = await withFakes();
	});
	afterAll(async () => {
		await fakes.closeAll();
	});

	test('"data, attachment_*": an item with only data and one with only attachment_0 both read; one with neither fails naming its fields', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { binaryPropertyName: 'data, attachment_*' },
			items: [itemWith({ data: special }), itemWith({ attachment_0: common }), itemWith({ file: special, other: common })],
		});
		expect(run.success.map((invoice) => [invoice.invoiceNumber, sourceOf(invoice).binaryProperty])).toEqual([
			[special.number, 'data'],
			[common.number, 'attachment_0'],
		]);
		expect(run.errors).toHaveLength(1);
		expect(errorOf(run.errors[0])).toMatchObject({ code: 'INVALID_INPUT' });
		const message = String(errorOf(run.errors[0]).message);
		expect(message).toContain('none of the binary fields "data", "attachment_*"');
		expect(message).toContain('It has: file, other.');
		expect(run.pairedItems).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('an item with every listed field reads each of them', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { binaryPropertyName: 'data, attachment_*' },
			items: [itemWith({ data: special, attachment_0: common })],
		});
		expect(run.errors).toEqual([]);
		expect(run.success.map((invoice) => sourceOf(invoice).binaryProperty).sort()).toEqual(['attachment_0', 'data']);
	});

	test('one name still fails an item without that field, naming it and what the item has', async () => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: 1.1,
			parameters: { binaryPropertyName: 'data' },
			items: [itemWith({ attachment_0: special }), { json: {} }],
		});
		expect(run.success).toEqual([]);
		expect(run.errors.map((error) => String(errorOf(error).message))).toEqual([
			expect.stringContaining('The item has no binary field "data". It has: attachment_0.'),
			expect.stringContaining('The item has no binary field "data". It has no binary data at all.'),
		]);
	});
});
