import { InvoiceFailure } from '../../../nodes/shared/errors';
import type { ErrorCode, InvoiceType, RecognizedInvoice } from '../../../nodes/shared/types';
import type { OcrOutcome, VendorHttpResponse } from '../../../nodes/shared/vendors/types';
import { xinhuoAdapter } from '../../../nodes/shared/vendors/xinhuo';
import { amountInWords } from '../../../nodes/shared/normalize/invoice';
import { clockTime, flightDate, kilometres } from '../../../nodes/shared/normalize/tickets';
import allTypes from '../../fixtures/vendors/xinhuo/all-types.json';
import multiInvoice from '../../fixtures/vendors/xinhuo/multi-invoice.json';

function answer(body: unknown, statusCode = 200): VendorHttpResponse {
	return { statusCode, body, headers: {} };
}

function invoicesOf(outcome: OcrOutcome): RecognizedInvoice[] {
	if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.code}`);
	return outcome.invoices;
}

function errorOf(outcome: OcrOutcome) {
	if (outcome.ok) throw new Error('expected a failure, got invoices');
	return outcome.error;
}

/** One Xinhuo bill with the given type and `item_list` pairs. */
function bill(type: string, pairs: Array<[string, string]> = [], extra: object = {}) {
	return {
		image_angle: 0,
		position: [0, 0, 100, 0, 100, 50, 0, 50],
		class: 'other_invoice',
		type,
		item_list: pairs.map(([key, value]) => ({ key, value, description: '', position: [] })),
		...extra,
	};
}

function success(objects: unknown[]) {
	return { code: 200, message: 'success', result: { object_list: objects } };
}

function readOne(object: unknown): RecognizedInvoice {
	const invoices = invoicesOf(xinhuoAdapter.parseResponse(answer(success([object]))));
	expect(invoices).toHaveLength(1);
	return invoices[0];
}

const emptyParty = { name: null, taxId: null, addressPhone: null, bankAccount: null };

/** The response example printed in the vendor document (xinhuo-multi-invoice-ocr.md). */
const DOC_EXAMPLE = {
	code: 200,
	message: 'success',
	result: {
		object_list: [
			{
				image_angle: 270,
				rotated_image_width: 1440,
				rotated_image_height: 1080,
				position: [300, 394, 1059, 411, 1059, 481, 300, 459],
				class: 'local_invoice',
				type: 'quota_invoice',
				type_description: '通用定额发票',
				item_list: [
					{
						key: 'quota_invoice_code',
						value: '131001827953',
						position: [752, 532, 1256, 535, 1256, 573, 752, 567],
						description: '发票代码',
					},
					{
						key: 'money_small',
						value: '10.00',
						position: [300, 394, 1059, 411, 1059, 481, 300, 459],
						description: '金额(小写)',
					},
				],
			},
			{
				image_angle: 270,
				rotated_image_width: 1330,
				rotated_image_height: 1280,
				position: [300, 394, 1059, 411, 1059, 481, 300, 459],
				class: 'other',
				type: 'train_ticket',
				type_description: '火车票',
				item_list: [
					{
						key: 'departure_station',
						value: '上海站',
						position: [126, 275, 700, 270, 700, 311, 126, 320],
						description: '出发地',
					},
					{
						key: 'arrival_station',
						value: '131001827953',
						position: [177, 159, 1127, 149, 1127, 206, 177, 217],
						description: '目的地',
					},
				],
			},
		],
	},
};

describe('xinhuo request', () => {
	test('xinhuo posts the base64 image with the default request type "9" to /ocr', () => {
		const request = xinhuoAdapter.buildRequest({ base64: '/9j/4AAQSkZJRg==', format: 'jpeg' });
		expect(request).toEqual({
			method: 'POST',
			url: '/ocr',
			body: { image: '/9j/4AAQSkZJRg==', type: '9' },
		});
	});

	test('xinhuo sends a configured request type unchanged', () => {
		const request = xinhuoAdapter.buildRequest({ base64: 'Qk0=', xinhuoType: '12' });
		expect(request.body).toEqual({ image: 'Qk0=', type: '12' });
	});

	test('xinhuo refuses URL input with INVALID_INPUT before any call', () => {
		expect.assertions(3);
		try {
			xinhuoAdapter.buildRequest({ url: 'https://example.com/bills.jpg' });
		} catch (error) {
			expect(error).toBeInstanceOf(InvoiceFailure);
			expect((error as InvoiceFailure).info.code).toBe('INVALID_INPUT');
			expect((error as InvoiceFailure).info.vendor).toBe('xinhuo');
		}
	});

	test('xinhuo limits: jpeg/tiff/png/bmp, no documented size, no URL', () => {
		expect(xinhuoAdapter.limits).toEqual({
			formats: ['jpeg', 'tiff', 'png', 'bmp'],
			maxBytes: undefined,
			sizeBasis: 'file',
			acceptsUrl: false,
		});
		expect(xinhuoAdapter.credentialType).toBe('xinhuoApi');
		expect(xinhuoAdapter.vendor).toBe('xinhuo');
	});
});

describe('xinhuo documented example', () => {
	const invoices = invoicesOf(xinhuoAdapter.parseResponse(answer(DOC_EXAMPLE)));

	test('xinhuo splits the documented example into a quota invoice and a train ticket, in order', () => {
		expect(invoices.map((invoice) => invoice.invoiceType)).toEqual(['quota', 'train_ticket']);
	});

	test('xinhuo maps the documented quota invoice completely', () => {
		expect(invoices[0]).toEqual({
			invoiceType: 'quota',
			title: null,
			invoiceCode: '131001827953',
			invoiceNumber: null,
			issueDate: null,
			checkCode: null,
			machineCode: null,
			buyer: emptyParty,
			seller: emptyParty,
			amount: null,
			tax: null,
			total: 10,
			totalInWords: null,
			items: [],
			payee: null,
			reviewer: null,
			drawer: null,
			remarks: null,
			transport: null,
			category: null,
			location: { page: null, angle: 270, polygon: [300, 394, 1059, 411, 1059, 481, 300, 459] },
			fields: {
				image_angle: '270',
				rotated_image_width: '1440',
				rotated_image_height: '1080',
				position: [300, 394, 1059, 411, 1059, 481, 300, 459],
				class: 'local_invoice',
				type: 'quota_invoice',
				type_description: '通用定额发票',
				quota_invoice_code: '131001827953',
				money_small: '10.00',
			},
		});
	});

	test('xinhuo puts the documented train stations into transport', () => {
		expect(invoices[1].transport).toEqual({
			departureStation: '上海站',
			arrivalStation: '131001827953',
		});
		expect(invoices[1].total).toBeNull();
	});
});

describe('xinhuo all-types fixture', () => {
	const invoices = invoicesOf(xinhuoAdapter.parseResponse(answer(allTypes)));
	const byType = (vendorType: string) => {
		const index = allTypes.result.object_list.findIndex((object) => object.type === vendorType);
		expect(index).toBeGreaterThanOrEqual(0);
		return invoices[index];
	};

	test('xinhuo returns one invoice per object, in the order of object_list', () => {
		expect(invoices).toHaveLength(allTypes.result.object_list.length);
		expect(invoices.map((invoice) => invoice.fields.type)).toEqual(
			allTypes.result.object_list.map((object) => object.type),
		);
	});

	const expectedTypes: Array<[string, InvoiceType]> = [
		['vat_special_invoice', 'vat_special'],
		['vat_common_invoice', 'vat_common'],
		['vat_electronic_invoice', 'vat_electronic_common'],
		['vat_electronic_toll_invoice', 'vat_toll'],
		['vat_roll_invoice', 'vat_roll'],
		['vat_transport_invoice', 'vat_transport'],
		['motor_vehicle_sale_invoice', 'motor_vehicle'],
		['used_car_purchase_invoice', 'used_vehicle'],
		['general_machine_invoice', 'general_machine'],
		['quota_invoice', 'quota'],
		['passenger_transport_invoice', 'passenger_transport'],
		['highway_passenger_invoice', 'passenger_transport'],
		['shipping_invoice', 'shipping'],
		['taxi_ticket', 'taxi'],
		['parking_invoice', 'parking'],
		['vehicle_toll', 'toll'],
		['medical_receipt', 'medical_receipt'],
		['education_receipt', 'education_receipt'],
		['air_transport', 'flight_itinerary'],
		['train_ticket', 'train_ticket'],
		['vat_invoice_sales_list', 'sales_list'],
		['shop_receipt', 'shop_receipt'],
		['other', 'other'],
		['vat_electronic_special_invoice', 'vat_electronic_special'],
		['blockchain_electronic_invoice', 'vat_blockchain'],
		['vat_electronic_invoice_new', 'digital_common'],
		['vat_electronic_special_invoice_new', 'digital_special'],
	];

	test('the fixture covers every row of the type table', () => {
		expect(allTypes.result.object_list.map((object) => object.type).sort()).toEqual(
			expectedTypes.map(([vendorType]) => vendorType).sort(),
		);
	});

	test.each(expectedTypes)('xinhuo maps type %s to invoiceType %s', (vendorType, invoiceType) => {
		expect(byType(vendorType).invoiceType).toBe(invoiceType);
	});

	const keyFields: Array<[string, Partial<RecognizedInvoice>]> = [
		[
			'vat_common_invoice',
			{
				invoiceCode: '031001900104',
				invoiceNumber: '28473651',
				issueDate: '2020-03-06',
				checkCode: '70497714341554189588',
				machineCode: '499098556785',
				buyer: {
					name: '北京星河互动科技有限公司',
					taxId: '91110108MA01C4QY8N',
					addressPhone: null,
					bankAccount: null,
				},
				amount: 953.3,
				tax: 57.2,
				total: 1010.5,
				totalInWords: '壹仟零壹拾圆伍角',
				reviewer: null,
				category: 'repast',
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
			'vat_electronic_invoice',
			{
				invoiceCode: '044031900111',
				invoiceNumber: '16285734',
				checkCode: '62539018342775190466',
				seller: {
					name: '深圳市迅达物流有限公司',
					taxId: '91440300MA5DC7E607',
					addressPhone: '深圳市宝安区福永街道凤凰路28号 0755-27391234',
					bankAccount: '平安银行深圳宝安支行 11014567890123',
				},
				amount: 94.34,
				tax: 5.66,
				total: 100,
				remarks: '运单号:SF1029384756',
			},
		],
		[
			'vat_electronic_toll_invoice',
			{ invoiceCode: '032001900312', amount: 45, tax: null, total: 45, totalInWords: '肆拾伍圆整' },
		],
		[
			'vat_roll_invoice',
			{
				title: '上海增值税普通发票',
				invoiceCode: '031001900106',
				invoiceNumber: '05982374',
				issueDate: '2019-08-14',
				checkCode: '01735248906612347752',
				machineCode: '499099607733',
				buyer: { name: '个人', taxId: null, addressPhone: null, bankAccount: null },
				seller: {
					name: '上海喜客便利店有限公司',
					taxId: '91310115MA1K3BY93N',
					addressPhone: null,
					bankAccount: null,
				},
				total: 35,
				totalInWords: '叁拾伍圆整',
				payee: '01',
				location: { page: null, angle: 90, polygon: [300, 394, 1059, 411, 1059, 1481, 300, 1459] },
			},
		],
		['vat_transport_invoice', { invoiceCode: null, total: null, items: [], category: 'traffic' }],
		[
			'used_car_purchase_invoice',
			{
				invoiceCode: '244031900107',
				invoiceNumber: '00126843',
				issueDate: '2019-11-08',
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
				total: 86000,
				totalInWords: '捌万陆仟圆整',
				remarks: '转出地:深圳',
			},
		],
		[
			'general_machine_invoice',
			{
				invoiceCode: '144031980121',
				invoiceNumber: '02376419',
				issueDate: '2019-07-18',
				total: 268,
			},
		],
		[
			'quota_invoice',
			{
				invoiceCode: '131001827953',
				invoiceNumber: '05123487',
				total: 20,
				totalInWords: '贰拾圆整',
				location: { page: null, angle: 270, polygon: [300, 394, 1059, 411, 1059, 481, 300, 459] },
			},
		],
		[
			'passenger_transport_invoice',
			{
				invoiceCode: '133011920031',
				invoiceNumber: '00452187',
				issueDate: '2019-10-01',
				total: 56,
				transport: {
					passengerName: '赵磊',
					passengerId: '3301061991****2412',
					departureTime: '2019-10-01 08:30',
				},
			},
		],
		[
			'highway_passenger_invoice',
			{ invoiceNumber: '01238765', total: 120, transport: { departureTime: '2019-12-28 13:40' } },
		],
		[
			'shipping_invoice',
			{ invoiceCode: '137021970612', total: 85, transport: { departureTime: '2019-08-03 09:15' } },
		],
		[
			'parking_invoice',
			{ invoiceCode: null, invoiceNumber: '00215739', total: 15, transport: null },
		],
		[
			'vehicle_toll',
			{
				invoiceCode: '144001711061',
				invoiceNumber: '06713245',
				issueDate: '2019-09-14',
				total: 35,
			},
		],
		['medical_receipt', { total: 326.5, category: 'other' }],
		['education_receipt', { total: null, category: 'education' }],
		[
			'train_ticket',
			{
				invoiceNumber: 'E065432',
				issueDate: '2019-12-11',
				total: 134.5,
				transport: {
					passengerName: '王芳',
					passengerId: '3201021992****1528',
					trainNumber: 'G7138',
					departureStation: '南京南',
					arrivalStation: '上海虹桥',
					departureTime: '2019-12-11 14:05',
					seatClass: '二等座',
					seat: '05车12F号',
					gate: '检票:A12',
					ticketId: '21077300460128E065432',
				},
			},
		],
		[
			'vat_invoice_sales_list',
			{
				invoiceCode: '3300193130',
				invoiceNumber: '01984562',
				issueDate: '2019-11-28',
				buyer: {
					name: '杭州青禾电子商务有限公司',
					taxId: null,
					addressPhone: null,
					bankAccount: null,
				},
				seller: {
					name: '浙江天瑞办公设备有限公司',
					taxId: null,
					addressPhone: null,
					bankAccount: null,
				},
				amount: 12389.38,
				tax: 1610.61,
				total: null,
			},
		],
		[
			'shop_receipt',
			{
				invoiceNumber: '000123456789',
				issueDate: '2019-12-20',
				total: 58.6,
				seller: {
					name: '喜客便利店(徐家汇店)',
					taxId: null,
					addressPhone: null,
					bankAccount: null,
				},
				category: 'foodstuff',
			},
		],
		['other', { total: 30, category: 'other' }],
		[
			'vat_electronic_special_invoice',
			{
				invoiceCode: '031002000113',
				invoiceNumber: '00894561',
				issueDate: '2021-01-18',
				total: 6000,
			},
		],
		[
			'blockchain_electronic_invoice',
			{ invoiceCode: '144032009110', checkCode: '84716', amount: 377.36, tax: 22.64, total: 400 },
		],
		[
			'vat_electronic_invoice_new',
			{
				invoiceCode: null,
				invoiceNumber: '24312000000012345678',
				issueDate: '2024-03-18',
				amount: 849.06,
				tax: 50.94,
				total: 900,
				category: 'lodging',
			},
		],
		[
			'vat_electronic_special_invoice_new',
			{
				invoiceCode: null,
				invoiceNumber: '24442000000087654321',
				amount: 44247.78,
				tax: 5752.21,
				total: 49999.99,
				totalInWords: '肆万玖仟玖佰玖拾玖圆玖角玖分',
			},
		],
	];

	test.each(keyFields)('xinhuo reads the key fields of %s', (vendorType, expected) => {
		expect(byType(vendorType)).toMatchObject(expected);
	});

	test('xinhuo maps the VAT special invoice completely, line items from product_list cells', () => {
		const { fields, ...invoice } = byType('vat_special_invoice');
		expect(invoice).toEqual({
			invoiceType: 'vat_special',
			title: null,
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
			remarks: '合同号:HT-2019-1208',
			transport: null,
			category: 'office',
			location: { page: null, angle: 0, polygon: [60, 52, 1380, 60, 1376, 1020, 56, 1012] },
		});
		// Keys without a contract home are kept with the vendor's value.
		expect(fields).toMatchObject({
			vat_invoice_zhuan_yong_flag: '专票',
			vat_invoice_tax_rate: '13%',
			vat_invoice_credit_memo: '非红冲',
			exist_stample: '1',
			kind: 'office',
			kind_description: '办公',
		});
		expect(fields.product_list).toEqual(allTypes.result.object_list[0].product_list);
	});

	test('xinhuo maps the taxi ticket completely, with boarding and landing times on its date', () => {
		const { fields, ...invoice } = byType('taxi_ticket');
		expect(invoice).toEqual({
			invoiceType: 'taxi',
			title: null,
			invoiceCode: '131001960022',
			invoiceNumber: '58472913',
			issueDate: '2019-11-21',
			checkCode: null,
			machineCode: null,
			buyer: emptyParty,
			seller: emptyParty,
			amount: null,
			tax: null,
			total: 46,
			totalInWords: null,
			items: [],
			payee: null,
			reviewer: null,
			drawer: null,
			remarks: null,
			transport: {
				licensePlate: '沪FT3826',
				mileage: 12.3,
				departureTime: '2019-11-21 08:52',
				arrivalTime: '2019-11-21 09:18',
			},
			category: 'traffic',
			location: { page: null, angle: 0, polygon: [812, 96, 1180, 96, 1180, 860, 812, 860] },
		});
		expect(fields).toMatchObject({ location: '上海', boarding_time: '08:52', mileage: '12.3km' });
	});

	test('xinhuo maps the itinerary: ticket number, fare parts and the 05DEC flight date in the issue year', () => {
		const invoice = byType('air_transport');
		expect(invoice).toMatchObject({
			invoiceNumber: '7815432187654',
			issueDate: '2019-12-02',
			total: 1160,
			seller: { name: '上海远航国际旅行社有限公司' },
		});
		const leg = {
			departureStation: '上海虹桥',
			arrivalStation: '北京首都',
			departureTime: '2019-12-05 08:00',
			flightNumber: 'MU5101',
			seatClass: 'Y',
			fareBasis: 'Y',
		};
		expect(invoice.transport).toEqual({
			...leg,
			passengerName: '李明',
			passengerId: '3101151990****4416',
			serialNumber: '58412398761',
			eTicketNumber: '7815432187654',
			fare: 1050,
			civilAviationFund: 50,
			fuelSurcharge: 60,
			flights: [leg],
		});
	});

	test('xinhuo puts vehicle details of a motor vehicle invoice under vehicle and the seller boxes together', () => {
		const invoice = byType('motor_vehicle_sale_invoice') as RecognizedInvoice & {
			vehicle?: unknown;
		};
		expect(invoice).toMatchObject({
			invoiceCode: '144031923110',
			invoiceNumber: '00385712',
			issueDate: '2019-09-26',
			machineCode: '499098862014',
			buyer: { name: '王晓明', taxId: '440305198805122619', addressPhone: null, bankAccount: null },
			seller: {
				name: '深圳市鹏程汽车销售服务有限公司',
				taxId: '91440300MA5F9QW11D',
				addressPhone: '深圳市南山区北环大道9018号 0755-26981234',
				bankAccount: '中国建设银行深圳科技园支行 44250100003600001234',
			},
			amount: 120176.99,
			tax: 15623.01,
			total: 135800,
			totalInWords: '壹拾叁万伍仟捌佰圆整',
			drawer: '陈静',
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
			seatingCapacity: '5',
			tonnage: null,
		});
		expect(invoice.fields.vehicle_invoice_tax_author_name).toBe('国家税务总局深圳市南山区税务局');
	});

	test('xinhuo used-car vehicle block holds plate, registration and the vehicle office', () => {
		const invoice = byType('used_car_purchase_invoice') as RecognizedInvoice & {
			vehicle?: Record<string, unknown>;
		};
		expect(invoice.vehicle).toMatchObject({
			vehicleType: '小型轿车',
			vin: 'LFV2A21K8E3123456',
			plateNumber: '粤B7Q2N9',
			registrationNumber: '440012345678',
			vehicleManagementOffice: '武汉市公安局交通管理局车辆管理所',
		});
	});

	test('xinhuo reads object-shaped product rows like cell lists', () => {
		expect(byType('vat_electronic_invoice').items).toEqual([
			{
				name: '*物流辅助服务*收派服务费',
				specification: null,
				unit: '次',
				quantity: 1,
				unitPrice: 94.34,
				amount: 94.34,
				taxRate: 0.06,
				tax: 5.66,
			},
		]);
	});

	test('xinhuo splits multi-line per-row list keys into one item per line', () => {
		expect(byType('vat_electronic_special_invoice_new').items).toEqual([
			{
				name: '*水泥*普通硅酸盐水泥',
				specification: 'P.O 42.5',
				unit: '吨',
				quantity: 60,
				unitPrice: 442.477876106195,
				amount: 26548.67,
				taxRate: 0.13,
				tax: 3451.33,
			},
			{
				name: '*建筑用石*碎石',
				specification: '5-25mm',
				unit: '立方米',
				quantity: 150,
				unitPrice: 117.994066666667,
				amount: 17699.11,
				taxRate: 0.13,
				tax: 2300.88,
			},
		]);
	});

	test('xinhuo turns each line of a shop receipt sku into an item name', () => {
		expect(byType('shop_receipt').items.map((item) => item.name)).toEqual([
			'可口可乐330ml',
			'金枪鱼三明治',
			'关东煮套餐',
		]);
	});

	test('xinhuo treats a masked or 不征税 tax as absent, not zero', () => {
		const toll = byType('vat_electronic_toll_invoice');
		expect(toll.tax).toBeNull();
		expect(toll.items[0]).toMatchObject({ amount: 45, taxRate: null, tax: null });
		expect(toll.fields.vat_invoice_tax_total).toBe('***');
	});

	test("xinhuo keeps a train ticket's class (座位类别) under fields.class and the bill's class aside", () => {
		expect(byType('train_ticket').fields).toMatchObject({
			class: '二等座',
			object_class: 'other_invoice',
		});
		expect(byType('taxi_ticket').fields.class).toBe('local_invoice');
	});

	test('xinhuo keeps every item_list key in fields, with the vendor value', () => {
		allTypes.result.object_list.forEach((object, index) => {
			for (const { key, value } of object.item_list) {
				expect(invoices[index].fields[key]).toBe(value);
			}
		});
	});
});

describe('xinhuo multi-invoice image', () => {
	const invoices = invoicesOf(xinhuoAdapter.parseResponse(answer(multiInvoice)));

	test('xinhuo returns three invoices of different types from one image, in order', () => {
		expect(invoices.map((invoice) => invoice.invoiceType)).toEqual([
			'vat_electronic_common',
			'taxi',
			'train_ticket',
		]);
		expect(invoices.map((invoice) => invoice.invoiceNumber)).toEqual([
			'16285734',
			'58472913',
			'E065432',
		]);
	});

	test('xinhuo gives each invoice of a multi-invoice image its own location', () => {
		expect(invoices.map((invoice) => invoice.location)).toEqual([
			{ page: null, angle: 0, polygon: [40, 36, 1020, 40, 1016, 690, 38, 686] },
			{ page: null, angle: 90, polygon: [1080, 60, 1400, 58, 1404, 820, 1084, 822] },
			{ page: null, angle: 0, polygon: [60, 760, 700, 752, 706, 1180, 64, 1188] },
		]);
	});
});

describe('xinhuo shapes the documents leave open', () => {
	test('xinhuo reads unknown types as other, with the common keys', () => {
		const invoice = readOne(
			bill('non_tax_income_unified_bill', [
				['invoice_number', '0012345678'],
				['money', '¥66.00'],
			]),
		);
		expect(invoice.invoiceType).toBe('other');
		expect(invoice.invoiceNumber).toBe('0012345678');
		expect(invoice.total).toBe(66);
		expect(invoice.fields.type).toBe('non_tax_income_unified_bill');
	});

	test('xinhuo never reads a type from the object prototype', () => {
		expect(readOne(bill('constructor')).invoiceType).toBe('other');
		expect(readOne(bill('__proto__')).invoiceType).toBe('other');
	});

	test.each([
		['medical_invoice', 'medical_receipt'],
		['electronic_medical_invoice', 'medical_receipt'],
		['machine_printed_invoice', 'general_machine'],
		['electronic_train_ticket', 'train_ticket'],
		['electronic_air_transport', 'flight_itinerary'],
	])('xinhuo maps TextIn-style type %s to %s', (vendorType, invoiceType) => {
		expect(readOne(bill(vendorType)).invoiceType).toBe(invoiceType);
	});

	test('xinhuo reads repeated per-row list keys as one row each and keeps them as arrays in fields', () => {
		const invoice = readOne(
			bill('vat_common_invoice', [
				['vat_invoice_goods_list', '*餐饮服务*餐费'],
				['vat_invoice_price_list', '94.34'],
				['vat_invoice_tax_rate_list', '6%'],
				['vat_invoice_tax_list', '5.66'],
				['vat_invoice_goods_list', '*餐饮服务*包间服务费'],
				['vat_invoice_price_list', '18.87'],
				['vat_invoice_tax_rate_list', '6%'],
				['vat_invoice_tax_list', '1.13'],
			]),
		);
		expect(invoice.items.map((item) => [item.name, item.amount, item.taxRate, item.tax])).toEqual([
			['*餐饮服务*餐费', 94.34, 0.06, 5.66],
			['*餐饮服务*包间服务费', 18.87, 0.06, 1.13],
		]);
		expect(invoice.fields.vat_invoice_goods_list).toEqual([
			'*餐饮服务*餐费',
			'*餐饮服务*包间服务费',
		]);
	});

	test('xinhuo joins a goods name that wraps over several lines of a single row', () => {
		const invoice = readOne(
			bill('vat_common_invoice', [
				['vat_invoice_goods_list', '*果类加工品*坚果大礼包\r\n中秋礼盒9袋装'],
				['vat_invoice_price_list', '75.95'],
				['vat_invoice_tax_list', '9.87'],
			]),
		);
		expect(invoice.items).toHaveLength(1);
		expect(invoice.items[0]).toMatchObject({
			name: '*果类加工品*坚果大礼包中秋礼盒9袋装',
			amount: 75.95,
		});
	});

	test('xinhuo reads product rows wrapped as {item_list: [...]}', () => {
		const invoice = readOne(
			bill('vat_special_invoice', [], {
				product_list: [
					{
						item_list: [
							{ key: 'vat_invoice_goods', value: '*电子元件*电容' },
							{ key: 'vat_invoice_price', value: '100.00' },
							{ key: 'vat_invoice_tax_rate', value: '13%' },
						],
					},
				],
			}),
		);
		expect(invoice.items).toEqual([
			{
				name: '*电子元件*电容',
				specification: null,
				unit: null,
				quantity: null,
				unitPrice: null,
				amount: 100,
				taxRate: 0.13,
				tax: null,
			},
		]);
	});

	test('xinhuo prefers the main invoice number over its right-side and large-print copies', () => {
		const invoice = readOne(
			bill('vat_common_invoice', [
				['vat_invoice_haoma_right_side', '11111111'],
				['vat_invoice_haoma', '28473651'],
				['vat_invoice_haoma_large_size', 'No 28473651'],
			]),
		);
		expect(invoice.invoiceNumber).toBe('28473651');
	});

	test('xinhuo falls back to the large-print number and drops its No prefix', () => {
		const invoice = readOne(
			bill('vat_common_invoice', [['vat_invoice_haoma_large_size', 'No 28473651']]),
		);
		expect(invoice.invoiceNumber).toBe('28473651');
	});

	test('xinhuo reads a 价税合计 printed in digits on a vehicle invoice as the total', () => {
		const invoice = readOne(
			bill('motor_vehicle_sale_invoice', [['vehicle_invoice_total_price', '¥135,800.00']]),
		);
		expect(invoice.total).toBe(135800);
		expect(invoice.totalInWords).toBeNull();
	});

	test('xinhuo maps a kind outside the contract list to other and a missing kind to null', () => {
		expect(readOne(bill('other', [], { kind: 'medical_treatment' })).category).toBe('other');
		expect(readOne(bill('other', [], { kind: 'lodging' })).category).toBe('lodging');
		expect(readOne(bill('other')).category).toBeNull();
	});

	test('xinhuo leaves location null when neither position nor angle is usable', () => {
		const invoice = readOne({ type: 'other', position: [1, 2, 3], item_list: [] });
		expect(invoice.location).toBeNull();
	});

	test('xinhuo skips object_list entries that are not objects', () => {
		const outcome = xinhuoAdapter.parseResponse(
			answer(success([null, 'x', bill('quota_invoice')])),
		);
		expect(invoicesOf(outcome).map((invoice) => invoice.invoiceType)).toEqual(['quota']);
	});
});

describe('xinhuo errors', () => {
	const documented: Array<[number, ErrorCode, boolean]> = [
		[500, 'VENDOR_UNAVAILABLE', true],
		[40001, 'VENDOR_UNAVAILABLE', true],
		[40002, 'VENDOR_UNAVAILABLE', true],
		[40003, 'INVALID_INPUT', false],
		[40004, 'RATE_LIMITED', true],
		[40017, 'QUOTA_EXCEEDED', false],
		[40018, 'RATE_LIMITED', true],
		[40019, 'QUOTA_EXCEEDED', false],
		[40020, 'QUOTA_EXCEEDED', false],
		[40100, 'AUTH_FAILED', false],
		[40101, 'AUTH_FAILED', false],
		[40102, 'AUTH_FAILED', false],
		[40103, 'AUTH_FAILED', false],
		[40104, 'AUTH_FAILED', false],
		[40105, 'AUTH_FAILED', false],
		[40106, 'AUTH_FAILED', false],
		[40107, 'QUOTA_EXCEEDED', false],
		[40110, 'AUTH_FAILED', false],
		[40200, 'VENDOR_UNAVAILABLE', true],
		[40201, 'INVALID_INPUT', false],
		[40202, 'INVALID_INPUT', false],
		[40300, 'INVALID_INPUT', false],
		[40301, 'UNSUPPORTED_FILE', false],
		[40302, 'FILE_TOO_LARGE', false],
		[40303, 'UNSUPPORTED_FILE', false],
		[40400, 'VENDOR_UNAVAILABLE', true],
		[40401, 'IMAGE_UNREADABLE', false],
		[40500, 'NO_INVOICE_FOUND', false],
		[40600, 'INVALID_INPUT', false],
		[50001, 'TIMEOUT', true],
		[90099, 'UNKNOWN', false],
	];

	test.each(documented)(
		'xinhuo maps %s to %s (retryable: %s), answered with HTTP 200',
		(vendorCode, code, retryable) => {
			const error = errorOf(
				xinhuoAdapter.parseResponse(
					answer({ code: vendorCode, message: 'vendor words', result: {} }),
				),
			);
			expect(error).toMatchObject({
				code,
				retryable,
				vendor: 'xinhuo',
				vendorCode: String(vendorCode),
				vendorMessage: 'vendor words',
				requestId: null,
			});
			expect(error.message).toContain(String(vendorCode));
		},
	);

	test('xinhuo reads a code sent as a string the same as a number', () => {
		const error = errorOf(
			xinhuoAdapter.parseResponse(answer({ code: '40102', message: 'Invalid app secret' })),
		);
		expect(error).toMatchObject({ code: 'AUTH_FAILED', vendorCode: '40102', retryable: false });
	});

	test.each([40100, 40101, 40102, 40103, 40106, 40110])(
		'xinhuo auth failure %s tells the user to check the token in the credential',
		(vendorCode) => {
			const error = errorOf(
				xinhuoAdapter.parseResponse(answer({ code: vendorCode, message: 'x' })),
			);
			expect(error.message).toMatch(/token in the Xinhuo credential/);
		},
	);

	test('xinhuo maps an undocumented code to UNKNOWN, never to success', () => {
		const error = errorOf(xinhuoAdapter.parseResponse(answer({ code: 41234, message: 'new' })));
		expect(error).toMatchObject({ code: 'UNKNOWN', vendorCode: '41234', retryable: false });
	});

	test('xinhuo answers success with an empty object_list as NO_INVOICE_FOUND', () => {
		const error = errorOf(xinhuoAdapter.parseResponse(answer(success([]))));
		expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendorCode: '200', retryable: false });
	});

	test('xinhuo answers success without a result as NO_INVOICE_FOUND', () => {
		const error = errorOf(xinhuoAdapter.parseResponse(answer({ code: 200, message: 'success' })));
		expect(error.code).toBe('NO_INVOICE_FOUND');
	});

	test('xinhuo maps a body without a code to VENDOR_UNAVAILABLE on HTTP 5xx and UNKNOWN otherwise', () => {
		expect(errorOf(xinhuoAdapter.parseResponse(answer({}, 502)))).toMatchObject({
			code: 'VENDOR_UNAVAILABLE',
			retryable: true,
		});
		expect(errorOf(xinhuoAdapter.parseResponse(answer({ hello: 'proxy' }, 200)))).toMatchObject({
			code: 'UNKNOWN',
			retryable: false,
		});
		expect(errorOf(xinhuoAdapter.parseResponse(answer([], 200))).code).toBe('UNKNOWN');
	});

	test('xinhuo maps a gateway 429 without a code to RATE_LIMITED, but a documented code still wins', () => {
		expect(errorOf(xinhuoAdapter.parseResponse(answer({}, 429)))).toMatchObject({
			code: 'RATE_LIMITED',
			retryable: true,
		});
		expect(errorOf(xinhuoAdapter.parseResponse(answer({ code: 40017 }, 429))).code).toBe(
			'QUOTA_EXCEEDED',
		);
	});

	test('xinhuo maps an undocumented code on HTTP 5xx to VENDOR_UNAVAILABLE', () => {
		const error = errorOf(xinhuoAdapter.parseResponse(answer({ code: 99999, message: 'x' }, 503)));
		expect(error).toMatchObject({ code: 'VENDOR_UNAVAILABLE', retryable: true });
	});
});

describe('ticket value parsers shared by xinhuo and webank', () => {
	test.each([
		['08:52', '08:52'],
		['8:05', '08:05'],
		['0735', '07:35'],
		['20:00开', '20:00'],
		['2019年12月11日 14:05开', '14:05'],
		['2019年12月11日', null],
		['25:00', null],
		['***', null],
	])('clockTime(%p) → %p', (input, expected) => {
		expect(clockTime(input)).toBe(expected);
	});

	test.each([
		['05DEC', '2019-12-02', '2019-12-05'],
		['28DEC', '2020-01-03', '2019-12-28'],
		['02JAN', '2019-12-30', '2020-01-02'],
		['2020-03-15', null, '2020-03-15'],
		['05DEC', null, null],
		['31FEB', '2019-02-01', null],
		['05XYZ', '2019-12-02', null],
	])('flightDate(%p, issued %p) → %p', (input, issueDate, expected) => {
		expect(flightDate(input, issueDate)).toBe(expected);
	});

	test.each([
		['12.3km', 12.3],
		['12.3公里', 12.3],
		['8', 8],
		['约8公里', null],
		['', null],
	])('kilometres(%p) → %p', (input, expected) => {
		expect(kilometres(input)).toBe(expected);
	});

	test.each([
		['壹拾叁万伍仟捌佰圆整', '壹拾叁万伍仟捌佰圆整'],
		['¥135,800.00', null],
		['***', null],
	])('amountInWords(%p) → %p', (input, expected) => {
		expect(amountInWords(input)).toBe(expected);
	});
});
