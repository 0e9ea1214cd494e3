// npm run bench:workerd: edgejwt's verify and verifyAsync beside jose's jwtVerify inside a worker in
// real workerd (the npm @cloudflare/workerd-linux-64 binary, on a free 127.0.0.1 port). The worker,
// bench/workerd-worker.js, measures the cases of bench/web-cases.js, one request per round, every
// case once per round, so drift touches all alike (how it times them under workerd's clock: that
// file's header). Prints the table with ratios to jose and the performance issue's workerd targets,
// and writes artifacts/bench-workerd.json. Measured, never asserted.
// Environment: BENCH_ROUNDS (default 5), BENCH_MS per case per round (default 200).
import { javascriptUnder, workerModules } from "../edge/workerd-config.js";
import { startWorkerd, workerdVersion } from "../edge/run-local.js";
import { benchSettings } from "./common.js";
import { report } from "./web-cases.js";

const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();

// The bench worker first (the main module), then what it imports.
const modules = () => workerModules(["bench/workerd-worker.js", "bench/web-cases.js", "bench/common.js",
  ...javascriptUnder("node_modules/jose/dist/webapi")]);

async function ask(workerd, path) {
  const response = await fetch(`${workerd.url}${path}`);
  if (!response.ok) {
    throw new Error(`${path}: HTTP ${response.status}: ${await response.text()}\n--- workerd output ---\n${workerd.output()}`);
  }
  return response.json();
}

async function main() {
  const workerd = await startWorkerd({ modules: modules() });
  try {
    const { cases, notes, ed25519 } = await ask(workerd, "/cases");
    for (const entry of cases) entry.samples = [];
    let clockMs = 0;
    let wallMs = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const answer = await ask(workerd, `/round?ms=${CASE_MS}`);
      wallMs += performance.now() - started;
      clockMs += answer.clockMs;
      answer.samples.forEach((ops, index) => cases[index].samples.push(ops));
      process.stderr.write(`workerd round ${round + 1}/${ROUNDS} done\n`);
    }
    const version = workerdVersion();
    const clockShare = clockMs / wallMs;
    await report({
      title: `edgejwt benchmark in ${version} (WASI build), ${new Date().toISOString().slice(0, 10)}, ` +
        `${ROUNDS} rounds × ${CASE_MS} ms; WebCrypto Ed25519: ${ed25519 ? "yes" : "no"}; ` +
        `the worker's clock covered ${(clockShare * 100).toFixed(1)}% of the requests' wall time`,
      artifact: "bench-workerd.json", cases,
      notes: clockShare < 0.95 ? [...notes, "the worker's clock missed over 5% of the wall time: its ops/s may be overstated"] : notes,
      about: { workerd: version, build: "wasi", webCryptoEd25519: ed25519, rounds: ROUNDS, caseMs: CASE_MS, clockMs, wallMs },
    });
  } finally {
    await workerd.stop();
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:workerd failed: ${error.stack ?? error}`);
  process.exitCode = 1;
}
