/**
 * A ZIP reader in the manner of Go's archive/zip: the central directory is the truth (found from
 * the end of the file, past any comment), members are read through their local headers with the
 * directory's sizes (so data descriptors need no special path), and every inflated byte counts
 * against a per-member and a per-archive cap while it is produced. Only what invoices need:
 * stored and deflated members, no ZIP64, no encryption, no odd paths.
 */
import { InflateError, inflateRaw } from './inflate';

export type ZipFailure =
	| 'not-zip'
	| 'corrupt'
	| 'truncated'
	| 'zip64'
	| 'encrypted'
	| 'unsupported-method'
	| 'too-many-entries'
	| 'too-large'
	| 'bad-path';

export class ZipError extends Error {
	readonly reason: ZipFailure;

	constructor(reason: ZipFailure, message: string) {
		super(message);
		this.name = 'ZipError';
		this.reason = reason;
	}
}

export interface ZipLimits {
	maxEntries: number;
	/** Most bytes one member may inflate to. */
	maxEntryBytes: number;
	/** Most bytes all members read from one archive may inflate to, together. */
	maxTotalBytes: number;
}

/** A month of tax-platform invoices is a few hundred members of tens of KB each. */
export const MAX_ZIP_ENTRIES = 1000;
export const MAX_ZIP_ENTRY_BYTES = 20 * 1024 * 1024;
export const MAX_ZIP_TOTAL_BYTES = 100 * 1024 * 1024;

export const ZIP_LIMITS: ZipLimits = {
	maxEntries: MAX_ZIP_ENTRIES,
	maxEntryBytes: MAX_ZIP_ENTRY_BYTES,
	maxTotalBytes: MAX_ZIP_TOTAL_BYTES,
};

export interface ZipEntry {
	/** The member path, normalized: `/` separators, no leading `/`. */
	name: string;
	isDirectory: boolean;
	method: number;
	compressedSize: number;
	uncompressedSize: number;
	crc32: number;
	/** General-purpose flags (bit 0 encrypted, bit 3 data descriptor, bit 11 UTF-8 names). */
	flags: number;
	localHeaderOffset: number;
}

const EOCD_SIGNATURE = 0x06054b50;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;

/** Whether the bytes start like a ZIP (a local header, or the directory of an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
	return (
		bytes.length >= 4 &&
		bytes[0] === 0x50 &&
		bytes[1] === 0x4b &&
		((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
	);
}

function view(bytes: Uint8Array): DataView {
	return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function findEndOfCentralDirectory(bytes: Uint8Array, data: DataView): number {
	const lowest = Math.max(0, bytes.length - EOCD_SIZE - MAX_COMMENT);
	for (let at = bytes.length - EOCD_SIZE; at >= lowest; at--) {
		if (bytes[at] !== 0x50 || data.getUint32(at, true) !== EOCD_SIGNATURE) continue;
		// A signature inside the comment is not the record: its comment must reach the end of the file.
		const commentLength = data.getUint16(at + 20, true);
		if (at + EOCD_SIZE + commentLength <= bytes.length) return at;
	}
	throw new ZipError('not-zip', 'The file has no ZIP central directory (it is not a ZIP, or it is cut short).');
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
let gb18030: InstanceType<typeof TextDecoder> | null | undefined;

/** Names are UTF-8 when flagged; Chinese Windows zippers write GBK unflagged, so try that next. */
function decodeName(raw: Uint8Array, flags: number): string {
	let ascii = true;
	for (let i = 0; i < raw.length; i++) if (raw[i] >= 0x80) ascii = false;
	if (ascii) return String.fromCharCode(...raw);
	const utf8 = tryDecode(UTF8, raw);
	if (utf8 !== null) return utf8;
	if (flags & 0x800) throw new ZipError('bad-path', 'A ZIP member name is flagged UTF-8 but is not.');
	if (gb18030 === undefined) {
		try {
			gb18030 = new TextDecoder('gb18030', { fatal: true });
		} catch {
			gb18030 = null;
		}
	}
	const chinese = gb18030 ? tryDecode(gb18030, raw) : null;
	if (chinese !== null) return chinese;
	return String.fromCharCode(...raw);
}

function tryDecode(decoder: InstanceType<typeof TextDecoder>, raw: Uint8Array): string | null {
	try {
		return decoder.decode(raw);
	} catch {
		return null;
	}
}

/**
 * A safe relative member path: `\` read as a separator (never as an escape), one leading `/`
 * accepted as relative (some OFD writers emit `/Doc_0/...`), and refused when absolute
 * (`//x`, `C:`), when it climbs (`..`), or when it holds empty segments or control characters.
 */
export function normalizeMemberPath(raw: string): string {
	for (let i = 0; i < raw.length; i++) {
		if (raw.charCodeAt(i) < 0x20) throw new ZipError('bad-path', 'A ZIP member name holds control characters.');
	}
	let path = raw.replace(/\\/g, '/');
	if (path.startsWith('/')) path = path.slice(1);
	const unsafe = (why: string) => new ZipError('bad-path', `The ZIP member "${raw}" ${why}; it is refused.`);
	if (path.startsWith('/')) throw unsafe('is an absolute path');
	if (/^[A-Za-z]:/.test(path)) throw unsafe('names a drive');
	const directory = path.endsWith('/');
	const segments = (directory ? path.slice(0, -1) : path).split('/');
	for (const segment of segments) {
		if (segment === '..') throw unsafe('climbs out of the archive');
		if (segment === '' && path !== '') throw unsafe('has an empty path segment');
	}
	if (path === '' || path === '/') throw unsafe('has no name');
	return path;
}

/** Reads the central directory: every member's name, sizes and method. Nothing is inflated. */
export function readZipDirectory(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
	if (bytes.length < EOCD_SIZE) throw new ZipError('not-zip', 'The file is too short to be a ZIP.');
	const data = view(bytes);
	const end = findEndOfCentralDirectory(bytes, data);
	if (end >= 20 && data.getUint32(end - 20, true) === ZIP64_LOCATOR_SIGNATURE) {
		throw new ZipError('zip64', 'The file is a ZIP64 archive; only plain ZIP archives are read.');
	}
	const disk = data.getUint16(end + 4, true);
	const directoryDisk = data.getUint16(end + 6, true);
	const entriesOnDisk = data.getUint16(end + 8, true);
	const entryCount = data.getUint16(end + 10, true);
	const directorySize = data.getUint32(end + 12, true);
	const directoryOffset = data.getUint32(end + 16, true);
	if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
		throw new ZipError('zip64', 'The file is a ZIP64 archive; only plain ZIP archives are read.');
	}
	if (disk !== 0 || directoryDisk !== 0 || entriesOnDisk !== entryCount) {
		throw new ZipError('corrupt', 'The file is part of a multi-volume ZIP; only single files are read.');
	}
	if (entryCount > limits.maxEntries) {
		throw new ZipError('too-many-entries', `The ZIP has ${entryCount} members; at most ${limits.maxEntries} are read.`);
	}
	if (directoryOffset + directorySize > end) {
		throw new ZipError('truncated', 'The ZIP central directory points past the end of the file.');
	}
	const entries: ZipEntry[] = [];
	const seen = new Set<string>();
	let at = directoryOffset;
	for (let index = 0; index < entryCount; index++) {
		if (at + 46 > end || data.getUint32(at, true) !== CENTRAL_SIGNATURE) {
			throw new ZipError('corrupt', 'The ZIP central directory is damaged.');
		}
		const flags = data.getUint16(at + 8, true);
		const method = data.getUint16(at + 10, true);
		const crc32 = data.getUint32(at + 16, true);
		const compressedSize = data.getUint32(at + 20, true);
		const uncompressedSize = data.getUint32(at + 24, true);
		const nameLength = data.getUint16(at + 28, true);
		const extraLength = data.getUint16(at + 30, true);
		const commentLength = data.getUint16(at + 32, true);
		const localHeaderOffset = data.getUint32(at + 42, true);
		const next = at + 46 + nameLength + extraLength + commentLength;
		if (next > end) throw new ZipError('corrupt', 'The ZIP central directory is damaged.');
		if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
			throw new ZipError('zip64', 'The file is a ZIP64 archive; only plain ZIP archives are read.');
		}
		const rawName = decodeName(bytes.subarray(at + 46, at + 46 + nameLength), flags);
		const name = normalizeMemberPath(rawName);
		if (seen.has(name)) {
			throw new ZipError('bad-path', `The ZIP holds the member "${name}" twice; it is refused.`);
		}
		seen.add(name);
		entries.push({
			name,
			isDirectory: name.endsWith('/'),
			method,
			compressedSize,
			uncompressedSize,
			crc32,
			flags,
			localHeaderOffset,
		});
		at = next;
	}
	return entries;
}

/** The member names from the central directory alone: cheap enough for sniffing a format. */
export function zipEntryNames(bytes: Uint8Array): string[] {
	return readZipDirectory(bytes).map((entry) => entry.name);
}

/**
 * Inflated bytes still allowed, shared by nested archives (an OFD inside a bundle) so that nesting
 * never multiplies the cap.
 */
export interface InflateBudget {
	remainingBytes: number;
}

/** An opened archive: the directory, and members inflated on demand under the archive's caps. */
export interface ZipArchive {
	entries: ZipEntry[];
	/** The member with this path (normalized, case-sensitive), if any. */
	find(name: string): ZipEntry | undefined;
	/** The member's bytes; throws ZipError when it is encrypted, damaged or over a cap. */
	read(entry: ZipEntry): Uint8Array;
}

export function openZip(
	bytes: Uint8Array,
	limits: ZipLimits = ZIP_LIMITS,
	budget: InflateBudget = { remainingBytes: limits.maxTotalBytes },
): ZipArchive {
	const entries = readZipDirectory(bytes, limits);
	// An archive that says it holds more than the cap is refused at once, before any inflating; one that lies
	// about its sizes is still stopped while inflating, and by the size check after.
	const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
	if (declared > budget.remainingBytes) {
		throw new ZipError(
			'too-large',
			`The ZIP members inflate to more than ${limits.maxTotalBytes} bytes together; the archive is refused.`,
		);
	}
	const byName = new Map(entries.map((entry) => [entry.name, entry]));
	const data = view(bytes);

	const read = (entry: ZipEntry): Uint8Array => {
		if (entry.flags & 0x1) {
			throw new ZipError('encrypted', `The ZIP member "${entry.name}" is encrypted; it cannot be read.`);
		}
		if (entry.method !== 0 && entry.method !== 8) {
			throw new ZipError(
				'unsupported-method',
				`The ZIP member "${entry.name}" uses compression method ${entry.method}; only stored and deflated members are read.`,
			);
		}
		const at = entry.localHeaderOffset;
		if (at + 30 > bytes.length || data.getUint32(at, true) !== LOCAL_SIGNATURE) {
			throw new ZipError('corrupt', `The local header of the ZIP member "${entry.name}" is missing.`);
		}
		const start = at + 30 + data.getUint16(at + 26, true) + data.getUint16(at + 28, true);
		if (start + entry.compressedSize > bytes.length) {
			throw new ZipError('truncated', `The ZIP member "${entry.name}" is cut short.`);
		}
		const cap = Math.max(0, Math.min(limits.maxEntryBytes, budget.remainingBytes));
		const tooLarge = () =>
			new ZipError(
				'too-large',
				cap < limits.maxEntryBytes
					? `The ZIP members inflate to more than ${limits.maxTotalBytes} bytes together; the archive is refused.`
					: `The ZIP member "${entry.name}" inflates to more than ${limits.maxEntryBytes} bytes; it is refused.`,
			);
		if (entry.uncompressedSize > cap) throw tooLarge();
		const stored = bytes.subarray(start, start + entry.compressedSize);
		let content: Uint8Array;
		if (entry.method === 0) {
			if (stored.length > cap) throw tooLarge();
			content = stored;
		} else {
			let failure: InflateError | undefined;
			try {
				content = inflateRaw(stored, cap);
			} catch (error) {
				failure = error instanceof InflateError ? error : new InflateError('corrupt', String(error));
				content = new Uint8Array(0);
			}
			if (failure?.reason === 'too-large') throw tooLarge();
			if (failure) {
				throw new ZipError(
					failure.reason === 'truncated' ? 'truncated' : 'corrupt',
					`The ZIP member "${entry.name}" is damaged (${failure.message})`,
				);
			}
		}
		budget.remainingBytes -= content.length;
		if (content.length !== entry.uncompressedSize || crc32(content) !== entry.crc32) {
			throw new ZipError('corrupt', `The ZIP member "${entry.name}" fails its size or CRC check.`);
		}
		return content;
	};

	return { entries, find: (name) => byName.get(name), read };
}

let crcTables: Int32Array[] | undefined;

/** Eight tables for slicing-by-8: eight bytes per step, several times the byte-wise speed. */
function crcTablesOnce(): Int32Array[] {
	if (crcTables) return crcTables;
	const tables = Array.from({ length: 8 }, () => new Int32Array(256));
	for (let n = 0; n < 256; n++) {
		let c = n;
		for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		tables[0][n] = c;
	}
	for (let n = 0; n < 256; n++) {
		for (let t = 1; t < 8; t++) tables[t][n] = tables[0][tables[t - 1][n] & 0xff] ^ (tables[t - 1][n] >>> 8);
	}
	crcTables = tables;
	return tables;
}

/** CRC-32 (IEEE) of the bytes, as ZIP stores it. */
export function crc32(bytes: Uint8Array): number {
	const [t0, t1, t2, t3, t4, t5, t6, t7] = crcTablesOnce();
	let crc = -1;
	let i = 0;
	const end8 = bytes.length - 8;
	for (; i <= end8; i += 8) {
		const low = crc ^ (bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24));
		crc =
			t7[low & 0xff] ^
			t6[(low >>> 8) & 0xff] ^
			t5[(low >>> 16) & 0xff] ^
			t4[low >>> 24] ^
			t3[bytes[i + 4]] ^
			t2[bytes[i + 5]] ^
			t1[bytes[i + 6]] ^
			t0[bytes[i + 7]];
	}
	for (; i < bytes.length; i++) crc = t0[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}
