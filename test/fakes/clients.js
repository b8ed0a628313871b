'use strict';
// @ts-check

/**
 * Minimal, documented-protocol clients for calling the fakes directly (self-tests, benches,
 * manual poking). Each builder returns `{ url, init }` for `fetch(url, init)`. They are written
 * from the vendor docs, independently of the package's adapters, and default to FAKE_CREDENTIALS.
 * Also a static file server for URL-input tests.
 */

const crypto = require('node:crypto');
const http = require('node:http');
const { FAKE_CREDENTIALS } = require('./credentials');
const { signVolcengineRequest } = require('./volcengine-signature');

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** @typedef {{ url: string, init: { method: string, headers: Record<string, string>, body: string } }} HttpCall */

/**
 * @param {Record<string, string | undefined>} fields
 */
function form(fields) {
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(fields))
		if (value !== undefined) params.set(key, value);
	return params.toString();
}

/**
 * @param {string} baseUrl
 * @param {{ imageBase64?: string, key?: string }} input
 * @returns {HttpCall}
 */
function juheRequest(baseUrl, input) {
	return {
		url: `${baseUrl}/vat_roll_invoice_ocr/query`,
		init: {
			method: 'POST',
			headers: { 'Content-Type': FORM },
			body: form({
				key: input.key ?? FAKE_CREDENTIALS.juhe.apiKey,
				image_base64: input.imageBase64,
			}),
		},
	};
}

/**
 * @param {string} baseUrl
 * @param {{ imageBase64?: string, imageUrl?: string, accessKeyId?: string, secretAccessKey?: string, region?: string, date?: Date, action?: string, version?: string }} input
 * @returns {HttpCall}
 */
function volcengineRequest(baseUrl, input) {
	const action = input.action ?? 'OcrRollInvoice';
	const version = input.version ?? '2021-08-23';
	const url = `${baseUrl}/?Action=${action}&Version=${version}`;
	const body = form({ image_base64: input.imageBase64, image_url: input.imageUrl });
	const headers = signVolcengineRequest({
		method: 'POST',
		url,
		headers: { 'Content-Type': FORM },
		body,
		accessKeyId: input.accessKeyId ?? FAKE_CREDENTIALS.volcengine.accessKeyId,
		secretAccessKey: input.secretAccessKey ?? FAKE_CREDENTIALS.volcengine.secretAccessKey,
		region: input.region ?? FAKE_CREDENTIALS.volcengine.region,
		service: 'cv',
		date: input.date,
	});
	delete headers.Host; // fetch sends the same Host itself
	return { url, init: { method: 'POST', headers, body } };
}

/**
 * sign = lowercase hex sha256(appId + appSecret + timestamp), as the Jumdata doc specifies.
 *
 * @param {string} appId
 * @param {string} appSecret
 * @param {string | number} timestamp
 */
function jumdataSign(appId, appSecret, timestamp) {
	return crypto.createHash('sha256').update(`${appId}${appSecret}${timestamp}`).digest('hex');
}

/**
 * @param {string} baseUrl
 * @param {{ fields: Record<string, string | undefined>, appId?: string, appSecret?: string, timestamp?: number, sign?: string }} input
 * @returns {HttpCall}
 */
function jumdataRequest(baseUrl, input) {
	const appId = input.appId ?? FAKE_CREDENTIALS.jumdata.appId;
	const appSecret = input.appSecret ?? FAKE_CREDENTIALS.jumdata.appSecret;
	const timestamp = String(input.timestamp ?? Date.now());
	return {
		url: `${baseUrl}/ocr/invoice-v2`,
		init: {
			method: 'POST',
			headers: { 'Content-Type': FORM },
			body: form({
				appId,
				timestamp,
				sign: input.sign ?? jumdataSign(appId, appSecret, timestamp),
				...input.fields,
			}),
		},
	};
}

/**
 * @param {string} baseUrl
 * @param {{ image?: string, type?: string, token?: string }} input
 * @returns {HttpCall}
 */
function xinhuoRequest(baseUrl, input) {
	return {
		url: `${baseUrl}/ocr`,
		init: {
			method: 'POST',
			headers: { 'Content-Type': JSON_TYPE },
			body: JSON.stringify({
				image: input.image,
				type: input.type ?? '9',
				token: input.token ?? FAKE_CREDENTIALS.xinhuo.token,
			}),
		},
	};
}

/**
 * @param {string} baseUrl
 * @param {{ image?: string, requestId?: string }} input
 * @returns {HttpCall}
 */
function webankOcrRequest(baseUrl, input) {
	return {
		url: `${baseUrl}/saas/ocr/invoice`,
		init: {
			method: 'POST',
			headers: { 'Content-Type': JSON_TYPE },
			body: JSON.stringify({ image: input.image, request_id: input.requestId }),
		},
	};
}

/**
 * @param {string} baseUrl
 * @param {{ invoice?: Record<string, unknown>, requestId?: string }} input
 * @returns {HttpCall}
 */
function webankVerifyRequest(baseUrl, input) {
	return {
		url: `${baseUrl}/ocr_invoice/verify`,
		init: {
			method: 'POST',
			headers: { 'Content-Type': JSON_TYPE },
			body: JSON.stringify({ invoice: input.invoice, request_id: input.requestId }),
		},
	};
}

/**
 * The OCR call of any vendor, with a base64 image and the documented fields around it (WeBank's
 * `request_id` is echoed in its answers).
 *
 * @param {'juhe' | 'volcengine' | 'jumdata' | 'xinhuo' | 'webank'} vendor
 * @param {string} baseUrl
 * @param {string} image  base64
 * @param {string} [requestId]  WeBank only
 * @returns {HttpCall}
 */
function ocrRequest(vendor, baseUrl, image, requestId = 'req-1') {
	switch (vendor) {
		case 'juhe':
			return juheRequest(baseUrl, { imageBase64: image });
		case 'volcengine':
			return volcengineRequest(baseUrl, { imageBase64: image });
		case 'jumdata':
			return jumdataRequest(baseUrl, { fields: { imageBase64: image } });
		case 'xinhuo':
			return xinhuoRequest(baseUrl, { image });
		case 'webank':
			return webankOcrRequest(baseUrl, { image, requestId });
	}
	throw new Error(`unknown vendor ${vendor}`);
}

/**
 * Serves fixed files on 127.0.0.1 (a free port), e.g. for image_url/url inputs.
 *
 * @param {Record<string, Buffer>} files  path (e.g. '/roll.png') → bytes
 * @returns {Promise<{ url: string, close(): Promise<void> }>}
 */
async function startStaticServer(files) {
	const server = http.createServer((req, res) => {
		const bytes = files[(req.url ?? '/').split('?')[0]];
		if (!bytes) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, {
			'Content-Type': 'application/octet-stream',
			'Content-Length': bytes.length,
		});
		res.end(bytes);
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
	const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
	return {
		url: `http://127.0.0.1:${port}`,
		close: () =>
			new Promise((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

module.exports = {
	juheRequest,
	volcengineRequest,
	jumdataRequest,
	jumdataSign,
	xinhuoRequest,
	webankOcrRequest,
	webankVerifyRequest,
	ocrRequest,
	startStaticServer,
};
