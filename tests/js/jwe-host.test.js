// The async decryptions (compactDecryptAsync, decryptAsync, decryptAndVerifyAsync) against the sync
// ones, on every build and on each host (node:crypto, WebCrypto, none): for every alg × enc (ECDH-ES
// on every curve) on jose-made tokens, and for every attack of jwe-attacks.test.js, the same
// plaintext or the same error (class, code, status, detail, where), never a plaintext without a valid
// tag. The host is asked exactly for ECDH-ES tokens on its curves that the core let through to the
// agreement, and for nothing the core refuses before it.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { createApi } from "../../js/api.js";
import { jweBuilds as builds, coreFor } from "../support/builds.js";
import { instrumented, faults } from "../support/instrumented.js";
import { b64, headerOf, tampered, withHeader } from "../support/jwe-tokens.js";
import { CONTENT, CURVES, KEY_MANAGEMENT, PBES2, outcome, secretFor } from "../support/jwe-cases.js";

const encoder = new TextEncoder();
const plaintext = encoder.encode("what only the recipient reads");


// Counts the host's agreements: node:crypto's diffieHellman and WebCrypto's ECDH deriveBits (not its
// PBKDF2: jwe-keymgmt.test.js), as the host calls them (looked up at each call); `whileAgreeing`,
// when set, runs as WebCrypto agrees.
const asked = { node: 0, webcrypto: 0 };
let whileAgreeing = null;
const nodeCrypto = process.getBuiltinModule("node:crypto");
const originals = { diffieHellman: nodeCrypto.diffieHellman, deriveBits: SubtleCrypto.prototype.deriveBits };
before(() => {
  nodeCrypto.diffieHellman = function (...args) {
    asked.node++;
    return originals.diffieHellman.apply(this, args);
  };
  SubtleCrypto.prototype.deriveBits = function (...args) {
    if (args[0]?.name !== "ECDH") return originals.deriveBits.apply(this, args);
    asked.webcrypto++;
    whileAgreeing?.();
    return originals.deriveBits.apply(this, args);
  };
});
after(() => {
  nodeCrypto.diffieHellman = originals.diffieHellman;
  SubtleCrypto.prototype.deriveBits = originals.deriveBits;
});
const totalAsked = () => asked.node + asked.webcrypto;


// jose-made tokens for every alg × enc (ECDH-ES on every curve), each with the JWK that decrypts it
// (or raw bytes), made once for every build and host.
async function tokensForEveryAlgorithm() {
  const tokens = [];
  const pairs = new Map();
  const pairFor = async (alg, crv) => {
    const family = alg.startsWith("RSA") ? alg : `${alg}:${crv}`;
    if (!pairs.has(family)) {
      const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, crv, modulusLength: 2048 });
      pairs.set(family, { publicKey, jwk: await jose.exportJWK(privateKey) });
    }
    return pairs.get(family);
  };
  for (const alg of KEY_MANAGEMENT) {
    for (const enc of CONTENT) {
      const curves = alg.startsWith("ECDH-ES") ? CURVES : [undefined];
      for (const crv of curves) {
        let recipient, decryption;
        if (alg === "dir" || /^A\d+(GCM)?KW$/.test(alg)) {
          recipient = decryption = secretFor(alg, enc);
        } else if (PBES2(alg)) {
          recipient = decryption = encoder.encode("correct horse battery staple");
        } else {
          const pair = await pairFor(alg, crv);
          recipient = pair.publicKey;
          decryption = { jwk: pair.jwk, alg };
        }
        const builder = new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc });
        if (PBES2(alg)) builder.setKeyManagementParameters({ p2c: 1000 });
        tokens.push({ alg, enc, crv, token: await builder.encrypt(recipient), decryption });
      }
    }
  }
  return tokens;
}

const HOSTS = [["node:crypto", "node"], ["webcrypto", "webcrypto"], ["no host", false]];
// The curves each host agrees on (host-crypto/key-management.js: where it measured faster than Wasm).
const HOST_CURVES = { "node:crypto": ["P-256", "P-384", "P-521"], webcrypto: ["P-256", "P-384"] };
let everyToken;
before(async () => {
  everyToken = await tokensForEveryAlgorithm();
});

for (const build of builds) {
  for (const [hostName, hostCrypto] of HOSTS) {
    describe(`async decryption on ${build.name}, ${hostName}`, () => {
      let api;
      before(async () => {
        api = createApi(build.load);
        await api.init({ ...build.options, hostCrypto });
      });
      const keyOf = ({ decryption }) => (decryption instanceof Uint8Array ? decryption : api.importJWK(decryption.jwk, decryption.alg));
      const options = ({ alg }) => (PBES2(alg) ? { keyManagementAlgorithms: [alg] } : {});

      it("every alg × enc (ECDH-ES on every curve) of jose's: the same plaintext and header as the sync decryption", async () => {
        const before = totalAsked();
        let agreements = 0;
        for (const entry of everyToken) {
          const key = keyOf(entry);
          const sync = api.compactDecrypt(entry.token, key, options(entry));
          const async = await api.compactDecryptAsync(entry.token, key, options(entry));
          assert.deepEqual(async, sync, `${entry.alg} ${entry.enc} ${entry.crv ?? ""}`);
          assert.deepEqual(async.plaintext, plaintext);
          if (entry.alg.startsWith("ECDH-ES") && HOST_CURVES[hostName]?.includes(entry.crv)) agreements++;
        }
        // The host agreed on every ECDH-ES token on a curve where it measured faster (and nothing
        // else); without a host, Wasm did.
        assert.equal(totalAsked() - before, hostCrypto === false ? 0 : agreements);
      });

      it("every attack: the same error as the sync decryption, and the host never asked for what the core refuses first", async () => {
        const { privateKey, publicKey } = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
        const key = api.importJWK(await jose.exportJWK(privateKey), "ECDH-ES+A256KW");
        const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" }).encrypt(publicKey);
        const header = headerOf(token);
        const x = Buffer.from(header.epk.x, "base64url");
        x[x.length - 1] ^= 1;
        const zero = Buffer.alloc(32).toString("base64url");
        const other = await jose.generateKeyPair("ECDH-ES", { crv: "P-384", extractable: true });
        const { kty, crv, x: x384, y } = await jose.exportJWK(other.publicKey);
        const wrongKey = api.importJWK(await jose.exportJWK((await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true })).privateKey),
          "ECDH-ES+A256KW");
        const p2cOver = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "PBES2-HS256+A128KW", enc: "A128GCM" })
          .setKeyManagementParameters({ p2c: 10_001 }).encrypt(encoder.encode("password"));

        // [what, token, key, options, whether the core lets it reach the agreement]
        const attacks = [
          ["changed header", tampered(token, 0), key, {}, false],
          ["changed IV", tampered(token, 2), key, {}, true],
          ["changed ciphertext", tampered(token, 3), key, {}, true],
          ["changed tag", tampered(token, 4), key, {}, true],
          ["changed encrypted key", tampered(token, 1), key, {}, true],
          ["an extra header member", withHeader(token, { ...header, kid: "attacker" }), key, {}, true],
          ["the wrong key", token, wrongKey, {}, true],
          ["the wrong enc", withHeader(token, { ...header, enc: "A128GCM" }), key, {}, true],
          ["epk off the curve", withHeader(token, { ...header, epk: { ...header.epk, x: x.toString("base64url") } }), key, {}, false],
          ["epk at infinity", withHeader(token, { ...header, epk: { ...header.epk, x: zero, y: zero } }), key, {}, false],
          ["epk of another curve", withHeader(token, { ...header, epk: { kty, crv, x: x384, y } }), key, {}, false],
          ["zip", withHeader(token, { ...header, zip: "DEF" }), key, {}, false],
          ["RSA1_5", withHeader(token, { ...header, alg: "RSA1_5" }), key, {}, false],
          ["alg outside the allowlist", token, key, { keyManagementAlgorithms: ["RSA-OAEP-256"] }, false],
          ["enc outside the allowlist", token, key, { contentEncryptionAlgorithms: ["A128GCM"] }, false],
          ["six parts", `${token}.x`, key, {}, false],
          ["four parts", token.split(".").slice(0, 4).join("."), key, {}, false],
          ["too long", "a".repeat(70_000), key, {}, false],
          ["p2c over the bound", p2cOver, encoder.encode("password"), { keyManagementAlgorithms: ["PBES2-HS256+A128KW"] }, false],
          ["not a token", 42, key, {}, false],
          ["not a key", token, "a string secret", {}, false],
          ["not options", token, key, "options", false],
        ];
        for (const [what, attack, attackKey, attackOptions, reachesAgreement] of attacks) {
          const sync = await outcome(() => api.compactDecrypt(attack, attackKey, attackOptions));
          const before = totalAsked();
          const async = await outcome(() => api.compactDecryptAsync(attack, attackKey, attackOptions));
          assert.ok(sync.error, `${what}: refused`);
          assert.deepEqual(async, sync, what);
          assert.equal(totalAsked() - before, hostCrypto !== false && reachesAgreement ? 1 : 0, `${what}: the host asked`);
        }
        // And the instance answers correctly afterwards; hostCrypto: false keeps this call in Wasm.
        assert.deepEqual((await api.compactDecryptAsync(token, key)).plaintext, plaintext);
        const asked = totalAsked();
        assert.deepEqual((await api.compactDecryptAsync(token, key, { hostCrypto: false })).plaintext, plaintext);
        assert.equal(totalAsked(), asked);
      });

      it("encrypted and nested JWTs: the same claims, headers and errors as decrypt and decryptAndVerify, key sets included", async () => {
        const recipient = await jose.generateKeyPair("ECDH-ES+A256KW", { crv: "P-384", extractable: true });
        const recipientJwk = { ...(await jose.exportJWK(recipient.privateKey)), kid: "enc-1", use: "enc" };
        const key = api.importJWK(recipientJwk, "ECDH-ES+A256KW");
        const signer = await jose.generateKeyPair("ES256", { extractable: true });
        const verifying = api.importJWK(await jose.exportJWK(signer.publicKey), "ES256");
        const now = Math.floor(Date.now() / 1000);
        const encrypted = await new jose.EncryptJWT({ sub: "alice", exp: now + 60 })
          .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", kid: "enc-1" }).encrypt(recipient.publicKey);
        const jws = await new jose.SignJWT({ sub: "bob", exp: now + 60 }).setProtectedHeader({ alg: "ES256" }).sign(signer.privateKey);
        const nested = await new jose.CompactEncrypt(encoder.encode(jws))
          .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT", kid: "enc-1" }).encrypt(recipient.publicKey);
        const otherSigner = await jose.generateKeyPair("ES256", { extractable: true });
        const forged = await new jose.CompactEncrypt(encoder.encode(
          await new jose.SignJWT({ sub: "mallory" }).setProtectedHeader({ alg: "ES256" }).sign(otherSigner.privateKey)))
          .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT" }).encrypt(recipient.publicKey);
        const set = api.createLocalJWKSet({ keys: [{ kty: "oct", k: b64("0123456789abcdef"), alg: "A128KW", kid: "kw" }, recipientJwk] },
          { use: "enc" });
        const later = { currentDate: new Date((now + 120) * 1000) };

        const pairs = [
          ["decrypt", () => api.decrypt(encrypted, key), () => api.decryptAsync(encrypted, key)],
          ["decrypt with a set", () => api.decrypt(encrypted, set), () => api.decryptAsync(encrypted, set)],
          ["decrypt, expired", () => api.decrypt(encrypted, key, later), () => api.decryptAsync(encrypted, key, later)],
          ["decrypt, issuer required", () => api.decrypt(encrypted, key, { issuer: "idp" }), () => api.decryptAsync(encrypted, key, { issuer: "idp" })],
          ["decrypt of a nested token", () => api.decrypt(nested, key), () => api.decryptAsync(nested, key)],
          ["decryptAndVerify", () => api.decryptAndVerify(nested, key, verifying), () => api.decryptAndVerifyAsync(nested, key, verifying)],
          ["decryptAndVerify with a set", () => api.decryptAndVerify(nested, set, verifying), () => api.decryptAndVerifyAsync(nested, set, verifying)],
          ["decryptAndVerify, expired", () => api.decryptAndVerify(nested, key, verifying, later),
            () => api.decryptAndVerifyAsync(nested, key, verifying, later)],
          ["decryptAndVerify, forged inner signature", () => api.decryptAndVerify(forged, key, verifying),
            () => api.decryptAndVerifyAsync(forged, key, verifying)],
          ["decryptAndVerify of a flat token", () => api.decryptAndVerify(encrypted, key, verifying),
            () => api.decryptAndVerifyAsync(encrypted, key, verifying)],
          ["decryptAndVerify, changed tag", () => api.decryptAndVerify(tampered(nested, 4), key, verifying),
            () => api.decryptAndVerifyAsync(tampered(nested, 4), key, verifying)],
          ["decryptAndVerify without a verification key", () => api.decryptAndVerify(nested, key),
            () => api.decryptAndVerifyAsync(nested, key)],
        ];
        for (const [what, sync, async] of pairs) assert.deepEqual(await outcome(async), await outcome(sync), what);
        assert.equal((await api.decryptAsync(encrypted, set)).payload.sub, "alice");
        const opened = await api.decryptAndVerifyAsync(nested, key, verifying);
        assert.equal(opened.payload.sub, "bob");
        assert.equal(opened.signedHeader.alg, "ES256");
        assert.equal(opened.protectedHeader.cty, "JWT");
      });
    });
  }
}

describe("the instance replaced while WebCrypto agrees", () => {
  for (const build of builds) {
    it(`${build.name}: the decryption finishes in the new instance, with the same result, and the next one too`, async () => {
      const { load, probe } = instrumented(build);
      const api = createApi(load);
      await api.init({ ...build.options, hostCrypto: "webcrypto" });
      const { privateKey, publicKey } = await jose.generateKeyPair("ECDH-ES+A128KW", { crv: "P-384", extractable: true });
      const key = api.importJWK(await jose.exportJWK(privateKey), "ECDH-ES+A128KW");
      const token = await new jose.EncryptJWT({ sub: "carol" }).setProtectedHeader({ alg: "ECDH-ES+A128KW", enc: "A128CBC-HS256" })
        .encrypt(publicKey);
      const expected = api.decrypt(token, key);
      const instances = probe.instances;
      whileAgreeing = () => {
        whileAgreeing = null;
        probe.arm("edgejwt_key_describe", faults.injected);
        assert.throws(() => api.generateSecret("A128KW"), { code: "ERR_WASM_TRAP" });
      };
      try {
        assert.deepEqual(await api.decryptAsync(token, key), expected);
      } finally {
        whileAgreeing = null;
      }
      assert.equal(probe.instances, instances + 1, "the instance was replaced during the agreement");
      assert.deepEqual(await api.decryptAsync(token, key), expected);
    });
  }
});

describe("the ABI's two-phase decryption refuses what it must", () => {
  it("an empty agreement and an unknown payload kind are ERR_INVALID_ARGUMENT", async () => {
    const core = await coreFor(builds[0]);
    assert.throws(() => core.call("edgejwt_decrypt_agreed", 1, 0, 0, 0, "a.b.c.d.e", 0, new Uint8Array()),
      { code: "ERR_INVALID_ARGUMENT", where: "host_secret" });
    assert.throws(() => core.call("edgejwt_decrypt_agreed", 7, 0, 0, 0, "a.b.c.d.e", 0, new Uint8Array(32)),
      { code: "ERR_INVALID_ARGUMENT", where: "payload_kind" });
  });
});
