// The entries made from the two export lists, each written once: js/wasi.js is js/index.js on the
// WASI engine; js/wasi-jose.js is js/jose.js on the WASI engine, and js/jose-workerd.js and
// js/wasi-jose-workerd.js are the jose entries for Workers (the build's Wasm imported as a module
// and given to the runtime's init, since a Worker cannot read or compile it). The same file with
// its engine's import, its init and its header swapped. The JWE entries (edgejwt/jwe: js/jwe.js,
// js/wasi-jwe.js, and for Workers js/jwe-workerd.js, js/wasi-jwe-workerd.js) are js/index.js (and
// js/workerd.js, js/wasi-workerd.js) on the JWE module, with JWE_OPERATIONS added. Run by bootstrap (node scripts/entries.js);
// `--check` exits 1 when a made file is not what it would write (tests/js/entries.test.js runs the
// same check).
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ENGINE = {
  emscripten: 'import { loadEmscriptenEngine as loadEngine } from "./engines/emscripten.js";',
  wasi: 'import { loadWasiEngine as loadEngine } from "./engines/wasi.js";',
  "emscripten-jwe": 'import { loadEmscriptenJweEngine as loadEngine } from "./engines/emscripten-jwe.js";',
  "wasi-jwe": 'import { loadWasiJweEngine as loadEngine } from "./engines/wasi-jwe.js";',
};
const WASM = {
  emscripten: 'import wasm from "../dist/emscripten/edgejwt.wasm";',
  wasi: 'import wasm from "../dist/wasi/edgejwt.wasm";',
  "emscripten-jwe": 'import wasm from "../dist/emscripten/edgejwt-jwe.wasm";',
  "wasi-jwe": 'import wasm from "../dist/wasi/edgejwt-jwe.wasm";',
};
// The encryption operations, written once: module -> [export name, its operation's local name].
// Only the JWE entries export them (their Wasm has the JWE core: docs/design.md).
export const JWE_OPERATIONS = {
  "./jwe/compact.js": [["compactEncrypt", "encryptCompact"], ["compactDecrypt", "decryptCompact"], ["compactDecryptAsync", "decryptCompactAsync"],
    ["compactEncryptAsync", "encryptCompactAsync"]],
  "./jwt/encrypt.js": [["encrypt", "encryptJwt"], ["signAndEncrypt", "signEncrypt"], ["encryptAsync", "encryptJwtAsync"],
    ["signAndEncryptAsync", "signEncryptAsync"]],
  "./jwt/decrypt.js": [["decrypt", "decryptJwt"], ["decryptAndVerify", "decryptVerify"], ["decryptAsync", "decryptJwtAsync"],
    ["decryptAndVerifyAsync", "decryptVerifyAsync"]],
};
// The gateway's binding: the JWE entries' decrypts too (gateway/bind-jwe.js).
const GATEWAY = 'import { createGateway as gateway } from "./gateway/bind.js";';
const LAST_IMPORT = 'import { startSession as start, rotateRefreshToken as rotate } from "./sessions/bind.js";';
const INIT = "await runtime.init();";
const header = (what, source, how = "which swaps the engine: edit the export list there") => `// ${what}
//
// Made from js/${source} by scripts/entries.js, ${how}.
`;
const JWE_HOW = "which swaps the engine and adds the encryption operations: edit the export list there, and\n// those in scripts/entries.js (JWE_OPERATIONS)";

const path = (name) => fileURLToPath(new URL(`../js/${name}`, import.meta.url));

// `text` after its header's comment lines, with `from` replaced by `to` (which must be there).
function swapped(text, source, replacements) {
  let body = text.slice(text.search(/^[^/]/m));
  for (const [from, to] of replacements) {
    if (!body.includes(from)) throw new Error(`js/${source} no longer has ${from}: scripts/entries.js cannot make its variants`);
    body = body.replace(from, to);
  }
  return body;
}

// js/wasi.js as it follows from `index` (the text of js/index.js).
export function wasiEntry(index) {
  return header("edgejwt on its WASI build: for edge runtimes, other WASI hosts, Node, Deno and Bun (Workers: wasi-workerd.js).", "index.js") +
    swapped(index, "index.js", [[ENGINE.emscripten, ENGINE.wasi]]);
}

// js/jwe.js and js/wasi-jwe.js as they follow from `index`: its list on the JWE module, and the
// encryption operations bound to the same runtime (a key it imports signs and encrypts alike).
export function jweEntries(index) {
  const imports = Object.entries(JWE_OPERATIONS).map(([module, names]) =>
    `import { ${names.map(([name, local]) => `${name} as ${local}`).join(", ")} } from "${module}";`);
  const exports = Object.values(JWE_OPERATIONS).flat().map(([name, local]) =>
    `export const ${name} = /* @__PURE__ */ runtime.bind(${local});`);
  const variant = (build) => swapped(index, "index.js", [
    [ENGINE.emscripten, ENGINE[build]],
    [GATEWAY, GATEWAY.replace("./gateway/bind.js", "./gateway/bind-jwe.js")],
    [LAST_IMPORT, [LAST_IMPORT, ...imports].join("\n")],
  ]) + `${exports.join("\n")}\n`;
  return {
    "jwe.js": header("edgejwt with encryption (JWE), on its Emscripten build: every export of edgejwt and the JWE operations, " +
      "over the Wasm module that has them (Workers: jwe-workerd.js).", "index.js", JWE_HOW) + variant("emscripten-jwe"),
    "wasi-jwe.js": header("edgejwt/wasi with encryption (JWE): every export of edgejwt/wasi and the JWE operations, " +
      "over the WASI module that has them (Workers: wasi-jwe-workerd.js).", "index.js", JWE_HOW) + variant("wasi-jwe"),
  };
}

// The JWE entries for Workers, made from `workerd` and `wasiWorkerd` (js/workerd.js, js/wasi-workerd.js):
// their JWE module's Wasm imported, over js/jwe.js and js/wasi-jwe.js.
export function jweWorkerdEntries(workerd, wasiWorkerd) {
  const variant = (text, source, build, entry, jweEntry) => swapped(text, source, [
    [WASM[build], WASM[`${build}-jwe`]],
    [`import { init as initBuild } from "./${entry}";`, `import { init as initBuild } from "./${jweEntry}";`],
    [`export * from "./${entry}";`, `export * from "./${jweEntry}";`],
  ]);
  return {
    "jwe-workerd.js": header("edgejwt/jwe on Cloudflare Workers (the \"workerd\" condition): the Emscripten build's JWE Wasm imported as a module.",
      "workerd.js", "which swaps the Wasm and the entry") + variant(workerd, "workerd.js", "emscripten", "index.js", "jwe.js"),
    "wasi-jwe-workerd.js": header("edgejwt/wasi/jwe on Cloudflare Workers (the \"workerd\" condition): the WASI build's JWE Wasm imported as a module.",
      "wasi-workerd.js", "which swaps the Wasm and the entry") + variant(wasiWorkerd, "wasi-workerd.js", "wasi", "wasi.js", "wasi-jwe.js"),
  };
}

// The jose entries made from `jose` (the text of js/jose.js): file name -> text.
export function joseEntries(jose) {
  const variant = (build, workerd) => swapped(jose, "jose.js", [
    [ENGINE.emscripten, workerd ? `${ENGINE[build]}\n${WASM[build]}` : ENGINE[build]],
    [INIT, workerd ? "await runtime.init({ wasm });" : INIT],
  ]);
  return {
    "wasi-jose.js": header("edgejwt as jose, on its WASI build (Workers: wasi-jose-workerd.js).", "jose.js") + variant("wasi", false),
    "jose-workerd.js": header("edgejwt as jose on Cloudflare Workers (the \"workerd\" condition): the Emscripten build's Wasm imported as a module.", "jose.js") +
      variant("emscripten", true),
    "wasi-jose-workerd.js": header("edgejwt/wasi as jose on Cloudflare Workers (the \"workerd\" condition): the WASI build's Wasm imported as a module.", "jose.js") +
      variant("wasi", true),
  };
}

// Every made entry: file name -> the text it should have.
export function madeEntries(read = (name) => readFileSync(path(name), "utf8")) {
  return {
    "wasi.js": wasiEntry(read("index.js")), ...joseEntries(read("jose.js")), ...jweEntries(read("index.js")),
    ...jweWorkerdEntries(read("workerd.js"), read("wasi-workerd.js")),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes("--check");
  for (const [name, expected] of Object.entries(madeEntries())) {
    let current = null;
    try {
      current = readFileSync(path(name), "utf8");
    } catch {
      // Not made yet.
    }
    if (current === expected) continue;
    if (check) {
      console.error(`js/${name} is not what scripts/entries.js makes: run node scripts/entries.js`);
      process.exitCode = 1;
    } else {
      writeFileSync(path(name), expected);
    }
  }
}
