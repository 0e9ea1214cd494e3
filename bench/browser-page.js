// The Chromium bench's page (bench/browser.html): edgejwt's Emscripten build as a browser loads it
// (js/index.js, its Wasm fetched beside it) and jose's WebCrypto build, both as served modules.
// bench/browser.js calls prepare() once, then round() once per round.
import * as edgejwt from "../js/index.js";
import * as edgejwtJwe from "../js/jwe.js";
import * as jose from "../node_modules/jose/dist/webapi/index.js";
import { prepareCases, runRound } from "./web-cases.js";

let prepared = null;

globalThis.edgejwtBench = {
  async prepare() {
    await edgejwt.init();
    await edgejwtJwe.init();
    prepared = await prepareCases({ edgejwt, edgejwtJwe, jose });
    const { cases, notes, ed25519 } = prepared;
    return { cases: cases.map(({ alg, name }) => ({ alg, name })), notes, ed25519 };
  },
  round: (caseMs) => runRound(prepared.cases, caseMs),
};
