/**
 * WeBank invoice OCR mapping tables: one row per documented `name` (13 types), each mapping
 * `result` keys to contract paths. Keys without a contract home stay in `fields` only.
 */
import type { InvoiceType } from '../../types';
import {
	COMMON_RULES,
	joinText,
	recordList,
	type FieldTable,
	type InvoiceTypeRow,
	type ItemFieldTable,
} from '../../normalize/invoice';
import {
	date,
	dateTime,
	decimal,
	digits,
	identifier,
	money,
	printedText,
	taxRate,
	text,
} from '../../normalize/parse';
import { clockTime, joinDateTime, kilometres, setTransport } from '../../normalize/tickets';
import type { InvoiceWithVehicle, VehicleTable } from '../../normalize/vehicle';

/** One WeBank `invoices[].result`. */
export type WebankResult = Readonly<Record<string, unknown>>;

const { code, number, issueDate, total } = COMMON_RULES;

/** `details[]` cells → line item. `quality` is the vendor's spelling of 数量. */
export const WEBANK_DETAIL_CELLS: ItemFieldTable = {
	services_of_goods_or_taxable: { path: 'name', parse: printedText },
	specifications: { path: 'specification', parse: text },
	unit: { path: 'unit', parse: text },
	quality: { path: 'quantity', parse: decimal },
	quantity: { path: 'quantity', parse: decimal },
	unit_price: { path: 'unitPrice', parse: decimal },
	amount: { path: 'amount', parse: money },
	tax_rate: { path: 'taxRate', parse: taxRate },
	tax_amount: { path: 'tax', parse: money },
};

/** 专票, 普票, 电子普票 and 卷票 (a subset of these keys). */
const VAT_FIELDS: FieldTable = {
	invoice_name: { path: 'title', parse: printedText },
	invoice_code: code,
	invoice_id: number,
	invoice_date: issueDate,
	check_code: { path: 'checkCode', parse: digits },
	machine_code: { path: 'machineCode', parse: digits },
	// For VAT types total_amount (合计金额) is the pre-tax amount.
	total_amount: { path: 'amount', parse: money },
	total_taxes: { path: 'tax', parse: money },
	price_plus_taxes: total,
	price_plus_taxes_in_words: { path: 'totalInWords', parse: text },
	buyer_name: { path: 'buyer.name', parse: printedText },
	buyer_id: { path: 'buyer.taxId', parse: identifier },
	buyer_address: { path: 'buyer.addressPhone', parse: text },
	buyer_bank: { path: 'buyer.bankAccount', parse: text },
	seller_name: { path: 'seller.name', parse: printedText },
	seller_id: { path: 'seller.taxId', parse: identifier },
	seller_address: { path: 'seller.addressPhone', parse: text },
	seller_bank: { path: 'seller.bankAccount', parse: text },
	payee: { path: 'payee', parse: printedText },
	reviewer: { path: 'reviewer', parse: printedText },
	drawer: { path: 'drawer', parse: printedText },
};

const TAXI_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_id: number,
	invoice_date: issueDate,
	amount: total,
	mileage: { path: 'transport.mileage', parse: kilometres },
	waiting_time: { path: 'transport.waitingTime', parse: text },
};

const TRAIN_FIELDS: FieldTable = {
	invoice_id: number,
	// A ticket prints no issue date; the travel date is the one expense rules use.
	departure_datetime: issueDate,
	// For tickets `amount` is the fare (票价), i.e. the total.
	amount: total,
	train_no: { path: 'transport.trainNumber', parse: identifier },
	departure_station: { path: 'transport.departureStation', parse: text },
	terminal_station: { path: 'transport.arrivalStation', parse: text },
	seat_no: { path: 'transport.seat', parse: text },
	seat_class: { path: 'transport.seatClass', parse: text },
	entrance: { path: 'transport.gate', parse: text },
	ticketing_id: { path: 'transport.ticketId', parse: identifier },
	ticketing_station: { path: 'transport.ticketingStation', parse: text },
};

const FLIGHT_FIELDS: FieldTable = {
	e_ticket_no: number,
	// 合计金额 of an itinerary is everything the traveller paid.
	total_amount: total,
	traveller_name: { path: 'transport.passengerName', parse: text },
	traveller_id: { path: 'transport.passengerId', parse: text },
	fare: { path: 'transport.fare', parse: money },
	fuel_surcharge: { path: 'transport.fuelSurcharge', parse: money },
	other_taxes: { path: 'transport.otherTaxes', parse: money },
	insurance: { path: 'transport.insurance', parse: money },
};

const PASSENGER_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_id: number,
	departure_date: issueDate,
	// 票价
	total_amount: total,
	traveller_name: { path: 'transport.passengerName', parse: text },
	departure_station: { path: 'transport.departureStation', parse: text },
	terminal_station: { path: 'transport.arrivalStation', parse: text },
};

const TOLL_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_id: number,
	invoice_date: issueDate,
	// 票价
	total_amount: total,
	entrance: { path: 'transport.departureStation', parse: text },
	exit: { path: 'transport.arrivalStation', parse: text },
};

/** 通用定额发票 (no date printed) and 通用机打发票: `total_amount` is the amount paid. */
const QUOTA_FIELDS: FieldTable = { invoice_code: code, invoice_id: number, total_amount: total };
const GENERAL_FIELDS: FieldTable = { ...QUOTA_FIELDS, invoice_date: issueDate };

/** 新车/二手车 invoices: here `total_amount` is the price without tax. */
const VEHICLE_FIELDS: FieldTable = {
	invoice_name: { path: 'title', parse: printedText },
	invoice_code: code,
	machine_print_code: code,
	invoice_id: number,
	machine_print_id: number,
	invoice_date: issueDate,
	check_code: { path: 'checkCode', parse: digits },
	machine_code: { path: 'machineCode', parse: digits },
	total_amount: { path: 'amount', parse: money },
	total_taxes: { path: 'tax', parse: money },
	price_plus_taxes: total,
	price_plus_taxes_in_words: { path: 'totalInWords', parse: text },
	buyer_name: { path: 'buyer.name', parse: printedText },
	// Private buyers have an ID card number (身份证号码/组织机构代码) instead of a tax ID.
	buyer_id: { path: 'buyer.taxId', parse: identifier },
	seller_name: { path: 'seller.name', parse: printedText },
	seller_id: { path: 'seller.taxId', parse: identifier },
};

const VEHICLE_DETAILS: VehicleTable = {
	vehicle_type: 'vehicleType',
	vehicle_model: 'model',
	vin: 'vin',
	vehicle_engine_id: 'engineNumber',
	vehicle_license_no: 'plateNumber',
	production_place: 'origin',
	certificate_id: 'certificateNumber',
	import_certificate_id: 'importCertificateNumber',
	inspection_certificate_id: 'inspectionNumber',
	registry_certificate_id: 'registrationNumber',
	vehicle_management_name: 'vehicleManagementOffice',
};

/** Unknown `name`s: only what every type means the same way. */
const OTHER_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_id: number,
	invoice_date: issueDate,
};

/**
 * `traveller_id_name` prints the ID and the name in one value, `1100002000****1234张三`
 * (the ID first, as documented; the name first is accepted too).
 */
export function splitTravellerIdName(value: unknown): { id: string | null; name: string | null } {
	const raw = text(value);
	if (raw === null) return { id: null, name: null };
	const compact = raw.replace(/\s/g, '').replace(/＊/g, '*');
	const idFirst = /^([0-9Xx*]{6,})(.*)$/.exec(compact);
	if (idFirst) return { id: idFirst[1], name: text(idFirst[2]) };
	const nameFirst = /^(.*?)([0-9Xx*]{6,})$/.exec(compact);
	if (nameFirst) return { id: nameFirst[2], name: text(nameFirst[1]) };
	return { id: null, name: raw };
}

function finishTaxi(invoice: InvoiceWithVehicle, result: WebankResult): void {
	const day = date(result.invoice_date);
	setTransport(invoice, 'departureTime', joinDateTime(day, clockTime(result.pick_up_time)));
	setTransport(invoice, 'arrivalTime', joinDateTime(day, clockTime(result.drop_off_time)));
}

function finishTrain(invoice: InvoiceWithVehicle, result: WebankResult): void {
	const traveller = splitTravellerIdName(result.traveller_id_name);
	setTransport(invoice, 'passengerName', traveller.name);
	setTransport(invoice, 'passengerId', traveller.id);
}

/** First leg in the transport keys, every leg in `transport.flights`. */
function finishFlight(invoice: InvoiceWithVehicle, result: WebankResult): void {
	const legs = recordList(result.flights).map((leg) => ({
		departureStation: text(leg.departure),
		arrivalStation: text(leg.terminal),
		// Itineraries often print `05DEC` without a year: then only the raw value in `fields` remains.
		departureTime: joinDateTime(date(leg.departure_date), clockTime(leg.departure_time)),
		flightNumber: identifier(leg.flight_no),
		seatClass: text(leg.seat_class),
		fareBasis: text(leg.fare_basis),
	}));
	if (legs.length === 0) return;
	for (const [key, value] of Object.entries(legs[0])) setTransport(invoice, key, value);
	setTransport(invoice, 'flights', legs);
}

function finishPassenger(invoice: InvoiceWithVehicle, result: WebankResult): void {
	const departure = joinDateTime(date(result.departure_date), clockTime(result.departure_time));
	setTransport(invoice, 'departureTime', departure);
}

function finishToll(invoice: InvoiceWithVehicle, result: WebankResult): void {
	const departure = joinDateTime(date(result.invoice_date), clockTime(result.invoice_time));
	setTransport(invoice, 'departureTime', departure);
}

function finishVehicle(invoice: InvoiceWithVehicle, result: WebankResult): void {
	invoice.buyer.addressPhone ??= joinText(result.buyer_address, result.buyer_phone);
	invoice.seller.addressPhone ??= joinText(result.seller_address, result.seller_phone);
	invoice.seller.bankAccount ??= joinText(result.seller_bank, result.seller_bank_account);
}

const vat = (invoiceType: InvoiceType): InvoiceTypeRow => ({ invoiceType, fields: VAT_FIELDS });

const vehicle = (invoiceType: InvoiceType): InvoiceTypeRow => ({
	invoiceType,
	fields: VEHICLE_FIELDS,
	vehicle: VEHICLE_DETAILS,
	finish: finishVehicle,
});

/** Fallback for a `name` the vendor document does not list. */
export const WEBANK_OTHER: InvoiceTypeRow = { invoiceType: 'other', fields: OTHER_FIELDS };

/** Vendor `name` → how to read its `result` (vendor doc §3.1.1). */
export const WEBANK_TYPES: Readonly<Record<string, InvoiceTypeRow>> = {
	VAT_special_invoice: vat('vat_special'),
	VAT_invoice: vat('vat_common'),
	'VAT_e-invoice': vat('vat_electronic_common'),
	'VAT_v-invoice': vat('vat_roll'),
	train_ticket: {
		invoiceType: 'train_ticket',
		fields: TRAIN_FIELDS,
		copies: { departure_datetime: { path: 'transport.departureTime', parse: dateTime } },
		finish: finishTrain,
	},
	taxi_invoice: { invoiceType: 'taxi', fields: TAXI_FIELDS, finish: finishTaxi },
	flight_itinerary: {
		invoiceType: 'flight_itinerary',
		fields: FLIGHT_FIELDS,
		copies: { e_ticket_no: { path: 'transport.eTicketNumber', parse: identifier } },
		finish: finishFlight,
	},
	passenger_invoice: {
		invoiceType: 'passenger_transport',
		fields: PASSENGER_FIELDS,
		finish: finishPassenger,
	},
	tolls_invoice: { invoiceType: 'toll', fields: TOLL_FIELDS, finish: finishToll },
	quota_invoice: { invoiceType: 'quota', fields: QUOTA_FIELDS },
	general_invoice: { invoiceType: 'general_machine', fields: GENERAL_FIELDS },
	vehicle_invoice: vehicle('motor_vehicle'),
	second_hand_vehicle_invoice: vehicle('used_vehicle'),
};
