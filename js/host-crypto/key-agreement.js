// ECDH-ES's key agreement on the host (node:crypto or WebCrypto), for the async decryptions: Z from
// the recipient's private key and a token's "epk", after the core has checked the token up to the
// agreement (edgejwt_decrypt_begin: the header, the allowlists, the key, an "epk" on the key's own
// curve). The host does that one multiplication and nothing else: the core then runs the whole
// decryption again with Z standing in for its own (edgejwt_decrypt_agreed), so the Concat KDF, the
// unwrapping, the content's tag, the claims and a nested token's signature stay the core's.
// Each private key becomes a host key once (not extractable), kept as long as its Key or set.

// The agreement's curves, as the core's JWKs name them, and the bits of Z each gives.
const EC_CURVES = ["P-256", "P-384", "P-521"];
const Z_BITS = { "P-256": 256, "P-384": 384, "P-521": 528, X25519: 256 };

// RFC 7748 §6.1's Alice: importing her private key tells whether this WebCrypto has X25519.
const X25519_PROBE = {
  kty: "OKP", crv: "X25519", x: "hSDwCYkwp1R0i33ctD73Wg2_Og0mOBr066SpjqqbTmo", d: "dwdtCnMYpX08FsFyUbJmRd9ML4frwJkqsXf7pR25LCo",
};

// The key material of a JWK (no alg, use, key_ops, kid, ext: the core applied those already).
export function agreementMaterial({ kty, crv, x, y, d }) {
  return kty === "EC" ? { kty, crv, x, y, ...(d === undefined ? {} : { d }) } : { kty, crv, x, ...(d === undefined ? {} : { d }) };
}

// On node:crypto: synchronous, every curve the core has.
export function nodeAgreement(nodeCrypto) {
  return {
    synchronous: true,
    curves: new Set([...EC_CURVES, "X25519"]),
    prepare: (jwk) => nodeCrypto.createPrivateKey({ key: jwk, format: "jwk" }),
    agree(privateKey, epk) {
      const publicKey = nodeCrypto.createPublicKey({ key: epk, format: "jwk" });
      const z = nodeCrypto.diffieHellman({ privateKey, publicKey });
      return new Uint8Array(z.buffer, z.byteOffset, z.byteLength);
    },
  };
}

// On WebCrypto: asynchronous; X25519 where the runtime has it (otherwise Wasm agrees on it).
export async function webCryptoAgreement(subtle) {
  if (typeof subtle?.deriveBits !== "function" || typeof subtle.importKey !== "function") return null;
  const curves = new Set(EC_CURVES);
  try {
    await subtle.importKey("jwk", X25519_PROBE, { name: "X25519" }, false, ["deriveBits"]);
    curves.add("X25519");
  } catch {
    // No X25519 in this WebCrypto.
  }
  const algorithmOf = (crv) => (crv === "X25519" ? { name: "X25519" } : { name: "ECDH", namedCurve: crv });
  return {
    synchronous: false,
    curves,
    prepare: (jwk) => subtle.importKey("jwk", jwk, algorithmOf(jwk.crv), false, ["deriveBits"]),
    async agree(privateKey, epk) {
      const publicKey = await subtle.importKey("jwk", epk, algorithmOf(epk.crv), false, []);
      return new Uint8Array(await subtle.deriveBits({ name: publicKey.algorithm.name, public: publicKey }, privateKey, Z_BITS[epk.crv]));
    },
  };
}

// The agreement on the runtime's host (host-crypto/select.js), or null: node:crypto's or WebCrypto's.
export async function hostAgreement(host) {
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
