import { FAKE_CREDENTIALS, startFake } from '../fakes';
import type { FakeHandle } from '../fakes';
import { runWorkflow } from '../harness/engine';
import { png } from '../fakes/samples';

let juhe: FakeHandle;
beforeAll(async () => {
	juhe = await startFake('juhe');
});
afterAll(async () => juhe.close());

test('smoke', async () => {
	const result = await runWorkflow({
		node: {
			type: 'invoiceOcr',
			parameters: { vendor: 'juhe', inputType: 'binary', binaryPropertyName: 'data' },
			credentials: { juheApi: { id: '1', name: 'Juhe' } },
		},
		items: [{ json: {}, binary: { data: { data: png(), fileName: 'a.png', mimeType: 'image/png' } } }],
		credentials: { juheApi: { ...FAKE_CREDENTIALS.juhe, baseUrl: juhe.url } },
	});
	expect(result.run.data.resultData.error).toBeUndefined();
	expect(result.outputs.Node[0][0].json).toMatchObject({ vendor: 'juhe', invoiceType: 'vat_roll' });
	expect(JSON.stringify(result.outputs.Node[0][0].json)).toContain('2019-07-14');
});
