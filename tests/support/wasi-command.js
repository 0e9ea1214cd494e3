// Runs a WASI command module under node:wasi with this process's stdin, stdout and stderr, and
// exits with its status: `node wasi-command.js MODULE PREOPEN_DIR ARGS...` (PREOPEN_DIR is /work
// inside the module). One process per run, as a shell would run the command.
import { readFileSync } from "node:fs";
import { WASI } from "node:wasi";

const [modulePath, workDir, ...args] = process.argv.slice(2);
const wasi = new WASI({
  version: "preview1", args: ["edgejwt.wasm", ...args], env: {}, preopens: { "/work": workDir }, returnOnExit: true,
});
const instance = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(modulePath)), wasi.getImportObject());
process.exitCode = wasi.start(instance);
