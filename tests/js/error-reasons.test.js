// jose's classes and codes, edgejwt's finer distinction in error.reason (issue 14, item 2): the one
// table (js/core/status-errors.js) covers every status the core can return and nothing else, and
// docs/errors.md prints it; then what jose programs rely on, on each build: a key that cannot serve
// the algorithm is a TypeError, JWKSMultipleMatchingKeys yields the keys that fit, sign() refuses a
// NumericDate JSON cannot carry, and verify takes jose's crit object.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";
import { createHmac, generateKeyPairSync, sign as nodeSign } from "node:crypto";
import { readFileSync } from "node:fs";

import { STATUS_ERRORS } from "../../js/core/status-errors.js";
import { JOSEError, JWKSMultipleMatchingKeys } from "../../js/errors.js";
import { apiFor, builds, coreFor } from "../support/builds.js";
import { TABLE_START, renderStatusTable } from "../support/status-table.js";


const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

describe("the status → error table", () => {
  it("has one entry for every status the core names, and none it does not", async () => {
    const core = await coreFor(builds[0]);
    const named = [];
    for (let status = 1; status < 256; status++) {
      const name = core.statusName(status);
      if (name !== "ERR_UNKNOWN") named.push(name);
    }
    assert.deepEqual(Object.keys(STATUS_ERRORS).sort(), named.sort());
  });

  it("is what docs/errors.md prints", () => {
    const doc = readFileSync(new URL("../../docs/errors.md", import.meta.url), "utf8");
    const start = doc.indexOf(TABLE_START);
    assert.ok(start >= 0, `docs/errors.md has no line ${TABLE_START}`);
    const table = doc.slice(start + TABLE_START.length).trim().split("\n\n")[0];
    assert.equal(table, renderStatusTable(), "regenerate docs/errors.md's table from renderStatusTable()");
  });
});

for (const build of builds) {
  describe(`jose's errors on ${build.name}`, () => {
    let api;
    const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
    const ec = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const secret = new Uint8Array(32).fill(7);
    before(async () => { api = await apiFor(build); });

    it("refuses a key of another family as a TypeError, the rule in error.reason", async () => {
      const key = await api.importSPKI(rsa.publicKey.export({ type: "spki", format: "pem" }), "RS256");
      const input = `${b64({ alg: "ES256" })}.${b64({ sub: "u" })}`;
      const token = `${input}.${nodeSign("sha256", Buffer.from(input), { key: ec.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
      assert.throws(() => api.verify(token, key), (error) => error instanceof TypeError && error instanceof JOSEError &&
        error.status === "ERR_JOSE_ALG_NOT_ALLOWED" && error.reason === "key_algorithm");
      // The caller's allowlist refusing an algorithm is jose's JOSEAlgNotAllowed still.
      assert.throws(() => api.verify(token, key, { algorithms: ["RS256"] }), (error) =>
        !(error instanceof TypeError) && error.code === "ERR_JOSE_ALG_NOT_ALLOWED" && error.reason === "alg_not_allowed");
    });

    it("a signing key that cannot serve the header's alg is a TypeError", async () => {
      const key = await api.importPKCS8(ec.privateKey.export({ type: "pkcs8", format: "pem" }), "ES256");
      assert.throws(() => api.sign({ sub: "u" }, key, { alg: "RS256" }), (error) =>
        error instanceof TypeError && error.reason === "key_algorithm");
    });

    it("JWKSMultipleMatchingKeys yields the keys that fit, which a program tries in turn", async () => {
      const other = generateKeyPairSync("ec", { namedCurve: "P-256" });
      const set = api.createLocalJWKSet({ keys: [
        { ...other.publicKey.export({ format: "jwk" }), kid: "a" },
        { ...rsa.publicKey.export({ format: "jwk" }), kid: "r" },
        { ...ec.publicKey.export({ format: "jwk" }), kid: "a" },
      ] });
      const input = `${b64({ alg: "ES256", kid: "a" })}.${b64({ sub: "by ec" })}`;
      const token = `${input}.${nodeSign("sha256", Buffer.from(input), { key: ec.privateKey, dsaEncoding: "ieee-p1363" }).toString("base64url")}`;
      let error;
      try { api.verify(token, set); } catch (caught) { error = caught; }
      assert.ok(error instanceof JWKSMultipleMatchingKeys, String(error));
      assert.equal(error.code, "ERR_JWKS_MULTIPLE_MATCHING_KEYS");
      const outcomes = [];
      for await (const candidate of error) {
        try { outcomes.push(api.verify(token, candidate).payload.sub); } catch (failed) { outcomes.push(failed.code); }
      }
      assert.deepEqual(outcomes, ["ERR_JWS_SIGNATURE_VERIFICATION_FAILED", "by ec"]);
    });

    it("sign() refuses NaN, ±Infinity and an invalid Date as a NumericDate (JSON would write null)", () => {
      for (const claims of [{ exp: Number.NaN }, { exp: Infinity }, { nbf: -Infinity }, { iat: Number.NaN }]) {
        assert.throws(() => api.sign({ sub: "u", ...claims }, secret, { alg: "HS256" }),
          (error) => error instanceof TypeError && error.reason === "numeric_date", JSON.stringify(claims));
      }
      assert.throws(() => api.sign({ sub: "u" }, secret, { alg: "HS256", iat: new Date(Number.NaN) }), TypeError);
    });

    it("verify takes crit as jose's object of understood extensions, and as an array", () => {
      const ext = "http://example/ext";
      const input = `${b64({ alg: "HS256", crit: [ext], [ext]: 1 })}.${b64({ sub: "u" })}`;
      const token = `${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`;
      assert.equal(api.verify(token, secret, { crit: { [ext]: true } }).payload.sub, "u");
      assert.equal(api.verify(token, secret, { crit: [ext] }).payload.sub, "u");
      assert.throws(() => api.verify(token, secret, { crit: { "http://example/other": true } }), (error) =>
        error.code === "ERR_JOSE_NOT_SUPPORTED" && error.reason === "crit_not_understood");
    });
  });
}
