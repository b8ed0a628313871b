/** Which failures pass a file on to the next vendor of a fallback chain (README "Fallback vendors"). */
import { chainFailure, triesNextVendor } from '../../nodes/shared/execution/fallback';
import { invoiceError } from '../../nodes/shared/errors';
import type { InvoiceErrorInfo } from '../../nodes/shared/types';

type Code = InvoiceErrorInfo['code'];

// Kept here, not imported: the policy the README promises, checked against the code.
const PASSES_ON: Record<Code, boolean> = {
	RATE_LIMITED: true,
	QUOTA_EXCEEDED: true,
	VENDOR_UNAVAILABLE: true,
	TIMEOUT: true,
	NETWORK_ERROR: true,
	AUTH_FAILED: false,
	INVALID_INPUT: false,
	UNSUPPORTED_FILE: false,
	FILE_TOO_LARGE: false,
	IMAGE_UNREADABLE: false,
	NO_INVOICE_FOUND: false,
	UNKNOWN: false,
};

test.each(Object.entries(PASSES_ON))('a vendor answering %s passes the file on: %s', (code, expected) => {
	expect(triesNextVendor({ error: invoiceError(code as Code, { vendor: 'juhe' }), local: false })).toBe(expected);
});

test.each(Object.keys(PASSES_ON))('a refusal before sending (%s) always passes the file on', (code) => {
	expect(triesNextVendor({ error: invoiceError(code as Code, { vendor: 'juhe' }), local: true })).toBe(true);
});

test('the final failure keeps the last vendor’s error and names the vendors asked before, apart from those never sent the file', () => {
	const last = { error: invoiceError('TIMEOUT', { vendor: 'xinhuo', message: 'Xinhuo did not answer.' }), local: false };
	const earlier = [
		{ vendorName: 'Juhe', failure: { error: invoiceError('QUOTA_EXCEEDED', { vendor: 'juhe' }), local: false } },
		{ vendorName: 'Volcengine', failure: { error: invoiceError('UNSUPPORTED_FILE', { vendor: 'volcengine' }), local: true } },
	];
	const result = chainFailure(last, earlier);
	expect(result.local).toBe(false);
	expect(result.error).toEqual({
		...last.error,
		message: 'Xinhuo did not answer. Tried before: Juhe (QUOTA_EXCEEDED). Not sent to: Volcengine (UNSUPPORTED_FILE).',
	});
	expect(chainFailure(last, [])).toBe(last);
});
