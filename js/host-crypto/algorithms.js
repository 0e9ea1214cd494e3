// What a host needs to know to check a JWS algorithm's signature primitive. Only the asymmetric
// algorithms are listed: HMAC stays in Wasm, where it runs near native speed.

export const HOST_ALGORITHMS = {
  RS256: { scheme: "pkcs1", hashBits: 256 },
  RS384: { scheme: "pkcs1", hashBits: 384 },
  RS512: { scheme: "pkcs1", hashBits: 512 },
  PS256: { scheme: "pss", hashBits: 256 },
  PS384: { scheme: "pss", hashBits: 384 },
  PS512: { scheme: "pss", hashBits: 512 },
  ES256: { scheme: "ecdsa", hashBits: 256, curve: "P-256" },
  ES384: { scheme: "ecdsa", hashBits: 384, curve: "P-384" },
  ES512: { scheme: "ecdsa", hashBits: 512, curve: "P-521" },
  EdDSA: { scheme: "ed25519" },
  Ed25519: { scheme: "ed25519" },
};

// A public JWK reduced to its key material: the host sees nothing else (no alg, use, key_ops, kid),
// so its own rules about those members never disagree with the core's, which already applied them.
export function publicMaterial(jwk) {
  switch (jwk.kty) {
    case "RSA": return { kty: "RSA", n: jwk.n, e: jwk.e };
    case "EC": return { kty: "EC", crv: jwk.crv, x: jwk.x, y: jwk.y };
    case "OKP": return { kty: "OKP", crv: jwk.crv, x: jwk.x };
    default: return null;
  }
}
