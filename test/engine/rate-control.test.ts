/**
 * Adaptive rate control through n8n's WorkflowExecute against the fakes, with caps nobody told the
 * node: default options learn them and lose nothing, two executions on one credential too; a number
 * is a hard ceiling at the vendor; a rate limit waits within the wait budget, never using up Max Retries; Verify Invoice
 * uses the same control.
 */
import { forgetLearnedRates } from '../../nodes/shared/execution/rateControl';
import type { AllFakes } from '../fakes';
import type { InputItem } from '../harness/engine';
import { busiestSecond } from '../support/busiestSecond';
import { fileItem, ocrRequests, registryInvoice, runOcr, runVerify, samples, withFakes } from './support';

let fakes: AllFakes;
beforeAll(async () => {
	fakes = await withFakes();
});
afterAll(async () => fakes.closeAll());
beforeEach(() => {
	fakes.juhe.reset();
	fakes.webank.reset();
	// Each test is another vendor account: nothing learned carries over between them.
	forgetLearnedRates();
});

const PNG = samples.png();
const files = (count: number): InputItem[] =>
	Array.from({ length: count }, () => fileItem(PNG, 'invoice.png', 'image/png'));

/** The most requests the fake accepted within any one second. */
function busiestAcceptedSecond(): number {
	return busiestSecond(
		ocrRequests(fakes, 'juhe')
			.filter((request) => request.answeredBy !== 'rateLimit')
			.map((request) => request.at),
	);
}

/** Default options except what the test sets (the support helper turns retries off). */
const DEFAULTS = { maxRetries: 2, rateLimitWaitBudget: 300 };

describe('Requests per Second 0 (auto, the default) learns a cap nobody told the node', () => {
	test('capped at 4/s, below the vendor default of 10: every file recognized, none failed', async () => {
		fakes.juhe.configure({ qpsCap: 4, latencyMs: 50 });
		const { success, errors, pairedItems } = await runOcr(fakes, 'juhe', {
			items: files(24),
			parameters: { options: DEFAULTS },
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(24);
		expect(new Set(pairedItems.map((paired) => (paired as { item: number }).item)).size).toBe(24);
		const requests = ocrRequests(fakes, 'juhe');
		// It learned from the vendor's answers: some were rate limits, and those were asked again.
		expect(requests.some((request) => request.answeredBy === 'rateLimit')).toBe(true);
		expect(requests.filter((request) => request.answeredBy === 'rateLimit').length).toBeLessThanOrEqual(8);
	});

	test('capped at 25/s, above the default: every file recognized, faster than 10/s could be', async () => {
		fakes.juhe.configure({ qpsCap: 25, latencyMs: 100 });
		const started = Date.now();
		const { success, errors } = await runOcr(fakes, 'juhe', { items: files(120), parameters: { options: DEFAULTS } });
		const seconds = (Date.now() - started) / 1000;
		expect(errors).toEqual([]);
		expect(success).toHaveLength(120);
		// 120 files at the default 10/s take 12 s; the learned rate is higher.
		expect(seconds).toBeLessThan(10);
	});

	// The fake refuses what its cap does not allow, so its log cannot show whether the two shared one limiter: the
	// simulated-clock tests (test/unit/rateControl.test.ts, "one account shared") do.
	test('two executions at once with one credential: nothing lost', async () => {
		fakes.juhe.configure({ qpsCap: 6, latencyMs: 50 });
		const [first, second] = await Promise.all([
			runOcr(fakes, 'juhe', { items: files(15), parameters: { options: DEFAULTS } }),
			runOcr(fakes, 'juhe', { items: files(15), parameters: { options: DEFAULTS } }),
		]);
		for (const run of [first, second]) {
			expect(run.errors).toEqual([]);
			expect(run.success).toHaveLength(15);
		}
	});
});

describe('a number is a hard ceiling', () => {
	test('Requests per Second 3 is never exceeded, though the vendor would allow more', async () => {
		fakes.juhe.configure({ latencyMs: 20 });
		const { success, errors } = await runOcr(fakes, 'juhe', {
			items: files(9),
			parameters: { options: { ...DEFAULTS, requestsPerSecond: 3 } },
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(9);
		expect(busiestAcceptedSecond()).toBeLessThanOrEqual(3);
	});
});

describe('a rate-limited request is not a failed item while the execution can wait', () => {
	test('it waits its turn and is asked again, without using up Max Retries (0 here)', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10011, times: 3 } });
		const { success, errors } = await runOcr(fakes, 'juhe', {
			items: files(2),
			parameters: { options: { maxRetries: 0, rateLimitWaitBudget: 60 } },
		});
		expect(errors).toEqual([]);
		expect(success).toHaveLength(2);
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(5);
	});

	test('past the wait budget it fails as RATE_LIMITED, saying so', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10011 } });
		const started = Date.now();
		const { success, errors } = await runOcr(fakes, 'juhe', {
			items: files(1),
			parameters: { options: { maxRetries: 2, rateLimitWaitBudget: 2 } },
		});
		const seconds = (Date.now() - started) / 1000;
		expect(success).toEqual([]);
		expect(errors).toHaveLength(1);
		expect(errors[0].error).toMatchObject({ code: 'RATE_LIMITED', vendor: 'juhe', vendorCode: '10011', retryable: true });
		expect(String((errors[0].error as { message: string }).message)).toContain('Rate-Limit Wait Budget (2 s)');
		// It gave up once another turn could not come within the budget, not later.
		expect(seconds).toBeLessThan(4);
		expect(ocrRequests(fakes, 'juhe').length).toBeGreaterThan(1);
	});

	test('quota answers stay final at once: one request, no waiting', async () => {
		fakes.juhe.configure({ failWith: { vendorCode: 10012 } });
		const { errors } = await runOcr(fakes, 'juhe', { items: files(1), parameters: { options: DEFAULTS } });
		expect(errors[0].error).toMatchObject({ code: 'QUOTA_EXCEEDED' });
		expect(ocrRequests(fakes, 'juhe')).toHaveLength(1);
	});
});

describe('Verify Invoice uses the same control', () => {
	test('an account capped at 1/s: every invoice verified, none failed, Max Retries 0', async () => {
		fakes.webank.configure({ qpsCap: 1 });
		const invoices = ['VAT_special_invoice', 'VAT_invoice', 'VAT_e-invoice'].map((name) =>
			registryInvoice(fakes, name),
		);
		const { success, errors } = await runVerify(fakes, invoices);
		expect(errors).toEqual([]);
		expect(success.map((json) => (json.verification as { status: string }).status)).toEqual([
			'MATCH',
			'MATCH',
			'MATCH',
		]);
		const verifyRequests = fakes.webank.requests.filter((request) => request.route === 'verify');
		expect(verifyRequests.some((request) => request.answeredBy === 'rateLimit')).toBe(true);
	});
});
