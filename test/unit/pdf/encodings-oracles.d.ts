/** Declarations of encodings-oracles.js. */
export function publishedAdobeGb1(): number[] | null;
export function ucdRadicalsSupplement(): Array<[number, number]> | null;
export function pdfjsTextOfBytes(pdfs: Uint8Array[]): Array<{ pages: Array<Array<{ str: string; x: number; y: number }>> }>;
