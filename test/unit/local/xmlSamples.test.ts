import { describeWithSamples, sample } from '../../support/samples';
import { CONTRACT_KEYS, onlyInvoice, readLocal } from './support';

const read = (name: string) => onlyInvoice(readLocal(sample('xml', name), name));

describeWithSamples('local reading of the 数电 XML samples', () => {
	it('reads the special invoice with three lines at 6% and 13%', () => {
		const invoice = read('erma0-digital-special-26322000004478296111.xml');
		expect(Object.keys(invoice)).toEqual(expect.arrayContaining(CONTRACT_KEYS));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			title: '电子发票（增值税专用发票）',
			invoiceCode: null,
			invoiceNumber: '26322000004478296111',
			issueDate: '2026-06-04',
			checkCode: null,
			machineCode: null,
			seller: {
				name: '安元科技股份有限公司',
				taxId: '91320106751253359F',
				addressPhone: '南京市江北新区产业技术研创园江淼路88号腾飞大厦A座11层-14层 13585109612',
				bankAccount: '中国工商银行南京市城东支行 4301012019100491861',
			},
			buyer: {
				name: '江苏苏豪天鹏农产品集团有限公司',
				taxId: '9132020013590404XW',
				addressPhone: '无锡市全昌路124号 0510-82363025',
				bankAccount: '江苏银行天惠支行 23340188000001222',
			},
			amount: 18876.44,
			tax: 1793.56,
			total: 20670,
			totalInWords: '贰万零陆佰柒拾圆整',
			drawer: '方雨欣',
			payee: null,
			reviewer: null,
			remarks: null,
			transport: null,
			location: null,
			redLetter: false,
		});
		expect(invoice.items).toEqual([
			{ name: '*生产生活服务*技术服务费', specification: null, unit: '项', quantity: 1, unitPrice: 9433.96226415094, amount: 9433.96, taxRate: 0.06, tax: 566.04 },
			{ name: '*电子计算机*安翼物联DA小站', specification: '安翼AY-DA02（A）', unit: '套', quantity: 2, unitPrice: 4424.77876106195, amount: 8849.56, taxRate: 0.13, tax: 1150.44 },
			{ name: '*电子计算机*路由器', specification: 'TP-link TL-R479G+', unit: '台', quantity: 1, unitPrice: 592.920353982301, amount: 592.92, taxRate: 0.13, tax: 77.08 },
		]);
		// `&amp;` in the signature is decoded; every element is in `fields` by its path.
		expect(invoice.fields['TaxBureauSignature/SignatureValue']).toMatch(/f981&MjAyNjA2MDQgMDkzODU1$/);
		expect(invoice.fields['EInvoiceData/IssuItemInformation[3]/ItemName']).toBe('*电子计算机*路由器');
		expect(invoice.fields['TaxSupervisionInfo/TaxBureauName']).toBe('国家税务总局江苏省税务局');
		expect(invoice.origin).toMatchObject({ entry: null, format: 'xml' });
		expect(invoice.origin?.raw).toContain('<InvoiceNumber>26322000004478296111</InvoiceNumber>');
	});

	it('reads the common invoice to a person: no buyer tax ID, `*` tax rate and tax as null', () => {
		const invoice = read('erma0-digital-common-26347000000117553300.xml');
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			title: '电子发票（普通发票）',
			invoiceNumber: '26347000000117553300',
			issueDate: '2026-05-05',
			seller: {
				name: '中国联合网络通信有限公司亳州市分公司',
				taxId: '913416007050059877',
				addressPhone: '亳州市谯城区希夷大道西站前路北 10010',
				bankAccount: '中国银行亳州分行营业部 187206877212',
			},
			buyer: { name: '高宗林（个人）', taxId: null, addressPhone: null, bankAccount: null },
			amount: 19,
			tax: 0,
			total: 19,
			totalInWords: '壹拾玖圆整',
			drawer: '安徽联通',
			remarks: '业务号码:13156770132;账期:202604',
			redLetter: false,
		});
		expect(invoice.items).toEqual([
			{ name: '*电信服务*通信服务费', specification: null, unit: '项', quantity: 1, unitPrice: 19, amount: 19, taxRate: null, tax: null },
		]);
		expect(invoice.fields.ptbh).toBe('174ba8fa83cf8ccb51c0');
		expect(invoice.fields['Header/UndefinedLabel/Label[3]/LabelName']).toBe('不征税');
	});

	it('reads the common invoice of a social organization (tax ID starting with 5)', () => {
		const invoice = read('erma0-digital-common-25322000000365404822.xml');
		expect(invoice).toMatchObject({
			invoiceType: 'digital_common',
			invoiceNumber: '25322000000365404822',
			issueDate: '2025-08-08',
			seller: {
				name: '无锡市安协安全培训中心',
				taxId: '52320200509244470T',
				addressPhone: '无锡市梁溪区上马墩路16号三号 85409880',
				bankAccount: '交通银行股份有限公司无锡朝阳支行 322000620018170121121',
			},
			buyer: { name: '江苏苏豪天鹏农产品集团有限公司', taxId: '9132020013590404XW', addressPhone: null, bankAccount: null },
			amount: 235.85,
			tax: 14.15,
			total: 250,
			totalInWords: '贰佰伍拾圆整',
			drawer: '周煜敏',
			remarks: null,
		});
		expect(invoice.items).toEqual([
			{ name: '*非学历教育服务*培训费', specification: null, unit: '人', quantity: 1, unitPrice: 235.8490566037736, amount: 235.85, taxRate: 0.06, tax: 14.15 },
		]);
	});
});
