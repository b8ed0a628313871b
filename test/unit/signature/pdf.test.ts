import { createHash } from 'node:crypto';

import { derChildren, readDer } from '../../../nodes/shared/formats/der';
import { checkFileSignature } from '../../../nodes/shared/formats/signature';
import { certEntry, der, flipByte, signedPdf, sm3 } from './fixtures';
import { cmsSignDetached, opensslMissingReason, rsaSha1Sign, selfSignedCertificate, sm2Sign } from './tooling';
import { appendUpdate } from '../../support/pdfWriter';
import { cpuTimed } from '../../support/node';

const missing = opensslMissingReason();
const describeWithOpenssl = missing ? describe.skip : describe;

const check = (bytes: Uint8Array) => checkFileSignature(bytes, 'pdf');

/** Where the signed content of the page is (a byte inside the first signed range). */
const insideFirstRange = (pdf: Buffer) => pdf.indexOf('Invoice 12345678');

describeWithOpenssl(`PDF signatures made by OpenSSL${missing ? ` (skipped: ${missing})` : ''}`, () => {
	const rsa = missing ? null! : selfSignedCertificate('rsa', 'Test Seller Co');
	const sm2 = missing ? null! : selfSignedCertificate('sm2', '测试CA SM2');

	const cmsPdf = (subFilter = 'adbe.pkcs7.detached', digest = 'sha256') =>
		signedPdf({ subFilter, sign: (signed) => cmsSignDetached(rsa, signed, digest) });
	const rsaSha1Pdf = () =>
		signedPdf({ subFilter: 'adbe.x509.rsa_sha1', extra: certEntry(rsa), sign: (signed) => der.octets(rsaSha1Sign(rsa, signed)) });

	it.each([
		['adbe.pkcs7.detached', 'sha256'],
		['adbe.pkcs7.detached', 'sha1'],
		['ETSI.CAdES.detached', 'sha256'],
	])('%s (%s) over the whole file is valid, with the signer and its time', (subFilter, digest) => {
		const result = check(cmsPdf(subFilter, digest));
		expect(result).toMatchObject({ status: 'valid', format: 'pdf', signer: 'Test Seller Co', issuer: 'Test Seller Co', testCertificate: true });
		expect(result.signedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
	});

	it('an ECDSA (P-256) CMS signature is valid, and invalid once a signed byte changes', () => {
		const ec = selfSignedCertificate('ec', 'EC Seller');
		const pdf = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: (signed) => cmsSignDetached(ec, signed) });
		expect(check(pdf)).toMatchObject({ status: 'valid', signer: 'EC Seller' });
		expect(check(flipByte(pdf, insideFirstRange(pdf))).status).toBe('invalid');
	});

	it('adbe.x509.rsa_sha1 with the certificate in /Cert is valid; its time comes from /M', () => {
		expect(check(rsaSha1Pdf())).toMatchObject({ status: 'valid', signer: 'Test Seller Co', signedAt: '2024-01-01T19:04:05Z' });
	});

	it('adbe.pkcs7.sha1 (the SHA-1 of the ranges signed as encapsulated content) is valid', () => {
		const pdf = signedPdf({
			subFilter: 'adbe.pkcs7.sha1',
			sign: (signed) => {
				const sha1 = new Uint8Array(createHash('sha1').update(signed).digest());
				return cmsSignDetached(rsa, sha1, 'sha256', true);
			},
		});
		expect(check(pdf).status).toBe('valid');
	});

	it('an SM2 CMS signature (GM/T 0010 OIDs, signed attributes) is valid, and invalid once a signed byte changes', () => {
		const pdf = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: (signed) => sm2SignedData(sm2, signed) });
		expect(check(pdf)).toMatchObject({ status: 'valid', signer: '测试CA SM2', testCertificate: true });
		expect(check(flipByte(pdf, insideFirstRange(pdf))).status).toBe('invalid');
	});

	it.each([
		['pkcs7', () => cmsPdf()],
		['rsa_sha1', () => rsaSha1Pdf()],
	])('%s: a changed byte inside the signed range is invalid', (_, make) => {
		const pdf = make();
		const result = check(flipByte(pdf, insideFirstRange(pdf)));
		expect(result.status).toBe('invalid');
		expect(result.detail).toMatch(/changed/);
	});

	it.each([
		['pkcs7', () => cmsPdf()],
		['rsa_sha1', () => rsaSha1Pdf()],
	])('%s: a flipped signature byte is invalid', (_, make) => {
		const pdf = make();
		const contents = pdf.indexOf('/Contents <') + '/Contents <'.length;
		// A byte of the signature value near the end of the DER (not the zero padding).
		const hex = pdf.subarray(contents, pdf.indexOf('>', contents)).toString('latin1').replace(/0+$/, '');
		const at = contents + hex.length - 8;
		const copy = Buffer.from(pdf);
		copy[at] = copy[at] === 0x30 ? 0x31 : 0x30;
		expect(check(copy).status).toBe('invalid');
	});

	it('bytes appended after the signed range are modified; an incremental update too', () => {
		const pdf = cmsPdf();
		expect(check(Buffer.concat([pdf, Buffer.from('%junk added later\n')]))).toMatchObject({ status: 'modified', signer: 'Test Seller Co' });
		const updated = appendUpdate(pdf, new Map([[3, '<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>']]), 1);
		expect(check(updated).status).toBe('modified');
		expect(check(Buffer.concat([pdf, Buffer.from('\r\n')])).status).toBe('valid');
	});
});

describe('PDF signatures: unsigned and hostile files', () => {
	const fakeSign = () => der.octets(new Uint8Array(256).fill(7));

	it('a PDF with no /ByteRange is unsigned', () => {
		const pdf = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: fakeSign });
		const unsigned = Buffer.from(pdf.toString('latin1').replace('/ByteRange', '/NotARange'), 'latin1');
		expect(check(unsigned).status).toBe('unsigned');
	});

	it.each([
		['outside the file', (text: string, length: number) => text.replace(/\/ByteRange \[[^\]]*\]/, `/ByteRange [0 10 20 ${length * 4}]`)],
		['with absurd numbers', (text: string) => text.replace(/\/ByteRange \[[^\]]*\]/, '/ByteRange [0 99999999999999999999 -5 1e400]')],
		['leaving out more than the signature', (text: string) => text.replace(/\/ByteRange \[0 (\d+) (\d+) (\d+)\]/, (_, a, b, c) => `/ByteRange [0 ${Number(a) - 20} ${b} ${c}]`)],
		['not starting at 0', (text: string) => text.replace(/\/ByteRange \[0 /, '/ByteRange [5 ')],
	])('a /ByteRange %s is invalid, fast', (_, edit) => {
		const pdf = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: fakeSign });
		const hostile = Buffer.from(edit(pdf.toString('latin1'), pdf.length), 'latin1');
		const { result, cpuMs } = cpuTimed(() => check(hostile));
		expect(result?.status).toBe('invalid');
		expect(result?.detail).toMatch(/ByteRange/);
		expect(cpuMs).toBeLessThan(200);
	});

	it('a truncated or garbage signature value is invalid with a reason', () => {
		const truncated = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: () => Uint8Array.of(0x30, 0x82, 0x7f, 0xff, 0x06, 0x09) });
		expect(check(truncated)).toMatchObject({ status: 'invalid', detail: expect.stringMatching(/not a readable CMS/) });
		const garbage = signedPdf({ subFilter: 'adbe.pkcs7.detached', sign: () => new Uint8Array(64).fill(0xff) });
		expect(check(garbage).status).toBe('invalid');
	});

	it('a signature dictionary loop (a field whose /V and /Cert point back at themselves) ends fast with a clear status', () => {
		const pdf = signedPdf({
			subFilter: 'adbe.x509.rsa_sha1',
			extra: '/Cert 20 0 R',
			sign: fakeSign,
			objects: [
				[20, '21 0 R'],
				[21, '20 0 R'],
				[22, '<</FT/Sig/V 22 0 R/Kids[22 0 R]/ByteRange 22 0 R/Contents 22 0 R>>'],
			],
		});
		const { result, cpuMs } = cpuTimed(() => check(pdf));
		expect(['unverifiable', 'invalid']).toContain(result?.status);
		expect(result?.detail).toMatch(/Cert|ByteRange/);
		expect(cpuMs).toBeLessThan(200);
	});

	it('an unknown /SubFilter is unverifiable, not valid', () => {
		expect(check(signedPdf({ subFilter: 'adbe.x509.weird', sign: fakeSign })).status).toBe('unverifiable');
	});

	it('many /ByteRange markers in junk are bounded', () => {
		const junk = Buffer.from(`%PDF-1.7\n${'/ByteRange [0 1 2 3] /Contents <00> '.repeat(20000)}`, 'latin1');
		const started = Date.now();
		expect(['invalid', 'unsigned']).toContain(check(junk).status);
		expect(Date.now() - started).toBeLessThan(1000);
	});
});

/**
 * A GM/T 0010 SignedData over `content` with signed attributes, signed by OpenSSL's SM2 (OpenSSL 3.0's
 * `cms -sign` cannot write SM2 SignedData, so the structure is assembled here and only the signing is OpenSSL's).
 */
function sm2SignedData(certificate: { keyPem: string; certDer: Uint8Array }, content: Uint8Array): Uint8Array {
	const sm3Algorithm = der.seq(der.oid('1.2.156.10197.1.401'));
	const attributes = [
		der.seq(der.oid('1.2.840.113549.1.9.3'), der.set(der.oid('1.2.156.10197.6.1.4.2.1'))),
		der.seq(der.oid('1.2.840.113549.1.9.5'), der.set(Uint8Array.from([0x17, 13, ...Buffer.from('240102030405Z')]))),
		der.seq(der.oid('1.2.840.113549.1.9.4'), der.set(der.octets(sm3(content)))),
	];
	const signedAttributes = der.set(...attributes);
	const signature = sm2Sign(certificate.keyPem, signedAttributes);
	const tbs = readTbs(certificate.certDer);
	const signerInfo = der.seq(
		der.int(1),
		der.seq(tbs.issuer, tbs.serial),
		sm3Algorithm,
		Uint8Array.from([0xa0, ...signedAttributes.subarray(1)]),
		der.seq(der.oid('1.2.156.10197.1.501')),
		der.octets(signature),
	);
	const signedData = der.seq(
		der.int(1),
		der.set(sm3Algorithm),
		der.seq(der.oid('1.2.156.10197.6.1.4.2.1')),
		der.ctx(0, certificate.certDer),
		der.set(signerInfo),
	);
	return der.seq(der.oid('1.2.156.10197.6.1.4.2.2'), der.ctx(0, signedData));
}

/** The issuer Name and serial INTEGER elements of a certificate, as written. */
function readTbs(certDer: Uint8Array): { issuer: Uint8Array; serial: Uint8Array } {
	const tbs = derChildren(derChildren(readDer(certDer))[0]);
	const offset = tbs[0].tagClass === 2 ? 1 : 0;
	return { serial: tbs[offset].bytes, issuer: tbs[offset + 2].bytes };
}
