import {
	correctErrors,
	encodeErrorCorrection,
	ReedSolomonError,
} from '../../../nodes/shared/formats/qr/reedSolomon';
import {
	alignmentPatternCenters,
	decodeFormatInfo,
	decodeVersionInfo,
	ecBlocks,
	type EcLevel,
	formatWord,
	totalCodewords,
} from '../../../nodes/shared/formats/qr/version';
import { qrcodeTables, seededRandom } from './synthetic';

function codeword(data: number[], ecCount: number): Uint8Array {
	const ec = encodeErrorCorrection(data, ecCount);
	return Uint8Array.from([...data, ...ec]);
}

describe('Reed–Solomon over GF(256)', () => {
	const random = seededRandom(7);
	const data = Array.from({ length: 40 }, () => Math.floor(random() * 256));

	it('matches the ISO 18004 example: "01234567" 1-M data gives the printed EC codewords', () => {
		// ISO/IEC 18004 Annex I: version 1-M, 16 data codewords → 10 EC codewords.
		const isoData = [
			0x10, 0x20, 0x0c, 0x56, 0x61, 0x80, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec, 0x11, 0xec,
			0x11,
		];
		expect(Array.from(encodeErrorCorrection(isoData, 10))).toEqual([
			0xa5, 0x24, 0xd4, 0xc1, 0xed, 0x36, 0xc7, 0x87, 0x2c, 0x55,
		]);
	});

	it.each([2, 10, 22, 30])('corrects up to %i/2 errors in random places', (ecCount) => {
		for (let trial = 0; trial < 20; trial++) {
			const clean = codeword(data, ecCount);
			const damaged = clean.slice();
			const errors = Math.floor(ecCount / 2);
			const places = new Set<number>();
			while (places.size < errors) places.add(Math.floor(random() * damaged.length));
			for (const place of places) damaged[place] ^= 1 + Math.floor(random() * 255);
			expect(correctErrors(damaged, ecCount)).toBe(errors);
			expect(damaged).toEqual(clean);
		}
	});

	it('leaves a clean block alone and says so', () => {
		const clean = codeword(data, 10);
		expect(correctErrors(clean.slice(), 10)).toBe(0);
	});

	it('refuses (or at least never returns the original) when there are more errors than it can correct', () => {
		let refused = 0;
		for (let trial = 0; trial < 20; trial++) {
			const clean = codeword(data, 10);
			const damaged = clean.slice();
			for (let i = 0; i < 8; i++) damaged[i * 5] ^= 0x5a;
			try {
				correctErrors(damaged, 10);
				expect(damaged).not.toEqual(clean);
			} catch (error) {
				expect(error).toBeInstanceOf(ReedSolomonError);
				refused++;
			}
		}
		expect(refused).toBeGreaterThan(0);
	});
});

describe('version tables', () => {
	it('agree with the qrcode encoder on blocks, EC codewords, total codewords and alignment centres for v1–40', () => {
		for (const row of qrcodeTables()) {
			const { ecCodewordsPerBlock, blockCount } = ecBlocks(row.version, row.level as EcLevel);
			expect({
				v: row.version,
				l: row.level,
				blocks: blockCount,
				ec: ecCodewordsPerBlock * blockCount,
			}).toEqual({
				v: row.version,
				l: row.level,
				blocks: row.blocks,
				ec: row.ecTotal,
			});
			expect(totalCodewords(row.version)).toBe(row.total);
			expect(alignmentPatternCenters(row.version)).toEqual(row.alignment);
		}
	});

	it('decodes format information with up to 3 bit errors and refuses 4+ away from every word', () => {
		const word = formatWord('Q', 5);
		expect(decodeFormatInfo(word, 0)).toEqual({ ecLevel: 'Q', dataMask: 5 });
		expect(decodeFormatInfo(word ^ 0b100000100000001, word ^ 0b111)).toEqual({
			ecLevel: 'Q',
			dataMask: 5,
		});
	});

	it('decodes version information (v7+) with up to 3 bit errors', () => {
		// ISO 18004 Annex D: version 7 is 000111110010010100.
		expect(decodeVersionInfo(0b000111110010010100)).toBe(7);
		expect(decodeVersionInfo(0b000111110010010100 ^ 0b100000000010000001)).toBe(7);
		expect(decodeVersionInfo(0b101000110001101001)).toBe(40);
	});
});
