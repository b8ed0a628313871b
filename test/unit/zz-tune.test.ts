import { SimulatedClock, SimulatedVendor, simulate, summarize, seededRandom } from './rateControlSim';

const scenarios: Array<[string, number, Array<{ process: number; items: number; startAt?: number; ceiling?: number; parallel?: number }>]> = [
	['cap 3, 45 items', 3, [{ process: 0, items: 45 }]],
	['cap 4, 100 items', 4, [{ process: 0, items: 100 }]],
	['cap 10, 150 items', 10, [{ process: 0, items: 150 }]],
	['cap 10, 300 items', 10, [{ process: 0, items: 300 }]],
	['cap 25, 100 items', 25, [{ process: 0, items: 100 }]],
	['cap 30, 450 items', 30, [{ process: 0, items: 450 }]],
	['cap 10, 3 procs x 50', 10, [0, 1, 2].map((process) => ({ process, items: 50 }))],
	['cap 10, 6 procs x 25', 10, [0, 1, 2, 3, 4, 5].map((process) => ({ process, items: 25 }))],
	['cap 10, 3 procs x 60 staggered', 10, [0, 1, 2].map((process) => ({ process, items: 60, startAt: process * 700 }))],
	['cap 10, 2 execs one proc', 10, [0, 0].map((process) => ({ process, items: 75 }))],
	['cap 10, 6 procs x 100', 10, [0, 1, 2, 3, 4, 5].map((process) => ({ process, items: 100 }))],
];

test.each(scenarios)('%s', async (name, cap, executions) => {
	const clock = new SimulatedClock();
	const vendor = new SimulatedVendor(clock, { cap, latencyMs: 300, jitterMs: 8, random: seededRandom(7) });
	const results = await simulate({ clock, vendor, executions });
	const s = summarize(vendor, results, cap);
	const perProcess = results.map((r) => `${r.ok}@${((r.endedAt - r.startedAt) / 1000).toFixed(1)}s`).join(' ');
	require('fs').appendFileSync('/tmp/h6/tune.txt', `${name}: ok ${s.ok} failed ${s.failed} ${s.seconds.toFixed(1)}s ofCap ${s.ofCap.toFixed(3)} refused ${(s.refusedShare * 100).toFixed(1)}% busiest ${s.busiestSecond} [${perProcess}]\n`);
});
test.each([
	['cap 10, 2 procs staggered 2s x 100', 10, [0, 1].map((process) => ({ process, items: 100, startAt: process * 2000 }))],
	['cap 10, 6 procs staggered 0.3 x 50', 10, [0, 1, 2, 3, 4, 5].map((process) => ({ process, items: 50, startAt: process * 300 }))],
] as const)('%s', async (name, cap, executions) => {
	const clock = new SimulatedClock();
	const vendor = new SimulatedVendor(clock, { cap, latencyMs: 300, jitterMs: 8, random: seededRandom(7) });
	const results = await simulate({ clock, vendor, executions: executions as any });
	const s = summarize(vendor, results, cap);
	const perProcess = results.map((r) => `${r.ok}@${((r.endedAt - r.startedAt) / 1000).toFixed(1)}s`).join(' ');
	require('fs').appendFileSync('/tmp/h6/tune.txt', `${name}: ok ${s.ok} failed ${s.failed} ${s.seconds.toFixed(1)}s ofCap ${s.ofCap.toFixed(3)} refused ${(s.refusedShare * 100).toFixed(1)}% busiest ${s.busiestSecond} [${perProcess}]\n`);
});
