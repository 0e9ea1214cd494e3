// The Emscripten build's JWE module: every operation, encryption included (the edgejwt/jwe entry).
//
// Bundlers that understand new URL(…, import.meta.url) (webpack, Vite) emit the file and rewrite
// this expression; Workers import the file instead (js/jwe-workerd.js).
import { loadEmscriptenModule } from "./emscripten-glue.js";
import { withEncryption } from "../jwe/abi.js";

export const loadEmscriptenJweEngine = (options) => withEncryption(loadEmscriptenModule(
  () => import("../../dist/emscripten/edgejwt-jwe.mjs"),
  () => new URL("../../dist/emscripten/edgejwt-jwe.wasm", import.meta.url),
  "edgejwt-jwe", options));
