// vite build: Vite emits the Wasm that new URL(…, import.meta.url) names inside the package.
import { init, sign, verify, verifyAsync, generateKeyPair } from "edgejwt";
import * as wasi from "edgejwt/wasi";
import { check } from "./check.js";

await init();
await wasi.init();
globalThis.consumerReports = [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
