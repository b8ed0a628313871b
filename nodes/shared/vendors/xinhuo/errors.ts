import type { VendorErrorRow } from '../../errors';

/** Xinhuo's `code` for a successful answer (errors come with HTTP 200 too). */
export const XINHUO_SUCCESS_CODE = '200';

const CHECK_TOKEN = 'Check the token in the Xinhuo credential (user center at xinhuokj.com).';
const CHECK_BASE_URL = 'Check the base URL in the Xinhuo credential: the node appends /ocr.';

/** Xinhuo's documented error codes (vendor doc "错误码") → contract error. */
export const XINHUO_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'500': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'Xinhuo had an internal server error (500). Retry later.',
	},
	'40001': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'Xinhuo could not reach its authorisation server (40001). Retry later.',
	},
	'40002': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'The Xinhuo service is temporarily unavailable (40002). Retry later.',
	},
	'40003': {
		code: 'INVALID_INPUT',
		message: `Xinhuo does not know the API that was called (40003). ${CHECK_BASE_URL}`,
	},
	// 集群超限额 ("cluster over its limit") names the vendor's servers, not the account: the
	// account's allowances have their own codes (40017 daily, 40019 total, 40020 test). So it is
	// the vendor's load, a passing state, and retried like the per-second limit 40018.
	'40004': {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			"Xinhuo's servers are over their request limit (40004). Retry later; lower \"Requests per Second\" if it persists.",
	},
	'40017': {
		code: 'QUOTA_EXCEEDED',
		message:
			'The Xinhuo daily request limit was reached (40017). Retry tomorrow or raise the limit.',
	},
	'40018': {
		code: 'RATE_LIMITED',
		message:
			'Xinhuo is limiting requests per second (40018). Lower "Requests per Second" or retry later.',
	},
	'40019': {
		code: 'QUOTA_EXCEEDED',
		message: 'The Xinhuo total request allowance is used up (40019). Top up the Xinhuo account.',
	},
	'40020': {
		code: 'QUOTA_EXCEEDED',
		message: 'The Xinhuo daily test allowance is used up (40020). Retry tomorrow or buy a plan.',
	},
	'40100': {
		code: 'AUTH_FAILED',
		message: `Xinhuo received no credentials (40100). ${CHECK_TOKEN}`,
	},
	'40101': {
		code: 'AUTH_FAILED',
		message: `Xinhuo does not know this app (40101). ${CHECK_TOKEN}`,
	},
	'40102': { code: 'AUTH_FAILED', message: `Xinhuo rejected the token (40102). ${CHECK_TOKEN}` },
	'40103': {
		code: 'AUTH_FAILED',
		message: `The Xinhuo app is no longer valid (40103). ${CHECK_TOKEN}`,
	},
	'40104': {
		code: 'AUTH_FAILED',
		message: 'The Xinhuo app has expired (40104). Renew it with Xinhuo, then update the token.',
	},
	'40105': {
		code: 'AUTH_FAILED',
		message:
			"Xinhuo refused this server's IP address (40105). Allow the n8n server's IP in the Xinhuo console.",
	},
	'40106': {
		code: 'AUTH_FAILED',
		message: `The Xinhuo app is not enabled for invoice OCR (40106). ${CHECK_TOKEN}`,
	},
	'40107': {
		code: 'QUOTA_EXCEEDED',
		message: 'The Xinhuo account is overdrawn (40107). Top up the Xinhuo account.',
	},
	'40110': { code: 'AUTH_FAILED', message: `Xinhuo rejected the token (40110). ${CHECK_TOKEN}` },
	'40200': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'Xinhuo had an internal error (40200). Retry later.',
	},
	'40201': {
		code: 'INVALID_INPUT',
		message: 'Xinhuo says a required parameter is missing (40201). Check the input and the token.',
	},
	'40202': {
		code: 'INVALID_INPUT',
		message: `Xinhuo does not offer the requested service (40202). ${CHECK_BASE_URL}`,
	},
	'40300': {
		code: 'INVALID_INPUT',
		message: 'Xinhuo received an empty image (40300). Check that the input file has content.',
	},
	'40301': {
		code: 'UNSUPPORTED_FILE',
		message: 'Xinhuo cannot read this image format (40301). Convert it to JPG, PNG or BMP.',
	},
	// The vendor names no limit; "image size error" may also mean too small, so say both.
	'40302': {
		code: 'FILE_TOO_LARGE',
		message:
			'Xinhuo rejected the image size (40302). Resize or compress the image (or use a larger scan if it is tiny).',
	},
	'40303': {
		code: 'UNSUPPORTED_FILE',
		message: 'Xinhuo does not support this file type (40303). Convert it to JPG, PNG or BMP.',
	},
	// The vendor's own advice for 40400 is "please request again": a transient engine failure.
	'40400': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'Xinhuo failed to recognize the image this time (40400). Retry the request.',
		retryable: true,
	},
	'40401': {
		code: 'IMAGE_UNREADABLE',
		message: 'Xinhuo could not read the image (40401). Send a sharper, complete scan.',
	},
	'40500': {
		code: 'NO_INVOICE_FOUND',
		message: 'Xinhuo could not classify anything in the image as a bill (40500).',
	},
	'40600': {
		code: 'INVALID_INPUT',
		message: `Xinhuo received no request body (40600). ${CHECK_BASE_URL}`,
	},
	'50001': { code: 'TIMEOUT', message: 'Xinhuo timed out (50001). Retry later.' },
	// An unclassified vendor failure: retrying a paid call blindly could repeat the charge
	// and the failure, so leave the decision to the workflow.
	'90099': {
		code: 'UNKNOWN',
		message: 'Xinhuo reported an unknown error (90099).',
		retryable: false,
	},
};
