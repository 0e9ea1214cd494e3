// Runs edge/worker.js in a real workerd on loopback, for the demo, the tests and the bench:
//   const gateway = await startWorkerd({ port: 0, env: { JWKS_URL, ORIGIN, … } });
//   … fetch(gateway.url) …
//   await gateway.stop();
// or from a shell, with the env bindings (edge/README.md) taken from the environment:
//   ORIGIN=http://127.0.0.1:8080 JWKS_URL=http://127.0.0.1:8081/jwks.json node edge/run-local.js --port 8787
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

import { BINDING_NAMES } from "./gateway-config.js";
import { workerdConfig } from "./workerd-config.js";

const WORKERD_PACKAGE = "@cloudflare/workerd-linux-64";
const LOOPBACK = "127.0.0.1"; // the local gateway is never reachable from another machine
const CONTROL_FD = 3;
const KEPT_OUTPUT = 64 * 1024;

// The workerd binary of the npm platform package (the `workerd` package's own postinstall, which
// only picks that package, is blocked by npm 11; the platform package needs no script).
export function workerdBinary() {
  let manifest;
  try {
    manifest = createRequire(import.meta.url).resolve(`${WORKERD_PACKAGE}/package.json`);
  } catch {
    throw new Error(`the workerd binary comes from the npm package ${WORKERD_PACKAGE} (a devDependency): run npm ci`);
  }
  return join(dirname(manifest), "bin", "workerd");
}

// The workerd binary's version line.
export function workerdVersion() {
  return execFileSync(workerdBinary(), ["--version"], { encoding: "utf8" }).trim();
}

// Starts workerd serving the worker (edge/worker.js unless `modules` name another, main module first)
// on 127.0.0.1:port (port 0: a free one, as workerd reports it) and resolves once it listens.
// `output: "inherit"` passes workerd's stdout/stderr through; otherwise the last 64 KiB are kept for
// `output()`. Rejects, with that output, if workerd exits or does not listen within `startTimeout` ms.
// `config` makes the config text (default workerd-config.js's; tests with Durable Objects pass their own);
// `compatibilityDate` and `compatibilityFlags` as in workerdConfig (edge/workerd-config.js);
// `cacheService`: the address of a Cache API service (edge/cache-service.js) for caches.default;
// `binary`: another workerd (e.g. the one wrangler runs).
export async function startWorkerd({ port = 0, env = {}, modules, config = workerdConfig, output = "keep",
  startTimeout = 15_000, compatibilityDate, compatibilityFlags, cacheService, binary = workerdBinary() } = {}) {
  const configDir = mkdtempSync(join(tmpdir(), "edgejwt-workerd-"));
  const configFile = join(configDir, "config.capnp");
  writeFileSync(configFile, config({ configDir, address: `${LOOPBACK}:${port}`, env, modules, compatibilityDate, compatibilityFlags, cacheService }),
    { mode: 0o600 });

  const child = spawn(binary, ["serve", configFile, `--control-fd=${CONTROL_FD}`], {
    stdio: ["ignore", output === "inherit" ? "inherit" : "pipe", output === "inherit" ? "inherit" : "pipe", "pipe"],
  });
  let kept = "";
  const keep = (chunk) => { kept = (kept + chunk).slice(-KEPT_OUTPUT); };
  child.stdout?.setEncoding("utf8").on("data", keep);
  child.stderr?.setEncoding("utf8").on("data", keep);
  // A binary that cannot be started gives "error" and maybe no "exit".
  const exited = new Promise((resolve) => {
    child.once("exit", (code, signal) => resolve({ code, signal }));
    child.once("error", (error) => resolve({ code: null, signal: null, error }));
  });

  const cleanUp = () => rmSync(configDir, { recursive: true, force: true });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
      await exited;
      clearTimeout(killer);
    }
    cleanUp();
  };

  let boundPort;
  try {
    boundPort = await listeningPort(child, exited, startTimeout);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n--- workerd output ---\n${kept}`);
  }
  return { url: `http://${LOOPBACK}:${boundPort}`, port: boundPort, pid: child.pid, output: () => kept, exited, stop };
}

// workerd writes a JSON line to the control descriptor for each socket once it listens.
function listeningPort(child, exited, timeout) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`workerd did not listen within ${timeout} ms`)), timeout);
    const settle = (action, value) => { clearTimeout(timer); action(value); };
    exited.then(({ code, signal, error }) => settle(reject, new Error(error
      ? `workerd could not be started: ${error.message}`
      : `workerd exited (${signal ?? `status ${code}`}) before listening`)));
    createInterface({ input: child.stdio[CONTROL_FD] }).on("line", (line) => {
      let message;
      try {
        message = JSON.parse(line);
      } catch {
        return;
      }
      if (message.event === "listen" && message.socket === "http") settle(resolve, message.port);
    });
  });
}

async function main() {
  const { values } = parseArgs({ options: { port: { type: "string", default: "8787" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port}: not a port number`);
  const env = Object.fromEntries(BINDING_NAMES.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
  const gateway = await startWorkerd({ port, env, output: "inherit" });
  console.log(`edgejwt gateway in workerd (pid ${gateway.pid}) at ${gateway.url}; Ctrl-C stops it`);
  const signalled = new Promise((resolve) => {
    process.once("SIGINT", () => resolve(true));
    process.once("SIGTERM", () => resolve(true));
  });
  // A terminal's Ctrl-C reaches workerd too (same process group): that is a stop, not a crash.
  const stopped = await Promise.race([signalled, gateway.exited.then(({ signal }) => signal === "SIGINT")]);
  await gateway.stop();
  if (!stopped) {
    console.error("workerd exited on its own");
    process.exitCode = 1;
  }
  process.exit(); // the signal listeners would keep the process alive
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error.message);
    process.exitCode = 1;
  });
}
