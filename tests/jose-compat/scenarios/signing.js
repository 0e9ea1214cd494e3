// SignJWT and CompactSign as jose documents them: the header written, the claims each setter
// writes (NumericDates as numbers, Dates and spans from now, including the edge values jose refuses
// at signing), crit when signing, and what cannot be signed. Tokens are checked here (inspect).
import { NOW, fixtures, inspect, signKey } from "../fixtures.js";
import { at, each, secret256 } from "./kit.js";

const EXT = "http://example/ext";

// A time claim relative to the moment of signing, to ten seconds (a span "2h" is { fromNow: 7200 }).
function fromNow(inspected, claims, start) {
  const payload = { ...inspected.payload };
  for (const claim of claims) {
    if (typeof payload[claim] === "number") payload[claim] = { fromNow: Math.round((payload[claim] - start) / 10) * 10 };
  }
  return { ...inspected, payload };
}

// SignJWT({ sub }) with HS256, `build` applying the setters; the token as inspected, with the
// `relative` claims given from now.
function signed(build, relative = []) {
  return async (lib) => {
    const start = Date.now() / 1000;
    const builder = new lib.SignJWT({ sub: "user-1" }).setProtectedHeader({ alg: "HS256", typ: "JWT" });
    return fromNow(inspect(await build(builder).sign(secret256())), relative, start);
  };
}

// { id: [title, build, relative claims] }: SignJWT setters.
const SETTERS = {
  "no-iat-by-default": ["no setIssuedAt: no iat", (jwt) => jwt],
  "setIssuedAt-now": ["setIssuedAt(): iat is now", (jwt) => jwt.setIssuedAt(), ["iat"]],
  "setIssuedAt-number": ["setIssuedAt(seconds)", (jwt) => jwt.setIssuedAt(NOW)],
  "setIssuedAt-fraction": ["setIssuedAt(1.5) keeps the fraction", (jwt) => jwt.setIssuedAt(NOW + 0.5)],
  "setIssuedAt-date": ["setIssuedAt(Date) takes whole seconds", (jwt) => jwt.setIssuedAt(at(NOW + 0.9))],
  "setIssuedAt-span": ['setIssuedAt("-10s")', (jwt) => jwt.setIssuedAt("-10s"), ["iat"]],
  "setIssuedAt-NaN": ["setIssuedAt(NaN) is refused", (jwt) => jwt.setIssuedAt(Number.NaN)],
  "exp-number": ["setExpirationTime(seconds)", (jwt) => jwt.setExpirationTime(NOW + 600)],
  "exp-date": ["setExpirationTime(Date)", (jwt) => jwt.setExpirationTime(at(NOW + 600))],
  "exp-span": ['setExpirationTime("2h") after setIssuedAt()', (jwt) => jwt.setIssuedAt().setExpirationTime("2h"), ["iat", "exp"]],
  "exp-span-without-iat": ['setExpirationTime("15m") without iat', (jwt) => jwt.setExpirationTime("15m"), ["exp"]],
  "exp-span-after-past-iat": ['setExpirationTime("2h") counts from now, not from iat', (jwt) => jwt.setIssuedAt(1_700_000_000).setExpirationTime("2h"), ["exp"]],
  "exp-plus-span": ['setExpirationTime("+10s")', (jwt) => jwt.setExpirationTime("+10s"), ["exp"]],
  "exp-from-now": ['setExpirationTime("10s from now")', (jwt) => jwt.setExpirationTime("10s from now"), ["exp"]],
  "exp-ago": ['setExpirationTime("2 hours ago")', (jwt) => jwt.setExpirationTime("2 hours ago"), ["exp"]],
  "exp-minus-span": ['setExpirationTime("-1h")', (jwt) => jwt.setExpirationTime("-1h"), ["exp"]],
  "exp-fraction-span": ['setExpirationTime("1.5 hours")', (jwt) => jwt.setExpirationTime("1.5 hours"), ["exp"]],
  "exp-NaN": ["setExpirationTime(NaN) is refused", (jwt) => jwt.setExpirationTime(Number.NaN)],
  "exp-Infinity": ["setExpirationTime(Infinity) is refused", (jwt) => jwt.setExpirationTime(Infinity)],
  "exp-minus-Infinity": ["setExpirationTime(-Infinity) is refused", (jwt) => jwt.setExpirationTime(-Infinity)],
  "exp-invalid-date": ["setExpirationTime(Invalid Date) is refused", (jwt) => jwt.setExpirationTime(new Date(Number.NaN))],
  "exp-unrepresentable-span": ["a span too large to represent is refused", (jwt) => jwt.setExpirationTime(`${"9".repeat(400)}s`)],
  "exp-1e300": ["setExpirationTime(1e300) is written as given", (jwt) => jwt.setExpirationTime(1e300)],
  "exp-bad-span": ['setExpirationTime("2 fortnights") is refused', (jwt) => jwt.setExpirationTime("2 fortnights")],
  "nbf-span": ['setNotBefore("10s")', (jwt) => jwt.setNotBefore("10s"), ["nbf"]],
  "nbf-number": ["setNotBefore(seconds)", (jwt) => jwt.setNotBefore(NOW)],
  "nbf-NaN": ["setNotBefore(NaN) is refused", (jwt) => jwt.setNotBefore(Number.NaN)],
  "registered-claims": ["setIssuer, setSubject, setAudience, setJti",
    (jwt) => jwt.setIssuer("https://idp.example").setSubject("user-2").setAudience("api").setJti("id-1")],
  "audience-array": ["setAudience([...])", (jwt) => jwt.setAudience(["api", "web"])],
  "audience-empty-array": ["setAudience([])", (jwt) => jwt.setAudience([])],
  "issuer-not-string": ["setIssuer(1) is refused", (jwt) => jwt.setIssuer(1)],
  "subject-not-string": ["setSubject(null) is refused", (jwt) => jwt.setSubject(null)],
  "audience-not-strings": ["setAudience([1]) is refused", (jwt) => jwt.setAudience([1])],
  "jti-not-string": ["setJti({}) is refused", (jwt) => jwt.setJti({})],
  "setProtectedHeader-twice": ["setProtectedHeader twice is refused", (jwt) => jwt.setProtectedHeader({ alg: "HS256" })],
};

// { id: [title, payload, protectedHeader, sign options] }: what the header and payload may be.
const HEADERS = {
  "no-typ": ["without typ in the header, none is written", { sub: "u" }, { alg: "HS256" }],
  "header-members": ["header members are written as given", { sub: "u" }, { alg: "HS256", kid: "k1", typ: "at+jwt", cty: "x", "x-custom": 1 }],
  "payload-claims-kept": ["the payload's own members are kept", { iss: "a", nested: { x: [1, 2] }, n: 3.5 }, { alg: "HS256", typ: "JWT" }],
  "payload-exp-NaN": ["a payload with exp NaN is refused", { exp: Number.NaN }, { alg: "HS256" }],
  "payload-iat-Infinity": ["a payload with iat Infinity is refused", { iat: Infinity }, { alg: "HS256" }],
  "payload-not-object": ["an array payload is refused", [1], { alg: "HS256" }],
  "no-protected-header": ["no setProtectedHeader is refused", { sub: "u" }, undefined],
  "header-without-alg": ["a header without alg is refused", { sub: "u" }, { typ: "JWT" }],
  "alg-none": ["alg none cannot be signed", { sub: "u" }, { alg: "none" }],
  "unknown-alg": ["an unknown alg cannot be signed", { sub: "u" }, { alg: "HS1" }],
  "b64-false": ["a JWT with b64: false is refused", { sub: "u" }, { alg: "HS256", b64: false, crit: ["b64"] }, { crit: { b64: true } }],
  "crit-understood": ["crit with the extension understood", { sub: "u" }, { alg: "HS256", typ: "JWT", crit: [EXT], [EXT]: true }, { crit: { [EXT]: true } }],
  "crit-not-understood": ["crit naming an extension not understood is refused", { sub: "u" }, { alg: "HS256", crit: [EXT], [EXT]: true }],
  "crit-member-missing": ["crit naming a member not in the header is refused", { sub: "u" }, { alg: "HS256", crit: [EXT] }, { crit: { [EXT]: true } }],
  "crit-empty": ["an empty crit is refused", { sub: "u" }, { alg: "HS256", crit: [] }],
  "crit-duplicates": ["crit naming an extension twice is refused", { sub: "u" }, { alg: "HS256", crit: [EXT, EXT], [EXT]: true }, { crit: { [EXT]: true } }],
};

const setters = each(SETTERS, (id, [title, build, relative]) => ({ id: `signing/${id}`, title, run: signed(build, relative) }));

const headers = each(HEADERS, (id, [title, payload, protectedHeader, options]) => ({
  id: `signing/${id}`,
  title,
  run: async (lib) => {
    const builder = new lib.SignJWT(payload);
    if (protectedHeader) builder.setProtectedHeader(protectedHeader);
    return inspect(await builder.sign(secret256(), options));
  },
}));

const keys = [
  {
    id: "signing/exact-token",
    title: "the same header, claims and HMAC key give the same token text",
    run: async (lib) => new lib.SignJWT({ sub: "u", scope: "a b" }).setProtectedHeader({ alg: "HS256", typ: "JWT" }).setIssuedAt(NOW).sign(secret256()),
  },
  {
    id: "signing/alg-key-mismatch",
    title: "ES256 with an RSA private key is refused",
    run: async (lib) => inspect(await new lib.SignJWT({ sub: "u" }).setProtectedHeader({ alg: "ES256" }).sign(await signKey(lib, "RS256"))),
  },
  {
    id: "signing/public-key",
    title: "signing with a public key is refused",
    run: async (lib) => inspect(await new lib.SignJWT({ sub: "u" }).setProtectedHeader({ alg: "ES256" })
      .sign(await lib.importJWK(fixtures().pairs.p256.publicJwk, "ES256"))),
  },
  {
    id: "signing/hmac-secret-16-bytes",
    title: "signing HS256 with a 16-byte secret",
    strict: "hmac-secret-length",
    run: async (lib) => inspect(await new lib.SignJWT({ sub: "u" }).setProtectedHeader({ alg: "HS256" }).sign(new Uint8Array(16).fill(7)), new Uint8Array(16).fill(7)),
  },
  {
    id: "signing/rsa-1024",
    title: "signing RS256 with a 1024-bit key",
    strict: "rsa-modulus-size",
    run: async (lib) => {
      const { pkcs8, publicKey } = fixtures().pairs.rsa1024;
      return inspect(await new lib.SignJWT({ sub: "u" }).setProtectedHeader({ alg: "RS256" }).sign(await lib.importPKCS8(pkcs8, "RS256")), publicKey);
    },
  },
  {
    id: "signing/CompactSign-no-typ",
    title: "CompactSign writes the header as given",
    run: async (lib) => inspect(await new lib.CompactSign(new TextEncoder().encode("hello")).setProtectedHeader({ alg: "HS256", kid: "k" }).sign(secret256())),
  },
  {
    id: "signing/CompactSign-b64-false",
    title: "CompactSign with b64: false is refused",
    run: async (lib) => inspect(await new lib.CompactSign(new TextEncoder().encode("hello"))
      .setProtectedHeader({ alg: "HS256", b64: false, crit: ["b64"] }).sign(secret256(), { crit: { b64: true } })),
  },
  {
    id: "signing/CompactSign-crit-not-understood",
    title: "CompactSign with crit naming an extension not understood is refused",
    run: async (lib) => inspect(await new lib.CompactSign(new TextEncoder().encode("hello"))
      .setProtectedHeader({ alg: "HS256", crit: [EXT], [EXT]: 1 }).sign(secret256())),
  },
];

export default [...setters, ...headers, ...keys];
