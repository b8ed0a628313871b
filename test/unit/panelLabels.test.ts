/**
 * What a Chinese finance team reads in the panels (the UI stays English, n8n's rule): the printed
 * Chinese term beside the English one, exactly as printed; the names and values saved workflows
 * hold unchanged; and Verify Invoice's verdict early in the output, where Table view shows it.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import { InvoiceOcr } from '../../nodes/InvoiceOcr/InvoiceOcr.node';
import { VerifyInvoice } from '../../nodes/VerifyInvoice/VerifyInvoice.node';
import { withVerification } from '../../nodes/VerifyInvoice/verify';
import { INVOICE_TYPE_NAMES } from '../../nodes/shared/types';
import type { InvoiceType } from '../../nodes/shared/types';
import type { InvoiceVerification } from '../../nodes/shared/vendors/webank/verify';
import { VERIFIED_BY_AMOUNT, WEBANK_VERIFIABLE } from '../../nodes/shared/vendors/webank/verify';

const ocr = new InvoiceOcr().description;
const verify = new VerifyInvoice().description;

const collection = (properties: INodeProperties[], name: string) => {
	const found = properties.find((property) => property.name === name);
	if (!found) throw new Error(`no parameter ${name}`);
	return (found.options ?? []) as INodeProperties[];
};
const field = (fields: INodeProperties[], name: string) => {
	const found = fields.find((candidate) => candidate.name === name);
	if (!found) throw new Error(`no field ${name}`);
	return found;
};

describe('Verify Invoice fields', () => {
	const overrides = collection(verify.properties, 'overrides');

	test.each([
		['amount', 'Amount Before Tax (不含税金额)'],
		['checkCode', 'Check Code (校验码)'],
		['invoiceCode', 'Invoice Code (发票代码)'],
		['invoiceNumber', 'Invoice Number (发票号码)'],
		['invoiceType', 'Invoice Type (发票类型)'],
		['issueDate', 'Issue Date (开票日期)'],
	])('%s is labelled "%s" (the name saved workflows hold is unchanged)', (name, label) => {
		expect(field(overrides, name).displayName).toBe(label);
	});

	test('the amount is the one before tax, not the total (价税合计)', () => {
		expect(field(overrides, 'amount').description).toContain('not the Total 价税合计');
	});

	const typeOptions = (field(overrides, 'invoiceType').options ?? []) as INodePropertyOptions[];
	const verifiable = Object.keys(WEBANK_VERIFIABLE) as InvoiceType[];

	test.each(verifiable)('invoice type %s shows its exact printed Chinese name', (type) => {
		const option = typeOptions.find((candidate) => candidate.value === type);
		expect(option).toBeDefined();
		const [english, chinese] = (option?.name ?? '').split(' · ');
		expect(chinese).toBe(INVOICE_TYPE_NAMES[type]);
		// The English name stays readable on its own (no raw value, no Chinese in it but 数电).
		expect(english).toMatch(/^[A-Z][A-Za-z ()]+( \(数电\) [A-Za-z ]+)?$/);
		expect(english).not.toContain(type);
	});

	test('each type says what it is verified with, as the verification does', () => {
		for (const type of verifiable) {
			const option = typeOptions.find((candidate) => candidate.value === type);
			expect(option?.description).toContain(
				VERIFIED_BY_AMOUNT.includes(type) ? 'Amount Before Tax (不含税金额)' : 'Check Code (校验码)',
			);
		}
	});

	test('the option values are the contract\'s type values, plus the empty "from the item"', () => {
		expect(typeOptions.map((option) => option.value).sort()).toEqual(['', ...verifiable].sort());
	});
});

describe('Invoice OCR labels', () => {
	test('the nodes panel description names the free local reader first', () => {
		expect(ocr.description).toMatch(/^Read Chinese invoices \(发票\): e-invoice XML, OFD and PDF locally for free/);
		expect(ocr.description.indexOf('locally')).toBeLessThan(ocr.description.indexOf('OCR vendors'));
		expect(verify.description).toContain('(发票)');
	});

	test('Jumdata\'s roll recognizer is "Roll (卷票)"; values unchanged', () => {
		const kind = ocr.properties.find((property) => property.name === 'jumdataInvoiceKind');
		const options = (kind?.options ?? []) as INodePropertyOptions[];
		expect(options.map((option) => [option.value, option.name])).toEqual([
			['normal', 'Normal'],
			['roll', 'Roll (卷票)'],
		]);
	});

	test('roll-only vendors say 卷票 where the vendor is picked', () => {
		const vendor = ocr.properties.find((property) => property.name === 'vendor');
		const options = (vendor?.options ?? []) as INodePropertyOptions[];
		for (const value of ['juhe', 'volcengine']) {
			expect(options.find((option) => option.value === value)?.description).toContain('VAT roll invoices (卷票)');
		}
	});

	test('Output Shape says when to pick flat rows, per option value', () => {
		const shape = field(collection(ocr.properties, 'options'), 'outputShape');
		expect(shape.description).toMatch(/flat shape .* spreadsheet or database/);
		const options = (shape.options ?? []) as INodePropertyOptions[];
		const about = (value: string) => options.find((option) => option.value === value)?.description ?? '';
		expect(about('flatInvoice')).toMatch(/^For a spreadsheet or database with one row per invoice/);
		expect(about('flatInvoice')).toContain('total (价税合计)');
		expect(about('flatLines')).toMatch(/^For a spreadsheet or database with one row per line item/);
		expect(about('nested')).toContain('n8n nodes');
	});
});

describe('Verify Invoice output: the verdict where Table view shows it', () => {
	const verification: InvoiceVerification = {
		verified: true,
		status: 'MATCH',
		vendor: 'webank',
		vendorCode: '0',
		message: 'ok',
		invoice: null,
		verificationCount: 1,
	};
	const input = {
		invoiceType: 'vat_common',
		invoiceTypeName: '增值税普通发票',
		invoiceNumber: '12345678',
		issueDate: '2026-11-01',
		seller: { name: 'A' },
		total: 113,
	};

	test('verification right after the invoice number, its status first; every input key kept in order', () => {
		const output = withVerification(input, verification);
		expect(Object.keys(output)).toEqual([
			'invoiceNumber',
			'verification',
			'invoiceType',
			'invoiceTypeName',
			'issueDate',
			'seller',
			'total',
		]);
		expect(Object.keys(output.verification as object)[0]).toBe('status');
		expect(output.verification).toEqual(verification);
		for (const [key, value] of Object.entries(input)) expect(output[key]).toEqual(value);
	});

	test('first when the item has no invoice number; an earlier verification is replaced, not kept', () => {
		const output = withVerification({ note: 'x', verification: { status: 'OLD' } }, verification);
		expect(Object.keys(output)).toEqual(['verification', 'note']);
		expect(output.verification).toMatchObject({ status: 'MATCH' });
	});
});
