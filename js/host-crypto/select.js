// Which host checks signature primitives, chosen once at init(): node:crypto under Node (verify and
// verifyAsync both use it, synchronously), otherwise WebCrypto for verifyAsync (verify stays on
// Wasm). `init({ hostCrypto })`: true (the default) picks the best the runtime has, "node" or
// "webcrypto" insist on one, false keeps every primitive in Wasm.
import { JOSEInvalidArgument, JOSENotSupported } from "../errors.js";
import { loadNodeCrypto } from "./node.js";
import { loadWebCrypto } from "./webcrypto.js";

const isNode = () => typeof process === "object" && typeof process?.versions?.node === "string";

// The host, or null for none, for the algorithms of the core's table (algorithms.js).
export async function loadHostCrypto(choice = true, algorithms) {
  if (![true, false, "node", "webcrypto"].includes(choice)) {
    throw new JOSEInvalidArgument('options.hostCrypto must be true, false, "node" or "webcrypto"');
  }
  if (choice === false) return null;
  if (choice !== "webcrypto" && isNode()) {
    const node = await loadNodeCrypto(algorithms);
    if (node) return node;
  }
  if (choice === "node") return unavailable("node:crypto");
  const webCrypto = await loadWebCrypto(globalThis.crypto?.subtle, algorithms);
  return webCrypto ?? (choice === "webcrypto" ? unavailable("WebCrypto (crypto.subtle)") : null);
}

function unavailable(what) {
  throw new JOSENotSupported(`hostCrypto: ${what} is not available in this runtime`);
}
