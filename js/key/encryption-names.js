// The JWE "alg" and "enc" names of the runtime's Wasm module (edgejwt_encryption_algorithms, read
// once, when a key is first imported or generated): a key for one of them serves encryption. Only
// the JWE modules have these names; a default module has no JWE core, and there an algorithm name
// the core does not know may be a JWE one, so its refusal says which entry has them.
import { signatureIn } from "../core/signatures.js";

const NONE = Object.freeze(new Set());
const ELSEWHERE = ': encryption (JWE) algorithms are in the "edgejwt/jwe" entry ("edgejwt/wasi/jwe" on the WASI build)';

function namesOf({ core }) {
  if (signatureIn(core.signatures, "edgejwt_encryption_algorithms") === undefined) return NONE;
  const { keyManagement, contentEncryption } = JSON.parse(core.call("edgejwt_encryption_algorithms").output);
  return new Set([...keyManagement.map(({ alg }) => alg), ...contentEncryption.map(({ enc }) => enc)]);
}

// The runtime's JWE names (none on a default module), after runtime.ready().
export const encryptionNames = (runtime) => runtime.layer(namesOf);

// `make()`, whose refusal of an unknown algorithm name (the core's ERR_KEY_UNSUPPORTED or
// ERR_JOSE_NOT_SUPPORTED where "alg") on a default module also says where the JWE ones are.
export function namingJweEntry(runtime, make) {
  try {
    return make();
  } catch (error) {
    if (encryptionNames(runtime) === NONE && error?.where === "alg" &&
      (error.status === "ERR_KEY_UNSUPPORTED" || error.status === "ERR_JOSE_NOT_SUPPORTED")) {
      error.message += ELSEWHERE;
    }
    throw error;
  }
}

// The message's ending for a refusal JS makes itself on a default module (generateSecret).
export const jweEntryHint = (runtime) => (encryptionNames(runtime) === NONE ? ELSEWHERE : "");
