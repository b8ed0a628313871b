/**
 * Xinhuo mapping tables: one row per vendor `type` (the 23 documented types plus the
 * TextIn-style keys its engine is known to return), each mapping `item_list` keys to
 * contract paths. Keys without a contract home stay in `fields` only.
 */
import type { InvoiceType, TransportInfo } from '../../types';
import {
	amountInWords,
	COMMON_RULES,
	joinText,
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
import {
	clockTime,
	flightDate,
	joinDateTime,
	kilometres,
	setTransport,
} from '../../normalize/tickets';
import type { InvoiceWithVehicle, VehicleTable } from '../../normalize/vehicle';

/** One Xinhuo object's `item_list` as key → first value. */
export type XinhuoRecord = Readonly<Record<string, unknown>>;

export interface XinhuoTypeRow extends InvoiceTypeRow {
	/** Per-row list keys in `item_list` (one occurrence or one line per printed row). */
	listColumns?: ItemFieldTable;
}

const { code, number, issueDate, total } = COMMON_RULES;

/** VAT per-row list keys in `item_list` ("明细"), used when there is no `product_list`. */
const VAT_LIST_COLUMNS: ItemFieldTable = {
	vat_invoice_goods_list: { path: 'name', parse: printedText },
	vat_invoice_plate_specific: { path: 'specification', parse: text },
	vat_invoice_electrans_unit: { path: 'unit', parse: text },
	vat_invoice_electrans_quantity: { path: 'quantity', parse: decimal },
	vat_invoice_electrans_unit_price: { path: 'unitPrice', parse: decimal },
	vat_invoice_price_list: { path: 'amount', parse: money },
	vat_invoice_tax_rate_list: { path: 'taxRate', parse: taxRate },
	vat_invoice_tax_list: { path: 'tax', parse: money },
};

/**
 * Cells of one `product_list` row (VAT line items): the single-value keys first, so they win
 * over their list-named twins, which are accepted too.
 */
export const XINHUO_PRODUCT_CELLS: ItemFieldTable = {
	vat_invoice_goods: { path: 'name', parse: printedText },
	vat_invoice_price: { path: 'amount', parse: money },
	vat_invoice_tax_rate: { path: 'taxRate', parse: taxRate },
	vat_invoice_tax: { path: 'tax', parse: money },
	...VAT_LIST_COLUMNS,
};

/** 增值税专/普/电子/通行费 and the TextIn-style electronic keys share one key set. */
const VAT_FIELDS: FieldTable = {
	vat_invoice_daima: code,
	vat_invoice_daima_print: code,
	vat_invoice_daima_right_side: code,
	vat_invoice_haoma: number,
	vat_invoice_haoma_large_size: number,
	vat_invoice_haoma_right_side: number,
	vat_invoice_issue_date: issueDate,
	vat_invoice_issue_date_print: issueDate,
	vat_invoice_correct_code: { path: 'checkCode', parse: digits },
	vat_invoice_corrent_code_print: { path: 'checkCode', parse: digits },
	vat_invoice_machine_no: { path: 'machineCode', parse: digits },
	vat_invoice_payer_name: { path: 'buyer.name', parse: printedText },
	// In the VAT layout the unprefixed 纳税人识别号 is the buyer's; the seller's has its own key.
	vat_invoice_rate_payer_id: { path: 'buyer.taxId', parse: identifier },
	vat_invoice_payer_addr_tell: { path: 'buyer.addressPhone', parse: text },
	vat_invoice_payer_bank_account: { path: 'buyer.bankAccount', parse: text },
	vat_invoice_seller_name: { path: 'seller.name', parse: printedText },
	vat_invoice_seller_id: { path: 'seller.taxId', parse: identifier },
	vat_invoice_seller_addr_tell: { path: 'seller.addressPhone', parse: text },
	vat_invoice_seller_bank_account: { path: 'seller.bankAccount', parse: text },
	vat_invoice_total: { path: 'amount', parse: money },
	vat_invoice_tax_total: { path: 'tax', parse: money },
	vat_invoice_total_cover_tax_digits: total,
	vat_invoice_total_cover_tax: { path: 'totalInWords', parse: text },
	vat_invoice_payee: { path: 'payee', parse: printedText },
	vat_invoice_review: { path: 'reviewer', parse: printedText },
	vat_invoice_drawer: { path: 'drawer', parse: printedText },
	vat_invoice_total_note: { path: 'remarks', parse: text },
};

const ROLL_FIELDS: FieldTable = {
	invoice_head: { path: 'title', parse: printedText },
	invoice_code: code,
	invoice_number: number,
	// machine_number (机器号码) stays in `fields`: engines use it for the 机打号码 too.
	machine_code: { path: 'machineCode', parse: digits },
	date_of_invoice: issueDate,
	check_number: { path: 'checkCode', parse: digits },
	total_money: total,
	total_money_big: { path: 'totalInWords', parse: text },
	buy_name: { path: 'buyer.name', parse: printedText },
	buy_tax_number: { path: 'buyer.taxId', parse: identifier },
	sold_name: { path: 'seller.name', parse: printedText },
	sold_tax_number: { path: 'seller.taxId', parse: identifier },
	cashier_name: { path: 'payee', parse: printedText },
};

const MOTOR_VEHICLE_FIELDS: FieldTable = {
	vehicle_invoice_daima: code,
	vehicle_invoice_jida_daima: code,
	vehicle_invoice_haoma: number,
	vehicle_invoice_jida_haoma: number,
	vehicle_invoice_issue_date: issueDate,
	vehicle_invoice_machine_id: { path: 'machineCode', parse: digits },
	vehicle_invoice_buyer: { path: 'buyer.name', parse: printedText },
	vehicle_invoice_buyer_tax_id: { path: 'buyer.taxId', parse: identifier },
	// Private buyers have an ID card number (身份证号码/组织机构代码) instead of a tax ID.
	vehicle_invoice_buyer_id: { path: 'buyer.taxId', parse: identifier },
	vehicle_invoice_dealer: { path: 'seller.name', parse: printedText },
	vehicle_invoice_seller_tax_id: { path: 'seller.taxId', parse: identifier },
	vehicle_invoice_price_without_tax: { path: 'amount', parse: money },
	vehicle_invoice_tax_amount: { path: 'tax', parse: money },
	vehicle_invoice_total_price_digits: total,
	vehicle_invoice_total_price: { path: 'totalInWords', parse: amountInWords },
	vehicle_invoice_issued_by: { path: 'drawer', parse: printedText },
};

const MOTOR_VEHICLE_DETAILS: VehicleTable = {
	vehicle_invoice_vehicle_type: 'vehicleType',
	vehicle_invoice_car_model: 'model',
	vehicle_invoice_car_vin: 'vin',
	vehicle_invoice_engine_id: 'engineNumber',
	vehicle_invoice_car_made_place: 'origin',
	vehicle_invoice_cert_id: 'certificateNumber',
	vehicle_invoice_import_certificate_id: 'importCertificateNumber',
	vehicle_invoice_commodity_inspection_id: 'inspectionNumber',
	vehicle_invoice_limit_number: 'seatingCapacity',
	vehicle_invoice_tonnage: 'tonnage',
};

const USED_VEHICLE_FIELDS: FieldTable = {
	vehicle_invoice_daima: code,
	vehicle_invoice_haoma: number,
	vehicle_invoice_issue_date: issueDate,
	vehicle_invoice_buyer: { path: 'buyer.name', parse: printedText },
	vehicle_invoice_buyer_id: { path: 'buyer.taxId', parse: identifier },
	vehicle_invoice_seller: { path: 'seller.name', parse: printedText },
	vehicle_invoice_seller_id: { path: 'seller.taxId', parse: identifier },
	vehicle_invoice_total_price_digits: total,
	vehicle_invoice_price_total_price: { path: 'totalInWords', parse: amountInWords },
	vehicle_invoice_note: { path: 'remarks', parse: text },
};

const USED_VEHICLE_DETAILS: VehicleTable = {
	vehicle_invoice_vehicle_type: 'vehicleType',
	vehicle_invoice_car_model: 'model',
	vehicle_invoice_vin: 'vin',
	vehicle_invoice_plate_num: 'plateNumber',
	vehicle_invoice_register_num: 'registrationNumber',
	vehicle_invoice_dmv: 'vehicleManagementOffice',
};

/** 价税合计 is printed in words on some layouts and in digits on others: read both ways. */
const TOTAL_IN_DIGITS_TOO: FieldTable = {
	vehicle_invoice_total_price: total,
	vehicle_invoice_price_total_price: total,
};

const TOLL_FIELDS: FieldTable = {
	toll_code: code,
	toll_number: number,
	date: issueDate,
	// 收费时间 is sometimes one value with the date in it.
	time: issueDate,
	money: total,
};

const QUOTA_FIELDS: FieldTable = {
	quota_invoice_code: code,
	quota_invoice_number: number,
	money_small: total,
	money_big: { path: 'totalInWords', parse: text },
};

const TAXI_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_no: number,
	date: issueDate,
	sum: total,
	taxi_no: { path: 'transport.licensePlate', parse: text },
	mileage: { path: 'transport.mileage', parse: kilometres },
};

const FLIGHT_FIELDS: FieldTable = {
	e_ticket_no: number,
	issued_date: issueDate,
	total,
	// 填开单位 (the issuing agency) is who the traveller paid.
	issued_by: { path: 'seller.name', parse: printedText },
	passenger_name: { path: 'transport.passengerName', parse: text },
	id_no: { path: 'transport.passengerId', parse: text },
	from: { path: 'transport.departureStation', parse: text },
	to: { path: 'transport.arrivalStation', parse: text },
	flight_number: { path: 'transport.flightNumber', parse: identifier },
	seat_class: { path: 'transport.seatClass', parse: text },
	fare_basis: { path: 'transport.fareBasis', parse: text },
	serial_number: { path: 'transport.serialNumber', parse: identifier },
	fare: { path: 'transport.fare', parse: money },
	civil_aviation_fund: { path: 'transport.civilAviationFund', parse: money },
	fuel_surcharge: { path: 'transport.fuelSurcharge', parse: money },
	other_taxes: { path: 'transport.otherTaxes', parse: money },
};

const FLIGHT_COPIES: FieldTable = {
	e_ticket_no: { path: 'transport.eTicketNumber', parse: identifier },
};

const TRAIN_FIELDS: FieldTable = {
	ticket_number: number,
	// A ticket prints no issue date; the travel date is the one expense rules use.
	departure_date: issueDate,
	price: total,
	passenger_name: { path: 'transport.passengerName', parse: text },
	passenger_id: { path: 'transport.passengerId', parse: text },
	train_number: { path: 'transport.trainNumber', parse: identifier },
	departure_station: { path: 'transport.departureStation', parse: text },
	arrival_station: { path: 'transport.arrivalStation', parse: text },
	class: { path: 'transport.seatClass', parse: text },
	seat_number: { path: 'transport.seat', parse: text },
	check: { path: 'transport.gate', parse: text },
	ticket_id: { path: 'transport.ticketId', parse: identifier },
};

/** 通用机打发票 and 船运客票 share this key set. */
const MACHINE_PRINTED_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_number: number,
	money: total,
	date: issueDate,
};

const PASSENGER_FIELDS: FieldTable = {
	...MACHINE_PRINTED_FIELDS,
	passenger_name: { path: 'transport.passengerName', parse: text },
	passenger_id: { path: 'transport.passengerId', parse: text },
};

const PARKING_FIELDS: FieldTable = { invoice_number: number, money: total };

const SALES_LIST_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_number: number,
	issued_date: issueDate,
	purchaser_name: { path: 'buyer.name', parse: printedText },
	seller_name: { path: 'seller.name', parse: printedText },
	// A sales list (销货清单) prints pre-tax 金额合计 and 税额合计, no total including tax.
	total: { path: 'amount', parse: money },
	tax_total: { path: 'tax', parse: money },
};

const SHOP_RECEIPT_FIELDS: FieldTable = {
	no: number,
	date: issueDate,
	money: total,
	shop: { path: 'seller.name', parse: printedText },
};

/** Keys most bill types use, for types the vendor only classifies and for unknown types. */
const COMMON_FIELDS: FieldTable = {
	invoice_code: code,
	invoice_number: number,
	invoice_no: number,
	date: issueDate,
	money: total,
};

const MEDICAL_FIELDS: FieldTable = { amount_small: total, ...COMMON_FIELDS };

function departureFromDateAndTime(invoice: InvoiceWithVehicle, record: XinhuoRecord): void {
	setTransport(invoice, 'departureTime', joinDateTime(date(record.date), clockTime(record.time)));
}

function finishTaxi(invoice: InvoiceWithVehicle, record: XinhuoRecord): void {
	const day = date(record.date);
	setTransport(invoice, 'departureTime', joinDateTime(day, clockTime(record.boarding_time)));
	setTransport(invoice, 'arrivalTime', joinDateTime(day, clockTime(record.landing_time)));
}

function finishFlight(invoice: InvoiceWithVehicle, record: XinhuoRecord): void {
	const departureTime = joinDateTime(
		flightDate(record.date, invoice.issueDate),
		clockTime(record.time),
	);
	setTransport(invoice, 'departureTime', departureTime);
	const transport: TransportInfo = invoice.transport ?? {};
	// Xinhuo reads one leg; `flights` keeps the shape WeBank's multi-leg itineraries have.
	const leg = {
		departureStation: transport.departureStation ?? null,
		arrivalStation: transport.arrivalStation ?? null,
		departureTime,
		flightNumber: transport.flightNumber ?? null,
		seatClass: transport.seatClass ?? null,
		fareBasis: (transport.fareBasis as string | undefined) ?? null,
	};
	if (Object.values(leg).some((value) => value !== null)) setTransport(invoice, 'flights', [leg]);
}

function finishMotorVehicle(invoice: InvoiceWithVehicle, record: XinhuoRecord): void {
	// On 机动车销售统一发票 the 地址/电话/开户银行/账号 boxes belong to the seller (销货单位).
	invoice.seller.addressPhone ??= joinText(
		record.vehicle_invoice_seller_address,
		record.vehicle_invoice_telephone,
	);
	invoice.seller.bankAccount ??= joinText(
		record.vehicle_invoice_seller_bank_name,
		record.vehicle_invoice_seller_bank_account,
	);
}

function finishUsedVehicle(invoice: InvoiceWithVehicle, record: XinhuoRecord): void {
	invoice.buyer.addressPhone ??= joinText(
		record.vehicle_invoice_buyer_addr,
		record.vehicle_invoice_buyer_phone,
	);
	invoice.seller.addressPhone ??= joinText(
		record.vehicle_invoice_seller_addr,
		record.vehicle_invoice_seller_phone,
	);
}

const vat = (invoiceType: InvoiceType): XinhuoTypeRow => ({
	invoiceType,
	fields: VAT_FIELDS,
	listColumns: VAT_LIST_COLUMNS,
});

/** Fallback for `other` and for any `type` this table does not know. */
export const XINHUO_OTHER: XinhuoTypeRow = { invoiceType: 'other', fields: COMMON_FIELDS };

/** Vendor `type` → how to read it. */
export const XINHUO_TYPES: Readonly<Record<string, XinhuoTypeRow>> = {
	vat_special_invoice: vat('vat_special'),
	vat_common_invoice: vat('vat_common'),
	vat_electronic_invoice: vat('vat_electronic_common'),
	vat_electronic_toll_invoice: vat('vat_toll'),
	// Only classified so far (no structured keys documented); VAT keys apply if they appear.
	vat_transport_invoice: vat('vat_transport'),
	// TextIn-style keys of the same engine (research notes §4).
	vat_electronic_special_invoice: vat('vat_electronic_special'),
	blockchain_electronic_invoice: vat('vat_blockchain'),
	vat_electronic_invoice_new: vat('digital_common'),
	vat_electronic_special_invoice_new: vat('digital_special'),
	vat_roll_invoice: { invoiceType: 'vat_roll', fields: ROLL_FIELDS },
	motor_vehicle_sale_invoice: {
		invoiceType: 'motor_vehicle',
		fields: MOTOR_VEHICLE_FIELDS,
		copies: TOTAL_IN_DIGITS_TOO,
		vehicle: MOTOR_VEHICLE_DETAILS,
		finish: finishMotorVehicle,
	},
	used_car_purchase_invoice: {
		invoiceType: 'used_vehicle',
		fields: USED_VEHICLE_FIELDS,
		copies: TOTAL_IN_DIGITS_TOO,
		vehicle: USED_VEHICLE_DETAILS,
		finish: finishUsedVehicle,
	},
	general_machine_invoice: { invoiceType: 'general_machine', fields: MACHINE_PRINTED_FIELDS },
	machine_printed_invoice: { invoiceType: 'general_machine', fields: MACHINE_PRINTED_FIELDS },
	quota_invoice: { invoiceType: 'quota', fields: QUOTA_FIELDS },
	passenger_transport_invoice: {
		invoiceType: 'passenger_transport',
		fields: PASSENGER_FIELDS,
		finish: departureFromDateAndTime,
	},
	highway_passenger_invoice: {
		invoiceType: 'passenger_transport',
		fields: PASSENGER_FIELDS,
		finish: departureFromDateAndTime,
	},
	shipping_invoice: {
		invoiceType: 'shipping',
		fields: MACHINE_PRINTED_FIELDS,
		finish: departureFromDateAndTime,
	},
	taxi_ticket: { invoiceType: 'taxi', fields: TAXI_FIELDS, finish: finishTaxi },
	parking_invoice: { invoiceType: 'parking', fields: PARKING_FIELDS },
	vehicle_toll: { invoiceType: 'toll', fields: TOLL_FIELDS },
	medical_receipt: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	medical_invoice: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	medical_electronic_invoice: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	electronic_medical_invoice: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	outpatient_medical_invoice: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	inpatient_medical_invoice: { invoiceType: 'medical_receipt', fields: MEDICAL_FIELDS },
	education_receipt: { invoiceType: 'education_receipt', fields: COMMON_FIELDS },
	air_transport: {
		invoiceType: 'flight_itinerary',
		fields: FLIGHT_FIELDS,
		copies: FLIGHT_COPIES,
		finish: finishFlight,
	},
	electronic_air_transport: {
		invoiceType: 'flight_itinerary',
		fields: FLIGHT_FIELDS,
		copies: FLIGHT_COPIES,
		finish: finishFlight,
	},
	train_ticket: {
		invoiceType: 'train_ticket',
		fields: TRAIN_FIELDS,
		copies: { departure_date: { path: 'transport.departureTime', parse: dateTime } },
	},
	electronic_train_ticket: {
		invoiceType: 'train_ticket',
		fields: TRAIN_FIELDS,
		copies: { departure_date: { path: 'transport.departureTime', parse: dateTime } },
	},
	vat_invoice_sales_list: { invoiceType: 'sales_list', fields: SALES_LIST_FIELDS },
	shop_receipt: {
		invoiceType: 'shop_receipt',
		fields: SHOP_RECEIPT_FIELDS,
		// 商品: one line per product bought.
		listColumns: { sku: { path: 'name', parse: printedText } },
	},
	other: XINHUO_OTHER,
};

/** Xinhuo `kind` values (expense categories) the contract lists. */
export const XINHUO_KINDS: ReadonlySet<string> = new Set([
	'vehicle',
	'traffic',
	'education',
	'daily',
	'office',
	'service',
	'digital_appliance',
	'rent_decoration',
	'communication',
	'lodging',
	'post',
	'repast',
	'foodstuff',
	'raiment',
	'other',
]);
