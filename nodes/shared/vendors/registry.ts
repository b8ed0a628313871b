import type { VendorId } from '../types';
import { juheAdapter } from './juhe';
import { localAdapter } from './local';
import { jumdataAdapter } from './jumdata';
import type { OcrAdapter } from './types';
import { volcengineAdapter } from './volcengine';
import { webankAdapter } from './webank';
import { xinhuoAdapter } from './xinhuo';

/** Every OCR vendor: adding one is a folder under vendors/ plus a line here. */
export const OCR_ADAPTERS: Readonly<Record<VendorId, OcrAdapter>> = {
	juhe: juheAdapter,
	volcengine: volcengineAdapter,
	jumdata: jumdataAdapter,
	xinhuo: xinhuoAdapter,
	webank: webankAdapter,
	local: localAdapter,
};

/** Credential type per vendor that has one, from the adapters (the contract's names). */
export const CREDENTIAL_TYPES = Object.fromEntries(
	Object.values(OCR_ADAPTERS).flatMap((adapter) =>
		adapter.credentialType === null ? [] : [[adapter.vendor, adapter.credentialType]],
	),
) as Readonly<Partial<Record<VendorId, string>>>;

/** Invoice OCR's label of a vendor's credential picker ("Juhe Credential"): several show in a chain. */
export function credentialPickerLabel(adapter: Pick<OcrAdapter, 'displayName'>): string {
	return `${adapter.displayName} Credential`;
}

export function ocrAdapter(vendor: string): OcrAdapter | undefined {
	return (OCR_ADAPTERS as Record<string, OcrAdapter | undefined>)[vendor];
}
