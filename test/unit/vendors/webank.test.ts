import { InvoiceFailure } from '../../../nodes/shared/errors';
import type { ErrorCode, InvoiceType, RecognizedInvoice } from '../../../nodes/shared/types';
import type { OcrOutcome, VendorHttpResponse } from '../../../nodes/shared/vendors/types';
import { webankAdapter } from '../../../nodes/shared/vendors/webank';
import { splitTravellerIdName } from '../../../nodes/shared/vendors/webank/fields';
import allTypes from '../../fixtures/vendors/webank/all-types.json';
import multiInvoice from '../../fixtures/vendors/webank/multi-invoice.json';

type WithVehicle = RecognizedInvoice & { vehicle?: Record<string, unknown> };

function answer(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

function outcomeOk(outcome: OcrOutcome) {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
	return outcome;
}

function errorOf(outcome: OcrOutcome) {
	if (outcome.ok) throw new Error('expected a failure, got invoices');
	return outcome.error;
}

function success(invoices: unknown[], requestId = 'req-1') {
	return { error: 0, request_id: requestId, stats: { __version__: '20200107' }, invoices };
}

function readOne(name: string, result: Record<string, unknown>): WithVehicle {
	const { invoices } = outcomeOk(webankAdapter.parseResponse(answer(success([{ name, result }]))));
	expect(invoices).toHaveLength(1);
	return invoices[0];
}

const emptyParty = { name: null, taxId: null, addressPhone: null, bankAccount: null };

/** The sample values of the vendor document's VAT e-invoice table (§3.1.3). */
const DOC_E_INVOICE = {
	invoice_name: '北京增值税电子普通发票',
	invoice_code: '011001900611',
	invoice_id: '33058151',
	invoice_date: '2018年12月31日',
	check_code: '02512696691240914194',
	machine_code: '499099835387',
	password_area: '',
	total_amount: '100.00',
	total_taxes: '10.00',
	price_plus_taxes_in_words: '贰佰贰伍拾元',
	price_plus_taxes: '110.00',
	buyer_name: '深圳前海微众银行股份有限公司',
	buyer_id: '9144030031977063XH',
	buyer_address: '深圳市南山区沙河西路、0755-12345678',
	buyer_bank: '微众银行0000',
	seller_name: '深圳前海微众银行股份有限公司',
	seller_id: '9144030031977063XH',
	seller_address: '深圳市南山区沙河西路、0755-12345678',
	seller_bank: '微众银行0000',
	payee: '张三',
	reviewer: '李四',
	drawer: '王五',
	details: [{ services_of_goods_or_taxable: '餐饮服务' }],
};

describe('webank request', () => {
	test('webank posts the base64 image and the request id as JSON to the OCR base URL', () => {
		const request = webankAdapter.buildRequest({ base64: 'iVBORw0KGgo=', requestId: 'item-7' });
		expect(request).toEqual({
			method: 'POST',
			url: '/saas/ocr/invoice',
			baseUrlField: 'ocrBaseUrl',
			body: { image: 'iVBORw0KGgo=', request_id: 'item-7' },
		});
	});

	test('webank makes up a request id when none is given, so answers can be traced', () => {
		const first = webankAdapter.buildRequest({ base64: 'Qk0=' }).body as Record<string, unknown>;
		const second = webankAdapter.buildRequest({ base64: 'Qk0=' }).body as Record<string, unknown>;
		expect(first.request_id).toMatch(/^[0-9a-f-]{36}$/);
		expect(first.request_id).not.toBe(second.request_id);
	});

	test('webank refuses URL input with INVALID_INPUT before any call', () => {
		expect.assertions(3);
		try {
			webankAdapter.buildRequest({ url: 'https://example.com/invoice.jpg' });
		} catch (error) {
			expect(error).toBeInstanceOf(InvoiceFailure);
			expect((error as InvoiceFailure).info.code).toBe('INVALID_INPUT');
			expect((error as InvoiceFailure).info.vendor).toBe('webank');
		}
	});

	test('webank limits: common image formats, no documented size, no URL', () => {
		expect(webankAdapter.limits).toEqual({
			formats: ['jpeg', 'png', 'bmp'],
			maxBytes: undefined,
			sizeBasis: 'file',
			acceptsUrl: false,
		});
		expect(webankAdapter.credentialType).toBe('webankApi');
	});
});

describe('webank documented sample', () => {
	const invoice = readOne('VAT_e-invoice', DOC_E_INVOICE);

	test('webank maps the documented e-invoice sample completely', () => {
		const { fields, ...rest } = invoice;
		expect(rest).toEqual({
			invoiceType: 'vat_electronic_common',
			title: '北京增值税电子普通发票',
			invoiceCode: '011001900611',
			invoiceNumber: '33058151',
			issueDate: '2018-12-31',
			checkCode: '02512696691240914194',
			machineCode: '499099835387',
			buyer: {
				name: '深圳前海微众银行股份有限公司',
				taxId: '9144030031977063XH',
				addressPhone: '深圳市南山区沙河西路、0755-12345678',
				bankAccount: '微众银行0000',
			},
			seller: {
				name: '深圳前海微众银行股份有限公司',
				taxId: '9144030031977063XH',
				addressPhone: '深圳市南山区沙河西路、0755-12345678',
				bankAccount: '微众银行0000',
			},
			amount: 100,
			tax: 10,
			total: 110,
			// Kept as printed, even when the vendor's sample words are odd.
			totalInWords: '贰佰贰伍拾元',
			items: [
				{
					name: '餐饮服务',
					specification: null,
					unit: null,
					quantity: null,
					unitPrice: null,
					amount: null,
					taxRate: null,
					tax: null,
				},
			],
			payee: '张三',
			reviewer: '李四',
			drawer: '王五',
			remarks: null,
			transport: null,
			category: null,
			location: null,
		});
		expect(fields).toEqual({ name: 'VAT_e-invoice', ...DOC_E_INVOICE });
	});

	test('webank splits the documented traveller_id_name into ID and name', () => {
		expect(splitTravellerIdName('1100002000****1234张三')).toEqual({
			id: '1100002000****1234',
			name: '张三',
		});
	});

	test('webank turns the documented departure_datetime into date and time', () => {
		const train = readOne('train_ticket', { departure_datetime: '2018年12月31日20:00开' });
		expect(train.issueDate).toBe('2018-12-31');
		expect(train.transport).toEqual({ departureTime: '2018-12-31 20:00' });
	});
});

describe('webank all-types fixture', () => {
	const outcome = outcomeOk(webankAdapter.parseResponse(answer(allTypes)));
	const invoices: WithVehicle[] = outcome.invoices;
	const byName = (name: string) => {
		const index = allTypes.invoices.findIndex((entry) => entry.name === name);
		expect(index).toBeGreaterThanOrEqual(0);
		return invoices[index];
	};

	test('webank returns one invoice per invoices[] entry, in order, with the echoed request id', () => {
		expect(invoices.map((invoice) => invoice.fields.name)).toEqual(
			allTypes.invoices.map((entry) => entry.name),
		);
		expect(outcome.requestId).toBe('all-types-0001');
	});

	const expectedTypes: Array<[string, InvoiceType]> = [
		['VAT_special_invoice', 'vat_special'],
		['VAT_invoice', 'vat_common'],
		['VAT_e-invoice', 'vat_electronic_common'],
		['VAT_v-invoice', 'vat_roll'],
		['train_ticket', 'train_ticket'],
		['taxi_invoice', 'taxi'],
		['flight_itinerary', 'flight_itinerary'],
		['passenger_invoice', 'passenger_transport'],
		['tolls_invoice', 'toll'],
		['quota_invoice', 'quota'],
		['general_invoice', 'general_machine'],
		['vehicle_invoice', 'motor_vehicle'],
		['second_hand_vehicle_invoice', 'used_vehicle'],
	];

	test('the fixture covers all 13 documented names', () => {
		expect(allTypes.invoices.map((entry) => entry.name).sort()).toEqual(
			expectedTypes.map(([name]) => name).sort(),
		);
	});

	test.each(expectedTypes)('webank maps name %s to invoiceType %s', (name, invoiceType) => {
		expect(byName(name).invoiceType).toBe(invoiceType);
	});

	const keyFields: Array<[string, Partial<RecognizedInvoice>]> = [
		[
			'VAT_special_invoice',
			{
				title: '上海增值税专用发票',
				invoiceCode: '3100193130',
				invoiceNumber: '04296665',
				issueDate: '2019-12-24',
				checkCode: null,
				machineCode: '661616311231',
				amount: 2619.47,
				tax: 340.53,
				total: 2960,
				totalInWords: '贰仟玖佰陆拾圆整',
			},
		],
		[
			'VAT_invoice',
			{
				title: '北京增值税普通发票',
				invoiceCode: '011001900104',
				invoiceNumber: '28473651',
				issueDate: '2020-03-06',
				checkCode: '70497714341554189588',
				buyer: {
					name: '北京星河互动科技有限公司',
					taxId: '91110108MA01C4QY8N',
					addressPhone: null,
					bankAccount: null,
				},
				amount: 953.3,
				tax: 57.2,
				total: 1010.5,
				reviewer: null,
				items: [
					{
						name: '*餐饮服务*餐费',
						specification: null,
						unit: null,
						quantity: null,
						unitPrice: null,
						amount: 953.3,
						taxRate: 0.06,
						tax: 57.2,
					},
				],
			},
		],
		[
			'VAT_e-invoice',
			{
				invoiceCode: '044031900111',
				invoiceNumber: '16285734',
				issueDate: '2019-11-15',
				checkCode: '62539018342775190466',
				amount: 94.34,
				tax: 5.66,
				total: 100,
			},
		],
		[
			'VAT_v-invoice',
			{
				title: null,
				invoiceCode: '031001900106',
				invoiceNumber: '05982374',
				issueDate: '2019-08-14',
				checkCode: '01735248906612347752',
				buyer: { name: '个人', taxId: null, addressPhone: null, bankAccount: null },
				seller: {
					name: '上海喜客便利店有限公司',
					taxId: '91310115MA1K3BY93N',
					addressPhone: null,
					bankAccount: null,
				},
				amount: 33.02,
				tax: 1.98,
				total: 35,
				totalInWords: '叁拾伍圆整',
			},
		],
		[
			'taxi_invoice',
			{
				invoiceCode: '144031981072',
				invoiceNumber: '37628415',
				issueDate: '2019-11-21',
				total: 46,
				transport: {
					mileage: 12.3,
					waitingTime: '00:04:30',
					departureTime: '2019-11-21 08:52',
					arrivalTime: '2019-11-21 09:18',
				},
			},
		],
		[
			'passenger_invoice',
			{
				invoiceCode: '144001901511',
				invoiceNumber: '01238765',
				issueDate: '2019-12-28',
				total: 120,
				transport: {
					passengerName: '赵磊',
					departureStation: '广州天河客运站',
					arrivalStation: '深圳福田汽车站',
					departureTime: '2019-12-28 13:40',
				},
			},
		],
		[
			'tolls_invoice',
			{
				invoiceCode: '144001711061',
				invoiceNumber: '06713245',
				issueDate: '2019-09-14',
				total: 35,
				amount: null,
				transport: {
					departureStation: '广州北',
					arrivalStation: '深圳南山',
					departureTime: '2019-09-14 17:42',
				},
			},
		],
		[
			'quota_invoice',
			{
				invoiceCode: '131001827953',
				invoiceNumber: '05123487',
				issueDate: null,
				total: 20,
				amount: null,
			},
		],
		[
			'general_invoice',
			{
				invoiceCode: '144031980121',
				invoiceNumber: '02376419',
				issueDate: '2019-07-18',
				total: 268,
				amount: null,
			},
		],
		[
			'second_hand_vehicle_invoice',
			{
				title: '二手车销售统一发票',
				invoiceCode: '244031900107',
				invoiceNumber: '00126843',
				buyer: {
					name: '刘洋',
					taxId: '420106199003153313',
					addressPhone: '武汉市洪山区珞喻路152号 13871234567',
					bankAccount: null,
				},
				seller: {
					name: '张伟',
					taxId: '440301198507221277',
					addressPhone: '深圳市福田区深南大道6008号 13923456789',
					bankAccount: null,
				},
				amount: 86000,
				tax: null,
				total: 86000,
			},
		],
	];

	test.each(keyFields)('webank reads the key fields of %s', (name, expected) => {
		expect(byName(name)).toMatchObject(expected);
	});

	test('webank maps the VAT special invoice completely, details as line items', () => {
		const { fields, ...invoice } = byName('VAT_special_invoice');
		expect(invoice).toEqual({
			invoiceType: 'vat_special',
			title: '上海增值税专用发票',
			invoiceCode: '3100193130',
			invoiceNumber: '04296665',
			issueDate: '2019-12-24',
			checkCode: null,
			machineCode: '661616311231',
			buyer: {
				name: '上海云帆信息科技有限公司',
				taxId: '91310115MA1H7XK266',
				addressPhone: '上海市浦东新区张江路88号 021-58881234',
				bankAccount: '招商银行上海张江支行 121909876510801',
			},
			seller: {
				name: '上海明远办公用品有限公司',
				taxId: '91310104MA1FR2QX01',
				addressPhone: '上海市徐汇区漕溪北路398号 021-64871122',
				bankAccount: '中国工商银行上海徐汇支行 1001234509006688123',
			},
			amount: 2619.47,
			tax: 340.53,
			total: 2960,
			totalInWords: '贰仟玖佰陆拾圆整',
			items: [
				{
					name: '*纸制品*复印纸A4',
					specification: '70g',
					unit: '箱',
					quantity: 10,
					unitPrice: 176.99115044,
					amount: 1769.91,
					taxRate: 0.13,
					tax: 230.09,
				},
				{
					name: '*计算机外部设备*激光打印机',
					specification: 'M1136',
					unit: '台',
					quantity: 1,
					unitPrice: 849.56637168,
					amount: 849.56,
					taxRate: 0.13,
					tax: 110.44,
				},
			],
			payee: '李娜',
			reviewer: '王强',
			drawer: '张敏',
			remarks: null,
			transport: null,
			category: null,
			location: null,
		});
		expect(fields.invoice_form).toBe('第三联:发票联');
		expect(fields.password_area).toMatch(/^03</);
	});

	test('webank maps the train ticket completely: ID and name split, 开 time kept', () => {
		const { fields, ...invoice } = byName('train_ticket');
		expect(invoice).toEqual({
			invoiceType: 'train_ticket',
			title: null,
			invoiceCode: null,
			invoiceNumber: 'E065432',
			issueDate: '2019-12-11',
			checkCode: null,
			machineCode: null,
			buyer: emptyParty,
			seller: emptyParty,
			amount: null,
			tax: null,
			total: 134.5,
			totalInWords: null,
			items: [],
			payee: null,
			reviewer: null,
			drawer: null,
			remarks: null,
			transport: {
				trainNumber: 'G7138',
				departureStation: '南京南',
				arrivalStation: '上海虹桥',
				seat: '05车12F号',
				seatClass: '二等座',
				gate: '检票:A12',
				ticketId: '21077300460128E065432',
				ticketingStation: '南京南售',
				departureTime: '2019-12-11 14:05',
				passengerName: '王芳',
				passengerId: '3201021992****1528',
			},
			category: null,
			location: null,
		});
		expect(fields).toMatchObject({ purchasing: '网', traveller_id_name: '3201021992****1528王芳' });
	});

	test('webank puts the first flight leg into transport and every leg into transport.flights', () => {
		const invoice = byName('flight_itinerary');
		expect(invoice).toMatchObject({ invoiceNumber: '781-5432187654', total: 2250, amount: null });
		const legs = [
			{
				departureStation: '上海虹桥',
				arrivalStation: '北京首都',
				departureTime: '2020-01-15 08:00',
				flightNumber: 'MU5101',
				seatClass: 'Y',
				fareBasis: 'Y',
			},
			{
				departureStation: '北京首都',
				arrivalStation: '上海虹桥',
				departureTime: '2020-01-18 19:30',
				flightNumber: 'CA1519',
				seatClass: 'Y',
				fareBasis: 'YRT',
			},
		];
		expect(invoice.transport).toEqual({
			passengerName: '李明',
			passengerId: '3101151990****4416',
			fare: 2000,
			fuelSurcharge: 120,
			otherTaxes: 100,
			insurance: 30,
			eTicketNumber: '781-5432187654',
			...legs[0],
			flights: legs,
		});
	});

	test('webank maps the new-vehicle invoice: pre-tax price, seller boxes joined, vehicle block', () => {
		const invoice = byName('vehicle_invoice');
		expect(invoice).toMatchObject({
			title: '机动车销售统一发票',
			invoiceCode: '144031923110',
			invoiceNumber: '00385712',
			issueDate: '2019-09-26',
			machineCode: '499098862014',
			amount: 120176.99,
			tax: 15623.01,
			total: 135800,
			totalInWords: '壹拾叁万伍仟捌佰圆整',
			buyer: { name: '王晓明', taxId: '440305198805122619', addressPhone: null, bankAccount: null },
			seller: {
				name: '深圳市鹏程汽车销售服务有限公司',
				taxId: '91440300MA5F9QW11D',
				addressPhone: '深圳市南山区北环大道9018号 0755-26981234',
				bankAccount: '中国建设银行深圳科技园支行 44250100003600001234',
			},
		});
		expect(invoice.vehicle).toEqual({
			vehicleType: '轿车',
			model: '比亚迪牌BYD7152WT6HEVC1',
			vin: 'LGXC16DG2K0123456',
			engineNumber: 'BYD476ZQA19080312',
			plateNumber: null,
			origin: '深圳',
			certificateNumber: 'WAB013190212345',
			importCertificateNumber: null,
			inspectionNumber: null,
			registrationNumber: null,
			vehicleManagementOffice: null,
			seatingCapacity: null,
			tonnage: null,
		});
		expect(invoice.fields).toMatchObject({ tax_rate: '13%', taxer_id: '14403050000' });
	});

	test('webank used-vehicle block holds plate, registration and the vehicle office', () => {
		expect(byName('second_hand_vehicle_invoice').vehicle).toMatchObject({
			plateNumber: '粤B7Q2N9',
			registrationNumber: '440012345678',
			vehicleManagementOffice: '武汉市公安局交通管理局车辆管理所',
			vin: 'LFV2A21K8E3123456',
		});
	});

	test('webank keeps every result key in fields, with the vendor value', () => {
		allTypes.invoices.forEach((entry, index) => {
			expect(invoices[index].fields).toEqual({ name: entry.name, ...entry.result });
		});
	});

	test('webank adds no vehicle block to invoices that are not vehicle sales', () => {
		expect(byName('VAT_invoice').vehicle).toBeUndefined();
		expect(byName('taxi_invoice').vehicle).toBeUndefined();
	});
});

describe('webank multi-invoice image', () => {
	const outcome = outcomeOk(webankAdapter.parseResponse(answer(multiInvoice)));

	test('webank returns three invoices of different types from one image, in order', () => {
		expect(outcome.invoices.map((invoice) => invoice.invoiceType)).toEqual([
			'vat_electronic_common',
			'taxi',
			'train_ticket',
		]);
		expect(outcome.invoices.map((invoice) => invoice.total)).toEqual([100, 46, 134.5]);
		expect(outcome.requestId).toBe('multi-invoice-0001');
	});
});

describe('webank shapes the document leaves open', () => {
	test.each([
		['1100002000****1234张三', '1100002000****1234', '张三'],
		['1100002000＊＊＊＊123X 李四', '1100002000****123X', '李四'],
		['王五110101199003071234', '110101199003071234', '王五'],
		['张三', null, '张三'],
		['', null, null],
	])('splitTravellerIdName(%p) → id %p, name %p', (input, id, name) => {
		expect(splitTravellerIdName(input)).toEqual({ id, name });
	});

	test('webank reads a quantity under the corrected spelling too', () => {
		const invoice = readOne('VAT_invoice', {
			details: [
				{ services_of_goods_or_taxable: '*办公用品*签字笔', quantity: '12', amount: '30.00' },
			],
		});
		expect(invoice.items[0]).toMatchObject({ name: '*办公用品*签字笔', quantity: 12, amount: 30 });
	});

	test('webank leaves departureTime out when an itinerary prints a date without a year', () => {
		const invoice = readOne('flight_itinerary', {
			flights: [{ departure_date: '15MAR', departure_time: '0735', flight_no: 'MU5101' }],
		});
		// Transport keys appear only when read; each leg keeps the full leg shape.
		expect(invoice.transport).toEqual({
			flightNumber: 'MU5101',
			flights: [
				{
					departureStation: null,
					arrivalStation: null,
					departureTime: null,
					flightNumber: 'MU5101',
					seatClass: null,
					fareBasis: null,
				},
			],
		});
	});

	test('webank reads an unknown name as other, keeping code, number and date', () => {
		const invoice = readOne('bus_invoice', {
			invoice_code: '144001901511',
			invoice_id: '01238765',
			invoice_date: '2019-12-28',
			total_amount: '50.00',
		});
		expect(invoice).toMatchObject({
			invoiceType: 'other',
			invoiceCode: '144001901511',
			invoiceNumber: '01238765',
			issueDate: '2019-12-28',
			total: null,
		});
		expect(invoice.fields.total_amount).toBe('50.00');
	});

	test('webank never reads a name from the object prototype', () => {
		expect(readOne('toString', {}).invoiceType).toBe('other');
	});

	test('webank treats masked money as absent and keeps ¥1,010.50 as 1010.5', () => {
		const invoice = readOne('VAT_invoice', {
			total_amount: '***',
			total_taxes: '***',
			price_plus_taxes: '¥1,010.50',
		});
		expect(invoice).toMatchObject({ amount: null, tax: null, total: 1010.5 });
	});
});

describe('webank errors', () => {
	const documented: Array<[number, ErrorCode, boolean, string]> = [
		[1, 'VENDOR_UNAVAILABLE', true, '服务内部错误'],
		[2, 'INVALID_INPUT', false, 'HTTP 请求参数错误'],
		[3, 'IMAGE_UNREADABLE', false, '图片解码错误'],
	];

	test.each(documented)(
		'webank maps error %s to %s (retryable: %s) with the documented words',
		(vendorCode, code, retryable, words) => {
			const error = errorOf(
				webankAdapter.parseResponse(answer({ error: vendorCode, request_id: 'req-9', stats: {} })),
			);
			expect(error).toEqual({
				code,
				retryable,
				message: expect.stringContaining(`(${vendorCode})`),
				vendor: 'webank',
				vendorCode: String(vendorCode),
				vendorMessage: words,
				requestId: 'req-9',
			});
		},
	);

	test('webank keeps a message the answer carries over the documented words', () => {
		const error = errorOf(
			webankAdapter.parseResponse(answer({ error: '2', msg: 'image is empty', request_id: 'r' })),
		);
		expect(error).toMatchObject({ code: 'INVALID_INPUT', vendorMessage: 'image is empty' });
	});

	test('webank maps HTTP 429 to RATE_LIMITED and retries, whatever generic code the body has', () => {
		const error = errorOf(webankAdapter.parseResponse(answer({ error: 1, request_id: 'r' }, 429)));
		expect(error).toMatchObject({
			code: 'RATE_LIMITED',
			retryable: true,
			vendorCode: '1',
			requestId: 'r',
		});
		expect(errorOf(webankAdapter.parseResponse(answer({}, 429))).code).toBe('RATE_LIMITED');
	});

	test('webank maps an undocumented error code to UNKNOWN, never to success', () => {
		const error = errorOf(webankAdapter.parseResponse(answer({ error: 7, request_id: 'r' })));
		expect(error).toMatchObject({ code: 'UNKNOWN', vendorCode: '7', retryable: false });
	});

	test('webank answers error 0 with no invoices as NO_INVOICE_FOUND, keeping the request id', () => {
		const error = errorOf(webankAdapter.parseResponse(answer(success([], 'req-empty'))));
		expect(error).toMatchObject({
			code: 'NO_INVOICE_FOUND',
			vendorCode: '0',
			retryable: false,
			requestId: 'req-empty',
		});
		expect(errorOf(webankAdapter.parseResponse(answer({ error: 0 }))).code).toBe(
			'NO_INVOICE_FOUND',
		);
	});

	test('webank maps a body without an error code to VENDOR_UNAVAILABLE on HTTP 5xx and UNKNOWN otherwise', () => {
		expect(
			errorOf(webankAdapter.parseResponse(answer({ message: 'bad gateway' }, 502))),
		).toMatchObject({
			code: 'VENDOR_UNAVAILABLE',
			retryable: true,
		});
		expect(errorOf(webankAdapter.parseResponse(answer({ ok: true }, 200))).code).toBe('UNKNOWN');
	});
});
