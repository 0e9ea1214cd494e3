// `node --import ./swap-jose.js program.js`: runs the example program with its "jose" import
// resolved to the specifier in EDGEJWT_JOSE_ENTRY (e.g. "edgejwt/jose"), resolved from the program
// itself (inside this package). Only the example program's own import is swapped.
import { register } from "node:module";

register("./swap-jose-hooks.js", import.meta.url, {
  data: { entry: process.env.EDGEJWT_JOSE_ENTRY, program: new URL("./program.js", import.meta.url).href },
});
