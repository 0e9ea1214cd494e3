// The async encryptions (compactEncryptAsync, encryptAsync, signAndEncryptAsync): the same options,
// results and errors as the sync ones, with key management's costly step on the host where it
// measured faster (node:crypto, WebCrypto; README, "Encrypted tokens"): ECDH-ES's ephemeral key and
// agreement (host-crypto/ephemeral.js), RSA-OAEP's CEK and its encryption to the recipient, PBES2's
// PBKDF2 (host-crypto/key-encryption.js). The core stays the one authority: edgejwt_encrypt_agreed
// and edgejwt_encrypt_hosted run every check of the sync encryption (the header, the "alg" and
// "enc" against the key and its use, the sizes), then take the host's part only in the form that
// step makes (an "epk" as a strict public key on the recipient's own curve and Z of that curve's
// size; a CEK of the "enc"'s size and an encrypted key of the form of an RSA ciphertext under the
// recipient's key; a KEK of the alg's size over the "p2s" and "p2c" edgejwt_encrypt_begin chose),
// and do the rest (the Concat KDF, the CEK's wrapping, the content, a nested token's signature, the
// framing) themselves. Anything else (another "alg", a set, a curve or key the host does not take,
// a host that fails, anything the core refuses) is the sync operation, whose token or error is then
// the answer: the async variants never make a token the sync ones would refuse to.
import { Key, handleFor } from "../key/key.js";
import { privateJwkOf, publicJwkOf } from "../key/export.js";
import { RecipientKeys, hostEphemeral } from "../host-crypto/ephemeral.js";
import { HostKeyEncryption } from "../host-crypto/key-encryption.js";
import { fromBase64url } from "../util.js";
import { encryptionKey } from "./keys.js";

// The runtime's host copies of recipients' keys (made once per runtime), or null without a host.
function recipientKeys(runtime) {
  const ephemeral = hostEphemeral(runtime.host);
  return ephemeral && new RecipientKeys(ephemeral, (key) => publicJwkOf(runtime, key));
}

// { epk, z } from the host for a token of `alg` to `key`, or null when the host does not make it.
async function agreeOnHost(runtime, key, alg) {
  // An EC or X25519 encryption key serves the ECDH-ES algorithms only: one it lists is an agreement.
  if (!(key instanceof Key) || !key.algorithms.includes(alg)) return null;
  const keys = runtime.layer(recipientKeys);
  try {
    const prepared = keys?.prepared(key);
    const recipient = prepared && (await prepared.key);
    return recipient ? await keys.ephemeral.agree(recipient, prepared.crv) : null;
  } catch {
    return null; // the host refused or failed: Wasm makes the token
  }
}

// The runtime's host RSA-OAEP and PBES2 (made once per runtime), or null without a host.
function keyEncryption(runtime) {
  return runtime.host && new HostKeyEncryption(runtime.host, JSON.parse(runtime.core.call("edgejwt_encryption_algorithms").output),
    (key) => publicJwkOf(runtime, key));
}

// `call` is what to encrypt: { payloadKind, signer (a nested token's signing Key), jwsHeader, header
// (the protected header's JSON), plaintext }. The arguments of an edgejwt_encrypt_agreed or
// edgejwt_encrypt_hosted call, the encryption key's and header's after `host`'s.
const coreArguments = (runtime, { payloadKind, signer, jwsHeader, plaintext }, keyHandle, header, ...host) =>
  [payloadKind, signer ? handleFor(runtime, signer) : 0, jwsHeader ?? "", keyHandle, header, plaintext, ...host];

// ECDH-ES: the host's ephemeral key and Z.
async function agreedToken(runtime, key, options, call) {
  const made = await agreeOnHost(runtime, key, options.alg);
  if (!made) return undefined;
  try {
    // The instance may have been replaced meanwhile: the handles are looked up now.
    runtime.ready();
    return runtime.core.call("edgejwt_encrypt_agreed",
      ...coreArguments(runtime, call, handleFor(runtime, key), call.header, JSON.stringify(made.epk), made.z)).output;
  } finally {
    made.z.fill(0);
  }
}

// RSA-OAEP: the host's CEK, encrypted to `key` (a Key that lists the alg).
async function rsaOaepToken(runtime, hosted, info, key, options, call) {
  if (!(key instanceof Key) || !key.algorithms.includes(info.alg)) return undefined;
  const made = await hosted.encryptCek(key, info, options.enc);
  if (!made) return undefined;
  try {
    runtime.ready();
    return runtime.core.call("edgejwt_encrypt_hosted",
      ...coreArguments(runtime, call, handleFor(runtime, key), call.header, made.cek, made.encryptedKey)).output;
  } finally {
    made.cek.fill(0);
  }
}

// PBES2: the core chooses "p2s" and "p2c" (edgejwt_encrypt_begin, after every check before key
// management), the host derives the KEK over them, the core draws and wraps the CEK. `key` is a
// Key or the password's bytes (imported for the call, as the sync operation imports them).
async function pbes2Token(runtime, hosted, info, key, options, call) {
  const usable = encryptionKey(runtime, key, options);
  let kek;
  try {
    const header = runtime.core.call("edgejwt_encrypt_begin", handleFor(runtime, usable.key), call.header).output;
    // The password the key was imported from, copied for the call (the caller's bytes may change
    // while the host works), or the Key's, exported for it; wiped after.
    const password = key instanceof Uint8Array ? key.slice() : fromBase64url(privateJwkOf(runtime, usable.key).k);
    try {
      kek = await hosted.deriveKek(password, info, JSON.parse(header));
    } finally {
      password.fill(0);
    }
    runtime.ready();
    return runtime.core.call("edgejwt_encrypt_hosted",
      ...coreArguments(runtime, call, handleFor(runtime, usable.key), header, kek, new Uint8Array(0))).output;
  } finally {
    kek?.fill(0);
    usable.release();
  }
}

// The token `call` (above) makes with the host's step for `key` under `options` ({ alg, enc,
// hostCrypto }), or undefined when the sync operation must answer.
export async function encryptOnHost(runtime, key, options, call) {
  if (options.hostCrypto === false) return undefined; // this call keeps every primitive in Wasm
  try {
    const hosted = runtime.layer(keyEncryption);
    const info = hosted?.stepFor(options.alg);
    if (!info) return await agreedToken(runtime, key, options, call);
    return info.mode === "pbes2" ? await pbes2Token(runtime, hosted, info, key, options, call)
      : await rsaOaepToken(runtime, hosted, info, key, options, call);
  } catch {
    return undefined; // the host failed, or the core refused: the sync operation says why, or makes the token
  }
}
