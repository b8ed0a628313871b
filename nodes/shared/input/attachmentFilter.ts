import { looksLikeZip, zipEntryNames } from '../formats/zip';
import type { FileFormat } from '../vendors/types';
import { imageSize, type ImageSize } from './fileFormat';

/**
 * Mail attachments that cannot be invoices (logos, signature images, calendar invites, text and
 * office files) are told apart here, so that "Skip Attachments That Are Not Invoices" sends them to
 * no vendor. The content decides first; the file name and MIME type only where the content says
 * nothing, because mail clients get them wrong. When in doubt the answer is "may be an invoice":
 * a skipped invoice is lost from the run, while a wrongly sent file costs one request and lands in
 * the review branch.
 */

/**
 * Pixel bounds below which an image cannot show a readable invoice. OCR needs Chinese characters
 * about 10 px tall; the narrowest invoice, a 57 mm roll (卷票), carries about 20 characters across,
 * so a readable photo or scan is at least ~200 px on its short side (the test roll invoices are
 * 240 px wide) and longer than that on its long side. Logos, avatars, social icons and signature
 * images are smaller: e-mail clients size them to 16–150 px tall (a 120×40 logo, a 250×250
 * avatar). File size is not used: a clean 1000×700 PNG can be smaller than a photo-like logo.
 */
const MIN_SHORT_SIDE_PX = 200;
const MIN_LONG_SIDE_PX = 300;

const IMAGE_FORMATS: readonly FileFormat[] = ['png', 'jpeg', 'bmp', 'gif', 'tiff', 'webp'];

type Kind =
	| 'calendar'
	| 'contact'
	| 'html'
	| 'text'
	| 'table'
	| 'json'
	| 'email'
	| 'word'
	| 'spreadsheet'
	| 'presentation'
	| 'office'
	| 'signature'
	| 'drawing';

/** How a reason names each kind, and the extension shown when the file's own one is of another kind. */
const KINDS: Record<Kind, { label: string; extension: string | null }> = {
	calendar: { label: 'a calendar file', extension: 'ics' },
	contact: { label: 'a contact card', extension: 'vcf' },
	html: { label: 'an HTML page', extension: 'html' },
	text: { label: 'a text file', extension: 'txt' },
	table: { label: 'a CSV table', extension: 'csv' },
	json: { label: 'a JSON file', extension: 'json' },
	email: { label: 'an e-mail message', extension: 'eml' },
	word: { label: 'a word-processor document', extension: 'docx' },
	spreadsheet: { label: 'a spreadsheet', extension: 'xlsx' },
	presentation: { label: 'a presentation', extension: 'pptx' },
	office: { label: 'an Office document', extension: null },
	signature: { label: 'an e-mail signature', extension: 'p7s' },
	drawing: { label: 'an SVG drawing', extension: 'svg' },
};

const TEXT_KINDS: readonly Kind[] = [
	'calendar',
	'contact',
	'html',
	'text',
	'table',
	'json',
	'email',
];
const OLE_KINDS: readonly Kind[] = ['word', 'spreadsheet', 'presentation', 'email'];

const EXTENSION_KINDS: Record<string, Kind> = {
	ics: 'calendar',
	ical: 'calendar',
	ifb: 'calendar',
	vcs: 'calendar',
	vcf: 'contact',
	vcard: 'contact',
	htm: 'html',
	html: 'html',
	xhtml: 'html',
	txt: 'text',
	text: 'text',
	log: 'text',
	md: 'text',
	csv: 'table',
	tsv: 'table',
	json: 'json',
	eml: 'email',
	msg: 'email',
	doc: 'word',
	docx: 'word',
	docm: 'word',
	dot: 'word',
	dotx: 'word',
	odt: 'word',
	rtf: 'word',
	wps: 'word',
	pages: 'word',
	xls: 'spreadsheet',
	xlsx: 'spreadsheet',
	xlsm: 'spreadsheet',
	ods: 'spreadsheet',
	et: 'spreadsheet',
	numbers: 'spreadsheet',
	ppt: 'presentation',
	pptx: 'presentation',
	odp: 'presentation',
	dps: 'presentation',
	key: 'presentation',
	p7s: 'signature',
	asc: 'signature',
	sig: 'signature',
	svg: 'drawing',
};

const MIME_KINDS: Record<string, Kind> = {
	'text/calendar': 'calendar',
	'application/ics': 'calendar',
	'text/vcard': 'contact',
	'text/x-vcard': 'contact',
	'text/directory': 'contact',
	'text/html': 'html',
	'application/xhtml+xml': 'html',
	'text/plain': 'text',
	'text/markdown': 'text',
	'text/csv': 'table',
	'text/tab-separated-values': 'table',
	'application/json': 'json',
	'message/rfc822': 'email',
	'application/vnd.ms-outlook': 'email',
	'application/msword': 'word',
	'application/rtf': 'word',
	'text/rtf': 'word',
	'application/vnd.ms-excel': 'spreadsheet',
	'application/vnd.ms-powerpoint': 'presentation',
	'application/pkcs7-signature': 'signature',
	'application/x-pkcs7-signature': 'signature',
	'application/pgp-signature': 'signature',
	'image/svg+xml': 'drawing',
};

/** Office Open XML and OpenDocument MIME types, by the family they begin with. */
const MIME_PREFIX_KINDS: Array<[string, Kind]> = [
	['application/vnd.openxmlformats-officedocument.wordprocessingml', 'word'],
	['application/vnd.openxmlformats-officedocument.spreadsheetml', 'spreadsheet'],
	['application/vnd.openxmlformats-officedocument.presentationml', 'presentation'],
	['application/vnd.oasis.opendocument.text', 'word'],
	['application/vnd.oasis.opendocument.spreadsheet', 'spreadsheet'],
	['application/vnd.oasis.opendocument.presentation', 'presentation'],
];

/**
 * Why an attachment is not an invoice ("a 120×40 px image, too small to be an invoice", "a calendar
 * file (.ics)"), or null when it may be one. `format` is the format sniffed from the content.
 * XML, OFD, PDF and ZIP files are never skipped: the local reader decides about them; only a ZIP
 * that is an Office document (.docx, .xlsx, .odt, …) is.
 */
export function notAnInvoice(
	bytes: Uint8Array,
	format: FileFormat | undefined,
	fileName: string | null,
	mimeType: string | null,
): string | null {
	if (format !== undefined && IMAGE_FORMATS.includes(format)) return tooSmallImage(bytes, format);
	if (format === 'zip' || (format === undefined && looksLikeZip(bytes))) {
		const office = officePackageKind(bytes);
		return office ? reason(office.kind, fileName, office.extension) : null;
	}
	if (format === 'xml') {
		// Well-formed markup, but an XHTML page or an SVG drawing is never an invoice.
		const markup = markupKind(textHead(bytes) ?? '');
		return markup ? reason(markup, fileName) : null;
	}
	// OFD, PDF: the local reader decides.
	if (format !== undefined) return null;

	const named = kindFromName(fileName, mimeType);
	const byContent = kindFromContent(bytes, named);
	if (byContent === 'maybe-invoice') return null;
	const kind = byContent ?? named;
	return kind ? reason(kind, fileName) : null;
}

function tooSmallImage(bytes: Uint8Array, format: FileFormat): string | null {
	const size = pixelSize(bytes, format);
	// A header we cannot read says nothing about the picture: let the vendor's checks decide.
	if (!size) return null;
	const shortest = Math.min(size.width, size.height);
	const longest = Math.max(size.width, size.height);
	if (shortest >= MIN_SHORT_SIDE_PX && longest >= MIN_LONG_SIDE_PX) return null;
	return `a ${size.width}×${size.height} px image, too small to be an invoice`;
}

function reason(kind: Kind, fileName: string | null, usual = KINDS[kind].extension): string {
	const { label } = KINDS[kind];
	const own = extensionOf(fileName);
	const extension = own && EXTENSION_KINDS[own] === kind ? own : usual;
	return extension ? `${label} (.${extension})` : label;
}

function extensionOf(fileName: string | null): string | null {
	const match = fileName ? /\.([A-Za-z0-9]{1,10})$/.exec(fileName.trim()) : null;
	return match ? match[1].toLowerCase() : null;
}

function kindFromName(fileName: string | null, mimeType: string | null): Kind | undefined {
	const extension = extensionOf(fileName);
	if (extension && EXTENSION_KINDS[extension]) return EXTENSION_KINDS[extension];
	const mime = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	if (MIME_KINDS[mime]) return MIME_KINDS[mime];
	return MIME_PREFIX_KINDS.find(([prefix]) => mime.startsWith(prefix))?.[1];
}

/**
 * The kind the bytes themselves show; `maybe-invoice` for text that may be XML the sniffer did not
 * recognize (the local reader decides); undefined when the content says nothing.
 */
function kindFromContent(
	bytes: Uint8Array,
	named: Kind | undefined,
): Kind | 'maybe-invoice' | undefined {
	// OLE2 compound file: legacy .doc/.xls/.ppt and Outlook .msg; only the name tells which.
	if (startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) {
		return named && OLE_KINDS.includes(named) ? named : 'office';
	}
	if (isPkcs7SignedData(bytes)) return 'signature';
	const text = textHead(bytes);
	if (text === undefined) return undefined;
	const head = text.replace(/^\s+/, '');
	const upper = head.slice(0, 64).toUpperCase();
	if (upper.startsWith('BEGIN:VCALENDAR')) return 'calendar';
	if (upper.startsWith('BEGIN:VCARD')) return 'contact';
	if (upper.startsWith('-----BEGIN PGP SIGNATURE')) return 'signature';
	if (head.startsWith('{\\rtf')) return 'word';
	if (head.startsWith('<')) return markupKind(head) ?? 'maybe-invoice';
	if (
		/^(return-path|received|delivered-to|mime-version|message-id|from|to|subject|date):[^\n]*\r?\n/i.test(
			head,
		)
	) {
		return 'email';
	}
	return named && TEXT_KINDS.includes(named) ? named : 'text';
}

/** `html` or `drawing` when the markup's root (after an XML declaration and comments) is an HTML page or an SVG. */
function markupKind(text: string): Kind | undefined {
	const head = text.replace(/^\s+/, '');
	const prolog = /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*/.exec(head)?.[0] ?? '';
	const root = head.slice(prolog.length);
	if (/^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>])/i.test(root)) return 'html';
	if (/^(<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/i.test(root)) return 'drawing';
	return undefined;
}

/**
 * The first 4 KB as text, or undefined when the bytes are binary: NUL bytes (outside UTF-16) or
 * more than 1% control characters. GBK text passes too; its Chinese is not needed, only ASCII heads.
 */
function textHead(bytes: Uint8Array): string | undefined {
	const head = bytes.subarray(0, 4096);
	if (startsWith(head, 0xff, 0xfe)) return new TextDecoder('utf-16le').decode(head.subarray(2));
	if (startsWith(head, 0xfe, 0xff)) return new TextDecoder('utf-16be').decode(head.subarray(2));
	if (head.length === 0) return undefined;
	let control = 0;
	for (const byte of head) {
		if (byte === 0) return undefined;
		const isControl =
			byte < 0x20 &&
			byte !== 0x09 &&
			byte !== 0x0a &&
			byte !== 0x0d &&
			byte !== 0x0c &&
			byte !== 0x1b;
		if (isControl) control += 1;
	}
	if (control > head.length / 100) return undefined;
	const withoutBom = startsWith(head, 0xef, 0xbb, 0xbf) ? head.subarray(3) : head;
	return new TextDecoder('utf-8').decode(withoutBom);
}

/** DER PKCS#7 / CMS signedData (an S/MIME `smime.p7s`): a SEQUENCE whose content type OID is 1.2.840.113549.1.7.2. */
function isPkcs7SignedData(bytes: Uint8Array): boolean {
	if (bytes[0] !== 0x30) return false;
	const oid = [0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];
	return indexOf(bytes.subarray(0, 32), oid) !== -1;
}

/**
 * Office Open XML (.docx/.xlsx/.pptx: a `[Content_Types].xml` entry) or OpenDocument (.odt/.ods/.odp:
 * a `mimetype` entry) package, from the ZIP's central directory; undefined for any other ZIP.
 */
function officePackageKind(
	bytes: Uint8Array,
): { kind: Kind; extension: string | null } | undefined {
	let names: string[];
	try {
		names = zipEntryNames(bytes);
	} catch {
		// A damaged ZIP: the reader says what is wrong with it.
		return undefined;
	}
	if (names.includes('[Content_Types].xml')) {
		if (names.some((name) => name.startsWith('word/'))) return { kind: 'word', extension: 'docx' };
		if (names.some((name) => name.startsWith('xl/')))
			return { kind: 'spreadsheet', extension: 'xlsx' };
		if (names.some((name) => name.startsWith('ppt/')))
			return { kind: 'presentation', extension: 'pptx' };
		return { kind: 'office', extension: null };
	}
	if (names.includes('mimetype') && names.includes('META-INF/manifest.xml')) {
		// ODF stores its MIME type uncompressed as the first entry, right after its local header.
		const start = ascii(bytes, 0, 120);
		if (start.includes('opendocument.text')) return { kind: 'word', extension: 'odt' };
		if (start.includes('opendocument.spreadsheet'))
			return { kind: 'spreadsheet', extension: 'ods' };
		if (start.includes('opendocument.presentation'))
			return { kind: 'presentation', extension: 'odp' };
		return { kind: 'office', extension: null };
	}
	return undefined;
}

/** Pixel size of an image: `imageSize` for PNG, JPEG, BMP and GIF, plus TIFF and WebP headers here. */
function pixelSize(bytes: Uint8Array, format: FileFormat): ImageSize | undefined {
	try {
		if (format === 'tiff') return tiffSize(bytes);
		if (format === 'webp') return webpSize(bytes);
	} catch {
		return undefined;
	}
	return imageSize(bytes, format);
}

/** ImageWidth (256) and ImageLength (257) from the first IFD. */
function tiffSize(bytes: Uint8Array): ImageSize | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const little = bytes[0] === 0x49;
	const ifd = view.getUint32(4, little);
	const entries = view.getUint16(ifd, little);
	let width: number | undefined;
	let height: number | undefined;
	for (let i = 0; i < entries; i++) {
		const at = ifd + 2 + i * 12;
		const tag = view.getUint16(at, little);
		if (tag !== 256 && tag !== 257) continue;
		const type = view.getUint16(at + 2, little);
		const value = type === 3 ? view.getUint16(at + 8, little) : view.getUint32(at + 8, little);
		if (tag === 256) width = value;
		else height = value;
	}
	return width !== undefined && height !== undefined ? { width, height } : undefined;
}

/** Canvas size from the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended). */
function webpSize(bytes: Uint8Array): ImageSize | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const chunk = ascii(bytes, 12, 16);
	if (chunk === 'VP8 ' && bytes.length >= 30) {
		return { width: view.getUint16(26, true) & 0x3fff, height: view.getUint16(28, true) & 0x3fff };
	}
	if (chunk === 'VP8L' && bytes.length >= 25) {
		const bits = view.getUint32(21, true);
		return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
	}
	if (chunk === 'VP8X' && bytes.length >= 30) {
		const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
		return { width: u24(24) + 1, height: u24(27) + 1 };
	}
	return undefined;
}

function startsWith(bytes: Uint8Array, ...signature: number[]): boolean {
	return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

function indexOf(bytes: Uint8Array, needle: number[]): number {
	outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
		for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
		return i;
	}
	return -1;
}

function ascii(bytes: Uint8Array, from: number, to: number): string {
	return String.fromCharCode(...bytes.subarray(from, Math.min(to, bytes.length)));
}
