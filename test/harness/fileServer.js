'use strict';
// @ts-check
/** A loopback static server for URL-input tests: the fakes download from it like vendors would. */
const http = require('node:http');

/**
 * @param {Record<string, { body: Buffer, contentType?: string }>} files path → content
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
function serveFiles(files) {
	const server = http.createServer((req, res) => {
		const file = files[(req.url || '/').split('?')[0]];
		if (!file) {
			res.writeHead(404).end('not found');
			return;
		}
		res.writeHead(200, { 'Content-Type': file.contentType || 'application/octet-stream' });
		res.end(file.body);
	});
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			const address = /** @type {import('node:net').AddressInfo} */ (server.address());
			resolve({
				url: `http://127.0.0.1:${address.port}`,
				close: () => new Promise((done) => server.close(() => done())),
			});
		});
	});
}

module.exports = { serveFiles };
