/**
 * Signed files made by the tests themselves (the real samples may not be there): PDFs with a /ByteRange
 * signature over their own bytes, and OFD packages with GB/T 38540 v4 seals, signed by OpenSSL's keys
 * (./tooling.js). A small DER writer builds the structures by their names in the standards.
 */
import { createHash } from 'node:crypto';

import { openZip } from '../../../nodes/shared/formats/zip';
import { PdfWriter } from '../../support/pdfWriter';
import { zipBytes } from '../../support/zipWriter';
import { sm2Sign, type TestCertificate } from './tooling';

// ---- DER writer -------------------------------------------------------------------------------------------

function lengthBytes(length: number): number[] {
	if (length < 0x80) return [length];
	const octets: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
	return [0x80 | octets.length, ...octets];
}

export function tlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
	const body = Buffer.concat(contents);
	return Uint8Array.from([tag, ...lengthBytes(body.length), ...body]);
}

export const der = {
	seq: (...items: Uint8Array[]) => tlv(0x30, ...items),
	set: (...items: Uint8Array[]) => tlv(0x31, ...items),
	ctx: (n: number, ...items: Uint8Array[]) => tlv(0xa0 + n, ...items),
	int: (value: number) => tlv(0x02, Uint8Array.of(value)),
	octets: (bytes: Uint8Array) => tlv(0x04, bytes),
	bits: (bytes: Uint8Array) => tlv(0x03, Uint8Array.of(0), bytes),
	ia5: (text: string) => tlv(0x16, Buffer.from(text, 'latin1')),
	utf8: (text: string) => tlv(0x0c, Buffer.from(text, 'utf8')),
	time: (text: string) => tlv(0x18, Buffer.from(text, 'latin1')),
	nul: () => Uint8Array.of(0x05, 0x00),
	oid(dotted: string): Uint8Array {
		const arcs = dotted.split('.').map(Number);
		const out: number[] = [arcs[0] * 40 + arcs[1]];
		for (const arc of arcs.slice(2)) {
			const groups: number[] = [];
			let rest = arc;
			do {
				groups.unshift(rest & 0x7f);
				rest = Math.floor(rest / 128);
			} while (rest > 0);
			out.push(...groups.map((group, i) => (i < groups.length - 1 ? group | 0x80 : group)));
		}
		return tlv(0x06, Uint8Array.from(out));
	},
};

export const sm3 = (bytes: Uint8Array) => new Uint8Array(createHash('sm3').update(bytes).digest());

// ---- PDF -----------------------------------------------------------------------------------------------------

const CONTENTS_HEX_DIGITS = 16384;
const RANGE_PLACEHOLDER = '[0 0000000000 0000000000 0000000000]';

export interface SignedPdfOptions {
	subFilter: string;
	/** The signature value (the /Contents bytes) over the signed bytes. */
	sign: (signed: Uint8Array) => Uint8Array;
	/** More entries for the signature dictionary (e.g. `/Cert <…>`). */
	extra?: string;
	/** Extra objects (number → body) for the file, e.g. a loop of references. */
	objects?: Array<[number, string]>;
}

/** A one-page PDF whose signature dictionary signs every byte except its own /Contents. */
export function signedPdf(options: SignedPdfOptions): Buffer {
	const writer = new PdfWriter();
	const catalog = writer.reserve();
	const pages = writer.reserve();
	const page = writer.reserve();
	const content = writer.add({ data: 'BT /F1 12 Tf 72 720 Td (Invoice 12345678) Tj ET', compress: false });
	const signature = writer.add(
		`<</Type/Sig/Filter/Adobe.PPKLite/SubFilter/${options.subFilter}/M(D:20240102030405+08'00')${options.extra ?? ''}/ByteRange ${RANGE_PLACEHOLDER}/Contents <${'0'.repeat(CONTENTS_HEX_DIGITS)}>>>`,
	);
	const field = writer.add(`<</FT/Sig/T(Signature1)/V ${signature} 0 R/Type/Annot/Subtype/Widget/Rect[0 0 0 0]/P ${page} 0 R>>`);
	for (const [num, body] of options.objects ?? []) writer.set(num, body);
	writer.set(page, `<</Type/Page/Parent ${pages} 0 R/MediaBox[0 0 612 792]/Contents ${content} 0 R/Annots[${field} 0 R]>>`);
	writer.set(pages, `<</Type/Pages/Kids[${page} 0 R]/Count 1>>`);
	writer.set(catalog, `<</Type/Catalog/Pages ${pages} 0 R/AcroForm<</Fields[${field} 0 R]/SigFlags 3>>>>`);
	const file = writer.build(catalog);
	const open = file.indexOf('/Contents <') + '/Contents '.length;
	const close = file.indexOf('>', open);
	const ranges = [0, open, close + 1, file.length - close - 1];
	const rangeText = `[${ranges.map((n) => String(n).padStart(10, '0')).join(' ')}]`.replace(/^\[0{10}/, '[0');
	const placeholderAt = file.indexOf(RANGE_PLACEHOLDER);
	file.write(rangeText.padEnd(RANGE_PLACEHOLDER.length, ' '), placeholderAt, 'latin1');
	const signed = Buffer.concat([file.subarray(0, open), file.subarray(close + 1)]);
	const value = Buffer.from(options.sign(signed)).toString('hex');
	if (value.length > CONTENTS_HEX_DIGITS) throw new Error('The test signature does not fit its placeholder.');
	file.write(value, open + 1, 'latin1');
	return file;
}

/** `/Cert <…>` for an adbe.x509.rsa_sha1 dictionary. */
export function certEntry(certificate: TestCertificate): string {
	return `/Cert <${Buffer.from(certificate.certDer).toString('hex')}>`;
}

// ---- OFD -----------------------------------------------------------------------------------------------------

export interface SealKeys {
	maker: TestCertificate;
	signer: TestCertificate;
}

const OID_SM2_SM3 = '1.2.156.10197.1.501';

/** An SES_SealInfo (GB/T 38540 §7.1): header, ID, property, picture. */
function sealInfo(maker: TestCertificate, name: string): Uint8Array {
	return der.seq(
		der.seq(der.ia5('ES'), der.int(4), der.ia5('TESTVID')),
		der.ia5('11010800000001'),
		der.seq(der.int(1), der.utf8(name), der.int(1), der.seq(der.octets(maker.certDer)), der.time('20240101000000Z'), der.time('20240101000000Z'), der.time('20340101000000Z')),
		der.seq(der.ia5('png'), der.octets(Uint8Array.of(0x89, 0x50, 0x4e, 0x47)), der.int(40), der.int(40)),
	);
}

export interface SesOptions {
	/** Break the maker's signature (flip a byte of it). */
	badSealSignature?: boolean;
	/** Break the signer's signature. */
	badSignerSignature?: boolean;
	/** `v1`: the GM/T 0031-2014 layout (certificate and algorithm inside TBS_Sign, time as a BIT STRING). */
	layout?: 'v4' | 'v1';
}

/** SES_Signature in the GM/T 0031-2014 (v1) layout. */
function sesSignatureV1(keys: SealKeys, signatureXml: Uint8Array, options: SesOptions): Uint8Array {
	const utc = (text: string) => tlv(0x17, Buffer.from(text, 'latin1'));
	const info = der.seq(
		der.seq(der.ia5('ES'), der.int(1), der.ia5('TESTVID')),
		der.ia5('11010800000001'),
		der.seq(der.int(1), der.utf8('测试发票专用章'), der.seq(der.octets(keys.maker.certDer)), utc('240101000000Z'), utc('240101000000Z'), utc('340101000000Z')),
		der.seq(der.ia5('png'), der.octets(Uint8Array.of(0x89, 0x50, 0x4e, 0x47)), der.int(40), der.int(40)),
	);
	const sealSignature = sm2Sign(keys.maker.keyPem, info);
	if (options.badSealSignature) sealSignature[sealSignature.length - 2] ^= 0x01;
	const seal = der.seq(info, der.seq(der.octets(keys.maker.certDer), der.oid(OID_SM2_SM3), der.bits(sealSignature)));
	const tbsSign = der.seq(
		der.int(1),
		seal,
		der.bits(Buffer.from('20240102030405Z', 'latin1')),
		der.bits(sm3(signatureXml)),
		der.ia5('/Doc_0/Signs/Sign_0/Signature.xml'),
		der.octets(keys.signer.certDer),
		der.oid(OID_SM2_SM3),
	);
	const signature = sm2Sign(keys.signer.keyPem, tbsSign);
	if (options.badSignerSignature) signature[signature.length - 2] ^= 0x01;
	return der.seq(tbsSign, der.bits(signature));
}

/** SES_Signature v4 over the Signature.xml bytes, signed by the signer, with a seal signed by the maker. */
export function sesSignature(keys: SealKeys, signatureXml: Uint8Array, options: SesOptions = {}): Uint8Array {
	if (options.layout === 'v1') return sesSignatureV1(keys, signatureXml, options);
	const info = sealInfo(keys.maker, '测试发票专用章');
	const sealSignature = sm2Sign(keys.maker.keyPem, info);
	if (options.badSealSignature) sealSignature[sealSignature.length - 2] ^= 0x01;
	const seal = der.seq(info, der.octets(keys.maker.certDer), der.oid(OID_SM2_SM3), der.bits(sealSignature));
	const tbsSign = der.seq(der.int(4), seal, der.time('20240102030405Z'), der.bits(sm3(signatureXml)), der.ia5('/Doc_0/Signs/Sign_0/Signature.xml'));
	const signature = sm2Sign(keys.signer.keyPem, tbsSign);
	if (options.badSignerSignature) signature[signature.length - 2] ^= 0x01;
	return der.seq(tbsSign, der.octets(keys.signer.certDer), der.oid(OID_SM2_SM3), der.bits(signature));
}

/** The unsealed parts of a small OFD invoice. */
export function ofdParts(): Map<string, Uint8Array> {
	const text = (value: string) => Buffer.from(value, 'utf8');
	return new Map<string, Uint8Array>([
		['OFD.xml', text('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.1" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>test</ofd:DocID></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot><ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures></ofd:DocBody></ofd:OFD>')],
		['Doc_0/Document.xml', text('<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>')],
		['Doc_0/Pages/Page_0/Content.xml', text('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2"><ofd:TextObject ID="3" Boundary="0 0 50 5" Font="4" Size="3"><ofd:TextCode X="0" Y="3">价税合计 ¥113.00</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>')],
	]);
}

/** Signature.xml listing the SM3 of each named part (absolute paths, as the tax platforms write them). */
export function signatureXml(parts: Map<string, Uint8Array>, names: string[], signId: number): Uint8Array {
	const references = names
		.map((name) => `<ofd:Reference FileRef="/${name}"><ofd:CheckValue>${Buffer.from(sm3(parts.get(name)!)).toString('base64')}</ofd:CheckValue></ofd:Reference>`)
		.join('');
	return Buffer.from(
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Signature xmlns:ofd="http://www.ofdspec.org/2016"><ofd:SignedInfo><ofd:Provider ProviderName="test"/><ofd:SignatureMethod>${OID_SM2_SM3}</ofd:SignatureMethod><ofd:SignatureDateTime>20240102030405Z</ofd:SignatureDateTime><ofd:References CheckMethod="1.2.156.10197.1.401">${references}</ofd:References><ofd:StampAnnot ID="${signId}" PageRef="1" Boundary="0 0 40 40"/></ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_${signId - 1}/SignedValue.dat</ofd:SignedValue></ofd:Signature>`,
		'utf8',
	);
}

function signaturesList(count: number): Uint8Array {
	const entries = Array.from({ length: count }, (_, i) => `<ofd:Signature ID="${i + 1}" BaseLoc="/Doc_0/Signs/Sign_${i}/Signature.xml"/>`).join('');
	return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><ofd:Signatures xmlns:ofd="http://www.ofdspec.org/2016"><ofd:MaxSignId>${count}</ofd:MaxSignId>${entries}</ofd:Signatures>`, 'utf8');
}

/**
 * Seals the parts `count` times in turn, as a signing tool does: each seal lists every part present when it
 * was made, Signatures.xml included (so an earlier seal's reference to Signatures.xml goes stale).
 */
export function sealOfd(keys: SealKeys, parts: Map<string, Uint8Array>, count = 1, options: SesOptions = {}): Map<string, Uint8Array> {
	const sealed = new Map(parts);
	for (let i = 0; i < count; i++) {
		sealed.set('Doc_0/Signs/Signatures.xml', signaturesList(i + 1));
		const names = [...sealed.keys()].filter((name) => !name.includes(`Sign_${i}/`));
		const xml = signatureXml(sealed, names, i + 1);
		sealed.set(`Doc_0/Signs/Sign_${i}/Signature.xml`, xml);
		sealed.set(`Doc_0/Signs/Sign_${i}/SignedValue.dat`, sesSignature(keys, xml, options));
	}
	return sealed;
}

export function zipParts(parts: Map<string, Uint8Array>): Buffer {
	return zipBytes([...parts.entries()].map(([name, data]) => ({ name, data })));
}

/** The members of an OFD (or any ZIP) by name. */
export function unzipParts(bytes: Uint8Array): Map<string, Uint8Array> {
	const archive = openZip(bytes);
	return new Map(archive.entries.filter((entry) => !entry.isDirectory).map((entry) => [entry.name, archive.read(entry)]));
}

export function flipByte(bytes: Uint8Array, at: number): Uint8Array {
	const copy = Uint8Array.from(bytes);
	copy[at] ^= 0x01;
	return copy;
}
