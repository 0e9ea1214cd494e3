// esbuild esbuild.js --bundle --loader:.wasm=file --outdir=public-esbuild: a page of edgejwt/jwe on
// both builds, each given its JWE Wasm as the esbuild app gives the default one (apps/esbuild).
import * as jwe from "edgejwt/jwe";
import wasm from "edgejwt/dist/emscripten/edgejwt-jwe.wasm";
import * as wasiJwe from "edgejwt/wasi/jwe";
import wasiWasm from "edgejwt/dist/wasi/edgejwt-jwe.wasm";
import { jweCheck } from "./jwe-check.js";

async function main() {
  await jwe.init({ wasm });
  await wasiJwe.init({ wasm: wasiWasm });
  return [await jweCheck("edgejwt/jwe", jwe), await jweCheck("edgejwt/wasi/jwe", wasiJwe)];
}

main().then((reports) => { globalThis.consumerReports = reports; });
