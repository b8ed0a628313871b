import { sleep } from 'n8n-workflow';

/**
 * Vendors count requests in a sliding one-second window, and requests spaced exactly at the cap
 * arrive with a few milliseconds of jitter, which puts cap + 1 in some window. Spacing starts 3%
 * wider keeps every window under the cap for a 3% cost.
 */
export const RATE_SAFETY_MARGIN = 1.03;

/**
 * Spaces request starts evenly so a batch never exceeds the vendor's requests-per-second cap:
 * each caller reserves the next free slot, then waits for it with n8n's own sleep.
 */
export class RateGate {
	private nextSlot = 0;

	constructor(private readonly requestsPerSecond: number) {}

	async wait(): Promise<void> {
		if (!(this.requestsPerSecond > 0)) return;
		const interval = (1000 / this.requestsPerSecond) * RATE_SAFETY_MARGIN;
		const now = Date.now();
		const slot = Math.max(now, this.nextSlot);
		this.nextSlot = slot + interval;
		if (slot > now) await sleep(slot - now);
	}
}

/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight; results keep input order.
 * `shouldStop` lets a caller stop handing out new work (e.g. the first failure when the node
 * is not set to continue on fail).
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	concurrency: number,
	worker: (input: T, index: number) => Promise<R>,
	shouldStop: () => boolean = () => false,
): Promise<Array<R | undefined>> {
	const results: Array<R | undefined> = new Array(inputs.length);
	let next = 0;
	const lanes = Math.max(1, Math.min(Math.floor(concurrency) || 1, inputs.length));
	const lane = async () => {
		while (next < inputs.length && !shouldStop()) {
			const index = next++;
			results[index] = await worker(inputs[index], index);
		}
	};
	await Promise.all(Array.from({ length: lanes }, lane));
	return results;
}

export interface RetryPolicy {
	/** Further attempts after the first; 0 disables retries. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

/** Capped exponential backoff with jitter (half fixed, half random) so retries do not stampede. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random = Math.random): number {
	const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	return Math.round(capped / 2 + random() * (capped / 2));
}

/**
 * Calls `attempt` until it succeeds, fails for good, or retries run out. `retryable` sees each
 * failed outcome; only those it approves are tried again.
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	retryable: (outcome: T) => boolean,
	policy: RetryPolicy,
): Promise<T> {
	let outcome = await attempt(0);
	for (let retry = 0; retry < policy.maxRetries && retryable(outcome); retry++) {
		await sleep(backoffDelay(retry, policy));
		outcome = await attempt(retry + 1);
	}
	return outcome;
}
