/**
 * Finder-pattern search (ZXing's FinderPatternFinder, kept for several codes per image): rows are scanned for
 * dark-light-dark-light-dark runs in the ratio 1:1:3:1:1, each hit is cross-checked vertically, horizontally
 * and diagonally (the ratio holds along any line through the centre, so rotation does not matter), and hits
 * on the same pattern are merged. Triples are then ranked by how well they form the corner of a square.
 */
import type { BitMatrix } from './bitMatrix';

export interface FinderPattern {
	x: number;
	y: number;
	moduleSize: number;
	/** How many scan rows confirmed it. */
	count: number;
}

/** At most this many distinct candidates are kept: a noisy image must not make the search quadratic. */
export const MAX_CANDIDATES = 40;

function foundPatternCross(state: number[], tolerance: number): boolean {
	const total = state[0] + state[1] + state[2] + state[3] + state[4];
	if (total < 7) return false;
	const moduleSize = total / 7;
	const maxVariance = moduleSize * tolerance;
	return (
		state[0] > 0 &&
		state[1] > 0 &&
		state[3] > 0 &&
		state[4] > 0 &&
		Math.abs(moduleSize - state[0]) < maxVariance &&
		Math.abs(moduleSize - state[1]) < maxVariance &&
		Math.abs(3 * moduleSize - state[2]) < 3 * maxVariance &&
		Math.abs(moduleSize - state[3]) < maxVariance &&
		Math.abs(moduleSize - state[4]) < maxVariance
	);
}

const centerFromEnd = (state: number[], end: number): number =>
	end - state[4] - state[3] - state[2] / 2;

class FinderSearch {
	readonly candidates: FinderPattern[] = [];
	private readonly width: number;
	private readonly height: number;
	private readonly bits: Uint8Array;

	constructor(
		matrix: BitMatrix,
		private readonly tolerance: number,
	) {
		this.width = matrix.width;
		this.height = matrix.height;
		this.bits = matrix.bits;
	}

	private dark(x: number, y: number): boolean {
		return this.bits[y * this.width + x] === 1;
	}

	private crossCheckVertical(
		startY: number,
		centerX: number,
		maxCount: number,
		originalTotal: number,
	): number {
		const state = [0, 0, 0, 0, 0];
		let y = startY;
		while (y >= 0 && this.dark(centerX, y)) {
			state[2]++;
			y--;
		}
		if (y < 0) return NaN;
		while (y >= 0 && !this.dark(centerX, y) && state[1] <= maxCount) {
			state[1]++;
			y--;
		}
		if (y < 0 || state[1] > maxCount) return NaN;
		while (y >= 0 && this.dark(centerX, y) && state[0] <= maxCount) {
			state[0]++;
			y--;
		}
		if (state[0] > maxCount) return NaN;
		y = startY + 1;
		while (y < this.height && this.dark(centerX, y)) {
			state[2]++;
			y++;
		}
		if (y === this.height) return NaN;
		while (y < this.height && !this.dark(centerX, y) && state[3] < maxCount) {
			state[3]++;
			y++;
		}
		if (y === this.height || state[3] >= maxCount) return NaN;
		while (y < this.height && this.dark(centerX, y) && state[4] < maxCount) {
			state[4]++;
			y++;
		}
		if (state[4] >= maxCount) return NaN;
		const total = state[0] + state[1] + state[2] + state[3] + state[4];
		if (5 * Math.abs(total - originalTotal) >= 2 * originalTotal) return NaN;
		return foundPatternCross(state, this.tolerance) ? centerFromEnd(state, y) : NaN;
	}

	private crossCheckHorizontal(
		startX: number,
		centerY: number,
		maxCount: number,
		originalTotal: number,
	): number {
		const state = [0, 0, 0, 0, 0];
		let x = startX;
		while (x >= 0 && this.dark(x, centerY)) {
			state[2]++;
			x--;
		}
		if (x < 0) return NaN;
		while (x >= 0 && !this.dark(x, centerY) && state[1] <= maxCount) {
			state[1]++;
			x--;
		}
		if (x < 0 || state[1] > maxCount) return NaN;
		while (x >= 0 && this.dark(x, centerY) && state[0] <= maxCount) {
			state[0]++;
			x--;
		}
		if (state[0] > maxCount) return NaN;
		x = startX + 1;
		while (x < this.width && this.dark(x, centerY)) {
			state[2]++;
			x++;
		}
		if (x === this.width) return NaN;
		while (x < this.width && !this.dark(x, centerY) && state[3] < maxCount) {
			state[3]++;
			x++;
		}
		if (x === this.width || state[3] >= maxCount) return NaN;
		while (x < this.width && this.dark(x, centerY) && state[4] < maxCount) {
			state[4]++;
			x++;
		}
		if (state[4] >= maxCount) return NaN;
		const total = state[0] + state[1] + state[2] + state[3] + state[4];
		if (5 * Math.abs(total - originalTotal) >= originalTotal) return NaN;
		return foundPatternCross(state, this.tolerance) ? centerFromEnd(state, x) : NaN;
	}

	/** The 1:1:3:1:1 ratio along the diagonal through the centre (rejects text and stripes). */
	private crossCheckDiagonal(centerY: number, centerX: number): boolean {
		const state = [0, 0, 0, 0, 0];
		let i = 0;
		while (centerY >= i && centerX >= i && this.dark(centerX - i, centerY - i)) {
			state[2]++;
			i++;
		}
		if (state[2] === 0) return false;
		while (centerY >= i && centerX >= i && !this.dark(centerX - i, centerY - i)) {
			state[1]++;
			i++;
		}
		if (state[1] === 0) return false;
		while (centerY >= i && centerX >= i && this.dark(centerX - i, centerY - i)) {
			state[0]++;
			i++;
		}
		if (state[0] === 0) return false;
		i = 1;
		while (
			centerY + i < this.height &&
			centerX + i < this.width &&
			this.dark(centerX + i, centerY + i)
		) {
			state[2]++;
			i++;
		}
		while (
			centerY + i < this.height &&
			centerX + i < this.width &&
			!this.dark(centerX + i, centerY + i)
		) {
			state[3]++;
			i++;
		}
		if (state[3] === 0) return false;
		while (
			centerY + i < this.height &&
			centerX + i < this.width &&
			this.dark(centerX + i, centerY + i)
		) {
			state[4]++;
			i++;
		}
		if (state[4] === 0) return false;
		const total = state[0] + state[1] + state[2] + state[3] + state[4];
		if (total < 7) return false;
		const moduleSize = total / 7;
		const maxVariance = moduleSize / 1.333;
		return (
			Math.abs(moduleSize - state[0]) < maxVariance &&
			Math.abs(moduleSize - state[1]) < maxVariance &&
			Math.abs(3 * moduleSize - state[2]) < 3 * maxVariance &&
			Math.abs(moduleSize - state[3]) < maxVariance &&
			Math.abs(moduleSize - state[4]) < maxVariance
		);
	}

	handlePossibleCenter(state: number[], y: number, endX: number): boolean {
		const total = state[0] + state[1] + state[2] + state[3] + state[4];
		let centerX = centerFromEnd(state, endX);
		const centerY = this.crossCheckVertical(y, Math.floor(centerX), state[2], total);
		if (Number.isNaN(centerY)) return false;
		centerX = this.crossCheckHorizontal(Math.floor(centerX), Math.floor(centerY), state[2], total);
		if (Number.isNaN(centerX) || !this.crossCheckDiagonal(Math.floor(centerY), Math.floor(centerX)))
			return false;
		const moduleSize = total / 7;
		for (const candidate of this.candidates) {
			if (
				Math.abs(centerY - candidate.y) <= moduleSize &&
				Math.abs(centerX - candidate.x) <= moduleSize &&
				Math.abs(moduleSize - candidate.moduleSize) <= Math.max(1, candidate.moduleSize)
			) {
				const count = candidate.count + 1;
				candidate.x = (candidate.count * candidate.x + centerX) / count;
				candidate.y = (candidate.count * candidate.y + centerY) / count;
				candidate.moduleSize = (candidate.count * candidate.moduleSize + moduleSize) / count;
				candidate.count = count;
				return true;
			}
		}
		if (this.candidates.length < MAX_CANDIDATES * 4)
			this.candidates.push({ x: centerX, y: centerY, moduleSize, count: 1 });
		return true;
	}

	scan(rowStep: number): void {
		const state = [0, 0, 0, 0, 0];
		for (let y = rowStep - 1; y < this.height; y += rowStep) {
			state.fill(0);
			let current = 0;
			const rowStart = y * this.width;
			for (let x = 0; x < this.width; x++) {
				if (this.bits[rowStart + x] === 1) {
					if ((current & 1) === 1) current++;
					state[current]++;
				} else if ((current & 1) === 0) {
					if (current === 4) {
						if (
							foundPatternCross(state, this.tolerance) &&
							this.handlePossibleCenter(state, y, x)
						) {
							state.fill(0);
							current = 0;
						} else {
							// Slide by two runs: the last dark-light-dark may begin the next pattern.
							state[0] = state[2];
							state[1] = state[3];
							state[2] = state[4];
							state[3] = 1;
							state[4] = 0;
							current = 3;
						}
					} else {
						state[++current]++;
					}
				} else {
					state[current]++;
				}
			}
			if (current === 4 && foundPatternCross(state, this.tolerance))
				this.handlePossibleCenter(state, y, this.width);
		}
	}
}

/** Every finder-pattern candidate in the matrix, best confirmed first, at most MAX_CANDIDATES. */
export function findFinderPatterns(
	matrix: BitMatrix,
	options: { rowStep?: number; tolerance?: number } = {},
): FinderPattern[] {
	const search = new FinderSearch(matrix, options.tolerance ?? 0.7);
	search.scan(Math.max(1, options.rowStep ?? 2));
	return search.candidates.sort((a, b) => b.count - a.count).slice(0, MAX_CANDIDATES);
}

const distance = (a: { x: number; y: number }, b: { x: number; y: number }): number =>
	Math.hypot(a.x - b.x, a.y - b.y);

/** The three patterns as [bottomLeft, topLeft, topRight]: top-left is opposite the longest side. */
export function orderPatterns(
	patterns: [FinderPattern, FinderPattern, FinderPattern],
): [FinderPattern, FinderPattern, FinderPattern] {
	const [p0, p1, p2] = patterns;
	const d01 = distance(p0, p1);
	const d12 = distance(p1, p2);
	const d02 = distance(p0, p2);
	let a: FinderPattern;
	let b: FinderPattern;
	let c: FinderPattern;
	if (d12 >= d01 && d12 >= d02) [b, a, c] = [p0, p1, p2];
	else if (d02 >= d12 && d02 >= d01) [b, a, c] = [p1, p0, p2];
	else [b, a, c] = [p2, p0, p1];
	// A code seen from the front has top-right clockwise of bottom-left around top-left.
	if ((c.x - b.x) * (a.y - b.y) - (c.y - b.y) * (a.x - b.x) < 0) [a, c] = [c, a];
	return [a, b, c];
}

export interface FinderTriple {
	bottomLeft: FinderPattern;
	topLeft: FinderPattern;
	topRight: FinderPattern;
	/** Lower is better: how far the triple is from an isosceles right angle with equal module sizes. */
	score: number;
}

/**
 * Triples of candidates that can be one code's corners, best first, at most `limit`: similar module sizes,
 * two near-equal legs, a near-right angle (loose, for perspective), and 21–177 modules across.
 */
export function selectTriples(patterns: FinderPattern[], limit: number): FinderTriple[] {
	const triples: FinderTriple[] = [];
	const n = patterns.length;
	const distances = new Float64Array(n * n);
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++)
			distances[i * n + j] = distances[j * n + i] = distance(patterns[i], patterns[j]);
	}
	for (let i = 0; i < n; i++) {
		for (let j = i + 1; j < n; j++) {
			for (let k = j + 1; k < n; k++) {
				const a = patterns[i].moduleSize;
				const b = patterns[j].moduleSize;
				const c = patterns[k].moduleSize;
				const minSize = Math.min(a, b, c);
				const maxSize = Math.max(a, b, c);
				if (maxSize > minSize * 2.6) continue;
				// The longest side is the hypotenuse (bottom-left to top-right); the other two are the legs.
				const dij = distances[i * n + j];
				const djk = distances[j * n + k];
				const dik = distances[i * n + k];
				const hypotenuse = Math.max(dij, djk, dik);
				const legA = hypotenuse === dij ? djk : dij;
				const legB = hypotenuse === dik ? djk : dik;
				const averageModule = (a + b + c) / 3;
				const modulesAcross = (legA + legB) / 2 / averageModule + 7;
				if (modulesAcross < 15 || modulesAcross > 190) continue;
				const legRatio = Math.abs(legA - legB) / Math.min(legA, legB);
				if (legRatio > 0.5) continue;
				const expectedHypotenuse = Math.hypot(legA, legB);
				const angleError = Math.abs(hypotenuse - expectedHypotenuse) / expectedHypotenuse;
				if (angleError > 0.3) continue;
				const sizeSpread = (maxSize - minSize) / minSize;
				const confirmations = Math.min(patterns[i].count, patterns[j].count, patterns[k].count);
				const score = legRatio + angleError * 2 + sizeSpread + (confirmations < 2 ? 0.3 : 0);
				const [bottomLeft, topLeft, topRight] = orderPatterns([
					patterns[i],
					patterns[j],
					patterns[k],
				]);
				triples.push({ bottomLeft, topLeft, topRight, score });
			}
		}
	}
	triples.sort((a, b) => a.score - b.score);
	return triples.slice(0, limit);
}
