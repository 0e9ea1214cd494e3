// Wycheproof signature vectors through each Wasm build (the native suite checks the same files
// against the native build). Every test of an applicable group must come out as its `result`
// says. "acceptable" appears only as MissingNull in the RSA PKCS#1 files: a DigestInfo without
// the NULL parameters. edgejwt re-encodes the one DigestInfo RFC 8017 §9.2 defines and compares it
// whole, so it rejects them, as JWS needs no leniency there.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, coreFor } from "../support/builds.js";
import { loadVectors } from "../support/vectors.js";

const KEY_JWK = 2;
const KEY_SPKI_DER = 4;
const HASH_BITS = { "SHA-256": 256, "SHA-384": 384, "SHA-512": 512 };

// Which JWS algorithm a group's parameters are, or null when no JWS algorithm uses them.
function algorithmOf(file, group) {
  const bits = HASH_BITS[group.sha];
  if (file.startsWith("ed25519")) return "EdDSA";
  if (file.startsWith("ecdsa")) return `ES${bits === 512 ? 512 : bits}`;
  if (!bits || (group.keySize ?? 2048) < 2048) return null;
  if (file.startsWith("rsa_signature")) return `RS${bits}`;
  const pssApplies = group.mgf === "MGF1" && group.mgfSha === group.sha && group.sLen === bits / 8;
  return pssApplies ? `PS${bits}` : null;
}

const FILES = [
  ...["2048", "3072", "4096"].flatMap((size) => ["sha256", "sha384", "sha512"].map((sha) => [`rsa_signature_${size}_${sha}_test.json`, 7])),
  ["rsa_pss_2048_sha256_mgf1_32_test.json", 100], ["rsa_pss_2048_sha384_mgf1_48_test.json", 100],
  ["rsa_pss_4096_sha512_mgf1_64_test.json", 100], ["rsa_pss_misc_test.json", 3],
  ["ecdsa_secp256r1_sha256_p1363_test.json", 250], ["ecdsa_secp384r1_sha384_p1363_test.json", 250],
  ["ecdsa_secp521r1_sha512_p1363_test.json", 250], ["ed25519_test.json", 140],
];

for (const build of builds) {
  describe(`Wycheproof on ${build.name}`, () => {
    let core;
    before(async () => { core = await coreFor(build); });

    function importKey(group, alg) {
      const jwk = group.publicKeyJwk ?? group.keyJwk;
      const [data, format] = jwk
        ? [JSON.stringify(jwk), KEY_JWK]
        : [Buffer.from(group.publicKeyDer, "hex"), KEY_SPKI_DER];
      const [dataPointer, dataLength, algPointer, algLength] = core.write(data, alg);
      const status = core.abi.edgejwt_key_import(core.context, format, dataPointer, dataLength, algPointer, algLength);
      return status === 0 ? core.handle() : 0;
    }

    function checks(key, alg, test) {
      const [algPointer, algLength, messagePointer, messageLength, signaturePointer, signatureLength] =
        core.write(alg, Buffer.from(test.msg, "hex"), Buffer.from(test.sig, "hex"));
      return core.abi.edgejwt_check_signature(core.context, key, algPointer, algLength, messagePointer, messageLength,
        signaturePointer, signatureLength) === 0;
    }

    for (const [file, minimum] of FILES) {
      const { data, skip } = loadVectors(`wycheproof/${file}`);
      it(file, { skip }, () => {
        let checked = 0;
        for (const group of data.testGroups) {
          const alg = algorithmOf(file, group);
          if (!alg) continue;
          const key = importKey(group, alg);
          for (const test of group.tests) {
            const expected = test.result === "valid";
            const actual = key !== 0 && checks(key, alg, test);
            assert.equal(actual, expected, `tcId ${test.tcId} (${test.result}, ${test.flags.join(",")}): ${test.comment}`);
            checked++;
          }
          if (key) core.abi.edgejwt_key_release(core.context, key);
        }
        assert.ok(checked >= minimum, `only ${checked} vectors applied`);
      });
    }
  });
}
