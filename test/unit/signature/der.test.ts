import {
	DerError,
	derBigInt,
	derBitString,
	derChildren,
	derIntegerHex,
	derOid,
	derString,
	derTime,
	readDer,
	readDerStrict,
	MAX_DER_DEPTH,
	type DerFailure,
} from '../../../nodes/shared/formats/der';

const hex = (text: string) => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ''), 'hex'));

function failure(run: () => unknown): DerFailure | 'no error' | 'other error' {
	try {
		run();
	} catch (error) {
		return error instanceof DerError ? error.reason : 'other error';
	}
	return 'no error';
}

describe('DER reader', () => {
	it('reads OIDs to dotted strings, including multi-byte arcs', () => {
		expect(derOid(readDer(hex('06 08 2A 81 1C CF 55 01 83 75')))).toBe('1.2.156.10197.1.501');
		expect(derOid(readDer(hex('06 09 2A 86 48 86 F7 0D 01 07 02')))).toBe('1.2.840.113549.1.7.2');
		expect(derOid(readDer(hex('06 03 55 04 03')))).toBe('2.5.4.3');
	});

	it('reads integers as signed BigInts and as serial hex', () => {
		expect(derBigInt(readDer(hex('02 01 7F')))).toBe(BigInt(127));
		expect(derBigInt(readDer(hex('02 01 80')))).toBe(BigInt(-128));
		expect(derBigInt(readDer(hex('02 02 00 80')))).toBe(BigInt(128));
		expect(derIntegerHex(readDer(hex('02 08 00 16 03 00 00 00 11 91')))).toBe('16030000001191');
	});

	it('reads long-form lengths, bit strings and nested sequences', () => {
		const body = new Uint8Array(300).fill(0xab);
		const bits = new Uint8Array([0x03, 0x82, 0x01, 0x2d, 0x00, ...body]);
		const node = readDerStrict(bits);
		expect(derBitString(node).bytes).toEqual(body);
		const sequence = readDerStrict(hex('30 05 02 01 01 05 00'));
		expect(derChildren(sequence).map((child) => child.tag)).toEqual([2, 5]);
	});

	it('decodes UTF-8, BMP and printable strings', () => {
		expect(derString(readDer(hex('0C 06 E6 B5 8B E8 AF 95')))).toBe('测试');
		expect(derString(readDer(hex('1E 04 6D 4B 8B D5')))).toBe('测试');
		expect(derString(readDer(hex('13 02 43 4E')))).toBe('CN');
	});

	it('reads UTCTime and GeneralizedTime (with fractions and offsets) as ISO UTC', () => {
		const time = (tag: number, text: string) => derTime(readDer(Uint8Array.from([tag, text.length, ...Buffer.from(text)])));
		expect(time(0x17, '200723130907Z')).toBe('2020-07-23T13:09:07Z');
		expect(time(0x17, '991231235959Z')).toBe('1999-12-31T23:59:59Z');
		expect(time(0x18, '20200723130907.763Z')).toBe('2020-07-23T13:09:07.763Z');
		expect(time(0x18, '20200723210907+0800')).toBe('2020-07-23T13:09:07Z');
		expect(failure(() => time(0x18, '2020-07-23'))).toBe('bad-value');
	});

	it('accepts a bounded BER indefinite length and finds its end', () => {
		const node = readDer(hex('30 80 02 01 05 04 00 00 00 FF'));
		expect(node.bytes.length).toBe(9);
		expect(derChildren(node).map((child) => child.tag)).toEqual([2, 4]);
	});

	it.each([
		['a length past the end', '30 05 02 01', 'truncated'],
		['a header cut short', '30', 'truncated'],
		['an absurd long-form length', '04 84 7F FF FF FF 00', 'truncated'],
		['a length of more than 4 octets', '04 89 01 00 00 00 00 00 00 00 00', 'bad-length'],
		['an indefinite primitive', '04 80 00 00', 'bad-length'],
		['an indefinite length with no end', '30 80 02 01 05', 'truncated'],
		['trailing bytes', '05 00 00', 'unexpected'],
	])('refuses %s with a DerError', (_, text, reason) => {
		expect(failure(() => readDerStrict(hex(text)))).toBe(reason);
	});

	it('refuses a child that claims more than its parent holds', () => {
		expect(failure(() => derChildren(readDer(hex('30 03 04 05 00 00 00 00 00'))))).toBe('truncated');
	});

	it('refuses nesting deeper than the limit, fast, for nested definite and indefinite forms', () => {
		const depth = 5000;
		const definiteBytes = nested(MAX_DER_DEPTH + 10);
		const indefinite = new Uint8Array(depth * 4);
		for (let i = 0; i < depth; i++) indefinite.set([0x30, 0x80], i * 2);
		const started = Date.now();
		expect(failure(() => readDer(indefinite))).toBe('too-deep');
		let definite: DerNodeLike = readDer(definiteBytes);
		let reason: string = 'no error';
		try {
			for (;;) definite = derChildren(definite)[0];
		} catch (error) {
			reason = error instanceof DerError ? error.reason : 'other error';
		}
		expect(reason).toBe('too-deep');
		expect(Date.now() - started).toBeLessThan(500);
	});
});

type DerNodeLike = ReturnType<typeof readDer>;

/** `depth` SEQUENCEs each holding the next (long-form lengths), innermost empty. */
function nested(depth: number): Uint8Array {
	let inner: number[] = [0x30, 0x00];
	for (let i = 1; i < depth; i++) {
		const length = inner.length;
		inner = [0x30, 0x83, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff, ...inner];
	}
	return Uint8Array.from(inner);
}
