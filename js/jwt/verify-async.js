// Verifying a JWT asynchronously: with key sources that may need to fetch first (a RemoteJWKSet),
// and with the signature primitive on an asynchronous host (WebCrypto) where there is one;
// otherwise exactly as verify.
import { PayloadKind } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { keyForToken } from "../key/resolve.js";
import { Verification } from "../jws/verification.js";
import { VerifiedTokenCache } from "../cache/verified-tokens.js";
import { decodeProtectedHeader } from "./decode.js";

export async function verifyAsync(runtime, token, key, options) {
  runtime.ready();
  options = optionsOf(options);
  const hit = cachedAtOnce(runtime, token, key, options);
  if (hit) return hit;
  key = await keyForToken(runtime, key, () => decodeProtectedHeader(runtime, token, options), token);
  runtime.ready(); // the instance may have been replaced while a key set was fetched
  const verification = new Verification(runtime, token, key, options, PayloadKind.jwt);
  if (runtime.host?.synchronous !== false || !verification.takesHost) return verification.result();
  return onAsyncHost(verification, options);
}

// A verified-token cache hit under a remote set's keys on hand (keySetAtOnce): keySetFor would
// answer that set for this token, so the header is not decoded (a crossing into the core) to choose
// it. undefined on a miss, uncounted (the verification's own lookup counts it), and for anything the
// full path would refuse: it reports that itself.
function cachedAtOnce(runtime, token, key, options) {
  if (!(options.cache instanceof VerifiedTokenCache) || typeof key?.keySetAtOnce !== "function") return undefined;
  const set = key.keySetAtOnce();
  if (set === undefined) return undefined;
  let verification;
  try {
    verification = new Verification(runtime, token, set, options, PayloadKind.jwt);
  } catch {
    return undefined;
  }
  return verification.cache.hit(verification.cacheKey(), verification.now);
}

// A cache hit is answered at once. Otherwise the core begins, the host checks the primitive, and a
// synchronous pass finishes with that verdict. The policy and handles are looked up again after the
// host answers: the options may have changed, and the instance been used or replaced, meanwhile.
async function onAsyncHost(verification, options) {
  const hit = verification.cache && verification.cached();
  if (hit) return hit;
  const verdict = await askHost(verification);
  const { runtime } = verification;
  runtime.ready();
  verification.policy = runtime.policies.policyFor(options);
  let outcome;
  if (verdict && verification.finishable(verdict.begun) && verdict.begun.policy === verification.policy) {
    outcome = verification.finish(verdict.begun, verdict.valid);
  } else {
    // Verified again, the verdict standing for the same algorithm and key.
    if (verdict) verification.release(verdict.begun);
    outcome = verification.verify(verdict && replay(verdict));
  }
  return verification.cache ? verification.remember(outcome) : outcome.result;
}

// The asynchronous host's verdict on the token's signature, with the verification it is for; null
// when the core refuses the token before the primitive (the synchronous pass reports why) or the
// host does not check it.
async function askHost(verification) {
  let begun;
  try {
    begun = verification.begin();
  } catch {
    return null;
  }
  const { core, host, hostKeys } = verification.runtime;
  const { header: { alg }, keyIndex } = begun;
  // Copies: the host works while the memory may grow.
  const input = core.bytesOf(begun.signingInput);
  const signature = core.bytesOf(begun.signature);
  try {
    let prepared = hostKeys.prepared(verification.key, keyIndex, alg);
    if (typeof prepared?.then === "function") prepared = await prepared;
    if (prepared) return { alg, keyIndex, begun, valid: await host.verify(prepared, input, signature) };
  } catch {
    // The host could not decide: Wasm does.
  }
  verification.release(begun);
  return null;
}

// An asynchronous host's verdict, reached earlier, as the primitive for the verification it was
// reached for (the same algorithm and key).
const replay = (verdict) => (verification, { header, keyIndex }) =>
  verdict.alg === header.alg && verdict.keyIndex === keyIndex ? verdict.valid : null;
