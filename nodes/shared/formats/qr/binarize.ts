/**
 * Binarizer stage: luminance → BitMatrix. The local threshold (ZXing's HybridBinarizer: a black point per 8×8
 * block, averaged over 5×5 blocks) follows uneven light; the global one (Otsu's threshold over the histogram)
 * is the fallback for small or evenly lit images. Dark = 1.
 */
import type { GrayImage } from '../image';
import { type BitMatrix, createBitMatrix } from './bitMatrix';

export type { GrayImage };

const BLOCK_POWER = 3;
const BLOCK = 1 << BLOCK_POWER;
/** Below this spread a block is taken as flat (all white or all black, decided by its neighbours). */
const MIN_DYNAMIC_RANGE = 24;
const MIN_LOCAL_DIMENSION = BLOCK * 5;

export function localThreshold(image: GrayImage): BitMatrix {
	const { width, height, data } = image;
	if (width < MIN_LOCAL_DIMENSION || height < MIN_LOCAL_DIMENSION) return globalThreshold(image);
	const subWidth = (width + BLOCK - 1) >> BLOCK_POWER;
	const subHeight = (height + BLOCK - 1) >> BLOCK_POWER;
	const maxXOffset = width - BLOCK;
	const maxYOffset = height - BLOCK;
	const blackPoints = new Int32Array(subWidth * subHeight);
	for (let y = 0; y < subHeight; y++) {
		const yOffset = Math.min(y << BLOCK_POWER, maxYOffset);
		for (let x = 0; x < subWidth; x++) {
			const xOffset = Math.min(x << BLOCK_POWER, maxXOffset);
			let sum = 0;
			let min = 255;
			let max = 0;
			for (let yy = 0, offset = yOffset * width + xOffset; yy < BLOCK; yy++, offset += width) {
				for (let xx = 0; xx < BLOCK; xx++) {
					const pixel = data[offset + xx];
					sum += pixel;
					if (pixel < min) min = pixel;
					if (pixel > max) max = pixel;
				}
			}
			let average = sum >> (2 * BLOCK_POWER);
			if (max - min <= MIN_DYNAMIC_RANGE) {
				// A flat block: assume white (half its minimum), unless its neighbours say it is inside something dark.
				average = min >> 1;
				if (y > 0 && x > 0) {
					const neighbours =
						(blackPoints[(y - 1) * subWidth + x] +
							2 * blackPoints[y * subWidth + x - 1] +
							blackPoints[(y - 1) * subWidth + x - 1]) >>
						2;
					if (min < neighbours) average = neighbours;
				}
			}
			blackPoints[y * subWidth + x] = average;
		}
	}
	const matrix = createBitMatrix(width, height);
	const bits = matrix.bits;
	const cap = (value: number, max: number) => (value < 2 ? 2 : Math.min(value, max));
	for (let y = 0; y < subHeight; y++) {
		const yOffset = Math.min(y << BLOCK_POWER, maxYOffset);
		const top = cap(y, subHeight - 3);
		for (let x = 0; x < subWidth; x++) {
			const xOffset = Math.min(x << BLOCK_POWER, maxXOffset);
			const left = cap(x, subWidth - 3);
			let sum = 0;
			for (let z = -2; z <= 2; z++) {
				const row = (top + z) * subWidth + left;
				sum +=
					blackPoints[row - 2] +
					blackPoints[row - 1] +
					blackPoints[row] +
					blackPoints[row + 1] +
					blackPoints[row + 2];
			}
			const threshold = (sum / 25) | 0;
			for (let yy = 0, offset = yOffset * width + xOffset; yy < BLOCK; yy++, offset += width) {
				for (let xx = 0; xx < BLOCK; xx++)
					bits[offset + xx] = data[offset + xx] <= threshold ? 1 : 0;
			}
		}
	}
	return matrix;
}

/** Otsu's threshold over the whole image's histogram. */
export function globalThreshold(image: GrayImage): BitMatrix {
	const { width, height, data } = image;
	const histogram = new Float64Array(256);
	const step = data.length > 1 << 20 ? 4 : 1;
	let samples = 0;
	for (let i = 0; i < data.length; i += step) {
		histogram[data[i]]++;
		samples++;
	}
	let totalSum = 0;
	for (let v = 0; v < 256; v++) totalSum += v * histogram[v];
	let backgroundWeight = 0;
	let backgroundSum = 0;
	let bestVariance = -1;
	let threshold = 127;
	for (let t = 0; t < 256; t++) {
		backgroundWeight += histogram[t];
		if (backgroundWeight === 0) continue;
		const foregroundWeight = samples - backgroundWeight;
		if (foregroundWeight === 0) break;
		backgroundSum += t * histogram[t];
		const meanBackground = backgroundSum / backgroundWeight;
		const meanForeground = (totalSum - backgroundSum) / foregroundWeight;
		const variance = backgroundWeight * foregroundWeight * (meanBackground - meanForeground) ** 2;
		if (variance > bestVariance) {
			bestVariance = variance;
			threshold = t;
		}
	}
	const matrix = createBitMatrix(width, height);
	for (let i = 0; i < data.length; i++) matrix.bits[i] = data[i] <= threshold ? 1 : 0;
	return matrix;
}

/** The image at twice its size, bilinear (finder ratios survive better at 2 px per module). */
export function upscale2x(image: GrayImage): GrayImage {
	const { width, height, data } = image;
	const outWidth = width * 2;
	const outHeight = height * 2;
	const out = new Uint8Array(outWidth * outHeight);
	for (let y = 0; y < outHeight; y++) {
		const sourceY = Math.max(0, (y - 0.5) / 2);
		const y0 = Math.min(height - 1, Math.floor(sourceY));
		const y1 = Math.min(height - 1, y0 + 1);
		const fy = sourceY - y0;
		for (let x = 0; x < outWidth; x++) {
			const sourceX = Math.max(0, (x - 0.5) / 2);
			const x0 = Math.min(width - 1, Math.floor(sourceX));
			const x1 = Math.min(width - 1, x0 + 1);
			const fx = sourceX - x0;
			const top = data[y0 * width + x0] * (1 - fx) + data[y0 * width + x1] * fx;
			const bottom = data[y1 * width + x0] * (1 - fx) + data[y1 * width + x1] * fx;
			out[y * outWidth + x] = (top * (1 - fy) + bottom * fy + 0.5) | 0;
		}
	}
	return { width: outWidth, height: outHeight, data: out };
}
