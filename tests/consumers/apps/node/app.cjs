// Node (CommonJS): require() of the ES module package (Node ^20.19, ^22.13 and >= 23.5 load it without a warning).
const { init, sign, verify, verifyAsync, generateKeyPair } = require("edgejwt");
const wasi = require("edgejwt/wasi");
const { check } = require("./check.js");

async function main() {
  await init();
  await wasi.init();
  return [await check("edgejwt", { sign, verify, verifyAsync, generateKeyPair }), await check("edgejwt/wasi", wasi)];
}

main().then((reports) => console.log(JSON.stringify(reports)));
