// A local JWK Set (jose's createLocalJWKSet): every entry imported and checked once, here; verify
// then picks the one key that fits each token (key/key.js: LocalJWKSet).
import { JOSEInvalidArgument, JWKSInvalid } from "../errors.js";
import { KeyUse } from "../abi.js";
import { optionsOf } from "../arguments.js";
import { deepFreeze, isPlainObject } from "../util.js";
import { importedSet } from "../key/key.js";

const USES = { sig: KeyUse.signature, enc: KeyUse.encryption };

// The set is copied as plain data first (structuredClone refuses functions, Proxies and other
// host objects) and frozen: what the core imported is what `jwks` shows and keyAt reads.
// `options.use`: "sig" (the default: a set to verify with) or "enc" (a set to decrypt with, of its
// entries that can decrypt: compactDecrypt picks the one key that fits a token's header).
export function createLocalJWKSet(runtime, jwks, options) {
  runtime.ready();
  const { use = "sig" } = optionsOf(options);
  if (!Object.hasOwn(USES, use)) throw new JOSEInvalidArgument('options.use must be "sig" or "enc"');
  let copy;
  let json;
  try {
    copy = structuredClone(jwks);
    if (isPlainObject(copy) && Array.isArray(copy.keys)) json = JSON.stringify(copy);
  } catch (cause) {
    throw new JWKSInvalid("a JWK Set must be plain JSON data (no functions, Proxies or other objects)", { cause });
  }
  if (json === undefined) throw new JWKSInvalid('a JWK Set is an object with a "keys" array');
  return importedSet(runtime, deepFreeze(copy), json, USES[use]);
}
