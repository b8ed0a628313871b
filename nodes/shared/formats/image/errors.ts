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

/**
 * Runs `run` and hands back what it threw as a value, so the caller maps it outside a catch block
 * (n8n's lint wants no throws inside one).
 */
export function attempt<T>(run: () => T): T | { failure: unknown } {
	try {
		return run();
	} catch (error) {
		return { failure: error };
	}
}

export function isFailure<T>(value: T | { failure: unknown }): value is { failure: unknown } {
	return typeof value === 'object' && value !== null && 'failure' in value;
}

/**
 * Bytes of raw samples (before the conversion to gray) one PNG or TIFF may inflate to: 16-bit RGBA
 * at 16 MP, 8-bit RGBA at 32 MP. With `maxPixels` it bounds a bomb's memory, not only its pixels.
 */
export const MAX_RAW_BYTES = 128 * 1024 * 1024;

/** Pixels one decode may hold by default: a 40 MP frame is beyond any phone photo of an invoice. */
export const DEFAULT_MAX_PIXELS = 40_000_000;
