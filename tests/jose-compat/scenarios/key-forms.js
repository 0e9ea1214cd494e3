// The key argument in every form jose takes (its "KeyLike"): a node:crypto KeyObject, a WebCrypto
// CryptoKey, a JWK object, raw secret bytes, and a key resolver `(protectedHeader, token) => key`,
// for verifying and for signing; and the same forms given to exportJWK/SPKI/PKCS8 and
// calculateJwkThumbprint.
import { ALGORITHMS, compact, inspect, keyObjects } from "../fixtures.js";
import { currentDate, each, hs256, octJwk, privateJwk, publicJwk, secret256, verified } from "./kit.js";

const FORM_ALGORITHMS = ["HS256", "RS256", "PS256", "ES256", "EdDSA"];

// WebCrypto's parameters for each algorithm family.
function webCryptoAlgorithm(alg) {
  const { family, bits, pair } = ALGORITHMS[alg];
  const hash = `SHA-${bits}`;
  return {
    hmac: { name: "HMAC", hash },
    rsa: { name: "RSASSA-PKCS1-v1_5", hash },
    pss: { name: "RSA-PSS", hash },
    ecdsa: { name: "ECDSA", namedCurve: { p256: "P-256", p384: "P-384", p521: "P-521" }[pair] },
    eddsa: { name: "Ed25519" },
  }[family];
}

const jwkOf = (alg, type) => {
  const { family, bits, pair } = ALGORITHMS[alg];
  if (family === "hmac") return octJwk(bits);
  return type === "public" ? publicJwk(pair) : privateJwk(pair);
};

// A CryptoKey for `alg`: "public" verifies, "private" signs (an HMAC key does both).
function cryptoKey(alg, type, extractable = true) {
  const usages = type === "public" ? ["verify"] : ["sign"];
  return crypto.subtle.importKey("jwk", jwkOf(alg, type), webCryptoAlgorithm(alg), extractable, usages);
}

const FORMS = {
  KeyObject: (alg, type) => keyObjects(alg)[type === "public" ? "publicKey" : "privateKey"],
  CryptoKey: (alg, type) => cryptoKey(alg, type),
  JWK: (alg, type) => jwkOf(alg, type),
};

const claims = { sub: "user-1" };

const perForm = FORM_ALGORITHMS.flatMap((alg) => Object.entries(FORMS).flatMap(([form, keyOf]) => [
  {
    id: `key-forms/${alg}/verify-${form}`,
    title: `jwtVerify of an ${alg} token with a ${form}`,
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg }, claims), await keyOf(alg, "public"), { currentDate })),
  },
  {
    id: `key-forms/${alg}/sign-${form}`,
    title: `SignJWT with ${alg} and a ${form}`,
    run: async (lib) => inspect(await new lib.SignJWT(claims).setProtectedHeader({ alg, typ: "JWT" }).sign(await keyOf(alg, "private"))),
  },
]));

// What a resolver saw: the header, and the token's member names (jose: the flattened JWS).
async function resolved(lib, token, resolve) {
  const seen = [];
  const result = await lib.jwtVerify(token, (protectedHeader, jws) => {
    seen.push({ protectedHeader, token: Object.keys(jws ?? {}).sort() });
    return resolve(protectedHeader);
  }, { currentDate });
  return { ...verified(result), seen };
}

// { id: [title, run, strict?] }
const CASES = {
  "resolver": ["a key resolver function is called with the protected header and the token",
    (lib) => resolved(lib, hs256(claims, { kid: "k1" }), () => secret256())],
  "resolver-async": ["a key resolver may return a promise of a key imported by the library",
    (lib) => resolved(lib, compact({ alg: "ES256", kid: "k2" }, claims), () => lib.importJWK(publicJwk("p256"), "ES256"))],
  "resolver-by-kid": ["a key resolver choosing among keys by kid",
    (lib) => resolved(lib, compact({ alg: "ES384", kid: "p384" }, claims),
      ({ kid }) => lib.importJWK(publicJwk(kid), { p256: "ES256", p384: "ES384" }[kid]))],
  "resolver-throws": ["a key resolver's error is the verification's error",
    (lib) => resolved(lib, hs256(claims), () => { throw new lib.errors.JWKSNoMatchingKey(); })],
  "resolver-compactVerify": ["compactVerify takes a key resolver too",
    async (lib) => verified(await lib.compactVerify(compact({ alg: "HS256" }, new Uint8Array([1, 2, 3])), () => secret256()))],
  "sign-CryptoKey-not-extractable": ["SignJWT with a private CryptoKey that is not extractable",
    async (lib) => inspect(await new lib.SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "JWT" }).sign(await cryptoKey("ES256", "private", false))), "non-extractable-key"],
  "verify-CryptoKey-not-extractable": ["jwtVerify with a public CryptoKey imported as not extractable",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), await cryptoKey("ES256", "public", false), { currentDate })),
    "non-extractable-key"],
  "string-secret": ["a string is not a key",
    async (lib) => verified(await lib.jwtVerify(hs256(claims), "secret", { currentDate }))],
  "verify-with-private-KeyObject": ["jwtVerify with a private KeyObject is refused",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), keyObjects("ES256").privateKey, { currentDate }))],
  "verify-with-private-JWK": ["jwtVerify with a private JWK object is refused",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), privateJwk("p256"), { currentDate }))],
  "sign-with-public-JWK": ["SignJWT with a public JWK object is refused",
    async (lib) => inspect(await new lib.SignJWT(claims).setProtectedHeader({ alg: "ES256" }).sign(publicJwk("p256")))],
  "JWK-use-enc": ["a JWK object with use \"enc\" does not verify",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), publicJwk("p256", { use: "enc" }), { currentDate }))],
  "JWK-alg-mismatch": ["a JWK object whose alg is ES384 does not verify ES256",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), publicJwk("p256", { alg: "ES384" }), { currentDate }))],
  "KeyObject-wrong-curve": ["a P-384 KeyObject does not verify ES256",
    async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, claims), keyObjects("ES384").publicKey, { currentDate }))],
  "exportJWK-KeyObject": ["exportJWK of a KeyObject",
    async (lib) => lib.exportJWK(keyObjects("ES256").publicKey)],
  "exportJWK-CryptoKey": ["exportJWK of a CryptoKey",
    async (lib) => lib.exportJWK(await cryptoKey("RS256", "public"))],
  "exportJWK-bytes": ["exportJWK of secret bytes",
    async (lib) => lib.exportJWK(secret256())],
  "exportSPKI-KeyObject": ["exportSPKI of a KeyObject",
    async (lib) => (await lib.exportSPKI(keyObjects("EdDSA").publicKey)).trim()],
  "exportPKCS8-KeyObject": ["exportPKCS8 of a KeyObject",
    async (lib) => (await lib.exportPKCS8(keyObjects("ES256").privateKey)).trim()],
  "thumbprint-KeyObject": ["calculateJwkThumbprint of a KeyObject",
    async (lib) => lib.calculateJwkThumbprint(keyObjects("RS256").publicKey)],
  "thumbprint-CryptoKey": ["calculateJwkThumbprint of a CryptoKey",
    async (lib) => lib.calculateJwkThumbprint(await cryptoKey("ES256", "public"))],
};

const cases = each(CASES, (id, [title, run, strict]) => ({ id: `key-forms/${id}`, title, run, ...(strict && { strict }) }));

export default [...perForm, ...cases];
