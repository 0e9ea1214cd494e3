// A page that uses everything edgejwt/jwe has: the graph that must hold the JWE modules and the
// JWE Wasm that the other pages leave out (or the graph was not read).
import * as edgejwt from "edgejwt/jwe";

await edgejwt.init();
globalThis.edgejwt = edgejwt;
