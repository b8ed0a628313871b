/** Jumdata's documented `code` table; 400 is refined by its message (see JUMDATA_PARAMETER_ERRORS). */
import type { VendorErrorRow } from '../../errors';

export const JUMDATA_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'400': {
		code: 'INVALID_INPUT',
		message:
			'Jumdata refused the request parameters (400). Check the input; vendorMessage names the parameter.',
	},
	'404': {
		code: 'INVALID_INPUT',
		message:
			'Jumdata does not know this request path (404). Check the base URL in the credential (default https://api.jumdata.com).',
	},
	'500': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'Jumdata is under maintenance (500). Retry later.',
	},
	'601': {
		code: 'AUTH_FAILED',
		message:
			'The invoice OCR API is not activated for this Jumdata app (601). Activate it in the Jumdata console or check the App ID.',
	},
	'602': {
		code: 'AUTH_FAILED',
		message: 'The Jumdata account is disabled (602). Contact Jumdata to re-enable it.',
	},
	'603': {
		code: 'QUOTA_EXCEEDED',
		retryable: false,
		message: 'The Jumdata account has no balance left (603). Top up the account.',
	},
	'604': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: false,
		message: 'Jumdata has discontinued this API (604). Choose another vendor.',
	},
	// 调用超限,请稍候再试 ("call limit exceeded, please try again shortly"): a passing limit, unlike
	// 603 (no balance); Jumdata itself says to retry shortly.
	'606': {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			'Jumdata is limiting calls for now (606). Retry shortly; lower "Requests per Second" if it persists.',
	},
	'607': {
		code: 'AUTH_FAILED',
		message:
			"Jumdata refused this server's IP address (607). Add the n8n server's IP to the app's whitelist in the Jumdata console.",
	},
	'609': {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			'Jumdata is limiting the request rate (609). Lower "Requests per Second" or retry later.',
	},
	'610': {
		code: 'TIMEOUT',
		retryable: true,
		message: 'Jumdata timed out while recognizing the invoice (610). Retry later.',
	},
	'999': {
		code: 'UNKNOWN',
		message: 'Jumdata reported an unspecified error (999). See vendorMessage for the details.',
	},
};

/**
 * Jumdata answers bad signatures and bad images with the same 400 as bad parameters; the
 * message tells them apart. First matching row wins.
 */
export const JUMDATA_PARAMETER_ERRORS: ReadonlyArray<{ pattern: RegExp; row: VendorErrorRow }> = [
	{
		pattern: /签名|sign|appId|app_id|时间戳|timestamp/i,
		row: {
			code: 'AUTH_FAILED',
			message:
				"Jumdata rejected the signature (400). Check the App ID and App Secret in the credential and the n8n server's clock.",
		},
	},
	{
		pattern: /格式/,
		row: {
			code: 'UNSUPPORTED_FILE',
			message:
				'Jumdata did not accept the file format (400). Send a complete JPEG, PNG, BMP, PDF or OFD file (a damaged file shows the same error).',
		},
	},
	{
		pattern: /(图片|文件).*(大小|过大|超过|超出)|(大小|过大|超过|超出).*(图片|文件)/,
		row: {
			code: 'FILE_TOO_LARGE',
			message:
				"The file exceeds Jumdata's limit (400). Send a file under 4 MB whose longest side is at most 4096 px.",
		},
	},
	{
		pattern: /图片|图像|识别失败/,
		row: {
			code: 'IMAGE_UNREADABLE',
			message:
				'Jumdata could not read the image (400). Send a sharp, complete image of the invoice (at least 15 px on the shortest side).',
		},
	},
];
