/**
 * OFD electronic seals (GB/T 38540-2020, and the older GM/T 0031-2014 "v1" layout), checked offline:
 * 1. every `Reference` in `Signature.xml` carries a `CheckValue`, the digest (SM3 unless `CheckMethod` says
 *    otherwise) of one part of the package; a part that no longer matches was changed after sealing;
 * 2. `SignedValue.dat` is an SES_Signature whose `TBS_Sign.dataHash` is the SM3 of `Signature.xml`;
 * 3. the signer's SM2-SM3 signature over `TBS_Sign` checks with the signer certificate it carries;
 * 4. the seal inside (SESeal) carries its maker's signature over the seal information.
 * Only (1) failing means `modified`; (2)–(4) failing means the seal itself is not genuine: `invalid`.
 */
import { concatBytes } from '../bytes';
import { DerError, DER_BIT_STRING, DER_IA5_STRING, DER_OCTET_STRING, DER_OID, derBitString, derOctets, derOid, derOrNull, derSmallInt, derTime, isUniversal, readDer, sequenceOf, toHex, type DerNode } from '../der';
import { XmlError, attributeByName, childByName, childrenByName, parseXml, textAt, type XmlElement } from '../xml';
import { ZIP_LIMITS, ZipError, openZip, type InflateBudget, type ZipArchive } from '../zip';
import { OID, digest, digestName, displayName, isTestIssuer, parseCertificate, verifyWithKey, type Certificate } from './certificate';
import { verifyCmsDetached } from './cms';
import { finding, fromBase64, sameBytes, worstFinding, type SignatureFinding } from './result';

/** More seals than any real document carries (an invoice has one or two). */
export const MAX_OFD_SIGNATURES = 32;
/** More signed parts than any real invoice lists (about 15 a page). */
export const MAX_OFD_REFERENCES = 5000;

/** The node:crypto digest for a `CheckMethod` (an OID or a name), SM3 by default. */
function checkMethodDigest(method: string | undefined): string | null {
	if (!method) return 'sm3';
	const trimmed = method.trim();
	const byOid = digestName(trimmed);
	if (byOid) return byOid;
	const byName: Record<string, string> = { sm3: 'sm3', sha1: 'sha1', 'sha-1': 'sha1', sha256: 'sha256', 'sha-256': 'sha256', md5: 'md5' };
	return byName[trimmed.toLowerCase()] ?? null;
}

/** A package path (`/Doc_0/x.xml`, or relative to `base`) as the ZIP reader names members. */
function resolvePath(location: string, base: string): string {
	const raw = location.trim().replace(/\\/g, '/');
	const joined = raw.startsWith('/') ? raw : base ? `${base}/${raw}` : raw;
	const out: string[] = [];
	for (const part of joined.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') out.pop();
		else out.push(part);
	}
	return out.join('/');
}

function directoryOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/** The member name a location resolves to, trying it against the given base folders in turn (writers differ). */
function locateMember(archive: ZipArchive, location: string, bases: string[]): string | null {
	for (const base of bases) {
		const name = resolvePath(location, base);
		const entry = archive.find(name);
		if (entry && !entry.isDirectory) return name;
	}
	return null;
}

function findMember(archive: ZipArchive, location: string, bases: string[]): { name: string; bytes: Uint8Array } | null {
	const name = locateMember(archive, location, bases);
	return name === null ? null : { name, bytes: archive.read(archive.find(name)!) };
}

/** Where each document's `Signatures.xml` is, from OFD.xml's DocBody entries (or by name when OFD.xml is odd). */
function signatureListPaths(archive: ZipArchive): string[] {
	const paths: string[] = [];
	const ofd = archive.find('OFD.xml');
	if (ofd) {
		const root = parseXml(archive.read(ofd));
		for (const body of childrenByName(root, 'DocBody')) {
			const location = textAt(body, 'Signatures');
			if (location) paths.push(resolvePath(location, ''));
		}
	}
	if (paths.length === 0) {
		for (const entry of archive.entries) if (/(^|\/)Signs\/Signatures\.xml$/i.test(entry.name)) paths.push(entry.name);
	}
	return paths;
}

interface SealedSignature {
	/** The member path of Signature.xml. */
	path: string;
	xml: XmlElement;
	bytes: Uint8Array;
}

/**
 * Inflating the signed parts again counts against a budget the caller may share across a bundle's members,
 * so that a bundle of small, highly compressed OFDs cannot make the checks inflate without end. A spent
 * budget says nothing about the file: `unverifiable`, not `invalid`.
 */
function isOverBudget(error: unknown): boolean {
	return error instanceof ZipError && error.reason === 'too-large';
}

function overBudget(): SignatureFinding {
	return finding('unverifiable', 'The OFD parts inflate to more than the limit for checking seals; the seals were not checked.');
}

/**
 * Checks every seal in an OFD package. A package with no `Signatures.xml` (or an empty one) is unsigned;
 * one that is not a ZIP is reported as `invalid` with the reason (the caller decides the file kind).
 */
export function checkOfdSeals(bytes: Uint8Array, budget?: InflateBudget): SignatureFinding {
	let archive: ZipArchive;
	try {
		archive = openZip(bytes, ZIP_LIMITS, budget);
	} catch (error) {
		if (isOverBudget(error)) return overBudget();
		return finding('invalid', `The OFD package cannot be opened (${error instanceof ZipError ? error.message : String(error)})`);
	}
	const signatures: SealedSignature[] = [];
	const seen = new Set<string>();
	let declared = 0;
	try {
		for (const listPath of signatureListPaths(archive)) {
			const list = findMember(archive, listPath, ['']);
			if (!list) continue;
			const root = parseXml(list.bytes);
			for (const entry of childrenByName(root, 'Signature')) {
				if (signatures.length >= MAX_OFD_SIGNATURES) break;
				const location = attributeByName(entry, 'BaseLoc');
				declared++;
				if (!location) continue;
				const name = locateMember(archive, location, [directoryOf(list.name), '']);
				// The same seal listed twice (or the list naming itself) is read once.
				if (name !== null && (seen.has(name) || name === list.name)) continue;
				if (name !== null) seen.add(name);
				const member = name === null ? null : { name, bytes: archive.read(archive.find(name)!) };
				if (!member) {
					signatures.push({ path: resolvePath(location, directoryOf(list.name)), xml: { name: '', attributes: {}, children: [] }, bytes: new Uint8Array(0) });
					continue;
				}
				signatures.push({ path: member.name, xml: parseXml(member.bytes), bytes: member.bytes });
			}
		}
	} catch (error) {
		if (isOverBudget(error)) return overBudget();
		const reason = error instanceof ZipError || error instanceof XmlError ? error.message : String(error);
		return finding('invalid', `The OFD signature list cannot be read (${reason})`);
	}
	if (signatures.length === 0 && declared > 0) return finding('invalid', 'The OFD signature list names no readable seal.');
	if (signatures.length === 0) return finding('unsigned', 'The OFD package carries no seals (no Signs/Signatures.xml entries).');
	// Each seal may list Signatures.xml; a later seal rewrites it, so only the latest seal's value can still
	// match. The list's order need not be the signing order: it is enough that one seal matches it.
	const list: SignatureListCheck = { referenced: false, matched: false };
	const findings = signatures.map((signature) => {
		try {
			return checkOneSeal(archive, signature, signatures.length > 1 ? list : null);
		} catch (error) {
			if (isOverBudget(error)) return overBudget();
			const reason = error instanceof Error ? error.message : String(error);
			return finding('invalid', `The seal in ${signature.path} cannot be read (${reason})`);
		}
	});
	const worst = worstFinding(findings);
	if (worst.status === 'valid' && list.referenced && !list.matched) {
		return { ...worst, status: 'modified', detail: 'The seals check, but the signature list (Signatures.xml) changed after the last seal.' };
	}
	return worst;
}

/** Whether any seal lists Signatures.xml, and whether one of them matches it as it is. */
interface SignatureListCheck {
	referenced: boolean;
	matched: boolean;
}

/**
 * One seal. `list` (when the package has several seals) collects its Signatures.xml reference instead of
 * judging it alone; with one seal, that reference is checked like any part.
 */
function checkOneSeal(archive: ZipArchive, signature: SealedSignature, list: SignatureListCheck | null): SignatureFinding {
	if (signature.bytes.length === 0) return finding('modified', `The seal file ${signature.path} is missing from the package.`);
	const signedInfo = childByName(signature.xml, 'SignedInfo');
	const signedValueLocation = textAt(signature.xml, 'SignedValue');
	if (!signedInfo || !signedValueLocation) return finding('invalid', `${signature.path} has no SignedInfo or SignedValue.`);
	const bases = [directoryOf(signature.path), ''];
	const signedValue = findMember(archive, signedValueLocation, bases);
	if (!signedValue) return finding('modified', `The seal's signed value ${signedValueLocation} is missing from the package.`);
	const xmlTime = textAt(signedInfo, 'SignatureDateTime');

	const seal = verifySignedValue(signedValue.bytes, signature.bytes);
	const who = {
		signer: seal.signer ? displayName(seal.signer.subject) : null,
		issuer: seal.signer ? displayName(seal.signer.issuer) : null,
		signedAt: seal.signedAt ?? (xmlTime ? ofdTime(xmlTime) : null),
		testCertificate: [seal.signer, seal.maker].some((certificate) => certificate !== null && isTestIssuer(certificate.issuer)),
	};
	if (seal.failure) return finding('invalid', seal.failure, who);

	const references = childByName(signedInfo, 'References');
	const method = references ? attributeByName(references, 'CheckMethod') : undefined;
	const algorithm = checkMethodDigest(method);
	if (!algorithm) return finding('unverifiable', `The seal's references use an unknown check method "${method}".`, who);
	const referenceList = references ? childrenByName(references, 'Reference') : [];
	if (referenceList.length === 0) return finding('invalid', `${signature.path} lists no signed parts.`, who);
	if (referenceList.length > MAX_OFD_REFERENCES) return finding('invalid', `${signature.path} lists too many parts.`, who);
	const changed: string[] = [];
	for (const reference of referenceList) {
		const location = attributeByName(reference, 'FileRef') ?? '';
		const expected = checkValue(textAt(reference, 'CheckValue') ?? '');
		if (!expected) return finding('invalid', `The check value of ${location} is neither base64 nor hex.`, who);
		const part = findMember(archive, location, ['', ...bases]);
		const actual = part ? digest(algorithm, [part.bytes]) : null;
		const matches = actual !== null && expected.some((value) => sameBytes(actual, value));
		if (list && /(^|\/)Signatures\.xml$/i.test(location)) {
			list.referenced = true;
			list.matched ||= matches;
			continue;
		}
		if (!matches) changed.push(part ? location : `${location} (missing)`);
	}
	if (changed.length > 0) {
		return finding('modified', `The seal checks, but parts changed after sealing: ${changed.slice(0, 5).join(', ')}.`, who);
	}
	return finding('valid', undefined, who);
}

/** A CheckValue's bytes: base64 as GB/T 38540 says, or hex as a few writers put it (both readings are tried). */
function checkValue(text: string): Uint8Array[] | null {
	const trimmed = text.trim();
	const values: Uint8Array[] = [];
	const base64 = fromBase64(trimmed);
	if (base64 && base64.length > 0) values.push(base64);
	if (/^(?:[0-9a-fA-F]{2})+$/.test(trimmed)) values.push(new Uint8Array(Buffer.from(trimmed, 'hex')));
	return values.length > 0 ? values : null;
}

/** `20200723130907.763Z` (the OFD writers' GeneralizedTime-like form) or ISO, as ISO. */
function ofdTime(text: string): string | null {
	const match = /^(\d{4})-?(\d{2})-?(\d{2})[T ]?(\d{2}):?(\d{2}):?(\d{2})(?:\.(\d+))?(Z)?$/.exec(text.trim());
	if (!match) return null;
	const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}Z`;
	return Number.isNaN(Date.parse(iso)) ? null : iso;
}

interface SealCheck {
	signer: Certificate | null;
	maker: Certificate | null;
	signedAt: string | null;
	failure: string | null;
}

/**
 * SES_Signature (GB/T 38540 v4, or GM/T 0031 v1) — or a CMS SignedData, which some writers put in a
 * Digest-type signature — checked against the Signature.xml bytes it covers.
 */
function verifySignedValue(signedValue: Uint8Array, signatureXml: Uint8Array): SealCheck {
	const result: SealCheck = { signer: null, maker: null, signedAt: null, failure: null };
	const fail = (message: string) => ({ ...result, failure: message });
	let parts: DerNode[];
	try {
		parts = sequenceOf(readDer(signedValue), 'SES_Signature');
	} catch (error) {
		return fail(`The seal's signed value is not DER (${error instanceof DerError ? error.message : String(error)})`);
	}
	if (parts.length >= 1 && isUniversal(parts[0], DER_OID)) {
		const cms = verifyCmsDetached(signedValue, [signatureXml]);
		result.signer = cms.certificate;
		result.signedAt = cms.signedAt;
		return cms.status === 'valid' ? result : fail(cms.detail ?? 'The seal\'s CMS signature does not check.');
	}
	try {
		const v4 = parts.length >= 4 && isUniversal(parts[1], DER_OCTET_STRING);
		const tbsSign = parts[0];
		const tbs = sequenceOf(tbsSign, 'TBS_Sign');
		const version = derSmallInt(tbs[0]);
		const esealNode = tbs[1];
		result.signedAt = isUniversal(tbs[2], DER_BIT_STRING)
			? derOrNull(() => bitStringTime(tbs[2]))
			: derOrNull(() => derTime(tbs[2]));
		const dataHash = derBitString(tbs[3]).bytes;
		let signerCertificate: Uint8Array;
		let algorithm: string;
		let signatureValue: Uint8Array;
		if (v4) {
			signerCertificate = derOctets(parts[1]);
			algorithm = derOid(parts[2]);
			signatureValue = derBitString(parts[3]).bytes;
		} else {
			// GM/T 0031 v1: the signer certificate and algorithm sit inside TBS_Sign.
			const [propertyInfo, certificate, algorithmNode] = tbs.slice(4);
			if (!propertyInfo || !isUniversal(propertyInfo, DER_IA5_STRING)) throw new DerError('unexpected', 'TBS_Sign has no property info.');
			signerCertificate = derOctets(certificate);
			algorithm = derOid(algorithmNode);
			signatureValue = derBitString(parts[1]).bytes;
		}
		result.signer = parseCertificate(signerCertificate);
		const seal = verifySeal(esealNode);
		result.maker = seal.maker;
		if (version !== 4 && v4) return fail(`The seal says it is version ${version} but has the version 4 layout.`);
		const hashName = digestName(algorithm) ?? 'sm3';
		if (!sameBytes(digest(hashName, [signatureXml]), dataHash)) {
			return fail('The seal signs another Signature.xml than the one in the package (its data hash differs).');
		}
		if (!verifyWithKey(result.signer.publicKey, hashName, tbsSign.bytes, signatureValue)) {
			return fail(`The signer's signature over the seal does not check with the certificate of ${displayName(result.signer.subject) ?? 'the signer'}.`);
		}
		if (seal.failure) return fail(seal.failure);
		return result;
	} catch (error) {
		return fail(`The seal's signed value is malformed (${error instanceof Error ? error.message : String(error)})`);
	}
}

/** v1 keeps the signing time as the bytes of a time text in a BIT STRING. */
function bitStringTime(node: DerNode): string | null {
	const text = new TextDecoder('latin1').decode(derBitString(node).bytes);
	return ofdTime(text.replace(/Z?$/, 'Z'));
}

/**
 * The seal (SESeal) and its maker's signature. v4: SEQUENCE { esealInfo, cert, signAlgID, signedValue };
 * v1: SEQUENCE { esealInfo, signInfo SEQUENCE { cert, signatureAlgorithm, signData } }. Every real seal seen
 * (tax bureaus' and test CAs' makers) signs the SES_SealInfo DER alone, so that is tried first; writers that
 * sign the seal less its signature value (how some read the standards) are accepted too.
 */
/**
 * Every invoice of one issuer carries the same seal: its maker's signature is checked once per process
 * (keyed by the seal's digest, so a changed seal is checked anew). Bounded, oldest dropped first.
 */
const checkedSeals = new Map<string, { maker: Certificate | null; failure: string | null }>();
const MAX_CHECKED_SEALS = 64;

function verifySeal(node: DerNode): { maker: Certificate | null; failure: string | null } {
	const key = toHex(digest('sha256', [node.bytes]));
	const known = checkedSeals.get(key);
	if (known) return known;
	const result = verifySealSignature(node);
	if (checkedSeals.size >= MAX_CHECKED_SEALS) checkedSeals.delete(checkedSeals.keys().next().value as string);
	checkedSeals.set(key, result);
	return result;
}

function verifySealSignature(node: DerNode): { maker: Certificate | null; failure: string | null } {
	const parts = sequenceOf(node, 'SESeal');
	let certificateBytes: Uint8Array;
	let algorithm: string;
	let signatureValue: Uint8Array;
	let candidates: Uint8Array[];
	if (parts.length >= 4) {
		certificateBytes = derOctets(parts[1]);
		algorithm = derOid(parts[2]);
		signatureValue = derBitString(parts[3]).bytes;
		candidates = [parts[0].bytes, encodeSequence(parts.slice(0, 3))];
	} else {
		const signInfo = sequenceOf(parts[1], 'SES_SignInfo');
		certificateBytes = derOctets(signInfo[0]);
		algorithm = derOid(signInfo[1]);
		signatureValue = derBitString(signInfo[2]).bytes;
		candidates = [parts[0].bytes, concatBytes([parts[0].bytes, signInfo[0].content]), encodeSequence([parts[0], signInfo[0], signInfo[1]])];
	}
	const maker = parseCertificate(certificateBytes);
	const hashName = digestName(algorithm) ?? 'sm3';
	if (maker.publicKey.kind !== 'sm2' && algorithm === OID.sm2WithSm3) {
		return { maker, failure: 'The seal maker\'s certificate has no SM2 key for its SM2 signature.' };
	}
	const checks = candidates.some((data) => verifyWithKey(maker.publicKey, hashName, data, signatureValue));
	return checks
		? { maker, failure: null }
		: { maker, failure: `The seal maker's signature over the seal does not check (${displayName(maker.subject) ?? 'maker'}).` };
}

/** DER SEQUENCE header + the given elements' bytes. */
function encodeSequence(elements: DerNode[]): Uint8Array {
	const body = concatBytes(elements.map((element) => element.bytes));
	return concatBytes([Uint8Array.of(0x30), derLength(body.length), body]);
}

function derLength(length: number): Uint8Array {
	if (length < 0x80) return Uint8Array.of(length);
	const octets: number[] = [];
	for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) octets.unshift(rest & 0xff);
	return Uint8Array.from([0x80 | octets.length, ...octets]);
}


