import { RADICALS_SUPPLEMENT } from '../../nodes/shared/normalize/lookalikes';
import { applyFieldTable, blankInvoice } from '../../nodes/shared/normalize/invoice';
import { dedupeKey } from '../../nodes/shared/normalize/output';
import { foldLookalikes, printedText, text } from '../../nodes/shared/normalize/parse';
import * as juheFields from '../../nodes/shared/vendors/juhe/fields';
import * as jumdataFields from '../../nodes/shared/vendors/jumdata/fields';
import * as localTables from '../../nodes/shared/vendors/local/tables';
import * as volcengineFields from '../../nodes/shared/vendors/volcengine/fields';
import * as webankFields from '../../nodes/shared/vendors/webank/fields';
import * as xinhuoFields from '../../nodes/shared/vendors/xinhuo/fields';
import { ucdRadicalsSupplement } from './pdf/encodings-oracles';

/** Builds a string from code points, so the look-alikes in a test are unambiguous in the source. */
function fromCodePoints(...codePoints: number[]): string {
	return String.fromCodePoint(...codePoints);
}

describe('printedText keeps names as printed', () => {
	test('full-width brackets stay full-width, ASCII stays ASCII', () => {
		expect(printedText('信睿吉科技（北京）有限公司')).toBe('信睿吉科技（北京）有限公司');
		expect(printedText('Apple (China) Co., Ltd.')).toBe('Apple (China) Co., Ltd.');
		expect(printedText('*运输服务*客运服务费')).toBe('*运输服务*客运服务费');
	});

	test('trims and collapses whitespace runs, ideographic spaces included', () => {
		expect(printedText('  北京\u3000\u3000某某  有限公司\n')).toBe('北京 某某 有限公司');
	});

	test('empty, whitespace-only, masked and non-text values are null', () => {
		for (const value of ['', '   ', '\u3000', '***', '＊＊', undefined, null, {}, []]) {
			expect(printedText(value)).toBeNull();
		}
		expect(printedText(12)).toBe('12');
	});

	test('Kangxi radicals become the usual characters', () => {
		// U+2F08 ⼈, U+2F26 ⼦, U+2F45 ⽅, U+2FA6 ⾦, U+2F00 ⼀: the code points of the converted OFD's labels.
		const printed = fromCodePoints(0x2f08, 0x2f26, 0x2f45, 0x2fa6, 0x2f00);
		expect(printedText(printed)).toBe('人子方金一');
	});

	test('CJK compatibility ideographs become the unified ones, in both blocks', () => {
		// U+F90A → U+91D1 金, U+F9F4 → U+6797 林; the supplementary block's answer comes from NFKC itself.
		expect(printedText(fromCodePoints(0xf90a, 0xf9f4))).toBe('金林');
		const supplementary = fromCodePoints(0x2f800);
		const expected = supplementary.normalize('NFKC');
		expect(expected).not.toBe(supplementary);
		expect(printedText(supplementary)).toBe(expected);
	});

	test('the compatibility block`s own unified ideographs (U+FA0E 﨎) have no mapping and stay', () => {
		expect(printedText(fromCodePoints(0xfa0e))).toBe(fromCodePoints(0xfa0e));
	});

	test('radicals supplement: folded to Unicode`s equivalent unified ideograph', () => {
		// U+2E9F ⺟ and U+2EF3 ⻳ (NFKC maps them too), U+2EA0 ⺠ (NFKC does not: 人⺠币 in converted files).
		expect(foldLookalikes(fromCodePoints(0x2e9f, 0x2ef3))).toBe('母龟');
		expect(printedText(`${fromCodePoints(0x2f08, 0x2ea0)}币`)).toBe('人民币');
		// U+2E80 ⺀ has no equivalent ideograph in Unicode's list: it stays.
		expect(foldLookalikes(fromCodePoints(0x2e80))).toBe(fromCodePoints(0x2e80));
	});

	const fromUcd = ucdRadicalsSupplement();
	(fromUcd ? test : test.skip)('the supplement table is Unicode`s EquivalentUnifiedIdeograph.txt for U+2E80–U+2EFF', () => {
		expect(RADICALS_SUPPLEMENT.map(([radical, unified]) => [radical, unified])).toEqual(fromUcd);
	});

	test('full-width digits and letters stay as printed in names (only parsers normalize them)', () => {
		expect(printedText('第１分公司')).toBe('第１分公司');
		expect(text('第１分公司')).toBe('第１分公司');
	});

	test('foldLookalikes works per glyph and leaves every other character alone', () => {
		expect(foldLookalikes(fromCodePoints(0x2f08))).toBe('人');
		expect(foldLookalikes('（：１')).toBe('（：１');
	});

	test('dedupeKey still merges a name read with full-width brackets and one read with ASCII ones', () => {
		const party = (name: string) => ({ name, taxId: null, addressPhone: null, bankAccount: null });
		const copy = (sellerName: string) =>
			dedupeKey({
				invoiceType: 'vat_common',
				invoiceCode: null,
				invoiceNumber: '12345678',
				issueDate: '2024-05-01',
				total: 100,
				buyer: party('个人'),
				seller: party(sellerName),
				transport: null,
			});
		expect(copy(printedText('信睿吉科技（北京）有限公司') as string)).toBe(copy('信睿吉科技(北京)有限公司'));
		expect(copy('信睿吉科技（北京）有限公司')).not.toBe(copy('信睿吉科技（上海）有限公司'));
	});
});

type Rule = { path: string; parse: (value: unknown) => unknown };
type Table = Readonly<Record<string, Rule>>;

/** Contract paths that hold a name, a title or an item name: printed text, never NFKC. */
const NAME_PATHS = new Set(['buyer.name', 'seller.name', 'title', 'name', 'payee', 'reviewer', 'drawer']);

/** Every field table a vendor module exports, directly or in its type rows (`fields`, `copies`, `listColumns`). */
function tablesOf(module: Readonly<Record<string, unknown>>): Table[] {
	const tables: Table[] = [];
	const visit = (value: unknown, depth: number): void => {
		if (typeof value !== 'object' || value === null || depth > 3) return;
		const entries = Object.values(value as Record<string, unknown>);
		const isTable =
			entries.length > 0 &&
			entries.every((entry) => typeof entry === 'object' && entry !== null && 'path' in entry && 'parse' in entry);
		if (isTable) tables.push(value as Table);
		else for (const entry of entries) visit(entry, depth + 1);
	};
	visit(module, 0);
	return tables;
}

describe('every vendor reads names, titles and item names with printedText', () => {
	const modules: Array<[string, Readonly<Record<string, unknown>>]> = [
		['local', localTables],
		['juhe', juheFields],
		['jumdata', jumdataFields],
		['volcengine', volcengineFields],
		['webank', webankFields],
		['xinhuo', xinhuoFields],
	];
	test.each(modules)('%s', (_vendor, module) => {
		const nameRules = tablesOf(module)
			.flatMap((table) => Object.entries(table))
			.filter(([, rule]) => NAME_PATHS.has(rule.path));
		expect(nameRules.length).toBeGreaterThan(0);
		const notPrinted = nameRules.filter(([, rule]) => rule.parse !== printedText).map(([key]) => key);
		expect(notPrinted).toEqual([]);
	});

	test('a vendor answer with a Kangxi radical and full-width brackets reads as the usual, full-width name', () => {
		const invoice = applyFieldTable(blankInvoice('vat_common'), volcengineFields.VOLCENGINE_FIELDS, {
			seller_name: `${fromCodePoints(0x2fa6)}山软件（北京）有限公司`,
			total_amount: '１００.００',
		});
		expect(invoice.seller.name).toBe('金山软件（北京）有限公司');
	});
});
