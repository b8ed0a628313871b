/**
 * Every structured source of an OFD, each from a generated file of its family (test/support/ofdFamilies.ts):
 * XBRL attachments by taxonomy namespace (railway, air, invoice; bank vouchers refused), OFD.xml
 * CustomDatas alone, tag-file variants beside an attachment.
 */
import { readXbrl, readXbrlInstance } from '../../../nodes/shared/vendors/local/xbrl';
import { parseXmlText } from '../../../nodes/shared/formats/xml';
import {
	airItineraryOfd,
	airItinerarySpec,
	airItineraryXbrl,
	bankReceiptOfd,
	bankReceiptXbrl,
	conceptTagOfd,
	customDatasOfd,
	invoiceXbrl,
	pageTextOnlyExpected,
	pageTextOnlyOfd,
	mofNamespace,
	railwayTicketOfd,
	railwayTicketSpec,
	railwayTicketXbrl,
	tagVariantOfd,
	xbrlInstance,
} from '../../support/ofdFamilies';
import { ofdBytes } from '../../support/ofdWriter';
import { bundleZip, COMPANIES } from '../../support/einvoiceFixtures';
import { errorOf, onlyInvoice, readLocal, rezip } from './support';

describe('XBRL e-vouchers: the taxonomy is told by its namespace', () => {
	it('reads any version date of a taxonomy and any prefix bound to it', () => {
		const spec = railwayTicketSpec();
		const renamed = railwayTicketXbrl({ ...spec, taxonomyDate: '2031-01-01' }).replace(/rai:/g, 'r:').replace('xmlns:rai=', 'xmlns:r=');
		const instance = readXbrlInstance(parseXmlText(renamed));
		expect(instance).toMatchObject({ taxonomy: 'rai', namespace: mofNamespace('rai', '2031-01-01') });
		expect(instance?.facts.ElectronicInvoiceRailwayETicketNumber).toBe(spec.number);
	});

	it('does not take a prefix for the taxonomy: rai: bound to another namespace is no e-voucher', () => {
		const foreign = railwayTicketXbrl(railwayTicketSpec()).replace(mofNamespace('rai'), 'http://example.com/rai');
		expect(readXbrlInstance(parseXmlText(foreign))).toBeNull();
		expect(errorOf(readLocal(Buffer.from(foreign))).code).toBe('NO_INVOICE_FOUND');
	});

	it('reads facts in a default namespace and skips nil facts', () => {
		const xml = `<xbrl xmlns="http://www.xbrl.org/2003/instance"><Fact xmlns="${mofNamespace('rai')}">G1</Fact>` +
			`<Empty xmlns="${mofNamespace('rai')}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/></xbrl>`;
		expect(readXbrlInstance(parseXmlText(xml))).toMatchObject({ taxonomy: 'rai', facts: { Fact: 'G1' } });
	});

	it('refuses an MOF taxonomy the node does not read by its name, never guessing an invoice', () => {
		const other = xbrlInstance(mofNamespace('ecs'), [['NumberOfVoucher', '1'], ['TotalAmount', 10]]);
		const instance = readXbrlInstance(parseXmlText(other));
		expect(instance?.taxonomy).toBe('ecs');
		expect(readXbrl(instance!)).toMatchObject({ kind: 'not-invoice', taxonomy: 'ecs' });
		const error = errorOf(readLocal(Buffer.from(other)));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toMatch(/taxonomy "ecs"/);
	});

	it('lets an OFD whose attachment is of an unread taxonomy still be read from its other sources', () => {
		const ofd = ofdBytes({
			pages: [{ texts: [{ x: 150, y: 10, text: '发票号码：12345678' }] }],
			customDatas: [['发票号码', '12345678'], ['发票代码', '031001900111'], ['价税合计', '10.00']],
			attachments: [{ name: 'other.xml', data: xbrlInstance(mofNamespace('ecs'), [['NumberOfVoucher', '1']]) }],
		});
		expect(onlyInvoice(readLocal(ofd))).toMatchObject({ invoiceNumber: '12345678', total: 10 });
	});
});

describe('电子发票（铁路电子客票） from the rai XBRL attachment', () => {
	it('reads the ticket: 20-digit number, fare as total, buyer, trip, seat and class', () => {
		const spec = railwayTicketSpec({ originalInvoice: '25119130671000012344' });
		const invoice = onlyInvoice(readLocal(railwayTicketOfd(spec)));
		expect(invoice).toMatchObject({
			invoiceType: 'train_ticket',
			title: '电子发票（铁路电子客票）',
			invoiceCode: null,
			invoiceNumber: spec.number,
			issueDate: spec.issueDate,
			total: spec.fare,
			amount: spec.amount,
			tax: spec.tax,
			buyer: { name: spec.buyer.name, taxId: spec.buyer.taxId },
			remarks: null,
			transport: {
				passengerName: spec.passenger,
				passengerId: spec.passengerId,
				departureStation: spec.from,
				arrivalStation: spec.to,
				departureTime: `${spec.travelDate} ${spec.departureTime}`,
				trainNumber: spec.train,
				seat: `${spec.carriage}${spec.seat}`,
				seatClass: spec.seatLevel,
				eTicketNumber: spec.eTicket,
				originalInvoiceNumber: '25119130671000012344',
			},
		});
		expect(invoice.origin).toMatchObject({ format: 'ofd' });
		expect(invoice.origin?.raw).toContain('rai:ElectronicInvoiceRailwayETicketNumber');
		expect(invoice.fields.TrainNumber).toBe(spec.train);
	});

	it('says in the remarks that a refund-fee ticket (退) holds a fee, not a fare', () => {
		const spec = railwayTicketSpec({ business: '退', fare: 31.5, amount: 28.9, tax: 2.6 });
		const invoice = onlyInvoice(readLocal(railwayTicketOfd(spec)));
		expect(invoice.total).toBe(31.5);
		expect(invoice.remarks).toMatch(/^退票费/);
		expect(invoice.transport).toMatchObject({ refundFee: true, businessType: '退' });
	});

	it('takes 退票费 in the remarks as a refund-fee ticket too, keeping the printed remarks', () => {
		const xbrl = railwayTicketXbrl(railwayTicketSpec()).replace(
			/<rai:Remarks contextRef="As_Of_1" xsi:nil="true"\/>/,
			'<rai:Remarks contextRef="As_Of_1">退票费</rai:Remarks>',
		);
		const invoice = onlyInvoice(readLocal(Buffer.from(xbrl)));
		expect(invoice.remarks).toMatch(/^退票费 \(refund fee.*; 退票费$/);
		expect(invoice.transport?.refundFee).toBe(true);
	});

	it('reads the XBRL on its own, as a file, to the same ticket', () => {
		const spec = railwayTicketSpec();
		const invoice = onlyInvoice(readLocal(Buffer.from(railwayTicketXbrl(spec))));
		expect(invoice).toMatchObject({ invoiceType: 'train_ticket', invoiceNumber: spec.number, total: spec.fare });
		expect(invoice.origin).toMatchObject({ format: 'xml' });
	});
});

describe('电子发票（航空运输电子客票行程单） from the atr XBRL attachment (taxonomy names, no real file)', () => {
	it('reads the itinerary: number, total, tax, buyer, seller, passenger and flight', () => {
		const spec = airItinerarySpec();
		const invoice = onlyInvoice(readLocal(airItineraryOfd(spec)));
		expect(invoice).toMatchObject({
			invoiceType: 'flight_itinerary',
			title: '电子发票（航空运输电子客票行程单）',
			invoiceNumber: spec.number,
			issueDate: spec.issueDate,
			total: spec.total,
			tax: spec.tax,
			amount: null,
			checkCode: spec.verificationCode,
			buyer: { name: spec.buyer.name, taxId: spec.buyer.taxId },
			seller: { name: spec.seller },
			transport: {
				passengerName: spec.passenger,
				passengerId: spec.passengerId,
				departureStation: '上海虹桥T2',
				arrivalStation: '北京首都T3',
				departureTime: '2025-07-05 08:15',
				flightNumber: 'MU5101',
				carrier: 'MU',
				seatClass: 'Y',
				eTicketNumber: spec.eTicket,
				fare: spec.fare,
				fuelSurcharge: spec.fuelSurcharge,
				civilAviationDevelopmentFund: spec.civilAviationFund,
			},
		});
		expect(invoice.transport?.legs).toBeUndefined();
	});

	it('lists every leg of a connection, the trip ending where the last leg lands', () => {
		const spec = airItinerarySpec({
			legs: [
				{ from: '上海浦东T1', to: '广州白云T2', carrier: 'CZ', flight: 'CZ3524', seatClass: 'Y', date: '2025-07-05', time: '07:00' },
				{ from: '广州白云T2', to: '三亚凤凰', carrier: 'CZ', flight: 'CZ6731', seatClass: 'Y', date: '2025-07-05', time: '12:30' },
			],
		});
		const invoice = onlyInvoice(readLocal(Buffer.from(airItineraryXbrl(spec))));
		expect(invoice.transport).toMatchObject({ departureStation: '上海浦东T1', arrivalStation: '三亚凤凰', flightNumber: 'CZ3524' });
		expect(invoice.transport?.legs).toEqual([
			expect.objectContaining({ flightNumber: 'CZ3524', arrivalStation: '广州白云T2', departureTime: '2025-07-05 07:00' }),
			expect.objectContaining({ flightNumber: 'CZ6731', departureStation: '广州白云T2', departureTime: '2025-07-05 12:30' }),
		]);
	});
});

describe('an air itinerary whose one leg is written flat (no tuple)', () => {
	it('reads the leg from the top-level facts', () => {
		const spec = airItinerarySpec();
		const flat = airItineraryXbrl(spec).replace(/<atr:DetailInformationOfAirTicketTuple>|<\/atr:DetailInformationOfAirTicketTuple>/g, '');
		const invoice = onlyInvoice(readLocal(Buffer.from(flat)));
		expect(invoice.transport).toMatchObject({ flightNumber: 'MU5101', departureStation: '上海虹桥T2', arrivalStation: '北京首都T3', departureTime: '2025-07-05 08:15' });
	});
});

describe('invoice XBRL (inv, einv) attached to an OFD', () => {
	it.each(['inv', 'einv'] as const)('reads the %s taxonomy with its items', (taxonomy) => {
		const invoice = onlyInvoice(
			readLocal(
				ofdBytes({
					pages: [{ texts: [{ x: 60, y: 5, text: '电子发票（普通发票）' }] }],
					attachments: [{ name: `${taxonomy}_issuer.xml`, data: invoiceXbrl(taxonomy, '2023-12-31') }],
				}),
			),
		);
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			invoiceNumber: '25312000000123456789',
			buyer: { name: COMPANIES.buyer.name },
			seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId },
			amount: 1300,
			tax: 99,
			total: 1399,
		});
		expect(invoice.items.map((item) => item.name)).toEqual(['*信息技术服务*软件维护服务', '*计算机外部设备*无线键盘鼠标套装']);
	});
});

describe('bank vouchers are no invoices', () => {
	it.each(['bker', 'bkrs'] as const)('refuses %s XBRL on its own with NO_INVOICE_FOUND naming what it is', (taxonomy) => {
		const error = errorOf(readLocal(Buffer.from(bankReceiptXbrl(taxonomy, '2023-05-15'))));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toContain(`"${taxonomy}"`);
		expect(error.message).toMatch(/not an invoice/);
	});

	it('refuses the bank receipt OFD although it has a tag file and prints a number and an amount', () => {
		for (const wellFormedTags of [false, true]) {
			const error = errorOf(readLocal(bankReceiptOfd({ wellFormedTags })));
			expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
			expect(error.message).toMatch(/bank electronic receipt/);
		}
	});
});

describe('OFD.xml CustomDatas as the only structured source', () => {
	it('reads the key values from CustomDatas, the title and items from the page; tax = total − amount', () => {
		const invoice = onlyInvoice(readLocal(customDatasOfd()));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '上海增值税电子普通发票',
			invoiceCode: '031001900111',
			invoiceNumber: '12345678',
			issueDate: '2020-08-05',
			checkCode: '16630282980991510014',
			buyer: { name: '个人', taxId: null },
			seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId },
			amount: 10000,
			tax: 600,
			total: 10600,
			totalInWords: '壹万零陆佰圆整',
		});
		expect(invoice.items).toEqual([
			expect.objectContaining({ name: '*信息技术服务*软件服务费', amount: 10000, taxRate: 0.06, tax: 600 }),
		]);
		expect(invoice.fields['CustomData/价税合计']).toBe('10600.00');
	});

	it('reads the tax platform\'s CustomDatas (合计金额, 合计税额, no 价税合计) with the total they add up to', () => {
		const invoice = onlyInvoice(
			readLocal(
				ofdBytes({
					pages: [{ texts: [{ x: 150, y: 10, text: '25422000000003570205', width: 40 }] }],
					customDatas: [
						['native-producer', 'SuwellFormSDK'],
						['发票号码', '25422000000003570205'],
						['合计税额', '2.61'],
						['合计金额', '261.39'],
						['开票日期', '2025年01月06日'],
						['销售方纳税人识别号', COMPANIES.seller.taxId ?? ''],
					],
				}),
			),
		);
		expect(invoice).toMatchObject({ invoiceType: 'digital_common', invoiceNumber: '25422000000003570205', amount: 261.39, tax: 2.61, total: 264, issueDate: '2025-01-06' });
	});

	it('needs an invoice number: producer names alone are no invoice', () => {
		const error = errorOf(
			readLocal(ofdBytes({ pages: [{ texts: [{ x: 10, y: 10, text: 'Hello' }] }], customDatas: [['native-producer', 'SDK'], ['价税合计', '1.00']] })),
		);
		expect(error.code).toBe('NO_INVOICE_FOUND');
	});
});

describe('tag-file variants beside an attachment', () => {
	it.each(['empty-tag-invoice', 'malformed-custom-tag', 'malformed-custom-tag-only'] as const)('%s: the invoice is read', (variant) => {
		const invoice = onlyInvoice(readLocal(tagVariantOfd(variant)));
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '浙江增值税电子普通发票',
			invoiceCode: '033002000211',
			invoiceNumber: '83089647',
			total: 526,
			seller: { name: COMPANIES.consultant.name },
		});
	});

	it('reads the values a tag file with an empty namespace prefix points at, once repaired', () => {
		const invoice = onlyInvoice(readLocal(tagVariantOfd('malformed-custom-tag-only')));
		expect(invoice).toMatchObject({ issueDate: '2020-07-23', buyer: { name: COMPANIES.buyer.name }, seller: { taxId: COMPANIES.consultant.taxId } });
		expect(invoice.origin?.raw).toContain('<eInvoice>');
		expect(invoice.fields.InvoiceNo).toBe('83089647');
	});
});

describe('an OFD with page text only (converted from PDF, glyph by glyph, Kangxi radicals in the labels)', () => {
	it('reads the invoice from the page by geometry', () => {
		const { spec, amount, tax, total } = pageTextOnlyExpected();
		const invoice = onlyInvoice(readLocal(pageTextOnlyOfd()));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			title: '电子发票（普通发票）',
			invoiceNumber: spec.number,
			issueDate: spec.issueDate,
			buyer: { name: spec.buyer.name, taxId: spec.buyer.taxId },
			seller: { name: spec.seller.name, taxId: spec.seller.taxId },
			amount,
			tax,
			total,
			drawer: spec.drawer,
		});
		expect(invoice.items).toEqual([expect.objectContaining({ name: '*餐饮服务*餐费', amount, taxRate: 0.06, tax })]);
		expect(invoice.origin).toMatchObject({ format: 'ofd' });
	});

	it('completes a CustomDatas invoice from its page: what OFD.xml does not state, the page prints', () => {
		const invoice = onlyInvoice(readLocal(customDatasOfd()));
		expect(invoice).toMatchObject({ invoiceNumber: '12345678', payee: '张示例', drawer: '任示例' });
		expect(invoice.fields['CustomData/发票号码']).toBe('12345678');
	});
});

describe('tag files that name XBRL concepts (ofd-go SDK style: Chinese names, ContextRef, ObjectData)', () => {
	it('reads an invoice from the concepts its tags stand for', () => {
		const invoice = onlyInvoice(readLocal(conceptTagOfd()));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			title: '电子发票（普通发票）',
			invoiceNumber: '25312000000123456789',
			issueDate: '2025-06-18',
			buyer: { name: COMPANIES.buyer.name },
			seller: { name: COMPANIES.seller.name, taxId: COMPANIES.seller.taxId },
			total: 1399,
		});
		expect(invoice.fields['发票号码']).toBe('25312000000123456789');
	});

	it('refuses a bank receipt by its tags alone (no XBRL attachment)', () => {
		const withoutAttachment = rezip(bankReceiptOfd({ wellFormedTags: true }), (name, text) =>
			name.endsWith('Document.xml') ? text.replace('<ofd:Attachments>Attachs/Attachments.xml</ofd:Attachments>', '') : text,
		);
		const tagged = rezip(withoutAttachment, (name, text) =>
			name.endsWith('CustomTag.xml') ? text.replace('<小写金额 ContextRef="TransactionAmountInFigures">', '<回单类型 ContextRef="TypeOfBankElectronicReceipt"><ObjectData>普通回单</ObjectData></回单类型><小写金额 ContextRef="TransactionAmountInFigures">') : text,
		);
		const error = errorOf(readLocal(tagged));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toMatch(/bank electronic receipt or statement/);
	});
});

describe('a ZIP bundle of travel tickets and a bank receipt', () => {
	it('gives the two tickets, each with its member path, and passes over the bank receipt', () => {
		const bundle = bundleZip([
			{ name: 'rail/ticket.xml', data: railwayTicketXbrl(railwayTicketSpec()) },
			{ name: 'bank/receipt.ofd', data: bankReceiptOfd() },
			{ name: 'air/itinerary.ofd', data: airItineraryOfd(airItinerarySpec()) },
		]);
		const outcome = readLocal(bundle);
		if (!outcome.ok) throw new Error(outcome.error.message);
		expect(outcome.invoices.map((invoice) => [invoice.invoiceType, invoice.origin?.entry])).toEqual([
			['train_ticket', 'rail/ticket.xml'],
			['flight_itinerary', 'air/itinerary.ofd'],
		]);
	});

	it('says NO_INVOICE_FOUND for a bundle of bank receipts only, naming what they are', () => {
		const error = errorOf(readLocal(bundleZip([{ name: 'receipt.ofd', data: bankReceiptOfd() }])));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toMatch(/receipt\.ofd.*bank electronic receipt/);
	});
});
