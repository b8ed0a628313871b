/**
 * 数电 travel tickets read from the page when the file carries no XBRL: 电子发票（铁路电子客票）
 * and 电子发票（航空运输电子客票行程单）. The invoice labels (发票号码, 开票日期, 购买方名称, …) are read
 * like any invoice's; this adds what only a ticket prints: the fare (票价) or refund fee (退票费) as
 * the total, and the trip in `transport` (passenger, stations or route, departure, train or flight
 * number, seat or class). Layouts are the printed ones of the tax platform; every value is found by
 * pattern over a visual line, so the order the file draws them in does not matter.
 */
import { date, money, printedText, taxRate, text, timeOfDay } from '../../../normalize/parse';
import type { RecognizedInvoice, TransportInfo } from '../../../types';
import { cellsOf, findOnLine, glyphText, type Line, type PageLayout } from '../pdf/layout';

/** A value after its label may start this far away and have gaps this wide inside (ems). */
const FIRST_GAP_EM = 8;
const INNER_GAP_EM = 1.5;

/** The value after the first `label` on the page (same line), as normalized text. */
function labelled(layout: PageLayout, label: RegExp): string | null {
	for (const line of layout.lines) {
		const [span] = findOnLine(line, label);
		if (!span) continue;
		const value = valueFrom(line, span.end);
		if (value !== null) return value;
	}
	return null;
}

function valueFrom(line: Line, start: number): string | null {
	let end = start;
	let lastX = start > 0 ? line.glyphs[start - 1].x1 : -Infinity;
	let first = true;
	for (let i = start; i < line.glyphs.length; i++) {
		const glyph = line.glyphs[i];
		if (glyph.ch === ' ') continue;
		if (glyph.x0 - lastX > glyph.size * (first ? FIRST_GAP_EM : INNER_GAP_EM)) break;
		// The next label (…: or …号码) ends the value.
		if (!first && (glyph.ch === ':' || glyph.ch === '：')) {
			while (end > start && line.glyphs[end - 1].ch !== ' ' && /[\u4e00-\u9fff]/.test(line.glyphs[end - 1].ch)) end--;
			break;
		}
		first = false;
		end = i + 1;
		lastX = glyph.x1;
	}
	const value = glyphText(line, start, end).replace(/^[:：]\s*/, '');
	return value === '' ? null : value;
}

function setTransport(invoice: RecognizedInvoice, key: string, value: unknown): void {
	if (value === null || value === undefined || value === '') return;
	invoice.transport = { ...(invoice.transport ?? {}), [key]: value };
}

/** `2025年03月01日 08:12开`, `2025-03-01 08:12` → `2025-03-01 08:12`. */
function departureOf(day: string, clock: string | undefined): string | null {
	const iso = date(day);
	const time = clock === undefined ? null : timeOfDay(clock);
	return iso === null ? null : time === null ? iso : `${iso} ${time}`;
}

/** A passenger's ID as printed (masked in the middle) followed or preceded by the name. */
const MASKED_ID = /(\d{6,14}\*{3,}[\dX*]{2,6}|\d{17}[\dX])/;
const SEAT_CLASSES =
	/(商务座|特等座|优选一等座|一等座|二等座|高级软卧|软卧|动卧|硬卧|一等卧|二等卧|软座|硬座|无座)/;
const REFUND_FEE_REMARK = '退票费 (refund fee: the amount is the fee for a refunded ticket, not a fare)';

/**
 * The 12306 layout: `站  G7101  站` on one line and the station names, larger, on a line of their
 * own beside it: the name left of the train number departs, the one right of it arrives.
 */
function stationsAroundTrain(layout: PageLayout, invoice: RecognizedInvoice): void {
	for (const line of layout.lines) {
		const match = /^站([GDCZTKSYL]?\d{1,5})站$/.exec(line.compact);
		if (!match) continue;
		const [train] = findOnLine(line, new RegExp(match[1], 'g'));
		if (!train) continue;
		setTransport(invoice, 'trainNumber', match[1]);
		for (const other of layout.lines) {
			if (other === line || Math.abs(other.y - line.y) > Math.max(other.size, line.size) * 1.5) continue;
			const cells = cellsOf(other, 1).filter((cell) => /[\u4e00-\u9fff]/.test(glyphText(other, cell.start, cell.end)));
			const before = cells.filter((cell) => cell.x1 <= train.x0);
			const after = cells.filter((cell) => cell.x0 >= train.x1);
			if (before.length === 0 || after.length === 0) continue;
			setTransport(invoice, 'departureStation', glyphText(other, before[before.length - 1].start, before[before.length - 1].end));
			setTransport(invoice, 'arrivalStation', glyphText(other, after[0].start, after[0].end));
			return;
		}
		return;
	}
}

function readRailway(layout: PageLayout, invoice: RecognizedInvoice, fields: Record<string, string>): void {
	const fare = labelled(layout, /票价:?/g);
	const refundFee = labelled(layout, /退票费:?/g);
	if (refundFee !== null) {
		invoice.total = money(refundFee);
		fields['退票费'] = refundFee;
		setTransport(invoice, 'refundFee', true);
		invoice.remarks = [REFUND_FEE_REMARK, invoice.remarks].filter((part) => part !== null).join('; ');
	} else if (fare !== null) {
		invoice.total = money(fare);
		fields['票价'] = fare;
	}
	const eTicket = labelled(layout, /电子客票号码?:?/g);
	if (eTicket !== null) setTransport(invoice, 'eTicketNumber', eTicket.replace(/\s/g, ''));
	// 金额/税率/税额 are printed since 2024's tickets; a re-issued (换开) ticket names the one it replaces.
	const amount = labelled(layout, /(?<!价税合计)金额:/g);
	if (amount !== null && invoice.amount === null) invoice.amount = money(amount);
	const tax = labelled(layout, /税额:/g);
	if (tax !== null && invoice.tax === null) invoice.tax = money(tax);
	const original = labelled(layout, /原发票号码:?/g);
	if (original !== null) setTransport(invoice, 'originalInvoiceNumber', original.replace(/\s/g, ''));
	stationsAroundTrain(layout, invoice);
	for (const line of layout.lines) {
		const compact = line.compact;
		// `上海虹桥 站   G7178   南京南 站`: two stations with the train between them.
		const stations = /^(.+?)站([GDCZTKSYL]?\d{1,5})(.+?)站$/.exec(compact);
		if (stations && !invoice.transport?.trainNumber) {
			setTransport(invoice, 'departureStation', stations[1]);
			setTransport(invoice, 'trainNumber', stations[2]);
			setTransport(invoice, 'arrivalStation', stations[3]);
			continue;
		}
		const when = /(\d{4}年\d{1,2}月\d{1,2}日)(\d{1,2}:\d{2})开/.exec(compact);
		if (when && !invoice.transport?.departureTime) setTransport(invoice, 'departureTime', departureOf(when[1], when[2]));
		const seat = /(\d{1,2}车\d{1,3}[A-F]?号|\d{1,2}车(?:无座|\d{1,3}[上中下]铺))/.exec(compact);
		if (seat && !invoice.transport?.seat) setTransport(invoice, 'seat', seat[1]);
		// The class may share the fare's line (`票价:¥181.00  新空调 软卧`).
		const seatClass = SEAT_CLASSES.exec(compact);
		if (seatClass && !invoice.transport?.seatClass) setTransport(invoice, 'seatClass', seatClass[1]);
		const id = MASKED_ID.exec(compact);
		if (id && !invoice.transport?.passengerId && !/[:：]/.test(compact)) {
			setTransport(invoice, 'passengerId', id[1]);
			const name = printedText(compact.replace(id[1], ''));
			if (name !== null && /^[\u4e00-\u9fff·]{2,12}$|^[A-Za-z/ ]{2,40}$/.test(name)) setTransport(invoice, 'passengerName', name);
		}
	}
}

/** `自 北京首都 PEK  CA  CA1234  Y  2024-11-05  08:00 …`: one flight leg, from its 自/至 lines. */
const LEG_LINE = /^(自|至)\s*([\u4e00-\u9fff]\S*)(?:\s+([A-Z]{3}))?(?:\s+(.*))?$/;

function readAir(layout: PageLayout, invoice: RecognizedInvoice, fields: Record<string, string>): void {
	const passenger = labelled(layout, /旅客姓名:?/g);
	if (passenger !== null) setTransport(invoice, 'passengerName', printedText(passenger));
	const id = labelled(layout, /有效身份证件号码:?/g);
	if (id !== null) setTransport(invoice, 'passengerId', id.replace(/\s/g, ''));
	const eTicket = labelled(layout, /电子客票号码:?/g);
	if (eTicket !== null) setTransport(invoice, 'eTicketNumber', eTicket.replace(/\s/g, ''));
	const fare = labelled(layout, /票价(?:FARE)?:?/g);
	if (fare !== null) setTransport(invoice, 'fare', money(fare));
	const fund = labelled(layout, /民航发展基金:?/g);
	if (fund !== null) setTransport(invoice, 'civilAviationDevelopmentFund', money(fund));
	const fuel = labelled(layout, /燃油附加费:?/g);
	if (fuel !== null) setTransport(invoice, 'fuelSurcharge', money(fuel));
	const other = labelled(layout, /其他税费:?/g);
	if (other !== null) setTransport(invoice, 'otherTaxes', money(other));
	const total = labelled(layout, /(?<!价税)合计(?:TOTAL)?:?/g);
	if (total !== null && invoice.total === null) {
		invoice.total = money(total);
		fields['合计'] = total;
	}
	const vatRate = labelled(layout, /增值税税率:?/g);
	if (vatRate !== null) setTransport(invoice, 'vatRate', taxRate(vatRate));
	const vat = labelled(layout, /增值税税额:?/g);
	if (vat !== null && invoice.tax === null) invoice.tax = money(vat);
	const issuer = labelled(layout, /填开单位:?/g);
	if (issuer !== null && invoice.seller.name === null) invoice.seller.name = printedText(issuer);
	// The route table: a 自 row, then one 至 row per stop; a row's flight is the leg leaving it.
	const rows: TransportInfo[] = [];
	for (const line of layout.lines) {
		const match = LEG_LINE.exec(glyphText(line, 0, line.glyphs.length));
		if (!match || (match[1] === '自') !== (rows.length === 0)) continue;
		const row: TransportInfo = { station: text(match[2]) };
		const rest = match[4] ?? '';
		const flight = /\b([A-Z0-9]{2}\d{3,4}[A-Z]?)\b/.exec(rest);
		if (flight) {
			row.flightNumber = flight[1];
			const seatClass = /^\s*([A-Z])\b/.exec(rest.slice(flight.index + flight[0].length));
			if (seatClass) row.seatClass = seatClass[1];
			const carrier = /\b([A-Z0-9]{2})\s+$/.exec(rest.slice(0, flight.index));
			if (carrier) row.carrier = carrier[1];
		}
		const day = /(\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日)/.exec(rest);
		if (day) row.departureTime = departureOf(day[1], /\b(\d{1,2}:\d{2})\b/.exec(rest)?.[1]);
		rows.push(row);
	}
	const legs: TransportInfo[] = [];
	for (let i = 0; i + 1 < rows.length; i++) {
		const { station, ...flight } = rows[i];
		legs.push({ departureStation: station as string | null, arrivalStation: rows[i + 1].station as string | null, ...flight });
	}
	const [first] = legs;
	if (first) {
		for (const [key, value] of Object.entries(first)) setTransport(invoice, key, value);
		// The trip's end is where the last leg arrives.
		setTransport(invoice, 'arrivalStation', legs[legs.length - 1].arrivalStation);
		if (legs.length > 1) setTransport(invoice, 'legs', legs);
	}
}

/** The 出行人 table of a 旅客运输服务 invoice: header words → transport keys. */
const TRAVELLER_COLUMNS: ReadonlyArray<[RegExp, string]> = [
	[/出行人/g, 'passengerName'],
	[/有效身份证件号码?/g, 'passengerId'],
	[/出行日期/g, 'travelDate'],
	[/出发地/g, 'departureStation'],
	[/到达地/g, 'arrivalStation'],
	[/等级/g, 'seatClass'],
	[/交通工具类型/g, 'vehicleType'],
];

/**
 * A 旅客运输服务 invoice's 出行人 table (the platform may leave it empty): each row below the header
 * until the 价税合计 line, cells to the nearest header word. The first traveller fills `transport`;
 * several are listed in `transport.travellers`.
 */
function readTravellers(layout: PageLayout, invoice: RecognizedInvoice): void {
	const headerIndex = layout.lines.findIndex((line) => /出行人/.test(line.compact) && /出发地/.test(line.compact) && /到达地/.test(line.compact));
	if (headerIndex < 0) return;
	const header = layout.lines[headerIndex];
	const columns: Array<{ key: string; x0: number }> = [];
	for (const [pattern, key] of TRAVELLER_COLUMNS) {
		const [span] = findOnLine(header, pattern);
		if (span) columns.push({ key, x0: span.x0 });
	}
	if (columns.length === 0) return;
	columns.sort((a, b) => a.x0 - b.x0);
	// Values start where their header word does; a cell never crosses the next header's start.
	const boundaries = columns.slice(1).map((column) => column.x0 - 1);
	const travellers: TransportInfo[] = [];
	for (let k = headerIndex + 1; k < layout.lines.length; k++) {
		const line = layout.lines[k];
		if (/价税合计|备注|开票人/.test(line.compact)) break;
		const row: TransportInfo = {};
		for (const cell of cellsOf(line, 1, boundaries)) {
			let best = columns[0];
			for (const column of columns) if (column.x0 - 2 <= cell.x0) best = column;
			const value = glyphText(line, cell.start, cell.end, false, best.key === 'passengerName' || best.key.endsWith('Station'));
			row[best.key] = row[best.key] === undefined ? value : `${String(row[best.key])} ${value}`;
		}
		if (Object.keys(row).length < 2) continue;
		if (typeof row.travelDate === 'string') row.travelDate = date(row.travelDate) ?? row.travelDate;
		travellers.push(row);
	}
	const [first] = travellers;
	if (!first) return;
	for (const [key, value] of Object.entries(first)) setTransport(invoice, key, value);
	if (travellers.length > 1) setTransport(invoice, 'travellers', travellers);
}

/** Adds a travel ticket's own values to an invoice read from its page. */
export function readTicketPage(layout: PageLayout, invoice: RecognizedInvoice, fields: Record<string, string>): void {
	if (invoice.invoiceType === 'train_ticket') readRailway(layout, invoice, fields);
	else if (invoice.invoiceType === 'flight_itinerary') readAir(layout, invoice, fields);
	else readTravellers(layout, invoice);
}
