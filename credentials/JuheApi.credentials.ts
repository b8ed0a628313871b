import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	FORM_CONTENT_TYPE,
	formFields,
	ONE_PIXEL_PNG_BASE64,
	redirectRules,
	resolveUrl,
	TEST_REQUEST_SAFETY,
	testRules,
	withTarget,
} from './signing/requestTarget';
import { mapVendorError } from '../nodes/shared/errors';
import { JUHE_ERRORS } from '../nodes/shared/vendors/juhe/errors';

/**
 * The Test button words a refused key as the node does (one table of Juhe's codes): a user who
 * saw an error in a run and then tests the credential reads the same sentence.
 */
const KEY_AND_QUOTA_CODES = ['10001', '10002', '10003', '10004', '10005', '10007', '10008', '10009', '10012', '10013'];

export class JuheApi implements ICredentialType {
	name = 'juheApi';

	displayName = 'Juhe API';

	icon: Icon = { light: 'file:../icons/juhe.svg', dark: 'file:../icons/juhe.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fapiao/n8n-nodes-fapiao#juhe';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The AppKey of the roll-invoice OCR API, shown in the Juhe console under 我的数据',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://apis.juhe.cn',
			description: 'Change only to route calls through a gateway or proxy',
		},
	];

	/** The key goes in the form body, never the URL, so it never sits in logged URLs. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = resolveUrl(credentials.baseUrl, requestOptions);
		const form = formFields(requestOptions.body);
		form.set('key', String(credentials.apiKey ?? ''));
		return withTarget(requestOptions, url, { 'Content-Type': FORM_CONTENT_TYPE }, form.toString());
	}

	// Juhe answers HTTP 200 with error_code in the body; a 1-pixel image with a working key gets
	// an image error instead of an auth error.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/vat_roll_invoice_ocr/query',
			body: { image_base64: ONE_PIXEL_PNG_BASE64 },
			...TEST_REQUEST_SAFETY,
		},
		rules: testRules(
			...KEY_AND_QUOTA_CODES.map((code) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'error_code',
					value: Number(code),
					message: mapVendorError(JUHE_ERRORS, 'juhe', code, null, null).message,
				},
			})),
			...redirectRules(),
		),
	};
}
