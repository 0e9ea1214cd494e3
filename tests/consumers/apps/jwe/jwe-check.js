// What a consumer of edgejwt/jwe runs once it has initialised it (either build): everything the
// other apps check (apps/check.js: the entry is all of edgejwt), then a nested token (ES256 inside
// ECDH-ES+A256KW/A256GCM) made sync and async and a compact JWE under an AES key-wrapping secret, both decrypted, and
// the JWE refused under another key. Returns a report, never throws.
import { check } from "./check.js";

export async function jweCheck(label, api) {
  const signing = await check(label, api);
  if (!signing.ok) return signing;
  try {
    const recipient = api.generateKeyPair("ECDH-ES+A256KW");
    const { publicKey, privateKey } = api.generateKeyPair("ES256");
    const nested = api.signAndEncrypt({ sub: "consumer" }, privateKey, recipient.publicKey,
      { alg: "ECDH-ES+A256KW", enc: "A256GCM", expiresIn: "5m", signing: { alg: "ES256" } });
    const opened = api.decryptAndVerify(nested, recipient.privateKey, publicKey);
    // The async encryption, ECDH-ES on the runtime's own crypto where it has it.
    const nestedAsync = await api.signAndEncryptAsync({ sub: "consumer" }, privateKey, recipient.publicKey,
      { alg: "ECDH-ES+A256KW", enc: "A256GCM", expiresIn: "5m", signing: { alg: "ES256" } });
    const openedAsync = api.decryptAndVerify(nestedAsync, recipient.privateKey, publicKey);
    const secret = crypto.getRandomValues(new Uint8Array(32));
    const jwe = api.compactEncrypt(new TextEncoder().encode("consumer"), secret, { alg: "A256KW", enc: "A256CBC-HS512" });
    const decrypted = [opened.payload.sub, openedAsync.payload.sub, new TextDecoder().decode(api.compactDecrypt(jwe, secret).plaintext)];
    let refusal = "accepted";
    try {
      api.compactDecrypt(jwe, crypto.getRandomValues(new Uint8Array(32)));
    } catch (error) {
      refusal = error.code;
    }
    const ok = decrypted.every((text) => text === "consumer") && refusal === "ERR_JWE_DECRYPTION_FAILED";
    return { label, ok, subjects: signing.subjects, decrypted, refusal };
  } catch (error) {
    return { label, ok: false, error: `${error.name}: ${error.message}` };
  }
}
