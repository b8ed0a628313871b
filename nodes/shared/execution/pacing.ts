import type { IExecuteFunctions } from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { AccountLimiter, RateTicket } from './rateControl';
import { accountLimiter, RATE_SAFETY_MARGIN, startRate } from './rateControl';

export { RATE_SAFETY_MARGIN };

/** A ticket for a request that no limiter paces (a local reader, or an unlimited source). */
const UNPACED: RateTicket = { sentAt: 0, answered: () => undefined, cancel: () => undefined };

/**
 * One execution's view of a vendor account's limiter (rateControl.ts): the account's learned
 * rate, shared with every execution in this process that uses the same credential, under this
 * node's own ceiling (Requests per Second when set; otherwise none).
 */
export class RateGate {
	constructor(
		private readonly limiter: AccountLimiter | null,
		/** Requests per second never to exceed; Infinity in auto mode. */
		readonly ceiling = Infinity,
		/** How long a rate-limited request may keep waiting for its turn; 0: not at all. */
		readonly waitBudgetMs = DEFAULT_WAIT_BUDGET_MS,
		/** Parallel requests when no limiter paces this source (the source's default). */
		private readonly unpacedConcurrency = 1,
	) {}

	/** The gate of one vendor account (see `vendorGate`). */
	static forAccount(...args: Parameters<typeof vendorGate>): RateGate {
		return vendorGate(...args);
	}

	async acquire(
		options: { deadline?: number; first?: boolean; ceiling?: number; notBefore?: number; repeat?: boolean } = {},
	): Promise<RateTicket | null> {
		if (!this.limiter) return UNPACED;
		return await this.limiter.acquire({ ...options, ceiling: this.ceiling });
	}

	/** Requests in flight that keep the learned rate busy (rate × latency, with headroom). */
	parallelism(): number {
		return this.limiter ? this.limiter.controller.parallelism(this.ceiling) : this.unpacedConcurrency;
	}
}

/** The Rate-Limit Wait Budget option's default, in seconds. */
export const DEFAULT_WAIT_BUDGET_SECONDS = 300;
const DEFAULT_WAIT_BUDGET_MS = DEFAULT_WAIT_BUDGET_SECONDS * 1000;

/**
 * The gate for one vendor account: the vendor and the credential selected for it (its id), so
 * every execution in this process that uses that credential shares what was learned.
 * `requestsPerSecond` 0 is auto; a number is the ceiling, and a new limiter starts there.
 * `waitBudgetSeconds`: the Rate-Limit Wait Budget option (undefined: its default).
 */
export function vendorGate(
	context: IExecuteFunctions,
	source: {
		vendor: string;
		credentialType: string | null;
		pacing: { concurrency: number; requestsPerSecond: number };
	},
	requestsPerSecond: number,
	waitBudgetSeconds?: number,
	service = 'ocr',
): RateGate {
	const ceiling = requestsPerSecond > 0 ? requestsPerSecond : Infinity;
	const budgetSeconds = Number.isFinite(waitBudgetSeconds) ? Number(waitBudgetSeconds) : DEFAULT_WAIT_BUDGET_SECONDS;
	const budgetMs = Math.max(0, budgetSeconds) * 1000;
	if (source.credentialType === null || !(source.pacing.requestsPerSecond > 0)) {
		return new RateGate(null, ceiling, budgetMs, source.pacing.concurrency);
	}
	const credential = context.getNode().credentials?.[source.credentialType];
	const account = credential?.id ?? credential?.name ?? 'default';
	const key = `${source.vendor}:${service}:${account}`;
	const limiter = accountLimiter(key, source.pacing, startRate(source.pacing.requestsPerSecond, ceiling));
	return new RateGate(limiter, ceiling, budgetMs);
}

/**
 * Runs `worker` over `inputs` with at most `concurrency` in flight; results keep input order.
 * `concurrency` may be a function, read again whenever a worker finishes (auto parallelism
 * follows the learned rate). `shouldStop` lets a caller stop handing out new work (e.g. the
 * first failure when the node is not set to continue on fail).
 */
export async function mapWithConcurrency<T, R>(
	inputs: readonly T[],
	concurrency: number | (() => number),
	worker: (input: T, index: number) => Promise<R>,
	shouldStop: () => boolean = () => false,
): Promise<Array<R | undefined>> {
	const results: Array<R | undefined> = new Array(inputs.length);
	const limit = () =>
		Math.max(1, Math.floor(typeof concurrency === 'function' ? concurrency() : concurrency) || 1);
	let next = 0;
	let active = 0;
	return await new Promise((resolve, reject) => {
		let failed = false;
		const pump = () => {
			while (!failed && !shouldStop() && next < inputs.length && active < limit()) {
				const index = next++;
				active++;
				worker(inputs[index], index).then(
					(result) => {
						results[index] = result;
						active--;
						pump();
					},
					(error: unknown) => {
						failed = true;
						reject(error);
					},
				);
			}
			if (active === 0 && !failed) resolve(results);
		};
		pump();
	});
}

export interface RetryPolicy {
	/** Further attempts after the first; 0 disables retries. */
	maxRetries: number;
	baseDelayMs: number;
	maxDelayMs: number;
	/**
	 * Longest wait a vendor's Retry-After may impose on one retry (default 60 s): past it the retry
	 * goes at this cap, which keeps one item from holding the run for minutes.
	 */
	maxRetryAfterMs?: number;
}

const DEFAULT_MAX_RETRY_AFTER_MS = 60_000;

/**
 * Capped exponential backoff with jitter (half fixed, half random) so retries do not stampede.
 * A vendor's `retryAfterMs` raises the delay to at least that (up to `maxRetryAfterMs`).
 */
export function backoffDelay(
	attempt: number,
	policy: RetryPolicy,
	random = Math.random,
	retryAfterMs?: number,
): number {
	const capped = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
	const backoff = Math.round(capped / 2 + random() * (capped / 2));
	if (retryAfterMs === undefined || !(retryAfterMs > 0)) return backoff;
	return Math.max(backoff, Math.min(retryAfterMs, policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS));
}

/**
 * Thrown by an attempt that was not sent because the node stopped (an earlier failure, no
 * continue-on-fail). On a retry, `withRetries` then keeps the answer already received.
 */
export class NotSent extends Error {}

const NOT_SENT = Symbol('not sent');

/** The attempt's outcome, or NOT_SENT when it threw NotSent; other errors pass through. */
async function unlessNotSent<T>(pending: Promise<T>): Promise<T | typeof NOT_SENT> {
	return await pending.then(
		(outcome) => outcome,
		async (error: unknown) => (error instanceof NotSent ? NOT_SENT : await Promise.reject(error)),
	);
}

function retryAfterOf(outcome: unknown): number | undefined {
	const value = (outcome as { retryAfterMs?: unknown } | null)?.retryAfterMs;
	return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Calls `attempt` until it succeeds, fails for good, or retries run out. `retryable` sees each
 * failed outcome; only those it approves are tried again, no sooner than the outcome's
 * `retryAfterMs` asks. Once `shouldStop()` (or a retry throws NotSent), the last answer is
 * returned as it is: a failure already received is never traded for "not sent".
 */
export async function withRetries<T>(
	attempt: (attemptNumber: number) => Promise<T>,
	retryable: (outcome: T) => boolean,
	policy: RetryPolicy,
	shouldStop: () => boolean = () => false,
): Promise<T> {
	let outcome = await attempt(0);
	for (let retry = 0; retry < policy.maxRetries && retryable(outcome); retry++) {
		if (shouldStop()) break;
		await sleep(backoffDelay(retry, policy, Math.random, retryAfterOf(outcome)));
		if (shouldStop()) break;
		const next = await unlessNotSent(attempt(retry + 1));
		if (next === NOT_SENT) break;
		outcome = next;
	}
	return outcome;
}
