/**
 * CID → Unicode for CID fonts that carry no ToUnicode map (ISO 32000-1 §9.10.2, method 2): when a
 * font's CIDSystemInfo says Adobe-GB1, a CID names the same character in every such font, so Adobe's
 * published mapping gives its text. The 增值税电子发票 family drawn in `AdobeSongStd-Light` Identity-H
 * without ToUnicode reads only this way. The mapping (30,284 CIDs) ships packed in adobeGb1Data.ts
 * (scripts/generate-cid-maps.js) and is unpacked on first use, once.
 */
import { ADOBE_GB1_CIDS, ADOBE_GB1_PACKED, ADOBE_GB1_RUNS } from './adobeGb1Data';

/** The character collections with a built-in mapping, by `Registry-Ordering`. */
export type CharacterCollection = 'Adobe-GB1';

let adobeGb1: Uint32Array | null = null;

/** Reads one unsigned LEB128 varint of `bytes` at `state.pos`. */
function readVarint(bytes: Uint8Array, state: { pos: number }): number {
	let value = 0;
	let scale = 1;
	for (;;) {
		if (state.pos >= bytes.length) throw new Error('The packed CID table ends early.');
		const byte = bytes[state.pos++];
		value += (byte & 0x7f) * scale;
		if (byte < 0x80) return value;
		scale *= 128;
	}
}

/** CID → code point (0 where Adobe maps none), from the packed columns (see the generator). */
function unpackAdobeGb1(): Uint32Array {
	const columns = new Uint8Array(Buffer.from(ADOBE_GB1_PACKED, 'base64'));
	const state = { pos: 0 };
	const skips = new Array<number>(ADOBE_GB1_RUNS);
	const lengths = new Array<number>(ADOBE_GB1_RUNS);
	for (let i = 0; i < ADOBE_GB1_RUNS; i++) skips[i] = readVarint(columns, state);
	for (let i = 0; i < ADOBE_GB1_RUNS; i++) lengths[i] = readVarint(columns, state) + 1;
	const table = new Uint32Array(ADOBE_GB1_CIDS);
	let cid = 0;
	let codePoint = 0;
	for (let i = 0; i < ADOBE_GB1_RUNS; i++) {
		const zigzag = readVarint(columns, state);
		cid += skips[i];
		codePoint += zigzag % 2 === 0 ? zigzag / 2 : -(zigzag + 1) / 2;
		for (let k = 0; k < lengths[i] && cid < table.length; k++) table[cid++] = codePoint++;
	}
	return table;
}

/** The whole Adobe-GB1 table, CID → code point (0: none); unpacked on the first call. */
export function adobeGb1Table(): Uint32Array {
	if (adobeGb1 === null) adobeGb1 = unpackAdobeGb1();
	return adobeGb1;
}

/** The character collection a CIDFont's `/CIDSystemInfo` names, when the package has its mapping. */
export function characterCollection(registry: unknown, ordering: unknown): CharacterCollection | null {
	return registry === 'Adobe' && ordering === 'GB1' ? 'Adobe-GB1' : null;
}

/** The text of `cid` in `collection`, or null where the collection maps it to nothing. */
export function cidToUnicode(collection: CharacterCollection, cid: number): string | null {
	const table = adobeGb1Table();
	if (collection !== 'Adobe-GB1' || cid < 0 || cid >= table.length) return null;
	const codePoint = table[cid];
	return codePoint === 0 ? null : String.fromCodePoint(codePoint);
}
