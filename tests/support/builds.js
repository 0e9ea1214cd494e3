// The builds every API suite runs against: the Emscripten build, and the WASI build on node:wasi
// and on our own preview1 shim (what workerd and browsers use). Each gets its own API instance.
// `builds` load each build's default module (no encryption), `jweBuilds` its JWE module (the
// edgejwt/jwe entries'): the API is the same on both, and its JWE operations work on the second only.
import { createApi } from "../../js/api.js";
import { createGatewayFactory } from "../../js/gateway.js";
import { Core } from "../../js/core.js";
import { algorithmTable } from "../../js/host-crypto/algorithms.js";
import { loadEmscriptenEngine } from "../../js/engines/emscripten.js";
import { loadWasiEngine } from "../../js/engines/wasi.js";
import { loadEmscriptenJweEngine } from "../../js/engines/emscripten-jwe.js";
import { loadWasiJweEngine } from "../../js/engines/wasi-jwe.js";

export const builds = [
  { name: "emscripten", load: loadEmscriptenEngine, options: {} },
  { name: "wasi (node:wasi)", load: loadWasiEngine, options: { wasi: "node" } },
  { name: "wasi (shim)", load: loadWasiEngine, options: { wasi: "shim" } },
];

export const jweBuilds = [
  { name: "emscripten JWE", load: loadEmscriptenJweEngine, options: {} },
  { name: "wasi JWE (node:wasi)", load: loadWasiJweEngine, options: { wasi: "node" } },
  { name: "wasi JWE (shim)", load: loadWasiJweEngine, options: { wasi: "shim" } },
];

// The ready API of one build, with the gateway bound to it as the package entries bind it.
export async function apiFor(build) {
  const api = createApi(build.load);
  api.createGateway = createGatewayFactory(api);
  await api.init(build.options);
  return api;
}

// The C ABI of one build, for tests of what the public API does not expose on its own.
export async function coreFor(build) {
  return new Core(await build.load(build.options));
}

// The algorithms a host checks, as a runtime learns them from the build's core (js/host-crypto/algorithms.js).
export async function algorithmsOf(build) {
  return algorithmTable(JSON.parse((await coreFor(build)).call("edgejwt_algorithms").output));
}
