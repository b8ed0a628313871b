/**
 * Which credentials and vendor-specific parameters Invoice OCR shows, judged by n8n's own
 * NodeHelpers: the editor draws the panel with them, and n8n-core refuses a node any credential
 * whose display options hide it for the node's parameters (after getNodeParameters, as the engine
 * normalizes them).
 */
import type { INode, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { InvoiceOcr } from '../../nodes/InvoiceOcr/InvoiceOcr.node';

const { description } = new InvoiceOcr();

function normalized(parameters: INodeParameters): INodeParameters {
	const node = { typeVersion: 1, parameters } as unknown as INode;
	return NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
}

function shownCredentials(parameters: INodeParameters): string[] {
	const values = normalized(parameters);
	const node = { typeVersion: 1, parameters: values } as unknown as INode;
	return (description.credentials ?? [])
		.filter((credential) => NodeHelpers.displayParameter(values, credential, node, description, values))
		.map((credential) => credential.name);
}

const shownParameters = (parameters: INodeParameters) => Object.keys(normalized(parameters));

describe('credentials shown', () => {
	test.each([
		['juhe', ['juheApi']],
		['volcengine', ['volcengineApi']],
		['jumdata', ['jumdataApi']],
		['xinhuo', ['xinhuoApi']],
		['webank', ['webankApi']],
	])('vendor %s: only its own', (vendor, expected) => {
		expect(shownCredentials({ vendor })).toEqual(expected);
	});

	test('a fallback chain shows the credential of every listed vendor, and only those', () => {
		expect(shownCredentials({ vendor: 'fallbackChain', vendors: ['xinhuo', 'juhe'] })).toEqual([
			'juheApi',
			'xinhuoApi',
		]);
		expect(shownCredentials({ vendor: 'fallbackChain', vendors: ['webank'] })).toEqual(['webankApi']);
	});

	test('a chain with no vendor picked yet shows all five, so none is hidden from a user mid-edit', () => {
		expect(shownCredentials({ vendor: 'fallbackChain' })).toHaveLength(5);
	});

	test('a list left over from a chain does not hide the single vendor’s credential', () => {
		// The engine drops parameters that are not displayed, so `vendors` cannot hide juheApi.
		expect(shownCredentials({ vendor: 'juhe', vendors: ['xinhuo'] })).toEqual(['juheApi']);
	});
});

describe('parameters shown', () => {
	test('vendors list and notice only for a fallback chain', () => {
		expect(shownParameters({ vendor: 'juhe' })).not.toContain('vendors');
		expect(shownParameters({ vendor: 'fallbackChain', vendors: ['juhe'] })).toEqual(
			expect.arrayContaining(['vendors', 'fallbackNotice']),
		);
	});

	test('Jumdata invoice kind: for Jumdata, or a chain that lists Jumdata', () => {
		expect(shownParameters({ vendor: 'jumdata' })).toContain('jumdataInvoiceKind');
		expect(shownParameters({ vendor: 'juhe' })).not.toContain('jumdataInvoiceKind');
		expect(shownParameters({ vendor: 'fallbackChain', vendors: ['juhe', 'jumdata'] })).toContain(
			'jumdataInvoiceKind',
		);
		expect(shownParameters({ vendor: 'fallbackChain', vendors: ['juhe', 'xinhuo'] })).not.toContain(
			'jumdataInvoiceKind',
		);
		// A chain with no vendor listed yet shows no vendor's own parameter.
		expect(shownParameters({ vendor: 'fallbackChain' })).not.toContain('jumdataInvoiceKind');
		expect(shownParameters({ vendor: 'fallbackChain', vendors: [] })).not.toContain('jumdataInvoiceKind');
	});

	test('the two copies of a vendor-only parameter share one value', () => {
		expect(normalized({ vendor: 'jumdata', jumdataInvoiceKind: 'roll' }).jumdataInvoiceKind).toBe('roll');
		expect(
			normalized({ vendor: 'fallbackChain', vendors: ['jumdata'], jumdataInvoiceKind: 'roll' }).jumdataInvoiceKind,
		).toBe('roll');
		expect(normalized({ vendor: 'jumdata' }).jumdataInvoiceKind).toBe('normal');
	});

	test('URL input is offered for URL vendors and for chains, not for vendors that cannot download', () => {
		const urlOffered = (vendor: string) =>
			description.properties
				.filter((property) => property.name === 'inputType')
				.filter((property) => NodeHelpers.displayParameter({ vendor }, property, null, description))
				.some((property) => property.options?.some((option) => 'value' in option && option.value === 'url'));
		expect(['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank', 'fallbackChain'].filter(urlOffered)).toEqual([
			'volcengine',
			'jumdata',
			'fallbackChain',
		]);
	});
});

describe('vendor-specific options and labels', () => {
	const options = description.properties.find((property) => property.name === 'options');
	/** The options of the Options collection the panel offers for these node parameters. */
	const offeredOptions = (parameters: INodeParameters) => {
		const values = normalized(parameters);
		const node = { typeVersion: 1.1, parameters: values } as unknown as INode;
		return ((options?.options ?? []) as Array<{ name: string }>)
			.filter((option) => NodeHelpers.displayParameter({}, option as never, node, description, values))
			.map((option) => option.name);
	};

	test('PDF/OFD Page only where Jumdata is asked; Xinhuo Request Type only where Xinhuo is', () => {
		expect(offeredOptions({ vendor: 'jumdata' })).toContain('page');
		expect(offeredOptions({ vendor: 'jumdata' })).not.toContain('xinhuoType');
		expect(offeredOptions({ vendor: 'xinhuo' })).toContain('xinhuoType');
		expect(offeredOptions({ vendor: 'xinhuo' })).not.toContain('page');
		for (const vendor of ['juhe', 'volcengine', 'webank', 'local']) {
			expect(offeredOptions({ vendor })).not.toEqual(expect.arrayContaining(['page']));
			expect(offeredOptions({ vendor })).not.toContain('xinhuoType');
		}
		expect(offeredOptions({ vendor: 'fallbackChain', vendors: ['local', 'jumdata'] })).toContain('page');
		expect(offeredOptions({ vendor: 'fallbackChain', vendors: ['local', 'jumdata'] })).not.toContain('xinhuoType');
		expect(offeredOptions({ vendor: 'fallbackChain', vendors: ['xinhuo'] })).toEqual(
			expect.arrayContaining(['xinhuoType']),
		);
		for (const vendors of [undefined, []]) {
			expect(offeredOptions({ vendor: 'fallbackChain', vendors })).not.toContain('page');
			expect(offeredOptions({ vendor: 'fallbackChain', vendors })).not.toContain('xinhuoType');
		}
		// Each option is offered once, though it is written twice (alone, and in a chain).
		const offered = offeredOptions({ vendor: 'jumdata' });
		expect(offered.length).toBe(new Set(offered).size);
	});

	/** The options that only concern vendor calls: pacing, retries, timeout, local-first, key fields from the QR code only. */
	const VENDOR_CALL_OPTIONS = ['concurrency', 'localFirst', 'maxRetries', 'qrOnly', 'rateLimitWaitBudget', 'requestsPerSecond', 'timeout'];

	test('local reading offers no rate, retry, timeout or local-first option; every OCR vendor and a chain do', () => {
		const local = offeredOptions({ vendor: 'local' });
		expect(local.filter((name) => VENDOR_CALL_OPTIONS.includes(name))).toEqual([]);
		// What still applies to local reading stays.
		expect(local).toEqual(expect.arrayContaining(['includeBinary', 'mergeCopies', 'outputShape', 'skipNonInvoices']));
		for (const parameters of [
			...['juhe', 'volcengine', 'jumdata', 'xinhuo', 'webank'].map((vendor) => ({ vendor })),
			{ vendor: 'fallbackChain', vendors: ['local', 'juhe'] },
		]) {
			expect(offeredOptions(parameters)).toEqual(expect.arrayContaining(VENDOR_CALL_OPTIONS));
		}
	});

	test('a version-1 node keeps local-first hidden (its behavior then), whatever the vendor', () => {
		const values = normalized({ vendor: 'juhe' });
		const node = { typeVersion: 1, parameters: values } as unknown as INode;
		const localFirst = ((options?.options ?? []) as Array<{ name: string }>).find((option) => option.name === 'localFirst');
		expect(NodeHelpers.displayParameter({}, localFirst as never, node, description, values)).toBe(false);
	});

	test('every credential picker is labelled with its vendor, and local has none', () => {
		expect((description.credentials ?? []).map((credential) => [credential.name, credential.displayName])).toEqual([
			['juheApi', 'Juhe Credential'],
			['volcengineApi', 'Volcengine (ByteDance) Credential'],
			['jumdataApi', 'Jumdata Credential'],
			['xinhuoApi', 'Xinhuo Credential'],
			['webankApi', 'WeBank Credential'],
		]);
		expect(shownCredentials({ vendor: 'local' })).toEqual([]);
	});
});

describe('default vendor per node version', () => {
	const vendorOf = (typeVersion: number) => {
		const node = { typeVersion, parameters: {} } as unknown as INode;
		return NodeHelpers.getNodeParameters(description.properties, {}, true, false, node, description)?.vendor;
	};

	test('a saved version-1 node without a vendor keeps Juhe (its default then); a new 1.1 node starts with local reading', () => {
		expect(vendorOf(1)).toBe('juhe');
		expect(vendorOf(1.1)).toBe('local');
		expect(description.defaultVersion).toBe(1.1);
	});
});
