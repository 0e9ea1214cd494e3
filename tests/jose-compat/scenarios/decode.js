// decodeJwt and decodeProtectedHeader as jose documents them: no verification, the payload or
// header of the token forms jose decodes (JWS, JWE, flattened JWS), and what is refused.
import { compact } from "../fixtures.js";
import { each, hs256 } from "./kit.js";

const b64 = (text) => Buffer.from(text).toString("base64url");
const header = b64('{"alg":"HS256","kid":"k1"}');
const payload = b64('{"sub":"user-1","n":1}');
const jwe = `${b64('{"alg":"dir","enc":"A128GCM"}')}..${b64("iv")}.${b64("ciphertext")}.${b64("tag")}`;

// { id: [title, token, strict?] }
const JWTS = {
  "valid": ["a signed JWT", hs256({ sub: "user-1", exp: 1 })],
  "unsecured": ["an unsecured (alg none) JWT", compact({ alg: "none" }, { sub: "user-1" })],
  "any-signature": ["the signature is not looked at", `${header}.${payload}.AAAA`],
  "payload-not-object": ["a payload that is a JSON array", `${header}.${b64("[1]")}.x`],
  "payload-not-json": ["a payload that is not JSON", `${header}.${b64("hello")}.x`],
  "payload-not-base64url": ["a payload that is not base64url", `${header}.!!!.x`],
  "payload-not-utf8": ["a payload that is not UTF-8", `${header}.${Buffer.from([0x7b, 0xff, 0x7d]).toString("base64url")}.x`],
  "empty-payload": ["an empty payload", `${header}..x`],
  "two-parts": ["a token of two parts", `${header}.${payload}`],
  "jwe": ["a JWE", jwe],
  "header-not-json": ["a header that is not JSON (decodeJwt reads the payload only)", `${b64("{alg")}.${payload}.x`],
  "padded": ["a padded payload", `${header}.${payload}==.x`, "base64url-canonical"],
  "duplicate-member": ["a payload naming sub twice", `${header}.${b64('{"sub":"a","sub":"b"}')}.x`, "duplicate-members"],
  "not-string": ["a token that is not a string", 123],
};

// { id: [title, token, strict?] }
const HEADERS = {
  "jws": ["a JWS", `${header}.${payload}.x`],
  "unsecured": ["an unsecured JWS", compact({ alg: "none" }, { sub: "u" })],
  "jwe": ["a JWE's protected header", jwe],
  "flattened": ["a flattened JWS object", { protected: header, payload, signature: "x" }],
  "flattened-without-protected": ["a flattened JWS object without a protected header", { payload, signature: "x" }],
  "not-json": ["a header that is not JSON", `${b64("{alg")}.${payload}.x`],
  "not-object": ["a header that is a JSON array", `${b64("[1]")}.${payload}.x`],
  "empty": ["an empty string", ""],
  "four-parts": ["a token of four parts", `${header}.${payload}.x.y`],
  "duplicate-member": ["a header naming alg twice", `${b64('{"alg":"HS256","alg":"none"}')}.${payload}.x`, "duplicate-members"],
  "not-string": ["a token that is a number", 123],
};

export default [
  ...each(JWTS, (id, [title, token, strict]) => ({
    id: `decode/decodeJwt-${id}`, title: `decodeJwt: ${title}`, ...(strict && { strict }), run: async (lib) => lib.decodeJwt(token),
  })),
  ...each(HEADERS, (id, [title, token, strict]) => ({
    id: `decode/decodeProtectedHeader-${id}`,
    title: `decodeProtectedHeader: ${title}`,
    ...(strict && { strict }),
    run: async (lib) => lib.decodeProtectedHeader(token),
  })),
];
