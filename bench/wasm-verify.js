// npm run bench:wasm-verify (and npm run bench): asymmetric verification in pure Wasm against
// node:crypto's native verify, the performance issue's reach goal (target 5): RS256, PS256 and
// ES256 in the WASI build at ≥ 0.5× node:crypto, in the size-bounded Emscripten build at ≥ 0.35×.
//
// Per algorithm and build, two edgejwt rows, each over the very token node:crypto checks:
//   "verify (wasm)"   the whole verify(token, key, { hostCrypto: false }): split, base64url, JSON,
//                     header, claims and the signature, all in the core (the ratio the target is on);
//   "signature (abi)" the signature primitive alone through edgejwt_check_signature (hash, then
//                     RSAVP1 + EMSA or ECDSA), to show what the arithmetic itself reaches;
// and "node:crypto verify", crypto.verify over the signing input with a KeyObject (what fast-jwt and
// jsonwebtoken call). Cases run in interleaved rounds and are timed in this process's CPU time, so
// that other processes on a shared machine do not count; medians, spreads (min-max), ratios to
// node:crypto. Measured, never asserted. Environment: BENCH_ROUNDS (default 5), BENCH_MS (200).
import { constants, verify as nodeVerify } from "node:crypto";

import { createApi } from "../js/api.js";
import { Core } from "../js/core.js";
import { KeyFormat } from "../js/abi.js";
import { loadEmscriptenEngine } from "../js/engines/emscripten.js";
import { loadWasiEngine } from "../js/engines/wasi.js";
import { freshKeyPair } from "../tests/support/keys.js";
import { benchSettings, claimsAt, cpuClock, markdownTable, measure, summarize, verdict, writeArtifact } from "./common.js";

const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();

// The target per build (issue 16, target 5).
const TARGETS = { wasi: 0.5, emscripten: 0.35 };

const ALGORITHMS = {
  RS256: { type: "rsa", options: { modulusLength: 2048 }, node: (key) => ({ key }) },
  PS256: {
    type: "rsa", options: { modulusLength: 2048 },
    node: (key) => ({ key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }),
  },
  ES256: { type: "ec", options: { namedCurve: "P-256" }, node: (key) => ({ key, dsaEncoding: "ieee-p1363" }) },
};

const BUILDS = { emscripten: loadEmscriptenEngine, wasi: loadWasiEngine };

async function main() {
  const apis = {};
  for (const [build, load] of Object.entries(BUILDS)) {
    apis[build] = createApi(load);
    await apis[build].init();
  }
  const cores = {};
  for (const [build, load] of Object.entries(BUILDS)) cores[build] = new Core(await load());

  const claims = claimsAt(Math.floor(Date.now() / 1000));
  const cases = [];
  for (const [alg, spec] of Object.entries(ALGORITHMS)) {
    const { publicKey, privateKey } = freshKeyPair(spec.type, spec.options);
    const anyApi = apis.wasi;
    const token = anyApi.sign(claims, anyApi.importJWK(privateKey.export({ format: "jwk" }), alg), { alg, typ: "JWT" });
    const dot = token.lastIndexOf(".");
    const signingInput = Buffer.from(token.slice(0, dot));
    const signature = Buffer.from(token.slice(dot + 1), "base64url");
    const nodeKey = spec.node(publicKey);
    if (!nodeVerify("sha256", signingInput, nodeKey, signature)) throw new Error(`node:crypto refuses the ${alg} token`);
    cases.push({ alg, name: "node:crypto verify", fn: () => nodeVerify("sha256", signingInput, nodeKey, signature) });

    const jwk = publicKey.export({ format: "jwk" });
    for (const [build, api] of Object.entries(apis)) {
      const key = api.importJWK(jwk, alg);
      const options = { algorithms: [alg], hostCrypto: false };
      api.verify(token, key, options); // throws if the Wasm path refuses the token
      cases.push({ alg, build, name: `edgejwt ${build} verify (wasm)`, fn: () => api.verify(token, key, options) });

      const core = cores[build];
      const handle = importKey(core, jwk, alg);
      const check = () => core.status("edgejwt_check_signature", handle, alg, signingInput, signature);
      if (check() !== 0) throw new Error(`${build} refuses the ${alg} signature`);
      cases.push({ alg, build, name: `edgejwt ${build} signature (abi)`, fn: check });
    }
  }
  for (const entry of cases) entry.samples = [];

  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of cases) entry.samples.push(await measure(entry.fn, CASE_MS, undefined, cpuClock));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }

  const results = summarize(cases).map((result, i) => ({ ...result, build: cases[i].build }));
  for (const result of results) {
    const native = results.find((r) => r.alg === result.alg && r.name === "node:crypto verify");
    if (result.build) result.ratio = result.median / native.median;
  }
  const targets = Object.entries(TARGETS).map(([build, minimum]) => verdict(
    `${build}: RS256, PS256 and ES256 verify in pure Wasm ≥ ${minimum}× node:crypto's native verify`,
    results.filter((r) => r.build === build && r.name.endsWith("verify (wasm)")), minimum));

  console.log(`edgejwt pure-Wasm verify vs node:crypto, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ` +
    `${ROUNDS} rounds × ${CASE_MS} ms of CPU time\n`);
  console.log(markdownTable(results, "vs node:crypto"));
  console.log(`\n${targets.join("\n")}`);
  const out = await writeArtifact("bench-wasm-verify.json", {
    date: new Date().toISOString(), node: process.version, rounds: ROUNDS, caseMs: CASE_MS, results, targets,
  });
  console.log(`\nJSON: ${out}`);
}

// The key's handle in `core`, imported from its JWK for `alg`.
function importKey(core, jwk, alg) {
  return core.call("edgejwt_key_import", KeyFormat.jwk, JSON.stringify(jwk), alg).handle;
}

await main();
