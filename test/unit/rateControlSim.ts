/**
 * A simulated clock and a simulated vendor for the rate-control tests: time only moves when every
 * task is waiting on it, so a 30-second batch runs in milliseconds and every run is repeatable.
 * The vendor behaves like the fakes' `qpsCap`: after the latency, a request is refused when the
 * sliding one-second window already holds `cap` accepted requests (refused ones do not count).
 */
import type { Clock } from '../../nodes/shared/execution/rateControl';
import { AccountLimiter, sendRateControlled, startRate } from '../../nodes/shared/execution/rateControl';
import { mapWithConcurrency, RateGate } from '../../nodes/shared/execution/pacing';
import { nextMacrotask } from '../support/node';
import { busiestSecond } from '../support/busiestSecond';

export class SimulatedClock implements Clock {
	private time = 0;
	private timers: Array<{ at: number; order: number; resolve: () => void }> = [];
	private order = 0;

	now = (): number => this.time;

	sleep = async (ms: number): Promise<void> =>
		await new Promise<void>((resolve) => {
			this.timers.push({ at: this.time + Math.max(0, ms), order: this.order++, resolve });
		});

	/** Runs until `done` resolves: whenever nothing else can run, jumps to the next timer. */
	async run<T>(done: Promise<T>, limitMs = 3_600_000): Promise<T> {
		let finished = false;
		let value: T | undefined;
		void done.then((result) => {
			finished = true;
			value = result;
		});
		for (;;) {
			// Let every promise chain settle before time moves.
			await nextMacrotask();
			if (finished) return value as T;
			if (this.timers.length === 0) throw new Error('simulation stalled: nothing waits on the clock');
			this.timers.sort((a, b) => a.at - b.at || a.order - b.order);
			const next = this.timers.shift()!;
			if (next.at > limitMs) throw new Error(`simulation ran past ${limitMs} ms`);
			this.time = next.at;
			next.resolve();
		}
	}
}

/** A deterministic random source (mulberry32). */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export interface VendorLog {
	/** Arrival times of every request, and whether it was refused for the rate. */
	requests: Array<{ at: number; refused: boolean; process: number }>;
}

export class SimulatedVendor {
	readonly log: VendorLog = { requests: [] };
	private accepted: number[] = [];

	constructor(
		private readonly clock: SimulatedClock,
		private readonly options: { cap: number; latencyMs: number; jitterMs?: number; random?: () => number },
	) {}

	set cap(value: number) {
		this.options.cap = value;
	}

	async request(process: number): Promise<'ok' | 'rateLimited'> {
		const jitter = (this.options.jitterMs ?? 0) * (this.options.random ?? Math.random)();
		await this.clock.sleep(this.options.latencyMs + jitter);
		const at = this.clock.now();
		this.accepted = this.accepted.filter((time) => at - time < 1000);
		const refused = this.accepted.length >= this.options.cap;
		if (!refused) this.accepted.push(at);
		this.log.requests.push({ at, refused, process });
		return refused ? 'rateLimited' : 'ok';
	}

	/** The most accepted requests that arrived within any one second. */
	busiestSecond(): number {
		return busiestSecond(this.log.requests.filter((entry) => !entry.refused).map((entry) => entry.at));
	}
}

export const JUHE_DEFAULTS = { requestsPerSecond: 10, concurrency: 5 };

export interface ExecutionPlan {
	/** Which simulated process (one limiter each) runs it. */
	process: number;
	items: number;
	startAt?: number;
	/** Requests per Second set by the user (a ceiling); absent = auto. */
	ceiling?: number;
	/** Parallel Requests set by the user; absent = auto. */
	parallel?: number;
	waitBudgetMs?: number;
}

export interface ExecutionResult {
	ok: number;
	failed: number;
	startedAt: number;
	endedAt: number;
	maxInFlight: number;
}

/**
 * Runs executions against one vendor: executions of one process share that process's limiter,
 * as concurrent executions in one n8n process do. Each item is one request, sent the way
 * askVendor sends it (sendRateControlled), with the pool sized the way recognizeInvoices sizes it.
 */
export async function simulate(options: {
	clock: SimulatedClock;
	vendor: SimulatedVendor;
	executions: ExecutionPlan[];
	limiters?: Map<number, AccountLimiter>;
	defaults?: { requestsPerSecond: number; concurrency: number };
}): Promise<ExecutionResult[]> {
	const { clock, vendor } = options;
	const defaults = options.defaults ?? JUHE_DEFAULTS;
	const limiters = options.limiters ?? new Map<number, AccountLimiter>();
	const limiterOf = (plan: ExecutionPlan) => {
		let limiter = limiters.get(plan.process);
		if (!limiter) {
			const random = seededRandom(1000 + plan.process);
			limiter = new AccountLimiter(defaults, startRate(defaults.requestsPerSecond, plan.ceiling), clock, random);
			limiters.set(plan.process, limiter);
		}
		return limiter;
	};
	const run = async (plan: ExecutionPlan): Promise<ExecutionResult> => {
		if (plan.startAt) await clock.sleep(plan.startAt);
		const gate = new RateGate(limiterOf(plan), plan.ceiling ?? Infinity);
		const startedAt = clock.now();
		let inFlight = 0;
		let maxInFlight = 0;
		const outcomes = await mapWithConcurrency(
			Array.from({ length: plan.items }, (_, index) => index),
			plan.parallel ?? (() => gate.parallelism()),
			async () => {
				inFlight++;
				maxInFlight = Math.max(maxInFlight, inFlight);
				try {
					const { outcome } = await sendRateControlled(gate, {
						send: async () => await vendor.request(plan.process),
						classify: (answer) => ({ kind: answer }),
						waitBudgetMs: plan.waitBudgetMs ?? 300_000,
						now: clock.now,
					});
					return outcome;
				} finally {
					inFlight--;
				}
			},
		);
		return {
			ok: outcomes.filter((outcome) => outcome === 'ok').length,
			failed: outcomes.filter((outcome) => outcome !== 'ok').length,
			startedAt,
			endedAt: clock.now(),
			maxInFlight,
		};
	};
	return await clock.run(Promise.all(options.executions.map(run)));
}

/** Summary figures like the bench's: throughput as a fraction of the cap, refused share. */
export function summarize(vendor: SimulatedVendor, results: ExecutionResult[], cap: number) {
	const ok = results.reduce((sum, result) => sum + result.ok, 0);
	const failed = results.reduce((sum, result) => sum + result.failed, 0);
	const started = Math.min(...results.map((result) => result.startedAt));
	const ended = Math.max(...results.map((result) => result.endedAt));
	const refused = vendor.log.requests.filter((entry) => entry.refused).length;
	return {
		ok,
		failed,
		seconds: (ended - started) / 1000,
		ofCap: ok / ((ended - started) / 1000) / cap,
		refusedShare: refused / vendor.log.requests.length,
		requests: vendor.log.requests.length,
		busiestSecond: vendor.busiestSecond(),
	};
}
