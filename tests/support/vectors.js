// ../shared/vectors (or $EDGEJWT_VECTORS). Where that folder is absent, the suites that need it
// skip, saying so on stderr once; a file missing from a folder that is there, or one that is not
// JSON, fails the suite that asked for it (a vector file gone wrong must never look like a pass).
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const vectorsDir = process.env.EDGEJWT_VECTORS || join(projectRoot, "..", "shared", "vectors");

const loaded = new Map(); // path -> what loadVectors returned: each file is read once per process
let warned = false;

// The parsed JSON file (shared by every caller: never modify it), or a skip reason for node:test's
// `skip` option when there is no vectors folder at all.
export function loadVectors(relativePath, dir = vectorsDir) {
  if (!existsSync(dir)) {
    const skip = `test vectors not found: ${dir} is absent (set EDGEJWT_VECTORS to the shared vectors folder)`;
    if (!warned && dir === vectorsDir) console.error(`WARNING: ${skip}; the suites that need them are skipped`);
    warned ||= dir === vectorsDir;
    return { skip };
  }
  const path = join(dir, relativePath);
  if (!loaded.has(path)) loaded.set(path, { data: parse(path) });
  return loaded.get(path);
}

function parse(path) {
  let text;
  try {
    text = readFileSync(path, "utf8");
  } catch (cause) {
    throw new Error(`vector file ${path} cannot be read: ${cause.message}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new Error(`vector file ${path} is not JSON: ${cause.message}`, { cause });
  }
}
