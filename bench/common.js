// What the benches share: the token's claims, the measuring loop, medians and the markdown table.
// It runs in Node, in Chromium and in workerd alike, so it imports nothing at load time.

// BENCH_ROUNDS (default 5) and BENCH_MS per case per round (default 200), from the environment.
export function benchSettings(env = globalThis.process?.env ?? {}) {
  return { rounds: Number(env.BENCH_ROUNDS ?? 5), caseMs: Number(env.BENCH_MS ?? 200) };
}

// A realistic access token's claims, about ten, issued at `now` (seconds). A function, not a
// constant: workerd's clock reads 0 while a module loads.
// The algorithms every bench measures.
export const ALGORITHMS = ["HS256", "RS256", "PS256", "ES256", "ES384", "EdDSA"];

export const claimsAt = (now) => ({
  iss: "https://idp.example.com/", sub: "auth0|5f8d0c9e1c9d440000a1b2c3", aud: ["https://api.example.com", "https://example.com/userinfo"],
  iat: now, exp: now + 3600, azp: "x7Kd9QmW2pLs8Vn4", scope: "openid profile email read:orders write:orders",
  gty: "client-credentials", org_id: "org_9f8e7d6c5b4a", permissions: ["read:orders", "write:orders"],
});

// `fn`'s operations per second (sync, or async and awaited one at a time) over at least `caseMs`.
// The clock is read only after `settle()` when given: in workerd, whose clock may not move during
// synchronous code, that is an awaited I/O; batches then double until one spans a sixteenth of the
// case, so the awaits cost next to nothing.
// `clock` reads milliseconds: wall time by default; cpuClock where the machine is shared and the
// case is synchronous (time other processes take is then not counted against it).
export async function measure(fn, caseMs, settle, clock = () => performance.now()) {
  const first = fn();
  const isAsync = typeof first?.then === "function";
  if (isAsync) await first;
  let batch = 16;
  let operations = 0;
  if (settle) await settle();
  const start = clock();
  let elapsed = 0;
  while (elapsed < caseMs) {
    const batchStart = elapsed;
    for (let i = 0; i < batch; i++) {
      if (isAsync) await fn(); else fn();
    }
    operations += batch;
    if (settle) await settle();
    elapsed = clock() - start;
    if (settle && elapsed - batchStart < caseMs / 16) batch *= 2;
  }
  return (operations / elapsed) * 1000;
}

// This process's CPU time (user + system) in milliseconds: Node only.
export function cpuClock() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
export const format = (ops) => (ops >= 1000 ? `${(ops / 1000).toFixed(1)}k` : ops.toFixed(0));

// Each case's median and spread over its per-round samples.
export const summarize = (cases) => cases.map(({ alg, name, samples }) => ({
  alg, name, median: median(samples), min: Math.min(...samples), max: Math.max(...samples),
}));

// The results as a markdown table; `ratioTitle` heads the column of each row's `ratio`.
export function markdownTable(results, ratioTitle) {
  const rows = results.map((r) =>
    `| ${r.alg} | ${r.name} | ${format(r.median)} | ${format(r.min)}–${format(r.max)} | ${r.ratio ? `${r.ratio.toFixed(2)}×` : ""} |`);
  return `| alg | case | median ops/s | spread | ${ratioTitle} |\n|---|---|---|---|---|\n${rows.join("\n")}`;
}

// A target over `rows` (results with a ratio): met when even the lowest ratio reaches `minimum`.
export function verdict(label, rows, minimum = 1) {
  if (rows.length === 0) return `${label}: not measured`;
  const worst = rows.reduce((low, r) => (r.ratio < low.ratio ? r : low));
  return `${label}: ${worst.ratio >= minimum ? "met" : "not met"} (lowest: ${worst.alg} ${worst.name} at ${worst.ratio.toFixed(2)}×)`;
}

// Writes `report` as artifacts/`name` and returns its path (node:fs is imported here, when called,
// so that this module also loads in Chromium and workerd).
export async function writeArtifact(name, report) {
  const { mkdirSync, writeFileSync } = await import("node:fs");
  const dir = new URL("../artifacts/", import.meta.url);
  mkdirSync(dir, { recursive: true });
  const file = new URL(name, dir);
  writeFileSync(file, JSON.stringify(report, null, 2));
  return file.pathname;
}
