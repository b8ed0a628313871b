import { date, money, taxRate, digits, text, dateTime } from '../../nodes/shared/normalize/parse';

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
