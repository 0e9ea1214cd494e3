// The Wycheproof signature files JWS algorithms apply to, and what the suites that run them share
// (tests/vectors/wycheproof.test.js, tests/js/host-crypto.test.js).
const KEY_JWK = 2;
const KEY_SPKI_DER = 4;
const HASH_BITS = { "SHA-256": 256, "SHA-384": 384, "SHA-512": 512 };

// [file, the fewest vectors that must apply]
export const WYCHEPROOF_FILES = [
  ...["2048", "3072", "4096"].flatMap((size) => ["sha256", "sha384", "sha512"].map((sha) => [`rsa_signature_${size}_${sha}_test.json`, 7])),
  ["rsa_pss_2048_sha256_mgf1_32_test.json", 100], ["rsa_pss_2048_sha384_mgf1_48_test.json", 100],
  ["rsa_pss_4096_sha512_mgf1_64_test.json", 100], ["rsa_pss_misc_test.json", 3],
  ["ecdsa_secp256r1_sha256_p1363_test.json", 250], ["ecdsa_secp384r1_sha384_p1363_test.json", 250],
  ["ecdsa_secp521r1_sha512_p1363_test.json", 250], ["ed25519_test.json", 140],
];

// Which JWS algorithm a group's parameters are, or null when no JWS algorithm uses them.
export function algorithmOf(file, group) {
  const bits = HASH_BITS[group.sha];
  if (file.startsWith("ed25519")) return "EdDSA";
  if (file.startsWith("ecdsa")) return `ES${bits}`;
  if (!bits || (group.keySize ?? 2048) < 2048) return null;
  if (file.startsWith("rsa_signature")) return `RS${bits}`;
  const pssApplies = group.mgf === "MGF1" && group.mgfSha === group.sha && group.sLen === bits / 8;
  return pssApplies ? `PS${bits}` : null;
}

// The group's public key imported into `core` for `alg`: its handle, or 0 when the core refuses it.
export function importGroupKey(core, group, alg) {
  const jwk = group.publicKeyJwk ?? group.keyJwk;
  const [data, format] = jwk ? [JSON.stringify(jwk), KEY_JWK] : [Buffer.from(group.publicKeyDer, "hex"), KEY_SPKI_DER];
  const { status, outputs } = core.attempt("edgejwt_key_import", format, data, alg);
  return status === 0 ? outputs.handle : 0;
}
