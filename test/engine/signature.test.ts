/**
 * Signature checks through n8n's WorkflowExecute: the `signature` key and the check rules
 * `modified_after_signing` / `signature_invalid` on invoices read locally, the Check Signatures option,
 * and version 1 workflows left as they were. Sealed OFDs are made with OpenSSL's SM2 keys
 * (test/unit/signature/tooling.js); the real samples run when ../shared/samples is there.
 */
import type { AllFakes } from '../fakes';
import { digitalInvoiceOfd, digitalInvoiceSpec } from '../support/einvoiceFixtures';
import { describeWithSamples, sample } from '../support/samples';
import { flipByte, sealOfd, unzipParts, zipParts } from '../unit/signature/fixtures';
import { opensslMissingReason, selfSignedCertificate } from '../unit/signature/tooling';
import { fileItem, runOcr, withFakes } from './support';

type Json = Record<string, ReturnType<typeof JSON.parse>>;

const missing = opensslMissingReason();
const describeWithOpenssl = missing ? describe.skip : describe;

describe('signature checks in Invoice OCR', () => {
	let fakes: AllFakes;
	beforeAll(async () => {
		fakes = await withFakes();
	});
	afterAll(async () => {
		await fakes.closeAll();
	});

	const ocrOf = async (bytes: Buffer, fileName: string, mimeType: string, extra: { typeVersion?: number; options?: Json } = {}) => {
		const run = await runOcr(fakes, 'local', {
			typeVersion: extra.typeVersion ?? 1.1,
			items: [fileItem(bytes, fileName, mimeType)],
			parameters: extra.options ? { options: extra.options } : {},
		});
		expect(run.errors).toEqual([]);
		expect(run.success).toHaveLength(1);
		return run.success[0] as Json;
	};

	describeWithOpenssl(`sealed OFD invoices made by the tests${missing ? ` (skipped: ${missing})` : ''}`, () => {
		const keys = missing ? null! : { maker: selfSignedCertificate('sm2', 'Seal Maker'), signer: selfSignedCertificate('sm2', 'Issuer Seal') };
		const parts = missing ? null! : sealOfd(keys, unzipParts(digitalInvoiceOfd(digitalInvoiceSpec())));
		const page = missing ? '' : [...parts.keys()].find((name) => /Page.*Content\.xml$/.test(name))!;

		test('a sealed OFD: signature valid, checks pass', async () => {
			const invoice = await ocrOf(zipParts(parts), 'inv.ofd', 'application/ofd');
			expect(invoice.signature).toMatchObject({ status: 'valid', format: 'ofd-seal', signer: 'Issuer Seal', issuer: 'Issuer Seal', testCertificate: false });
			expect(invoice.checks).toEqual({ passed: true, issues: [] });
		});

		test('a part changed after sealing: modified, and the check rule modified_after_signing fails the checks', async () => {
			const changed = new Map(parts).set(page, flipByte(parts.get(page)!, 10));
			const invoice = await ocrOf(zipParts(changed), 'inv.ofd', 'application/ofd');
			expect(invoice.signature.status).toBe('modified');
			expect(invoice.checks.passed).toBe(false);
			expect(invoice.checks.issues.map((issue: Json) => issue.rule)).toContain('modified_after_signing');
		});

		test('a broken seal signature: invalid, and the check rule signature_invalid', async () => {
			const invoice = await ocrOf(zipParts(sealOfd(keys, unzipParts(digitalInvoiceOfd(digitalInvoiceSpec())), 1, { badSignerSignature: true })), 'inv.ofd', 'application/ofd');
			expect(invoice.signature.status).toBe('invalid');
			expect(invoice.checks.issues.map((issue: Json) => issue.rule)).toContain('signature_invalid');
		});

		test('Check Signatures off, or a version 1 node: no signature, no signature check', async () => {
			const changed = zipParts(new Map(parts).set(page, flipByte(parts.get(page)!, 10)));
			for (const invoice of [
				await ocrOf(changed, 'inv.ofd', 'application/ofd', { options: { checkSignatures: false } }),
				await ocrOf(changed, 'inv.ofd', 'application/ofd', { typeVersion: 1 }),
			]) {
				expect(invoice.signature).toBeNull();
				expect(invoice.checks).toEqual({ passed: true, issues: [] });
			}
		});
	});

	describeWithSamples('real signed files', () => {
		test.each([
			['ofd', 'ofdrw-1.ofd', 'application/ofd', 'valid'],
			['ofd', 'ofdrw-fapiao-shili.ofd', 'application/ofd', 'modified'],
			['pdf', 'invoice2excel-didi.pdf', 'application/pdf', 'modified'],
			['xml', 'erma0-digital-special-26322000004478296111.xml', 'text/xml', 'unverifiable'],
		] as const)('%s %s (%s): %s', async (kind, name, mimeType, status) => {
			const invoice = await ocrOf(sample(kind, name), name, mimeType);
			expect(invoice.signature.status).toBe(status);
			const rules = (invoice.checks.issues as Json[]).map((issue) => issue.rule);
			expect(rules.includes('modified_after_signing')).toBe(status === 'modified');
			expect(rules.includes('signature_invalid')).toBe(false);
		});
	});
});
