/**
 * Field maps of the e-invoice XML layouts: element path (local names, `/`-separated, below the
 * root or below one line element) → contract key and parser. Row order is priority: the first
 * non-null value wins.
 */
import { amountInWords, COMMON_RULES, type FieldTable, type ItemFieldTable } from '../../normalize/invoice';
import { decimal, digits, money, printedText, taxRate, text } from '../../normalize/parse';

/** 数电 XML (root `EInvoice`, tax-platform schema). Addresses and banks are joined in code. */
export const DIGITAL_FIELDS: FieldTable = {
	'TaxSupervisionInfo/InvoiceNumber': COMMON_RULES.number,
	'Header/EIid': COMMON_RULES.number,
	'TaxSupervisionInfo/IssueTime': COMMON_RULES.issueDate,
	'EInvoiceData/BasicInformation/RequestTime': COMMON_RULES.issueDate,
	'EInvoiceData/SellerInformation/SellerName': { path: 'seller.name', parse: printedText },
	'EInvoiceData/SellerInformation/SellerIdNum': { path: 'seller.taxId', parse: text },
	'EInvoiceData/BuyerInformation/BuyerName': { path: 'buyer.name', parse: printedText },
	'EInvoiceData/BuyerInformation/BuyerIdNum': { path: 'buyer.taxId', parse: text },
	'EInvoiceData/BasicInformation/TotalAmWithoutTax': { path: 'amount', parse: money },
	'EInvoiceData/BasicInformation/TotalTaxAm': { path: 'tax', parse: money },
	'EInvoiceData/BasicInformation/TotalTax-includedAmount': COMMON_RULES.total,
	'EInvoiceData/BasicInformation/TotalTax-includedAmountInChinese': { path: 'totalInWords', parse: amountInWords },
	'EInvoiceData/BasicInformation/Drawer': { path: 'drawer', parse: printedText },
	'EInvoiceData/BasicInformation/Payee': { path: 'payee', parse: printedText },
	'EInvoiceData/BasicInformation/Reviewer': { path: 'reviewer', parse: printedText },
	'EInvoiceData/AdditionalInformation/Remark': { path: 'remarks', parse: text },
};

/** Joined party lines of 数电 XML: [contract key, first element, second element]. */
export const DIGITAL_PARTY_LINES: ReadonlyArray<[`${'buyer' | 'seller'}.${'addressPhone' | 'bankAccount'}`, string, string]> = [
	['seller.addressPhone', 'EInvoiceData/SellerInformation/SellerAddr', 'EInvoiceData/SellerInformation/SellerTelNum'],
	['seller.bankAccount', 'EInvoiceData/SellerInformation/SellerBankName', 'EInvoiceData/SellerInformation/SellerBankAccNum'],
	['buyer.addressPhone', 'EInvoiceData/BuyerInformation/BuyerAddr', 'EInvoiceData/BuyerInformation/BuyerTelNum'],
	['buyer.bankAccount', 'EInvoiceData/BuyerInformation/BuyerBankName', 'EInvoiceData/BuyerInformation/BuyerBankAccNum'],
];

/** One `EInvoiceData/IssuItemInformation` line. */
export const DIGITAL_ITEM_FIELDS: ItemFieldTable = {
	ItemName: { path: 'name', parse: printedText },
	SpecMod: { path: 'specification', parse: printedText },
	MeaUnits: { path: 'unit', parse: text },
	Quantity: { path: 'quantity', parse: decimal },
	UnPrice: { path: 'unitPrice', parse: decimal },
	Amount: { path: 'amount', parse: money },
	TaxRate: { path: 'taxRate', parse: taxRate },
	ComTaxAm: { path: 'tax', parse: money },
};

/**
 * The older e-invoice schema (`eInvoice`, namespace http://www.edrm.org.cn/schema/e-invoice/2019),
 * as an OFD attachment. OFD tag files (`CustomTag.xml`, `Tag_Invoice.xml`) use the same element
 * names, so the values their object references point at are read with this table too.
 */
export const LEGACY_FIELDS: FieldTable = {
	InvoiceCode: COMMON_RULES.code,
	InvoiceNo: COMMON_RULES.number,
	IssueDate: COMMON_RULES.issueDate,
	InvoiceCheckCode: { path: 'checkCode', parse: digits },
	MachineNo: { path: 'machineCode', parse: digits },
	'Buyer/BuyerName': { path: 'buyer.name', parse: printedText },
	'Buyer/BuyerTaxID': { path: 'buyer.taxId', parse: text },
	'Buyer/BuyerAddrTel': { path: 'buyer.addressPhone', parse: text },
	'Buyer/BuyerFinancialAccount': { path: 'buyer.bankAccount', parse: text },
	'Seller/SellerName': { path: 'seller.name', parse: printedText },
	'Seller/SellerTaxID': { path: 'seller.taxId', parse: text },
	'Seller/SellerAddrTel': { path: 'seller.addressPhone', parse: text },
	'Seller/SellerFinancialAccount': { path: 'seller.bankAccount', parse: text },
	TaxExclusiveTotalAmount: { path: 'amount', parse: money },
	TaxTotalAmount: { path: 'tax', parse: money },
	TaxInclusiveTotalAmount: COMMON_RULES.total,
	TaxInclusiveTotalAmountWithWords: { path: 'totalInWords', parse: amountInWords },
	InvoiceClerk: { path: 'drawer', parse: printedText },
	Payee: { path: 'payee', parse: printedText },
	Checker: { path: 'reviewer', parse: printedText },
	Note: { path: 'remarks', parse: text },
};

/** One `GoodsInfos/GoodsInfo` line of the older schema (and one item group of an OFD tag file). */
export const LEGACY_ITEM_FIELDS: ItemFieldTable = {
	Item: { path: 'name', parse: printedText },
	Specification: { path: 'specification', parse: printedText },
	MeasurementDimension: { path: 'unit', parse: text },
	Quantity: { path: 'quantity', parse: decimal },
	Price: { path: 'unitPrice', parse: decimal },
	Amount: { path: 'amount', parse: money },
	TaxScheme: { path: 'taxRate', parse: taxRate },
	TaxAmount: { path: 'tax', parse: money },
};

/** XBRL invoice instance (`inv:` taxonomy of the Ministry of Finance, 2021-09-30), as some OFDs attach. */
export const XBRL_FIELDS: FieldTable = {
	CodeOfInvoice: COMMON_RULES.code,
	NumberOfInvoice: COMMON_RULES.number,
	DateOfIssue: COMMON_RULES.issueDate,
	IdentifyingCode: { path: 'checkCode', parse: digits },
	NumberOfInvoiceMachine: { path: 'machineCode', parse: digits },
	NameOfPurchaser: { path: 'buyer.name', parse: printedText },
	TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfPurchaser: { path: 'buyer.taxId', parse: text },
	AddressPhoneNumberOfPurchaser: { path: 'buyer.addressPhone', parse: text },
	DepositBankAndAccountNumberOfPurchaser: { path: 'buyer.bankAccount', parse: text },
	NameOfSeller: { path: 'seller.name', parse: printedText },
	TaxpayerIdentificationNumberUnifiedSocialCreditCodeOfSeller: { path: 'seller.taxId', parse: text },
	AddressPhoneNumberOfSeller: { path: 'seller.addressPhone', parse: text },
	DepositBankAndAccountNumberOfSeller: { path: 'seller.bankAccount', parse: text },
	TotalAmountExcludingTax: { path: 'amount', parse: money },
	TotalTaxAmount: { path: 'tax', parse: money },
	TaxIncludedAmountInFigures: COMMON_RULES.total,
	TaxIncludedAmountInWords: { path: 'totalInWords', parse: amountInWords },
	Remarks: { path: 'remarks', parse: text },
	Payee: { path: 'payee', parse: printedText },
	Reviewer: { path: 'reviewer', parse: printedText },
	Issuer: { path: 'drawer', parse: printedText },
	TypeOfInvoice: { path: 'title', parse: printedText },
};

/** One `InformationOfTaxableGoodsOrServicesDetailItemsTuple` of the XBRL instance. */
export const XBRL_ITEM_FIELDS: ItemFieldTable = {
	NameOfTaxableGoodsOrServices: { path: 'name', parse: printedText },
	Specification: { path: 'specification', parse: printedText },
	UnitOfGoodsOrServices: { path: 'unit', parse: text },
	QuantityOfGoodsOrServices: { path: 'quantity', parse: decimal },
	UnitPriceOfGoodsOrServices: { path: 'unitPrice', parse: decimal },
	AmountExcludingTax: { path: 'amount', parse: money },
	TaxRate: { path: 'taxRate', parse: taxRate },
	TaxAmount: { path: 'tax', parse: money },
};

/**
 * 电子发票（铁路电子客票） in the `rai` taxonomy (checked against a real 12306 file, 2021-11-30).
 * 票价 (`Fare`) is the total; 金额 and 税额 are printed beside it.
 */
export const RAILWAY_TICKET_FIELDS: FieldTable = {
	ElectronicInvoiceRailwayETicketNumber: COMMON_RULES.number,
	DateOfIssue: COMMON_RULES.issueDate,
	TypeOfVoucher: { path: 'title', parse: printedText },
	Fare: COMMON_RULES.total,
	TotalAmountExcludingTax: { path: 'amount', parse: money },
	TaxAmount: { path: 'tax', parse: money },
	NameOfPurchaser: { path: 'buyer.name', parse: printedText },
	UnifiedSocialCreditCodeOfPurchaser: { path: 'buyer.taxId', parse: text },
	AddressPhoneNumberOfPurchaser: { path: 'buyer.addressPhone', parse: text },
	DepositBankAndAccountNumberOfPurchaser: { path: 'buyer.bankAccount', parse: text },
	IssueParty: { path: 'seller.name', parse: printedText },
	IssuePartyCode: { path: 'seller.taxId', parse: text },
	Remarks: { path: 'remarks', parse: text },
	Name: { path: 'transport.passengerName', parse: printedText },
	IdNumber: { path: 'transport.passengerId', parse: text },
	DepartureStation: { path: 'transport.departureStation', parse: printedText },
	DestinationStation: { path: 'transport.arrivalStation', parse: printedText },
	TrainNumber: { path: 'transport.trainNumber', parse: text },
	SeatLevel: { path: 'transport.seatClass', parse: text },
	ETicketNumber: { path: 'transport.eTicketNumber', parse: text },
	NumberOfOriginalInvoice: { path: 'transport.originalInvoiceNumber', parse: text },
	FareOfOriginalRailwayTicket: { path: 'transport.originalFare', parse: money },
	AmountRefunded: { path: 'transport.amountRefunded', parse: money },
	TypeOfBusiness: { path: 'transport.businessType', parse: text },
};

/**
 * 电子发票（航空运输电子客票行程单） in the `atr` taxonomy. No public real file exists: element names
 * are those of the taxonomy as OCR SDKs and OFD readers name them, not checked against a real file.
 * 合计 (`TotalAmount`) is the total; the fare and fuel surcharge include the VAT printed beside them.
 */
export const AIR_TICKET_FIELDS: FieldTable = {
	ElectronicInvoiceAirTransportReceiptNumber: COMMON_RULES.number,
	IssueDate: COMMON_RULES.issueDate,
	DateOfIssue: COMMON_RULES.issueDate,
	TypeOfVoucher: { path: 'title', parse: printedText },
	TotalAmount: COMMON_RULES.total,
	VatTaxAmount: { path: 'tax', parse: money },
	VerificationCode: { path: 'checkCode', parse: digits },
	NameOfPurchaser: { path: 'buyer.name', parse: printedText },
	UnifiedSocialCreditCodeOfPurchaser: { path: 'buyer.taxId', parse: text },
	NameOfSeller: { path: 'seller.name', parse: printedText },
	IssueParty: { path: 'seller.name', parse: printedText },
	UnifiedSocialCreditCodeOfSeller: { path: 'seller.taxId', parse: text },
	PassengerName: { path: 'transport.passengerName', parse: printedText },
	ValidIdNumber: { path: 'transport.passengerId', parse: text },
	ETicketNumber: { path: 'transport.eTicketNumber', parse: text },
	Fare: { path: 'transport.fare', parse: money },
	FuelSurcharge: { path: 'transport.fuelSurcharge', parse: money },
	CivilAviationDevelopmentFund: { path: 'transport.civilAviationDevelopmentFund', parse: money },
	OtherTaxes: { path: 'transport.otherTaxes', parse: money },
	VatRate: { path: 'transport.vatRate', parse: taxRate },
};

/** One `DetailInformationOfAirTicketTuple` (a flight leg) of the `atr` taxonomy. */
export const AIR_LEG_FIELDS: FieldTable = {
	DepartureStation: { path: 'transport.departureStation', parse: printedText },
	DestinationStation: { path: 'transport.arrivalStation', parse: printedText },
	Flight: { path: 'transport.flightNumber', parse: text },
	Carrier: { path: 'transport.carrier', parse: text },
	SeatClass: { path: 'transport.seatClass', parse: text },
	FareBasis: { path: 'transport.fareBasis', parse: text },
};

/**
 * `OFD.xml` `CustomData` names the tax platform writes: a cross-check, and the value where the
 * layout gave none.
 */
export const OFD_CUSTOM_DATA_FIELDS: FieldTable = {
	发票代码: COMMON_RULES.code,
	发票号码: COMMON_RULES.number,
	开票日期: COMMON_RULES.issueDate,
	校验码: { path: 'checkCode', parse: digits },
	购买方名称: { path: 'buyer.name', parse: printedText },
	购买方纳税人识别号: { path: 'buyer.taxId', parse: text },
	销售方名称: { path: 'seller.name', parse: printedText },
	销售方纳税人识别号: { path: 'seller.taxId', parse: text },
	合计金额: { path: 'amount', parse: money },
	合计税额: { path: 'tax', parse: money },
	价税合计: COMMON_RULES.total,
};
