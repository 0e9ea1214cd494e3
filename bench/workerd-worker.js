// The workerd bench's worker (bench/workerd.js runs it): edgejwt's WASI build imported as edge/worker.js
// imports it, and jose's WebCrypto build. GET /cases prepares the cases and names them; GET /round?ms=N
// measures each once for N ms and answers their ops/s, and `clockMs`, how far workerd's clock moved.
//
// Timing: deployed Workers freeze Date.now() and performance.now() during synchronous code (they move
// only on I/O), so a clock read right after a burst of verifies would see no time pass. Every read is
// therefore taken after an awaited scheduler.wait(0), a timer event that brings the clock up to date,
// and the operations between two reads grow until they span a sixteenth of the case (common.js,
// measure), so those awaits weigh next to nothing. The Node side checks `clockMs` against each
// request's wall time.
import wasm from "../dist/wasi/edgejwt.wasm";
import jweWasm from "../dist/wasi/edgejwt-jwe.wasm";
import * as edgejwt from "../js/wasi.js";
import * as edgejwtJwe from "../js/wasi-jwe.js";
import * as jose from "../node_modules/jose/dist/webapi/index.js";
import { prepareCases, runRound } from "./web-cases.js";

const settle = () => scheduler.wait(0);

// Built on the first request: workerd allows no randomness (key generation) at a module's top level.
let prepared = null;

async function prepare() {
  await edgejwt.init({ wasm, wasi: "shim" });
  await edgejwtJwe.init({ wasm: jweWasm, wasi: "shim" });
  return prepareCases({ edgejwt, edgejwtJwe, jose });
}

export default {
  async fetch(request) {
    try {
      prepared ??= prepare();
      const { cases, notes, ed25519 } = await prepared;
      const url = new URL(request.url);
      if (url.pathname === "/cases") {
        return Response.json({ cases: cases.map(({ alg, name }) => ({ alg, name })), notes, ed25519 });
      }
      if (url.pathname !== "/round") return new Response("not found\n", { status: 404 });
      await settle();
      const start = performance.now();
      const samples = await runRound(cases, Number(url.searchParams.get("ms")), settle);
      await settle();
      return Response.json({ samples, clockMs: performance.now() - start });
    } catch (error) {
      return new Response(`bench worker failed: ${error?.stack ?? error}\n`, { status: 500 });
    }
  },
};
