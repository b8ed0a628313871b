/**
 * Reed–Solomon error correction over GF(256) with QR's field polynomial x^8+x^4+x^3+x^2+1 (0x11D) and generator
 * base 0: syndromes, the extended Euclidean algorithm for the error locator and evaluator, a Chien search for the
 * locations and Forney's formula for the magnitudes (the steps of ZXing's ReedSolomonDecoder).
 * Polynomials are arrays of coefficients, highest degree first, without leading zeros (except the zero polynomial).
 */

const EXP = new Uint8Array(512);
const LOG = new Uint8Array(256);
{
	let x = 1;
	for (let i = 0; i < 255; i++) {
		EXP[i] = x;
		LOG[x] = i;
		x <<= 1;
		if (x >= 256) x ^= 0x11d;
	}
	for (let i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
}

export class ReedSolomonError extends Error {}

function multiply(a: number, b: number): number {
	return a === 0 || b === 0 ? 0 : EXP[LOG[a] + LOG[b]];
}

function inverse(a: number): number {
	if (a === 0) throw new ReedSolomonError('No inverse of 0 in GF(256)');
	return EXP[255 - LOG[a]];
}

type Poly = number[];

function trim(coefficients: Poly): Poly {
	let first = 0;
	while (first < coefficients.length - 1 && coefficients[first] === 0) first++;
	return first === 0 ? coefficients : coefficients.slice(first);
}

const degree = (p: Poly): number => p.length - 1;
const isZero = (p: Poly): boolean => p[0] === 0;
const coefficientOf = (p: Poly, deg: number): number => p[p.length - 1 - deg];

function evaluateAt(p: Poly, a: number): number {
	if (a === 0) return coefficientOf(p, 0);
	let result = 0;
	if (a === 1) {
		for (const c of p) result ^= c;
		return result;
	}
	for (const c of p) result = multiply(a, result) ^ c;
	return result;
}

function addPolys(a: Poly, b: Poly): Poly {
	if (isZero(a)) return b;
	if (isZero(b)) return a;
	let smaller = a;
	let larger = b;
	if (smaller.length > larger.length) [smaller, larger] = [larger, smaller];
	const result = larger.slice();
	const offset = larger.length - smaller.length;
	for (let i = 0; i < smaller.length; i++) result[offset + i] ^= smaller[i];
	return trim(result);
}

function multiplyPolys(a: Poly, b: Poly): Poly {
	if (isZero(a) || isZero(b)) return [0];
	const result = new Array<number>(a.length + b.length - 1).fill(0);
	for (let i = 0; i < a.length; i++) {
		for (let j = 0; j < b.length; j++) result[i + j] ^= multiply(a[i], b[j]);
	}
	return trim(result);
}

function scalePoly(p: Poly, scalar: number): Poly {
	if (scalar === 0) return [0];
	return p.map((c) => multiply(c, scalar));
}

function monomial(deg: number, coefficient: number): Poly {
	if (coefficient === 0) return [0];
	const result = new Array<number>(deg + 1).fill(0);
	result[0] = coefficient;
	return result;
}

function multiplyByMonomial(p: Poly, deg: number, coefficient: number): Poly {
	if (coefficient === 0) return [0];
	const result = new Array<number>(p.length + deg).fill(0);
	for (let i = 0; i < p.length; i++) result[i] = multiply(p[i], coefficient);
	return result;
}

function runEuclidean(a: Poly, b: Poly, twoS: number): [Poly, Poly] {
	if (degree(a) < degree(b)) [a, b] = [b, a];
	let rLast = a;
	let r = b;
	let tLast: Poly = [0];
	let t: Poly = [1];
	while (2 * degree(r) >= twoS) {
		const rLastLast = rLast;
		const tLastLast = tLast;
		rLast = r;
		tLast = t;
		if (isZero(rLast)) throw new ReedSolomonError('r_{i-1} was zero');
		r = rLastLast;
		let quotient: Poly = [0];
		const leadingInverse = inverse(coefficientOf(rLast, degree(rLast)));
		while (degree(r) >= degree(rLast) && !isZero(r)) {
			const degreeDiff = degree(r) - degree(rLast);
			const scale = multiply(coefficientOf(r, degree(r)), leadingInverse);
			quotient = addPolys(quotient, monomial(degreeDiff, scale));
			r = addPolys(r, multiplyByMonomial(rLast, degreeDiff, scale));
		}
		t = addPolys(multiplyPolys(quotient, tLast), tLastLast);
		if (degree(r) >= degree(rLast))
			throw new ReedSolomonError('Division algorithm failed to reduce polynomial');
	}
	const sigmaTildeAtZero = coefficientOf(t, 0);
	if (sigmaTildeAtZero === 0) throw new ReedSolomonError('sigmaTilde(0) was zero');
	const scale = inverse(sigmaTildeAtZero);
	return [scalePoly(t, scale), scalePoly(r, scale)];
}

function findErrorLocations(errorLocator: Poly): number[] {
	const numErrors = degree(errorLocator);
	if (numErrors === 1) return [coefficientOf(errorLocator, 1)];
	const result: number[] = [];
	for (let i = 1; i < 256 && result.length < numErrors; i++) {
		if (evaluateAt(errorLocator, i) === 0) result.push(inverse(i));
	}
	if (result.length !== numErrors)
		throw new ReedSolomonError('Error locator degree does not match number of roots');
	return result;
}

function findErrorMagnitudes(errorEvaluator: Poly, errorLocations: number[]): number[] {
	return errorLocations.map((location, i) => {
		const xiInverse = inverse(location);
		let denominator = 1;
		for (let j = 0; j < errorLocations.length; j++) {
			if (i !== j) denominator = multiply(denominator, multiply(errorLocations[j], xiInverse) ^ 1);
		}
		return multiply(evaluateAt(errorEvaluator, xiInverse), inverse(denominator));
	});
}

/**
 * Corrects `codewords` (data then `ecCount` error-correction codewords) in place; returns how many codewords
 * it changed. Throws ReedSolomonError when there are more errors than the code can correct.
 */
export function correctErrors(codewords: Uint8Array, ecCount: number): number {
	const poly = Array.from(codewords);
	const syndromes = new Array<number>(ecCount).fill(0);
	let noError = true;
	for (let i = 0; i < ecCount; i++) {
		const value = evaluateAt(poly, EXP[i]);
		syndromes[ecCount - 1 - i] = value;
		if (value !== 0) noError = false;
	}
	if (noError) return 0;
	const syndrome = trim(syndromes);
	const [sigma, omega] = runEuclidean(monomial(ecCount, 1), syndrome, ecCount);
	const locations = findErrorLocations(sigma);
	const magnitudes = findErrorMagnitudes(omega, locations);
	for (let i = 0; i < locations.length; i++) {
		const position = codewords.length - 1 - LOG[locations[i]];
		if (position < 0) throw new ReedSolomonError('Bad error location');
		codewords[position] ^= magnitudes[i];
	}
	return locations.length;
}

/** The `ecCount` error-correction codewords for `data` (the encoder's side; used to build test symbols). */
export function encodeErrorCorrection(data: ArrayLike<number>, ecCount: number): Uint8Array {
	let generator: Poly = [1];
	for (let i = 0; i < ecCount; i++) generator = multiplyPolys(generator, [1, EXP[i]]);
	const remainder = new Uint8Array(ecCount);
	for (let i = 0; i < data.length; i++) {
		const factor = data[i] ^ remainder[0];
		remainder.copyWithin(0, 1);
		remainder[ecCount - 1] = 0;
		for (let j = 0; j < ecCount; j++) remainder[j] ^= multiply(generator[j + 1], factor);
	}
	return remainder;
}
