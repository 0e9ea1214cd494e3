// Encrypted tokens (JWE) in the inspector: the key pasted to decrypt one, imported for the token's
// own "alg" (a JWK or PEM private key, a JWK Set of decryption keys, or secret bytes for "dir", AES
// key wrap or a PBES2 password), and what decrypting shows: for a nested token (cty "JWT") the inner
// JWS, which the page then decodes and verifies as any pasted token; otherwise the claims, which no
// signature vouches for. The library does every check; this only says what came out.
import { readKey } from "./key-input.js";

// A compact JWE has exactly five parts.
export const isCompactJwe = (token) => token.split(".", 6).length === 5;

// RFC 7519 §5.2: "JWT", a media type compared case-insensitively.
export const isNested = (header) => typeof header.cty === "string" && header.cty.toUpperCase() === "JWT";

// The decryption key for a JWE whose protected header is `header`, from the field's text:
// { value, options, free() }, or null for an empty field. `api`: { importJWK, importPEM, createLocalJWKSet }.
export function decryptionKeyOf(api, text, format, header) {
  const input = readKey(text, format);
  if (!input) return null;
  const alg = header.alg === "dir" ? header.enc : header.alg; // what a "dir" key is bound to is its "enc"
  if (input.kind === "secret") {
    // Bytes are a PBES2 password only when the token's alg is PBES2 and the user pasted them for it.
    const options = typeof header.alg === "string" && header.alg.startsWith("PBES2") ? { keyManagementAlgorithms: [header.alg] } : {};
    return { value: input.bytes, options, free() { input.bytes.fill(0); } };
  }
  const key = input.kind === "jwks" ? api.createLocalJWKSet(input.jwks, { use: "enc" })
    : input.kind === "jwk" ? api.importJWK(input.text, JSON.parse(input.text).alg ?? alg)
      : api.importPEM(input.pem, alg);
  return { value: key, options: {}, free: () => key.free?.() };
}

// What `compactDecrypt`'s plaintext is: { nested: true, inner } (the inner JWS's text) or
// { nested: false, payload } (the claims, parsed).
export function openedOf({ plaintext, protectedHeader }) {
  const text = new TextDecoder("utf-8", { fatal: true }).decode(plaintext);
  return isNested(protectedHeader) ? { nested: true, inner: text.trim() } : { nested: false, payload: JSON.parse(text) };
}
