/** Input guards that adapters apply in `buildRequest`, before any paid call. */
import type { VendorId } from '../types';
import { InvoiceFailure, invoiceError } from '../errors';
import type { OcrRequestInput } from './types';

/** The failure `buildRequest` throws when the input cannot make a request. */
export function invalidInput(vendor: VendorId, message: string): InvoiceFailure {
	return new InvoiceFailure(invoiceError('INVALID_INPUT', { vendor, message }));
}

/** The file's base64, for vendors that read only uploaded files; URL input fails with `message`. */
export function uploadedBase64(input: OcrRequestInput, vendor: VendorId, message: string): string {
	if (!input.base64) throw invalidInput(vendor, message);
	return input.base64;
}
