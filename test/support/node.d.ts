/** Declarations of test/support/node.js: the few Node functions the TypeScript tests use. */
export interface DeflateOptions {
	level?: number;
	strategy?: number;
	finishFlush?: number;
}
export declare const REPO_ROOT: string;
export declare function readFileSync(path: string): Buffer;
export declare function readFileSync(path: string, encoding: 'utf8'): string;
export declare function deflateRawSync(data: Uint8Array, options?: DeflateOptions): Buffer;
export declare function deflateSync(data: Uint8Array, options?: DeflateOptions): Buffer;
export declare const zlibConstants: {
	Z_FIXED: number;
	Z_HUFFMAN_ONLY: number;
	Z_RLE: number;
	Z_FILTERED: number;
	Z_SYNC_FLUSH: number;
};
export declare function nextMacrotask(): Promise<void>;
/** Runs `work`, returning its result or what it threw, with the CPU milliseconds it took. */
export declare function cpuTimed<T>(work: () => T): { result?: T; error?: unknown; cpuMs: number };
