// JWS for every algorithm edgejwt supports: tokens signed here verified by each library, tokens
// each library signs checked here, and the failures of a bad signature or a refused algorithm.
// Then the token forms jose's compactVerify and jwtVerify documentation covers.
import { sign } from "node:crypto";

import { ALGORITHM_NAMES, NOW, compact, inspect, signKey, signatureOf, verifyKey, fixtures } from "../fixtures.js";
import { currentDate, verified, hs256, secret256, verifyClaims } from "./kit.js";

const claims = { sub: "user-1", iss: "https://idp.example", aud: ["api", "web"], scope: "read write", n: 3.5, exp: NOW + 600 };
const bytes = Uint8Array.from({ length: 100 }, (_, i) => (i * 37) & 0xff);
const otherAlg = (alg) => (alg === "HS256" ? "HS384" : "HS256");

// `token` with its signature cut by one byte.
function shortened(token) {
  const [header, payload, signature] = token.split(".");
  return `${header}.${payload}.${Buffer.from(signature, "base64url").subarray(0, -1).toString("base64url")}`;
}

function tampered(token) {
  const [header, , signature] = token.split(".");
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: "admin" })).toString("base64url")}.${signature}`;
}

const perAlgorithm = ALGORITHM_NAMES.flatMap((alg) => [
  {
    id: `jws/${alg}/jwtVerify`,
    title: `jwtVerify of an ${alg} token signed elsewhere`,
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg, kid: "k1" }, claims), await verifyKey(lib, alg), { currentDate })),
  },
  {
    id: `jws/${alg}/compactVerify`,
    title: `compactVerify of an ${alg} JWS over bytes`,
    run: async (lib) => verified(await lib.compactVerify(compact({ alg }, bytes), await verifyKey(lib, alg))),
  },
  {
    id: `jws/${alg}/SignJWT`,
    title: `SignJWT with ${alg}: the token verifies elsewhere with the header and claims given`,
    run: async (lib) => inspect(await new lib.SignJWT({ scope: "read" }).setProtectedHeader({ alg, kid: "k1", typ: "JWT" })
      .setIssuedAt(NOW).setExpirationTime(NOW + 600).setSubject("user-1").sign(await signKey(lib, alg))),
  },
  {
    id: `jws/${alg}/CompactSign`,
    title: `CompactSign with ${alg}: the JWS verifies elsewhere`,
    run: async (lib) => inspect(await new lib.CompactSign(bytes).setProtectedHeader({ alg }).sign(await signKey(lib, alg))),
  },
  {
    id: `jws/${alg}/tampered`,
    title: `an ${alg} token whose payload was replaced fails`,
    run: async (lib) => verified(await lib.jwtVerify(tampered(compact({ alg }, claims)), await verifyKey(lib, alg), { currentDate })),
  },
  {
    id: `jws/${alg}/not-allowed`,
    title: `an ${alg} token outside the algorithms option fails`,
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg }, claims), await verifyKey(lib, alg), { currentDate, algorithms: [otherAlg(alg)] })),
  },
  {
    id: `jws/${alg}/short-signature`,
    title: `an ${alg} signature one byte short fails as a bad signature`,
    run: async (lib) => verified(await lib.jwtVerify(shortened(compact({ alg }, claims)), await verifyKey(lib, alg), { currentDate })),
  },
]);

// The HS256 secret's token with its header or payload segment given raw.
const rawToken = (header, payload) => compact({ raw: header }, { raw: payload }, { alg: "HS256" });
const b64 = (text) => Buffer.from(text).toString("base64url");
const goodHeader = b64('{"alg":"HS256"}');
const goodPayload = b64(JSON.stringify({ sub: "user-1" }));
const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

const forms = [
  {
    id: "jws/uint8array-token",
    title: "jwtVerify takes the token as a Uint8Array",
    run: async (lib) => verified(await lib.jwtVerify(new TextEncoder().encode(hs256({ sub: "user-1" })), secret256(), { currentDate })),
  },
  {
    id: "jws/alg-none",
    title: "an unsecured (alg none) token never verifies",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "none" }, { sub: "user-1" }), secret256(), { currentDate })),
  },
  {
    id: "jws/alg-none-allowed",
    title: "listing none in algorithms does not make an unsecured token verify",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "none" }, { sub: "user-1" }), secret256(), { currentDate, algorithms: ["none"] })),
  },
  {
    id: "jws/unknown-alg",
    title: "an unknown alg fails as not supported",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "HS1" }, { sub: "u" }, { alg: "HS256" }), secret256(), { currentDate })),
  },
  {
    id: "jws/alg-case",
    title: "alg names are case-sensitive: hs256 is not HS256",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "hs256" }, { sub: "u" }, { alg: "HS256" }), secret256(), { currentDate })),
  },
  {
    id: "jws/missing-alg",
    title: "a header without alg fails",
    run: async (lib) => verified(await lib.jwtVerify(compact({ typ: "JWT" }, { sub: "u" }, { alg: "HS256" }), secret256(), { currentDate })),
  },
  {
    id: "jws/alg-not-string",
    title: "a header whose alg is not a string fails",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: 256 }, { sub: "u" }, { alg: "HS256" }), secret256(), { currentDate })),
  },
  {
    id: "jws/ES256-der-signature",
    title: "an ES256 signature in DER form (not R||S) fails",
    run: async (lib) => {
      const input = `${b64('{"alg":"ES256"}')}.${goodPayload}`;
      const der = sign("sha256", Buffer.from(input), fixtures().pairs.p256.privateKey);
      return verified(await lib.jwtVerify(`${input}.${der.toString("base64url")}`, await verifyKey(lib, "ES256"), { currentDate }));
    },
  },
  {
    id: "jws/ES256-with-RSA-key",
    title: "an ES256 token checked with an RSA key fails",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "ES256" }, { sub: "u" }), await verifyKey(lib, "RS256"), { currentDate })),
  },
  {
    id: "jws/PS256-with-key-imported-for-RS256",
    title: "a PS256 token checked with an RSA key imported for RS256 fails",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "PS256" }, { sub: "u" }), await verifyKey(lib, "RS256"), { currentDate })),
  },
  {
    id: "jws/HS256-with-ES256-key",
    title: "an HS256 token checked with an EC public key fails",
    run: async (lib) => verified(await lib.jwtVerify(hs256({ sub: "u" }), await verifyKey(lib, "ES256"), { currentDate })),
  },
  {
    id: "jws/public-pem-as-hmac-secret",
    title: "an HS256 token whose secret is a public key's PEM (algorithm confusion)",
    strict: "hmac-secret-key-encoding",
    run: async (lib) => {
      const pem = new TextEncoder().encode(fixtures().pairs.rsa.spki);
      return verified(await lib.jwtVerify(compact({ alg: "HS256" }, { sub: "u" }, { key: pem }), pem, { currentDate }));
    },
  },
  {
    id: "jws/hmac-secret-16-bytes",
    title: "verifying HS256 with a 16-byte secret",
    strict: "hmac-secret-length",
    run: async (lib) => {
      const short = new Uint8Array(16).fill(7);
      return verified(await lib.jwtVerify(compact({ alg: "HS256" }, { sub: "u" }, { key: short }), short, { currentDate }));
    },
  },
  {
    id: "jws/hmac-HS512-with-32-byte-secret",
    title: "verifying HS512 with a 32-byte secret (under the hash's 64)",
    strict: "hmac-secret-length",
    run: async (lib) => verified(await lib.jwtVerify(compact({ alg: "HS512" }, { sub: "u" }, { key: secret256() }), secret256(), { currentDate })),
  },
  {
    id: "jws/rsa-1024-verify",
    title: "verifying RS256 with a 1024-bit key",
    strict: "rsa-modulus-size",
    run: async (lib) => {
      const { privateKey, publicJwk } = fixtures().pairs.rsa1024;
      const token = compact({ alg: "RS256" }, { sub: "u" }, { key: privateKey });
      return verified(await lib.jwtVerify(token, await lib.importJWK(publicJwk, "RS256"), { currentDate }));
    },
  },
  { id: "jws/two-parts", title: "a token of two parts fails", run: async (lib) => verified(await lib.jwtVerify(`${goodHeader}.${goodPayload}`, secret256())) },
  {
    id: "jws/four-parts",
    title: "a token of four parts fails",
    run: async (lib) => verified(await lib.jwtVerify(`${hs256({ sub: "u" })}.x`, secret256(), { currentDate })),
  },
  {
    id: "jws/empty-signature",
    title: "a token with an empty signature fails",
    run: async (lib) => verified(await lib.jwtVerify(`${goodHeader}.${goodPayload}.`, secret256(), { currentDate })),
  },
  {
    id: "jws/header-not-json",
    title: "a header that is not JSON fails",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(b64("{alg:HS256}"), goodPayload), secret256(), { currentDate })),
  },
  {
    id: "jws/header-not-object",
    title: "a header that is a JSON array fails",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(b64('["HS256"]'), goodPayload), secret256(), { currentDate })),
  },
  {
    id: "jws/payload-not-object",
    title: "jwtVerify of a payload that is a JSON array fails as an invalid JWT",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, b64("[1,2]")), secret256(), { currentDate })),
  },
  {
    id: "jws/payload-not-json",
    title: "jwtVerify of a payload that is not JSON fails as an invalid JWT",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, b64("hello")), secret256(), { currentDate })),
  },
  {
    id: "jws/payload-not-utf8",
    title: "jwtVerify of a payload that is not UTF-8 fails",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")), secret256(), { currentDate })),
  },
  {
    id: "jws/compactVerify-any-payload",
    title: "compactVerify returns a payload that is not JSON as bytes",
    run: async (lib) => verified(await lib.compactVerify(rawToken(goodHeader, b64("hello")), secret256())),
  },
  {
    id: "jws/compactVerify-empty-payload",
    title: "compactVerify of an empty payload",
    run: async (lib) => verified(await lib.compactVerify(rawToken(goodHeader, ""), secret256())),
  },
  {
    id: "jws/b64-false-compactVerify",
    title: "compactVerify of an unencoded-payload JWS (b64: false, crit b64)",
    strict: "b64-false",
    run: async (lib) => {
      const header = b64('{"alg":"HS256","b64":false,"crit":["b64"]}');
      const signature = signatureOf("HS256", Buffer.from(`${header}.hello`)).toString("base64url");
      return verified(await lib.compactVerify(`${header}.hello.${signature}`, secret256()));
    },
  },
  {
    id: "jws/b64-false-jwtVerify",
    title: "jwtVerify of a JWT with b64: false fails",
    run: async (lib) => {
      const header = b64('{"alg":"HS256","b64":false,"crit":["b64"]}');
      const signature = signatureOf("HS256", Buffer.from(`${header}.{}`)).toString("base64url");
      return verified(await lib.jwtVerify(`${header}.{}.${signature}`, secret256(), { currentDate }));
    },
  },
  {
    id: "jws/zip-header",
    title: "a JWS with a zip header",
    strict: "zip-in-jws",
    run: async (lib) => verified(await lib.jwtVerify(hs256({ sub: "u" }, { zip: "DEF" }), secret256(), { currentDate })),
  },
  {
    id: "jws/duplicate-header-member",
    title: "a header naming alg twice",
    strict: "duplicate-members",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(b64('{"alg":"HS256","alg":"HS256"}'), goodPayload), secret256(), { currentDate })),
  },
  {
    id: "jws/duplicate-payload-member",
    title: "a payload naming sub twice",
    strict: "duplicate-members",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, b64('{"sub":"user-1","sub":"admin"}')), secret256(), { currentDate })),
  },
  {
    id: "jws/padded-base64url",
    title: "a payload segment with = padding",
    strict: "base64url-canonical",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, `${b64('{"sub":"u12"}')}==`), secret256(), { currentDate })),
  },
  {
    id: "jws/nonzero-unused-bits",
    title: "a payload segment whose last character has unused bits set",
    strict: "base64url-canonical",
    // 13 bytes: the last character carries 2 bits of the last byte and 4 unused bits, here set.
    run: async (lib) => {
      const text = b64('{"sub":"u12"}');
      const last = BASE64URL[BASE64URL.indexOf(text.at(-1)) | 1];
      return verified(await lib.jwtVerify(rawToken(goodHeader, `${text.slice(0, -1)}${last}`), secret256(), { currentDate }));
    },
  },
  {
    id: "jws/lone-surrogate",
    title: "a payload with a lone surrogate escape",
    strict: "strict-json",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, b64('{"sub":"\\ud800"}')), secret256(), { currentDate })),
  },
  {
    id: "jws/number-beyond-double",
    title: "a payload with exp 1e309 (Infinity to JSON.parse)",
    strict: "strict-json",
    run: async (lib) => verified(await lib.jwtVerify(rawToken(goodHeader, b64('{"sub":"u","exp":1e309}')), secret256(), { currentDate })),
  },
  {
    id: "jws/token-over-64k",
    title: "a 70 000-character token",
    strict: "input-limits",
    run: async (lib) => verifyClaims(lib, { sub: "u", pad: "x".repeat(52_000) }),
  },
  {
    id: "jws/kid-over-256",
    title: "a kid of 300 characters",
    strict: "input-limits",
    run: async (lib) => verifyClaims(lib, { sub: "u" }, {}, { kid: "k".repeat(300) }),
  },
  {
    id: "jws/json-depth-20",
    title: "a payload nested 20 deep",
    strict: "json-limits",
    run: async (lib) => verifyClaims(lib, { sub: "u", deep: JSON.parse(`${"[".repeat(20)}${"]".repeat(20)}`) }),
  },
  {
    id: "jws/json-1500-members",
    title: "a payload array of 1500 elements",
    strict: "json-limits",
    run: async (lib) => verifyClaims(lib, { sub: "u", list: Array.from({ length: 1500 }, (_, i) => i) }),
  },
];

export default [...perAlgorithm, ...forms];
