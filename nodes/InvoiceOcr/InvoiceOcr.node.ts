import type {
	ICredentialsDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { VENDORS } from '../shared/types';
import { CREDENTIAL_TYPES, credentialPickerLabel, ocrAdapter } from '../shared/vendors/registry';
import { displayForVendor, invoiceOcrProperties } from './properties';
import { recognizeInvoices } from './recognize';

export class InvoiceOcr implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Invoice OCR',
		name: 'invoiceOcr',
		icon: { light: 'file:../../icons/invoiceOcr.svg', dark: 'file:../../icons/invoiceOcr.dark.svg' },
		group: ['transform'],
		version: [1, 1.1],
		defaultVersion: 1.1,
		// A chain shows only its vendors: with the input as well it is cut short on the canvas.
		subtitle:
			'={{ ($parameter["vendor"] === "fallbackChain" ? ($parameter["vendors"] || []) : [$parameter["vendor"]]).map(v => ({juhe: "Juhe", volcengine: "Volcengine", jumdata: "Jumdata", xinhuo: "Xinhuo", webank: "WeBank", local: "Local"})[v]).join(" → ") + ($parameter["vendor"] === "fallbackChain" ? "" : " · " + $parameter["inputType"] + ($parameter["inputType"] === "binary" ? ": " + $parameter["binaryPropertyName"] : "")) }}',
		description:
			'Read Chinese invoices (发票): e-invoice XML, OFD and PDF locally for free, images through OCR vendors, all with the same fields',
		defaults: { name: 'Invoice OCR' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		// `hide` rather than `show`: when every option of a parameter shows a credential, the editor
		// takes that parameter for an authentication switch and hides it from the panel. The cast:
		// n8n's type for credential display options omits `_cnd` conditions, yet the editor and the
		// engine check credentials with the same displayParameter as parameters, which supports them.
		// Each picker is labelled with its vendor: in a fallback chain several show at once. n8n lists
		// them in this fixed order, not in the chain's.
		credentials: VENDORS.flatMap((vendor) => {
			const name = CREDENTIAL_TYPES[vendor];
			const adapter = ocrAdapter(vendor);
			if (name === undefined || !adapter) return []; // Local reading needs no credential.
			return [
				{
					name,
					displayName: credentialPickerLabel(adapter),
					required: true,
					displayOptions: displayForVendor(vendor) as ICredentialsDisplayOptions,
				},
			];
		}),
		properties: invoiceOcrProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await recognizeInvoices.call(this);
	}
}
