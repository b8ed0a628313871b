import type { VendorErrorRow } from '../../errors';

/** WeBank's `error` for a successful answer. */
export const WEBANK_SUCCESS_CODE = '0';

/** The vendor's own words per code (the answer carries only the number). */
export const WEBANK_ERROR_TEXT: Readonly<Record<string, string>> = {
	'1': '服务内部错误',
	'2': 'HTTP 请求参数错误',
	'3': '图片解码错误',
};

/** WeBank invoice OCR `error` codes (vendor doc §3.2) → contract error. */
export const WEBANK_OCR_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'1': {
		code: 'VENDOR_UNAVAILABLE',
		message: 'WeBank invoice OCR had an internal error (1). Retry later.',
	},
	'2': {
		code: 'INVALID_INPUT',
		message:
			'WeBank invoice OCR refused the request parameters (2). Check the input file and the OCR base URL in the credential.',
	},
	'3': {
		code: 'IMAGE_UNREADABLE',
		message:
			'WeBank could not decode the image (3). Send a complete JPG, PNG or BMP image of the invoice.',
	},
};
