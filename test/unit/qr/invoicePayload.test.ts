import {
	crc16Modbus,
	crc16Umts,
	parseInvoiceQr,
} from '../../../nodes/shared/formats/qr/invoicePayload';

const ascii = (text: string) => Array.from(text, (c) => c.charCodeAt(0));
const hex = (value: number) => value.toString(16).toUpperCase();

/** A payload whose check value is computed over `head` (which ends with the comma after field 7, or not). */
function withCheck(
	fields: string[],
	options: { crc?: 'umts' | 'modbus'; withoutComma?: boolean; lower?: boolean } = {},
) {
	const head = fields.join(',') + ',';
	const covered = options.withoutComma ? head.slice(0, -1) : head;
	const value = (options.crc === 'modbus' ? crc16Modbus : crc16Umts)(ascii(covered));
	const printed = options.lower ? hex(value).toLowerCase() : hex(value);
	return `${head}${printed},`;
}

describe('CRC-16 variants', () => {
	it('CRC-16/UMTS gives its catalogue check value 0xFEE8 for "123456789"', () => {
		expect(crc16Umts(ascii('123456789'))).toBe(0xfee8);
	});
	it('CRC-16/MODBUS gives its catalogue check value 0x4B37 for "123456789"', () => {
		expect(crc16Modbus(ascii('123456789'))).toBe(0x4b37);
	});
});

describe('parseInvoiceQr', () => {
	const paperCommon = [
		'01',
		'04',
		'3200192130',
		'08123456',
		'1886.79',
		'20240315',
		'61234567890123456789',
	];

	it('reads the key fields of a paper 普票 payload with a valid CRC', () => {
		const text = withCheck(paperCommon);
		expect(parseInvoiceQr(text)).toEqual({
			text,
			typeCode: '04',
			invoiceCode: '3200192130',
			invoiceNumber: '08123456',
			amount: 1886.79,
			issueDate: '2024-03-15',
			checkCode: '61234567890123456789',
			crc: 'valid',
		});
	});

	it('reports a changed digit as crc invalid, keeping the fields', () => {
		const text = withCheck(paperCommon).replace('1886.79', '1886.70');
		expect(parseInvoiceQr(text)).toMatchObject({ amount: 1886.7, crc: 'invalid' });
	});

	it('accepts the check value in lower case and without the trailing comma', () => {
		const text = withCheck(paperCommon, { lower: true }).slice(0, -1);
		expect(parseInvoiceQr(text)?.crc).toBe('valid');
	});

	it('accepts a check value printed without leading zeros', () => {
		// Find a number whose CRC is below 0x1000, so the printed value has three hex digits.
		let text = '';
		for (let n = 0; n < 100000 && !text; n++) {
			const fields = [...paperCommon];
			fields[3] = String(10000000 + n);
			const candidate = withCheck(fields);
			if (/,[0-9A-F]{1,3},$/.test(candidate)) text = candidate;
		}
		expect(text).not.toBe('');
		expect(parseInvoiceQr(text)?.crc).toBe('valid');
	});

	it('reads an empty check value as crc absent', () => {
		expect(parseInvoiceQr(`${paperCommon.join(',')},,`)?.crc).toBe('absent');
	});

	it('reads a 数电 payload with one-space empty code and check code', () => {
		const text = withCheck(['01', '32', ' ', '24442000000123456789', '1060.00', '20240315', ' ']);
		expect(parseInvoiceQr(text)).toMatchObject({
			typeCode: '32',
			invoiceCode: null,
			invoiceNumber: '24442000000123456789',
			amount: 1060,
			checkCode: null,
			crc: 'valid',
		});
	});

	it('reads a YYYY-MM-DD date as one ride-hailing issuer writes it', () => {
		const text = withCheck([
			'01',
			'10',
			'044031900111',
			'12345678',
			'35.40',
			'2024-03-15',
			'12345678901234567890',
		]);
		expect(parseInvoiceQr(text)).toMatchObject({ issueDate: '2024-03-15', crc: 'valid' });
	});

	it('accepts the type-10 check value computed without the comma after field 7', () => {
		const fields = [
			'01',
			'10',
			'044031900111',
			'12345678',
			'35.40',
			'20240315',
			'12345678901234567890',
		];
		expect(parseInvoiceQr(withCheck(fields, { withoutComma: true }))?.crc).toBe('valid');
		const paper = [...fields];
		paper[1] = '04';
		expect(parseInvoiceQr(withCheck(paper, { withoutComma: true }))?.crc).toBe('invalid');
	});

	it('checks a railway ticket (type 51) with CRC-16/MODBUS, not UMTS', () => {
		const fields = ['01', '51', '', '24429165800000012345', '208.00', '20240315', ''];
		expect(parseInvoiceQr(withCheck(fields, { crc: 'modbus' }))).toMatchObject({
			typeCode: '51',
			amount: 208,
			crc: 'valid',
		});
		expect(parseInvoiceQr(withCheck(fields, { crc: 'umts' }))?.crc).toBe('invalid');
	});

	it('reads the Shenzhen blockchain invoice URL (total in fen)', () => {
		const text =
			'https://bcfp.shenzhen.chinatax.gov.cn/verify/scan?hash=01955ef909a61c7d14c7b80ad4ae5284bd39079f03e73cc8585af3949ff2dbfa20&bill_num=30532037&total_amount=7200';
		expect(parseInvoiceQr(text)).toEqual({
			text,
			typeCode: null,
			invoiceCode: null,
			invoiceNumber: '30532037',
			amount: 72,
			issueDate: null,
			checkCode: null,
			crc: 'absent',
		});
	});

	it.each([
		['a web address', 'https://example.com/verify/scan?hash=ab&bill_num=1&total_amount=2'],
		['plain text', 'hello world'],
		['another version field', withCheck(['02', ...paperCommon.slice(1)])],
		[
			'a date that is no date',
			withCheck(['01', '04', '3200192130', '08123456', '1.00', '20241341', '']),
		],
		[
			'letters in the number',
			withCheck(['01', '04', '3200192130', '0812345X', '1.00', '20240315', '']),
		],
		['too many fields', `${paperCommon.join(',')},ABC,extra,more`],
		['an empty string', ''],
	])('returns null for %s', (_name, text) => {
		expect(parseInvoiceQr(text)).toBeNull();
	});
});
