/** Declarations of test/unit/qr/qrSamples.js. */
export declare const QR_SAMPLES_DIR: string;
export declare const HAVE_QR_SAMPLES: boolean;
export declare function qrSampleNames(): string[];
export declare function readQrSample(name: string): Buffer;
