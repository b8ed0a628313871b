/** The most of these times (milliseconds) that fall within any one second: what a vendor's sliding window counts. */
export function busiestSecond(times: readonly number[]): number {
	const sorted = [...times].sort((a, b) => a - b);
	let busiest = 0;
	for (let first = 0, last = 0; last < sorted.length; last++) {
		while (sorted[last] - sorted[first] >= 1000) first++;
		busiest = Math.max(busiest, last - first + 1);
	}
	return busiest;
}
