// What `npm pack` puts in the tarball: everything an export needs (every export target, and every
// file those entries reach through relative imports or new URL(…, import.meta.url)), the LICENSE,
// and nothing of the repository's own (tests, builds, dependency sources, benches, the edge demo).
// Also: no module reachable from the browser or Workers entries imports a Node built-in or any
// other package, and the matrix runs the floor of every range package.json's "engines" admits.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";

import { succeed, ROOT } from "./workspace.js";
import { NODES } from "./runtimes.js";

const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

// Every file a condition tree of "exports" names, with the conditions on the way to it.
function exportTargets(value, conditions = []) {
  if (typeof value === "string") return [{ file: normalize(value), conditions }];
  return Object.entries(value).flatMap(([key, inner]) => exportTargets(inner, key.startsWith(".") ? conditions : [...conditions, key]));
}

// The specifiers a module names: static and dynamic imports and re-exports; and the files it names
// with new URL(…, import.meta.url), relative to it whatever their form ("./x.wasm" or "x.wasm").
function specifiersOf(source) {
  const patterns = [
    /^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/gm,
    /^\s*import\s*["']([^"']+)["']/gm,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  const assets = [...source.matchAll(/\bnew URL\(\s*["']([^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)]
    .map((match) => (match[1].startsWith(".") ? match[1] : `./${match[1]}`));
  return [...patterns.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1])), ...assets];
}

// The files an entry reaches (itself included), and the non-relative specifiers met on the way.
function moduleGraph(entry) {
  const files = new Set();
  const external = new Set();
  const visit = (file) => {
    if (files.has(file)) return;
    files.add(file);
    if (!/\.(m?js)$/.test(file)) return;
    for (const specifier of specifiersOf(readFileSync(join(ROOT, file), "utf8"))) {
      if (specifier.startsWith(".")) visit(normalize(join(dirname(file), specifier)));
      else external.add(specifier);
    }
  };
  visit(entry);
  return { files, external };
}

describe("npm pack", () => {
  let packed;
  before(async () => {
    const { stdout } = await succeed("npm", ["pack", "--dry-run", "--json"], { cwd: ROOT });
    packed = new Set(JSON.parse(stdout)[0].files.map(({ path }) => path));
  });

  it("holds the LICENSE (MIT, as package.json says), the README and the manifest", () => {
    assert.equal(manifest.license, "MIT");
    assert.match(readFileSync(join(ROOT, "LICENSE"), "utf8"), /^MIT License\n/);
    for (const file of ["LICENSE", "README.md", "package.json"]) assert.ok(packed.has(file), file);
  });

  it("holds no tests, builds, dependency sources or repository tooling", () => {
    const foreign = [...packed].filter((file) =>
      /^(tests|build|deps|src|bench|edge|scripts|inspector|docs|artifacts|node_modules|cmake|\.ci)\//.test(file) ||
      file.startsWith("dist/wasi/cli/"));
    assert.deepEqual(foreign, []);
  });

  it("holds every file an export, main, types or typesVersions names", () => {
    const named = [
      ...exportTargets(manifest.exports).map(({ file }) => file),
      manifest.main, manifest.types, ...Object.values(manifest.typesVersions["*"]).flat(),
    ].map((file) => normalize(file));
    assert.deepEqual(named.filter((file) => !packed.has(file)), []);
  });

  it("holds every file each entry reaches through its imports and asset URLs", () => {
    for (const { file } of exportTargets(manifest.exports)) {
      const missing = [...moduleGraph(file).files].filter((reached) => !packed.has(reached));
      assert.deepEqual(missing, [], `reached from ${file}`);
    }
  });
});

describe("what bundlers meet", () => {
  it("no entry reaches a Node built-in or another package (the package has no dependencies)", () => {
    assert.equal(manifest.dependencies, undefined);
    // The Durable Object class is for Workers alone (its own subpath), which provide cloudflare:workers.
    const workersOnly = { "js/sessions/durable-object.js": ["cloudflare:workers"] };
    for (const { file } of exportTargets(manifest.exports)) {
      assert.deepEqual([...moduleGraph(file).external], workersOnly[file] ?? [], `imported from ${file}`);
    }
  });

  it("modules with side effects are declared, so a bundler keeps them", () => {
    // Imported for its effect alone (`import "./…"`): sideEffects must name it.
    const effectful = new Set();
    for (const { file } of exportTargets(manifest.exports)) {
      for (const reached of moduleGraph(file).files) {
        if (!reached.endsWith(".js")) continue;
        const source = readFileSync(join(ROOT, reached), "utf8");
        for (const [, specifier] of source.matchAll(/^\s*import\s*["']([^"']+)["']/gm)) {
          effectful.add(`./${normalize(join(dirname(reached), specifier))}`);
        }
      }
    }
    const declared = manifest.sideEffects === false ? [] : manifest.sideEffects;
    assert.deepEqual([...effectful].sort(), [...declared].sort());
  });
});

describe("engines", () => {
  it("the matrix runs the floor of every range package.json admits", () => {
    const floors = manifest.engines.node.split("||").map((range) => /(\d+\.\d+\.\d+)/.exec(range)[1]);
    assert.deepEqual(floors, ["20.19.0", "22.13.0", "23.5.0"]);
    const tested = NODES.map(({ label }) => /Node (\S+)/.exec(label)[1]);
    assert.deepEqual(floors.filter((floor) => !tested.includes(floor)), []);
  });
});
