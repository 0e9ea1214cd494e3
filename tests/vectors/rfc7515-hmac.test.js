// RFC 7515 Appendix A.1 (HS256), with its published key, token and claims.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";

const key = Buffer.from("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", "base64url");
const token =
  "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9" +
  ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ" +
  ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const exp = 1300819380;

for (const build of builds) {
  describe(`RFC 7515 A.1 on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("verifies the published HS256 token before its expiry", () => {
      const { payload, protectedHeader } = api.verify(token, new Uint8Array(key), {
        algorithms: ["HS256"], currentDate: new Date((exp - 60) * 1000),
      });
      assert.deepEqual(protectedHeader, { typ: "JWT", alg: "HS256" });
      assert.deepEqual(payload, { iss: "joe", exp, "http://example.com/is_root": true });
    });

    it("reports it expired afterwards", () => {
      assert.throws(() => api.verify(token, new Uint8Array(key), { currentDate: new Date(exp * 1000) }), { code: "ERR_JWT_EXPIRED" });
    });
  });
}
