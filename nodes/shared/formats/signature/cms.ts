/**
 * PKCS#7 / CMS SignedData (RFC 5652), and its Chinese twin GM/T 0010 (the same structure under the
 * 1.2.156.10197.6.1.4.2 OIDs, SM2 with SM3): signer infos with their signed attributes (messageDigest,
 * signingTime) and the certificates carried along. A PDF signature is one, detached; the 数电 XML's
 * TaxBureauSignature is one without certificates.
 */
import { concatBytes } from '../bytes';
import {
	DER_OCTET_STRING,
	DER_SET,
	DerError,
	derChildren,
	derIntegerHex,
	derOctets,
	derOid,
	derOrNull,
	derTime,
	isContext,
	isUniversal,
	readDer,
	sequenceOf,
	type DerNode,
} from '../der';
import {
	OID,
	digest,
	digestName,
	parseCertificate,
	parseName,
	verifyWithKey,
	type Certificate,
	type DistinguishedName,
} from './certificate';
import { sameBytes } from './result';

export const CMS_OID = {
	signedData: '1.2.840.113549.1.7.2',
	data: '1.2.840.113549.1.7.1',
	gmSignedData: '1.2.156.10197.6.1.4.2.2',
	gmData: '1.2.156.10197.6.1.4.2.1',
	contentType: '1.2.840.113549.1.9.3',
	messageDigest: '1.2.840.113549.1.9.4',
	signingTime: '1.2.840.113549.1.9.5',
} as const;

/** A PDF signature holds one or two signers; a hostile one is cut off here. */
export const MAX_CMS_SIGNERS = 16;
export const MAX_CMS_CERTIFICATES = 64;

export interface CmsSigner {
	/** The issuer and serial the signer info names its certificate by (null for a subject key identifier). */
	issuer: DistinguishedName | null;
	serial: string | null;
	digestAlgorithm: string;
	signatureAlgorithm: string;
	/** The signed attributes as a DER SET (tag rewritten from [0] to SET, as signed), or null. */
	signedAttributes: Uint8Array | null;
	messageDigest: Uint8Array | null;
	signingTime: string | null;
	signature: Uint8Array;
	/** The matching certificate among those carried, or null. */
	certificate: Certificate | null;
}

export interface CmsSignedData {
	contentType: string;
	/** The encapsulated content (null when detached). */
	content: Uint8Array | null;
	certificates: Certificate[];
	signers: CmsSigner[];
}

/** Whether the OID names SignedData (PKCS#7 or GM/T 0010). */
export function isSignedDataOid(oid: string): boolean {
	return oid === CMS_OID.signedData || oid === CMS_OID.gmSignedData;
}

/** Parses a ContentInfo holding SignedData; throws DerError when it is not one. Trailing padding is allowed. */
export function parseCms(bytes: Uint8Array): CmsSignedData {
	const [typeNode, wrapped] = sequenceOf(readDer(bytes), 'A CMS ContentInfo');
	const contentType = derOid(typeNode);
	if (!isSignedDataOid(contentType)) throw new DerError('unexpected', `The CMS content is ${contentType}, not SignedData.`);
	if (!wrapped || !isContext(wrapped, 0)) throw new DerError('unexpected', 'The CMS ContentInfo holds no content.');
	const signedData = sequenceOf(derChildren(wrapped)[0], 'SignedData');
	let at = 1; // version
	at++; // digestAlgorithms
	const encapsulated = sequenceOf(signedData[at++], 'EncapsulatedContentInfo');
	let content: Uint8Array | null = null;
	if (encapsulated[1] && isContext(encapsulated[1], 0)) {
		const inner = derChildren(encapsulated[1])[0];
		// BER writers may split the content into a constructed OCTET STRING.
		content = inner && isUniversal(inner, DER_OCTET_STRING) ? octetStringContent(inner) : inner ? inner.content : null;
	}
	const certificates: Certificate[] = [];
	for (; at < signedData.length && !isUniversal(signedData[at], DER_SET); at++) {
		if (!isContext(signedData[at], 0)) continue; // [1] CRLs
		for (const certificate of derChildren(signedData[at])) {
			if (certificates.length >= MAX_CMS_CERTIFICATES) break;
			// Attribute certificates and other choices are skipped; only X.509 certificates are SEQUENCEs.
			const parsed = certificate.tagClass === 0 ? derOrNull(() => parseCertificate(certificate.bytes)) : null;
			if (parsed) certificates.push(parsed);
		}
	}
	const signerNodes = sequenceOf(signedData[at], 'SignerInfos', DER_SET).slice(0, MAX_CMS_SIGNERS);
	return { contentType, content, certificates, signers: signerNodes.map((node) => parseSigner(node, certificates)) };
}

function octetStringContent(node: DerNode): Uint8Array {
	if (!node.constructed) return node.content;
	return concatBytes(derChildren(node).map((piece) => derOctets(piece)));
}

function parseSigner(node: DerNode, certificates: Certificate[]): CmsSigner {
	const parts = sequenceOf(node, 'SignerInfo');
	let at = 1; // version
	const sid = parts[at++];
	let issuer: DistinguishedName | null = null;
	let serial: string | null = null;
	let issuerBytes: Uint8Array | null = null;
	if (sid && !isContext(sid, 0)) {
		const [issuerNode, serialNode] = sequenceOf(sid, 'IssuerAndSerialNumber');
		issuer = parseName(issuerNode);
		issuerBytes = issuerNode.bytes;
		serial = derIntegerHex(serialNode);
	}
	const digestAlgorithm = derOid(sequenceOf(parts[at++], 'A digest algorithm')[0]);
	let signedAttributes: Uint8Array | null = null;
	let messageDigest: Uint8Array | null = null;
	let signingTime: string | null = null;
	if (parts[at] && isContext(parts[at], 0)) {
		const attributesNode = parts[at++];
		// What was signed is the attributes' DER with the SET tag, not the [0] IMPLICIT tag written.
		signedAttributes = Uint8Array.from(attributesNode.bytes);
		signedAttributes[0] = 0x31;
		for (const attribute of derChildren(attributesNode)) {
			const [typeNode, valuesNode] = sequenceOf(attribute, 'A signed attribute');
			const type = derOid(typeNode);
			const value = valuesNode ? derChildren(valuesNode)[0] : undefined;
			if (!value) continue;
			if (type === CMS_OID.messageDigest) messageDigest = derOctets(value);
			if (type === CMS_OID.signingTime) signingTime = derOrNull(() => derTime(value));
		}
	}
	const signatureAlgorithm = derOid(sequenceOf(parts[at++], 'A signature algorithm')[0]);
	const signature = derOctets(parts[at++]);
	const certificate =
		certificates.find(
			(candidate) =>
				serial !== null &&
				candidate.serial === serial &&
				(issuerBytes === null || candidate.issuer.text === issuer?.text),
		) ?? (certificates.length === 1 ? certificates[0] : null);
	return { issuer, serial, digestAlgorithm, signatureAlgorithm, signedAttributes, messageDigest, signingTime, signature, certificate };
}

export interface CmsCheck {
	status: 'valid' | 'invalid' | 'unverifiable';
	detail?: string;
	/** The (first) signer's certificate, when carried. */
	certificate: Certificate | null;
	signer: CmsSigner | null;
	signedAt: string | null;
}

/**
 * Checks SignedData over the content it signs (the chunks, e.g. a PDF's byte ranges; or the encapsulated
 * content when `chunks` is null). Every signer must check. `invalid` when a digest or signature is wrong;
 * `unverifiable` when no certificate is carried or an algorithm is unknown.
 */
export function verifyCmsDetached(bytes: Uint8Array, chunks: Uint8Array[] | null): CmsCheck {
	let cms: CmsSignedData;
	try {
		cms = parseCms(bytes);
	} catch (error) {
		return { status: 'invalid', detail: `The signature is not a readable CMS SignedData (${error instanceof Error ? error.message : String(error)})`, certificate: null, signer: null, signedAt: null };
	}
	return verifyParsedCms(cms, chunks);
}

export function verifyParsedCms(cms: CmsSignedData, chunks: Uint8Array[] | null): CmsCheck {
	const first = cms.signers[0] ?? null;
	const base = { certificate: first?.certificate ?? null, signer: first, signedAt: first?.signingTime ?? null };
	if (!first) return { status: 'invalid', detail: 'The signature has no signer.', ...base };
	const content = chunks ?? (cms.content ? [cms.content] : null);
	if (!content) return { status: 'unverifiable', detail: 'The signature is detached and the signed content is unknown.', ...base };
	for (const signer of cms.signers) {
		const check = verifySigner(signer, content);
		if (check) return { ...check, ...base, certificate: signer.certificate ?? base.certificate };
	}
	return { status: 'valid', ...base };
}

/** Null when the signer checks, else what is wrong. */
function verifySigner(signer: CmsSigner, content: Uint8Array[]): Pick<CmsCheck, 'status' | 'detail'> | null {
	const key = signer.certificate?.publicKey;
	const sm2 = key?.kind === 'sm2' || signer.signatureAlgorithm === OID.sm2WithSm3 || signer.signatureAlgorithm === OID.sm2Sign;
	const hashName = sm2 ? 'sm3' : (digestName(signer.signatureAlgorithm) ?? digestName(signer.digestAlgorithm));
	const contentHashName = digestName(signer.digestAlgorithm) ?? hashName;
	if (!hashName || !contentHashName) {
		return { status: 'unverifiable', detail: `The signature uses an unknown digest (${signer.digestAlgorithm}).` };
	}
	let signed: Uint8Array;
	if (signer.signedAttributes) {
		if (!signer.messageDigest) return { status: 'invalid', detail: 'The signed attributes have no messageDigest.' };
		if (!sameBytes(digest(contentHashName, content), signer.messageDigest)) {
			return { status: 'invalid', detail: 'The signed bytes do not match the signature\'s message digest: they were changed after signing.' };
		}
		signed = signer.signedAttributes;
	} else {
		signed = concatBytes(content);
	}
	if (!key) return { status: 'unverifiable', detail: 'The signature carries no certificate to check it with.' };
	let checks: boolean;
	try {
		checks = verifyWithKey(key, hashName, signed, signer.signature);
	} catch (error) {
		return { status: 'unverifiable', detail: `The signer's key cannot be used (${error instanceof Error ? error.message : String(error)})` };
	}
	return checks ? null : { status: 'invalid', detail: 'The signature value does not check with the signer\'s certificate.' };
}

