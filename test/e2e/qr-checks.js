'use strict';
// The e2e checks of issue 22 in a real n8n: the shared real QR images (../shared/samples/qr, read from disk by
// n8n's Read Files node) give their payloads through vendor `local`; a chain ["local", "xinhuo"] still sends an
// image on to the vendor (an unreadable one, and a readable one unless "Key Fields From QR Code Only" is on).

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const { REPO_ROOT, nodeItems } = require('./n8n');
const fakeSamples = require('../fakes/samples');

const QR_SAMPLES_DIR = path.join(REPO_ROOT, '..', 'shared', 'samples', 'qr');

/** The real QR image names (empty without ../shared/samples/qr). */
function qrSampleNames() {
	if (!fs.existsSync(QR_SAMPLES_DIR)) return [];
	return fs.readdirSync(QR_SAMPLES_DIR).filter((name) => /\.(png|jpe?g)$/i.test(name)).sort();
}

const link = (to) => ({ node: to, type: 'main', index: 0 });

function ocrNode(id, name, position, parameters) {
	return {
		id,
		name,
		type: 'n8n-nodes-fapiao.invoiceOcr',
		typeVersion: 1.1,
		position,
		parameters: { binaryPropertyName: 'data', ...parameters },
		onError: 'continueErrorOutput',
		...(parameters.vendor === 'fallbackChain'
			? { credentials: { xinhuoApi: { id: 'e2eXinhuoCred', name: 'Xinhuo (local fake)' } } }
			: {}),
	};
}

function qrWorkflow() {
	const unreadable = Buffer.from(fakeSamples.png()).toString('base64');
	const chain = { vendor: 'fallbackChain', vendors: ['local', 'xinhuo'] };
	return {
		id: 'e2eQrSamples',
		name: 'E2E: invoice QR codes read in n8n',
		nodes: [
			{ id: 'q1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 200], parameters: {} },
			{
				id: 'q2',
				name: 'Read QR Images',
				type: 'n8n-nodes-base.readWriteFile',
				typeVersion: 1,
				position: [220, 100],
				parameters: { operation: 'read', fileSelector: `${QR_SAMPLES_DIR}/*.{png,jpg}`, options: {} },
			},
			{
				id: 'q3',
				name: 'Unreadable Photo',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 300],
				parameters: {
					jsCode: `return [{ json: {}, binary: { data: { data: '${unreadable}', mimeType: 'image/png', fileName: 'photo.png', fileExtension: 'png' } } }];`,
				},
			},
			ocrNode('q4', 'Read QR Locally', [440, 0], { vendor: 'local', options: {} }),
			ocrNode('q5', 'Chain, Key Fields Only', [440, 150], { ...chain, options: { maxRetries: 0, qrOnly: true } }),
			ocrNode('q6', 'Chain, Readable Image', [440, 300], { ...chain, options: { maxRetries: 0 } }),
			ocrNode('q7', 'Chain, Unreadable Image', [440, 450], { ...chain, options: { maxRetries: 0 } }),
		],
		connections: {
			Start: { main: [[link('Read QR Images'), link('Unreadable Photo')]] },
			'Read QR Images': { main: [[link('Read QR Locally'), link('Chain, Key Fields Only'), link('Chain, Readable Image')]] },
			'Unreadable Photo': { main: [[link('Chain, Unreadable Image')]] },
		},
		active: false,
		settings: { executionOrder: 'v1' },
	};
}

/**
 * Runs the workflow and checks each node's answer against the package's reader (the built dist/) on the same
 * bytes. Returns notes for the report.
 */
async function qrSamplesThroughN8n(n8n) {
	const { localAdapter } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'vendors', 'local'));
	const { sniffFormat } = require(path.join(REPO_ROOT, 'dist', 'nodes', 'shared', 'input', 'fileFormat'));
	const names = qrSampleNames();
	const workflow = qrWorkflow();
	await n8n.importWorkflow([workflow]);
	const result = await n8n.executeWorkflow(workflow.id);
	assert.ok(result.ok && result.run, `execution failed (exit ${result.exitCode})`);
	const read = nodeItems(result.run, 'Read QR Images');
	assert.equal(read.length, names.length, `n8n read ${read.length} of ${names.length} QR images`);
	const fileNameOf = (index) => read[index].binary.data.fileName;
	const notes = [];

	const local = nodeItems(result.run, 'Read QR Locally', 0);
	assert.deepEqual(nodeItems(result.run, 'Read QR Locally', 1), [], 'vendor local reads every shared QR image');
	assert.equal(local.length, names.length, 'one invoice per image');
	for (const item of local) {
		const fileName = fileNameOf(item.pairedItem.item);
		const bytes = fs.readFileSync(path.join(QR_SAMPLES_DIR, fileName));
		const expected = localAdapter.read({ bytes, format: sniffFormat(bytes), fileName });
		assert.ok(expected.ok, `${fileName}: the reader reads it`);
		const [invoice] = expected.invoices;
		assert.equal(item.json.readFrom, 'qr', `${fileName}: readFrom`);
		assert.equal(item.json.vendor, 'local');
		assert.equal(item.json.qr.text, invoice.qr.text, `${fileName}: payload`);
		assert.equal(item.json.qr.crc, 'valid', `${fileName}: CRC`);
		assert.equal(item.json.invoiceNumber, invoice.qr.invoiceNumber, `${fileName}: number`);
		assert.equal(item.json.dedupeKey.length > 0, true);
		notes.push(`${fileName}: ${item.json.qr.text} (${item.json.invoiceType}, total ${item.json.total})`);
	}

	const keyFieldsOnly = nodeItems(result.run, 'Chain, Key Fields Only', 0);
	assert.equal(keyFieldsOnly.length, names.length, 'Key Fields From QR Code Only: one answer per image');
	assert.ok(
		keyFieldsOnly.every((item) => item.json.vendor === 'local' && item.json.readFrom === 'qr'),
		`Key Fields From QR Code Only: no image goes to Xinhuo (${keyFieldsOnly.map((item) => item.json.vendor)})`,
	);

	const readable = nodeItems(result.run, 'Chain, Readable Image', 0);
	assert.deepEqual(nodeItems(result.run, 'Chain, Readable Image', 1), [], 'the chain answers every readable image');
	assert.ok(readable.length >= names.length, 'the vendor answered each image');
	assert.ok(
		readable.every((item) => item.json.vendor === 'xinhuo' && item.json.readFrom === 'ocr'),
		'without the option a readable image still goes to the vendor',
	);

	const unreadable = nodeItems(result.run, 'Chain, Unreadable Image', 0);
	assert.deepEqual(nodeItems(result.run, 'Chain, Unreadable Image', 1), [], 'the unreadable image does not fail');
	assert.ok(unreadable.length > 0 && unreadable.every((item) => item.json.vendor === 'xinhuo' && item.json.qr === null));
	notes.push(`chain local → xinhuo: ${readable.length} answers for ${names.length} readable images, ${unreadable.length} for the unreadable one (all by xinhuo); with Key Fields From QR Code Only: ${keyFieldsOnly.length} by local`);
	return notes;
}

module.exports = { QR_SAMPLES_DIR, qrSampleNames, qrSamplesThroughN8n, qrWorkflow };
