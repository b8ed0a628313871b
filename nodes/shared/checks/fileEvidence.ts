/**
 * What the file itself vouches for, beside the values read: its QR code (printed by the issuer with the key
 * fields and a check value) and its signatures or seals. These rules only read what the reader or the QR decoder
 * recorded on the invoice (`qr`, `signature`), so Verify Invoice's `checkOffline` recomputes them from any item.
 */
import { fenFromYuan } from '../normalize/chineseAmount';
import { date, normalizedText } from '../normalize/parse';
import { QR_TYPE_INVOICE_TYPES, qrAmountField } from '../normalize/qrTypes';
import type { CheckIssue } from '../types';
import type { CheckRule, InvoiceFacts } from './facts';

function digitsOf(value: unknown): string | null {
	const printed = normalizedText(value);
	if (printed === null) return null;
	const digits = printed.replace(/\s/g, '');
	return digits === '' ? null : digits;
}

function mismatch(field: string, qrValue: string, readValue: string): CheckIssue {
	return {
		rule: 'qr_mismatch',
		field,
		message: `The invoice's QR code says ${field} is ${qrValue}, but the invoice reads ${readValue}. One of them was misread or edited: compare with the paper or the tax platform (Verify Invoice).`,
	};
}

/** `qr_crc` and `qr_mismatch`: only fields both sides have are compared. */
export const checkQrCode: CheckRule = (facts: InvoiceFacts) => {
	const qr = facts.qr;
	if (qr === null) return [];
	const issues: CheckIssue[] = [];
	if (qr.crc === 'invalid') {
		issues.push({
			rule: 'qr_crc',
			field: 'qr',
			message:
				"The QR code's check value does not match its text: the code may have been misread or the payload altered. Its fields are still compared below.",
		});
	}
	const typeCode = digitsOf(qr.typeCode);
	const expectedTypes = typeCode === null ? undefined : QR_TYPE_INVOICE_TYPES[typeCode];
	if (expectedTypes && facts.invoiceType !== null && facts.invoiceType !== 'other' && !(expectedTypes as readonly string[]).includes(facts.invoiceType)) {
		issues.push(mismatch('invoiceType', `type code ${typeCode} (${expectedTypes.join(' or ')})`, facts.invoiceType));
	}
	for (const field of ['invoiceCode', 'invoiceNumber'] as const) {
		const fromQr = digitsOf(qr[field]);
		const read = facts[field];
		if (fromQr !== null && read !== null && fromQr !== read) issues.push(mismatch(field, fromQr, read));
	}
	const qrDate = date(qr.issueDate);
	if (qrDate !== null && facts.issueDate !== null && qrDate !== facts.issueDate) {
		issues.push(mismatch('issueDate', qrDate, facts.issueDate));
	}
	const qrCheckCode = digitsOf(qr.checkCode);
	const readCheckCode = digitsOf(facts.checkCode);
	if (qrCheckCode !== null && readCheckCode !== null && qrCheckCode !== readCheckCode) {
		issues.push(mismatch('checkCode', qrCheckCode, readCheckCode));
	}
	const qrFen = typeof qr.amount === 'number' ? fenFromYuan(qr.amount) : null;
	if (qrFen !== null) {
		const amountField = qrAmountField(typeCode);
		const both: Array<['amount' | 'total', number | null]> = [
			['amount', facts.amountFen],
			['total', facts.totalFen],
		];
		// The type says which one the QR amount is; an unknown type: either may match.
		const candidates = both.filter(([field]) => amountField === null || field === amountField);
		const known = candidates.filter((candidate): candidate is ['amount' | 'total', number] => candidate[1] !== null);
		// A red-letter invoice prints its amount negative in the text and often unsigned in the QR code.
		if (known.length > 0 && !known.some(([, fen]) => Math.abs(fen) === Math.abs(qrFen))) {
			const [field, fen] = known[0];
			issues.push(mismatch(field, (qrFen / 100).toFixed(2), (fen / 100).toFixed(2)));
		}
	}
	return issues;
};

/** `signature_invalid` and `modified_after_signing`, from the status the signature check recorded. */
export const checkSignature: CheckRule = (facts: InvoiceFacts) => {
	const signature = facts.signature;
	if (signature === null) return [];
	const signer = typeof signature.signer === 'string' ? ` (signer: ${signature.signer})` : '';
	const detail = typeof signature.detail === 'string' && signature.detail !== '' ? ` ${signature.detail}` : '';
	if (signature.status === 'invalid') {
		return [
			{
				rule: 'signature_invalid',
				field: 'signature',
				message: `A signature or seal in this file does not check${signer}: the file is not what was signed. Do not book it before comparing with the issuer's original.${detail}`,
			},
		];
	}
	if (signature.status === 'modified') {
		return [
			{
				rule: 'modified_after_signing',
				field: 'signature',
				message: `This file was changed or extended after it was signed${signer}: what you read may not be what was signed. Ask the issuer for the original file.${detail}`,
			},
		];
	}
	return [];
};
