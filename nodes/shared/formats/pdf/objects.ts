/**
 * The PDF object model (ISO 32000-1 §7.3) as the lexer and parser produce it. Strings stay bytes
 * (their meaning depends on the font that shows them); names are decoded `#xx` escapes in Latin-1.
 */

export class PdfName {
	constructor(readonly name: string) {}
}

export class PdfRef {
	constructor(
		readonly num: number,
		readonly gen: number,
	) {}
}

export class PdfDict {
	readonly entries = new Map<string, PdfValue>();

	get(key: string): PdfValue | undefined {
		return this.entries.get(key);
	}

	has(key: string): boolean {
		return this.entries.has(key);
	}
}

/** A stream: its dictionary and the encoded bytes as stored in the file. */
export class PdfStream {
	constructor(
		readonly dict: PdfDict,
		readonly raw: Uint8Array,
	) {}
}

export type PdfValue =
	| null
	| boolean
	| number
	| Uint8Array
	| PdfName
	| PdfRef
	| PdfDict
	| PdfStream
	| PdfValue[];

export function isName(value: unknown, name?: string): value is PdfName {
	return value instanceof PdfName && (name === undefined || value.name === name);
}

export function nameOf(value: unknown): string | null {
	return value instanceof PdfName ? value.name : null;
}

export function isDict(value: unknown): value is PdfDict {
	return value instanceof PdfDict;
}

export function numberOf(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Bytes as Latin-1 text: names, keywords and other ASCII structure. */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
	let out = '';
	const CHUNK = 8192;
	for (let i = start; i < end; i += CHUNK) {
		out += String.fromCharCode.apply(
			null,
			bytes.subarray(i, Math.min(end, i + CHUNK)) as unknown as number[],
		);
	}
	return out;
}

/** A text string outside content streams (§7.9.2.2): UTF-16BE with a BOM, UTF-8 with a BOM, else Latin-1. */
export function textString(bytes: Uint8Array): string {
	if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
		let out = '';
		for (let i = 2; i + 1 < bytes.length; i += 2) out += String.fromCharCode((bytes[i] << 8) | bytes[i + 1]);
		return out;
	}
	if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
		return new TextDecoder('utf-8').decode(bytes.subarray(3));
	}
	return latin1(bytes);
}
