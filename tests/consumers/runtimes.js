// The runtimes the matrix runs the apps in, all from npm devDependencies (never through PATH:
// node_modules/.bin/node would shadow the system node in npm scripts, see scripts/bootstrap.sh).
// Node: the floor of each range in package.json's "engines" and the newest release of each major.
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT } from "./workspace.js";

const packageBinary = (name, path) => join(ROOT, "node_modules", name, path);

export const NODES = [
  { label: `Node ${process.versions.node} (this machine's)`, binary: process.execPath },
  ...["node20.19", "node22.13", "node22", "node23.5", "node24", "node26"].map((alias) => {
    const binary = packageBinary(alias, "bin/node");
    const { version } = JSON.parse(readFileSync(packageBinary(alias, "package.json"), "utf8"));
    return { label: `Node ${version.replace(/^v/, "")}`, binary };
  }),
];

export const BUN = packageBinary("@oven/bun-linux-x64", "bin/bun");
export const DENO = packageBinary("@deno/linux-x64-glibc", "deno");
