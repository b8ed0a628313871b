/**
 * A node with no credential selected for a vendor, run through n8n's WorkflowExecute: n8n-core
 * itself would refuse the call ("Node does not have any credentials set"); the item fails as
 * AUTH_FAILED with a message naming the picker to fill, for every vendor, in a fallback chain
 * (whose other vendors still answer) and in Verify Invoice. The examples' "Fix Account" branch
 * routes on that code.
 */
import type { AllFakes, VendorName } from '../fakes';
import { VerifyInvoice } from '../../nodes/VerifyInvoice/VerifyInvoice.node';
import { runWorkflow } from '../harness/engine';
import { readFileSync, REPO_ROOT } from '../support/node';
import { CREDENTIAL_TYPE, credentialsFor, ocrRequests, pngItem, registryInvoice, withFakes } from './support';

const ALL: VendorName[] = ['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'];
/** Each vendor's credential picker as Invoice OCR labels it. */
const PICKER: Record<VendorName, string> = {
	juhe: 'Juhe Credential',
	volcengine: 'Volcengine (ByteDance) Credential',
	jumdata: 'Jumdata Credential',
	xinhuo: 'Xinhuo Credential',
	webank: 'WeBank Credential',
};

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	for (const vendor of ALL) fakes[vendor].reset();
	fakes.xinhuo.configure({ response: 'fake-roll-invoice' });
});

/** Invoice OCR with `vendor` (or a chain), credentials selected only for `withCredential`. */
async function runOcrWith(vendor: VendorName | VendorName[], withCredential: VendorName[]) {
	const result = await runWorkflow({
		node: {
			name: 'Invoice OCR',
			type: 'invoiceOcr',
			typeVersion: 1.1,
			parameters: {
				...(Array.isArray(vendor) ? { vendor: 'fallbackChain', vendors: vendor } : { vendor }),
				inputType: 'binary',
				binaryPropertyName: 'data',
				options: { maxRetries: 0, rateLimitWaitBudget: 0, requestsPerSecond: 100 },
			},
			credentials: Object.fromEntries(withCredential.map((name) => [CREDENTIAL_TYPE[name], { id: name, name }])),
			onError: 'continueErrorOutput',
		},
		items: [pngItem()],
		credentials: Object.assign({}, ...withCredential.map((name) => credentialsFor(fakes, name))),
	});
	const outputs = result.outputs['Invoice OCR'] ?? [];
	return {
		success: (outputs[0] ?? []).map((item) => item.json),
		errors: (outputs[1] ?? []).map((item) => item.json.error as Record<string, unknown>),
	};
}

describe('Invoice OCR without a credential', () => {
	test.each(ALL)('%s: AUTH_FAILED naming the picker, nothing sent', async (vendor) => {
		const { success, errors } = await runOcrWith(vendor, []);
		expect(success).toEqual([]);
		expect(errors).toEqual([
			expect.objectContaining({ code: 'AUTH_FAILED', vendor, retryable: false }),
		]);
		expect(errors[0].message).toContain(`credential is selected. Select or create one under "${PICKER[vendor]}"`);
		expect(errors[0].message).not.toMatch(/could not be made|does not have any credentials/);
		expect(ocrRequests(fakes, vendor)).toHaveLength(0);
	});

	test('without continue-on-fail the node stops with the same words and the code', async () => {
		const { run } = await runWorkflow({
			node: { name: 'Invoice OCR', type: 'invoiceOcr', typeVersion: 1.1, parameters: { vendor: 'juhe' } },
			items: [pngItem()],
		});
		const error = run.data.resultData.error as unknown as { message: string; description?: string };
		expect(error.message).toContain('No Juhe credential is selected');
		expect(error.description).toContain('AUTH_FAILED');
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(0);
	});
});

describe('a fallback chain with a vendor that has no credential', () => {
	test('the next vendor answers; the vendor without a credential is passed over', async () => {
		const { success, errors } = await runOcrWith(['xinhuo', 'juhe'], ['juhe']);
		expect(errors).toEqual([]);
		expect(success.map((invoice) => invoice.vendor)).toEqual(['juhe']);
		expect(ocrRequests(fakes, 'xinhuo')).toHaveLength(0);
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
	});

	test('the last vendor without a credential: AUTH_FAILED, naming what the vendors before said', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
		const { success, errors } = await runOcrWith(['juhe', 'xinhuo'], ['juhe']);
		expect(success).toEqual([]);
		expect(errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', vendor: 'xinhuo' })]);
		expect(errors[0].message).toContain('No Xinhuo credential is selected');
		expect(errors[0].message).toContain('"Xinhuo Credential"');
		expect(errors[0].message).toContain('Tried before: Juhe (QUOTA_EXCEEDED).');
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
	});

	test('no listed vendor has a credential: AUTH_FAILED for the last, the others named as not sent to', async () => {
		const { errors } = await runOcrWith(['volcengine', 'jumdata'], []);
		expect(errors).toEqual([expect.objectContaining({ code: 'AUTH_FAILED', vendor: 'jumdata' })]);
		expect(errors[0].message).toContain('Not sent to: Volcengine (ByteDance) (AUTH_FAILED).');
		expect(ocrRequests(fakes, 'volcengine')).toHaveLength(0);
		expect(ocrRequests(fakes, 'jumdata')).toHaveLength(0);
	});
});

test('Verify Invoice without a credential: AUTH_FAILED naming its picker, nothing sent', async () => {
	const result = await runWorkflow({
		node: {
			name: 'Verify Invoice',
			type: 'verifyInvoice',
			parameters: { operation: 'verify', vendor: 'webank', options: { maxRetries: 0 } },
			onError: 'continueErrorOutput',
		},
		items: [{ json: registryInvoice(fakes) }],
	});
	const [success, failed] = result.outputs['Verify Invoice'] ?? [];
	expect(success ?? []).toEqual([]);
	const error = failed?.[0]?.json.error as Record<string, unknown>;
	expect(error).toMatchObject({ code: 'AUTH_FAILED', vendor: 'webank', retryable: false });
	expect(error.message).toBe(
		'No WeBank credential is selected. Select or create one under "WeBank Credential" in the node\'s panel.',
	);
	expect(fakes.webank.requests.filter((request) => request.route === 'verify')).toHaveLength(0);
	// The picker the message names is the one the node shows.
	expect(new VerifyInvoice().description.credentials?.map((credential) => credential.displayName)).toEqual([
		'WeBank Credential',
	]);
});

/**
 * The examples route Invoice OCR's error output through a Switch whose "Fix Account" rule tests
 * `$json.error.code`: the failed item's code must be one that rule lists.
 */
test.each(['examples/invoice-ocr-demo.workflow.json', 'examples/mailbox-to-invoices.workflow.json'])(
	"%s: the Switch behind Invoice OCR's error output sends a missing credential to Fix Account",
	async (file) => {
		interface Condition { leftValue: string; rightValue: string; operator: { operation: string } }
		interface Rule { outputKey?: string; conditions: { combinator: string; conditions: Condition[] } }
		const workflow = JSON.parse(readFileSync(`${REPO_ROOT}/${file}`, 'utf8')) as {
			nodes: Array<{ name: string; type: string; parameters: { rules?: { values: Rule[] } } }>;
			connections: Record<string, { main: Array<Array<{ node: string }>> }>;
		};
		const ocr = workflow.nodes.find((node) => node.type.endsWith('.invoiceOcr'));
		const errorTarget = workflow.connections[ocr?.name ?? '']?.main[1]?.[0]?.node;
		const router = workflow.nodes.find((node) => node.name === errorTarget);
		const rule = router?.parameters.rules?.values.find((candidate) => candidate.outputKey === 'Fix Account');
		expect(rule?.conditions.combinator).toBe('or');
		const { errors } = await runOcrWith('juhe', []);
		const item = { error: errors[0] };
		const matches = (rule?.conditions.conditions ?? []).filter(
			(condition) =>
				condition.leftValue === '={{ $json.error.code }}' &&
				condition.operator.operation === 'equals' &&
				condition.rightValue === item.error.code,
		);
		expect(matches).toHaveLength(1);
	},
);
