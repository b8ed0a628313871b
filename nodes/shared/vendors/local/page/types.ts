/**
 * The geometry reader's input, whatever the file format: pages of positioned text runs (a PDF text
 * layer's runs, or one run per glyph from an OFD's text objects), in points from the page's top-left
 * corner, with the ruling lines the page draws.
 */
import type { Rule, TextRun } from '../../../formats/pdf';

/** Text drawn in one go: its baseline start, font size, advance width and writing angle. */
export type PageRun = TextRun;
/** A horizontal or vertical ruling line. */
export type PageRule = Rule;

export interface GlyphPage {
	/** 1-based. */
	number: number;
	width: number;
	height: number;
	runs: PageRun[];
	rules: PageRule[];
	/** Images drawn: a page with images and no text is a scan. */
	images: number;
}
