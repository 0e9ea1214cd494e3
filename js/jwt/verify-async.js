// Verifying a JWT asynchronously: with key sources that may need to fetch first (a RemoteJWKSet),
// and with the signature primitive on an asynchronous host (WebCrypto) where there is one;
// otherwise exactly as verify.
import { PayloadKind } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { keyForToken } from "../key/resolve.js";
import { Verification, copiesOf } from "../jws/verification.js";
import { JWKSNoMatchingKey } from "../errors.js";
import { decodeProtectedHeader } from "./decode.js";

export async function verifyAsync(runtime, token, key, options) {
  runtime.ready();
  options = optionsOf(options);
  const onHand = withKeysOnHand(runtime, token, key, options);
  if (onHand) {
    const hit = onHand.cache && onHand.cached(); // answered at once, as a cache hit should be
    if (hit) return hit;
    try {
      return await verified(onHand, options, false);
    } catch (error) {
      if (!(error instanceof JWKSNoMatchingKey)) throw error;
    }
  }
  key = await keyForToken(runtime, key, () => decodeProtectedHeader(runtime, token, options), token);
  runtime.ready(); // the instance may have been replaced while a key set was fetched
  // A token verified under keys on hand has been looked up in the cache already.
  return verified(new Verification(runtime, token, key, options, PayloadKind.jwt), options, !onHand);
}

// The verification of a token under a remote set's keys on hand (keySetAtOnce), which keySetFor
// would answer for any token whose kid they have or that names none, starting nothing: its header
// need not be decoded first (a crossing into the core) to choose them. A token that none of them
// fits (an unknown kid, perhaps a key the provider has just added) is verified again under the set
// keySetFor answers. undefined without such keys, and for anything the full path refuses: it
// reports that itself.
function withKeysOnHand(runtime, token, key, options) {
  if (typeof key?.keySetAtOnce !== "function") return undefined;
  const set = key.keySetAtOnce();
  if (set === undefined) return undefined;
  try {
    return new Verification(runtime, token, set, options, PayloadKind.jwt);
  } catch {
    return undefined;
  }
}

// The result: the cache's (when `lookUp`), the core's with the primitive on a synchronous host, or
// with an asynchronous host's verdict. Also a nested token's inner JWS's (jwt/nested-async.js).
export function verified(verification, options, lookUp) {
  if (verification.runtime.host?.synchronous !== false || !verification.takesHost) return verification.result(lookUp);
  return onAsyncHost(verification, options, lookUp);
}

// A cache hit is answered at once. Otherwise one call into the core holds the verdict of every check
// but the primitive, the host checks the primitive, and its verdict settles the held one. The
// policy is looked up again after the host answers: the options may have changed meanwhile, and
// then the token is held again under the new policy, the verdict standing for the same algorithm
// and key.
async function onAsyncHost(verification, options, lookUp) {
  const hit = lookUp && verification.cache && verification.cached();
  if (hit) return hit;
  const verdict = await askHost(verification);
  const { runtime } = verification;
  runtime.ready();
  verification.policy = runtime.policies.policyFor(options);
  const outcome = verdict === null ? verification.inWasm() : settled(verification, verdict);
  return verification.cache ? verification.remember(outcome) : outcome.result;
}

// The held verification with the host's verdict on its primitive; null when the host does not
// check it (Wasm does). A failure before the primitive is thrown.
async function askHost(verification) {
  const held = verification.hold(copiesOf); // copies: the host works while other calls may run
  if (!held) return null;
  const { host } = verification.runtime;
  let { prepared } = held;
  try {
    if (typeof prepared?.then === "function") prepared = await prepared;
    if (prepared) return { held, valid: await host.verify(prepared, held.signingInput, held.signature) };
  } catch {
    // The host could not decide: Wasm does.
  }
  return null;
}

function settled(verification, { held, valid }) {
  if (held.policy === verification.policy) return verification.settle(held, valid);
  const again = verification.hold(copiesOf);
  return again && again.header.alg === held.header.alg && again.keyIndex === held.keyIndex
    ? verification.settle(again, valid) : verification.inWasm();
}
