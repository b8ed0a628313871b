import { sniffFormat } from '../../../nodes/shared/input/fileFormat';
import { localAdapter } from '../../../nodes/shared/vendors/local';
import type { OcrOutcome } from '../../../nodes/shared/vendors/types';
import { bundleZip, digitalInvoiceOfd, digitalInvoiceSpec, digitalInvoiceXml } from '../../support/einvoiceFixtures';
import { describeWithSamples, sample } from '../../support/samples';
import { flipByte, sealOfd, unzipParts, zipParts, type SealKeys } from './fixtures';
import { opensslMissingReason, selfSignedCertificate } from './tooling';

const missing = opensslMissingReason();
const describeWithOpenssl = missing ? describe.skip : describe;

function read(bytes: Uint8Array, checkSignatures?: boolean): OcrOutcome {
	const format = sniffFormat(bytes);
	if (!format) throw new Error('The test file is not a sniffable format');
	return localAdapter.read({ bytes, format, fileName: null, checkSignatures });
}

function signaturesOf(outcome: OcrOutcome) {
	if (!outcome.ok) throw new Error(`The read failed: ${outcome.error.message}`);
	return outcome.invoices.map((invoice) => invoice.signature);
}

describe('local reader: the signature on every invoice a file yields', () => {
	it('an XML invoice without a signature says unsigned; with the option off there is no signature at all', () => {
		const xml = Buffer.from(digitalInvoiceXml(digitalInvoiceSpec()), 'utf8');
		expect(signaturesOf(read(xml))).toEqual([expect.objectContaining({ status: 'unsigned', format: 'xml' })]);
		expect(signaturesOf(read(xml, false))).toEqual([undefined]);
	});
});

describeWithOpenssl(`local reader: sealed OFD invoices${missing ? ` (skipped: ${missing})` : ''}`, () => {
	const keys: SealKeys = missing
		? null!
		: { maker: selfSignedCertificate('sm2', 'Seal Maker'), signer: selfSignedCertificate('sm2', 'Tax Bureau Test Seal') };
	const sealed = missing ? null! : zipParts(sealOfd(keys, unzipParts(digitalInvoiceOfd(digitalInvoiceSpec()))));

	it('a sealed OFD invoice is valid, and the invoice is still read', () => {
		const outcome = read(sealed);
		expect(outcome.ok && outcome.invoices[0].invoiceNumber).toBeTruthy();
		expect(signaturesOf(outcome)).toEqual([expect.objectContaining({ status: 'valid', format: 'ofd-seal', signer: 'Tax Bureau Test Seal' })]);
	});

	it('in a ZIP bundle, each member gets its own: a sealed OFD valid, a changed one modified, the XML unsigned', () => {
		const parts = unzipParts(sealed);
		const page = [...parts.keys()].find((name) => /Content\.xml$/.test(name) && name.includes('Page'))!;
		const changedParts = new Map(parts).set(page, flipByte(parts.get(page)!, 10));
		const bundle = bundleZip([
			{ name: 'a.ofd', data: sealed },
			{ name: 'b.ofd', data: zipParts(changedParts) },
			{ name: 'c.xml', data: digitalInvoiceXml(digitalInvoiceSpec({ number: '26322000000000000001' })) },
		]);
		const statuses = signaturesOf(read(bundle)).map((signature) => signature?.status);
		expect(statuses).toEqual(['valid', 'modified', 'unsigned']);
		expect(signaturesOf(read(bundle, false))).toEqual([undefined, undefined, undefined]);
	});
});

describeWithSamples('local reader: signatures of real files', () => {
	it.each([
		['ofd', 'ofdrw-1.ofd', 'valid'],
		['ofd', 'ofdrw-fapiao-shili.ofd', 'modified'],
		['pdf', 'invoice2excel-didi.pdf', 'modified'],
		['pdf', 'invoice2excel-91420000722084584J_8cd62e109ec84973b3b39d166e52298c.pdf', 'valid'],
		['xml', 'erma0-digital-special-26322000004478296111.xml', 'unverifiable'],
	] as const)('%s %s: %s', (kind, name, status) => {
		const signatures = signaturesOf(read(sample(kind, name)));
		expect(signatures.length).toBeGreaterThan(0);
		for (const signature of signatures) expect(signature?.status).toBe(status);
	});
});
