import { LoggerProxy } from 'n8n-workflow';
import { pngItem, runOcr, withFakes } from './support';
test('scratch', async () => {
	const lines: string[] = [];
	const cap = (l: string) => (m: string) => { lines.push(l + ' ' + m); };
	LoggerProxy.init({ error: cap('e'), warn: cap('w'), info: cap('i'), debug: cap('d') } as never);
	const fakes = await withFakes();
	for (let i = 0; i < 4; i++) {
		const t0 = Date.now();
		await runOcr(fakes, 'juhe', { items: [pngItem(), pngItem(), pngItem(), pngItem(), pngItem(), pngItem()], parameters: { options: { concurrency: 6, requestsPerSecond: 100 } } });
		lines.push(`run ${Date.now() - t0} ms`);
	}
	await fakes.closeAll();
	expect(lines).toEqual([]);
});
