// Wasm memory must stay flat across a million verify calls on each build: the hot path reuses its
// buffers, and nothing leaks per call. (Reported, not timed.)
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";

const CALLS = 1_000_000;

for (const build of builds.filter((b) => b.name !== "wasi (node:wasi)")) {
  describe(`memory on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it(`stays flat across ${CALLS.toLocaleString("en")} verify calls`, () => {
      const key = api.generateSecret("HS256");
      const token = api.sign({ sub: "u1", scope: "read write", n: 1 }, key, { alg: "HS256", expiresIn: "1h" });
      const options = { algorithms: ["HS256"] };
      for (let i = 0; i < 10_000; i++) api.verify(token, key, options); // warm-up: buffers reach their size
      const memory = () => api.memoryUsage().wasmMemoryBytes;
      const start = memory();
      for (let i = 0; i < CALLS; i++) api.verify(token, key, options);
      const end = memory();
      assert.equal(end, start, `Wasm memory grew from ${start} to ${end} bytes`);
    });
  });
}
