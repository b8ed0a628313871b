import { mergeCopies } from '../../nodes/shared/execution/mergeCopies';
import type { ItemResult } from '../../nodes/shared/execution/itemResults';

/** The output fields these tests look at. */
interface OutputJson {
	readFrom: string;
	signature: unknown;
	qr: unknown;
	checks: { passed: boolean; issues: Array<{ rule: string }> };
	source: { alsoIn: unknown[] };
}

const INVOICE_NUMBER = '25322000000365404822';

/** One copy of the 数电 invoice 25322000000365404822 as the output step gives it. */
function copy(format: 'xml' | 'pdf', exactness: number, extra: Record<string, unknown> = {}): ItemResult {
	return {
		exactness,
		json: {
			invoiceType: 'digital_common',
			invoiceNumber: INVOICE_NUMBER,
			issueDate: '2025-03-04',
			amount: 94.34,
			tax: 5.66,
			total: 100,
			readFrom: format,
			// A 数电 invoice's key is its number.
			dedupeKey: INVOICE_NUMBER,
			checks: { passed: true, issues: [] },
			qr: null,
			signature: null,
			source: { binaryProperty: format === 'xml' ? 'attachment_0' : 'attachment_1', fileName: `invoice.${format}`, mimeType: null, entry: null, alsoIn: [] },
			...extra,
		},
	};
}

const unverifiableXml = { status: 'unverifiable', format: 'xml', signer: null, issuer: 'CA', signedAt: null, testCertificate: false };
const modifiedPdf = { status: 'modified', format: 'pdf', signer: '某公司', issuer: 'CA', signedAt: null, testCertificate: false, detail: '711 bytes follow the signed range.' };

describe('merging copies of one invoice', () => {
	test('the XML wins, but an edited PDF copy speaks for the invoice', () => {
		const [merged] = mergeCopies([copy('xml', 0, { signature: unverifiableXml }), copy('pdf', 2, { signature: modifiedPdf })]);
		const json = (merged as { json: OutputJson }).json;
		expect(json.readFrom).toBe('xml');
		expect(json.signature).toMatchObject({ status: 'modified', format: 'pdf', detail: 'In the copy invoice.pdf. 711 bytes follow the signed range.' });
		expect(json.checks.passed).toBe(false);
		expect(json.checks.issues.map((issue) => issue.rule)).toEqual(['modified_after_signing']);
		expect(json.source.alsoIn).toEqual([{ binaryProperty: 'attachment_1', fileName: 'invoice.pdf', entry: null }]);
	});

	test("a copy's QR code is compared with the most exact reading", () => {
		const qr = { text: '', typeCode: '32', invoiceCode: null, invoiceNumber: '25322000000365404822', amount: 1000, issueDate: '2025-03-04', checkCode: null, crc: 'valid' };
		const [merged] = mergeCopies([copy('xml', 0), copy('pdf', 2, { qr })]);
		const json = (merged as { json: OutputJson }).json;
		expect(json.qr).toEqual(qr);
		expect(json.checks.issues).toEqual([expect.objectContaining({ rule: 'qr_mismatch', field: 'total' })]);
	});

	test('copies that agree and check: the winner is kept as it was read', () => {
		const valid = { ...modifiedPdf, status: 'valid', detail: undefined };
		const xml = copy('xml', 0, { signature: unverifiableXml });
		const [merged] = mergeCopies([copy('pdf', 2, { signature: valid }), xml]);
		expect((merged as { json: OutputJson }).json.signature).toBe(unverifiableXml);
		expect((merged as { json: OutputJson }).json.checks).toEqual({ passed: true, issues: [] });
	});
});
