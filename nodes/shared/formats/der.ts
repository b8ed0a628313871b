/**
 * A small, strict DER reader in the manner of Go's encoding/asn1: lengths past the end, absurd lengths and
 * nesting past a limit are refused with a DerError, never guessed at. BER's indefinite length (which some
 * CMS writers still emit) is accepted only where its end can be found within the bounds; everything read
 * is a view into the input bytes, so nothing is copied and `node.bytes` is exactly what was signed.
 */

export type DerFailure = 'truncated' | 'bad-length' | 'too-deep' | 'too-many' | 'unexpected' | 'bad-value';

export class DerError extends Error {
	readonly reason: DerFailure;

	constructor(reason: DerFailure, message: string) {
		super(message);
		this.name = 'DerError';
		this.reason = reason;
	}
}

/** Deeper than any certificate, CMS or seal structure (about 12 levels). */
export const MAX_DER_DEPTH = 32;
/** Most elements one constructed value may hold (a CMS certificate set, a long extension list). */
export const MAX_DER_CHILDREN = 10_000;

export const TAG_CLASS_UNIVERSAL = 0;
export const TAG_CLASS_CONTEXT = 2;

export const DER_BOOLEAN = 1;
export const DER_INTEGER = 2;
export const DER_BIT_STRING = 3;
export const DER_OCTET_STRING = 4;
export const DER_NULL = 5;
export const DER_OID = 6;
export const DER_UTF8_STRING = 12;
export const DER_SEQUENCE = 16;
export const DER_SET = 17;
export const DER_PRINTABLE_STRING = 19;
export const DER_T61_STRING = 20;
export const DER_IA5_STRING = 22;
export const DER_UTC_TIME = 23;
export const DER_GENERALIZED_TIME = 24;
export const DER_UNIVERSAL_STRING = 28;
export const DER_BMP_STRING = 30;

export interface DerNode {
	/** 0 universal, 1 application, 2 context-specific, 3 private. */
	tagClass: number;
	constructed: boolean;
	/** The tag number within its class. */
	tag: number;
	/** The whole element (header and content): the bytes a signature covers. */
	bytes: Uint8Array;
	/** The content octets (for an indefinite length, without the end-of-contents marker). */
	content: Uint8Array;
	/** Offset of the element in the buffer it was read from. */
	offset: number;
	/** How deep the element sits below the first one read. */
	depth: number;
}

/** Reads the one element at `offset` (trailing bytes after it are allowed: callers check where they matter). */
export function readDer(bytes: Uint8Array, offset = 0, depth = 0): DerNode {
	if (depth > MAX_DER_DEPTH) throw new DerError('too-deep', `DER nesting is deeper than ${MAX_DER_DEPTH} levels.`);
	if (offset < 0 || offset + 2 > bytes.length) throw new DerError('truncated', 'The DER data ends inside a header.');
	let at = offset;
	const first = bytes[at++];
	const tagClass = first >> 6;
	const constructed = (first & 0x20) !== 0;
	let tag = first & 0x1f;
	if (tag === 0x1f) {
		tag = 0;
		for (let count = 0; ; count++) {
			if (at >= bytes.length) throw new DerError('truncated', 'The DER data ends inside a tag.');
			if (count >= 4) throw new DerError('bad-value', 'A DER tag number is too large.');
			const octet = bytes[at++];
			tag = tag * 128 + (octet & 0x7f);
			if (!(octet & 0x80)) break;
		}
	}
	if (at >= bytes.length) throw new DerError('truncated', 'The DER data ends inside a header.');
	const lengthOctet = bytes[at++];
	if (lengthOctet === 0x80) {
		if (!constructed) throw new DerError('bad-length', 'A primitive DER value has an indefinite length.');
		return readIndefinite(bytes, offset, at, tagClass, tag, depth);
	}
	let length = lengthOctet;
	if (lengthOctet & 0x80) {
		const count = lengthOctet & 0x7f;
		if (count > 4) throw new DerError('bad-length', `A DER length takes ${count} octets; at most 4 are read.`);
		if (at + count > bytes.length) throw new DerError('truncated', 'The DER data ends inside a length.');
		length = 0;
		for (let i = 0; i < count; i++) length = length * 256 + bytes[at++];
	}
	if (at + length > bytes.length) {
		throw new DerError('truncated', `A DER value claims ${length} bytes; only ${bytes.length - at} follow.`);
	}
	return {
		tagClass,
		constructed,
		tag,
		bytes: bytes.subarray(offset, at + length),
		content: bytes.subarray(at, at + length),
		offset,
		depth,
	};
}

/** BER indefinite length: the content runs to a 00 00 end marker, found by reading the children. */
function readIndefinite(
	bytes: Uint8Array,
	offset: number,
	contentStart: number,
	tagClass: number,
	tag: number,
	depth: number,
): DerNode {
	let at = contentStart;
	for (let count = 0; ; count++) {
		if (count > MAX_DER_CHILDREN) throw new DerError('too-many', 'A BER value holds too many elements.');
		if (at + 2 > bytes.length) throw new DerError('truncated', 'A BER value of indefinite length has no end marker.');
		if (bytes[at] === 0 && bytes[at + 1] === 0) break;
		at += readDer(bytes, at, depth + 1).bytes.length;
	}
	return {
		tagClass,
		constructed: true,
		tag,
		bytes: bytes.subarray(offset, at + 2),
		content: bytes.subarray(contentStart, at),
		offset,
		depth,
	};
}

/** Reads a whole buffer as exactly one element: trailing bytes are refused. */
export function readDerStrict(bytes: Uint8Array): DerNode {
	const node = readDer(bytes);
	if (node.bytes.length !== bytes.length) {
		throw new DerError('unexpected', `${bytes.length - node.bytes.length} bytes follow the DER value.`);
	}
	return node;
}

/** The elements inside a constructed value. */
export function derChildren(node: DerNode): DerNode[] {
	if (!node.constructed) throw new DerError('unexpected', 'A primitive DER value has no elements.');
	const out: DerNode[] = [];
	const content = node.content;
	let at = 0;
	while (at < content.length) {
		if (out.length >= MAX_DER_CHILDREN) throw new DerError('too-many', 'A DER value holds too many elements.');
		const child = readDer(content, at, node.depth + 1);
		out.push({ ...child, offset: node.offset + (node.bytes.length - content.length) + at });
		at += child.bytes.length;
	}
	return out;
}

export function isUniversal(node: DerNode, tag: number): boolean {
	return node.tagClass === TAG_CLASS_UNIVERSAL && node.tag === tag;
}

export function isContext(node: DerNode, tag: number): boolean {
	return node.tagClass === TAG_CLASS_CONTEXT && node.tag === tag;
}

const UNIVERSAL_NAMES: Record<number, string> = {
	[DER_BOOLEAN]: 'BOOLEAN',
	[DER_INTEGER]: 'INTEGER',
	[DER_BIT_STRING]: 'BIT STRING',
	[DER_OCTET_STRING]: 'OCTET STRING',
	[DER_NULL]: 'NULL',
	[DER_OID]: 'OBJECT IDENTIFIER',
	[DER_SEQUENCE]: 'SEQUENCE',
	[DER_SET]: 'SET',
	[DER_UTC_TIME]: 'UTCTime',
	[DER_GENERALIZED_TIME]: 'GeneralizedTime',
};

/** The node if it has the universal tag, else a DerError naming what was wanted. */
export function expectUniversal(node: DerNode | undefined, tag: number, what: string): DerNode {
	if (!node) throw new DerError('unexpected', `${what} is missing.`);
	if (!isUniversal(node, tag)) {
		throw new DerError('unexpected', `${what} is not a ${UNIVERSAL_NAMES[tag] ?? `tag ${tag}`}.`);
	}
	return node;
}

/** The children of a SEQUENCE (or SET), checked to be one. */
export function sequenceOf(node: DerNode | undefined, what: string, tag = DER_SEQUENCE): DerNode[] {
	return derChildren(expectUniversal(node, tag, what));
}

/** An OBJECT IDENTIFIER as a dotted string, e.g. `1.2.156.10197.1.501`. */
export function derOid(node: DerNode): string {
	expectUniversal(node, DER_OID, 'An object identifier');
	const content = node.content;
	if (content.length === 0 || content.length > 64) throw new DerError('bad-value', 'An object identifier is empty or too long.');
	const arcs: number[] = [];
	let value = 0;
	for (let i = 0; i < content.length; i++) {
		value = value * 128 + (content[i] & 0x7f);
		if (value > Number.MAX_SAFE_INTEGER / 128) throw new DerError('bad-value', 'An object identifier arc is too large.');
		if (!(content[i] & 0x80)) {
			arcs.push(value);
			value = 0;
		} else if (i === content.length - 1) {
			throw new DerError('truncated', 'An object identifier ends inside an arc.');
		}
	}
	const first = arcs[0] < 40 ? 0 : arcs[0] < 80 ? 1 : 2;
	return [first, arcs[0] - first * 40, ...arcs.slice(1)].join('.');
}

/** An INTEGER's two's-complement content octets as written. */
export function derIntegerBytes(node: DerNode): Uint8Array {
	expectUniversal(node, DER_INTEGER, 'An integer');
	if (node.content.length === 0) throw new DerError('bad-value', 'An integer has no content.');
	return node.content;
}

/** An INTEGER as a BigInt (negative values included). */
export function derBigInt(node: DerNode): bigint {
	const content = derIntegerBytes(node);
	let value = bytesToBigInt(content);
	if (content[0] & 0x80) value -= BigInt(1) << BigInt(content.length * 8);
	return value;
}

/** A small INTEGER (a version) as a number. */
export function derSmallInt(node: DerNode): number {
	if (derIntegerBytes(node).length > 8) throw new DerError('bad-value', 'An integer is too large for a version or count.');
	const value = derBigInt(node);
	if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(-Number.MAX_SAFE_INTEGER)) {
		throw new DerError('bad-value', 'An integer is too large for a version or count.');
	}
	return Number(value);
}

/** An INTEGER's value as lower-case hex, without sign padding (a certificate serial number). */
export function derIntegerHex(node: DerNode): string {
	let content = derIntegerBytes(node);
	while (content.length > 1 && content[0] === 0) content = content.subarray(1);
	return toHex(content);
}

/** The bits of a BIT STRING (only whole octets are meaningful for keys and signatures). */
export function derBitString(node: DerNode): { unusedBits: number; bytes: Uint8Array } {
	expectUniversal(node, DER_BIT_STRING, 'A bit string');
	if (node.content.length === 0 || node.content[0] > 7) throw new DerError('bad-value', 'A bit string is malformed.');
	return { unusedBits: node.content[0], bytes: node.content.subarray(1) };
}

export function derOctets(node: DerNode): Uint8Array {
	return expectUniversal(node, DER_OCTET_STRING, 'An octet string').content;
}

/** Any of the character string types certificates use, decoded to text. */
export function derString(node: DerNode): string {
	if (node.tagClass !== TAG_CLASS_UNIVERSAL) throw new DerError('unexpected', 'A string has a non-universal tag.');
	const content = node.content;
	switch (node.tag) {
		case DER_UTF8_STRING:
			return new TextDecoder('utf-8').decode(content);
		case DER_BMP_STRING:
			return new TextDecoder('utf-16be').decode(content);
		case DER_UNIVERSAL_STRING: {
			let text = '';
			for (let i = 0; i + 3 < content.length; i += 4) {
				const code = ((content[i] << 24) | (content[i + 1] << 16) | (content[i + 2] << 8) | content[i + 3]) >>> 0;
				text += code <= 0x10ffff ? String.fromCodePoint(code) : '\ufffd';
			}
			return text;
		}
		case DER_PRINTABLE_STRING:
		case DER_IA5_STRING:
		case DER_T61_STRING:
		case 18: // NumericString
		case 26: // VisibleString
			return new TextDecoder('latin1').decode(content);
		default:
			throw new DerError('unexpected', `Tag ${node.tag} is not a character string.`);
	}
}

/** UTCTime or GeneralizedTime as an ISO 8601 UTC string (`2020-07-23T13:09:07Z`, fractions kept to ms). */
export function derTime(node: DerNode): string {
	const text = new TextDecoder('latin1').decode(node.content);
	let match: RegExpMatchArray | null;
	if (isUniversal(node, DER_UTC_TIME)) {
		match = /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(Z|[+-]\d{4})$/.exec(text);
		if (!match) throw new DerError('bad-value', `"${text}" is not a UTCTime.`);
		const year = Number(match[1]) < 50 ? `20${match[1]}` : `19${match[1]}`;
		return isoTime(year, match[2], match[3], match[4], match[5], match[6] ?? '00', '', match[7]);
	}
	if (isUniversal(node, DER_GENERALIZED_TIME)) {
		match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?(?:[.,](\d+))?(Z|[+-]\d{4})?$/.exec(text);
		if (!match) throw new DerError('bad-value', `"${text}" is not a GeneralizedTime.`);
		return isoTime(match[1], match[2], match[3], match[4], match[5] ?? '00', match[6] ?? '00', match[7] ?? '', match[8] ?? 'Z');
	}
	throw new DerError('unexpected', 'A time is neither UTCTime nor GeneralizedTime.');
}

function isoTime(
	year: string,
	month: string,
	day: string,
	hour: string,
	minute: string,
	second: string,
	fraction: string,
	zone: string,
): string {
	const millis = fraction ? Number(`0.${fraction}`) * 1000 : 0;
	let epoch = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second), millis);
	if (zone !== 'Z') {
		const sign = zone[0] === '-' ? -1 : 1;
		epoch -= sign * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5))) * 60_000;
	}
	if (!Number.isFinite(epoch)) throw new DerError('bad-value', 'A time is out of range.');
	const iso = new Date(epoch).toISOString();
	return millis ? iso : iso.replace('.000Z', 'Z');
}

/** The value `read` gets, or null where the DER does not hold one (for optional, informative fields). */
export function derOrNull<T>(read: () => T): T | null {
	try {
		return read();
	} catch {
		return null;
	}
}

export function bytesToBigInt(bytes: Uint8Array): bigint {
	return bytes.length === 0 ? BigInt(0) : BigInt(`0x${toHex(bytes)}`);
}

export function toHex(bytes: Uint8Array): string {
	let hex = '';
	for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
	return hex;
}
