// createApi(loadEngine): the whole API on a runtime of its own, as one object, for programs that
// run several builds or instances side by side (the tests, the benchmarks). Its functions are the
// JWE entry's (js/jwe.js: every export of js/index.js and encryption) bound to the new runtime
// instead of the entry's: no list is written here. On a default module (engines/emscripten.js,
// engines/wasi.js) the encryption operations fail as "edgejwt" would fail them (JOSENotSupported).
import * as entry from "./jwe.js";
import { Runtime, operationOf } from "./runtime.js";

export function createApi(loadEngine) {
  const runtime = new Runtime(loadEngine);
  const api = {};
  for (const [name, value] of Object.entries(entry)) {
    const operation = typeof value === "function" ? operationOf(value) : undefined;
    if (operation) api[name] = runtime.bind(operation);
  }
  return api;
}
