// Node (CommonJS): require() of the ES module package (Node ^20.19 and >= 22.12 load it synchronously).
const { init, sign, verify, verifyAsync, generateKeyPair } = require("edgejwt");
const wasi = require("edgejwt/wasi");
const { check } = require("./check.js");

async function main() {
  await init();
  await wasi.init();
  return [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
}

main().then((reports) => console.log(JSON.stringify(reports)));
