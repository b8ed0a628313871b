import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

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
		credentials: [
			{ name: 'juheApi', required: true, displayOptions: { show: { vendor: ['juhe'] } } },
			{ name: 'volcengineApi', required: true, displayOptions: { show: { vendor: ['volcengine'] } } },
			{ name: 'jumdataApi', required: true, displayOptions: { show: { vendor: ['jumdata'] } } },
			{ name: 'xinhuoApi', required: true, displayOptions: { show: { vendor: ['xinhuo'] } } },
			{ name: 'webankApi', required: true, displayOptions: { show: { vendor: ['webank'] } } },
		],
		properties: invoiceOcrProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await recognizeInvoices.call(this);
	}
}
