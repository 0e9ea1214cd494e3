// Published examples, on every build: RFC 7515 A.2-A.4, RFC 7520 §3.1-3.5 and §4.1-4.4 (from the
// JOSE cookbook in ../shared/vectors), RFC 8037 A.4. Deterministic signatures must match byte for
// byte; randomized ones (PSS, ECDSA as published) must verify.
import { describe, it, before } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { loadVectors } from "../support/vectors.js";

const bytes = (text) => new TextEncoder().encode(text);

// RFC 7515 A.2 (RS256): key, protected header and payload as published, and the expected JWS.
const RFC7515_A2 = {
  jwk: {
    kty: "RSA",
    n: "ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ",
    e: "AQAB",
    d: "Eq5xpGnNCivDflJsRQBXHx1hdR1k6Ulwe2JZD50LpXyWPEAeP88vLNO97IjlA7_GQ5sLKMgvfTeXZx9SE-7YwVol2NXOoAJe46sui395IW_GO-pWJ1O0BkTGoVEn2bKVRUCgu-GjBVaYLU6f3l9kJfFNS3E0QbVdxzubSu3Mkqzjkn439X0M_V51gfpRLI9JYanrC4D4qAdGcopV_0ZHHzQlBjudU2QvXt4ehNYTCBr6XCLQUShb1juUO1ZdiYoFaFQT5Tw8bGUl_x_jTj3ccPDVZFD9pIuhLhBOneufuBiB4cS98l2SR_RQyGWSeWjnczT0QU91p1DhOVRuOopznQ",
    p: "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc",
    q: "uQPEfgmVtjL0Uyyx88GZFF1fOunH3-7cepKmtH4pxhtCoHqpWmT8YAmZxaewHgHAjLYsp1ZSe7zFYHj7C6ul7TjeLQeZD_YwD66t62wDmpe_HlB-TnBA-njbglfIsRLtXlnDzQkv5dTltRJ11BKBBypeeF6689rjcJIDEz9RWdc",
    dp: "BwKfV3Akq5_MFZDFZCnW-wzl-CCo83WoZvnLQwCTeDv8uzluRSnm71I3QCLdhrqE2e9YkxvuxdBfpT_PI7Yz-FOKnu1R6HsJeDCjn12Sk3vmAktV2zb34MCdy7cpdTh_YVr7tss2u6vneTwrA86rZtu5Mbr1C1XsmvkxHQAdYo0",
    dq: "h_96-mK1R_7glhsum81dZxjTnYynPbZpHziZjeeHcXYsXaaMwkOlODsWa7I9xXDoRwbKgB719rrmI2oKr6N3Do9U0ajaHF-NKJnwgjMd2w9cjz3_-kyNlxAr2v4IKhGNpmM5iIgOS1VZnOZ68m6_pbLBSp3nssTdlqvd0tIiTHU",
    qi: "IYd7DHOhrWvxkwPQsRM2tOgrjbcrfvtQJipd-DlcxyVuuM9sQLdgjVk2oy26F0EmpScGLq2MowX7fhd_QJQ3ydy5cY7YIBi87w93IKLEdfnbJtoOPLUW0ITrJReOgo1cq9SbsxYawBgfp_gh6A5603k2-ZQwVK0JKSHuLFkuQ3U",
  },
  header: '{"alg":"RS256"}',
  payload: '{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}',
  jws: "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.cC4hiUPoj9Eetdgtv3hF80EGrhuB__dzERat0XF9g2VtQgr9PJbu3XOiZj5RZmh7AAuHIm4Bh-0Qc_lF5YKt_O8W2Fp5jujGbds9uJdbF9CUAr7t1dnZcAcQjbKBYNX4BAynRFdiuB--f_nZLgrnbyTyWzO75vRK5h6xBArLIARNPvkSjtQBMHlb1L07Qe7K0GarZRmB_eSN9383LcOLn6_dO--xi12jzDwusC-eOkHWEsqtFZESc6BfI7noOPqvhJ1phCnvWh6IeYI2w9QOYEUipUTI8np6LbgGY9Fs98rqVt5AXLIhWkWywlVmtVrBp0igcN_IoypGlUPQGe77Rw",
};

// RFC 7515 A.3 (ES256) and A.4 (ES512): public keys and the published JWS.
const RFC7515_A3 = {
  jwk: { kty: "EC", crv: "P-256", x: "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", y: "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" },
  jws: "eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ.DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q",
};
const RFC7515_A4 = {
  jwk: {
    kty: "EC", crv: "P-521",
    x: "AekpBQ8ST8a8VcfVOTNl353vSrDCLLJXmPk06wTjxrrjcBpXp5EOnYG_NjFZ6OvLFV1jSfS9tsz4qUxcWceqwQGk",
    y: "ADSmRA43Z1DSNx_RvcLI87cdL07l6jQyyBXMoxVg_l2Th-x3S1WDhjDly79ajL4Kkd0AZMaZmh9ubmf63e3kyMj2",
  },
  jws: "eyJhbGciOiJFUzUxMiJ9.UGF5bG9hZA.AdwMgeerwtHoh-l192l60hp9wAHZFVJbLfD_UxMi70cwnZOYaRI1bKPWROc-mZZqwqT2SI-KGDKB34XO0aw_7XdtAG8GaSwFKdCAPZgoXD2YBJZCPEX3xKpRwcdOO8KpEHwJjyqOgzDO7iKvU8vcnwNrmxYbSW9ERBXukOXolLzeO_Jn",
};

for (const build of builds) {
  describe(`published examples on ${build.name}`, () => {
    let api;
    before(async () => { api = await apiFor(build); });

    it("RFC 7515 A.2: RS256 signs to the published JWS and verifies it", () => {
      const key = api.importJWK(RFC7515_A2.jwk);
      const token = api.compactSign(bytes(RFC7515_A2.payload), key, { alg: "RS256" });
      assert.equal(token, RFC7515_A2.jws);
      const { payload } = api.verify(RFC7515_A2.jws, key, { currentDate: new Date(1300819379000) });
      assert.equal(payload.iss, "joe");
    });

    it("RFC 7515 A.3 (ES256) and A.4 (ES512) verify", () => {
      const a3 = api.compactVerify(RFC7515_A3.jws, api.importJWK(RFC7515_A3.jwk));
      assert.equal(new TextDecoder().decode(a3.payload).slice(0, 12), '{"iss":"joe"');
      const a4 = api.compactVerify(RFC7515_A4.jws, api.importJWK(RFC7515_A4.jwk));
      assert.equal(new TextDecoder().decode(a4.payload), "Payload");
    });

    for (const [file, deterministic] of [
      ["jws/4_1.rsa_v15_signature.json", true],
      ["jws/4_2.rsa-pss_signature.json", false],
      ["jws/4_3.ecdsa_signature.json", false],
      ["jws/4_4.hmac-sha2_integrity_protection.json", true],
      ["curve25519/jws.json", true],
    ]) {
      const { data, skip } = loadVectors(`jose-cookbook/${file}`);
      it(`RFC 7520/8037 ${file}: ${deterministic ? "signs to the published JWS" : "verifies the published JWS"}`, { skip }, () => {
        const { input, signing, output } = data;
        const key = api.importJWK(input.key);
        const alg = input.alg ?? signing.protected.alg;
        if (deterministic) {
          const header = signing.protected;
          const token = api.compactSign(bytes(input.payload), key, { alg, header: { ...header } });
          assert.equal(token, output.compact);
        }
        const verifier = key.type === "private" ? api.importJWK(publicOf(input.key)) : key;
        const { payload, protectedHeader } = api.compactVerify(output.compact, verifier);
        assert.equal(new TextDecoder().decode(payload), input.payload);
        assert.deepEqual(protectedHeader, signing.protected);
      });
    }

    for (const file of ["3_1.ec_public_key.json", "3_2.ec_private_key.json", "3_3.rsa_public_key.json",
      "3_4.rsa_private_key.json", "3_5.symmetric_key_mac_computation.json"]) {
      const { data, skip } = loadVectors(`jose-cookbook/jwk/${file}`);
      it(`RFC 7520 §3 ${file}: imports and exports unchanged`, { skip }, () => {
        const key = api.importJWK(data);
        assert.deepEqual(sorted(api.exportJWK(key)), sorted(data));
      });
    }
  });
}

function publicOf(jwk) {
  const { d, p, q, dp, dq, qi, k, ...rest } = jwk;
  void d, p, q, dp, dq, qi, k;
  return rest;
}

function sorted(object) {
  return Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)));
}
