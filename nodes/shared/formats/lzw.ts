/**
 * LZW as TIFF and PDF's LZWDecode use it: MSB-first codes of 9 to 12 bits, 256 clears the table, 257 ends the
 * data; the code width grows one code early (`earlyChange` 1: TIFF, and PDF's default) or when the table is full
 * (0). Each decoded string goes to `write`, which may stop the decoding; memory is the 4096-entry table and one
 * string, whatever the input.
 */

const MAX_CODES = 4096;

/**
 * Decodes `data`, handing each string to `write(bytes, length)` (valid until the next call); `write` returns
 * false to stop early (the caller's output is full). Returns false when a code names no entry of its table
 * (the data is corrupt), true otherwise.
 */
export function decodeLzw(
	data: Uint8Array,
	earlyChange: 0 | 1,
	write: (bytes: Uint8Array, length: number) => boolean,
): boolean {
	// Each table entry: its prefix code, its last byte and its length.
	const prefix = new Int32Array(MAX_CODES);
	const suffix = new Uint8Array(MAX_CODES);
	const lengths = new Uint16Array(MAX_CODES);
	for (let i = 0; i < 256; i++) {
		prefix[i] = -1;
		suffix[i] = i;
		lengths[i] = 1;
	}
	const scratch = new Uint8Array(MAX_CODES + 1);
	let next = 258;
	let codeBits = 9;
	let previous = -1;
	let bitBuffer = 0;
	let bitCount = 0;
	let pos = 0;
	for (;;) {
		while (bitCount < codeBits && pos < data.length) {
			bitBuffer = ((bitBuffer << 8) | data[pos++]) >>> 0;
			bitCount += 8;
		}
		if (bitCount < codeBits) return true;
		const code = (bitBuffer >>> (bitCount - codeBits)) & ((1 << codeBits) - 1);
		bitCount -= codeBits;
		bitBuffer &= (1 << bitCount) - 1;
		if (code === 256) {
			next = 258;
			codeBits = 9;
			previous = -1;
			continue;
		}
		if (code === 257) return true;
		let entry: number;
		if (code < next && (code < 256 || code >= 258)) {
			entry = code;
		} else if (code === next && previous >= 0) {
			entry = -1; // KwKwK: the previous string plus its own first byte
		} else {
			return false;
		}
		// The entry's string (or the previous one's for KwKwK), written back to front by walking prefixes.
		const source = entry >= 0 ? entry : previous;
		let length = lengths[source];
		let walk = source;
		for (let k = length - 1; k >= 0; k--) {
			scratch[k] = suffix[walk];
			walk = prefix[walk];
		}
		if (entry < 0) scratch[length++] = scratch[0];
		if (previous >= 0 && next < MAX_CODES) {
			prefix[next] = previous;
			suffix[next] = scratch[0];
			lengths[next] = lengths[previous] + 1;
			next++;
		}
		previous = entry >= 0 ? entry : next - 1;
		if (next + earlyChange >= 1 << codeBits && codeBits < 12) codeBits++;
		if (!write(scratch, length)) return true;
	}
}
