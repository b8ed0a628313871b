/**
 * A small ZIP writer for test fixtures: stored and deflated members, data descriptors (sizes only
 * in the central directory, as some OFD writers do), archive comments, arbitrary raw names, and
 * knobs to write the broken or hostile archives the reader must refuse (lying sizes, encryption
 * flags, unknown methods, ZIP64 markers). `node:zlib` does the deflating (through ./node.js): fine in test tooling.
 */
import { deflateRawSync } from './node';

export interface ZipMember {
	/** The member path as written (any text; use `rawName` for bytes that are not UTF-8). */
	name: string;
	data: Uint8Array | string;
	/** `deflate` (default) or `store`; a number writes that method id with the data stored. */
	method?: 'deflate' | 'store' | number;
	/** Deflate level (0-9) when deflating. */
	level?: number;
	/** Write sizes and CRC in a data descriptor after the data (flag 0x8), zeros in the local header. */
	dataDescriptor?: boolean;
	/** Name bytes as written, instead of `name` in UTF-8. */
	rawName?: Uint8Array;
	/** Extra general-purpose flags (0x1 marks the member encrypted). */
	flags?: number;
	/** Uncompressed size to declare in the central directory (a lie, for hostile fixtures). */
	declaredSize?: number;
	/** CRC-32 to declare instead of the real one. */
	declaredCrc?: number;
}

export interface ZipOptions {
	/** Archive comment, written after the end-of-central-directory record. */
	comment?: string;
	/** Entry count to declare in the end record (a lie, e.g. 0xffff as ZIP64 writers do). */
	declaredEntryCount?: number;
	/** Write a ZIP64 end-of-central-directory locator before the end record. */
	zip64Locator?: boolean;
	/** Bytes to put before the first member (a self-extractor stub, or junk). */
	prefix?: Uint8Array;
}

let crcTable: Int32Array | undefined;

export function crc32(bytes: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Int32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c;
		}
	}
	let crc = -1;
	for (let i = 0; i < bytes.length; i++) crc = crcTable[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
	return (crc ^ -1) >>> 0;
}

function toBytes(data: Uint8Array | string): Buffer {
	return typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
}

/** Builds a ZIP archive in memory. */
export function zipBytes(members: ZipMember[], options: ZipOptions = {}): Buffer {
	const chunks: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	const push = (chunk: Buffer) => {
		chunks.push(chunk);
		offset += chunk.length;
	};
	if (options.prefix) push(Buffer.from(options.prefix));
	for (const member of members) {
		const content = toBytes(member.data);
		const name = member.rawName ? Buffer.from(member.rawName) : Buffer.from(member.name, 'utf8');
		const methodId = member.method === 'store' ? 0 : typeof member.method === 'number' ? member.method : 8;
		const stored = methodId === 8 ? deflateRawSync(content, { level: member.level ?? 6 }) : content;
		const crc = member.declaredCrc ?? crc32(content);
		const size = member.declaredSize ?? content.length;
		const utf8 = !member.rawName && name.some((byte) => byte >= 0x80) ? 0x800 : 0;
		const flags = (member.flags ?? 0) | utf8 | (member.dataDescriptor ? 0x8 : 0);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt16LE(flags, 6);
		local.writeUInt16LE(methodId, 8);
		local.writeUInt32LE(0x21, 10); // 1980-01-01 00:00
		local.writeUInt32LE(member.dataDescriptor ? 0 : crc, 14);
		local.writeUInt32LE(member.dataDescriptor ? 0 : stored.length, 18);
		local.writeUInt32LE(member.dataDescriptor ? 0 : size, 22);
		local.writeUInt16LE(name.length, 26);
		local.writeUInt16LE(0, 28);
		const localOffset = offset;
		push(local);
		push(name);
		push(stored);
		if (member.dataDescriptor) {
			const descriptor = Buffer.alloc(16);
			descriptor.writeUInt32LE(0x08074b50, 0);
			descriptor.writeUInt32LE(crc, 4);
			descriptor.writeUInt32LE(stored.length, 8);
			descriptor.writeUInt32LE(size, 12);
			push(descriptor);
		}
		const header = Buffer.alloc(46);
		header.writeUInt32LE(0x02014b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt16LE(20, 6);
		header.writeUInt16LE(flags, 8);
		header.writeUInt16LE(methodId, 10);
		header.writeUInt32LE(0x21, 12);
		header.writeUInt32LE(crc, 16);
		header.writeUInt32LE(stored.length, 20);
		header.writeUInt32LE(size, 24);
		header.writeUInt16LE(name.length, 28);
		header.writeUInt32LE(localOffset, 42);
		central.push(header, name);
	}
	const directoryOffset = offset;
	for (const chunk of central) push(chunk);
	const directorySize = offset - directoryOffset;
	if (options.zip64Locator) {
		const locator = Buffer.alloc(20);
		locator.writeUInt32LE(0x07064b50, 0);
		push(locator);
	}
	const comment = Buffer.from(options.comment ?? '', 'utf8');
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	const count = options.declaredEntryCount ?? members.length;
	end.writeUInt16LE(count, 8);
	end.writeUInt16LE(count, 10);
	end.writeUInt32LE(directorySize, 12);
	end.writeUInt32LE(directoryOffset, 16);
	end.writeUInt16LE(comment.length, 20);
	push(end);
	push(comment);
	return Buffer.concat(chunks);
}
