import { randomBytes } from 'node:crypto';
import { deflateRawSync, deflateSync, zlibConstants as constants } from '../../support/node';

import { InflateError, inflateRaw, inflateZlib } from '../../../nodes/shared/formats/inflate';
import { digitalInvoiceSpec, digitalInvoiceXml } from '../../support/einvoiceFixtures';
import { sample, sampleNames } from '../../support/samples';

const MB = 1024 * 1024;

/** Text with repeats at many distances, so matches of every length and distance code occur. */
function repetitiveText(size: number): Buffer {
	const words = ['发票', 'invoice ', '金额 ', '1234.56 ', '税额', '\n', 'abcdefghijklmnop', '*信息技术服务*'];
	const parts: string[] = [];
	let length = 0;
	let seed = 7;
	while (length < size) {
		seed = (seed * 48271) % 2147483647;
		const word = words[seed % words.length];
		parts.push(word);
		length += Buffer.byteLength(word);
	}
	return Buffer.from(parts.join('')).subarray(0, size);
}

/** The reason of the InflateError `run` throws; 'no error' or 'other error' otherwise. */
function reasonOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		return error instanceof InflateError ? error.reason : 'other error';
	}
	return 'no error';
}

describe('inflateRaw against node:zlib', () => {
	const inputs: Array<[string, Buffer]> = [
		['empty', Buffer.alloc(0)],
		['one byte', Buffer.from('x')],
		['repetitive 70 KB', repetitiveText(70_000)],
		['random 100 KB', randomBytes(100_000)],
		['zeros 300 KB', Buffer.alloc(300_000)],
		['a generated 数电 XML', Buffer.from(digitalInvoiceXml(digitalInvoiceSpec()))],
		...sampleNames('ofd').slice(0, 3).map((name): [string, Buffer] => [`the sample ${name}`, sample('ofd', name)]),
	];
	for (const [name, input] of inputs) {
		it(`round-trips ${name} at every level 0-9`, () => {
			for (let level = 0; level <= 9; level++) {
				const compressed = deflateRawSync(input, { level });
				expect(Buffer.from(inflateRaw(compressed, input.length + 1)).equals(input)).toBe(true);
			}
		});
	}

	it('reads fixed-Huffman blocks (Z_FIXED) and small stored blocks', () => {
		const input = repetitiveText(20_000);
		const fixed = deflateRawSync(input, { strategy: constants.Z_FIXED });
		expect(Buffer.from(inflateRaw(fixed, MB)).equals(input)).toBe(true);
		const stored = deflateRawSync(input, { level: 0 });
		// Level 0 writes stored blocks: BTYPE 00 in the first header bits.
		expect((stored[0] >> 1) & 3).toBe(0);
		expect(Buffer.from(inflateRaw(stored, MB)).equals(input)).toBe(true);
	});

	it('reads Huffman-only and RLE streams', () => {
		const input = repetitiveText(50_000);
		for (const strategy of [constants.Z_HUFFMAN_ONLY, constants.Z_RLE, constants.Z_FILTERED]) {
			expect(Buffer.from(inflateRaw(deflateRawSync(input, { strategy }), MB)).equals(input)).toBe(true);
		}
	});

	it('reads a stream flushed into many blocks of mixed types', () => {
		const chunks = [repetitiveText(5000), randomBytes(3000), Buffer.alloc(4000, 0x41)];
		const compressed = Buffer.concat([
			deflateRawSync(chunks[0], { level: 0, finishFlush: constants.Z_SYNC_FLUSH }),
			deflateRawSync(chunks[1], { level: 9, finishFlush: constants.Z_SYNC_FLUSH }),
			deflateRawSync(chunks[2], { strategy: constants.Z_FIXED }),
		]);
		expect(Buffer.from(inflateRaw(compressed, MB)).equals(Buffer.concat(chunks))).toBe(true);
	});
});

describe('inflateZlib', () => {
	it('skips the zlib header and reads with or without the Adler-32 trailer', () => {
		const input = repetitiveText(30_000);
		const compressed = deflateSync(input);
		expect(Buffer.from(inflateZlib(compressed, MB)).equals(input)).toBe(true);
		expect(Buffer.from(inflateZlib(compressed.subarray(0, compressed.length - 4), MB)).equals(input)).toBe(true);
		expect(Buffer.from(inflateZlib(compressed.subarray(0, compressed.length - 2), MB)).equals(input)).toBe(true);
	});

	it('refuses a stream that is not zlib', () => {
		expect(reasonOf(() => inflateZlib(Buffer.from([0x12, 0x34, 0x56]), MB))).toBe('corrupt');
		expect(reasonOf(() => inflateZlib(Buffer.from([0x78]), MB))).toBe('truncated');
	});
});

describe('inflate failures', () => {
	it('throws too-large the moment the output passes the cap, fast and in bounded memory', () => {
		const bomb = deflateRawSync(Buffer.alloc(200 * MB), { level: 9 });
		expect(bomb.length).toBeLessThan(300_000);
		const started = Date.now();
		expect(reasonOf(() => inflateRaw(bomb, 10 * MB))).toBe('too-large');
		expect(Date.now() - started).toBeLessThan(1000);
	});

	it('accepts output of exactly the cap', () => {
		const input = repetitiveText(10_000);
		expect(inflateRaw(deflateRawSync(input), 10_000).length).toBe(10_000);
		expect(reasonOf(() => inflateRaw(deflateRawSync(input), 9_999))).toBe('too-large');
	});

	it('reports truncated input at every cut point', () => {
		const input = repetitiveText(8_000);
		const compressed = deflateRawSync(input);
		for (let cut = 0; cut < compressed.length; cut += Math.max(1, Math.floor(compressed.length / 97))) {
			expect(reasonOf(() => inflateRaw(compressed.subarray(0, cut), MB))).toBe('truncated');
		}
		const stored = deflateRawSync(input, { level: 0 });
		expect(reasonOf(() => inflateRaw(stored.subarray(0, stored.length - 10), MB))).toBe('truncated');
	});

	it('reports corrupt data: bad block type, bad stored length, distance before the start', () => {
		expect(reasonOf(() => inflateRaw(Buffer.from([0x07]), MB))).toBe('corrupt'); // BTYPE 11
		expect(reasonOf(() => inflateRaw(Buffer.from([0x01, 0x05, 0x00, 0x00, 0x00]), MB))).toBe('corrupt');
		// Fixed block: length code 257 then distance code 0 with nothing written yet.
		expect(reasonOf(() => inflateRaw(Buffer.from([0x03, 0x02, 0x00]), MB))).toBe('corrupt');
	});

	it('never returns garbage silently for random bytes: it throws a typed error or yields bytes', () => {
		for (let trial = 0; trial < 300; trial++) {
			const noise = randomBytes(64 + (trial % 200));
			try {
				const output = inflateRaw(noise, 64 * 1024);
				expect(output.length).toBeLessThanOrEqual(64 * 1024);
			} catch (error) {
				expect(error).toBeInstanceOf(InflateError);
			}
		}
	});
});
