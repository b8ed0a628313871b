/**
 * Every sample PDF in ../shared/samples/einvoice/pdf read to its printed values. The expected values
 * were written out by hand from `pdftotext -layout` of each file (numbers, dates, codes, parties,
 * totals, lines); every sample, these and the later ones, also has its key values in
 * test/fixtures/samples-expected/pdf.json, and a file added without an entry there fails the last test.
 */
import { readPdfInvoices } from '../../../nodes/shared/vendors/local/pdf';
import type { InvoiceLineItem, Party, RecognizedInvoice } from '../../../nodes/shared/types';
import { describeWithSamples, sample, sampleNames } from '../../support/samples';
import { loadExpected } from '../../support/samplesExpected';

type ItemRow = [string | null, string | null, string | null, number | null, number | null, number | null, number | null, number | null];

interface Expected {
	invoiceType: RecognizedInvoice['invoiceType'];
	title: string;
	invoiceCode: string | null;
	invoiceNumber: string;
	issueDate: string;
	checkCode: string | null;
	machineCode: string | null;
	buyer: Party;
	seller: Party;
	amount: number;
	tax: number;
	total: number;
	totalInWords: string;
	payee: string | null;
	reviewer: string | null;
	drawer: string;
	remarks: string | null;
	redLetter: boolean;
	items: ItemRow[];
	/** Toll columns, kept in `fields`. */
	toll?: Record<string, string>;
}

/** The toll invoices' buyer (one logistics company, all 12 files). */
const CHECHENG: Party = {
	name: '武汉市车城物流有限公司',
	taxId: '914201007483062457',
	addressPhone: '武汉经济技术开发区车城大道7号 84289348',
	bankAccount: '中国农业银行股份有限公司武汉开发区支行 17-071201040004598',
};

const EXPECTED: Array<[string, Expected]> = [
	[
		'fapiao-rename-digital-special-lodging.pdf',
		{
			invoiceType: 'digital_special', title: '电子发票（增值税专用发票）',
			invoiceCode: null, invoiceNumber: '26342000001798762786', issueDate: '2026-06-10',
			checkCode: null, machineCode: null,
			buyer: { name: '上海松鼠创科技术有限责任公司', taxId: '91310114MAEF222A74', addressPhone: '上海市嘉定区安亭镇墨玉南路888号2201室J', bankAccount: '杭州银行股份有限公司上海嘉定支行 3101041060000257194' },
			seller: { name: '广德月满庭酒店（个体工商户）', taxId: '92341882MAK1CDJB6X', addressPhone: '安徽省宣城市广德市经济开发区建设路8号4楼 18788812299', bankAccount: '安徽省农村信用社双河支行 6215508416701511670' },
			amount: 265.35, tax: 2.65, total: 268, totalInWords: '贰佰陆拾捌圆整',
			payee: null, reviewer: null, drawer: '郑兴芬', remarks: '购买方地址:上海市嘉定区安亭镇墨玉南路888号2201室J;    电话:-;\n购方开户银行:杭州银行股份有限公司上海嘉定支行;    银行账号:3101041060000257194;\n销售方地址:安徽省宣城市广德市经济开发区建设路8号4楼;    电话:18788812299;\n销方开户银行:安徽省农村信用社双河支行;    银行账号:6215508416701511670', redLetter: false,
			items: [
				['*生产生活服务*住宿服务', null, null, 1, 265.346534653465, 265.35, 0.01, 2.65],
			],
		},
	],
	[
		'invoice2excel-012001900111_51142414.pdf',
		{
			invoiceType: 'vat_electronic_common', title: '天津增值税电子普通发票',
			invoiceCode: '012001900111', invoiceNumber: '51142414', issueDate: '2019-07-20',
			checkCode: '65431824771847114698', machineCode: '661911908051',
			buyer: { name: '个人', taxId: null, addressPhone: null, bankAccount: null },
			seller: { name: '天津京东达业贸易有限公司', taxId: '91120110MA06J3WLX8', addressPhone: '天津市东丽区华明高新技术产业区华丰路6号A2座4楼101室022-26629111', bankAccount: '中国银行股份有限公司天津滨海城市广场支行 280487613780' },
			amount: 47.26, tax: 6.14, total: 53.4, totalInWords: '伍拾叁圆肆角',
			payee: '王陆', reviewer: '李思', drawer: '王梅', remarks: '订单号:100068586537', redLetter: false,
			items: [
				['*其他食品*良品铺子 臭豆腐 休闲零食 黑色油炸豆腐干香辣味零食小吃120g', '臭豆腐', null, 3, 16.72566372, 50.18, 0.13, 6.52],
				['*其他食品*良品铺子 臭豆腐 休闲零食 黑色油炸豆腐干香辣味零食小吃120g', null, null, null, null, -2.92, 0.13, -0.38],
			],
		},
	],
	[
		'invoice2excel-012001900211-61876678_1_.pdf',
		{
			invoiceType: 'vat_electronic_common', title: '天津增值税电子普通发票',
			invoiceCode: '012001900211', invoiceNumber: '61876678', issueDate: '2019-11-18',
			checkCode: '83454623591883368905', machineCode: '661911949661',
			buyer: { name: '信睿吉科技（北京）有限公司', taxId: '91110108MA01GUF37R', addressPhone: null, bankAccount: null },
			seller: { name: '天津京东达业贸易有限公司', taxId: '91120110MA06J3WLX8', addressPhone: '天津市东丽区华明高新技术产业区华丰路6号A2座4楼101室 022-26629111', bankAccount: '中国银行股份有限公司天津滨海城市广场支行 280487613780' },
			amount: 23.89, tax: 3.11, total: 27, totalInWords: '贰拾柒圆整',
			payee: '王陆', reviewer: '李思', drawer: '王梅', remarks: '订单号:106383362118', redLetter: false,
			items: [
				['*其他食品*食品', null, null, 1, 34.51, 34.51, 0.13, 4.49],
				['*其他食品*食品', null, null, null, null, -10.62, 0.13, -1.38],
			],
		},
	],
	[
		'invoice2excel-03702170021127209635.pdf',
		{
			invoiceType: 'vat_electronic_common', title: '青岛增值税电子普通发票',
			invoiceCode: '037021700211', invoiceNumber: '27209635', issueDate: '2018-10-22',
			checkCode: '15842564450878415553', machineCode: '499928880717',
			buyer: { name: '中化能源科技有限公司', taxId: '91370211MA3MPULP93', addressPhone: '山东省青岛市黄岛区铁橛山路1111号石桥大厦 01056088805', bankAccount: '建设银行青岛市西海岸新区分行37150198811009777888' },
			seller: { name: '黄岛区福烎屋潮汕鲜牛肉火锅', taxId: '92370211MA3DE86196', addressPhone: '黄岛区庐山路36-32,36-34号网点 18550179252', bankAccount: null },
			amount: 227.18, tax: 6.82, total: 234, totalInWords: '贰佰叁拾肆圆整',
			payee: '小雨', reviewer: '小雨', drawer: '小雨', remarks: null, redLetter: false,
			items: [
				['*餐饮服务*餐饮费', null, null, 1, 227.184466, 227.18, 0.03, 6.82],
			],
		},
	],
	[
		'invoice2excel-91420000722084584J_8cd62e109ec84973b3b39d166e52298c.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '11162913', issueDate: '2018-03-23',
			checkCode: '11241636206802490280', machineCode: '499098892081',
			buyer: CHECHENG,
			seller: { name: '湖北楚天智能交通股份有限公司', taxId: '91420000722084584J', addressPhone: '武汉市洪山区珞瑜路1077号027-87576666', bankAccount: '建设银行武汉汉口支行42001865108050003000' },
			amount: 184.65, tax: 5.54, total: 190.19, totalInWords: '壹佰玖拾元零壹角玖分',
			payee: '强晓琦', reviewer: '李银俊', drawer: '曹佳培', remarks: '汇总开具', redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 184.65, 0.03, 5.54],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180212', 通行日期止: '20180212' },
		},
	],
	[
		'invoice2excel-91420000753416406R_a34c491011c0420dbe1f15165b06d11a.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '07007198', issueDate: '2018-03-23',
			checkCode: '12636666022332927910', machineCode: '499099660821',
			buyer: CHECHENG,
			seller: { name: '湖北随岳南高速公路有限公司', taxId: '91420000753416406R', addressPhone: '武汉市经济开发区17C1地块东合中心B栋1601号027-83458755', bankAccount: '民生银行武汉沌口支行0514014170001889' },
			amount: 286.23, tax: 8.59, total: 294.82, totalInWords: '贰佰玖拾肆元捌角贰分',
			payee: '龙梦媱', reviewer: '陈煜', drawer: '尹晨', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 286.23, 0.03, 8.59],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180212', 通行日期止: '20180212' },
		},
	],
	[
		'invoice2excel-91420100581839321E_cf873bbec0a24ae59a4d3ebd9e365572.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '19440150', issueDate: '2018-03-23',
			checkCode: '11753239368958298076', machineCode: '499098911093',
			buyer: CHECHENG,
			seller: { name: '武汉中交沌口长江大桥投资有限公司', taxId: '91420100581839321E', addressPhone: '武汉经济技术开发区1C地块创业路10号18062618059', bankAccount: '建行武汉江岸支行42001116208053013223' },
			amount: 382.76, tax: 11.48, total: 394.24, totalInWords: '叁佰玖拾肆元贰角肆分',
			payee: '董霖', reviewer: '董霖', drawer: '唐毅', remarks: '汇总开具', redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 382.76, 0.03, 11.48],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180201', 通行日期止: '20180208' },
		},
	],
	[
		'invoice2excel-91420100MA4KPBL615_b076f3dbe31343379d6f9f37395f74fb.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '21507543', issueDate: '2018-03-23',
			checkCode: '06181427187004874225', machineCode: '499098890501',
			buyer: CHECHENG,
			seller: { name: '武汉交投高速公路运营管理有限公司', taxId: '91420100MA4KPBL615', addressPhone: '武汉经济技术开发区编号206M地块武汉设计产业园第五幢4层411027-83222183', bankAccount: '中国建设银行股份有限公司武汉经济技术开发区支行42050125813600000334' },
			amount: 6.2, tax: 0.19, total: 6.39, totalInWords: '陆元叁角玖分',
			payee: '彭旋峰', reviewer: '彭旋峰', drawer: '杜羽茜', remarks: '汇总开具', redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 6.2, 0.03, 0.19],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180201', 通行日期止: '20180208' },
		},
	],
	[
		'invoice2excel-91420112792429656B_9434b07ac46d4bfa9fce7674fdc3a5b0.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '10077287', issueDate: '2018-03-23',
			checkCode: '16167883775201694087', machineCode: '499099656098',
			buyer: CHECHENG,
			seller: { name: '湖北省汉蔡高速公路有限公司', taxId: '91420112792429656B', addressPhone: '湖北省武汉市汉阳区永丰街汉蔡高速公路1号027-69608002', bankAccount: '工商银行江汉二桥支行3202005309200035729' },
			amount: 124.8, tax: 3.74, total: 128.54, totalInWords: '壹佰贰拾捌元伍角肆分',
			payee: '王国平', reviewer: '徐黄裔', drawer: '徐黄裔', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 124.8, 0.03, 3.74],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180212', 通行日期止: '20180212' },
		},
	],
	[
		'invoice2excel-91420200562725281Y_2601734d3cd2442d9e8637df0f6734ea.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '27908343', issueDate: '2018-03-23',
			checkCode: '08110641107709826910', machineCode: '499098921515',
			buyer: CHECHENG,
			seller: { name: '湖北楚天鄂东高速公路有限公司', taxId: '91420200562725281Y', addressPhone: '黄石磁湖科技创业服务中心02765371608', bankAccount: '工行大冶城中支行1803021229100005578' },
			amount: 97.33, tax: 2.92, total: 100.25, totalInWords: '壹佰元零贰角伍分',
			payee: '刘为先', reviewer: '刘为先', drawer: '柯璐', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 97.33, 0.03, 2.92],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180208', 通行日期止: '20180208' },
		},
	],
	[
		'invoice2excel-91421200052621669E_da5e0e2e7a9e469b94864ffc9cc7dc1c.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '47502662', issueDate: '2018-03-23',
			checkCode: '08795327402254684486', machineCode: '499098892671',
			buyer: CHECHENG,
			seller: { name: '湖北中交嘉通高速公路发展有限公司', taxId: '91421200052621669E', addressPhone: '湖北咸宁市经济开发区0715-8909055', bankAccount: '农行咸宁市温泉支行17680501040010328' },
			amount: 140.95, tax: 4.23, total: 145.18, totalInWords: '壹佰肆拾伍元壹角捌分',
			payee: '孔淳晖', reviewer: '杨宁利', drawer: '徐金金', remarks: '汇总开具', redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 140.95, 0.03, 4.23],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180204', 通行日期止: '20180204' },
		},
	],
	[
		'invoice2excel-91421200553905686B_85532d34579b4875a66af568e24aaa7d.pdf',
		{
			invoiceType: 'vat_toll', title: '湖北增值税电子普通发票',
			invoiceCode: '042001700112', invoiceNumber: '47153800', issueDate: '2018-03-23',
			checkCode: '11808554414702210080', machineCode: '499098892697',
			buyer: CHECHENG,
			seller: { name: '湖北中交咸通高速公路有限公司', taxId: '91421200553905686B', addressPhone: '咸宁市咸安区官埠桥镇桂乡大道300号0715-8909036', bankAccount: '中行咸宁分行571657534679' },
			amount: 36.75, tax: 1.1, total: 37.85, totalInWords: '叁拾柒元捌角伍分',
			payee: '孔淳晖', reviewer: '杨宁利', drawer: '徐金金', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 36.75, 0.03, 1.1],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180208', 通行日期止: '20180208' },
		},
	],
	[
		'invoice2excel-91430600796857412W_dfeafefde38e4cb1b616bb598487e6e8.pdf',
		{
			invoiceType: 'vat_toll', title: '湖南增值税电子普通发票',
			invoiceCode: '043001800112', invoiceNumber: '07011955', issueDate: '2018-03-23',
			checkCode: '08424113382897776596', machineCode: '499099785543',
			buyer: CHECHENG,
			seller: { name: '湖南道岳高速公路实业有限公司', taxId: '91430600796857412W', addressPhone: '湖南省岳阳市云溪区随岳高速管理中心0730-8466220', bankAccount: '中国银行岳阳云溪支行604157360381' },
			amount: 36.92, tax: 1.11, total: 38.03, totalInWords: '叁拾捌元零叁分',
			payee: '陈莹', reviewer: '陈莹', drawer: '任娟', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 36.92, 0.03, 1.11],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180212', 通行日期止: '20180212' },
		},
	],
	[
		'invoice2excel-91440106556656312W_401affc75c1e4c9dadaca6ad2ed3afac.pdf',
		{
			invoiceType: 'vat_toll', title: '广东增值税电子普通发票',
			invoiceCode: '044001700112', invoiceNumber: '36151707', issueDate: '2018-03-23',
			checkCode: '13610032493225906141', machineCode: '499098892970',
			buyer: CHECHENG,
			seller: { name: '广东省路桥建设发展有限公司广韶分公司', taxId: '91440106556656312W', addressPhone: '广州市天河区天润路445-459号301房自编01号房0763-4620286', bankAccount: '工商银行佛冈县支行2018022109200118825' },
			amount: 51.2, tax: 1.54, total: 52.74, totalInWords: '伍拾贰元柒角肆分',
			payee: '吴珊', reviewer: '吴珊', drawer: '罗煜琳', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 51.2, 0.03, 1.54],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180202', 通行日期止: '20180202' },
		},
	],
	[
		'invoice2excel-91440114755593481G_e2aff9af2e9b4d03a7309bdcb8169d42.pdf',
		{
			invoiceType: 'vat_toll', title: '广东增值税电子普通发票',
			invoiceCode: '044001700112', invoiceNumber: '05680333', issueDate: '2018-03-23',
			checkCode: '18152402194137637371', machineCode: '499098890376',
			buyer: CHECHENG,
			seller: { name: '广东省高速公路有限公司广清分公司', taxId: '91440114755593481G', addressPhone: '广州市花都区107国道广花高速公路新华收费站出口东侧020-36871111', bankAccount: '中国建设银行广州花都支行44001551501059000092' },
			amount: 36.42, tax: 1.09, total: 37.51, totalInWords: '叁拾柒元伍角壹分',
			payee: '宋玉新', reviewer: '甘雨', drawer: '郭之卉', remarks: '汇总开具', redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 36.42, 0.03, 1.09],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180202', 通行日期止: '20180209' },
		},
	],
	[
		'invoice2excel-91440116751950621F_88fbe9ccd4ed471aa8bc292bdba328cd.pdf',
		{
			invoiceType: 'vat_toll', title: '广东增值税电子普通发票',
			invoiceCode: '044001700112', invoiceNumber: '31742233', issueDate: '2018-03-23',
			checkCode: '12170444432639147551', machineCode: '499099655458',
			buyer: CHECHENG,
			seller: { name: '广州珠江黄埔大桥建设有限公司', taxId: '91440116751950621F', addressPhone: '广州中新广州知识城凤凰三路17号自编五栋304室020-34751888', bankAccount: '中国工商银行广州天河支行3602013409200222211' },
			amount: 16.83, tax: 0.51, total: 17.34, totalInWords: '壹拾柒元叁角肆分',
			payee: '黎艳芳', reviewer: '黎艳芳', drawer: '黄大吉', remarks: null, redLetter: false,
			items: [
				['*经营租赁*通行费', null, null, null, null, 16.83, 0.03, 0.51],
			],
			toll: { 车牌号: '鄂AHG248', 类型: '货车', 通行日期起: '20180202', 通行日期止: '20180202' },
		},
	],
	[
		'invoice2excel-didi.pdf',
		{
			invoiceType: 'vat_electronic_common', title: '天津增值税电子普通发票',
			invoiceCode: '012001800211', invoiceNumber: '23326471', issueDate: '2018-09-21',
			checkCode: '16707184549009707698', machineCode: '499099801283',
			buyer: { name: '聚光科技（杭州）股份有限公司', taxId: '91330000734500338C', addressPhone: '杭州市滨江区滨安路760号 0571-85012188', bankAccount: '中行滨江支行 385758326851' },
			seller: { name: '滴滴出行科技有限公司', taxId: '911201163409833307', addressPhone: '天津经济技术开发区南港工业区综合服务区办公楼C座103室12单元022-59002850', bankAccount: '招商银行股份有限公司天津自由贸易试验区分行122905939910401' },
			amount: 734.59, tax: 22.04, total: 756.63, totalInWords: '柒佰伍拾陆元陆角叁分',
			payee: '李文莉', reviewer: '王磊', drawer: '牛蕊', remarks: null, redLetter: false,
			items: [
				['*运输服务*客运服务费', '无', '次', 1, 734.59, 734.59, 0.03, 22.04],
			],
		},
	],
];

function itemRow(item: InvoiceLineItem): ItemRow {
	return [item.name, item.specification, item.unit, item.quantity, item.unitPrice, item.amount, item.taxRate, item.tax];
}

describeWithSamples('sample PDFs read to their printed values', () => {
	test.each(EXPECTED)('%s', (name, expected) => {
		const outcome = readPdfInvoices(sample('pdf', name));
		if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code} ${outcome.error.message}`);
		expect(outcome.invoices).toHaveLength(1);
		const [invoice] = outcome.invoices;
		const { items, toll, ...scalars } = expected;
		for (const [key, value] of Object.entries(scalars)) {
			expect({ key, value: invoice[key as keyof RecognizedInvoice] }).toEqual({ key, value });
		}
		expect(invoice.items.map(itemRow)).toEqual(items);
		for (const [label, value] of Object.entries(toll ?? {})) expect({ label, value: invoice.fields[label] }).toEqual({ label, value });
		expect(invoice.location?.page).toBe(1);
		expect(invoice.origin).toMatchObject({ entry: null, format: 'pdf' });
		expect(invoice.origin?.raw).toContain(expected.invoiceNumber);
		// Every label the reader found is in `fields`, as printed.
		expect(invoice.fields['发票号码']).toBe(expected.invoiceNumber);
		expect(invoice.fields['销售方名称']).toBe(expected.seller.name);
	});

	// Every sample has its key values in test/fixtures/samples-expected/pdf.json (compared by
	// test/unit/local/samplesExpected.test.ts); the files above are read down to every printed value.
	test('every file above is a sample PDF, and every sample PDF has an entry in pdf.json', () => {
		const names = sampleNames('pdf');
		for (const [name] of EXPECTED) expect(names).toContain(name);
		expect(Object.keys(loadExpected('pdf') ?? {}).sort()).toEqual(names);
	});
});
