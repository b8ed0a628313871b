/**
 * The built-in encoding of an embedded Type 1 program (`FontFile`), the base of a simple Type 1
 * font whose `/Encoding` names none (ISO 32000-1 §9.6.6.2): subset fonts often carry their own
 * (`dup 180 /yen put`), and reading them as StandardEncoding gives other characters. Only the
 * clear-text part before `eexec` is read, and only its first 64 KB.
 */

/** How much clear text is searched for the encoding. */
const MAX_CLEAR_TEXT = 64 * 1024;

/** Glyph name per code from the program's `/Encoding` array; null when it uses StandardEncoding or names none. */
export function type1BuiltInEncoding(program: Uint8Array, clearTextLength: number | null): Array<string | null> | null {
	const end = Math.min(program.length, MAX_CLEAR_TEXT, clearTextLength !== null && clearTextLength > 0 ? clearTextLength : program.length);
	let clear = '';
	for (let i = 0; i < end; i++) clear += String.fromCharCode(program[i]);
	const eexec = clear.indexOf('eexec');
	if (eexec >= 0) clear = clear.slice(0, eexec);
	const start = clear.indexOf('/Encoding');
	if (start < 0 || /^\/Encoding\s+StandardEncoding\b/.test(clear.slice(start))) return null;
	const names: Array<string | null> = new Array(256).fill(null);
	let found = false;
	const entry = /dup\s+(\d+)\s*\/([^\s/[\]{}()<>]+)\s+put/g;
	entry.lastIndex = start;
	for (let match = entry.exec(clear); match !== null; match = entry.exec(clear)) {
		const code = Number(match[1]);
		if (code < 256) {
			names[code] = match[2];
			found = true;
		}
	}
	return found ? names : null;
}
