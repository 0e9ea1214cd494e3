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
// Runs while the host agrees (node:crypto's diffieHellman, WebCrypto's ECDH deriveBits), when set.
let onAgreement = null;
function watchAgreements() {
  nodeCrypto.diffieHellman = function (...args) {
    onAgreement?.();
    return originals.diffieHellman.apply(this, args);
  };
  SubtleCrypto.prototype.deriveBits = function (...args) {
    if (args[0]?.name === "ECDH") onAgreement?.();
    return originals.deriveBits.apply(this, args);
  };
}
function restoreHost() {
  Object.assign(nodeCrypto, { diffieHellman: originals.diffieHellman, pbkdf2: originals.pbkdf2 });
  SubtleCrypto.prototype.deriveBits = originals.deriveBits;
  watchAgreements();
}
before(watchAgreements);
after(() => {
  restoreHost();
  Object.assign(nodeCrypto, { diffieHellman: originals.diffieHellman });
  SubtleCrypto.prototype.deriveBits = originals.deriveBits;
});

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

      it("an allowlist the caller changes while the host works: the list as it was first read", async () => {
        const algorithms = ["PS256"];
        const expected = await outcome(() => api.decryptAndVerify(nestedToken, ecdh.key, verifier, { algorithms: ["PS256"] }));
        assert.equal(expected.error?.code, "ERR_JOSE_ALG_NOT_ALLOWED");
        let changed = 0;
        onAgreement = () => {
          algorithms.push("ES256");
          changed++;
        };
        try {
          assert.deepEqual(await outcome(() => api.decryptAndVerifyAsync(nestedToken, ecdh.key, verifier, { algorithms })), expected);
        } finally {
          onAgreement = null;
        }
        assert.equal(changed, 1, "the host agreed once, and the list changed meanwhile");
        stillUsable();
      });

      it("hostile arguments: the sync call's error, and the instance answers afterwards", async () => {
        const throwing = new Proxy({}, { get() { throw new Error("a hostile proxy"); }, has() { throw new Error("a hostile proxy"); } });
        const getterThrows = Object.defineProperty({}, "alg", { enumerable: true, get() { throw new Error("a hostile getter"); } });
        const huge = "a".repeat(8 * 1024 * 1024);
        const hostile = [42, -0, Number.NaN, 2n ** 64n, throwing, getterThrows, huge, `${huge}.${huge}.a.b.c`, null, [], () => {}, Symbol("x")];
        const options = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
        const pairs = [
          ["compactEncrypt", (p, k, o) => api.compactEncrypt(p, k, o), (p, k, o) => api.compactEncryptAsync(p, k, o), [plaintext, ecdh.public, options]],
          ["encrypt", (p, k, o) => api.encrypt(p, k, o), (p, k, o) => api.encryptAsync(p, k, o), [{ sub: "u1" }, ecdh.public, options]],
          ["signAndEncrypt", (p, s, k, o) => api.signAndEncrypt(p, s, k, o), (p, s, k, o) => api.signAndEncryptAsync(p, s, k, o),
            [{ sub: "u1" }, signer, ecdh.public, { ...options, signing: { alg: "ES256" } }]],
          ["compactDecrypt", (t, k, o) => api.compactDecrypt(t, k, o), (t, k, o) => api.compactDecryptAsync(t, k, o), [ecdhToken, ecdh.key, {}]],
          ["decrypt", (t, k, o) => api.decrypt(t, k, o), (t, k, o) => api.decryptAsync(t, k, o), [jwtToken, ecdh.key, {}]],
          ["decryptAndVerify", (t, d, v, o) => api.decryptAndVerify(t, d, v, o), (t, d, v, o) => api.decryptAndVerifyAsync(t, d, v, o),
            [nestedToken, ecdh.key, verifier, {}]],
          ["decryptAndVerify with a key set", (t, d, v, o) => api.decryptAndVerify(t, d, v, o), (t, d, v, o) => api.decryptAndVerifyAsync(t, d, v, o),
            [nestedToken, ecdh.key, api.createLocalJWKSet({ keys: [{ ...api.exportJWK(verifier), kid: "v" }] }), {}]],
        ];
        const differences = [];
        for (const [name, sync, async, good] of pairs) {
          for (let position = 0; position < good.length; position++) {
            for (const value of hostile) {
              const args = good.with(position, value);
              const label = `${name} argument ${position}: ${typeof value === "string" ? `string of ${value.length}` : String(typeof value)}`;
              const expected = await outcome(() => sync(...args));
              const got = await outcome(() => async(...args));
              if (!isDeepStrictEqual(got.error ?? "a result", expected.error ?? "a result")) differences.push({ label, got, expected });
            }
          }
          stillUsable();
        }
        assert.deepEqual(differences, []);
      });

      // node:crypto's diffieHellman (node) or WebCrypto's deriveBits (webcrypto) answering for the host.
      const agreeing = (answer) => {
        if (hostCrypto === "node") {
          nodeCrypto.diffieHellman = (...args) => answer(() => originals.diffieHellman.apply(nodeCrypto, args));
        } else {
          SubtleCrypto.prototype.deriveBits = function (...args) {
            if (args[0]?.name !== "ECDH") return originals.deriveBits.apply(this, args);
            return answer(() => originals.deriveBits.apply(this, args));
          };
        }
      };

      it("a host that answers Z of the wrong size, a changed Z, or fails: never a plaintext but the right one", async () => {
        const right = api.compactDecrypt(ecdhToken, ecdh.key);
        const resize = (z, size) => {
          const out = new Uint8Array(size);
          out.set(z.subarray(0, Math.min(size, z.length)));
          return out;
        };
        // Each takes the right Z and answers in its place (or throws).
        const faults = [
          ["a byte short", (z) => resize(z, z.length - 1)],
          ["a byte over", (z) => resize(z, z.length + 1)],
          ["empty", () => new Uint8Array(0)],
          ["all zero", (z) => new Uint8Array(z.length)],
          ["a bit changed", (z) => {
            z[0] ^= 1;
            return z;
          }],
          ["a throw", () => { throw new Error("host failure"); }],
          ["not bytes", () => "not bytes"],
          ["a number", () => 32],
        ];
        const TRUSTED = new Set(["all zero", "a bit changed"]);
        const answered = (bytes) => (bytes instanceof Uint8Array ? (hostCrypto === "node" ? Buffer.from(bytes) : bytes.buffer) : bytes);
        for (const [name, fault] of faults) {
          if (hostCrypto === "node") {
            nodeCrypto.diffieHellman = (...args) => answered(fault(new Uint8Array(originals.diffieHellman.apply(nodeCrypto, args))));
          } else {
            SubtleCrypto.prototype.deriveBits = async function (...args) {
              const bits = await originals.deriveBits.apply(this, args);
              return args[0]?.name === "ECDH" ? answered(fault(new Uint8Array(bits))) : bits;
            };
          }
          try {
            const got = await outcome(() => api.compactDecryptAsync(ecdhToken, ecdh.key));
            if (got.result) assert.deepEqual(got.result, right, name);
            else assert.equal(got.error.code, "ERR_JWE_DECRYPTION_FAILED", `${name}: ${JSON.stringify(got.error)}`);
            // The producer's side: what encryptAsync makes with such a host decrypts, or nothing is made.
            const made = await outcome(() => api.compactEncryptAsync(plaintext, ecdh.public, { alg: "ECDH-ES+A256KW", enc: "A256GCM" }));
            assert.ok(made.result, `${name}: the sync encryption answers when the host's is refused`);
            restoreHost();
            const decrypted = await outcome(() => api.compactDecrypt(made.result, ecdh.key));
            if (TRUSTED.has(name)) {
              // Z of the right size but not the agreement of the "epk" the host wrote: nothing can
              // tell without the ephemeral private key, which the host keeps (threat-model.md: the
              // host is trusted for that one multiplication). The token then decrypts to nothing.
              assert.equal(decrypted.error?.code, "ERR_JWE_DECRYPTION_FAILED", `${name}: encrypted`);
            } else {
              assert.deepEqual(decrypted.result?.plaintext, plaintext, `${name}: encrypted, ${JSON.stringify(decrypted.error)}`);
            }
          } finally {
            restoreHost();
          }
        }
        stillUsable();
      });

      it("a host that hangs holds only its own call: the instance answers meanwhile, and the call ends when the host does", async () => {
        let release, asked;
        const askedOnce = new Promise((resolve) => { asked = resolve; });
        const token = hostCrypto === "node" ? pbes2Token : ecdhToken;
        const key = hostCrypto === "node" ? password : ecdh.key;
        const options = hostCrypto === "node" ? { keyManagementAlgorithms: ["PBES2-HS256+A128KW"] } : {};
        if (hostCrypto === "node") {
          // node:crypto's one asynchronous step: PBKDF2 on libuv's pool.
          nodeCrypto.pbkdf2 = (...args) => {
            const callback = args.pop();
            release = () => originals.pbkdf2.call(nodeCrypto, ...args, callback);
            asked();
          };
        } else {
          agreeing((z) => new Promise((resolve) => {
            release = () => resolve(z());
            asked();
          }));
        }
        let settled = false;
        const pending = outcome(() => api.compactDecryptAsync(token, key, options)).finally(() => { settled = true; });
        try {
          await askedOnce;
          // Meanwhile: other calls, sync and async, on the same instance.
          stillUsable();
          assert.deepEqual(api.compactDecrypt(ecdhToken, ecdh.key).plaintext, plaintext);
          await new Promise((resolve) => setImmediate(resolve));
          assert.equal(settled, false, "the call waits for its host");
        } finally {
          restoreHost();
          release();
        }
        const got = await pending;
        assert.deepEqual(got, await outcome(() => api.compactDecrypt(token, key, options)));
        stillUsable();
      });
    });
  }
}
