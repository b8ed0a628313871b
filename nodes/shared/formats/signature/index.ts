/**
 * Offline checks of a file's own signatures or seals: OFD seals (GB/T 38540), PDF signatures and the 数电
 * XML's tax bureau signature. Pure: bytes in, a SignatureInfo out, never a throw — a file whose signature
 * cannot be read gets `invalid` with the reason in `detail`.
 */
import type { SignatureInfo } from '../../types';
import type { InflateBudget } from '../zip';
import { checkOfdSeals } from './ofd';
import { checkPdfSignatures } from './pdf';
import { finding, type SignatureFinding } from './result';
import { checkXmlSignature } from './xml';

export type SignedFileFormat = 'pdf' | 'ofd' | 'xml';

const OUTPUT_FORMAT: Record<SignedFileFormat, SignatureInfo['format']> = { pdf: 'pdf', ofd: 'ofd-seal', xml: 'xml' };

export interface SignatureCheckOptions {
	/**
	 * Bytes the OFD checks may inflate, shared by the members of one bundle (the reader's own budget is
	 * separate: checking seals never takes from what reading may use). Absent: the ZIP limit per file.
	 */
	inflateBudget?: InflateBudget;
}

export function checkFileSignature(bytes: Uint8Array, format: SignedFileFormat, options: SignatureCheckOptions = {}): SignatureInfo {
	let result: SignatureFinding;
	try {
		if (format === 'ofd') result = checkOfdSeals(bytes, options.inflateBudget);
		else if (format === 'pdf') result = checkPdfSignatures(bytes);
		else result = checkXmlSignature(bytes);
	} catch (error) {
		// The checks catch what they expect; anything else (a limit, a bug) still must not fail the invoice.
		result = finding('invalid', `The signature could not be checked (${error instanceof Error ? error.message : String(error)})`);
	}
	return { ...result, format: OUTPUT_FORMAT[format] };
}
