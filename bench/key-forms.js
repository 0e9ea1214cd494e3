// jose's key forms against edgejwt's own Key (issue 14, item 3): verifying one token per round with
// the key given as a Key, a KeyObject, a JWK object (verify), and as a Key, a CryptoKey and a
// resolver function (verifyAsync), on both builds. A form is imported once and found again by the
// object's identity (js/key/forms.js), so each row's cost over the Key's is that lookup (for a JWK
// object, also the comparison of its JSON with what was imported). Ratios are to the Key's row of
// the same function and build. Environment as bench/run.js (BENCH_ROUNDS, BENCH_MS).
import { createSecretKey, generateKeyPairSync } from "node:crypto";

import { createApi } from "../js/api.js";
import { loadEmscriptenEngine } from "../js/engines/emscripten.js";
import { loadWasiEngine } from "../js/engines/wasi.js";
import { benchSettings, claimsAt, measure, summarize, markdownTable, writeArtifact } from "./common.js";

const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();
const CLAIMS = claimsAt(Math.floor(Date.now() / 1000));

// The forms of one key: { Key, KeyObject, JWK, CryptoKey } and the algorithm's WebCrypto parameters.
async function formsOf(api, alg) {
  if (alg === "HS256") {
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const jwk = { kty: "oct", k: Buffer.from(secret).toString("base64url") };
    const cryptoKey = await crypto.subtle.importKey("raw", secret, { name: "HMAC", hash: "SHA-256" }, true, ["sign", "verify"]);
    return { signer: api.importJWK(jwk), Key: api.importJWK(jwk), KeyObject: createSecretKey(secret), JWK: jwk, CryptoKey: cryptoKey };
  }
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const jwk = publicKey.export({ format: "jwk" });
  const cryptoKey = await crypto.subtle.importKey("jwk", jwk, { name: "ECDSA", namedCurve: "P-256" }, true, ["verify"]);
  return { signer: api.importJWK(privateKey.export({ format: "jwk" }), alg), Key: api.importJWK(jwk, alg), KeyObject: publicKey, JWK: jwk, CryptoKey: cryptoKey };
}

async function main() {
  const cases = [];
  for (const [build, load] of [["emscripten", loadEmscriptenEngine], ["wasi", loadWasiEngine]]) {
    const api = createApi(load);
    await api.init();
    for (const alg of ["HS256", "ES256"]) {
      const forms = await formsOf(api, alg);
      const token = api.sign(CLAIMS, forms.signer, { alg });
      const options = { algorithms: [alg] };
      const row = (name, fn) => cases.push({ alg, name: `${build} ${name}`, fn, samples: [] });
      for (const form of ["Key", "KeyObject", "JWK"]) row(`verify, ${form}`, () => api.verify(token, forms[form], options));
      for (const form of ["Key", "CryptoKey"]) row(`verifyAsync, ${form}`, () => api.verifyAsync(token, forms[form], options));
      row("verifyAsync, resolver function", () => api.verifyAsync(token, () => forms.Key, options));
    }
  }
  for (let round = 0; round < ROUNDS; round++) {
    for (const entry of cases) entry.samples.push(await measure(entry.fn, CASE_MS));
    process.stderr.write(`round ${round + 1}/${ROUNDS} done\n`);
  }
  const results = summarize(cases);
  for (const result of results) {
    const [build, fn] = result.name.split(/ |, /);
    const key = results.find((other) => other.alg === result.alg && other.name === `${build} ${fn}, Key`);
    result.ratio = result.median / key.median;
  }
  console.log(`edgejwt key forms, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${ROUNDS} rounds × ${CASE_MS} ms\n`);
  console.log(markdownTable(results, "vs Key"));
  console.log(`\nJSON: ${await writeArtifact("bench-key-forms.json", { date: new Date().toISOString(), node: process.version, results })}`);
}

await main();
