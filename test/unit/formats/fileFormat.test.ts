import { FORMAT_LABELS, sniffFormat } from '../../../nodes/shared/input/fileFormat';
import { digitalInvoiceOfd, digitalInvoiceSpec, digitalInvoiceXml } from '../../support/einvoiceFixtures';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { zipBytes } from '../../support/zipWriter';

describe('sniffFormat: OFD, ZIP and XML', () => {
	it('recognizes an OFD whose OFD.xml comes after 100 KB of other members', () => {
		const ofd = digitalInvoiceOfd(digitalInvoiceSpec(), { imageBytesBefore: 100 * 1024 });
		// OFD.xml really sits past the first 64 KB (the old sniffer's window).
		expect(ofd.indexOf('OFD.xml')).toBeGreaterThan(100 * 1024);
		expect(sniffFormat(ofd)).toBe('ofd');
	});

	it('tells an OFD from another ZIP by the central directory, not by bytes inside members', () => {
		expect(sniffFormat(digitalInvoiceOfd(digitalInvoiceSpec()))).toBe('ofd');
		expect(sniffFormat(zipBytes([{ name: 'invoices/a.xml', data: '<EInvoice/>' }]))).toBe('zip');
		// A ZIP that merely mentions OFD.xml in a member, or holds it below the root, is not an OFD.
		expect(sniffFormat(zipBytes([{ name: 'readme.txt', data: 'see OFD.xml', method: 'store' }]))).toBe('zip');
		expect(sniffFormat(zipBytes([{ name: 'unpacked/OFD.xml', data: '<ofd:OFD/>' }]))).toBe('zip');
		expect(sniffFormat(zipBytes([]))).toBe('zip');
	});

	it('calls a ZIP with a damaged directory a ZIP (the reader then says what is wrong)', () => {
		const archive = zipBytes([{ name: 'OFD.xml', data: '<ofd:OFD/>' }]);
		expect(sniffFormat(archive.subarray(0, archive.length - 10))).toBe('zip');
	});

	it('recognizes XML text with a BOM, whitespace, a declaration or just a root element', () => {
		const xml = digitalInvoiceXml(digitalInvoiceSpec());
		expect(sniffFormat(Buffer.from(xml))).toBe('xml');
		expect(sniffFormat(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`\r\n  ${xml}`)]))).toBe('xml');
		expect(sniffFormat(Buffer.from('<EInvoice><Header/></EInvoice>'))).toBe('xml');
		expect(sniffFormat(Buffer.from('<!-- exported --><eInvoice/>'))).toBe('xml');
		expect(sniffFormat(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0"?><a/>', 'utf16le')]))).toBe('xml');
		// The reader refuses DOCTYPEs clearly, so the sniffer lets them through to it.
		expect(sniffFormat(Buffer.from('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toBe('xml');
	});

	it('does not call HTML, plain text or JSON XML', () => {
		expect(sniffFormat(Buffer.from('<!DOCTYPE html><html><body>hi</body></html>'))).toBeUndefined();
		expect(sniffFormat(Buffer.from('<html lang="zh"><body/></html>'))).toBeUndefined();
		expect(sniffFormat(Buffer.from('发票号码 12345'))).toBeUndefined();
		expect(sniffFormat(Buffer.from('{"invoice": 1}'))).toBeUndefined();
		expect(sniffFormat(Buffer.from('< not markup'))).toBeUndefined();
	});

	it('keeps the other formats as they were', () => {
		expect(sniffFormat(Buffer.from('%PDF-1.7\n'))).toBe('pdf');
		expect(sniffFormat(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).toBe('png');
		expect(sniffFormat(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('jpeg');
		expect(FORMAT_LABELS.xml).toBe('XML');
		expect(FORMAT_LABELS.zip).toBe('ZIP');
	});
});

describeWithSamples('sniffFormat on the sample files', () => {
	it.each(sampleNames('ofd'))('%s is an OFD', (name) => {
		expect(sniffFormat(sample('ofd', name))).toBe('ofd');
	});
	it.each(sampleNames('xml'))('%s is XML', (name) => {
		expect(sniffFormat(sample('xml', name))).toBe('xml');
	});
});
