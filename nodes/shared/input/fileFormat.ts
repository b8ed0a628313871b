import { looksLikeZip, zipEntryNames } from '../formats/zip';
import type { FileFormat } from '../vendors/types';

/** Format by magic bytes: file names and MIME types from mailboxes are too often wrong. */
export function sniffFormat(bytes: Uint8Array): FileFormat | undefined {
	const startsWith = (...signature: number[]) => signature.every((byte, i) => bytes[i] === byte);
	const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
	if (startsWith(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
	if (startsWith(0xff, 0xd8, 0xff)) return 'jpeg';
	if (startsWith(0x42, 0x4d) && bytes.length > 26) return 'bmp';
	if (ascii(0, 4) === 'GIF8') return 'gif';
	if (startsWith(0x49, 0x49, 0x2a, 0x00) || startsWith(0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
	if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
	if (ascii(0, 5) === '%PDF-') return 'pdf';
	if (looksLikeZip(bytes)) return zipFormat(bytes);
	if (looksLikeXml(bytes)) return 'xml';
	return undefined;
}

/**
 * OFD (GB/T 33190) is a ZIP with `OFD.xml` at its root. The central directory lists every member
 * wherever its data sits (tax-platform OFDs put `OFD.xml` after their images), so it is read
 * instead of scanning the first bytes. A ZIP whose directory cannot be read is still a ZIP:
 * the reader then says what is wrong with it.
 */
function zipFormat(bytes: Uint8Array): FileFormat {
	let names: string[];
	try {
		names = zipEntryNames(bytes);
	} catch {
		return 'zip';
	}
	return names.some((name) => name.toLowerCase() === 'ofd.xml') ? 'ofd' : 'zip';
}

/**
 * XML text: optional BOM (UTF-8 or UTF-16) and whitespace, then a declaration, a comment, a
 * DOCTYPE (the reader refuses it, clearly) or a root element. HTML is not XML here.
 */
function looksLikeXml(bytes: Uint8Array): boolean {
	const head = xmlHead(bytes).replace(/^\s+/, '');
	if (/^<!doctype\s+html/i.test(head) || /^<html[\s>]/i.test(head)) return false;
	return /^<(\?xml[\s?]|!--|!DOCTYPE\s|[A-Za-z_][\w.:-]*[\s/>])/.test(head);
}

function xmlHead(bytes: Uint8Array): string {
	const head = bytes.subarray(0, 512);
	if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
	if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be').decode(head.subarray(2));
	const withoutBom = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
	let text = '';
	// ASCII is enough to see the first markup; anything else stops the look.
	for (let i = 0; i < withoutBom.length && withoutBom[i] < 0x80; i++) text += String.fromCharCode(withoutBom[i]);
	return text;
}

export interface ImageSize {
	width: number;
	height: number;
}

/** Pixel size from the image header (PNG, JPEG, BMP, GIF); undefined when it cannot be read. */
export function imageSize(bytes: Uint8Array, format: FileFormat | undefined): ImageSize | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	try {
		if (format === 'png' && bytes.length >= 24) {
			return { width: view.getUint32(16), height: view.getUint32(20) };
		}
		if (format === 'gif' && bytes.length >= 10) {
			return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
		}
		if (format === 'bmp' && bytes.length >= 26) {
			return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
		}
		if (format === 'jpeg') return jpegSize(bytes, view);
	} catch {
		return undefined;
	}
	return undefined;
}

/** Walks JPEG segments to the first SOFn marker, which holds the frame size. */
function jpegSize(bytes: Uint8Array, view: DataView): ImageSize | undefined {
	let offset = 2;
	while (offset + 9 < bytes.length) {
		if (bytes[offset] !== 0xff) return undefined;
		const marker = bytes[offset + 1];
		const length = view.getUint16(offset + 2);
		const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
		if (isFrame) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
		offset += 2 + length;
	}
	return undefined;
}

export const FORMAT_LABELS: Record<FileFormat, string> = {
	png: 'PNG',
	jpeg: 'JPEG',
	bmp: 'BMP',
	gif: 'GIF',
	tiff: 'TIFF',
	webp: 'WebP',
	pdf: 'PDF',
	ofd: 'OFD',
	xml: 'XML',
	zip: 'ZIP',
};
