/**
 * The 数电 XML's `TaxBureauSignature`: a GM/T 0010 SignedData (SM2 with SM3), hex-encoded, then `&` and the
 * signing time in base64. It names the tax bureau's certificate by issuer and serial but does not carry it,
 * and no public rule says which bytes were digested, so it cannot be checked offline: it is reported as
 * `unverifiable`, with what it does say (issuer, serial, signing time and whether that agrees with the
 * XML's own `SignatureTime`). Files from 乐企 carry a `<ptbh>` platform number instead: no signature at all.
 */
import { derOrNull } from '../der';
import { XmlError, childElements, localName, parseXml, textAt, type XmlElement } from '../xml';
import { displayName, isTestIssuer } from './certificate';
import { parseCms } from './cms';
import { finding, fromBase64, type SignatureFinding } from './result';

/** The XML's times are Beijing time with no zone written. */
const CHINA_OFFSET_MINUTES = 8 * 60;

function findElement(root: XmlElement, name: string, depth = 0): XmlElement | null {
	if (localName(root.name) === name) return root;
	if (depth >= 4) return null;
	for (const child of childElements(root)) {
		const found = findElement(child, name, depth + 1);
		if (found) return found;
	}
	return null;
}

/** `2026-06-04 09:38:55` or `20260604 093855` (Beijing time) as ISO UTC; null when neither. */
export function chinaTime(text: string): string | null {
	const match = /^(\d{4})-?(\d{2})-?(\d{2})[ T]?(\d{2}):?(\d{2}):?(\d{2})$/.exec(text.trim());
	if (!match) return null;
	const epoch =
		Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6])) -
		CHINA_OFFSET_MINUTES * 60_000;
	return Number.isFinite(epoch) ? new Date(epoch).toISOString().replace('.000Z', 'Z') : null;
}

function hexBytes(text: string): Uint8Array | null {
	const clean = text.replace(/\s+/g, '');
	if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(clean)) return null;
	return new Uint8Array(Buffer.from(clean, 'hex'));
}

export function checkXmlSignature(bytes: Uint8Array): SignatureFinding {
	let root: XmlElement;
	try {
		root = parseXml(bytes);
	} catch (error) {
		return finding('invalid', `The XML cannot be read (${error instanceof XmlError ? error.message : String(error)})`);
	}
	const signature = findElement(root, 'TaxBureauSignature');
	if (!signature) {
		return findElement(root, 'ptbh')
			? finding('unsigned', 'The XML carries a platform number (<ptbh>, as 乐企 files do) but no signature.')
			: finding('unsigned', 'The XML carries no TaxBureauSignature.');
	}
	const xmlTimeText = textAt(signature, 'SignatureTime');
	const xmlTime = xmlTimeText ? chinaTime(xmlTimeText) : null;
	const value = textAt(signature, 'SignatureValue') ?? '';
	const [signedDataText, timeText] = value.split('&');
	const signedData = hexBytes(signedDataText) ?? fromBase64(signedDataText);
	const cms = signedData ? derOrNull(() => parseCms(signedData)) : null;
	const signer = cms?.signers[0];
	if (!cms || !signer) {
		return finding('invalid', 'The TaxBureauSignature value is not a readable SignedData.', { signedAt: xmlTime });
	}
	const stampText = timeText ? fromBase64(timeText) : null;
	const stamped = stampText ? chinaTime(new TextDecoder('latin1').decode(stampText)) : null;
	const signedAt = signer.signingTime ?? stamped ?? xmlTime;
	const issuer = signer.certificate ? displayName(signer.certificate.issuer) : signer.issuer ? displayName(signer.issuer) : null;
	const issuerName = signer.certificate?.issuer ?? signer.issuer;
	let agreement: string;
	if (!xmlTime || !(signer.signingTime ?? stamped)) agreement = 'the signing time cannot be compared with SignatureTime';
	else if (signedAt === xmlTime) agreement = 'its signing time agrees with SignatureTime';
	else agreement = `its signing time ${signedAt} does not agree with SignatureTime ${xmlTime}`;
	const detail =
		`The tax bureau's signature (GM/T 0010, SM2 with SM3) names the certificate issued by ${issuer ?? 'an unnamed issuer'}` +
		` with serial ${signer.serial ?? 'unknown'}, but the file carries no certificate and the signed bytes are not published,` +
		` so it cannot be checked offline; ${agreement}.`;
	return finding('unverifiable', detail, {
		signer: signer.certificate ? displayName(signer.certificate.subject) : null,
		issuer,
		signedAt,
		testCertificate: issuerName ? isTestIssuer(issuerName) : false,
	});
}
