/**
 * Bounds for reading a PDF someone else made. An e-invoice is tens of kilobytes with a few dozen
 * objects; these leave room for a long sales list while a hostile file fails fast in bounded memory.
 */
export const PDF_LIMITS = {
	/** Objects the cross-reference data may declare. */
	maxObjects: 200_000,
	/** Bytes one decoded stream may reach (content, object stream, CMap). */
	maxStreamBytes: 16 * 1024 * 1024,
	/** Bytes all decoded streams of one document may reach together. */
	maxTotalDecodedBytes: 64 * 1024 * 1024,
	/** Operators interpreted on one page, Form XObjects included. */
	maxOperatorsPerPage: 1_000_000,
	/** Text runs kept per page. */
	maxRunsPerPage: 200_000,
	/** Array/dictionary nesting in one object. */
	maxNestingDepth: 64,
	/** Form XObjects inside Form XObjects. */
	maxFormDepth: 12,
	/** Unmatched `q` kept on the graphics-state stack. */
	maxGraphicsStateDepth: 256,
	/** Page-tree depth. */
	maxPageTreeDepth: 64,
	/** Pages read. */
	maxPages: 2_000,
	/** Cross-reference sections followed through `/Prev`. */
	maxXrefSections: 256,
	/** `N G R` hops from one reference to the object it finally names. */
	maxReferenceHops: 32,
	/** Code → text entries in one CMap. */
	maxCmapEntries: 200_000,
	/** Entries one `bfrange`/`cidrange` line may expand to. */
	maxCmapRange: 65_536,
	/** Bytes searched from the end for `startxref`. */
	startxrefWindow: 4096,
} as const;

export type PdfLimits = typeof PDF_LIMITS;
