import { decodeLzw } from '../../../nodes/shared/formats/lzw';
import { lzwEncode } from '../../support/lzwEncode';

function decodeAll(data: Uint8Array, earlyChange: 0 | 1): { ok: boolean; bytes: Buffer } {
	const chunks: Buffer[] = [];
	const ok = decodeLzw(data, earlyChange, (bytes, length) => {
		chunks.push(Buffer.from(bytes.subarray(0, length)));
		return true;
	});
	return { ok, bytes: Buffer.concat(chunks) };
}

describe('decodeLzw (TIFF and PDF LZWDecode)', () => {
	// Repetitive text with some variety: codes grow to 12 bits and the table fills up.
	const text = Buffer.from(Array.from({ length: 3000 }, (_, i) => `line ${i % 97} of the invoice ${i % 13};`).join('\n'));

	test.each([1, 0] as const)('round-trips with early change %s', (earlyChange) => {
		const { ok, bytes } = decodeAll(lzwEncode(text, earlyChange), earlyChange);
		expect(ok).toBe(true);
		expect(bytes.equals(text)).toBe(true);
	});

	test('the other early-change setting does not read the same bytes', () => {
		expect(decodeAll(lzwEncode(text, 1), 0).bytes.equals(text)).toBe(false);
	});

	test('a code beyond the table is corrupt data', () => {
		// Clear (256), then 400 as the first 9-bit code: no entry 400 exists yet.
		const bits = '100000000' + '110010000';
		const bytes = Uint8Array.from(bits.padEnd(24, '0').match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
		expect(decodeAll(bytes, 1).ok).toBe(false);
	});

	test('the writer can stop the decoding early', () => {
		let strings = 0;
		expect(decodeLzw(lzwEncode(text), 1, () => ++strings < 5)).toBe(true);
		expect(strings).toBe(5);
	});
});
