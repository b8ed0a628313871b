/** Byte-array and base64 helpers the readers share. */

/** The chunks one after another in one array (the chunk itself when there is only one). */
export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
	if (chunks.length === 1) return chunks[0];
	const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
	let at = 0;
	for (const chunk of chunks) {
		out.set(chunk, at);
		at += chunk.length;
	}
	return out;
}

/**
 * Whether `text` is base64 of the standard alphabet (`+/`, or with `urlSafe` also `-_`), padded with at most two
 * `=` at its end. A loop, not a regular expression: a regex over a 10 MB body can overflow V8's backtrack stack.
 */
export function isBase64Text(text: string, urlSafe = false): boolean {
	let end = text.length;
	if (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
	if (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
	for (let i = 0; i < end; i++) {
		const c = text.charCodeAt(i);
		const plain =
			(c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2f;
		if (!plain && !(urlSafe && (c === 0x2d || c === 0x5f))) return false;
	}
	return true;
}
