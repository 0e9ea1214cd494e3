// The signature primitive on node:crypto (OpenSSL), synchronous, so verify() stays synchronous.
// node:crypto is imported once, at init(); each key is imported once as a KeyObject with its
// verify parameters (host-keys.js caches them per key and algorithm).
import { fromBase64url } from "../util.js";

// The hash names node:crypto takes, by bits (SHA-1 for RSA-OAEP only: key-management.js).
export const HASH_NAMES = { 160: "sha1", 256: "sha256", 384: "sha384", 512: "sha512" };

// An ES256 signature over PROBE_MESSAGE, which node:crypto must accept (and refuse over other
// bytes) in the call forms used below. Some runtimes that look like Node have a partial
// node:crypto (workerd's takes no KeyObject inside the options); WebCrypto serves there instead.
const PROBE_KEY = {
  kty: "EC", crv: "P-256",
  x: "ZK24sN_QidcyguNnw3Tq1IkVge-ua2mhjCRn_iRAk1o", y: "Lfb5OdPFwaaJDPE3jw4oe-ZowCdUfUe5ZOZroEnSm5k",
};
const PROBE_MESSAGE = "edgejwt host crypto probe";
const PROBE_SIGNATURE = "2l2YHk-bvpJ2SXieR-HMxY5n3A4b4zCEY36qWGbboPZrQiu4aSJSl3jrNEdTahSQDPEDxKKkMCnFEjl6E5Y7XA";

// null when node:crypto cannot be loaded or fails the probe. It is asked of the runtime
// (process.getBuiltinModule), never imported: bundlers for browsers and Workers fail on "node:".
// `algorithms` is the core's table (algorithms.js).
export async function loadNodeCrypto(algorithms) {
  const nodeCrypto = globalThis.process?.getBuiltinModule?.("node:crypto");
  if (!nodeCrypto) return null;
  const host = nodeHost(nodeCrypto, algorithms);
  return passesProbe(host) ? host : null;
}

function nodeHost(nodeCrypto, algorithms) {
  const { RSA_PKCS1_PSS_PADDING } = nodeCrypto.constants ?? {};
  return {
    name: "node:crypto",
    synchronous: true,
    // Every asymmetric algorithm; for Ed25519 too, OpenSSL measured a few per cent faster per
    // verify than libsodium in Wasm (README, "Host crypto").
    handles: (alg) => algorithms.has(alg),

    // What nodeCrypto.verify takes for `alg` under the public key `jwk` (key material only).
    prepare(jwk, alg) {
      const { scheme, hashBits } = algorithms.get(alg);
      const key = nodeCrypto.createPublicKey({ key: jwk, format: "jwk" });
      const hash = HASH_NAMES[hashBits] ?? null; // Ed25519 takes no separate hash
      // PSS: MGF1 with the same hash is OpenSSL's default; the salt is the hash length, exactly.
      const options = scheme === "pss" ? { key, padding: RSA_PKCS1_PSS_PADDING, saltLength: hashBits / 8 }
        : scheme === "ecdsa" ? { key, dsaEncoding: "ieee-p1363" } : key;
      return { hash, options };
    },

    // Looked up on the module object at each call, so tests can observe that the host was asked.
    verify: (prepared, input, signature) => nodeCrypto.verify(prepared.hash, input, prepared.options, signature),

    // For JWE key management in the async decryptions (key-management.js, made when first needed).
    nodeCrypto,
  };
}

function passesProbe(host) {
  try {
    const prepared = host.prepare(PROBE_KEY, "ES256");
    const signature = fromBase64url(PROBE_SIGNATURE);
    const message = new TextEncoder().encode(PROBE_MESSAGE);
    return host.verify(prepared, message, signature) === true &&
      host.verify(prepared, message.subarray(1), signature) === false;
  } catch {
    return false;
  }
}
