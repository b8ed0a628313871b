'use strict';
// OpenSSL (Debian's, 3.x: it has SM2 and SM3 and can set the SM2 signer ID) as the reference the signature
// checks are tested against. Plain JS for the same reason as test/support/node.js: Node's modules are refused
// in TypeScript by n8n's lint rules. Every function works on bytes and temporary files it removes itself.
const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const SM2_ID = '1234567812345678';

/** Why OpenSSL cannot serve as the reference here, or null when it can (3.x with SM2). */
function opensslMissingReason() {
	try {
		const version = execFileSync('openssl', ['version'], { encoding: 'utf8' });
		if (!/^OpenSSL 3\./.test(version)) return `openssl is ${version.trim()}, SM2 signer IDs need OpenSSL 3`;
		return null;
	} catch {
		return 'openssl is not installed (apt-get install -y openssl)';
	}
}

/** Runs `fn(dir)` in a fresh temporary folder, removed afterwards. */
function inTempDir(fn) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fapiao-sig-'));
	try {
		return fn(dir);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

function openssl(args, options = {}) {
	return execFileSync('openssl', args, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
}

/** A fresh SM2 key: its PEM private key and its SubjectPublicKeyInfo (DER). */
function sm2KeyPair() {
	return inTempDir((dir) => {
		const keyFile = path.join(dir, 'key.pem');
		openssl(['genpkey', '-algorithm', 'SM2', '-out', keyFile]);
		const privatePem = fs.readFileSync(keyFile, 'utf8');
		const publicDer = openssl(['pkey', '-in', keyFile, '-pubout', '-outform', 'DER']);
		return { privatePem, publicDer: new Uint8Array(publicDer) };
	});
}

/** OpenSSL's SM2-with-SM3 signature (DER r, s) of the message with the standard signer ID. */
function sm2Sign(privatePem, message) {
	return inTempDir((dir) => {
		const keyFile = path.join(dir, 'key.pem');
		const dataFile = path.join(dir, 'data.bin');
		fs.writeFileSync(keyFile, privatePem);
		fs.writeFileSync(dataFile, message);
		const signature = openssl(['pkeyutl', '-sign', '-rawin', '-digest', 'sm3', '-inkey', keyFile, '-in', dataFile,
			'-pkeyopt', `distid:${SM2_ID}`]);
		return new Uint8Array(signature);
	});
}

/** Whether OpenSSL accepts the SM2-with-SM3 signature under the standard signer ID. */
function sm2VerifyWithOpenssl(publicSpkiDer, message, signature) {
	return inTempDir((dir) => {
		const keyFile = path.join(dir, 'pub.der');
		const dataFile = path.join(dir, 'data.bin');
		const sigFile = path.join(dir, 'sig.bin');
		fs.writeFileSync(keyFile, publicSpkiDer);
		fs.writeFileSync(dataFile, message);
		fs.writeFileSync(sigFile, signature);
		try {
			const out = openssl(['pkeyutl', '-verify', '-pubin', '-keyform', 'DER', '-inkey', keyFile, '-rawin', '-digest',
				'sm3', '-in', dataFile, '-sigfile', sigFile, '-pkeyopt', `distid:${SM2_ID}`], { encoding: 'utf8' });
			return /Signature Verified Successfully/.test(out);
		} catch (error) {
			if (/Signature Verification Failure/.test(String(error.stdout))) return false;
			throw error;
		}
	});
}

/**
 * A self-signed certificate and its key for signing test PDFs: `rsa` (2048-bit), `ec` (P-256) or `sm2`. `commonName` and
 * `issuerName` end up in the certificate (self-signed, so subject = issuer = commonName).
 */
function selfSignedCertificate(kind, commonName) {
	return inTempDir((dir) => {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		if (kind === 'sm2') openssl(['genpkey', '-algorithm', 'SM2', '-out', keyFile]);
		else if (kind === 'ec') openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', keyFile]);
		else openssl(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
		const digest = kind === 'sm2' ? 'sm3' : 'sha256';
		const extra = kind === 'sm2' ? ['-sigopt', `distid:${SM2_ID}`] : [];
		openssl(['req', '-new', '-x509', '-key', keyFile, '-out', certFile, '-days', '3650', `-${digest}`, '-subj',
			`/CN=${commonName}`, '-utf8', ...extra]);
		return { keyPem: fs.readFileSync(keyFile, 'utf8'), certPem: fs.readFileSync(certFile, 'utf8'),
			certDer: new Uint8Array(openssl(['x509', '-in', certFile, '-outform', 'DER'])) };
	});
}

/** A CMS SignedData (DER) over `data`, with signed attributes, detached as a PDF signer writes it (or holding `data`). */
function cmsSignDetached(certificate, data, digest = 'sha256', encapsulate = false) {
	return inTempDir((dir) => {
		const keyFile = path.join(dir, 'key.pem');
		const certFile = path.join(dir, 'cert.pem');
		const dataFile = path.join(dir, 'data.bin');
		fs.writeFileSync(keyFile, certificate.keyPem);
		fs.writeFileSync(certFile, certificate.certPem);
		fs.writeFileSync(dataFile, data);
		return new Uint8Array(openssl(['cms', '-sign', '-binary', '-outform', 'DER', '-md', digest, '-signer', certFile,
			'-inkey', keyFile, '-in', dataFile, '-nosmimecap', ...(encapsulate ? ['-nodetach'] : [])]));
	});
}

/** A PKCS#1 v1.5 RSA signature over SHA-1 of `data` (the adbe.x509.rsa_sha1 way). */
function rsaSha1Sign(certificate, data) {
	return new Uint8Array(crypto.sign('sha1', data, certificate.keyPem));
}

module.exports = {
	SM2_ID,
	opensslMissingReason,
	sm2KeyPair,
	sm2Sign,
	sm2VerifyWithOpenssl,
	selfSignedCertificate,
	cmsSignDetached,
	rsaSha1Sign,
};
