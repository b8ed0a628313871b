import { sleep } from 'n8n-workflow';

import type { InvoiceErrorInfo } from '../types';

/**
 * Adaptive rate control per vendor account. Vendors cap requests per second in a sliding
 * one-second window and publish no number, and several executions (or queue-mode workers) may
 * share one account. So the limiter learns the cap from the vendor's own answers:
 *
 * - slow start: begin at the vendor's default rate and double it each round (a few answers) while
 *   no rate-limit answer comes and the rate is what holds the work back;
 * - on a rate-limit answer, count what the vendor took from this process in the window that
 *   refused the request, and settle 3% under it. At most one cut per window: refusals of requests
 *   sent within a window of the one that caused the cut were already on their way;
 * - nothing is released until that window has room again, or for as long as `Retry-After` said;
 * - hold (longer for slow caps, where a probe costs a bigger share of the requests; doubled each
 *   time a probe finds the same cap), then probe upward in steps that double while they succeed;
 * - refused while under what was measured (or with nothing taken at all), the account is shared
 *   with another process: then cut multiplicatively, hold briefly and probe in equal steps. Equal
 *   additive steps and proportional cuts are how processes that never talk to each other settle
 *   on shares of one account (AIMD).
 *
 * A request the vendor refuses again after its first refusal says something about that request, not about
 * the rate: its repeats teach nothing and pause nobody else; it waits behind the other files, longer each time.
 * Once no refusal has come for a while, a rate that cuts took below what this process has seen the account take
 * climbs back by slow start, so one bad spell does not leave the process crawling.
 *
 * A number the user sets is a hard ceiling per request: releases for it are spaced at that rate
 * (3% wider), whatever was learned. One limiter per account and process; nothing is persisted.
 */

/** The vendors' window. */
export const WINDOW_MS = 1000;
/**
 * Requests spaced exactly at a cap arrive with a few milliseconds of jitter, which puts cap + 1 in
 * some window; spacing 3% wider keeps every window under it.
 */
export const RATE_SAFETY_MARGIN = 1.03;
/** Slowest the limiter goes (requests per second) when a vendor refuses everything. */
export const MIN_RATE = 0.2;
/** Fastest auto mode goes; a user's number may be higher. */
export const MAX_AUTO_RATE = 500;
/** Most requests in flight that auto parallelism chooses (the option's own maximum). */
export const MAX_AUTO_PARALLEL = 50;

const SLOW_START_GROWTH = 2;
/** A slow-start round: this long of answers at the current rate (at least 4). */
const SLOW_START_ROUND_MS = 350;
/** A probe round: this long at the new rate with no rate limit for a request sent at it. */
const PROBE_ROUND_MS = 1000;
/** First probe step as a share of the vendor's default rate: the same in every process. */
const PROBE_FIRST_STEP = 0.02;
/** Hold after a cut: about this many requests at the new rate, within the bounds below. */
const HOLD_REQUESTS = 20;
const HOLD_MIN_MS = 2000;
const HOLD_MAX_MS = 8000;
/**
 * The first requests after a quiet spell reach the vendor later than those after them (a new connection, code not
 * yet warm, each file's local work starting at once). Under a ceiling, the request that opens a burst's second
 * window waits this much longer, so the burst's first window at the vendor still holds no more than the ceiling.
 */
export const BURST_START_ALLOWANCE_MS = 250;
/** Jitter between sending and arrival: a pause ends this much after the window should have room. */
const PAUSE_SLACK_MS = 20;
/** How long one sign of a shared account counts; also the quiet spell after which a cut rate recovers. */
const SHARED_MEMORY_MS = 30_000;
/** Recovering after a quiet spell: a slow-start round needs this many answers at least (not 4: at 0.2/s that is 20 s). */
const RECOVERY_ROUND_ANSWERS = 2;
/** A request refused again waits this long before its next turn, doubling each time, at most the second value. */
const REPEAT_BACKOFF_MS = WINDOW_MS;
const REPEAT_BACKOFF_MAX_MS = 30_000;
/** Sharing: the multiplicative decrease, the hold, and equal probe steps before they double. */
const SHARED_CUT = 0.85;
const SHARED_HOLD_MS = 1000;
const SHARED_EQUAL_STEPS = 1;
/** In-flight headroom over rate × latency, so parallelism never caps the rate being probed. */
const PARALLEL_HEADROOM = 1.5;
const LATENCY_SMOOTHING = 0.2;
const HISTORY_MS = 2 * WINDOW_MS;

export type AnswerKind = 'ok' | 'rateLimited' | 'failed';

interface SentRecord {
	sentAt: number;
	state: 'pending' | 'ok' | 'rateLimited' | 'failed';
	/** Released while the rate was the bottleneck: only these show the rate can be raised. */
	rateBound: boolean;
	/** Released while holding at the learned level (no probe above it since the last cut). */
	holding: boolean;
	/** A request sent again after the vendor refused it for the rate. */
	repeat: boolean;
}

/** What the gate hands out per release; the caller reports the answer (or that nothing was sent). */
export interface RateTicket {
	readonly sentAt: number;
	answered(kind: AnswerKind, retryAfterMs?: number): void;
	/** The request was not sent after all (the node stopped): frees its place in the history. */
	cancel(): void;
}

/**
 * The learning part, pure: every method takes the time, so tests drive it with a simulated clock.
 */
export class RateController {
	private rate: number;
	/** The rate at the last rate-limit answer (null until the first one: slow start). */
	private learnedCap: number | null = null;
	private lastChangeAt = -Infinity;
	/** Refusals of requests sent before this do not cut again (one cut per window). */
	private cutWindowEnd = -Infinity;
	/** Probes in a row that failed at their first step. */
	private failedProbes = 0;
	private probesSinceCut = 0;
	private sharedUntil = -Infinity;
	/** When the latest request that met a rate limit was sent. */
	private lastRefusedSentAt = -Infinity;
	/** When the latest refusal that taught something arrived. */
	private lastRefusalAt = -Infinity;
	/** The most the vendor took from this process in one window, at any refusal: where a cut rate recovers to. */
	private bestMeasured: number | null = null;
	/** The last cut of our own overshoot, and what it changed: undone if the vendor then takes more than it measured. */
	private lastCut: { refusedSentAt: number; measured: number; before: ControllerState } | null = null;
	private holdUntil = -Infinity;
	private probeStep: number;
	/** Rate-bound successful answers since the rate last changed. */
	private okSinceChange = 0;
	private lastReleaseAt = -Infinity;
	/** The first release after a quiet spell of a window, and how many releases since. */
	private burstStartedAt = -Infinity;
	private burstReleases = 0;
	private pausedUntil = -Infinity;
	private history: SentRecord[] = [];
	private latencyMs: number | null = null;
	private answers = { ok: 0, rateLimited: 0, failed: 0 };

	constructor(
		private readonly defaults: { requestsPerSecond: number; concurrency: number },
		startRate = defaults.requestsPerSecond,
		private readonly random: () => number = Math.random,
	) {
		this.rate = clampRate(startRate);
		this.probeStep = Math.max(0.05, PROBE_FIRST_STEP * defaults.requestsPerSecond);
	}

	/** Requests per second the account is allowed now (learned), before any user ceiling. */
	get currentRate(): number {
		return this.rate;
	}

	get stats() {
		return { rate: this.rate, learnedCap: this.learnedCap, latencyMs: this.latencyMs, ...this.answers };
	}

	/** The rate a request is released at: the learned one, or the user's ceiling if lower. */
	effectiveRate(ceiling = Infinity): number {
		return Math.min(this.rate, ceiling / RATE_SAFETY_MARGIN);
	}

	/** When the next request under `ceiling` may start. */
	nextReleaseAt(ceiling = Infinity): number {
		const spaced = Math.max(this.pausedUntil, this.lastReleaseAt + 1000 / this.effectiveRate(ceiling));
		// A burst's first `ceiling` requests went out; the next one leaves room for the first one arriving late.
		if (this.burstReleases < ceiling) return spaced;
		return Math.max(spaced, this.burstStartedAt + WINDOW_MS + BURST_START_ALLOWANCE_MS);
	}

	/** Until when nothing is released after a rate-limit answer (for wait budgets). */
	get pausedUntilTime(): number {
		return this.pausedUntil;
	}

	/**
	 * Records a release at `now`; `backlogged`: others were waiting, so the gate was the bottleneck; `repeat`: the
	 * request was refused for the rate before.
	 */
	release(now: number, ceiling = Infinity, backlogged = true, repeat = false): SentRecord {
		// After a quiet spell, only answers from the new burst of work may raise the rate.
		if (now - this.lastReleaseAt > Math.max(WINDOW_MS, 2000 / this.rate)) {
			this.okSinceChange = 0;
			this.lastChangeAt = Math.max(this.lastChangeAt, now);
		}
		if (now - this.lastReleaseAt >= WINDOW_MS) {
			this.burstStartedAt = now;
			this.burstReleases = 0;
		}
		this.burstReleases++;
		this.lastReleaseAt = now;
		const record: SentRecord = {
			sentAt: now,
			state: 'pending',
			rateBound: backlogged && this.rate <= ceiling / RATE_SAFETY_MARGIN,
			holding: this.learnedCap !== null && this.probesSinceCut === 0,
			repeat,
		};
		this.history.push(record);
		this.prune(now);
		return record;
	}

	cancel(record: SentRecord): void {
		const index = this.history.indexOf(record);
		if (index >= 0) this.history.splice(index, 1);
	}

	answered(record: SentRecord, kind: AnswerKind, now: number, retryAfterMs?: number): void {
		record.state = kind;
		this.answers[kind]++;
		const latency = Math.max(0, now - record.sentAt);
		this.latencyMs =
			this.latencyMs === null ? latency : this.latencyMs + LATENCY_SMOOTHING * (latency - this.latencyMs);
		if (kind === 'rateLimited') this.rateLimited(record, now, retryAfterMs);
		else if (kind === 'ok') {
			this.maybeUndoCut(record);
			if (record.rateBound && record.sentAt >= this.lastChangeAt) this.maybeRaise(now);
		}
	}

	/**
	 * A refusal that cut the rate said the window held all the vendor allows. If a request sent just after it is
	 * taken while the window holds more of ours than that, the refusal was about that request (a file the vendor
	 * keeps refusing), not the rate: the cut is undone (not one the vendor asked for with Retry-After).
	 */
	private maybeUndoCut(record: SentRecord): void {
		const cut = this.lastCut;
		if (cut === null || record.sentAt <= cut.refusedSentAt) return;
		if (record.sentAt > cut.refusedSentAt + WINDOW_MS) {
			this.lastCut = null;
			return;
		}
		const windowStart = record.sentAt - WINDOW_MS + PAUSE_SLACK_MS;
		const taken = this.history.filter((entry) => entry.state === 'ok' && entry.sentAt > windowStart && entry.sentAt <= record.sentAt);
		if (taken.length <= cut.measured) return;
		this.restore(cut.before);
		this.lastCut = null;
	}

	private snapshot(): ControllerState {
		return {
			rate: this.rate,
			learnedCap: this.learnedCap,
			lastChangeAt: this.lastChangeAt,
			cutWindowEnd: this.cutWindowEnd,
			failedProbes: this.failedProbes,
			probesSinceCut: this.probesSinceCut,
			holdUntil: this.holdUntil,
			probeStep: this.probeStep,
			pausedUntil: this.pausedUntil,
			bestMeasured: this.bestMeasured,
			sharedUntil: this.sharedUntil,
		};
	}

	private restore(state: ControllerState): void {
		this.rate = state.rate;
		this.learnedCap = state.learnedCap;
		this.lastChangeAt = state.lastChangeAt;
		this.cutWindowEnd = state.cutWindowEnd;
		this.failedProbes = state.failedProbes;
		this.probesSinceCut = state.probesSinceCut;
		this.holdUntil = state.holdUntil;
		this.probeStep = state.probeStep;
		this.pausedUntil = state.pausedUntil;
		this.bestMeasured = state.bestMeasured;
		this.sharedUntil = state.sharedUntil;
	}

	/**
	 * Parallel requests that keep the rate busy: rate × latency with headroom. Before any answer,
	 * the vendor's default.
	 */
	parallelism(ceiling = Infinity): number {
		if (this.latencyMs === null) return this.defaults.concurrency;
		const needed = Math.ceil(this.effectiveRate(ceiling) * (this.latencyMs / 1000) * PARALLEL_HEADROOM) + 1;
		return Math.max(1, Math.min(MAX_AUTO_PARALLEL, needed));
	}

	private rateLimited(record: SentRecord, now: number, retryAfterMs?: number): void {
		const before = this.snapshot();
		if (record.sentAt >= this.lastChangeAt) this.lastChangeAt = now;
		// Arrival jitter can keep a request sent just over a window earlier in the vendor's window.
		const windowStart = record.sentAt - WINDOW_MS - PAUSE_SLACK_MS;
		// What the vendor took from us in the window that refused this request (answers still out
		// count as taken: they arrived before it).
		const taken = this.history.filter(
			(entry) =>
				entry !== record &&
				entry.sentAt > windowStart &&
				entry.sentAt <= record.sentAt &&
				(entry.state === 'ok' || entry.state === 'pending'),
		);
		// Refused again: its first refusal already told what the window held, and if the rate is over the cap, other
		// requests' first refusals say so. This one only says the vendor refuses this request: it teaches nothing
		// and pauses nobody (it backs off on its own).
		if (record.repeat) return;
		this.lastRefusedSentAt = Math.max(this.lastRefusedSentAt, record.sentAt);
		this.lastRefusalAt = now;
		// The window has room again once the oldest of them has left it; with none taken, once
		// the whole window has passed.
		const roomAt = (taken.length > 0 ? taken[0].sentAt : record.sentAt) + WINDOW_MS + PAUSE_SLACK_MS;
		this.pausedUntil = Math.max(this.pausedUntil, roomAt, retryAfterMs ? now + retryAfterMs : -Infinity);
		// One cut per window: refusals of requests sent within a window of the one that caused the
		// last cut say nothing new (the vendor's window then still held what preceded the cut).
		// One sent in a probe round that has begun only restarts that round.
		if (record.sentAt < this.cutWindowEnd) {
			if (record.sentAt >= this.lastChangeAt) this.lastChangeAt = now;
			return;
		}
		const measured = taken.length * (1000 / WINDOW_MS);
		const target = measured / RATE_SAFETY_MARGIN;
		// Refused at or under what the vendor took from us (or with nothing taken at all), refused
		// while holding at what was learned, or given another share than learned: someone else
		// uses this account too.
		const contended = target >= this.rate || measured === 0;
		if (contended || record.holding || (this.learnedCap !== null && measured !== this.learnedCap)) {
			this.sharedUntil = now + SHARED_MEMORY_MS;
		}
		const shared = now < this.sharedUntil;
		// A probe that found no more room than before confirms the cap: probe less often
		// (exponential backoff); room found resets that.
		const confirmed = this.learnedCap !== null && measured <= this.learnedCap;
		this.failedProbes = confirmed && !shared ? this.failedProbes + 1 : 0;
		// Our own overshoot: settle under what was taken. Sharing, also give up a share
		// (multiplicative decrease), so that the bigger share gives up more (AIMD).
		const sharedCut = this.rate * SHARED_CUT;
		this.setRate(contended ? sharedCut : shared ? Math.min(target, sharedCut) : target, now);
		// Nothing taken measures nothing: what was learned before still stands.
		this.learnedCap = measured > 0 ? measured : (this.learnedCap ?? MIN_RATE);
		if (measured > 0) this.bestMeasured = Math.max(this.bestMeasured ?? 0, measured);
		this.cutWindowEnd = record.sentAt + WINDOW_MS;
		const holdMs = shared
			? SHARED_HOLD_MS
			: Math.min(HOLD_MAX_MS, Math.max(HOLD_MIN_MS, (HOLD_REQUESTS / this.rate) * 1000) * 2 ** this.failedProbes);
		// ±25% so that processes sharing an account do not all probe in the same second.
		this.holdUntil = now + holdMs * (0.75 + 0.5 * this.random());
		this.lastChangeAt = this.holdUntil - PROBE_ROUND_MS;
		this.probeStep = Math.max(0.05, PROBE_FIRST_STEP * this.defaults.requestsPerSecond);
		this.probesSinceCut = 0;
		this.lastCut = retryAfterMs ? null : { refusedSentAt: record.sentAt, measured, before };
	}

	private maybeRaise(now: number): void {
		this.okSinceChange++;
		if (this.learnedCap === null) {
			if (this.okSinceChange >= Math.max(4, (this.rate * SLOW_START_ROUND_MS) / 1000)) {
				this.setRate(this.rate * SLOW_START_GROWTH, now);
			}
			return;
		}
		if (now < this.holdUntil) return;
		// A quiet spell after cuts took the rate below what this account has given us: climb back by slow start.
		const recoverTo = (this.bestMeasured ?? this.defaults.requestsPerSecond) / RATE_SAFETY_MARGIN;
		if (this.rate < recoverTo && now - this.lastRefusalAt >= SHARED_MEMORY_MS) {
			if (this.okSinceChange >= Math.max(RECOVERY_ROUND_ANSWERS, (this.rate * SLOW_START_ROUND_MS) / 1000)) {
				this.setRate(Math.min(recoverTo, this.rate * SLOW_START_GROWTH), now);
			}
			return;
		}
		// A probe round: a second at the new rate, and no request sent at it met a rate limit.
		if (now - this.lastChangeAt >= PROBE_ROUND_MS && this.lastRefusedSentAt < this.lastChangeAt) {
			this.setRate(this.rate + this.probeStep, now);
			// Alone, probe steps double; sharing, they stay equal (additive) at first.
			if (now >= this.sharedUntil || this.probesSinceCut >= SHARED_EQUAL_STEPS) this.probeStep *= 2;
			this.probesSinceCut++;
		}
	}

	private setRate(rate: number, now: number): void {
		this.rate = clampRate(rate);
		this.lastChangeAt = now;
		this.okSinceChange = 0;
	}

	private prune(now: number): void {
		const horizon = now - HISTORY_MS;
		let drop = 0;
		while (drop < this.history.length && this.history[drop].sentAt < horizon) drop++;
		if (drop > 0) this.history.splice(0, drop);
	}
}

/** What a cut changes, kept to undo it. */
interface ControllerState {
	rate: number;
	learnedCap: number | null;
	lastChangeAt: number;
	cutWindowEnd: number;
	failedProbes: number;
	probesSinceCut: number;
	holdUntil: number;
	probeStep: number;
	pausedUntil: number;
	bestMeasured: number | null;
	sharedUntil: number;
}

function clampRate(rate: number): number {
	if (!Number.isFinite(rate)) return MAX_AUTO_RATE;
	return Math.max(MIN_RATE, Math.min(MAX_AUTO_RATE, rate));
}

export interface Clock {
	now(): number;
	sleep(ms: number): Promise<void>;
}

/** Wall time and n8n's own sleep. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now(), sleep: async (ms) => await sleep(ms) };

interface Waiter {
	ceiling: number;
	deadline: number;
	enqueuedAt: number;
	/** Not released before this (a request refused again backs off), while others behind it go on. */
	notBefore: number;
	repeat: boolean;
	resolve(ticket: RateTicket | null): void;
}

/**
 * The waiting part: a FIFO of requests, released one at a time at the controller's pace.
 * Shared by every execution in this process that uses the same account.
 */
export class AccountLimiter {
	readonly controller: RateController;
	private queue: Waiter[] = [];
	private pumping = false;
	/** Ends the pump's current sleep early, for a newcomer that may go before `sleepingUntil`. */
	private wake: (() => void) | null = null;
	private sleepingUntil = -Infinity;

	constructor(
		defaults: { requestsPerSecond: number; concurrency: number },
		startRate: number,
		private readonly clock: Clock = SYSTEM_CLOCK,
		random: () => number = Math.random,
	) {
		this.controller = new RateController(defaults, startRate, random);
	}

	/**
	 * Waits for this request's turn. `first: true` puts it at the head of the queue (a request
	 * that was refused for the rate already waited its turn once). `notBefore`: not released before then; the
	 * requests behind it are released meanwhile. `repeat`: it was refused for the rate before. Resolves null when
	 * its turn cannot come before `deadline`.
	 */
	async acquire({
		ceiling = Infinity,
		deadline = Infinity,
		first = false,
		notBefore = -Infinity,
		repeat = false,
	}: {
		ceiling?: number;
		deadline?: number;
		first?: boolean;
		notBefore?: number;
		repeat?: boolean;
	} = {}): Promise<RateTicket | null> {
		return await new Promise<RateTicket | null>((resolve) => {
			const waiter: Waiter = { ceiling, deadline, enqueuedAt: this.clock.now(), notBefore, repeat, resolve };
			if (first) this.queue.unshift(waiter);
			else this.queue.push(waiter);
			if (Math.max(this.controller.nextReleaseAt(ceiling), notBefore) < this.sleepingUntil) this.wake?.();
			void this.pump();
		});
	}

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		try {
			while (this.queue.length > 0) {
				const now = this.clock.now();
				// The first waiter in line that may go now; one backing off lets those behind it pass.
				let index = this.queue.findIndex((waiter) => waiter.notBefore <= now);
				const waiter = this.queue[index] ?? this.queue.reduce((a, b) => (b.notBefore < a.notBefore ? b : a));
				if (index < 0) index = this.queue.indexOf(waiter);
				const at = Math.max(this.controller.nextReleaseAt(waiter.ceiling), waiter.notBefore);
				if (at > waiter.deadline) {
					this.queue.splice(index, 1);
					waiter.resolve(null);
					continue;
				}
				if (at > now) {
					this.sleepingUntil = at;
					await Promise.race([
						this.clock.sleep(at - now),
						new Promise<void>((resolve) => {
							this.wake = resolve;
						}),
					]);
					this.wake = null;
					this.sleepingUntil = -Infinity;
					continue;
				}
				this.queue.splice(index, 1);
				const backlogged = this.queue.length > 0 || now > waiter.enqueuedAt;
				waiter.resolve(this.ticket(this.controller.release(now, waiter.ceiling, backlogged, waiter.repeat)));
			}
		} finally {
			this.pumping = false;
		}
	}

	private ticket(record: ReturnType<RateController['release']>): RateTicket {
		let settled = false;
		return {
			sentAt: record.sentAt,
			answered: (kind, retryAfterMs) => {
				if (settled) return;
				settled = true;
				this.controller.answered(record, kind, this.clock.now(), retryAfterMs);
			},
			cancel: () => {
				if (settled) return;
				settled = true;
				this.controller.cancel(record);
			},
		};
	}
}

/** One limiter per vendor account in this process: concurrent and later executions share it. */
const limiters = new Map<string, AccountLimiter>();

/**
 * Where a new limiter starts: the user's ceiling, or the vendor's default rate (both spaced 3%
 * wider, as a cap is best approached from below).
 */
export function startRate(defaultRate: number, ceiling = Infinity): number {
	return (Number.isFinite(ceiling) ? ceiling : defaultRate) / RATE_SAFETY_MARGIN;
}

export function accountLimiter(
	key: string,
	defaults: { requestsPerSecond: number; concurrency: number },
	start: number = startRate(defaults.requestsPerSecond),
): AccountLimiter {
	let limiter = limiters.get(key);
	if (!limiter) {
		limiter = new AccountLimiter(defaults, start);
		limiters.set(key, limiter);
	}
	return limiter;
}

/** Forgets every learned rate (tests that model a different vendor account each time). */
export function forgetLearnedRates(): void {
	limiters.clear();
}

/** What a rate-controlled call returns: the last answer, and whether the wait budget ran out. */
export interface RateControlledResult<T> {
	outcome: T;
	waitBudgetSpent: boolean;
}

/**
 * Sends one request through the gate. A rate-limit answer sends it back behind the gate, again and again
 * within `waitBudgetMs` from its first rate-limit answer: the first time at the head of the queue (it waited its
 * turn once), later behind the others and after a back-off that doubles, so one request the vendor keeps
 * refusing never holds up the rest. After the budget, or when the gate's pause would outlast it, the rate-limit
 * answer stands.
 * A budget of 0 returns the first rate-limit answer (the caller's retries then decide).
 * `beforeSend` may throw to give the turn up (the node is stopping).
 */
export async function sendRateControlled<T>(
	gate: { acquire: AccountLimiter['acquire'] },
	call: {
		send: () => Promise<T>;
		classify: (outcome: T) => { kind: AnswerKind; retryAfterMs?: number };
		waitBudgetMs: number;
		ceiling?: number;
		beforeSend?: () => void;
		now?: () => number;
	},
): Promise<RateControlledResult<T>> {
	const now = call.now ?? (() => Date.now());
	let deadline = Infinity;
	let limited: T | undefined;
	let refusals = 0;
	for (;;) {
		const backoffMs =
			refusals >= 2 ? Math.min(REPEAT_BACKOFF_MAX_MS, REPEAT_BACKOFF_MS * 2 ** (refusals - 2)) : 0;
		const ticket = await gate.acquire({
			ceiling: call.ceiling,
			deadline,
			first: refusals === 1,
			notBefore: backoffMs > 0 ? now() + backoffMs : -Infinity,
			repeat: refusals > 0,
		});
		if (!ticket) return { outcome: limited as T, waitBudgetSpent: true };
		let sending = false;
		let outcome: T | undefined;
		try {
			call.beforeSend?.();
			sending = true;
			outcome = await call.send();
		} finally {
			// Given up before sending (the node stopped), or the call itself threw.
			if (!sending) ticket.cancel();
			else if (outcome === undefined) ticket.answered('failed');
		}
		const { kind, retryAfterMs } = call.classify(outcome);
		ticket.answered(kind, retryAfterMs);
		if (kind !== 'rateLimited' || !(call.waitBudgetMs > 0)) return { outcome, waitBudgetSpent: false };
		if (limited === undefined) deadline = now() + call.waitBudgetMs;
		limited = outcome;
		refusals++;
		if (now() >= deadline) return { outcome, waitBudgetSpent: true };
	}
}

/** A vendor's answer as the nodes' adapters give it (OCR and verification alike). */
type VendorAnswer = { ok: true } | { ok: false; error: InvoiceErrorInfo; retryAfterMs?: number };

/** How the gate learns from an answer: success, a rate limit (with its Retry-After), or other. */
export function rateAnswer(outcome: VendorAnswer): { kind: AnswerKind; retryAfterMs?: number } {
	if (outcome.ok) return { kind: 'ok' };
	if (outcome.error.code === 'RATE_LIMITED') return { kind: 'rateLimited', retryAfterMs: outcome.retryAfterMs };
	return { kind: 'failed' };
}

/** The rate-limit answer that stands once the wait budget is spent, saying so. */
export function waitedTooLong<T extends VendorAnswer>(outcome: T, vendorName: string, budgetMs: number): T {
	if (outcome.ok) return outcome;
	const seconds = Math.round(budgetMs / 1000);
	return {
		...outcome,
		error: {
			...outcome.error,
			message: `${vendorName} kept limiting the request rate, and another turn would not come within the Rate-Limit Wait Budget (${seconds} s). Raise the budget, or spread the work over more time.`,
		},
	};
}
