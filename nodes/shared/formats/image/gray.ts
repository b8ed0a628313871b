/**
 * The decoders' shared output and the pixel steps after decoding: luma, crop, box downsample and the
 * EXIF orientations (rotate/flip so the picture is upright).
 */

/** 8-bit luminance, row-major, `width * height` bytes. */
export interface GrayImage {
	width: number;
	height: number;
	data: Uint8Array;
}

export interface Rect {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** ITU-R BT.601 luma in 8.8 fixed point (the weights JPEG's YCbCr uses). */
export function luma(r: number, g: number, b: number): number {
	return (r * 77 + g * 150 + b * 29 + 128) >> 8;
}

/** A value over white with an 8-bit alpha (how a transparent QR code reads on a white page). */
export function overWhite(value: number, alpha: number): number {
	return ((value * alpha + 255 * (255 - alpha)) * 257 + 32768) >>> 16;
}

/** The region clipped to the image, in whole pixels; null when nothing of it is inside. */
export function clipRect(region: Rect | undefined, width: number, height: number): Rect | null {
	if (!region) return { x: 0, y: 0, width, height };
	const x0 = Math.max(0, Math.floor(region.x));
	const y0 = Math.max(0, Math.floor(region.y));
	const x1 = Math.min(width, Math.ceil(region.x + region.width));
	const y1 = Math.min(height, Math.ceil(region.y + region.height));
	if (!(x1 > x0 && y1 > y0)) return null;
	return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

/**
 * The output rectangle of a full-scale region decoded at 1/scale: pixel `i` of the scaled image
 * covers full-scale pixels `[i*scale, (i+1)*scale)`, so the output covers at least the region.
 */
export function scaledRect(region: Rect, scale: number, width: number, height: number): Rect {
	const x0 = Math.floor(region.x / scale);
	const y0 = Math.floor(region.y / scale);
	const x1 = Math.min(Math.ceil(width / scale), Math.ceil((region.x + region.width) / scale));
	const y1 = Math.min(Math.ceil(height / scale), Math.ceil((region.y + region.height) / scale));
	return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

/** Crops a full-scale image to `region` and averages `scale × scale` boxes (partial boxes at the edges). */
export function cropAndDownsample(image: GrayImage, region: Rect, scale: number): GrayImage {
	const out = scaledRect(region, scale, image.width, image.height);
	if (scale === 1 && region.x === 0 && region.y === 0 && out.width === image.width && out.height === image.height) {
		return image;
	}
	const data = new Uint8Array(out.width * out.height);
	const source = image.data;
	const sourceWidth = image.width;
	for (let oy = 0; oy < out.height; oy++) {
		const y0 = (out.y + oy) * scale;
		const y1 = Math.min(image.height, y0 + scale);
		for (let ox = 0; ox < out.width; ox++) {
			const x0 = (out.x + ox) * scale;
			const x1 = Math.min(image.width, x0 + scale);
			let sum = 0;
			for (let y = y0; y < y1; y++) {
				const row = y * sourceWidth;
				for (let x = x0; x < x1; x++) sum += source[row + x];
			}
			const count = (y1 - y0) * (x1 - x0);
			data[oy * out.width + ox] = count > 0 ? Math.round(sum / count) : 255;
		}
	}
	return { width: out.width, height: out.height, data };
}

/** Whether an EXIF orientation swaps width and height (5–8: a quarter turn). */
export function swapsAxes(orientation: number): boolean {
	return orientation >= 5 && orientation <= 8;
}

/**
 * Where upright pixel (u, v) comes from in a stored image of `width × height` (EXIF orientation
 * 1–8, TIFF tag 274): 6 is "rotate 90° clockwise to view", 8 is "rotate 90° counter-clockwise".
 */
function storedPosition(orientation: number, u: number, v: number, width: number, height: number): [number, number] {
	switch (orientation) {
		case 2:
			return [width - 1 - u, v];
		case 3:
			return [width - 1 - u, height - 1 - v];
		case 4:
			return [u, height - 1 - v];
		case 5:
			return [v, u];
		case 6:
			return [v, height - 1 - u];
		case 7:
			return [width - 1 - v, height - 1 - u];
		case 8:
			return [width - 1 - v, u];
		default:
			return [u, v];
	}
}

/** The stored-image rectangle an upright rectangle comes from (stored size `width × height`). */
export function storedRect(orientation: number, rect: Rect, width: number, height: number): Rect {
	const [ax, ay] = storedPosition(orientation, rect.x, rect.y, width, height);
	const [bx, by] = storedPosition(orientation, rect.x + rect.width - 1, rect.y + rect.height - 1, width, height);
	const x = Math.min(ax, bx);
	const y = Math.min(ay, by);
	return { x, y, width: Math.abs(ax - bx) + 1, height: Math.abs(ay - by) + 1 };
}

/** Rotates/flips a stored image so it is upright. */
export function applyOrientation(image: GrayImage, orientation: number): GrayImage {
	if (orientation < 2 || orientation > 8) return image;
	const { width, height, data } = image;
	const outWidth = swapsAxes(orientation) ? height : width;
	const outHeight = swapsAxes(orientation) ? width : height;
	const out = new Uint8Array(width * height);
	// Along an upright row the stored position moves by a fixed step: index math, no per-pixel lookup.
	const index = (u: number, v: number) => {
		const [x, y] = storedPosition(orientation, u, v, width, height);
		return y * width + x;
	};
	const step = outWidth > 1 ? index(1, 0) - index(0, 0) : 0;
	for (let v = 0; v < outHeight; v++) {
		let from = index(0, v);
		const row = v * outWidth;
		for (let u = 0; u < outWidth; u++, from += step) out[row + u] = data[from];
	}
	return { width: outWidth, height: outHeight, data: out };
}
