import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

import {
	JSON_CONTENT_TYPE,
	jsonFields,
	ONE_PIXEL_PNG_BASE64,
	redirectRules,
	resolveUrl,
	TEST_REQUEST_SAFETY,
	testRules,
	withTarget,
} from './signing/requestTarget';

/**
 * WeBank's invoice document names endpoints but no secret, so this credential holds the two
 * base URLs. Which one a request uses is said by `requestOptions.baseURL` set to the field name.
 */
export class WebankApi implements ICredentialType {
	name = 'webankApi';

	displayName = 'WeBank Invoice API';

	icon: Icon = { light: 'file:../icons/webank.svg', dark: 'file:../icons/webank.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fapiao/n8n-nodes-fapiao#webank';

	properties: INodeProperties[] = [
		{
			displayName: 'OCR Base URL',
			name: 'ocrBaseUrl',
			type: 'string',
			default: 'https://fis.webank.com',
			description: 'Host of the invoice recognition service (path /saas/ocr/invoice is added)',
		},
		{
			displayName: 'Verification Base URL',
			name: 'verifyBaseUrl',
			type: 'string',
			default: 'https://wes.webank.com',
			description: 'Host of the invoice verification service (path /ocr_invoice/verify is added)',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const field = requestOptions.baseURL === 'verifyBaseUrl' ? 'verifyBaseUrl' : 'ocrBaseUrl';
		const isFieldName = requestOptions.baseURL === 'verifyBaseUrl' || requestOptions.baseURL === 'ocrBaseUrl';
		const url = resolveUrl(
			credentials[field],
			{ ...requestOptions, baseURL: isFieldName ? undefined : requestOptions.baseURL },
			{ name: field, displayName: field === 'verifyBaseUrl' ? 'Verification Base URL' : 'OCR Base URL' },
		);
		return withTarget(
			requestOptions,
			url,
			{ 'Content-Type': JSON_CONTENT_TYPE },
			jsonFields(requestOptions.body),
		);
	}

	// No secret to check: the Test proves the OCR endpoint answers in WeBank's shape
	// (an `error` field), here for a deliberately unreadable 1-pixel image.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.ocrBaseUrl}}',
			url: '/saas/ocr/invoice',
			body: { image: ONE_PIXEL_PNG_BASE64, request_id: 'n8n-credential-test' },
			...TEST_REQUEST_SAFETY,
		},
		rules: testRules(
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'error',
					value: undefined,
					message:
						"The OCR Base URL did not answer like WeBank's invoice service. Check the URL.",
				},
			},
			...redirectRules('OCR Base URL'),
		),
	};
}
