// edgejwt on its WASI build: for edge runtimes (workerd), other WASI hosts, and Node.
import { createApi } from "./api.js";
import { loadWasiEngine } from "./engines/wasi.js";

export * from "./errors.js";
export const { init, sign, verify, decode } = createApi(loadWasiEngine);
