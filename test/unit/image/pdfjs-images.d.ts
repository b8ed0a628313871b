/** Declarations of pdfjs-images.js. */
export interface PdfjsImage {
	page: number;
	width: number;
	height: number;
	gray: Uint8Array;
}
export declare function pdfjsImages(names: string[]): Array<{ file: string; images: PdfjsImage[] }>;
