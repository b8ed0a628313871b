/**
 * Volcengine answers in two layers (research notes §1.5): the OpenAPI gateway's
 * `ResponseMetadata.Error.Code` (signing, routing) and the OCR service's numeric `code`.
 */
import type { VendorErrorRow } from '../../errors';

const CHECK_KEYS =
	'Check the Access Key ID, Secret Access Key and region (cn-north-1) in the credential.';

/** Gateway codes (docs 6369/68677 and 6396/70462). */
export const VOLCENGINE_GATEWAY_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	SignatureDoesNotMatch: {
		code: 'AUTH_FAILED',
		message: `Volcengine rejected the request signature (SignatureDoesNotMatch). ${CHECK_KEYS}`,
	},
	InvalidAccessKey: {
		code: 'AUTH_FAILED',
		message:
			'Volcengine does not know the Access Key ID (InvalidAccessKey). Check the Access Key ID in the credential.',
	},
	InvalidAuthorization: {
		code: 'AUTH_FAILED',
		message: `Volcengine rejected the Authorization header (InvalidAuthorization). ${CHECK_KEYS}`,
	},
	InvalidCredential: {
		code: 'AUTH_FAILED',
		message: `Volcengine rejected the credential scope (InvalidCredential). ${CHECK_KEYS}`,
	},
	MissingAuthenticationToken: {
		code: 'AUTH_FAILED',
		message:
			'Volcengine received an unsigned request (MissingAuthenticationToken). Select a Volcengine credential with an Access Key ID and Secret Access Key.',
	},
	MissingSignature: {
		code: 'AUTH_FAILED',
		message:
			'Volcengine received a request without a signature (MissingSignature). Select a Volcengine credential with an Access Key ID and Secret Access Key.',
	},
	// Signing headers such as X-Date are added by the credential, so a gap there is a signing problem.
	MissingRequestInfo: {
		code: 'AUTH_FAILED',
		message:
			'Volcengine found the signing information incomplete (MissingRequestInfo). Select a Volcengine credential and check its keys.',
	},
	InvalidSecretToken: {
		code: 'AUTH_FAILED',
		message: `Volcengine rejected the security token (InvalidSecretToken). ${CHECK_KEYS}`,
	},
	AccessDenied: {
		code: 'AUTH_FAILED',
		message:
			"Volcengine denied access (AccessDenied). Activate the OCR service and allow the key's user to call OcrRollInvoice in the Volcengine console.",
	},
	InvalidTimestamp: {
		code: 'AUTH_FAILED',
		message:
			"Volcengine rejected the request time (InvalidTimestamp). Set the n8n server's clock to the correct time (the signature is only valid for a few minutes).",
	},
	MissingParameter: {
		code: 'INVALID_INPUT',
		message:
			'Volcengine found a required parameter missing (MissingParameter). Check the base URL in the credential (default https://visual.volcengineapi.com).',
	},
	ServiceNotFound: {
		code: 'INVALID_INPUT',
		message:
			'Volcengine has no such service at this address (ServiceNotFound). Check the base URL in the credential (default https://visual.volcengineapi.com).',
	},
	InvalidActionOrVersion: {
		code: 'INVALID_INPUT',
		message:
			'Volcengine does not offer OcrRollInvoice at this address (InvalidActionOrVersion). Check the base URL in the credential (default https://visual.volcengineapi.com).',
	},
	// Gateway rate limit and temporary outage: not in the research notes' list, but in Volcengine's
	// common error table; harmless if never sent.
	FlowLimitExceeded: {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			'Volcengine is limiting the request rate (FlowLimitExceeded). Lower "Requests per Second" or retry later.',
	},
	ServiceUnavailableTemp: {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'Volcengine is temporarily unavailable (ServiceUnavailableTemp). Retry later.',
	},
	InternalError: {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'Volcengine had an internal error (InternalError). Retry later.',
	},
	InternalServiceTimeout: {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message:
			'The Volcengine OCR service timed out behind the gateway (InternalServiceTimeout). Retry later.',
	},
};

/** OCR service codes (the OcrRollInvoice document plus the visual services' common table). */
export const VOLCENGINE_SERVICE_ERRORS: Readonly<Record<string, VendorErrorRow>> = {
	'50200': {
		code: 'INVALID_INPUT',
		message:
			'Volcengine refused the request parameters (50200). Send a JPEG, PNG or BMP image or its URL.',
	},
	'50201': {
		code: 'INVALID_INPUT',
		message:
			'Volcengine found no image in the request (50201). Send a JPEG, PNG or BMP image or its URL.',
	},
	'50204': {
		code: 'INVALID_INPUT',
		message:
			'Volcengine could not parse the request parameters (50204). Send a JPEG, PNG or BMP image or its URL.',
	},
	'50205': {
		code: 'FILE_TOO_LARGE',
		message:
			"The image exceeds Volcengine's size limit (50205). Compress or resize it to under 5 MB.",
	},
	'50213': {
		code: 'FILE_TOO_LARGE',
		message:
			"The request exceeds Volcengine's body size limit (50213). Compress or resize the image to under 5 MB.",
	},
	'50206': {
		code: 'INVALID_INPUT',
		message:
			'Volcengine received an empty image (50206). Check that the input holds the invoice file.',
	},
	// Pre-flight already rejects formats Volcengine does not take, so a decode failure means damaged
	// bytes (or, for URL input, a URL that does not serve a JPEG, PNG or BMP image).
	'50207': {
		code: 'IMAGE_UNREADABLE',
		message:
			'Volcengine could not decode the image (50207). Send a complete JPEG, PNG or BMP file (a URL must serve the image itself).',
	},
	'50208': {
		code: 'NO_INVOICE_FOUND',
		message:
			'Volcengine found no roll invoice in the image (50208). This action reads VAT roll invoices only; send a sharp image of one.',
	},
	'50215': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'The Volcengine OCR service failed while processing (50215). Retry later.',
	},
	'50400': {
		code: 'AUTH_FAILED',
		message: `Volcengine rejected the credential (50400). ${CHECK_KEYS}`,
	},
	'50402': {
		code: 'INVALID_INPUT',
		message:
			'Volcengine does not know this request path (50402). Check the base URL in the credential (default https://visual.volcengineapi.com).',
	},
	'50429': {
		code: 'RATE_LIMITED',
		retryable: true,
		message:
			'Volcengine is limiting the request rate (50429). Lower "Requests per Second" to the QPS quota shown in the Volcengine console, or retry later.',
	},
	'50500': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'Volcengine had an internal error (50500). Retry later.',
	},
	'50501': {
		code: 'VENDOR_UNAVAILABLE',
		retryable: true,
		message: 'The Volcengine OCR service had an internal error (50501). Retry later.',
	},
};

/** 50400 whose message blames the timestamp ("bad timestamp. Make sure your clock is correct"). */
export const VOLCENGINE_CLOCK_ERROR: VendorErrorRow = {
	code: 'AUTH_FAILED',
	message:
		"Volcengine rejected the request time (50400). Set the n8n server's clock to the correct time (the signature is only valid for a few minutes).",
};
