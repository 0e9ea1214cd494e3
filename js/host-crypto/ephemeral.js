// ECDH-ES's producer side on the host (node:crypto or WebCrypto), for the async encryptions: a fresh
// ephemeral key pair on the recipient's curve, its public half as a JWK, and Z, the agreement of its
// private half with the recipient's public key. The host does those two multiplications and nothing
// else: the core checks the "epk" (a strict public JWK, its point on the recipient's own curve) and
// Z's size, then runs the Concat KDF, the wrapping, the content and the framing
// (edgejwt_encrypt_agreed). The ephemeral private key never leaves the host and is used once.
// Each recipient's public key becomes a host key once, kept as long as its Key.
// The curves each host makes the agreement on are the decryptions' (key-management.js): measured
// faster per encryption than Wasm too (bench/jwe.js, README "Encrypted tokens", 2026-12-06);
// X25519 stays in Wasm, libsodium's two multiplications faster than either host's.
import { NODE_CURVES, WEBCRYPTO_CURVES, agreementMaterial, hostBits } from "./key-management.js";

// On node:crypto: synchronous.
export function nodeEphemeral(nodeCrypto) {
  return {
    curves: NODE_CURVES,
    prepare: (jwk) => nodeCrypto.createPublicKey({ key: jwk, format: "jwk" }),
    agree(recipient, crv) {
      const { privateKey, publicKey } = nodeCrypto.generateKeyPairSync("ec", { namedCurve: crv });
      const z = nodeCrypto.diffieHellman({ privateKey, publicKey: recipient });
      return { epk: agreementMaterial(publicKey.export({ format: "jwk" })), z: new Uint8Array(z.buffer, z.byteOffset, z.byteLength) };
    },
  };
}

// On WebCrypto: asynchronous.
export function webCryptoEphemeral(subtle) {
  if (typeof subtle?.generateKey !== "function" || typeof subtle.deriveBits !== "function") return null;
  const algorithmOf = (crv) => ({ name: "ECDH", namedCurve: crv });
  return {
    curves: WEBCRYPTO_CURVES,
    prepare: (jwk) => subtle.importKey("jwk", jwk, algorithmOf(jwk.crv), false, []),
    async agree(recipient, crv) {
      const { privateKey, publicKey } = await subtle.generateKey(algorithmOf(crv), false, ["deriveBits"]);
      // A null length is the whole of Z, the curve's size: the core checks that size.
      const z = hostBits(await subtle.deriveBits({ name: "ECDH", public: recipient }, privateKey, null));
      return { epk: agreementMaterial(await subtle.exportKey("jwk", publicKey)), z };
    },
  };
}

// The producer's agreement on the runtime's host (host-crypto/select.js), or null.
export function hostEphemeral(host) {
  if (host?.nodeCrypto) return nodeEphemeral(host.nodeCrypto);
  return host?.subtle ? webCryptoEphemeral(host.subtle) : null;
}

// The host's copies of recipients' public keys, made once per Key and kept in a WeakMap by it, so
// they live exactly as long as it does. `publicJwkOf(key)` gives its public JWK.
export class RecipientKeys {
  constructor(ephemeral, publicJwkOf) {
    this.ephemeral = ephemeral;
    this.publicJwkOf = publicJwkOf;
    this.byKey = new WeakMap(); // Key -> { crv, key: host key, a promise of one, or null }
  }

  // { crv, key } for `key` (key a promise on an asynchronous host), or null when the host does not
  // agree on its curve (Wasm does).
  prepared(key) {
    if (this.byKey.has(key)) return this.byKey.get(key);
    let prepared = null;
    try {
      const jwk = agreementMaterial(this.publicJwkOf(key));
      if (this.ephemeral.curves.has(jwk.crv)) prepared = { crv: jwk.crv, key: this.ephemeral.prepare(jwk) };
    } catch {
      // Not an agreement key, or refused by the host: Wasm agrees.
    }
    if (typeof prepared?.key?.then === "function") {
      const { crv } = prepared;
      prepared.key = prepared.key.catch(() => null).then((made) => {
        this.byKey.set(key, made && { crv, key: made });
        return made;
      });
    }
    this.byKey.set(key, prepared);
    return prepared;
  }
}
