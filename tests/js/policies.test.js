// Verify options are remembered by identity (js/policies.js): a caller reusing one options object
// must still see every change it makes to it take effect on the next call.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";

for (const build of builds) {
  describe(`verify options reused and changed on ${build.name}`, () => {
    let api, key, token;
    before(async () => {
      api = await apiFor(build);
      key = api.generateSecret("HS256");
      token = api.sign({ sub: "u", iss: "a", aud: ["x", "y"] }, key, { alg: "HS256" });
    });

    it("sees an array edited in place", () => {
      const options = { algorithms: ["HS256"], audience: ["x"] };
      api.verify(token, key, options);
      options.algorithms[0] = "HS384";
      assert.throws(() => api.verify(token, key, options), { code: "ERR_JOSE_ALG_NOT_ALLOWED" });
      options.algorithms[0] = "HS256";
      options.audience.push("z");
      api.verify(token, key, options);
      options.audience.splice(0, 2, "z");
      assert.throws(() => api.verify(token, key, options), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    });

    it("sees a field set, changed or removed", () => {
      const options = {};
      api.verify(token, key, options);
      options.issuer = "b";
      assert.throws(() => api.verify(token, key, options), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
      options.issuer = "a";
      api.verify(token, key, options);
      options.maxTokenLength = 10;
      assert.throws(() => api.verify(token, key, options), { status: "ERR_TOKEN_TOO_LARGE" });
      delete options.maxTokenLength;
      api.verify(token, key, options);
      options.requiredClaims = ["sub"];
      api.verify(token, key, options);
      options.requiredClaims.push("jti");
      assert.throws(() => api.verify(token, key, options), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    });

    it("outlives the policy LRU: an options object whose policy was evicted gets it made again", () => {
      const options = { issuer: "a" };
      api.verify(token, key, options);
      for (let i = 0; i < 80; i++) api.verify(token, key, { issuer: "a", subject: "u", clockTolerance: i });
      api.verify(token, key, options);
      options.issuer = "c";
      assert.throws(() => api.verify(token, key, options), { code: "ERR_JWT_CLAIM_VALIDATION_FAILED" });
    });
  });
}
