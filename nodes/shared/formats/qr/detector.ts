/**
 * Detector stage (ZXing's Detector): three finder patterns → module size → symbol size and version →
 * alignment pattern (v2+) → perspective transform → the sampled grid, one bit per module.
 */
import { type BitMatrix, createBitMatrix } from './bitMatrix';
import type { FinderPattern, FinderTriple } from './finder';
import { alignmentPatternCenters, dimensionForVersion, versionForDimension } from './version';

interface Point {
	x: number;
	y: number;
}

/** A projective map from the symbol's module coordinates to image pixels. */
export class PerspectiveTransform {
	constructor(
		readonly a11: number,
		readonly a21: number,
		readonly a31: number,
		readonly a12: number,
		readonly a22: number,
		readonly a32: number,
		readonly a13: number,
		readonly a23: number,
		readonly a33: number,
	) {}

	static quadrilateralToQuadrilateral(from: number[], to: number[]): PerspectiveTransform {
		const toSquare = PerspectiveTransform.squareToQuadrilateral(to);
		const fromSquare = PerspectiveTransform.squareToQuadrilateral(from).adjoint();
		return toSquare.times(fromSquare);
	}

	static squareToQuadrilateral(q: number[]): PerspectiveTransform {
		const [x0, y0, x1, y1, x2, y2, x3, y3] = q;
		const dx3 = x0 - x1 + x2 - x3;
		const dy3 = y0 - y1 + y2 - y3;
		if (dx3 === 0 && dy3 === 0)
			return new PerspectiveTransform(x1 - x0, x2 - x1, x0, y1 - y0, y2 - y1, y0, 0, 0, 1);
		const dx1 = x1 - x2;
		const dx2 = x3 - x2;
		const dy1 = y1 - y2;
		const dy2 = y3 - y2;
		const denominator = dx1 * dy2 - dx2 * dy1;
		const a13 = (dx3 * dy2 - dx2 * dy3) / denominator;
		const a23 = (dx1 * dy3 - dx3 * dy1) / denominator;
		return new PerspectiveTransform(
			x1 - x0 + a13 * x1,
			x3 - x0 + a23 * x3,
			x0,
			y1 - y0 + a13 * y1,
			y3 - y0 + a23 * y3,
			y0,
			a13,
			a23,
			1,
		);
	}

	adjoint(): PerspectiveTransform {
		const { a11, a21, a31, a12, a22, a32, a13, a23, a33 } = this;
		return new PerspectiveTransform(
			a22 * a33 - a23 * a32,
			a23 * a31 - a21 * a33,
			a21 * a32 - a22 * a31,
			a13 * a32 - a12 * a33,
			a11 * a33 - a13 * a31,
			a12 * a31 - a11 * a32,
			a12 * a23 - a13 * a22,
			a13 * a21 - a11 * a23,
			a11 * a22 - a12 * a21,
		);
	}

	times(o: PerspectiveTransform): PerspectiveTransform {
		return new PerspectiveTransform(
			this.a11 * o.a11 + this.a21 * o.a12 + this.a31 * o.a13,
			this.a11 * o.a21 + this.a21 * o.a22 + this.a31 * o.a23,
			this.a11 * o.a31 + this.a21 * o.a32 + this.a31 * o.a33,
			this.a12 * o.a11 + this.a22 * o.a12 + this.a32 * o.a13,
			this.a12 * o.a21 + this.a22 * o.a22 + this.a32 * o.a23,
			this.a12 * o.a31 + this.a22 * o.a32 + this.a32 * o.a33,
			this.a13 * o.a11 + this.a23 * o.a12 + this.a33 * o.a13,
			this.a13 * o.a21 + this.a23 * o.a22 + this.a33 * o.a23,
			this.a13 * o.a31 + this.a23 * o.a32 + this.a33 * o.a33,
		);
	}
}

const distance = (a: Point, b: Point): number => Math.hypot(a.x - b.x, a.y - b.y);

/** Length of the dark-light-dark run from (fromX, fromY) towards (toX, toY) (Bresenham), or NaN. */
function blackWhiteBlackRun(
	m: BitMatrix,
	fromX: number,
	fromY: number,
	toX: number,
	toY: number,
): number {
	const steep = Math.abs(toY - fromY) > Math.abs(toX - fromX);
	if (steep) {
		[fromX, fromY] = [fromY, fromX];
		[toX, toY] = [toY, toX];
	}
	const dx = Math.abs(toX - fromX);
	const dy = Math.abs(toY - fromY);
	let error = -Math.trunc(dx / 2);
	const xStep = fromX < toX ? 1 : -1;
	const yStep = fromY < toY ? 1 : -1;
	let state = 0;
	const xLimit = toX + xStep;
	for (let x = fromX, y = fromY; x !== xLimit; x += xStep) {
		const realX = steep ? y : x;
		const realY = steep ? x : y;
		const dark = m.bits[realY * m.width + realX] === 1;
		if ((state === 1) === dark) {
			if (state === 2) return Math.hypot(x - fromX, y - fromY);
			state++;
		}
		error += dy;
		if (error > 0) {
			if (y === toY) break;
			y += yStep;
			error -= dx;
		}
	}
	if (state === 2) return Math.hypot(toX + xStep - fromX, toY - fromY);
	return NaN;
}

function blackWhiteBlackRunBothWays(
	m: BitMatrix,
	fromX: number,
	fromY: number,
	toX: number,
	toY: number,
): number {
	let result = blackWhiteBlackRun(m, fromX, fromY, toX, toY);
	let scale = 1;
	let otherToX = fromX - (toX - fromX);
	if (otherToX < 0) {
		scale = fromX / (fromX - otherToX);
		otherToX = 0;
	} else if (otherToX >= m.width) {
		scale = (m.width - 1 - fromX) / (otherToX - fromX);
		otherToX = m.width - 1;
	}
	let otherToY = Math.floor(fromY - (toY - fromY) * scale);
	scale = 1;
	if (otherToY < 0) {
		scale = fromY / (fromY - otherToY);
		otherToY = 0;
	} else if (otherToY >= m.height) {
		scale = (m.height - 1 - fromY) / (otherToY - fromY);
		otherToY = m.height - 1;
	}
	otherToX = Math.floor(fromX + (otherToX - fromX) * scale);
	result += blackWhiteBlackRun(m, fromX, fromY, otherToX, otherToY);
	return result - 1;
}

function moduleSizeOneWay(m: BitMatrix, pattern: Point, other: Point): number {
	const one = blackWhiteBlackRunBothWays(
		m,
		Math.floor(pattern.x),
		Math.floor(pattern.y),
		Math.floor(other.x),
		Math.floor(other.y),
	);
	const two = blackWhiteBlackRunBothWays(
		m,
		Math.floor(other.x),
		Math.floor(other.y),
		Math.floor(pattern.x),
		Math.floor(pattern.y),
	);
	if (Number.isNaN(one)) return two / 7;
	if (Number.isNaN(two)) return one / 7;
	return (one + two) / 14;
}

/** Module size measured along both legs, each run through a finder pattern being 7 modules. */
export function estimateModuleSize(m: BitMatrix, triple: FinderTriple): number {
	const { topLeft, topRight, bottomLeft } = triple;
	const a = moduleSizeOneWay(m, topLeft, topRight);
	const b = moduleSizeOneWay(m, topLeft, bottomLeft);
	if (Number.isNaN(a)) return b;
	if (Number.isNaN(b)) return a;
	return (a + b) / 2;
}

/** The symbol size the finder distances imply, snapped to 4k+1 (null when it is no version's). */
export function estimateDimension(triple: FinderTriple, moduleSize: number): number | null {
	const { topLeft, topRight, bottomLeft } = triple;
	const across = Math.round(distance(topLeft, topRight) / moduleSize);
	const down = Math.round(distance(topLeft, bottomLeft) / moduleSize);
	let dimension = ((across + down) >> 1) + 7;
	switch (dimension & 3) {
		case 0:
			dimension++;
			break;
		case 2:
			dimension--;
			break;
		case 3:
			dimension -= 2;
			break;
	}
	return versionForDimension(dimension) === null ? null : dimension;
}

/**
 * Alignment pattern candidates (a dark centre module in a light ring: 1:1:1 runs both ways) near the estimate,
 * those seen on two rows first, nearest the estimate first; at most MAX_ALIGNMENT_CANDIDATES.
 */
function findAlignmentCandidates(
	m: BitMatrix,
	moduleSize: number,
	estimateX: number,
	estimateY: number,
	allowanceFactor: number,
): Point[] {
	const allowance = Math.floor(allowanceFactor * moduleSize);
	const left = Math.max(0, estimateX - allowance);
	const right = Math.min(m.width - 1, estimateX + allowance);
	const top = Math.max(0, estimateY - allowance);
	const bottom = Math.min(m.height - 1, estimateY + allowance);
	if (right - left < moduleSize * 3 || bottom - top < moduleSize * 3) return [];
	const width = right - left;
	const height = bottom - top;
	const maxX = left + width;
	const middleY = top + (height >> 1);
	const candidates: { x: number; y: number; size: number; count: number }[] = [];
	const dark = (x: number, y: number) => m.bits[y * m.width + x] === 1;
	const crossRatio = (state: number[]) => {
		const maxVariance = moduleSize / 2;
		return state.every((run) => Math.abs(moduleSize - run) < maxVariance);
	};
	const crossCheckVertical = (
		startY: number,
		centerX: number,
		maxCount: number,
		originalTotal: number,
	): number => {
		const state = [0, 0, 0];
		let y = startY;
		while (y >= 0 && dark(centerX, y) && state[1] <= maxCount) {
			state[1]++;
			y--;
		}
		if (y < 0 || state[1] > maxCount) return NaN;
		while (y >= 0 && !dark(centerX, y) && state[0] <= maxCount) {
			state[0]++;
			y--;
		}
		if (state[0] > maxCount) return NaN;
		y = startY + 1;
		while (y < m.height && dark(centerX, y) && state[1] <= maxCount) {
			state[1]++;
			y++;
		}
		if (y === m.height || state[1] > maxCount) return NaN;
		while (y < m.height && !dark(centerX, y) && state[2] <= maxCount) {
			state[2]++;
			y++;
		}
		if (state[2] > maxCount) return NaN;
		const total = state[0] + state[1] + state[2];
		if (5 * Math.abs(total - originalTotal) >= 2 * originalTotal) return NaN;
		return crossRatio(state) ? y - state[2] - state[1] / 2 : NaN;
	};
	const handle = (state: number[], y: number, endX: number): void => {
		const total = state[0] + state[1] + state[2];
		const centerX = endX - state[2] - state[1] / 2;
		const centerY = crossCheckVertical(y, Math.floor(centerX), 2 * state[1], total);
		if (Number.isNaN(centerY)) return;
		const size = total / 3;
		for (const candidate of candidates) {
			if (Math.abs(centerY - candidate.y) <= size && Math.abs(centerX - candidate.x) <= size) {
				const diff = Math.abs(size - candidate.size);
				if (diff <= 1 || diff <= candidate.size) {
					candidate.x = (candidate.x * candidate.count + centerX) / (candidate.count + 1);
					candidate.y = (candidate.y * candidate.count + centerY) / (candidate.count + 1);
					candidate.count++;
					return;
				}
			}
		}
		if (candidates.length < MAX_ALIGNMENT_CANDIDATES * 4)
			candidates.push({ x: centerX, y: centerY, size, count: 1 });
	};
	for (let step = 0; step < height; step++) {
		const y = middleY + ((step & 1) === 0 ? (step + 1) >> 1 : -((step + 1) >> 1));
		if (y < 0 || y >= m.height) continue;
		const state = [0, 0, 0];
		let x = left;
		while (x < maxX && !dark(x, y)) x++;
		let current = 0;
		for (; x < maxX; x++) {
			if (dark(x, y)) {
				if (current === 1) state[1]++;
				else if (current === 2) {
					if (crossRatio(state)) handle(state, y, x);
					state[0] = state[2];
					state[1] = 1;
					state[2] = 0;
					current = 1;
				} else {
					state[++current]++;
				}
			} else {
				if (current === 1) current++;
				state[current]++;
			}
		}
		if (crossRatio(state)) handle(state, y, maxX);
	}
	const rank = (c: { x: number; y: number; count: number }) =>
		(c.count >= 2 ? 0 : 1e9) + Math.hypot(c.x - estimateX, c.y - estimateY);
	return candidates
		.sort((a, b) => rank(a) - rank(b))
		.slice(0, MAX_ALIGNMENT_CANDIDATES)
		.map(({ x, y }) => ({ x, y }));
}

/** The transform from module coordinates to pixels, through the three finder centres and the bottom-right point. */
export function createTransform(
	triple: FinderTriple,
	alignment: Point | null,
	dimension: number,
): PerspectiveTransform {
	const { topLeft, topRight, bottomLeft } = triple;
	const dimMinusThree = dimension - 3.5;
	let bottomRightX: number;
	let bottomRightY: number;
	let sourceBottomRight: number;
	if (alignment) {
		bottomRightX = alignment.x;
		bottomRightY = alignment.y;
		sourceBottomRight = dimMinusThree - 3;
	} else {
		bottomRightX = topRight.x - topLeft.x + bottomLeft.x;
		bottomRightY = topRight.y - topLeft.y + bottomLeft.y;
		sourceBottomRight = dimMinusThree;
	}
	return PerspectiveTransform.quadrilateralToQuadrilateral(
		[3.5, 3.5, dimMinusThree, 3.5, sourceBottomRight, sourceBottomRight, 3.5, dimMinusThree],
		[
			topLeft.x,
			topLeft.y,
			topRight.x,
			topRight.y,
			bottomRightX,
			bottomRightY,
			bottomLeft.x,
			bottomLeft.y,
		],
	);
}

/** The pixel under module (x, y)'s centre, or -1 when it falls more than a pixel outside the image. */
function sampleModule(m: BitMatrix, t: PerspectiveTransform, x: number, y: number): number {
	const mx = x + 0.5;
	const my = y + 0.5;
	const denominator = t.a13 * mx + t.a23 * my + t.a33;
	let px = Math.floor((t.a11 * mx + t.a21 * my + t.a31) / denominator);
	let py = Math.floor((t.a12 * mx + t.a22 * my + t.a32) / denominator);
	if (!(px >= -1 && px <= m.width && py >= -1 && py <= m.height)) return -1;
	px = px < 0 ? 0 : px >= m.width ? m.width - 1 : px;
	py = py < 0 ? 0 : py >= m.height ? m.height - 1 : py;
	return m.bits[py * m.width + px];
}

/**
 * The share of the two timing patterns (row and column 6 between the finders, alternating dark and light)
 * the transform finds where they belong: a cheap test before sampling the whole grid, which rejects the
 * triples that noise and text produce.
 */
export function timingScore(
	m: BitMatrix,
	transform: PerspectiveTransform,
	dimension: number,
): number {
	let matches = 0;
	let total = 0;
	for (let i = 8; i < dimension - 8; i++) {
		const expected = (i & 1) === 0 ? 1 : 0;
		const across = sampleModule(m, transform, i, 6);
		const down = sampleModule(m, transform, 6, i);
		if (across === -1 || down === -1) return 0;
		if (across === expected) matches++;
		if (down === expected) matches++;
		total += 2;
	}
	return total === 0 ? 0 : matches / total;
}

/** Samples each module's centre; null when the grid falls more than a little outside the image. */
export function sampleGrid(
	m: BitMatrix,
	transform: PerspectiveTransform,
	dimension: number,
): BitMatrix | null {
	const result = createBitMatrix(dimension, dimension);
	for (let y = 0; y < dimension; y++) {
		for (let x = 0; x < dimension; x++) {
			const bit = sampleModule(m, transform, x, y);
			if (bit === -1) return null;
			result.bits[y * dimension + x] = bit;
		}
	}
	return result;
}

const MAX_ALIGNMENT_CANDIDATES = 8;

/** Alignment pattern candidates for this triple and size, from growing windows around the estimate. */
export function alignmentCandidates(
	m: BitMatrix,
	triple: FinderTriple,
	moduleSize: number,
	dimension: number,
): Point[][] {
	const version = versionForDimension(dimension);
	if (version === null || alignmentPatternCenters(version).length === 0) return [];
	const { topLeft, topRight, bottomLeft } = triple;
	const bottomRightX = topRight.x - topLeft.x + bottomLeft.x;
	const bottomRightY = topRight.y - topLeft.y + bottomLeft.y;
	const modulesBetween = dimensionForVersion(version) - 7;
	const correction = 1 - 3 / modulesBetween;
	const estimateX = Math.floor(topLeft.x + correction * (bottomRightX - topLeft.x));
	const estimateY = Math.floor(topLeft.y + correction * (bottomRightY - topLeft.y));
	// Under perspective the modules near bottom-right differ in size from the average: extrapolate them from
	// the finders' own sizes (top-right + bottom-left − top-left), within reason.
	const extrapolated = topRight.moduleSize + bottomLeft.moduleSize - topLeft.moduleSize;
	const cornerModule = Math.min(moduleSize * 2, Math.max(moduleSize / 2, extrapolated));
	const sizes =
		Math.abs(cornerModule - moduleSize) > moduleSize * 0.25
			? [moduleSize, cornerModule]
			: [moduleSize];
	const rounds: Point[][] = [];
	for (let factor = 4; factor <= 16; factor <<= 1) {
		for (const size of sizes)
			rounds.push(findAlignmentCandidates(m, size, estimateX, estimateY, factor));
	}
	return rounds;
}

export interface DetectedGrid {
	bits: BitMatrix;
	dimension: number;
	transform: PerspectiveTransform;
}

/** Timing patterns below this share of matches mean the triple and size do not describe a code. */
const MIN_TIMING_SCORE = 0.62;

/** A timing score at which the grid is taken without looking at further alignment candidates. */
const GOOD_TIMING_SCORE = 0.85;

/**
 * The sampled grid for a triple at a given symbol size, or null when no transform puts the timing patterns
 * where they belong. The alignment pattern (v2+) is chosen among the candidates by that same test: under
 * strong perspective the first 1:1:1 blob near the estimate is often a data module, not the pattern.
 */
export function sampleTriple(
	m: BitMatrix,
	triple: FinderTriple,
	moduleSize: number,
	dimension: number,
): DetectedGrid | null {
	let transform = createTransform(triple, null, dimension);
	let score = timingScore(m, transform, dimension);
	const seen = new Set<string>();
	for (const round of alignmentCandidates(m, triple, moduleSize, dimension)) {
		if (score >= GOOD_TIMING_SCORE) break;
		for (const alignment of round) {
			const key = `${Math.round(alignment.x)},${Math.round(alignment.y)}`;
			if (seen.has(key)) continue;
			seen.add(key);
			const candidate = createTransform(triple, alignment, dimension);
			const candidateScore = timingScore(m, candidate, dimension);
			if (candidateScore > score) [transform, score] = [candidate, candidateScore];
			if (score >= GOOD_TIMING_SCORE) break;
		}
	}
	if (score < MIN_TIMING_SCORE) return null;
	const bits = sampleGrid(m, transform, dimension);
	return bits ? { bits, dimension, transform } : null;
}

export type { FinderPattern };
