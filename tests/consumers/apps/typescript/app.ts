// TypeScript under moduleResolution bundler, nodenext and node10 (tsconfig.<mode>.json): the
// package's types resolve, and the compiled output runs in Node; edgejwt/jwe's too (an encrypted
// JWT, typed, made sync and async, decrypted).
import { init, sign, verify, verifyAsync, generateKeyPair, type VerifyResult } from "edgejwt";
import * as wasi from "edgejwt/wasi";
import * as jwe from "edgejwt/jwe";
import { check } from "./check.js";

async function main(): Promise<void> {
  await init();
  await wasi.init({ wasi: "shim" });
  const { publicKey, privateKey } = generateKeyPair("ES256");
  const result: VerifyResult<{ sub: string }> = verify(sign({ sub: "typed" }, privateKey, { alg: "ES256" }), publicKey);
  await jwe.init();
  const recipient = jwe.generateKeyPair("ECDH-ES+A256KW");
  const options: jwe.EncryptJWTOptions = { alg: "ECDH-ES+A256KW", enc: "A256GCM", expiresIn: "5m" };
  const decrypted = jwe.decrypt<{ sub: string }>(jwe.encrypt({ sub: "typed" }, recipient.publicKey, options), recipient.privateKey);
  const encryptedAsync: string = await jwe.encryptAsync({ sub: "typed" }, recipient.publicKey, options);
  const decryptedAsync = jwe.decrypt<{ sub: string }>(encryptedAsync, recipient.privateKey);
  const typed = result.payload.sub === "typed" && decrypted.payload.sub === "typed" && decryptedAsync.payload.sub === "typed";
  const reports = [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
  console.log(JSON.stringify(reports.map((report) => ({ ...report, ok: report.ok && typed }))));
}

void main();
