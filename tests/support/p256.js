// P-256 in plain BigInt affine arithmetic: slow, short and independent of both edgejwt and OpenSSL,
// for the differential suite to build cases node:crypto cannot be asked to make: a valid signature
// whose R has x ≥ n (so that x mod n wraps), a key for which u1·G + u2·Q is the point at infinity,
// signatures by the keys Q = G and Q = −G. Curve constants from SEC 2 §2.4.2.
export const P = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
export const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const B = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
export const G = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};

export const mod = (a, m) => ((a % m) + m) % m;

export function power(base, exponent, m) {
  let result = 1n;
  let b = mod(base, m);
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % m;
    b = (b * b) % m;
  }
  return result;
}

// Fermat, for the primes p and n.
export const inverse = (a, m) => power(a, m - 2n, m);

// Points are { x, y } or null for infinity.
export function add(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  if (a.x === b.x && mod(a.y + b.y, P) === 0n) return null;
  const slope = a.x === b.x
    ? mod(3n * a.x * a.x - 3n, P) * inverse(2n * a.y, P)
    : mod(b.y - a.y, P) * inverse(mod(b.x - a.x, P), P);
  const x = mod(slope * slope - a.x - b.x, P);
  return { x, y: mod(slope * (a.x - x) - a.y, P) };
}

export function multiply(k, point) {
  let result = null;
  let addend = point;
  for (let e = mod(k, N); e > 0n; e >>= 1n) {
    if (e & 1n) result = add(result, addend);
    addend = add(addend, addend);
  }
  return result;
}

// The point with this x and an even y, or null when x³ − 3x + b is not a square (p ≡ 3 mod 4).
export function pointAt(x) {
  const right = mod(x * x * x - 3n * x + B, P);
  const y = power(right, (P + 1n) / 4n, P);
  if ((y * y) % P !== right) return null;
  return { x, y: y % 2n === 0n ? y : P - y };
}

export const bytes32 = (value) => Buffer.from(value.toString(16).padStart(64, "0"), "hex");
export const bigintOf = (bytes) => BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);

export const publicJwk = (point) => ({
  kty: "EC", crv: "P-256", x: bytes32(point.x).toString("base64url"), y: bytes32(point.y).toString("base64url"),
});

// An ECDSA signature r || s (IEEE P1363) by private key d over the SHA-256 hash `hash`, with nonce k.
export function sign(d, hash, k) {
  const r = mod(multiply(k, G).x, N);
  const s = mod(inverse(k, N) * (bigintOf(hash) + r * d), N);
  return Buffer.concat([bytes32(r), bytes32(s)]);
}
