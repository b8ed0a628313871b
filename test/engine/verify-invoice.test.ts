/**
 * Verify Invoice through WorkflowExecute against the WeBank fake's little verification registry,
 * and Check Offline with no credential at all.
 */
import { clients } from '../fakes';
import type { AllFakes } from '../fakes';
import { parseVerificationResponse } from '../../nodes/shared/vendors/webank/verify';
import { runWorkflow } from '../harness/engine';
import { registryInvoice, runVerify, withFakes } from './support';

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => fakes.webank.reset());

const verifyRequests = () => fakes.webank.requests.filter((request) => request.route === 'verify');

const verify = async (items: Array<Record<string, unknown>>, parameters: Record<string, unknown> = {}) =>
	await runVerify(fakes, items, parameters);

/** A genuine invoice from the fake's registry, as Invoice OCR would have output it. */
const genuine = (name?: string) => registryInvoice(fakes, name);

describe('verification result codes', () => {
	test('0 → MATCH for an invoice the tax system holds (input json kept)', async () => {
		const { success, errors } = await verify([{ ...genuine(), note: 'kept' }]);
		expect(errors).toEqual([]);
		expect(success[0]).toMatchObject({ note: 'kept', verification: { verified: true, status: 'MATCH', vendor: 'webank', vendorCode: '0' } });
		const body = verifyRequests()[0].body as { invoice: Record<string, string> };
		expect(body.invoice.invoice_date).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
	});

	test('20 → MISMATCH when a detail differs', async () => {
		const { success } = await verify([{ ...genuine(), checkCode: '00000000000000999999' }]);
		expect(success[0]).toMatchObject({ verification: { verified: false, status: 'MISMATCH', vendorCode: '20' } });
	});

	test('21 → NOT_FOUND for an unknown invoice', async () => {
		const { success } = await verify([{ ...genuine(), invoiceNumber: '99999999' }]);
		expect(success[0]).toMatchObject({ verification: { status: 'NOT_FOUND', vendorCode: '21' } });
	});

	test('12 → DAILY_LIMIT after five verifications of one invoice in a day', async () => {
		const { success } = await verify(Array.from({ length: 6 }, () => genuine()));
		expect(success.map((item) => (item.verification as { status: string }).status)).toEqual([
			'MATCH', 'MATCH', 'MATCH', 'MATCH', 'MATCH', 'DAILY_LIMIT',
		]);
	});

	test('30 → INVALID_REQUEST when the service finds the details malformed', async () => {
		const { success } = await verify([{ ...genuine(), invoiceCode: '0000000000AB' }]);
		expect(success[0]).toMatchObject({ verification: { status: 'INVALID_REQUEST', vendorCode: '30' } });
	});

	test('a VAT special invoice is verified by its pre-tax amount, without check code', async () => {
		const { success } = await verify([genuine('VAT_special_invoice')]);
		expect(success[0]).toMatchObject({ verification: { status: 'MATCH' } });
		const body = verifyRequests()[0].body as { invoice: Record<string, string> };
		expect(body.invoice).toMatchObject({ name: 'VAT_special_invoice', total_amount: expect.any(String) });
		expect(body.invoice).not.toHaveProperty('check_code');
	});

	test('fields set on the node override the incoming invoice', async () => {
		const { success } = await verify([{ ...genuine(), invoiceNumber: '00000001' }], {
			overrides: { invoiceNumber: String(genuine().invoiceNumber) },
		});
		expect(success[0]).toMatchObject({ invoiceNumber: '00000001', verification: { status: 'MATCH' } });
	});
});

describe('Invoice Fields overrides as the editor adds them', () => {
	test('an added but empty Amount and Invoice Type change nothing: the item\'s values are used', async () => {
		// Adding a field in the editor inserts its default: '' for both (not 0.00 and vat_common).
		const taxi = { invoiceType: 'taxi', invoiceNumber: '12345678', issueDate: '2026-11-01', total: 23 };
		const { success, errors } = await verify([genuine('VAT_special_invoice'), taxi], {
			overrides: { amount: '', invoiceType: '' },
		});
		expect(errors).toEqual([]);
		expect(success.map((item) => (item.verification as { status: string }).status)).toEqual(['MATCH', 'UNSUPPORTED_TYPE']);
		expect(verifyRequests()).toHaveLength(1);
	});

	test('a filled Amount is sent for the item', async () => {
		await verify([genuine('VAT_special_invoice')], { overrides: { amount: '1.00' } });
		expect((verifyRequests()[0].body as { invoice: Record<string, string> }).invoice.total_amount).toBe('1.00');
	});
});

describe('answered locally, no request sent', () => {
	test('a type WeBank does not verify → UNSUPPORTED_TYPE', async () => {
		const { success } = await verify([{ invoiceType: 'train_ticket', invoiceNumber: 'D23402', issueDate: '2026-11-01' }]);
		expect(success[0]).toMatchObject({ verification: { verified: false, status: 'UNSUPPORTED_TYPE', vendorCode: null } });
		expect(verifyRequests()).toHaveLength(0);
	});

	test('an invoice issued more than a year ago → TOO_OLD', async () => {
		const { success } = await verify([{ ...genuine(), issueDate: '2020-01-10' }]);
		expect(success[0]).toMatchObject({ verification: { status: 'TOO_OLD', vendorCode: null } });
		expect(verifyRequests()).toHaveLength(0);
	});

	test('a missing invoice number fails the item clearly, no request', async () => {
		const { errors } = await verify([{ invoiceType: 'vat_common', invoiceCode: '044031900211', issueDate: '2026-10-01' }]);
		// n8n merges the input json back into items on the error output.
		expect(errors[0]).toMatchObject({ invoiceCode: '044031900211', error: { code: 'INVALID_INPUT' } });
		expect((errors[0].error as { message: string }).message).toMatch(/number/i);
		expect(verifyRequests()).toHaveLength(0);
	});
});

test('the service failing is a failed item, retryable', async () => {
	fakes.webank.configure({ fault: 'http500' });
	const { errors } = await verify([genuine()]);
	expect(errors[0]).toMatchObject({ error: { code: 'VENDOR_UNAVAILABLE', retryable: true, vendor: 'webank' } });
	fakes.webank.configure({ fault: null });
});

test('Check Offline needs no credential and adds checks', async () => {
	const result = await runWorkflow({
		node: { name: 'Verify Invoice', type: 'verifyInvoice', parameters: { operation: 'checkOffline' } },
		items: [
			{ json: { invoiceType: 'vat_common', total: 1010.5, totalInWords: '壹仟零壹拾圆伍角整', amount: 1000, tax: 10.5 } },
			{ json: { invoiceType: 'vat_common', total: 110, totalInWords: '壹佰圆整', amount: 100, tax: 10 } },
		],
	});
	const [good, bad] = result.outputs['Verify Invoice'][0].map((item) => item.json);
	expect(good.checks).toEqual({ passed: true, issues: [] });
	expect(bad).toMatchObject({ total: 110, checks: { passed: false } });
	expect((bad.checks as { issues: Array<{ rule: string }> }).issues.map((issue) => issue.rule)).toContain('total_in_words');
});

describe('codes the node answers locally are mapped the same when the service answers them', () => {
	// The node never asks WeBank about these (it knows the answer), so send the raw request to the
	// fake and read its real answer with the package's parser.
	async function askFake(invoice: Record<string, unknown>) {
		const call = clients.webankVerifyRequest(fakes.webank.url, { invoice, requestId: 'direct' });
		const response = await fetch(call.url, call.init);
		return parseVerificationResponse({
			statusCode: response.status,
			body: await response.json(),
			headers: {},
		});
	}

	test('10 → UNSUPPORTED_TYPE', async () => {
		const entry = fakes.webank.verifyRegistry[0];
		const outcome = await askFake({ ...entry.invoice, name: 'flight_itinerary' });
		expect(outcome).toMatchObject({ ok: true, verification: { status: 'UNSUPPORTED_TYPE', vendorCode: '10', verified: false } });
	});

	test('11 → TOO_OLD', async () => {
		const entry = fakes.webank.verifyRegistry[0];
		const outcome = await askFake({ ...entry.invoice, name: entry.name, invoice_date: '2018年11月11日' });
		expect(outcome).toMatchObject({ ok: true, verification: { status: 'TOO_OLD', vendorCode: '11', verified: false } });
	});
});
