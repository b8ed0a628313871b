/**
 * The e-invoice example workflows hold made-up invoices written by test/e2e/einvoice-workflows.js;
 * the committed files must be exactly what it writes (no hand edits, no drift from the fixtures).
 */
import * as workflows from '../e2e/einvoice-workflows';
import { readFileSync } from '../support/node';

const generator = workflows as unknown as {
	LOCAL_DEMO_FILE: string;
	LOCAL_CHAIN_FILE: string;
	SPREADSHEET_FILE: string;
	spreadsheetWorkflow(): unknown;
	localDemoWorkflow(): unknown;
	localChainWorkflow(): unknown;
	render(workflow: unknown): string;
};

test.each([
	['examples/einvoice-local.workflow.json', generator.LOCAL_DEMO_FILE, generator.localDemoWorkflow],
	['test/e2e/workflows/local-chain.workflow.json', generator.LOCAL_CHAIN_FILE, generator.localChainWorkflow],
	['examples/einvoice-to-spreadsheet.workflow.json', generator.SPREADSHEET_FILE, generator.spreadsheetWorkflow],
])('%s is what its generator writes (node test/e2e/einvoice-workflows.js --write)', (_name, file, build) => {
	expect(readFileSync(file, 'utf8')).toBe(generator.render(build()));
});
