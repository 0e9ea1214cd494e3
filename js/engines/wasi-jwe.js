// The WASI build's JWE module: every operation, encryption included (the edgejwt/wasi/jwe entry).
// Workers import the file instead (js/wasi-jwe-workerd.js).
import { loadWasiModule } from "./wasi-module.js";

export const loadWasiJweEngine = (options) =>
  loadWasiModule(() => new URL("../../dist/wasi/edgejwt-jwe.wasm", import.meta.url), options);
