// A Worker bundled by `wrangler deploy --dry-run --outdir dist` (no rules needed: wrangler resolves
// the package's "workerd" condition, whose entry imports the Wasm as a module it uploads).
import { init, sign, verify, verifyAsync, generateKeyPair } from "edgejwt";
import * as wasi from "edgejwt/wasi";
import { check } from "./check.js";

export default {
  async fetch() {
    await init();
    await wasi.init();
    return Response.json([await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)]);
  },
};
