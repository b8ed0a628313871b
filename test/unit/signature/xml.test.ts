import { checkFileSignature } from '../../../nodes/shared/formats/signature';
import { der, tlv } from './fixtures';

/** A Name with one common name. */
const name = (commonName: string) => der.seq(der.set(der.seq(der.oid('2.5.4.3'), der.utf8(commonName))));

/** A GM/T 0010 SignedData as the tax platform writes it: no certificate, signer named by issuer and serial. */
function taxBureauSignedData(issuer: string): Uint8Array {
	const sm3 = der.seq(der.oid('1.2.156.10197.1.401'), der.nul());
	const signedAttributes = tlv(
		0xa0,
		der.seq(der.oid('1.2.840.113549.1.9.3'), der.set(der.oid('1.2.156.10197.6.1.4.2.1'))),
		der.seq(der.oid('1.2.840.113549.1.9.4'), der.set(der.octets(new Uint8Array(32).fill(9)))),
	);
	const signerInfo = der.seq(
		der.int(1),
		der.seq(name(issuer), tlv(0x02, Uint8Array.of(0x03, 0x00, 0x00, 0x00, 0x11, 0xbb))),
		sm3,
		signedAttributes,
		der.seq(der.oid('1.2.156.10197.1.501'), der.nul()),
		der.octets(der.seq(tlv(0x02, new Uint8Array(32).fill(0x11)), tlv(0x02, new Uint8Array(32).fill(0x22)))),
	);
	const signedData = der.seq(der.int(1), der.set(sm3), der.seq(der.oid('1.2.156.10197.6.1.4.2.1')), der.set(signerInfo));
	return der.seq(der.oid('1.2.156.10197.6.1.4.2.2'), der.ctx(0, signedData));
}

function invoiceXml(signature: string): Buffer {
	return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><EInvoice><Header><EIid>26322000004478296111</EIid></Header>${signature}</EInvoice>`, 'utf8');
}

function taxBureauSignature(options: { issuer?: string; xmlTime?: string; stampedTime?: string; value?: string } = {}): string {
	const hex = Buffer.from(taxBureauSignedData(options.issuer ?? '税务电子证书管理中心(SM2)')).toString('hex');
	const stamp = Buffer.from(options.stampedTime ?? '20260604 093855').toString('base64');
	return `<TaxBureauSignature><Reference URI="/Einvoice/Header|/Einvoice/EinvoiceData"/><SignatureAlgorithm>1.2.156.10197.1.501</SignatureAlgorithm><SignatureFormat>DETACH</SignatureFormat><SignatureTime>${options.xmlTime ?? '2026-06-04 09:38:55'}</SignatureTime><SignatureValue>${options.value ?? `${hex}&amp;${stamp}`}</SignatureValue><KeyInfo/></TaxBureauSignature>`;
}

const check = (xml: Buffer) => checkFileSignature(xml, 'xml');

describe('数电 XML TaxBureauSignature', () => {
	it('is unverifiable, naming the issuer and serial, with the signing time in UTC (Beijing time written)', () => {
		const result = check(invoiceXml(taxBureauSignature()));
		expect(result).toMatchObject({ status: 'unverifiable', format: 'xml', signer: null, issuer: '税务电子证书管理中心(SM2)', signedAt: '2026-06-04T01:38:55Z', testCertificate: false });
		expect(result.detail).toMatch(/serial 0300000011bb/);
		expect(result.detail).toMatch(/carries no certificate/);
		expect(result.detail).toMatch(/agrees with SignatureTime/);
	});

	it('says so when the signed time and SignatureTime disagree', () => {
		const result = check(invoiceXml(taxBureauSignature({ xmlTime: '2026-06-05 09:38:55' })));
		expect(result.status).toBe('unverifiable');
		expect(result.detail).toMatch(/2026-06-04T01:38:55Z does not agree with SignatureTime 2026-06-05T01:38:55Z/);
	});

	it('a test CA issuer sets testCertificate', () => {
		expect(check(invoiceXml(taxBureauSignature({ issuer: '税务测试CA2(SM2)' }))).testCertificate).toBe(true);
	});

	it('a SignatureValue that is no SignedData is invalid; truncated DER too', () => {
		expect(check(invoiceXml(taxBureauSignature({ value: 'not hex at all' }))).status).toBe('invalid');
		const hex = Buffer.from(taxBureauSignedData('x')).toString('hex');
		expect(check(invoiceXml(taxBureauSignature({ value: hex.slice(0, 60) }))).status).toBe('invalid');
	});

	it('a <ptbh> platform number (乐企) is no signature: unsigned, and said so', () => {
		const result = check(invoiceXml('<ptbh>174ba8fa83cf8ccb51c0</ptbh>'));
		expect(result.status).toBe('unsigned');
		expect(result.detail).toMatch(/ptbh/);
		expect(check(invoiceXml('')).status).toBe('unsigned');
	});

	it('XML that cannot be read is invalid with the reason', () => {
		expect(check(Buffer.from('<EInvoice><unclosed>')).status).toBe('invalid');
	});
});
