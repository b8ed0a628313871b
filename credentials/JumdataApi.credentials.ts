import { createHash } from 'node:crypto';
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

/** Jumdata's documented signature: sha256(appId + appSecret + timestamp in ms), lowercase hex. */
export function jumdataSign(appId: string, appSecret: string, timestamp: string): string {
	return createHash('sha256').update(`${appId}${appSecret}${timestamp}`, 'utf8').digest('hex');
}

export class JumdataApi implements ICredentialType {
	name = 'jumdataApi';

	displayName = 'Jumdata API';

	icon: Icon = { light: 'file:../icons/jumdata.svg', dark: 'file:../icons/jumdata.dark.svg' };

	documentationUrl = 'https://github.com/n8n-nodes-fapiao/n8n-nodes-fapiao#jumdata';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			required: true,
			default: '',
			description: 'The appId Jumdata assigned to your account',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: 'The appSecret paired with the App ID; used only to sign requests, never sent',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.jumdata.com',
			description: 'Change only to route calls through a gateway or proxy',
		},
	];

	/** Adds appId, timestamp and sign as form fields; a fresh timestamp per request. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const url = resolveUrl(credentials.baseUrl, requestOptions);
		const appId = String(credentials.appId ?? '');
		const timestamp = String(Date.now());
		const form = formFields(requestOptions.body);
		form.set('appId', appId);
		form.set('timestamp', timestamp);
		form.set('sign', jumdataSign(appId, String(credentials.appSecret ?? ''), timestamp));
		return withTarget(requestOptions, url, { 'Content-Type': FORM_CONTENT_TYPE }, form.toString());
	}

	// Jumdata answers HTTP 200; a 1-pixel image with a working secret gets an image error.
	// Its docs do not show the bad-sign answer: the fake (and this rule) assume msg 签名错误.
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			baseURL: '={{$credentials.baseUrl}}',
			url: '/ocr/invoice-v2',
			body: { imageBase64: ONE_PIXEL_PNG_BASE64, type: 'normal' },
			...TEST_REQUEST_SAFETY,
		},
		rules: testRules(
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'msg',
					value: '签名错误',
					message: 'Jumdata rejected the signature. Check the App ID and App Secret.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'msg',
					value: '时间戳已过期',
					message: 'Jumdata rejected the request time. Check the clock of the n8n server.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 601,
					message: 'The invoice OCR API is not activated for this Jumdata account (601).',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'code', value: 602, message: 'This Jumdata account is disabled (602).' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 603,
					message: 'The Jumdata account has no balance left (603). Top it up.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'code',
					value: 607,
					message: "The n8n server's IP is not on this Jumdata account's whitelist (607).",
				},
			},
			...redirectRules(),
		),
	};
}
