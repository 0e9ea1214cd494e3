// The signature primitive on WebCrypto (browsers, workerd, Deno), asynchronous, so it serves
// verifyAsync(); verify() stays synchronous on Wasm there. Each key is imported once per
// algorithm as a CryptoKey (host-keys.js caches them), bound to the algorithm's hash.
// The hash names WebCrypto takes, by bits (SHA-1 for RSA-OAEP only: key-management.js).
export const HASH_NAMES = { 160: "SHA-1", 256: "SHA-256", 384: "SHA-384", 512: "SHA-512" };

// RFC 8032 §7.1 test 1's public key: importing it tells whether this WebCrypto has Ed25519.
const ED25519_PROBE = { kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" };

// The parameters importKey and verify take for an algorithm of the core's table (algorithms.js).
function webCryptoAlgorithm({ scheme, hashBits, curve }) {
  const hash = HASH_NAMES[hashBits];
  switch (scheme) {
    case "pkcs1": return { importAs: { name: "RSASSA-PKCS1-v1_5", hash }, verifyAs: { name: "RSASSA-PKCS1-v1_5" } };
    case "pss": return { importAs: { name: "RSA-PSS", hash }, verifyAs: { name: "RSA-PSS", saltLength: hashBits / 8 } };
    // WebCrypto's ECDSA signatures are raw r||s already, as JWS's are.
    case "ecdsa": return { importAs: { name: "ECDSA", namedCurve: curve }, verifyAs: { name: "ECDSA", hash } };
    default: return { importAs: { name: "Ed25519" }, verifyAs: { name: "Ed25519" } };
  }
}

// Ed25519 goes to WebCrypto where the runtime has it: it measured 1.7-2.2x faster than Wasm in
// Chromium and workerd (README, "Host crypto"); elsewhere Wasm checks it.
export async function loadWebCrypto(subtle, algorithms) {
  if (typeof subtle?.verify !== "function" || typeof subtle.importKey !== "function") return null;
  const schemes = new Set(["pkcs1", "pss", "ecdsa"]);
  try {
    await subtle.importKey("jwk", ED25519_PROBE, { name: "Ed25519" }, false, ["verify"]);
    schemes.add("ed25519");
  } catch {
    // No Ed25519 in this WebCrypto.
  }

  return {
    name: "webcrypto",
    synchronous: false,
    handles: (alg) => schemes.has(algorithms.get(alg)?.scheme),

    async prepare(jwk, alg) {
      const { importAs, verifyAs } = webCryptoAlgorithm(algorithms.get(alg));
      return { key: await subtle.importKey("jwk", jwk, importAs, false, ["verify"]), verifyAs };
    },

    verify: (prepared, input, signature) => subtle.verify(prepared.verifyAs, prepared.key, signature, input),

    // For JWE key management in the async decryptions (key-management.js, made when first needed).
    subtle,
  };
}
