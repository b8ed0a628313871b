import { DER_OID, derBitString, derOctets, isUniversal, readDer, sequenceOf } from '../../../nodes/shared/formats/der';
import { checkFileSignature } from '../../../nodes/shared/formats/signature';
import { parseCertificate } from '../../../nodes/shared/formats/signature/certificate';
import { parseCms } from '../../../nodes/shared/formats/signature/cms';
import { sm2Verify } from '../../../nodes/shared/formats/signature/sm2';
import type { SignatureInfo } from '../../../nodes/shared/types';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { flipByte, unzipParts, zipParts } from './fixtures';
import { opensslMissingReason, sm2VerifyWithOpenssl } from './tooling';

type Expected = Pick<SignatureInfo, 'status' | 'testCertificate'>;

// The facts of ../shared/samples/einvoice/README.md ("Signatures in these files"), checked by reading the files.
const OFD_EXPECTED: Record<string, Expected> = {
	'ofdrw-1.ofd': { status: 'valid', testCertificate: false },
	'ofdrw-SignScaleError.ofd': { status: 'valid', testCertificate: false },
	'ofdrw-999.ofd': { status: 'valid', testCertificate: true },
	'ofdrw-draw_param_ref.ofd': { status: 'valid', testCertificate: true },
	'ofdrw-fapiao-shili.ofd': { status: 'modified', testCertificate: true },
	// Sealed too, though the README's table does not say so (a railway ticket; a bank receipt under a CFCA TEST CA).
	'ofd-go-railway-eticket-reissue-xbrl.ofd': { status: 'valid', testCertificate: false },
	'ofd-go-not-an-invoice-bank-receipt.ofd': { status: 'valid', testCertificate: true },
};
const PDF_PKCS7_DETACHED = [
	'invoice2excel-012001900111_51142414.pdf',
	'invoice2excel-03702170021127209635.pdf',
	'fapiaohezi-vat-e-common-adobesong-no-tounicode.pdf',
];
const SEALED_OFDS = ['ofdrw-1.ofd', 'ofdrw-SignScaleError.ofd', 'ofdrw-999.ofd', 'ofdrw-draw_param_ref.ofd', 'ofdrw-fapiao-shili.ofd'];

describeWithSamples('signature status of every sample file', () => {
	it.each(sampleNames('ofd'))('OFD %s', (name) => {
		const result = checkFileSignature(sample('ofd', name), 'ofd');
		expect(result.format).toBe('ofd-seal');
		expect({ status: result.status, testCertificate: result.testCertificate }).toEqual(OFD_EXPECTED[name] ?? { status: 'unsigned', testCertificate: false });
		if (result.status !== 'unsigned') {
			expect(result.signer).toBeTruthy();
			expect(result.issuer).toBeTruthy();
			expect(result.signedAt).toMatch(/^20\d\d-\d\d-\d\dT/);
		}
	});

	it('ofdrw-999, -draw_param_ref and -fapiao-shili name the test CA 税务测试CA2(SM2); ofdrw-1 the real one', () => {
		for (const name of ['ofdrw-999.ofd', 'ofdrw-draw_param_ref.ofd', 'ofdrw-fapiao-shili.ofd']) {
			expect(checkFileSignature(sample('ofd', name), 'ofd').issuer).toBe('税务测试CA2(SM2)');
		}
		expect(checkFileSignature(sample('ofd', 'ofdrw-1.ofd'), 'ofd').issuer).toBe('税务电子证书管理中心(SM2)');
	});

	it('ofdrw-fapiao-shili: the part changed after sealing is named', () => {
		expect(checkFileSignature(sample('ofd', 'ofdrw-fapiao-shili.ofd'), 'ofd').detail).toMatch(/Document\.xml/);
	});

	it.each(sampleNames('pdf'))('PDF %s', (name) => {
		const result = checkFileSignature(sample('pdf', name), 'pdf');
		const expected = name === 'invoice2excel-didi.pdf' ? 'modified' : /^invoice2excel-91/.test(name) || PDF_PKCS7_DETACHED.includes(name) ? 'valid' : 'unsigned';
		expect(result.status).toBe(expected);
		expect(result.testCertificate).toBe(false);
		if (expected !== 'unsigned') expect(result.signer).toBeTruthy();
	});

	it('the toll PDFs invoice2excel-91… are adbe.x509.rsa_sha1 signatures by the seller\'s tax ID', () => {
		for (const name of sampleNames('pdf').filter((n) => n.startsWith('invoice2excel-91'))) {
			const pdf = sample('pdf', name);
			expect(pdf.toString('latin1')).toContain('/SubFilter/adbe.x509.rsa_sha1');
			expect(checkFileSignature(pdf, 'pdf').signer).toBe(name.slice('invoice2excel-'.length, 'invoice2excel-'.length + 18));
		}
	});

	it('invoice2excel-didi.pdf: the bytes appended after signing are counted', () => {
		expect(checkFileSignature(sample('pdf', 'invoice2excel-didi.pdf'), 'pdf').detail).toMatch(/^The signature checks, but 711 bytes were added/);
	});

	it.each(sampleNames('xml'))('XML %s', (name) => {
		const result = checkFileSignature(sample('xml', name), 'xml');
		// The README lists the signature on the special invoice; 25322… carries the same kind of TaxBureauSignature.
		const signed = sample('xml', name).includes('TaxBureauSignature');
		expect(result.status).toBe(signed ? 'unverifiable' : 'unsigned');
		if (signed) {
			expect(result).toMatchObject({ format: 'xml', issuer: '税务电子证书管理中心(SM2)', testCertificate: false });
			expect(result.detail).toMatch(/serial 0300000011bb/);
			expect(result.detail).toMatch(/agrees with SignatureTime/);
		}
	});
});

describeWithSamples('tampered copies of the real samples', () => {
	it.each(SEALED_OFDS.filter((name) => name !== 'ofdrw-fapiao-shili.ofd'))('%s: a changed byte in a part is modified, a flipped seal signature invalid', (name) => {
		const parts = unzipParts(sample('ofd', name));
		const content = [...parts.keys()].find((key) => /Pages\/Page_0\/Content\.xml$/.test(key))!;
		const changed = new Map(parts).set(content, flipByte(parts.get(content)!, Math.floor(parts.get(content)!.length / 2)));
		expect(checkFileSignature(zipParts(changed), 'ofd').status).toBe('modified');
		const replaced = new Map(parts).set(content, Buffer.from('<?xml version="1.0"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"/>'));
		expect(checkFileSignature(zipParts(replaced), 'ofd').status).toBe('modified');
		const valueName = [...parts.keys()].find((key) => key.endsWith('SignedValue.dat'))!;
		const value = parts.get(valueName)!;
		const flipped = new Map(parts).set(valueName, flipByte(value, value.length - 5));
		expect(checkFileSignature(zipParts(flipped), 'ofd').status).toBe('invalid');
		expect(checkFileSignature(zipParts(parts), 'ofd').status).toBe('valid');
	});

	it.each(['invoice2excel-91420000722084584J_8cd62e109ec84973b3b39d166e52298c.pdf', ...PDF_PKCS7_DETACHED])('%s: appended bytes are modified, a changed signed byte invalid', (name) => {
		const pdf = sample('pdf', name);
		expect(checkFileSignature(Buffer.concat([pdf, Buffer.from('\n1 0 obj\n<<>>\nendobj\n')]), 'pdf').status).toBe('modified');
		const at = pdf.indexOf('/MediaBox');
		expect(checkFileSignature(flipByte(pdf, at > 0 ? at + 3 : 100), 'pdf').status).toBe('invalid');
	});
});

const missing = opensslMissingReason();

/** Every SM2 signature in a sealed OFD: the signer's over TBS_Sign and the seal maker's over SES_SealInfo (or a CMS signer's). */
function sm2SignaturesOf(name: string): Array<{ what: string; spki: Uint8Array; point: Uint8Array; message: Uint8Array; signature: Uint8Array }> {
	const parts = unzipParts(sample('ofd', name));
	const value = parts.get([...parts.keys()].find((key) => key.endsWith('SignedValue.dat'))!)!;
	if (isUniversal(sequenceOf(readDer(value), 'SignedValue')[0], DER_OID)) {
		// A GM/T 0010 SignedData instead of a seal (the railway ticket): the signer's SM2 signature.
		const signer = parseCms(value).signers[0];
		const key = signer.certificate!.publicKey;
		const signatureXml = parts.get([...parts.keys()].find((key) => key.endsWith('Signature.xml'))!)!;
		return [{ what: 'CMS signer', spki: key.spki, point: key.keyBits, message: signer.signedAttributes ?? signatureXml, signature: signer.signature }];
	}
	const [tbsSign, signerCert, , signature] = sequenceOf(readDer(value), 'SES_Signature');
	const [sealInfo, makerCert, , sealSignature] = sequenceOf(sequenceOf(tbsSign, 'TBS_Sign')[1], 'SESeal');
	const signer = parseCertificate(derOctets(signerCert)).publicKey;
	const maker = parseCertificate(derOctets(makerCert)).publicKey;
	return [
		{ what: 'signer', spki: signer.spki, point: signer.keyBits, message: tbsSign.bytes, signature: derBitString(signature).bytes },
		{ what: 'seal maker', spki: maker.spki, point: maker.keyBits, message: sealInfo.bytes, signature: derBitString(sealSignature).bytes },
	];
}

(missing ? describe.skip : describeWithSamples)(`OpenSSL agrees with the SM2 verifier on every real SM2 signature${missing ? ` (skipped: ${missing})` : ''}`, () => {
	it.each(Object.keys(OFD_EXPECTED))('%s', (name) => {
		for (const { what, spki, point, message, signature } of sm2SignaturesOf(name)) {
			const ours = sm2Verify(point, message, signature);
			expect({ what, ours }).toEqual({ what, ours: true });
			// Some seal makers store r‖s raw (64 bytes); OpenSSL reads only the DER form.
			const forOpenssl = signature.length === 64 ? derSignature(signature) : signature;
			expect({ what, openssl: sm2VerifyWithOpenssl(spki, message, forOpenssl) }).toEqual({ what, openssl: ours });
			const changed = flipByte(message, message.length - 1);
			expect({ what, ours: sm2Verify(point, changed, signature), openssl: sm2VerifyWithOpenssl(spki, changed, forOpenssl) }).toEqual({ what, ours: false, openssl: false });
		}
	});
});

/** A raw 64-byte r‖s as DER `SEQUENCE { INTEGER r, INTEGER s }`. */
function derSignature(raw: Uint8Array): Uint8Array {
	const integer = (bytes: Uint8Array) => {
		let start = 0;
		while (start < bytes.length - 1 && bytes[start] === 0) start++;
		const body = bytes[start] & 0x80 ? [0, ...bytes.subarray(start)] : [...bytes.subarray(start)];
		return [0x02, body.length, ...body];
	};
	const body = [...integer(raw.subarray(0, 32)), ...integer(raw.subarray(32))];
	return Uint8Array.from([0x30, body.length, ...body]);
}
