/** Why an image could not be decoded; callers map these onto their own error codes. */
export type ImageFailure =
	/** A format or a variant of one the decoder does not read (GIF, WebP, arithmetic-coded JPEG, tiled TIFF). */
	| 'unsupported'
	/** The data ends before the image does. */
	| 'truncated'
	/** Over a limit (`maxPixels`, an absurd declared size, a decompression bomb). */
	| 'too-large'
	/** Broken data: impossible header values, invalid codes. */
	| 'corrupt';

export class ImageError extends Error {
	readonly reason: ImageFailure;

	constructor(reason: ImageFailure, message: string) {
		super(message);
		this.name = 'ImageError';
		this.reason = reason;
	}
}

/** Pixels one decode may hold by default: a 40 MP frame is beyond any phone photo of an invoice. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
