// What a host needs to know to check a JWS algorithm's signature primitive, derived from the core's
// own table (edgejwt_algorithms, read once at init): the scheme, the hash's size and an EC
// algorithm's curve. Only the asymmetric algorithms: HMAC stays in Wasm, where it runs near native
// speed.

// alg -> { scheme: "pkcs1" | "pss" | "ecdsa" | "ed25519", hashBits, curve }, from the core's table.
export function algorithmTable({ algorithms }) {
  return new Map(algorithms.filter(({ scheme }) => scheme !== "hmac")
    .map(({ alg, scheme, hashBits, crv }) => [alg, Object.freeze({ scheme, hashBits, curve: crv })]));
}

// What a host computing a JWE algorithm's key management step needs (key-management.js), from the
// core's table: alg -> { alg, mode, hashBits (RSA-OAEP's hash, PBES2's HMAC), kekLength (bytes of the
// key that wraps the CEK) }, and each "enc"'s CEK length in bytes.
export function keyManagementTable({ keyManagement, contentEncryption }) {
  return {
    algorithms: new Map(keyManagement.map(({ alg, mode, hashBits, kekLength }) => [alg, Object.freeze({ alg, mode, hashBits, kekLength })])),
    cekLengths: new Map(contentEncryption.map(({ enc, keyLength }) => [enc, keyLength])),
  };
}

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
