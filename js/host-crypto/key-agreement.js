// ECDH-ES's key agreement on the host (node:crypto or WebCrypto), for the async decryptions: Z from
// the recipient's private key and a token's "epk", after the core has checked the token up to the
// agreement (edgejwt_decrypt_begin: the header, the allowlists, the key, an "epk" on the key's own
// curve). The host does that one multiplication and nothing else: the core then runs the whole
// decryption again with Z standing in for its own (edgejwt_decrypt_agreed), so the Concat KDF, the
// unwrapping, the content's tag, the claims and a nested token's signature stay the core's.
// Each private key becomes a host key once (a CryptoKey that is not extractable, or a KeyObject),
// kept as long as its Key or set.

// The curves each host agrees on, where it measured faster per decryption than Wasm (bench/jwe.js,
// README "Encrypted tokens", 2026-12-06): node:crypto on P-256, P-384 and P-521 (1.1-1.6x);
// WebCrypto (measured under Node) on P-256 and P-384 (1.04-1.09x), not P-521 (0.96x). X25519 stays
// in Wasm: libsodium there measured faster than either host once the host's key import and the
// core's second pass are counted. The bits of Z each gives.
const Z_BITS = { "P-256": 256, "P-384": 384, "P-521": 528 };
const NODE_CURVES = new Set(["P-256", "P-384", "P-521"]);
const WEBCRYPTO_CURVES = new Set(["P-256", "P-384"]);

// The key material of an EC JWK (no alg, use, key_ops, kid, ext: the core applied those already).
export const agreementMaterial = ({ kty, crv, x, y, d }) => (d === undefined ? { kty, crv, x, y } : { kty, crv, x, y, d });

// On node:crypto: synchronous.
export function nodeAgreement(nodeCrypto) {
  return {
    synchronous: true,
    curves: NODE_CURVES,
    prepare: (jwk) => nodeCrypto.createPrivateKey({ key: jwk, format: "jwk" }),
    agree(privateKey, epk) {
      const publicKey = nodeCrypto.createPublicKey({ key: epk, format: "jwk" });
      const z = nodeCrypto.diffieHellman({ privateKey, publicKey });
      return new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
    },
  };
}

// On WebCrypto: asynchronous.
export function webCryptoAgreement(subtle) {
  if (typeof subtle?.deriveBits !== "function" || typeof subtle.importKey !== "function") return null;
  const algorithmOf = (crv) => ({ name: "ECDH", namedCurve: crv });
  return {
    synchronous: false,
    curves: WEBCRYPTO_CURVES,
    prepare: (jwk) => subtle.importKey("jwk", jwk, algorithmOf(jwk.crv), false, ["deriveBits"]),
    async agree(privateKey, epk) {
      const publicKey = await subtle.importKey("jwk", epk, algorithmOf(epk.crv), false, []);
      return new Uint8Array(await subtle.deriveBits({ name: "ECDH", public: publicKey }, privateKey, Z_BITS[epk.crv]));
    },
  };
}

// The agreement on the runtime's host (host-crypto/select.js), or null: node:crypto's or WebCrypto's.
export function hostAgreement(host) {
  if (host?.nodeCrypto) return nodeAgreement(host.nodeCrypto);
  return host?.subtle ? webCryptoAgreement(host.subtle) : null;
}

// The host's private keys, made once per key (a Key, or a set's entry by index) and kept in a
// WeakMap by the Key or set, so they live exactly as long as it does. `privateJwkOf(owner, index)`
// gives the entry's private JWK.
export class AgreementKeys {
  constructor(agreement, privateJwkOf) {
    this.agreement = agreement;
    this.privateJwkOf = privateJwkOf;
    this.byOwner = new WeakMap(); // Key | LocalJWKSet -> Map(index -> host key, a promise of one, or null)
  }

  // The host key of `owner`'s entry `index` (a promise on an asynchronous host), or null when the
  // host cannot take it (Wasm agrees then).
  prepared(owner, index) {
    let slots = this.byOwner.get(owner);
    if (!slots) this.byOwner.set(owner, (slots = new Map()));
    if (slots.has(index)) return slots.get(index);
    let prepared = null;
    try {
      const jwk = agreementMaterial(this.privateJwkOf(owner, index));
      if (this.agreement.curves.has(jwk.crv)) prepared = this.agreement.prepare(jwk);
    } catch {
      // Not exportable here, or refused by the host: Wasm agrees.
    }
    if (typeof prepared?.then === "function") {
      prepared = prepared.catch(() => null).then((made) => {
        slots.set(index, made);
        return made;
      });
    }
    slots.set(index, prepared);
    return prepared;
  }
}
