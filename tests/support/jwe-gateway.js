// Encrypted access tokens for the gateway's tests (Node and workerd): the gateway's own keys, a
// signer the provider trusts, and what an attacker sends: tampered parts, a JWE to another key, a
// forged inner JWS, an encrypted-only JWT, an oversized JWE, headers asking for zip, RSA1_5 or a
// huge p2c (written into the header: a real one would make its maker run the iterations).
import { b64, headerOf, tampered, withHeader } from "./jwe-tokens.js";

export { tampered };

export const ISSUER = "https://idp.example";
export const AUDIENCE = "api";
export const JWE = { alg: "ECDH-ES+A256KW", enc: "A256GCM" };
export const PBES2 = { alg: "PBES2-HS256+A128KW", enc: "A128GCM" };

// Keys: the gateway's decryption key (a private JWK Set entry), the recipient's public half the
// issuer encrypts to, the issuer's ES256 signer and its public JWK Set; another recipient and
// another signer for the attacker.
export function jweKeys(api) {
  const pair = (alg) => api.generateKeyPair(alg, { extractable: true });
  const encryption = pair(JWE.alg);
  const stranger = pair(JWE.alg);
  const signing = pair("ES256");
  const forger = pair("ES256");
  return {
    decryptionJwks: { keys: [{ ...api.exportJWK(encryption.privateKey), kid: "enc-1", alg: JWE.alg, use: "enc" }] },
    recipient: encryption.publicKey,
    strangerRecipient: stranger.publicKey,
    signer: signing.privateKey,
    forger: forger.privateKey,
    verificationJwks: { keys: [{ ...api.exportJWK(signing.publicKey), kid: "sig-1", alg: "ES256", use: "sig" }] },
  };
}

// The token makers for `keys`: nested (sign, then encrypt), encrypted-only, and the attacker's.
export function jweTokens(api, keys) {
  // The claims are written out (no issuer or expiresIn options), so a test's own iss, aud or exp stands.
  const claimsOf = (claims) => ({ iss: ISSUER, aud: AUDIENCE, sub: "u1", scope: "read", exp: Math.floor(Date.now() / 1000) + 300, ...claims });
  const nested = (claims = {}, { signer = keys.signer, recipient = keys.recipient } = {}) =>
    api.signAndEncrypt(claimsOf(claims), signer, recipient, { ...JWE, kid: "enc-1", signing: { alg: "ES256", kid: "sig-1" } });
  const encryptedOnly = (claims = {}) => api.encrypt(claimsOf(claims), keys.recipient, { ...JWE, kid: "enc-1" });
  // The signed JWT inside a nested token, as a plain bearer token.
  const signed = (claims = {}) => api.sign(claimsOf(claims), keys.signer, { alg: "ES256", kid: "sig-1" });
  return { nested, encryptedOnly, signed };
}

// What an attacker sends, each with the code the gateway must answer 401 with.
export function attacks(api, keys) {
  const { nested, encryptedOnly } = jweTokens(api, keys);
  const valid = nested();
  const failed = "ERR_JWE_DECRYPTION_FAILED";
  return [
    ...[0, 1, 2, 3, 4].map((index) => ({ name: `tampered part ${index}`, token: tampered(valid, index), code: failed })),
    { name: "a header member added", token: withHeader(valid, { ...headerOf(valid), kid: "attacker" }), code: failed },
    { name: "encrypted to another key", token: nested({}, { recipient: keys.strangerRecipient }), code: failed },
    { name: "zip", token: withHeader(valid, { ...headerOf(valid), zip: "DEF" }), code: failed },
    { name: "RSA1_5", token: withHeader(valid, { ...headerOf(valid), alg: "RSA1_5" }), code: failed },
    { name: "p2c huge", token: withHeader(valid, { ...PBES2, cty: "JWT", p2s: "AAAAAAAAAAA", p2c: 2 ** 31 }), code: failed },
    { name: "oversized", token: [b64(headerOf(valid)), "A".repeat(54), "A".repeat(16), "A".repeat(70_000), "A".repeat(22)].join("."), code: failed },
    { name: "inner JWS forged", token: nested({}, { signer: keys.forger }), code: "ERR_JWS_SIGNATURE_VERIFICATION_FAILED" },
    { name: "encrypted-only where nested is required", token: encryptedOnly(), code: "ERR_JWT_UNSIGNED" },
    { name: "a JWE inside a JWE", token: api.compactEncrypt(new TextEncoder().encode(valid), keys.recipient, { ...JWE, header: { cty: "JWT" } }), code: "ERR_JWS_INVALID" },
  ];
}
