import { createHash } from 'node:crypto';

import { checkFileSignature } from '../../../nodes/shared/formats/signature';
import { flipByte, ofdParts, sealOfd, sesSignature, unzipParts, zipParts, type SealKeys } from './fixtures';
import { opensslMissingReason, selfSignedCertificate } from './tooling';
import { cpuTimed } from '../../support/node';

const missing = opensslMissingReason();
const describeWithOpenssl = missing ? describe.skip : describe;

const check = (bytes: Uint8Array) => checkFileSignature(bytes, 'ofd');

describeWithOpenssl(`OFD seals made by the tests (GB/T 38540 v4, OpenSSL's SM2)${missing ? ` (skipped: ${missing})` : ''}`, () => {
	const keys: SealKeys = missing
		? null!
		: { maker: selfSignedCertificate('sm2', 'Seal Maker CA'), signer: selfSignedCertificate('sm2', 'Invoice Issuer') };
	const sealed = missing ? null! : sealOfd(keys, ofdParts());
	const page = 'Doc_0/Pages/Page_0/Content.xml';

	const withPart = (name: string, data: Uint8Array | null) => {
		const parts = new Map(sealed);
		if (data) parts.set(name, data);
		else parts.delete(name);
		return zipParts(parts);
	};

	it('a sealed package is valid, with the signer, its issuer and the signing time', () => {
		expect(check(zipParts(sealed))).toEqual({
			status: 'valid',
			format: 'ofd-seal',
			signer: 'Invoice Issuer',
			issuer: 'Invoice Issuer',
			signedAt: '2024-01-02T03:04:05Z',
			testCertificate: false,
		});
	});

	it('an unsealed package is unsigned', () => {
		expect(check(zipParts(ofdParts())).status).toBe('unsigned');
	});

	it('a byte changed in a signed part is modified, naming the part', () => {
		const result = check(withPart(page, flipByte(sealed.get(page)!, 200)));
		expect(result.status).toBe('modified');
		expect(result.detail).toContain(page);
		expect(result.signer).toBe('Invoice Issuer');
	});

	it('a signed part replaced by another, or removed, is modified', () => {
		expect(check(withPart(page, Buffer.from('<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'))).status).toBe('modified');
		expect(check(withPart('Doc_0/Document.xml', null)).detail).toMatch(/Document\.xml \(missing\)/);
	});

	it('a flipped byte in the signer\'s signature, or in the seal maker\'s, is invalid', () => {
		const signedValue = 'Doc_0/Signs/Sign_0/SignedValue.dat';
		const value = sealed.get(signedValue)!;
		const signerBroken = check(withPart(signedValue, flipByte(value, value.length - 3)));
		expect(signerBroken).toMatchObject({ status: 'invalid', detail: expect.stringMatching(/signer's signature/) });
		const makerBroken = sealOfd(keys, ofdParts(), 1, { badSealSignature: true });
		expect(check(zipParts(makerBroken))).toMatchObject({ status: 'invalid', detail: expect.stringMatching(/seal maker's signature/) });
	});

	it('a changed Signature.xml (its data hash no longer matches) is invalid', () => {
		const name = 'Doc_0/Signs/Sign_0/Signature.xml';
		const xml = Buffer.from(sealed.get(name)!).toString('utf8').replace('Provider ProviderName="test"', 'Provider ProviderName="tesT"');
		expect(check(withPart(name, Buffer.from(xml))).status).toBe('invalid');
	});

	it('a second seal that makes the first seal\'s Signatures.xml reference stale is still valid', () => {
		const twice = sealOfd(keys, ofdParts(), 2);
		const first = Buffer.from(twice.get('Doc_0/Signs/Sign_0/Signature.xml')!).toString('utf8');
		expect(first).toContain('Signatures.xml');
		expect(check(zipParts(twice)).status).toBe('valid');
		// The list's order need not be the signing order.
		const reordered = new Map(twice);
		const listXml = Buffer.from(twice.get('Doc_0/Signs/Signatures.xml')!).toString('utf8');
		expect(listXml).toMatch(/Sign_0.*Sign_1/);
		// Reordering changes the list's bytes, so the latest seal is re-made over the reordered list.
		const entries = listXml.match(/<ofd:Signature [^>]*\/>/g)!;
		const swapped = Buffer.from(listXml.replace(entries.join(''), [...entries].reverse().join('')));
		reordered.set('Doc_0/Signs/Signatures.xml', swapped);
		const latest = Buffer.from(twice.get('Doc_0/Signs/Sign_1/Signature.xml')!).toString('utf8');
		const sm3Base64 = (bytes: Uint8Array) => Buffer.from(createHash('sm3').update(bytes).digest()).toString('base64');
		const relisted = Buffer.from(latest.replace(sm3Base64(twice.get('Doc_0/Signs/Signatures.xml')!), sm3Base64(swapped)));
		reordered.set('Doc_0/Signs/Sign_1/Signature.xml', relisted);
		reordered.set('Doc_0/Signs/Sign_1/SignedValue.dat', sesSignature(keys, relisted));
		expect(check(zipParts(reordered)).status).toBe('valid');
		// …but a Signatures.xml no seal matches any more is a change.
		const parts = new Map(twice);
		parts.set('Doc_0/Signs/Signatures.xml', Buffer.concat([twice.get('Doc_0/Signs/Signatures.xml')!, Buffer.from(' ')]));
		expect(check(zipParts(parts)).status).toBe('modified');
	});

	it('the GM/T 0031 v1 layout: valid as made, invalid with either signature broken, modified with a part changed', () => {
		const v1 = sealOfd(keys, ofdParts(), 1, { layout: 'v1' });
		expect(check(zipParts(v1))).toMatchObject({ status: 'valid', signer: 'Invoice Issuer', signedAt: '2024-01-02T03:04:05Z' });
		expect(check(zipParts(sealOfd(keys, ofdParts(), 1, { layout: 'v1', badSignerSignature: true }))).status).toBe('invalid');
		expect(check(zipParts(sealOfd(keys, ofdParts(), 1, { layout: 'v1', badSealSignature: true }))).status).toBe('invalid');
		const changed = new Map(v1).set(page, flipByte(v1.get(page)!, 150));
		expect(check(zipParts(changed)).status).toBe('modified');
	});

	it('check values written in hex instead of base64 are read as such', () => {
		const name = 'Doc_0/Signs/Sign_0/Signature.xml';
		const xml = Buffer.from(sealed.get(name)!).toString('utf8').replace(/<ofd:CheckValue>([^<]*)<\/ofd:CheckValue>/g, (_, b64: string) => `<ofd:CheckValue>${Buffer.from(b64, 'base64').toString('hex')}</ofd:CheckValue>`);
		const resealed = sealOfd(keys, ofdParts());
		// The seal signs Signature.xml's bytes, so the hex version needs its own seal: re-sign over it.
		resealed.set(name, Buffer.from(xml));
		resealed.set('Doc_0/Signs/Sign_0/SignedValue.dat', sesSignature(keys, Buffer.from(xml)));
		expect(check(zipParts(resealed)).status).toBe('valid');
		const changed = new Map(resealed).set(page, flipByte(resealed.get(page)!, 200));
		expect(check(zipParts(changed)).status).toBe('modified');
	});

	it('a test CA issuer sets testCertificate', () => {
		const testKeys = { maker: selfSignedCertificate('sm2', '税务测试CA2(SM2)'), signer: keys.signer };
		expect(check(zipParts(sealOfd(testKeys, ofdParts()))).testCertificate).toBe(true);
	});

	it('a round trip through the ZIP reader keeps the seal valid (the fixture reads as the real files do)', () => {
		expect(check(zipParts(unzipParts(zipParts(sealed)))).status).toBe('valid');
	});
});

describe('OFD seals: hostile packages', () => {
	it.each([
		['not a ZIP', Buffer.from('PK\u0003\u0004 not really a zip')],
		['truncated DER in SignedValue.dat', zipParts(withSignedValue(Uint8Array.of(0x30, 0x82, 0xff, 0xff, 0x30, 0x03)))],
		['absurd lengths in SignedValue.dat', zipParts(withSignedValue(Uint8Array.of(0x30, 0x84, 0x7f, 0xff, 0xff, 0xff, 0x02, 0x01, 0x04)))],
		['a SignedValue.dat of zeros', zipParts(withSignedValue(new Uint8Array(5000)))],
	])('%s: invalid with a reason, fast', (_, bytes) => {
		const { result, cpuMs } = cpuTimed(() => check(bytes));
		expect(result?.status).toBe('invalid');
		expect(result?.detail).toBeTruthy();
		expect(cpuMs).toBeLessThan(200);
	});

	it('a spent inflate budget (shared by a bundle\'s members) leaves the seals unverifiable, not invalid', () => {
		const bytes = zipParts(withSignedValue(new Uint8Array(10)));
		const budget = { remainingBytes: 10 };
		expect(checkFileSignature(bytes, 'ofd', { inflateBudget: budget })).toMatchObject({ status: 'unverifiable', detail: expect.stringMatching(/limit/) });
		const shared = { remainingBytes: 1_000_000 };
		checkFileSignature(bytes, 'ofd', { inflateBudget: shared });
		expect(shared.remainingBytes).toBeLessThan(1_000_000);
	});

	it('a signature list that names itself and the same seal over and over is bounded', () => {
		const parts = withSignedValue(new Uint8Array(10));
		const entries = '<ofd:Signature ID="1" BaseLoc="/Doc_0/Signs/Signatures.xml"/>'.repeat(5000);
		parts.set('Doc_0/Signs/Signatures.xml', Buffer.from(`<ofd:Signatures xmlns:ofd="x">${entries}</ofd:Signatures>`));
		const bytes = zipParts(parts);
		const started = Date.now();
		expect(check(bytes).status).toBe('invalid');
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

/** An OFD whose one seal's SignedValue.dat holds the given bytes. */
function withSignedValue(value: Uint8Array): Map<string, Uint8Array> {
	const parts = ofdParts();
	parts.set('Doc_0/Signs/Signatures.xml', Buffer.from('<ofd:Signatures xmlns:ofd="x"><ofd:Signature ID="1" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>'));
	parts.set(
		'Doc_0/Signs/Sign_0/Signature.xml',
		Buffer.from('<ofd:Signature xmlns:ofd="x"><ofd:SignedInfo><ofd:References><ofd:Reference FileRef="/OFD.xml"><ofd:CheckValue>AAAA</ofd:CheckValue></ofd:Reference></ofd:References></ofd:SignedInfo><ofd:SignedValue>SignedValue.dat</ofd:SignedValue></ofd:Signature>'),
	);
	parts.set('Doc_0/Signs/Sign_0/SignedValue.dat', value);
	return parts;
}
