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
 *   later); the places are dealt out round robin and never change hands.
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
	return [
		`Each cell: share of the cap accepted / share of requests refused, cap ${CAP}/s, ${SECONDS} s modelled.`,
		'',
		...lines,
	].join('\n');
}

module.exports = { sharingLimitsSection };

if (require.main === module) console.log(sharingLimitsSection());
