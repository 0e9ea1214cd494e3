// npm run bench, last: the performance issue's targets (issue 16), issue 18's size of a verify-only
// page and its nested JWE rows (a ratio without a target) as one table, read from the JSON the
// benches wrote to artifacts/ (bench/run.js, wasm-verify.js, browser.js, workerd.js, edge.js, size.js).
// One row per path: edgejwt's figure in each build, the peer's, the ratio (Emscripten / WASI where
// both are measured), the target and the verdict, "met" only when every ratio of the row reaches
// it. A bench that did not run leaves its rows "not measured", with the command that measures them.
// Writes artifacts/targets.json. Reads measurements, never asserts them.
import { readFileSync } from "node:fs";

import { format, writeArtifact } from "./common.js";
import { NESTED_JWE } from "./web-cases.js";

const BUILDS = ["emscripten", "wasi"];

// artifact name → the command that writes it.
const SOURCES = {
  "bench.json": "npm run bench (bench/run.js)",
  "bench-wasm-verify.json": "npm run bench:wasm-verify",
  "bench-browser.json": "npm run bench:browser",
  "bench-workerd.json": "npm run bench:workerd",
  "bench-edge.json": "npm run bench:edge",
  "size.json": "npm run bench:size",
};

// Each target: its number in the issue, what it asks, the artifact it reads, and its rows, each
// { path, figures: { emscripten?, wasi? } (edgejwt's, as text), peer (text), ratios: [number],
// shown (the ratio as text), target (text), met (boolean, or null for a row without a target) }. A row whose cases are absent is null.
const TARGETS = [
  { issue: 1, what: "Node: HS256 with a raw secret and a Key ≥ 1.0× fast-jwt", source: "bench.json", rows: (bench) => [
    nodeRow(bench, "HS256", "verify (raw secret)", "HS256 `verify(token, secretBytes)`, the same Uint8Array each call"),
    nodeRow(bench, "HS256", "verify", "HS256 `verify(token, key)`, an imported Key"),
  ] },
  { issue: 2, what: "Node: every algorithm ≥ 1.0× fast-jwt", source: "bench.json", rows: (bench) => ["RS256", "PS256", "ES256", "ES384", "EdDSA"].map((alg) =>
    nodeRow(bench, alg, "verify (host)", `${alg} \`verify\`, the primitive on node:crypto`)) },
  { issue: 3, what: "Chromium: `verifyAsync` ≥ 1.05× jose", source: "bench-browser.json", rows: (browser) => ["RS256", "PS256", "ES256", "EdDSA"].map((alg) =>
    webRow(browser, "emscripten", alg, `Chromium: ${alg} \`verifyAsync\``)) },
  { issue: 3, what: "workerd: `verifyAsync` ≥ 1.05× jose", source: "bench-workerd.json", rows: (workerd) => ["RS256", "PS256", "ES256", "EdDSA"].map((alg) =>
    webRow(workerd, "wasi", alg, `workerd: ${alg} \`verifyAsync\``)) },
  { issue: 4, what: "gateway in workerd: hit, miss, added latency", source: "bench-edge.json", rows: gatewayRows },
  { issue: 5, what: "pure-Wasm verify ≥ 0.35× / 0.5× node:crypto", source: "bench-wasm-verify.json", rows: (wasm) => ["RS256", "PS256", "ES256"].map((alg) => wasmRow(wasm, alg)) },
  { issue: "–", what: "Node: cached verify ≥ fast-jwt's cache", source: "bench.json", rows: (bench) => [cachedRow(bench)] },
  { issue: 18, what: "browser: a `verify`-only page no larger than before JWE", source: "size.json", rows: (size) => [verifyOnlyPageRow(size)] },
  // Issue 18: no target, the ratio to jose alone.
  { issue: 18, what: "Node: nested JWE decrypt vs jose", source: "bench.json", rows: (bench) => nestedJweRows(bench, BUILDS, "Node") },
  { issue: 18, what: "Chromium: nested JWE decrypt vs jose", source: "bench-browser.json", rows: (browser) => nestedJweRows(browser, ["emscripten"], "Chromium") },
  { issue: 18, what: "workerd: nested JWE decrypt vs jose", source: "bench-workerd.json", rows: (workerd) => nestedJweRows(workerd, ["wasi"], "workerd") },
];

// The largest `verify`-only page (JS + Wasm, gzip -9) the four bundlers made from the same tree
// without JWE (the integration of issues 14 and 16 before issue 18's merge, 8e94478, bench:size
// rerun there 2026-12-06 16:52 UTC: webpack, 123,064 B), as README "Sizes" states it: issue 18 lets
// encryption add nothing.
const VERIFY_ONLY_PAGE_BEFORE_JWE = 123_064;

const ratioText = (ratio) => `${ratio.toFixed(2)}×`;

// A Node row of bench/run.js: edgejwt's `case` in both builds against fast-jwt without its cache.
function nodeRow(bench, alg, edgejwtCase, path) {
  const peer = bench.results.find((r) => r.alg === alg && r.name === "fast-jwt verify");
  const rows = BUILDS.map((build) => bench.results.find((r) => r.alg === alg && r.name === `edgejwt ${build} ${edgejwtCase}`));
  if (!peer || rows.includes(undefined)) return null;
  return ratioRow(path, Object.fromEntries(BUILDS.map((build, i) => [build, rows[i]])), `fast-jwt ${format(peer.median)}/s`, 1.0);
}

// Node: the lowest ratio of edgejwt's cached verify to fast-jwt's cached verify, over every algorithm.
function cachedRow(bench) {
  const rows = bench.results.filter((r) => r.name.startsWith("edgejwt") && r.name.endsWith("(cached)") && r.ratio !== undefined);
  if (rows.length === 0) return null;
  const lowest = (build) => rows.filter((r) => r.name.includes(build)).reduce((low, r) => (r.ratio < low.ratio ? r : low));
  const byBuild = Object.fromEntries(BUILDS.map((build) => [build, lowest(build)]));
  const peer = bench.results.find((r) => r.alg === byBuild.wasi.alg && r.name === "fast-jwt (cache) verify");
  return ratioRow(`Node: cached \`verify\` (the lowest algorithm: ${BUILDS.map((b) => byBuild[b].alg).join(" / ")})`, byBuild,
    `fast-jwt's cache ${format(peer.median)}/s`, 1.0);
}

// Chromium (Emscripten build) or workerd (WASI build): verifyAsync against jose's jwtVerify.
function webRow(web, build, alg, path) {
  const row = web.results.find((r) => r.alg === alg && r.name === "edgejwt verifyAsync");
  const peer = web.results.find((r) => r.alg === alg && r.name === "jose jwtVerify");
  if (!row || !peer) return null;
  return ratioRow(path, { [build]: row }, `jose ${format(peer.median)}/s`, 1.05);
}

// The nested JWE row (bench/web-cases.js): decryptAndVerify against jose's compactDecrypt + jwtVerify,
// in `builds` (named "edgejwt <build> …" in Node, "edgejwt …" where one build runs). No target.
function nestedJweRow(bench, builds, where, operation) {
  const peer = bench.results.find((r) => r.alg === NESTED_JWE && r.name.startsWith("jose"));
  const rows = builds.map((build) => bench.results.find((r) => r.alg === NESTED_JWE && r.ratio !== undefined &&
    (r.name === `edgejwt ${build} ${operation}` || (builds.length === 1 && r.name === `edgejwt ${operation}`))));
  if (!peer || rows.includes(undefined)) return null;
  const row = ratioRow(`${where}: ${NESTED_JWE}, \`${operation}\``, Object.fromEntries(builds.map((build, i) => [build, rows[i]])),
    `jose ${format(peer.median)}/s`, 0);
  return { ...row, target: "none", met: null };
}

// Both ways of decrypting the nested token: all in Wasm, and with ECDH-ES's agreement on the host.
const nestedJweRows = (bench, builds, where) =>
  ["decryptAndVerify", "decryptAndVerifyAsync"].map((operation) => nestedJweRow(bench, builds, where, operation));

// Pure-Wasm verify (hostCrypto: false) against node:crypto's native verify: 0.35× and 0.5×.
function wasmRow(wasm, alg) {
  const peer = wasm.results.find((r) => r.alg === alg && r.name === "node:crypto verify");
  const rows = BUILDS.map((build) => wasm.results.find((r) => r.alg === alg && r.name === `edgejwt ${build} verify (wasm)`));
  if (!peer || rows.includes(undefined)) return null;
  const ratios = rows.map((r) => r.median / peer.median);
  return {
    path: `${alg} \`verify\` in pure Wasm`, figures: { emscripten: `${format(rows[0].median)}/s`, wasi: `${format(rows[1].median)}/s` },
    peer: `node:crypto ${format(peer.median)}/s`, shown: ratios.map(ratioText).join(" / "), target: "≥ 0.35× / ≥ 0.5×",
    met: ratios[0] >= 0.35 && ratios[1] >= 0.5,
  };
}

// bench/size.js's largest `verify`-only page (of the Emscripten build's "edgejwt") against the same
// page before JWE: at most 1.00×.
function verifyOnlyPageRow(size) {
  const pages = size.bundles.filter((row) => row.page === "verify only");
  if (pages.length === 0) return null;
  const largest = pages.reduce((big, row) => (row.jsGzip + row.wasmGzip > big.jsGzip + big.wasmGzip ? row : big));
  const bytes = largest.jsGzip + largest.wasmGzip;
  const ratio = bytes / VERIFY_ONLY_PAGE_BEFORE_JWE;
  return {
    path: `browser: the largest \`verify\`-only page (${largest.bundler}), JS + Wasm gzip -9`, figures: { emscripten: `${(bytes / 1000).toFixed(1)} kB` },
    peer: `before JWE ${(VERIFY_ONLY_PAGE_BEFORE_JWE / 1000).toFixed(1)} kB`, shown: ratioText(ratio), target: "≤ 1.00×", met: ratio <= 1,
  };
}

// `rows` by build ({ median, ratio? }): each build's ops/s, its ratio to the peer, met at `minimum`.
function ratioRow(path, rows, peer, minimum) {
  const builds = BUILDS.filter((build) => rows[build]);
  const ratios = builds.map((build) => rows[build].ratio);
  return {
    path, figures: Object.fromEntries(builds.map((build) => [build, `${format(rows[build].median)}/s`])), peer,
    shown: ratios.map(ratioText).join(" / "), target: `≥ ${minimum.toFixed(2)}×`, met: ratios.every((ratio) => ratio >= minimum),
  };
}

// The gateway in workerd (WASI build), against the same worker proxying a bypassed path.
function gatewayRows(edge) {
  const find = (name) => edge.results.find((r) => r.case === name);
  const bypass = find("gateway, bypassed path");
  const hit = find("gateway, cache hit (ES256)");
  const miss = find("gateway, cache miss RS256");
  if (!bypass || !hit || !miss) return [null];
  // Requests/s, and workerd's CPU time per request where the bench measured it.
  const load = (row) => `${format(row.requestsPerSecond)} req/s${row.workerdCpuMicrosPerRequest ? `, ${row.workerdCpuMicrosPerRequest.toFixed(0)} µs CPU` : ""}`;
  // Met when requests/s reach the ratio and, where measured, so does the ratio of CPU per request
  // (what requests/s would be if workerd alone used the CPU): one run of requests/s on a shared
  // machine can reach a ratio the work per request does not.
  const throughput = (path, row, minimum) => {
    const ratio = row.requestsPerSecond / bypass.requestsPerSecond;
    const cpuRatio = row.workerdCpuMicrosPerRequest && bypass.workerdCpuMicrosPerRequest
      ? bypass.workerdCpuMicrosPerRequest / row.workerdCpuMicrosPerRequest : null;
    return {
      path, figures: { wasi: load(row) }, peer: `bypassed path ${load(bypass)}`,
      shown: `${ratioText(ratio)}${cpuRatio === null ? "" : ` (CPU ${ratioText(cpuRatio)})`}`, target: `≥ ${minimum.toFixed(2)}×`,
      met: ratio >= minimum && (cpuRatio === null || cpuRatio >= minimum),
    };
  };
  const addedMicroseconds = (hit.latencyMs.p50 - bypass.latencyMs.p50) * 1000;
  return [
    throughput("gateway in workerd: cache hit", hit, 0.95),
    throughput("gateway in workerd: RS256 cache miss", miss, 0.85),
    {
      path: "gateway in workerd: p50 latency a cache hit adds", figures: { wasi: `${hit.latencyMs.p50.toFixed(3)} ms` },
      peer: `bypassed path ${bypass.latencyMs.p50.toFixed(3)} ms`, shown: `${Math.round(addedMicroseconds)} µs`, target: "≤ 50 µs",
      met: addedMicroseconds <= 50,
    },
  ];
}

function read(name) {
  try {
    return JSON.parse(readFileSync(new URL(`../artifacts/${name}`, import.meta.url), "utf8"));
  } catch {
    return null;
  }
}

function main() {
  const artifacts = Object.fromEntries(Object.keys(SOURCES).map((name) => [name, read(name)]));
  const rows = [];
  for (const { issue, what, source, rows: rowsOf } of TARGETS) {
    const artifact = artifacts[source];
    for (const row of artifact ? rowsOf(artifact) : [null]) {
      rows.push(row ? { issue, source, ...row, verdict: row.met === null ? "no target" : row.met ? "met" : "**not met**" }
        : { issue, source, path: what, figures: {}, peer: "", shown: "", target: "",
          verdict: artifact ? `not measured: ${source} has no such cases` : `not measured: run ${SOURCES[source]}` });
    }
  }
  const measured = Object.entries(artifacts).filter(([, artifact]) => artifact)
    .map(([name, artifact]) => `${name} ${artifact.date.slice(0, 16).replace("T", " ")} UTC`);
  console.log(`\nissue 16's targets, issue 18's page size and nested JWE rows, from ${measured.join(", ") || "no artifacts"}\n`);
  console.log("| target | path | edgejwt Emscripten | edgejwt WASI | peer | ratio | target | verdict |\n|---|---|---|---|---|---|---|---|");
  for (const row of rows) {
    console.log(`| ${row.issue} | ${row.path} | ${row.figures.emscripten ?? ""} | ${row.figures.wasi ?? ""} | ${row.peer} | ${row.shown} | ${row.target} | ${row.verdict} |`);
  }
  return writeArtifact("targets.json", { date: new Date().toISOString(), sources: measured, rows });
}

console.log(`\nJSON: ${await main()}`);
