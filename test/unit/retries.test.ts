/**
 * The retry loop: a vendor's Retry-After sets the least wait before a retry, and a node that
 * stopped keeps the answer it already has instead of trading it for "not sent".
 */
import { backoffDelay, NotSent, withRetries } from '../../nodes/shared/execution/pacing';

type Outcome = { ok: boolean; retryAfterMs?: number };
const POLICY = { maxRetries: 1, baseDelayMs: 10, maxDelayMs: 20 };
const failed = (retryAfterMs?: number): Outcome => ({ ok: false, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });

describe('backoffDelay', () => {
	test('is the capped backoff without a Retry-After', () => {
		expect(backoffDelay(0, POLICY, () => 0)).toBe(5);
		expect(backoffDelay(5, POLICY, () => 1)).toBe(20);
	});

	test('is at least the Retry-After, capped at maxRetryAfterMs (default 60 s)', () => {
		expect(backoffDelay(0, POLICY, () => 0, 3000)).toBe(3000);
		expect(backoffDelay(0, POLICY, () => 0, 3_600_000)).toBe(60_000);
		expect(backoffDelay(0, { ...POLICY, maxRetryAfterMs: 1000 }, () => 0, 5000)).toBe(1000);
		expect(backoffDelay(0, POLICY, () => 0, 0)).toBe(5);
	});
});

describe('withRetries', () => {
	test('waits at least the Retry-After of the failed answer before the retry', async () => {
		const calls: number[] = [];
		const outcome = await withRetries(
			async (attempt) => {
				calls.push(Date.now());
				return attempt === 0 ? failed(300) : { ok: true };
			},
			(result) => !result.ok,
			POLICY,
		);
		expect(outcome.ok).toBe(true);
		expect(calls).toHaveLength(2);
		expect(calls[1] - calls[0]).toBeGreaterThanOrEqual(295);
	});

	test('does not retry once the node stopped, and returns the failure it has', async () => {
		let attempts = 0;
		const first = failed();
		const outcome = await withRetries(
			async () => {
				attempts++;
				return first;
			},
			(result) => !result.ok,
			{ ...POLICY, maxRetries: 3 },
			() => attempts >= 1,
		);
		expect(outcome).toBe(first);
		expect(attempts).toBe(1);
	});

	test('a retry that was not sent (NotSent) leaves the earlier failure as the answer', async () => {
		const first = failed();
		const outcome = await withRetries(
			async (attempt) => {
				if (attempt > 0) throw new NotSent();
				return first;
			},
			(result) => !result.ok,
			POLICY,
		);
		expect(outcome).toBe(first);
	});

	test('other errors from a retry still propagate', async () => {
		await expect(
			withRetries(
				async (attempt) => {
					if (attempt > 0) throw new Error('bug');
					return failed();
				},
				(result) => !result.ok,
				POLICY,
			),
		).rejects.toThrow('bug');
	});
});
