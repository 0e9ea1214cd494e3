// esbuild app.js --bundle --loader:.wasm=file --outdir=public
// esbuild has no new URL(…, import.meta.url) assets: the app imports the Wasm file (the loader
// emits it and gives its URL) and hands it to init().
import { init, sign, verify, verifyAsync, generateKeyPair } from "edgejwt";
import wasm from "edgejwt/dist/emscripten/edgejwt.wasm";
import * as wasi from "edgejwt/wasi";
import wasiWasm from "edgejwt/dist/wasi/edgejwt.wasm";
import { check } from "./check.js";

async function main() {
  await init({ wasm });
  await wasi.init({ wasm: wasiWasm });
  return [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
}

main().then((reports) => { globalThis.consumerReports = reports; });
