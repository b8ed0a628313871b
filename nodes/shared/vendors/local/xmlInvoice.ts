/**
 * Invoice XML, three layouts: the 数电 XML the tax platform issues (root `EInvoice`), the older
 * e-invoice schema OFDs attach (`eInvoice`), and the XBRL instances of the Ministry of Finance
 * e-voucher taxonomies (xbrl.ts: invoices, railway and air tickets; bank vouchers are refused).
 * Each is a field table applied to the document's leaf values by path; nothing is guessed.
 */
import {
	childElements,
	decodeXmlBytes,
	elementAt,
	leafValues,
	localName,
	parseXmlText,
	textAt,
	XML_LIMITS,
	XmlError,
	type XmlElement,
} from '../../formats/xml';
import { applyFieldTable, blankInvoice, itemsFromRows, joinText } from '../../normalize/invoice';
import type { Party, RecognizedInvoice } from '../../types';
import type { OcrOutcome } from '../types';
import { failureFromError, noInvoiceFound } from './failures';
import { finishInvoice, hasInvoiceData, typeFromQrText } from './invoice';
import {
	DIGITAL_FIELDS,
	DIGITAL_ITEM_FIELDS,
	DIGITAL_PARTY_LINES,
	LEGACY_FIELDS,
	LEGACY_ITEM_FIELDS,
} from './tables';
import { readXbrl, readXbrlInstance } from './xbrl';

export type XmlLayout = 'digital' | 'legacy' | 'xbrl';

/** An invoice read from XML, before its origin is known (the caller knows the file and entry). */
export interface XmlInvoice {
	invoice: RecognizedInvoice;
	layout: XmlLayout;
	redLetter: boolean;
}

/**
 * XML that is an e-voucher but no invoice this node reads: what it is, for the message. `known`: a
 * voucher known to be no invoice (a bank receipt), which decides a whole OFD; else an XBRL taxonomy
 * this node does not read, which other sources of the same OFD may still outweigh.
 */
export interface XmlRefusal {
	refused: string;
	known: boolean;
}

export function xmlLayout(root: XmlElement): XmlLayout | null {
	const name = localName(root.name);
	if (name === 'EInvoice') return 'digital';
	if (name === 'eInvoice') return 'legacy';
	if (name === 'xbrl') return 'xbrl';
	return null;
}

function setParty(invoice: RecognizedInvoice, path: `${'buyer' | 'seller'}.${keyof Party}`, value: string | null) {
	const [side, key] = path.split('.') as ['buyer' | 'seller', keyof Party];
	if (invoice[side][key] === null && value !== null) invoice[side][key] = value;
}

function readDigital(root: XmlElement, values: Record<string, string>): XmlInvoice {
	const labelCode = textAt(root, 'Header/InherentLabel/GeneralOrSpecialVAT/LabelCode');
	const labelName = textAt(root, 'Header/InherentLabel/GeneralOrSpecialVAT/LabelName');
	const special = labelCode === '01' || (labelCode === null && /专用/.test(labelName ?? ''));
	const invoice = blankInvoice(special ? 'digital_special' : 'digital_common');
	applyFieldTable(invoice, DIGITAL_FIELDS, values);
	for (const [path, first, second] of DIGITAL_PARTY_LINES) setParty(invoice, path, joinText(values[first], values[second]));
	const kind = textAt(root, 'Header/InherentLabel/EInvoiceType/LabelName') ?? '电子发票';
	invoice.title = `${kind}（${special ? '增值税专用发票' : labelName ?? '普通发票'}）`;
	const data = elementAt(root, 'EInvoiceData');
	const lines = data ? childElements(data).filter((child) => localName(child.name) === 'IssuItemInformation') : [];
	invoice.items = itemsFromRows(DIGITAL_ITEM_FIELDS, lines.map(leafValues));
	invoice.fields = values;
	// InIssuType 是否蓝字发票标志: Y blue, N red.
	const redLetter = textAt(root, 'Header/InherentLabel/InIssuType/LabelCode') === 'N';
	return { invoice, layout: 'digital', redLetter };
}

function readLegacy(root: XmlElement, values: Record<string, string>): XmlInvoice {
	const qrType = typeFromQrText(textAt(root, 'GraphCode'));
	const invoice = blankInvoice(qrType ?? 'vat_electronic_common');
	applyFieldTable(invoice, LEGACY_FIELDS, values);
	const goods = elementAt(root, 'GoodsInfos');
	const lines = goods ? childElements(goods).filter((child) => localName(child.name) === 'GoodsInfo') : [];
	invoice.items = itemsFromRows(LEGACY_ITEM_FIELDS, lines.map(leafValues));
	invoice.fields = values;
	return { invoice, layout: 'legacy', redLetter: false };
}

/** An XBRL e-voucher: an invoice or ticket, a refusal (bank vouchers), or null (another taxonomy, no data). */
function fromXbrl(root: XmlElement): XmlInvoice | XmlRefusal | null {
	const instance = readXbrlInstance(root);
	if (instance === null) return null;
	const read = readXbrl(instance);
	if (read.kind === 'not-invoice') return { refused: read.what, known: read.known };
	return { invoice: read.invoice, layout: 'xbrl', redLetter: false };
}

/**
 * The invoice an XML document holds; a refusal when it is a voucher known to be no invoice; null when
 * it is XML of another kind (or holds no invoice data).
 */
export function invoiceFromXml(root: XmlElement): XmlInvoice | XmlRefusal | null {
	const layout = xmlLayout(root);
	if (layout === null) return null;
	const result = layout === 'xbrl' ? fromXbrl(root) : (layout === 'digital' ? readDigital : readLegacy)(root, leafValues(root));
	if (result === null || 'refused' in result) return result;
	return hasInvoiceData(result.invoice) ? result : null;
}

/** Reads an XML file (or ZIP member) as one invoice. */
export function readXmlInvoices(bytes: Uint8Array, entry: string | null): OcrOutcome {
	let source: string;
	let root: XmlElement;
	try {
		if (bytes.length > XML_LIMITS.maxBytes) {
			throw new XmlError('too-large', `The XML document is larger than ${XML_LIMITS.maxBytes} bytes.`);
		}
		source = decodeXmlBytes(bytes);
		root = parseXmlText(source);
	} catch (error) {
		return failureFromError(error, entry === null ? 'The XML file' : `The XML file "${entry}"`);
	}
	const read = invoiceFromXml(root);
	if (read !== null && 'refused' in read) {
		return noInvoiceFound(`The XML document is ${read.refused}, not an invoice.`);
	}
	if (read === null) {
		const rootName = localName(root.name);
		return noInvoiceFound(
			`The XML document (root <${rootName}>) holds no invoice this node reads: a digital e-invoice has the root <EInvoice>.`,
		);
	}
	const invoice = finishInvoice(read.invoice, { entry, format: 'xml', raw: source }, read.redLetter);
	return { ok: true, invoices: [invoice], requestId: null, raw: null };
}
