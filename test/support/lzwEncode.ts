/**
 * An LZW encoder for the tests (the package only decodes): MSB-first codes from 9 bits, a clear code first and
 * EOD last; the code width grows one code early (`earlyChange` 1: TIFF and PDF's default) or when full (0).
 */
export function lzwEncode(data: Uint8Array, earlyChange: 0 | 1 = 1): Buffer {
	const dict = new Map<string, number>();
	for (let i = 0; i < 256; i++) dict.set(String.fromCharCode(i), i);
	let next = 258;
	let bits = 9;
	const out: number[] = [];
	let buffer = 0;
	let count = 0;
	const emit = (code: number) => {
		buffer = (buffer << bits) | code;
		count += bits;
		while (count >= 8) {
			out.push((buffer >> (count - 8)) & 0xff);
			count -= 8;
		}
		buffer &= (1 << count) - 1;
	};
	emit(256);
	let w = '';
	for (const byte of data) {
		const c = String.fromCharCode(byte);
		if (dict.has(w + c)) {
			w += c;
			continue;
		}
		emit(dict.get(w) as number);
		if (next < 4096) dict.set(w + c, next++);
		if (next + earlyChange > 1 << bits && bits < 12) bits++;
		w = c;
	}
	if (w !== '') emit(dict.get(w) as number);
	emit(257);
	if (count > 0) out.push((buffer << (8 - count)) & 0xff);
	return Buffer.from(out);
}
