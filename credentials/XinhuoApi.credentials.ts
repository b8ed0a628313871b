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

/** Xinhuo's 401xx codes: the token (its app key/secret) is missing, unknown or expired. */
const TOKEN_CODES: Array<[number, string]> = [
	[40100, 'The token is empty'],
	[40101, 'Xinhuo does not know this token'],
	[40102, 'Xinhuo rejected the token'],
	[40103, 'The Xinhuo app behind this token is no longer valid'],
	[40104, 'The Xinhuo app behind this token has expired'],
	[40105, "Xinhuo does not accept calls from this server's IP"],
	[40106, 'The token does not belong to the OCR service'],
	[40110, 'Xinhuo rejected the token'],
];

export class XinhuoApi implements ICredentialType {
	name = 'xinhuoApi';

	displayName = 'Xinhuo API';

	icon: Icon = { light: 'file:../icons/xinhuo.svg', dark: 'file:../icons/xinhuo.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fapiao/n8n-nodes-fapiao#xinhuo';

	properties: INodeProperties[] = [
		{
			displayName: 'Token',
			name: 'token',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The token from the Xinhuo user center',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'http://api.xinhuokj.com:40072',
			description:
				'Xinhuo documents plain HTTP; use an HTTPS gateway here if you have one, as the token travels in the body',
		},
	];

	/** The token is a field of the JSON body, as Xinhuo documents. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = resolveUrl(credentials.baseUrl, requestOptions);
		const body = { ...jsonFields(requestOptions.body), token: String(credentials.token ?? '') };
		return withTarget(requestOptions, url, { 'Content-Type': JSON_CONTENT_TYPE }, body);
	}

	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/ocr',
			body: { image: ONE_PIXEL_PNG_BASE64, type: '9' },
			...TEST_REQUEST_SAFETY,
		},
		rules: testRules(
			...TOKEN_CODES.map(([code, text]) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'code',
					value: code,
					message: `${text} (${code}). Copy the token again from the Xinhuo user center.`,
				},
			})),
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 40107,
					message: 'The token works but the account is overdrawn (40107). Recharge it at Xinhuo.',
				},
			},
			...redirectRules(),
		),
	};
}
