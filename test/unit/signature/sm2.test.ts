import { readDer, sequenceOf, derBitString } from '../../../nodes/shared/formats/der';
import { decodeSm2Point, sm2Verify } from '../../../nodes/shared/formats/signature/sm2';
import { opensslMissingReason, sm2KeyPair, sm2Sign, sm2VerifyWithOpenssl } from './tooling';
import { cpuTimed } from '../../support/node';

const missing = opensslMissingReason();
const describeWithOpenssl = missing ? describe.skip : describe;

/** The uncompressed point inside an SM2 SubjectPublicKeyInfo. */
function pointOf(spki: Uint8Array): Uint8Array {
	return derBitString(sequenceOf(readDer(spki), 'key')[1]).bytes;
}

describe('sm2 point decoding', () => {
	// The curve's generator, from GB/T 32918.5.
	const gx = '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7';
	const gy = 'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0';

	it('reads the generator uncompressed, as bare x‖y and compressed (y is even: prefix 02)', () => {
		const uncompressed = decodeSm2Point(Buffer.from(`04${gx}${gy}`, 'hex'));
		expect(uncompressed.x.toString(16).toUpperCase()).toBe(gx);
		expect(decodeSm2Point(Buffer.from(`${gx}${gy}`, 'hex'))).toEqual(uncompressed);
		expect(decodeSm2Point(Buffer.from(`02${gx}`, 'hex'))).toEqual(uncompressed);
		expect(decodeSm2Point(Buffer.from(`03${gx}`, 'hex')).y).not.toBe(uncompressed.y);
	});

	it('refuses a point off the curve and unknown encodings', () => {
		const offCurve = `04${gx}${gy.slice(0, -1)}1`;
		expect(() => decodeSm2Point(Buffer.from(offCurve, 'hex'))).toThrow(/not on the curve/);
		expect(() => decodeSm2Point(new Uint8Array(10))).toThrow(/no known encoding/);
	});
});

describeWithOpenssl(`sm2 verification against OpenSSL${missing ? ` (skipped: ${missing})` : ''}`, () => {
	const key = missing ? null : sm2KeyPair();
	const messages = [new Uint8Array(0), new TextEncoder().encode('abc'), new Uint8Array(5000).map((_, i) => i * 7)];

	it.each(messages.map((message) => [message.length, message]))('accepts what OpenSSL signed (%i-byte message)', (_, message) => {
		const signature = sm2Sign(key!.privatePem, message);
		expect(sm2VerifyWithOpenssl(key!.publicDer, message, signature)).toBe(true);
		expect(sm2Verify(pointOf(key!.publicDer), message, signature)).toBe(true);
	});

	it('refuses a changed message, a flipped signature byte and another key, as OpenSSL does', () => {
		const message = new TextEncoder().encode('发票 12345');
		const signature = sm2Sign(key!.privatePem, message);
		const changed = Uint8Array.from(message);
		changed[0] ^= 1;
		const flipped = Uint8Array.from(signature);
		flipped[flipped.length - 3] ^= 0x10;
		const other = sm2KeyPair();
		for (const [k, m, s] of [
			[key!.publicDer, changed, signature],
			[key!.publicDer, message, flipped],
			[other.publicDer, message, signature],
		] as const) {
			expect(sm2VerifyWithOpenssl(k, m, s)).toBe(false);
			expect(sm2Verify(pointOf(k), m, s)).toBe(false);
		}
	});

	it('treats malformed signatures as not valid instead of throwing', () => {
		const point = pointOf(key!.publicDer);
		expect(sm2Verify(point, new Uint8Array(1), new Uint8Array(0))).toBe(false);
		expect(sm2Verify(point, new Uint8Array(1), Uint8Array.of(0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x01))).toBe(false);
		expect(sm2Verify(point, new Uint8Array(1), Uint8Array.of(0x30, 0x80, 0x02))).toBe(false);
		// A huge "signature" (an INTEGER of a megabyte) is refused before any number is built from it.
		const huge = new Uint8Array(1_000_008);
		huge.set([0x30, 0x83, 0x0f, 0x42, 0x44, 0x02, 0x83, 0x0f, 0x42, 0x40, 0x01]);
		const { result, cpuMs } = cpuTimed(() => sm2Verify(point, new Uint8Array(1), huge));
		expect(result).toBe(false);
		expect(cpuMs).toBeLessThan(100);
	});
});
