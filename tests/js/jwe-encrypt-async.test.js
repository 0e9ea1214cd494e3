// The async encryptions (compactEncryptAsync, encryptAsync, signAndEncryptAsync) on every JWE build
// and on each host (node:crypto, WebCrypto, none): every alg × enc they make (ECDH-ES on every
// curve) decrypts under jose and under edgejwt's sync decryption; on the host path the "epk" is on
// the recipient's curve and fresh per token, and the host was asked exactly for the ECDH-ES tokens
// on its curves; every option the sync encryptions refuse is refused with the same error; a host
// that fails or gives a Z the core refuses leaves the token to Wasm. The ABI's
// edgejwt_encrypt_agreed refuses an "epk" or Z the core cannot take.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import * as jose from "jose";

import { createApi } from "../../js/api.js";
import { jweBuilds as builds, coreFor } from "../support/builds.js";
import { b64, headerOf } from "../support/jwe-tokens.js";
import { CONTENT, CURVES, KEY_MANAGEMENT, PBES2, outcome, secretFor } from "../support/jwe-cases.js";
import { PayloadKind } from "../../js/abi.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const plaintext = encoder.encode("what only the recipient reads");

const PASSWORD = encoder.encode("correct horse battery staple");

// The curves each host makes the producer's agreement on (host-crypto/ephemeral.js: where it
// measured faster than Wasm).
const HOST_CURVES = { "node:crypto": ["P-256", "P-384", "P-521"], webcrypto: ["P-256", "P-384"] };
const HOSTS = [["node:crypto", "node"], ["webcrypto", "webcrypto"], ["no host", false]];

// Counts the host's agreements (node:crypto's diffieHellman, WebCrypto's deriveBits, looked up at
// each call); `hostFault`, when set, runs in their place.
const asked = { count: 0 };
let hostFault = null;
const nodeCrypto = process.getBuiltinModule("node:crypto");
const originals = { diffieHellman: nodeCrypto.diffieHellman, deriveBits: SubtleCrypto.prototype.deriveBits };
before(() => {
  nodeCrypto.diffieHellman = function (...args) {
    asked.count++;
    return hostFault ? hostFault("node", args) : originals.diffieHellman.apply(this, args);
  };
  SubtleCrypto.prototype.deriveBits = function (...args) {
    asked.count++;
    return hostFault ? hostFault("webcrypto", args) : originals.deriveBits.apply(this, args);
  };
});
after(() => {
  nodeCrypto.diffieHellman = originals.diffieHellman;
  SubtleCrypto.prototype.deriveBits = originals.deriveBits;
});

// One recipient per alg × enc (ECDH-ES on every curve): the key edgejwt encrypts to (a public JWK
// and its alg, or raw bytes) and what jose and edgejwt decrypt with, made once.
async function recipientsForEveryAlgorithm() {
  const recipients = [];
  const pairs = new Map();
  const pairFor = async (alg, crv) => {
    const family = alg.startsWith("RSA") ? "RSA" : crv;
    if (!pairs.has(family)) {
      const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, crv, modulusLength: 2048 });
      // jose binds an RSA CryptoKey to one hash: each alg imports the private JWK for itself.
      pairs.set(family, { publicJwk: await jose.exportJWK(publicKey), privateJwk: await jose.exportJWK(privateKey) });
    }
    return pairs.get(family);
  };
  for (const alg of KEY_MANAGEMENT) {
    for (const enc of CONTENT) {
      for (const crv of alg.startsWith("ECDH-ES") ? CURVES : [undefined]) {
        let secret;
        if (alg === "dir" || /^A\d+(GCM)?KW$/.test(alg)) secret = secretFor(alg, enc);
        else if (PBES2(alg)) secret = PASSWORD;
        recipients.push({ alg, enc, crv, secret, pair: secret ? undefined : await pairFor(alg, crv) });
      }
    }
  }
  return recipients;
}

let everyRecipient;
before(async () => {
  everyRecipient = await recipientsForEveryAlgorithm();
});

for (const build of builds) {
  for (const [hostName, hostCrypto] of HOSTS) {
    describe(`async encryption on ${build.name}, ${hostName}`, () => {
      let api;
      before(async () => {
        api = createApi(build.load);
        await api.init({ ...build.options, hostCrypto });
      });
      const onHost = (alg, crv) => hostCrypto !== false && alg.startsWith("ECDH-ES") && HOST_CURVES[hostName].includes(crv);

      it("every alg × enc (ECDH-ES on every curve): the token decrypts under jose and under the sync decryption", async () => {
        for (const { alg, enc, crv, secret, pair } of everyRecipient) {
          const what = `${alg} ${enc} ${crv ?? ""}`;
          const key = secret ?? api.importJWK(pair.publicJwk, alg);
          const options = { alg, enc, ...(PBES2(alg) ? { header: { p2c: 1000 } } : {}) };
          const before = asked.count;
          const token = await api.compactEncryptAsync(plaintext, key, options);
          // The host made the agreement for every ECDH-ES token on its curves, and for nothing else.
          assert.equal(asked.count - before, onHost(alg, crv) ? 1 : 0, `${what}: the host asked`);
          const joseKey = secret ?? (await jose.importJWK(pair.privateJwk, alg));
          const joseOptions = PBES2(alg) ? { keyManagementAlgorithms: [alg] } : {};
          const byJose = await jose.compactDecrypt(token, joseKey, joseOptions);
          assert.deepEqual(new Uint8Array(byJose.plaintext), plaintext, what);
          assert.deepEqual(byJose.protectedHeader.alg, alg, what);
          assert.deepEqual(byJose.protectedHeader.enc, enc, what);
          const decryptionKey = secret ?? api.importJWK(pair.privateJwk, alg);
          assert.deepEqual(api.compactDecrypt(token, decryptionKey, joseOptions).plaintext, plaintext, what);
          if (alg.startsWith("ECDH-ES")) assert.equal(headerOf(token).epk.crv, crv, `${what}: the epk's curve`);
        }
      });

      it("encrypted and nested JWTs: what encryptAsync and signAndEncryptAsync make decrypts and verifies under jose and edgejwt", async () => {
        for (const crv of CURVES) {
          const recipient = await jose.generateKeyPair("ECDH-ES+A256KW", { crv, extractable: true });
          const key = api.importJWK(await jose.exportJWK(recipient.publicKey), "ECDH-ES+A256KW");
          const decryptionKey = api.importJWK(await jose.exportJWK(recipient.privateKey), "ECDH-ES+A256KW");
          const signer = await jose.generateKeyPair("ES256", { extractable: true });
          const signing = api.importJWK(await jose.exportJWK(signer.privateKey), "ES256");
          const verifying = api.importJWK(await jose.exportJWK(signer.publicKey), "ES256");
          const options = { alg: "ECDH-ES+A256KW", enc: "A256GCM", kid: "enc-1", issuer: "idp", expiresIn: "5m" };

          const before = asked.count;
          const encrypted = await api.encryptAsync({ sub: "alice" }, key, options);
          const nested = await api.signAndEncryptAsync({ sub: "bob" }, signing, key, { ...options, signing: { alg: "ES256", kid: "sig-1" } });
          assert.equal(asked.count - before, onHost("ECDH-ES+A256KW", crv) ? 2 : 0, `${crv}: the host asked`);

          const flat = await jose.jwtDecrypt(encrypted, recipient.privateKey, { issuer: "idp" });
          assert.equal(flat.payload.sub, "alice");
          assert.equal(flat.protectedHeader.kid, "enc-1");
          assert.equal(api.decrypt(encrypted, decryptionKey, { issuer: "idp" }).payload.sub, "alice");

          const inner = await jose.compactDecrypt(nested, recipient.privateKey);
          assert.equal(inner.protectedHeader.cty, "JWT");
          const verified = await jose.jwtVerify(decoder.decode(inner.plaintext), signer.publicKey, { issuer: "idp" });
          assert.equal(verified.payload.sub, "bob");
          assert.equal(verified.protectedHeader.kid, "sig-1");
          const opened = api.decryptAndVerify(nested, decryptionKey, verifying, { issuer: "idp" });
          assert.equal(opened.payload.sub, "bob");
          assert.equal(opened.signedHeader.alg, "ES256");
        }
      });

      it("the epk is on the recipient's curve and fresh per token; hostCrypto: false keeps the call in Wasm", async () => {
        for (const crv of CURVES) {
          const recipient = await jose.generateKeyPair("ECDH-ES", { crv, extractable: true });
          const key = api.importJWK(await jose.exportJWK(recipient.publicKey), "ECDH-ES");
          const options = { alg: "ECDH-ES", enc: "A128GCM" };
          const epks = [];
          for (const token of [await api.compactEncryptAsync(plaintext, key, options), await api.compactEncryptAsync(plaintext, key, options)]) {
            const { epk } = headerOf(token);
            assert.equal(epk.crv, crv);
            assert.equal(epk.d, undefined, "no private member");
            // On the curve: node:crypto imports it as a key of that curve (it refuses points off it).
            nodeCrypto.createPublicKey({ key: epk, format: "jwk" });
            epks.push(epk.x);
          }
          assert.notEqual(epks[0], epks[1], `${crv}: two tokens, two ephemeral keys`);

          const before = asked.count;
          const token = await api.compactEncryptAsync(plaintext, key, { ...options, hostCrypto: false });
          assert.equal(asked.count, before, "hostCrypto: false never asks the host");
          assert.deepEqual(new Uint8Array((await jose.compactDecrypt(token, recipient.privateKey)).plaintext), plaintext);
        }
      });

      it("every option the sync encryptions refuse: the same error from the async ones", async () => {
        const recipient = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
        const publicJwk = await jose.exportJWK(recipient.publicKey);
        const key = api.importJWK(publicJwk, "ECDH-ES+A256KW");
        const narrowKey = api.importJWK(publicJwk, "ECDH-ES+A128KW");
        const signer = await jose.generateKeyPair("ES256", { extractable: true });
        const signing = api.importJWK(await jose.exportJWK(signer.privateKey), "ES256");
        const signingAsRecipient = api.importJWK(await jose.exportJWK(signer.publicKey), "ES256");
        const otherApi = createApi(build.load);
        await otherApi.init({ ...build.options, hostCrypto });
        const foreignKey = otherApi.importJWK(publicJwk, "ECDH-ES+A256KW");
        const freedKey = api.importJWK(publicJwk, "ECDH-ES+A256KW");
        freedKey.free();
        const set = api.createLocalJWKSet({ keys: [{ ...publicJwk, alg: "ECDH-ES+A256KW", use: "enc" }] }, { use: "enc" });
        const good = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
        const huge = encoder.encode("x".repeat(70_000));

        // [what, key, options, plaintext for compactEncrypt (claims for the others)]
        const refusals = [
          ["zip", key, { ...good, header: { zip: "DEF" } }],
          ["RSA1_5", key, { ...good, alg: "RSA1_5" }],
          ["an unknown enc", key, { ...good, enc: "A512GCM" }],
          ["no enc", key, { alg: "ECDH-ES+A256KW" }],
          ["alg not a string", key, { ...good, alg: 1 }],
          ["an alg of another family", key, { ...good, alg: "A256KW" }],
          ["an alg the key is not bound to", narrowKey, good],
          ["an epk in the caller's header", key, { ...good, header: { epk: publicJwk } }],
          ["an apu that is not base64url", key, { ...good, header: { apu: "!!" } }],
          ["crit naming a registered member", key, { ...good, header: { crit: ["alg"] } }],
          ["crit naming a member the header lacks", key, { ...good, header: { crit: ["exp2"] } }],
          ["a typ that is not a string", key, { ...good, header: { typ: 1 } }],
          ["a PBES2 parameter on ECDH-ES", key, { ...good, header: { p2c: 1000 } }],
          ["a kid over the header bound", key, { ...good, kid: "k".repeat(20_000) }],
          ["a signing key", signingAsRecipient, good],
          ["another instance's key", foreignKey, good],
          ["a freed key", freedKey, good],
          ["a key set", set, good],
          ["a string key", "secret", good],
          ["options not an object", key, "options"],
          ["a plaintext over the bound", key, good, huge],
          ["a plaintext that is not bytes", key, good, "text"],
        ];
        for (const [what, recipientKey, options, input = plaintext] of refusals) {
          const sync = await outcome(() => api.compactEncrypt(input, recipientKey, options));
          const async = await outcome(() => api.compactEncryptAsync(input, recipientKey, options));
          assert.ok(sync.error, `${what}: refused`);
          assert.deepEqual(async, sync, `compactEncrypt: ${what}`);
        }

        const claimsRefusals = [
          ...refusals.filter(([, , , input]) => input === undefined),
          ["claims that are not an object", key, good, "claims"],
          ['a "cty" of "JWT" on a flat token', key, { ...good, header: { cty: "JWT" } }],
          ["an exp that is not a date", key, { ...good, expiresIn: "soon" }],
        ];
        for (const [what, recipientKey, options, claims = { sub: "x" }] of claimsRefusals) {
          const sync = await outcome(() => api.encrypt(claims, recipientKey, options));
          const async = await outcome(() => api.encryptAsync(claims, recipientKey, options));
          assert.ok(sync.error, `${what}: refused`);
          assert.deepEqual(async, sync, `encrypt: ${what}`);
        }

        const nestedRefusals = [
          ...claimsRefusals.filter(([what]) => !what.includes('"cty"')).map(([what, k, o, c]) => [what, signing, k, { ...o, signing: { alg: "ES256" } }, c]),
          ["no signing options", signing, key, good],
          ["a signing alg the key cannot make", signing, key, { ...good, signing: { alg: "RS256" } }],
          ["an encryption key to sign with", key, key, { ...good, signing: { alg: "ES256" } }],
          ['a "cty" other than JWT', signing, key, { ...good, header: { cty: "text" }, signing: { alg: "ES256" } }],
          ["a signing key of another instance", otherApi.importJWK(await jose.exportJWK(signer.privateKey), "ES256"), key,
            { ...good, signing: { alg: "ES256" } }],
        ];
        for (const [what, signingKey, recipientKey, options, claims = { sub: "x" }] of nestedRefusals) {
          const sync = await outcome(() => api.signAndEncrypt(claims, signingKey, recipientKey, options));
          const async = await outcome(() => api.signAndEncryptAsync(claims, signingKey, recipientKey, options));
          assert.ok(sync.error, `${what}: refused`);
          assert.deepEqual(async, sync, `signAndEncrypt: ${what}`);
        }
        // And the instance answers correctly afterwards.
        const token = await api.compactEncryptAsync(plaintext, key, good);
        assert.deepEqual(new Uint8Array((await jose.compactDecrypt(token, recipient.privateKey)).plaintext), plaintext);
      });

      if (hostCrypto !== false) {
        it("a host that fails or gives a Z of the wrong size: the token is made in Wasm", async () => {
          const recipient = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
          const key = api.importJWK(await jose.exportJWK(recipient.publicKey), "ECDH-ES+A256KW");
          const faults = {
            throws: () => {
              throw new Error("host failure");
            },
            "a short Z": (kind) => (kind === "node" ? Buffer.alloc(16, 1) : Promise.resolve(new ArrayBuffer(16))),
            "a long Z": (kind) => (kind === "node" ? Buffer.alloc(33, 1) : Promise.resolve(new ArrayBuffer(33))),
          };
          for (const [what, fault] of Object.entries(faults)) {
            hostFault = fault;
            const before = asked.count;
            let token;
            try {
              token = await api.compactEncryptAsync(plaintext, key, { alg: "ECDH-ES+A256KW", enc: "A256GCM" });
            } finally {
              hostFault = null;
            }
            assert.equal(asked.count - before, 1, `${what}: the host was asked`);
            // What the core can check sends the call to Wasm: the token opens.
            const opened = await jose.compactDecrypt(token, recipient.privateKey);
            assert.deepEqual(new Uint8Array(opened.plaintext), plaintext, what);
          }
        });
      }
    });
  }
}

describe("edgejwt_encrypt_agreed refuses an epk or Z the core cannot take", () => {
  for (const build of builds) {
    it(`${build.name}: the epk on the recipient's curve and Z of its size, else ERR_INVALID_ARGUMENT (agreement)`, async () => {
      const core = await coreFor(build);
      const recipient = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
      const recipientJwk = JSON.stringify(await jose.exportJWK(recipient.publicKey));
      const key = core.call("edgejwt_key_import_for", 2, 1, recipientJwk, "ECDH-ES+A256KW").handle;
      const header = JSON.stringify({ alg: "ECDH-ES+A256KW", enc: "A256GCM" });
      const ephemeral = nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-256" });
      const { kty, crv, x, y } = ephemeral.publicKey.export({ format: "jwk" });
      const epk = { kty, crv, x, y };
      const z = new Uint8Array(nodeCrypto.diffieHellman({ privateKey: ephemeral.privateKey,
        publicKey: nodeCrypto.createPublicKey({ key: JSON.parse(recipientJwk), format: "jwk" }) }));
      const agreed = (epkJson, agreement, kind = PayloadKind.bytes, headerJson = header) =>
        core.call("edgejwt_encrypt_agreed", kind, 0, "", key, headerJson, plaintext, epkJson, agreement).output;

      // The host's epk and Z make a token jose opens with the recipient's private key, its "epk" the host's.
      const token = agreed(JSON.stringify(epk), z);
      assert.deepEqual(headerOf(token).epk, epk);
      assert.deepEqual(new Uint8Array((await jose.compactDecrypt(token, recipient.privateKey)).plaintext), plaintext);

      const flip = Buffer.from(x, "base64url");
      flip[flip.length - 1] ^= 1;
      const zero32 = b64(new Uint8Array(32));
      const p384 = nodeCrypto.generateKeyPairSync("ec", { namedCurve: "P-384" }).publicKey.export({ format: "jwk" });
      const x25519 = nodeCrypto.generateKeyPairSync("x25519").publicKey.export({ format: "jwk" });
      const privateEpk = ephemeral.privateKey.export({ format: "jwk" });
      const refused = [
        ["an epk off the curve", JSON.stringify({ ...epk, x: flip.toString("base64url") }), z],
        ["an epk at infinity", JSON.stringify({ ...epk, x: zero32, y: zero32 }), z],
        ["an epk of another curve", JSON.stringify(p384), z],
        ["an epk of another curve, with a Z of its size", JSON.stringify(p384), new Uint8Array(48)],
        ["an X25519 epk", JSON.stringify(x25519), z],
        ["an epk with its private key", JSON.stringify(privateEpk), z],
        ["an epk that is not JSON", "{", z],
        ["a Z too short", JSON.stringify(epk), z.subarray(1)],
        ["a Z too long", JSON.stringify(epk), new Uint8Array([...z, 0])],
        ["no Z", JSON.stringify(epk), new Uint8Array()],
        ["no epk", "", z],
      ];
      for (const [what, epkJson, agreement] of refused) {
        assert.throws(() => agreed(epkJson, agreement), { code: "ERR_INVALID_ARGUMENT", where: "agreement" }, what);
      }
      // An agreement for an algorithm that agrees on nothing, and an unknown payload kind.
      const aes = core.call("edgejwt_key_import_for", 1, 1, new Uint8Array(32), "A256KW").handle;
      assert.throws(() => core.call("edgejwt_encrypt_agreed", PayloadKind.bytes, 0, "", aes, JSON.stringify({ alg: "A256KW", enc: "A256GCM" }),
        plaintext, JSON.stringify(epk), z), { code: "ERR_INVALID_ARGUMENT", where: "agreement" });
      assert.throws(() => agreed(JSON.stringify(epk), z, 7), { code: "ERR_INVALID_ARGUMENT", where: "payload_kind" });
      // The sync encryption's own checks come first, with their codes.
      assert.throws(() => agreed(JSON.stringify(epk), z, PayloadKind.bytes, JSON.stringify({ alg: "ECDH-ES+A256KW", enc: "A256GCM", zip: "DEF" })),
        { code: "ERR_JOSE_NOT_SUPPORTED" });
    });

    it(`${build.name}: X25519's all-zero Z is refused`, async () => {
      const core = await coreFor(build);
      const recipient = nodeCrypto.generateKeyPairSync("x25519");
      const key = core.call("edgejwt_key_import_for", 2, 1, JSON.stringify(recipient.publicKey.export({ format: "jwk" })), "ECDH-ES").handle;
      const epk = JSON.stringify(nodeCrypto.generateKeyPairSync("x25519").publicKey.export({ format: "jwk" }));
      assert.throws(() => core.call("edgejwt_encrypt_agreed", PayloadKind.bytes, 0, "", key, JSON.stringify({ alg: "ECDH-ES", enc: "A128GCM" }),
        plaintext, epk, new Uint8Array(32)), { code: "ERR_INVALID_ARGUMENT", where: "agreement" });
    });
  }
});
