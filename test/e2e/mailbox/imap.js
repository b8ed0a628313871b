'use strict';
// The few IMAP4rev1 commands (RFC 3501) the mailbox test needs, over a plain loopback socket: LOGIN, APPEND a
// message (a synchronizing literal), SELECT, FETCH FLAGS, LOGOUT. Deliberately not n8n's own IMAP library: the
// mail must be placed by an independent client, as a real mail server's delivery would.

const net = require('node:net');

/** A quoted IMAP string (RFC 3501 §4.3): backslash and double quote escaped. */
function quoted(text) {
	return `"${String(text).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

class ImapClient {
	constructor(socket) {
		this.socket = socket;
		this.buffer = '';
		this.waiters = [];
		this.tagCount = 0;
		socket.setEncoding('latin1');
		socket.on('data', (chunk) => {
			this.buffer += chunk;
			this.flush();
		});
		socket.on('error', (error) => this.fail(error));
		socket.on('close', () => this.fail(new Error('the IMAP connection closed')));
	}

	/** Connects and reads the greeting. */
	static connect({ host = '127.0.0.1', port, timeoutMs = 10_000 }) {
		return new Promise((resolve, reject) => {
			const socket = net.connect(port, host);
			socket.setTimeout(timeoutMs, () => socket.destroy(new Error('IMAP timeout')));
			socket.once('error', reject);
			socket.once('connect', () => {
				const client = new ImapClient(socket);
				client
					.waitFor((line) => line.startsWith('* OK') || line.startsWith('* BYE'))
					.then((lines) => {
						socket.off('error', reject);
						const greeting = lines[lines.length - 1];
						if (greeting.startsWith('* BYE')) reject(new Error(greeting));
						else resolve(client);
					}, reject);
			});
		});
	}

	flush() {
		while (this.waiters.length) {
			const waiter = this.waiters[0];
			const end = this.buffer.indexOf('\r\n');
			if (end === -1) return;
			const line = this.buffer.slice(0, end);
			this.buffer = this.buffer.slice(end + 2);
			waiter.lines.push(line);
			if (waiter.done(line)) {
				this.waiters.shift();
				waiter.resolve(waiter.lines);
			}
		}
	}

	fail(error) {
		for (const waiter of this.waiters.splice(0)) waiter.reject(error);
	}

	waitFor(done) {
		return new Promise((resolve, reject) => {
			this.waiters.push({ done, resolve, reject, lines: [] });
			this.flush();
		});
	}

	/** Sends a command; resolves { status: 'OK' | 'NO' | 'BAD', lines } once its tagged answer arrives. */
	async command(text) {
		const tag = `T${++this.tagCount}`;
		const answer = this.waitFor((line) => line.startsWith(`${tag} `));
		this.socket.write(`${tag} ${text}\r\n`, 'latin1');
		const lines = await answer;
		const status = lines[lines.length - 1].slice(tag.length + 1).split(' ')[0];
		return { status, lines };
	}

	async login(user, password) {
		return this.command(`LOGIN ${quoted(user)} ${quoted(password)}`);
	}

	/** APPEND with a synchronizing literal: the server's "+" continuation comes before the message bytes. */
	async append(mailbox, message, flags = []) {
		const bytes = Buffer.isBuffer(message) ? message : Buffer.from(message, 'utf8');
		const tag = `T${++this.tagCount}`;
		const continuation = this.waitFor((line) => line.startsWith('+') || line.startsWith(`${tag} `));
		this.socket.write(
			`${tag} APPEND ${quoted(mailbox)} (${flags.join(' ')}) {${bytes.length}}\r\n`,
			'latin1',
		);
		const ready = await continuation;
		const last = ready[ready.length - 1];
		if (!last.startsWith('+')) return { status: last.split(' ')[1], lines: ready };
		const answer = this.waitFor((line) => line.startsWith(`${tag} `));
		this.socket.write(bytes);
		this.socket.write('\r\n');
		const lines = await answer;
		return { status: lines[lines.length - 1].split(' ')[1], lines };
	}

	/** The flags of every message in the mailbox, in sequence order: [['\\Seen'], []]. */
	async flags(mailbox) {
		const selected = await this.command(`SELECT ${quoted(mailbox)}`);
		if (selected.status !== 'OK')
			throw new Error(`SELECT ${mailbox}: ${selected.lines.join(' | ')}`);
		const exists = selected.lines.map((line) => /^\* (\d+) EXISTS/.exec(line)).find(Boolean);
		if (!exists || exists[1] === '0') return [];
		const fetched = await this.command('FETCH 1:* (FLAGS)');
		return fetched.lines
			.map((line) => /^\* \d+ FETCH \(FLAGS \(([^)]*)\)\)/.exec(line))
			.filter(Boolean)
			.map((match) => match[1].split(' ').filter(Boolean));
	}

	async logout() {
		try {
			await this.command('LOGOUT');
		} catch {
			// the server closes the connection after its BYE; nothing more to read
		}
		this.socket.destroy();
	}
}

/** One connection: LOGIN, run `fn(client)`, LOGOUT. */
async function withImap({ host, port, user, password }, fn) {
	const client = await ImapClient.connect({ host, port });
	try {
		const login = await client.login(user, password);
		if (login.status !== 'OK') throw new Error(`LOGIN ${user} refused: ${login.lines.join(' | ')}`);
		return await fn(client);
	} finally {
		await client.logout();
	}
}

module.exports = { ImapClient, withImap };
