/**
 * Stream filters (ISO 32000-1 §7.4) for the streams text needs: content, object and xref streams,
 * CMaps. Image codecs (DCT, JPX, JBIG2, CCITT) are never decoded: the reader does not look at
 * pixels. Every decoder grows its output as it goes and stops at the caller's cap.
 */
import { InflateError, inflateRaw, inflateZlib } from '../inflate';
import { decodeLzw } from '../lzw';
import { PdfError } from './errors';
import { PDF_LIMITS } from './limits';
import { decodeHexDigits, isWhiteSpace } from './lexer';
import { PdfDict, PdfName, type PdfStream, type PdfValue } from './objects';

/** Decoded bytes still allowed for the whole document. */
export interface DecodeBudget {
	remaining: number;
}

export function newBudget(): DecodeBudget {
	return { remaining: PDF_LIMITS.maxTotalDecodedBytes };
}

const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF']);

/** Whether a stream holds an image codec's data (never decoded here). */
export function isImageFilter(name: string): boolean {
	return IMAGE_FILTERS.has(name);
}

type Resolve = (value: PdfValue | undefined) => PdfValue | undefined;

/** The stream's filter names and their parameters, in the order they apply. */
export function filterChain(stream: PdfStream, resolve: Resolve): Array<{ name: string; params: PdfDict | null }> {
	const filter = resolve(stream.dict.get('Filter') ?? stream.dict.get('F'));
	const params = resolve(stream.dict.get('DecodeParms') ?? stream.dict.get('DP'));
	const names = Array.isArray(filter) ? filter.map((item) => resolve(item)) : filter === undefined ? [] : [filter];
	const paramList = Array.isArray(params) ? params.map((item) => resolve(item)) : [params];
	const chain: Array<{ name: string; params: PdfDict | null }> = [];
	names.forEach((name, index) => {
		if (!(name instanceof PdfName)) return;
		const p = paramList[index];
		chain.push({ name: name.name, params: p instanceof PdfDict ? p : null });
	});
	return chain;
}

/** A stream's decoded bytes; throws `PdfError` for image codecs, broken data and exceeded limits. */
export function decodeStream(stream: PdfStream, resolve: Resolve, budget: DecodeBudget): Uint8Array {
	let data = stream.raw;
	const cap = Math.min(PDF_LIMITS.maxStreamBytes, budget.remaining);
	for (const { name, params } of filterChain(stream, resolve)) {
		data = applyFilter(name, params, data, cap);
	}
	if (data.length > cap) throw tooLarge();
	budget.remaining -= data.length;
	return data;
}

/**
 * An image stream's bytes with every filter before its image codec applied (the codec's data as
 * stored, e.g. a JPEG for DCTDecode), and that codec's name; `codec` is null when the chain has none.
 */
export function decodeUntilImageCodec(
	stream: PdfStream,
	resolve: Resolve,
	budget: DecodeBudget,
): { data: Uint8Array; codec: string | null } {
	let data = stream.raw;
	const cap = Math.min(PDF_LIMITS.maxStreamBytes, budget.remaining);
	let codec: string | null = null;
	for (const { name, params } of filterChain(stream, resolve)) {
		if (isImageFilter(name)) {
			codec = name;
			break;
		}
		data = applyFilter(name, params, data, cap);
	}
	if (data.length > cap) throw tooLarge();
	budget.remaining -= data.length;
	return { data, codec };
}

function tooLarge(): PdfError {
	return new PdfError(
		'too-large',
		`A PDF stream decodes to more than the reader's limit (${PDF_LIMITS.maxStreamBytes} bytes per stream, ${PDF_LIMITS.maxTotalDecodedBytes} per document).`,
	);
}

function applyFilter(name: string, params: PdfDict | null, data: Uint8Array, cap: number): Uint8Array {
	switch (name) {
		case 'FlateDecode':
		case 'Fl':
			return predict(flate(data, cap), params, cap);
		case 'LZWDecode':
		case 'LZW': {
			const early = params?.get('EarlyChange');
			return predict(lzw(data, cap, early === 0 ? 0 : 1), params, cap);
		}
		case 'ASCIIHexDecode':
		case 'AHx':
			return asciiHex(data);
		case 'ASCII85Decode':
		case 'A85':
			return ascii85(data, cap);
		case 'RunLengthDecode':
		case 'RL':
			return runLength(data, cap);
		case 'Crypt':
			// Only the Identity crypt filter reaches here: encrypted files are refused before any stream is read.
			return data;
		default:
			throw new PdfError('corrupt', `The PDF uses the stream filter ${name}, which the reader does not decode for text.`);
	}
}

/** Runs an inflate; its failure comes back as a value (limits and damage are told apart by the caller). */
function attempt(inflate: () => Uint8Array): Uint8Array | InflateError {
	try {
		return inflate();
	} catch (error) {
		return error instanceof InflateError ? error : new InflateError('corrupt', String(error));
	}
}

function flate(data: Uint8Array, cap: number): Uint8Array {
	const zlib = attempt(() => inflateZlib(data, cap));
	if (!(zlib instanceof InflateError)) return zlib;
	if (zlib.reason === 'too-large') throw tooLarge();
	// Some producers write raw DEFLATE without the zlib header.
	const raw = attempt(() => inflateRaw(data, cap));
	if (!(raw instanceof InflateError)) return raw;
	if (raw.reason === 'too-large') throw tooLarge();
	throw new PdfError('corrupt', `A FlateDecode stream is broken (${zlib.reason}).`);
}

/** Growable output with a hard cap. */
class Output {
	bytes: Uint8Array;
	length = 0;

	constructor(
		initial: number,
		private readonly cap: number,
	) {
		this.bytes = new Uint8Array(Math.max(16, Math.min(initial, cap)));
	}

	ensure(extra: number): void {
		const needed = this.length + extra;
		if (needed > this.cap) throw tooLarge();
		if (needed <= this.bytes.length) return;
		const grown = new Uint8Array(Math.min(this.cap, Math.max(needed, this.bytes.length * 2)));
		grown.set(this.bytes.subarray(0, this.length));
		this.bytes = grown;
	}

	push(byte: number): void {
		if (this.length === this.bytes.length) this.ensure(1);
		this.bytes[this.length++] = byte;
	}

	result(): Uint8Array {
		return this.bytes.subarray(0, this.length);
	}
}

function asciiHex(data: Uint8Array): Uint8Array {
	// The data ends at `>` (EOD), or at the end of the stream.
	const eod = data.indexOf(0x3e);
	return decodeHexDigits(data, 0, eod < 0 ? data.length : eod);
}

function ascii85(data: Uint8Array, cap: number): Uint8Array {
	const out = new Output(data.length, cap);
	const group = [0, 0, 0, 0, 0];
	let count = 0;
	for (let i = 0; i < data.length; i++) {
		const c = data[i];
		if (c === 0x7e) break; // `~>` ends the data
		if (isWhiteSpace(c)) continue;
		if (c === 0x7a && count === 0) {
			out.ensure(4);
			for (let k = 0; k < 4; k++) out.push(0);
			continue;
		}
		if (c < 0x21 || c > 0x75) throw new PdfError('corrupt', 'An ASCII85Decode stream holds a byte outside its alphabet.');
		group[count++] = c - 0x21;
		if (count === 5) {
			const value = (((group[0] * 85 + group[1]) * 85 + group[2]) * 85 + group[3]) * 85 + group[4];
			out.ensure(4);
			out.push((value >>> 24) & 0xff);
			out.push((value >>> 16) & 0xff);
			out.push((value >>> 8) & 0xff);
			out.push(value & 0xff);
			count = 0;
		}
	}
	if (count > 1) {
		for (let k = count; k < 5; k++) group[k] = 84;
		const value = (((group[0] * 85 + group[1]) * 85 + group[2]) * 85 + group[3]) * 85 + group[4];
		const tail = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
		for (let k = 0; k < count - 1; k++) out.push(tail[k]);
	}
	return out.result();
}

function runLength(data: Uint8Array, cap: number): Uint8Array {
	const out = new Output(data.length * 2, cap);
	let i = 0;
	while (i < data.length) {
		const length = data[i++];
		if (length === 128) break;
		if (length < 128) {
			const n = length + 1;
			out.ensure(n);
			for (let k = 0; k < n && i < data.length; k++) out.push(data[i++]);
		} else {
			const n = 257 - length;
			if (i >= data.length) break;
			const byte = data[i++];
			out.ensure(n);
			for (let k = 0; k < n; k++) out.push(byte);
		}
	}
	return out.result();
}

function lzw(data: Uint8Array, cap: number, earlyChange: 0 | 1): Uint8Array {
	const out = new Output(data.length * 3, cap);
	const whole = decodeLzw(data, earlyChange, (bytes, length) => {
		out.ensure(length);
		for (let k = 0; k < length; k++) out.push(bytes[k]);
		return true;
	});
	if (!whole) throw new PdfError('corrupt', 'An LZWDecode stream holds a code outside its table.');
	return out.result();
}

/** PNG (10–15) and TIFF (2) predictors after Flate/LZW (§7.4.4.4). */
function predict(data: Uint8Array, params: PdfDict | null, cap: number): Uint8Array {
	const predictor = params?.get('Predictor');
	if (typeof predictor !== 'number' || predictor <= 1) return data;
	const colors = positiveInt(params?.get('Colors'), 1);
	const bits = positiveInt(params?.get('BitsPerComponent'), 8);
	const columns = positiveInt(params?.get('Columns'), 1);
	const bytesPerPixel = Math.max(1, Math.ceil((colors * bits) / 8));
	const rowBytes = Math.ceil((colors * bits * columns) / 8);
	if (rowBytes <= 0 || rowBytes > cap) throw new PdfError('corrupt', 'A stream predictor has impossible parameters.');
	if (predictor === 2) return tiffPredict(data, rowBytes, colors, bits);
	const rows = Math.floor(data.length / (rowBytes + 1));
	const out = new Uint8Array(rows * rowBytes);
	let previousRow = -1;
	for (let row = 0; row < rows; row++) {
		const input = row * (rowBytes + 1);
		const type = data[input];
		const at = row * rowBytes;
		for (let i = 0; i < rowBytes; i++) {
			const raw = data[input + 1 + i];
			const left = i >= bytesPerPixel ? out[at + i - bytesPerPixel] : 0;
			const up = previousRow >= 0 ? out[previousRow + i] : 0;
			const upLeft = previousRow >= 0 && i >= bytesPerPixel ? out[previousRow + i - bytesPerPixel] : 0;
			let value: number;
			switch (type) {
				case 0:
					value = raw;
					break;
				case 1:
					value = raw + left;
					break;
				case 2:
					value = raw + up;
					break;
				case 3:
					value = raw + ((left + up) >> 1);
					break;
				case 4: {
					const p = left + up - upLeft;
					const pa = Math.abs(p - left);
					const pb = Math.abs(p - up);
					const pc = Math.abs(p - upLeft);
					value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
					break;
				}
				default:
					throw new PdfError('corrupt', `A PNG predictor row has the unknown filter type ${type}.`);
			}
			out[at + i] = value & 0xff;
		}
		previousRow = at;
	}
	return out;
}

function tiffPredict(data: Uint8Array, rowBytes: number, colors: number, bits: number): Uint8Array {
	// Only 8-bit components are used by the streams text needs; others pass through unchanged.
	if (bits !== 8) return data;
	const out = data.slice();
	for (let row = 0; row + rowBytes <= out.length; row += rowBytes) {
		for (let i = colors; i < rowBytes; i++) out[row + i] = (out[row + i] + out[row + i - colors]) & 0xff;
	}
	return out;
}

function positiveInt(value: PdfValue | undefined, fallback: number): number {
	return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : fallback;
}
