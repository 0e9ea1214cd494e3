// npm run bench:browser: edgejwt's verify and verifyAsync beside jose's jwtVerify in real headless
// Chromium (Debian's /usr/bin/chromium driven by playwright-core; no browser is downloaded). The
// project's files are served on 127.0.0.1 (scripts/inspect.js's static server) and the page,
// bench/browser.html, measures the cases of bench/web-cases.js: one page.evaluate per round, every
// case once per round, so drift touches all alike. Prints the table with ratios to jose and the
// performance issue's Chromium targets, and writes artifacts/bench-browser.json. Measured, never
// asserted. Environment: BENCH_ROUNDS (default 5), BENCH_MS per case per round (default 200).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

import { serveSite } from "../scripts/inspect.js";
import { benchSettings } from "./common.js";
import { report } from "./web-cases.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"];
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const { rounds: ROUNDS, caseMs: CASE_MS } = benchSettings();

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`Chromium bench skipped: ${CHROMIUM} is absent (scripts/bootstrap.sh installs Debian's chromium)`);
    return;
  }
  const server = await serveSite(ROOT, { port: 0 });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(error.message));
    page.on("console", (message) => { if (message.type() === "error") errors.push(message.text()); });
    await page.goto(`http://127.0.0.1:${server.address().port}/bench/browser.html`);
    await page.waitForFunction(() => globalThis.edgejwtBench, null, { timeout: 15_000 }).catch(() => {
      throw new Error(`the bench page did not load: ${errors.join("; ") || "no error reported"}`);
    });
    const { cases, notes, ed25519 } = await page.evaluate(() => globalThis.edgejwtBench.prepare());
    for (const entry of cases) entry.samples = [];
    for (let round = 0; round < ROUNDS; round++) {
      const samples = await page.evaluate((caseMs) => globalThis.edgejwtBench.round(caseMs), CASE_MS);
      samples.forEach((ops, index) => cases[index].samples.push(ops));
      process.stderr.write(`Chromium round ${round + 1}/${ROUNDS} done\n`);
    }
    const version = browser.version();
    await report({
      title: `edgejwt benchmark in Chromium ${version} (Emscripten build), ${new Date().toISOString().slice(0, 10)}, ` +
        `${ROUNDS} rounds × ${CASE_MS} ms; WebCrypto Ed25519: ${ed25519 ? "yes" : "no"}`,
      artifact: "bench-browser.json", cases, notes,
      about: { chromium: version, build: "emscripten", webCryptoEd25519: ed25519, rounds: ROUNDS, caseMs: CASE_MS },
    });
  } finally {
    await browser?.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}

try {
  await main();
} catch (error) {
  console.error(`bench:browser failed: ${error.stack ?? error}`);
  process.exitCode = 1;
}
