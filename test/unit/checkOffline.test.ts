import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { isFailedItem } from '../../nodes/shared/checks';
import { checkOffline } from '../../nodes/VerifyInvoice/verify';

/** Check Offline reads only its input items; nothing else of n8n's context is used. */
function runCheckOffline(items: INodeExecutionData[]): INodeExecutionData[] {
	return checkOffline.call({ getInputData: () => items } as unknown as IExecuteFunctions)[0];
}

const failedOcrItem = {
	error: {
		code: 'IMAGE_UNREADABLE',
		message: 'Juhe could not recognize the image (253302).',
		vendor: 'juhe',
		vendorCode: '253302',
		vendorMessage: '请求失败',
		retryable: true,
		requestId: null,
	},
};

describe('Check Offline', () => {
	test('a failed OCR item passes through unchanged: no checks, certainly no checks.passed', () => {
		const [output] = runCheckOffline([{ json: failedOcrItem }]);
		expect(output.json).toEqual(failedOcrItem);
		expect(Object.keys(output.json)).toEqual(['error']);
		expect(output.pairedItem).toEqual({ item: 0 });
	});

	test("a failed item with the input's fields added back (n8n's error output) is still a failed item", () => {
		const json = { subject: 'Invoice March', from: 'billing@example.com', ...failedOcrItem };
		expect(runCheckOffline([{ json }])[0].json).toEqual(json);
	});

	test('an invoice is checked, even one that carries an unrelated error key', () => {
		const [clean, flagged] = runCheckOffline([
			{ json: { invoiceType: 'vat_common', invoiceNumber: '33058151' } },
			{ json: { invoiceType: 'vat_common', invoiceNumber: '3305815', error: { note: 'kept' } } },
		]);
		expect(clean.json.checks).toEqual({ passed: true, issues: [] });
		expect(flagged.json.checks).toMatchObject({ passed: false, issues: [{ rule: 'number_format' }] });
	});

	test('isFailedItem tells failed items from invoices', () => {
		expect(isFailedItem(failedOcrItem)).toBe(true);
		expect(isFailedItem({ error: 'text, not an error object' })).toBe(false);
		expect(isFailedItem({ invoiceNumber: '33058151' })).toBe(false);
		expect(isFailedItem(null)).toBe(false);
	});
});
