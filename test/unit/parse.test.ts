import { parseChineseAmountToFen } from '../../nodes/shared/normalize/chineseAmount';
import {
	date,
	dateTime,
	decimal,
	digits,
	identifier,
	money,
	taxRate,
	text,
} from '../../nodes/shared/normalize/parse';
import { clockTime, flightDate, kilometres } from '../../nodes/shared/normalize/tickets';

describe('parse', () => {
	test.each([
		['2019年1月14日', '2019-01-14'],
		['20191211', '2019-12-11'],
		['2018年12月31日20:00开', '2018-12-31'],
		['2019-07-14', '2019-07-14'],
		['2019/7/4', '2019-07-04'],
		['2019年2月30日', null],
		['', null],
	])('date(%p) → %p', (input, expected) => {
		expect(date(input)).toBe(expected);
	});

	test.each([
		['¥1,010.50', 1010.5],
		['￥500.00', 500],
		['-3.00', -3],
		['(负数)12.00', -12],
		['***', null],
		['abc', null],
		['10.00元', 10],
	])('money(%p) → %p', (input, expected) => {
		expect(money(input)).toBe(expected);
	});

	test.each([
		['13%', 0.13],
		['6%', 0.06],
		['1.5%', 0.015],
		['免税', null],
		['不征税', null],
		['***', null],
	])('taxRate(%p) → %p', (input, expected) => {
		expect(taxRate(input)).toBe(expected);
	});

	test('check codes lose their spaces and masks become null', () => {
		expect(digits('70497 71434 15541 89588')).toBe('70497714341554189588');
		expect(text('***')).toBeNull();
		expect(dateTime('2018年12月31日20:00开')).toBe('2018-12-31 20:00');
	});
});

describe('parse: full-width forms, compact dates with a time, bare rates, foreign separators', () => {
	test.each([
		['２０１９年１月４日', '2019-01-04'],
		['２０１９－１２－１１', '2019-12-11'],
		['20191211 20:00', '2019-12-11'],
		['20191211T2000', '2019-12-11'],
		['2019 年 1 月 14 日', '2019-01-14'],
		['2019-12-11T20:00:00+08:00', '2019-12-11'],
		// digits running on after the day are not a date
		['201912111', null],
		['2019-12-112', null],
		['2019年1月145日', null],
	])('date(%p) → %p', (input, expected) => {
		expect(date(input)).toBe(expected);
	});

	test.each([
		['20191211 20:00', '2019-12-11 20:00'],
		['2019-12-11 20:00', '2019-12-11 20:00'],
		['２０１８年１２月３１日２０：００开', '2018-12-31 20:00'],
		['20191211', '2019-12-11'],
	])('dateTime(%p) → %p', (input, expected) => {
		expect(dateTime(input)).toBe(expected);
	});

	test.each([
		['１０１０.５０', 1010.5],
		['￥１，０１０．５０', 1010.5],
		['（负数）１２.００', -12],
		['1,010.50', 1010.5],
		['1,234,567.8', 1234567.8],
		// a comma that is not a thousands separator reads two ways: no number rather than a wrong one
		['1.010,50', null],
		['1,01', null],
		['10,5', null],
		['1,0105', null],
	])('money(%p) → %p', (input, expected) => {
		expect(money(input)).toBe(expected);
	});

	test.each([
		['１,０００', 1000],
		['1.010,50', null],
		['-2', -2],
	])('decimal(%p) → %p', (input, expected) => {
		expect(decimal(input)).toBe(expected);
	});

	test.each([
		// a bare number from 1 up is a percent, below 1 a fraction
		['1', 0.01],
		['3', 0.03],
		['13', 0.13],
		['1.5', 0.015],
		['0.13', 0.13],
		['0.015', 0.015],
		['0', 0],
		['１３％', 0.13],
		['13 %', 0.13],
		[1, 0.01],
		[13, 0.13],
		[0.06, 0.06],
	])('taxRate(%p) → %p', (input, expected) => {
		expect(taxRate(input)).toBe(expected);
	});

	test('codes and check codes in full-width digits read as digits', () => {
		expect(digits('７０４９７ ７１４３４')).toBe('7049771434');
		expect(identifier('Ｎｏ．０３５７４１２５')).toBe('03574125');
		expect(identifier('№ 03574125')).toBe('03574125');
	});

	test('printed text keeps its full-width brackets; only parsed values are normalized', () => {
		expect(text('某某科技有限公司（分公司）')).toBe('某某科技有限公司（分公司）');
	});

	test('the 大写 parser reads full-width brackets and circled-x marks through the same entry', () => {
		expect(parseChineseAmountToFen('ⓧ壹佰圆整')).toBe(10000);
		expect(parseChineseAmountToFen('（负数）壹佰圆整')).toBe(-10000);
	});

	test('ticket times, mileage and flight dates read full-width digits', () => {
		expect(clockTime('０８：５２')).toBe('08:52');
		expect(kilometres('１２.３km')).toBe(12.3);
		expect(flightDate('０５DEC', '2019-12-01')).toBe('2019-12-05');
	});
});
