/**
 * A vendor "success" that read nothing must become NO_INVOICE_FOUND, not an item full of nulls.
 * The answers are each vendor's documented success envelope with every field empty.
 */
import { juheAdapter } from '../../../nodes/shared/vendors/juhe';
import { jumdataAdapter } from '../../../nodes/shared/vendors/jumdata';
import { hasContent, withoutEmptyInvoices } from '../../../nodes/shared/vendors/response';
import type { HttpOcrAdapter, OcrOutcome } from '../../../nodes/shared/vendors/types';
import { volcengineAdapter } from '../../../nodes/shared/vendors/volcengine';
import { webankAdapter } from '../../../nodes/shared/vendors/webank';
import { xinhuoAdapter } from '../../../nodes/shared/vendors/xinhuo';

function parse(adapter: HttpOcrAdapter, body: unknown): OcrOutcome {
	return withoutEmptyInvoices(adapter.parseResponse({ statusCode: 200, headers: {}, body }), adapter);
}

const EMPTY_SUCCESSES: Array<[HttpOcrAdapter, unknown]> = [
	[
		juheAdapter,
		{
			reason: '查询成功',
			error_code: 0,
			result: {
				request_id: 'r-1',
				vat_roll_invoice_infos: [
					{ name: '发票代码', value: '' },
					{ name: '发票号码', value: ' ' },
					{ name: '合计金额(小写)', value: '***' },
				],
			},
		},
	],
	[
		volcengineAdapter,
		{ code: 10000, message: 'Success', request_id: 'r-2', data: { license_main: { invoice_code: '', invoice_number: '' } } },
	],
	[jumdataAdapter, { code: 200, msg: '成功', taskNo: 'r-3', data: { invoiceCode: '', invoiceNum: '', invoiceType: '' } }],
	[
		xinhuoAdapter,
		{
			code: '200',
			message: 'success',
			result: {
				object_list: [
					{
						type: 'vat_common_invoice',
						kind: 'other',
						position: [0, 0, 10, 0, 10, 10, 0, 10],
						item_list: [{ key: 'vat_invoice_daima', value: '' }],
					},
				],
			},
		},
	],
	[webankAdapter, { error: 0, request_id: 'r-5', invoices: [{ name: 'VAT_invoice', result: { invoice_code: '', invoice_id: '' } }] }],
];

describe('a success with every field empty', () => {
	test.each(EMPTY_SUCCESSES.map(([adapter, body]) => [adapter.vendor, adapter, body] as const))(
		'%s: NO_INVOICE_FOUND, not an item of nulls',
		(_vendor, adapter, body) => {
			const raw = adapter.parseResponse({ statusCode: 200, headers: {}, body });
			// What the adapter alone makes of it: an invoice that holds nothing.
			expect(raw.ok && raw.invoices.every((invoice) => !hasContent(invoice))).toBe(true);
			const outcome = parse(adapter, body);
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: adapter.vendor, retryable: false });
			expect(outcome.error.message).toContain(adapter.displayName);
			expect(outcome.error.message).not.toMatch(/[\u4e00-\u9fff]/);
		},
	);

	test('the empty one of several bills is dropped, the others kept', () => {
		const outcome = parse(xinhuoAdapter, {
			code: '200',
			message: 'success',
			result: {
				object_list: [
					{ type: 'vat_common_invoice', kind: 'other', item_list: [{ key: 'vat_invoice_daima', value: '' }] },
					{ type: 'taxi_ticket', kind: 'traffic', item_list: [{ key: 'sum', value: '23.00' }] },
				],
			},
		});
		expect(outcome.ok && outcome.invoices.map((invoice) => [invoice.invoiceType, invoice.total])).toEqual([
			['taxi', 23],
		]);
	});

	test('an answer whose invoices hold values passes unchanged', () => {
		const body = { error: 0, request_id: 'r', invoices: [{ name: 'quota_invoice', result: { total_amount: '10.00' } }] };
		const direct = webankAdapter.parseResponse({ statusCode: 200, headers: {}, body });
		expect(withoutEmptyInvoices(direct, webankAdapter)).toBe(direct);
	});

	test('a value printed but unreadable is content: the invoice is kept for the checks to flag', () => {
		const outcome = parse(juheAdapter, {
			reason: '查询成功',
			error_code: 0,
			result: { vat_roll_invoice_infos: [{ name: '校验码', value: '83931O540000' }] },
		});
		expect(outcome.ok).toBe(true);
	});

	test('failures pass through untouched', () => {
		const failure = juheAdapter.parseResponse({
			statusCode: 200,
			headers: {},
			body: { reason: '错误的请求KEY', error_code: 10001, result: null },
		});
		expect(withoutEmptyInvoices(failure, juheAdapter)).toBe(failure);
	});
});
