// Node (ESM), Bun and Deno: both builds, as installed from the tarball.
import { init, sign, verify, verifyAsync, generateKeyPair } from "edgejwt";
import * as wasi from "edgejwt/wasi"; // the WASI build: the same API
import { check } from "./check.js";

await init();
await wasi.init();
const reports = [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
console.log(JSON.stringify(reports));
