/** Declarations of test/support/samples.js. */
export declare const SAMPLES_DIR: string;
export declare const HAVE_SAMPLES: boolean;
export declare function describeWithSamples(name: string, fn: () => void): void;
export declare function sample(kind: 'xml' | 'ofd' | 'pdf', name: string): Buffer;
export declare function sampleNames(kind: 'xml' | 'ofd' | 'pdf'): string[];
