/**
 * What one signature check found, before the file-level summary: the same keys as the output's
 * SignatureInfo less `format`, which the file kind decides.
 */
import type { SignatureInfo, SignatureStatus } from '../../types';
import { isBase64Text } from '../bytes';

export type SignatureFinding = Omit<SignatureInfo, 'format'>;

/** How bad a status is, for summing up several signatures in one file: the worst one is the file's. */
const SEVERITY: Record<SignatureStatus, number> = {
	valid: 0,
	unsigned: 1,
	unverifiable: 2,
	modified: 3,
	invalid: 4,
};

/** The finding that speaks for the file: the worst status, the first signature among equals. */
export function worstFinding(findings: SignatureFinding[]): SignatureFinding {
	let worst = findings[0];
	for (const finding of findings) if (SEVERITY[finding.status] > SEVERITY[worst.status]) worst = finding;
	return worst;
}

export function finding(
	status: SignatureStatus,
	detail: string | undefined,
	who: Partial<Pick<SignatureFinding, 'signer' | 'issuer' | 'signedAt' | 'testCertificate'>> = {},
): SignatureFinding {
	const result: SignatureFinding = {
		status,
		signer: who.signer ?? null,
		issuer: who.issuer ?? null,
		signedAt: who.signedAt ?? null,
		testCertificate: who.testCertificate ?? false,
	};
	if (detail) result.detail = detail;
	return result;
}

/** Standard base64 (whitespace ignored) to bytes; null when it is not base64. */
export function fromBase64(text: string): Uint8Array | null {
	const clean = text.replace(/\s+/g, '');
	if (!isBase64Text(clean) || clean.length % 4 === 1) return null;
	return new Uint8Array(Buffer.from(clean, 'base64'));
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
	return true;
}
