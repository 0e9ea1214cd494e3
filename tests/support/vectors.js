// ../shared/vectors (or $EDGEJWT_VECTORS): tests skip with a clear message where it is absent.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const vectorsDir = process.env.EDGEJWT_VECTORS || join(projectRoot, "..", "shared", "vectors");

const loaded = new Map(); // path -> what loadVectors returned: each file is read once per process

// The parsed JSON file (shared by every caller: never modify it), or a skip reason for node:test's
// `skip` option.
export function loadVectors(relativePath) {
  const path = join(vectorsDir, relativePath);
  if (!loaded.has(path)) {
    loaded.set(path, existsSync(path) ? { data: JSON.parse(readFileSync(path, "utf8")) }
      : { skip: `test vectors not found: ${path} (set EDGEJWT_VECTORS)` });
  }
  return loaded.get(path);
}
