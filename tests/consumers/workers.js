// Workers as a user deploys them: `wrangler deploy --dry-run --outdir dist` bundles the worker
// (wrangler resolves the package's "workerd" condition and uploads the Wasm it imports as a module),
// and the upload runs in real workerd on loopback (edge/run-local.js), never `wrangler dev`, which
// reaches the internet. Each variant's bundle is made once per workspace (workspace.js).
import { existsSync } from "node:fs";
import { readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { app, build } from "./workspace.js";

// Before 2025-05-05 a Worker has no FinalizationRegistry; before 2026-11-17 no import.meta.url.
export const OLD_DATE = "2024-04-03";
export const NEW_DATE = "2026-11-17";
export const VARIANTS = [OLD_DATE, NEW_DATE].flatMap((date) => [
  { date, flags: [] },
  { date, flags: ["nodejs_compat"] },
]);

// wrangler without prompts, telemetry or a browser login (a dry run needs no account).
export const WRANGLER_ENV = { CI: "1", WRANGLER_SEND_METRICS: "false" };

export const variantName = ({ date, flags }) => `workers ${date}${flags.length ? ` ${flags.join(" ")}` : ""}`;

// The consumer worker bundled for one variant; resolves to the folder wrangler wrote.
export async function bundledWorker(space, variant) {
  const dir = await app(space, "workers", `workers-${variant.date}-${variant.flags.join("-") || "plain"}`);
  const toml = join(dir, "wrangler.toml");
  if (!existsSync(toml)) {
    await writeFile(toml, [
      'name = "edgejwt-consumer"',
      'main = "worker.js"',
      `compatibility_date = "${variant.date}"`,
      ...variant.flags.length ? [`compatibility_flags = [${variant.flags.map((flag) => `"${flag}"`).join(", ")}]`] : [],
      "",
    ].join("\n"));
  }
  await build(dir, { env: WRANGLER_ENV });
  return join(dir, "dist");
}

// workerd modules for what `wrangler deploy --dry-run --outdir` wrote: the bundle, then its Wasm.
export async function uploadModules(dist, main = "worker.js") {
  const files = await readdir(dist);
  return [
    { name: main, kind: "esModule", file: join(dist, main) },
    ...files.filter((file) => file.endsWith(".wasm")).map((file) => ({ name: file, kind: "wasm", file: join(dist, file) })),
  ];
}

// The workerd binary that the wrangler of our devDependencies runs (`wrangler dev`): a compatibility
// date it refuses is one wrangler refuses.
export function wranglerWorkerd() {
  const fromWrangler = createRequire(createRequire(import.meta.url).resolve("wrangler/package.json"));
  const fromWorkerd = createRequire(fromWrangler.resolve("workerd/package.json"));
  return join(dirname(fromWorkerd.resolve("@cloudflare/workerd-linux-64/package.json")), "bin", "workerd");
}
