import {
	crc32,
	MAX_ZIP_ENTRIES,
	normalizeMemberPath,
	openZip,
	readZipDirectory,
	ZipError,
	zipEntryNames,
	type ZipFailure,
} from '../../../nodes/shared/formats/zip';
import { crc32 as writerCrc32, zipBytes } from '../../support/zipWriter';

/** The reason and message of the ZipError `run` throws; undefined when it throws none. */
function failure(run: () => unknown): { reason: ZipFailure | 'other error'; message: string } | undefined {
	try {
		run();
	} catch (error) {
		return error instanceof ZipError ? { reason: error.reason, message: error.message } : { reason: 'other error', message: String(error) };
	}
	return undefined;
}

const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('utf8');

describe('zip reader', () => {
	it('reads stored and deflated members through the central directory', () => {
		const archive = zipBytes([
			{ name: 'a.txt', data: 'stored text', method: 'store' },
			{ name: 'dir/b.xml', data: '<a>'.repeat(1000), method: 'deflate', level: 9 },
		]);
		const zip = openZip(archive);
		expect(zip.entries.map((entry) => [entry.name, entry.method])).toEqual([
			['a.txt', 0],
			['dir/b.xml', 8],
		]);
		expect(text(zip.read(zip.find('a.txt')!))).toBe('stored text');
		expect(text(zip.read(zip.find('dir/b.xml')!))).toBe('<a>'.repeat(1000));
	});

	it('reads members with data descriptors (sizes only in the central directory)', () => {
		const archive = zipBytes([
			{ name: 'x.xml', data: 'deflated with descriptor', dataDescriptor: true },
			{ name: 'y.txt', data: 'stored with descriptor', method: 'store', dataDescriptor: true },
		]);
		const zip = openZip(archive);
		expect(zip.entries.every((entry) => (entry.flags & 0x8) !== 0)).toBe(true);
		expect(text(zip.read(zip.entries[0]))).toBe('deflated with descriptor');
		expect(text(zip.read(zip.entries[1]))).toBe('stored with descriptor');
	});

	it('finds the end record past a comment, even one that contains an end-record signature', () => {
		const fakeEnd = Buffer.from([0x50, 0x4b, 0x05, 0x06]).toString('latin1');
		const archive = zipBytes([{ name: 'a.txt', data: 'hello' }], { comment: `batch 2025-06 ${fakeEnd} end` });
		expect(zipEntryNames(archive)).toEqual(['a.txt']);
		const long = zipBytes([{ name: 'a.txt', data: 'hello' }], { comment: 'c'.repeat(60_000) });
		expect(zipEntryNames(long)).toEqual(['a.txt']);
	});

	it('reads an archive behind a prefix (self-extractor stub) when offsets account for it', () => {
		const archive = zipBytes([{ name: 'a.txt', data: 'hello' }], { prefix: Buffer.alloc(500, 0x20) });
		expect(text(openZip(archive).read(openZip(archive).entries[0]))).toBe('hello');
	});

	it('accepts a leading "/" as relative and reads backslashes as separators, never escapes', () => {
		expect(normalizeMemberPath('/Doc_0/Document.xml')).toBe('Doc_0/Document.xml');
		expect(normalizeMemberPath('Doc_0\\Pages\\Content.xml')).toBe('Doc_0/Pages/Content.xml');
		expect(normalizeMemberPath('Doc_0/')).toBe('Doc_0/');
		for (const bad of ['../evil.xml', 'a/../../evil', '..\\..\\evil.xml', '//server/share', 'C:/x.xml', 'c:evil', 'a//b', '', 'a\u0000b']) {
			expect(failure(() => normalizeMemberPath(bad))?.reason).toBe('bad-path');
		}
	});

	it('refuses an archive with an unsafe member path, or one path twice', () => {
		expect(failure(() => readZipDirectory(zipBytes([{ name: '../../etc/passwd', data: 'x' }])))?.reason).toBe('bad-path');
		const twice = zipBytes([
			{ name: 'a.xml', data: '1' },
			{ name: '/a.xml', data: '2' },
		]);
		expect(failure(() => readZipDirectory(twice))?.message).toMatch(/twice/);
	});

	it('decodes GBK names that are not flagged UTF-8, and flagged UTF-8 names', () => {
		const gbk = Buffer.from([0xb7, 0xa2, 0xc6, 0xb1, 0x2e, 0x78, 0x6d, 0x6c]); // 发票.xml in GBK
		const archive = zipBytes([
			{ name: 'unused', rawName: gbk, data: 'x' },
			{ name: '数电发票.xml', data: 'y' },
		]);
		expect(zipEntryNames(archive)).toEqual(['发票.xml', '数电发票.xml']);
	});

	it('refuses encrypted members, unknown methods and ZIP64 with clear reasons', () => {
		const encrypted = openZip(zipBytes([{ name: 'a.xml', data: 'x', flags: 0x1, method: 'store' }]));
		expect(failure(() => encrypted.read(encrypted.entries[0]))?.reason).toBe('encrypted');
		const bzip2 = openZip(zipBytes([{ name: 'a.xml', data: 'x', method: 12 }]));
		expect(failure(() => bzip2.read(bzip2.entries[0]))).toMatchObject({ reason: 'unsupported-method', message: expect.stringMatching(/method 12/) });
		expect(failure(() => readZipDirectory(zipBytes([{ name: 'a', data: 'x' }], { zip64Locator: true })))?.reason).toBe('zip64');
		expect(failure(() => readZipDirectory(zipBytes([{ name: 'a', data: 'x' }], { declaredEntryCount: 0xffff })))?.reason).toBe('zip64');
	});

	it('refuses too many members before reading any', () => {
		const many = zipBytes(Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => ({ name: `m${i}.txt`, data: '', method: 'store' as const })));
		expect(failure(() => readZipDirectory(many))?.reason).toBe('too-many-entries');
	});

	it('caps inflated bytes per member and in total, whatever sizes the directory declares', () => {
		const big = Buffer.alloc(3 * 1024 * 1024);
		const lying = openZip(zipBytes([{ name: 'bomb.xml', data: big, declaredSize: 10 }]), {
			maxEntries: 10,
			maxEntryBytes: 1024 * 1024,
			maxTotalBytes: 10 * 1024 * 1024,
		});
		expect(failure(() => lying.read(lying.entries[0]))?.reason).toBe('too-large');
		const limits = { maxEntries: 10, maxEntryBytes: 1024 * 1024, maxTotalBytes: 2 * 1024 * 1024 };
		const parts = [1, 2, 3].map((i) => ({ name: `part${i}.bin`, data: Buffer.alloc(900 * 1024, i) }));
		// Sizes declared honestly: refused at once, nothing inflated.
		expect(failure(() => openZip(zipBytes(parts), limits))).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/together/) });
		// Sizes that lie: every inflated byte still counts, and the third member finds the budget spent.
		const lyingParts = openZip(zipBytes(parts.map((part) => ({ ...part, declaredSize: 10 }))), limits);
		expect(failure(() => lyingParts.read(lyingParts.entries[0]))?.reason).toBe('corrupt');
		expect(failure(() => lyingParts.read(lyingParts.entries[1]))?.reason).toBe('corrupt');
		expect(failure(() => lyingParts.read(lyingParts.entries[2]))).toMatchObject({ reason: 'too-large', message: expect.stringMatching(/together/) });
	});

	it('refuses members whose size or CRC does not match the directory', () => {
		const wrongCrc = openZip(zipBytes([{ name: 'a.txt', data: 'hello', declaredCrc: 1234 }]));
		expect(failure(() => wrongCrc.read(wrongCrc.entries[0]))?.reason).toBe('corrupt');
		const wrongSize = openZip(zipBytes([{ name: 'a.txt', data: 'hello', declaredSize: 4 }]));
		expect(failure(() => wrongSize.read(wrongSize.entries[0]))?.reason).toBe('corrupt');
	});

	it('refuses truncated and non-ZIP files', () => {
		const archive = zipBytes([{ name: 'a.txt', data: 'hello world '.repeat(100) }]);
		expect(failure(() => readZipDirectory(archive.subarray(0, archive.length - 30)))?.reason).toBe('not-zip');
		expect(failure(() => readZipDirectory(Buffer.from('not a zip at all, just text')))?.reason).toBe('not-zip');
		// Directory intact, member data cut: the local header offset now points at garbage.
		const damaged = Buffer.from(archive);
		damaged.fill(0, 0, 40);
		const zip = openZip(damaged);
		expect(failure(() => zip.read(zip.entries[0]))?.reason).toBe('corrupt');
	});

	it('computes CRC-32 as the writer does', () => {
		const data = Buffer.from(Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff));
		expect(crc32(data)).toBe(writerCrc32(data));
		expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
	});
});
