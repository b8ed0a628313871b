/**
 * Numeric options arrive from expressions as anything: empty and (where documented) 0 mean the
 * default, nonsense is refused with a message naming the option and the value.
 */
import { InvoiceFailure } from '../../nodes/shared/errors';
import {
	callOptions,
	MAX_RETRIES,
	numberOption,
	pacingOptions,
	PDF_PAGE,
	TIMEOUT_SECONDS,
} from '../../nodes/shared/execution/options';

function refusal(run: () => unknown): InvoiceFailure {
	let thrown: unknown;
	try {
		run();
	} catch (error) {
		thrown = error;
	}
	if (!(thrown instanceof InvoiceFailure)) throw new Error(`expected the option to be refused, got ${String(thrown)}`);
	return thrown;
}

describe('defaults', () => {
	test('absent, null and empty options take the defaults: 2 retries, 30 s, page 1, vendor pacing (0)', () => {
		for (const options of [{}, { maxRetries: null, timeout: null }, { maxRetries: '', timeout: ' ', page: '' }]) {
			expect(callOptions(options)).toEqual({ maxRetries: 2, timeoutMs: 30_000 });
			expect(numberOption(options, PDF_PAGE)).toBe(1);
			expect(pacingOptions(options)).toEqual({ requestsPerSecond: 0, concurrency: 0, rateLimitWaitBudgetSeconds: 300 });
		}
	});

	test('0 means the default where documented: Timeout 30 s (not 1 s), page 1, vendor pacing', () => {
		expect(callOptions({ timeout: 0 }).timeoutMs).toBe(30_000);
		expect(numberOption({ page: 0 }, PDF_PAGE)).toBe(1);
		expect(pacingOptions({ requestsPerSecond: 0, concurrency: 0 })).toMatchObject({ requestsPerSecond: 0, concurrency: 0 });
	});

	test('0 retries and a 0 s wait budget are real values, not the defaults', () => {
		expect(callOptions({ maxRetries: 0 }).maxRetries).toBe(0);
		expect(pacingOptions({ rateLimitWaitBudget: 0 }).rateLimitWaitBudgetSeconds).toBe(0);
	});
});

describe('values', () => {
	test('numbers and numeric strings (from expressions) are taken as numbers', () => {
		expect(callOptions({ maxRetries: '3', timeout: '2.5' })).toEqual({ maxRetries: 3, timeoutMs: 2500 });
		expect(pacingOptions({ requestsPerSecond: 0.5, concurrency: '4' })).toMatchObject({ requestsPerSecond: 0.5, concurrency: 4 });
	});
});

describe('nonsense is refused as INVALID_INPUT naming the option and the value', () => {
	test.each([
		[{ requestsPerSecond: -1 }, 'Requests per Second', '-1'],
		[{ concurrency: -3 }, 'Parallel Requests', '-3'],
		[{ concurrency: 2.5 }, 'Parallel Requests', '2.5'],
		[{ concurrency: 500 }, 'Parallel Requests', '500'],
		[{ requestsPerSecond: 'fast' }, 'Requests per Second', '"fast"'],
		[{ rateLimitWaitBudget: -60 }, 'Rate-Limit Wait Budget (Seconds)', '-60'],
	])('pacing %j', (options, name, shown) => {
		const failure = refusal(() => pacingOptions(options));
		expect(failure.info).toMatchObject({ code: 'INVALID_INPUT', retryable: false });
		expect(failure.info.message).toContain(`"${name}"`);
		expect(failure.info.message).toContain(shown);
	});

	test.each([
		[{ timeout: 'abc' }, TIMEOUT_SECONDS.displayName, '"abc"'],
		[{ timeout: -5 }, TIMEOUT_SECONDS.displayName, '-5'],
		[{ timeout: Number.NaN }, TIMEOUT_SECONDS.displayName, 'NaN'],
		[{ timeout: 1e9 }, TIMEOUT_SECONDS.displayName, '1000000000'],
		[{ timeout: { seconds: 5 } }, TIMEOUT_SECONDS.displayName, '{"seconds":5}'],
		[{ maxRetries: -1 }, MAX_RETRIES.displayName, '-1'],
		[{ maxRetries: 1.5 }, MAX_RETRIES.displayName, '1.5'],
		[{ maxRetries: 'twice' }, MAX_RETRIES.displayName, '"twice"'],
	])('per call %j', (options, name, shown) => {
		const failure = refusal(() => callOptions(options));
		expect(failure.info.code).toBe('INVALID_INPUT');
		expect(failure.info.message).toContain(`"${name}"`);
		expect(failure.info.message).toContain(shown);
	});

	test('the message says what is accepted, including what 0 and empty mean', () => {
		expect(refusal(() => callOptions({ timeout: 'abc' })).info.message).toBe(
			'Option "Timeout (Seconds)" is "abc", which is not valid: use a number of seconds from 1 to 3600; 0 or empty uses the default (30).',
		);
	});
});
