// The host path in one crossing (issue 16, target 2): with a host checking the signature primitive,
// a verification is ONE call into the core (edgejwt_verify_on_host), which holds the verdict of
// every check after the primitive until the host's verdict is known. What must hold with the
// verdict held rather than reached after the signature:
// - a token whose signature the host refuses is a bad signature, whatever its claims or payload
//   (expired, not yet valid, the wrong issuer, a payload that is not JSON): a forgery is never
//   reported by what it claims;
// - a genuine token whose claims fail is refused with its claims, as the Wasm path refuses it;
// - a failure before the primitive (form, header, algorithm, key choice, the signature's
//   encoding) never reaches the host;
// - verifyAsync under a remote set's keys on hand verifies at once with them (no crossing to decode
//   the header first), and a token they do not fit (an unknown kid) is verified under the set
//   fetched again, its cache lookup counted once;
// - verifyAsync on an asynchronous host (WebCrypto) settles the verdict under the options as they
//   are when the host answers: a policy changed meanwhile is applied, never the one held.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto from "node:crypto";

import { builds } from "../support/builds.js";
import { instrumented } from "../support/instrumented.js";
import { ASYMMETRIC, nodeKeyPair, freshKeyPair, jwkOf } from "../support/keys.js";
import { createApi } from "../../js/api.js";
import { RemoteJWKSet } from "../../js/jwks/remote.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";
import { startEndpoint, answer as respondWith } from "../support/endpoint.js";

const NOW = 1_800_000_000;
const at = (seconds) => ({ currentDate: new Date(seconds * 1000) });
const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
const BAD = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
const HASHES = { RS256: "sha256", ES256: "sha256", EdDSA: null };

// A token over `header` and raw `payload` text, signed by node:crypto with `privateKey`.
function tokenOf(alg, privateKey, payload, header = {}) {
  const input = `${b64({ alg, ...header })}.${b64(payload)}`;
  const options = alg === "ES256" ? { key: privateKey, dsaEncoding: "ieee-p1363" } : privateKey;
  return `${input}.${nodeCrypto.sign(HASHES[alg], Buffer.from(input), options).toString("base64url")}`;
}

// What an operation answered: its result's payload, or its error's code (and claim, when one failed).
async function answer(operation) {
  try {
    const { payload } = await operation();
    return { payload: payload instanceof Uint8Array ? Buffer.from(payload).toString() : payload };
  } catch (error) {
    return error.claim ? { code: error.code, claim: error.claim } : { code: error.code };
  }
}

// The calls into the instance `operation` made, by name.
async function callsOf(probe, operation) {
  const before = new Map(probe.calls);
  await operation();
  return Object.fromEntries([...probe.calls].filter(([name, count]) => count > (before.get(name) ?? 0))
    .map(([name, count]) => [name, count - (before.get(name) ?? 0)]));
}

// The cases, for one algorithm: the genuine key signs, the attacker's key forges.
function casesFor(alg) {
  const genuine = nodeKeyPair(alg);
  const attacker = freshKeyPair(ASYMMETRIC[alg].type, ASYMMETRIC[alg].options);
  const claims = (extra) => JSON.stringify({ sub: "u1", iss: "https://idp.example", ...extra });
  const signed = (key, payload) => tokenOf(alg, key.privateKey, payload);
  return {
    jwk: jwkOf(genuine.publicKey),
    valid: signed(genuine, claims({ exp: NOW + 60 })),
    // claim failures, genuine and forged
    expired: signed(genuine, claims({ exp: NOW - 60 })),
    forgedExpired: signed(attacker, claims({ exp: NOW - 60 })),
    forgedEarly: signed(attacker, claims({ nbf: NOW + 3600 })),
    forgedIssuer: signed(attacker, claims({ iss: "https://evil.example" })),
    forgedNotJson: signed(attacker, "{not json"),
    forgedNotObject: signed(attacker, "[1]"),
    // a failure before the primitive: an algorithm the options refuse
    forgedOtherAlg: signed(attacker, claims({})).replace(/^[^.]+/, b64({ alg: "ES384" })),
  };
}

const ALGS = Object.keys(HASHES);
let allCases;
const casesOfEveryAlg = () => (allCases ??= Object.fromEntries(ALGS.map((alg) => [alg, casesFor(alg)])));

// An API on an instrumented engine of `build` (its calls counted: `probe.calls`).
async function instrumentedApi(build, options) {
  const engine = instrumented(build);
  const api = createApi(engine.load);
  await api.init(options);
  return { api, probe: engine.probe };
}

for (const build of builds) {
  describe(`the host path in one crossing on ${build.name}`, () => {
    let api;
    let probe;
    let cases;
    before(async () => {
      ({ api, probe } = await instrumentedApi(build, build.options));
      cases = casesOfEveryAlg();
    });

    it("verify, verifyAsync and compactVerify on node:crypto call the core once per token", async () => {
      for (const alg of ALGS) {
        const key = api.importJWK(cases[alg].jwk, alg);
        const options = { ...at(NOW), issuer: "https://idp.example" };
        await api.verify(cases[alg].valid, key, options); // the host's key is made once, here
        for (const operation of [
          () => api.verify(cases[alg].valid, key, options),
          () => api.verifyAsync(cases[alg].valid, key, options),
          () => api.compactVerify(cases[alg].valid, key),
        ]) {
          assert.deepEqual(await callsOf(probe, operation), { edgejwt_verify_on_host: 1 }, alg);
        }
      }
    });

    it("a forgery is a bad signature whatever its claims or payload; a genuine token's claims are checked", async () => {
      for (const alg of ALGS) {
        const c = cases[alg];
        const key = api.importJWK(c.jwk, alg);
        const options = { ...at(NOW), issuer: "https://idp.example" };
        const expect = async (token, expected) => {
          const host = await answer(() => api.verify(token, key, options));
          const wasm = await answer(() => api.verify(token, key, { ...options, hostCrypto: false }));
          const async = await answer(() => api.verifyAsync(token, key, options));
          assert.deepEqual({ host, async }, { host: expected, async: expected }, `${alg}: ${token}`);
          assert.deepEqual(wasm, expected, `${alg} in Wasm`);
        };
        await expect(c.valid, { payload: JSON.parse(Buffer.from(c.valid.split(".")[1], "base64url")) });
        await expect(c.expired, { code: "ERR_JWT_EXPIRED", claim: "exp" });
        for (const forged of [c.forgedExpired, c.forgedEarly, c.forgedIssuer, c.forgedNotJson, c.forgedNotObject]) {
          await expect(forged, { code: BAD });
        }
        // A JWS payload is any bytes: a forged one is refused as a bad signature, a genuine one returned.
        assert.deepEqual(await answer(() => api.compactVerify(c.forgedNotJson, key)), { code: BAD });
        assert.deepEqual(await answer(() => api.compactVerify(c.expired, key)),
          { payload: Buffer.from(c.expired.split(".")[1], "base64url").toString() });
      }
    });

    it("a failure before the primitive is reported as it is, and the host is never asked", async () => {
      const c = cases.ES256;
      const key = api.importJWK(c.jwk, "ES256");
      let asked = 0;
      const verify = nodeCrypto.verify;
      nodeCrypto.verify = (...args) => {
        asked++;
        return verify(...args);
      };
      try {
        assert.deepEqual(await answer(() => api.verify(c.forgedOtherAlg, key, { ...at(NOW), algorithms: ["ES256"] })), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
        const shortSignature = c.forgedExpired.replace(/[^.]+$/, Buffer.alloc(63, 1).toString("base64url"));
        assert.throws(() => api.verify(shortSignature, key, at(NOW)), { code: BAD, message: /exact length/ });
        assert.equal(asked, 0);
        assert.deepEqual(await answer(() => api.verify(c.forgedExpired, key, at(NOW))), { code: BAD });
        assert.equal(asked, 1, "a forgery whose encoding holds reaches the host");
      } finally {
        nodeCrypto.verify = verify;
      }
    });
  });

  describe(`verifyAsync on WebCrypto, one crossing, on ${build.name}`, () => {
    let api;
    let probe;
    let cases;
    before(async () => {
      ({ api, probe } = await instrumentedApi(build, { ...build.options, hostCrypto: "webcrypto" }));
      cases = casesOfEveryAlg();
    });

    it("one call into the core, a forgery is a bad signature whatever it claims", async () => {
      for (const alg of ALGS) {
        const c = cases[alg];
        const key = api.importJWK(c.jwk, alg);
        const options = { ...at(NOW), issuer: "https://idp.example" };
        await api.verifyAsync(c.valid, key, options); // the CryptoKey is made once, here
        assert.deepEqual(await callsOf(probe, () => api.verifyAsync(c.valid, key, options)), { edgejwt_verify_on_host: 1 });
        assert.deepEqual(await answer(() => api.verifyAsync(c.expired, key, options)), { code: "ERR_JWT_EXPIRED", claim: "exp" });
        for (const forged of [c.forgedExpired, c.forgedEarly, c.forgedIssuer, c.forgedNotJson]) {
          assert.deepEqual(await answer(() => api.verifyAsync(forged, key, options)), { code: BAD }, alg);
        }
      }
    });

    it("options changed while the host works are applied, never the verdict held under the old ones", async () => {
      const c = cases.RS256;
      const key = api.importJWK(c.jwk, "RS256");
      const options = { ...at(NOW), issuer: "https://idp.example" };
      await api.verifyAsync(c.valid, key, options);
      // Changes `options` once the core has held its verdict, while the host works.
      const whileHostWorks = async (change) => {
        probe.observers.set("edgejwt_verify_on_host", () => {
          probe.observers.delete("edgejwt_verify_on_host");
          change();
        });
        try {
          return await answer(() => api.verifyAsync(c.valid, key, options));
        } finally {
          probe.observers.delete("edgejwt_verify_on_host");
        }
      };
      assert.deepEqual(await whileHostWorks(() => { options.issuer = "https://other.example"; }),
        { code: "ERR_JWT_CLAIM_VALIDATION_FAILED", claim: "iss" });
      options.issuer = "https://idp.example";
      assert.deepEqual(await whileHostWorks(() => { options.algorithms = ["ES256"]; }), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      delete options.algorithms;
      // The verification's time is the call's.
      assert.equal((await whileHostWorks(() => { options.currentDate = new Date((NOW + 120) * 1000); })).payload?.sub, "u1");
    });
  });

  describe(`verifyAsync under a remote set's keys on hand, on ${build.name}`, () => {
    let api;
    let probe;
    let endpoint;
    const signers = {};
    before(async () => {
      ({ api, probe } = await instrumentedApi(build, build.options));
      endpoint = await startEndpoint("/jwks");
      for (const kid of ["k1", "k2"]) {
        const { publicKey, privateKey } = freshKeyPair("ec", { namedCurve: "P-256" });
        signers[kid] = { jwk: { ...jwkOf(publicKey), kid, alg: "ES256" }, privateKey };
      }
    });
    after(() => endpoint.close());

    it("a miss is one call into the core; an unknown kid fetches the set again; one lookup counted per token", async () => {
      let served = { keys: [signers.k1.jwk] };
      endpoint.respond = (request, response) => respondWith(served)(request, response);
      const remote = new RemoteJWKSet((jwks) => api.createLocalJWKSet(jwks), endpoint.url, { cooldownDuration: 0 });
      const cache = new VerifiedTokenCache();
      const options = { ...at(NOW), cache };
      const signed = (kid, sub) => tokenOf("ES256", signers[kid].privateKey, JSON.stringify({ sub, exp: NOW + 60 }), { kid });
      assert.equal((await api.verifyAsync(signed("k1", "first"), remote, options)).payload.sub, "first"); // fetches
      const fetches = endpoint.requests.length;

      const calls = await callsOf(probe, () => api.verifyAsync(signed("k1", "second"), remote, options));
      assert.deepEqual(calls, { edgejwt_verify_on_host: 1 }, "the header is not decoded to choose the keys on hand");
      assert.deepEqual({ misses: cache.misses, hits: cache.hits }, { misses: 2, hits: 0 });
      assert.equal(endpoint.requests.length, fetches);

      served = { keys: [signers.k1.jwk, signers.k2.jwk] }; // the provider adds a key
      assert.equal((await api.verifyAsync(signed("k2", "rotated"), remote, options)).payload.sub, "rotated");
      assert.equal(endpoint.requests.length, fetches + 1, "an unknown kid fetched the set again");
      assert.equal(cache.misses, 3, "one lookup counted for the token the keys on hand did not fit");
      const repeated = signed("k1", "again");
      assert.equal((await api.verifyAsync(repeated, remote, options)).payload.sub, "again");
      assert.deepEqual(await callsOf(probe, () => api.verifyAsync(repeated, remote, options)), {}, "a hit calls nothing");
      assert.deepEqual({ misses: cache.misses, hits: cache.hits }, { misses: 4, hits: 1 });
    });
  });
}
