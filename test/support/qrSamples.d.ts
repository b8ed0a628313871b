/** Declarations of test/support/qrSamples.js. */
export declare const QR_SAMPLES_DIR: string;
export declare const HAVE_QR_SAMPLES: boolean;
export declare function describeWithQrSamples(name: string, fn: () => void): void;
export declare function qrSample(name: string): Buffer;
export declare function qrSampleNames(): string[];
