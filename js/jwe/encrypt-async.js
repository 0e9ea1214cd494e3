// The async encryptions (compactEncryptAsync, encryptAsync, signAndEncryptAsync): the same options,
// results and errors as the sync ones, with ECDH-ES's ephemeral key and agreement on the host where
// it measured faster (node:crypto, WebCrypto: host-crypto/ephemeral.js; README, "Encrypted tokens").
// The core stays the one authority: edgejwt_encrypt_agreed runs every check of the sync encryption
// (the header, the "alg" and "enc" against the key and its use, the sizes), then takes the host's
// "epk" only as a strict public key on the recipient's own curve and Z only of that curve's size,
// and does the Concat KDF, the CEK's wrapping, the content, a nested token's signature and the
// framing itself. Anything else (another "alg", raw key bytes, a set, a curve the host does not
// take, a host that fails, anything the core refuses) is the sync operation, whose token or error
// is then the answer: the async variants never make a token the sync ones would refuse to.
import { Key, handleFor } from "../key/key.js";
import { publicJwkOf } from "../key/export.js";
import { RecipientKeys, hostEphemeral } from "../host-crypto/ephemeral.js";

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

// The token `encrypt(keyHandle, epkJson, z)` makes (an edgejwt_encrypt_agreed call) with the host's
// ephemeral key and agreement for `key` under `options` ({ alg, hostCrypto }), or undefined when the
// sync operation must answer.
export async function encryptOnHost(runtime, key, options, encrypt) {
  if (options.hostCrypto === false) return undefined; // this call keeps every primitive in Wasm
  const made = await agreeOnHost(runtime, key, options.alg);
  if (!made) return undefined;
  try {
    // The instance may have been replaced meanwhile: the handles are looked up now.
    runtime.ready();
    return encrypt(handleFor(runtime, key), JSON.stringify(made.epk), made.z);
  } catch {
    return undefined; // refused: the sync operation says why, or makes the token without the host
  } finally {
    made.z.fill(0);
  }
}
