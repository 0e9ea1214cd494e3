// The consumer matrix's workspace: the package as `npm pack` makes it, installed with npm into a
// throwaway project under build/consumers/<key>/, and one folder per consumer app beside it (copied
// from tests/consumers/apps/). The key is the hash of the tarball, the lockfile (the tools' versions)
// and this folder (the apps and how they are built), so a second run with nothing changed reuses the
// install and every build, and runs the apps again; any change makes a new workspace (old ones go).
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const APPS = fileURLToPath(new URL("apps/", import.meta.url));
const HERE = fileURLToPath(new URL(".", import.meta.url));
const BASE = join(ROOT, "build", "consumers");
const BIN = join(ROOT, "node_modules", ".bin");
const OUTPUT_KEPT = 16 * 1024;

// Runs `command` with `args` in `cwd`; resolves to { code, signal, stdout, stderr } (the last 16 KiB
// of each), or rejects after `timeout` ms (the process group is killed).
export function run(command, args, { cwd, env = {}, timeout = 120_000, input } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd, detached: true, stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      env: { ...process.env, PATH: `${BIN}:${process.env.PATH}`, ...env },
    });
    const output = { stdout: "", stderr: "" };
    for (const stream of ["stdout", "stderr"]) {
      child[stream].setEncoding("utf8").on("data", (chunk) => {
        output[stream] = (output[stream] + chunk).slice(-OUTPUT_KEPT);
      });
    }
    if (input !== undefined) child.stdin.end(input);
    const timer = setTimeout(() => {
      process.kill(-child.pid, "SIGKILL");
      reject(new Error(`${command} ${args.join(" ")} took over ${timeout} ms\n${output.stdout}\n${output.stderr}`));
    }, timeout);
    child.once("error", (error) => { clearTimeout(timer); reject(error); });
    child.once("close", (code, signal) => { clearTimeout(timer); resolve({ code, signal, ...output }); });
  });
}

// Like run(), and rejects with the output unless the command exits with status 0.
export async function succeed(command, args, options) {
  const result = await run(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${result.signal ?? result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

const sha256 = (...parts) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};

async function filesUnder(dir) {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name)).sort();
}

// Packs the project, installs the tarball into the key's workspace (once), and returns it:
// { dir, tarball, key, fresh } (`fresh`: installed by this call).
export async function workspace() {
  await mkdir(BASE, { recursive: true });
  const { stdout } = await succeed("npm", ["pack", "--json", "--pack-destination", BASE], { cwd: ROOT });
  const [{ filename }] = JSON.parse(stdout);
  const tarball = await readFile(join(BASE, filename));
  const sources = await Promise.all((await filesUnder(HERE)).map(async (file) => [file, await readFile(file)]));
  const key = sha256(tarball, await readFile(join(ROOT, "package-lock.json")),
    ...sources.flatMap(([file, bytes]) => [file.slice(HERE.length), bytes])).slice(0, 16);
  const dir = join(BASE, key);
  const installed = join(dir, ".installed");
  for (const entry of await readdir(BASE)) {
    if (entry !== key && !entry.endsWith(".tgz")) await rm(join(BASE, entry), { recursive: true, force: true });
  }
  if (existsSync(installed)) return { dir, key, tarball: join(BASE, filename), fresh: false };
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp(join(BASE, filename), join(dir, "edgejwt.tgz"));
  await writeFile(join(dir, "package.json"), `${JSON.stringify({
    name: "edgejwt-consumers", private: true, type: "module", dependencies: { edgejwt: "file:edgejwt.tgz" },
  }, null, 2)}\n`);
  await succeed("npm", ["install", "--offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir });
  await writeFile(installed, "");
  return { dir, key, tarball: join(BASE, filename), fresh: true };
}

// The consumer app `name` (a folder of apps/, with the shared check.js) copied into the workspace
// as `as`; resolves to its folder.
export async function app(space, name, as = name) {
  const dir = join(space.dir, as);
  if (!existsSync(join(dir, "check.js"))) {
    await cp(join(APPS, name), dir, { recursive: true });
    await cp(join(APPS, "check.js"), join(dir, "check.js"));
  }
  return dir;
}

// Runs the app's build (`script`, default its build.sh: the command the README shows) once per
// workspace, with the project's devDependencies' binaries on PATH; later runs find its marker and
// skip it. Resolves to whether it built now.
export async function build(dir, { script = "bash build.sh", marker = ".built", env, timeout } = {}) {
  const done = join(dir, marker);
  if (existsSync(done)) return false;
  await succeed("bash", ["-euo", "pipefail", "-c", script], { cwd: dir, env, timeout });
  await writeFile(done, "");
  return true;
}

// The JSON array of reports the app printed (its last line of output).
export function reportsOf(stdout) {
  const line = stdout.trim().split("\n").pop();
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`the app printed no report:\n${stdout}`);
  }
}
