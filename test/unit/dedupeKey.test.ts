import { blankInvoice } from '../../nodes/shared/normalize/invoice';
import { dedupeKey, toOutputInvoice } from '../../nodes/shared/normalize/output';
import type { InvoiceType, RecognizedInvoice } from '../../nodes/shared/types';
import { readWebankInvoice } from '../../nodes/shared/vendors/webank';
import { readXinhuoObject } from '../../nodes/shared/vendors/xinhuo';

function invoice(type: InvoiceType, values: Partial<RecognizedInvoice>): RecognizedInvoice {
	return { ...blankInvoice(type), ...values };
}

/** A Xinhuo bill from `{ key: value }`, as Xinhuo lists its cells. */
function xinhuoBill(type: string, cells: Record<string, string>) {
	return readXinhuoObject({
		type,
		item_list: Object.entries(cells).map(([key, value]) => ({ key, value })),
	});
}

describe('dedupeKey', () => {
	test('code and number make the key', () => {
		expect(dedupeKey(invoice('vat_common', { invoiceCode: '031001900111', invoiceNumber: '33058151' }))).toBe(
			'031001900111-33058151',
		);
	});

	test('a 20-digit 数电 number is the key alone', () => {
		expect(dedupeKey(invoice('digital_common', { invoiceNumber: '25322000000365404822' }))).toBe(
			'25322000000365404822',
		);
	});

	test('an invoice with neither code nor number still gets a key', () => {
		const key = dedupeKey(invoice('shop_receipt', { total: 38.5, issueDate: '2024-03-02' }));
		expect(key).toMatch(/^h:[0-9a-f]{32}$/);
	});

	test('the key is stable: the same content gives the same key, every time', () => {
		const make = () =>
			invoice('taxi', { issueDate: '2024-03-02', total: 23, transport: { departureTime: '2024-03-02 08:15' } });
		expect(dedupeKey(make())).toBe(dedupeKey(JSON.parse(JSON.stringify(make())) as RecognizedInvoice));
		// Pinned: a change to the hashing would silently break the keys users stored in earlier runs.
		expect(dedupeKey(make())).toBe('h:fff74f03d0dbd6e7f07f915613a90ac7');
	});

	test('two parking receipts with the same number are different invoices', () => {
		const first = invoice('parking', { invoiceNumber: '00012345', total: 10, issueDate: '2024-03-01' });
		const second = invoice('parking', { invoiceNumber: '00012345', total: 15, issueDate: '2024-03-08' });
		expect(dedupeKey(first)).not.toBe('00012345');
		expect(dedupeKey(first)).toMatch(/^h:/);
		expect(dedupeKey(first)).not.toBe(dedupeKey(second));
	});

	test('a roll invoice whose code was not read is not keyed by its number alone', () => {
		const roll = (total: number) => invoice('vat_roll', { invoiceNumber: '14547954', issueDate: '2019-07-14', total });
		expect(dedupeKey(roll(200))).toMatch(/^h:/);
		expect(dedupeKey(roll(200))).not.toBe(dedupeKey(roll(300)));
		// The number is part of the content: another number, another key.
		expect(dedupeKey({ ...roll(200), invoiceNumber: '14547955' })).not.toBe(dedupeKey(roll(200)));
	});

	test('train tickets with the same serial on different trains get different keys', () => {
		const ticket = (trainNumber: string, seat: string) =>
			invoice('train_ticket', {
				invoiceNumber: 'D23402',
				issueDate: '2018-12-31',
				total: 70,
				transport: { trainNumber, departureStation: '长沙南', arrivalStation: '深圳北', seat },
			});
		expect(dedupeKey(ticket('G6001', '01车01A号'))).toMatch(/^h:/);
		expect(dedupeKey(ticket('G6001', '01车01A号'))).not.toBe(dedupeKey(ticket('G6003', '01车01A号')));
		expect(dedupeKey(ticket('G6001', '01车01A号'))).not.toBe(dedupeKey(ticket('G6001', '01车01B号')));
	});

	test('taxi receipts without a code differ by time and fare', () => {
		const ride = (departureTime: string, total: number) =>
			invoice('taxi', { invoiceNumber: '33058151', issueDate: '2024-03-02', total, transport: { departureTime } });
		expect(dedupeKey(ride('2024-03-02 08:15', 23))).not.toBe(dedupeKey(ride('2024-03-02 18:40', 23)));
		expect(dedupeKey(ride('2024-03-02 08:15', 23))).not.toBe(dedupeKey(ride('2024-03-02 08:15', 24)));
	});

	test('quota invoices: with a code the code and number, without one a hash of the content', () => {
		expect(dedupeKey(invoice('quota', { invoiceCode: '144031981110', invoiceNumber: '08212345', total: 10 }))).toBe(
			'144031981110-08212345',
		);
		const withoutCode = (seller: string) =>
			invoice('quota', {
				invoiceNumber: '08212345',
				total: 10,
				seller: { name: seller, taxId: null, addressPhone: null, bankAccount: null },
			});
		expect(dedupeKey(withoutCode('某某停车场'))).toMatch(/^h:/);
		expect(dedupeKey(withoutCode('某某停车场'))).not.toBe(dedupeKey(withoutCode('某某餐厅')));
	});

	test('spacing, full-width forms and letter case do not change the key', () => {
		const plain = invoice('shop_receipt', {
			invoiceNumber: 'A12345',
			total: 1010.5,
			seller: { name: '某某超市(南山店)', taxId: '91440300MA5FXXXX1K', addressPhone: null, bankAccount: null },
		});
		const printed = invoice('shop_receipt', {
			invoiceNumber: ' ａ12345 ',
			total: 1010.5,
			seller: { name: '某某超市（南山店） ', taxId: '91440300ma5fxxxx1k', addressPhone: null, bankAccount: null },
			remarks: 'read by another vendor',
			items: [],
		});
		expect(dedupeKey(printed)).toBe(dedupeKey(plain));
	});

	test('the same train ticket read by WeBank and by Xinhuo gets the same key', () => {
		const webank = readWebankInvoice({
			name: 'train_ticket',
			result: {
				invoice_id: 'D23402',
				departure_datetime: '2018年12月31日20:00开',
				amount: '70.00',
				train_no: 'G6001',
				departure_station: '长沙南',
				terminal_station: '深圳北',
				seat_no: '01车01A号',
				seat_class: '二等座',
				traveller_id_name: '1100002000****1234张三',
			},
		});
		const xinhuo = xinhuoBill('train_ticket', {
			ticket_number: 'D23402',
			departure_date: '2018年12月31日 20:00开',
			price: '¥70.00',
			train_number: 'G6001',
			departure_station: '长沙南',
			arrival_station: '深圳北',
			seat_number: '01车01A号',
			class: '二等座',
			passenger_name: '张三',
			passenger_id: '1100002000****1234',
		});
		expect(webank.transport).toMatchObject({ passengerName: '张三', trainNumber: 'G6001' });
		expect(xinhuo.transport).toMatchObject({ passengerName: '张三', trainNumber: 'G6001' });
		expect(dedupeKey(webank)).toMatch(/^h:/);
		expect(dedupeKey(xinhuo)).toBe(dedupeKey(webank));
	});

	test('the output always carries a string key', () => {
		const output = toOutputInvoice(invoice('other', {}), { vendor: 'xinhuo', source: null, simplify: true });
		expect(typeof output.dedupeKey).toBe('string');
		expect(output.dedupeKey).toMatch(/^h:/);
	});
});
