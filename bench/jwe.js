// npm run bench:jwe: decrypting and encrypting JWE in edgejwt (both builds) beside jose, in one Node
// process, in microseconds per operation. Every token decrypted is made by jose, so both libraries
// decrypt the same bytes; every encryption is to the same recipient key.
// edgejwt rows: "sync" is compactDecrypt / decrypt / decryptAndVerify (compactEncrypt / encrypt /
// signAndEncrypt), every primitive in Wasm; "async (host)" is the async variant with the costly key
// management step on the host (decrypting: ECDH-ES's agreement, RSA-OAEP's decryption, PBES2's
// PBKDF2; encrypting: ECDH-ES's ephemeral key and agreement, RSA-OAEP's CEK encryption, PBES2's
// PBKDF2; node:crypto here, as init() picks it;
// "async (webcrypto)" from an API per build on WebCrypto). AES key wrapping and "dir" have no host
// step: their async rows are the sync operation. "where the time goes" rows split a nested token's
// cost: the inner ES256 verify (sign) alone, and "dir" (no key management) beside ECDH-ES (the
// agreement) and ECDH-ES+A256KW (agreement + wrap or unwrap).
// Timed in this process's CPU time (cpuClock), interleaved rounds, medians; measured, never asserted.
// Environment: BENCH_ROUNDS (default 5), BENCH_MS per case per round (default 200), BENCH_JWE
// ("decrypt" or "encrypt": those rows only; default both).
import { loadavg } from "node:os";
import * as jose from "jose";

import { createApi } from "../js/api.js";
import { loadEmscriptenJweEngine } from "../js/engines/emscripten-jwe.js";
import { loadWasiJweEngine } from "../js/engines/wasi-jwe.js";
import { benchSettings, claimsAt, cpuClock, measure, summarize, writeArtifact } from "./common.js";

const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();
const CLAIMS = claimsAt(Math.floor(Date.now() / 1000));
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// A scenario: a jose-made token, and how each library decrypts it.
async function scenarios() {
  const made = [];
  const claims = encoder.encode(JSON.stringify(CLAIMS));
  const signer = await jose.generateKeyPair("ES256", { extractable: true });
  const jws = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", typ: "JWT" }).sign(signer.privateKey);
  const jwsPublic = await jose.exportJWK(signer.publicKey);

  const pair = async (alg, options = {}) => {
    const { privateKey, publicKey } = await jose.generateKeyPair(alg, { extractable: true, ...options });
    return { privateKey, publicKey, jwk: await jose.exportJWK(privateKey) };
  };
  const p256 = await pair("ECDH-ES+A256KW");
  const x25519 = await pair("ECDH-ES+A256KW", { crv: "X25519" });
  const p384 = await pair("ECDH-ES+A256KW", { crv: "P-384" });
  const rsa = Object.fromEntries(await Promise.all(["RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512"]
    .map(async (alg) => [alg, await pair(alg)])));
  const aes256 = crypto.getRandomValues(new Uint8Array(32));
  const password = encoder.encode("correct horse battery staple");

  const compact = async (alg, enc, key, plaintext = claims, configure = (b) => b) =>
    configure(new jose.CompactEncrypt(plaintext).setProtectedHeader({ alg, enc })).encrypt(key);

  // Nested: ES256 inside ECDH-ES+A256KW/A256GCM on P-256 (the benchmark row).
  const nested = await new jose.CompactEncrypt(encoder.encode(jws))
    .setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT" }).encrypt(p256.publicKey);
  made.push({
    name: "nested ES256 in ECDH-ES+A256KW/A256GCM P-256", kind: "nested", token: nested, jwk: p256.jwk, alg: "ECDH-ES+A256KW",
    verifyJwk: jwsPublic,
    jose: async () => {
      const { plaintext } = await jose.compactDecrypt(nested, p256.privateKey);
      return jose.jwtVerify(decoder.decode(plaintext), signer.publicKey);
    },
  });
  const encryptedJwt = await new jose.EncryptJWT(CLAIMS).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" })
    .encrypt(p256.publicKey);
  made.push({
    name: "JWT in ECDH-ES+A256KW/A256GCM P-256", kind: "jwt", token: encryptedJwt, jwk: p256.jwk, alg: "ECDH-ES+A256KW",
    jose: () => jose.jwtDecrypt(encryptedJwt, p256.privateKey),
  });
  for (const [name, alg, enc, recipient, keyOf] of [
    ["ECDH-ES+A256KW/A256GCM P-256", "ECDH-ES+A256KW", "A256GCM", p256, "jwk"],
    ["ECDH-ES/A256GCM P-256", "ECDH-ES", "A256GCM", p256, "jwk"],
    ["ECDH-ES+A256KW/A256GCM P-384", "ECDH-ES+A256KW", "A256GCM", p384, "jwk"],
    ["ECDH-ES+A256KW/A256GCM X25519", "ECDH-ES+A256KW", "A256GCM", x25519, "jwk"],
    ...Object.entries(rsa).map(([alg, recipient]) => [`${alg}/A256GCM 2048`, alg, "A256GCM", recipient, "jwk"]),
  ]) {
    const token = await compact(alg, enc, recipient.publicKey);
    made.push({ name, kind: "bytes", token, jwk: recipient[keyOf], alg, jose: () => jose.compactDecrypt(token, recipient.privateKey) });
  }
  const kw = await compact("A256KW", "A256GCM", aes256);
  made.push({ name: "A256KW/A256GCM", kind: "bytes", token: kw, raw: aes256, jose: () => jose.compactDecrypt(kw, aes256) });
  const dir = await compact("dir", "A256GCM", aes256);
  made.push({ name: "dir/A256GCM", kind: "bytes", token: dir, raw: aes256, jose: () => jose.compactDecrypt(dir, aes256) });
  for (const [alg, enc] of [["PBES2-HS256+A128KW", "A128GCM"], ["PBES2-HS384+A192KW", "A192GCM"], ["PBES2-HS512+A256KW", "A256GCM"]]) {
    const token = await compact(alg, enc, password, claims, (b) => b.setKeyManagementParameters({ p2c: 2048 }));
    const options = { keyManagementAlgorithms: [alg] };
    made.push({
      name: `${alg}/${enc} p2c 2048`, kind: "bytes", token, raw: password, options,
      jose: () => jose.compactDecrypt(token, password, options),
    });
  }
  made.push({ name: "inner ES256 verify alone", kind: "verify", token: jws, verifyJwk: jwsPublic,
    jose: () => jose.jwtVerify(jws, signer.publicKey) });
  return made;
}

// Encryptions: each library encrypts the same claims to the same recipient (jose's public key, or
// the same raw bytes); the nested row mirrors the decrypt side's (ES256 inside ECDH-ES+A256KW/A256GCM).
async function encryptionScenarios() {
  const made = [];
  const claims = encoder.encode(JSON.stringify(CLAIMS));
  const signer = await jose.generateKeyPair("ES256", { extractable: true });
  const signingJwk = await jose.exportJWK(signer.privateKey);
  const recipientOf = async (alg, options = {}) => {
    const { publicKey } = await jose.generateKeyPair(alg, { extractable: true, ...options });
    return { publicKey, jwk: await jose.exportJWK(publicKey) };
  };
  const p256 = await recipientOf("ECDH-ES+A256KW");
  const p384 = await recipientOf("ECDH-ES+A256KW", { crv: "P-384" });
  const p521 = await recipientOf("ECDH-ES+A256KW", { crv: "P-521" });
  const x25519 = await recipientOf("ECDH-ES+A256KW", { crv: "X25519" });
  const rsa = await recipientOf("RSA-OAEP-256");
  const rsaSha1 = await recipientOf("RSA-OAEP");
  const aes256 = crypto.getRandomValues(new Uint8Array(32));
  const password = encoder.encode("correct horse battery staple");

  const nestedOptions = { alg: "ECDH-ES+A256KW", enc: "A256GCM", signing: { alg: "ES256" } };
  made.push({
    name: "encrypt: nested ES256 in ECDH-ES+A256KW/A256GCM P-256", kind: "encrypt-nested", jwk: p256.jwk, alg: "ECDH-ES+A256KW",
    signingJwk, options: nestedOptions,
    jose: async () => {
      const jws = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", typ: "JWT" }).sign(signer.privateKey);
      return new jose.CompactEncrypt(encoder.encode(jws)).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM", cty: "JWT" })
        .encrypt(p256.publicKey);
    },
  });
  made.push({
    name: "encrypt: JWT in ECDH-ES+A256KW/A256GCM P-256", kind: "encrypt-jwt", jwk: p256.jwk, alg: "ECDH-ES+A256KW",
    options: { alg: "ECDH-ES+A256KW", enc: "A256GCM" },
    jose: () => new jose.EncryptJWT(CLAIMS).setProtectedHeader({ alg: "ECDH-ES+A256KW", enc: "A256GCM" }).encrypt(p256.publicKey),
  });
  for (const [name, alg, enc, recipient, extra = {}] of [
    ["ECDH-ES+A256KW/A256GCM P-256", "ECDH-ES+A256KW", "A256GCM", p256],
    ["ECDH-ES/A256GCM P-256", "ECDH-ES", "A256GCM", p256],
    ["ECDH-ES+A256KW/A256GCM P-384", "ECDH-ES+A256KW", "A256GCM", p384],
    ["ECDH-ES+A256KW/A256GCM P-521", "ECDH-ES+A256KW", "A256GCM", p521],
    ["ECDH-ES+A256KW/A256GCM X25519", "ECDH-ES+A256KW", "A256GCM", x25519],
    ["RSA-OAEP-256/A256GCM 2048", "RSA-OAEP-256", "A256GCM", rsa],
    ["RSA-OAEP/A256GCM 2048", "RSA-OAEP", "A256GCM", rsaSha1],
    ["A256KW/A256GCM", "A256KW", "A256GCM", { raw: aes256 }],
    ["dir/A256GCM", "dir", "A256GCM", { raw: aes256 }],
    ["PBES2-HS256+A128KW/A128GCM p2c 2048", "PBES2-HS256+A128KW", "A128GCM", { raw: password }, { p2c: 2048 }],
    ["PBES2-HS512+A256KW/A256GCM, each library's default p2c (edgejwt 10000, jose 2048)", "PBES2-HS512+A256KW", "A256GCM", { raw: password }],
  ]) {
    const joseKey = recipient.raw ?? recipient.publicKey;
    made.push({
      name: `encrypt: ${name}`, kind: "encrypt-bytes", jwk: recipient.jwk, raw: recipient.raw, alg, claims,
      options: { alg, enc, ...(extra.p2c ? { header: { p2c: extra.p2c } } : {}) },
      jose: () => {
        const builder = new jose.CompactEncrypt(claims).setProtectedHeader({ alg, enc });
        if (extra.p2c) builder.setKeyManagementParameters({ p2c: extra.p2c });
        return builder.encrypt(joseKey);
      },
    });
  }
  made.push({
    name: "encrypt: inner ES256 sign alone", kind: "sign", signingJwk,
    jose: () => new jose.SignJWT(CLAIMS).setProtectedHeader({ alg: "ES256", typ: "JWT" }).sign(signer.privateKey),
  });
  return made;
}

// The edgejwt cases of one scenario on one API: sync, and the async variant where the API has it.
function edgejwtCases(label, api, scenario, { sync = true, async = true } = {}) {
  const key = scenario.raw ?? (scenario.jwk && api.importJWK(scenario.jwk, scenario.alg));
  const verifying = scenario.verifyJwk && api.importJWK(scenario.verifyJwk, "ES256");
  const signing = scenario.signingJwk && api.importJWK(scenario.signingJwk, "ES256");
  const options = scenario.options ?? {};
  const { token, claims } = scenario;
  if (scenario.kind === "verify") {
    return sync ? { [`${label} verify (wasm)`]: () => api.verify(token, verifying, { hostCrypto: false }) } : {};
  }
  if (scenario.kind === "sign") return sync ? { [`${label} sign (wasm)`]: () => api.sign(CLAIMS, signing, { alg: "ES256" }) } : {};
  const [syncFn, asyncFn] = {
    bytes: [() => api.compactDecrypt(token, key, options), () => api.compactDecryptAsync(token, key, options)],
    jwt: [() => api.decrypt(token, key, options), () => api.decryptAsync(token, key, options)],
    nested: [() => api.decryptAndVerify(token, key, verifying, options), () => api.decryptAndVerifyAsync(token, key, verifying, options)],
    "encrypt-bytes": [() => api.compactEncrypt(claims, key, options), () => api.compactEncryptAsync(claims, key, options)],
    "encrypt-jwt": [() => api.encrypt(CLAIMS, key, options), () => api.encryptAsync(CLAIMS, key, options)],
    "encrypt-nested": [() => api.signAndEncrypt(CLAIMS, signing, key, options), () => api.signAndEncryptAsync(CLAIMS, signing, key, options)],
  }[scenario.kind];
  const cases = {};
  if (sync) cases[`${label} sync`] = syncFn;
  if (async && typeof api.compactDecryptAsync === "function") cases[`${label} async (${api.hostName ?? "host"})`] = asyncFn;
  return cases;
}

async function main() {
  const apis = {
    "edgejwt emscripten": createApi(loadEmscriptenJweEngine),
    "edgejwt wasi": createApi(loadWasiJweEngine),
    "edgejwt emscripten webcrypto": createApi(loadEmscriptenJweEngine),
    "edgejwt wasi webcrypto": createApi(loadWasiJweEngine),
  };
  await apis["edgejwt emscripten"].init();
  await apis["edgejwt wasi"].init();
  await apis["edgejwt emscripten webcrypto"].init({ hostCrypto: "webcrypto" });
  await apis["edgejwt wasi webcrypto"].init({ hostCrypto: "webcrypto" });
  apis["edgejwt emscripten"].hostName = "node:crypto";
  apis["edgejwt wasi"].hostName = "node:crypto";
  apis["edgejwt emscripten webcrypto"].hostName = "webcrypto";
  apis["edgejwt wasi webcrypto"].hostName = "webcrypto";

  const cases = [];
  const which = process.env.BENCH_JWE;
  const chosen = [...(which === "encrypt" ? [] : await scenarios()), ...(which === "decrypt" ? [] : await encryptionScenarios())];
  for (const scenario of chosen) {
    const add = (name, fn) => cases.push({ alg: scenario.name, name, fn, samples: [] });
    for (const [name, fn] of Object.entries(edgejwtCases("edgejwt emscripten", apis["edgejwt emscripten"], scenario))) add(name, fn);
    for (const [name, fn] of Object.entries(edgejwtCases("edgejwt wasi", apis["edgejwt wasi"], scenario))) add(name, fn);
    for (const build of ["emscripten", "wasi"]) {
      for (const [name, fn] of Object.entries(edgejwtCases(`edgejwt ${build}`, apis[`edgejwt ${build} webcrypto`], scenario, { sync: false }))) {
        add(name, fn);
      }
    }
    add("jose", scenario.jose);
  }
  for (const entry of cases) await entry.fn(); // each case works before any is timed

  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of cases) entry.samples.push(await measure(entry.fn, CASE_MS, undefined, cpuClock));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  const results = summarize(cases);
  const us = (ops) => (1e6 / ops).toFixed(ops > 1e5 ? 1 : 0);
  const rows = results.map((r) => {
    const joseRow = results.find((other) => other.alg === r.alg && other.name === "jose");
    const ratio = r.name === "jose" ? "" : `${(r.median / joseRow.median).toFixed(2)}×`;
    return `| ${r.alg} | ${r.name} | ${us(r.median)} | ${us(r.max)}–${us(r.min)} | ${ratio} |`;
  });
  console.log(`edgejwt JWE benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ROUNDS} rounds × ${CASE_MS} ms ` +
    `of CPU time, load average ${loadavg().map((load) => load.toFixed(1)).join(" ")}\n`);
  console.log(`| token | case | µs/op (median) | spread | speed vs jose |\n|---|---|---|---|---|\n${rows.join("\n")}`);
  const out = await writeArtifact("bench-jwe.json", {
    date: new Date().toISOString(), node: process.version, rounds: ROUNDS, caseMs: CASE_MS, clock: "cpu", loadAverage: loadavg(), results,
  });
  console.log(`\nJSON: ${out}`);
}

await main();
