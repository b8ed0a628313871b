import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/**
 * Helpers shared by the credentials' `authenticate` functions: nodes send paths relative to the
 * credential's base URL, and each credential adds its secret to the body it then serialises itself,
 * so the bytes it signs or sends are exactly the bytes on the wire.
 */

/** Absolute URL of a request: the node's path joined to the credential's base URL. */
export function resolveUrl(baseUrl: unknown, requestOptions: IHttpRequestOptions): URL {
	const base = String(requestOptions.baseURL || baseUrl || '').replace(/\/+$/, '');
	const path = requestOptions.url ?? '';
	const url = /^https?:\/\//i.test(path) ? new URL(path) : new URL(`${base}${path.startsWith('/') ? '' : '/'}${path}`);
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

/** A 1×1 PNG: vendors answer it with "image unreadable", which proves the secret was accepted. */
export const ONE_PIXEL_PNG_BASE64 =
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
