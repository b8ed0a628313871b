/**
 * The `vehicle` block of 机动车/二手车 sale invoices: an extension key on the invoice (the contract
 * allows extending), since no contract key holds these values and users reconcile car purchases
 * by VIN.
 */
import type { RecognizedInvoice } from '../types';
import { text } from './parse';

export interface VehicleInfo {
	vehicleType: string | null;
	model: string | null;
	vin: string | null;
	engineNumber: string | null;
	plateNumber: string | null;
	origin: string | null;
	certificateNumber: string | null;
	importCertificateNumber: string | null;
	inspectionNumber: string | null;
	registrationNumber: string | null;
	vehicleManagementOffice: string | null;
	seatingCapacity: string | null;
	tonnage: string | null;
}

export type InvoiceWithVehicle = RecognizedInvoice & { vehicle?: VehicleInfo };

/** Vendor key → vehicle key; the first non-empty value wins, in table order. */
export type VehicleTable = Readonly<Record<string, keyof VehicleInfo>>;

function blankVehicle(): VehicleInfo {
	return {
		vehicleType: null,
		model: null,
		vin: null,
		engineNumber: null,
		plateNumber: null,
		origin: null,
		certificateNumber: null,
		importCertificateNumber: null,
		inspectionNumber: null,
		registrationNumber: null,
		vehicleManagementOffice: null,
		seatingCapacity: null,
		tonnage: null,
	};
}

/** Adds `vehicle` only when the vendor read at least one vehicle value. */
export function applyVehicleTable(
	invoice: InvoiceWithVehicle,
	table: VehicleTable,
	record: Readonly<Record<string, unknown>>,
): void {
	for (const [vendorKey, key] of Object.entries(table)) {
		const value = text(record[vendorKey]);
		if (value === null) continue;
		const vehicle = invoice.vehicle ?? (invoice.vehicle = blankVehicle());
		if (vehicle[key] === null) vehicle[key] = value;
	}
}
