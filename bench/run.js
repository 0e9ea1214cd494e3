// npm run bench: edgejwt (Emscripten and WASI builds) beside jose, fast-jwt (with and without its
// cache) and jsonwebtoken, in one Node process. Cases run in interleaved rounds so that drift in
// the machine's speed touches every library alike; the table shows each case's median ops/s, the
// spread (min-max) across rounds, and for verify rows the ratio to fast-jwt's verify (cached rows:
// to fast-jwt's cached verify). Timed in this process's CPU time (its threads included, so jose's
// WebCrypto work counts too): on a shared machine, the time other processes take is not counted
// against a case. Measured, never asserted.
// edgejwt verifies asymmetric tokens twice: "host" (the primitive on node:crypto, the default
// under Node) and "wasm" ({ hostCrypto: false }); "cached" goes through a VerifiedTokenCache; HS256's
// "raw secret" passes the secret's Uint8Array where the other rows pass an imported Key. The nested
// JWE row (web-cases.js, NESTED_JWE: decryptAndVerify of ES256 inside ECDH-ES+A256KW/A256GCM) has
// its ratio to jose's compactDecrypt + jwtVerify: fast-jwt has no JWE.
// Environment: BENCH_ROUNDS (default 5), BENCH_MS per case per round (default 200).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { gzipSync } from "node:zlib";
import { createSecretKey } from "node:crypto";
import * as jose from "jose";
import { createSigner, createVerifier, createDecoder } from "fast-jwt";
import jsonwebtoken from "jsonwebtoken";

import { createApi } from "../js/api.js";
import { loadEmscriptenEngine } from "../js/engines/emscripten.js";
import { loadWasiEngine } from "../js/engines/wasi.js";
import { loadEmscriptenJweEngine } from "../js/engines/emscripten-jwe.js";
import { loadWasiJweEngine } from "../js/engines/wasi-jwe.js";
import { VerifiedTokenCache } from "../js/cache/verified-tokens.js";
import { freshKeyPair } from "../tests/support/keys.js";
import { NESTED_JWE, nestedJweCases } from "./web-cases.js";
import { ALGORITHMS, benchSettings, claimsAt, cpuClock, measure, summarize, markdownTable, verdict, writeArtifact } from "./common.js";

const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();

const CLAIMS = claimsAt(Math.floor(Date.now() / 1000));

function keysFor(alg) {
  if (alg === "HS256") {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    return { secret, privatePem: Buffer.from(secret), publicPem: Buffer.from(secret), privateKey: createSecretKey(secret), publicKey: createSecretKey(secret) };
  }
  const [type, options] = alg.startsWith("RS") || alg.startsWith("PS") ? ["rsa", { modulusLength: 2048 }]
    : alg === "EdDSA" ? ["ed25519", {}] : ["ec", { namedCurve: alg === "ES256" ? "P-256" : "P-384" }];
  const { publicKey, privateKey } = freshKeyPair(type, options); // from PEM: see tests/support/keys.js
  return {
    publicKey, privateKey,
    publicPem: publicKey.export({ format: "pem", type: "spki" }),
    privatePem: privateKey.export({ format: "pem", type: "pkcs8" }),
    publicJwk: publicKey.export({ format: "jwk" }), privateJwk: privateKey.export({ format: "jwk" }),
  };
}

// Each library's cases for one algorithm: name -> function (sync, or async for jose).
function casesFor(alg, keys, token, edgejwt) {
  const cases = {};
  for (const [name, api] of Object.entries(edgejwt)) {
    const signer = keys.secret ? api.importJWK({ kty: "oct", k: Buffer.from(keys.secret).toString("base64url") }) : api.importJWK(keys.privateJwk);
    const verifier = keys.secret ? signer : api.importJWK(keys.publicJwk);
    const options = { algorithms: [alg] };
    const wasmOnly = { ...options, hostCrypto: false };
    const cached = { ...options, cache: new VerifiedTokenCache() };
    if (keys.secret) {
      cases[`${name} verify`] = () => api.verify(token, verifier, options); // HMAC is always Wasm's
      // The secret as jose users pass it: the same Uint8Array on every call (issue 16, target 1).
      cases[`${name} verify (raw secret)`] = () => api.verify(token, keys.secret, options);
    } else {
      cases[`${name} verify (host)`] = () => api.verify(token, verifier, options);
      cases[`${name} verify (wasm)`] = () => api.verify(token, verifier, wasmOnly);
    }
    cases[`${name} verify (cached)`] = () => api.verify(token, verifier, cached);
    cases[`${name} sign`] = () => api.sign(CLAIMS, signer, { alg });
  }
  const fastVerify = createVerifier({ key: keys.publicPem, algorithms: [alg] });
  const fastVerifyCached = createVerifier({ key: keys.publicPem, algorithms: [alg], cache: true });
  const fastSign = createSigner({ key: keys.privatePem, algorithm: alg });
  cases["fast-jwt verify"] = () => fastVerify(token);
  cases["fast-jwt (cache) verify"] = () => fastVerifyCached(token);
  cases["fast-jwt sign"] = () => fastSign(CLAIMS);
  cases["jose verify"] = () => jose.jwtVerify(token, keys.publicKey, { algorithms: [alg] });
  cases["jose sign"] = () => new jose.SignJWT(CLAIMS).setProtectedHeader({ alg }).sign(keys.privateKey);
  if (alg !== "EdDSA") { // jsonwebtoken has no EdDSA
    cases["jsonwebtoken verify"] = () => jsonwebtoken.verify(token, keys.publicPem, { algorithms: [alg] });
    cases["jsonwebtoken sign"] = () => jsonwebtoken.sign(CLAIMS, keys.privatePem, { algorithm: alg });
  }
  return cases;
}

// A verify row's median over fast-jwt's for the same algorithm: its cached verify for cached rows.
function ratioToFastJwt({ alg, name, median: ops }, results) {
  if (alg === NESTED_JWE) {
    const jose = results.find((r) => r.alg === alg && r.name.startsWith("jose"));
    return name.startsWith("edgejwt") && jose ? ops / jose.median : undefined;
  }
  if (!name.includes("verify") || name.startsWith("fast-jwt")) return undefined;
  const cachedRow = name.includes("cache");
  const baseline = results.find((r) => r.alg === alg && r.name === (cachedRow ? "fast-jwt (cache) verify" : "fast-jwt verify"));
  return baseline && ops / baseline.median;
}

// The performance issue's targets for Node, met or not, with the worst case of each.
function targets(results) {
  const edgejwtRows = (test) => results.filter((r) => r.name.startsWith("edgejwt") && r.alg !== NESTED_JWE && r.ratio !== undefined && test(r.name));
  return [
    verdict("every algorithm's verify ≥ 1.0× fast-jwt without cache, in both builds",
      edgejwtRows((name) => !name.includes("cache") && !name.includes("(wasm)"))),
    verdict("cached verify ≥ fast-jwt's cache", edgejwtRows((name) => name.includes("cache"))),
  ];
}

async function main() {
  const edgejwt = { "edgejwt emscripten": createApi(loadEmscriptenEngine), "edgejwt wasi": createApi(loadWasiEngine) };
  await edgejwt["edgejwt emscripten"].init();
  await edgejwt["edgejwt wasi"].init();

  const cases = [];
  for (const alg of ALGORITHMS) {
    const keys = keysFor(alg);
    const token = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg, typ: "JWT" }).sign(keys.privateKey);
    for (const [name, fn] of Object.entries(casesFor(alg, keys, token, edgejwt))) cases.push({ alg, name, fn, samples: [] });
  }
  // The nested JWE row runs on each build's JWE module (edgejwt/jwe), the verify rows on the default one.
  const edgejwtJwe = { "edgejwt emscripten": createApi(loadEmscriptenJweEngine), "edgejwt wasi": createApi(loadWasiJweEngine) };
  for (const api of Object.values(edgejwtJwe)) await api.init();
  for (const [name, fn] of Object.entries((await nestedJweCases(edgejwtJwe, jose, CLAIMS)).cases)) cases.push({ alg: NESTED_JWE, name, fn, samples: [] });
  const sample = await new jose.SignJWT(CLAIMS).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(32));
  const fastDecode = createDecoder();
  for (const [name, fn] of [
    ["edgejwt emscripten decode", () => edgejwt["edgejwt emscripten"].decode(sample)],
    ["edgejwt wasi decode", () => edgejwt["edgejwt wasi"].decode(sample)],
    ["fast-jwt decode", () => fastDecode(sample)],
    ["jose decode", () => jose.decodeJwt(sample)],
    ["jsonwebtoken decode", () => jsonwebtoken.decode(sample)],
  ]) cases.push({ alg: "-", name, fn, samples: [] });

  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of cases) entry.samples.push(await measure(entry.fn, CASE_MS, undefined, cpuClock));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  const sizes = {};
  for (const [build, file] of [["emscripten", "dist/emscripten/edgejwt.wasm"], ["wasi", "dist/wasi/edgejwt.wasm"]]) {
    const bytes = readFileSync(new URL(`../${file}`, import.meta.url));
    sizes[build] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }

  const results = summarize(cases);
  for (const result of results) result.ratio = ratioToFastJwt(result, results);
  console.log(`edgejwt benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ROUNDS} rounds × ${CASE_MS} ms of CPU time, ` +
    `load average ${loadavg().map((load) => load.toFixed(1)).join(" ")}\n`);
  console.log(markdownTable(results, "vs fast-jwt"));
  console.log(`\n${targets(results).join("\n")}`);
  console.log(`\nWasm sizes: ${Object.entries(sizes).map(([b, s]) => `${b} ${s.bytes} B (${s.gzip} B gzip -9)`).join(", ")}`);

  const out = await writeArtifact("bench.json", {
    date: new Date().toISOString(), node: process.version, rounds: ROUNDS, caseMs: CASE_MS, clock: "cpu", loadAverage: loadavg(), results,
    targets: targets(results), sizes,
  });
  console.log(`\nJSON: ${out}`);
}

await main();
