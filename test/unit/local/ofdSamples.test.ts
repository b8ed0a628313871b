import type { RecognizedInvoice } from '../../../nodes/shared/types';
import { describeWithSamples, sample } from '../../support/samples';
import { CONTRACT_KEYS, errorOf, ITEM_TAGS, onlyInvoice, readLocal, rezip } from './support';

const read = (name: string) => onlyInvoice(readLocal(sample('ofd', name), name));

function itemSums(invoice: RecognizedInvoice) {
	const sum = (key: 'amount' | 'tax') =>
		Math.round(invoice.items.reduce((total, item) => total + (item[key] ?? 0), 0) * 100) / 100;
	return { amount: sum('amount'), tax: sum('tax') };
}

describeWithSamples('local reading of the OFD samples: tag files (no attachment)', () => {
	it('ofdrw-20240531141733: values via CustomTag.xml, title from the template, wrapped item name joined', () => {
		const invoice = read('ofdrw-20240531141733.ofd');
		expect(Object.keys(invoice)).toEqual(expect.arrayContaining(CONTRACT_KEYS));
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			title: '电子发票（增值税专用发票）',
			invoiceCode: null,
			invoiceNumber: '24112000000048542163',
			issueDate: '2024-05-28',
			buyer: { name: '海南麒麟云服科技有限公司', taxId: '91460300MAA92DJN95', addressPhone: null, bankAccount: null },
			seller: { name: '北京互联三六五科技有限公司', taxId: '91110108690017781B', addressPhone: null, bankAccount: null },
			amount: 4197.17,
			tax: 251.83,
			total: 4449,
			totalInWords: '肆仟肆佰肆拾玖圆整',
			drawer: '于俪',
			payee: '李蓉蓉',
			reviewer: '周欣铭',
			remarks: '收款人:李蓉蓉;    复核人:周欣铭;',
			location: { page: 1, angle: null, polygon: null },
			redLetter: false,
		});
		expect(invoice.items).toEqual([
			{ name: '*信息技术服务*技术服务费', specification: null, unit: null, quantity: 1, unitPrice: 4197.16981132075, amount: 4197.17, taxRate: 0.06, tax: 251.83 },
		]);
		expect(invoice.fields).toMatchObject({
			InvoiceNo: '24112000000048542163',
			TaxInclusiveTotalAmount: '¥4449.00',
			'Buyer/BuyerName': '海南麒麟云服科技有限公司',
			'Items[1]/Item': '*信息技术服务*技术服务费',
			'CustomData/合计税额': '251.83',
		});
		expect(invoice.origin).toMatchObject({ entry: null, format: 'ofd' });
		expect(invoice.origin?.raw).toContain('<ofd:InvoiceNo>');
	});

	it('erma0-sample: unit from MeasurementDimension, seller bank and reviewer from the remarks', () => {
		const invoice = read('erma0-sample.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			title: '电子发票（增值税专用发票）',
			invoiceNumber: '24322000000489101796',
			issueDate: '2024-12-05',
			buyer: { name: '无锡天鹏菜篮子工程有限公司', taxId: '91320200796148368W' },
			seller: {
				name: '无锡爱尔拓燃气技术设备有限公司',
				taxId: '91320211739560225X',
				bankAccount: '江苏银行无锡有为支行 28080188000064122',
			},
			amount: 17699.12,
			tax: 2300.88,
			total: 20000,
			totalInWords: '贰万圆整',
			drawer: '查玮',
			payee: null,
			reviewer: '陈娟',
			remarks: '销方开户行：江苏银行无锡有为支行   账号：28080188000064122   行号：313302008101; 复核人:陈娟;',
		});
		expect(invoice.items).toEqual([
			{ name: '*劳务*维护保养-调压站', specification: null, unit: '台', quantity: 2, unitPrice: 8849.55752212389, amount: 17699.12, taxRate: 0.13, tax: 2300.88 },
		]);
	});

	it('easyofd 2025 (pretty-printed, whitespace around values): item name over four objects', () => {
		const invoice = read('easyofd-digital-special-2025-repacked.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			title: '电子发票（增值税专用发票）',
			invoiceNumber: '25442000000127444519',
			issueDate: '2025-03-07',
			buyer: { name: '中国移动通信集团广东有限公司阳江分公司', taxId: '91441702707782974C' },
			seller: { name: '中移建设有限公司广东分公司', taxId: '914400007556190127' },
			amount: 20000,
			tax: 1800,
			total: 21800,
			totalInWords: '贰万壹仟捌佰圆整',
			drawer: '李学文',
			remarks:
				'土地增值税项目编号:-; 跨地（市）标志:是; 项目地点：阳江市江城区 合同名称：阳江分公司客户响应中心2024年管线优化服务支撑施工项目第二批成本类光缆施工合同（中移建设） 采购订单号：PO-YJ-20240529-0006预付款',
		});
		expect(invoice.items).toEqual([
			{ name: '*建筑服务*【KX240122008】客户响应中心-2024年管线优化服务支撑施工项目', specification: null, unit: null, quantity: null, unitPrice: null, amount: 20000, taxRate: 0.09, tax: 1800 },
		]);
	});

	it('easyofd Nuonuo 2025: CDATA values with ¥, items read from the layout (the tags name none)', () => {
		const invoice = read('easyofd-nuonuo-digital-2025-repacked.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'digital_special',
			title: '电子发票（增值税专用发票）',
			invoiceNumber: '25924000000001260164',
			issueDate: '2025-04-01',
			buyer: { name: '威高集团有限公司', taxId: '913710007062495888', bankAccount: '威海农行高区支行 15560201040009819' },
			seller: { name: '青岛嘉仕汇酒店管理有限公司', taxId: '91370203MA3N3AR685' },
			amount: 357.55,
			tax: 21.45,
			total: 379,
			totalInWords: '叁佰柒拾玖圆整',
			drawer: '王琦',
			remarks: '购方开户银行:威海农行高区支行;    银行账号:15560201040009819;',
		});
		expect(invoice.items).toEqual([
			{ name: '*住宿服务*住宿费', specification: null, unit: null, quantity: null, unitPrice: null, amount: 357.55, taxRate: 0.06, tax: 21.45 },
		]);
	});
});

describeWithSamples('local reading of the OFD samples: invoice attachments', () => {
	it('ofdrw-1: original_invoice.xml read although CustomTag.xml is not well-formed', () => {
		const invoice = read('ofdrw-1.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '浙江增值税电子普通发票',
			invoiceCode: '033002000211',
			invoiceNumber: '83089647',
			issueDate: '2020-07-23',
			checkCode: '16197833567414507415',
			machineCode: '927000236092',
			buyer: { name: '江苏京利华新材料有限公司', taxId: '91320115MA202UKD7X', addressPhone: null, bankAccount: null },
			seller: {
				name: '兰溪市悦济舫餐厅',
				taxId: '92330781MA2EDMFU50',
				addressPhone: '兰溪市丹溪大道1055号057988222001',
				bankAccount: '中国邮政储蓄银行兰溪分行6217993300118475000',
			},
			amount: 510.68,
			tax: 15.32,
			total: 526,
			totalInWords: '伍佰贰拾陆圆整',
			payee: '管理员',
			reviewer: '管理员',
			drawer: '管理员',
			remarks: null,
			location: { page: 1, angle: null, polygon: null },
		});
		expect(invoice.items).toEqual([
			{ name: '*餐饮服务*餐费', specification: null, unit: null, quantity: 1, unitPrice: 510.679612, amount: 510.68, taxRate: 0.03, tax: 15.32 },
		]);
		expect(invoice.fields.GraphCode).toBe('01,10,033002000211,83089647,510.68,20200723,16197833567414507415,0941,');
		expect(invoice.origin?.raw).toContain('<fp:InvoiceNo>83089647</fp:InvoiceNo>');
	});

	it('ofdrw-999: BOMs, data descriptors (ZIP64-style sizes in local headers), 100 goods lines over 5 pages', () => {
		const invoice = read('ofdrw-999.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '重庆增值税电子普通发票',
			invoiceCode: '050001700111',
			invoiceNumber: '12235358',
			issueDate: '2020-08-05',
			checkCode: '16630282980991510014',
			machineCode: '016000019234',
			buyer: { name: '个人', taxId: null },
			seller: {
				name: '财天下科技有限公司',
				taxId: '91500102563638729E',
				addressPhone: '北京市海淀区颐和园西路一亩园11号',
				bankAccount: '建设银行625555888900998711',
			},
			amount: 10000,
			tax: 600,
			total: 10600,
			totalInWords: '壹万零陆佰圆整',
			payee: '张一诺',
			reviewer: '张嘉诺',
			drawer: '任盈盈',
		});
		expect(invoice.items).toHaveLength(100);
		for (const item of invoice.items) {
			expect(item).toEqual({ name: '*餐饮服务*餐费', specification: null, unit: null, quantity: null, unitPrice: null, amount: 100, taxRate: 0.06, tax: 6 });
		}
		expect(itemSums(invoice)).toEqual({ amount: 10000, tax: 600 });
		expect(invoice.fields['CustomData/价税合计']).toBe('10600.00');
	});

	it('ofdrw-draw_param_ref: CDATA values, PNG in GraphCode, 100 lines, Tag_e-invoice.xml', () => {
		const invoice = read('ofdrw-draw_param_ref.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '北京增值税电子普通发票',
			invoiceCode: '011002680026',
			invoiceNumber: '71500013',
			issueDate: '2020-02-20',
			checkCode: '03272875819686271285',
			machineCode: null,
			buyer: {
				name: '百望股份有限公司',
				taxId: '91110108339805094M',
				addressPhone: '北京市海淀区北清路81号一区1号楼14层15层 010-84782665',
				bankAccount: '中国建设银行北京苏州桥支行11001079800053014887',
			},
			seller: {
				name: 'ukey测试',
				taxId: '91110101202001201',
				addressPhone: '重庆市沙坪坝区狮子路11号',
				bankAccount: '重庆商业银行624562566022125',
			},
			amount: 9709,
			tax: 291,
			total: 10000,
			totalInWords: '壹万圆整',
			payee: '付强',
			reviewer: '王宝宝',
			drawer: '李大山',
			remarks: '稻谷交易',
		});
		expect(invoice.items).toHaveLength(100);
		expect(invoice.items[0]).toEqual({ name: '*谷物*稻谷', specification: null, unit: '克', quantity: 1, unitPrice: 97.09, amount: 97.09, taxRate: 0.03, tax: 2.91 });
		expect(invoice.items[99]).toEqual(invoice.items[0]);
		expect(invoice.fields['GoodsInfos/GoodsInfo[100]/LineNo']).toBe('100');
	});

	it('ofdrw-fapiao-shili: empty Tag_Invoice.xml, data only in the attachment', () => {
		const invoice = read('ofdrw-fapiao-shili.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '重庆增值税电子普通发票',
			invoiceCode: '050001700111',
			invoiceNumber: '99999951',
			issueDate: '2020-10-10',
			checkCode: '14754822929856772523',
			machineCode: '016000351595',
			buyer: {
				name: '科游迈利有限公司',
				taxId: '9150010807MGZHI002',
				addressPhone: '北京海淀区西钓鱼台嘉园北门13392342520',
				bankAccount: '北京农商行32445333322211',
			},
			seller: {
				name: '杭州融易算企业管理咨询有限公司',
				taxId: '91500106MA2CE71F65',
				addressPhone: '北京市海淀区颐和园西路一亩园11号',
				bankAccount: '建设银行625555888900998711',
			},
			amount: 300,
			tax: 18,
			total: 318,
			totalInWords: '叁佰壹拾捌圆整',
			payee: '张一诺',
			reviewer: '张嘉诺',
			drawer: '任盈盈',
		});
		const line = { name: '*餐饮服务*餐费', specification: null, unit: '次', quantity: 4, unitPrice: 25, amount: 100, taxRate: 0.06, tax: 6 };
		expect(invoice.items).toEqual([line, line, line]);
	});

	it('ofdrw-SignScaleError: XBRL attachment (inv: taxonomy 2021-09-30)', () => {
		const invoice = read('ofdrw-SignScaleError.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '浙江增值税电子普通发票',
			invoiceCode: '033002200211',
			invoiceNumber: '99934328',
			issueDate: '2022-09-01',
			checkCode: '64484022470182298515',
			machineCode: '661103328867',
			buyer: { name: '江苏中电创新环境科技有限公司', taxId: '913202133140424571', addressPhone: null, bankAccount: null },
			seller: {
				name: '杭州融运科技有限公司',
				taxId: '91330106MA7GAL1299',
				addressPhone: '浙江省杭州市西湖区西溪首座5号楼320室-10571-88771512',
				bankAccount: '招商银行股份有限公司杭州西溪小微企业专营支行 571917376710101',
			},
			amount: 9.91,
			tax: 1.29,
			total: 11.2,
			totalInWords: '壹拾壹圆贰角',
			payee: '汪生舟',
			reviewer: '施丽华',
			drawer: '李雪蓉',
			remarks: null,
		});
		expect(invoice.items).toEqual([
			{ name: '*金属制品*A系列一字形螺丝批3.2x75MM', specification: '62202', unit: '批', quantity: 1, unitPrice: 9.91150442, amount: 9.91, taxRate: 0.13, tax: 1.29 },
		]);
		expect(invoice.fields.UniqueCodeOfInvoice).toBe('03300220021199934328');
	});
});

describeWithSamples('tag files with an empty namespace prefix (<:eInvoice xmlns:="">), repaired', () => {
	it('ofdrw-1 without its attachment: the repaired CustomTag.xml gives the values the attachment does', () => {
		const withAttachment = read('ofdrw-1.ofd');
		const tagsOnly = onlyInvoice(
			readLocal(rezip(sample('ofd', 'ofdrw-1.ofd'), (member, text) => (member.endsWith('Document.xml') ? text.replace(/<ofd:Attachments>.*?<\/ofd:Attachments>/s, '') : text))),
		);
		const key = (invoice: RecognizedInvoice) => ({
			code: invoice.invoiceCode,
			number: invoice.invoiceNumber,
			date: invoice.issueDate,
			checkCode: invoice.checkCode,
			buyer: [invoice.buyer.name, invoice.buyer.taxId],
			seller: [invoice.seller.name, invoice.seller.taxId],
			amounts: [invoice.amount, invoice.tax, invoice.total],
		});
		expect(key(tagsOnly)).toEqual(key(withAttachment));
		expect(tagsOnly.origin?.raw).toContain('<eInvoice>');
	});
});

describeWithSamples('local reading of the OFD samples that are not invoices', () => {
	it('refuses the hello-world OFD as NO_INVOICE_FOUND', () => {
		const error = errorOf(readLocal(sample('ofd', 'ofdrw-helloworld-not-an-invoice.ofd')));
		expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local', retryable: false });
		expect(error.message).toMatch(/valid OFD, but it holds no invoice data/);
	});

	it('refuses the PDF-converted OFD (seal and watermark text only) as NO_INVOICE_FOUND', () => {
		const error = errorOf(readLocal(sample('ofd', 'ofdrw-fapiao-jianzhizhang-shuke.ofd')));
		expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
	});

	it('refuses the bank e-receipt (bker XBRL, with CustomTag.xml) as a bank receipt, not an invoice', () => {
		const error = errorOf(readLocal(sample('ofd', 'ofd-go-not-an-invoice-bank-receipt.ofd')));
		expect(error).toMatchObject({ code: 'NO_INVOICE_FOUND', vendor: 'local' });
		expect(error.message).toMatch(/bank electronic receipt .*"bker".*not an invoice/);
	});

	it('refuses the bank e-receipt by its repaired tag file alone when the XBRL attachment is removed', () => {
		const tagsOnly = rezip(sample('ofd', 'ofd-go-not-an-invoice-bank-receipt.ofd'), (member, text) =>
			member.endsWith('Document.xml') ? text.replace(/<ofd:Attachments>.*?<\/ofd:Attachments>/s, '') : text,
		);
		const error = errorOf(readLocal(tagsOnly));
		expect(error.code).toBe('NO_INVOICE_FOUND');
		expect(error.message).toMatch(/bank electronic receipt or statement/);
	});
});

describeWithSamples('local reading of the wave-3 OFD samples: XBRL tickets, CustomDatas, page text only', () => {
	it('ofd-go railway e-ticket: values from the rai XBRL attachment, the re-issue\'s original invoice number', () => {
		const invoice = read('ofd-go-railway-eticket-reissue-xbrl.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'train_ticket',
			title: '电子发票（铁路电子客票）',
			invoiceNumber: '22119130671000000049',
			issueDate: '2022-03-17',
			total: 181,
			amount: 166.05,
			tax: 14.95,
			items: [],
			transport: { trainNumber: 'G7101', departureTime: '2022-03-01 06:23', originalInvoiceNumber: '22119130671000000048' },
		});
		expect(invoice.origin?.raw).toContain('http://xbrl.mof.gov.cn/taxonomy/2021-11-30/rai');
	});

	it('ofdrw fptpl: CustomDatas give the key values; the page prints the rest', () => {
		const invoice = read('ofdrw-fptpl-customdatas.ofd');
		expect(invoice).toMatchObject({
			invoiceType: 'vat_electronic_common',
			title: '重庆增值税电子普通发票',
			checkCode: '16630282980991510014',
			totalInWords: '壹万零陆佰圆整',
			seller: { addressPhone: '北京市海淀区颐和园西路一亩园11号', bankAccount: '建设银行625555888900998711' },
			payee: '张一诺',
			reviewer: '张嘉诺',
			drawer: '任盈盈',
		});
		expect(invoice.fields['CustomData/native-producer']).toBe('HuhuangSDK');
	});

	it('easyofd htfoxit: page text only, Kangxi radicals in the labels, read by geometry', () => {
		const invoice = read('easyofd-htfoxit-page-text-only.ofd');
		expect(invoice).toMatchObject({ title: '电子发票（普通发票）', totalInWords: '壹仟肆佰柒拾圆整', drawer: '李海伦' });
		expect(invoice.origin).toMatchObject({ format: 'ofd' });
	});
});

describeWithSamples('OFD line items from the layout, checked against the tagged items of real files', () => {
	it.each(['ofdrw-20240531141733.ofd', 'erma0-sample.ofd', 'easyofd-digital-special-2025-repacked.ofd'])(
		'%s: the printed columns give the same amounts, rates and taxes as the tags',
		(name) => {
			const tagged = read(name);
			const untagged = onlyInvoice(
				readLocal(rezip(sample('ofd', name), (member, text) => (member.endsWith('CustomTag.xml') ? text.replace(ITEM_TAGS, '') : text))),
			);
			const money = (invoice: RecognizedInvoice) => invoice.items.map((item) => [item.amount, item.taxRate, item.tax]);
			expect(money(untagged)).toEqual(money(tagged));
			expect(untagged.items.map((item) => item.name)).toEqual(tagged.items.map((item) => item.name));
		},
	);
});
