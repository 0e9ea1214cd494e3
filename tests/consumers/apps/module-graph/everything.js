// A page that uses everything "edgejwt" has: the graph the verify-only page's is compared with (it
// must hold the modules the verify-only page leaves out, or the graph was not read). Encryption is
// not in it: that is edgejwt/jwe (jwe.js).
import * as edgejwt from "edgejwt";

await edgejwt.init();
globalThis.edgejwt = edgejwt;
