// The async encryptions (compactEncryptAsync, encryptAsync, signAndEncryptAsync) on every JWE build
// and on each host (node:crypto, WebCrypto, none): every alg × enc they make (ECDH-ES on every
// curve) decrypts under jose and under edgejwt's sync decryption; on the host path the "epk" is on
// the recipient's curve and fresh per token, and the host was asked exactly for the ECDH-ES tokens
// on its curves, every RSA-OAEP token and every PBES2 token; every option the sync encryptions
// refuse is refused with the same error; a host that fails or gives a Z, an encrypted key or a KEK
// the core refuses leaves the token to Wasm. The ABI's edgejwt_encrypt_agreed refuses an "epk" or Z
// the core cannot take, edgejwt_encrypt_hosted a CEK, encrypted key or KEK.
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
// measured faster than Wasm); RSA-OAEP and PBES2 are on either host (host-crypto/key-encryption.js).
const HOST_CURVES = { "node:crypto": ["P-256", "P-384", "P-521"], webcrypto: ["P-256", "P-384"] };
const HOSTS = [["node:crypto", "node"], ["webcrypto", "webcrypto"], ["no host", false]];
const RSA_OAEP = (alg) => alg.startsWith("RSA-OAEP");

// Counts the host's steps (node:crypto's diffieHellman, publicEncrypt and pbkdf2, WebCrypto's
// deriveBits and encrypt, looked up at each call); `hostFault(kind, args, name)`, when set, runs in
// their place.
const asked = { count: 0 };
let hostFault = null;
const nodeCrypto = process.getBuiltinModule("node:crypto");
const HOOKED = [[nodeCrypto, "diffieHellman", "node"], [nodeCrypto, "publicEncrypt", "node"], [nodeCrypto, "pbkdf2", "node"],
  [SubtleCrypto.prototype, "deriveBits", "webcrypto"], [SubtleCrypto.prototype, "encrypt", "webcrypto"]];
const originals = HOOKED.map(([object, name]) => object[name]);
before(() => {
  HOOKED.forEach(([object, name, kind], i) => {
    object[name] = function (...args) {
      asked.count++;
      return hostFault ? hostFault(kind, args, name) : originals[i].apply(this, args);
    };
  });
});
after(() => {
  HOOKED.forEach(([object, name], i) => {
    object[name] = originals[i];
  });
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
      const onHost = (alg, crv) => hostCrypto !== false &&
        (RSA_OAEP(alg) || PBES2(alg) || (alg.startsWith("ECDH-ES") && HOST_CURVES[hostName].includes(crv)));

      it("every alg × enc (ECDH-ES on every curve): the token decrypts under jose and under the sync decryption", async () => {
        for (const { alg, enc, crv, secret, pair } of everyRecipient) {
          const what = `${alg} ${enc} ${crv ?? ""}`;
          const key = secret ?? api.importJWK(pair.publicJwk, alg);
          const options = { alg, enc, ...(PBES2(alg) ? { header: { p2c: 1000 } } : {}) };
          const before = asked.count;
          const token = await api.compactEncryptAsync(plaintext, key, options);
          // The host made the agreement for every ECDH-ES token on its curves, the encrypted key for every
          // RSA-OAEP token and the KEK for every PBES2 token, and nothing else.
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

      it("RSA-OAEP and PBES2 (a password's bytes or a Key): encryptAsync and signAndEncryptAsync make what jose and edgejwt open", async () => {
        const rsa = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
        const rsaJwk = await jose.exportJWK(rsa.publicKey);
        const signer = await jose.generateKeyPair("ES256", { extractable: true });
        const signing = api.importJWK(await jose.exportJWK(signer.privateKey), "ES256");
        const verifying = api.importJWK(await jose.exportJWK(signer.publicKey), "ES256");
        const passwordJwk = { kty: "oct", k: Buffer.from(PASSWORD).toString("base64url") };
        const recipients = [
          ["RSA-OAEP-256", api.importJWK(rsaJwk, "RSA-OAEP-256"), rsa.privateKey, api.importJWK(await jose.exportJWK(rsa.privateKey), "RSA-OAEP-256")],
          ["PBES2-HS256+A128KW", PASSWORD, PASSWORD, PASSWORD],
          ["PBES2-HS512+A256KW", api.importJWK(passwordJwk, "PBES2-HS512+A256KW"), PASSWORD, api.importJWK(passwordJwk, "PBES2-HS512+A256KW")],
        ];
        for (const [alg, key, joseKey, decryptionKey] of recipients) {
          const options = { alg, enc: "A256GCM", kid: "enc-1", issuer: "idp", expiresIn: "5m" };
          const joseOptions = { issuer: "idp", keyManagementAlgorithms: [alg] };
          const before = asked.count;
          const encrypted = await api.encryptAsync({ sub: "alice" }, key, options);
          const nested = await api.signAndEncryptAsync({ sub: "bob" }, signing, key, { ...options, signing: { alg: "ES256" } });
          assert.equal(asked.count - before, hostCrypto === false ? 0 : 2, `${alg}: the host asked`);
          const header = headerOf(encrypted);
          if (PBES2(alg)) {
            // The core's parameters: a 16-byte salt input and the default count.
            assert.equal(Buffer.from(header.p2s, "base64url").length, 16, alg);
            assert.equal(header.p2c, 10_000, alg);
            assert.notEqual(headerOf(nested).p2s, header.p2s, `${alg}: a fresh salt per token`);
          }
          assert.equal((await jose.jwtDecrypt(encrypted, joseKey, joseOptions)).payload.sub, "alice", alg);
          assert.equal(api.decrypt(encrypted, decryptionKey, joseOptions).payload.sub, "alice", alg);
          const inner = await jose.compactDecrypt(nested, joseKey, joseOptions);
          assert.equal(inner.protectedHeader.cty, "JWT", alg);
          assert.equal((await jose.jwtVerify(decoder.decode(inner.plaintext), signer.publicKey)).payload.sub, "bob", alg);
          assert.equal(api.decryptAndVerify(nested, decryptionKey, verifying, joseOptions).payload.sub, "bob", alg);
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
        const rsa = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
        const rsaKey = api.importJWK(await jose.exportJWK(rsa.publicKey), "RSA-OAEP-256");
        const rsaGood = { alg: "RSA-OAEP-256", enc: "A256GCM" };
        const pbes2Good = { alg: "PBES2-HS256+A128KW", enc: "A128GCM" };
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
          ["an RSA-OAEP alg the key is not bound to", rsaKey, { ...rsaGood, alg: "RSA-OAEP-512" }],
          ["zip on RSA-OAEP", rsaKey, { ...rsaGood, header: { zip: "DEF" } }],
          ["an unknown enc on RSA-OAEP", rsaKey, { ...rsaGood, enc: "A128CBC" }],
          ["an epk in an RSA-OAEP header", rsaKey, { ...rsaGood, header: { epk: publicJwk } }],
          ["a PBES2 password too short", PASSWORD.subarray(0, 8), pbes2Good],
          ["a p2c under 1,000", PASSWORD, { ...pbes2Good, header: { p2c: 999 } }],
          ["a p2c over PBKDF2's bound", PASSWORD, { ...pbes2Good, header: { p2c: 2_000_000 } }],
          ["a p2s under 8 bytes", PASSWORD, { ...pbes2Good, header: { p2s: "AAAA" } }],
          ["a p2c that is not a number", PASSWORD, { ...pbes2Good, header: { p2c: "1000" } }],
          ["zip on PBES2", PASSWORD, { ...pbes2Good, header: { zip: "DEF" } }],
          ["a PBES2 plaintext over the bound", PASSWORD, pbes2Good, huge],
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

        it("a host that fails or gives an encrypted key or KEK of the wrong form: the RSA-OAEP or PBES2 token is made in Wasm", async () => {
          const rsa = await jose.generateKeyPair("RSA-OAEP-256", { extractable: true, modulusLength: 2048 });
          const rsaKey = api.importJWK(await jose.exportJWK(rsa.publicKey), "RSA-OAEP-256");
          const made = (kind, bytes) => (kind === "node" ? Buffer.from(bytes) : Promise.resolve(new Uint8Array(bytes).buffer));
          // node:crypto's pbkdf2 answers through its callback.
          const answer = (kind, args, bytes) => (kind === "node" ? args[5](null, Buffer.from(bytes)) : made(kind, bytes));
          const cases = [
            ["RSA-OAEP-256", rsaKey, rsa.privateKey, {
              throws: () => {
                throw new Error("host failure");
              },
              "an encrypted key a byte short": (kind) => made(kind, new Uint8Array(255).fill(1)),
              "an encrypted key a byte long": (kind) => made(kind, new Uint8Array(257).fill(1)),
              "an encrypted key not below the modulus": (kind) => made(kind, new Uint8Array(256).fill(0xff)),
            }],
            ["PBES2-HS256+A128KW", PASSWORD, PASSWORD, {
              throws: () => {
                throw new Error("host failure");
              },
              "a KEK a byte short": (kind, args) => answer(kind, args, new Uint8Array(15).fill(1)),
              "a KEK a byte long": (kind, args) => answer(kind, args, new Uint8Array(17).fill(1)),
            }],
          ];
          for (const [alg, key, joseKey, faults] of cases) {
            for (const [what, fault] of Object.entries(faults)) {
              hostFault = fault;
              const before = asked.count;
              let token;
              try {
                token = await api.compactEncryptAsync(plaintext, key, { alg, enc: "A256GCM" });
              } finally {
                hostFault = null;
              }
              assert.equal(asked.count - before, 1, `${alg}, ${what}: the host was asked`);
              // What the core can check sends the call to Wasm: the token opens.
              const opened = await jose.compactDecrypt(token, joseKey, { keyManagementAlgorithms: [alg] });
              assert.deepEqual(new Uint8Array(opened.plaintext), plaintext, `${alg}, ${what}`);
            }
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

describe("edgejwt_encrypt_begin and edgejwt_encrypt_hosted take only what RSA-OAEP's and PBES2's step makes", () => {
  for (const build of builds) {
    it(`${build.name}: a CEK of the enc's size and an RSA ciphertext's form, else ERR_INVALID_ARGUMENT (host)`, async () => {
      const core = await coreFor(build);
      const recipient = nodeCrypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
      const recipientJwk = JSON.stringify(recipient.publicKey.export({ format: "jwk" }));
      const key = core.call("edgejwt_key_import_for", 2, 1, recipientJwk, "RSA-OAEP-384").handle;
      const header = JSON.stringify({ alg: "RSA-OAEP-384", enc: "A192GCM" });
      const cek = nodeCrypto.randomBytes(24);
      const encryptedKey = new Uint8Array(nodeCrypto.publicEncrypt({ key: recipient.publicKey, oaepHash: "sha384",
        padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING }, cek));
      const hosted = (secret, wrapped, kind = PayloadKind.bytes, headerJson = header) =>
        core.call("edgejwt_encrypt_hosted", kind, 0, "", key, headerJson, plaintext, secret, wrapped).output;

      // The host's CEK and encrypted key make a token that opens with the recipient's private key,
      // its encrypted key the host's.
      const token = hosted(cek, encryptedKey);
      assert.equal(token.split(".")[1], Buffer.from(encryptedKey).toString("base64url"));
      const opened = nodeCrypto.privateDecrypt({ key: recipient.privateKey, oaepHash: "sha384",
        padding: nodeCrypto.constants.RSA_PKCS1_OAEP_PADDING }, Buffer.from(token.split(".")[1], "base64url"));
      assert.deepEqual(new Uint8Array(opened), new Uint8Array(cek));
      const privateKey = await jose.importJWK(recipient.privateKey.export({ format: "jwk" }), "RSA-OAEP-384");
      assert.deepEqual(new Uint8Array((await jose.compactDecrypt(token, privateKey)).plaintext), plaintext);

      const refused = [
        ["a CEK a byte short", cek.subarray(1), encryptedKey],
        ["a CEK a byte long", new Uint8Array([...cek, 0]), encryptedKey],
        ["no CEK", new Uint8Array(), encryptedKey],
        ["an encrypted key a byte short", cek, encryptedKey.subarray(1)],
        ["an encrypted key a byte long", cek, new Uint8Array([0, ...encryptedKey])],
        ["an encrypted key not below the modulus", cek, new Uint8Array(256).fill(0xff)],
        ["no encrypted key", cek, new Uint8Array()],
      ];
      for (const [what, secret, wrapped] of refused) {
        assert.throws(() => hosted(secret, wrapped), { code: "ERR_INVALID_ARGUMENT", where: "host" }, what);
      }
      // A host step for an algorithm whose step no host makes, and an unknown payload kind.
      const aes = core.call("edgejwt_key_import_for", 1, 1, new Uint8Array(32), "A256KW").handle;
      assert.throws(() => core.call("edgejwt_encrypt_hosted", PayloadKind.bytes, 0, "", aes, JSON.stringify({ alg: "A256KW", enc: "A256GCM" }),
        plaintext, new Uint8Array(32), new Uint8Array()), { code: "ERR_INVALID_ARGUMENT", where: "host" });
      assert.throws(() => hosted(cek, encryptedKey, 7), { code: "ERR_INVALID_ARGUMENT", where: "payload_kind" });
      // The sync encryption's own checks come first, with their codes.
      assert.throws(() => hosted(cek, encryptedKey, PayloadKind.bytes, JSON.stringify({ alg: "RSA-OAEP-384", enc: "A192GCM", zip: "DEF" })),
        { code: "ERR_JOSE_NOT_SUPPORTED" });
    });

    it(`${build.name}: begin chooses p2s and p2c; a KEK of the alg's size over them, else ERR_INVALID_ARGUMENT (host)`, async () => {
      const core = await coreFor(build);
      const alg = "PBES2-HS384+A192KW";
      const key = core.call("edgejwt_key_import_for", 1, 1, PASSWORD, alg).handle;
      const begun = JSON.parse(core.call("edgejwt_encrypt_begin", key, JSON.stringify({ alg, enc: "A128GCM", kid: "p" })).output);
      assert.equal(begun.kid, "p");
      assert.equal(Buffer.from(begun.p2s, "base64url").length, 16);
      assert.equal(begun.p2c, 10_000);
      assert.equal(JSON.parse(core.call("edgejwt_encrypt_begin", key, JSON.stringify({ alg, enc: "A128GCM", p2c: 2048 })).output).p2c, 2048);
      const salt = Buffer.concat([Buffer.from(alg), Buffer.from([0]), Buffer.from(begun.p2s, "base64url")]);
      const kek = new Uint8Array(nodeCrypto.pbkdf2Sync(PASSWORD, salt, begun.p2c, 24, "sha384"));
      const hosted = (secret, headerJson = JSON.stringify(begun), wrapped = new Uint8Array()) =>
        core.call("edgejwt_encrypt_hosted", PayloadKind.bytes, 0, "", key, headerJson, plaintext, secret, wrapped).output;

      const token = hosted(kek);
      assert.deepEqual(headerOf(token).p2s, begun.p2s);
      assert.deepEqual(new Uint8Array((await jose.compactDecrypt(token, PASSWORD, { keyManagementAlgorithms: [alg] })).plaintext), plaintext);

      const refused = [
        ["a KEK a byte short", kek.subarray(1)],
        ["a KEK a byte long", new Uint8Array([...kek, 0])],
        ["no p2s in the header", kek, JSON.stringify({ alg, enc: "A128GCM", p2c: begun.p2c })],
        ["no p2c in the header", kek, JSON.stringify({ alg, enc: "A128GCM", p2s: begun.p2s })],
        ["an encrypted key beside the KEK", kek, JSON.stringify(begun), new Uint8Array(24)],
      ];
      for (const [what, ...args] of refused) {
        assert.throws(() => hosted(...args), { code: "ERR_INVALID_ARGUMENT", where: "host" }, what);
      }
      // begin refuses what the sync encryption refuses, with its code.
      const sync = (header) => outcome(() => core.call("edgejwt_compact_encrypt", key, header, plaintext));
      const begin = (header) => outcome(() => core.call("edgejwt_encrypt_begin", key, header));
      for (const header of [{ alg, enc: "A128GCM", p2c: 999 }, { alg, enc: "A128GCM", p2s: "AAAA" }, { alg, enc: "A128GCM", zip: "DEF" },
        { alg: "A128KW", enc: "A128GCM" }, { alg, enc: "A512GCM" }, { alg, enc: "A128GCM", p2c: 2_000_000 }]) {
        const expected = await sync(JSON.stringify(header));
        assert.ok(expected.error, JSON.stringify(header));
        assert.deepEqual(await begin(JSON.stringify(header)), expected, JSON.stringify(header));
      }
    });
  }
});
