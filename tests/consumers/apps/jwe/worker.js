// A Worker of edgejwt/jwe bundled by `wrangler deploy --dry-run --outdir dist`: wrangler resolves
// the entries' "workerd" condition, whose files import the JWE Wasm as modules it uploads.
import * as jwe from "edgejwt/jwe";
import * as wasiJwe from "edgejwt/wasi/jwe";
import { jweCheck } from "./jwe-check.js";

export default {
  async fetch() {
    await jwe.init();
    await wasiJwe.init();
    return Response.json([await jweCheck("edgejwt/jwe", jwe), await jweCheck("edgejwt/wasi/jwe", wasiJwe)]);
  },
};
