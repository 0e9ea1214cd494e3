// What every scenario starts from, in neutral forms both libraries import the same way: key
// material made once per process with node:crypto (JWK, PEM, KeyObject, raw secret bytes), tokens
// signed here with node:crypto (never by either library under test), a fixed clock, and loopback
// JWKS endpoints on port 0.
import { constants, createHmac, createSecretKey, sign as nodeSign, verify as nodeVerify } from "node:crypto";
import { createServer } from "node:http";

import { freshKeyPair, jwkOf, pemOf, fixture } from "../support/keys.js";

// The verifications' clock: every claims scenario passes `currentDate: ctx.currentDate`.
export const NOW = 1_800_000_000;

const HASH_BITS = { 256: "sha256", 384: "sha384", 512: "sha512" };

// How each JWS algorithm signs, with which of the key pairs below.
export const ALGORITHMS = {
  HS256: { family: "hmac", bits: 256 },
  HS384: { family: "hmac", bits: 384 },
  HS512: { family: "hmac", bits: 512 },
  RS256: { family: "rsa", bits: 256, pair: "rsa" },
  RS384: { family: "rsa", bits: 384, pair: "rsa" },
  RS512: { family: "rsa", bits: 512, pair: "rsa" },
  PS256: { family: "pss", bits: 256, pair: "rsa" },
  PS384: { family: "pss", bits: 384, pair: "rsa" },
  PS512: { family: "pss", bits: 512, pair: "rsa" },
  ES256: { family: "ecdsa", bits: 256, pair: "p256" },
  ES384: { family: "ecdsa", bits: 384, pair: "p384" },
  ES512: { family: "ecdsa", bits: 512, pair: "p521" },
  EdDSA: { family: "eddsa", pair: "ed25519" },
  Ed25519: { family: "eddsa", pair: "ed25519" },
};
export const ALGORITHM_NAMES = Object.keys(ALGORITHMS);

const PAIRS = {
  rsa: ["rsa", { modulusLength: 2048 }],
  rsa2: ["rsa", { modulusLength: 2048 }],
  rsa1024: ["rsa", { modulusLength: 1024 }],
  p256: ["ec", { namedCurve: "P-256" }],
  p256b: ["ec", { namedCurve: "P-256" }],
  p384: ["ec", { namedCurve: "P-384" }],
  p521: ["ec", { namedCurve: "P-521" }],
  ed25519: ["ed25519", {}],
  x25519: ["x25519", {}],
};

// A key pair in every form a scenario may hand a library.
function materialOf(pair) {
  const { publicKey, privateKey } = freshKeyPair(...PAIRS[pair]);
  return {
    publicKey, privateKey,
    publicJwk: jwkOf(publicKey), privateJwk: jwkOf(privateKey),
    spki: pemOf(publicKey, "spki"), pkcs8: pemOf(privateKey, "pkcs8"),
  };
}

// Fixed secrets (the hash's size, RFC 7518 §3.2), so that tokens signed here are the same each run.
const secretOf = (bits, fill) => new Uint8Array(bits / 8).map((_, i) => (i * 7 + fill) & 0xff);

const base64url = (bytes) => Buffer.from(bytes).toString("base64url");

// A segment: an object or array (as JSON), a string (as its UTF-8: JSON text written by hand), or
// { raw } (the segment exactly as given).
function segment(part) {
  if (part && typeof part === "object" && typeof part.raw === "string") return part.raw;
  if (typeof part === "string") return base64url(Buffer.from(part));
  if (part instanceof Uint8Array) return base64url(part);
  return base64url(Buffer.from(JSON.stringify(part)));
}

let material = null;

// The process-wide fixtures; keys are made on first use (RSA generation takes a moment).
export function fixtures() {
  material ??= {
    pairs: Object.fromEntries(Object.keys(PAIRS).map((pair) => [pair, materialOf(pair)])),
    secrets: { 256: secretOf(256, 1), 384: secretOf(384, 2), 512: secretOf(512, 3) },
    certificates: {
      rsa: fixture("rsa-certificate.pem"), ec: fixture("ec-certificate.pem"), ed25519: fixture("ed25519-certificate.pem"),
    },
  };
  return material;
}

// The signature over `input` with `alg`, by node:crypto. `key` defaults to the algorithm's own;
// an HMAC key is bytes, any other a private KeyObject.
export function signatureOf(alg, input, key) {
  const { family, bits, pair } = ALGORITHMS[alg];
  const { pairs, secrets } = fixtures();
  const hash = HASH_BITS[bits];
  if (family === "hmac") return createHmac(hash, key ?? secrets[bits]).update(input).digest();
  const privateKey = key ?? pairs[pair].privateKey;
  if (family === "rsa") return nodeSign(hash, input, privateKey);
  if (family === "pss") return nodeSign(hash, input, { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 });
  if (family === "ecdsa") return nodeSign(hash, input, { key: privateKey, dsaEncoding: "ieee-p1363" });
  return nodeSign(null, input, privateKey);
}

// A compact JWS signed here: `header` and `payload` as segment() takes them; the header's "alg"
// picks the algorithm unless `alg` is given (a header without one, or with "none", needs it or
// gets an empty signature). `signature` replaces the real one (bytes, or { raw } text).
export function compact(header, payload, { alg = header?.alg, key, signature } = {}) {
  const input = `${segment(header)}.${segment(payload)}`;
  if (signature !== undefined) return `${input}.${segment(signature)}`;
  if (!ALGORITHMS[alg]) return `${input}.`;
  return `${input}.${base64url(signatureOf(alg, Buffer.from(input), key))}`;
}

// What a library produced, checked here: the decoded header and payload (JSON, or the payload's
// bytes when it is not JSON) and whether the signature verifies under the algorithm's fixture
// key (`verified: false` also for a token that is not three base64url parts).
export function inspect(token, key) {
  const parts = typeof token === "string" ? token.split(".") : [];
  if (parts.length !== 3) return { token: typeof token, parts: parts.length };
  const [headerPart, payloadPart, signaturePart] = parts;
  const header = JSON.parse(Buffer.from(headerPart, "base64url"));
  const payloadBytes = Buffer.from(payloadPart, "base64url");
  let payload;
  try {
    payload = JSON.parse(payloadBytes.toString("utf8"));
  } catch {
    payload = new Uint8Array(payloadBytes);
  }
  return { header, payload, verified: signatureHolds(header.alg, `${headerPart}.${payloadPart}`, Buffer.from(signaturePart, "base64url"), key) };
}

function signatureHolds(alg, input, signature, key) {
  const entry = ALGORITHMS[alg];
  if (!entry) return false;
  const { family, bits, pair } = entry;
  const { pairs, secrets } = fixtures();
  const data = Buffer.from(input);
  const hash = HASH_BITS[bits];
  if (family === "hmac") {
    const expected = createHmac(hash, key ?? secrets[bits]).update(data).digest();
    return expected.length === signature.length && expected.equals(signature);
  }
  const publicKey = key ?? pairs[pair].publicKey;
  if (family === "rsa") return nodeVerify(hash, data, publicKey, signature);
  if (family === "pss") {
    return nodeVerify(hash, data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: bits / 8 }, signature);
  }
  if (family === "ecdsa") return nodeVerify(hash, data, { key: publicKey, dsaEncoding: "ieee-p1363" }, signature);
  return nodeVerify(null, data, publicKey, signature);
}

// The key a library verifies `alg` with, imported through the library's own importJWK (HMAC: the
// secret's bytes, which both take as they are).
export function verifyKey(lib, alg) {
  const { family, bits, pair } = ALGORITHMS[alg];
  if (family === "hmac") return fixtures().secrets[bits];
  return lib.importJWK(fixtures().pairs[pair].publicJwk, alg);
}

export function signKey(lib, alg) {
  const { family, bits, pair } = ALGORITHMS[alg];
  if (family === "hmac") return fixtures().secrets[bits];
  return lib.importJWK(fixtures().pairs[pair].privateJwk, alg);
}

// node:crypto forms of the fixtures (jose's KeyObject key form).
export function keyObjects(alg) {
  const { family, bits, pair } = ALGORITHMS[alg];
  if (family === "hmac") {
    const secret = createSecretKey(fixtures().secrets[bits]);
    return { publicKey: secret, privateKey: secret };
  }
  const { publicKey, privateKey } = fixtures().pairs[pair];
  return { publicKey, privateKey };
}

// A loopback JWKS endpoint. Its answer is a JWK Set (served as JSON), or { status, text, headers,
// delayMs }, or a function of the request's path giving either; `endpoint.serve(answer)` changes
// it. It counts its requests and keeps their paths and headers; `endpoint.close()` ends it and
// every connection still open.
export async function jwksEndpoint(initial) {
  let answer = initial;
  const endpoint = { requests: [] };
  const timers = new Set();
  const server = createServer((request, response) => {
    endpoint.requests.push({ headers: request.headers, path: request.url });
    const current = typeof answer === "function" ? answer(request.url) : answer;
    const { status = 200, text = JSON.stringify(current), delayMs = 0, headers = {} } = "status" in current ? current : {};
    const timer = setTimeout(() => {
      timers.delete(timer);
      response.writeHead(status, { "content-type": "application/json", ...headers });
      response.end(text);
    }, delayMs);
    timers.add(timer);
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  endpoint.origin = `http://127.0.0.1:${server.address().port}`;
  endpoint.url = new URL(`${endpoint.origin}/jwks.json`);
  endpoint.serve = (next) => { answer = next; };
  endpoint.close = () => {
    for (const timer of timers) clearTimeout(timer);
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  };
  return endpoint;
}

// A loopback URL nothing listens on (a port just released), for ECONNREFUSED.
export async function refusedUrl() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return new URL(`http://127.0.0.1:${port}/jwks.json`);
}
