// ../shared/vectors (or $EDGEJWT_VECTORS): tests skip with a clear message where it is absent.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
export const vectorsDir = process.env.EDGEJWT_VECTORS || join(projectRoot, "..", "shared", "vectors");

// The parsed JSON file, or a skip reason for node:test's `skip` option.
export function loadVectors(relativePath) {
  const path = join(vectorsDir, relativePath);
  if (!existsSync(path)) return { skip: `test vectors not found: ${path} (set EDGEJWT_VECTORS)` };
  return { data: JSON.parse(readFileSync(path, "utf8")) };
}
