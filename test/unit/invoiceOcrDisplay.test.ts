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
