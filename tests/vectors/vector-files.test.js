// How the vector suites load their files (tests/support/vectors.js): a vectors folder that is
// absent skips them, saying so; a file missing from it, or one that is not JSON, fails them. Before,
// both became a skip, so a corrupted or renamed file looked like a pass.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { loadVectors } from "../support/vectors.js";

describe("vector files", () => {
  let dir;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), "edgejwt-vectors-"));
    writeFileSync(join(dir, "good.json"), '{"testGroups":[]}');
    writeFileSync(join(dir, "truncated.json"), '{"testGroups":[{"tests":[');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("a file that is not JSON fails, naming it", () => {
    assert.throws(() => loadVectors("truncated.json", dir), /truncated\.json is not JSON/);
  });

  it("a file missing from the folder fails, naming it", () => {
    assert.throws(() => loadVectors("wycheproof/renamed.json", dir), /renamed\.json cannot be read/);
  });

  it("a folder that is absent skips, saying where it looked", () => {
    const { data, skip } = loadVectors("good.json", join(dir, "absent"));
    assert.equal(data, undefined);
    assert.match(skip, /absent is absent \(set EDGEJWT_VECTORS/);
  });

  it("a good file is read once and shared", () => {
    const first = loadVectors("good.json", dir);
    assert.deepEqual(first, { data: { testGroups: [] } });
    assert.equal(loadVectors("good.json", dir), first);
  });
});
