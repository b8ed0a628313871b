/**
 * QR symbol facts from ISO/IEC 18004: per version its size, alignment pattern centres and error-correction
 * blocks per level; the BCH-coded format and version information and their nearest-codeword decoding.
 */

/** Error-correction levels in the order of the tables below. */
export type EcLevel = 'L' | 'M' | 'Q' | 'H';
const EC_LEVELS: EcLevel[] = ['L', 'M', 'Q', 'H'];
/** The level named by the two format bits (01 L, 00 M, 11 Q, 10 H). */
const EC_LEVEL_FOR_BITS: EcLevel[] = ['M', 'L', 'H', 'Q'];

// Per level, index = version (0 unused). Error-correction codewords per block, and number of blocks.
const EC_CODEWORDS_PER_BLOCK: Record<EcLevel, number[]> = {
	L: [
		0, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30,
		30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
	],
	M: [
		0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28,
		28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28,
	],
	Q: [
		0, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30,
		30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
	],
	H: [
		0, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30,
		30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30,
	],
};
const EC_BLOCK_COUNT: Record<EcLevel, number[]> = {
	L: [
		0, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14,
		15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25,
	],
	M: [
		0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25,
		26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49,
	],
	Q: [
		0, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34,
		34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68,
	],
	H: [
		0, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37,
		40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81,
	],
};

export const MIN_VERSION = 1;
export const MAX_VERSION = 40;

export const dimensionForVersion = (version: number): number => 17 + 4 * version;

/** The version whose symbol is `dimension` modules wide, or null when no version is. */
export function versionForDimension(dimension: number): number | null {
	if (dimension % 4 !== 1) return null;
	const version = (dimension - 17) / 4;
	return version >= MIN_VERSION && version <= MAX_VERSION ? version : null;
}

/** Alignment pattern centre coordinates (rows and columns alike) of a version; empty for version 1. */
export function alignmentPatternCenters(version: number): number[] {
	if (version === 1) return [];
	const count = Math.floor(version / 7) + 2;
	const size = dimensionForVersion(version);
	const step = version === 32 ? 26 : Math.ceil((size - 13) / (2 * count - 2)) * 2;
	const result = [6];
	for (let position = size - 7; result.length < count; position -= step)
		result.splice(1, 0, position);
	return result;
}

/** Codewords in a symbol of this version: its modules minus function patterns and format/version areas, over 8. */
export function totalCodewords(version: number): number {
	let modules = (16 * version + 128) * version + 64;
	if (version >= 2) {
		const alignmentCount = Math.floor(version / 7) + 2;
		modules -= (25 * alignmentCount - 10) * alignmentCount - 55;
		if (version >= 7) modules -= 36;
	}
	return Math.floor(modules / 8);
}

export interface EcBlocks {
	ecCodewordsPerBlock: number;
	blockCount: number;
}

export function ecBlocks(version: number, level: EcLevel): EcBlocks {
	return {
		ecCodewordsPerBlock: EC_CODEWORDS_PER_BLOCK[level][version],
		blockCount: EC_BLOCK_COUNT[level][version],
	};
}

export const ecLevels = (): EcLevel[] => EC_LEVELS.slice();

function bchRemainder(value: number, generator: number): number {
	const generatorDegree = 31 - Math.clz32(generator);
	let remainder = value << generatorDegree;
	while (remainder !== 0 && 31 - Math.clz32(remainder) >= generatorDegree) {
		remainder ^= generator << (31 - Math.clz32(remainder) - generatorDegree);
	}
	return remainder;
}

const FORMAT_MASK = 0x5412;
/** The 32 masked 15-bit format words, index = (EC bits << 3) | data mask. */
const FORMAT_WORDS = Array.from(
	{ length: 32 },
	(_, data) => ((data << 10) | bchRemainder(data, 0x537)) ^ FORMAT_MASK,
);
/** The 18-bit version words for versions 7–40, index = version - 7. */
const VERSION_WORDS = Array.from(
	{ length: 34 },
	(_, i) => ((i + 7) << 12) | bchRemainder(i + 7, 0x1f25),
);

function bitCount(value: number): number {
	let count = 0;
	while (value !== 0) {
		value &= value - 1;
		count++;
	}
	return count;
}

export interface FormatInfo {
	ecLevel: EcLevel;
	dataMask: number;
}

/**
 * The format information nearest (at most 3 bits off) to either copy read from the symbol; also tries the
 * copies unmasked, for encoders that forgot the 0x5412 mask. Null when nothing is close enough.
 */
export function decodeFormatInfo(copy1: number, copy2: number): FormatInfo | null {
	for (const mask of [0, FORMAT_MASK]) {
		let bestDistance = 4;
		let best = -1;
		for (let data = 0; data < 32; data++) {
			const word = FORMAT_WORDS[data];
			for (const copy of [copy1 ^ mask, copy2 ^ mask]) {
				const distance = bitCount(copy ^ word);
				if (distance < bestDistance) {
					bestDistance = distance;
					best = data;
				}
			}
		}
		if (best >= 0) return { ecLevel: EC_LEVEL_FOR_BITS[best >> 3], dataMask: best & 7 };
	}
	return null;
}

/** The version whose 18-bit version word is nearest (at most 3 bits off) to `bits`, or null. */
export function decodeVersionInfo(bits: number): number | null {
	let bestDistance = 4;
	let best: number | null = null;
	for (let i = 0; i < VERSION_WORDS.length; i++) {
		const distance = bitCount(bits ^ VERSION_WORDS[i]);
		if (distance < bestDistance) {
			bestDistance = distance;
			best = i + 7;
		}
	}
	return best;
}

/** The format word the encoder writes (for tests that build symbols). */
export const formatWord = (level: EcLevel, dataMask: number): number =>
	FORMAT_WORDS[(EC_LEVEL_FOR_BITS.indexOf(level) << 3) | dataMask];
