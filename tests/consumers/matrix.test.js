// The consumer matrix: the package as `npm pack` makes it, installed into throwaway projects
// (workspace.js), built with each real tool at its defaults (or the one line of config the README
// shows) and run where its users run it. Every app initialises both builds and signs, verifies and
// verifies asynchronously (apps/check.js); each case fails on a build error, a run-time error, a
// missing report or anything the app prints that its user would see (a warning included).
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";

import * as edgejwt from "../../js/index.js";
import { startWorkerd } from "../../edge/run-local.js";
import { startEchoOrigin } from "../../edge/demo/origin.js";
import { workspace, app, build, run, succeed, reportsOf, ROOT } from "./workspace.js";
import { NODES, BUN, DENO } from "./runtimes.js";
import { launchChromium, reportsOfPage } from "./browsers.js";
import { VARIANTS, NEW_DATE, variantName, bundledWorker, uploadModules, wranglerWorkerd, WRANGLER_ENV } from "./workers.js";

const BOTH = ["edgejwt", "edgejwt/wasi"];
// The child runs as a plain program, not as a child of this test runner.
const PLAIN = { NODE_TEST_CONTEXT: undefined, NODE_OPTIONS: undefined, DENO_NO_UPDATE_CHECK: "1" };

function assertReports(reports, labels = BOTH) {
  assert.deepEqual(reports.map(({ label }) => label), labels);
  for (const report of reports) assert.equal(report.ok, true, JSON.stringify(report));
}

// Runs an app's program and checks its reports, its exit status and that it printed nothing else.
async function assertRuns(binary, args, cwd, labels = BOTH) {
  const { code, signal, stdout, stderr } = await run(binary, args, { cwd, env: PLAIN });
  assert.equal(code, 0, `exit ${signal ?? code}\n${stdout}\n${stderr}`);
  assert.equal(stderr, "", "nothing on stderr (no warning)");
  assertReports(reportsOf(stdout), labels);
  assert.equal(stdout.trim().split("\n").length, 1, `only the report on stdout:\n${stdout}`);
}

let space;
before(async () => { space = await workspace(); });

describe("Node, Bun and Deno run the installed package", () => {
  for (const node of NODES) {
    it(`${node.label}: import (ESM)`, async () => assertRuns(node.binary, ["app.mjs"], await app(space, "node")));
    it(`${node.label}: require (CommonJS)`, async () => assertRuns(node.binary, ["app.cjs"], await app(space, "node")));
  }
  it("Bun: bun app.mjs", async () => assertRuns(BUN, ["app.mjs"], await app(space, "node")));
  it("Deno: deno run --allow-read app.mjs", async () => {
    await assertRuns(DENO, ["run", "--allow-read", "app.mjs"], await app(space, "node"));
  });
});

// Issue 14, item 4: a jose program with its import changed to edgejwt/jose (apps/jose), each build,
// no init(): in Node, Bun, Deno, and in workerd as wrangler bundles it.
describe("a jose program runs on edgejwt/jose as installed", () => {
  const JOSE = ["edgejwt/jose", "edgejwt/wasi/jose"];
  for (const node of NODES) {
    it(`${node.label}: import * as jose from "edgejwt/jose"`, async () => assertRuns(node.binary, ["app.mjs"], await app(space, "jose"), JOSE));
  }
  it("Bun", async () => assertRuns(BUN, ["app.mjs"], await app(space, "jose"), JOSE));
  it("Deno", async () => assertRuns(DENO, ["run", "--allow-read", "app.mjs"], await app(space, "jose"), JOSE));
  it("Workers: wrangler deploy --dry-run, run in workerd", async () => {
    const dir = await app(space, "jose");
    await build(dir, { env: WRANGLER_ENV });
    const worker = await startWorkerd({ modules: await uploadModules(join(dir, "dist")), compatibilityDate: NEW_DATE });
    try {
      const response = await fetch(worker.url);
      const body = await response.text();
      assert.equal(response.status, 200, `${body}\n${worker.output()}`);
      assertReports(JSON.parse(body), JOSE);
    } finally {
      await worker.stop();
    }
  });
});

// Issue 18: encryption behind its own entry. edgejwt/jwe and edgejwt/wasi/jwe (every export of
// edgejwt and the JWE operations, on each build's JWE module) as installed: a page bundled by
// esbuild and one by Rollup, in Chromium, and a Worker as wrangler bundles it, in workerd. Each
// output carries the JWE Wasm of both builds, and not the default modules' (a JWE program loads
// one module per build).
describe("edgejwt/jwe as installed: esbuild and Rollup pages in Chromium, a Worker in workerd", () => {
  const JWE = ["edgejwt/jwe", "edgejwt/wasi/jwe"];
  const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
  const packaged = (files) => Promise.all(files.map((file) => readFile(join(space.dir, "node_modules", "edgejwt", file)).then(sha256)));
  const wasmIn = async (dir) => Promise.all((await readdir(dir, { recursive: true })).filter((file) => file.endsWith(".wasm"))
    .map((file) => readFile(join(dir, file)).then(sha256)));
  let browser, dir;
  before(async () => {
    dir = await app(space, "jwe");
    await build(dir, { env: WRANGLER_ENV });
    browser = await launchChromium();
  });
  after(async () => { await browser?.close(); });

  for (const [bundler, output] of [["esbuild", "public-esbuild"], ["Rollup", "public-rollup"]]) {
    it(`${bundler}: the page runs, with the JWE Wasm of both builds and no other`, async () => {
      assert.deepEqual((await wasmIn(join(dir, output))).sort(),
        (await packaged(["dist/emscripten/edgejwt-jwe.wasm", "dist/wasi/edgejwt-jwe.wasm"])).sort());
      const { reports, problems } = await reportsOfPage(browser, join(dir, output));
      assertReports(reports, JWE);
      assert.deepEqual(problems, []);
    });
  }

  it("Workers: wrangler deploy --dry-run uploads the JWE Wasm of both builds, and the worker runs in workerd", async () => {
    const modules = await uploadModules(join(dir, "dist"));
    const uploaded = await Promise.all(modules.filter(({ kind }) => kind === "wasm").map(({ file }) => readFile(file).then(sha256)));
    assert.deepEqual(uploaded.sort(), (await packaged(["dist/emscripten/edgejwt-jwe.wasm", "dist/wasi/edgejwt-jwe.wasm"])).sort());
    const worker = await startWorkerd({ modules, compatibilityDate: NEW_DATE });
    try {
      const response = await fetch(worker.url);
      const body = await response.text();
      assert.equal(response.status, 200, `${body}\n${worker.output()}`);
      assertReports(JSON.parse(body), JWE);
    } finally {
      await worker.stop();
    }
  });
});

// What a page importing only verify bundles (issue 13, item 2), read from each bundler's module
// graph, never from sizes (bench/size.js measures those): no gateway, remote key set, revocation or
// session module, and no JWE module. The page importing everything must hold them, or the graph was
// not read. Issue 18: neither it nor the page importing everything of "edgejwt" holds a JWE
// operation, the JWE engine or its Wasm (webpack emits the Wasm a page names); the page of
// edgejwt/jwe holds them all, and not the default engine.
describe("a page importing only verify bundles no gateway, remote key set, revocation, session or JWE module", () => {
  const LEFT_OUT =
    /^js\/(gateway|gateway\/[\w-]+|jwks\/remote|remote-document|endpoint-fetch|revocation|sessions\/[\w-]+|jwe\/[\w-]+|jwt\/encrypt|jwt\/decrypt)\.js$/;
  // The JWE operations, the JWE entries, engines, the encryption functions' signatures (jwe/abi.js),
  // the decryption policies (jwe/policies.js) and the JWE module's Emscripten loader.
  const JWE_ONLY = /^(js\/(jwe\/[\w-]+|jwt\/encrypt|jwt\/decrypt|[\w-]*jwe[\w-]*|engines\/[\w-]+-jwe)\.js|dist\/[\w/]+-jwe\.mjs)$/;
  const JWE_MODULES = ["js/jwe/compact.js", "js/jwe/abi.js", "js/jwe/policies.js", "js/jwt/encrypt.js", "js/jwt/decrypt.js",
    "js/engines/emscripten-jwe.js", "dist/emscripten/edgejwt-jwe.mjs"];
  const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");
  let graph, dir, jweWasm;
  // The hashes of the Wasm files webpack emitted for `page`.
  const webpackWasm = async (page) => {
    const out = join(dir, "out", `webpack-${page}`);
    return Promise.all((await readdir(out, { recursive: true })).filter((file) => file.endsWith(".wasm"))
      .map((file) => readFile(join(out, file)).then(sha256)));
  };
  before(async () => {
    dir = await app(space, "module-graph");
    await build(dir);
    graph = JSON.parse(await readFile(join(dir, "graph.json"), "utf8"));
    jweWasm = sha256(await readFile(join(space.dir, "node_modules", "edgejwt", "dist/emscripten/edgejwt-jwe.wasm")));
  });

  for (const bundler of ["esbuild", "Rollup", "webpack"]) {
    it(bundler, () => {
      const { "verify-only": verifyOnly, everything, jwe } = graph[bundler];
      for (const module of ["js/index.js", "js/runtime.js", "js/jwt/verify.js", "js/core.js"]) {
        assert.ok(verifyOnly.includes(module), `${module} is not in the verify-only graph: ${verifyOnly.join(", ")}`);
      }
      assert.deepEqual(verifyOnly.filter((module) => LEFT_OUT.test(module) || JWE_ONLY.test(module)), []);
      for (const module of ["js/gateway.js", "js/jwks/remote.js", "js/remote-document.js", "js/revocation.js", "js/sessions/session-tokens.js"]) {
        assert.ok(everything.includes(module), `${module} is not in the graph of the page importing everything`);
      }
      assert.deepEqual(everything.filter((module) => JWE_ONLY.test(module)), []);
      for (const module of JWE_MODULES) assert.ok(jwe.includes(module), `${module} is not in the graph of the edgejwt/jwe page`);
      assert.ok(!jwe.includes("js/engines/emscripten.js"), "the edgejwt/jwe page holds the default engine");
    });
  }

  it("webpack emits the JWE Wasm for the edgejwt/jwe page only", async () => {
    assert.deepEqual(await webpackWasm("jwe"), [jweWasm]);
    assert.equal((await webpackWasm("verify-only")).length, 1);
    assert.ok(!(await webpackWasm("verify-only")).includes(jweWasm));
    assert.ok(!(await webpackWasm("everything")).includes(jweWasm));
  });
});

describe("TypeScript resolves the types and the output runs", () => {
  for (const mode of ["bundler", "nodenext", "node10"]) {
    it(`moduleResolution ${mode}`, async () => {
      const dir = await app(space, "typescript");
      await build(dir, { script: `tsc -p tsconfig.${mode}.json`, marker: `.built-${mode}` });
      // node10 means CommonJS output, in a folder that says so.
      if (mode === "node10") await writeFile(join(dir, `out-${mode}`, "package.json"), '{ "type": "commonjs" }\n');
      await assertRuns(process.execPath, [`out-${mode}/app.js`], dir);
    });
  }
});

describe("bundled pages run in Chromium", () => {
  let browser;
  before(async () => { browser = await launchChromium(); });
  after(async () => { await browser?.close(); });

  // consumer app → the folder its build writes (served as the site's root)
  const PAGES = { esbuild: "public", vite: "dist", webpack: "dist", rollup: "public" };
  for (const [name, output] of Object.entries(PAGES)) {
    it(name, async () => {
      const dir = await app(space, name);
      await build(dir);
      const { reports, problems } = await reportsOfPage(browser, join(dir, output));
      assertReports(reports);
      assert.deepEqual(problems, []);
    });
  }

  it("an import map over the installed files, no bundler", async () => {
    await app(space, "importmap");
    const { reports, problems } = await reportsOfPage(browser, space.dir, "/importmap/");
    assertReports(reports);
    assert.deepEqual(problems, []);
  });
});

describe("Workers: wrangler deploy --dry-run, run in workerd", () => {
  const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

  for (const variant of VARIANTS) {
    it(variantName(variant), async () => {
      const dist = await bundledWorker(space, variant);
      const modules = await uploadModules(dist);
      // The upload carries both builds' Wasm, byte for byte.
      const uploaded = await Promise.all(modules.filter(({ kind }) => kind === "wasm").map(({ file }) => readFile(file)));
      const packaged = await Promise.all(["dist/emscripten/edgejwt.wasm", "dist/wasi/edgejwt.wasm"]
        .map((file) => readFile(join(space.dir, "node_modules", "edgejwt", file))));
      assert.deepEqual(uploaded.map(sha256).sort(), packaged.map(sha256).sort());

      const worker = await startWorkerd({ modules, compatibilityDate: variant.date, compatibilityFlags: variant.flags });
      try {
        const response = await fetch(worker.url);
        const body = await response.text();
        assert.equal(response.status, 200, `${body}\n${worker.output()}`);
        assertReports(JSON.parse(body));
      } finally {
        await worker.stop();
      }
    });
  }

  it("edge/: cd edge && wrangler deploy --dry-run uploads the gateway with its Wasm, and it runs in wrangler's workerd", async (t) => {
    // Not cached: edge/ is not in the package, so the workspace's key does not follow it.
    const outdir = join(space.dir, "edge-upload");
    await rm(outdir, { recursive: true, force: true });
    await succeed("wrangler", ["deploy", "--dry-run", "--outdir", outdir], { cwd: join(ROOT, "edge"), env: WRANGLER_ENV });
    const modules = await uploadModules(outdir);
    // The gateway decrypts: edge/worker.js binds it to edgejwt/wasi/jwe, whose JWE Wasm is the one uploaded.
    const uploaded = await Promise.all(modules.filter(({ kind }) => kind === "wasm").map(({ file }) => readFile(file)));
    const jweWasm = await readFile(join(ROOT, "dist/wasi/edgejwt-jwe.wasm"));
    assert.deepEqual(uploaded.map((bytes) => createHash("sha256").update(bytes).digest("hex")),
      [createHash("sha256").update(jweWasm).digest("hex")], "the WASI build's JWE Wasm is uploaded");
    await edgejwt.init();
    const { publicKey, privateKey } = edgejwt.generateKeyPair("ES256");
    const origin = await startEchoOrigin();
    t.after(() => origin.close());
    // wrangler's own workerd, at edge/wrangler.toml's date: what `wrangler dev` would run.
    const gateway = await startWorkerd({
      binary: wranglerWorkerd(),
      modules,
      env: { JWKS: JSON.stringify({ keys: [edgejwt.exportJWK(publicKey)] }), ALGORITHMS: "ES256", ORIGIN: origin.url },
    });
    try {
      const token = edgejwt.sign({ sub: "consumer" }, privateKey, { alg: "ES256", expiresIn: "5m" });
      const passed = await fetch(`${gateway.url}/hello`, { headers: { authorization: `Bearer ${token}` } });
      const echoed = await passed.text();
      assert.equal(passed.status, 200, `${echoed}\n${gateway.output()}`);
      const forged = edgejwt.sign({ sub: "consumer" }, edgejwt.generateKeyPair("ES256").privateKey, { alg: "ES256" });
      const refused = await fetch(`${gateway.url}/hello`, { headers: { authorization: `Bearer ${forged}` } });
      assert.equal(refused.status, 401);
      assert.equal((await refused.json()).code, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    } finally {
      await gateway.stop();
    }
  });
});
