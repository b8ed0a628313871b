/**
 * The rate limiter on a simulated clock against a simulated vendor that caps requests per second
 * in a sliding one-second window, as the real vendors (and the fakes' `qpsCap`) do. Time only
 * moves when every task waits on it, so minutes of traffic run in milliseconds, repeatably.
 */
import { mapWithConcurrency, RateGate } from '../../nodes/shared/execution/pacing';
import { nextMacrotask } from '../support/node';
import {
	accountLimiter,
	AccountLimiter,
	forgetLearnedRates,
	BURST_START_ALLOWANCE_MS,
	RATE_SAFETY_MARGIN,
	RateController,
	rateAnswer,
	sendRateControlled,
	waitedTooLong,
	WINDOW_MS,
} from '../../nodes/shared/execution/rateControl';
import { invoiceError } from '../../nodes/shared/errors';
import { busiestSecond } from '../support/busiestSecond';
import type { ExecutionPlan } from './rateControlSim';
import { JUHE_DEFAULTS, seededRandom, SimulatedClock, SimulatedVendor, simulate, summarize } from './rateControlSim';

async function run(cap: number, executions: ExecutionPlan[], seed = 7) {
	const clock = new SimulatedClock();
	const vendor = new SimulatedVendor(clock, { cap, latencyMs: 300, jitterMs: 8, random: seededRandom(seed) });
	const limiters = new Map<number, AccountLimiter>();
	const results = await simulate({ clock, vendor, executions, limiters });
	return { clock, vendor, limiters, results, summary: summarize(vendor, results, cap) };
}

/** A vendor that answers every request "rate limited" (with this Retry-After), sent to under this wait budget. */
async function alwaysRateLimited({ waitBudgetMs, retryAfterMs }: { waitBudgetMs: number; retryAfterMs?: number }) {
	const clock = new SimulatedClock();
	const limiter = new AccountLimiter(JUHE_DEFAULTS, 10, clock);
	let sent = 0;
	const result = await clock.run(
		sendRateControlled(new RateGate(limiter), {
			send: async () => {
				sent++;
				return 'rateLimited' as const;
			},
			classify: (answer) => ({ kind: answer, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) }),
			waitBudgetMs,
			now: clock.now,
		}),
	);
	return { clock, result, calls: () => sent };
}

describe('auto mode learns a cap nobody told it', () => {
	test.each([
		[3, 45],
		[4, 100],
		[10, 300],
		[25, 400],
		[30, 450],
	])('cap %i/s, %i files: none fail, ≥ 0.9 of the cap, ≤ 10%% of requests rate-limited', async (cap, items) => {
		const { summary } = await run(cap, [{ process: 0, items }]);
		expect(summary.ok).toBe(items);
		expect(summary.failed).toBe(0);
		expect(summary.ofCap).toBeGreaterThanOrEqual(0.9);
		expect(summary.refusedShare).toBeLessThanOrEqual(0.1);
	});

	test('starts at the vendor default and climbs past it by slow start, then settles just under the cap', async () => {
		const { limiters, summary } = await run(30, [{ process: 0, items: 450 }]);
		const rate = limiters.get(0)!.controller.currentRate;
		expect(rate).toBeGreaterThan(30 * 0.9);
		expect(rate).toBeLessThanOrEqual(30 * 1.05);
		// 10/s would need 45 s; the cap allows 15.
		expect(summary.seconds).toBeLessThan(17.5);
	});

	test('parallel requests follow the learned rate × latency (30/s at 300 ms needs more than the default 5)', async () => {
		const { results, limiters } = await run(30, [{ process: 0, items: 300 }]);
		const controller = limiters.get(0)!.controller;
		expect(controller.stats.latencyMs).toBeGreaterThanOrEqual(300);
		expect(results[0].maxInFlight).toBeGreaterThan(JUHE_DEFAULTS.concurrency);
		expect(controller.parallelism()).toBe(
			Math.ceil(controller.currentRate * (controller.stats.latencyMs! / 1000) * 1.5) + 1,
		);
	});

	test('what was learned carries into the next execution in the process: it starts under the cap', async () => {
		const clock = new SimulatedClock();
		const vendor = new SimulatedVendor(clock, { cap: 4, latencyMs: 300, jitterMs: 8, random: seededRandom(3) });
		const limiters = new Map<number, AccountLimiter>();
		await simulate({ clock, vendor, limiters, executions: [{ process: 0, items: 40 }] });
		const refusedFirst = vendor.log.requests.filter((entry) => entry.refused).length;
		expect(refusedFirst).toBeGreaterThan(0);
		vendor.log.requests.length = 0;
		const second = await simulate({ clock, vendor, limiters, executions: [{ process: 0, items: 40 }] });
		expect(second[0].failed).toBe(0);
		expect(vendor.log.requests.filter((entry) => entry.refused).length).toBeLessThanOrEqual(1);
	});
});

describe('a number the user sets is a hard ceiling', () => {
	test('never exceeded, whatever the vendor allows', async () => {
		const { vendor, summary } = await run(1000, [{ process: 0, items: 60, ceiling: 5 }]);
		expect(summary.failed).toBe(0);
		expect(vendor.busiestSecond()).toBeLessThanOrEqual(5);
		// And used: 60 files at 5/s (3% under it) take about 12 s, not the vendor default's 6.
		expect(summary.seconds).toBeGreaterThan(11.5);
	});

	test('the first request of a burst may reach the vendor late (a new connection): the first window still holds no more', () => {
		const controller = new RateController(JUHE_DEFAULTS, 10);
		const ceiling = 3;
		/** Releases a backlog of `count` requests from `from` on, each as soon as the controller allows. */
		const releaseBacklog = (from: number, count: number): number[] => {
			const times: number[] = [];
			for (let now = from; times.length < count; ) {
				now = Math.max(now, controller.nextReleaseAt(ceiling));
				controller.release(now, ceiling);
				times.push(now);
			}
			return times;
		};
		for (const from of [0, 20_000]) {
			const sent = releaseBacklog(from, 9);
			expect(sent[0]).toBe(from);
			// The burst's second window opens late by the allowance, then the spacing is the ceiling's again.
			expect(sent[3] - sent[0]).toBeCloseTo(WINDOW_MS + BURST_START_ALLOWANCE_MS, 6);
			expect(sent[8] - sent[7]).toBeCloseTo((1000 * RATE_SAFETY_MARGIN) / ceiling, 6);
			// The first request arrives up to the allowance late, the rest on time: never 4 in a second.
			for (const lateBy of [0, 100, BURST_START_ALLOWANCE_MS - 1]) {
				expect(busiestSecond(sent.map((t, index) => (index === 0 ? t + lateBy : t)))).toBe(ceiling);
			}
			// Spaced by the ceiling alone, 4 would have arrived in one second.
			const spacedOnly = sent.slice(0, 3).concat(sent[2] + (1000 * RATE_SAFETY_MARGIN) / ceiling);
			expect(busiestSecond(spacedOnly.map((t, index) => (index === 0 ? t + 100 : t)))).toBe(ceiling + 1);
		}
	});

	test('a ceiling above the real cap: the node slows below it and loses nothing', async () => {
		const { summary } = await run(6, [{ process: 0, items: 60, ceiling: 20 }]);
		expect(summary.failed).toBe(0);
		expect(summary.ok).toBe(60);
	});

	test('a set Parallel Requests is kept (one at a time)', async () => {
		const { results } = await run(10, [{ process: 0, items: 20, parallel: 1 }]);
		expect(results[0].maxInFlight).toBe(1);
		expect(results[0].failed).toBe(0);
	});
});

describe('rate-limit answers', () => {
	test('one cut per window: refusals of requests already in flight do not cut again', () => {
		const controller = new RateController(JUHE_DEFAULTS, 10);
		const sent = Array.from({ length: 10 }, (_, index) => controller.release(index * 100));
		// The vendor took the first three, refused the rest; answers come back 300 ms later, in order.
		sent.forEach((record, index) =>
			controller.answered(record, index < 3 ? 'ok' : 'rateLimited', record.sentAt + 300),
		);
		expect(controller.currentRate).toBeCloseTo(3 / RATE_SAFETY_MARGIN, 5);
	});

	test('a refusal the cut already covered still lets the rate be probed up again later', () => {
		// Sharing (refused with nothing taken): a short hold, so the probe round starts before the
		// cut's window ends. A request sent in that round and refused within the window must not
		// block probing for good: it only restarts the round.
		const controller = new RateController(JUHE_DEFAULTS, 10, () => 0);
		controller.answered(controller.release(0), 'rateLimited', 300);
		const cutTo = controller.currentRate;
		expect(cutTo).toBeLessThan(10);
		const inRound = controller.release(100);
		controller.answered(inRound, 'rateLimited', 400);
		expect(controller.currentRate).toBe(cutTo);
		// Then the vendor takes everything, for seconds, without a pause in the work.
		for (let at = 200; at <= 8000; at += 100) controller.answered(controller.release(at), 'ok', at + 300);
		expect(controller.currentRate).toBeGreaterThan(cutTo);
	});

	test('after a refusal nothing is released until the window has room again', () => {
		const controller = new RateController(JUHE_DEFAULTS, 10);
		const sent = Array.from({ length: 4 }, (_, index) => controller.release(index * 100));
		sent.forEach((record, index) => controller.answered(record, index < 3 ? 'ok' : 'rateLimited', record.sentAt + 300));
		// The oldest accepted request (sent at 0) leaves the vendor's window a second later.
		expect(controller.nextReleaseAt()).toBeGreaterThanOrEqual(1000);
	});

	test("the vendor's Retry-After holds every release back at least that long", () => {
		const controller = new RateController(JUHE_DEFAULTS, 10);
		const record = controller.release(0);
		controller.answered(record, 'rateLimited', 300, 5000);
		expect(controller.nextReleaseAt()).toBeGreaterThanOrEqual(5300);
	});

	test('a refused request waits its turn and is sent again, not failed', async () => {
		const clock = new SimulatedClock();
		const limiter = new AccountLimiter(JUHE_DEFAULTS, 10, clock);
		const answers = ['rateLimited', 'rateLimited', 'ok'] as const;
		let calls = 0;
		const result = await clock.run(
			sendRateControlled(new RateGate(limiter), {
				send: async () => answers[calls++],
				classify: (answer) => ({ kind: answer }),
				waitBudgetMs: 60_000,
				now: clock.now,
			}),
		);
		expect(result).toEqual({ outcome: 'ok', waitBudgetSpent: false });
		expect(calls).toBe(3);
	});

	test('past the wait budget the rate-limit answer stands, and nothing more is sent', async () => {
		const { clock, result, calls } = await alwaysRateLimited({ waitBudgetMs: 20_000 });
		expect(result.waitBudgetSpent).toBe(true);
		expect(result.outcome).toBe('rateLimited');
		expect(clock.now()).toBeLessThanOrEqual(21_000);
		const sentBeforeEnd = calls();
		await clock.run(clock.sleep(60_000));
		expect(calls()).toBe(sentBeforeEnd);
		// It backed off: far fewer than 10/s for 20 s.
		expect(calls()).toBeLessThan(40);
	});

	test('a wait budget of 0 returns the first rate-limit answer (Max Retries then decide)', async () => {
		const { result, calls } = await alwaysRateLimited({ waitBudgetMs: 0 });
		expect(result).toEqual({ outcome: 'rateLimited', waitBudgetSpent: false });
		expect(calls()).toBe(1);
	});

	test('a Retry-After longer than the budget left fails at once instead of sleeping past it', async () => {
		const { clock, result, calls } = await alwaysRateLimited({ waitBudgetMs: 30_000, retryAfterMs: 120_000 });
		expect(result.waitBudgetSpent).toBe(true);
		expect(calls()).toBe(1);
		expect(clock.now()).toBeLessThan(1000);
	});

	test('quota, auth and bad-input answers are final at once', () => {
		for (const code of ['QUOTA_EXCEEDED', 'AUTH_FAILED', 'INVALID_INPUT'] as const) {
			expect(rateAnswer({ ok: false, error: invoiceError(code) }).kind).toBe('failed');
		}
		expect(rateAnswer({ ok: false, error: invoiceError('RATE_LIMITED'), retryAfterMs: 1500 })).toEqual({
			kind: 'rateLimited',
			retryAfterMs: 1500,
		});
		expect(rateAnswer({ ok: true }).kind).toBe('ok');
	});

	test('the answer that stands after the budget says so and keeps the vendor fields', () => {
		const error = invoiceError('RATE_LIMITED', { vendor: 'juhe', vendorCode: 10011, vendorMessage: '超过每秒频次限制' });
		const outcome = waitedTooLong({ ok: false as const, error }, 'Juhe', 300_000);
		expect(outcome.error).toMatchObject({ code: 'RATE_LIMITED', vendor: 'juhe', vendorCode: '10011', retryable: true });
		expect(outcome.error.message).toContain('Rate-Limit Wait Budget (300 s)');
	});
});

describe('one account shared', () => {
	test('two executions in one process share one limiter: nothing lost, the cap holds', async () => {
		const { vendor, summary } = await run(10, [
			{ process: 0, items: 100 },
			{ process: 0, items: 100 },
		]);
		expect(summary.failed).toBe(0);
		expect(summary.ok).toBe(200);
		expect(summary.ofCap).toBeGreaterThanOrEqual(0.9);
		expect(vendor.busiestSecond()).toBeLessThanOrEqual(10);
	});

	test.each([3, 6])('%i processes, one limiter each, sharing a cap of 10/s: nothing lost', async (count) => {
		// One seeded run sits within a few refusals of the limit either way; the median of nine does not.
		const refusedShares: number[] = [];
		for (let seed = 1; seed <= 9; seed++) {
			const { summary } = await run(
				10,
				Array.from({ length: count }, (_, process) => ({ process, items: 60 })),
				seed,
			);
			expect(summary.failed).toBe(0);
			expect(summary.ok).toBe(count * 60);
			refusedShares.push(summary.refusedShare);
		}
		expect(refusedShares.sort((a, b) => a - b)[4]).toBeLessThanOrEqual(0.15);
	});

	test('processes that share an account use its cap together, and neither is starved', async () => {
		const { vendor, results } = await run(10, [
			{ process: 0, items: 500 },
			{ process: 1, items: 500, startAt: 3000 },
		]);
		expect(results.every((result) => result.failed === 0)).toBe(true);
		// From 10 s to 40 s both run (the newcomer joined at 3 s).
		const span = vendor.log.requests.filter((entry) => entry.at >= 10_000 && entry.at < 40_000);
		const accepted = span.filter((entry) => !entry.refused);
		expect(accepted.length / 30).toBeGreaterThanOrEqual(9);
		for (const process of [0, 1]) {
			expect(accepted.filter((entry) => entry.process === process).length / 30).toBeGreaterThanOrEqual(1.5);
		}
		expect(span.filter((entry) => entry.refused).length / span.length).toBeLessThanOrEqual(0.15);
	});
});

/**
 * One limiter, one vendor capped at 10/s (300 ms latency), a batch where the vendor answers "rate limited" to one
 * request every time (a file it keeps refusing), and, when `later` is set, another execution's batch starting
 * `later.startAt` ms after the first began (while the stubborn request may still be waiting). Returns when each
 * request of the first batch finished and what it got.
 */
async function batchWithStubbornRequest({
	items,
	stubborn,
	waitBudgetMs,
	later,
}: {
	items: number;
	stubborn: number;
	waitBudgetMs: number;
	later?: { startAt: number; items: number };
}) {
	const clock = new SimulatedClock();
	const vendor = new SimulatedVendor(clock, { cap: 10, latencyMs: 300, jitterMs: 8, random: seededRandom(3) });
	const limiter = new AccountLimiter(JUHE_DEFAULTS, 10 / RATE_SAFETY_MARGIN, clock, seededRandom(5));
	const gate = new RateGate(limiter);
	const finishedAt: number[] = [];
	let stubbornSent = 0;
	const send = async (index: number | null) => {
		if (index !== stubborn) return await vendor.request(0);
		stubbornSent++;
		await clock.sleep(300);
		return 'rateLimited' as const;
	};
	const batch = async (count: number, stubbornIndex: number | null) =>
		await mapWithConcurrency(
			Array.from({ length: count }, (_, index) => index),
			() => gate.parallelism(),
			async (index) => {
				const { outcome } = await sendRateControlled(gate, {
					send: async () => await send(index === stubbornIndex ? stubborn : null),
					classify: (answer) => ({ kind: answer }),
					waitBudgetMs,
					now: clock.now,
				});
				if (stubbornIndex !== null) finishedAt[index] = clock.now();
				return outcome;
			},
		);
	let rateAfterFirst = NaN;
	const [first, second] = await clock.run(
		Promise.all([
			(async () => {
				const outcomes = await batch(items, stubborn);
				rateAfterFirst = limiter.controller.currentRate;
				return outcomes;
			})(),
			(async () => {
				if (!later) return null;
				await clock.sleep(later.startAt);
				const outcomes = await batch(later.items, null);
				return { outcomes, seconds: (clock.now() - later.startAt) / 1000 };
			})(),
		]),
	);
	return { first, finishedAt, rateAfterFirst, stubbornSent: () => stubbornSent, second };
}

describe('one request the vendor keeps refusing', () => {
	test('the other files keep their turns: they finish at the cap while it waits out its budget', async () => {
		const { first, finishedAt, rateAfterFirst, stubbornSent } = await batchWithStubbornRequest({
			items: 100,
			stubborn: 3,
			waitBudgetMs: 120_000,
		});
		const others = first.filter((_, index) => index !== 3);
		expect(others.every((outcome) => outcome === 'ok')).toBe(true);
		expect(first[3]).toBe('rateLimited');
		// 99 requests at 10/s take about 10 s; held behind the stubborn one they would take its whole budget.
		const lastOther = Math.max(...finishedAt.filter((_, index) => index !== 3));
		expect(lastOther).toBeLessThan(15_000);
		// It kept trying, backing off (not once per window: that would be over 100 sends), until its next turn
		// would come after its budget.
		expect(finishedAt[3]).toBeGreaterThanOrEqual(60_000);
		expect(finishedAt[3]).toBeLessThanOrEqual(121_000);
		expect(stubbornSent()).toBeGreaterThan(3);
		expect(stubbornSent()).toBeLessThan(20);
		// Its refusals taught nothing: the learned rate stays near the cap, not at the floor.
		expect(rateAfterFirst).toBeGreaterThanOrEqual(8);
	});

	test('while it waits, refused alone, the next execution on that account still runs at the cap', async () => {
		// The other 29 files are done in about 3 s; then the stubborn one is refused alone, with nothing else of ours
		// taken in its window, for the rest of its 60 s budget. Another execution starts at 30 s.
		const { first, second } = await batchWithStubbornRequest({
			items: 30,
			stubborn: 0,
			waitBudgetMs: 60_000,
			later: { startAt: 30_000, items: 100 },
		});
		expect(first[0]).toBe('rateLimited');
		expect(second?.outcomes.every((outcome) => outcome === 'ok')).toBe(true);
		// 100 at a cap of 10/s: 10 s at best.
		expect(100 / (second?.seconds ?? Infinity) / 10).toBeGreaterThanOrEqual(0.8);
	});
});

describe('the learned rate recovers', () => {
	test('after a spell where the account refused everything (nothing taken), the rate climbs back to the cap', async () => {
		const clock = new SimulatedClock();
		const vendor = new SimulatedVendor(clock, { cap: 0, latencyMs: 300, jitterMs: 8, random: seededRandom(11) });
		const limiter = new AccountLimiter(JUHE_DEFAULTS, 10 / RATE_SAFETY_MARGIN, clock, seededRandom(13));
		const gate = new RateGate(limiter);
		const send = async () =>
			await sendRateControlled(gate, {
				send: async () => await vendor.request(0),
				classify: (answer) => ({ kind: answer }),
				waitBudgetMs: 300_000,
				now: clock.now,
			});
		const results = await clock.run(
			(async () => {
				// Another user of the account takes all of it for 20 s; then it is ours again.
				const spell = (async () => {
					await clock.sleep(20_000);
					vendor.cap = 10;
				})();
				const firstBatch = await mapWithConcurrency(Array.from({ length: 20 }), () => gate.parallelism(), send);
				await spell;
				const sentInSpell = vendor.log.requests.filter((entry) => entry.at < 20_000).length;
				await clock.sleep(1000);
				const startedAt = clock.now();
				const secondBatch = await mapWithConcurrency(Array.from({ length: 600 }), () => gate.parallelism(), send);
				return { firstBatch, sentInSpell, secondBatch, seconds: (clock.now() - startedAt) / 1000 };
			})(),
		);
		expect(results.firstBatch.every(({ outcome }) => outcome === 'ok')).toBe(true);
		expect(results.secondBatch.every(({ outcome }) => outcome === 'ok')).toBe(true);
		// During the spell the process backed off (at its default 10/s it would have sent 200 requests)…
		expect(results.sentInSpell).toBeLessThan(60);
		// …and afterwards the next execution runs at the cap again, not at the floor the cuts reached.
		expect(600 / results.seconds / 10).toBeGreaterThanOrEqual(0.85);
		expect(limiter.controller.currentRate).toBeGreaterThanOrEqual(9);
	});
});

describe('the registry and the pool', () => {
	test('one limiter per key in the process', () => {
		forgetLearnedRates();
		const first = accountLimiter('juhe:ocr:1', JUHE_DEFAULTS);
		expect(accountLimiter('juhe:ocr:1', JUHE_DEFAULTS)).toBe(first);
		expect(accountLimiter('juhe:ocr:2', JUHE_DEFAULTS)).not.toBe(first);
		forgetLearnedRates();
		expect(accountLimiter('juhe:ocr:1', JUHE_DEFAULTS)).not.toBe(first);
	});

	test('mapWithConcurrency reads a changing limit and keeps input order', async () => {
		let limit = 1;
		let inFlight = 0;
		const seen: number[] = [];
		const results = await mapWithConcurrency(
			Array.from({ length: 30 }, (_, index) => index),
			() => limit,
			async (value, index) => {
				inFlight++;
				seen.push(inFlight);
				if (index === 5) limit = 4;
				await nextMacrotask();
				inFlight--;
				return value * 2;
			},
		);
		expect(results).toEqual(Array.from({ length: 30 }, (_, index) => index * 2));
		expect(seen.slice(0, 5).every((count) => count === 1)).toBe(true);
		expect(Math.max(...seen)).toBe(4);
	});
});
