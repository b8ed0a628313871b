'use strict';
// @ts-check

/**
 * Writes the fakes' answers to the demo samples: test/fixtures/vendors/<vendor>/demo-*.json, from
 * the invoices in demo-invoices.js, each in the vendor's documented shape, within what the vendor
 * reads:
 *
 * - Juhe and Volcengine read VAT roll invoices only, one per image: the roll invoice of a photo;
 *   an image without one gets the vendor's documented answer (Juhe 253302 请求失败, Volcengine
 *   50208 "No object detected", HTTP 400).
 * - Jumdata reads one invoice per file: `type=normal` a VAT/数电 invoice, `type=roll` a roll
 *   invoice (fixture `<marker>--roll`); no such invoice on the file is a success with empty `data`.
 * - Xinhuo and WeBank read every invoice of an image (not PDF/OFD, which they do not take).
 *
 *   node test/fakes/demo-fixtures.js          writes the files
 *   node test/fakes/demo-fixtures.js --check  exits 1 when a committed file differs
 */

const fs = require('node:fs');
const { DEMO_SAMPLES } = require('./demo-invoices');
const { fixturePath } = require('./fixtures');
const { chineseDate } = require('./webank');

/** @typedef {import('./demo-invoices').DemoInvoice} DemoInvoice */
/** @typedef {import('./demo-invoices').DemoSample} DemoSample */

const ROLL = 'vat_roll';
const IMAGE_FORMATS = ['png', 'jpeg'];

const yuan = (/** @type {number} */ value) => value.toFixed(2);
const percent = (/** @type {number | null | undefined} */ rate) =>
	rate === null || rate === undefined ? '' : `${Math.round(rate * 100)}%`;
/** 2025-06-14 → 2025年06月14日 (Jumdata and Xinhuo pad the month and day) */
const paddedChineseDate = (/** @type {string} */ iso) => {
	const [y, m, d] = iso.split('-');
	return `${y}年${m}月${d}日`;
};
/** Check codes as printed: groups of five. */
const grouped = (/** @type {string | null} */ digits) => (digits ? digits.replace(/(\d{5})(?=\d)/g, '$1 ') : '');
const orEmpty = (/** @type {unknown} */ value) => (value === null || value === undefined ? '' : String(value));
/** A line item as printed, every cell a string. @param {import('./demo-invoices').DemoItem} item */
const printedItem = (item) => ({
	name: item.name,
	specification: orEmpty(item.specification),
	unit: orEmpty(item.unit),
	quantity: orEmpty(item.quantity),
	unitPrice: item.unitPrice ? yuan(item.unitPrice) : '',
	amount: yuan(item.amount),
	taxRate: percent(item.taxRate),
	tax: item.tax === undefined || item.tax === null ? '' : yuan(item.tax),
});

/**
 * Line items under a vendor's own keys.
 *
 * @param {import('./demo-invoices').DemoItem[]} items
 * @param {Record<keyof ReturnType<typeof printedItem>, string>} keys  our cell → the vendor's key
 */
const vendorItems = (items, keys) =>
	items.map((item) => {
		const cells = printedItem(item);
		return Object.fromEntries(
			Object.entries(keys).map(([cell, key]) => [key, cells[/** @type {keyof typeof cells} */ (cell)]]),
		);
	});

/** A stable request id per answer, so regenerating changes nothing. */
const requestId = (/** @type {string} */ name, /** @type {number} */ digits) =>
	[...name].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 10 ** digits, 7).toString().padStart(digits, '1');

// ------------------------------------------------------------------------------------------
// One function per vendor: an invoice → that vendor's answer.

/** @param {DemoInvoice} invoice @param {string} name */
function juheAnswer(invoice, name) {
	/** @type {Array<[string, string]>} */
	const infos = [
		['发票名称', orEmpty(invoice.title)],
		['发票代码', orEmpty(invoice.invoiceCode)],
		['发票号码', invoice.invoiceNumber],
		['机打号码', invoice.invoiceNumber],
		['开票日期', invoice.issueDate],
		['校验码', grouped(invoice.checkCode)],
		['机器编号', orEmpty(invoice.machineCode)],
		['销售方名称', invoice.seller.name],
		['销售方识别号', orEmpty(invoice.seller.taxId)],
		['购买方名称', invoice.buyer.name],
		['购买方识别号', orEmpty(invoice.buyer.taxId)],
	];
	for (const item of invoice.items) {
		infos.push(['品名', item.name], ['数量', orEmpty(item.quantity)]);
		infos.push(['单价', item.unitPrice ? yuan(item.unitPrice) : ''], ['金额', yuan(item.amount)]);
	}
	infos.push(['合计金额(小写)', `¥${yuan(invoice.total)}`], ['合计金额(大写)', invoice.totalInWords]);
	infos.push(['收款员', orEmpty(invoice.payee)]);
	return {
		reason: 'success',
		result: {
			request_id: `${requestId(name, 8)}-demo-${name}`,
			vat_roll_invoice_infos: infos.map(([key, value]) => ({ name: key, value })),
		},
		error_code: 0,
	};
}

/** @param {DemoInvoice} invoice @param {string} name */
function volcengineAnswer(invoice, name) {
	/** @type {Record<string, string>} */
	const main = { seller_name: invoice.seller.name, buyer_name: invoice.buyer.name };
	invoice.items.forEach((item, index) => {
		main[`entry_${index}.entry_name`] = item.name;
		main[`entry_${index}.quantity`] = item.quantity ? item.quantity.toFixed(2) : '';
		main[`entry_${index}.price_amount`] = yuan(item.amount);
		main[`entry_${index}.unit_price`] = item.unitPrice ? yuan(item.unitPrice) : '';
	});
	Object.assign(main, {
		invoice_header: orEmpty(invoice.title),
		invoice_coupon: '发票联',
		invoice_code: orEmpty(invoice.invoiceCode),
		invoice_number: invoice.invoiceNumber,
		machine_code: orEmpty(invoice.machineCode),
		typed_invoice_no: invoice.invoiceNumber,
		seller_taxpayer_no: orEmpty(invoice.seller.taxId),
		invoice_date: chineseDate(invoice.issueDate),
		payee: orEmpty(invoice.payee),
		buyer_taxpayer_no: orEmpty(invoice.buyer.taxId),
		lowercase_total_amount: `¥${yuan(invoice.total)}`,
		capital_total_amount: invoice.totalInWords,
		check_code: grouped(invoice.checkCode),
	});
	return {
		code: 10000,
		data: { license_main: main },
		message: 'Success',
		request_id: requestId(name, 29),
		status: 10000,
		time_elapsed: '402.118734ms',
	};
}

/** Jumdata's `invoiceType` names (its document's list). */
const JUMDATA_TYPE_NAMES = {
	vat_special: '专用发票',
	vat_common: '普通发票',
	vat_electronic_common: '电子普通发票',
	digital_special: '电子发票(专用发票)',
	digital_common: '电子发票(普通发票)',
	vat_roll: '',
};

/** @param {DemoInvoice | null} invoice @param {string} name */
function jumdataAnswer(invoice, name) {
	const envelope = { code: 200, msg: '成功', charge: true, taskNo: requestId(name, 20) };
	if (!invoice) return { ...envelope, data: {} };
	const rows = (/** @type {keyof ReturnType<typeof printedItem>} */ cell) =>
		invoice.items.map((item, index) => ({ row: String(index + 1), word: printedItem(item)[cell] }));
	const roll = invoice.invoiceType === ROLL;
	return {
		...envelope,
		data: {
			invoiceType: JUMDATA_TYPE_NAMES[invoice.invoiceType],
			invoiceTypeOrg: orEmpty(invoice.title),
			invoiceCode: orEmpty(invoice.invoiceCode),
			invoiceNum: invoice.invoiceNumber,
			machineNum: roll ? invoice.invoiceNumber : '',
			machineCode: orEmpty(invoice.machineCode),
			invoiceDate: paddedChineseDate(invoice.issueDate),
			checkCode: grouped(invoice.checkCode),
			purchaserName: invoice.buyer.name,
			purchaserRegisterNum: orEmpty(invoice.buyer.taxId),
			sellerName: invoice.seller.name,
			sellerRegisterNum: orEmpty(invoice.seller.taxId),
			// A roll invoice prints one amount, the total (Jumdata puts it in totalAmount).
			totalAmount: roll ? `¥${yuan(invoice.total)}` : yuan(/** @type {number} */ (invoice.amount)),
			totalTax: roll ? '' : `¥${yuan(/** @type {number} */ (invoice.tax))}`,
			amountInFiguers: roll ? '' : `¥${yuan(invoice.total)}`,
			amountInWords: invoice.totalInWords,
			payee: orEmpty(invoice.payee),
			sheetNum: roll ? '' : invoice.invoiceType === 'vat_special' ? '第三联:发票联' : '第二联:发票联',
			province: '上海',
			city: '上海',
			commodityName: rows('name'),
			commodityType: rows('specification'),
			commodityUnit: rows('unit'),
			commodityNum: rows('quantity'),
			commodityPrice: rows('unitPrice'),
			commodityAmount: rows('amount'),
			commodityTaxRate: rows('taxRate'),
			commodityTax: rows('tax'),
		},
	};
}

const XINHUO_TYPES = {
	vat_special: ['vat_special_invoice', '增值税专用发票', 'office', '办公'],
	vat_common: ['vat_common_invoice', '增值税普通发票', 'repast', '餐饮'],
	vat_electronic_common: ['vat_electronic_invoice', '增值税电子普通发票', 'vehicle', '用车'],
	vat_roll: ['vat_roll_invoice', '增值税普通发票(卷票)', 'daily', '日用品'],
};

/** x, y, w, h in pixels → Xinhuo's 8-number polygon. */
const polygon = (/** @type {number[]} */ [x, y, w, h]) =>
	[x, y, x + w, y, x + w, y + h, x, y + h].map(Math.round);

/** @param {DemoInvoice} invoice @param {DemoSample} sample */
function xinhuoObject(invoice, sample) {
	const [type, description, kind, kindDescription] =
		XINHUO_TYPES[/** @type {keyof typeof XINHUO_TYPES} */ (invoice.invoiceType)];
	const width = /** @type {number} */ (sample.width);
	const height = /** @type {number} */ (sample.height);
	const [bx, by, bw, bh] = invoice.box;
	const box = [bx * width, by * height, bw * width, bh * height];
	/** @type {Array<[string, string, string]>} key, value, description */
	const items =
		invoice.invoiceType === ROLL
			? [
					['invoice_head', orEmpty(invoice.title), '发票票头'],
					['invoice_code', orEmpty(invoice.invoiceCode), '发票代码'],
					['invoice_number', invoice.invoiceNumber, '发票号码'],
					['machine_number', invoice.invoiceNumber, '机器号码'],
					['machine_code', orEmpty(invoice.machineCode), '机器编码'],
					['date_of_invoice', invoice.issueDate, '开票日期'],
					['check_number', grouped(invoice.checkCode), '校验码'],
					['buy_name', invoice.buyer.name, '购方名称'],
					['buy_tax_number', orEmpty(invoice.buyer.taxId), '购方纳税人识别号'],
					['sold_name', invoice.seller.name, '销方名称'],
					['sold_tax_number', orEmpty(invoice.seller.taxId), '销方纳税人识别号'],
					['total_money', `¥${yuan(invoice.total)}`, '合计金额(小写)'],
					['total_money_big', invoice.totalInWords, '合计金额(大写)'],
					['cashier_name', orEmpty(invoice.payee), '收款员'],
				]
			: [
					['vat_invoice_daima', orEmpty(invoice.invoiceCode), '发票代码'],
					['vat_invoice_haoma', invoice.invoiceNumber, '发票号码'],
					['vat_invoice_issue_date', paddedChineseDate(invoice.issueDate), '开票日期'],
					...(invoice.checkCode
						? [/** @type {[string, string, string]} */ (['vat_invoice_correct_code', grouped(invoice.checkCode), '校验码'])]
						: []),
					['vat_invoice_machine_no', orEmpty(invoice.machineCode), '机器编号'],
					['vat_invoice_payer_name', invoice.buyer.name, '购买方名称'],
					['vat_invoice_rate_payer_id', orEmpty(invoice.buyer.taxId), '纳税人识别号'],
					['vat_invoice_seller_name', invoice.seller.name, '销售方名称'],
					['vat_invoice_seller_id', orEmpty(invoice.seller.taxId), '销售方纳税人识别号'],
					['vat_invoice_total', `¥${yuan(/** @type {number} */ (invoice.amount))}`, '合计'],
					['vat_invoice_tax_total', `¥${yuan(/** @type {number} */ (invoice.tax))}`, '税额合计'],
					['vat_invoice_total_cover_tax', invoice.totalInWords, '价税合计大写'],
					['vat_invoice_total_cover_tax_digits', `¥${yuan(invoice.total)}`, '价税合计小写'],
					['vat_invoice_payee', orEmpty(invoice.payee), '收款人'],
					['vat_invoice_page_number', '发票联', '联次'],
				];
	// Fields stacked down the invoice, one line each, as the vendor reports where it read them.
	const line = box[3] / (items.length + 1);
	const object = {
		image_angle: 0,
		rotated_image_width: Math.round(box[2]),
		rotated_image_height: Math.round(box[3]),
		position: polygon(box),
		class: 'nation_tax_invoice',
		type,
		type_description: description,
		kind,
		kind_description: kindDescription,
		item_list: items.map(([key, value, desc], index) => ({
			key,
			value,
			position: polygon([box[0] + box[2] * 0.05, box[1] + line * (index + 0.5), box[2] * 0.9, line * 0.8]),
			description: desc,
		})),
	};
	if (invoice.invoiceType === ROLL) return object;
	return {
		...object,
		product_list: vendorItems(invoice.items, {
			name: 'vat_invoice_goods',
			specification: 'vat_invoice_plate_specific',
			unit: 'vat_invoice_electrans_unit',
			quantity: 'vat_invoice_electrans_quantity',
			unitPrice: 'vat_invoice_electrans_unit_price',
			amount: 'vat_invoice_price',
			taxRate: 'vat_invoice_tax_rate',
			tax: 'vat_invoice_tax',
		}),
	};
}

/** @param {DemoInvoice[]} invoices @param {DemoSample} sample */
function xinhuoAnswer(invoices, sample) {
	return {
		code: 200,
		message: 'success',
		result: { object_list: invoices.map((invoice) => xinhuoObject(invoice, sample)) },
	};
}

const WEBANK_NAMES = {
	vat_special: 'VAT_special_invoice',
	vat_common: 'VAT_invoice',
	vat_electronic_common: 'VAT_e-invoice',
	vat_roll: 'VAT_v-invoice',
};

/** @param {DemoInvoice} invoice */
function webankInvoice(invoice) {
	const roll = invoice.invoiceType === ROLL;
	/** @type {Record<string, unknown>} */
	const result = {
		...(roll ? {} : { invoice_name: orEmpty(invoice.title) }),
		invoice_code: orEmpty(invoice.invoiceCode),
		invoice_id: invoice.invoiceNumber,
		invoice_date: chineseDate(invoice.issueDate),
		check_code: grouped(invoice.checkCode),
		...(roll ? {} : { machine_code: orEmpty(invoice.machineCode) }),
		password_area: '',
		// A roll invoice prints the total only; WeBank leaves the amount and tax empty then.
		total_amount: invoice.amount === null ? '' : yuan(invoice.amount),
		total_taxes: invoice.tax === null ? '' : yuan(invoice.tax),
		price_plus_taxes_in_words: invoice.totalInWords,
		price_plus_taxes: yuan(invoice.total),
		buyer_name: invoice.buyer.name,
		buyer_id: orEmpty(invoice.buyer.taxId),
		seller_name: invoice.seller.name,
		seller_id: orEmpty(invoice.seller.taxId),
	};
	if (!roll) {
		result.payee = orEmpty(invoice.payee);
		result.details = vendorItems(invoice.items, {
			name: 'services_of_goods_or_taxable',
			specification: 'specifications',
			unit: 'unit',
			quantity: 'quality', // WeBank's spelling
			unitPrice: 'unit_price',
			amount: 'amount',
			taxRate: 'tax_rate',
			tax: 'tax_amount',
		});
	}
	return { name: WEBANK_NAMES[/** @type {keyof typeof WEBANK_NAMES} */ (invoice.invoiceType)], result };
}

/** @param {DemoInvoice[]} invoices @param {string} name */
function webankAnswer(invoices, name) {
	return {
		error: 0,
		request_id: `demo-${name}`,
		stats: { __version__: '20200107' },
		invoices: invoices.map(webankInvoice),
	};
}

// ------------------------------------------------------------------------------------------

/**
 * Every demo fixture: [vendor, fixture name, body].
 *
 * @returns {Array<[string, string, unknown]>}
 */
function demoFixtures() {
	/** @type {Array<[string, string, unknown]>} */
	const out = [];
	for (const sample of DEMO_SAMPLES) {
		const { marker, invoices } = sample;
		const rolls = invoices.filter((invoice) => invoice.invoiceType === ROLL);
		const others = invoices.filter((invoice) => invoice.invoiceType !== ROLL);
		out.push(['jumdata', marker, jumdataAnswer(others[0] ?? null, marker)]);
		out.push(['jumdata', `${marker}--roll`, jumdataAnswer(rolls[0] ?? null, `${marker}--roll`)]);
		if (!IMAGE_FORMATS.includes(sample.format)) continue; // only Jumdata reads PDF and OFD
		out.push(['juhe', marker, rolls[0] ? juheAnswer(rolls[0], marker) : { fakeVendorError: '253302' }]);
		out.push([
			'volcengine',
			marker,
			rolls[0] ? volcengineAnswer(rolls[0], marker) : { fakeVendorError: '50208' },
		]);
		out.push(['xinhuo', marker, xinhuoAnswer(invoices, sample)]);
		out.push(['webank', marker, webankAnswer(invoices, marker)]);
	}
	return out;
}

/** The file text as committed (tabs, as the other fixtures). */
const render = (/** @type {unknown} */ body) => `${JSON.stringify(body, null, '\t')}\n`;

module.exports = { demoFixtures, render };

if (require.main === module) {
	const check = process.argv.includes('--check');
	let stale = 0;
	for (const [vendor, name, body] of demoFixtures()) {
		const file = fixturePath(vendor, name);
		const text = render(body);
		const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
		if (current === text) continue;
		stale += 1;
		if (check) console.log(`differs: ${file}`);
		else fs.writeFileSync(file, text);
	}
	console.log(check ? `${stale} stale demo fixture(s)` : `${stale} demo fixture(s) written`);
	process.exit(check && stale > 0 ? 1 : 0);
}
