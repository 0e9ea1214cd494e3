// npm start (for now): sign a token with an embedded demo secret, verify it on both Wasm builds,
// print its claims, and show a tampered token refused with its error code.
import * as emscripten from "../js/index.js";
import * as wasi from "../js/wasi.js";

// A demo secret, public on purpose: never use an embedded secret outside a demo.
const DEMO_SECRET = new TextEncoder().encode("edgejwt-demo-secret-32-bytes-long!!");

await Promise.all([emscripten.init(), wasi.init()]);
const now = Math.floor(Date.now() / 1000);
const token = emscripten.sign({ sub: "demo-user", scope: "read", iat: now, exp: now + 600 }, DEMO_SECRET, { alg: "HS256", kid: "demo" });
console.log(`token (HS256, signed by the Emscripten build):\n  ${token}\n`);

for (const [name, api] of [["emscripten", emscripten], ["wasi", wasi]]) {
  const { payload, protectedHeader } = api.verify(token, DEMO_SECRET, { algorithms: ["HS256"] });
  console.log(`verified by the ${name} build: header ${JSON.stringify(protectedHeader)}`);
  console.log(`  claims ${JSON.stringify(payload)}`);
}

const [header, , signature] = token.split(".");
const forgedClaims = Buffer.from(JSON.stringify({ sub: "admin", scope: "write", exp: now + 600 })).toString("base64url");
const tampered = `${header}.${forgedClaims}.${signature}`;
for (const [name, api] of [["emscripten", emscripten], ["wasi", wasi]]) {
  try {
    api.verify(tampered, DEMO_SECRET, { algorithms: ["HS256"] });
    console.error(`the ${name} build accepted a tampered token`);
    process.exitCode = 1;
  } catch (error) {
    console.log(`tampered token refused by the ${name} build: ${error.code} (${error.message})`);
  }
}
console.log(`\ndecoded without verifying: ${JSON.stringify(emscripten.decode(tampered))}`);
