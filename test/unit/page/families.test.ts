/**
 * The page-text reader on a generated fixture of every family of real files it must hold for (see
 * test/support/pageFixtures.ts): each reads to the values it was drawn with, whatever the drawing order,
 * glyph placement, page size or duplicates; the trip sheet is no invoice.
 */
import { readPdfInvoices } from '../../../nodes/shared/vendors/local/pdf';
import type { RecognizedInvoice } from '../../../nodes/shared/types';
import { COMPANIES, digitalInvoiceSpec, invoiceTotals, lineTax, type DigitalInvoiceSpec } from '../../support/einvoiceFixtures';
import {
	airItineraryPdf,
	constructionInvoicePdf,
	discountInvoicePdf,
	leaseInvoicePdf,
	orderConfirmationPdf,
	railwayTicketPdf,
	rerenderedInvoicePdf,
	rideInvoicePdf,
	tripSheetPdf,
	vatElectronicInvoicePdf,
	type RailwayTicketSpec,
} from '../../support/pageFixtures';

function onlyInvoice(bytes: Buffer): RecognizedInvoice {
	const outcome = readPdfInvoices(bytes);
	if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
	expect(outcome.invoices).toHaveLength(1);
	return outcome.invoices[0];
}

/** The invoice without what records how it was read (the raw text and the printed labels). */
function withoutOriginAndFields(invoice: RecognizedInvoice): Partial<RecognizedInvoice> {
	const copy: Partial<RecognizedInvoice> = { ...invoice };
	delete copy.origin;
	delete copy.fields;
	return copy;
}

function expectParties(invoice: RecognizedInvoice, spec: DigitalInvoiceSpec) {
	expect(invoice.buyer).toMatchObject({ name: spec.buyer.name, taxId: spec.buyer.taxId });
	expect(invoice.seller).toMatchObject({ name: spec.seller.name, taxId: spec.seller.taxId });
}

describe('a 数电 invoice re-rendered glyph by glyph on a huge page box', () => {
	const spec = digitalInvoiceSpec({ seller: { ...COMPANIES.seller, name: '成都示例（郫都）通讯设备经营部' } });

	test('reads every value, names unspaced and as printed', () => {
		const invoice = onlyInvoice(rerenderedInvoicePdf(spec));
		const { amount, tax, total } = invoiceTotals(spec);
		expect(invoice).toMatchObject({ invoiceType: 'digital_special', invoiceNumber: spec.number, issueDate: spec.issueDate, amount, tax, total });
		expectParties(invoice, spec);
		expect(invoice.items.map((item) => [item.name, item.amount])).toEqual(spec.lines.map((line) => [line.name, line.amount]));
		expect(invoice.drawer).toBe(spec.drawer);
	});

	test('a download watermark drawn glyph by glyph on a value\'s line is no part of it', () => {
		// 下载次数：3 drawn on the 开票日期 line, as the platform overlays it on a download.
		const extra = [{ x: 300, y: 56.7, size: 9, text: '下载次数：3' }];
		const invoice = onlyInvoice(rerenderedInvoicePdf(spec, { extra }));
		expect(invoice.issueDate).toBe(spec.issueDate);
		expect(invoice.origin?.raw).not.toMatch(/下载次数/);
		expect(invoice.fields['开票日期']).toBe('2025年06月18日');
	});

	test('the same invoice drawn normally reads the same', () => {
		const { remarks: spacedRemarks, ...rerendered } = withoutOriginAndFields(onlyInvoice(rerenderedInvoicePdf(spec)));
		const { remarks, ...normal } = withoutOriginAndFields(onlyInvoice(discountInvoicePdf(spec)));
		expect(rerendered).toEqual(normal);
		// Lone glyphs carry no space characters: a run of spaces reads as one.
		expect(spacedRemarks).toBe(remarks?.replace(/ +/g, ' '));
	});
});

describe('an A4 数电 专票 with discount lines, names over three lines, a 小计 row and bold copies', () => {
	const goods = [
		{ name: '*计算机网络设备*示例牌路由器AX3000T千兆双频穿墙王大户型覆盖5G智能家用无线', specification: 'AX3000T', unit: '台', quantity: 3, unitPrice: 129.2, amount: 387.6, taxRate: 0.13 },
		{ name: '*电线电缆*示例HDMI分配器一进八出4K60Hz高清分屏器笔记本电脑接电视显示器', unit: '个', quantity: 1, unitPrice: 379.65, amount: 379.65, taxRate: 0.13 },
	];
	const lines = goods.flatMap((line) => [line, { name: line.name, amount: -13.42, taxRate: 0.13 }]);
	const spec = digitalInvoiceSpec({ lines });

	test('every goods and discount line is an item, with its whole name; 小计 is none', () => {
		const invoice = onlyInvoice(discountInvoicePdf(spec));
		expect(invoice.items.map((item) => [item.name, item.quantity, item.amount, item.tax])).toEqual(
			lines.map((line) => [line.name, line.quantity ?? null, line.amount, lineTax(line)]),
		);
		const { amount, tax, total } = invoiceTotals(spec);
		expect(invoice).toMatchObject({ title: '电子发票（增值税专用发票）', invoiceNumber: spec.number, amount, tax, total });
		expectParties(invoice, spec);
	});

	test('text drawn three times reads once', () => {
		const invoice = onlyInvoice(discountInvoicePdf(spec));
		expect(invoice.origin?.raw?.match(/发票号码/g)).toHaveLength(1);
		expect(invoice.drawer).toBe(spec.drawer);
	});
});

describe('an HTML-rendered ride-hailing 数电 普票 (旅客运输服务)', () => {
	const ride = {
		number: '25317000001234567890',
		issueDate: '2025-11-08',
		buyer: { name: '武汉样本（光谷）科技有限公司', taxId: COMPANIES.buyer.taxId as string },
		seller: { name: '上海示例畅行科技有限公司', taxId: COMPANIES.seller.taxId as string },
		amount: 71.07,
		taxRate: 0.03,
		drawer: '王示例',
	};

	test('reads the seller block, the service table and the spaced （ 小 写 ） total', () => {
		const invoice = onlyInvoice(rideInvoicePdf(ride));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			invoiceNumber: ride.number,
			issueDate: ride.issueDate,
			buyer: ride.buyer,
			seller: ride.seller,
			amount: 71.07,
			tax: 2.13,
			total: 73.2,
			drawer: ride.drawer,
		});
		// One service line; the empty 出行人 table adds none.
		expect(invoice.items.map((item) => [item.name, item.quantity, item.unitPrice, item.amount, item.taxRate, item.tax])).toEqual([
			['*运输服务*客运服务费', 1, 71.07, 71.07, 0.03, 2.13],
		]);
	});
});

describe('a ride invoice with its 出行人 table filled', () => {
	test('the travellers are in transport, the invoice stays a 数电 普票 with one service line', () => {
		const travellers = [
			{ name: '张示例', id: '3101011990****1234', date: '2025-10-10', from: '上海市闵行区示例路', to: '上海市徐汇区样本街', seatClass: '无', vehicle: '出租车' },
			{ name: '李示例', id: '3101011991****5678', date: '2025-10-13', from: '上海市闵行区示例路', to: '上海虹桥站', seatClass: '无', vehicle: '出租车' },
		];
		const invoice = onlyInvoice(
			rideInvoicePdf({
				number: '25317000001234567891',
				issueDate: '2025-11-08',
				buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId as string },
				seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId as string },
				amount: 71.07,
				taxRate: 0.03,
				drawer: '王示例',
				travellers,
			}),
		);
		expect(invoice).toMatchObject({ invoiceType: 'digital_common', total: 73.2 });
		expect(invoice.items).toHaveLength(1);
		expect(invoice.transport).toMatchObject({
			passengerName: '张示例',
			passengerId: '3101011990****1234',
			travelDate: '2025-10-10',
			departureStation: '上海市闵行区示例路',
			arrivalStation: '上海市徐汇区样本街',
			vehicleType: '出租车',
		});
		expect((invoice.transport?.travellers as Array<Record<string, unknown>>).map((row) => [row.passengerName, row.arrivalStation])).toEqual([
			['张示例', '上海市徐汇区样本街'],
			['李示例', '上海虹桥站'],
		]);
	});

	test('an empty 出行人 table leaves transport null', () => {
		const invoice = onlyInvoice(
			rideInvoicePdf({
				number: '25317000001234567891',
				issueDate: '2025-11-08',
				buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId as string },
				seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId as string },
				amount: 71.07,
				taxRate: 0.03,
				drawer: '王示例',
			}),
		);
		expect(invoice.transport).toBeNull();
	});
});

describe('a trip sheet (行程单) is no invoice', () => {
	const rides = [
		{ when: '10-10 19:14', from: '颛桥镇示例路2833号', to: '闵行区示例公寓', amount: 14.5 },
		{ when: '10-13 22:05', from: '颛桥镇示例路2833号', to: '闵行区示例公寓', amount: 15 },
	];

	test('NO_INVOICE_FOUND, never an invoice with its 合计 as the total', () => {
		const outcome = readPdfInvoices(tripSheetPdf(rides));
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.error.code).toBe('NO_INVOICE_FOUND');
	});
});

describe('an order confirmation is no invoice', () => {
	test('parties, a goods table and a 合计, but no invoice title or number: NO_INVOICE_FOUND', () => {
		const outcome = readPdfInvoices(orderConfirmationPdf());
		expect(outcome).toMatchObject({ ok: false, error: { code: 'NO_INVOICE_FOUND', vendor: 'local' } });
	});
});

describe('railway 数电 tickets from the page (电子发票（铁路电子客票）)', () => {
	const ticket: RailwayTicketSpec = {
		number: '25119110000012345678',
		issueDate: '2025-03-02',
		from: '北京南',
		to: '上海虹桥',
		train: 'G101',
		departure: '2025-03-01 08:12',
		seat: '05车09A号',
		seatClass: '二等座',
		amount: 553,
		passengerId: '1101011990****1234',
		passengerName: '张示例',
		eTicket: 'E123456789012345678901',
		buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId as string },
	};

	test('a fare ticket: train_ticket with the 20-digit number, the fare as total, the trip', () => {
		const invoice = onlyInvoice(railwayTicketPdf({ ...ticket, net: 507.34, tax: 45.66 }));
		expect(invoice).toMatchObject({
			invoiceType: 'train_ticket',
			title: '电子发票（铁路电子客票）',
			invoiceNumber: ticket.number,
			issueDate: ticket.issueDate,
			total: 553,
			amount: 507.34,
			tax: 45.66,
			buyer: ticket.buyer,
		});
		expect(invoice.transport).toMatchObject({
			departureStation: '北京南',
			arrivalStation: '上海虹桥',
			trainNumber: 'G101',
			departureTime: '2025-03-01 08:12',
			seat: '05车09A号',
			seatClass: '二等座',
			passengerId: '1101011990****1234',
			passengerName: '张示例',
			eTicketNumber: ticket.eTicket,
		});
		expect(invoice.remarks ?? '').not.toMatch(/退票费/);
	});

	test('a re-issued (换开) ticket names the ticket it replaces', () => {
		const invoice = onlyInvoice(railwayTicketPdf({ ...ticket, originalNumber: '25119110000012345600' }));
		expect(invoice.transport).toMatchObject({ originalInvoiceNumber: '25119110000012345600', trainNumber: 'G101', departureStation: '北京南' });
	});

	test('a refund-fee ticket says so in remarks; its amount is the fee', () => {
		const invoice = onlyInvoice(railwayTicketPdf({ ...ticket, amount: 27.5, refund: true }));
		expect(invoice.total).toBe(27.5);
		expect(invoice.remarks).toMatch(/退票费/);
		expect(invoice.transport).toMatchObject({ refundFee: true, trainNumber: 'G101' });
	});
});

describe('air 数电 itineraries from the page (电子发票（航空运输电子客票行程单）)', () => {
	const spec = {
		number: '25119000000098765432',
		issueDate: '2025-04-10',
		passengerName: '李示例',
		passengerId: '310101199001011234',
		route: [
			{ station: '北京首都', code: 'PEK', carrier: 'CA', flight: 'CA1501', seatClass: 'Y', date: '2025-04-12', time: '08:00' },
			{ station: '上海虹桥', code: 'SHA', carrier: 'MU', flight: 'MU5101', seatClass: 'B', date: '2025-04-13', time: '14:30' },
			{ station: '广州白云', code: 'CAN' },
		],
		fare: 1000,
		fund: 50,
		fuel: 60,
		vatRate: 0.09,
		vat: 87.61,
		eTicket: '7811234567890',
		buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId as string },
		issuer: '北京示例航空服务有限公司',
	};

	test('flight_itinerary with the total, VAT, buyer and the route leg by leg', () => {
		const invoice = onlyInvoice(airItineraryPdf(spec));
		expect(invoice).toMatchObject({
			invoiceType: 'flight_itinerary',
			invoiceNumber: spec.number,
			issueDate: spec.issueDate,
			total: 1110,
			tax: 87.61,
			buyer: spec.buyer,
		});
		expect(invoice.transport).toMatchObject({
			passengerName: '李示例',
			passengerId: spec.passengerId,
			departureStation: '北京首都',
			arrivalStation: '广州白云',
			flightNumber: 'CA1501',
			seatClass: 'Y',
			departureTime: '2025-04-12 08:00',
			fare: 1000,
			eTicketNumber: spec.eTicket,
		});
		expect(invoice.transport?.legs).toEqual([
			expect.objectContaining({ departureStation: '北京首都', arrivalStation: '上海虹桥', flightNumber: 'CA1501' }),
			expect.objectContaining({ departureStation: '上海虹桥', arrivalStation: '广州白云', flightNumber: 'MU5101', seatClass: 'B' }),
		]);
	});
});

describe('an older 增值税电子普通发票 of the AdobeSong family (values off their labels\' baselines, a big stamp, far-right figures)', () => {
	const spec = {
		title: '湖北增值税电子普通发票',
		code: '042002200411',
		number: '50440169',
		issueDate: '2023-08-11',
		checkCode: '01366 23285 53999 48930',
		machineCode: '499098845604',
		buyer: { name: COMPANIES.buyer.name, taxId: COMPANIES.buyer.taxId as string },
		seller: { name: '示例能源销售（湖北）有限公司', taxId: COMPANIES.seller.taxId as string, addressPhone: '武汉市示例大道688号 027-55550497', bankAccount: '示例银行武汉支行 127902332110506' },
		lines: [
			{ name: '*乙醇汽油*示例E92#汽油(国VIB)', specification: 'E92#', unit: '升', quantity: 42.62, unitPrice: 6.990984, amount: 297.96, taxRate: 0.13, tax: 38.73 },
			{ name: '*乙醇汽油*示例E92#汽油(国VIB)', amount: -25.71, taxRate: 0.13, tax: -3.34 },
		],
		stamp: '成品油',
		payee: '桂示例',
		reviewer: '桂示例',
		drawer: '康示例',
	};

	test.each(['identity-tounicode', 'gb1-no-tounicode'] as const)('reads every value (font %s)', (font) => {
		const invoice = onlyInvoice(vatElectronicInvoicePdf(spec, { font }));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: spec.title,
			invoiceCode: spec.code,
			invoiceNumber: spec.number,
			issueDate: spec.issueDate,
			checkCode: '01366232855399948930',
			machineCode: spec.machineCode,
			buyer: spec.buyer,
			seller: spec.seller,
			amount: 272.25,
			tax: 35.39,
			total: 307.64,
			totalInWords: '叁佰零柒圆陆角肆分',
			payee: spec.payee,
			reviewer: spec.reviewer,
			drawer: spec.drawer,
		});
		expect(invoice.items.map((item) => [item.name, item.quantity, item.amount, item.tax])).toEqual([
			[spec.lines[0].name, 42.62, 297.96, 38.73],
			[spec.lines[1].name, null, -25.71, -3.34],
		]);
	});
});

describe('a 数电 建筑服务 invoice (特定业务 columns)', () => {
	test('the site and project columns stay out of the item names and go to fields', () => {
		const spec = digitalInvoiceSpec({
			lines: [{ name: '*建筑服务*管线优化服务支撑施工', amount: 20000, taxRate: 0.09 }],
		});
		const site = { site: '广东省阳江市江城区', project: '示例分公司2024年管线优化服务支撑施工项目' };
		const invoice = onlyInvoice(constructionInvoicePdf(spec, [site]));
		expect(invoice.items.map((item) => [item.name, item.quantity, item.amount, item.taxRate, item.tax])).toEqual([
			['*建筑服务*管线优化服务支撑施工', null, 20000, 0.09, 1800],
		]);
		expect(invoice.fields['建筑服务发生地']).toBe(site.site);
		expect(invoice.fields['建筑项目名称']).toBe(site.project);
		expect(invoice).toMatchObject({ amount: 20000, tax: 1800, total: 21800 });
	});
});

describe('a 数电 不动产经营租赁 invoice', () => {
	test('the certificate column goes to fields, 面积单位 is the unit', () => {
		const spec = digitalInvoiceSpec({
			lines: [{ name: '*经营租赁*房屋租赁费', unit: '平方米', quantity: 120, unitPrice: 50, amount: 6000, taxRate: 0.09 }],
		});
		const invoice = onlyInvoice(leaseInvoicePdf(spec, '京(2021)朝阳区不动产权第0012345号'));
		expect(invoice.items.map((item) => [item.name, item.unit, item.quantity, item.unitPrice, item.amount, item.taxRate])).toEqual([
			['*经营租赁*房屋租赁费', '平方米', 120, 50, 6000, 0.09],
		]);
		expect(invoice.fields['产权证书/不动产权证号']).toBe('京(2021)朝阳区不动产权第0012345号');
	});
});
