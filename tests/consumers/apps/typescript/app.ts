// TypeScript under moduleResolution bundler, nodenext and node10 (tsconfig.<mode>.json): the
// package's types resolve, and the compiled output runs in Node.
import { init, sign, verify, verifyAsync, generateKeyPair, type VerifyResult } from "edgejwt";
import * as wasi from "edgejwt/wasi";
import { check } from "./check.js";

async function main(): Promise<void> {
  await init();
  await wasi.init({ wasi: "shim" });
  const { publicKey, privateKey } = generateKeyPair("ES256");
  const result: VerifyResult<{ sub: string }> = verify(sign({ sub: "typed" }, privateKey, { alg: "ES256" }), publicKey);
  const typed = result.payload.sub === "typed";
  const reports = [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
  console.log(JSON.stringify(reports.map((report) => ({ ...report, ok: report.ok && typed }))));
}

void main();
