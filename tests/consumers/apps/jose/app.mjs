// Node, Bun and Deno: a jose program's import changed to edgejwt/jose, both builds, no init().
import * as jose from "edgejwt/jose";
import * as wasiJose from "edgejwt/wasi/jose";
import { checkJose } from "./jose-check.js";

console.log(JSON.stringify([await checkJose("edgejwt/jose", jose), await checkJose("edgejwt/wasi/jose", wasiJose)]));
