/**
 * XBRL instances of the Ministry of Finance e-voucher taxonomies (电子凭证会计数据标准), as OFD and
 * PDF e-vouchers attach them: `inv`/`einv` (invoices), `rai` (电子发票（铁路电子客票）), `atr`
 * (电子发票（航空运输电子客票行程单）), and the bank vouchers `bker` (e-receipt) and `bkrs`
 * (statement), which are no invoices. The taxonomy is told by the namespace a fact is in
 * (`http://xbrl.mof.gov.cn/taxonomy/<version date>/rai`), never by its prefix or a fixed date:
 * each new taxonomy version changes only the date.
 */
import { allText, attributeByName, childElements, localName, type XmlElement } from '../../formats/xml';
import { applyFieldTable, blankInvoice, itemsFromRows } from '../../normalize/invoice';
import { dateTime, timeOfDay, date as isoDate } from '../../normalize/parse';
import type { RecognizedInvoice, TransportInfo } from '../../types';
import { typeFromTitle } from './invoice';
import {
	AIR_LEG_FIELDS,
	AIR_TICKET_FIELDS,
	RAILWAY_TICKET_FIELDS,
	XBRL_FIELDS,
	XBRL_ITEM_FIELDS,
} from './tables';

/** `http://xbrl.mof.gov.cn/taxonomy/2021-11-30/rai` → `rai` (a trailing path, e.g. `/rol`, is a role, not facts). */
const MOF_TAXONOMY = /^https?:\/\/xbrl\.mof\.gov\.cn\/taxonomy\/[^/]+\/([A-Za-z][\w-]*)\/?$/;

/** The e-voucher taxonomies that hold no invoice, with what the file is, for the refusal message. */
const NOT_INVOICES: Readonly<Record<string, string>> = {
	bker: 'a bank electronic receipt (电子回单, XBRL taxonomy "bker")',
	bkrs: 'a bank electronic statement (电子对账单, XBRL taxonomy "bkrs")',
};

/** One XBRL instance: its taxonomy, its scalar facts by local name and its tuples. */
export interface XbrlInstance {
	/** The short taxonomy name: `rai`, `atr`, `inv`, `einv`, `bker`, … */
	taxonomy: string;
	/** The taxonomy's namespace as declared (with its version date). */
	namespace: string;
	/** Non-nil scalar facts by local name (the first of a repeated name). */
	facts: Record<string, string>;
	/** Tuple facts by local name, each a record of its child facts by local name. */
	tuples: Record<string, Array<Record<string, string>>>;
}

/** What an instance means to the node: an invoice, a known non-invoice, or an e-voucher it does not read. */
export type XbrlRead =
	| { kind: 'invoice'; invoice: RecognizedInvoice; taxonomy: string }
	/** `known`: a voucher known to be no invoice (a bank's); else a taxonomy this node does not read. */
	| { kind: 'not-invoice'; what: string; taxonomy: string; known: boolean };

function isNil(element: XmlElement): boolean {
	return attributeByName(element, 'nil') === 'true';
}

/** Namespace declarations in scope at the root: prefix (`''` for the default) → URI. */
function declaredNamespaces(element: XmlElement, inherited: Map<string, string>): Map<string, string> {
	let scope = inherited;
	for (const [name, value] of Object.entries(element.attributes)) {
		if (name !== 'xmlns' && !name.startsWith('xmlns:')) continue;
		if (scope === inherited) scope = new Map(inherited);
		scope.set(name === 'xmlns' ? '' : name.slice(6), value.trim());
	}
	return scope;
}

function prefixOf(name: string): string {
	const colon = name.indexOf(':');
	return colon < 0 ? '' : name.slice(0, colon);
}

/**
 * The MOF e-voucher facts of an XBRL document, or null when the root is no `xbrl` or none of its
 * facts is in a Ministry of Finance taxonomy.
 */
export function readXbrlInstance(root: XmlElement): XbrlInstance | null {
	if (localName(root.name) !== 'xbrl') return null;
	const rootScope = declaredNamespaces(root, new Map());
	let instance: XbrlInstance | null = null;
	for (const fact of childElements(root)) {
		const scope = declaredNamespaces(fact, rootScope);
		const namespace = scope.get(prefixOf(fact.name));
		const match = namespace === undefined ? null : MOF_TAXONOMY.exec(namespace);
		if (!match || namespace === undefined) continue;
		const taxonomy = match[1].toLowerCase();
		// One instance reports one voucher: facts of another taxonomy (none seen) are left out.
		if (instance === null) instance = { taxonomy, namespace, facts: {}, tuples: {} };
		else if (instance.taxonomy !== taxonomy) continue;
		if (isNil(fact)) continue;
		const name = localName(fact.name);
		const children = childElements(fact);
		if (children.length === 0) {
			const value = allText(fact).trim();
			if (value !== '' && !(name in instance.facts)) instance.facts[name] = value;
			continue;
		}
		const tuple: Record<string, string> = {};
		for (const child of children) {
			const value = isNil(child) ? '' : allText(child).trim();
			const key = localName(child.name);
			if (value !== '' && !(key in tuple)) tuple[key] = value;
		}
		(instance.tuples[name] ??= []).push(tuple);
	}
	return instance;
}

/** Printed date and clock time joined (`2022-03-01` + `06:23` → `2022-03-01 06:23`); either may be absent. */
function departure(day: string | undefined, time: string | undefined): string | null {
	const isoDay = isoDate(day);
	const clock = timeOfDay(time);
	if (isoDay !== null && clock !== null) return `${isoDay} ${clock}`;
	return isoDay ?? dateTime(time) ?? clock;
}

function setTransport(invoice: RecognizedInvoice, key: string, value: unknown): void {
	if (value === null || value === undefined || value === '') return;
	invoice.transport = { ...(invoice.transport ?? {}), [key]: value };
}

/** Facts, then tuple facts as `Tuple[n]/Name`, for `fields` (nothing read is dropped). */
function allFacts(instance: XbrlInstance): Record<string, string> {
	const fields: Record<string, string> = { ...instance.facts };
	for (const [name, rows] of Object.entries(instance.tuples)) {
		rows.forEach((row, index) => {
			for (const [key, value] of Object.entries(row)) fields[`${name}[${index + 1}]/${key}`] = value;
		});
	}
	return fields;
}

function readInvoiceXbrl(instance: XbrlInstance): RecognizedInvoice {
	const invoice = blankInvoice('vat_electronic_common');
	applyFieldTable(invoice, XBRL_FIELDS, instance.facts);
	// Without a title: a 20-digit number and no code is a 数电 invoice, a code the older e-invoice.
	const digital = invoice.invoiceCode === null && /^\d{20}$/.test(invoice.invoiceNumber ?? '');
	invoice.invoiceType = typeFromTitle(invoice.title) ?? (digital ? 'digital_common' : 'vat_electronic_common');
	invoice.items = itemsFromRows(XBRL_ITEM_FIELDS, instance.tuples.InformationOfTaxableGoodsOrServicesDetailItemsTuple ?? []);
	return invoice;
}

/**
 * A refund-fee ticket (退票费): business type 退 (refund; 售 is a sale, 改 a change), or 退票费 said
 * in the remarks. Its amount is the fee charged for the refunded ticket, not a fare.
 */
function isRefundFee(facts: Record<string, string>): boolean {
	return /退/.test(facts.TypeOfBusiness ?? '') || /退票费/.test(facts.Remarks ?? '');
}

function readRailwayTicket(instance: XbrlInstance): RecognizedInvoice {
	const { facts } = instance;
	const invoice = blankInvoice('train_ticket');
	applyFieldTable(invoice, RAILWAY_TICKET_FIELDS, facts);
	invoice.title = invoice.title ?? '电子发票（铁路电子客票）';
	setTransport(invoice, 'departureTime', departure(facts.TravelDate, facts.DepartureTime));
	const seat = [facts.Carriage, facts.Seat].filter((part) => part !== undefined).join('');
	setTransport(invoice, 'seat', seat);
	if (isRefundFee(facts)) {
		setTransport(invoice, 'refundFee', true);
		const note = '退票费 (refund fee: the amount is the fee for a refunded ticket, not a fare)';
		invoice.remarks = invoice.remarks === null ? note : `${note}; ${invoice.remarks}`;
	}
	return invoice;
}

function readAirItinerary(instance: XbrlInstance): RecognizedInvoice {
	const { facts } = instance;
	const invoice = blankInvoice('flight_itinerary');
	applyFieldTable(invoice, AIR_TICKET_FIELDS, facts);
	invoice.title = invoice.title ?? '电子发票（航空运输电子客票行程单）';
	// Legs are tuples; an issuer that writes one leg's facts flat, beside the others, is read alike.
	const flatLeg = facts.Flight !== undefined || facts.DepartureStation !== undefined ? [facts] : [];
	const legs: TransportInfo[] = (instance.tuples.DetailInformationOfAirTicketTuple ?? flatLeg).map((row) => {
		const leg = blankInvoice('flight_itinerary');
		applyFieldTable(leg, AIR_LEG_FIELDS, row);
		return { ...(leg.transport ?? {}), departureTime: departure(row.CarrierDate, row.DepartureTime) };
	});
	const [first] = legs;
	if (first) {
		for (const [key, value] of Object.entries(first)) setTransport(invoice, key, value);
		// The trip's end is where the last leg arrives (a connection prints one line per leg).
		setTransport(invoice, 'arrivalStation', legs[legs.length - 1].arrivalStation);
		if (legs.length > 1) setTransport(invoice, 'legs', legs);
	}
	return invoice;
}

/**
 * The invoice (or the refusal) an MOF XBRL instance stands for. A taxonomy this node does not read
 * (another e-voucher: a fiscal receipt, a customs form…) is refused by name rather than guessed at.
 */
export function readXbrl(instance: XbrlInstance): XbrlRead {
	const { taxonomy } = instance;
	const notInvoice = NOT_INVOICES[taxonomy];
	if (notInvoice !== undefined) return { kind: 'not-invoice', what: notInvoice, taxonomy, known: true };
	let invoice: RecognizedInvoice;
	if (taxonomy === 'inv' || taxonomy === 'einv') invoice = readInvoiceXbrl(instance);
	else if (taxonomy === 'rai') invoice = readRailwayTicket(instance);
	else if (taxonomy === 'atr') invoice = readAirItinerary(instance);
	else {
		const what = `an e-voucher of the Ministry of Finance XBRL taxonomy "${taxonomy}", which holds no invoice this node reads`;
		return { kind: 'not-invoice', what, taxonomy, known: false };
	}
	invoice.fields = allFacts(instance);
	return { kind: 'invoice', invoice, taxonomy };
}
