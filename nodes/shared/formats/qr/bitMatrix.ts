/** A black-and-white image: `bits[y * width + x]` is 1 for black. The binarizer's output, the detector's input. */
export interface BitMatrix {
	width: number;
	height: number;
	bits: Uint8Array;
}

export function createBitMatrix(width: number, height: number): BitMatrix {
	return { width, height, bits: new Uint8Array(width * height) };
}

/** The same matrix with black and white swapped (light-on-dark codes). */
export function invertBitMatrix(matrix: BitMatrix): BitMatrix {
	const bits = new Uint8Array(matrix.bits.length);
	for (let i = 0; i < bits.length; i++) bits[i] = matrix.bits[i] ^ 1;
	return { width: matrix.width, height: matrix.height, bits };
}

/** The matrix mirrored about its main diagonal (a code printed mirrored reads as its transpose). */
export function transposeBitMatrix(matrix: BitMatrix): BitMatrix {
	const { width, height } = matrix;
	const bits = new Uint8Array(width * height);
	for (let y = 0; y < height; y++) {
		for (let x = 0; x < width; x++) bits[x * height + y] = matrix.bits[y * width + x];
	}
	return { width: height, height: width, bits };
}
