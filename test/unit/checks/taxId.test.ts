import {
	organizationCodeCheckCharacter,
	taxIdIssues,
	usccCheckCharacter,
} from '../../../nodes/shared/checks/taxId';
import { runOfflineChecks } from '../../../nodes/shared/checks';

/**
 * An independent GB 32100 / GB 11714 implementation (weights computed, letters read in
 * base 36), used to build valid codes the module under test has never seen.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function referenceOrganizationCheck(first8: string): string {
	const weights = [3, 7, 9, 10, 5, 8, 4, 2];
	const sum = [...first8].reduce((total, char, i) => total + parseInt(char, 36) * weights[i], 0);
	const check = 11 - (sum % 11);
	return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function referenceUsccCheck(first17: string): string {
	const sum = [...first17].reduce(
		(total, char, i) => total + ALPHABET.indexOf(char) * (3 ** i % 31),
		0,
	);
	return ALPHABET[(31 - (sum % 31)) % 31];
}

/** registration + category + region (8 chars) and an organization code stem (8 chars). */
function buildUscc(head: string, organizationStem: string): string {
	const first17 = head + organizationStem + referenceOrganizationCheck(organizationStem);
	return first17 + referenceUsccCheck(first17);
}

const FROM_RESEARCH_NOTES = [
	'91110000600037341L',
	'91310106552993944D',
	'913101140659591751',
	'91341822070917615C',
	'91330681MA2D86XM28',
];
/** The WeBank vendor document's sample buyer/seller ID. */
const FROM_VENDOR_DOC = ['9144030031977063XH'];
const COMPUTED = [
	buildUscc('91440300', 'MA5FAB12'),
	buildUscc('92110105', 'L1234567'),
	buildUscc('12100000', '40000123'),
	buildUscc('51310000', '50000001'),
	buildUscc('93320583', 'MA1N2P3Q'),
	buildUscc('Y1440300', 'MA5G8W9R'),
];
const VALID = [...FROM_RESEARCH_NOTES, ...FROM_VENDOR_DOC, ...COMPUTED];

/** Replaces the character at `index` with another one from the code alphabet. */
function changeOne(id: string, index: number): string {
	const current = ALPHABET.indexOf(id[index]);
	return id.slice(0, index) + ALPHABET[(current + 7) % 31] + id.slice(index + 1);
}

describe('unified social credit code (GB 32100-2015)', () => {
	test('the reference implementation agrees with the module', () => {
		for (const id of VALID) {
			expect(usccCheckCharacter(id.slice(0, 17))).toBe(id[17]);
			expect(organizationCodeCheckCharacter(id.slice(8, 16))).toBe(id[16]);
		}
	});

	test.each(VALID)('%s is valid', (id) => {
		expect(taxIdIssues(id, 'seller.taxId')).toEqual([]);
	});

	test('lower case and spaces are read as the same code', () => {
		expect(taxIdIssues('91330681ma2d86xm28', 'seller.taxId')).toEqual([]);
		expect(taxIdIssues('9131 0106 5529 9394 4D', 'seller.taxId')).toEqual([]);
	});

	test.each([
		['91110000600037341L', 17],
		['91310106552993944D', 0],
		['913101140659591751', 5],
		['91341822070917615C', 12],
		['91330681MA2D86XM28', 9],
		['9144030031977063XH', 3],
		[VALID[7], 10],
		[VALID[8], 15],
		[VALID[9], 8],
		[VALID[10], 2],
	])('%s with character %i changed fails the check character', (id, index) => {
		const corrupted = changeOne(id, index);
		const issues = taxIdIssues(corrupted, 'buyer.taxId');
		expect(issues).toHaveLength(1);
		expect(issues[0].rule).toBe('tax_id_check_digit');
		expect(issues[0].field).toBe('buyer.taxId');
		expect(issues[0].message).toContain(corrupted);
	});

	test('a code whose outer check holds but whose organization code does not is flagged', () => {
		// Organization code check changed, then the outer check recomputed to match.
		const first16 = '91330681MA2D86XM';
		const wrongInner = first16 + '3';
		const id = wrongInner + referenceUsccCheck(wrongInner);
		const issues = taxIdIssues(id, 'seller.taxId');
		expect(issues.map((issue) => issue.rule)).toEqual(['tax_id_check_digit']);
		expect(issues[0].message).toContain('organization code MA2D86XM3');
		expect(issues[0].message).toContain('should be 2');
	});

	test.each([
		['9111000060003734', 'has 16 characters'],
		['9111000060003734111', 'has 19 characters'],
		['91110000600O37341L', 'contains O'],
		['9131010655299394ID', 'contains I'],
		['91310106552993944S', 'contains S'],
		['9134182207091761VC', 'contains V'],
		['91330681MA2D86ZM28', 'contains Z'],
		['9133-0681MA2D86XM2', 'other than digits and capital letters'],
		['税号91330681MA2D86', 'other than digits and capital letters'],
	])('%s is flagged as malformed (%s)', (id, fragment) => {
		const issues = taxIdIssues(id, 'seller.taxId');
		expect(issues).toHaveLength(1);
		expect(issues[0].rule).toBe('tax_id_format');
		expect(issues[0].message).toContain(fragment);
	});

	test.each([
		// legacy 15-character taxpayer number (region + organization code)
		['440300708461136'],
		['11010860003734X'],
		// 17 and 20 characters (older personal and organization numbers)
		['44030019800101123'],
		['44030019800101123401'],
		// a private buyer's resident ID number (GB 11643 sample)
		['11010519491231002X'],
	])('%s is accepted as an older or personal number', (id) => {
		expect(taxIdIssues(id, 'buyer.taxId')).toEqual([]);
	});

	test('empty, masked and absent values are not judged; non-text values are', () => {
		expect(taxIdIssues(null, 'buyer.taxId')).toEqual([]);
		expect(taxIdIssues(undefined, 'buyer.taxId')).toEqual([]);
		expect(taxIdIssues('', 'buyer.taxId')).toEqual([]);
		expect(taxIdIssues('***', 'buyer.taxId')).toEqual([]);
		expect(taxIdIssues(913101140659, 'buyer.taxId')[0].rule).toBe('tax_id_format');
	});

	test('runOfflineChecks reports buyer and seller separately', () => {
		const result = runOfflineChecks({
			buyer: { taxId: '91110000600037341M' },
			seller: { taxId: '91310106552993944D' },
		});
		expect(result.passed).toBe(false);
		expect(result.issues).toEqual([
			expect.objectContaining({ rule: 'tax_id_check_digit', field: 'buyer.taxId' }),
		]);
	});
});
