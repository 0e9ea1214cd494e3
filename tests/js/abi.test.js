// The C ABI's facts are written once for JS (js/abi.js, js/core/signatures.js and, for the
// encryption functions, js/jwe/abi.js) and checked here
// against bindings/edgejwt.h, read as text: every number, the result's layout in wasm32 (computed
// from its declaration), and every context function's parameters. A change to the header that the
// JS layer does not follow fails here, not as a misread result in production. init() refuses a Wasm
// module of another ABI version with a coded error.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import * as abi from "../../js/abi.js";
import { Core, SIGNATURES as DEFAULT_SIGNATURES } from "../../js/core.js";
import { JWE_SIGNATURES } from "../../js/jwe/abi.js";
import { createApi } from "../../js/api.js";
import { builds, jweBuilds, apiFor, coreFor } from "../support/builds.js";

// Every context function's signature: the default modules' table and the JWE modules' additions.
const SIGNATURES = { ...DEFAULT_SIGNATURES, ...JWE_SIGNATURES };

const header = readFileSync(new URL("../../bindings/edgejwt.h", import.meta.url), "utf8");
const camel = (snake) => snake.toLowerCase().replace(/_([a-z0-9])/g, (_, letter) => letter.toUpperCase());

// { NAME: value } of the header's numeric #defines with `prefix`, named without it.
function defines(prefix) {
  const found = {};
  for (const [, name, value] of header.matchAll(new RegExp(`^#define ${prefix}(\\w+) (\\d+)`, "gm"))) {
    found[name] = Number(value);
  }
  return found;
}

// The fields of edgejwt_result with their wasm32 offsets (pointers, size_t and 32-bit integers are
// 4 bytes, doubles 8, each aligned to its size), and the struct's size.
function resultLayout() {
  const body = /typedef struct edgejwt_result \{([^}]*)\} edgejwt_result;/.exec(header)[1];
  const fields = [];
  let offset = 0;
  let alignment = 4;
  for (const [, type, name] of body.replace(/\/\*[\s\S]*?\*\//g, "").matchAll(/([\w ]+?\*?)\s*(\w+);/g)) {
    const size = type.trim() === "double" ? 8 : 4;
    alignment = Math.max(alignment, size);
    offset = Math.ceil(offset / size) * size;
    fields.push({ name, type: type.trim(), offset });
    offset += size;
  }
  return { fields, size: Math.ceil(offset / alignment) * alignment };
}

// Every EDGEJWT_API and EDGEJWT_JWE_API function: { name: [parameter types] }.
function prototypes() {
  const found = {};
  for (const [, name, parameters] of header.matchAll(/EDGEJWT_(?:JWE_)?API [\w ]+?\*?\s*(edgejwt_\w+)\(([^)]*)\);/g)) {
    found[name] = parameters === "void" ? [] : parameters.split(",").map((parameter) =>
      parameter.trim().replace(/\s+/g, " ").replace(/\s*\w+$/, "").replace(/ \*$/, " *"));
  }
  return found;
}

// The C parameters a JS parameter kind stands for.
const C_TYPES = {
  u32: [["uint32_t"], ["edgejwt_handle"]], i32: [["int32_t"]], bool: [["int32_t"]], f64: [["double"]],
  text: [["const char *", "size_t"]], bytes: [["const uint8_t *", "size_t"]], data: [["const uint8_t *", "size_t"]],
};

describe("js/abi.js agrees with bindings/edgejwt.h", () => {
  it("the ABI version", () => {
    assert.equal(abi.ABI_VERSION, defines("EDGEJWT_ABI_")["VERSION"]);
  });

  it("key import and export formats, payload kinds", () => {
    const named = (prefix) => Object.fromEntries(Object.entries(defines(prefix)).map(([name, value]) => [camel(name), value]));
    assert.deepEqual({ ...abi.KeyFormat }, named("EDGEJWT_KEY_"));
    assert.deepEqual({ ...abi.ExportFormat }, named("EDGEJWT_EXPORT_"));
    assert.deepEqual({ ...abi.PayloadKind }, named("EDGEJWT_PAYLOAD_"));
    assert.deepEqual({ ...abi.KeyUse }, named("EDGEJWT_USE_"));
  });

  it("the status of a signature the host refused, named as the core names it", async () => {
    assert.equal(abi.SIGNATURE_INVALID, defines("EDGEJWT_")["SIGNATURE_INVALID"]);
    for (const build of builds) {
      const core = new Core(await build.load(build.options));
      assert.equal(core.statusName(abi.SIGNATURE_INVALID), "ERR_JWS_SIGNATURE_VERIFICATION_FAILED", build.name);
    }
  });

  it("the limits hosts apply before a call", () => {
    assert.equal(abi.DEFAULT_MAX_TOKEN_LENGTH, defines("EDGEJWT_")["DEFAULT_MAX_TOKEN_LENGTH"]);
    assert.equal(abi.MAX_JSON_DEPTH, defines("EDGEJWT_")["MAX_JSON_DEPTH"]);
  });

  it("edgejwt_result's layout in wasm32: every field, pointers with their lengths, the window's two doubles", () => {
    const { fields, size } = resultLayout();
    assert.equal(abi.RESULT_SIZE, size);
    const expected = {};
    for (const [i, { name, type, offset }] of fields.entries()) {
      if (name.endsWith("_len")) {
        assert.equal(fields[i - 1].name, name.slice(0, -4), `${name} follows its pointer`);
        assert.equal(offset, fields[i - 1].offset + 4);
      } else if (name === "valid_until") {
        assert.equal(offset, expected.validity + 8);
      } else {
        expected[name === "valid_from" ? "validity" : camel(name)] = offset;
        if (type.endsWith("*")) assert.equal(fields[i + 1]?.name, `${name}_len`, `${name} has its length`);
      }
    }
    assert.deepEqual({ ...abi.RESULT_OFFSETS }, expected);
  });

  it("every context function's parameters, after the context and the result", () => {
    const declared = prototypes();
    const contextFunctions = Object.keys(declared).filter((name) => declared[name][1] === "edgejwt_result *");
    assert.deepEqual(Object.keys(SIGNATURES).sort(), contextFunctions.sort(), "the signatures cover the header's functions");
    for (const [name, { parameters, outputs }] of Object.entries(SIGNATURES)) {
      const [context, result, ...rest] = declared[name];
      assert.deepEqual([context, result], ["edgejwt_context *", "edgejwt_result *"], name);
      let at = 0;
      for (const { kind, name: parameter } of parameters) {
        const match = C_TYPES[kind].find((types) => types.every((type, j) => rest[at + j] === type));
        assert.ok(match, `${name}: ${parameter} (${kind}) is not ${rest.slice(at).join(", ")}`);
        at += match.length;
      }
      assert.equal(at, rest.length, `${name}: the header declares more parameters (${rest.join(", ")})`);
      for (const { name: field, offset } of outputs) assert.ok(Number.isInteger(offset), `${name} -> ${field}`);
    }
  });

  it("the functions the Core calls outside the table exist", () => {
    const declared = prototypes();
    for (const name of ["edgejwt_abi_version", "edgejwt_alloc", "edgejwt_free", "edgejwt_status_name", "edgejwt_status_message",
      "edgejwt_context_new", "edgejwt_result_new"]) {
      assert.ok(declared[name], name);
    }
  });
});

describe("init() and a Wasm module of another ABI", () => {
  for (const build of builds) {
    it(`${build.name}: refused with ERR_WASM_ABI_MISMATCH, and no call reaches it`, async () => {
      let called = 0;
      const speaksOther = async (options) => {
        const engine = await build.load(options);
        const exports = { ...engine.exports, edgejwt_abi_version: () => abi.ABI_VERSION - 1 };
        for (const name of ["edgejwt_context_new", "edgejwt_result_new"]) {
          exports[name] = () => { called++; return engine.exports[name](); };
        }
        return { ...engine, exports };
      };
      const api = createApi(speaksOther);
      await assert.rejects(api.init(build.options), (error) => {
        assert.equal(error.code, "ERR_WASM_ABI_MISMATCH");
        assert.equal(error.name, "JOSEError");
        assert.match(error.message, new RegExp(`ABI ${abi.ABI_VERSION - 1}\\b.*ABI ${abi.ABI_VERSION}\\b`));
        return true;
      });
      assert.equal(called, 0);
      assert.throws(() => api.decode("e30.e30."), { code: "ERR_NOT_INITIALIZED" });
    });
  }
});

// The encryption functions: the header marks them EDGEJWT_JWE_API, the one list CMakeLists.txt
// links the JWE modules with and leaves out of the default ones.
const JWE_FUNCTIONS = [...header.matchAll(/^EDGEJWT_JWE_API [\w ]+?\*?\s*(edgejwt_\w+)\(/gm)].map(([, name]) => name);

describe("each build's two Wasm modules: the default one without encryption, the JWE one with it", () => {
  const others = () => Object.keys(prototypes()).filter((name) => !JWE_FUNCTIONS.includes(name));

  it("the header marks the encryption functions", () => {
    assert.deepEqual(JWE_FUNCTIONS.filter((name) => !/encrypt|decrypt|jwe|_for\b|for_encryption/.test(name)), []);
    for (const name of ["edgejwt_compact_encrypt", "edgejwt_compact_decrypt", "edgejwt_key_import_for", "edgejwt_decryption_policy_create"]) {
      assert.ok(JWE_FUNCTIONS.includes(name), name);
    }
    assert.ok(others().includes("edgejwt_verify"));
    assert.ok(others().includes("edgejwt_decode_header"), "decoding a JWE's header (edgejwt_decode_header) is in both modules");
  });

  it("the encryption functions' signatures are the JWE modules' alone (js/jwe/abi.js), and only their Cores know them", async () => {
    assert.deepEqual(Object.keys(JWE_SIGNATURES).sort(), [...JWE_FUNCTIONS].sort());
    assert.deepEqual(Object.keys(DEFAULT_SIGNATURES).filter((name) => JWE_FUNCTIONS.includes(name)), []);
    for (const build of builds) assert.equal((await coreFor(build)).signatures, DEFAULT_SIGNATURES, build.name);
    for (const build of jweBuilds) {
      assert.deepEqual(Object.keys((await coreFor(build)).signatures).sort(), Object.keys(SIGNATURES).sort(), build.name);
    }
  });

  // What only encryption needs is linked into the JWE modules alone: the JWE "alg" and "enc" names
  // (the key management and content encryption tables, and with them the key layer's encryption
  // binding and checks, key.h) are in no default module's bytes, and in each JWE module's.
  it("each build's default Wasm holds none of the JWE algorithm names; its JWE Wasm holds them all", async () => {
    const { keyManagement, contentEncryption } = JSON.parse((await coreFor(jweBuilds[0])).call("edgejwt_encryption_algorithms").output);
    const names = [...keyManagement.map(({ alg }) => alg).filter((alg) => alg !== "dir"), // "dir" is any three bytes
      ...contentEncryption.map(({ enc }) => enc)];
    assert.ok(names.length >= 23);
    for (const build of ["emscripten", "wasi"]) {
      const wasm = (file) => readFileSync(new URL(`../../dist/${build}/${file}`, import.meta.url));
      const [plain, jwe] = [wasm("edgejwt.wasm"), wasm("edgejwt-jwe.wasm")];
      assert.deepEqual(names.filter((alg) => plain.includes(alg)), [], `dist/${build}/edgejwt.wasm`);
      assert.deepEqual(names.filter((alg) => !jwe.includes(alg)), [], `dist/${build}/edgejwt-jwe.wasm`);
    }
  });

  for (const build of builds) {
    it(`${build.name}: the default module exports no encryption function, and every other one`, async () => {
      const { abi: exported } = await coreFor(build);
      assert.deepEqual(JWE_FUNCTIONS.filter((name) => name in exported), []);
      assert.deepEqual(others().filter((name) => typeof exported[name] !== "function"), []);
    });

    it(`${build.name}: an encryption function on it is JOSENotSupported naming edgejwt/jwe, never a trap`, async () => {
      const core = await coreFor(build);
      const { epoch } = core;
      const memory = Buffer.from(new Uint8Array(core.memory.buffer));
      for (const name of JWE_FUNCTIONS) {
        const { parameters } = SIGNATURES[name];
        const args = parameters.map(({ kind }) => ({ u32: 0, i32: 0, f64: 0, bool: false, text: "", bytes: new Uint8Array(0), data: "" })[kind]);
        assert.throws(() => core.call(name, ...args), (error) => {
          assert.equal(error.code, "ERR_JOSE_NOT_SUPPORTED", `${name}: ${error.stack}`);
          assert.match(error.message, new RegExp(`${name}\\b.*"edgejwt/jwe"`));
          return true;
        });
      }
      assert.equal(core.epoch, epoch, "the instance was never replaced");
      assert.ok(memory.equals(new Uint8Array(core.memory.buffer)), "Wasm memory changed");
      assert.ok(core.call("edgejwt_key_import", abi.KeyFormat.secret, new Uint8Array(32).fill(1), "HS256").handle > 0);
    });

    it(`${build.name}: the API's encryption on it says to import from edgejwt/jwe, and signing goes on`, async () => {
      const api = await apiFor(build);
      const notSupported = { code: "ERR_JOSE_NOT_SUPPORTED", message: /"edgejwt\/jwe"/ };
      const aes = new Uint8Array(32).fill(2);
      assert.throws(() => api.compactEncrypt(new Uint8Array(1), aes, { alg: "A256KW", enc: "A256GCM" }), notSupported);
      assert.throws(() => api.encrypt({ sub: "x" }, aes, { alg: "dir", enc: "A256GCM" }), notSupported);
      assert.throws(() => api.generateKeyPair("ECDH-ES+A256KW"), notSupported);
      assert.throws(() => api.generateSecret("A256KW"), notSupported);
      assert.throws(() => api.importJWK({ kty: "oct", k: Buffer.from(aes).toString("base64url") }, "A256KW"), notSupported);
      assert.throws(() => api.createLocalJWKSet({ keys: [{ kty: "oct", k: Buffer.from(aes).toString("base64url"), alg: "A256KW" }] }, { use: "enc" }),
        notSupported);
      const key = api.generateSecret("HS256");
      assert.equal(api.verify(api.sign({ sub: "still" }, key, { alg: "HS256" }), key).payload.sub, "still");
      // A JWE's protected header is decoded on it too (edgejwt_decode_header reads JWS and JWE headers).
      const b64 = (text) => Buffer.from(text).toString("base64url");
      const jwe = `${b64('{"alg":"dir","enc":"A128GCM","kid":"k1"}')}..${b64("iv")}.${b64("ciphertext")}.${b64("tag")}`;
      assert.deepEqual(api.decodeProtectedHeader(jwe), { alg: "dir", enc: "A128GCM", kid: "k1" });
    });
  }

  for (const build of jweBuilds) {
    it(`${build.name}: the JWE module exports every function, and a key it imports signs and encrypts`, async () => {
      const { abi: exported } = await coreFor(build);
      assert.deepEqual(Object.keys(prototypes()).filter((name) => typeof exported[name] !== "function"), []);
      const api = await apiFor(build);
      const { publicKey, privateKey } = api.generateKeyPair("ES256");
      const recipient = api.generateKeyPair("ECDH-ES+A256KW");
      const token = api.signAndEncrypt({ sub: "both" }, privateKey, recipient.publicKey,
        { alg: "ECDH-ES+A256KW", enc: "A256GCM", signing: { alg: "ES256" } });
      assert.equal(api.decryptAndVerify(token, recipient.privateKey, publicKey).payload.sub, "both");
    });
  }
});
