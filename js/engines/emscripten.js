// The Emscripten build's default module: every operation but encryption (JWE is in
// emscripten-jwe.js's module, for the edgejwt/jwe entry).
//
// Bundlers that understand new URL(…, import.meta.url) (webpack, Vite) emit the file and rewrite
// this expression; Workers import the file instead (js/workerd.js).
import { loadEmscriptenModule } from "./emscripten-glue.js";

export const loadEmscriptenEngine = (options) => loadEmscriptenModule(
  () => import("../../dist/emscripten/edgejwt.mjs"),
  () => new URL("../../dist/emscripten/edgejwt.wasm", import.meta.url),
  "edgejwt", options);
