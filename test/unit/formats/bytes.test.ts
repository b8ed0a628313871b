import { concatBytes, isBase64Text } from '../../../nodes/shared/formats/bytes';
import { decodeBase64Input } from '../../../nodes/shared/input/preflight';

describe('isBase64Text', () => {
	test.each([
		['QUJD', false, true],
		['QUI=', false, true],
		['QQ==', false, true],
		['', false, true],
		['QQ===', false, false],
		['QU=I', false, false],
		['QU I', false, false],
		['a-b_', false, false],
		['a-b_', true, true],
	])('%j (url-safe %s) → %s', (text, urlSafe, expected) => {
		expect(isBase64Text(text, urlSafe)).toBe(expected);
	});

	test('a 12 MB body is checked without overflowing the stack (a regular expression could)', () => {
		const big = 'QUJD'.repeat(3 * 1024 * 1024);
		expect(isBase64Text(big)).toBe(true);
		expect(isBase64Text(`${big}!`)).toBe(false);
		expect(decodeBase64Input(`data:image/png;base64,${big}`)?.length).toBe(9 * 1024 * 1024);
	});
});

describe('concatBytes', () => {
	test('joins in order; one chunk is returned as it is', () => {
		const one = Uint8Array.of(1, 2);
		expect(concatBytes([one])).toBe(one);
		expect([...concatBytes([one, Uint8Array.of(), Uint8Array.of(3)])]).toEqual([1, 2, 3]);
		expect(concatBytes([]).length).toBe(0);
	});
});
