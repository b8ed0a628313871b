import { runOfflineChecks } from '../../../nodes/shared/checks';
import { readInvoiceCode } from '../../../nodes/shared/checks/invoiceCode';

const today = new Date('2025-06-15T04:00:00Z');

function codeIssues(
	invoiceType: string,
	invoiceCode: unknown,
	issueDate: string | null = '2020-06-01',
) {
	return runOfflineChecks({ invoiceType, invoiceCode, issueDate }, { today }).issues;
}

function ruleIds(
	invoiceType: string,
	invoiceCode: unknown,
	issueDate: string | null = '2020-06-01',
) {
	return codeIssues(invoiceType, invoiceCode, issueDate).map((issue) => issue.rule);
}

describe('invoice code layout', () => {
	test.each([
		// 10 digits: type is digit 8
		['3100173130', 'special', '3100', '17'],
		['4400191530', 'special', '4400', '19'],
		['3200163320', 'common', '3200', '16'],
		['1100151620', 'common', '1100', '15'],
		['2102142230', 'transport', '2102', '14'],
		['3302151730', 'transport', '3302', '15'],
		// 12 digits: digit 1 is 0, type is digits 11-12
		['032001900104', 'common', '3200', '19'],
		['044031800105', 'common', '4403', '18'],
		['044031900106', 'roll', '4403', '19'],
		['011001800107', 'roll', '1100', '18'],
		['011001900611', 'electronic_common', '1100', '19'],
		['031001900112', 'toll', '3100', '19'],
		['044032000113', 'electronic_special', '4403', '20'],
		['011002000117', 'used_vehicle', '1100', '20'],
		// early e-invoice codes that predate the leading 0
		['144031539110', 'electronic_common', '4403', '15'],
		['131001570151', 'electronic_common', '3100', '15'],
		['133011501118', 'electronic_common', '3301', '15'],
		['111001571071', 'electronic_common', '1100', '15'],
		// outside the VAT system, unknown VAT type digits
		['144031909110', 'outside_vat', '4403', '19'],
		['011001900199', 'unknown', '1100', '19'],
		['1100150920', 'unknown', '1100', '15'],
	])('%s is %s, region %s, year %s', (code, family, region, year) => {
		expect(readInvoiceCode(code)).toEqual(expect.objectContaining({ family, region, year }));
	});

	test('anything but 10 or 12 digits has no layout', () => {
		expect(readInvoiceCode('04403190010')).toBeNull();
		expect(readInvoiceCode('0440319001061')).toBeNull();
		expect(readInvoiceCode('04403190010A')).toBeNull();
	});
});

describe('invoice code rules', () => {
	test.each([
		['vat_special', '3100173130'],
		['vat_special', '4400191530'],
		['vat_common', '3200163320'],
		['vat_common', '032001900104'],
		['vat_common', '044031800105'],
		['vat_transport', '2102142230'],
		['vat_roll', '044031900106'],
		['vat_roll', '011001800107'],
		['vat_electronic_common', '011001900611'],
		['vat_electronic_common', '144031539110'],
		['vat_toll', '031001900112'],
		['vat_electronic_special', '044032000113'],
		['used_vehicle', '011002000117'],
		// vehicle invoices may carry local (non-VAT) codes
		['motor_vehicle', '144001924160'],
		['used_vehicle', '144001920000'],
		// blockchain invoices: local 12-digit codes with region and year
		['vat_blockchain', '144032009110'],
		// an unknown VAT type suffix is not a contradiction
		['vat_common', '011001900199'],
	])('%s with code %s passes', (type, code) => {
		expect(ruleIds(type, code)).toEqual([]);
	});

	test.each([
		['vat_special', '3200163320', 'a paper VAT common invoice (digit 8 = 3)'],
		['vat_common', '3100173130', 'a VAT special invoice (digit 8 = 1)'],
		['vat_common', '011001900611', 'a VAT electronic common invoice (digits 11-12 = 11)'],
		['vat_electronic_common', '044031900106', 'a VAT roll invoice (digits 11-12 = 06)'],
		['vat_roll', '032001900104', 'a paper VAT common invoice (digits 11-12 = 04)'],
		['vat_toll', '011001900611', 'a VAT electronic common invoice'],
		['vat_electronic_special', '044031800105', 'a paper VAT common invoice'],
		['vat_special', '044032000113', 'a VAT electronic special invoice'],
		['vat_transport', '3100173130', 'a VAT special invoice'],
		['used_vehicle', '032001900104', 'a paper VAT common invoice'],
		['motor_vehicle', '011002000117', 'a used-vehicle sales invoice'],
		['vat_common', '144031909110', 'an invoice issued outside the VAT system (digit 1 = 1)'],
	])('%s with code %s contradicts the type', (type, code, family) => {
		const issues = codeIssues(type, code);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ rule: 'invoice_code_type', field: 'invoiceCode' });
		expect(issues[0].message).toContain(`Invoice code ${code} belongs to ${family}`);
		expect(issues[0].message).toContain(`but the invoice type is ${type}.`);
	});

	test.each([
		['vat_common', '12345'],
		['vat_special', '31001731300'],
		['vat_electronic_common', '01100190061A'],
		['digital_common', '24312000000123456789'],
	])('%s with code %p is malformed', (type, code) => {
		expect(ruleIds(type, code)).toEqual(['invoice_code_structure']);
	});

	test('a code given as a number lost its leading zero and is malformed', () => {
		expect(ruleIds('vat_electronic_common', 11001900611)).toEqual(['invoice_code_structure']);
	});

	test('types outside the VAT coding scheme are not judged', () => {
		expect(ruleIds('taxi', '12345')).toEqual([]);
		expect(ruleIds('medical_receipt', '11060120')).toEqual([]);
		expect(ruleIds('train_ticket', 'Z71P016427')).toEqual([]);
		expect(ruleIds('other', '099991900104')).toEqual([]);
	});

	test('unknown regions are flagged; the separately planned cities are known', () => {
		expect(ruleIds('vat_common', '099991900104')).toEqual(['invoice_code_region']);
		expect(ruleIds('vat_common', '071001900104')).toEqual(['invoice_code_region']);
		expect(ruleIds('vat_special', '0000171130')).toEqual(['invoice_code_region']);
		expect(codeIssues('vat_common', '099991900104')[0].message).toContain(
			'region 9999 (digits 2-5)',
		);
		for (const city of ['2102', '3302', '3502', '3702', '4403']) {
			expect(ruleIds('vat_common', `0${city}1900104`)).toEqual([]);
		}
		// city-level codes inside a province read as the province
		expect(ruleIds('vat_common', '044011900104')).toEqual([]);
	});

	test('the code year may not be after the issue year', () => {
		expect(ruleIds('vat_common', '032002000104', '2020-01-02')).toEqual([]);
		expect(ruleIds('vat_common', '032002000104', '2019-11-30')).toEqual(['invoice_code_year']);
		expect(codeIssues('vat_common', '032002000104', '2019-11-30')[0].message).toBe(
			"Invoice code 032002000104 carries the year 2020 (digits 6-7), later than the issue date 2019-11-30 allows (only a December invoice may carry next year's code).",
		);
		expect(ruleIds('vat_special', '3100183130', '2017-05-01')).toEqual(['invoice_code_year']);
	});

	test("codes are printed ahead: a December invoice may carry next year's code, not the year after", () => {
		expect(ruleIds('vat_common', '032002000104', '2019-12-31')).toEqual([]);
		expect(ruleIds('vat_common', '032002100104', '2019-12-31')).toEqual(['invoice_code_year']);
	});

	test('without an issue date the code year may not be in the future', () => {
		expect(ruleIds('vat_common', '032002500104', null)).toEqual([]);
		expect(ruleIds('vat_common', '032002600104', null)).toEqual(['invoice_code_year']);
		expect(codeIssues('vat_common', '032002600104', null)[0].message).toContain('in the future');
	});

	test('the WeBank document sample (code year 19, dated 2018-12-31) is a December invoice on next year\'s code', () => {
		expect(ruleIds('vat_electronic_common', '011001900611', '2018-12-31')).toEqual([]);
		expect(ruleIds('vat_electronic_common', '011001900611', '2018-11-30')).toEqual(['invoice_code_year']);
	});
});
