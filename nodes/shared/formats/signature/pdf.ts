/**
 * PDF signatures (ISO 32000-1 §12.8): every signature dictionary is found by scanning the raw bytes for
 * `/ByteRange` — robust for incremental updates and never inside an object stream, since `/Contents` must
 * be a literal hex string at the place the ranges leave out. Each is checked by its `/SubFilter`:
 * `adbe.pkcs7.detached` and `ETSI.CAdES.detached` (CMS over the ranges), `adbe.pkcs7.sha1` (CMS over the
 * ranges' SHA-1), `adbe.x509.rsa_sha1` (a PKCS#1 signature with the certificate in `/Cert`). Bytes after
 * the last signed range are an update (or junk) added after signing: `modified`.
 */
import { concatBytes } from '../bytes';
import { DER_OCTET_STRING, derOctets, derOrNull, isUniversal, readDer } from '../der';
import { Lexer, decodeHexDigits, indexOf } from '../pdf/lexer';
import { PdfDict, PdfRef, isName, type PdfValue } from '../pdf/objects';
import { Parser } from '../pdf/parser';
import { XRef } from '../pdf/xref';
import { digest, displayName, isTestIssuer, parseCertificate, verifyWithKey, type Certificate } from './certificate';
import { parseCms, verifyParsedCms, type CmsCheck } from './cms';
import { finding, sameBytes, worstFinding, type SignatureFinding } from './result';

/** More signatures than any invoice carries; a file with more is checked on its first ones only. */
export const MAX_PDF_SIGNATURES = 16;
/** `/ByteRange` markers looked at, dictionaries or not: each costs a bounded look back, so junk cannot add up. */
const MAX_BYTE_RANGE_MARKERS = 64;
/** How far back from `/ByteRange` the object's start is looked for (the hex `/Contents` before it is ~40 KB at most). */
const MAX_DICTIONARY_LOOKBACK = 256 * 1024;

interface SignatureDictionary {
	dict: PdfDict;
	/** Where `/ByteRange` was found (for messages and de-duplication). */
	at: number;
}

/** Checks every signature in a PDF; a PDF without any is `unsigned`. */
export function checkPdfSignatures(input: Uint8Array): SignatureFinding {
	// Junk before the header (a mail gateway's) shifts every offset: the ranges count from `%PDF-`.
	const header = indexOf(input, '%PDF-', 0, Math.min(input.length, 1024));
	const bytes = header > 0 ? input.subarray(header) : input;
	const dictionaries = findSignatureDictionaries(bytes);
	if (dictionaries.length === 0) return finding('unsigned', 'The PDF carries no signature (no /ByteRange).');
	const xref = new XRef(bytes);
	let xrefLoaded = false;
	const resolve = (value: PdfValue | undefined): PdfValue | undefined => {
		if (!(value instanceof PdfRef)) return value;
		if (!xrefLoaded) {
			xrefLoaded = true;
			derOrNull(() => xref.load());
		}
		return derOrNull(() => xref.resolve(value)) ?? undefined;
	};
	const findings: SignatureFinding[] = [];
	let coveredEnd = 0;
	for (const signature of dictionaries) {
		const checked = checkOne(bytes, signature, resolve);
		findings.push(checked.finding);
		if (checked.finding.status === 'valid') coveredEnd = Math.max(coveredEnd, checked.end);
	}
	const worst = worstFinding(findings);
	if (worst.status !== 'valid') return worst;
	const extra = bytes.subarray(coveredEnd);
	if (extra.some((byte) => byte !== 0x0a && byte !== 0x0d && byte !== 0x20 && byte !== 0x00)) {
		return {
			...worst,
			status: 'modified',
			detail: `The signature checks, but ${extra.length} bytes were added after the signed part (an update or appended data).`,
		};
	}
	return worst;
}

function findSignatureDictionaries(bytes: Uint8Array): SignatureDictionary[] {
	const found: SignatureDictionary[] = [];
	const seen = new Set<number>();
	let markers = 0;
	for (let at = indexOf(bytes, '/ByteRange'); at >= 0; at = indexOf(bytes, '/ByteRange', at + 10)) {
		if (found.length >= MAX_PDF_SIGNATURES || ++markers > MAX_BYTE_RANGE_MARKERS) break;
		const dict = dictionaryAround(bytes, at);
		if (!dict) continue;
		// The same dictionary reached twice (an object parsed from two starts) is one signature.
		const ranges = dict.get('ByteRange');
		const key = Array.isArray(ranges) && typeof ranges[1] === 'number' ? ranges[1] : -at;
		if (seen.has(key)) continue;
		seen.add(key);
		found.push({ dict, at });
	}
	return found;
}

/** The dictionary holding the `/ByteRange` at `at`: parsed from the enclosing `N G obj`, or from the nearest `<<` that works. */
function dictionaryAround(bytes: Uint8Array, at: number): PdfDict | null {
	const floor = Math.max(0, at - MAX_DICTIONARY_LOOKBACK);
	const starts: number[] = [];
	const objAt = lastObjKeyword(bytes, at, floor);
	if (objAt >= 0) starts.push(objAt + 3);
	for (let pos = at - 1, tries = 0; pos > floor && tries < 8; pos--) {
		if (bytes[pos] === 0x3c && bytes[pos - 1] === 0x3c) {
			starts.push(pos - 1);
			tries++;
			pos--;
		}
	}
	for (const start of starts) {
		const value = derOrNull(() => new Parser(new Lexer(bytes, start)).parseValue(false));
		const dict = value ? findByteRangeDict(value, 0) : null;
		if (dict) return dict;
	}
	return null;
}

function lastObjKeyword(bytes: Uint8Array, before: number, floor: number): number {
	for (let pos = before - 3; pos >= floor; pos--) {
		if (bytes[pos] === 0x6f && bytes[pos + 1] === 0x62 && bytes[pos + 2] === 0x6a && bytes[pos - 1] !== 0x64) {
			const prev = bytes[pos - 1];
			if (prev === 0x20 || prev === 0x0a || prev === 0x0d || prev === 0x09) return pos;
		}
	}
	return -1;
}

/** The dictionary with `/ByteRange` and `/Contents` inside a parsed value (a field's `/V`, say), depth-bounded. */
function findByteRangeDict(value: PdfValue, depth: number): PdfDict | null {
	if (depth > 4) return null;
	if (value instanceof PdfDict) {
		if (value.has('ByteRange') && value.has('Contents')) return value;
		for (const child of value.entries.values()) {
			const found = child === null ? null : findByteRangeDict(child, depth + 1);
			if (found) return found;
		}
	}
	return null;
}

interface OneCheck {
	finding: SignatureFinding;
	/** Where the signed ranges end. */
	end: number;
}

function checkOne(
	bytes: Uint8Array,
	signature: SignatureDictionary,
	resolve: (value: PdfValue | undefined) => PdfValue | undefined,
): OneCheck {
	const dict = signature.dict;
	const subFilter = resolve(dict.get('SubFilter'));
	const kind = isName(subFilter) ? subFilter.name : '';
	const signedAt = pdfDate(resolve(dict.get('M')));
	const ranges = readRanges(bytes, resolve(dict.get('ByteRange')));
	if (typeof ranges === 'string') return { finding: finding('invalid', ranges, { signedAt }), end: 0 };
	// The signature is what the ranges leave out (one gap: decode it from there, tying the two together).
	const contents =
		ranges.length === 2
			? decodeHexDigits(bytes, ranges[0][1] + 1, ranges[1][0] - 1)
			: resolve(dict.get('Contents'));
	if (!(contents instanceof Uint8Array) || contents.length === 0) {
		return { finding: finding('invalid', 'The signature dictionary has no /Contents.', { signedAt }), end: 0 };
	}
	const end = ranges[ranges.length - 1][0] + ranges[ranges.length - 1][1];
	const chunks = ranges.map(([start, length]) => bytes.subarray(start, start + length));
	let result: SignatureFinding;
	if (kind === 'adbe.pkcs7.detached' || kind === 'ETSI.CAdES.detached' || kind === 'adbe.pkcs7.sha1') {
		result = checkCms(contents, chunks, kind === 'adbe.pkcs7.sha1', signedAt);
	} else if (kind === 'adbe.x509.rsa_sha1') {
		result = checkX509RsaSha1(contents, chunks, resolve(dict.get('Cert')), resolve, signedAt);
	} else {
		result = finding('unverifiable', `The signature format ${kind || '(none named)'} is not checked offline.`, { signedAt });
	}
	return { finding: result, end };
}

/**
 * The `/ByteRange` pairs, checked: whole numbers, in order, inside the file, and leaving out exactly the
 * `/Contents` hex string between them (anything else left out would be unsigned, changeable bytes).
 * A string says what is wrong.
 */
function readRanges(bytes: Uint8Array, value: PdfValue | undefined): Array<[number, number]> | string {
	if (!Array.isArray(value) || value.length < 2 || value.length % 2 !== 0 || value.length > 64) {
		return 'The signature\'s /ByteRange is not a list of offset and length pairs.';
	}
	const ranges: Array<[number, number]> = [];
	let previousEnd = -1;
	for (let i = 0; i < value.length; i += 2) {
		const start = value[i];
		const length = value[i + 1];
		if (typeof start !== 'number' || typeof length !== 'number' || !Number.isInteger(start) || !Number.isInteger(length) || start < 0 || length < 0) {
			return 'The signature\'s /ByteRange holds something other than whole numbers.';
		}
		if (start + length > bytes.length) return 'The signature\'s /ByteRange points outside the file.';
		if (start < previousEnd) return 'The signature\'s /ByteRange ranges overlap or are out of order.';
		if (previousEnd >= 0) {
			// The gap must be the hex string `<…>` of /Contents and nothing more.
			if (bytes[previousEnd] !== 0x3c || bytes[start - 1] !== 0x3e || indexOf(bytes, '>', previousEnd, start - 1) >= 0) {
				return 'The signature\'s /ByteRange leaves out more than the signature itself.';
			}
		}
		ranges.push([start, length]);
		previousEnd = start + length;
	}
	if (ranges[0][0] !== 0) return 'The signature\'s /ByteRange does not start at the beginning of the file.';
	return ranges;
}

function checkCms(contents: Uint8Array, chunks: Uint8Array[], encapsulatesSha1: boolean, pdfSignedAt: string | null): SignatureFinding {
	let cms: ReturnType<typeof parseCms>;
	try {
		cms = parseCms(contents);
	} catch (error) {
		return finding('invalid', `The signature is not a readable CMS SignedData (${error instanceof Error ? error.message : String(error)})`, { signedAt: pdfSignedAt });
	}
	let check: CmsCheck;
	if (encapsulatesSha1) {
		// adbe.pkcs7.sha1: the signed content is the SHA-1 of the ranges.
		if (!cms.content || !sameBytes(cms.content, digest('sha1', chunks))) {
			const who = cms.signers[0]?.certificate ?? null;
			return finding('invalid', 'The signed bytes do not match the SHA-1 the signature holds: they were changed after signing.', whoOf(who, cms.signers[0]?.signingTime ?? pdfSignedAt));
		}
		check = verifyParsedCms(cms, null);
	} else {
		check = verifyParsedCms(cms, chunks);
	}
	return finding(check.status, check.detail, whoOf(check.certificate, check.signedAt ?? pdfSignedAt));
}

function checkX509RsaSha1(
	contents: Uint8Array,
	chunks: Uint8Array[],
	certValue: PdfValue | undefined,
	resolve: (value: PdfValue | undefined) => PdfValue | undefined,
	signedAt: string | null,
): SignatureFinding {
	const first = Array.isArray(certValue) ? resolve(certValue[0]) : certValue;
	const certificate = first instanceof Uint8Array ? derOrNull(() => parseCertificate(first)) : null;
	if (!certificate) return finding('unverifiable', 'The signature\'s /Cert certificate cannot be read.', { signedAt });
	// The PKCS#1 signature is wrapped in a DER OCTET STRING (padded with zeros in the hex string).
	const wrapped = derOrNull(() => readDer(contents));
	const signatureValue = wrapped && isUniversal(wrapped, DER_OCTET_STRING) ? derOctets(wrapped) : contents;
	const who = whoOf(certificate, signedAt);
	let checks: boolean;
	try {
		checks = verifyWithKey(certificate.publicKey, 'sha1', concatBytes(chunks), signatureValue);
	} catch (error) {
		return finding('unverifiable', `The signer's key cannot be used (${error instanceof Error ? error.message : String(error)})`, who);
	}
	return checks ? finding('valid', undefined, who) : finding('invalid', 'The signature does not check: the signed bytes or the signature were changed.', who);
}

function whoOf(certificate: Certificate | null, signedAt: string | null): Parameters<typeof finding>[2] {
	return {
		signer: certificate ? displayName(certificate.subject) : null,
		issuer: certificate ? displayName(certificate.issuer) : null,
		signedAt,
		testCertificate: certificate ? isTestIssuer(certificate.issuer) : false,
	};
}

/** A PDF date `D:20180323102004+08'00'` as ISO UTC; null when it is not one. */
export function pdfDate(value: PdfValue | undefined): string | null {
	if (!(value instanceof Uint8Array)) return null;
	const text = new TextDecoder('latin1').decode(value);
	const match = /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(text);
	if (!match) return null;
	const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
	let epoch = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
	if (zone !== 'Z') {
		const digits = zone.replace(/'/g, '');
		const sign = digits[0] === '-' ? -1 : 1;
		epoch -= sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5))) * 60_000;
	}
	return Number.isFinite(epoch) ? new Date(epoch).toISOString().replace('.000Z', 'Z') : null;
}

