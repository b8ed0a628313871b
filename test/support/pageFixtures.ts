/**
 * Generated page-text fixtures, one per family of real files the page reader must hold for
 * (../shared/samples/einvoice/README.md, wave 3), so every family is covered without ../shared:
 *
 *   rerenderedInvoicePdf  a 数电 invoice re-rendered from an OFD: every glyph placed on its own, the
 *                         page box ~2.8× larger than the font size says (easyofd / reportlab);
 *   discountInvoicePdf    an A4 数电 专票 from a large e-commerce seller: each goods line followed by
 *                         a negative discount line, names over three lines, a 小计 row above 合计,
 *                         every text drawn three times for a bold effect;
 *   rideInvoicePdf        an HTML-rendered 数电 普票 of a ride-hailing platform: 旅客运输服务 table
 *                         (项目名称/单价/数量/金额), an empty 出行人 table, `（ 小 写 ）` spaced;
 *   tripSheetPdf          the trip sheet (行程单) that comes with it: amounts, dates, a 合计, no invoice;
 *   railwayTicketPdf      电子发票（铁路电子客票） as printed (a fare, or a refund fee);
 *   airItineraryPdf       电子发票（航空运输电子客票行程单） as printed (route table, fare breakdown);
 *   vatElectronicInvoicePdf  an older 增值税电子普通发票 of the AdobeSong family (draw it with the
 *                         `gb1-no-tounicode` font for CIDs without ToUnicode).
 *
 * The railway ticket follows the real 12306 ticket (the ofd-go sample's page); the air itinerary the
 * printed layout as published (no real file exists in the samples): its positions are invented, its
 * labels and value formats are not.
 */
import { capitalAmount, type DigitalInvoiceSpec, invoiceTotals } from './einvoiceFixtures';
import {
	DIGITAL_PAGE,
	digitalInvoiceItems,
	type DigitalPdfOptions,
	type TextItem,
	textPdf,
	textWidth,
	type TextPdfOptions,
} from './pdfWriter';

export const A4_PAGE = { width: 595.28, height: 841.89 };

const at = (x: number, y: number, text: string, size = 9): TextItem => ({ x, y, size, text });
const right = (x1: number, y: number, text: string, size = 9): TextItem => at(x1 - textWidth(text, size), y, text, size);
const yuan = (value: number) => value.toFixed(2);

/**
 * Every character of every item as its own item, placed where it would be drawn; `tracking`
 * multiplies each advance (a converter that spaces glyphs wider than their font size).
 */
export function glyphByGlyph(items: TextItem[], tracking = 1): TextItem[] {
	const out: TextItem[] = [];
	for (const item of items) {
		let x = item.x;
		for (const ch of Array.from(item.text)) {
			if (ch.trim() !== '') out.push({ ...item, x, text: ch });
			x += textWidth(ch, item.size) * tracking;
		}
	}
	return out;
}

/** Items moved to a page `factor` times larger, font sizes unchanged (glyphs set apart). */
export function scaledPositions(items: TextItem[], factor: number): TextItem[] {
	return items.map((item) => ({ ...item, x: item.x * factor, y: item.y * factor }));
}

/** Each item drawn again at small offsets, as fake-bold PDFs do. */
export function boldCopies(items: TextItem[], offsets: number[] = [0, 0.3, 0.6]): TextItem[] {
	return offsets.flatMap((dx) => items.map((item) => ({ ...item, x: item.x + dx })));
}

/** The re-render scale of the easyofd/reportlab family (their page box is 1652 × 1100 pt). */
export const RERENDER_SCALE = 2.78;

export function rerenderedInvoicePdf(spec: DigitalInvoiceSpec, options: TextPdfOptions & DigitalPdfOptions = {}): Buffer {
	// Glyphs at 0.92 em: the converter's font is narrower than the fixtures' full em, and a label
	// must end before the value box beside it starts.
	const items = scaledPositions(glyphByGlyph(digitalInvoiceItems(spec, options), 0.92), RERENDER_SCALE);
	const page = { width: DIGITAL_PAGE.width * RERENDER_SCALE, height: DIGITAL_PAGE.height * RERENDER_SCALE };
	return textPdf([{ ...page, items }], options);
}

/** Characters per name line in `discountInvoicePdf` (names wrap over several lines). */
const NAME_WRAP = 11;

/**
 * The A4 discount-line family: `spec`'s lines as printed (give each goods line followed by its
 * negative discount line), a 小计 row above 合计, everything drawn three times.
 */
export function discountInvoicePdf(spec: DigitalInvoiceSpec, options: TextPdfOptions = {}): Buffer {
	const base = digitalInvoiceItems(spec);
	// The item rows end where the page generator stopped; 合计 and below move under them.
	let end = 168;
	for (const line of spec.lines) end += Math.ceil(line.name.length / NAME_WRAP) * 10 + 2;
	const shift = Math.max(0, end + 20 - 269.3);
	// Item rows sit at whole points (168 + 10 per name line + 2 per item); the footer's baselines do not.
	const moved = base.map((item) => (item.y >= 260 && !Number.isInteger(item.y) ? { ...item, y: item.y + shift } : item));
	const { amount, tax } = invoiceTotals(spec);
	const subtotalY = 269.3 + shift - 14;
	const subtotal = [at(58.2, subtotalY, '小'), at(103.5, subtotalY, '计'), right(433.7, subtotalY, `¥${yuan(amount)}`), right(582.5, subtotalY, `¥${yuan(tax)}`)];
	const items = boldCopies([...moved, ...subtotal, at(260, 80, '共1页 第1页')]);
	return textPdf([{ ...A4_PAGE, items }], { style: 'suwell', ...options });
}

export interface RideSpec {
	number: string;
	issueDate: string;
	buyer: { name: string; taxId: string };
	seller: { name: string; taxId: string };
	amount: number;
	taxRate: number;
	drawer: string;
	/** 出行人 rows; the platform often leaves the table empty. */
	travellers?: Array<{ name: string; id: string; date: string; from: string; to: string; seatClass: string; vehicle: string }>;
}

function chineseDate(iso: string): string {
	const [year, month, day] = iso.split('-');
	return `${year}年${month}月${day}日`;
}

/**
 * The HTML-rendered ride-hailing 数电 普票 (openhtmltopdf): 旅客运输服务 under the title, the seller
 * block beside the buyer's with its own title column, labels and values each their own run, the item
 * table without 规格型号/单位, an empty 出行人 table, `（ 小 写 ）` spaced.
 */
export function rideInvoicePdf(spec: RideSpec, options: TextPdfOptions = {}): Buffer {
	const tax = Math.round(spec.amount * spec.taxRate * 100) / 100;
	const total = Math.round((spec.amount + tax) * 100) / 100;
	const items: TextItem[] = [
		at(55.3, 408.9, '开票人：'),
		at(94.3, 408.9, spec.drawer),
		at(197.7, 64.5, '电子发票（普通发票）', 20),
		at(94, 70.5, '旅客运输服务'),
		at(440.2, 65.4, '发票号码'),
		at(476.9, 65.4, ':'),
		at(483.4, 65.4, spec.number),
		at(440.2, 83.1, '开票日期'),
		at(476.9, 83.1, ':'),
		at(483.4, 83.1, chineseDate(spec.issueDate)),
		at(17.1, 351.7, '备'),
		at(17.1, 368.7, '注'),
		...Array.from('销售方信息').map((ch, i) => at(301.5, 119.4 + i * 10.8, ch)),
		...Array.from('购买方信息').map((ch, i) => at(17.5, 119.4 + i * 10.8, ch)),
		at(31.3, 123.8, '名称：'),
		at(58.3, 123.8, spec.buyer.name),
		at(31.3, 154.7, '统一社会信用代码/纳税人识别号：'),
		at(170.8, 154.7, spec.buyer.taxId, 10),
		at(315.6, 123.8, '名称：'),
		at(342.6, 123.8, spec.seller.name),
		at(315.6, 154.7, '统一社会信用代码/纳税人识别号：'),
		at(455.1, 154.7, spec.seller.taxId, 10),
		at(76.6, 179, '项目名称'),
		at(205.9, 179, '单  价'),
		at(297.4, 179, '数  量'),
		at(391.8, 179, '金  额'),
		at(452, 179, '税率/征收率'),
		at(557.4, 179, '税  额'),
		at(13.5, 191.6, '*运输服务*客运服务费'),
		at(205.9, 191.6, yuan(spec.amount)),
		at(306.4, 191.6, '1'),
		at(391.8, 191.6, yuan(spec.amount)),
		at(472.3, 191.6, `${Math.round(spec.taxRate * 100)}%`),
		at(561.9, 191.6, yuan(tax)),
		at(55.5, 242.6, '合'),
		at(98.6, 242.6, '计'),
		at(407.7, 242.6, yuan(spec.amount)),
		at(401.1, 242.6, '¥', 11),
		at(559.7, 242.6, yuan(tax)),
		at(553, 242.6, '¥', 11),
		// The 出行人 table: its header only (the platform leaves it empty).
		at(28.9, 254, '出行人'),
		at(93.1, 254, '有效身份证件号'),
		at(195.9, 254, '出行日期'),
		at(289.7, 254, '出发地'),
		at(397.4, 254, '到达地'),
		at(479.9, 254, '等级'),
		at(520.2, 254, '交通工具类型'),
		...(spec.travellers ?? []).flatMap((row, i) => {
			const y = 268 + i * 12;
			return [at(28.9, y, row.name), at(93.1, y, row.id), at(195.9, y, row.date), at(289.7, y, row.from), at(397.4, y, row.to), at(479.9, y, row.seatClass), at(520.2, y, row.vehicle)];
		}),
		at(36.3, 321.7, '价税合计（大写）'),
		at(396.8, 321.7, '（ 小 写 ）'),
		at(445.4, 323.1, yuan(total)),
		at(438.8, 323.1, '¥', 11),
	];
	return textPdf([{ width: 610, height: 431.125, items }], options);
}

/** The ride platform's trip sheet (行程单): rides, amounts, a 合计 — no invoice. */
export function tripSheetPdf(rides: Array<{ when: string; from: string; to: string; amount: number }>, options: TextPdfOptions = {}): Buffer {
	const total = rides.reduce((sum, ride) => sum + ride.amount, 0);
	const items: TextItem[] = [
		at(220, 214, '滴滴出行-行程单', 18),
		at(200, 235, 'DIDI TRAVEL - TRIP TABLE', 12),
		at(40, 261, '姓名：'),
		at(200, 261, '工号：'),
		at(360, 261, '部门：'),
		at(40, 288, '· 申请日期：2025-11-08'),
		at(300, 288, '· 行程起止日期：2025-10-10 至 2025-11-06'),
		at(40, 302, '· 行程人手机号：15900000000'),
		at(300, 302, `· 共${rides.length}笔行程， 合计${yuan(total)}元`),
		at(40, 344, '序号'),
		at(70, 344, '车型'),
		at(120, 344, '上车时间'),
		at(200, 344, '城市'),
		at(250, 344, '起点'),
		at(380, 344, '终点'),
		at(480, 344, '里程[公里]'),
		at(530, 344, '金额[元]'),
	];
	rides.forEach((ride, i) => {
		const y = 378 + i * 28;
		items.push(at(42, y, String(i + 1)), at(70, y, '快车'), at(120, y, ride.when), at(200, y, '上海市'), at(250, y, ride.from), at(380, y, ride.to), at(480, y, '2.2'), right(570, y, yuan(ride.amount)));
	});
	items.push(at(280, 760, '页码：1/1'));
	return textPdf([{ ...A4_PAGE, items }], options);
}

export interface RailwayTicketSpec {
	number: string;
	issueDate: string;
	from: string;
	to: string;
	train: string;
	/** `YYYY-MM-DD HH:MM`. */
	departure: string;
	seat: string;
	seatClass: string;
	/** The fare, or with `refund` the refund fee. */
	amount: number;
	/** 金额 and 税额 as printed (tickets since 2022 print them; 9%). */
	net?: number;
	tax?: number;
	refund?: boolean;
	/** A re-issued ticket (换开): the number of the ticket it replaces. */
	originalNumber?: string;
	passengerId: string;
	passengerName: string;
	eTicket: string;
	buyer: { name: string; taxId: string };
}

/**
 * 电子发票（铁路电子客票） at the positions of the 12306 ticket (checked against the real ofd-go
 * sample's page): `站  G7101  站` on one line with the station names larger on their own line, the
 * class beside the fare, 金额/税率/税额, passenger, e-ticket number, 换开 and the original number,
 * the buyer.
 */
export function railwayTicketPdf(spec: RailwayTicketSpec, options: TextPdfOptions = {}): Buffer {
	const [day, clock] = spec.departure.split(' ');
	const money = (value: number) => `¥${yuan(value)}`;
	const items: TextItem[] = [
		at(192, 28.5, '电子发票（铁路电子客票）', 20),
		at(26, 55.7, `发票号码：${spec.number}`, 12),
		at(442, 55.7, `开票日期：${spec.issueDate}`, 12),
		at(152, 97.7, '站', 12),
		at(270, 97.7, spec.train, 12),
		at(478, 97.7, '站', 12),
		at(112, 98.8, spec.from, 19.8),
		at(398, 98.8, spec.to, 19.8),
		at(111, 118, 'Pinyin', 12),
		at(390, 118, 'Pinyin', 12),
		at(26, 143.5, chineseDate(day), 12),
		at(125, 143.5, `${clock}开`, 12),
		at(213, 143.5, spec.seat, 12),
		at(26, 177.2, `${spec.refund ? '退票费' : '票价'}：${money(spec.amount)}`, 12),
		at(298, 177.2, `新空调 ${spec.seatClass}`, 12),
		at(26, 233.9, spec.passengerId, 12),
		at(213, 233.9, spec.passengerName, 12),
		at(25, 290.6, `电子客票号：${spec.eTicket}`, 12),
		at(26, 313.6, `购买方名称：${spec.buyer.name}`, 12),
		at(354, 313.6, `统一社会信用代码：${spec.buyer.taxId}`, 12),
		at(217, 357.4, '买票请到12306 发货请到95306', 12),
	];
	if (spec.net !== undefined && spec.tax !== undefined) {
		items.push(at(26, 205.5, `金额：${money(spec.net)}`, 12), at(213, 205.5, '税率：9%', 12), at(298, 205.5, `税额：${money(spec.tax)}`, 12));
	}
	if (spec.originalNumber) items.push(at(298, 290.6, '换开', 14), at(355, 290.6, `原发票号码：${spec.originalNumber}`, 12));
	return textPdf([{ ...DIGITAL_PAGE, items }], options);
}

export interface AirItinerarySpec {
	number: string;
	issueDate: string;
	passengerName: string;
	passengerId: string;
	/** Stops in order: the first is the origin; each but the last carries the flight leaving it. */
	route: Array<{ station: string; code: string; carrier?: string; flight?: string; seatClass?: string; date?: string; time?: string }>;
	fare: number;
	fund: number;
	fuel: number;
	vatRate: number;
	vat: number;
	eTicket: string;
	buyer: { name: string; taxId: string };
	issuer: string;
}

/** 电子发票（航空运输电子客票行程单）, as the tax platform prints it. */
export function airItineraryPdf(spec: AirItinerarySpec, options: TextPdfOptions = {}): Buffer {
	const total = Math.round((spec.fare + spec.fund + spec.fuel) * 100) / 100;
	const items: TextItem[] = [
		at(150, 40, '电子发票（航空运输电子客票行程单）', 16),
		at(30, 66, '发票号码：'),
		at(78, 66, spec.number),
		at(400, 66, '开票日期：'),
		at(448, 66, chineseDate(spec.issueDate)),
		at(30, 90, '旅客姓名：'),
		at(78, 90, spec.passengerName),
		at(200, 90, '有效身份证件号码：'),
		at(282, 90, spec.passengerId),
		at(430, 90, '签注：'),
		at(30, 112, '自/至'),
		at(140, 112, '承运人'),
		at(190, 112, '航班号'),
		at(250, 112, '座位等级'),
		at(300, 112, '日期'),
		at(370, 112, '时间'),
		at(420, 112, '客票级别/客票类别'),
	];
	spec.route.forEach((stop, i) => {
		const y = 130 + i * 16;
		items.push(at(30, y, i === 0 ? '自' : '至'), at(48, y, stop.station), at(110, y, stop.code));
		if (stop.carrier) items.push(at(140, y, stop.carrier));
		if (stop.flight) items.push(at(190, y, stop.flight));
		if (stop.seatClass) items.push(at(256, y, stop.seatClass));
		if (stop.date) items.push(at(300, y, stop.date));
		if (stop.time) items.push(at(370, y, stop.time));
	});
	const y = 130 + spec.route.length * 16 + 12;
	items.push(
		at(30, y, '票价：'),
		at(60, y, yuan(spec.fare)),
		at(130, y, '民航发展基金：'),
		at(196, y, yuan(spec.fund)),
		at(250, y, '燃油附加费：'),
		at(306, y, yuan(spec.fuel)),
		at(360, y, '其他税费：'),
		at(406, y, '0.00'),
		at(460, y, '合计：'),
		at(490, y, yuan(total)),
		at(30, y + 20, '增值税税率：'),
		at(86, y + 20, `${Math.round(spec.vatRate * 100)}%`),
		at(200, y + 20, '增值税税额：'),
		at(256, y + 20, yuan(spec.vat)),
		at(30, y + 40, '电子客票号码：'),
		at(96, y + 40, spec.eTicket),
		at(300, y + 40, '验证码：'),
		at(338, y + 40, '1234'),
		at(30, y + 60, '填开单位：'),
		at(78, y + 60, spec.issuer),
		at(30, y + 80, '购买方名称：'),
		at(84, y + 80, spec.buyer.name),
		at(300, y + 80, '统一社会信用代码：'),
		at(381, y + 80, spec.buyer.taxId),
	);
	return textPdf([{ ...DIGITAL_PAGE, items }], options);
}

export interface VatElectronicSpec {
	title: string;
	code: string;
	number: string;
	issueDate: string;
	checkCode: string;
	machineCode: string;
	buyer: { name: string; taxId: string };
	seller: { name: string; taxId: string; addressPhone: string; bankAccount: string };
	/** Goods lines; a line with only `amount` (negative) and `taxRate` is a discount line. */
	lines: Array<{ name: string; specification?: string; unit?: string; quantity?: number; unitPrice?: number; amount: number; taxRate: number; tax: number }>;
	/** A product-category stamp printed big beside the number label (成品油). */
	stamp?: string;
	payee: string;
	reviewer: string;
	drawer: string;
}

/**
 * An older 增值税电子普通发票 (2017–2023 template) as the AdobeSong family prints it: labels in
 * pieces (`名` … `称`, `纳税人` `识别号`, ` ：` with a space before), values in a smaller font a
 * little off the label's baseline, a big 成品油 stamp beside 发票号码, a 密码区 in monospace, the
 * (小写) figures right-aligned far from their label, the seller block at the bottom. `options.font`
 * `gb1-no-tounicode` draws it as that family does: Adobe-GB1 CIDs, no ToUnicode.
 */
export function vatElectronicInvoicePdf(spec: VatElectronicSpec, options: TextPdfOptions = {}): Buffer {
	const amount = Math.round(spec.lines.reduce((sum, line) => sum + line.amount, 0) * 100) / 100;
	const tax = Math.round(spec.lines.reduce((sum, line) => sum + line.tax, 0) * 100) / 100;
	const total = Math.round((amount + tax) * 100) / 100;
	const value = (x: number, y: number, text: string) => at(x, y, text, 8.5);
	const items: TextItem[] = [
		at(195, 37.3, spec.title, 21),
		at(446.1, 40.8, '发票代码'), at(480.2, 40.9, ' ：'), value(488.4, 40.3, spec.code),
		at(446.1, 56.3, '发票号码'), at(480.1, 56.2, ' ：'), value(488.3, 55.4, spec.number),
		at(446.1, 71.3, '开票日期'), at(480, 71.6, ' ：'), value(488.4, 70.8, chineseDate(spec.issueDate)),
		at(30.5, 86.2, '机器编号'), at(66.6, 86.2, '：'), value(72.5, 85.5, spec.machineCode),
		at(447.1, 86.2, '校  验'), at(459.9, 85.9, '      码'), at(480, 85.6, ' ：'), value(488.4, 85.7, spec.checkCode),
		at(58.7, 104.5, '名'), at(103.8, 104.5, '称'), at(110.2, 103, ' ：'), at(118.8, 103.9, spec.buyer.name, 8),
		at(59.4, 118.8, '纳税人'), at(86.6, 118.8, '识别号'), at(112.5, 117.7, '： '), at(118.9, 118.5, spec.buyer.taxId, 11.3),
		at(59.3, 132.9, '地  址、电  话 '), at(112.6, 132.1, '：'),
		at(58.9, 146.6, '开户行'), at(86.1, 146.6, '及账号'), at(110.2, 145.9, ' ：'),
		...Array.from('购买方').map((ch, i) => at(38.2, 108.7 + i * 15.9, ch)),
		...Array.from('密码区').map((ch, i) => at(366.6, 105.4 + i * 19.5, ch)),
		at(392.1, 107.5, '039>*59*-8<9/38-*600093><*<+', 11.3),
		at(392.1, 120.1, '7/407+>-+126-/47>0-06<9>/13<', 11.3),
		at(52.6, 164.4, '货物或应税劳务、'), ...Array.from('服务名称').map((ch, i) => at(125.2 + i * 9, 164.4, ch)),
		at(193.9, 164.6, '规格型号'), at(254.5, 165.3, '单位'), at(301.2, 164.7, '数  量'), at(363, 164.4, '单  价'),
		at(432, 164.6, '金    额'), at(489.5, 164.3, '税率'), at(539.4, 164.3, '税    额'),
		at(78.4, 273.4, '合              计'),
		value(446.8, 270.6, `¥ ${yuan(amount)}`), value(561.8, 270.3, `¥ ${yuan(tax)}`),
		at(71.7, 292.6, '价税合计 (大写）'), at(192, 293.8, capitalAmount(total), 8),
		at(442, 291.6, '（小写）'), value(555.5, 293.7, `¥ ${yuan(total)}`),
		at(58.7, 310.3, '名'), at(103.8, 310.3, '称'), at(110.2, 308.8, ' ：'), at(118.6, 311.1, spec.seller.name, 8),
		at(59.4, 323.5, '纳税人'), at(86.6, 323.5, '识别号'), at(112.5, 323.5, '： '), at(118.9, 323.5, spec.seller.taxId, 11.3),
		at(59.3, 337.9, '地  址、电  话 '), at(112.6, 337.9, '：'), at(118.9, 337.9, spec.seller.addressPhone, 8),
		at(58.9, 351.7, '开户行'), at(86.1, 351.7, '及账号'), at(110.2, 351.7, ' ：'), at(118.9, 351.7, spec.seller.bankAccount, 8),
		...Array.from('销售方').map((ch, i) => at(38.5, 317.3 + i * 14.5, ch)),
		...Array.from('备注').map((ch, i) => at(366.4, 318.1 + i * 28, ch)),
		at(40, 369.8, '收  款  人  ：'), at(95, 369.8, spec.payee),
		at(170, 369.8, '复 核：'), at(205, 369.8, spec.reviewer),
		at(280, 369.8, '开票人：'), at(320, 369.8, spec.drawer),
		at(420, 369.8, '销售方：'), at(460, 369.8, '（章）'),
	];
	if (spec.stamp) items.push(at(111, 56, spec.stamp, 15));
	let y = 176.4;
	for (const line of spec.lines) {
		items.push(at(33.8, y + 0.5, line.name, 8));
		if (line.specification) items.push(at(181.4, y + 0.6, line.specification, 8));
		if (line.unit) items.push(at(259.6, y + 0.8, line.unit, 8));
		if (line.quantity !== undefined) items.push(right(339.4, y, String(line.quantity), 8));
		if (line.unitPrice !== undefined) items.push(right(400.5, y, String(line.unitPrice), 8));
		items.push(right(477.9, y, yuan(line.amount), 8), at(497, y, `${Math.round(line.taxRate * 100)}%`, 8), right(588.7, y, yuan(line.tax), 8));
		y += 12;
	}
	return textPdf([{ width: 623.583, height: 396, items }], options);
}

/**
 * An e-commerce order confirmation (订单确认单): a buyer's and a seller's 名称, a goods table with
 * 金额 and a 合计 — everything an invoice has but its title and number.
 */
export function orderConfirmationPdf(options: TextPdfOptions = {}): Buffer {
	const items: TextItem[] = [
		at(200, 50, '订单确认单', 18),
		at(40, 90, '订单编号：'), at(90, 90, '3573289005408829'),
		at(40, 110, '购买方名称：'), at(96, 110, '杭州样本贸易有限公司'),
		at(320, 110, '销售方名称：'), at(376, 110, '上海示例信息科技有限公司'),
		at(40, 140, '货物名称'), at(250, 140, '数量'), at(330, 140, '单价'), at(430, 140, '金额'),
		at(40, 156, '示例牌路由器AX3000T'), right(268, 156, '2'), right(360, 156, '199.00'), right(470, 156, '398.00'),
		at(40, 180, '合计'), right(470, 180, '¥398.00'),
		at(40, 210, '下单时间：2025-06-18 10:22:05'),
	];
	return textPdf([{ ...DIGITAL_PAGE, items }], options);
}

/**
 * A 数电 特定业务 invoice for 建筑服务: the table's 规格型号/单位/数量/单价 give way to 建筑服务发生地
 * and 建筑项目名称 (long values wrapping over two lines, like the item names).
 */
export function constructionInvoicePdf(spec: DigitalInvoiceSpec, sites: Array<{ site: string; project: string }>, options: TextPdfOptions = {}): Buffer {
	const plain = { ...spec, lines: spec.lines.map(({ name, amount, taxRate, tax }) => ({ name, amount, taxRate, tax })) };
	const replaced = new Set(['规格型号', '单 位', '数 量', '单 价']);
	const items = digitalInvoiceItems(plain).filter((item) => !(item.y === 158.8 && replaced.has(item.text)));
	items.push(at(119.4, 158.8, '建筑服务发生地'), at(250, 158.8, '建筑项目名称'));
	let y = 168;
	spec.lines.forEach((line, index) => {
		const { site, project } = sites[index];
		const wrap = (value: string, x: number, width: number) => {
			for (let i = 0, k = 0; i < value.length; i += width, k++) items.push(at(x, y + k * 10, value.slice(i, i + width)));
		};
		wrap(site, 119.4, 12);
		wrap(project, 250, 14);
		y += Math.ceil(line.name.length / NAME_WRAP) * 10 + 2;
	});
	return textPdf([{ ...DIGITAL_PAGE, items }], { style: 'suwell', ...options });
}

/**
 * A 数电 不动产经营租赁 invoice: 产权证书/不动产权证号 where 规格型号 stands, 面积单位 for 单位
 * (the unit is the area's, 平方米).
 */
export function leaseInvoicePdf(spec: DigitalInvoiceSpec, certificate: string, options: TextPdfOptions = {}): Buffer {
	const items = digitalInvoiceItems(spec).map((item) => {
		if (item.y !== 158.8) return item;
		if (item.text === '规格型号') return { ...item, text: '产权证书/不动产权证号', x: item.x - 20 };
		if (item.text === '单 位') return { ...item, text: '面积单位', x: item.x - 6 };
		return item;
	});
	// The certificate wraps in its narrow column, eight characters a line.
	for (let i = 0, k = 0; i < certificate.length; i += 8, k++) items.push(at(112, 168 + k * 10, certificate.slice(i, i + 8)));
	return textPdf([{ ...DIGITAL_PAGE, items }], { style: 'suwell', ...options });
}
