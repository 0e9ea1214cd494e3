// The demo identity provider, on loopback, for `npm start` and the edge bench:
//   GET  /.well-known/jwks.json        the public halves of the demo keys (demo-keys.js)
//   GET  /token?sub=&ttl=&alg=&scope=&org=   (or POST) a token, as text: signed in Node by edgejwt's
//        Emscripten build with a demo key; ttl in seconds (default 600; 0 or less: already expired)
//   GET  /revoked.json                 the revocation list the gateway reads: { jti: [], subjects: {} }
//   POST /revoke?jti=…  or  ?sub=…     revokes one token, or every token of a subject issued until now
// Issuer and audience are fixed. Nothing here is fit for anything but a demo.
import http from "node:http";
import { randomUUID } from "node:crypto";

import * as edgejwt from "../../js/index.js";
import { DEMO_KID, DEMO_PRIVATE_JWK } from "./demo-keys.js";
import { close, listen, LOOPBACK } from "./listen.js";

const DEMO_ISSUER = "https://idp.edgejwt.demo";
const DEMO_AUDIENCE = "edgejwt-demo-api";
const PRIVATE_MEMBERS = ["d", "p", "q", "dp", "dq", "qi"];
const MAX_TTL = 86_400;
const MAX_PARAMETER = 256;
const MAX_REVOCATIONS = 10_000;

export async function startIdentityProvider({ port = 0, fallback = false } = {}) {
  await edgejwt.init();
  const signers = Object.fromEntries(Object.entries(DEMO_PRIVATE_JWK).map(([alg, jwk]) => [alg, edgejwt.importJWK(jwk, alg)]));
  const jwks = { keys: Object.entries(DEMO_PRIVATE_JWK).map(([alg, jwk]) => publicJwkOf(jwk, alg)) };
  const revoked = { jti: [], subjects: {} };

  // { sub, ttl, alg, scope, org, jti } → a signed token; unknown algorithms and bad ttls throw RangeError.
  const mint = ({ sub = "demo-user", ttl = 600, alg = "ES256", scope = "read", org = "demo-org", jti = randomUUID() } = {}) => {
    if (!signers[alg]) throw new RangeError(`alg must be one of ${Object.keys(signers).join(", ")}`);
    if (!Number.isInteger(ttl) || Math.abs(ttl) > MAX_TTL) throw new RangeError(`ttl must be whole seconds within ±${MAX_TTL}`);
    const now = Math.floor(Date.now() / 1000);
    const iat = Math.min(now, now + ttl - 1); // an expired token was issued before it expired
    return edgejwt.sign({ sub, scope, org: { id: org }, iat, exp: now + ttl }, signers[alg], {
      alg, kid: DEMO_KID[alg], issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, jwtId: jti,
    });
  };
  // A subject's tokens issued at or before now are revoked (revocation.js compares "iat").
  const revoke = ({ jti, sub }) => {
    if (revoked.jti.length + Object.keys(revoked.subjects).length >= MAX_REVOCATIONS) {
      throw new RangeError(`the demo revocation list holds at most ${MAX_REVOCATIONS} entries`);
    }
    if (jti !== undefined && !revoked.jti.includes(jti)) revoked.jti.push(jti);
    if (sub !== undefined) revoked.subjects[sub] = Math.floor(Date.now() / 1000);
  };

  const routes = {
    "GET /.well-known/jwks.json": () => [200, "application/json", JSON.stringify(jwks)],
    "GET /revoked.json": () => [200, "application/json", JSON.stringify(revoked)],
    "GET /token": (query) => [200, "text/plain", `${mint(tokenRequestOf(query))}\n`],
    "POST /token": (query) => [200, "text/plain", `${mint(tokenRequestOf(query))}\n`],
    "POST /revoke": (query) => {
      const jti = parameter(query, "jti");
      const sub = parameter(query, "sub");
      if (jti === undefined && sub === undefined) throw new RangeError("give ?jti=… or ?sub=…");
      revoke({ jti, sub });
      return [200, "application/json", JSON.stringify(revoked)];
    },
  };
  const server = http.createServer((request, response) => {
    request.resume();
    const url = new URL(request.url, "http://idp");
    const route = `${request.method} ${url.pathname}`;
    let status, type, body;
    try {
      [status, type, body] = routes[route]?.(url.searchParams) ?? [404, "application/json", '{"error":"not_found"}'];
    } catch (error) {
      [status, type, body] = [400, "application/json", JSON.stringify({ error: "invalid_request", message: error.message })];
    }
    response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(body) });
    response.end(body);
  });
  const bound = await listen(server, { port, fallback });
  const url = `http://${LOOPBACK}:${bound}`;
  return {
    url, issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE, mint,
    jwksUrl: `${url}/.well-known/jwks.json`, tokenUrl: `${url}/token`, revocationUrl: `${url}/revoked.json`,
    close: () => close(server),
  };
}

function publicJwkOf(jwk, alg) {
  const publicJwk = Object.fromEntries(Object.entries(jwk).filter(([member]) => !PRIVATE_MEMBERS.includes(member)));
  return { ...publicJwk, kid: DEMO_KID[alg], alg, use: "sig" };
}

function tokenRequestOf(query) {
  const ttl = parameter(query, "ttl");
  return {
    sub: parameter(query, "sub"), alg: parameter(query, "alg"), scope: parameter(query, "scope"), org: parameter(query, "org"),
    ttl: ttl === undefined ? undefined : Number(ttl),
  };
}

function parameter(query, name) {
  const value = query.get(name) ?? undefined;
  if (value !== undefined && value.length > MAX_PARAMETER) throw new RangeError(`${name} is longer than ${MAX_PARAMETER} characters`);
  return value;
}
