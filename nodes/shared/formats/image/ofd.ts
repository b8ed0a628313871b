/**
 * OFD keeps its images (the QR code among them) as files under `Doc_N/Res/`: the entries a QR
 * reader should try, by what their bytes are (names and extensions in OFDs are unreliable).
 */

export interface OfdImageEntry {
	name: string;
	bytes: Uint8Array;
}

const RASTER_SIGNATURES: Array<(b: Uint8Array) => boolean> = [
	(b) => b.length > 8 && b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47,
	(b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
	(b) => b.length > 26 && b[0] === 0x42 && b[1] === 0x4d,
	(b) => b.length > 8 && ((b[0] === 0x49 && b[1] === 0x49 && b[2] === 42) || (b[0] === 0x4d && b[1] === 0x4d && b[3] === 42)),
];

/**
 * The raster images among an OFD's ZIP entries (any `Res/` folder, PNG/JPEG/BMP/TIFF by content),
 * at most `limit`, smallest first (a QR code image is small; photos and seals come later).
 */
export function ofdImageEntries(entries: Iterable<OfdImageEntry>, limit = 16): OfdImageEntry[] {
	const found: OfdImageEntry[] = [];
	for (const entry of entries) {
		if (!/(^|\/)Res\//i.test(entry.name)) continue;
		if (RASTER_SIGNATURES.some((matches) => matches(entry.bytes))) found.push(entry);
	}
	return found.sort((a, b) => a.bytes.length - b.bytes.length).slice(0, limit);
}
