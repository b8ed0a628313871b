/**
 * Raster images to 8-bit gray for reading QR codes: PNG, JPEG, BMP and TIFF (fax-compressed too),
 * in plain TypeScript with no dependencies. Pure (bytes in, pixels out), bounded by `maxPixels` before any pixel buffer is
 * allocated; failures are `ImageError`s. Output is upright (EXIF orientation applied).
 */
import { bmpHeader, decodeBmp, isBmp } from './bmp';
import { attempt, DEFAULT_MAX_PIXELS, ImageError, isFailure } from './errors';
import { applyOrientation, clipRect, cropAndDownsample, type GrayImage, type Rect, storedRect, swapsAxes } from './gray';
import { decodeJpeg, isJpeg, jpegInfo } from './jpeg';
import { decodePng, isPng, pngHeader, pngOrientation } from './png';
import { decodeTiff, isTiff, readFirstIfd, tiffSize } from './tiff';

export { DEFAULT_MAX_PIXELS, ImageError, type ImageFailure } from './errors';
export type { GrayImage, Rect } from './gray';
export { ofdImageEntries } from './ofd';

export type ImageFormat = 'png' | 'jpeg' | 'bmp' | 'tiff' | 'gif' | 'webp';

/** The format the bytes start like (file names lie: a `.png` that is a JPEG is common). */
export function sniffImage(bytes: Uint8Array): ImageFormat | null {
	if (isPng(bytes)) return 'png';
	if (isJpeg(bytes)) return 'jpeg';
	if (isTiff(bytes)) return 'tiff';
	if (bytes.length >= 6 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46 && bytes[3] === 0x38) return 'gif';
	if (
		bytes.length >= 12 &&
		String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) === 'RIFF' &&
		String.fromCharCode(bytes[8], bytes[9], bytes[10], bytes[11]) === 'WEBP'
	) {
		return 'webp';
	}
	if (isBmp(bytes)) {
		// "BM" alone is weak: the header size must be one BMP defines.
		const headerSize = bytes[14] | (bytes[15] << 8) | (bytes[16] << 16) | (bytes[17] << 24);
		if ([12, 40, 52, 56, 64, 108, 124].includes(headerSize)) return 'bmp';
	}
	return null;
}

/** Upright width and height from the header alone (cheap); null when the bytes are not a readable header. */
export function imageSize(bytes: Uint8Array): { width: number; height: number; format: ImageFormat } | null {
	const format = sniffImage(bytes);
	const size = attempt(() => headerSize(bytes, format));
	if (!isFailure(size)) return size;
	if (size.failure instanceof ImageError) return null;
	throw size.failure;
}

function headerSize(bytes: Uint8Array, format: ImageFormat | null): { width: number; height: number; format: ImageFormat } | null {
	switch (format) {
		case 'png': {
			const { width, height } = pngHeader(bytes);
			return swapsAxes(pngOrientation(bytes)) ? { width: height, height: width, format } : { width, height, format };
		}
		case 'jpeg': {
			const info = jpegInfo(bytes);
			return swapsAxes(info.orientation)
				? { width: info.height, height: info.width, format }
				: { width: info.width, height: info.height, format };
		}
		case 'bmp': {
			const { width, height } = bmpHeader(bytes);
			return { width, height, format };
		}
		case 'tiff': {
			const { width, height } = tiffSize(bytes);
			const orientation = readFirstIfd(bytes).get(274)?.[0] ?? 1;
			return swapsAxes(orientation) ? { width: height, height: width, format } : { width, height, format };
		}
		default:
			return null;
	}
}

export interface DecodeOptions {
	/**
	 * Pixels the decoder may hold (default 40 MP), checked from the header before any pixel buffer:
	 * for JPEG the scaled output (and the full size for progressive, whose coefficients are kept); for
	 * the other formats the full size (they are decoded whole, then cropped and downsampled).
	 */
	maxPixels?: number;
	/** Output 1/scale of the size: JPEG by scaled IDCT (1/8 = DC only), the others by box averaging. */
	scale?: 1 | 2 | 4 | 8;
	/**
	 * Only this part, in upright full-scale pixels (after EXIF orientation); clipped to the image.
	 * The output covers the region's scaled pixels (`floor(x/scale)` to `ceil((x+width)/scale)`).
	 * JPEG transforms only the blocks under it and stops reading each scan after its last row.
	 */
	region?: Rect;
	/** Apply the EXIF/TIFF orientation (default true); false gives the pixels as stored (PDF's DCT images). */
	exifOrientation?: boolean;
}

/** Decodes an image to upright 8-bit gray; throws `ImageError`. */
export function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): GrayImage {
	const format = sniffImage(bytes);
	const scale = options.scale ?? 1;
	if (![1, 2, 4, 8].includes(scale)) throw new ImageError('unsupported', `Scale ${scale} is not one of 1, 2, 4, 8.`);
	const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
	if (format === null) throw new ImageError('unsupported', 'The data is not an image format the decoder knows.');
	if (format === 'gif' || format === 'webp') {
		throw new ImageError('unsupported', `${format.toUpperCase()} images are not decoded (PNG, JPEG, BMP and TIFF are).`);
	}
	if (format === 'jpeg') {
		const info = jpegInfo(bytes);
		const orientation = options.exifOrientation === false ? 1 : info.orientation;
		const stored = uprightToStored(options.region, orientation, info.width, info.height);
		const { image } = decodeJpeg(bytes, { scale, region: stored, maxPixels });
		return applyOrientation(image, orientation);
	}
	let decoded: { image: GrayImage; orientation: number };
	if (format === 'png') decoded = decodePng(bytes, maxPixels);
	else if (format === 'tiff') decoded = decodeTiff(bytes, maxPixels);
	else decoded = { image: decodeBmp(bytes, maxPixels), orientation: 1 };
	const { image } = decoded;
	const orientation = options.exifOrientation === false ? 1 : decoded.orientation;
	const stored = uprightToStored(options.region, orientation, image.width, image.height);
	return applyOrientation(cropAndDownsample(image, stored, scale), orientation);
}

function uprightToStored(region: Rect | undefined, orientation: number, width: number, height: number): Rect {
	const uprightWidth = swapsAxes(orientation) ? height : width;
	const uprightHeight = swapsAxes(orientation) ? width : height;
	const clipped = clipRect(region, uprightWidth, uprightHeight);
	if (!clipped) throw new ImageError('unsupported', 'The region lies outside the image.');
	return storedRect(orientation, clipped, width, height);
}
