// Cookie sessions at the gateway (createGateway({ session })), in Node in front of the demo origin:
// the login handoff, cookie attributes, the edge refresh, the refresh and logout endpoints, CSRF
// refusals and what an attacker sends (forged, absent, duplicate cookies; a cookie beside an
// Authorization header; a refresh cookie where the browser would not send it; one token type in the
// other's cookie). The same flow in workerd with the SQLite Durable Object: tests/e2e/gateway-sessions.test.js.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";

import { builds, apiFor } from "../support/builds.js";
import { startEchoOrigin, LOGIN_HEADER } from "../../edge/demo/origin.js";
import { GATEWAY_SECRET, expiredAccessToken } from "../support/gateway.js";
import { MemorySessionStore, SessionStoreUnavailable } from "../../js/index.js";
import { cookiesOf, sessionClient } from "../../edge/demo/session-client.js";

const ORIGIN = "http://gateway.test";
const SAME_ORIGIN = { origin: ORIGIN, "sec-fetch-site": "same-origin" };
const expiredAccess = (token) => expiredAccessToken(token, GATEWAY_SECRET);

describe("createGateway({ session }) in Node", () => {
  let api, origin, store;
  const gateways = {};

  before(async () => {
    api = await apiFor(builds[0]);
    origin = await startEchoOrigin({ record: true, loginPath: "/auth/login" });
    store = new MemorySessionStore();
    const make = (session) => api.createGateway({
      origin: origin.url, rules: [{ name: "login", match: { path: "/auth/login" }, requires: "none" }, { name: "api", match: { prefix: "/" }, requires: "session" }],
      session: { secret: GATEWAY_SECRET, alg: "HS256", store, claimHeaders: { "x-user-id": "sub" }, ...session },
    });
    gateways.scoped = make({ reuseInterval: 0 }); // the refresh cookie on /auth/ only
    gateways.everywhere = make({ refreshCookiePath: "/" }); // every call refreshed at the edge
  });
  after(() => origin.close());

  const clientOf = (gateway) => sessionClient((path, init) => gateway(new Request(`${ORIGIN}${path}`, init)), SAME_ORIGIN);
  const originRequests = () => origin.requests.length;

  it("mints the cookies of a login the origin vouches for, with the attributes the browser enforces", async () => {
    const client = clientOf(gateways.scoped);
    const response = await client.post("/auth/login?user=alice");
    assert.equal(response.status, 200);
    assert.equal(response.headers.get(LOGIN_HEADER), null); // the claims never reach the client
    const [access, refresh] = response.headers.getSetCookie();
    assert.match(access, /^__Host-edgejwt-access=[\w-]+\.[\w-]+\.[\w-]+; Path=\/; Max-Age=(899|900); Secure; HttpOnly; SameSite=Lax$/);
    assert.match(refresh, /^__Secure-edgejwt-refresh=[\w-]+\.[\w-]+\.[\w-]+; Path=\/auth\/; Max-Age=(1209599|1209600); Secure; HttpOnly; SameSite=Lax$/);
    const api = await client.get("/api/me");
    assert.equal(api.status, 200);
    const seen = await api.json();
    assert.equal(seen.headers["x-user-id"], "alice");
    assert.equal(seen.headers.cookie, undefined); // neither session cookie reaches the origin
  });

  it("rotates an expired access cookie at the edge and forwards the request once, with the new pair", async () => {
    const client = clientOf(gateways.everywhere);
    await client.post("/auth/login?user=bob");
    const { refresh } = client.jar;
    client.jar.access = expiredAccess(client.jar.access);
    const before = originRequests();
    const response = await client.get("/api/items");
    assert.equal(response.status, 200);
    assert.equal(originRequests(), before + 1); // no redirect, no second trip
    assert.equal((await response.json()).headers["x-user-id"], "bob");
    assert.equal(response.headers.getSetCookie().length, 2);
    assert.notEqual(client.jar.refresh, refresh);
    // A WebSocket upgrade is not rotated (its 101 could not carry the cookies): 401, the refresh token unspent.
    client.jar.access = expiredAccess(client.jar.access);
    const upgrade = await client.get("/api/socket", { headers: { upgrade: "websocket", connection: "upgrade" } });
    assert.equal(upgrade.status, 401);
    assert.equal((await upgrade.json()).code, "ERR_JWT_EXPIRED");
    assert.equal((await client.post("/api/items")).status, 200); // still rotates, once
  });

  it("two requests racing with one expired cookie both get the same successor (reuseInterval)", async () => {
    const client = clientOf(gateways.everywhere);
    await client.post("/auth/login?user=carol");
    const jar = { ...client.jar, access: expiredAccess(client.jar.access) };
    const [a, b] = await Promise.all([0, 1].map(() => clientOf(gateways.everywhere).with(jar).get("/api/items")));
    assert.deepEqual([a.status, b.status], [200, 200]);
    assert.deepEqual(cookiesOf(a), cookiesOf(b));
  });

  it("POST /auth/refresh rotates; the old refresh token replayed revokes the family at once", async () => {
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=dave");
    const first = { ...client.jar };
    const refreshed = await client.post("/auth/refresh");
    assert.equal(refreshed.status, 200);
    assert.deepEqual(Object.keys(await refreshed.json()), ["accessTokenExpiresAt", "refreshTokenExpiresAt", "sessionExpiresAt"]);
    assert.equal((await client.get("/api/me")).status, 200);
    const replay = await clientOf(gateways.scoped).with(first).post("/auth/refresh");
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).code, "ERR_REFRESH_TOKEN_REUSED");
    assert.deepEqual(replay.headers.getSetCookie().map((cookie) => /Max-Age=(\d+)/.exec(cookie)[1]), ["0", "0"]);
    const after = await client.get("/api/me"); // the thief's replay revoked the owner's newer pair too
    assert.equal(after.status, 401);
    assert.equal((await after.json()).code, "ERR_JWT_REVOKED");
  });

  it("POST /auth/logout revokes the family and the access token at once and clears both cookies", async () => {
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=erin");
    const held = { ...client.jar };
    const out = await client.post("/auth/logout");
    assert.equal(out.status, 200);
    assert.deepEqual(await out.json(), { loggedOut: true, familyRevoked: true });
    assert.deepEqual(out.headers.getSetCookie().map((cookie) => cookie.split(";")[0]), ["__Host-edgejwt-access=", "__Secure-edgejwt-refresh="]);
    const stolen = clientOf(gateways.scoped).with(held);
    const call = await stolen.get("/api/me");
    assert.equal(call.status, 401);
    assert.equal((await call.json()).code, "ERR_JWT_REVOKED");
    assert.equal((await stolen.post("/auth/refresh")).status, 401);
  });

  it("refuses cookie-authenticated unsafe requests that are not same-origin (CSRF), before the origin", async () => {
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=frank");
    const before = originRequests();
    const hostile = [{}, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site", origin: ORIGIN },
      { origin: "https://evil.example" }, { origin: "null" }, { "sec-fetch-site": "same-origin", origin: "https://evil.example" }];
    for (const headers of hostile) {
      for (const [method, path] of [["POST", "/api/transfer"], ["DELETE", "/api/items/1"], ["POST", "/auth/logout"], ["POST", "/auth/refresh"], ["POST", "/auth/login?user=mallory"]]) {
        const response = await client.send(method, path, { headers, sameOrigin: false });
        assert.equal(response.status, 403, `${method} ${path} ${JSON.stringify(headers)}`);
        assert.equal((await response.json()).code, "ERR_CSRF_REFUSED");
        assert.equal(response.headers.getSetCookie().length, 0);
      }
    }
    assert.equal(originRequests(), before);
    assert.equal((await client.get("/api/me", { sameOrigin: false })).status, 200); // a GET needs no Origin
    assert.equal((await client.post("/api/transfer")).status, 200); // same-origin POST
    assert.equal((await client.get("/api/me")).status, 200); // the refused logout revoked nothing
  });

  it("answers what an attacker sends: forged, absent and duplicate cookies, cookie + Authorization, swapped token types", async () => {
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=grace");
    const { access, refresh } = client.jar;
    const [header, payload, signature] = access.split(".");
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url")), sub: "admin" })).toString("base64url");
    const raw = (path, cookie, init = {}) => gateways.scoped(new Request(`${ORIGIN}${path}`, { ...init, headers: { ...SAME_ORIGIN, cookie, ...init.headers } }));
    const expect = async (response, status, code) => {
      assert.equal(response.status, status);
      assert.equal((await response.json()).code, code);
    };
    const before = originRequests();
    await expect(await raw("/api/me", `__Host-edgejwt-access=${header}.${forgedPayload}.${signature}`), 401, "ERR_JWS_SIGNATURE_VERIFICATION_FAILED");
    await expect(await raw("/api/me", "theme=dark"), 401, "ERR_TOKEN_MISSING");
    await expect(await raw("/api/me", `__Host-edgejwt-access=${access}; __Host-edgejwt-access=${access}`), 400, "ERR_AMBIGUOUS_CREDENTIALS");
    await expect(await raw("/auth/refresh", `__Secure-edgejwt-refresh=${refresh}; __Secure-edgejwt-refresh=x`, { method: "POST" }), 400, "ERR_AMBIGUOUS_CREDENTIALS");
    await expect(await raw("/api/me", `__Host-edgejwt-access=${access}`, { headers: { authorization: `Bearer ${access}` } }), 400, "ERR_AMBIGUOUS_CREDENTIALS");
    await expect(await raw("/api/me", `__Host-edgejwt-access=${refresh}`), 401, "ERR_JWT_CLAIM_VALIDATION_FAILED"); // typ refresh+jwt
    await expect(await raw("/auth/refresh", `__Secure-edgejwt-refresh=${access}`, { method: "POST" }), 401, "ERR_JWT_CLAIM_VALIDATION_FAILED");
    // A refresh cookie where the browser never sends it (outside Path=/auth/) rotates nothing.
    await expect(await raw("/api/me", `__Host-edgejwt-access=${expiredAccess(access)}; __Secure-edgejwt-refresh=${refresh}`), 401, "ERR_JWT_EXPIRED");
    assert.equal(originRequests(), before);
    // … and is stripped with the access cookie from what the origin receives; other cookies pass.
    const passed = await (await raw("/api/me", `theme=dark; __Host-edgejwt-access=${access}; __Secure-edgejwt-refresh=${refresh}`)).json();
    assert.equal(passed.headers.cookie, "theme=dark");
    // The login header: a client's is stripped; the origin's on any other path sets no cookie.
    const spoofed = await raw("/auth/login", "", { method: "POST", headers: { [LOGIN_HEADER]: '{"sub":"admin"}' } });
    assert.equal(spoofed.headers.getSetCookie().length, 0);
    assert.equal((await spoofed.json()).headers[LOGIN_HEADER], undefined);
  });

  it("beside a bearer provider: a session cookie with an Authorization header is refused, whichever is read first", async () => {
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=judy");
    const gateway = api.createGateway({
      origin: origin.url, secret: GATEWAY_SECRET, issuer: "https://bearer.example",
      session: { secret: GATEWAY_SECRET, alg: "HS256", store },
    });
    const bearer = api.sign({ sub: "judy" }, api.importJWK({ kty: "oct", k: Buffer.from(GATEWAY_SECRET).toString("base64url") }),
      { alg: "HS256", issuer: "https://bearer.example", expiresIn: 60 });
    const send = (headers) => gateway(new Request(`${ORIGIN}/api/me`, { headers: { ...SAME_ORIGIN, ...headers } }));
    assert.equal((await send({ authorization: `Bearer ${bearer}` })).status, 200);
    assert.equal((await send({ cookie: client.cookieFor("/api/me") })).status, 200);
    const both = await send({ authorization: `Bearer ${bearer}`, cookie: client.cookieFor("/api/me") });
    assert.equal(both.status, 400);
    assert.equal((await both.json()).code, "ERR_AMBIGUOUS_CREDENTIALS");
  });

  it("after logout, an expired access cookie and the old refresh cookie rotate nothing", async () => {
    const client = clientOf(gateways.everywhere);
    await client.post("/auth/login?user=heidi");
    const held = { ...client.jar, access: expiredAccess(client.jar.access) };
    await client.post("/auth/logout");
    assert.deepEqual([client.jar.access, client.jar.refresh], [undefined, undefined]);
    const before = originRequests();
    const replay = await clientOf(gateways.everywhere).with(held).get("/api/me");
    assert.equal(replay.status, 401);
    assert.equal((await replay.json()).code, "ERR_SESSION_REVOKED");
    assert.equal(originRequests(), before);
  });

  it("mints only for a 2xx answer to POST loginPath, with claims that leave the session's own to it", async () => {
    let answer;
    const gateway = api.createGateway({
      origin: "http://origin.test", fetch: async () => answer(),
      session: { secret: GATEWAY_SECRET, alg: "HS256", store }, rules: [{ match: { prefix: "/" }, requires: "none" }],
    });
    const login = (path = "/auth/login", method = "POST") => () => gateway(new Request(`${ORIGIN}${path}`, { method, headers: SAME_ORIGIN }));
    const origin = (status, claims) => () => new Response("{}", { status, headers: { [LOGIN_HEADER]: claims } });
    const cases = [
      [origin(200, '{"sub":"a","sid":"chosen"}'), login(), 502, "ERR_INVALID_ARGUMENT"],
      [origin(200, '{"sub":"a","exp":4102444800}'), login(), 502, "ERR_INVALID_ARGUMENT"],
      [origin(200, "{not json"), login(), 502, "ERR_SESSION_LOGIN_INVALID"],
      [origin(200, '{"scope":"read"}'), login(), 502, "ERR_INVALID_ARGUMENT"],
      [origin(401, '{"sub":"a"}'), login(), 401, undefined],
      [origin(200, '{"sub":"a"}'), login("/api/other"), 200, undefined],
      [origin(200, '{"sub":"a"}'), login("/auth/login", "PUT"), 200, undefined],
    ];
    for (const [respond, request, status, code] of cases) {
      answer = respond;
      const response = await request();
      assert.equal(response.status, status);
      assert.equal(response.headers.get(LOGIN_HEADER), null);
      assert.equal(response.headers.getSetCookie().length, 0);
      if (code) assert.equal((await response.json()).code, code);
    }
    answer = origin(200, '{"sub":"a"}');
    assert.equal((await login()()).headers.getSetCookie().length, 2);
  });

  it("answers 503 and keeps the cookies when the store cannot be reached", async () => {
    const failing = Object.fromEntries(["createFamily", "useRefreshToken", "revokeFamily", "revokeJti", "revokeSubject", "reasonRevoked", "stats"]
      .map((method) => [method, async () => { throw new SessionStoreUnavailable("down"); }]));
    const client = clientOf(gateways.scoped);
    await client.post("/auth/login?user=ivan");
    const gateway = api.createGateway({ origin: origin.url, session: { secret: GATEWAY_SECRET, alg: "HS256", store: failing } });
    const down = clientOf(gateway).with(client.jar);
    for (const response of [await down.get("/api/me"), await down.post("/auth/refresh"), await down.post("/auth/logout")]) {
      assert.equal(response.status, 503);
      assert.equal((await response.json()).code, "ERR_SESSION_STORE_UNAVAILABLE");
      assert.equal(response.headers.getSetCookie().length, 0);
    }
  });

  it("refuses session configurations that would weaken the cookies", () => {
    const base = { origin: origin.url, session: { secret: GATEWAY_SECRET, alg: "HS256", store } };
    const refused = (session) => assert.throws(() => api.createGateway({ ...base, session: { ...base.session, ...session } }), { code: "ERR_INVALID_ARGUMENT" });
    refused({ accessCookie: "session" }); // not __Host-
    refused({ refreshCookie: "__Host-r" }); // a __Host- cookie must have Path=/
    refused({ sameSite: "None" });
    refused({ refreshPath: "/refresh" }); // outside the refresh cookie's path: the browser would not send it
    refused({ secret: new Uint8Array(16) });
    refused({ allowedOrigins: ["https://app.example/path"] });
    refused({ store: {} });
    refused({ cookieDomain: "example.com" });
  });
});
