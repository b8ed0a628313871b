/**
 * OFD (GB/T 33190) e-invoices. An OFD is a ZIP of XML parts: `OFD.xml` → each document's
 * `Document.xml` → pages, templates, attachments and custom tags. The invoice data is read from
 * every structured source before the page's layout, most exact first:
 *   1. an attached invoice XML: `original_invoice.xml`, or an XBRL instance of the Ministry of
 *      Finance e-voucher taxonomies (xbrl.ts: invoices, railway and air tickets; a bank receipt's
 *      XBRL makes the file no invoice, whatever else it holds);
 *   2. the custom tag file (`CustomTag.xml`, `Tag_Invoice.xml`, …), whose `ObjectRef`s name the
 *      `TextObject`s on the pages that print each value (one value may span several objects:
 *      `¥` + `4449.00`, or a wrapped item name);
 *   3. `OFD.xml`'s `CustomData` (发票代码, 价税合计, …), which otherwise cross-checks and fills gaps.
 *   4. else the pages' printed text, read by geometry alone like a PDF's (page/: OFDs converted from
 *      PDF, with no structured data), which also completes what CustomData does not say.
 * The printed title (in the page or its template) gives the type. Sources that name no items
 * (Nuonuo's tags, CustomData) get them from the layout (ofdLayout.ts).
 */
import {
	attributeByName,
	childByName,
	childElements,
	childrenByName,
	decodeXmlBytes,
	localName,
	parseXmlText,
	textAt,
	XmlError,
	type XmlElement,
} from '../../formats/xml';
import { openZip, ZIP_LIMITS, type InflateBudget, type ZipArchive, type ZipEntry } from '../../formats/zip';
import { amountInWords, applyFieldTable, blankInvoice, itemsFromRows } from '../../normalize/invoice';
import { printedText } from '../../normalize/parse';
import type { InvoiceType, RecognizedInvoice } from '../../types';
import type { OcrOutcome } from '../types';
import { failureFromError, localFailure, noInvoiceFound } from './failures';
import { finishInvoice, hasInvoiceData, isInvoiceTitle, typeFromTitle } from './invoice';
import { LEGACY_FIELDS, LEGACY_ITEM_FIELDS, OFD_CUSTOM_DATA_FIELDS, XBRL_FIELDS } from './tables';
import { itemsFromLayout, type PlacedText } from './ofdLayout';
import { ofdPageGlyphs, readPages, type OfdPageSource } from './page';
import { invoiceFromXml, type XmlInvoice } from './xmlInvoice';

/** The parts of one OFD package, read and parsed on demand. */
class OfdPackage {
	private readonly byLowerName = new Map<string, ZipEntry>();
	private readonly parsed = new Map<string, { root: XmlElement; source: string } | null>();

	constructor(private readonly zip: ZipArchive) {
		for (const entry of zip.entries) {
			if (!entry.isDirectory) this.byLowerName.set(entry.name.toLowerCase(), entry);
		}
	}

	/** A member by path, exact first, then ignoring case (writers differ: `TPLS/TPL_0`). */
	bytes(path: string): Uint8Array | null {
		const entry = this.zip.find(path) ?? this.byLowerName.get(path.toLowerCase());
		return entry ? this.zip.read(entry) : null;
	}

	/** The parsed member with its text (parsed once); null when absent. Throws on damaged XML. */
	xml(path: string): { root: XmlElement; source: string } | null {
		if (this.parsed.has(path)) return this.parsed.get(path) ?? null;
		const bytes = this.bytes(path);
		let result: { root: XmlElement; source: string } | null = null;
		if (bytes !== null) {
			const source = decodeXmlBytes(bytes);
			result = { root: parseXmlText(source), source };
		}
		this.parsed.set(path, result);
		return result;
	}

	/**
	 * Like `xml`, but an optional part that is not well-formed XML (ofdrw's tag file) reads as
	 * absent. A damaged or oversized ZIP member still fails the whole file.
	 */
	optionalXml(path: string): { root: XmlElement; source: string } | null {
		let failure: unknown;
		try {
			return this.xml(path);
		} catch (error) {
			failure = error;
		}
		if (failure instanceof XmlError && failure.reason !== 'too-large' && failure.reason !== 'too-many-nodes') {
			this.parsed.set(path, null);
			return null;
		}
		throw failure;
	}

	/**
	 * Like `optionalXml`, but repairs the one known writer bug of tag files: an empty namespace
	 * prefix (`<:eInvoice xmlns:="">…</:eInvoice>`, ofdrw's and ofd-go's SDKs), which no XML parser
	 * accepts. Anything else that is not well-formed still reads as absent.
	 */
	tagXml(path: string): { root: XmlElement; source: string } | null {
		const parsed = this.optionalXml(path);
		if (parsed) return parsed;
		const bytes = this.bytes(path);
		if (bytes === null) return null;
		const source = decodeXmlBytes(bytes);
		if (!EMPTY_PREFIX.test(source)) return null;
		const repaired = source.replace(/\sxmlns:=(?:""|'')/g, '').replace(/<(\/?):(?=[^\s>/:])/g, '<$1');
		let failure: unknown;
		try {
			return { root: parseXmlText(repaired), source: repaired };
		} catch (error) {
			failure = error;
		}
		if (failure instanceof XmlError && failure.reason !== 'too-large' && failure.reason !== 'too-many-nodes') return null;
		throw failure;
	}
}

/** An element name with an empty namespace prefix: `<:eInvoice`, `</:Root`. */
const EMPTY_PREFIX = /<\/?:[^\s>/:]/;

function directoryOf(path: string): string {
	const slash = path.lastIndexOf('/');
	return slash < 0 ? '' : path.slice(0, slash);
}

/** A `BaseLoc`/`FileLoc` against the folder of the part that names it (absolute from the root). */
export function resolveLocation(baseDirectory: string, location: string): string {
	const raw = location.trim().replace(/\\/g, '/');
	const joined = raw.startsWith('/') ? raw.slice(1) : baseDirectory === '' ? raw : `${baseDirectory}/${raw}`;
	const parts: string[] = [];
	for (const part of joined.split('/')) {
		if (part === '' || part === '.') continue;
		if (part === '..') parts.pop();
		else parts.push(part);
	}
	return parts.join('/');
}

/** One page's printed text, by object ID and in order. */
interface PageText {
	number: number;
	texts: PlacedText[];
	byId: Map<string, PlacedText>;
	images: number;
}

function collectPageText(root: XmlElement, number: number): PageText {
	const page: PageText = { number, texts: [], byId: new Map(), images: 0 };
	const visit = (element: XmlElement) => {
		for (const child of element.children) {
			if (typeof child === 'string') continue;
			const name = localName(child.name);
			if (name === 'TextObject') {
				let value = '';
				for (const code of childrenByName(child, 'TextCode')) {
					for (const part of code.children) if (typeof part === 'string') value += part;
				}
				const [x, y, width, height] = (attributeByName(child, 'Boundary') ?? '').trim().split(/\s+/).map(Number);
				const placed: PlacedText = {
					id: attributeByName(child, 'ID') ?? '',
					text: value.trim(),
					x: x || 0,
					y: y || 0,
					width: width || 0,
					height: height || 0,
				};
				page.texts.push(placed);
				if (placed.id !== '') page.byId.set(placed.id, placed);
			} else if (name === 'ImageObject') {
				page.images++;
			} else {
				visit(child);
			}
		}
	};
	visit(root);
	return page;
}

/** One document of the package: its pages (parsed lazily), templates, attachments and tags. */
class OfdDocument {
	readonly directory: string;
	private readonly pageLocations: Array<{ id: string; path: string }> = [];
	private readonly templateLocations = new Map<string, string>();
	private readonly parsedPages = new Map<number, { text: PageText; template: string | null }>();

	constructor(
		private readonly pkg: OfdPackage,
		readonly path: string,
		readonly root: XmlElement,
	) {
		this.directory = directoryOf(path);
		const common = childByName(root, 'CommonData');
		for (const template of common ? childrenByName(common, 'TemplatePage') : []) {
			const id = attributeByName(template, 'ID');
			const location = attributeByName(template, 'BaseLoc');
			if (id && location) this.templateLocations.set(id, resolveLocation(this.directory, location));
		}
		const pages = childByName(root, 'Pages');
		for (const page of pages ? childrenByName(pages, 'Page') : []) {
			const location = attributeByName(page, 'BaseLoc');
			if (location) {
				this.pageLocations.push({
					id: attributeByName(page, 'ID') ?? '',
					path: resolveLocation(this.directory, location),
				});
			}
		}
	}

	get pageCount(): number {
		return this.pageLocations.length;
	}

	/** 1-based page number of a page ID; null when no page has it. */
	pageNumber(id: string): number | null {
		const index = this.pageLocations.findIndex((page) => page.id === id);
		return index < 0 ? null : index + 1;
	}

	/** The text of page `number` (1-based), and the template it draws on. Damaged pages read as empty. */
	page(number: number): { text: PageText; template: string | null } {
		const cached = this.parsedPages.get(number);
		if (cached) return cached;
		const location = this.pageLocations[number - 1];
		const parsed = location ? this.pkg.optionalXml(location.path) : null;
		let template: string | null = null;
		if (parsed) {
			const reference = childByName(parsed.root, 'Template');
			const id = reference ? attributeByName(reference, 'TemplateID') : undefined;
			template = id !== undefined ? this.templateLocations.get(id) ?? null : null;
		}
		const result = {
			text: parsed ? collectPageText(parsed.root, number) : { number, texts: [], byId: new Map(), images: 0 },
			template,
		};
		this.parsedPages.set(number, result);
		return result;
	}

	/** The printed title: on the first page, else in its template, else in any template. */
	title(): string | null {
		if (this.pageCount === 0) return null;
		const first = this.page(1);
		const onPage = first.text.texts.find((placed) => isInvoiceTitle(placed.text));
		if (onPage) return printedText(onPage.text.replace(/\s/g, ''));
		const templates = [first.template, ...this.templateLocations.values()].filter(
			(path): path is string => path !== null,
		);
		for (const path of new Set(templates)) {
			const parsed = this.pkg.optionalXml(path);
			if (!parsed) continue;
			const found = collectPageText(parsed.root, 0).texts.find((placed) => isInvoiceTitle(placed.text));
			if (found) return printedText(found.text.replace(/\s/g, ''));
		}
		return null;
	}

	/** Every page with the templates it draws on, for the geometry reader. Damaged pages are left out. */
	pageSources(): OfdPageSource[] {
		const defaultBox = textAt(this.root, 'CommonData/PageArea/PhysicalBox');
		const sources: OfdPageSource[] = [];
		this.pageLocations.forEach((location, index) => {
			const parsed = this.pkg.optionalXml(location.path);
			if (!parsed) return;
			const templates: XmlElement[] = [];
			for (const reference of childrenByName(parsed.root, 'Template')) {
				const id = attributeByName(reference, 'TemplateID');
				const path = id !== undefined ? this.templateLocations.get(id) : undefined;
				const template = path ? this.pkg.optionalXml(path) : null;
				if (template) templates.push(template.root);
			}
			sources.push({ number: index + 1, page: parsed.root, templates, defaultBox });
		});
		return sources;
	}

	/** The text of the template page `number` draws on (headers and labels live there). */
	templateText(number: number): PlacedText[] {
		const template = this.page(number).template;
		const parsed = template ? this.pkg.optionalXml(template) : null;
		return parsed ? collectPageText(parsed.root, 0).texts : [];
	}

	/** A part named by a child element of `Document.xml` (`Attachments`, `CustomTags`), parsed. */
	part(name: string): { root: XmlElement; path: string } | null {
		const location = textAt(this.root, name);
		if (location === null) return null;
		const path = resolveLocation(this.directory, location);
		const parsed = this.pkg.optionalXml(path);
		return parsed ? { root: parsed.root, path } : null;
	}

	optionalXml(path: string) {
		return this.pkg.optionalXml(path);
	}

	tagXml(path: string) {
		return this.pkg.tagXml(path);
	}
}

/**
 * The invoice an attachment holds (original_invoice.xml or XBRL); else what the document is when an
 * attachment says it is no invoice (a bank receipt's XBRL); else null. An XBRL taxonomy this node
 * does not read decides nothing: the tags and the page may still hold an invoice.
 */
function readAttachment(document: OfdDocument): (XmlInvoice & { source: string }) | { refused: string } | null {
	const list = document.part('Attachments');
	if (!list) return null;
	let refusal: { refused: string } | null = null;
	for (const attachment of childrenByName(list.root, 'Attachment')) {
		const location = textAt(attachment, 'FileLoc');
		if (location === null) continue;
		const parsed = document.optionalXml(resolveLocation(directoryOf(list.path), location));
		if (!parsed) continue;
		const read = invoiceFromXml(parsed.root);
		if (read === null) continue;
		if ('refused' in read) refusal = refusal ?? (read.known ? { refused: read.refused } : null);
		else return { ...read, source: parsed.source };
	}
	return refusal;
}

/** Item values of a Suwell tag file follow each `Item` in turn; each `Item` starts a line. */
const ITEM_TAGS = new Set(Object.keys(LEGACY_ITEM_FIELDS));

/**
 * The values a tag file points at: scalar paths, item rows, and the pages they were printed on.
 * Tags named in Chinese with a `ContextRef` (ofd-go's SDK: `<发票号码 ContextRef="NumberOfInvoice">`)
 * also give their value under that XBRL concept name, read with the XBRL field table.
 */
interface TagValues {
	values: Record<string, string>;
	concepts: Record<string, string>;
	rows: Array<Record<string, string>>;
	firstPage: number | null;
}

function readTagFile(root: XmlElement, document: OfdDocument): TagValues {
	const result: TagValues = { values: {}, concepts: {}, rows: [], firstPage: null };
	/** The printed text of an element's ObjectRefs, joined, or its inline `ObjectData`; null when it has neither. */
	const referenced = (element: XmlElement, separator: string): string | null => {
		const refs = childrenByName(element, 'ObjectRef');
		if (refs.length === 0) {
			const inline = childByName(element, 'ObjectData');
			return inline ? inline.children.filter((part) => typeof part === 'string').join('').trim() : null;
		}
		const parts: string[] = [];
		for (const ref of refs) {
			const pageId = attributeByName(ref, 'PageRef') ?? '';
			const number = document.pageNumber(pageId) ?? (document.pageCount === 1 ? 1 : null);
			if (number === null) continue;
			const placed = document.page(number).text.byId.get(ref.children.join('').trim());
			if (placed && placed.text !== '') {
				parts.push(placed.text);
				result.firstPage = result.firstPage ?? number;
			}
		}
		return parts.join(separator);
	};
	const visit = (element: XmlElement, path: string, row: Record<string, string> | null) => {
		for (const child of childElements(element)) {
			const name = localName(child.name);
			if (name === 'ObjectRef' || name === 'ObjectData') continue;
			const childPath = path === '' ? name : `${path}/${name}`;
			if (name === 'GoodsInfo') {
				const goods: Record<string, string> = {};
				result.rows.push(goods);
				visit(child, '', goods);
				continue;
			}
			const value = referenced(child, name === 'Note' ? ' ' : '');
			if (value === null) {
				visit(child, childPath, row);
				continue;
			}
			if (row) {
				if (!(name in row)) row[name] = value;
			} else if (path === '' && ITEM_TAGS.has(name)) {
				// Suwell: flat Item, TaxScheme, Amount… after each other; an Item (or a repeat) opens a line.
				let line = result.rows[result.rows.length - 1];
				if (!line || name === 'Item' || name in line) {
					line = {};
					result.rows.push(line);
				}
				line[name] = value;
			} else if (!(childPath in result.values)) {
				result.values[childPath] = value;
			}
			const concept = attributeByName(child, 'ContextRef');
			if (concept !== undefined && value !== '' && !(concept in result.concepts)) result.concepts[concept] = value;
		}
	};
	visit(root, '', null);
	return result;
}

function readTags(document: OfdDocument): (TagValues & { source: string }) | null {
	const list = document.part('CustomTags');
	if (!list) return null;
	for (const tag of childrenByName(list.root, 'CustomTag')) {
		const location = textAt(tag, 'FileLoc');
		if (location === null) continue;
		const parsed = document.tagXml(resolveLocation(directoryOf(list.path), location));
		if (!parsed) continue;
		const read = readTagFile(parsed.root, document);
		if (Object.keys(read.values).length > 0 || Object.keys(read.concepts).length > 0) return { ...read, source: parsed.source };
	}
	return null;
}

/** The printed 大写 total: a text of capital numerals only, ending like an amount. */
function totalInWordsOnPage(document: OfdDocument, page: number): string | null {
	for (const placed of document.page(page).text.texts) {
		const words = amountInWords(placed.text);
		if (words !== null && /^[⊗ⓧ(（]?(负数)?[)）]?[零壹贰叁肆伍陆柒捌玖拾佰仟万亿圆元角分整正]+$/.test(words) && /[圆元]/.test(words)) {
			return words;
		}
	}
	return null;
}

function customDataOf(body: XmlElement): Record<string, string> {
	const values: Record<string, string> = {};
	const info = childByName(body, 'DocInfo');
	const list = info ? childByName(info, 'CustomDatas') : undefined;
	for (const data of list ? childrenByName(list, 'CustomData') : []) {
		const name = attributeByName(data, 'Name');
		if (name) values[name] = data.children.filter((part) => typeof part === 'string').join('').trim();
	}
	return values;
}

/**
 * `OFD.xml`'s CustomData as a cross-check: fills what the printed values lack, and notes in
 * `fields` (`CustomDataMismatch/发票号码`) any value that disagrees with what is printed.
 */
function applyCustomData(invoice: RecognizedInvoice, customData: Record<string, string>): void {
	const declared = applyFieldTable(blankInvoice('other'), OFD_CUSTOM_DATA_FIELDS, customData);
	const value = (from: RecognizedInvoice, path: string): unknown => {
		const [head, key] = path.split('.');
		const top = (from as unknown as Record<string, unknown>)[head];
		return key === undefined ? top : (top as Record<string, unknown>)[key];
	};
	for (const [name, rule] of Object.entries(OFD_CUSTOM_DATA_FIELDS)) {
		const printed = value(invoice, rule.path);
		const stated = value(declared, rule.path);
		if (printed !== null && stated !== null && printed !== stated) {
			invoice.fields[`CustomDataMismatch/${name}`] = `printed ${String(printed)}, OFD.xml says ${String(stated)}`;
		}
	}
	applyFieldTable(invoice, OFD_CUSTOM_DATA_FIELDS, customData);
	for (const [name, stated] of Object.entries(customData)) invoice.fields[`CustomData/${name}`] = stated;
}

function fallbackType(invoice: RecognizedInvoice): InvoiceType {
	// A 20-digit number and no code is a 数电 invoice; a code means the older e-invoice.
	if (invoice.invoiceCode === null && /^\d{20}$/.test(invoice.invoiceNumber ?? '')) return 'digital_common';
	return 'vat_electronic_common';
}

/** XBRL concepts only bank vouchers have (bker/bkrs taxonomies). */
const BANK_CONCEPT = /BankElectronic(Receipt|Statement)/;

type DocumentRead =
	| { ok: true; invoices: RecognizedInvoice[] }
	| { ok: false; imagesOnly: boolean; refused: string | null };

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * An invoice from `OFD.xml`'s CustomData alone (a template SDK's file, with no tags and no
 * attachment): the key values, the title and items from the page. Null unless the first page
 * prints the invoice number CustomData names: metadata alone (copied along by an editor, or
 * describing another file) makes no invoice.
 */
function invoiceFromCustomData(document: OfdDocument, customData: Record<string, string>, title: string | null) {
	const invoice = blankInvoice('other');
	applyFieldTable(invoice, OFD_CUSTOM_DATA_FIELDS, customData);
	const number = invoice.invoiceNumber;
	if (number === null || document.pageCount === 0) return null;
	if (!document.page(1).text.texts.some((placed) => placed.text.replace(/\s/g, '').includes(number))) return null;
	invoice.title = title;
	invoice.invoiceType = typeFromTitle(title) ?? fallbackType(invoice);
	// 价税合计 = 合计金额 + 合计税额 on every VAT invoice: the one missing follows from the other two
	// (the tax platform's CustomData states 合计金额 and 合计税额, a template SDK's 价税合计 and 合计金额).
	if (invoice.tax === null && invoice.total !== null && invoice.amount !== null) {
		invoice.tax = round2(invoice.total - invoice.amount);
	} else if (invoice.total === null && invoice.amount !== null && invoice.tax !== null) {
		invoice.total = round2(invoice.amount + invoice.tax);
	}
	invoice.items = itemsFromLayout(document.page(1).text.texts, document.templateText(1));
	invoice.totalInWords = totalInWordsOnPage(document, 1);
	invoice.location = { page: 1, angle: null, polygon: null };
	for (const [name, stated] of Object.entries(customData)) invoice.fields[`CustomData/${name}`] = stated;
	return invoice;
}

function readDocument(document: OfdDocument, customData: Record<string, string>, entry: string | null): DocumentRead {
	const title = document.title();
	const attachment = readAttachment(document);
	// A bank voucher's XBRL decides: its tag file and page must not make it an invoice.
	if (attachment && 'refused' in attachment) return { ok: false, imagesOnly: false, refused: attachment.refused };
	if (attachment) {
		const { invoice } = attachment;
		invoice.invoiceType = typeFromTitle(title) ?? invoice.invoiceType;
		invoice.title = title ?? invoice.title;
		applyCustomData(invoice, customData);
		invoice.totalInWords = invoice.totalInWords ?? totalInWordsOnPage(document, 1);
		invoice.location = { page: 1, angle: null, polygon: null };
		return {
			ok: true,
			invoices: [finishInvoice(invoice, { entry, format: 'ofd', raw: attachment.source }, attachment.redLetter)],
		};
	}
	const tags = readTags(document);
	// Bank vouchers' tags name bank concepts (TypeOfBankElectronicReceipt…): no invoice, whatever else.
	if (tags && Object.keys(tags.concepts).some((concept) => BANK_CONCEPT.test(concept))) {
		return { ok: false, imagesOnly: false, refused: 'a bank electronic receipt or statement (its tags name bank voucher concepts)' };
	}
	if (tags) {
		const invoice = blankInvoice('other');
		applyFieldTable(invoice, LEGACY_FIELDS, tags.values);
		applyFieldTable(invoice, XBRL_FIELDS, tags.concepts);
		// Whether the tags alone make an invoice: CustomData only completes them here (alone, it must
		// name a number the page prints: invoiceFromCustomData).
		const printed = hasInvoiceData(invoice);
		invoice.title = title;
		const page = tags.firstPage ?? 1;
		invoice.items = itemsFromRows(LEGACY_ITEM_FIELDS, tags.rows);
		if (invoice.items.length === 0) invoice.items = itemsFromLayout(document.page(page).text.texts, document.templateText(page));
		invoice.totalInWords = invoice.totalInWords ?? totalInWordsOnPage(document, page);
		invoice.location = { page, angle: null, polygon: null };
		invoice.fields = { ...tags.values };
		tags.rows.forEach((row, index) => {
			for (const [name, value] of Object.entries(row)) invoice.fields[`Items[${index + 1}]/${name}`] = value;
		});
		applyCustomData(invoice, customData);
		invoice.invoiceType = typeFromTitle(title) ?? fallbackType(invoice);
		if (printed) {
			return { ok: true, invoices: [finishInvoice(invoice, { entry, format: 'ofd', raw: tags.source })] };
		}
	}
	const pages = document.pageSources().map(ofdPageGlyphs);
	const printed = readPages(pages, { entry, format: 'ofd' });
	const declared = invoiceFromCustomData(document, customData, title);
	if (declared) {
		const same = printed.invoices.find((invoice) => invoice.invoiceNumber === declared.invoiceNumber);
		if (same) completeFromPage(declared, same);
		return { ok: true, invoices: [finishInvoice(declared, { entry, format: 'ofd', raw: same?.origin?.raw ?? null })] };
	}
	if (printed.invoices.length > 0) {
		for (const invoice of printed.invoices) {
			invoice.title = invoice.title ?? title;
			invoice.location = invoice.location ?? { page: 1, angle: null, polygon: null };
		}
		return { ok: true, invoices: printed.invoices };
	}
	const images = pages.some((page) => page.images > 0);
	return { ok: false, imagesOnly: images && !printed.hasText, refused: null };
}

/**
 * CustomData states the key values; the page prints the rest (addresses, payee, drawer, items):
 * what CustomData left empty is taken from the page read of the same invoice number.
 */
function completeFromPage(declared: RecognizedInvoice, page: RecognizedInvoice): void {
	const target = declared as unknown as Record<string, unknown>;
	const source = page as unknown as Record<string, unknown>;
	for (const key of ['title', 'issueDate', 'checkCode', 'machineCode', 'amount', 'tax', 'total', 'totalInWords', 'payee', 'reviewer', 'drawer', 'remarks']) {
		if (target[key] === null && source[key] !== null && source[key] !== undefined) target[key] = source[key];
	}
	for (const side of ['buyer', 'seller'] as const) {
		for (const key of ['name', 'taxId', 'addressPhone', 'bankAccount'] as const) {
			declared[side][key] = declared[side][key] ?? page[side][key];
		}
	}
	if (declared.items.length === 0) declared.items = page.items;
	for (const [key, value] of Object.entries(page.fields)) if (!(key in declared.fields)) declared.fields[key] = value;
}

/** Reads an OFD file (or ZIP member) into its invoices. */
export function readOfdInvoices(bytes: Uint8Array, entry: string | null, budget?: InflateBudget): OcrOutcome {
	const what = entry === null ? 'The OFD file' : `The OFD file "${entry}"`;
	try {
		const pkg = new OfdPackage(openZip(bytes, ZIP_LIMITS, budget));
		const main = pkg.xml('OFD.xml');
		if (!main || localName(main.root.name) !== 'OFD') {
			return localFailure('UNSUPPORTED_FILE', `${what} has no OFD.xml root part; it is a ZIP, not an OFD. Send the OFD as issued.`);
		}
		const invoices: RecognizedInvoice[] = [];
		let imagesOnly = false;
		let refused: string | null = null;
		let documents = 0;
		for (const body of childrenByName(main.root, 'DocBody')) {
			const location = textAt(body, 'DocRoot');
			if (location === null) continue;
			const path = resolveLocation('', location);
			const parsed = pkg.xml(path);
			if (!parsed) continue;
			documents++;
			const read = readDocument(new OfdDocument(pkg, path, parsed.root), customDataOf(body), entry);
			if (read.ok) invoices.push(...read.invoices);
			else {
				imagesOnly = imagesOnly || read.imagesOnly;
				refused = refused ?? read.refused;
			}
		}
		if (invoices.length > 0) return { ok: true, invoices, requestId: null, raw: null };
		if (refused !== null) return noInvoiceFound(`${what} is ${refused}, not an invoice.`);
		if (documents === 0) {
			return localFailure('UNSUPPORTED_FILE', `${what} names no readable document in OFD.xml. Send the OFD as issued.`);
		}
		if (imagesOnly) {
			return localFailure(
				'UNSUPPORTED_FILE',
				`${what} holds only images (a scan): there is no text to read. Use an OCR vendor for it, e.g. in a fallback chain.`,
			);
		}
		return noInvoiceFound(
			`${what} is a valid OFD, but it holds no invoice data (no invoice attachment, no invoice tags, no invoice values in OFD.xml, no invoice text on its pages).`,
		);
	} catch (error) {
		return failureFromError(error, what);
	}
}
