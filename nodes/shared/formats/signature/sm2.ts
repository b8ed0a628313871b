/**
 * SM2 signature verification (GB/T 32918.2) over the sm2p256v1 curve, in BigInt. node:crypto has SM3 and
 * can load SM2 keys, but it cannot set the signer ID, and every SM2 signature in invoices uses the standard
 * ID 1234567812345678; so the verify equation is done here. A verifier holds no secrets, which keeps it
 * short: Jacobian coordinates, one inversion at the end, both scalar multiplications in one pass.
 */
import { createHash } from 'node:crypto';

import { DER_SEQUENCE, bytesToBigInt, derBigInt, derChildren, derOrNull, expectUniversal, readDerStrict } from '../der';

const P = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF');
const A = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC');
const B = BigInt('0x28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93');
const N = BigInt('0xFFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123');
const GX = BigInt('0x32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7');
const GY = BigInt('0xBC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0');

const ZERO = BigInt(0);
const ONE = BigInt(1);
const TWO = BigInt(2);
const THREE = BigInt(3);
const FOUR = BigInt(4);
const EIGHT = BigInt(8);

/** The signer ID every Chinese e-invoice signer uses (GM/T 0009's default). */
export const SM2_DEFAULT_ID = new TextEncoder().encode('1234567812345678');

export interface Sm2Point {
	x: bigint;
	y: bigint;
}

export class Sm2Error extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'Sm2Error';
	}
}

function mod(value: bigint, m: bigint = P): bigint {
	const r = value % m;
	return r < ZERO ? r + m : r;
}

/** Modular inverse by the extended Euclidean algorithm (m prime, value non-zero). */
function invert(value: bigint, m: bigint = P): bigint {
	let a = mod(value, m);
	let b = m;
	let x = ONE;
	let y = ZERO;
	while (a !== ZERO) {
		const q = b / a;
		[a, b] = [b - q * a, a];
		[x, y] = [y - q * x, x];
	}
	if (b !== ONE) throw new Sm2Error('A value has no inverse.');
	return mod(y, m);
}

function isOnCurve(point: Sm2Point): boolean {
	const { x, y } = point;
	if (x < ZERO || x >= P || y < ZERO || y >= P) return false;
	return mod(y * y - (x * x * x + A * x + B)) === ZERO;
}

/** Jacobian point (X, Y, Z) ↔ affine (X/Z², Y/Z³); Z = 0 is infinity. */
type Jacobian = [bigint, bigint, bigint];

const INFINITY: Jacobian = [ONE, ONE, ZERO];

function double(point: Jacobian): Jacobian {
	const [x, y, z] = point;
	if (z === ZERO || y === ZERO) return INFINITY;
	// a = -3: M = 3 (X - Z²)(X + Z²)
	const zz = mod(z * z);
	const m = mod(THREE * (x - zz) * (x + zz));
	const yy = mod(y * y);
	const s = mod(FOUR * x * yy);
	const x3 = mod(m * m - TWO * s);
	const y3 = mod(m * (s - x3) - EIGHT * yy * yy);
	const z3 = mod(TWO * y * z);
	return [x3, y3, z3];
}

function add(p1: Jacobian, p2: Jacobian): Jacobian {
	if (p1[2] === ZERO) return p2;
	if (p2[2] === ZERO) return p1;
	const [x1, y1, z1] = p1;
	const [x2, y2, z2] = p2;
	const z1z1 = mod(z1 * z1);
	const z2z2 = mod(z2 * z2);
	const u1 = mod(x1 * z2z2);
	const u2 = mod(x2 * z1z1);
	const s1 = mod(y1 * z2 * z2z2);
	const s2 = mod(y2 * z1 * z1z1);
	if (u1 === u2) return s1 === s2 ? double(p1) : INFINITY;
	const h = mod(u2 - u1);
	const r = mod(s2 - s1);
	const hh = mod(h * h);
	const hhh = mod(h * hh);
	const v = mod(u1 * hh);
	const x3 = mod(r * r - hhh - TWO * v);
	const y3 = mod(r * (v - x3) - s1 * hhh);
	const z3 = mod(h * z1 * z2);
	return [x3, y3, z3];
}

function toAffine(point: Jacobian): Sm2Point | null {
	if (point[2] === ZERO) return null;
	const zInv = invert(point[2]);
	const zInv2 = mod(zInv * zInv);
	return { x: mod(point[0] * zInv2), y: mod(point[1] * zInv2 * zInv) };
}

/** P1 + (x2, y2) with the second point affine (Z = 1): a third fewer multiplications than `add`. */
function addAffine(p1: Jacobian, x2: bigint, y2: bigint): Jacobian {
	if (p1[2] === ZERO) return [x2, y2, ONE];
	const [x1, y1, z1] = p1;
	const z1z1 = mod(z1 * z1);
	const u2 = mod(x2 * z1z1);
	const s2 = mod(y2 * z1 * z1z1);
	if (x1 === u2) return y1 === s2 ? double(p1) : INFINITY;
	const h = mod(u2 - x1);
	const r = mod(s2 - y1);
	const hh = mod(h * h);
	const hhh = mod(h * hh);
	const v = mod(x1 * hh);
	const x3 = mod(r * r - hhh - TWO * v);
	return [x3, mod(r * (v - x3) - y1 * hhh), mod(z1 * h)];
}

/** u·G + v·Q in one double-and-add pass (Shamir's trick), adding affine points only. */
function twoScalarMultiply(u: bigint, v: bigint, q: Sm2Point): Sm2Point | null {
	const gq = toAffine(add([GX, GY, ONE], [q.x, q.y, ONE]));
	let result = INFINITY;
	const length = Math.max(u.toString(2).length, v.toString(2).length);
	const uBits = u.toString(2).padStart(length, '0');
	const vBits = v.toString(2).padStart(length, '0');
	for (let i = 0; i < length; i++) {
		result = double(result);
		const ub = uBits[i] === '1';
		const vb = vBits[i] === '1';
		if (ub && vb) result = gq ? addAffine(result, gq.x, gq.y) : result;
		else if (ub) result = addAffine(result, GX, GY);
		else if (vb) result = addAffine(result, q.x, q.y);
	}
	return toAffine(result);
}

function bigIntTo32(value: bigint): Uint8Array {
	const hex = value.toString(16).padStart(64, '0');
	const out = new Uint8Array(32);
	for (let i = 0; i < 32; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	return out;
}

/** Square root mod P (P ≡ 3 mod 4). */
function sqrt(value: bigint): bigint | null {
	const root = modPow(value, (P + ONE) / FOUR);
	return mod(root * root) === mod(value) ? root : null;
}

function modPow(base: bigint, exponent: bigint): bigint {
	let result = ONE;
	let b = mod(base);
	let e = exponent;
	while (e > ZERO) {
		if (e & ONE) result = mod(result * b);
		b = mod(b * b);
		e >>= ONE;
	}
	return result;
}

/**
 * A public key point from its encoding: 04‖x‖y (uncompressed), 02/03‖x (compressed), or a bare 64-byte x‖y
 * (as some seal makers store it). Refuses points not on the curve.
 */
export function decodeSm2Point(bytes: Uint8Array): Sm2Point {
	let point: Sm2Point | null = null;
	if (bytes.length === 65 && bytes[0] === 4) {
		point = { x: bytesToBigInt(bytes.subarray(1, 33)), y: bytesToBigInt(bytes.subarray(33)) };
	} else if (bytes.length === 64) {
		point = { x: bytesToBigInt(bytes.subarray(0, 32)), y: bytesToBigInt(bytes.subarray(32)) };
	} else if (bytes.length === 33 && (bytes[0] === 2 || bytes[0] === 3)) {
		const x = bytesToBigInt(bytes.subarray(1));
		if (x >= P) throw new Sm2Error('The SM2 public key is not on the curve.');
		const y = sqrt(x * x * x + A * x + B);
		if (y === null) throw new Sm2Error('The SM2 public key is not on the curve.');
		const odd = (y & ONE) === ONE;
		point = { x, y: odd === (bytes[0] === 3) ? y : P - y };
	}
	if (!point) throw new Sm2Error(`An SM2 public key of ${bytes.length} bytes has no known encoding.`);
	if (!isOnCurve(point)) throw new Sm2Error('The SM2 public key is not on the curve.');
	return point;
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA): binds the signer ID and key into the digest. */
export function sm2Z(publicKey: Sm2Point, id: Uint8Array = SM2_DEFAULT_ID): Uint8Array {
	const entl = id.length * 8;
	const hash = createHash('sm3');
	hash.update(Uint8Array.of((entl >> 8) & 0xff, entl & 0xff));
	hash.update(id);
	for (const value of [A, B, GX, GY, publicKey.x, publicKey.y]) hash.update(bigIntTo32(value));
	return new Uint8Array(hash.digest());
}

/** (r, s) from a DER `SEQUENCE { r INTEGER, s INTEGER }`, or from a raw 64-byte r‖s; null when neither. */
export function decodeSm2Signature(signature: Uint8Array): { r: bigint; s: bigint } | null {
	// DER r and s take at most 72 bytes together; anything longer is not an SM2 signature (and is not parsed).
	if (signature.length > 80) return null;
	const fromDer = derOrNull(() => {
		const parts = derChildren(expectUniversal(readDerStrict(signature), DER_SEQUENCE, 'An SM2 signature'));
		return parts.length === 2 ? { r: derBigInt(parts[0]), s: derBigInt(parts[1]) } : null;
	});
	if (fromDer) return fromDer;
	if (signature.length === 64) {
		return { r: bytesToBigInt(signature.subarray(0, 32)), s: bytesToBigInt(signature.subarray(32)) };
	}
	return null;
}

/**
 * Whether `signature` (DER or raw r‖s) is the SM2 signature of `message` by `publicKey`, with the digest
 * e = SM3(Z ‖ M). Malformed signatures are simply not valid; a malformed key throws Sm2Error.
 */
export function sm2Verify(
	publicKey: Sm2Point | Uint8Array,
	message: Uint8Array,
	signature: Uint8Array,
	id: Uint8Array = SM2_DEFAULT_ID,
): boolean {
	const key = publicKey instanceof Uint8Array ? decodeSm2Point(publicKey) : publicKey;
	if (!isOnCurve(key)) throw new Sm2Error('The SM2 public key is not on the curve.');
	const decoded = decodeSm2Signature(signature);
	if (!decoded) return false;
	const { r, s } = decoded;
	if (r < ONE || r >= N || s < ONE || s >= N) return false;
	const digest = createHash('sm3').update(sm2Z(key, id)).update(message).digest();
	const e = bytesToBigInt(new Uint8Array(digest));
	const t = mod(r + s, N);
	if (t === ZERO) return false;
	const point = twoScalarMultiply(s, t, key);
	if (!point) return false;
	return mod(e + point.x, N) === r;
}
