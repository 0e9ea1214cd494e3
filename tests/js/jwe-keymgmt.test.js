// RSA-OAEP and PBES2 on the host behind the async decryptions (host-crypto/key-management.js), on
// the JWE module of every build, with node:crypto, WebCrypto and no host: for every RSA-OAEP* and
// PBES2* alg × enc of jose's, and for every attack on them, compactDecryptAsync gives exactly what
// compactDecrypt gives (the plaintext and header, or the error's class, code, status, detail and
// where). The host is asked exactly for the tokens the core let through to key management. A host
// failing RSA-OAEP (bad padding, a wrong length, a host that throws) is answered as a bad tag is,
// after the core's second pass and never by falling back to Wasm's slower decryption (no oracle).
// A CEK or KEK of the wrong size from a host is the one decryption failure.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { createApi } from "../../js/api.js";
import { KeyFormat, KeyUse, PayloadKind } from "../../js/abi.js";
import { jweBuilds as builds, coreFor } from "../support/builds.js";
import { instrumented } from "../support/instrumented.js";
import { b64, headerOf, tampered, withHeader } from "../support/jwe-tokens.js";
import { CONTENT, KEY_MANAGEMENT, PBES2, outcome } from "../support/jwe-cases.js";

const encoder = new TextEncoder();
const plaintext = encoder.encode("what only the recipient reads");
const password = encoder.encode("correct horse battery staple");
const passwordJwk = { kty: "oct", k: Buffer.from(password).toString("base64url") };

const RSA_OAEP = KEY_MANAGEMENT.filter((alg) => alg.startsWith("RSA-OAEP"));
const PBES2_ALGS = KEY_MANAGEMENT.filter(PBES2);
const allowing = (alg) => ({ keyManagementAlgorithms: [alg] });

// The host's RSA-OAEP decryptions and PBKDF2 derivations as the host calls them (looked up at each
// call), counted; `failing` makes them throw, as a broken or refusing host does.
const nodeCrypto = process.getBuiltinModule("node:crypto");
const originals = {
  privateDecrypt: nodeCrypto.privateDecrypt, pbkdf2: nodeCrypto.pbkdf2,
  decrypt: SubtleCrypto.prototype.decrypt, deriveBits: SubtleCrypto.prototype.deriveBits,
};
const asked = { rsa: 0, pbkdf2: 0 };
const failing = { rsa: false, pbkdf2: false };
function spy(target, name, kind) {
  target[name] = function (...args) {
    asked[kind]++;
    if (failing[kind]) throw new Error(`the host's ${name} failed`);
    return originals[name].apply(this, args);
  };
}
before(() => {
  spy(nodeCrypto, "privateDecrypt", "rsa");
  spy(nodeCrypto, "pbkdf2", "pbkdf2");
  spy(SubtleCrypto.prototype, "decrypt", "rsa");
  spy(SubtleCrypto.prototype, "deriveBits", "pbkdf2");
});
after(() => {
  Object.assign(nodeCrypto, { privateDecrypt: originals.privateDecrypt, pbkdf2: originals.pbkdf2 });
  Object.assign(SubtleCrypto.prototype, { decrypt: originals.decrypt, deriveBits: originals.deriveBits });
});
const totalAsked = () => asked.rsa + asked.pbkdf2;
async function whileFailing(kind, call) {
  failing[kind] = true;
  try {
    return await call();
  } finally {
    failing[kind] = false;
  }
}


// jose-made tokens for every RSA-OAEP* and PBES2* alg × enc, with the private JWK (RSA) that decrypts them.
async function everyToken() {
  const tokens = [];
  for (const alg of RSA_OAEP) {
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, modulusLength: 2048 });
    const jwk = await jose.exportJWK(privateKey);
    for (const enc of CONTENT) {
      tokens.push({ alg, enc, jwk, token: await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc }).encrypt(publicKey) });
    }
  }
  for (const alg of PBES2_ALGS) {
    for (const enc of CONTENT) {
      const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc }).setKeyManagementParameters({ p2c: 1000 })
        .encrypt(password);
      tokens.push({ alg, enc, token });
    }
  }
  return tokens;
}

// A compact JWE made by hand for `alg` (RSA-OAEP*) with a chosen CEK (of any size) under AES-GCM of
// that CEK's size, `enc` claimed in the header: what a producer that lies about "enc" sends.
function rsaTokenWithCek(publicJwk, alg, enc, cek) {
  const oaepHash = { "RSA-OAEP": "sha1", "RSA-OAEP-256": "sha256", "RSA-OAEP-384": "sha384", "RSA-OAEP-512": "sha512" }[alg];
  const header = b64({ alg, enc });
  const encryptedKey = nodeCrypto.publicEncrypt({ key: nodeCrypto.createPublicKey({ key: publicJwk, format: "jwk" }), oaepHash,
    padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING }, cek);
  const iv = nodeCrypto.randomBytes(12);
  const cipher = nodeCrypto.createCipheriv(`aes-${cek.length * 8}-gcm`, cek, iv);
  cipher.setAAD(Buffer.from(header));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return [header, ...[encryptedKey, iv, ciphertext, cipher.getAuthTag()].map((part) => part.toString("base64url"))].join(".");
}

const HOSTS = [["node:crypto", "node"], ["webcrypto", "webcrypto"], ["no host", false]];
let tokens;
before(async () => {
  tokens = await everyToken();
});

for (const build of builds) {
  for (const [hostName, hostCrypto] of HOSTS) {
    describe(`RSA-OAEP and PBES2 async on ${build.name}, ${hostName}`, () => {
      let api, probe;
      const calls = (name) => probe.calls.get(name) ?? 0;
      before(async () => {
        const made = instrumented(build);
        probe = made.probe;
        api = createApi(made.load);
        await api.init({ ...build.options, hostCrypto });
      });

      it("every RSA-OAEP* and PBES2* alg × enc of jose's: the same plaintext and header as the sync decryption, the host asked for each", async () => {
        const before = totalAsked();
        const keys = new Map();
        const keyFor = ({ alg, jwk }) => {
          if (!keys.has(alg)) keys.set(alg, jwk ? api.importJWK(jwk, alg) : api.importJWK(passwordJwk, alg));
          return keys.get(alg);
        };
        for (const entry of tokens) {
          const what = `${entry.alg} ${entry.enc}`;
          const forms = entry.jwk ? [keyFor(entry)] : [password, keyFor(entry)]; // a password as bytes and as a Key
          for (const key of forms) {
            const sync = api.compactDecrypt(entry.token, key, allowing(entry.alg));
            const async = await api.compactDecryptAsync(entry.token, key, allowing(entry.alg));
            assert.deepEqual(async, sync, what);
            assert.deepEqual(async.plaintext, plaintext, what);
          }
        }
        const hostCalls = tokens.filter(({ jwk }) => jwk).length + 2 * tokens.filter(({ jwk }) => !jwk).length;
        assert.equal(totalAsked() - before, hostCrypto === false ? 0 : hostCalls);
      });

      it("encrypted JWTs and sets: decryptAsync gives what decrypt gives, with a set's RSA key and a set's password", async () => {
        const { privateKey, publicKey } = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
        const rsaJwk = { ...(await jose.exportJWK(privateKey)), kid: "rsa-1", use: "enc", alg: "RSA-OAEP-256" };
        const set = api.createLocalJWKSet({ keys: [{ ...passwordJwk, alg: "PBES2-HS384+A192KW", kid: "pw" }, rsaJwk] },
          { use: "enc" });
        const now = Math.floor(Date.now() / 1000);
        const rsaJwt = await new jose.EncryptJWT({ sub: "alice", exp: now + 60 })
          .setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: "rsa-1" }).encrypt(publicKey);
        const pbes2Jwt = await new jose.EncryptJWT({ sub: "bob", exp: now + 60 }).setKeyManagementParameters({ p2c: 1000 })
          .setProtectedHeader({ alg: "PBES2-HS384+A192KW", enc: "A192CBC-HS384", kid: "pw" }).encrypt(password);
        const later = { currentDate: new Date((now + 120) * 1000) };
        for (const [what, token, options] of [["RSA-OAEP", rsaJwt, {}], ["PBES2", pbes2Jwt, allowing("PBES2-HS384+A192KW")],
          ["RSA-OAEP, expired", rsaJwt, later]]) {
          const before = totalAsked();
          const async = await outcome(() => api.decryptAsync(token, set, options));
          assert.deepEqual(async, await outcome(() => api.decrypt(token, set, options)), what);
          assert.equal(totalAsked() - before, hostCrypto === false ? 0 : 1, `${what}: the host asked`);
        }
        assert.equal((await api.decryptAsync(rsaJwt, set)).payload.sub, "alice");
        assert.equal((await api.decryptAsync(pbes2Jwt, set, allowing("PBES2-HS384+A192KW"))).payload.sub, "bob");
      });

      it("every attack on them: the same error as the sync decryption, the host asked only when the core let the token through", async () => {
        const rsa = tokens.find(({ alg, enc }) => alg === "RSA-OAEP-256" && enc === "A256GCM");
        const key = api.importJWK(rsa.jwk, "RSA-OAEP-256");
        const header = headerOf(rsa.token);
        const other = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
        const wrongKey = api.importJWK(await jose.exportJWK(other.privateKey), "RSA-OAEP-256");
        const parts = rsa.token.split(".");
        const withEncryptedKey = (bytes) => [parts[0], Buffer.from(bytes).toString("base64url"), ...parts.slice(2)].join(".");
        const encryptedKey = Buffer.from(parts[1], "base64url");

        const pbes2 = tokens.find(({ alg, enc }) => alg === "PBES2-HS256+A128KW" && enc === "A128GCM");
        const pbes2Header = headerOf(pbes2.token);
        const allowed = allowing(pbes2.alg);
        const p2cOver = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: pbes2.alg, enc: "A128GCM" })
          .setKeyManagementParameters({ p2c: 10_001 }).encrypt(password);

        // [what, token, key, options, whether the core lets it reach key management]
        const attacks = [
          ["RSA: changed header", tampered(rsa.token, 0), key, {}, false],
          ["RSA: changed encrypted key", tampered(rsa.token, 1), key, {}, true],
          ["RSA: changed IV", tampered(rsa.token, 2), key, {}, true],
          ["RSA: changed ciphertext", tampered(rsa.token, 3), key, {}, true],
          ["RSA: changed tag", tampered(rsa.token, 4), key, {}, true],
          ["RSA: encrypted key one byte short", withEncryptedKey(encryptedKey.subarray(1)), key, {}, true],
          ["RSA: encrypted key of zeros", withEncryptedKey(Buffer.alloc(encryptedKey.length)), key, {}, true],
          ["RSA: encrypted key above the modulus", withEncryptedKey(Buffer.alloc(encryptedKey.length, 0xff)), key, {}, true],
          ["RSA: no encrypted key", withEncryptedKey(Buffer.alloc(0)), key, {}, true],
          ["RSA: an extra header member", withHeader(rsa.token, { ...header, kid: "attacker" }), key, {}, true],
          ["RSA: the wrong key", rsa.token, wrongKey, {}, true],
          ["RSA: the wrong enc", withHeader(rsa.token, { ...header, enc: "A128GCM" }), key, {}, true],
          ["RSA: another RSA-OAEP hash", withHeader(rsa.token, { ...header, alg: "RSA-OAEP" }), api.importJWK(rsa.jwk, "RSA-OAEP"), {}, true],
          ["RSA: zip", withHeader(rsa.token, { ...header, zip: "DEF" }), key, {}, false],
          ["RSA: RSA1_5", withHeader(rsa.token, { ...header, alg: "RSA1_5" }), key, {}, false],
          ["RSA: alg outside the allowlist", rsa.token, key, { keyManagementAlgorithms: ["RSA-OAEP"] }, false],
          ["RSA: enc outside the allowlist", rsa.token, key, { contentEncryptionAlgorithms: ["A128GCM"] }, false],
          ["RSA: six parts", `${rsa.token}.x`, key, {}, false],
          ["RSA: a token for an AES key", pbes2.token, key, allowed, false],
          ["PBES2: changed header", tampered(pbes2.token, 0), password, allowed, false],
          ["PBES2: changed encrypted key", tampered(pbes2.token, 1), password, allowed, true],
          ["PBES2: changed IV", tampered(pbes2.token, 2), password, allowed, true],
          ["PBES2: changed ciphertext", tampered(pbes2.token, 3), password, allowed, true],
          ["PBES2: changed tag", tampered(pbes2.token, 4), password, allowed, true],
          ["PBES2: the wrong password", pbes2.token, encoder.encode("incorrect horse battery staple"), allowed, true],
          ["PBES2: the wrong enc", withHeader(pbes2.token, { ...pbes2Header, enc: "A256GCM" }), password, allowed, true],
          ["PBES2: another p2s", withHeader(pbes2.token, { ...pbes2Header, p2s: b64("another salt") }), password, allowed, true],
          ["PBES2: another p2c", withHeader(pbes2.token, { ...pbes2Header, p2c: 1001 }), password, allowed, true],
          ["PBES2: p2c over the bound", p2cOver, password, allowed, false],
          ["PBES2: p2c at 2^31", withHeader(pbes2.token, { ...pbes2Header, p2c: 2 ** 31 }), password, allowed, false],
          ["PBES2: p2c 0", withHeader(pbes2.token, { ...pbes2Header, p2c: 0 }), password, allowed, false],
          ["PBES2: p2s short", withHeader(pbes2.token, { ...pbes2Header, p2s: b64("1234567") }), password, allowed, false],
          ["PBES2: p2s not base64url", withHeader(pbes2.token, { ...pbes2Header, p2s: "abc+def/ghij" }), password, allowed, false],
          ["PBES2: no p2s", withHeader(pbes2.token, { ...pbes2Header, p2s: undefined }), password, allowed, false],
          ["PBES2: zip", withHeader(pbes2.token, { ...pbes2Header, zip: "DEF" }), password, allowed, false],
          ["PBES2: not in keyManagementAlgorithms", pbes2.token, password, {}, false],
          ["PBES2: maxPBES2Count under p2c", pbes2.token, password, { ...allowed, maxPBES2Count: 999 }, false],
          ["PBES2: a password for an RSA token", rsa.token, password, allowing("RSA-OAEP-256"), false],
        ];
        for (const [what, attack, attackKey, attackOptions, reachesKeyManagement] of attacks) {
          const sync = await outcome(() => api.compactDecrypt(attack, attackKey, attackOptions));
          const before = totalAsked();
          const async = await outcome(() => api.compactDecryptAsync(attack, attackKey, attackOptions));
          assert.ok(sync.error, `${what}: refused`);
          assert.deepEqual(async, sync, what);
          assert.equal(totalAsked() - before, hostCrypto !== false && reachesKeyManagement ? 1 : 0, `${what}: the host asked`);
        }

        // A host that throws: for PBES2 (nothing of the token shows in it) Wasm derives the key and
        // the answer is the sync one; for RSA-OAEP a throw cannot be told from bad padding, so it is
        // answered as a bad tag is, on the attacks and on a sound token alike.
        const passwordKey = api.importJWK(passwordJwk, pbes2.alg);
        for (const [token, decryptionKey] of [[pbes2.token, password], [pbes2.token, passwordKey], [tampered(pbes2.token, 4), password]]) {
          assert.deepEqual(await whileFailing("pbkdf2", () => outcome(() => api.compactDecryptAsync(token, decryptionKey, allowed))),
            await outcome(() => api.compactDecrypt(token, decryptionKey, allowed)));
        }
        const badTag = await outcome(() => api.compactDecrypt(tampered(rsa.token, 4), key));
        for (const token of [rsa.token, tampered(rsa.token, 1), tampered(rsa.token, 4)]) {
          assert.deepEqual(await whileFailing("rsa", () => outcome(() => api.compactDecryptAsync(token, key))),
            hostCrypto === false ? await outcome(() => api.compactDecrypt(token, key)) : badTag);
        }
        // And the instance answers correctly afterwards.
        assert.deepEqual((await api.compactDecryptAsync(rsa.token, key)).plaintext, plaintext);
        assert.deepEqual((await api.compactDecryptAsync(pbes2.token, password, allowed)).plaintext, plaintext);
      });

      // Without a host every RSA-OAEP decryption is Wasm's: the attacks above compare those.
      if (hostCrypto === false) return;
      it("no oracle: bad padding, an encrypted key of the wrong length, a CEK of the wrong size for enc and a host that throws " +
        "all fail as a bad tag does, through the host and the core's second pass, never Wasm's RSA decryption", async () => {
        const { privateKey, publicKey } = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
        const jwk = await jose.exportJWK(privateKey);
        const publicJwk = await jose.exportJWK(publicKey);
        const key = api.importJWK(jwk, "RSA-OAEP-256");
        const token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM" }).encrypt(publicKey);
        const parts = token.split(".");
        const withEncryptedKey = (bytes) => [parts[0], Buffer.from(bytes).toString("base64url"), ...parts.slice(2)].join(".");
        // An encrypted key whose first byte is zero: without it, the same integer, which hosts left-pad
        // and decrypt, and which the core (RFC 8017 §7.1.2: exactly the modulus's length) refuses.
        let leadingZero;
        for (let tries = 0; tries < 4096 && !leadingZero; tries++) {
          const made = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM" }).encrypt(publicKey);
          if (Buffer.from(made.split(".")[1], "base64url")[0] === 0) leadingZero = made.split(".");
        }
        assert.ok(leadingZero, "a token whose encrypted key starts with a zero byte");
        const withoutLeadingZero = [leadingZero[0], Buffer.from(leadingZero[1], "base64url").subarray(1).toString("base64url"),
          ...leadingZero.slice(2)].join(".");
        const sha1Padded = nodeCrypto.publicEncrypt({ key: nodeCrypto.createPublicKey({ key: publicJwk, format: "jwk" }), oaepHash: "sha1",
          padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING }, nodeCrypto.randomBytes(32));

        const badTag = await outcome(() => api.compactDecryptAsync(tampered(token, 4), key));
        assert.deepEqual(badTag.error, { name: "JWEDecryptionFailed", code: "ERR_JWE_DECRYPTION_FAILED", status: "ERR_JWE_DECRYPTION_FAILED",
          detail: "decryption", where: undefined, claims: undefined });
        const cases = [
          ["bad padding (another OAEP hash)", () => api.compactDecryptAsync(withEncryptedKey(sha1Padded), key)],
          ["an encrypted key one byte short", () => api.compactDecryptAsync(withEncryptedKey(Buffer.from(parts[1], "base64url").subarray(1)), key)],
          ["an encrypted key without its leading zero byte", () => api.compactDecryptAsync(withoutLeadingZero, key)],
          ["a 16-byte CEK for A256GCM", () => api.compactDecryptAsync(rsaTokenWithCek(publicJwk, "RSA-OAEP-256", "A256GCM", nodeCrypto.randomBytes(16)), key)],
          ["a 32-byte CEK for A128GCM", () => api.compactDecryptAsync(rsaTokenWithCek(publicJwk, "RSA-OAEP-256", "A128GCM", nodeCrypto.randomBytes(32)), key)],
          ["a host that throws", () => whileFailing("rsa", () => api.compactDecryptAsync(token, key))],
        ];
        for (const [what, call] of cases) {
          const before = { host: asked.rsa, agreed: calls("edgejwt_decrypt_agreed"), wasm: calls("edgejwt_compact_decrypt") };
          assert.deepEqual(await outcome(call), badTag, what);
          assert.equal(asked.rsa - before.host, 1, `${what}: the host was asked`);
          assert.equal(calls("edgejwt_decrypt_agreed") - before.agreed, 1, `${what}: the core's second pass answered`);
          assert.equal(calls("edgejwt_compact_decrypt") - before.wasm, 0, `${what}: Wasm's RSA decryption never ran`);
        }
        // The same CEK of the right size decrypts: the failures above are the size's and padding's.
        assert.deepEqual((await api.compactDecryptAsync(rsaTokenWithCek(publicJwk, "RSA-OAEP-256", "A128GCM", nodeCrypto.randomBytes(16)), key))
          .plaintext, plaintext);
      });
    });
  }
}

describe("edgejwt_decrypt_agreed takes a host's CEK or KEK of the right size only", () => {
  for (const build of builds) {
    it(`${build.name}: a CEK or KEK one byte long or short, or for an algorithm the host does not compute, never decrypts`, async () => {
      const core = await coreFor(build);
      const importFor = (format, data, alg) => core.call("edgejwt_key_import_for", format, KeyUse.encryption, data, alg).handle;
      const agreed = (key, token, secret) => core.call("edgejwt_decrypt_agreed", PayloadKind.bytes, key, 0, 0, token, 0, secret);
      const failed = { code: "ERR_JWE_DECRYPTION_FAILED" };

      // RSA-OAEP: the CEK as the host would recover it, with a byte more or less.
      const { privateKey, publicKey } = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
      const jwk = await jose.exportJWK(privateKey);
      const rsaKey = importFor(KeyFormat.jwk, JSON.stringify(jwk), "RSA-OAEP-256");
      const rsaToken = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A128GCM" }).encrypt(publicKey);
      const cek = nodeCrypto.privateDecrypt({ key: nodeCrypto.createPrivateKey({ key: jwk, format: "jwk" }), oaepHash: "sha256",
        padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(rsaToken.split(".")[1], "base64url"));
      assert.equal(cek.length, 16);
      assert.deepEqual(agreed(rsaKey, rsaToken, new Uint8Array(cek)).payload, plaintext);
      assert.throws(() => agreed(rsaKey, rsaToken, new Uint8Array([...cek, 0])), failed);
      assert.throws(() => agreed(rsaKey, rsaToken, new Uint8Array(cek.subarray(0, 15))), failed);
      assert.throws(() => agreed(rsaKey, rsaToken, new Uint8Array(100)), failed);

      // PBES2: the KEK as the host would derive it, with a byte more or less.
      const pbes2Token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "PBES2-HS256+A128KW", enc: "A128GCM" })
        .setKeyManagementParameters({ p2c: 1000 }).encrypt(password);
      const passwordKey = importFor(KeyFormat.secret, password, "PBES2-HS256+A128KW");
      const { p2s, p2c } = headerOf(pbes2Token);
      const salt = Buffer.concat([Buffer.from("PBES2-HS256+A128KW"), Buffer.alloc(1), Buffer.from(p2s, "base64url")]);
      const kek = nodeCrypto.pbkdf2Sync(password, salt, p2c, 16, "sha256");
      assert.deepEqual(agreed(passwordKey, pbes2Token, new Uint8Array(kek)).payload, plaintext);
      assert.throws(() => agreed(passwordKey, pbes2Token, new Uint8Array([...kek, 0])), failed);
      assert.throws(() => agreed(passwordKey, pbes2Token, new Uint8Array(kek.subarray(0, 15))), failed);

      // A secret for AES key wrapping or "dir", whose keys the host never computes with.
      const aes = crypto.getRandomValues(new Uint8Array(16));
      const kwToken = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "A128KW", enc: "A128GCM" }).encrypt(aes);
      assert.throws(() => agreed(importFor(KeyFormat.secret, aes, "A128KW"), kwToken, aes), { code: "ERR_INVALID_ARGUMENT" });
    });
  }
});

describe("the host's table is the core's", () => {
  it("every RSA-OAEP* and PBES2* alg of the core has its mode, hash and KEK size in edgejwt_encryption_algorithms, as RFC 7518 gives them", async () => {
    const { keyManagement } = JSON.parse((await coreFor(builds[0])).call("edgejwt_encryption_algorithms").output);
    const of = (alg) => keyManagement.find((entry) => entry.alg === alg);
    assert.deepEqual(RSA_OAEP.map((alg) => [of(alg).mode, of(alg).hashBits]), [["rsa-oaep", 160], ["rsa-oaep", 256], ["rsa-oaep", 384],
      ["rsa-oaep", 512]]);
    assert.deepEqual(PBES2_ALGS.map((alg) => [of(alg).mode, of(alg).hashBits, of(alg).kekLength]), [["pbes2", 256, 16], ["pbes2", 384, 24],
      ["pbes2", 512, 32]]);
  });
});
