/**
 * One generated OFD (and XML) per family of real file the local reader must handle, written with
 * ofdWriter.ts so no real file is needed: XBRL attachments of the Ministry of Finance e-voucher
 * taxonomies (`rai` railway ticket, `atr` air itinerary, `inv`/`einv` invoice, `bker` bank receipt),
 * values only in `OFD.xml` `CustomDatas`, tag-file variants (`Tag_Invoice.xml`, a malformed
 * `CustomTag.xml` beside an attachment), and a PDF→OFD conversion with page text only and Kangxi
 * radicals in its labels. People and companies are invented.
 *
 * The `rai` and `bker` instances follow real files' element names and layout; the `atr` instance
 * follows the taxonomy's element names as published SDKs name them (no real file was available).
 */
import { COMPANIES, capitalAmount, digitalInvoiceSpec, invoiceTotals, lineTax, type FixtureCompany } from './einvoiceFixtures';
import { escapeXml, ofdBytes, type OfdText } from './ofdWriter';

/** `http://xbrl.mof.gov.cn/taxonomy/<date>/<taxonomy>`: the date is the taxonomy version. */
export function mofNamespace(taxonomy: string, versionDate = '2021-11-30'): string {
	return `http://xbrl.mof.gov.cn/taxonomy/${versionDate}/${taxonomy}`;
}

type Fact = [name: string, value: string | number | null | Array<[string, string | null]>];

/**
 * An XBRL instance as the e-voucher issuers write it: facts in the taxonomy's namespace under
 * `prefix`, nil facts as `xsi:nil`, tuples as nested facts. The default namespace is the XBRL one.
 */
export function xbrlInstance(namespace: string, facts: Fact[], options: { prefix?: string; date?: string } = {}): string {
	const prefix = options.prefix ?? namespace.slice(namespace.lastIndexOf('/') + 1);
	const context = 'As_Of_1';
	const fact = (name: string, value: string | number | null): string =>
		value === null
			? `  <${prefix}:${name} contextRef="${context}" xsi:nil="true"/>`
			: `  <${prefix}:${name} contextRef="${context}"${typeof value === 'number' ? ' decimals="2" unitRef="CNY"' : ''}>${escapeXml(
					typeof value === 'number' ? value.toFixed(2) : value,
				)}</${prefix}:${name}>`;
	const body = facts
		.map(([name, value]) =>
			Array.isArray(value)
				? `  <${prefix}:${name}>\n${value.map(([child, childValue]) => `  ${fact(child, childValue)}`).join('\n')}\n  </${prefix}:${name}>`
				: fact(name, value),
		)
		.join('\n');
	return `<?xml version="1.0" encoding="UTF-8"?>
<xbrl xmlns="http://www.xbrl.org/2003/instance" xmlns:iso4217="http://www.xbrl.org/2003/iso4217"
  xmlns:link="http://www.xbrl.org/2003/linkbase" xmlns:xlink="http://www.w3.org/1999/xlink"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:${prefix}="${namespace}">
  <link:schemaRef xlink:href="issuer_entry_point.xsd" xlink:type="simple"/>
  <context id="${context}"><entity><identifier scheme="http://xbrl.mof.gov.cn">fixture</identifier></entity><period><instant>${options.date ?? '2025-06-18'}</instant></period></context>
  <unit id="CNY"><measure>iso4217:CNY</measure></unit>
${body}
</xbrl>
`;
}

const RAILWAY_TITLE = '电子发票（铁路电子客票）';
const AIR_TITLE = '电子发票（航空运输电子客票行程单）';

export interface RailwayTicketSpec {
	number: string;
	issueDate: string;
	travelDate: string;
	departureTime: string;
	from: string;
	to: string;
	train: string;
	carriage: string;
	seat: string;
	seatLevel: string;
	fare: number;
	/** 9%: the amount and tax printed beside the fare. */
	amount: number;
	tax: number;
	passenger: string;
	passengerId: string;
	eTicket: string;
	buyer: FixtureCompany;
	/** 售 (sale), 改 (change), 退 (refund: the amount is a refund fee). */
	business: string;
	/** 原发票号码 of a re-issued ticket. */
	originalInvoice?: string;
	/** Taxonomy version date in the namespace. */
	taxonomyDate?: string;
}

export function railwayTicketSpec(overrides: Partial<RailwayTicketSpec> = {}): RailwayTicketSpec {
	return {
		number: '25119130671000012345',
		issueDate: '2025-06-18',
		travelDate: '2025-06-20',
		departureTime: '08:05',
		from: '杭州东',
		to: '北京南',
		train: 'G36',
		carriage: '05车',
		seat: '12F号',
		seatLevel: '二等座',
		fare: 626,
		amount: 574.31,
		tax: 51.69,
		passenger: '李示例',
		passengerId: '3301061990****1234',
		eTicket: 'E123456789012345678901234',
		buyer: COMPANIES.buyer,
		business: '售',
		...overrides,
	};
}

/** The `rai` XBRL instance of a railway ticket, as 12306 attaches it. */
export function railwayTicketXbrl(spec: RailwayTicketSpec): string {
	return xbrlInstance(
		mofNamespace('rai', spec.taxonomyDate),
		[
			['TypeOfVoucher', RAILWAY_TITLE],
			['ETicketNumber', spec.eTicket],
			['DateOfIssue', spec.issueDate],
			['IssueParty', null],
			['TypeOfBusiness', spec.business],
			['DepartureStation', spec.from],
			['DestinationStation', spec.to],
			['TrainNumber', spec.train],
			['TravelDate', spec.travelDate],
			['DepartureTime', spec.departureTime],
			['SeatLevel', spec.seatLevel],
			['Carriage', spec.carriage],
			['Seat', spec.seat],
			['Fare', spec.fare],
			['AmountRefunded', null],
			['ElectronicInvoiceRailwayETicketNumber', spec.number],
			['IdNumber', spec.passengerId],
			['Name', spec.passenger],
			['TotalAmountExcludingTax', spec.amount],
			['TaxRate', '0.09'],
			['TaxAmount', spec.tax],
			['NameOfPurchaser', spec.buyer.name],
			['UnifiedSocialCreditCodeOfPurchaser', spec.buyer.taxId],
			['NumberOfOriginalInvoice', spec.originalInvoice ?? null],
			['Remarks', null],
		],
		{ date: spec.issueDate },
	);
}

const yuan = (value: number) => `￥${value.toFixed(2)}`;

/** The railway ticket as 12306's OFD: printed page, no tags, values in the XBRL attachment. */
export function railwayTicketOfd(spec: RailwayTicketSpec): Buffer {
	const [year, month, day] = spec.travelDate.split('-');
	const texts: OfdText[] = [
		{ x: 64, y: 4, text: RAILWAY_TITLE, width: 92 },
		{ x: 9, y: 16, text: `发票号码:${spec.number}` },
		{ x: 156, y: 16, text: `开票日期:${spec.issueDate}` },
		{ x: 9, y: 28.8, text: spec.from },
		{ x: 89.9, y: 29.8, text: spec.train },
		{ x: 117, y: 28.8, text: spec.to },
		{ x: 9, y: 47, text: `${year}年${month}月${day}日` },
		{ x: 44, y: 47, text: `${spec.departureTime}开` },
		{ x: 75, y: 47, text: `${spec.carriage}${spec.seat}` },
		{ x: 9, y: 56, text: spec.business === '退' ? '退票费:' : '票价:' },
		{ x: 20, y: 56, text: yuan(spec.fare) },
		{ x: 105, y: 56, text: spec.seatLevel },
		{ x: 9, y: 76, text: spec.passengerId },
		{ x: 75, y: 76, text: spec.passenger },
		{ x: 9, y: 96, text: `电子客票号:${spec.eTicket}` },
		{ x: 9, y: 107, text: `购买方名称:${spec.buyer.name}` },
		{ x: 125, y: 107, text: `统一社会信用代码:${spec.buyer.taxId ?? ''}` },
	];
	if (spec.originalInvoice) texts.push({ x: 125, y: 96, text: `原发票号码:${spec.originalInvoice}` });
	return ofdBytes({
		pages: [{ texts }],
		attachments: [{ name: `rai_issuer_${spec.issueDate.replace(/-/g, '')}_${spec.number}.xml`, data: railwayTicketXbrl(spec) }],
	});
}

export interface AirLeg {
	from: string;
	to: string;
	carrier: string;
	flight: string;
	seatClass: string;
	date: string;
	time: string;
}

export interface AirItinerarySpec {
	number: string;
	issueDate: string;
	passenger: string;
	passengerId: string;
	eTicket: string;
	legs: AirLeg[];
	fare: number;
	fuelSurcharge: number;
	/** 增值税税额 of fare + fuel surcharge at 9% (included in them). */
	tax: number;
	civilAviationFund: number;
	otherTaxes: number;
	total: number;
	verificationCode: string;
	buyer: FixtureCompany;
	seller: string;
}

export function airItinerarySpec(overrides: Partial<AirItinerarySpec> = {}): AirItinerarySpec {
	return {
		number: '25312000000987654321',
		issueDate: '2025-07-04',
		passenger: '王示例',
		passengerId: '3101011985****5678',
		eTicket: '7812345678901',
		legs: [{ from: '上海虹桥T2', to: '北京首都T3', carrier: 'MU', flight: 'MU5101', seatClass: 'Y', date: '2025-07-05', time: '08:15' }],
		fare: 1000,
		fuelSurcharge: 60,
		tax: 87.52,
		civilAviationFund: 50,
		otherTaxes: 0,
		total: 1110,
		verificationCode: '1234',
		buyer: COMPANIES.buyer,
		seller: '示例航空服务有限公司',
		...overrides,
	};
}

/** The `atr` XBRL instance of an air itinerary (element names from the taxonomy, not a real file). */
export function airItineraryXbrl(spec: AirItinerarySpec, taxonomyDate = '2023-12-31'): string {
	return xbrlInstance(
		mofNamespace('atr', taxonomyDate),
		[
			['TypeOfVoucher', AIR_TITLE],
			['ElectronicInvoiceAirTransportReceiptNumber', spec.number],
			['IssueDate', spec.issueDate],
			['PassengerName', spec.passenger],
			['ValidIdNumber', spec.passengerId],
			['ETicketNumber', spec.eTicket],
			...spec.legs.map(
				(leg): Fact => [
					'DetailInformationOfAirTicketTuple',
					[
						['DepartureStation', leg.from],
						['DestinationStation', leg.to],
						['Carrier', leg.carrier],
						['Flight', leg.flight],
						['SeatClass', leg.seatClass],
						['CarrierDate', leg.date],
						['DepartureTime', leg.time],
						['FareBasis', leg.seatClass],
					],
				],
			),
			['Fare', spec.fare],
			['FuelSurcharge', spec.fuelSurcharge],
			['VatRate', '0.09'],
			['VatTaxAmount', spec.tax],
			['CivilAviationDevelopmentFund', spec.civilAviationFund],
			['OtherTaxes', spec.otherTaxes],
			['TotalAmount', spec.total],
			['VerificationCode', spec.verificationCode],
			['IssueParty', spec.seller],
			['NameOfSeller', spec.seller],
			['NameOfPurchaser', spec.buyer.name],
			['UnifiedSocialCreditCodeOfPurchaser', spec.buyer.taxId],
		],
		{ date: spec.issueDate },
	);
}

/** The air itinerary as an OFD: the printed layout (labels in a template) and the `atr` attachment. */
export function airItineraryOfd(spec: AirItinerarySpec): Buffer {
	const money = (value: number) => `CNY ${value.toFixed(2)}`;
	const texts: OfdText[] = [
		{ x: 150, y: 16, text: `发票号码:${spec.number}` },
		{ x: 150, y: 22, text: `开票日期:${spec.issueDate}` },
		{ x: 10, y: 34, text: spec.passenger },
		{ x: 45, y: 34, text: spec.passengerId },
		...spec.legs.flatMap((leg, index): OfdText[] => [
			{ x: 10, y: 48 + index * 6, text: `${index === 0 ? '自' : '至'}:${leg.from}` },
			{ x: 60, y: 48 + index * 6, text: leg.carrier },
			{ x: 75, y: 48 + index * 6, text: leg.flight },
			{ x: 95, y: 48 + index * 6, text: leg.seatClass },
			{ x: 110, y: 48 + index * 6, text: leg.date },
			{ x: 135, y: 48 + index * 6, text: leg.time },
		]),
		{ x: 10, y: 48 + spec.legs.length * 6, text: `至:${spec.legs[spec.legs.length - 1].to}` },
		{ x: 10, y: 80, text: money(spec.fare) },
		{ x: 35, y: 80, text: money(spec.fuelSurcharge) },
		{ x: 60, y: 80, text: '9%' },
		{ x: 75, y: 80, text: money(spec.tax) },
		{ x: 100, y: 80, text: money(spec.civilAviationFund) },
		{ x: 125, y: 80, text: money(spec.otherTaxes) },
		{ x: 150, y: 80, text: money(spec.total) },
		{ x: 10, y: 90, text: `电子客票号码:${spec.eTicket}` },
		{ x: 80, y: 90, text: `验证码:${spec.verificationCode}` },
		{ x: 10, y: 100, text: `填开单位:${spec.seller}` },
		{ x: 10, y: 110, text: `购买方名称:${spec.buyer.name}` },
		{ x: 110, y: 110, text: `统一社会信用代码/纳税人识别号:${spec.buyer.taxId ?? ''}` },
	];
	const template: OfdText[] = [
		{ x: 60, y: 4, text: AIR_TITLE, width: 100 },
		...['旅客姓名', '有效身份证件号码', '承运人', '航班号', '座位等级', '日期', '时间', '票价', '燃油附加费', '增值税税率', '增值税税额', '民航发展基金', '其他税费', '合计'].map(
			(label, index): OfdText => ({ x: 10 + (index % 7) * 25, y: index < 7 ? 42 : 74, text: label }),
		),
	];
	return ofdBytes({
		pages: [{ texts }],
		template,
		attachments: [{ name: `atr_issuer_${spec.issueDate.replace(/-/g, '')}_${spec.number}.xml`, data: airItineraryXbrl(spec) }],
	});
}

/** A 数电 invoice as an XBRL instance of the `inv` (or `einv`) taxonomy, as some OFDs attach instead of XML. */
export function invoiceXbrl(taxonomy: 'inv' | 'einv' = 'inv', versionDate = '2021-09-30'): string {
	const spec = digitalInvoiceSpec({ kind: 'common' });
	const { amount, tax, total } = invoiceTotals(spec);
	return xbrlInstance(
		mofNamespace(taxonomy, versionDate),
		[
			['TypeOfInvoice', '电子发票（普通发票）'],
			['NumberOfInvoice', spec.number],
			['DateOfIssue', spec.issueDate],
			['NameOfPurchaser', spec.buyer.name],
			['TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfPurchaser', spec.buyer.taxId],
			['NameOfSeller', spec.seller.name],
			['TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfSeller', spec.seller.taxId],
			['TotalAmountExcludingTax', amount],
			['TotalTaxAmount', tax],
			['TaxIncludedAmountInFigures', total],
			['TaxIncludedAmountInWords', capitalAmount(total)],
			['Issuer', spec.drawer],
			...spec.lines.map(
				(line): Fact => [
					'InformationOfTaxableGoodsOrServicesDetailItemsTuple',
					[
						['NameOfTaxableGoodsOrServices', line.name],
						['AmountExcludingTax', line.amount.toFixed(2)],
						['TaxRate', typeof line.taxRate === 'number' ? String(line.taxRate) : null],
						['TaxAmount', lineTax(line).toFixed(2)],
					],
				],
			),
		],
		{ date: spec.issueDate },
	);
}

/** A bank's e-receipt (借记通知) in the `bker` taxonomy: no invoice. */
export function bankReceiptXbrl(taxonomy: 'bker' | 'bkrs' = 'bker', versionDate = '2021-11-30'): string {
	return xbrlInstance(
		mofNamespace(taxonomy, versionDate),
		[
			['IdentifyingCode', 'C1030311000000202506180000000000000001ab12'],
			['NumberOfBankElectronicReceipt', '202506180000000000000001'],
			['IssueDate', '2025-06-18'],
			['TypeOfBankElectronicReceipt', '普通回单'],
			['TransactionAmountInFigures', 4000],
			['AccountNameOfPayer', COMPANIES.buyer.name],
			['AccountNumberOfPayer', COMPANIES.buyer.account],
			['AccountNameOfPayee', COMPANIES.seller.name],
			['AccountNumberOfPayee', COMPANIES.seller.account],
			['Usage', '货款'],
		],
		{ prefix: taxonomy },
	);
}

/**
 * The bank receipt as the OFD SDK writes it: the `bker` attachment, a tag file that is not
 * well-formed (`<:Root xmlns:="">`, as the real one), and a page that prints a number, a date and
 * an amount: nothing of it may make an invoice.
 */
export function bankReceiptOfd(options: { wellFormedTags?: boolean } = {}): Buffer {
	const tagRoot = options.wellFormedTags ? 'Root' : ':Root xmlns:=""';
	const tagEnd = options.wellFormedTags ? 'Root' : ':Root';
	return ofdBytes({
		pages: [
			{
				texts: [
					{ x: 70, y: 8, text: '示例银行电子回单', width: 60 },
					{ x: 10, y: 20, text: '回单编号：202506180000000000000001' },
					{ x: 10, y: 28, text: `付款人户名：${COMPANIES.buyer.name}`, id: 300 },
					{ x: 10, y: 36, text: `收款人户名：${COMPANIES.seller.name}`, id: 301 },
					{ x: 10, y: 44, text: '金额：¥4,000.00', id: 302 },
					{ x: 10, y: 52, text: '记账日期：2025-06-18' },
				],
			},
		],
		attachments: [{ name: 'C103031100000020250618.xml', data: bankReceiptXbrl() }],
		customTags: [
			{
				name: 'CustomTag.xml',
				data:
					`<?xml version="1.0" encoding="UTF-8"?><${tagRoot}><小写金额 ContextRef="TransactionAmountInFigures">` +
					`<ofd:ObjectRef xmlns:ofd="http://www.ofdspec.org/2016" PageRef="1">302</ofd:ObjectRef></小写金额></${tagEnd}>`,
			},
		],
	});
}

/**
 * An older 增值税电子普通发票 from a template SDK: values only in `OFD.xml` `CustomDatas`, the
 * title and labels in the template, values printed on the page; no tags, no attachment.
 */
export function customDatasOfd(): Buffer {
	const seller = COMPANIES.seller;
	return ofdBytes({
		template: [
			{ x: 70, y: 5, text: '上海增值税电子普通发票', width: 70 },
			{ x: 140, y: 6.2, text: '发票代码：' },
			{ x: 140, y: 11.7, text: '发票号码：' },
			{ x: 140, y: 17.2, text: '开票日期：' },
			{ x: 140, y: 22.7, text: '校验码：' },
			{ x: 12.5, y: 50, text: '项目名称' },
			{ x: 140, y: 50, text: '金额' },
			{ x: 163, y: 50, text: '税率' },
			{ x: 185, y: 50, text: '税额' },
			{ x: 18, y: 91.5, text: '合计' },
			{ x: 10, y: 96, text: '价税合计（大写）' },
			{ x: 5, y: 124.2, text: '收款人：' },
			{ x: 105, y: 124.2, text: '开票人：' },
		],
		pages: [
			{
				texts: [
					{ x: 164, y: 6.2, text: '031001900111' },
					{ x: 164, y: 11.7, text: '12345678' },
					{ x: 164, y: 17.2, text: '2020年08月05日' },
					{ x: 164, y: 22.7, text: '16630282980991510014' },
					{ x: 36, y: 30, text: '个人' },
					{ x: 5.5, y: 56, text: '*信息技术服务*软件服务费', width: 50 },
					{ x: 135.5, y: 56, text: '10000.00', width: 28 },
					{ x: 165, y: 56, text: '6%', width: 10 },
					{ x: 176.5, y: 56, text: '600.00', width: 28 },
					{ x: 36, y: 104, text: seller.name },
					{ x: 36, y: 109, text: seller.taxId ?? '' },
					{ x: 135.5, y: 91.5, text: '¥10000.00', width: 28 },
					{ x: 176.5, y: 91.5, text: '¥600.00', width: 28 },
					{ x: 63, y: 96, text: '壹万零陆佰圆整', width: 60 },
					{ x: 168.5, y: 96, text: '¥10600.00', width: 37 },
					{ x: 22, y: 124.2, text: '张示例', width: 15 },
					{ x: 121, y: 124.2, text: '任示例', width: 15 },
				],
			},
		],
		customDatas: [
			['native-producer', 'FixtureSDK'],
			['价税合计', '10600.00'],
			['发票代码', '031001900111'],
			['发票号码', '12345678'],
			['合计金额', '10000.00'],
			['开票日期', '2020年08月05日'],
			['校验码', '16630282980991510014'],
			['购买方名称', '个人'],
			['销售方名称', seller.name],
			['销售方纳税人识别号', seller.taxId ?? ''],
		],
	});
}

/** The older e-invoice XML (namespace edrm 2019) an OFD attaches as `original_invoice.xml`. */
export function legacyInvoiceXml(): string {
	const seller = COMPANIES.consultant;
	const buyer = COMPANIES.buyer;
	return `<?xml version="1.0" encoding="UTF-8"?>
<eInvoice xmlns="http://www.edrm.org.cn/schema/e-invoice/2019">
<GraphCode>01,10,033002000211,83089647,510.68,20200723,16197833567414507415,ABCD</GraphCode>
<InvoiceCode>033002000211</InvoiceCode><InvoiceNo>83089647</InvoiceNo><IssueDate>20200723</IssueDate>
<InvoiceCheckCode>16197833567414507415</InvoiceCheckCode>
<Buyer><BuyerName>${buyer.name}</BuyerName><BuyerTaxID>${buyer.taxId}</BuyerTaxID></Buyer>
<Seller><SellerName>${seller.name}</SellerName><SellerTaxID>${seller.taxId}</SellerTaxID></Seller>
<GoodsInfos><GoodsInfo><Item>*餐饮服务*餐费</Item><Amount>510.68</Amount><TaxScheme>3%</TaxScheme><TaxAmount>15.32</TaxAmount></GoodsInfo></GoodsInfos>
<TaxExclusiveTotalAmount>510.68</TaxExclusiveTotalAmount><TaxTotalAmount>15.32</TaxTotalAmount><TaxInclusiveTotalAmount>526.00</TaxInclusiveTotalAmount>
<InvoiceClerk>管理员</InvoiceClerk>
</eInvoice>
`;
}

/**
 * Tag-file variants: an empty `Tag_Invoice.xml` beside the attachment, a `CustomTag.xml` that is
 * not well-formed (`<:eInvoice xmlns:="">`, as ofdrw's SDK writes it) beside the attachment, or that
 * same tag file alone, its `ObjectRef`s pointing at the printed values.
 */
export function tagVariantOfd(variant: 'empty-tag-invoice' | 'malformed-custom-tag' | 'malformed-custom-tag-only'): Buffer {
	const seller = COMPANIES.consultant;
	const ref = (name: string, id: number) => `<${name}><ofd:ObjectRef PageRef="1">${id}</ofd:ObjectRef></${name}>`;
	const malformedTag =
		'<?xml version="1.0" encoding="UTF-8"?><:eInvoice xmlns:="">' +
		ref('InvoiceCode', 200) + ref('InvoiceNo', 201) + ref('IssueDate', 202) +
		`<Buyer>${ref('BuyerName', 203)}</Buyer><Seller>${ref('SellerName', 204)}${ref('SellerTaxID', 205)}</Seller>` +
		`<TaxInclusiveTotalAmount><ofd:ObjectRef PageRef="1">206</ofd:ObjectRef><ofd:ObjectRef PageRef="1">207</ofd:ObjectRef></TaxInclusiveTotalAmount>` +
		'</:eInvoice>';
	const customTags =
		variant === 'empty-tag-invoice'
			? [{ name: 'Tag_Invoice.xml', data: '<?xml version="1.0" encoding="UTF-8"?><ofd:Invoice xmlns:ofd="http://www.ofdspec.org/2016"/>' }]
			: [{ name: 'CustomTag.xml', data: malformedTag }];
	return ofdBytes({
		template: [{ x: 60, y: 5, text: '浙江增值税电子普通发票', width: 70 }],
		pages: [
			{
				texts: [
					{ x: 164, y: 6.2, text: '033002000211', id: 200 },
					{ x: 164, y: 11.7, text: '83089647', id: 201 },
					{ x: 164, y: 17.2, text: '2020年07月23日', id: 202 },
					{ x: 36, y: 30, text: COMPANIES.buyer.name, id: 203 },
					{ x: 36, y: 104, text: seller.name, id: 204 },
					{ x: 36, y: 109, text: seller.taxId ?? '', id: 205 },
					{ x: 165, y: 96, text: '¥', id: 206 },
					{ x: 169, y: 96, text: '526.00', id: 207 },
				],
			},
		],
		attachments: variant === 'malformed-custom-tag-only' ? [] : [{ name: 'original_invoice.xml', data: legacyInvoiceXml() }],
		customTags,
	});
}

/**
 * ofd-go's SDK style of tag file: elements named in Chinese, each with the XBRL concept it stands
 * for in `ContextRef`, values by `ObjectRef` or inline `ObjectData`, under a root with an empty
 * namespace prefix (`<:Root xmlns:="">`); no attachment. Element names follow the SDK's bank
 * receipt (a real file); that its invoices are tagged alike is an assumption.
 */
export function conceptTagOfd(): Buffer {
	const seller = COMPANIES.seller;
	const tagged = (name: string, concept: string, id: number) =>
		`<${name} ContextRef="${concept}"><ofd:ObjectRef PageRef="1">${id}</ofd:ObjectRef></${name}>`;
	const inline = (name: string, concept: string, value: string) =>
		`<${name} ContextRef="${concept}"><ObjectData>${escapeXml(value)}</ObjectData></${name}>`;
	const tag =
		'<?xml version="1.0" encoding="UTF-8"?><:Root xmlns:="">' +
		inline('发票类型', 'TypeOfInvoice', '电子发票（普通发票）') +
		tagged('发票号码', 'NumberOfInvoice', 300) +
		tagged('开票日期', 'DateOfIssue', 301) +
		tagged('购买方名称', 'NameOfPurchaser', 302) +
		tagged('销售方名称', 'NameOfSeller', 303) +
		tagged('销售方纳税人识别号', 'TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfSeller', 304) +
		tagged('价税合计', 'TaxIncludedAmountInFigures', 305) +
		'</:Root>';
	return ofdBytes({
		pages: [
			{
				texts: [
					{ x: 70, y: 6, text: '电子发票（普通发票）', width: 60 },
					{ x: 161, y: 10, text: '25312000000123456789', id: 300, width: 40 },
					{ x: 161, y: 16, text: '2025年06月18日', id: 301, width: 30 },
					{ x: 22, y: 28, text: COMPANIES.buyer.name, id: 302, width: 60 },
					{ x: 122, y: 28, text: seller.name, id: 303, width: 60 },
					{ x: 162, y: 38, text: seller.taxId ?? '', id: 304, width: 38 },
					{ x: 166, y: 96, text: '¥1399.00', id: 305, width: 22 },
				],
			},
		],
		customTags: [{ name: 'CustomTag.xml', data: tag }],
	});
}

/**
 * A 数电 普票 converted from PDF to OFD by a third-party tool: only the page's text objects, each
 * glyph of a label placed on its own, labels with Kangxi radical code points (⼈ U+2F08 for 人,
 * ⾦ U+2FA6 for 金, ⽅ U+2F45 for 方, ⼦ U+2F26 for 子, ⼀ U+2F00 for 一).
 */
export function pageTextOnlyOfd(): Buffer {
	const spec = digitalInvoiceSpec({ kind: 'common', lines: [{ name: '*餐饮服务*餐费', amount: 283.02, taxRate: 0.06 }] });
	const { amount, tax, total } = invoiceTotals(spec);
	// Labels are drawn glyph by glyph, 3 mm a character; the party headings stand vertically.
	const label = (x: number, y: number, text: string): OfdText => ({ x, y, text, width: Array.from(text).length * 3, glyphs: true });
	const vertical = (x: number, y: number, text: string): OfdText[] =>
		Array.from(text).map((character, index) => ({ x, y: y + index * 4, text: character, width: 3 }));
	const texts: OfdText[] = [
		label(70, 6, '电⼦发票（普通发票）'),
		label(145, 10, '发票号码：'),
		{ x: 161, y: 10, text: spec.number, width: 40 },
		label(145, 16, '开票⽇期：'),
		{ x: 161, y: 16, text: '2025年06⽉18⽇', width: 30 },
		...vertical(5, 26, '购买⽅信息'),
		label(12, 28, '名称：'),
		{ x: 22, y: 28, text: spec.buyer.name, width: 60 },
		label(12, 38, '统⼀社会信⽤代码/纳税⼈识别号：'),
		{ x: 62, y: 38, text: spec.buyer.taxId ?? '', width: 38 },
		...vertical(105, 26, '销售⽅信息'),
		label(112, 28, '名称：'),
		{ x: 122, y: 28, text: spec.seller.name, width: 60 },
		label(112, 38, '统⼀社会信⽤代码/纳税⼈识别号：'),
		{ x: 162, y: 38, text: spec.seller.taxId ?? '', width: 38 },
		label(15, 50, '项⽬名称'),
		label(140, 50, '⾦额'),
		label(158, 50, '税率/征收率'),
		label(186, 50, '税额'),
		{ x: 5, y: 56, text: spec.lines[0].name, width: 40 },
		{ x: 135, y: 56, text: amount.toFixed(2), width: 18 },
		{ x: 163, y: 56, text: '6%', width: 6 },
		{ x: 184, y: 56, text: tax.toFixed(2), width: 15 },
		label(18, 90, '合计'),
		{ x: 135, y: 90, text: `¥${amount.toFixed(2)}`, width: 20 },
		{ x: 182, y: 90, text: `¥${tax.toFixed(2)}`, width: 17 },
		label(10, 96, '价税合计（⼤写）'),
		{ x: 60, y: 96, text: capitalAmount(total), width: 36 },
		label(145, 96, '（⼩写）'),
		{ x: 166, y: 96, text: `¥${total.toFixed(2)}`, width: 22 },
		label(10, 126, '开票⼈：'),
		{ x: 25, y: 126, text: spec.drawer, width: 12 },
	];
	return ofdBytes({ pages: [{ texts }] });
}

/** The values `pageTextOnlyOfd` prints, for tests to compare with. */
export function pageTextOnlyExpected() {
	const spec = digitalInvoiceSpec({ kind: 'common', lines: [{ name: '*餐饮服务*餐费', amount: 283.02, taxRate: 0.06 }] });
	return { spec, ...invoiceTotals(spec) };
}
