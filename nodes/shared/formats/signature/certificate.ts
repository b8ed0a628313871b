/**
 * X.509 certificates (RFC 5280), only as far as a signature check needs them: who (subject and issuer
 * common names), which serial, valid when, and the public key (RSA, SM2, or another EC curve). Structures
 * keep their names from the standard so the code reads beside it. Verification of signatures with a key is
 * here too: SM2 by ./sm2 (node:crypto cannot set the signer ID), RSA and ECDSA by node:crypto.
 */
import { createHash, createPublicKey, verify as cryptoVerify } from 'node:crypto';

import {
	DER_INTEGER,
	DER_OID,
	DER_SET,
	DerError,
	derBitString,
	derOrNull,
	derChildren,
	derIntegerHex,
	derOid,
	derString,
	derTime,
	isContext,
	isUniversal,
	readDer,
	sequenceOf,
	type DerNode,
} from '../der';
import { sm2Verify } from './sm2';

export const OID = {
	commonName: '2.5.4.3',
	organization: '2.5.4.10',
	organizationalUnit: '2.5.4.11',
	rsaEncryption: '1.2.840.113549.1.1.1',
	ecPublicKey: '1.2.840.10045.2.1',
	sm2Curve: '1.2.156.10197.1.301',
	sm2Sign: '1.2.156.10197.1.301.1',
	sm2WithSm3: '1.2.156.10197.1.501',
	sm3: '1.2.156.10197.1.401',
	sha1: '1.3.14.3.2.26',
	sha256: '2.16.840.1.101.3.4.2.1',
	sha384: '2.16.840.1.101.3.4.2.2',
	sha512: '2.16.840.1.101.3.4.2.3',
} as const;

/** Digest algorithms by OID (the digest OIDs, and the signature OIDs that name one). */
const DIGESTS: Record<string, string> = {
	[OID.sha1]: 'sha1',
	[OID.sha256]: 'sha256',
	[OID.sha384]: 'sha384',
	[OID.sha512]: 'sha512',
	[OID.sm3]: 'sm3',
	'1.2.156.10197.1.401.1': 'sm3',
	'1.2.840.113549.1.1.5': 'sha1',
	'1.2.840.113549.1.1.11': 'sha256',
	'1.2.840.113549.1.1.12': 'sha384',
	'1.2.840.113549.1.1.13': 'sha512',
	'1.2.840.113549.1.1.4': 'md5',
	'1.2.840.10045.4.1': 'sha1',
	'1.2.840.10045.4.3.2': 'sha256',
	'1.2.840.10045.4.3.3': 'sha384',
	'1.2.840.10045.4.3.4': 'sha512',
	[OID.sm2WithSm3]: 'sm3',
	'2.16.840.1.101.3.4.2.4': 'sha224',
	'1.2.840.113549.2.5': 'md5',
};

/** The node:crypto digest name an OID stands for, or null when unknown. */
export function digestName(oid: string): string | null {
	return DIGESTS[oid] ?? null;
}

/** The digest of the chunks (e.g. a PDF's signed byte ranges) by node:crypto name. */
export function digest(name: string, chunks: Uint8Array[]): Uint8Array {
	const hash = createHash(name);
	for (const chunk of chunks) hash.update(chunk);
	return new Uint8Array(hash.digest());
}

export interface PublicKeyInfo {
	kind: 'rsa' | 'sm2' | 'ec' | 'other';
	/** The SubjectPublicKeyInfo DER, as node:crypto loads it. */
	spki: Uint8Array;
	/** The key bits (an EC point, or an RSAPublicKey). */
	keyBits: Uint8Array;
	/** The algorithm (and, for EC, the curve) OIDs. */
	algorithm: string;
	curve: string | null;
}

export interface DistinguishedName {
	commonName: string | null;
	organization: string | null;
	/** All attributes, `CN=…, O=…` (OIDs for those without a short name). */
	text: string;
}

export interface Certificate {
	der: Uint8Array;
	tbs: Uint8Array;
	/** Serial number in lower-case hex. */
	serial: string;
	issuer: DistinguishedName;
	subject: DistinguishedName;
	notBefore: string | null;
	notAfter: string | null;
	/** The algorithm the issuer signed the certificate with. */
	signatureAlgorithm: string;
	publicKey: PublicKeyInfo;
}

const SHORT_NAMES: Record<string, string> = {
	'2.5.4.3': 'CN',
	'2.5.4.6': 'C',
	'2.5.4.7': 'L',
	'2.5.4.8': 'ST',
	'2.5.4.10': 'O',
	'2.5.4.11': 'OU',
	'2.5.4.5': 'serialNumber',
	'1.2.840.113549.1.9.1': 'emailAddress',
};

export function parseName(node: DerNode): DistinguishedName {
	const parts: string[] = [];
	let commonName: string | null = null;
	let organization: string | null = null;
	for (const rdn of sequenceOf(node, 'A name')) {
		for (const attribute of sequenceOf(rdn, 'A name part', DER_SET)) {
			const [type, value] = sequenceOf(attribute, 'A name attribute');
			const oid = derOid(type);
			const text = derOrNull(() => derString(value));
			if (text === null) continue;
			parts.push(`${SHORT_NAMES[oid] ?? oid}=${text}`);
			if (oid === OID.commonName && commonName === null) commonName = text;
			if (oid === OID.organization && organization === null) organization = text;
		}
	}
	return { commonName, organization, text: parts.join(', ') };
}

/** A readable name: the common name, else the organization, else all of it. */
export function displayName(name: DistinguishedName): string | null {
	return name.commonName ?? name.organization ?? (name.text || null);
}

export function parsePublicKeyInfo(node: DerNode): PublicKeyInfo {
	const [algorithmNode, keyNode] = sequenceOf(node, 'A public key');
	const algorithmParts = sequenceOf(algorithmNode, 'A public key algorithm');
	const algorithm = derOid(algorithmParts[0]);
	const curve = algorithmParts[1] && isUniversal(algorithmParts[1], DER_OID) ? derOid(algorithmParts[1]) : null;
	const keyBits = derBitString(keyNode).bytes;
	let kind: PublicKeyInfo['kind'] = 'other';
	if (algorithm === OID.rsaEncryption) kind = 'rsa';
	else if (algorithm === OID.sm2Curve || curve === OID.sm2Curve) kind = 'sm2';
	else if (algorithm === OID.ecPublicKey) kind = 'ec';
	return { kind, spki: node.bytes, keyBits, algorithm, curve };
}

/** Parses a DER certificate; throws DerError when it is not one. */
export function parseCertificate(der: Uint8Array): Certificate {
	const root = readDer(der);
	const [tbsNode, algorithmNode] = sequenceOf(root, 'A certificate');
	const tbsParts = sequenceOf(tbsNode, 'A certificate body');
	let at = 0;
	if (tbsParts[at] && isContext(tbsParts[at], 0)) at++;
	const serialNode = tbsParts[at++];
	if (!serialNode || !isUniversal(serialNode, DER_INTEGER)) throw new DerError('unexpected', 'A certificate has no serial number.');
	at++; // the signature algorithm again
	const issuer = parseName(tbsParts[at++]);
	const validity = sequenceOf(tbsParts[at++], 'A certificate validity');
	const subject = parseName(tbsParts[at++]);
	const publicKey = parsePublicKeyInfo(tbsParts[at++]);
	const time = (node: DerNode | undefined) => (node ? derOrNull(() => derTime(node)) : null);
	return {
		der: root.bytes,
		tbs: tbsNode.bytes,
		serial: derIntegerHex(serialNode),
		issuer,
		subject,
		notBefore: time(validity[0]),
		notAfter: time(validity[1]),
		signatureAlgorithm: derOid(derChildren(algorithmNode)[0]),
		publicKey,
	};
}

/** Whether the issuer is a test CA (`税务测试CA2(SM2)`, `Test CA`, `TEST`): such signatures check but prove nothing. */
export function isTestIssuer(name: DistinguishedName): boolean {
	return /测试|\btest/i.test(name.text);
}

/**
 * Whether `signature` is `key`'s signature of `data` with the digest named. SM2 keys use SM2 with the
 * standard signer ID (the digest is then always SM3); others go to node:crypto. A key node:crypto cannot
 * load, or a digest it lacks, throws.
 */
export function verifyWithKey(key: PublicKeyInfo, digestAlgorithm: string, data: Uint8Array, signature: Uint8Array): boolean {
	if (key.kind === 'sm2') return sm2Verify(key.keyBits, data, signature);
	const publicKey = createPublicKey({ key: Buffer.from(key.spki), format: 'der', type: 'spki' });
	return cryptoVerify(digestAlgorithm, data, publicKey, signature);
}
