// One named test per attack class (RFC 8725 and the usual JWT pitfalls), on every build: the one
// home of each (alg none, base64url, oversize and deep input, duplicate names, the clock's
// tolerance, key confusion, hostile header members).
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";

import { builds, apiFor } from "../support/builds.js";
import { nodeKeyPair, jwkOf, pemOf, freshKeyPair } from "../support/keys.js";

const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const hs256 = (secret, input) => createHmac("sha256", secret).update(input).digest("base64url");
const secret = new Uint8Array(32).fill(7);
const code = (expected) => (error) => {
  assert.equal(error.status ?? error.code, expected, `expected ${expected}, got ${error.status ?? error.code}: ${error.message}`);
  return true;
};
// Asserts that `fn` throws an error with `code` (and, when given, of class `name`).
function throwsCode(fn, expected, name) {
  assert.throws(fn, (error) => {
    code(expected)(error);
    if (name) assert.equal(error.name, name);
    return true;
  });
}
// A token with the given header and claims, HS256-signed with `key` over exactly these bytes.
const hmacToken = (header, claims, key = secret) => {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${hs256(key, input)}`;
};

for (const build of builds) {
  describe(`attacks on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("alg none, in every case spelling, is never verified, asked for or signed", () => {
      for (const alg of ["none", "None", "NONE", "nOnE", "NoNe"]) {
        for (const signature of ["", "AAAA"]) {
          const token = `${b64({ alg })}.${b64({ sub: "admin" })}.${signature}`;
          throwsCode(() => api.verify(token, secret), "ERR_JOSE_NOT_SUPPORTED", "JOSENotSupported");
          assert.throws(() => api.verify(token, secret, { algorithms: ["HS256"] }), code("ERR_JOSE_NOT_SUPPORTED"));
          assert.equal(api.decode(token).header.alg, alg); // decoding is fine: it says it is unverified
        }
      }
      assert.throws(() => api.verify("x.y.z", secret, { algorithms: ["none"] }), code("ERR_JOSE_NOT_SUPPORTED"));
      assert.throws(() => api.sign({}, secret, { alg: "none" }), code("ERR_JOSE_NOT_SUPPORTED"));
    });
    it("an empty signature is refused", () => {
      const token = api.sign({ sub: "u" }, secret, { alg: "HS256" });
      assert.throws(() => api.verify(`${token.slice(0, token.lastIndexOf("."))}.`, secret), code("ERR_JWS_SIGNATURE_LENGTH"));
      const es = nodeKeyPair("ES256");
      const esToken = api.sign({}, api.importJWK(jwkOf(es.privateKey)), { alg: "ES256" });
      assert.throws(() => api.verify(`${esToken.slice(0, esToken.lastIndexOf("."))}.`, api.importJWK(jwkOf(es.publicKey))),
        code("ERR_JWS_SIGNATURE_LENGTH"));
    });

    it("RS256 -> HS256 confusion with the public key as the secret (PEM and JWK JSON) fails", () => {
      const { publicKey } = nodeKeyPair("RS256");
      for (const encoded of [pemOf(publicKey, "spki"), JSON.stringify(jwkOf(publicKey))]) {
        const forged = hmacToken({ alg: "HS256", typ: "JWT" }, { sub: "admin" }, encoded);
        assert.throws(() => api.verify(forged, api.importSPKI(pemOf(publicKey, "spki"))), code("ERR_JOSE_ALG_NOT_ALLOWED"));
        assert.throws(() => api.verify(forged, api.importJWK(jwkOf(publicKey)), { algorithms: ["HS256", "RS256"] }),
          code("ERR_JOSE_ALG_NOT_ALLOWED"));
        assert.throws(() => api.verify(forged, new TextEncoder().encode(encoded)), code("ERR_KEY_USAGE"));
      }
    });

    it("psychic ECDSA signatures (r = s = 0) are refused on every curve", () => {
      for (const [alg, size] of [["ES256", 32], ["ES384", 48], ["ES512", 66]]) {
        const { publicKey } = nodeKeyPair(alg);
        const key = api.importJWK(jwkOf(publicKey));
        const token = `${b64({ alg })}.${b64({ sub: "admin" })}.${Buffer.alloc(2 * size).toString("base64url")}`;
        assert.throws(() => api.verify(token, key), code("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
      }
    });

    it("an embedded jwk header with the attacker's key is never used", () => {
      const attacker = freshKeyPair("ec", { namedCurve: "P-256" });
      const attackerKey = api.importJWK(jwkOf(attacker.privateKey));
      const forged = api.sign({ sub: "admin" }, attackerKey, { alg: "ES256", header: { jwk: jwkOf(attacker.publicKey) } });
      const genuine = api.importJWK(jwkOf(nodeKeyPair("ES256").publicKey));
      assert.throws(() => api.verify(forged, genuine), code("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
    });

    it("jku and x5u are ignored: the caller's key decides", () => {
      const token = api.sign({ sub: "u" }, secret, { alg: "HS256", header: { jku: "https://evil.example/jwks", x5u: "https://evil.example/c" } });
      assert.equal(api.verify(token, secret).payload.sub, "u");
      const forged = hmacToken({ alg: "HS256", jku: "https://evil.example/jwks" }, { sub: "admin" }, new Uint8Array(32).fill(9));
      assert.throws(() => api.verify(forged, secret), code("ERR_JWS_SIGNATURE_VERIFICATION_FAILED"));
    });

    it("a kid with path traversal or SQL is an opaque string that matches nothing", () => {
      const set = api.createLocalJWKSet({ keys: [{ ...jwkOf(nodeKeyPair("ES256").publicKey), kid: "key-1" }] });
      const signer = api.importJWK(jwkOf(nodeKeyPair("ES256").privateKey));
      for (const kid of ["../../dev/null", "../../../../etc/passwd", "' OR '1'='1", "key-1' --", "key-1\u0000"]) {
        const token = api.sign({ sub: "u" }, signer, { alg: "ES256", kid });
        assert.throws(() => api.verify(token, set), code("ERR_JWKS_NO_MATCHING_KEY"));
      }
      assert.throws(() => api.verify(hmacToken({ alg: "HS256", kid: "k".repeat(257) }, {}), secret), code("ERR_JWS_HEADER_INVALID"));
    });

    it("crit: unknown, duplicate, empty and standard names are refused", () => {
      const cases = [
        [{ alg: "HS256", crit: ["ext"], ext: 1 }, "ERR_JWS_CRIT_NOT_UNDERSTOOD"],
        [{ alg: "HS256", crit: ["ext", "ext"], ext: 1 }, "ERR_JWS_CRIT_INVALID"],
        [{ alg: "HS256", crit: [] }, "ERR_JWS_CRIT_INVALID"],
        [{ alg: "HS256", crit: ["alg"] }, "ERR_JWS_CRIT_INVALID"],
        [{ alg: "HS256", crit: ["kid"], kid: "a" }, "ERR_JWS_CRIT_INVALID"],
        [{ alg: "HS256", crit: ["absent"] }, "ERR_JWS_CRIT_INVALID"],
        [{ alg: "HS256", crit: "ext", ext: 1 }, "ERR_JWS_CRIT_INVALID"],
      ];
      for (const [header, expected] of cases) {
        assert.throws(() => api.verify(hmacToken(header, {}), secret, { crit: ["other"] }), code(expected), JSON.stringify(header));
      }
      assert.ok(api.verify(hmacToken({ alg: "HS256", crit: ["ext"], ext: 1 }, {}), secret, { crit: ["ext"] }));
    });

    it("b64: false is refused for JWTs", () => {
      const token = hmacToken({ alg: "HS256", b64: false, crit: ["b64"] }, { sub: "u" });
      assert.throws(() => api.verify(token, secret, { crit: ["b64"] }), code("ERR_JWS_HEADER_INVALID"));
      assert.throws(() => api.compactVerify(token, secret, { crit: ["b64"] }), code("ERR_JWS_HEADER_INVALID"));
    });

    it("duplicate member names are refused in the header and the claims, verified or decoded", () => {
      const input = `${b64({ alg: "HS256" })}.${b64('{"sub":"user","sub":"admin"}')}`;
      assert.throws(() => api.verify(`${input}.${hs256(secret, input)}`, secret), code("ERR_JSON_DUPLICATE_KEY"));
      assert.throws(() => api.verify(`${b64('{"alg":"HS256","alg":"none"}')}.${b64({})}.AAAA`, secret), code("ERR_JSON_DUPLICATE_KEY"));
      assert.throws(() => api.decode(`${b64({ alg: "HS256" })}.${b64('{"sub":"a","sub":"b"}')}.`), code("ERR_JSON_DUPLICATE_KEY"));
    });
    it("exp as a string, 1e309, negative or out of range is refused; fractional exp is fine", () => {
      const now = Math.floor(Date.now() / 1000);
      for (const exp of ['"9999999999"', "-1", "1e300", "true"]) {
        const input = `${b64({ alg: "HS256" })}.${b64(`{"exp":${exp}}`)}`;
        assert.throws(() => api.verify(`${input}.${hs256(secret, input)}`, secret), code("ERR_JWT_CLAIM_VALIDATION_FAILED"), exp);
      }
      const huge = `${b64({ alg: "HS256" })}.${b64('{"exp":1e309}')}`;
      assert.throws(() => api.verify(`${huge}.${hs256(secret, huge)}`, secret), code("ERR_JSON_INVALID"));
      assert.equal(api.verify(hmacToken({ alg: "HS256" }, { exp: now + 60.5 }), secret).payload.exp, now + 60.5);
    });

    it("aud as a number or an object is refused", () => {
      for (const aud of [1, { api: true }, ["api", 2]]) {
        assert.throws(() => api.verify(hmacToken({ alg: "HS256" }, { aud }), secret), (error) =>
          error.code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && error.claim === "aud" && error.reason === "invalid");
        assert.throws(() => api.verify(hmacToken({ alg: "HS256" }, { aud }), secret, { audience: "api" }),
          code("ERR_JWT_CLAIM_VALIDATION_FAILED"));
      }
    });

    it("non-canonical base64url (padding, + and /, trailing bits, whitespace) is refused", () => {
      const token = api.sign({ sub: "u" }, secret, { alg: "HS256" });
      const [h, p, s] = token.split(".");
      const variants = [
        `${h}==.${p}.${s}`, `${h}.${p}=.${s}`, `${h}.${p}.${s}=`,
        `${h}.${p}.${s.replace(/-/g, "+").replace(/_/g, "/")}${/[-_]/.test(s) ? "" : "+"}`,
        `${h.slice(0, -1)}${String.fromCharCode(h.charCodeAt(h.length - 1) + 1)}.${p}.${s}`,
        ` ${token}`, `${token}\n`, `${h}.${p} .${s}`,
      ];
      for (const variant of variants) {
        assert.throws(() => api.verify(variant, secret), (error) =>
          ["ERR_BASE64URL_INVALID", "ERR_JWS_SIGNATURE_VERIFICATION_FAILED"].includes(error.status ?? error.code) && error.code !== undefined, variant);
      }
      // Each of these is a base64url error, of class JWSInvalid, whatever the part.
      for (const variant of [`${h}=.${p}.${s}`, `${h}.${p}.${s.replace(/.$/, "+")}`, `${h} .${p}.${s}`, `${h}.${p}.${s}=`]) {
        assert.throws(() => api.verify(variant, secret), (error) => code("ERR_BASE64URL_INVALID")(error) && error.name === "JWSInvalid", variant);
      }
      // Trailing bits: the last character of the 32-byte signature carries 2 unused bits.
      const last = s.at(-1);
      const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
      const sibling = alphabet[alphabet.indexOf(last) ^ 1];
      assert.throws(() => api.verify(`${h}.${p}.${s.slice(0, -1)}${sibling}`, secret), code("ERR_BASE64URL_INVALID"));
    });
    it("a 10 MB token is refused before any decoding, and so is one over the options' limits", () => {
      for (const big of [`${b64({ alg: "HS256" })}.${"A".repeat(10 * 1024 * 1024)}.AAAA`, `${"a".repeat(10 * 1024 * 1024)}.b.c`]) {
        assert.throws(() => api.verify(big, secret), (error) => code("ERR_TOKEN_TOO_LARGE")(error) && error.name === "JWSInvalid");
        assert.throws(() => api.decode(big), code("ERR_TOKEN_TOO_LARGE"));
      }
      const big = api.sign({ blob: "x".repeat(2000) }, secret, { alg: "HS256" });
      assert.throws(() => api.verify(big, secret, { maxTokenLength: 1000 }), code("ERR_TOKEN_TOO_LARGE"));
      assert.throws(() => api.verify(big, secret, { maxPayloadSize: 1000 }), code("ERR_PAYLOAD_TOO_LARGE"));
    });
    it("100-deep JSON nesting is refused", () => {
      const deep = `{"a":${"[".repeat(100)}${"]".repeat(100)}}`;
      const input = `${b64({ alg: "HS256" })}.${b64(deep)}`;
      assert.throws(() => api.verify(`${input}.${hs256(secret, input)}`, secret), code("ERR_JSON_TOO_DEEP"));
      const deepHeader = `${b64(`{"alg":"HS256","x":${"[".repeat(100)}${"]".repeat(100)}}`)}.${b64({})}`;
      assert.throws(() => api.verify(`${deepHeader}.AAAA`, secret), code("ERR_JSON_TOO_DEEP"));
    });

    it("bounds maxJsonDepth at 64, and a deep token never breaks the instance", () => {
      const nested = (depth) => `${"[".repeat(depth - 1)}${"]".repeat(depth - 1)}`;
      const tokenOfDepth = (depth) => `${b64({ alg: "HS256" })}.${b64(`{"a":${nested(depth)}}`)}.`;
      assert.equal(api.decode(tokenOfDepth(64), { maxJsonDepth: 64 }).payload.a.length, 1);
      throwsCode(() => api.decode(tokenOfDepth(65), { maxJsonDepth: 64 }), "ERR_JSON_TOO_DEEP", "JWTInvalid");
      throwsCode(() => api.decode(tokenOfDepth(17)), "ERR_JSON_TOO_DEEP"); // the default stays 16
      const deep = tokenOfDepth(8000);
      for (let i = 0; i < 4; i++) {
        throwsCode(() => api.decode(deep, { maxJsonDepth: 10000 }), "ERR_INVALID_ARGUMENT", "JOSEInvalidArgument");
        throwsCode(() => api.decode(deep, { maxJsonDepth: 65 }), "ERR_INVALID_ARGUMENT");
        throwsCode(() => api.decode(deep, { maxJsonDepth: 64 }), "ERR_JSON_TOO_DEEP");
        const token = api.sign({ sub: "still" }, secret, { alg: "HS256" });
        assert.equal(api.verify(token, secret).payload.sub, "still");
      }
    });

    it("a typ mismatch is refused", () => {
      const token = api.sign({ sub: "u" }, secret, { alg: "HS256", typ: "JWT" });
      assert.throws(() => api.verify(token, secret, { typ: "at+jwt" }), (error) =>
        error.code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && error.claim === "typ" && error.reason === "check_failed");
      const access = api.sign({ sub: "u" }, secret, { alg: "HS256", typ: "application/AT+JWT" });
      assert.ok(api.verify(access, secret, { typ: "at+jwt" }));
    });

    it("nbf and exp hold exactly at the tolerance boundary (±1 s)", () => {
      const at = (seconds) => new Date(seconds * 1000);
      const token = api.sign({ nbf: 1000, exp: 2000 }, secret, { alg: "HS256", iat: false });
      const options = { clockTolerance: 30 };
      assert.ok(api.verify(token, secret, { ...options, currentDate: at(970) }));
      assert.throws(() => api.verify(token, secret, { ...options, currentDate: at(969) }), code("ERR_JWT_CLAIM_VALIDATION_FAILED"));
      assert.ok(api.verify(token, secret, { ...options, currentDate: at(2029) }));
      assert.throws(() => api.verify(token, secret, { ...options, currentDate: at(2030) }), code("ERR_JWT_EXPIRED"));
    });

    it("checks exp and nbf against currentDate with clockTolerance", () => {
      const token = api.sign({ exp: 1000, nbf: 900 }, secret, { alg: "HS256", iat: false });
      const at = (seconds) => ({ currentDate: new Date(seconds * 1000) });
      assert.equal(api.verify(token, secret, at(950)).payload.exp, 1000);
      throwsCode(() => api.verify(token, secret, at(1000)), "ERR_JWT_EXPIRED", "JWTExpired");
      const nbfError = assert.throws(() => api.verify(token, secret, at(899)), (error) =>
        error.code === "ERR_JWT_CLAIM_VALIDATION_FAILED" && error.claim === "nbf" && error.reason === "check_failed");
      assert.equal(nbfError, undefined);
      assert.ok(api.verify(token, secret, { ...at(1020), clockTolerance: "30s" }));
      assert.ok(api.verify(token, secret, { ...at(1020), clockTolerance: 30 }));
      throwsCode(() => api.verify(token, secret, { ...at(1020), clockTolerance: "30 parsecs" }), "ERR_INVALID_ARGUMENT");
    });

    it("an iat in the future beyond the tolerance is refused", () => {
      const now = Math.floor(Date.now() / 1000);
      const token = api.sign({}, secret, { alg: "HS256", iat: now + 120 });
      assert.throws(() => api.verify(token, secret), (error) => error.claim === "iat" && error.reason === "check_failed");
      assert.ok(api.verify(token, secret, { clockTolerance: "2m" }));
    });
  });
}
