// What the JWE differential tests share (the async encryptions' and decryptions' against the sync
// ones): every JWE "alg", "enc" and curve, and a call's outcome as something to compare.

export const KEY_MANAGEMENT = ["dir", "A128KW", "A192KW", "A256KW", "A128GCMKW", "A192GCMKW", "A256GCMKW", "ECDH-ES", "ECDH-ES+A128KW",
  "ECDH-ES+A192KW", "ECDH-ES+A256KW", "RSA-OAEP", "RSA-OAEP-256", "RSA-OAEP-384", "RSA-OAEP-512", "PBES2-HS256+A128KW",
  "PBES2-HS384+A192KW", "PBES2-HS512+A256KW"];
export const CONTENT = ["A128GCM", "A192GCM", "A256GCM", "A128CBC-HS256", "A192CBC-HS384", "A256CBC-HS512"];
export const CURVES = ["P-256", "P-384", "P-521", "X25519"];
export const KEY_BITS = { A128: 128, A192: 192, A256: 256 };
export const PBES2 = (alg) => alg.startsWith("PBES2");

// Random bytes of the size "dir" (a CEK of `enc`'s size) or an AES key-wrapping `alg` takes.
export function secretFor(alg, enc) {
  const bits = alg === "dir" ? KEY_BITS[enc.slice(0, 4)] * (enc.includes("CBC") ? 2 : 1) : KEY_BITS[alg.slice(0, 4)];
  return crypto.getRandomValues(new Uint8Array(bits / 8));
}

// The outcome of a call, sync or async: its result, or its error's shape (class, code, status,
// detail, where, and a claims error's payload).
export async function outcome(call) {
  try {
    return { result: await call() };
  } catch (error) {
    return { error: { name: error.name, code: error.code, status: error.status, detail: error.detail, where: error.where, claims: error.payload } };
  }
}
