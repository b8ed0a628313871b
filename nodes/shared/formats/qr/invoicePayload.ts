/**
 * The text of an invoice's QR code → its key fields (see ../shared/samples/qr/README.md):
 * `01,<type>,<invoice code>,<invoice number>,<amount>,<date>,<check code>,<crc>[,]`, or the Shenzhen blockchain
 * invoice URL. The check value is a CRC-16/UMTS over every byte before it (CRC-16/MODBUS on railway tickets);
 * it is not documented publicly, so a mismatch is reported (`invalid`), never a reason to refuse the payload.
 */

import type { InvoiceQr } from '../../types';

export type { InvoiceQr };

/** Railway e-tickets' check value is a CRC-16/MODBUS; every other type's a CRC-16/UMTS. */
const MODBUS_TYPES = new Set(['51']);
/** Types where some issuers compute the check value without the comma after field 7. */
const WITHOUT_COMMA_TYPES = new Set(['10']);

function utf8Bytes(text: string): number[] {
	const bytes: number[] = [];
	for (const char of text) {
		const code = char.codePointAt(0) as number;
		if (code < 0x80) bytes.push(code);
		else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 0x3f));
		else if (code < 0x10000)
			bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
		else
			bytes.push(
				0xf0 | (code >> 18),
				0x80 | ((code >> 12) & 0x3f),
				0x80 | ((code >> 6) & 0x3f),
				0x80 | (code & 0x3f),
			);
	}
	return bytes;
}

/** CRC-16/UMTS (also called CRC-16/BUYPASS): poly 0x8005, init 0, not reflected, no final XOR. */
export function crc16Umts(bytes: ArrayLike<number>): number {
	let crc = 0;
	for (let i = 0; i < bytes.length; i++) {
		crc ^= bytes[i] << 8;
		for (let bit = 0; bit < 8; bit++)
			crc = crc & 0x8000 ? ((crc << 1) ^ 0x8005) & 0xffff : (crc << 1) & 0xffff;
	}
	return crc;
}

/** CRC-16/MODBUS: poly 0x8005 reflected (0xA001), init 0xFFFF, no final XOR. */
export function crc16Modbus(bytes: ArrayLike<number>): number {
	let crc = 0xffff;
	for (let i = 0; i < bytes.length; i++) {
		crc ^= bytes[i];
		for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
	}
	return crc;
}

/** `''` or a one-space empty field → null; otherwise the field trimmed. */
function field(value: string | undefined): string | null {
	if (value === undefined) return null;
	const trimmed = value.trim();
	return trimmed === '' ? null : trimmed;
}

function parseDate(value: string | null): string | null {
	if (!value) return null;
	const match = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(value);
	if (!match) return null;
	const [, year, month, day] = match;
	const m = Number(month);
	const d = Number(day);
	if (m < 1 || m > 12 || d < 1 || d > 31) return null;
	return `${year}-${month}-${day}`;
}

function parseAmount(value: string | null): number | null {
	if (!value || !/^-?\d+(\.\d+)?$/.test(value)) return null;
	return Number(value);
}

function checkValue(text: string, fields: string[], typeCode: string): InvoiceQr['crc'] {
	const printed = field(fields[7]);
	if (printed === null) return 'absent';
	if (!/^[0-9A-Fa-f]{1,4}$/.test(printed)) return 'invalid';
	const expected = parseInt(printed, 16);
	// Everything before the check field: the first seven fields and the comma after the seventh.
	const coveredLength = fields.slice(0, 7).join(',').length + 1;
	const covered = text.slice(0, coveredLength);
	const crc = MODBUS_TYPES.has(typeCode) ? crc16Modbus : crc16Umts;
	if (crc(utf8Bytes(covered)) === expected) return 'valid';
	if (WITHOUT_COMMA_TYPES.has(typeCode) && crc(utf8Bytes(covered.slice(0, -1))) === expected)
		return 'valid';
	return 'invalid';
}

const SHENZHEN_BLOCKCHAIN_HOST = 'bcfp.shenzhen.chinatax.gov.cn';

/** The Shenzhen blockchain invoice's URL: number and total (in fen: `total_amount=7200` is ¥72.00). */
function parseShenzhenUrl(text: string): InvoiceQr | null {
	const match = /^https?:\/\/([^/?#]+)\/[^?#]*\?([^#]*)/i.exec(text.trim());
	if (!match || match[1].toLowerCase() !== SHENZHEN_BLOCKCHAIN_HOST) return null;
	const params = new Map<string, string>();
	for (const pair of match[2].split('&')) {
		const equals = pair.indexOf('=');
		if (equals > 0) params.set(pair.slice(0, equals), pair.slice(equals + 1));
	}
	const number = params.get('bill_num') ?? '';
	const total = params.get('total_amount') ?? '';
	if (!/^\d{1,20}$/.test(number) || !params.get('hash')) return null;
	return {
		text,
		typeCode: null,
		invoiceCode: /^\d{10,12}$/.test(params.get('bill_code') ?? '')
			? (params.get('bill_code') as string)
			: null,
		invoiceNumber: number,
		amount: /^\d{1,15}$/.test(total) ? Number(total) / 100 : null,
		issueDate: null,
		checkCode: null,
		crc: 'absent',
	};
}

/**
 * The key fields of an invoice QR payload, or null when the text is not one (any other QR code: a URL, a
 * payment code, …). Requires version `01`, a two-digit type, a digit invoice number and a valid date.
 */
export function parseInvoiceQr(text: string): InvoiceQr | null {
	if (typeof text !== 'string' || text.length > 512) return null;
	if (/^https?:\/\//i.test(text.trim())) return parseShenzhenUrl(text);
	const fields = text.split(',');
	// Seven fields and the check value, and maybe the trailing comma's empty field.
	if (fields.length < 7 || fields.length > 9 || (fields.length === 9 && field(fields[8]) !== null))
		return null;
	if (fields[0] !== '01') return null;
	const typeCode = field(fields[1]);
	if (typeCode === null || !/^\d{2}$/.test(typeCode)) return null;
	const invoiceCode = field(fields[2]);
	if (invoiceCode !== null && !/^\d{10,12}$/.test(invoiceCode)) return null;
	const invoiceNumber = field(fields[3]);
	if (invoiceNumber === null || !/^\d{6,20}$/.test(invoiceNumber)) return null;
	const rawAmount = field(fields[4]);
	const amount = parseAmount(rawAmount);
	if (rawAmount !== null && amount === null) return null;
	const issueDate = parseDate(field(fields[5]));
	if (issueDate === null) return null;
	const checkCode = field(fields[6]);
	if (checkCode !== null && !/^\d{1,20}$/.test(checkCode)) return null;
	return {
		text,
		typeCode,
		invoiceCode,
		invoiceNumber,
		amount,
		issueDate,
		checkCode,
		crc: fields.length >= 8 ? checkValue(text, fields, typeCode) : 'absent',
	};
}
