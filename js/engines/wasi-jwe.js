// The WASI build's JWE module: every operation, encryption included (the edgejwt/wasi/jwe entry).
// Workers import the file instead (js/wasi-jwe-workerd.js).
import { loadWasiModule } from "./wasi-module.js";
import { withEncryption } from "../jwe/abi.js";

export const loadWasiJweEngine = (options) =>
  withEncryption(loadWasiModule(() => new URL("../../dist/wasi/edgejwt-jwe.wasm", import.meta.url), options));
