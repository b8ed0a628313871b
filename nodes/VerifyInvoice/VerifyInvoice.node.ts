import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { verifyInvoiceProperties } from './properties';
import { checkOffline, VERIFY_CREDENTIAL_LABEL, verifyInvoices } from './verify';

export class VerifyInvoice implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Verify Invoice',
		name: 'verifyInvoice',
		icon: { light: 'file:../../icons/verifyInvoice.svg', dark: 'file:../../icons/verifyInvoice.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ $parameter["operation"] === "checkOffline" ? "Check offline" : "Verify · WeBank" }}',
		description:
			'Verify Chinese invoices (发票) with the tax system (查验) through WeBank, or check them offline',
		defaults: { name: 'Verify Invoice' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{
				name: 'webankApi',
				// Named as Invoice OCR names it, and as the missing-credential message does.
				displayName: VERIFY_CREDENTIAL_LABEL,
				required: true,
				// `hide`: a `show` on the one-option vendor would make the editor hide that parameter.
				displayOptions: { hide: { operation: ['checkOffline'] } },
			},
		],
		properties: verifyInvoiceProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const operation = this.getNodeParameter('operation', 0) as string;
		if (operation === 'checkOffline') return checkOffline.call(this);
		return await verifyInvoices.call(this);
	}
}
