'use strict';
// @ts-check
/**
 * What processes that share one vendor account can get out of it at all, without talking to each
 * other: a model of the vendor's sliding one-second window (only accepted requests count, as in the
 * fakes' `qpsCap`) fed by N senders at fixed rates, with no limiter logic in the way.
 *
 * - "pacing": each sender spaces its requests evenly at an equal share of the offered rate, from a
 *   random phase, with ±30% jitter per gap (what a rate limiter per process does at best);
 * - "holding places": each of the cap's places in the window belongs to one sender, which sends
 *   again 1.02 s after each accepted request (a request that found room finds it again a window
 *   later); the places are dealt out round robin and never change hands;
 * - "holding places through batches": the same, for the bench's sharing rows (equal batches started
 *   together), with places found and lost through probes (see placesThroughBatches).
 *
 * One process alone is not modelled: its limiter paces without jitter and waits for the window to
 * have room (the adaptive rows measure it). Prints the share of the cap accepted and the share of
 * requests refused. Run alone
 * (`node test/bench/sharing-limits.js`) or as the bench's `sharing` section.
 */

const CAP = 10;
const SECONDS = 120;
const LATENCY_JITTER_MS = 8;
const PLACE_PERIOD_MS = 1020;
const BATCH_ITEMS = 60;
const BATCH_LATENCY_MS = 300;

/** A deterministic random source (Park–Miller), so the table is the same on every run. */
function seeded(seed) {
	let state = seed;
	return () => {
		state = (state * 16807) % 2147483647;
		return state / 2147483647;
	};
}

/** The vendor's window: a request is refused when the last second already holds `cap` accepted ones. */
function slidingWindow(cap) {
	let accepted = [];
	const counts = { ok: 0, refused: 0 };
	return {
		/** Whether a request arriving at `at` (ms, in arrival order) is accepted. */
		offer(at) {
			accepted = accepted.filter((time) => at - time < 1000);
			if (accepted.length >= cap) {
				counts.refused++;
				return false;
			}
			accepted.push(at);
			counts.ok++;
			return true;
		},
		figures: () => ({ ofCap: counts.ok / SECONDS / cap, refusedShare: counts.refused / (counts.ok + counts.refused) }),
	};
}

function pacing(senders, offeredOverCap, seed) {
	const random = seeded(seed);
	const each = (CAP * offeredOverCap) / senders;
	const arrivals = [];
	for (let sender = 0; sender < senders; sender++) {
		for (let at = (random() * 1000) / each; at < SECONDS * 1000; at += (1000 / each) * (0.7 + 0.6 * random())) {
			arrivals.push(at + random() * LATENCY_JITTER_MS);
		}
	}
	const vendor = slidingWindow(CAP);
	for (const at of arrivals.sort((a, b) => a - b)) vendor.offer(at);
	return vendor.figures();
}

/**
 * Holding places: the vendor is asked in arrival order, and a sender sends again one period after
 * each accepted request of its own (an event simulation, since acceptance decides the next send).
 */
function holdingPlaces(senders, seed) {
	const random = seeded(seed);
	// Each place starts at its own moment of the first second, as slow start would leave them.
	const pending = Array.from({ length: CAP }, (_, place) => ({ sender: place % senders, at: (place * 1000) / CAP + random() * 50 }));
	const vendor = slidingWindow(CAP);
	while (pending.length > 0) {
		pending.sort((a, b) => a.at - b.at);
		const next = pending.shift();
		if (!next || next.at >= SECONDS * 1000) break;
		// Accepted: sends again one period later; refused (lost its place): tries again a window later.
		const again = vendor.offer(next.at + random() * LATENCY_JITTER_MS) ? PLACE_PERIOD_MS : 1000 + random() * 200;
		pending.push({ sender: next.sender, at: next.at + again });
	}
	return vendor.figures();
}

/**
 * Holding places through whole batches: the best scheme found for separate processes, with the
 * probing the cap-3 row affords. Each sender has `items` files; the cap's places are dealt out round
 * robin at the start (fairer than a real start, and with none of its refusals), and a place is re-sent
 * one period after each acceptance while its sender has work. Extra capacity (a place another sender
 * finished with) can only be found by a probe: an extra request, refused while the window is full.
 * A lone process at cap 3 holds 3 places and sees exactly what a sender holding 3 of 10 places sees,
 * so it must probe the same way; its 45-file run may be refused at most 5 times (10 %), of which
 * starting at the vendor's default rate already costs 3, so it affords a probe per 7.5 s holding
 * 3 places: 2.5 s per place held (`probeEvery` 1), fewer places probing more often. An accepted probe
 * becomes a place, and the sender probes again at once (claiming what is free). Latency is
 * BATCH_LATENCY_MS; the share of the cap is counted over the span from the start to the last answer.
 */
function placesThroughBatches(senders, items, probeEvery, seed) {
	const random = seeded(seed);
	const PROBE_MS_PER_PLACE = 2500 * probeEvery;
	const vendor = slidingWindow(CAP);
	const state = Array.from({ length: senders }, () => ({ remaining: items, outstanding: 0, places: 0 }));
	/** @type {Array<{ at: number, kind: 'place' | 'probe' | 'answer', sender: number, accepted?: boolean, probe?: boolean }>} */
	const events = [];
	for (let place = 0; place < CAP; place++) {
		state[place % senders].places++;
		events.push({ at: place * 10, kind: 'place', sender: place % senders });
	}
	const probeInterval = (sender) => PROBE_MS_PER_PLACE * Math.max(1, state[sender].places) * (0.5 + random());
	for (let sender = 0; sender < senders; sender++) events.push({ at: probeInterval(sender), kind: 'probe', sender });
	let lastAnswer = 0;
	const send = (at, sender, probe) => {
		state[sender].outstanding++;
		const accepted = vendor.offer(at + BATCH_LATENCY_MS);
		events.push({ at: at + 2 * BATCH_LATENCY_MS, kind: 'answer', sender, accepted, probe });
		return accepted;
	};
	while (events.length > 0) {
		events.sort((a, b) => a.at - b.at);
		const event = /** @type {(typeof events)[number]} */ (events.shift());
		const own = state[event.sender];
		const hasWork = own.remaining - own.outstanding > 0;
		if (event.kind === 'answer') {
			own.outstanding--;
			lastAnswer = event.at;
			if (event.accepted) own.remaining--;
			if (event.probe && event.accepted) {
				own.places++;
				events.push({ at: event.at - 2 * BATCH_LATENCY_MS + PLACE_PERIOD_MS, kind: 'place', sender: event.sender });
				events.push({ at: event.at, kind: 'probe', sender: event.sender });
			} else if (event.probe && own.remaining > 0) {
				events.push({ at: event.at + probeInterval(event.sender), kind: 'probe', sender: event.sender });
			}
		} else if (event.kind === 'place') {
			if (own.remaining === 0) own.places--;
			else if (!hasWork || send(event.at, event.sender, false)) events.push({ ...event, at: event.at + PLACE_PERIOD_MS });
			// Refused: another sender's probe took this place.
			else own.places--;
		} else if (own.remaining > 0) {
			if (hasWork) send(event.at, event.sender, true);
			else events.push({ ...event, at: event.at + probeInterval(event.sender) });
		}
	}
	const { refusedShare } = vendor.figures();
	return { ofCap: (senders * items) / (lastAnswer / 1000) / CAP, refusedShare };
}

/** Who gets which place and when probes fall vary from run to run: the median of 9 seeded runs. */
function medianOfRuns(run) {
	const runs = Array.from({ length: 9 }, (_, index) => run(index + 1));
	const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
	return { ofCap: median(runs.map((r) => r.ofCap)), refusedShare: median(runs.map((r) => r.refusedShare)) };
}

const percent = (value) => `${Math.round(value * 100)} %`;
const cell = ({ ofCap, refusedShare }) => `${ofCap.toFixed(2)} / ${percent(refusedShare)}`;

function sharingLimitsSection() {
	const offered = [0.9, 1, 1.05, 1.1, 1.2];
	const header = ['senders', ...offered.map((ratio) => `pacing, offered ${ratio} × cap`), 'holding places'];
	const rows = [3, 6].map((senders) => [
		String(senders),
		...offered.map((ratio) => cell(pacing(senders, ratio, 7 + senders))),
		cell(holdingPlaces(senders, 7 + senders)),
	]);
	const lines = [
		`| ${header.join(' | ')} |`,
		`| ${header.map(() => '---').join(' | ')} |`,
		...rows.map((row) => `| ${row.join(' | ')} |`),
	];
	const probing = [1, 0.5, 0.25, 0.125];
	const batchHeader = ['senders × files', ...probing.map((every) => `probing ${every === 1 ? 'as the cap-3 row affords' : `${1 / every} × as often`}`)];
	const batchRows = [3, 6].map((senders) => [
		`${senders} × ${BATCH_ITEMS}`,
		...probing.map((every) => cell(medianOfRuns((seed) => placesThroughBatches(senders, BATCH_ITEMS, every, seed)))),
	]);
	return [
		`Each cell: share of the cap accepted / share of requests refused, cap ${CAP}/s, ${SECONDS} s modelled.`,
		'',
		...lines,
		'',
		`Holding places through equal batches started together (the bench's sharing rows), cap ${CAP}/s, ${BATCH_LATENCY_MS} ms latency, no refusals counted for the start; share of the cap over the span of the batches / share of requests refused, median of 9 seeded runs:`,
		'',
		`| ${batchHeader.join(' | ')} |`,
		`| ${batchHeader.map(() => '---').join(' | ')} |`,
		...batchRows.map((row) => `| ${row.join(' | ')} |`),
	].join('\n');
}

module.exports = { sharingLimitsSection };

if (require.main === module) console.log(sharingLimitsSection());
