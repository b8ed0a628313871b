/** Declarations of test/unit/qr/synthetic.js. */
export interface Gray {
	width: number;
	height: number;
	data: Uint8Array;
}
export interface RenderOptions {
	ecLevel?: 'L' | 'M' | 'Q' | 'H';
	version?: number;
	moduleSize?: number;
	quietZone?: number;
	rotation?: number;
	perspective?: number;
	canvas?: { width: number; height: number };
	at?: { x: number; y: number };
	blur?: number;
	noise?: number;
	unevenLight?: number;
	invert?: boolean;
	contrast?: number;
	seed?: number;
	mirror?: boolean;
}
export declare function renderQr(text: string, options?: RenderOptions): Gray;
export declare function toJpeg(image: Gray, quality: number): Uint8Array;
export declare function fromJpeg(bytes: Uint8Array): Gray;
export declare function fromPng(bytes: Uint8Array): Gray;
export declare function toRgba(image: Gray): Uint8ClampedArray;
export declare function jsqrRead(image: Gray): string | null;
export declare function encode(
	text: string,
	ecLevel?: 'L' | 'M' | 'Q' | 'H',
	version?: number,
): { size: number; dark: (x: number, y: number) => boolean };
export declare function seededRandom(seed: number): () => number;
export declare function invoicePayload(fields?: {
	type?: string;
	code?: string;
	number?: string;
	amount?: string;
	date?: string;
	check?: string;
}): string;
export declare function gaussianBlur(
	data: Float32Array,
	width: number,
	height: number,
	sigma: number,
): Float32Array;
export declare function qrcodeTables(): {
	version: number;
	level: string;
	blocks: number;
	ecTotal: number;
	total: number;
	alignment: number[];
}[];
export interface CorpusEntry {
	category: string;
	name: string;
	text: string;
	options: RenderOptions;
	jpegQuality?: number;
}
export declare function syntheticCorpus(): CorpusEntry[];
export declare function renderEntry(entry: CorpusEntry): Gray;
export declare function invoicePhoto(
	text: string,
	options?: {
		width?: number;
		height?: number;
		moduleSize?: number;
		corner?: 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';
		rotation?: number;
		blur?: number;
		seed?: number;
	},
): Gray;
export declare function toPng(image: Gray): Uint8Array;
export declare function startCpuClock(): () => number;
