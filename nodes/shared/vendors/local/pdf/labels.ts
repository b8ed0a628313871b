/**
 * The printed labels of Chinese VAT invoices, as patterns over a line's NFKC text with spaces
 * removed (`地 址、电 话:` is `地址、电话:`; full-width `：（）` are already `:()`), and what each
 * one's value is. Tables, not branches: a new layout's label is a row here.
 */
export type LabelKey =
	| 'invoiceCode'
	| 'invoiceNumber'
	| 'issueDate'
	| 'checkCode'
	| 'machineCode'
	| 'partyName'
	| 'partyTaxId'
	| 'partyAddressPhone'
	| 'partyBankAccount'
	| 'totalInWords'
	| 'totalInFigures'
	| 'subtotal'
	| 'payee'
	| 'reviewer'
	| 'drawer'
	| 'sellerSeal'
	| 'listNumber';

export interface LabelRow {
	key: LabelKey;
	/** The label as `fields` names it (party labels get 购买方/销售方 in front). */
	printed: string;
	/** Global, so one line can hold several. */
	pattern: RegExp;
}

export const LABELS: readonly LabelRow[] = [
	{ key: 'invoiceCode', printed: '发票代码', pattern: /发票代码:?/g },
	{ key: 'invoiceNumber', printed: '发票号码', pattern: /发票号码:?/g },
	// A sales list names its invoice as `所属…发票代码: … 号码: …`.
	{ key: 'listNumber', printed: '号码', pattern: /(?<!发票)号码:/g },
	{ key: 'issueDate', printed: '开票日期', pattern: /开票日期:?/g },
	{ key: 'checkCode', printed: '校验码', pattern: /校验码:?/g },
	{ key: 'machineCode', printed: '机器编号', pattern: /机器编号:?/g },
	// Not the item header's 项目名称 / 服务名称.
	{ key: 'partyName', printed: '名称', pattern: /(?<![目务称])名称:/g },
	// Travel tickets print the buyer's `统一社会信用代码:` alone.
	{ key: 'partyTaxId', printed: '纳税人识别号', pattern: /(?:统一社会信用代码\/)?纳税人识别号:?|统一社会信用代码:/g },
	{ key: 'partyAddressPhone', printed: '地址、电话', pattern: /地址、?电话:?/g },
	{ key: 'partyBankAccount', printed: '开户行及账号', pattern: /开户行及账号:?/g },
	{ key: 'totalInWords', printed: '价税合计(大写)', pattern: /价税合计\(大写\):?/g },
	{ key: 'totalInFigures', printed: '价税合计(小写)', pattern: /\(小写\):?/g },
	{ key: 'subtotal', printed: '合计', pattern: /(?<!税)合计(?!\()/g },
	// People labels always print their colon: `赵复核;` is a name, not a label.
	{ key: 'payee', printed: '收款人', pattern: /收款人:/g },
	{ key: 'reviewer', printed: '复核', pattern: /复核人?:/g },
	{ key: 'drawer', printed: '开票人', pattern: /开票人:/g },
	// Ends the people line's last value; has none itself.
	{ key: 'sellerSeal', printed: '销售方(章)', pattern: /销售方:?\(章\)/g },
];

/** Block titles that mark a party: vertical `购/买/方` (or `…信息`), or written across. */
export const BUYER_MARKER = /^(购|购买方|购方|购买方信息)$/;
export const SELLER_MARKER = /^(销|销售方|销方|销售方信息)$/;

/** Item-table columns. */
export type Column =
	| 'index'
	| 'name'
	| 'specification'
	| 'unit'
	| 'quantity'
	| 'unitPrice'
	| 'amount'
	| 'taxRate'
	| 'tax'
	| 'plate'
	| 'vehicleType'
	| 'dateFrom'
	| 'dateTo'
	| 'site'
	| 'project'
	| 'propertyCertificate';

/** Header text (NFKC, no spaces) → column; longer forms first so `税率/征收率` wins over `税率`. */
export const HEADER_COLUMNS: ReadonlyArray<[RegExp, Column]> = [
	[/序号/g, 'index'],
	// 数电 特定业务 (建筑服务): columns of their own, never part of the item's name.
	[/建筑服务发生地/g, 'site'],
	[/建筑项目名称/g, 'project'],
	// 不动产经营租赁: the certificate number in place of 规格型号, 面积单位 in place of 单位.
	[/产权证书\/不动产权证号/g, 'propertyCertificate'],
	[/项目名称|货物或应税劳务、?服务名称|货物或应税劳务名称|货物\(劳务\)名称|货物名称/g, 'name'],
	[/规格型号/g, 'specification'],
	[/车牌号/g, 'plate'],
	[/面积单位|单位/g, 'unit'],
	[/类型/g, 'vehicleType'],
	[/通行日期起/g, 'dateFrom'],
	[/通行日期止/g, 'dateTo'],
	[/数量/g, 'quantity'],
	[/单价/g, 'unitPrice'],
	[/金额/g, 'amount'],
	[/税率\/征收率|征收率|税率/g, 'taxRate'],
	[/税额/g, 'tax'],
];

/**
 * Columns with no line-item key in the contract (a toll invoice's plate and dates, a construction
 * invoice's site and project): they stay in `fields` under these names, one line per item.
 */
export const TOLL_COLUMN_LABELS: Partial<Record<Column, string>> = {
	plate: '车牌号',
	vehicleType: '类型',
	dateFrom: '通行日期起',
	dateTo: '通行日期止',
	site: '建筑服务发生地',
	project: '建筑项目名称',
	propertyCertificate: '产权证书/不动产权证号',
};

/** A sales-list page (销货清单) continues an invoice's items. */
export const SALES_LIST_TITLE = /销售货物或者?提供应税劳务、?服?务?清单|销货清单|货物清单/;

/** Printed when a red-letter (红字) invoice is issued. */
export const RED_LETTER_MARK = /红字|销项负数|负数发票|被红冲/;
