// The JS boundary of the async JWE exports (compactEncryptAsync, encryptAsync, signAndEncryptAsync,
// compactDecryptAsync, decryptAsync, decryptAndVerifyAsync), attacked as a caller or a broken host
// can, on every build with node:crypto and WebCrypto as the host:
//   - options that change between the two phases (a getter that answers one thing on its first
//     read and another later): the call answers as the sync call does with what was read first,
//     never with laxer options than those its first phase checked;
//   - hostile arguments (numbers, proxies, getters that throw, huge strings): the same error as the
//     sync call, and the instance answers a verify afterwards;
//   - a host that answers the wrong size, rejects or hangs: never a plaintext but the right one, the
//     sync error otherwise; a hanging host holds only its own call (no timer: threat-model.md), and
//     the instance keeps answering meanwhile.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { isDeepStrictEqual } from "node:util";
import * as jose from "jose";

import { createApi } from "../../js/api.js";
import { jweBuilds as builds } from "../support/builds.js";

const encoder = new TextEncoder();
const plaintext = encoder.encode("what only the recipient reads");
const ISSUER = "https://issuer.example";

// The outcome of a call, sync or async, as something to compare: the result, or the error's shape.
async function outcome(call) {
  try {
    return { result: await call() };
  } catch (error) {
    return { error: { name: error.name, code: error.code, status: error.status, detail: error.detail, where: error.where } };
  }
}

// Options whose members answer `first` on their first read and `later` on every read after it.
function shifting(first, later) {
  const options = {};
  for (const name of Object.keys(first)) {
    let reads = 0;
    Object.defineProperty(options, name, { enumerable: true, get: () => (reads++ === 0 ? first[name] : later[name]) });
  }
  return options;
}

// WebCrypto's and node:crypto's primitives the host steps call, replaced for one test at a time.
const nodeCrypto = process.getBuiltinModule("node:crypto");
const originals = {
  diffieHellman: nodeCrypto.diffieHellman, pbkdf2: nodeCrypto.pbkdf2, deriveBits: SubtleCrypto.prototype.deriveBits,
};
function restoreHost() {
  Object.assign(nodeCrypto, { diffieHellman: originals.diffieHellman, pbkdf2: originals.pbkdf2 });
  SubtleCrypto.prototype.deriveBits = originals.deriveBits;
}
after(restoreHost);

const HOSTS = [["node:crypto", "node"], ["webcrypto", "webcrypto"]];

for (const build of builds) {
  for (const [hostName, hostCrypto] of HOSTS) {
    describe(`the async JWE exports' boundary on ${build.name}, ${hostName}`, () => {
      let api, ecdh, ecdhToken, signer, verifier, nestedToken, jwtToken, pbes2Token;
      const password = encoder.encode("correct horse battery staple");
      before(async () => {
        api = createApi(build.load);
        await api.init({ ...build.options, hostCrypto });
        const pair = await jose.generateKeyPair("ECDH-ES+A256KW", { extractable: true, crv: "P-256" });
        ecdh = { publicJwk: await jose.exportJWK(pair.publicKey), privateJwk: await jose.exportJWK(pair.privateKey) };
        ecdh.key = api.importJWK(ecdh.privateJwk, "ECDH-ES+A256KW");
        ecdh.public = api.importJWK(ecdh.publicJwk, "ECDH-ES+A256KW");
        ecdhToken = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" })
          .encrypt(pair.publicKey);
        jwtToken = await new jose.EncryptJWT({ sub: "u1" }).setIssuer("https://someone-else.example").setExpirationTime("5m")
          .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" }).encrypt(pair.publicKey);
        const signing = api.generateKeyPair("ES256");
        signer = signing.privateKey;
        verifier = signing.publicKey;
        nestedToken = api.signAndEncrypt({ sub: "u1" }, signer, ecdh.public,
          { alg: "ECDH-ES+A256KW", enc: "A256GCM", issuer: "https://someone-else.example", expiresIn: "5m", signing: { alg: "ES256" } });
        pbes2Token = await new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg: "PBES2-HS256+A128KW", enc: "A128GCM" })
          .setKeyManagementParameters({ p2c: 5000 }).encrypt(password);
      });
      after(restoreHost);

      // A verify afterwards: the instance is usable.
      const stillUsable = () => {
        const { privateKey, publicKey } = api.generateKeyPair("ES256");
        assert.equal(api.verify(api.sign({ sub: "after" }, privateKey, { alg: "ES256" }), publicKey).payload.sub, "after");
      };

      it("options that change between the phases: the answer of the first reading, never of a laxer later one", async () => {
        const cases = [
          ["compactDecryptAsync, keyManagementAlgorithms", { keyManagementAlgorithms: ["RSA-OAEP-256"] }, { keyManagementAlgorithms: ["ECDH-ES+A256KW"] },
            (options) => api.compactDecrypt(ecdhToken, ecdh.key, options), (options) => api.compactDecryptAsync(ecdhToken, ecdh.key, options)],
          ["compactDecryptAsync, contentEncryptionAlgorithms", { contentEncryptionAlgorithms: ["A128GCM"] }, { contentEncryptionAlgorithms: ["A256GCM"] },
            (options) => api.compactDecrypt(ecdhToken, ecdh.key, options), (options) => api.compactDecryptAsync(ecdhToken, ecdh.key, options)],
          ["compactDecryptAsync, maxPBES2Count", { keyManagementAlgorithms: ["PBES2-HS256+A128KW"], maxPBES2Count: 1000 },
            { keyManagementAlgorithms: ["PBES2-HS256+A128KW"], maxPBES2Count: 10_000 },
            (options) => api.compactDecrypt(pbes2Token, password, options), (options) => api.compactDecryptAsync(pbes2Token, password, options)],
          ["decryptAsync, issuer", { issuer: ISSUER }, { issuer: undefined },
            (options) => api.decrypt(jwtToken, ecdh.key, options), (options) => api.decryptAsync(jwtToken, ecdh.key, options)],
          ["decryptAndVerifyAsync, issuer", { issuer: ISSUER }, { issuer: undefined },
            (options) => api.decryptAndVerify(nestedToken, ecdh.key, verifier, options),
            (options) => api.decryptAndVerifyAsync(nestedToken, ecdh.key, verifier, options)],
          ["decryptAndVerifyAsync, algorithms", { algorithms: ["PS256"] }, { algorithms: ["ES256"] },
            (options) => api.decryptAndVerify(nestedToken, ecdh.key, verifier, options),
            (options) => api.decryptAndVerifyAsync(nestedToken, ecdh.key, verifier, options)],
        ];
        const failures = [];
        for (const [name, strict, lax, sync, async] of cases) {
          const expected = await outcome(() => sync(strict));
          assert.ok(expected.error, `${name}: the strict options refuse`);
          assert.ok((await outcome(() => sync(lax))).result, `${name}: the lax options accept`);
          if (!isDeepStrictEqual(await outcome(() => async(shifting(strict, lax))), expected)) failures.push(name);
          // And the other way: what was read first is what answers.
          if (!isDeepStrictEqual(await outcome(() => async(shifting(lax, strict))), await outcome(() => sync(lax)))) failures.push(`${name}, lax first`);
        }
        assert.deepEqual(failures, []);
        stillUsable();
      });
    });
  }
}
