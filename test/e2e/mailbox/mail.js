'use strict';
// Builds a MIME message (RFC 5322 + RFC 2045–2047, RFC 2231 file names) as a mail client sends it: a text part
// and base64 attachments, CRLF line ends, 76-character base64 lines, a non-ASCII subject and file names encoded.

const crypto = require('node:crypto');

/** RFC 2047 encoded-word for a header value that is not plain ASCII. */
function encodedWord(text) {
	return /^[\x20-\x7e]*$/.test(text)
		? text
		: `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** A Content-Disposition/Content-Type file name parameter: plain when ASCII, RFC 2231 (`filename*=`) when not. */
function fileNameParameter(key, fileName) {
	if (/^[\x20-\x7e]*$/.test(fileName) && !/["\\]/.test(fileName)) return `${key}="${fileName}"`;
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
	);
	return `${key}*=UTF-8''${encoded}`;
}

function base64Lines(bytes) {
	return (
		Buffer.from(bytes)
			.toString('base64')
			.match(/.{1,76}/g)
			?.join('\r\n') ?? ''
	);
}

/**
 * @param {object} mail
 * @param {string} mail.from
 * @param {string} mail.to
 * @param {string} mail.subject
 * @param {string} mail.text the plain-text body
 * @param {Date} [mail.date]
 * @param {Array<{ fileName: string, contentType: string, data: Buffer | string }>} mail.attachments
 * @returns {Buffer}
 */
function buildMail({ from, to, subject, text, date = new Date(), attachments }) {
	const boundary = `----=_fapiao_e2e_${crypto.randomBytes(8).toString('hex')}`;
	const headers = [
		`From: ${from}`,
		`To: ${to}`,
		`Subject: ${encodedWord(subject)}`,
		`Date: ${date.toUTCString().replace('GMT', '+0000')}`,
		`Message-ID: <${crypto.randomUUID()}@fapiao-e2e.test>`,
		'MIME-Version: 1.0',
		`Content-Type: multipart/mixed; boundary="${boundary}"`,
	];
	const parts = [
		[
			'Content-Type: text/plain; charset=UTF-8',
			'Content-Transfer-Encoding: base64',
			'',
			base64Lines(Buffer.from(text, 'utf8')),
		].join('\r\n'),
		...attachments.map(({ fileName, contentType, data }) =>
			[
				`Content-Type: ${contentType}; ${fileNameParameter('name', fileName)}`,
				`Content-Disposition: attachment; ${fileNameParameter('filename', fileName)}`,
				'Content-Transfer-Encoding: base64',
				'',
				base64Lines(Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')),
			].join('\r\n'),
		),
	];
	const body = parts.map((part) => `--${boundary}\r\n${part}\r\n`).join('') + `--${boundary}--\r\n`;
	return Buffer.from(`${headers.join('\r\n')}\r\n\r\n${body}`, 'utf8');
}

module.exports = { buildMail };
