import { AccountLimiter } from '../../nodes/shared/execution/rateControl';
import { SimulatedClock, SimulatedVendor, simulate, summarize, seededRandom } from './rateControlSim';

test("trace", async () => {
	const stagger = Number(process.env.STAGGER ?? 0);
	const clock = new SimulatedClock();
	const cap = Number(process.env.CAP ?? 10);
	const n = Number(process.env.PROCS ?? 3);
	const items = Number(process.env.ITEMS ?? 50);
	const vendor = new SimulatedVendor(clock, { cap, latencyMs: 300, jitterMs: 8, random: seededRandom(7) });
	const limiters = new Map<number, AccountLimiter>();
	const lines: string[] = [];
	let done = false;
	const sampler = (async () => {
		while (!done) {
			await clock.sleep(500);
			const t = clock.now();
			const recent = vendor.log.requests.filter((r) => r.at > t - 500);
			lines.push(`${(t / 1000).toFixed(1)}s ` + [...limiters.entries()].map(([p, l]) => `p${p}:${l.controller.currentRate.toFixed(2)}/${recent.filter(r => r.process === p && !r.refused).length}${recent.filter(r => r.process === p && r.refused).length ? 'x' + recent.filter(r => r.process === p && r.refused).length : ''}`).join(' '));
		}
	})();
	const results = await simulate({ clock, vendor, limiters, executions: Array.from({ length: n }, (_, process) => ({ process, items, startAt: process * stagger })) });
	done = true;
	await clock.run(sampler);
	const s = summarize(vendor, results, cap);
	require('fs').writeFileSync('/tmp/h6/trace.txt', lines.join('\n') + '\n' + JSON.stringify(s) + '\n');
});
