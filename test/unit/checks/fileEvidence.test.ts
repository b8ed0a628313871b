import { runOfflineChecks } from '../../../nodes/shared/checks';
import { toOutputInvoice } from '../../../nodes/shared/normalize/output';
import type { InvoiceQr, RecognizedInvoice, SignatureInfo } from '../../../nodes/shared/types';

const today = new Date('2025-06-15T04:00:00Z');

/** A 数电 普票 as a local reader gives it, with the QR code its file prints. */
function digitalCommon(qr: Partial<InvoiceQr> | null, signature: SignatureInfo | null = null) {
	return {
		invoiceType: 'digital_common',
		invoiceCode: null,
		invoiceNumber: '25322000000365404822',
		issueDate: '2025-03-04',
		amount: 94.34,
		tax: 5.66,
		total: 100,
		qr:
			qr === null
				? null
				: {
						text: '01,32,,25322000000365404822,100.00,20250304,,A1B2',
						typeCode: '32',
						invoiceCode: null,
						invoiceNumber: '25322000000365404822',
						amount: 100,
						issueDate: '2025-03-04',
						checkCode: null,
						crc: 'valid',
						...qr,
					},
		signature,
	};
}

function rulesOf(invoice: unknown): string[] {
	return runOfflineChecks(invoice, { today }).issues.map((issue) => issue.rule);
}

describe('QR code rules', () => {
	test('a QR code that agrees with the fields read raises nothing', () => {
		expect(rulesOf(digitalCommon({}))).toEqual([]);
	});

	test('no QR code, no QR rule', () => {
		expect(rulesOf(digitalCommon(null))).toEqual([]);
	});

	test('a different number is a qr_mismatch on invoiceNumber', () => {
		const result = runOfflineChecks(digitalCommon({ invoiceNumber: '25322000000365404823' }), { today });
		expect(result.passed).toBe(false);
		expect(result.issues).toEqual([
			expect.objectContaining({ rule: 'qr_mismatch', field: 'invoiceNumber', message: expect.stringContaining('25322000000365404823') }),
		]);
	});

	test('on 数电 types the QR amount is the total: an edited total is caught, the pre-tax amount is not compared', () => {
		expect(rulesOf(digitalCommon({ amount: 94.34 }))).toEqual(['qr_mismatch']);
		expect(rulesOf({ ...digitalCommon({}), total: 1000 })).toEqual(expect.arrayContaining(['qr_mismatch']));
	});

	test('on older VAT types (04) the QR amount is 金额, before tax', () => {
		const paper = {
			invoiceType: 'vat_common',
			invoiceCode: '3200163320',
			invoiceNumber: '12345678',
			issueDate: '2016-12-01',
			checkCode: '12345678901234567890',
			amount: 94.34,
			tax: 5.66,
			total: 100,
			qr: {
				text: '',
				typeCode: '04',
				invoiceCode: '3200163320',
				invoiceNumber: '12345678',
				amount: 94.34,
				issueDate: '2016-12-01',
				checkCode: '12345678901234567890',
				crc: 'valid',
			},
		};
		expect(rulesOf(paper)).toEqual([]);
		expect(rulesOf({ ...paper, qr: { ...paper.qr, amount: 100 } })).toEqual(['qr_mismatch']);
		expect(rulesOf({ ...paper, checkCode: '12345678901234567899' })).toEqual(['qr_mismatch']);
		expect(rulesOf({ ...paper, invoiceType: 'vat_special' })).toContain('qr_mismatch');
	});

	test('a red-letter invoice whose QR prints the amount unsigned is no mismatch', () => {
		expect(rulesOf({ ...digitalCommon({}), amount: -94.34, tax: -5.66, total: -100 })).toEqual([]);
	});

	test('an invalid check value is qr_crc, a warning beside the comparison', () => {
		expect(rulesOf(digitalCommon({ crc: 'invalid' }))).toEqual(['qr_crc']);
		expect(rulesOf(digitalCommon({ crc: 'absent' }))).toEqual([]);
	});
});

describe('signature rules', () => {
	const signature = (status: SignatureInfo['status']): SignatureInfo => ({
		status,
		format: 'ofd-seal',
		signer: '某某有限公司',
		issuer: '税务测试CA2(SM2)',
		signedAt: '2020-01-01T00:00:00Z',
		testCertificate: true,
	});

	test.each([
		['valid', []],
		['unsigned', []],
		['unverifiable', []],
		['modified', ['modified_after_signing']],
		['invalid', ['signature_invalid']],
	] as const)('status %s → %j', (status, rules) => {
		expect(rulesOf(digitalCommon(null, signature(status)))).toEqual(rules);
	});
});

describe('output keys', () => {
	const base: RecognizedInvoice = {
		invoiceType: 'digital_common',
		title: null,
		invoiceCode: null,
		invoiceNumber: '25322000000365404822',
		issueDate: '2025-03-04',
		checkCode: null,
		machineCode: null,
		buyer: { name: null, taxId: null, addressPhone: null, bankAccount: null },
		seller: { name: null, taxId: null, addressPhone: null, bankAccount: null },
		amount: null,
		tax: null,
		total: 100,
		totalInWords: null,
		items: [],
		payee: null,
		reviewer: null,
		drawer: null,
		remarks: null,
		transport: null,
		category: null,
		location: null,
		fields: {},
	};

	test('a vendor answer is readFrom ocr with null qr and signature', () => {
		const output = toOutputInvoice({ ...base }, { vendor: 'juhe', source: null, simplify: true, today });
		expect(output).toMatchObject({ readFrom: 'ocr', qr: null, signature: null });
	});

	test('a local reader sets readFrom from the format it read, and the QR and signature go to the checks', () => {
		const output = toOutputInvoice(
			{
				...base,
				origin: { entry: null, format: 'pdf', raw: null },
				qr: { ...(digitalCommon({}).qr as InvoiceQr), amount: 99 },
				signature: { ...signatureOf('modified') },
			},
			{ vendor: 'local', source: null, simplify: true, today },
		);
		expect(output.readFrom).toBe('pdf');
		expect(output.qr?.amount).toBe(99);
		expect(output.checks.issues.map((issue) => issue.rule)).toEqual(['qr_mismatch', 'modified_after_signing']);
	});

	function signatureOf(status: SignatureInfo['status']): SignatureInfo {
		return { status, format: 'pdf', signer: null, issuer: null, signedAt: null, testCertificate: false };
	}
});
