/**
 * The e-invoice example workflows hold made-up invoices written by test/e2e/einvoice-workflows.js;
 * the committed files must be exactly what it writes (no hand edits, no drift from the fixtures).
 * Every example shows what a new node does (Invoice OCR version 1.1) and sends each invoice type to the
 * same branch; version 1 stays covered by the e2e's own workflows.
 */
import * as workflows from '../e2e/einvoice-workflows';
import * as examples from '../e2e/examples';
import * as qrWorkflows from '../e2e/qr-workflows';
import { toOutputInvoice } from '../../nodes/shared/normalize/output';
import { localAdapter } from '../../nodes/shared/vendors/local';
import { INVOICE_TYPES } from '../../nodes/shared/types';
import { REPO_ROOT, readFileSync } from '../support/node';

const generator = workflows as unknown as {
	LOCAL_DEMO_FILE: string;
	LOCAL_CHAIN_FILE: string;
	SPREADSHEET_FILE: string;
	DEDUPE_FILE: string;
	spreadsheetWorkflow(): unknown;
	localDemoWorkflow(): unknown;
	localChainWorkflow(): unknown;
	dedupeWorkflow(): unknown;
	render(workflow: unknown): string;
};

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
}
interface Workflow {
	nodes: WorkflowNode[];
}

const exampleFiles = examples as unknown as {
	exampleWorkflows(): Array<{ file: string; workflow: Workflow }>;
	invoiceTypeSwitches(workflow: Workflow): WorkflowNode[];
	invoiceTypeBranch(node: WorkflowNode, type: string): string | null;
};

const INVOICE_OCR = 'n8n-nodes-fapiao.invoiceOcr';

test.each([
	['examples/einvoice-local.workflow.json', generator.LOCAL_DEMO_FILE, generator.localDemoWorkflow],
	['test/e2e/workflows/local-chain.workflow.json', generator.LOCAL_CHAIN_FILE, generator.localChainWorkflow],
	['examples/einvoice-to-spreadsheet.workflow.json', generator.SPREADSHEET_FILE, generator.spreadsheetWorkflow],
	['examples/invoice-dedupe.workflow.json', generator.DEDUPE_FILE, generator.dedupeWorkflow],
])('%s is what its generator writes (node test/e2e/einvoice-workflows.js --write)', (_name, file, build) => {
	expect(readFileSync(file, 'utf8')).toBe(generator.render(build()));
});

const qrGenerator = qrWorkflows as unknown as {
	QR_PHOTO_FILE: string;
	PHOTO_PAYLOAD: string;
	qrPhotoWorkflow(): { nodes: Array<{ name: string; type: string; parameters: Record<string, unknown> }> };
	render(workflow: unknown): string;
};

describe('examples/qr-photo-verify.workflow.json', () => {
	test('is what its generator writes (node test/e2e/qr-workflows.js --write)', () => {
		expect(readFileSync(qrGenerator.QR_PHOTO_FILE, 'utf8')).toBe(qrGenerator.render(qrGenerator.qrPhotoWorkflow()));
	});

	test("its photo gives the payload's key fields through vendor local, ready for Verify Invoice", () => {
		const workflow = JSON.parse(readFileSync(qrGenerator.QR_PHOTO_FILE, 'utf8')) as ReturnType<typeof qrGenerator.qrPhotoWorkflow>;
		const code = String(workflow.nodes.find((node) => node.name === 'Invoice Photo')?.parameters.jsCode);
		const base64 = /"data":"([A-Za-z0-9+/=]+)"/.exec(code)?.[1];
		expect(base64).toBeDefined();
		const outcome = localAdapter.read({ bytes: Buffer.from(base64 as string, 'base64'), format: 'png', fileName: 'invoice-qr.png' });
		if (!outcome.ok) throw new Error(outcome.error.message);
		const json = toOutputInvoice(outcome.invoices[0], { vendor: 'local', source: null, simplify: true });
		expect(json).toMatchObject({ readFrom: 'qr', invoiceType: 'vat_electronic_common', invoiceCode: '044031900104', invoiceNumber: '19283746', amount: 1000 });
		expect(json.qr?.text).toBe(qrGenerator.PHOTO_PAYLOAD);
		const ocr = workflow.nodes.find((node) => node.type === INVOICE_OCR);
		expect(ocr?.parameters.vendor).toBe('local');
		expect(workflow.nodes.some((node) => node.type === 'n8n-nodes-fapiao.verifyInvoice')).toBe(true);
	});
});

describe('example workflows', () => {
	const all = exampleFiles.exampleWorkflows();

	test('every Invoice OCR node of an example is version 1.1 (local first, copies merged, non-invoices skipped)', () => {
		const ocrNodes = all.flatMap(({ file, workflow }) =>
			workflow.nodes.filter((node) => node.type === INVOICE_OCR).map((node) => [file, node.name, node.typeVersion]),
		);
		expect(ocrNodes.length).toBeGreaterThanOrEqual(5);
		expect(ocrNodes.filter(([, , version]) => version !== 1.1)).toEqual([]);
	});

	test('version 1 stays covered: the e2e runs the demo as saved with version 1', () => {
		const v1 = JSON.parse(
			readFileSync(`${REPO_ROOT}/test/e2e/workflows/invoice-ocr-demo-v1.workflow.json`, 'utf8'),
		) as Workflow;
		const demo = JSON.parse(readFileSync(`${REPO_ROOT}/examples/invoice-ocr-demo.workflow.json`, 'utf8')) as Workflow;
		const ocr = (workflow: Workflow) => workflow.nodes.find((node) => node.type === INVOICE_OCR)!;
		expect(ocr(v1).typeVersion).toBe(1);
		// The same workflow otherwise: only the node version differs.
		expect({ ...v1, id: null, name: null, nodes: v1.nodes.map((node) => ({ ...node, typeVersion: 0 })) }).toEqual({
			...demo,
			id: null,
			name: null,
			nodes: demo.nodes.map((node) => ({ ...node, typeVersion: 0 })),
		});
	});

	test('each invoice type, digital_common included, goes to the same-named branch in every example', () => {
		const routed = all.flatMap(({ file, workflow }) =>
			exampleFiles.invoiceTypeSwitches(workflow).map((node) => ({ file, node })),
		);
		// The demo, the mailbox and the local e-invoice examples route by type.
		expect(routed.map(({ file }) => file).sort()).toEqual(
			expect.arrayContaining(['einvoice-local.workflow.json', 'invoice-ocr-demo.workflow.json', 'mailbox-to-invoices.workflow.json']),
		);
		const differing: string[] = [];
		for (const type of INVOICE_TYPES) {
			const branches = routed.map(({ file, node }) => `${file}: ${exampleFiles.invoiceTypeBranch(node, type)}`);
			const names = new Set(branches.map((entry) => entry.split(': ')[1]));
			if (names.size > 1) differing.push(`${type} → ${branches.join(', ')}`);
		}
		expect(differing).toEqual([]);
		for (const { node } of routed) expect(exampleFiles.invoiceTypeBranch(node, 'digital_common')).toBe('VAT Expenses');
	});

	test('the branch reader reads rules, the fallback and a dropped item (a Switch it can be wrong about fails)', () => {
		const rule = (types: string[], outputKey: string) => ({
			conditions: {
				conditions: types.map((type) => ({
					leftValue: '={{ $json.invoiceType }}',
					rightValue: type,
					operator: { type: 'string', operation: 'equals' },
				})),
				combinator: 'or',
			},
			renameOutput: true,
			outputKey,
		});
		const node = (options: Record<string, unknown>, rules = [rule(['vat_special'], 'Deductible'), rule(['digital_common', 'vat_common'], 'Expenses')]) =>
			({ name: 'Route', type: 'n8n-nodes-base.switch', typeVersion: 3.2, parameters: { rules: { values: rules }, options } });
		expect(exampleFiles.invoiceTypeBranch(node({}), 'vat_common')).toBe('Expenses');
		expect(exampleFiles.invoiceTypeBranch(node({ fallbackOutput: 'extra', renameFallbackOutput: 'Other' }), 'taxi')).toBe('Other');
		expect(exampleFiles.invoiceTypeBranch(node({ fallbackOutput: 0 }), 'taxi')).toBe('Deductible');
		expect(exampleFiles.invoiceTypeBranch(node({}), 'taxi')).toBeNull();
		const contains = rule(['digital'], 'Digital');
		contains.conditions.conditions[0].operator.operation = 'contains';
		expect(() => exampleFiles.invoiceTypeBranch(node({}, [contains]), 'digital_common')).toThrow(/does not read/);
	});
});
