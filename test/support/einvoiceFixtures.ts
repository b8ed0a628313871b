/**
 * Made-up e-invoices for tests and the demo: 数电 XML in the tax platform's schema, the matching
 * OFD in the tax platform's tag-file style (no attachment: values only through `CustomTag.xml` →
 * `TextObject`s, title in the template, amounts as `¥` + number, long item names wrapped), and
 * ZIP bundles of files. Companies are invented; their unified social credit codes carry valid
 * check characters (GB 32100), so the offline checks pass on them.
 *
 *   const spec = digitalInvoiceSpec({ kind: 'special' });
 *   digitalInvoiceXml(spec);              // string
 *   digitalInvoiceOfd(spec);              // Buffer
 *   bundleZip([{ name: 'a.xml', data: digitalInvoiceXml(spec) }]);
 */
import { organizationCodeCheckCharacter, usccCheckCharacter } from '../../nodes/shared/checks/taxId';
import { zipBytes, type ZipMember } from './zipWriter';

export interface FixtureCompany {
	name: string;
	/** 18-character unified social credit code with a valid check character; null for a person. */
	taxId: string | null;
	address: string;
	phone: string;
	bank: string;
	account: string;
}

/**
 * A unified social credit code from its registration prefix (authority, type, region: 8 chars)
 * and the first 8 characters of its organization code: both check characters are computed.
 */
function uscc(prefix: string, organization: string): string {
	const organizationCheck = organizationCodeCheckCharacter(organization);
	const first17 = `${prefix}${organization}${organizationCheck ?? ''}`;
	const check = usccCheckCharacter(first17);
	if (organizationCheck === null || check === null) throw new Error(`Not a valid USCC stem: ${first17}`);
	return first17 + check;
}

/** Invented companies (示例 = "example"); any resemblance to real ones is unintended. */
export const COMPANIES = {
	seller: {
		name: '上海示例信息科技有限公司',
		taxId: uscc('91310115', 'MA1K4XYW'),
		address: '上海市浦东新区示例路100号',
		phone: '021-55550100',
		bank: '示例银行上海浦东支行',
		account: '6222000011112222333',
	},
	buyer: {
		name: '杭州样本贸易有限公司',
		taxId: uscc('91330106', 'MA2B7QRT'),
		address: '杭州市西湖区样本街8号',
		phone: '0571-55550188',
		bank: '样本银行杭州西湖支行',
		account: '33050100000000001234',
	},
	consultant: {
		name: '北京演示咨询服务有限公司',
		taxId: uscc('91110108', 'MA01ABCD'),
		address: '北京市海淀区演示大街1号',
		phone: '010-55550123',
		bank: '演示银行北京海淀支行',
		account: '0200001234567890123',
	},
	person: {
		name: '张三（个人）',
		taxId: null,
		address: '',
		phone: '',
		bank: '',
		account: '',
	},
} satisfies Record<string, FixtureCompany>;

export interface FixtureLine {
	name: string;
	specification?: string;
	unit?: string;
	quantity?: number;
	unitPrice?: number;
	/** Pre-tax amount in yuan (negative on a red-letter invoice). */
	amount: number;
	/** A fraction (0.13), or a printed word for 免税/不征税 (`*` in 数电 XML). */
	taxRate: number | '免税' | '不征税';
	/** Tax in yuan; omitted: amount × rate, rounded to fen (0 for 免税/不征税). */
	tax?: number;
}

export interface DigitalInvoiceSpec {
	/** 20 digits. */
	number: string;
	/** `YYYY-MM-DD`. */
	issueDate: string;
	kind: 'special' | 'common';
	seller: FixtureCompany;
	buyer: FixtureCompany;
	lines: FixtureLine[];
	drawer: string;
	payee?: string;
	reviewer?: string;
	remarks?: string;
	/** 红字: `InIssuType` N; give negative amounts as printed. */
	redLetter?: boolean;
}

/** A valid blue 数电 special invoice with two lines; override what a test needs. */
export function digitalInvoiceSpec(overrides: Partial<DigitalInvoiceSpec> = {}): DigitalInvoiceSpec {
	return {
		number: '25312000000123456789',
		issueDate: '2025-06-18',
		kind: 'special',
		seller: COMPANIES.seller,
		buyer: COMPANIES.buyer,
		lines: [
			{
				name: '*信息技术服务*软件维护服务',
				unit: '项',
				quantity: 1,
				unitPrice: 1000,
				amount: 1000,
				taxRate: 0.06,
			},
			{
				name: '*计算机外部设备*无线键盘鼠标套装',
				specification: 'KM-200',
				unit: '套',
				quantity: 2,
				unitPrice: 150,
				amount: 300,
				taxRate: 0.13,
			},
		],
		drawer: '李示例',
		payee: '王收款',
		reviewer: '赵复核',
		...overrides,
	};
}

const round2 = (value: number) => Math.round(value * 100) / 100;

export function lineTax(line: FixtureLine): number {
	if (line.tax !== undefined) return line.tax;
	return typeof line.taxRate === 'number' ? round2(line.amount * line.taxRate) : 0;
}

export function invoiceTotals(spec: DigitalInvoiceSpec): { amount: number; tax: number; total: number } {
	const amount = round2(spec.lines.reduce((sum, line) => sum + line.amount, 0));
	const tax = round2(spec.lines.reduce((sum, line) => sum + lineTax(line), 0));
	return { amount, tax, total: round2(amount + tax) };
}

const CAPITAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';
const SMALL_UNITS = ['', '拾', '佰', '仟'];
const GROUP_UNITS = ['', '万', '亿'];

/** An amount in 大写 as invoices print it: 20670 → 贰万零陆佰柒拾圆整; negative → (负数)…. */
export function capitalAmount(yuan: number): string {
	const fen = Math.round(Math.abs(yuan) * 100);
	const integer = Math.floor(fen / 100);
	const jiao = Math.floor(fen / 10) % 10;
	const cent = fen % 10;
	let words = '';
	if (integer > 0) {
		const digits = String(integer);
		let pendingZero = false;
		let groupHasDigit = false;
		for (let i = 0; i < digits.length; i++) {
			const position = digits.length - 1 - i;
			const digit = Number(digits[i]);
			if (digit === 0) {
				pendingZero = words !== '';
			} else {
				if (pendingZero) words += '零';
				pendingZero = false;
				words += CAPITAL_DIGITS[digit] + SMALL_UNITS[position % 4];
				groupHasDigit = true;
			}
			if (position % 4 === 0) {
				if (groupHasDigit && position > 0) words += GROUP_UNITS[position / 4];
				groupHasDigit = false;
			}
		}
		words += '圆';
	}
	if (jiao === 0 && cent === 0) words += '整';
	else {
		if (jiao > 0) words += `${CAPITAL_DIGITS[jiao]}角`;
		else if (integer > 0) words += '零';
		if (cent > 0) words += `${CAPITAL_DIGITS[cent]}分`;
	}
	return (yuan < 0 ? '(负数)' : '') + words;
}

function escapeXml(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const money = (value: number) => value.toFixed(2);

function printedRate(rate: FixtureLine['taxRate']): string {
	return typeof rate === 'number' ? `${Math.round(rate * 100)}%` : rate;
}

function remarksOf(spec: DigitalInvoiceSpec): string {
	const names = [
		spec.payee ? `收款人:${spec.payee};` : '',
		spec.reviewer ? `复核人:${spec.reviewer};` : '',
	].filter((part) => part !== '');
	return [spec.remarks ?? '', names.join('    ')].filter((part) => part !== '').join(' ');
}

/** 数电 XML as the tax platform issues it (root `EInvoice`). */
export function digitalInvoiceXml(spec: DigitalInvoiceSpec): string {
	const { amount, tax, total } = invoiceTotals(spec);
	const element = (name: string, value: string | undefined) =>
		value === undefined ? '' : `<${name}>${escapeXml(value)}</${name}>`;
	const lines = spec.lines
		.map(
			(line) =>
				`<IssuItemInformation>${element('ItemName', line.name)}${element('SpecMod', line.specification)}` +
				`${element('MeaUnits', line.unit)}${element('Quantity', line.quantity?.toString())}` +
				`${element('UnPrice', line.unitPrice?.toString())}${element('Amount', money(line.amount))}` +
				`${element('TaxRate', typeof line.taxRate === 'number' ? String(line.taxRate) : '*')}` +
				`${element('ComTaxAm', typeof line.taxRate === 'number' ? money(lineTax(line)) : '*')}` +
				`${element('TotaltaxIncludedAmount', money(line.amount + lineTax(line)))}</IssuItemInformation>`,
		)
		.join('\n        ');
	const party = (prefix: 'Seller' | 'Buyer', company: FixtureCompany) =>
		`${element(`${prefix}IdNum`, company.taxId ?? '')}${element(`${prefix}Name`, company.name)}` +
		`${element(`${prefix}Addr`, company.address)}${element(`${prefix}TelNum`, company.phone)}` +
		`${element(`${prefix}BankName`, company.bank)}${element(`${prefix}BankAccNum`, company.account)}`;
	const remarks = remarksOf(spec);
	return `<?xml version="1.0" encoding="utf-8" standalone="yes"?>
<EInvoice>
    <Header>
        <EIid>${spec.number}</EIid>
        <EInvoiceTag>SWEI3100</EInvoiceTag>
        <Version>0.37</Version>
        <InherentLabel>
            <InIssuType><LabelCode>${spec.redLetter ? 'N' : 'Y'}</LabelCode><LabelName>是否蓝字发票标志</LabelName></InIssuType>
            <EInvoiceType><LabelCode>01</LabelCode><LabelName>电子发票</LabelName></EInvoiceType>
            <GeneralOrSpecialVAT><LabelCode>${spec.kind === 'special' ? '01' : '02'}</LabelCode><LabelName>${spec.kind === 'special' ? '增值税专用发票' : '普通发票'}</LabelName></GeneralOrSpecialVAT>
            <TaxpayerType><LabelCode>1</LabelCode><LabelName>一般纳税人</LabelName></TaxpayerType>
        </InherentLabel>
    </Header>
    <EInvoiceData>
        <SellerInformation>${party('Seller', spec.seller)}</SellerInformation>
        <BuyerInformation>${party('Buyer', spec.buyer)}</BuyerInformation>
        <BasicInformation>
            <TotalAmWithoutTax>${money(amount)}</TotalAmWithoutTax>
            <TotalTaxAm>${money(tax)}</TotalTaxAm>
            <TotalTax-includedAmount>${money(total)}</TotalTax-includedAmount>
            <TotalTax-includedAmountInChinese>${capitalAmount(total)}</TotalTax-includedAmountInChinese>
            <Drawer>${escapeXml(spec.drawer)}</Drawer>
            <RequestTime>${spec.issueDate} 10:00:00</RequestTime>
        </BasicInformation>
        ${lines}
        <SpecificInformation/>
        <AdditionalInformation>${element('Remark', remarks === '' ? undefined : remarks)}</AdditionalInformation>
    </EInvoiceData>
    <TaxSupervisionInfo>
        <InvoiceNumber>${spec.number}</InvoiceNumber>
        <IssueTime>${spec.issueDate}</IssueTime>
        <TaxBureauCode>13100000000</TaxBureauCode>
        <TaxBureauName>国家税务总局上海市税务局</TaxBureauName>
    </TaxSupervisionInfo>
</EInvoice>
`;
}

export interface OfdOptions {
	/** Bytes of made-up image members written before `OFD.xml` (tax-platform OFDs put images first). */
	imageBytesBefore?: number;
	/** Write members with data descriptors and a leading `/` in their paths (as ofdrw-999 does). */
	slashPaths?: boolean;
}

interface TextObject {
	id: number;
	x: number;
	y: number;
	width: number;
	text: string;
}

const NAME_WRAP = 14;

function chineseDate(iso: string): string {
	const [year, month, day] = iso.split('-');
	return `${year}年${month}月${day}日`;
}

/** The same invoice as an OFD in the tax platform's tag-file style (no invoice attachment). */
export function digitalInvoiceOfd(spec: DigitalInvoiceSpec, options: OfdOptions = {}): Buffer {
	const { amount, tax, total } = invoiceTotals(spec);
	let nextId = 100;
	const objects: TextObject[] = [];
	const tags: string[] = [];
	const place = (x: number, y: number, width: number, text: string): number => {
		const id = nextId++;
		objects.push({ id, x, y, width, text });
		return id;
	};
	const tag = (name: string, ids: number[]) =>
		`<ofd:${name}>${ids.map((id) => `<ofd:ObjectRef PageRef="1">${id}</ofd:ObjectRef>`).join('')}</ofd:${name}>`;

	tags.push(tag('InvoiceNo', [place(170, 10.3, 38, spec.number)]));
	tags.push(tag('IssueDate', [place(170, 16.4, 38, chineseDate(spec.issueDate))]));
	const buyer = [tag('BuyerName', [place(20, 33.8, 84, spec.buyer.name)])];
	if (spec.buyer.taxId) buyer.push(tag('BuyerTaxID', [place(54, 43.3, 58, spec.buyer.taxId)]));
	tags.push(`<ofd:Buyer>${buyer.join('')}</ofd:Buyer>`);
	const seller = [tag('SellerName', [place(120, 33.8, 84, spec.seller.name)])];
	if (spec.seller.taxId) seller.push(tag('SellerTaxID', [place(154.5, 43.3, 58, spec.seller.taxId)]));
	tags.push(`<ofd:Seller>${seller.join('')}</ofd:Seller>`);
	tags.push(tag('TaxExclusiveTotalAmount', [place(127.5, 90.5, 5, '¥'), place(132.5, 90.5, 21, money(amount))]));
	tags.push(tag('TaxTotalAmount', [place(179.5, 90.5, 5, '¥'), place(184.5, 90.5, 21, money(tax))]));
	place(62.9, 96, 82.5, capitalAmount(total));
	tags.push(tag('TaxInclusiveTotalAmount', [place(155.5, 96, 5, '¥'), place(160.5, 96, 44, money(total))]));
	tags.push(tag('InvoiceClerk', [place(32, 129.1, 150, spec.drawer)]));
	let y = 56;
	for (const line of spec.lines) {
		const nameParts: string[] = [];
		for (let at = 0; at < line.name.length; at += NAME_WRAP) nameParts.push(line.name.slice(at, at + NAME_WRAP));
		const nameIds = nameParts.map((part, index) => place(4.5, y + index * 4.5, 36.5, part));
		tags.push(tag('Item', nameIds));
		if (line.specification) tags.push(tag('Specification', [place(42, y, 23, line.specification)]));
		if (line.unit) tags.push(tag('MeasurementDimension', [place(65.5, y, 12, line.unit)]));
		if (line.quantity !== undefined) tags.push(tag('Quantity', [place(77.5, y, 25, String(line.quantity))]));
		if (line.unitPrice !== undefined) tags.push(tag('Price', [place(102.5, y, 25, String(line.unitPrice))]));
		tags.push(tag('Amount', [place(127.5, y, 25.5, money(line.amount))]));
		tags.push(tag('TaxScheme', [place(154, y, 25, printedRate(line.taxRate))]));
		tags.push(tag('TaxAmount', [place(179.5, y, 26, typeof line.taxRate === 'number' ? money(lineTax(line)) : '***')]));
		y += 4.5 * nameParts.length;
	}
	const remarks = remarksOf(spec);
	if (remarks !== '') tags.push(tag('Note', [place(11.1, 104.5, 193, remarks)]));

	const textObject = (object: TextObject) =>
		`<ofd:TextObject ID="${object.id}" Boundary="${object.x} ${object.y} ${object.width} 5" Font="2" Size="3.175">` +
		`<ofd:TextCode X="0" Y="3.6">${escapeXml(object.text)}</ofd:TextCode></ofd:TextObject>`;
	const title = spec.kind === 'special' ? '电子发票（增值税专用发票）' : '电子发票（普通发票）';
	const labels: Array<[number, number, string]> = [
		[56, 8, title],
		[154, 11, '发票号码：'],
		[154, 17, '开票日期：'],
		[15.5, 53, '项目名称'],
		[41.6, 53, '规格型号'],
		[66.5, 53, '单 位'],
		[92.5, 53, '数 量'],
		[117.5, 53, '单 价'],
		[143, 53, '金 额'],
		[157, 53, '税率/征收率'],
		[194, 53, '税 额'],
		[20, 92, '合'],
		[36, 92, '计'],
		[16.4, 98.5, '价税合计（大写）'],
		[19, 129.5, '开票人：'],
	];
	const template =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="3">` +
		labels.map(([x, yy, text], index) => textObject({ id: 10 + index, x, y: yy, width: text.length * 3.5, text })).join('') +
		`</ofd:Layer></ofd:Content></ofd:Page>`;
	const page =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Area><ofd:PhysicalBox>0 0 210 140</ofd:PhysicalBox></ofd:Area>` +
		`<ofd:Template TemplateID="9" ZOrder="Background"/><ofd:Content><ofd:Layer ID="99">` +
		objects.map(textObject).join('') +
		`</ofd:Layer></ofd:Content></ofd:Page>`;
	const customData: Array<[string, string]> = [
		['发票号码', spec.number],
		['开票日期', chineseDate(spec.issueDate)],
		['合计金额', money(amount)],
		['合计税额', money(tax)],
		['销售方纳税人识别号', spec.seller.taxId ?? ''],
		['购买方纳税人识别号', spec.buyer.taxId ?? ''],
	];
	const ofdXml =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" DocType="OFD" Version="1.0"><ofd:DocBody><ofd:DocInfo>` +
		`<ofd:DocID>0123456789abcdef0123456789abcdef</ofd:DocID><ofd:Creator>fixture</ofd:Creator><ofd:CustomDatas>` +
		customData.map(([name, value]) => `<ofd:CustomData Name="${name}">${escapeXml(value)}</ofd:CustomData>`).join('') +
		`</ofd:CustomDatas></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
	const documentXml =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID>` +
		`<ofd:TemplatePage ID="9" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData>` +
		`<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages><ofd:CustomTags>Tags/CustomTags.xml</ofd:CustomTags></ofd:Document>`;
	const customTags =
		`<?xml version="1.0" encoding="UTF-8"?><ofd:CustomTags xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CustomTag TypeID="root"><ofd:FileLoc>CustomTag.xml</ofd:FileLoc></ofd:CustomTag></ofd:CustomTags>`;
	const customTag = `<?xml version="1.0" encoding="UTF-8"?><ofd:root xmlns:ofd="http://www.ofdspec.org/2016" version="1.0">${tags.join('')}</ofd:root>`;

	const members: ZipMember[] = [];
	if (options.imageBytesBefore) {
		// Incompressible, like real PNGs, so the bytes before OFD.xml really are that many.
		const image = Buffer.alloc(options.imageBytesBefore);
		let seed = 12345;
		for (let i = 0; i < image.length; i++) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			image[i] = seed >>> 24;
		}
		members.push({ name: 'Doc_0/Res/image_1.png', data: image, method: 'store' });
	}
	members.push(
		{ name: 'OFD.xml', data: ofdXml },
		{ name: 'Doc_0/Document.xml', data: documentXml },
		{ name: 'Doc_0/Tpls/Tpl_0/Content.xml', data: template },
		{ name: 'Doc_0/Pages/Page_0/Content.xml', data: page },
		{ name: 'Doc_0/Tags/CustomTags.xml', data: customTags },
		{ name: 'Doc_0/Tags/CustomTag.xml', data: customTag },
	);
	if (options.slashPaths) {
		for (const member of members) {
			member.name = `/${member.name}`;
			member.dataDescriptor = true;
		}
	}
	return zipBytes(members);
}

/** A ZIP of files, as the tax platform's batch download or a zipped mail attachment. */
export function bundleZip(entries: Array<{ name: string; data: Uint8Array | string }>): Buffer {
	return zipBytes(entries.map((entry) => ({ name: entry.name, data: entry.data })));
}
