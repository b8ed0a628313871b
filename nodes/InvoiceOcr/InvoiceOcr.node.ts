import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VENDORS } from '../shared/types';
import { CREDENTIAL_TYPES } from '../shared/vendors/registry';
import { invoiceOcrProperties } from './properties';
import { recognizeInvoices } from './recognize';

export class InvoiceOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoice OCR',
		name: 'invoiceOcr',
		icon: { light: 'file:../../icons/invoiceOcr.svg', dark: 'file:../../icons/invoiceOcr.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle:
			'={{ {juhe: "Juhe", volcengine: "Volcengine", jumdata: "Jumdata", xinhuo: "Xinhuo", webank: "WeBank"}[$parameter["vendor"]] + " · " + $parameter["inputType"] + ($parameter["inputType"] === "binary" ? ": " + $parameter["binaryPropertyName"] : "") }}',
		description:
			'Recognise Chinese invoices (fapiao) with Juhe, Volcengine, Jumdata, Xinhuo or WeBank and get the same normalized fields from each',
		defaults: { name: 'Invoice OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// `hide` rather than `show`: when every option of a parameter shows a credential, the editor
		// takes that parameter for an authentication switch and hides it from the panel.
		credentials: VENDORS.map((vendor) => ({
			name: CREDENTIAL_TYPES[vendor],
			required: true,
			displayOptions: { hide: { vendor: VENDORS.filter((other) => other !== vendor) } },
		})),
		properties: invoiceOcrProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await recognizeInvoices.call(this);
	}
}
