'use strict';
// @ts-check

/**
 * What the demo samples show (examples/samples/): the invoices drawn on each picture, with the
 * number, date and total printed on it and every value embedded in the file
 * (`fapiao-invoices:<base64 JSON>` beside the sample marker, see samples.js). The vendor answers to
 * these files (test/fixtures/vendors/<vendor>/demo-*.json) are written from this table by
 * demo-fixtures.js, so a picture and what a fake answers for it say the same.
 *
 * Made-up invoices of made-up purchases; the companies' tax IDs carry valid check characters,
 * codes follow the 12/10-digit structure (region 3100 Shanghai, year 25, type digits), totals add
 * up. Dates are fixed: OCR reads what is printed. (The Verify Invoice demo uses its own
 * recent-dated invoices, examples/verify-invoice-demo.workflow.json.)
 */

const SHOP = { name: '上海喜客便利店有限公司', taxId: '91310115MA1K3BY93N' };
const FUEL = { name: '中国石化销售有限公司上海石油分公司', taxId: '91310000834486035U' };
const OFFICE = { name: '上海明远办公用品有限公司', taxId: '91310104MA1FR2QX01' };
const RESTAURANT = { name: '上海悦宾餐饮管理有限公司', taxId: '91310106MA1FY8LP8U' };
const BUYER = { name: '上海云帆信息科技有限公司', taxId: '91310115MA1H7XK266' };
const MEDIA = { name: '上海今日头条科技有限公司', taxId: '91310104MA1FR7C72G' };
const PERSON = { name: '个人', taxId: null };

/**
 * @typedef {object} DemoItem
 * @property {string} name
 * @property {string | null} [specification]
 * @property {string | null} [unit]
 * @property {number | null} [quantity]
 * @property {number | null} [unitPrice]
 * @property {number} amount
 * @property {number | null} [taxRate]  a fraction, 0.13
 * @property {number | null} [tax]
 */

/**
 * @typedef {object} DemoInvoice
 * @property {'vat_special' | 'vat_common' | 'vat_electronic_common' | 'vat_roll' | 'digital_special' | 'digital_common'} invoiceType
 * @property {string | null} title
 * @property {string | null} invoiceCode
 * @property {string} invoiceNumber
 * @property {string} issueDate  YYYY-MM-DD
 * @property {string | null} checkCode  20 digits
 * @property {string | null} machineCode
 * @property {{ name: string, taxId: string | null }} seller
 * @property {{ name: string, taxId: string | null }} buyer
 * @property {number | null} amount  pre-tax (null on roll invoices, which print the total only)
 * @property {number | null} tax
 * @property {number} total
 * @property {string} totalInWords
 * @property {DemoItem[]} items
 * @property {string | null} payee
 * @property {[number, number, number, number]} box  where it lies on the picture: x, y, w, h as fractions
 */

/**
 * @typedef {object} DemoSample
 * @property {string} file  in examples/samples/
 * @property {string} marker  fixture name (`demo-…`)
 * @property {'png' | 'jpeg' | 'pdf' | 'ofd'} format
 * @property {'invoice' | 'roll' | 'multi'} [layout]
 * @property {number} [width]
 * @property {number} [height]
 * @property {string} about
 * @property {DemoInvoice[]} invoices
 */

const FULL = /** @type {[number, number, number, number]} */ ([0, 0, 1, 1]);

/** @type {DemoSample[]} */
const DEMO_SAMPLES = [
	{
		file: 'roll-invoice.jpg',
		marker: 'demo-roll-invoice',
		format: 'jpeg',
		layout: 'roll',
		width: 240,
		height: 560,
		about: 'till-roll invoice (JPEG): a convenience-store receipt',
		invoices: [
			{
				invoiceType: 'vat_roll',
				title: '上海增值税普通发票',
				invoiceCode: '031002500106',
				invoiceNumber: '38260417',
				issueDate: '2025-06-14',
				checkCode: '01735248906612347752',
				machineCode: '499099607733',
				seller: SHOP,
				buyer: PERSON,
				amount: null,
				tax: null,
				total: 35,
				totalInWords: '叁拾伍圆整',
				items: [
					{ name: '*焙烤食品*面包', quantity: 2, unitPrice: 8.5, amount: 17 },
					{ name: '*饮料*矿泉水', quantity: 3, unitPrice: 6, amount: 18 },
				],
				payee: '王丽',
				box: FULL,
			},
		],
	},
	{
		file: 'vat-roll-juhe.png',
		marker: 'demo-vat-roll',
		format: 'png',
		layout: 'roll',
		width: 240,
		height: 520,
		about: 'till-roll invoice (PNG): a fuel card top-up',
		invoices: [
			{
				invoiceType: 'vat_roll',
				title: '上海增值税普通发票',
				invoiceCode: '031002510106',
				invoiceNumber: '26093518',
				issueDate: '2025-07-02',
				checkCode: '83931054002481736950',
				machineCode: '661712116595',
				seller: FUEL,
				buyer: MEDIA,
				amount: null,
				tax: null,
				total: 300,
				totalInWords: '叁佰圆整',
				items: [{ name: '*预付卡销售*加油充值款', quantity: 1, unitPrice: 300, amount: 300 }],
				payee: '高红英',
				box: FULL,
			},
		],
	},
	{
		file: 'vat-invoice.png',
		marker: 'demo-vat-invoice',
		format: 'png',
		layout: 'invoice',
		width: 480,
		height: 300,
		about: 'VAT special invoice (PNG): office supplies',
		invoices: [
			{
				invoiceType: 'vat_special',
				title: '上海增值税专用发票',
				invoiceCode: '3100253130',
				invoiceNumber: '60481273',
				issueDate: '2025-05-20',
				checkCode: null,
				machineCode: '661616311231',
				seller: OFFICE,
				buyer: BUYER,
				amount: 1500,
				tax: 195,
				total: 1695,
				totalInWords: '壹仟陆佰玖拾伍圆整',
				items: [
					{
						name: '*纸制品*复印纸A4',
						specification: '70g',
						unit: '箱',
						quantity: 10,
						unitPrice: 150,
						amount: 1500,
						taxRate: 0.13,
						tax: 195,
					},
				],
				payee: '李娜',
				box: FULL,
			},
		],
	},
	{
		file: 'multi-invoice.png',
		marker: 'demo-multi-invoice',
		format: 'png',
		layout: 'multi',
		width: 640,
		height: 420,
		about: 'three invoices in one photo: a VAT common invoice, a till roll, an electronic VAT invoice',
		invoices: [
			{
				invoiceType: 'vat_common',
				title: '上海增值税普通发票',
				invoiceCode: '031002500104',
				invoiceNumber: '71820364',
				issueDate: '2025-04-08',
				checkCode: '62539018342775190466',
				machineCode: '499098556785',
				seller: RESTAURANT,
				buyer: BUYER,
				amount: 566.04,
				tax: 33.96,
				total: 600,
				totalInWords: '陆佰圆整',
				items: [{ name: '*餐饮服务*餐费', amount: 566.04, taxRate: 0.06, tax: 33.96 }],
				payee: '周婷',
				box: [0.03, 0.05, 0.56, 0.5],
			},
			{
				invoiceType: 'vat_roll',
				title: '上海增值税普通发票',
				invoiceCode: '031002500106',
				invoiceNumber: '38261502',
				issueDate: '2025-04-08',
				checkCode: '40215637890512843769',
				machineCode: '499099607733',
				seller: SHOP,
				buyer: PERSON,
				amount: null,
				tax: null,
				total: 42,
				totalInWords: '肆拾贰圆整',
				items: [{ name: '*饮料*咖啡', quantity: 2, unitPrice: 21, amount: 42 }],
				payee: '王丽',
				box: [0.64, 0.05, 0.32, 0.9],
			},
			{
				invoiceType: 'vat_electronic_common',
				title: '上海增值税电子普通发票',
				invoiceCode: '031002500111',
				invoiceNumber: '09365172',
				issueDate: '2025-04-09',
				checkCode: '13579246801357924680',
				machineCode: '661913437856',
				seller: FUEL,
				buyer: BUYER,
				amount: 265.49,
				tax: 34.51,
				total: 300,
				totalInWords: '叁佰圆整',
				items: [{ name: '*汽油*92号车用汽油(VIB)', unit: '升', amount: 265.49, taxRate: 0.13, tax: 34.51 }],
				payee: '高红英',
				box: [0.03, 0.6, 0.5, 0.35],
			},
		],
	},
	{
		file: 'invoice.pdf',
		marker: 'demo-invoice-pdf',
		format: 'pdf',
		about: 'one-page PDF of a 数电 special invoice (Jumdata reads PDF)',
		invoices: [
			{
				invoiceType: 'digital_special',
				title: '电子发票(增值税专用发票)',
				invoiceCode: null,
				invoiceNumber: '25312000000012345678',
				issueDate: '2025-08-18',
				checkCode: null,
				machineCode: null,
				seller: OFFICE,
				buyer: BUYER,
				amount: 1000,
				tax: 130,
				total: 1130,
				totalInWords: '壹仟壹佰叁拾圆整',
				items: [
					{
						name: '*计算机外部设备*键盘',
						unit: '个',
						quantity: 10,
						unitPrice: 100,
						amount: 1000,
						taxRate: 0.13,
						tax: 130,
					},
				],
				payee: null,
				box: FULL,
			},
		],
	},
	{
		file: 'invoice.ofd',
		marker: 'demo-invoice-ofd',
		format: 'ofd',
		about: 'one-page OFD of a 数电 common invoice (Jumdata reads OFD)',
		invoices: [
			{
				invoiceType: 'digital_common',
				title: '电子发票(普通发票)',
				invoiceCode: null,
				invoiceNumber: '25317000000087654321',
				issueDate: '2025-09-03',
				checkCode: null,
				machineCode: null,
				seller: RESTAURANT,
				buyer: BUYER,
				amount: 283.02,
				tax: 16.98,
				total: 300,
				totalInWords: '叁佰圆整',
				items: [{ name: '*餐饮服务*餐费', amount: 283.02, taxRate: 0.06, tax: 16.98 }],
				payee: null,
				box: FULL,
			},
		],
	},
];

module.exports = { DEMO_SAMPLES };
