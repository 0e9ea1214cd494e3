// A page that uses everything: the graph the verify-only page's is compared with (it must hold the
// modules the verify-only page leaves out, or the graph was not read).
import * as edgejwt from "edgejwt";

await edgejwt.init();
globalThis.edgejwt = edgejwt;
