import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
	IDataObject,
	IHttpRequestOptions,
} from 'n8n-workflow';

/**
 * Helpers shared by the credentials' `authenticate` functions: nodes send paths relative to the
 * credential's base URL, and each credential adds its secret to the body it then serialises itself,
 * so the bytes it signs or sends are exactly the bytes on the wire.
 */

/**
 * A credential field that cannot be used as it is (a base URL that is not a URL). The nodes
 * recognize it by its name, along n8n's error cause chain, and fail the item with this message.
 */
export class CredentialFieldError extends Error {
	constructor(
		readonly field: string,
		message: string,
	) {
		super(message);
		this.name = 'CredentialFieldError';
	}
}

/** The form's label of a base URL field, for messages. */
export interface BaseUrlField {
	name: string;
	displayName: string;
}

const BASE_URL_FIELD: BaseUrlField = { name: 'baseUrl', displayName: 'Base URL' };

/** A URL's text without any user:password part, for messages. */
const withoutUserInfo = (text: string) => text.replace(/^(\w+:\/\/)[^/@\s]*@/, '$1');

/**
 * Absolute URL of a request: the node's path joined to the credential's base URL. The base URL
 * is trimmed (a pasted value often ends in a space); one that still is no http(s) URL is refused
 * with a message naming the field.
 */
export function resolveUrl(
	baseUrl: unknown,
	requestOptions: IHttpRequestOptions,
	field: BaseUrlField = BASE_URL_FIELD,
): URL {
	const base = String(requestOptions.baseURL || baseUrl || '').trim().replace(/\/+$/, '');
	const path = (requestOptions.url ?? '').trim();
	let url: URL;
	if (/^https?:\/\//i.test(path)) {
		url = new URL(path);
	} else {
		const refuse = (why: string) =>
			new CredentialFieldError(
				field.name,
				`The credential's ${field.displayName} ${why}. Enter the vendor's address, like https://api.example.com, or the address of your gateway.`,
			);
		if (base === '') throw refuse('is empty');
		if (!/^https?:\/\/[^\s/]+/i.test(base)) throw refuse(`"${withoutUserInfo(base)}" is not an http(s) URL`);
		try {
			url = new URL(`${base}${path.startsWith('/') ? '' : '/'}${path}`);
		} catch {
			throw refuse(`"${withoutUserInfo(base)}" is not a valid URL`);
		}
	}
	const qs = requestOptions.qs as IDataObject | undefined;
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
	}
	return url;
}

/** The request's form fields, whatever shape the caller used (object, URLSearchParams, string). */
export function formFields(body: unknown): URLSearchParams {
	if (body instanceof URLSearchParams) return new URLSearchParams(body);
	if (typeof body === 'string') return new URLSearchParams(body);
	const fields = new URLSearchParams();
	if (body && typeof body === 'object') {
		for (const [key, value] of Object.entries(body as IDataObject)) {
			if (value !== undefined && value !== null) fields.set(key, String(value));
		}
	}
	return fields;
}

/** The request's JSON body as an object. */
export function jsonFields(body: unknown): IDataObject {
	if (typeof body === 'string' && body.trim() !== '') return JSON.parse(body) as IDataObject;
	if (body && typeof body === 'object' && !(body instanceof URLSearchParams)) {
		return { ...(body as IDataObject) };
	}
	return {};
}

/** Request options pointing at an absolute URL, with qs/baseURL folded in and headers replaced. */
export function withTarget(
	requestOptions: IHttpRequestOptions,
	url: URL,
	headers: Record<string, string>,
	body: string | IDataObject,
): IHttpRequestOptions {
	const kept = { ...(requestOptions.headers ?? {}) } as Record<string, string>;
	for (const name of Object.keys(kept)) {
		if (name.toLowerCase() === 'content-type') delete kept[name];
	}
	return {
		...requestOptions,
		baseURL: undefined,
		qs: undefined,
		url: url.toString(),
		headers: { ...kept, ...headers },
		body,
	};
}

export const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
export const JSON_CONTENT_TYPE = 'application/json';

/**
 * What a credential Test sends besides its request: redirects are not followed (the body holds the
 * secret, and a 307 would re-send it to whatever host `Location` names), and a redirect answer is
 * an error, so its status reaches the `responseCode` rules below instead of passing as success.
 */
export const TEST_REQUEST_SAFETY = {
	disableFollowRedirect: true,
	ignoreHttpStatusErrors: { ignore: true as const, except: [301, 302, 303, 307, 308] },
};

/** The Test's verdict on a redirect, for each redirect status. */
export function redirectRules(field = 'Base URL'): IAuthenticateRuleResponseCode[] {
	return [301, 302, 303, 307, 308].map((status) => ({
		type: 'responseCode' as const,
		properties: {
			value: status,
			message: `The ${field} answers with a redirect (HTTP ${status}) to another address. The Test does not follow it, so the secret is not sent there: set the ${field} to the vendor's current address (often https:// instead of http://, or a new host).`,
		},
	}));
}

/**
 * A Test's rules of both kinds. n8n types `rules` as one kind or the other, but its tester checks
 * each rule by its own `type` (status rules on an error answer, body rules on a success).
 */
export function testRules(
	...rules: Array<IAuthenticateRuleResponseCode | IAuthenticateRuleResponseSuccessBody>
): ICredentialTestRequest['rules'] {
	return rules as IAuthenticateRuleResponseSuccessBody[];
}

/** A 1×1 PNG: vendors answer it with "image unreadable", which proves the secret was accepted. */
export const ONE_PIXEL_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
