// rollup -c: a page of edgejwt/jwe on both builds; import-meta-assets emits the JWE Wasm that
// new URL(…, import.meta.url) names inside the package, and nothing else.
import * as jwe from "edgejwt/jwe";
import * as wasiJwe from "edgejwt/wasi/jwe";
import { jweCheck } from "./jwe-check.js";

await jwe.init();
await wasiJwe.init();
globalThis.consumerReports = [await jweCheck("edgejwt/jwe", jwe), await jweCheck("edgejwt/wasi/jwe", wasiJwe)];
