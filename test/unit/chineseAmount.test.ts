import {
	fenFromYuan,
	formatFen,
	parseChineseAmountToFen,
} from '../../nodes/shared/normalize/chineseAmount';

describe('parseChineseAmountToFen', () => {
	test.each([
		// 1,010.50: an inner zero run is one 零; 整 after 角 is optional.
		['壹仟零壹拾圆伍角整', 101050],
		['壹仟零壹拾圆伍角', 101050],
		// 10.05: 零 is required when 角 is 0 and 分 is not.
		['壹拾圆零伍分', 1005],
		['伍角整', 50],
		['伍角', 50],
		['叁角伍分', 35],
		['壹亿圆整', 10000000000],
		// 7,560.31: the 零 after 圆 is optional.
		['柒仟伍佰陆拾圆零叁角壹分', 756031],
		['柒仟伍佰陆拾圆叁角壹分', 756031],
		['壹万零伍圆整', 1000500],
		['壹拾万圆整', 10000000],
		['壹亿零伍万圆整', 10005000000],
		['玖仟玖佰玖拾玖万玖仟玖佰玖拾玖圆玖角玖分', 9999999999],
		['拾伍圆整', 1500],
		['零圆整', 0],
		// 元 ≡ 圆 and 正 ≡ 整
		['壹佰元整', 10000],
		['壹佰圆正', 10000],
		['壹佰元正', 10000],
		['壹佰圆', 10000],
		// printed prefixes
		['⊗壹佰壹拾圆整', 11000],
		['ⓧ壹佰壹拾圆整', 11000],
		['人民币壹佰圆整', 10000],
		['(负数)壹佰壹拾圆整', -11000],
		['（负数）壹佰壹拾圆整', -11000],
		['⊗(负数)叁拾圆零伍分', -3005],
		['(负数)⊗叁拾圆零伍分', -3005],
		[' 壹佰 圆 整 ', 10000],
		['壹佰貳拾圓整', 12000],
	])('%s → %p fen', (input, fen) => {
		expect(parseChineseAmountToFen(input)).toBe(fen);
	});

	test.each([
		// everyday numerals, 两, 毛 and 另 are not capitals
		['一百元整'],
		['壹佰贰十圆整'],
		['两佰圆整'],
		['伍毛'],
		['壹佰另伍圆整'],
		// the vendor document's sample: two digits with no unit between them
		['贰佰贰伍拾元'],
		// ambiguous without 零: 150 colloquially, 105 in form
		['壹佰伍圆'],
		['壹万伍圆'],
		['壹仟伍万圆'],
		// units out of order, repeated units, missing parts
		['壹拾壹佰圆'],
		['壹佰圆伍角伍角'],
		['壹佰'],
		['圆整'],
		['整'],
		[''],
		['⊗'],
		['100.00'],
		['壹佰圆整 extra'],
	])('%p is rejected', (input) => {
		expect(parseChineseAmountToFen(input)).toBeNull();
	});

	test('non-strings are rejected without throwing', () => {
		expect(parseChineseAmountToFen(100)).toBeNull();
		expect(parseChineseAmountToFen(null)).toBeNull();
		expect(parseChineseAmountToFen({ text: '壹佰圆整' })).toBeNull();
	});
});

describe('fen helpers', () => {
	test('fenFromYuan rounds away float noise and keeps the sign', () => {
		expect(fenFromYuan(0.1 + 0.2)).toBe(30);
		expect(fenFromYuan(1010.5)).toBe(101050);
		expect(fenFromYuan(1.15)).toBe(115);
		expect(fenFromYuan(-12)).toBe(-1200);
		expect(fenFromYuan(-0.001)).toBe(0);
		expect(fenFromYuan(Number.NaN)).toBeNull();
		expect(fenFromYuan(Infinity)).toBeNull();
	});

	test('formatFen prints two decimals', () => {
		expect(formatFen(101050)).toBe('1010.50');
		expect(formatFen(5)).toBe('0.05');
		expect(formatFen(-1200)).toBe('-12.00');
		expect(formatFen(0)).toBe('0.00');
	});
});
