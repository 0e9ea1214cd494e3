// The WASI build's default module: every operation but encryption (JWE is in wasi-jwe.js's module,
// for the edgejwt/wasi/jwe entry). Workers import the file instead (js/wasi-workerd.js).
import { loadWasiModule } from "./wasi-module.js";

export const loadWasiEngine = (options) =>
  loadWasiModule(() => new URL("../../dist/wasi/edgejwt.wasm", import.meta.url), options);
