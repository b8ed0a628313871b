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
import { signVolcengineRequest, volcengineDate } from './signing/volcengineSignature';

/** Gateway error codes that mean the AK/SK pair (or the clock) is wrong. */
const GATEWAY_AUTH_CODES = [
	'SignatureDoesNotMatch',
	'InvalidAccessKey',
	'InvalidAuthorization',
	'InvalidCredential',
	'MissingAuthenticationToken',
	'MissingSignature',
	'InvalidSecretToken',
	'AccessDenied',
];

export class VolcengineApi implements ICredentialType {
	name = 'volcengineApi';

	displayName = 'Volcengine (ByteDance) API';

	icon: Icon = { light: 'file:../icons/volcengine.svg', dark: 'file:../icons/volcengine.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fapiao/n8n-nodes-fapiao#volcengine-bytedance';

	properties: INodeProperties[] = [
		{
			displayName: 'Access Key ID',
			name: 'accessKeyId',
			type: 'string',
			required: true,
			default: '',
			description: 'The AK of an IAM user allowed to call visual OCR (访问控制 → 密钥管理)',
		},
		{
			displayName: 'Secret Access Key',
			name: 'secretAccessKey',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The SK paired with the Access Key ID; used only to sign requests, never sent',
		},
		{
			displayName: 'Region',
			name: 'region',
			type: 'string',
			default: 'cn-north-1',
			description: 'Signing region of the visual service',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://visual.volcengineapi.com',
			description: 'Change only to route calls through a gateway or proxy',
		},
	];

	/**
	 * Signs the final request (HMAC-SHA256, service `cv`). The body is serialised here so the
	 * hashed bytes are exactly the bytes sent.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = resolveUrl(credentials.baseUrl, requestOptions);
		const body = formFields(requestOptions.body).toString();
		const xDate = volcengineDate(new Date());
		const signed = signVolcengineRequest({
			method: requestOptions.method ?? 'POST',
			host: url.host,
			path: url.pathname,
			query: [...url.searchParams.entries()],
			contentType: FORM_CONTENT_TYPE,
			body,
			accessKeyId: String(credentials.accessKeyId ?? ''),
			secretAccessKey: String(credentials.secretAccessKey ?? ''),
			region: String(credentials.region || 'cn-north-1'),
			service: 'cv',
			xDate,
		});
		return withTarget(
			requestOptions,
			url,
			{
				'Content-Type': FORM_CONTENT_TYPE,
				'X-Date': xDate,
				'X-Content-Sha256': signed.contentSha256,
				Authorization: signed.authorization,
			},
			body,
		);
	}

	// A signed 1-pixel image: a working AK/SK gets an image error, a wrong one a gateway error.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/?Action=OcrRollInvoice&Version=2021-08-23',
			body: { image_base64: ONE_PIXEL_PNG_BASE64 },
			...TEST_REQUEST_SAFETY,
		},
		rules: testRules(
			...GATEWAY_AUTH_CODES.map((code) => ({
				type: 'responseSuccessBody' as const,
				properties: {
					key: 'ResponseMetadata.Error.Code',
					value: code,
					message: `Volcengine rejected the access key pair (${code}). Check the Access Key ID and Secret Access Key.`,
				},
			})),
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'ResponseMetadata.Error.Code',
					value: 'InvalidTimestamp',
					message:
						'Volcengine rejected the request time (InvalidTimestamp). Check the clock of the n8n server.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 50400,
					message:
						'Volcengine denied access (50400). Check the keys and that OCR is enabled for this account.',
				},
			},
			...redirectRules(),
		),
	};
}
