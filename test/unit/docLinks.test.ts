/**
 * The credentials' and nodes' documentation links point at README anchors: each must exist, as GitHub
 * makes them from the headings (lower case, spaces to hyphens, punctuation other than - and _ dropped).
 */
import { JuheApi } from '../../credentials/JuheApi.credentials';
import { JumdataApi } from '../../credentials/JumdataApi.credentials';
import { VolcengineApi } from '../../credentials/VolcengineApi.credentials';
import { WebankApi } from '../../credentials/WebankApi.credentials';
import { XinhuoApi } from '../../credentials/XinhuoApi.credentials';
import invoiceOcrCodex from '../../nodes/InvoiceOcr/InvoiceOcr.node.json';
import verifyInvoiceCodex from '../../nodes/VerifyInvoice/VerifyInvoice.node.json';
import { readFileSync, REPO_ROOT } from '../support/node';

const readme = readFileSync(`${REPO_ROOT}/README.md`, 'utf8');
const anchors = new Set(
	[...readme.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
		heading
			.trim()
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\s_-]/gu, '')
			.replace(/\s/g, '-'),
	),
);

const codexLinks = [invoiceOcrCodex, verifyInvoiceCodex].flatMap((codex) =>
	Object.values(codex.resources).flatMap((links) => links.map((link) => link.url)),
);
const credentialLinks = [JuheApi, VolcengineApi, JumdataApi, XinhuoApi, WebankApi].map(
	(Credential) => new Credential().documentationUrl,
);

test.each([...credentialLinks, ...codexLinks])('%s points at a README heading', (url) => {
	const anchor = new URL(url).hash.slice(1);
	expect(anchors).toContain(decodeURIComponent(anchor));
});
