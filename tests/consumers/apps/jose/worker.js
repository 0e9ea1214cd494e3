// A Worker whose jose import became edgejwt/jose, bundled by `wrangler deploy --dry-run --outdir
// dist`: wrangler resolves the "workerd" condition, whose entry imports the Wasm as a module.
import * as jose from "edgejwt/jose";
import * as wasiJose from "edgejwt/wasi/jose";
import { checkJose } from "./jose-check.js";

export default {
  async fetch() {
    return Response.json([await checkJose("edgejwt/jose", jose), await checkJose("edgejwt/wasi/jose", wasiJose)]);
  },
};
