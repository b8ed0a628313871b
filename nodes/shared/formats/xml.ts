/**
 * A small XML reader for e-invoice files, safe by construction (as Python's defusedxml): no DTD is
 * ever read, so no entity can expand; only the five predefined entities and numeric references
 * are decoded; depth, size and node count are capped. Namespaces stay as written prefixes
 * (`ofd:TextObject`); the query helpers match local names, which is what invoice layouts vary on.
 */

export type XmlFailure = 'malformed' | 'doctype' | 'too-deep' | 'too-large' | 'too-many-nodes' | 'encoding';

export class XmlError extends Error {
	readonly reason: XmlFailure;

	constructor(reason: XmlFailure, message: string) {
		super(message);
		this.name = 'XmlError';
		this.reason = reason;
	}
}

export interface XmlElement {
	/** The qualified name as written, e.g. `ofd:TextObject`. */
	name: string;
	/** Attributes by qualified name, entity references decoded. */
	attributes: Record<string, string>;
	/** Elements and text (CDATA included) in document order; comments and PIs are dropped. */
	children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export interface XmlLimits {
	/** Largest accepted document, in bytes before decoding. */
	maxBytes: number;
	/** Deepest element nesting. */
	maxDepth: number;
	/** Most elements plus text nodes. */
	maxNodes: number;
}

/** An invoice is a few KB; a 100-line OFD tag file about 100 KB. These leave ample room. */
export const XML_LIMITS: XmlLimits = {
	maxBytes: 16 * 1024 * 1024,
	maxDepth: 64,
	maxNodes: 500_000,
};

/** Parses XML bytes (UTF-8 with or without BOM, UTF-16 with BOM, or a declared encoding). */
export function parseXml(bytes: Uint8Array, limits: XmlLimits = XML_LIMITS): XmlElement {
	if (bytes.length > limits.maxBytes) {
		throw new XmlError('too-large', `The XML document is larger than ${limits.maxBytes} bytes.`);
	}
	return parseXmlText(decodeXmlBytes(bytes), limits);
}

/** The document text of XML bytes, decoded by BOM, then by the declared encoding, else UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode('utf-8', bytes.subarray(3));
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode('utf-16le', bytes.subarray(2));
	if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode('utf-16be', bytes.subarray(2));
	const declared = declaredEncoding(bytes);
	return decode(declared ?? 'utf-8', bytes);
}

function declaredEncoding(bytes: Uint8Array): string | null {
	// The declaration is ASCII and comes first; 200 bytes cover any real one.
	let head = '';
	for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i]);
	const match = /^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
	if (!match) return null;
	const name = match[1].toLowerCase();
	return name === 'utf8' ? 'utf-8' : name;
}

function decode(encoding: string, bytes: Uint8Array): string {
	let decoder: InstanceType<typeof TextDecoder> | undefined;
	try {
		decoder = new TextDecoder(encoding, { fatal: true });
	} catch {
		decoder = undefined;
	}
	if (!decoder) throw new XmlError('encoding', `The XML document declares an unknown encoding (${encoding}).`);
	let text: string | undefined;
	try {
		text = decoder.decode(bytes);
	} catch {
		text = undefined;
	}
	if (text === undefined) throw new XmlError('encoding', `The XML document is not valid ${encoding} text.`);
	return text;
}

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
	lt: '<',
	gt: '>',
	amp: '&',
	quot: '"',
	apos: "'",
};

function decodeEntities(raw: string, at: number): string {
	if (raw.indexOf('&') < 0) return raw;
	return raw.replace(/&([^;&\s<]{0,12});?/g, (whole, body: string) => {
		if (!whole.endsWith(';')) throw malformed('an "&" that starts no reference', at);
		if (body[0] === '#') {
			const code = body[1] === 'x' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
			const digitsOk = body[1] === 'x' ? /^#x[0-9a-fA-F]+$/.test(body) : /^#[0-9]+$/.test(body);
			if (!digitsOk || !isXmlChar(code)) throw malformed(`an invalid character reference &${body};`, at);
			return String.fromCodePoint(code);
		}
		const value = PREDEFINED_ENTITIES[body];
		if (value === undefined || !Object.prototype.hasOwnProperty.call(PREDEFINED_ENTITIES, body)) {
			throw new XmlError(
				'doctype',
				`The XML document uses the entity &${body}; which needs a DTD; DTDs are not read.`,
			);
		}
		return value;
	});
}

function isXmlChar(code: number): boolean {
	if (!Number.isFinite(code)) return false;
	if (code === 0x9 || code === 0xa || code === 0xd) return true;
	return (
		(code >= 0x20 && code <= 0xd7ff) ||
		(code >= 0xe000 && code <= 0xfffd) ||
		(code >= 0x10000 && code <= 0x10ffff)
	);
}

function malformed(what: string, at: number): XmlError {
	return new XmlError('malformed', `The XML document is not well-formed: ${what} at offset ${at}.`);
}

/**
 * A qualified name as Namespaces in XML allows it: no leading digit, dash or dot, at most one
 * colon and never at either end (`<:eInvoice xmlns:="">` is refused).
 */
const QUALIFIED_NAME = /^[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*(?::[A-Za-z_\u00c0-\uffff][\w.\-\u00b7\u00c0-\uffff]*)?$/;

function isNameEnd(code: number): boolean {
	// whitespace, '/', '>', '='
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f || code === 0x3e || code === 0x3d;
}

function isSpace(code: number): boolean {
	return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** Parses XML text (already decoded). */
export function parseXmlText(source: string, limits: XmlLimits = XML_LIMITS): XmlElement {
	const length = source.length;
	let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
	const stack: XmlElement[] = [];
	let root: XmlElement | undefined;
	let nodes = 0;

	const countNode = () => {
		if (++nodes > limits.maxNodes) {
			throw new XmlError('too-many-nodes', `The XML document has more than ${limits.maxNodes} nodes.`);
		}
	};
	const addText = (text: string, at: number) => {
		const parent = stack[stack.length - 1];
		if (!parent) {
			if (/\S/.test(text)) throw malformed('text outside the root element', at);
			return;
		}
		countNode();
		parent.children.push(text);
	};

	while (pos < length) {
		const open = source.indexOf('<', pos);
		if (open < 0) {
			addText(decodeEntities(source.slice(pos), pos), pos);
			break;
		}
		if (open > pos) addText(decodeEntities(source.slice(pos, open), pos), pos);
		const next = source.charCodeAt(open + 1);
		if (next === 0x3f /* ? */) {
			const end = source.indexOf('?>', open + 2);
			if (end < 0) throw malformed('an unclosed processing instruction', open);
			pos = end + 2;
			continue;
		}
		if (next === 0x21 /* ! */) {
			if (source.startsWith('<!--', open)) {
				const end = source.indexOf('-->', open + 4);
				if (end < 0) throw malformed('an unclosed comment', open);
				pos = end + 3;
				continue;
			}
			if (source.startsWith('<![CDATA[', open)) {
				if (stack.length === 0) throw malformed('CDATA outside the root element', open);
				const end = source.indexOf(']]>', open + 9);
				if (end < 0) throw malformed('an unclosed CDATA section', open);
				addText(source.slice(open + 9, end), open);
				pos = end + 3;
				continue;
			}
			const keyword = source.slice(open + 2, open + 9).toUpperCase();
			if (keyword.startsWith('DOCTYPE') || keyword.startsWith('ENTITY')) {
				throw new XmlError(
					'doctype',
					'The XML document has a DOCTYPE or ENTITY declaration; these are refused, never expanded.',
				);
			}
			throw malformed('an unknown "<!" declaration', open);
		}
		if (next === 0x2f /* / */) {
			const end = source.indexOf('>', open + 2);
			if (end < 0) throw malformed('an unclosed end tag', open);
			const name = source.slice(open + 2, end).trimEnd();
			const current = stack.pop();
			if (!current) throw malformed(`the end tag </${name}> with no open element`, open);
			if (current.name !== name) throw malformed(`</${name}> closing <${current.name}>`, open);
			pos = end + 1;
			continue;
		}
		// Start tag.
		let cursor = open + 1;
		while (cursor < length && !isNameEnd(source.charCodeAt(cursor))) cursor++;
		const name = source.slice(open + 1, cursor);
		if (!QUALIFIED_NAME.test(name)) throw malformed(`the element name "${name}"`, open);
		if (stack.length === 0 && root) throw malformed('a second root element', open);
		const element: XmlElement = { name, attributes: {}, children: [] };
		countNode();
		let selfClosing = false;
		for (;;) {
			while (cursor < length && isSpace(source.charCodeAt(cursor))) cursor++;
			if (cursor >= length) throw malformed(`an unclosed start tag <${name}`, open);
			const code = source.charCodeAt(cursor);
			if (code === 0x3e /* > */) {
				cursor++;
				break;
			}
			if (code === 0x2f /* / */) {
				if (source.charCodeAt(cursor + 1) !== 0x3e) throw malformed(`a stray "/" in <${name}>`, cursor);
				selfClosing = true;
				cursor += 2;
				break;
			}
			const nameStart = cursor;
			while (cursor < length && !isNameEnd(source.charCodeAt(cursor))) cursor++;
			const attributeName = source.slice(nameStart, cursor);
			if (!QUALIFIED_NAME.test(attributeName)) {
				throw malformed(`the attribute name "${attributeName}" in <${name}>`, nameStart);
			}
			while (cursor < length && isSpace(source.charCodeAt(cursor))) cursor++;
			if (source.charCodeAt(cursor) !== 0x3d /* = */) {
				throw malformed(`the attribute ${attributeName} without a value`, cursor);
			}
			cursor++;
			while (cursor < length && isSpace(source.charCodeAt(cursor))) cursor++;
			const quote = source[cursor];
			if (quote !== '"' && quote !== "'") throw malformed(`an unquoted value of ${attributeName}`, cursor);
			const valueEnd = source.indexOf(quote, cursor + 1);
			if (valueEnd < 0) throw malformed(`an unclosed value of ${attributeName}`, cursor);
			const rawValue = source.slice(cursor + 1, valueEnd);
			if (rawValue.indexOf('<') >= 0) throw malformed(`a "<" in the value of ${attributeName}`, cursor);
			if (Object.prototype.hasOwnProperty.call(element.attributes, attributeName)) {
				throw malformed(`the attribute ${attributeName} given twice`, nameStart);
			}
			element.attributes[attributeName] = decodeEntities(rawValue, cursor);
			cursor = valueEnd + 1;
			const after = source.charCodeAt(cursor);
			if (!isSpace(after) && after !== 0x3e && after !== 0x2f) {
				throw malformed(`no space after the attribute ${attributeName}`, cursor);
			}
		}
		const parent = stack[stack.length - 1];
		if (parent) parent.children.push(element);
		else root = element;
		if (!selfClosing) {
			if (stack.length >= limits.maxDepth) {
				throw new XmlError('too-deep', `The XML document nests elements deeper than ${limits.maxDepth}.`);
			}
			stack.push(element);
		}
		pos = cursor;
	}
	if (stack.length > 0) throw malformed(`<${stack[stack.length - 1].name}> is never closed`, length);
	if (!root) throw malformed('no root element', 0);
	return root;
}

/** `ofd:TextObject` → `TextObject`. */
export function localName(name: string): string {
	const colon = name.indexOf(':');
	return colon < 0 ? name : name.slice(colon + 1);
}

/** The child elements of an element, in order. */
export function childElements(element: XmlElement): XmlElement[] {
	const result: XmlElement[] = [];
	for (const child of element.children) if (typeof child !== 'string') result.push(child);
	return result;
}

/** The first child element with this local name. */
export function childByName(element: XmlElement, name: string): XmlElement | undefined {
	for (const child of element.children) {
		if (typeof child !== 'string' && localName(child.name) === name) return child;
	}
	return undefined;
}

/** Every child element with this local name. */
export function childrenByName(element: XmlElement, name: string): XmlElement[] {
	const result: XmlElement[] = [];
	for (const child of element.children) {
		if (typeof child !== 'string' && localName(child.name) === name) result.push(child);
	}
	return result;
}

/** The element at a `/`-separated path of local names below `element` (first match per step). */
export function elementAt(element: XmlElement, path: string): XmlElement | undefined {
	let current: XmlElement | undefined = element;
	for (const step of path.split('/')) {
		if (!current) return undefined;
		current = childByName(current, step);
	}
	return current;
}

/** All text below an element (CDATA included), concatenated in document order. */
export function allText(element: XmlElement): string {
	if (element.children.length === 1 && typeof element.children[0] === 'string') return element.children[0];
	let text = '';
	for (const child of element.children) text += typeof child === 'string' ? child : allText(child);
	return text;
}

/** The trimmed text at a path, or null when the element is absent or holds only whitespace. */
export function textAt(element: XmlElement, path: string): string | null {
	const found = elementAt(element, path);
	if (!found) return null;
	const value = allText(found).trim();
	return value === '' ? null : value;
}

/** An attribute by local name (`Name` finds `Name` or `ofd:Name`). */
export function attributeByName(element: XmlElement, name: string): string | undefined {
	if (Object.prototype.hasOwnProperty.call(element.attributes, name)) return element.attributes[name];
	for (const key of Object.keys(element.attributes)) if (localName(key) === name) return element.attributes[key];
	return undefined;
}

/**
 * Every leaf element's trimmed text by its path of local names below `element`
 * (`Header/EIid`); a repeated path gets `[1]`, `[2]`… from its second occurrence, so nothing is lost.
 */
export function leafValues(element: XmlElement): Record<string, string> {
	const values: Record<string, string> = {};
	const visit = (node: XmlElement, path: string) => {
		const seen: Record<string, number> = {};
		let hasElementChild = false;
		for (const child of node.children) {
			if (typeof child === 'string') continue;
			hasElementChild = true;
			const name = localName(child.name);
			const count = (seen[name] = (seen[name] ?? 0) + 1);
			const step = count === 1 ? name : `${name}[${count}]`;
			visit(child, path === '' ? step : `${path}/${step}`);
		}
		if (!hasElementChild && path !== '') values[path] = allText(node).trim();
	};
	visit(element, '');
	return values;
}
