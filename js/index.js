// edgejwt on its Emscripten build: for browsers, Node and bundlers.
import { createApi } from "./api.js";
import { loadEmscriptenEngine } from "./engines/emscripten.js";

export * from "./errors.js";
export const { init, sign, verify, decode } = createApi(loadEmscriptenEngine);
