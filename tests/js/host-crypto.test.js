// Host crypto (js/host-crypto/): the core does every check but the signature primitive, which the
// host checks: node:crypto for verify (and verifyAsync) under Node, WebCrypto for verifyAsync
// elsewhere (here: an instance made with init({ hostCrypto: "webcrypto" })). Every case must come
// out the same with the host, with it forced off ({ hostCrypto: false }) and on WebCrypto: the same
// result (payload, header, the set's key) or the same error (class, code, message, detail, claim,
// reason, payload). The host must be asked exactly when the core's checks before the primitive
// pass, so malformed and hostile signatures never reach it.
import { describe, it, before, after, mock } from "node:test";
import assert from "node:assert/strict";
import nodeCrypto, { createHmac } from "node:crypto";

import { builds, coreFor, algorithmsOf } from "../support/builds.js";
import { ASYMMETRIC, nodeKeyPair, jwkOf, pemOf, freshKeyPair } from "../support/keys.js";
import { loadVectors } from "../support/vectors.js";
import { WYCHEPROOF_FILES, algorithmOf, importGroupKey } from "../support/wycheproof.js";
import { createApi } from "../../js/api.js";
import { VerifiedTokenCache } from "../../js/cache/verified-tokens.js";
import { loadHostCrypto } from "../../js/host-crypto/select.js";
import { publicMaterial } from "../../js/host-crypto/algorithms.js";

const b64 = (value) => Buffer.from(value instanceof Uint8Array || typeof value === "string" ? value : JSON.stringify(value))
  .toString("base64url");
const OK = "OK";
const BAD = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
const LENGTH = "ERR_JWS_SIGNATURE_LENGTH";
const NOT_ALLOWED = "ERR_JOSE_ALG_NOT_ALLOWED";

// Curve orders (SEC 2) and the Ed25519 group order L (RFC 8032), big-endian.
const ORDERS = {
  ES256: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
  ES384: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
  ES512: "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" +
    "a51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
};
const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n;

const bigOf = (bytes) => BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
const bytesOf = (value, size) => Buffer.from(value.toString(16).padStart(size * 2, "0"), "hex");

// node:crypto's signature over `input` for `alg`, made independently of edgejwt.
function nodeSign(alg, privateKey, input, { saltLength, dsaEncoding = "ieee-p1363" } = {}) {
  if (alg === "EdDSA" || alg === "Ed25519") return nodeCrypto.sign(null, input, privateKey);
  const hash = `sha${alg.slice(2)}`;
  if (alg.startsWith("PS")) {
    const padding = nodeCrypto.constants.RSA_PKCS1_PSS_PADDING;
    return nodeCrypto.sign(hash, input, { key: privateKey, padding, saltLength: saltLength ?? Number(alg.slice(2)) / 8 });
  }
  return nodeCrypto.sign(hash, input, alg.startsWith("ES") ? { key: privateKey, dsaEncoding } : privateKey);
}

function signedToken(alg, privateKey, header, claims, signOptions) {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${b64(nodeSign(alg, privateKey, Buffer.from(input), signOptions))}`;
}

// A second key pair of the same kind and size as `alg`'s, made once per test process.
const others = new Map();
function otherKeyPair(alg) {
  if (!others.has(alg)) others.set(alg, freshKeyPair(ASYMMETRIC[alg].type, ASYMMETRIC[alg].options));
  return others.get(alg);
}

// Whether `token`'s signature is in range for `publicKey`: a signature made with another RSA key
// can be ≥ this key's modulus, which the core refuses before the host is asked.
function inRange(alg, publicKey, token) {
  if (!alg.startsWith("RS") && !alg.startsWith("PS")) return true;
  return bigOf(Buffer.from(token.split(".")[2], "base64url")) < bigOf(Buffer.from(jwkOf(publicKey).n, "base64url"));
}

// Signatures the core must refuse before the host is asked: out of range for the scheme.
function outOfRange(alg, signature, publicJwk) {
  if (alg.startsWith("ES")) {
    const size = signature.length / 2;
    const n = Buffer.from(ORDERS[alg], "hex");
    const [r, s] = [signature.subarray(0, size), signature.subarray(size)];
    return {
      "r = 0": Buffer.concat([Buffer.alloc(size), s]),
      "s = 0": Buffer.concat([r, Buffer.alloc(size)]),
      "r = n": Buffer.concat([n, s]),
      "s = n": Buffer.concat([r, n]),
      "r and s all ones (≥ n)": Buffer.alloc(2 * size, 0xff),
    };
  }
  if (alg.startsWith("RS") || alg.startsWith("PS")) {
    const n = Buffer.from(publicJwk.n, "base64url");
    return { "s = n": n, "s all ones (> n)": Buffer.alloc(n.length, 0xff) };
  }
  const S = bigOf(Buffer.from(signature.subarray(32)).reverse());
  return {
    "S + L (non-canonical S)": Buffer.concat([signature.subarray(0, 32), bytesOf(S + ED25519_L, 32).reverse()]),
    "S all ones (≥ L)": Buffer.concat([signature.subarray(0, 32), Buffer.alloc(32, 0xff)]),
  };
}

// Signatures the core passes to the host, which must refuse them (or, for ECDSA's (r, n - s),
// accept: JWS has no low-s rule, and neither path makes one up).
function hostDecides(alg, privateKey, signature, header, claims) {
  const cases = {};
  const input = `${b64(header)}.${b64(claims)}`;
  if (alg.startsWith("ES")) {
    const size = signature.length / 2;
    const n = bigOf(Buffer.from(ORDERS[alg], "hex"));
    const s = bigOf(signature.subarray(size));
    cases["(r, n - s): the same signature, malleated"] = {
      token: `${input}.${b64(Buffer.concat([signature.subarray(0, size), bytesOf(n - s, size)]))}`, expect: OK,
    };
    cases["DER-encoded signature"] = {
      token: signedToken(alg, privateKey, header, claims, { dsaEncoding: "der" }), expect: LENGTH, asksHost: false,
    };
  } else if (alg.startsWith("RS") || alg.startsWith("PS")) {
    cases["s = 0"] = { token: `${input}.${b64(Buffer.alloc(signature.length))}`, expect: BAD };
    if (alg.startsWith("PS")) {
      cases["PSS with an empty salt"] = {
        token: signedToken(alg, privateKey, header, claims, { saltLength: 0 }), expect: BAD,
      };
    }
  } else {
    const notAPoint = Buffer.concat([Buffer.alloc(32, 0xff), signature.subarray(32)]);
    cases["R not a curve point"] = { token: `${input}.${b64(notAPoint)}`, expect: BAD };
  }
  return cases;
}

// Another algorithm of the same key family in the header, over the same signature.
const SIBLINGS = { RS: "PS", PS: "RS" };
function siblingOf(alg) {
  if (alg === "EdDSA") return ["Ed25519", BAD, true];
  if (alg === "Ed25519") return ["EdDSA", BAD, true];
  if (alg.startsWith("ES")) return [alg === "ES256" ? "ES384" : "ES256", NOT_ALLOWED, false];
  return [`${SIBLINGS[alg.slice(0, 2)]}${alg.slice(2)}`, BAD, true];
}

// Every case for one algorithm: [name, { token, options, expect, asksHost, kid }].
function casesFor(alg) {
  const { privateKey, publicKey } = nodeKeyPair(alg);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "u1", iat: now, exp: now + 600 };
  const header = { alg, typ: "JWT" };
  const token = signedToken(alg, privateKey, header, claims);
  const [h, p, s] = token.split(".");
  const signature = Buffer.from(s, "base64url");
  const withSignature = (bytes) => `${h}.${p}.${b64(bytes)}`;
  const flipped = Buffer.from(signature);
  flipped[flipped.length - 1] ^= 1;
  const [sibling, siblingCode, siblingAsks] = siblingOf(alg);
  const byAnotherKey = signedToken(alg, otherKeyPair(alg).privateKey, header, claims);
  const hmacInput = `${b64({ alg: "HS256", typ: "JWT" })}.${p}`;
  const cases = {
    valid: { token, expect: OK },
    "payload tampered": { token: `${h}.${b64({ ...claims, sub: "admin" })}.${s}`, expect: BAD },
    "signature tampered": { token: withSignature(flipped), expect: BAD },
    "signed by another key": { token: byAnotherKey, expect: BAD, asksHost: inRange(alg, publicKey, byAnotherKey) },
    "one byte short": { token: withSignature(signature.subarray(1)), expect: LENGTH, asksHost: false },
    "one byte long": { token: withSignature(Buffer.concat([signature, Buffer.alloc(1)])), expect: LENGTH, asksHost: false },
    "empty signature": { token: `${h}.${p}.`, expect: LENGTH, asksHost: false },
    "non-canonical base64url signature": { token: `${token}=`, expect: "ERR_BASE64URL_INVALID", asksHost: false },
    ...Object.fromEntries(Object.entries(outOfRange(alg, signature, jwkOf(publicKey)))
      .map(([name, bytes]) => [name, { token: withSignature(bytes), expect: BAD, asksHost: false }])),
    ...hostDecides(alg, privateKey, signature, header, claims),
    [`${sibling} in the header`]: {
      token: `${b64({ ...header, alg: sibling })}.${p}.${s}`, expect: siblingCode, asksHost: siblingAsks,
    },
    "HS256 with the public key's PEM as the secret": {
      token: `${hmacInput}.${createHmac("sha256", pemOf(publicKey, "spki")).update(hmacInput).digest("base64url")}`,
      expect: NOT_ALLOWED, asksHost: false,
    },
    "alg none": { token: `${b64({ alg: "none" })}.${p}.`, expect: "ERR_JOSE_NOT_SUPPORTED", asksHost: false },
    "not on the algorithms allowlist": { token, options: { algorithms: ["HS256"] }, expect: NOT_ALLOWED, asksHost: false },
    expired: { token: signedToken(alg, privateKey, header, { ...claims, exp: now - 10 }), expect: "ERR_JWT_EXPIRED" },
    "not yet valid": {
      token: signedToken(alg, privateKey, header, { ...claims, nbf: now + 300 }), expect: "ERR_JWT_CLAIM_VALIDATION_FAILED",
    },
    "issuer required": { token, options: { issuer: "https://idp.example" }, expect: "ERR_JWT_CLAIM_VALIDATION_FAILED" },
    "expired, within the clock tolerance": {
      token: signedToken(alg, privateKey, header, { ...claims, exp: now - 10 }), options: { clockTolerance: 60 }, expect: OK,
    },
  };
  return Object.entries(cases).map(([name, c]) => [name, { asksHost: true, options: {}, ...c }]);
}

// Cases for a set of two keys of the same kind, told apart by "kid".
function setCasesFor(alg) {
  const { privateKey } = nodeKeyPair(alg);
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: "u1", exp: now + 600 };
  const signed = (header, extra = {}) => signedToken(alg, privateKey, { alg, ...header }, { ...claims, ...extra });
  const forOther = signed({ kid: "other" });
  return Object.entries({
    "the kid's key": { token: signed({ kid: "genuine" }), expect: OK, kid: "genuine" },
    "another kid's key": { token: forOther, expect: BAD, asksHost: inRange(alg, otherKeyPair(alg).publicKey, forOther) },
    "an unknown kid": { token: signed({ kid: "unknown" }), expect: "ERR_JWKS_NO_MATCHING_KEY", asksHost: false },
    "no kid, two candidates": { token: signed({}), expect: "ERR_JWKS_MULTIPLE_MATCHING_KEYS", asksHost: false },
    "the kid's key, expired": { token: signed({ kid: "genuine" }, { exp: now - 10 }), expect: "ERR_JWT_EXPIRED" },
  }).map(([name, c]) => [name, { asksHost: true, options: {}, ...c }]);
}

function jwksFor(alg) {
  const other = { ...jwkOf(otherKeyPair(alg).publicKey), kid: "other" };
  return { keys: [other, { ...jwkOf(nodeKeyPair(alg).publicKey), kid: "genuine" }] };
}

// `run`'s outcome and how often `spy` was called meanwhile.
async function counted(spy, run) {
  const before = spy.mock.callCount();
  const outcome = await run();
  return [outcome, spy.mock.callCount() - before];
}

// A verification's outcome in comparable form: the result, or the error's every visible part.
async function settle(api, run) {
  try {
    const { payload, protectedHeader, key } = await run();
    return { code: OK, payload, protectedHeader, key: key && api.exportJWK(key) };
  } catch (error) {
    if (!error.code) throw error;
    const { name, code, status, message, detail, claim, reason, payload } = error;
    return { name, code: status ?? code, message, detail, claim, reason, payload };
  }
}

for (const build of builds) {
  describe(`host crypto on ${build.name}`, () => {
    let onHost; // init(): node:crypto
    let onWebCrypto; // init({ hostCrypto: "webcrypto" })
    let nodeHost;
    let webHost;
    let nodeVerify;
    let subtleVerify;

    before(async () => {
      onHost = createApi(build.load);
      await onHost.init(build.options);
      onWebCrypto = createApi(build.load);
      await onWebCrypto.init({ ...build.options, hostCrypto: "webcrypto" });
      nodeHost = await loadHostCrypto("node", await algorithmsOf(build));
      webHost = await loadHostCrypto("webcrypto", await algorithmsOf(build));
      nodeVerify = mock.method(nodeCrypto, "verify");
      subtleVerify = mock.method(crypto.subtle, "verify");
    });
    after(() => mock.restoreAll());

    // Runs `token` through every path and checks they agree, that the answer is `expect`, and
    // that each host was asked exactly when it should have been.
    async function agree(alg, name, { token, options, expect, asksHost, kid }, keys) {
      const label = `${alg}, ${name}`;
      const onNode = (run) => counted(nodeVerify, () => settle(onHost, run));
      const onWeb = (run) => counted(subtleVerify, () => settle(onWebCrypto, run));
      const [host, nodeAsked] = await onNode(() => onHost.verify(token, keys.host, options));
      const [wasm, wasmAsked] = await onNode(() => onHost.verify(token, keys.host, { ...options, hostCrypto: false }));
      const asyncOnHost = await settle(onHost, () => onHost.verifyAsync(token, keys.host, options));
      const [web, webAsked] = await onWeb(() => onWebCrypto.verifyAsync(token, keys.web, options));
      const [webSync, webSyncAsked] = await onWeb(() => onWebCrypto.verify(token, keys.web, options));

      assert.equal(wasm.code, expect, `${label}: ${wasm.message}`);
      if (kid) assert.equal(wasm.key.kid, kid, label);
      assert.deepEqual(host, wasm, `${label}: node:crypto`);
      assert.deepEqual(asyncOnHost, wasm, `${label}: verifyAsync on node:crypto`);
      assert.deepEqual(web, wasm, `${label}: WebCrypto`);
      assert.deepEqual(webSync, wasm, `${label}: verify beside WebCrypto (Wasm)`);
      assert.equal(nodeAsked, asksHost && nodeHost.handles(alg) ? 1 : 0, `${label}: node:crypto asked`);
      assert.equal(webAsked, asksHost && webHost.handles(alg) ? 1 : 0, `${label}: WebCrypto asked`);
      assert.equal(wasmAsked, 0, `${label}: { hostCrypto: false } asked node:crypto`);
      assert.equal(webSyncAsked, 0, `${label}: verify asked WebCrypto`);

      const bytes = await Promise.all([{}, { hostCrypto: false }].map((extra) =>
        settle(onHost, () => onHost.compactVerify(token, keys.host, { ...options, ...extra }))));
      assert.deepEqual(bytes[0], bytes[1], `${label}: compactVerify`);
    }

    for (const alg of Object.keys(ASYMMETRIC)) {
      it(`${alg}: every case is answered alike on node:crypto, Wasm and WebCrypto`, async () => {
        const jwk = jwkOf(nodeKeyPair(alg).publicKey);
        // Warm keys are reused from case to case; a fresh key makes its host key on first use.
        const warm = { host: onHost.importJWK(jwk), web: onWebCrypto.importJWK(jwk) };
        for (const [name, c] of casesFor(alg)) {
          await agree(alg, name, c, warm);
          const fresh = { host: onHost.importJWK(jwk), web: onWebCrypto.importJWK(jwk) };
          await agree(alg, `${name} (first use of the key)`, c, fresh);
          fresh.host.free();
          fresh.web.free();
        }
      });

      it(`${alg}: key sets pick by kid alike on every path`, async () => {
        const jwks = jwksFor(alg);
        const sets = { host: onHost.createLocalJWKSet(jwks), web: onWebCrypto.createLocalJWKSet(jwks) };
        for (const [name, c] of setCasesFor(alg)) await agree(alg, name, c, sets);
      });
    }

    it("a private key verifies on the host from its public half only", async () => {
      const createPublicKey = mock.method(nodeCrypto, "createPublicKey");
      const importKey = mock.method(crypto.subtle, "importKey");
      try {
        for (const alg of ["RS256", "PS384", "ES256", "ES512", "EdDSA"]) {
          const privateJwk = jwkOf(nodeKeyPair(alg).privateKey);
          const [name, c] = casesFor(alg)[0];
          const keys = { host: onHost.importJWK(privateJwk), web: onWebCrypto.importJWK(privateJwk) };
          await agree(alg, `${name} with a private key`, c, keys);
          const other = { ...jwkOf(otherKeyPair(alg).privateKey), kid: "other" };
          const jwks = { keys: [{ ...privateJwk, kid: "genuine" }, other] };
          const [setName, setCase] = setCasesFor(alg)[0];
          await agree(alg, `${setName}, private JWKs`, setCase,
            { host: onHost.createLocalJWKSet(jwks), web: onWebCrypto.createLocalJWKSet(jwks) });
        }
        const given = [...createPublicKey.mock.calls.map((call) => call.arguments[0].key),
          ...importKey.mock.calls.map((call) => call.arguments[1])];
        assert.ok(given.length > 0);
        const privateMembers = ["d", "p", "q", "dp", "dq", "qi"];
        for (const jwk of given) assert.deepEqual(Object.keys(jwk).filter((member) => privateMembers.includes(member)), []);
      } finally {
        createPublicKey.mock.restore();
        importKey.mock.restore();
      }
    });

    it("the verified-token cache answers alike, and a hit never asks the host", async () => {
      for (const alg of ["RS256", "ES256", "EdDSA"]) {
        const jwk = jwkOf(nodeKeyPair(alg).publicKey);
        const keys = { host: onHost.importJWK(jwk), web: onWebCrypto.importJWK(jwk) };
        const caches = { host: new VerifiedTokenCache(), wasm: new VerifiedTokenCache(), web: new VerifiedTokenCache() };
        const chosen = ["valid", "payload tampered", "issuer required"];
        for (const [name, c] of casesFor(alg).filter(([caseName]) => chosen.includes(caseName))) {
          for (const round of [1, 2]) {
            const hostCalls = nodeVerify.mock.callCount();
            const webCalls = subtleVerify.mock.callCount();
            const label = `${alg}, ${name}, round ${round}`;
            const host = await settle(onHost, () => onHost.verify(c.token, keys.host, { ...c.options, cache: caches.host }));
            const wasm = await settle(onHost, () =>
              onHost.verify(c.token, keys.host, { ...c.options, cache: caches.wasm, hostCrypto: false }));
            const web = await settle(onWebCrypto, () =>
              onWebCrypto.verifyAsync(c.token, keys.web, { ...c.options, cache: caches.web }));
            assert.equal(wasm.code, c.expect, label);
            assert.deepEqual(host, wasm, `${label}: node:crypto`);
            assert.deepEqual(web, wasm, `${label}: WebCrypto`);
            // A hit skips the primitive; a failure is never cached, so it is checked again.
            const checked = round === 1 || c.expect !== OK ? 1 : 0;
            assert.equal(nodeVerify.mock.callCount() - hostCalls, nodeHost.handles(alg) ? checked : 0, label);
            assert.equal(subtleVerify.mock.callCount() - webCalls, webHost.handles(alg) ? checked : 0, label);
          }
        }
        for (const cache of Object.values(caches)) assert.deepEqual(cache.stats().hits, 1);
      }
    });

    it("concurrent verifyAsync calls on WebCrypto each get their own answer", async () => {
      const mixed = [];
      for (const alg of ["RS256", "PS256", "ES256", "ES384", "EdDSA"]) {
        const key = onWebCrypto.importJWK(jwkOf(nodeKeyPair(alg).publicKey));
        const set = onWebCrypto.createLocalJWKSet(jwksFor(alg));
        for (const [, c] of casesFor(alg)) mixed.push({ ...c, key });
        for (const [, c] of setCasesFor(alg)) mixed.push({ ...c, key: set });
      }
      const together = await Promise.all(mixed.map((c) =>
        settle(onWebCrypto, () => onWebCrypto.verifyAsync(c.token, c.key, c.options))));
      for (const [i, c] of mixed.entries()) {
        const alone = await settle(onWebCrypto, () => onWebCrypto.verify(c.token, c.key, c.options));
        assert.deepEqual(together[i], alone);
        assert.equal(alone.code, c.expect);
      }
    });

    it("init({ hostCrypto: false }) keeps every primitive in Wasm; bad choices are refused", async () => {
      const wasmOnly = createApi(build.load);
      await wasmOnly.init({ ...build.options, hostCrypto: false });
      const [name, c] = casesFor("ES256")[0];
      const key = wasmOnly.importJWK(jwkOf(nodeKeyPair("ES256").publicKey));
      const calls = nodeVerify.mock.callCount() + subtleVerify.mock.callCount();
      assert.equal((await settle(wasmOnly, () => wasmOnly.verify(c.token, key))).code, OK, name);
      assert.equal((await settle(wasmOnly, () => wasmOnly.verifyAsync(c.token, key))).code, OK, name);
      assert.equal(nodeVerify.mock.callCount() + subtleVerify.mock.callCount(), calls);

      const refused = createApi(build.load);
      await assert.rejects(refused.init({ ...build.options, hostCrypto: "openssl" }), { code: "ERR_INVALID_ARGUMENT" });
      await assert.rejects(async () => onHost.verify(c.token, key, { hostCrypto: "no" }), { code: "ERR_INVALID_ARGUMENT" });
    });
  });

  // Wycheproof through the host primitives. A JWS carries no arbitrary message, so a vector cannot
  // be run through the two-phase ABI whole. Instead: its signature goes into a token that
  // edgejwt_verify_begin checks (length, r and s in [1, n-1], RSA s < n, Ed25519 S < L: every check
  // the core makes before the primitive), and when that passes, the host checks the signature over
  // the vector's message. That combined answer must be the vector's expected result, and the same
  // as the Wasm primitive's (edgejwt_check_signature, as tests/vectors/wycheproof.test.js runs it).
  // "acceptable" (only the RSA MissingNull cases) counts as invalid, as the Wasm path rejects them.
  describe(`Wycheproof through the host primitives on ${build.name}`, () => {
    let core;
    let hosts;
    before(async () => {
      core = await coreFor(build);
      const algorithms = await algorithmsOf(build);
      hosts = [await loadHostCrypto("node", algorithms), await loadHostCrypto("webcrypto", algorithms)];
    });

    const call = (name, ...args) => core.status(name, ...args) === 0;

    for (const [file] of WYCHEPROOF_FILES) {
      const { data, skip } = loadVectors(`wycheproof/${file}`);
      it(file, { skip }, async (t) => {
        let checked = 0;
        let reached = 0;
        for (const group of data.testGroups) {
          const alg = algorithmOf(file, group);
          if (!alg) continue;
          const key = importGroupKey(core, group, alg);
          if (!key) continue; // refused at import: tests/vectors/wycheproof.test.js covers those
          const jwk = publicMaterial(JSON.parse(core.call("edgejwt_key_export", key, 1).output));
          const prepared = await Promise.all(hosts.map((host) => host.handles(alg) && host.prepare(jwk, alg)));
          for (const test of group.tests) {
            const message = Buffer.from(test.msg, "hex");
            const signature = Buffer.from(test.sig, "hex");
            const wasm = call("edgejwt_check_signature", key, alg, message, signature);
            const token = `${b64({ alg })}.${b64({})}.${b64(signature)}`;
            const begun = core.attempt("edgejwt_verify_begin", key, 0, token);
            const encodingHolds = begun.status === 0;
            if (encodingHolds) core.call("edgejwt_verification_release", begun.outputs.handle);
            const label = `tcId ${test.tcId} (${test.result}, ${test.flags.join(",")}): ${test.comment}`;
            assert.equal(wasm, test.result === "valid", label);
            if (encodingHolds) reached++;
            for (const [i, host] of hosts.entries()) {
              if (!prepared[i]) continue;
              const answer = encodingHolds && (await host.verify(prepared[i], message, signature));
              assert.equal(answer, wasm, `${host.name}: ${label}`);
              checked++;
            }
          }
          call("edgejwt_key_release", key);
        }
        assert.ok(reached > 0, "no vector reached a host");
        t.diagnostic(`${checked} host answers; ${reached} vectors passed the core's encoding checks`);
      });
    }
  });
}
