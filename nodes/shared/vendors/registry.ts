import type { VendorId } from '../types';
import { juheAdapter } from './juhe';
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
};

/** Credential type per vendor, from the adapters (the contract's names). */
export const CREDENTIAL_TYPES = Object.fromEntries(
	Object.values(OCR_ADAPTERS).map((adapter) => [adapter.vendor, adapter.credentialType]),
) as Readonly<Record<VendorId, string>>;

export function ocrAdapter(vendor: string): OcrAdapter | undefined {
	return (OCR_ADAPTERS as Record<string, OcrAdapter | undefined>)[vendor];
}
