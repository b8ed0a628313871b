/** Juhe's documented error table: system codes 100xx (every Juhe API) and this API's 2533xx. */
import type { VendorErrorRow } from '../../errors';

export const JUHE_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'10001': {
		code: 'AUTH_FAILED',
		message: 'The Juhe key was rejected (10001). Check the API key in the credential.',
	},
	'10002': {
		code: 'AUTH_FAILED',
		message:
			'The Juhe key may not call the roll-invoice OCR API (10002). Apply for this API with this key in the Juhe console.',
	},
	'10003': {
		code: 'AUTH_FAILED',
		message: 'The Juhe key has expired (10003). Renew it in the Juhe console or use a current key.',
	},
	'10004': {
		code: 'AUTH_FAILED',
		message:
			'Juhe rejected the OpenID of the account (10004). Check the key in the credential and the account in the Juhe console.',
	},
	'10005': {
		code: 'AUTH_FAILED',
		message:
			'The Juhe application has not passed review (10005). Submit the account verification in the Juhe console.',
	},
	'10007': {
		code: 'AUTH_FAILED',
		message:
			'Juhe did not accept the request source (10007). Check the key and its allowed sources in the Juhe console.',
	},
	'10008': {
		code: 'AUTH_FAILED',
		message:
			"Juhe blocked this server's IP address (10008). Allow the n8n server's IP for this key in the Juhe console.",
	},
	'10009': {
		code: 'AUTH_FAILED',
		message: 'The Juhe key is disabled (10009). Enable it in the Juhe console or use another key.',
	},
	'10011': {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			'Juhe is limiting requests from this IP address (10011). Lower "Requests per Second" or retry later.',
	},
	'10012': {
		code: 'QUOTA_EXCEEDED',
		retryable: false,
		message:
			'The Juhe key has used up its calls (10012). Buy more calls for this API in the Juhe console.',
	},
	'10013': {
		code: 'QUOTA_EXCEEDED',
		retryable: false,
		message:
			'The Juhe test key has used up its free calls (10013). Buy a package for this API in the Juhe console.',
	},
	'10014': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'Juhe had an internal error (10014). Retry later.',
	},
	'10020': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'The Juhe API is under maintenance (10020). Retry later.',
	},
	'10021': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: false,
		message: 'Juhe has discontinued this API (10021). Choose another vendor.',
	},
	'253301': {
		code: 'INVALID_INPUT',
		message:
			'Juhe refused the request parameters (253301). Send a PNG or JPEG image whose base64 text is at most 3 MB.',
	},
	// 请求失败 ("request failed") is Juhe's answer both for an image its engine cannot read and for a
	// failure upstream of Juhe. Mostly it is the image, so the code says so, but it is retried: an
	// upstream failure then gets another chance, and an unreadable image stays unreadable.
	'253302': {
		code: 'IMAGE_UNREADABLE',
		retryable: true,
		message:
			'Juhe could not recognize the image (253302), even on retrying. Send a sharp, complete image of a VAT roll invoice; if the image is good, Juhe may be failing upstream: retry later.',
	},
};
