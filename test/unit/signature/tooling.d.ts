/** Declarations of tooling.js: OpenSSL as the reference for the signature checks' tests. */
export declare const SM2_ID: string;
export declare function opensslMissingReason(): string | null;
export declare function sm2KeyPair(): { privatePem: string; publicDer: Uint8Array };
export declare function sm2Sign(privatePem: string, message: Uint8Array): Uint8Array;
export declare function sm2VerifyWithOpenssl(publicSpkiDer: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean;
export interface TestCertificate {
	keyPem: string;
	certPem: string;
	certDer: Uint8Array;
}
export declare function selfSignedCertificate(kind: 'rsa' | 'ec' | 'sm2', commonName: string): TestCertificate;
export declare function cmsSignDetached(certificate: TestCertificate, data: Uint8Array, digest?: string, encapsulate?: boolean): Uint8Array;
export declare function rsaSha1Sign(certificate: TestCertificate, data: Uint8Array): Uint8Array;
