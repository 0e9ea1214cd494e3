// The verify cases of the Chromium and workerd benches (bench/browser.js, bench/workerd.js), built
// and run where they are measured, and how the Node side reports them. Each runtime passes its own
// edgejwt API (Emscripten build in Chromium, WASI build in workerd) and jose's WebCrypto build.
//   edgejwt verify              synchronous: every primitive in Wasm
//   edgejwt verifyAsync         the primitive on WebCrypto (RS*, PS*, ES*, and EdDSA where it has Ed25519)
//   edgejwt verify (cached)     through a VerifiedTokenCache: the same token again, a hit
//   jose jwtVerify              its CryptoKey imported once
// And the nested JWE row (issue 18; NESTED_JWE, no target): a JWT signed with ES256, then encrypted
// with ECDH-ES+A256KW/A256GCM, decrypted and its inner JWS verified:
//   edgejwt decryptAndVerify            both steps in the core
//   edgejwt decryptAndVerifyAsync       ECDH-ES's agreement and the inner signature on the host,
//                                       the rest in the core (Node's run.js: node:crypto)
//   jose compactDecrypt + jwtVerify     its CryptoKeys imported once
// And its parts (NESTED_JWE_PARTS, Chromium and workerd): where the time goes, each step alone, the
// outer layer (agreement, Concat KDF, unwrap, AES-GCM) and the inner JWS, in Wasm and on the host.
// And the JWE key management rows (KEY_MANAGEMENT_JWE, no target): an encrypted JWT under RSA-OAEP-256
// (2048 bits) and under PBES2-HS256+A128KW (p2c 10,000, the producer's default), decrypted:
//   edgejwt decrypt                     every primitive in Wasm
//   edgejwt decryptAsync                RSA-OAEP's decryption or PBES2's PBKDF2 on WebCrypto
//   jose jwtDecrypt                     its CryptoKey imported once (the password as bytes)
// And the JWE encryption rows (ENCRYPTION_JWE, no target): an encrypted JWT made under
// ECDH-ES+A256KW/A256GCM P-256, RSA-OAEP-256/A256GCM (2048 bits) and PBES2-HS256+A128KW/A128GCM
// (p2c 10,000, the producer's default), each checked once by decrypting it:
//   edgejwt encrypt                     every primitive in Wasm
//   edgejwt encryptAsync                the ephemeral key and agreement, RSA-OAEP's encryption or
//                                       PBES2's PBKDF2 on WebCrypto, the rest in the core
//   jose EncryptJWT                     its CryptoKey imported once (the password as bytes, p2c
//                                       10,000 as edgejwt's default: jose's own is 2048)
// Ratios are to the first jose case of the same row.
import { ALGORITHMS, claimsAt, measure, summarize, markdownTable, verdict, writeArtifact } from "./common.js";
import { fromBase64url } from "../js/util.js";

const JOSE = "jose jwtVerify";
export const NESTED_JWE = "nested ES256 in ECDH-ES+A256KW/A256GCM";
export const NESTED_JWE_PARTS = `${NESTED_JWE}: its parts`;
const JWE = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };

// Whether this runtime's WebCrypto verifies Ed25519 (jose needs it for EdDSA, edgejwt's
// verifyAsync sends EdDSA to Wasm without it).
async function hasEd25519(subtle) {
  try {
    const { publicKey } = await subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    return publicKey.algorithm.name === "Ed25519";
  } catch {
    return false;
  }
}

// Keys made by edgejwt, a token it signs, and each case checked once before it is measured (a
// case that threw would measure how fast it fails). Cases jose cannot run become `notes`.
// `edgejwtJwe`: the same build's edgejwt/jwe entry (its own runtime over the JWE module), for the nested JWE row.
export async function prepareCases({ edgejwt, edgejwtJwe, jose, subtle = globalThis.crypto.subtle }) {
  const claims = claimsAt(Math.floor(Date.now() / 1000));
  const cases = [];
  const notes = [];
  const ed25519 = await hasEd25519(subtle);
  if (!ed25519) notes.push("no Ed25519 in this WebCrypto: EdDSA's verifyAsync runs in Wasm, jose cannot verify EdDSA");
  for (const alg of ALGORITHMS) {
    const { signer, verifier, joseKey } = await keysFor(alg, edgejwt, jose, subtle);
    const token = edgejwt.sign(claims, signer, { alg });
    const options = { algorithms: [alg] };
    const cached = { ...options, cache: new edgejwt.VerifiedTokenCache() };
    const candidates = { "edgejwt verify": () => edgejwt.verify(token, verifier, options) };
    if (alg !== "HS256") candidates["edgejwt verifyAsync"] = () => edgejwt.verifyAsync(token, verifier, options);
    candidates["edgejwt verify (cached)"] = () => edgejwt.verify(token, verifier, cached);
    candidates[JOSE] = joseKey.error ? joseKey : () => jose.jwtVerify(token, joseKey, options);
    await checkedCases(alg, candidates, claims, cases, notes);
  }
  const nested = await nestedJweCases({ edgejwt: edgejwtJwe }, jose, claims);
  await checkedCases(NESTED_JWE, nested.cases, claims, cases, notes);
  await checkedCases(NESTED_JWE_PARTS, nested.parts, claims, cases, notes);
  for (const [row, candidates] of await keyManagementJweCases(edgejwtJwe, jose, claims)) {
    await checkedCases(row, candidates, claims, cases, notes);
  }
  for (const [row, candidates, open] of await encryptionJweCases(edgejwtJwe, jose, claims)) {
    await checkedCases(row, candidates, claims, cases, notes, open);
  }
  return { cases, notes, ed25519 };
}

// Each candidate run once and its payload checked before it is measured (`open(result)` gives
// it); a failure becomes a note.
export async function checkedCases(alg, candidates, claims, cases, notes, open = payloadOf) {
  for (const [name, fn] of Object.entries(candidates)) {
    try {
      if (fn.error) throw fn.error;
      const { payload } = open(await fn());
      if (payload.sub !== claims.sub) throw new Error("the verified payload is not the token's");
      cases.push({ alg, name, fn });
    } catch (error) {
      notes.push(`${alg} ${name}: not measured: ${error?.message ?? error}`);
    }
  }
}

// A case's result, or a decryption's plaintext (a nested token's inner JWS) read as one.
const decoder = new TextDecoder();
function payloadOf(result) {
  if (!result.plaintext) return result;
  return { payload: JSON.parse(decoder.decode(fromBase64url(decoder.decode(result.plaintext).split(".")[1]))) };
}

// The nested JWE row's cases: one token, made by the first of `apis` ({ label: edgejwt API }, a
// build each), decrypted and verified by each of them and by jose; and the parts of its
// decryption (the first API's and jose's), each alone. { cases, parts }.
export async function nestedJweCases(apis, jose, claims) {
  const [maker] = Object.values(apis);
  const signing = maker.generateKeyPair("ES256", { extractable: true });
  const encryption = maker.generateKeyPair(JWE.alg, { extractable: true });
  const token = maker.signAndEncrypt(claims, signing.privateKey, encryption.publicKey, { ...JWE, signing: { alg: "ES256" } });
  const jwks = { decrypt: maker.exportJWK(encryption.privateKey), verify: maker.exportJWK(signing.publicKey) };
  const cases = {};
  for (const [label, api] of Object.entries(apis)) {
    const decryptionKey = api.importJWK(jwks.decrypt, JWE.alg);
    const verificationKey = api.importJWK(jwks.verify, "ES256");
    const options = { algorithms: ["ES256"], keyManagementAlgorithms: [JWE.alg], contentEncryptionAlgorithms: [JWE.enc] };
    cases[`${label} decryptAndVerify`] = () => api.decryptAndVerify(token, decryptionKey, verificationKey, options);
    // ECDH-ES's agreement on the host (node:crypto or WebCrypto), everything else in Wasm.
    cases[`${label} decryptAndVerifyAsync`] = () => api.decryptAndVerifyAsync(token, decryptionKey, verificationKey, options);
  }
  const joseDecryptionKey = await jose.importJWK(jwks.decrypt, JWE.alg);
  const joseVerificationKey = await jose.importJWK(jwks.verify, "ES256");
  const outerOptions = { keyManagementAlgorithms: [JWE.alg], contentEncryptionAlgorithms: [JWE.enc] };
  const innerOptions = { algorithms: ["ES256"] };
  cases["jose compactDecrypt + jwtVerify"] = async () => {
    const { plaintext } = await jose.compactDecrypt(token, joseDecryptionKey, outerOptions);
    return jose.jwtVerify(decoder.decode(plaintext), joseVerificationKey, innerOptions);
  };
  const decryptionKey = maker.importJWK(jwks.decrypt, JWE.alg);
  const verificationKey = maker.importJWK(jwks.verify, "ES256");
  const inner = decoder.decode(maker.compactDecrypt(token, decryptionKey, outerOptions).plaintext);
  const parts = {
    "jose compactDecrypt (outer layer)": () => jose.compactDecrypt(token, joseDecryptionKey, outerOptions),
    "jose jwtVerify (inner JWS)": () => jose.jwtVerify(inner, joseVerificationKey, innerOptions),
    "edgejwt compactDecrypt (outer layer, Wasm)": () => maker.compactDecrypt(token, decryptionKey, outerOptions),
    "edgejwt compactDecryptAsync (outer layer, host ECDH)": () => maker.compactDecryptAsync(token, decryptionKey, outerOptions),
    "edgejwt verify (inner JWS, Wasm)": () => maker.verify(inner, verificationKey, innerOptions),
    "edgejwt verifyAsync (inner JWS, host)": () => maker.verifyAsync(inner, verificationKey, innerOptions),
  };
  return { cases, parts };
}

// The JWE key management rows: [row, cases] for RSA-OAEP-256 and PBES2-HS256+A128KW, tokens made by `edgejwt`.
export async function keyManagementJweCases(edgejwt, jose, claims) {
  const rows = [];
  const rsa = edgejwt.generateKeyPair("RSA-OAEP-256", { extractable: true });
  const password = new TextEncoder().encode("correct horse battery staple");
  for (const [row, alg, encryptTo, decryptWith, joseKey] of [
    ["encrypted JWT, RSA-OAEP-256/A256GCM 2048", "RSA-OAEP-256", rsa.publicKey, rsa.privateKey,
      await jose.importJWK(edgejwt.exportJWK(rsa.privateKey), "RSA-OAEP-256")],
    ["encrypted JWT, PBES2-HS256+A128KW/A128GCM p2c 10000", "PBES2-HS256+A128KW", password, password, password],
  ]) {
    const enc = alg.startsWith("RSA") ? "A256GCM" : "A128GCM";
    const token = edgejwt.encrypt(claims, encryptTo, { alg, enc });
    const options = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
    rows.push([row, {
      "edgejwt decrypt": () => edgejwt.decrypt(token, decryptWith, options),
      "edgejwt decryptAsync": () => edgejwt.decryptAsync(token, decryptWith, options),
      "jose jwtDecrypt": () => jose.jwtDecrypt(token, joseKey, options),
    }]);
  }
  return rows;
}

// The JWE encryption rows: [row, cases, open] for ECDH-ES+A256KW P-256, RSA-OAEP-256 and
// PBES2-HS256+A128KW, each library encrypting the same claims to the same key; `open(token)`
// decrypts what a case made (edgejwt's sync decryption) to check it.
export async function encryptionJweCases(edgejwt, jose, claims) {
  const rows = [];
  const ecdh = edgejwt.generateKeyPair("ECDH-ES+A256KW", { extractable: true });
  const rsa = edgejwt.generateKeyPair("RSA-OAEP-256", { extractable: true });
  const password = new TextEncoder().encode("correct horse battery staple");
  for (const [row, alg, enc, pair] of [
    ["encrypt JWT, ECDH-ES+A256KW/A256GCM P-256", "ECDH-ES+A256KW", "A256GCM", ecdh],
    ["encrypt JWT, RSA-OAEP-256/A256GCM 2048", "RSA-OAEP-256", "A256GCM", rsa],
    ["encrypt JWT, PBES2-HS256+A128KW/A128GCM p2c 10000", "PBES2-HS256+A128KW", "A128GCM", { publicKey: password, privateKey: password }],
  ]) {
    const joseKey = pair.publicKey instanceof Uint8Array ? password : await jose.importJWK(edgejwt.exportJWK(pair.publicKey), alg);
    const options = { alg, enc };
    const decryptOptions = { keyManagementAlgorithms: [alg], contentEncryptionAlgorithms: [enc] };
    rows.push([row, {
      "edgejwt encrypt": () => edgejwt.encrypt(claims, pair.publicKey, options),
      "edgejwt encryptAsync": () => edgejwt.encryptAsync(claims, pair.publicKey, options),
      // jose's own default p2c is 2048: given edgejwt's 10,000, so both do the same work.
      "jose EncryptJWT": () => {
        const builder = new jose.EncryptJWT(claims).setProtectedHeader(options);
        if (alg.startsWith("PBES2")) builder.setKeyManagementParameters({ p2c: 10_000 });
        return builder.encrypt(joseKey);
      },
    }, (token) => edgejwt.decrypt(token, pair.privateKey, decryptOptions)]);
  }
  return rows;
}

async function keysFor(alg, edgejwt, jose, subtle) {
  if (alg === "HS256") {
    const secret = edgejwt.generateSecret(alg);
    const raw = fromBase64url(edgejwt.exportJWK(secret).k);
    const joseKey = await subtle.importKey("raw", raw, { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    return { signer: secret, verifier: secret, joseKey };
  }
  const { publicKey, privateKey } = edgejwt.generateKeyPair(alg);
  let joseKey;
  try {
    joseKey = await jose.importJWK(edgejwt.exportJWK(publicKey), alg);
  } catch (error) {
    joseKey = { error };
  }
  return { signer: privateKey, verifier: publicKey, joseKey };
}

// One round: every case measured once, in order; ops/s by case index.
export async function runRound(cases, caseMs, settle) {
  const samples = [];
  for (const { fn } of cases) samples.push(await measure(fn, caseMs, settle));
  return samples;
}

// Node side: the table with ratios to jose, the targets of the performance issue, and the JSON
// artifact. `cases`: { alg, name, samples } per case; `about`: what the runtime was, for the artifact.
export async function report({ title, artifact, cases, notes, about }) {
  const results = summarize(cases);
  for (const result of results) {
    const jose = results.find((r) => r.alg === result.alg && r.name.startsWith("jose "));
    if (result.name.startsWith("edgejwt") && jose) result.ratio = result.median / jose.median;
  }
  const rows = (name, algs) => results.filter((r) => r.name === name && algs.includes(r.alg) && r.ratio !== undefined);
  const targets = [
    verdict("verifyAsync ≥ 1.0× jose for RS256/ES256/EdDSA", rows("edgejwt verifyAsync", ["RS256", "ES256", "EdDSA"]), 1),
    verdict("verify HS256 ≥ 10× jose", rows("edgejwt verify", ["HS256"]), 10),
  ];
  console.log(`${title}\n`);
  console.log(markdownTable(results, "vs jose"));
  if (notes.length) console.log(`\n${notes.join("\n")}`);
  console.log(`\n${targets.join("\n")}`);
  const out = await writeArtifact(artifact, { date: new Date().toISOString(), ...about, results, targets, notes });
  console.log(`\nJSON: ${out}`);
}
