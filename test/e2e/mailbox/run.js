'use strict';
// The users' main job end to end: invoices arrive by mail → one routed item per invoice. A real IMAP server
// (Debian's Dovecot, on loopback, see dovecot.js) receives a supplier's mail by IMAP APPEND; n8n's own Email
// Trigger (IMAP) node in a real `n8n start` picks it up; Invoice OCR (node version 1.1) reads every attachment:
// the 数电 XML and OFD locally, a photo of a roll invoice through the Xinhuo fake, a scanned PDF through the
// Jumdata fake, while a signature logo and a calendar invite are skipped without a request; a Switch routes the
// invoices by type and the error output by code. The workflow is the shipped example,
// examples/mailbox-to-invoices.workflow.json, activated through n8n's REST API as a user would publish it.
//
// Run it with scripts/e2e-mailbox.sh [--no-build] [--keep]. Checks are named "harness:" (the test's own
// infrastructure: Dovecot, APPEND, n8n) or "package:" (this package's behavior); a check whose prerequisite
// failed fails as "blocked". The last line printed is "N passed, N failed"; everything stops by itself within
// TIME_LIMIT_MS.

const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const {
	N8nInstance,
	REPO_ROOT,
	ensureRealN8n,
	makeArtifactsDir,
	nodeItems,
	packPackage,
	requireNode24,
} = require('../n8n');
const pkg = require('../package-checks');
const { INVITE_MAIL_ATTACHMENTS, INVOICE_MAIL_ATTACHMENTS } = require('./attachments');
const { readLog, startDovecot } = require('./dovecot');
const { ImapClient, withImap } = require('./imap');
const { buildMail } = require('./mail');

const WORKFLOW_FILE = path.join(REPO_ROOT, 'examples', 'mailbox-to-invoices.workflow.json');
const IMAP_CREDENTIAL = { id: 'invoiceMailboxImap', name: 'Invoice mailbox (IMAP)', type: 'imap' };
const TRIGGER = 'New Invoice Mail';
const OCR = 'Invoice OCR';
const TYPE_BRANCHES = ['Deductible VAT', 'VAT Expenses', 'Travel', 'Other Invoices'];
const ERROR_BRANCHES = ['Fix Vendor Account', 'Retry Later', 'Manual Review'];
const TIME_LIMIT_MS = 15 * 60_000;
const SUPPLIER = '"Shanghai Example IT, Accounts" <ap@supplier.fapiao-e2e.test>';

function parseArgs(argv) {
	const options = { build: true, keep: false };
	for (const arg of argv) {
		if (arg === '--no-build') options.build = false;
		else if (arg === '--keep') options.keep = true;
		else throw new Error(`unknown option ${arg}`);
	}
	return options;
}

/** Named checks in order; one whose prerequisite failed is recorded as failed ("blocked"), never skipped. */
class Checks {
	constructor() {
		this.results = new Map();
	}

	async run(name, fn, { needs = [] } = {}) {
		const blocker = needs.find((need) => this.results.get(need) !== 'passed');
		if (blocker) return this.record(name, 'failed', 0, `blocked: "${blocker}" did not pass`);
		const started = Date.now();
		try {
			const note = await fn();
			this.record(name, 'passed', Date.now() - started, typeof note === 'string' ? note : '');
		} catch (error) {
			this.record(
				name,
				'failed',
				Date.now() - started,
				error && error.stack ? error.stack : String(error),
			);
		}
	}

	record(name, status, ms, detail) {
		this.results.set(name, status);
		console.log(
			`${status === 'passed' ? 'PASS' : 'FAIL'} ${name}${ms ? ` (${(ms / 1000).toFixed(1)} s)` : ''}`,
		);
		if (detail) {
			const lines = detail.split('\n').slice(0, 40);
			console.log(lines.map((line) => `     ${line}`).join('\n'));
		}
	}

	get failed() {
		return [...this.results].filter(([, status]) => status === 'failed').map(([name]) => name);
	}

	get passedCount() {
		return [...this.results.values()].filter((status) => status === 'passed').length;
	}
}

async function until(what, probe, { timeoutMs, intervalMs = 500 }) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, intervalMs));
	}
}

/** IMAP sessions of `user` that logged in and have not disconnected, from Dovecot's log. */
function openSessions(server, user) {
	const log = readLog(server);
	const open = new Set();
	for (const line of log.split('\n')) {
		const login = /imap-login: Info: Login: user=<([^>]*)>.*session=<([^>]+)>/.exec(line);
		if (login && login[1] === user) open.add(login[2]);
		const gone = /imap\([^)]*\)<\d+><([^>]+)>: Info: (Disconnected|Connection closed)/.exec(line);
		if (gone) open.delete(gone[1]);
	}
	return open;
}

/** Finished executions of a workflow, oldest first, from GET /rest/executions. */
async function finishedExecutions(n8n, cookie, workflowId) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId }));
	const response = await n8n.request('GET', `/rest/executions?filter=${filter}&limit=20`, {
		cookie,
	});
	assert.equal(response.status, 200, `GET /rest/executions: HTTP ${response.status}`);
	const results = response.body.data.results ?? [];
	return results
		.filter((execution) => !['new', 'running', 'waiting'].includes(execution.status))
		.sort((a, b) => Number(a.id) - Number(b.id));
}

/** One execution with its run data (n8n sends the data `flatted`), shaped as nodeItems() reads it. */
async function executionRun(n8n, cookie, executionId) {
	const response = await n8n.request('GET', `/rest/executions/${executionId}`, { cookie });
	assert.equal(
		response.status,
		200,
		`GET /rest/executions/${executionId}: HTTP ${response.status}`,
	);
	const flatted = require(require.resolve('flatted', { paths: [n8n.home] }));
	const execution = response.body.data;
	const data = typeof execution.data === 'string' ? flatted.parse(execution.data) : execution.data;
	return { execution, run: { data } };
}

/** Items of a node's output, or [] when the node did not run (a branch no item took). */
function itemsOrNone(run, node, output = 0) {
	return run.data.resultData.runData[node] ? nodeItems(run, node, output) : [];
}

function base64Of(data) {
	return (Buffer.isBuffer(data) ? data : Buffer.from(data, 'utf8')).toString('base64');
}

/** OCR requests a fake got, as the JSON text of their parsed bodies (files are base64 inside). */
function ocrRequests(handle) {
	return handle.requests
		.filter((entry) => entry.route === 'ocr')
		.map((entry) => JSON.stringify(entry.body));
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	requireNode24();
	const started = Date.now();
	const watchdog = setTimeout(() => {
		console.log(`[mailbox] time limit of ${TIME_LIMIT_MS / 60_000} min reached; stopping`);
		console.log('0 passed, 1 failed');
		process.exit(1);
	}, TIME_LIMIT_MS);
	const artifactsDir = makeArtifactsDir('mailbox');
	console.log(`[mailbox] logs of this run: ${path.relative(REPO_ROOT, artifactsDir)}`);
	const checks = new Checks();
	const state = {};

	const DOVECOT =
		'harness: Dovecot serves IMAP on loopback; a wrong password is refused, the right one logs in';
	const APPEND = 'harness: IMAP APPEND places a mail in INBOX with the flags asked for';
	const PACKAGE = 'package: builds, packs and installs into a real n8n';
	const FAKES = 'package: the vendor fakes start';
	const IMPORT =
		'package: credentials (vendors → fakes, IMAP → Dovecot) and the example workflow import';
	const START = 'harness: n8n start is ready and the owner logs in';
	const ACTIVE =
		'package: the workflow activates through the REST API and its trigger logs in to the mailbox';
	const FIRED =
		'package: the invoice mail, APPENDed to INBOX, triggers one execution that succeeds';
	const SECOND = 'package: a mail with only a logo and an invite triggers a second execution';

	try {
		await checks.run(DOVECOT, async () => {
			state.dovecot = await startDovecot();
			const client = await ImapClient.connect({ port: state.dovecot.port });
			const wrong = await client.login(state.dovecot.user, 'not-the-password');
			await client.logout();
			assert.equal(wrong.status, 'NO', `a wrong password got ${wrong.lines.join(' | ')}`);
			assert.match(wrong.lines.join('\n'), /AUTHENTICATIONFAILED/);
			const flags = await withImap(state.dovecot, (imap) => imap.flags('INBOX'));
			assert.deepEqual(flags, [], 'a fresh mailbox is empty');
			return `127.0.0.1:${state.dovecot.port}, user ${state.dovecot.user}; ${state.dovecot.greeting}`;
		});

		await checks.run(
			APPEND,
			async () => {
				// Already read, so the trigger (which asks for UNSEEN mail) must leave it alone.
				const probe = buildMail({
					from: SUPPLIER,
					to: state.dovecot.user,
					subject: 'Welcome to the invoice mailbox',
					text: 'Read already; not for the workflow.\r\n',
					attachments: [],
				});
				const appended = await withImap(state.dovecot, (imap) =>
					imap.append('INBOX', probe, ['\\Seen']),
				);
				assert.equal(appended.status, 'OK', appended.lines.join(' | '));
				const flags = await withImap(state.dovecot, (imap) => imap.flags('INBOX'));
				assert.equal(flags.length, 1, `INBOX holds ${flags.length} mails`);
				assert.ok(flags[0].includes('\\Seen'), `the probe's flags: ${flags[0]}`);
				return appended.lines[appended.lines.length - 1];
			},
			{ needs: [DOVECOT] },
		);

		await checks.run(PACKAGE, async () => {
			const home = await ensureRealN8n();
			state.n8n = new N8nInstance({ home, name: 'mailbox', artifactsDir });
			const packed = await packPackage({
				build: options.build,
				destination: artifactsDir,
				logDir: artifactsDir,
			});
			await state.n8n.installPackage(packed.tarball);
			return `${path.basename(packed.tarball)} into ${state.n8n.userFolder}`;
		});

		await checks.run(FAKES, async () => {
			state.fakes = pkg.loadFakes();
			state.fakeHandles = await state.fakes.startAllFakes();
			state.fakeUrls = pkg.fakeBaseUrls(state.fakeHandles);
		});

		await checks.run(
			IMPORT,
			async () => {
				const credentials = [
					...pkg.credentialsForImport(state.fakeUrls, state.fakes.FAKE_CREDENTIALS),
					{
						...IMAP_CREDENTIAL,
						data: {
							user: state.dovecot.user,
							password: state.dovecot.password,
							host: state.dovecot.host,
							port: state.dovecot.port,
							secure: false,
							allowUnauthorizedCerts: false,
						},
					},
				];
				await state.n8n.importCredentials(credentials);
				const workflow = pkg.useImportedCredentials(
					JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8')),
				);
				const trigger = workflow.nodes.find((node) => node.name === TRIGGER);
				const ocr = workflow.nodes.find((node) => node.name === OCR);
				assert.equal(
					trigger.credentials.imap.id,
					IMAP_CREDENTIAL.id,
					'the example names the IMAP credential',
				);
				assert.equal(trigger.parameters.dataPropertyAttachmentsPrefixName, 'attachment_');
				assert.equal(ocr.typeVersion, 1.1, 'the example uses Invoice OCR version 1.1');
				assert.equal(ocr.parameters.binaryPropertyName, 'attachment_*');
				await state.n8n.importWorkflow(workflow);
				state.workflow = workflow;
				return `${workflow.id}: ${workflow.nodes.length} nodes`;
			},
			{ needs: [DOVECOT, PACKAGE, FAKES] },
		);

		await checks.run(
			START,
			async () => {
				await state.n8n.startN8n();
				state.cookie = await state.n8n.setupOwner();
				return `ready in ${(state.n8n.server.readyMs / 1000).toFixed(1)} s at ${state.n8n.baseUrl}`;
			},
			{ needs: [PACKAGE] },
		);

		await checks.run(
			ACTIVE,
			async () => {
				const id = state.workflow.id;
				const before = openSessions(state.dovecot, state.dovecot.user);
				const got = await state.n8n.request('GET', `/rest/workflows/${id}`, {
					cookie: state.cookie,
				});
				assert.equal(got.status, 200, `GET /rest/workflows/${id}: HTTP ${got.status}`);
				const { versionId } = got.body.data;
				const activated = await state.n8n.request('POST', `/rest/workflows/${id}/activate`, {
					cookie: state.cookie,
					body: { versionId },
				});
				assert.equal(
					activated.status,
					200,
					`activate: HTTP ${activated.status} ${JSON.stringify(activated.body).slice(0, 400)}`,
				);
				assert.equal(
					activated.body.data.active,
					true,
					'the workflow is not active after activation',
				);
				const sessions = await until(
					'the trigger to log in to Dovecot',
					() => {
						const now = [...openSessions(state.dovecot, state.dovecot.user)].filter(
							(s) => !before.has(s),
						);
						return now.length ? now : null;
					},
					{ timeoutMs: 60_000 },
				);
				// Let it settle into IDLE on INBOX before the mail arrives.
				await new Promise((resolve) => setTimeout(resolve, 2000));
				return `version ${versionId}; trigger session ${sessions.join(', ')}`;
			},
			{ needs: [IMPORT, START, APPEND] },
		);

		const invoiceMail = buildMail({
			from: SUPPLIER,
			to: state.dovecot ? state.dovecot.user : 'finance@fapiao-e2e.test',
			subject: '六月发票 (June invoices), order 2025-0618',
			text: 'Dear finance team,\r\n\r\nplease find our invoices for June attached.\r\n\r\nKind regards\r\nAccounts\r\n',
			attachments: INVOICE_MAIL_ATTACHMENTS,
		});
		await checks.run(
			FIRED,
			async () => {
				const appended = await withImap(state.dovecot, (imap) => imap.append('INBOX', invoiceMail));
				assert.equal(appended.status, 'OK', appended.lines.join(' | '));
				const [execution] = await until(
					'an execution of the workflow',
					async () => {
						const list = await finishedExecutions(state.n8n, state.cookie, state.workflow.id);
						return list.length ? list : null;
					},
					{ timeoutMs: 120_000, intervalMs: 1000 },
				);
				const { run } = await executionRun(state.n8n, state.cookie, execution.id);
				state.first = run;
				const runError = run.data.resultData.error;
				assert.equal(
					execution.status,
					'success',
					`execution ${execution.id}: ${execution.status}${runError ? ` (${runError.message})` : ''}`,
				);
				return `execution ${execution.id}, mail of ${invoiceMail.length} bytes`;
			},
			{ needs: [ACTIVE] },
		);

		await checks.run(
			'package: the trigger item carries the six attachments as attachment_0 … attachment_5 with their names',
			() => {
				const items = nodeItems(state.first, TRIGGER);
				assert.equal(items.length, 1, `the trigger gave ${items.length} items for one mail`);
				const [mail] = items;
				assert.match(String(mail.json.subject), /六月发票/, 'the encoded subject is decoded');
				const names = INVOICE_MAIL_ATTACHMENTS.map((_, i) => `attachment_${i}`);
				assert.deepEqual(Object.keys(mail.binary ?? {}).sort(), names.sort());
				INVOICE_MAIL_ATTACHMENTS.forEach((attachment, i) => {
					assert.equal(
						mail.binary[`attachment_${i}`].fileName,
						attachment.fileName,
						`attachment_${i}`,
					);
				});
				return names.map((name) => `${name}=${mail.binary[name].fileName}`).join(', ');
			},
			{ needs: [FIRED] },
		);

		await checks.run(
			'package: Invoice OCR reads the XML and OFD locally, the photo with Xinhuo, the scanned PDF with Jumdata; pairing holds',
			() => {
				const items = nodeItems(state.first, OCR, 0);
				const failed = nodeItems(state.first, OCR, 1);
				assert.deepEqual(
					failed.map((item) => item.json.error),
					[],
					'no attachment of the invoice mail fails',
				);
				const expected = INVOICE_MAIL_ATTACHMENTS.map((attachment, i) => ({
					...attachment,
					property: `attachment_${i}`,
				})).filter((attachment) => attachment.expect);
				assert.equal(items.length, expected.length, `Invoice OCR gave ${items.length} items`);
				const notes = [];
				for (const attachment of expected) {
					const matching = items.filter(
						(item) => item.json.source?.binaryProperty === attachment.property,
					);
					assert.equal(matching.length, 1, `${attachment.fileName}: ${matching.length} items`);
					const [{ json, pairedItem }] = matching;
					const { expect } = attachment;
					assert.equal(
						json.source.fileName,
						attachment.fileName,
						`${attachment.property}: source.fileName`,
					);
					assert.equal(json.vendor, expect.vendor, `${attachment.fileName}: vendor`);
					assert.equal(json.invoiceType, expect.invoiceType, `${attachment.fileName}: invoiceType`);
					assert.equal(json.invoiceNumber, expect.invoiceNumber, `${attachment.fileName}: number`);
					assert.equal(json.total, expect.total, `${attachment.fileName}: total`);
					assert.equal(typeof json.dedupeKey, 'string', `${attachment.fileName}: dedupeKey`);
					assert.deepEqual(pairedItem, { item: 0 }, `${attachment.fileName}: pairedItem`);
					notes.push(
						`${attachment.fileName} → ${json.vendor} ${json.invoiceType} ${json.invoiceNumber} ${json.total}`,
					);
				}
				return notes.join('\n');
			},
			{ needs: [FIRED] },
		);

		await checks.run(
			'package: the logo and the calendar invite cost no request and give no item; each invoice file one request',
			() => {
				const handles = state.fakeHandles;
				const skipped = INVOICE_MAIL_ATTACHMENTS.filter((attachment) => !attachment.expect);
				const sentTo = (vendor) => ocrRequests(handles[vendor]);
				const byVendor = Object.fromEntries(pkg.VENDORS.map((vendor) => [vendor, sentTo(vendor)]));
				for (const attachment of INVOICE_MAIL_ATTACHMENTS) {
					const base64 = base64Of(attachment.data);
					const carriers = pkg.VENDORS.filter((vendor) =>
						byVendor[vendor].some((body) => body.includes(base64)),
					);
					const wanted =
						attachment.expect && attachment.expect.vendor !== 'local'
							? [attachment.expect.vendor]
							: [];
					assert.deepEqual(
						carriers,
						wanted,
						`${attachment.fileName} was sent to ${carriers.join(', ') || 'no vendor'}`,
					);
				}
				assert.deepEqual(
					Object.fromEntries(pkg.VENDORS.map((vendor) => [vendor, byVendor[vendor].length])),
					{ juhe: 0, volcengine: 0, jumdata: 1, xinhuo: 1, webank: 0 },
					'OCR requests per vendor',
				);
				const properties = nodeItems(state.first, OCR, 0).map(
					(item) => item.json.source.binaryProperty,
				);
				for (const attachment of skipped) {
					const property = `attachment_${INVOICE_MAIL_ATTACHMENTS.indexOf(attachment)}`;
					assert.ok(!properties.includes(property), `${attachment.fileName} gave an item`);
				}
				return `requests: xinhuo 1 (the photo), jumdata 1 (the scan); skipped: ${skipped.map((a) => a.fileName).join(', ')}`;
			},
			{ needs: [FIRED] },
		);

		await checks.run(
			'package: the Switch sends each invoice to its branch; the error branches get nothing',
			() => {
				const numbersIn = (node) =>
					itemsOrNone(state.first, node)
						.map((item) => item.json.invoiceNumber)
						.sort();
				const expected = Object.fromEntries(
					[...TYPE_BRANCHES, ...ERROR_BRANCHES].map((branch) => [branch, []]),
				);
				for (const { expect } of INVOICE_MAIL_ATTACHMENTS) {
					if (expect) expected[expect.branch].push(expect.invoiceNumber);
				}
				for (const branch of Object.keys(expected)) expected[branch].sort();
				const actual = Object.fromEntries(
					Object.keys(expected).map((branch) => [branch, numbersIn(branch)]),
				);
				assert.deepEqual(actual, expected);
				return Object.entries(actual)
					.filter(([, numbers]) => numbers.length)
					.map(([branch, numbers]) => `${branch}: ${numbers.join(', ')}`)
					.join('; ');
			},
			{ needs: [FIRED] },
		);

		await checks.run(
			'package: the trigger marks the processed mail as read and leaves the read probe alone',
			async () => {
				const flags = await withImap(state.dovecot, (imap) => imap.flags('INBOX'));
				assert.equal(flags.length, 2, `INBOX holds ${flags.length} mails`);
				assert.ok(
					flags.every((list) => list.includes('\\Seen')),
					`flags: ${JSON.stringify(flags)}`,
				);
				const executions = await finishedExecutions(state.n8n, state.cookie, state.workflow.id);
				assert.equal(executions.length, 1, `${executions.length} executions for one unread mail`);
			},
			{ needs: [FIRED] },
		);

		const inviteMail = buildMail({
			from: SUPPLIER,
			to: state.dovecot ? state.dovecot.user : 'finance@fapiao-e2e.test',
			subject: 'Invitation: month-end close',
			text: 'Invitation attached.\r\n',
			attachments: INVITE_MAIL_ATTACHMENTS,
		});
		await checks.run(
			SECOND,
			async () => {
				const requestsBefore = pkg.VENDORS.map(
					(vendor) => state.fakeHandles[vendor].requests.length,
				);
				state.requestsBefore = requestsBefore;
				const appended = await withImap(state.dovecot, (imap) => imap.append('INBOX', inviteMail));
				assert.equal(appended.status, 'OK', appended.lines.join(' | '));
				const executions = await until(
					'a second execution',
					async () => {
						const list = await finishedExecutions(state.n8n, state.cookie, state.workflow.id);
						return list.length >= 2 ? list : null;
					},
					{ timeoutMs: 120_000, intervalMs: 1000 },
				);
				const second = executions[executions.length - 1];
				const { run } = await executionRun(state.n8n, state.cookie, second.id);
				state.second = run;
				assert.equal(second.status, 'success', `execution ${second.id}: ${second.status}`);
				return `execution ${second.id}`;
			},
			{ needs: [FIRED] },
		);

		await checks.run(
			'package: that mail gives one NO_INVOICE_FOUND item on the error output (Manual Review) and no request',
			() => {
				assert.deepEqual(
					nodeItems(state.second, OCR, 0),
					[],
					'no invoice from a logo and an invite',
				);
				const failed = nodeItems(state.second, OCR, 1);
				assert.equal(failed.length, 1, `${failed.length} failed items`);
				assert.equal(
					failed[0].json.error.code,
					'NO_INVOICE_FOUND',
					JSON.stringify(failed[0].json.error),
				);
				assert.deepEqual(failed[0].pairedItem, { item: 0 }, 'pairedItem');
				const review = itemsOrNone(state.second, 'Manual Review');
				assert.equal(review.length, 1, `Manual Review got ${review.length} items`);
				for (const branch of ['Fix Vendor Account', 'Retry Later', ...TYPE_BRANCHES]) {
					assert.equal(itemsOrNone(state.second, branch).length, 0, `${branch} got items`);
				}
				const requestsAfter = pkg.VENDORS.map(
					(vendor) => state.fakeHandles[vendor].requests.length,
				);
				assert.deepEqual(
					requestsAfter,
					state.requestsBefore,
					'vendor requests during the second mail',
				);
				return failed[0].json.error.message;
			},
			{ needs: [SECOND] },
		);
	} finally {
		if (state.n8n) await state.n8n.stop({ keep: options.keep });
		if (state.fakeHandles) await state.fakeHandles.closeAll();
		if (state.dovecot) {
			fs.writeFileSync(path.join(artifactsDir, 'dovecot.log'), readLog(state.dovecot));
			await state.dovecot.stop();
		}
		clearTimeout(watchdog);
	}

	const failed = checks.failed;
	console.log(`[mailbox] time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
	if (failed.length)
		console.log(`[mailbox] failed:\n${failed.map((name) => `  - ${name}`).join('\n')}`);
	console.log(`${checks.passedCount} passed, ${failed.length} failed`);
	return failed.length === 0 ? 0 : 1;
}

main().then(
	// Exit explicitly: an IMAP or HTTP handle left open must not keep a finished run alive.
	(code) => process.exit(code),
	(error) => {
		console.error(error);
		console.log('0 passed, 1 failed');
		process.exit(1);
	},
);
