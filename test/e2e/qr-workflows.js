'use strict';
// examples/qr-photo-verify.workflow.json, written by this script (the photo is a made-up invoice's QR code
// rendered with the `qrcode` dev dependency, so the repository holds no real invoice):
//
//   node test/e2e/qr-workflows.js --write   # rewrite it
//   node test/e2e/qr-workflows.js --check   # exit 1 when the committed file differs
//
// A photo of a paper invoice → Invoice OCR with vendor "local" (the QR code's key fields, readFrom "qr", no paid
// call) → Verify Invoice (the tax system's whole invoice in verification.invoice) → Switch on verification.status.

const fs = require('node:fs');
const path = require('node:path');

const { invoicePayload, renderQr, toPng } = require('../unit/qr/synthetic');

const REPO_ROOT = path.join(__dirname, '..', '..');
const QR_PHOTO_FILE = path.join(REPO_ROOT, 'examples', 'qr-photo-verify.workflow.json');

/** A made-up 增值税电子普通发票 (type 10): 金额 1000.00 before tax, a check code; no registry holds it. */
const PHOTO_PAYLOAD = invoicePayload({
	type: '10',
	code: '044031900104',
	number: '19283746',
	amount: '1000.00',
	date: '20261120',
	check: '71208563401937520486',
});

function node(id, name, type, typeVersion, position, parameters, extra = {}) {
	return { parameters, id, name, type, typeVersion, position, ...extra };
}

const link = (to, index = 0) => ({ node: to, type: 'main', index });

function statusRule(index, status, output) {
	return {
		conditions: {
			options: { caseSensitive: true, leftValue: '', typeValidation: 'loose', version: 2 },
			conditions: [
				{
					id: `s${index}`,
					leftValue: '={{ $json.verification.status }}',
					rightValue: status,
					operator: { type: 'string', operation: 'equals' },
				},
			],
			combinator: 'and',
		},
		renameOutput: true,
		outputKey: output,
	};
}

function qrPhotoWorkflow() {
	const png = Buffer.from(toPng(renderQr(PHOTO_PAYLOAD, { moduleSize: 4, quietZone: 4 })));
	const photo = { data: png.toString('base64'), mimeType: 'image/png', fileName: 'invoice-qr.png', fileExtension: 'png' };
	const jsCode =
		'// A photo of a paper invoice, as a mail or a chat upload brings it (here only its QR code, inline). In a real\n' +
		'// workflow this is the trigger that receives the photo: Invoice OCR reads the QR code in n8n, free.\n' +
		`return [{ json: { example: 'photo of a paper invoice' }, binary: { data: ${JSON.stringify(photo)} } }];`;
	return {
		id: 'fapiaoQrPhotoVerify',
		name: 'Invoice photo: QR code read in n8n, then verified',
		nodes: [
			node('start', 'Start', 'n8n-nodes-base.manualTrigger', 1, [0, 304], {}),
			node('photo', 'Invoice Photo', 'n8n-nodes-base.code', 2, [240, 304], { jsCode }),
			node(
				'qr',
				'Invoice OCR',
				'n8n-nodes-fapiao.invoiceOcr',
				1.1,
				[480, 304],
				{ vendor: 'local', options: {} },
				{ onError: 'continueErrorOutput' },
			),
			node(
				'verify',
				'Verify Invoice',
				'n8n-nodes-fapiao.verifyInvoice',
				1,
				[736, 208],
				{ operation: 'verify', vendor: 'webank', options: {} },
				{ onError: 'continueErrorOutput', credentials: { webankApi: { id: 'demoWebankCredential', name: 'WeBank account' } } },
			),
			node('no-qr', 'No QR Code Read', 'n8n-nodes-base.noOp', 1, [736, 448], {}),
			node('by-status', 'Route by Verification Status', 'n8n-nodes-base.switch', 3.2, [1008, 112], {
				rules: {
					values: [
						statusRule(1, 'MATCH', 'Verified'),
						statusRule(2, 'MISMATCH', 'Details Differ'),
						statusRule(3, 'NOT_FOUND', 'Not Found'),
					],
				},
				options: { fallbackOutput: 'extra', renameFallbackOutput: 'Other Status' },
			}),
			node('verification-failed', 'Verification Failed', 'n8n-nodes-base.noOp', 1, [1008, 448], {}),
			node('verified', 'Book as Genuine', 'n8n-nodes-base.noOp', 1, [1280, -96], {}),
			node('details-differ', 'Correct the Details', 'n8n-nodes-base.noOp', 1, [1280, 64], {}),
			node('not-found', 'Reject Invoice', 'n8n-nodes-base.noOp', 1, [1280, 224], {}),
			node('other-status', 'Check by Hand', 'n8n-nodes-base.noOp', 1, [1280, 384], {}),
		],
		connections: {
			Start: { main: [[link('Invoice Photo')]] },
			'Invoice Photo': { main: [[link('Invoice OCR')]] },
			'Invoice OCR': { main: [[link('Verify Invoice')], [link('No QR Code Read')]] },
			'Verify Invoice': { main: [[link('Route by Verification Status')], [link('Verification Failed')]] },
			'Route by Verification Status': {
				main: [[link('Book as Genuine')], [link('Correct the Details')], [link('Reject Invoice')], [link('Check by Hand')]],
			},
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
	};
}

const render = (workflow) => `${JSON.stringify(workflow, null, '\t')}\n`;

if (require.main === module) {
	const text = render(qrPhotoWorkflow());
	const relative = path.relative(REPO_ROOT, QR_PHOTO_FILE);
	if (process.argv[2] === '--write') {
		fs.writeFileSync(QR_PHOTO_FILE, text);
		console.log(`wrote ${relative}`);
	} else if (!fs.existsSync(QR_PHOTO_FILE) || fs.readFileSync(QR_PHOTO_FILE, 'utf8') !== text) {
		console.log(`${relative} differs from its generator: run node test/e2e/qr-workflows.js --write`);
		process.exit(1);
	}
}

module.exports = { PHOTO_PAYLOAD, QR_PHOTO_FILE, qrPhotoWorkflow, render };
