import {
	allText,
	attributeByName,
	childByName,
	childrenByName,
	elementAt,
	leafValues,
	localName,
	parseXml,
	parseXmlText,
	textAt,
	XmlError,
	type XmlFailure,
} from '../../../nodes/shared/formats/xml';

/** The reason of the XmlError `run` throws; 'no error' or 'other error' otherwise. */
function reasonOf(run: () => unknown): XmlFailure | 'no error' | 'other error' {
	try {
		run();
	} catch (error) {
		return error instanceof XmlError ? error.reason : 'other error';
	}
	return 'no error';
}

describe('xml reader', () => {
	it('reads elements, attributes, text, CDATA; drops comments and PIs; keeps prefixes', () => {
		const root = parseXmlText(
			`<?xml version="1.0"?><!-- c --><ofd:root xmlns:ofd="http://www.ofdspec.org/2016" a='1' b="x &amp; y">` +
				`<ofd:Item ID="7">text <![CDATA[<raw> & ]]>tail</ofd:Item><?pi data?><Empty/></ofd:root>`,
		);
		expect(root.name).toBe('ofd:root');
		expect(localName(root.name)).toBe('root');
		expect(root.attributes).toEqual({ 'xmlns:ofd': 'http://www.ofdspec.org/2016', a: '1', b: 'x & y' });
		const item = childByName(root, 'Item')!;
		expect(attributeByName(item, 'ID')).toBe('7');
		expect(allText(item)).toBe('text <raw> & tail');
		expect(childByName(root, 'Empty')?.children).toEqual([]);
	});

	it('decodes the five predefined entities and numeric references only', () => {
		const root = parseXmlText('<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x4E2D;&#x1F600;</a>');
		expect(allText(root)).toBe(`<>&"'A中😀`);
		expect(reasonOf(() => parseXmlText('<a>&nbsp;</a>'))).toBe('doctype');
		expect(reasonOf(() => parseXmlText('<a>&constructor;</a>'))).toBe('doctype');
		expect(reasonOf(() => parseXmlText('<a>a & b</a>'))).toBe('malformed');
		expect(reasonOf(() => parseXmlText('<a>&#0;</a>'))).toBe('malformed');
		expect(reasonOf(() => parseXmlText('<a>&#xD800;</a>'))).toBe('malformed');
	});

	it('refuses any DOCTYPE or ENTITY declaration without expanding it', () => {
		const billionLaughs =
			'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>';
		expect(reasonOf(() => parseXmlText(billionLaughs))).toBe('doctype');
		expect(reasonOf(() => parseXmlText('<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>'))).toBe('doctype');
		expect(reasonOf(() => parseXmlText('<a><!ENTITY x "y"></a>'))).toBe('doctype');
	});

	it('caps depth, node count and size', () => {
		const deep = '<a>'.repeat(65) + '</a>'.repeat(65);
		expect(reasonOf(() => parseXmlText(deep))).toBe('too-deep');
		expect(parseXmlText('<a>'.repeat(64) + '</a>'.repeat(64)).name).toBe('a');
		const wide = `<a>${'<b/>'.repeat(1000)}</a>`;
		expect(reasonOf(() => parseXmlText(wide, { maxBytes: 1e6, maxDepth: 64, maxNodes: 500 }))).toBe('too-many-nodes');
		expect(reasonOf(() => parseXml(Buffer.from(wide), { maxBytes: 100, maxDepth: 64, maxNodes: 1e6 }))).toBe('too-large');
	});

	it('refuses malformed XML with a typed error', () => {
		for (const bad of [
			'',
			'just text',
			'<a>',
			'<a></b>',
			'<a><b></a></b>',
			'<a x="1" x="2"/>',
			'<a x=1/>',
			'<a x="1"y="2"/>',
			'<a/><b/>',
			'<a/>trailing',
			'<:eInvoice xmlns:=""></:eInvoice>',
			'<a:b:c/>',
			'<1a/>',
			'<a x="<"/>',
			'<a><!-- open </a>',
			'<a><![CDATA[ open </a>',
		]) {
			expect(reasonOf(() => parseXmlText(bad))).toBe('malformed');
		}
	});

	it('decodes UTF-8 with and without BOM, UTF-16 with BOM, and a declared GBK', () => {
		const text = '<?xml version="1.0" encoding="UTF-8"?><名称>发票</名称>';
		expect(allText(parseXml(Buffer.from(text)))).toBe('发票');
		expect(allText(parseXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])))).toBe('发票');
		const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace('UTF-8', 'UTF-16'), 'utf16le')]);
		expect(allText(parseXml(utf16))).toBe('发票');
		const gbk = Buffer.concat([
			Buffer.from('<?xml version="1.0" encoding="GBK"?><a>'),
			Buffer.from([0xb7, 0xa2, 0xc6, 0xb1]),
			Buffer.from('</a>'),
		]);
		expect(allText(parseXml(gbk))).toBe('发票');
		expect(reasonOf(() => parseXml(Buffer.from([0x3c, 0x61, 0x3e, 0xff, 0x3c, 0x2f, 0x61, 0x3e])))).toBe('encoding');
		expect(reasonOf(() => parseXml(Buffer.from('<?xml version="1.0" encoding="x-nonsense"?><a/>')))).toBe('encoding');
	});

	it('looks up by local names and paths, and lists leaf values by path', () => {
		const root = parseXmlText(
			'<fp:eInvoice xmlns:fp="u"><fp:Buyer><fp:BuyerName> 甲 </fp:BuyerName></fp:Buyer>' +
				'<fp:G><fp:I>1</fp:I></fp:G><fp:G><fp:I>2</fp:I></fp:G><fp:Empty>  </fp:Empty></fp:eInvoice>',
		);
		expect(elementAt(root, 'Buyer/BuyerName')?.name).toBe('fp:BuyerName');
		expect(textAt(root, 'Buyer/BuyerName')).toBe('甲');
		expect(textAt(root, 'Empty')).toBeNull();
		expect(textAt(root, 'Missing/Path')).toBeNull();
		expect(childrenByName(root, 'G')).toHaveLength(2);
		expect(leafValues(root)).toEqual({ 'Buyer/BuyerName': '甲', 'G/I': '1', 'G[2]/I': '2', Empty: '' });
	});

	it('parses a large document quickly', () => {
		const rows = Array.from({ length: 5000 }, (_, i) => `<Row n="${i}"><Name>第${i}行 &amp; more</Name><V>${i}.00</V></Row>`);
		const source = `<Doc>${rows.join('')}</Doc>`;
		const started = Date.now();
		const root = parseXmlText(source);
		expect(Date.now() - started).toBeLessThan(500);
		expect(childrenByName(root, 'Row')).toHaveLength(5000);
	});
});
