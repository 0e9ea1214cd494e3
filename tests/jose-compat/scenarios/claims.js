// jwtVerify's claim options, each as jose documents it (JWTClaimVerificationOptions), on HS256
// tokens signed here and checked at a fixed currentDate: which tokens pass, and for those that do
// not, which claim fails and how (jose's error class, code, claim and reason).
import { NOW } from "../fixtures.js";
import { at, each, hs256, secret256, verified, verifyClaims } from "./kit.js";

const ISS = "https://idp.example";

// { id: [claims, options, header?, strict?] }: each becomes a scenario "claims/<id>".
const CASES = {
  // issuer
  "issuer-string": [{ iss: ISS }, { issuer: ISS }],
  "issuer-string-mismatch": [{ iss: "https://other.example" }, { issuer: ISS }],
  "issuer-array": [{ iss: ISS }, { issuer: ["https://a.example", ISS] }],
  "issuer-array-mismatch": [{ iss: "https://other.example" }, { issuer: ["https://a.example", ISS] }],
  "issuer-empty-array": [{ iss: ISS }, { issuer: [] }],
  "issuer-missing": [{ sub: "u" }, { issuer: ISS }],
  "issuer-claim-not-string": [{ iss: 1 }, { issuer: ISS }, {}, "registered-claim-types"],
  // audience
  "audience-string": [{ aud: "api" }, { audience: "api" }],
  "audience-in-claim-array": [{ aud: ["web", "api"] }, { audience: "api" }],
  "audience-option-array": [{ aud: "api" }, { audience: ["web", "api"] }],
  "audience-arrays-overlap": [{ aud: ["a", "b"] }, { audience: ["b", "c"] }],
  "audience-arrays-disjoint": [{ aud: ["a", "b"] }, { audience: ["c", "d"] }],
  "audience-empty-array": [{ aud: "api" }, { audience: [] }],
  "audience-empty-claim-array": [{ aud: [] }, { audience: "api" }],
  "audience-missing": [{ sub: "u" }, { audience: "api" }],
  "audience-case-sensitive": [{ aud: "API" }, { audience: "api" }],
  // subject
  "subject": [{ sub: "user-1" }, { subject: "user-1" }],
  "subject-mismatch": [{ sub: "user-2" }, { subject: "user-1" }],
  "subject-missing": [{ iss: ISS }, { subject: "user-1" }],
  // typ (a header parameter jose checks with the claims)
  "typ-exact": [{}, { typ: "JWT" }, { typ: "JWT" }],
  "typ-case-insensitive": [{}, { typ: "JWT" }, { typ: "jwt" }],
  "typ-application-prefix-in-header": [{}, { typ: "at+jwt" }, { typ: "application/at+jwt" }],
  "typ-application-prefix-in-option": [{}, { typ: "application/at+jwt" }, { typ: "at+jwt" }],
  "typ-other-media-type": [{}, { typ: "text/plain" }, { typ: "application/text/plain" }],
  "typ-other-media-type-exact": [{}, { typ: "text/plain" }, { typ: "TEXT/plain" }],
  "typ-mismatch": [{}, { typ: "at+jwt" }, { typ: "JWT" }],
  "typ-missing": [{}, { typ: "JWT" }, {}],
  "typ-not-string": [{}, { typ: "JWT" }, { typ: 1 }, "header-member-types"],
  // maxTokenAge
  "maxTokenAge-within": [{ iat: NOW - 10 }, { maxTokenAge: 60 }],
  "maxTokenAge-exceeded": [{ iat: NOW - 120 }, { maxTokenAge: 60 }],
  "maxTokenAge-span": [{ iat: NOW - 10 }, { maxTokenAge: "30s" }],
  "maxTokenAge-span-exceeded": [{ iat: NOW - 120 }, { maxTokenAge: "1 minute" }],
  "maxTokenAge-plus-span": [{ iat: NOW - 5 }, { maxTokenAge: "+10s" }],
  "maxTokenAge-negative-span": [{ iat: NOW - 5 }, { maxTokenAge: "2 hours ago" }],
  "maxTokenAge-missing-iat": [{ sub: "u" }, { maxTokenAge: 60 }],
  "maxTokenAge-iat-in-future": [{ iat: NOW + 100 }, { maxTokenAge: 60 }],
  "maxTokenAge-with-tolerance": [{ iat: NOW - 70 }, { maxTokenAge: 60, clockTolerance: 15 }],
  "maxTokenAge-exact": [{ iat: NOW - 60 }, { maxTokenAge: 60 }],
  // exp, nbf, iat
  "exp-future": [{ exp: NOW + 1 }, {}],
  "exp-now": [{ exp: NOW }, {}],
  "exp-past": [{ exp: NOW - 1 }, {}],
  "exp-fraction": [{ exp: NOW + 0.5 }, {}],
  "exp-within-tolerance": [{ exp: NOW - 10 }, { clockTolerance: 30 }],
  "exp-beyond-tolerance": [{ exp: NOW - 40 }, { clockTolerance: 30 }],
  "exp-not-number": [{ exp: String(NOW + 60) }, {}],
  "exp-negative": [{ exp: -1 }, {}, {}, "numeric-date-range"],
  "exp-1e300": [{ exp: 1e300 }, {}, {}, "numeric-date-range"],
  "exp-after-year-9999": [{ exp: 253402300800 }, {}, {}, "numeric-date-range"],
  "nbf-future": [{ nbf: NOW + 100 }, {}],
  "nbf-now": [{ nbf: NOW }, {}],
  "nbf-within-tolerance": [{ nbf: NOW + 20 }, { clockTolerance: 30 }],
  "nbf-not-number": [{ nbf: "soon" }, {}],
  "iat-future": [{ iat: NOW + 3600 }, {}, {}, "iat-not-in-future"],
  "iat-not-number": [{ iat: "now" }, {}],
  "iat-negative": [{ iat: -5 }, {}, {}, "numeric-date-range"],
  // clockTolerance: jose's timespan grammar
  ...Object.fromEntries(["30s", "30 sec", "30 seconds", "30 S", "0.5m", "1 minute", "1 hr", "1h", "1d", "1w", "1y", "+30s", "30s from now",
    "30 seconds from now"].map((span) => [`clockTolerance-${span.replace(/ /g, "_")}`, [{ exp: NOW - 20 }, { clockTolerance: span }]])),
  "clockTolerance-2_hours_ago": [{ exp: NOW - 20 }, { clockTolerance: "2 hours ago" }],
  "clockTolerance-minus-span": [{ exp: NOW - 20 }, { clockTolerance: "-30s" }],
  "clockTolerance-no-unit": [{ exp: NOW - 20 }, { clockTolerance: "30" }],
  "clockTolerance-words": [{ exp: NOW - 20 }, { clockTolerance: "thirty seconds" }],
  "clockTolerance-negative-number": [{ exp: NOW + 20 }, { clockTolerance: -1 }],
  "clockTolerance-NaN": [{ exp: NOW + 20 }, { clockTolerance: Number.NaN }],
  "clockTolerance-Infinity": [{ exp: NOW - 20 }, { clockTolerance: Infinity }],
  "clockTolerance-too-short": [{ exp: NOW - 20 }, { clockTolerance: "10s" }],
  // currentDate
  "currentDate-earlier": [{ nbf: NOW }, { currentDate: at(NOW - 100) }],
  "currentDate-later": [{ exp: NOW + 100 }, { currentDate: at(NOW + 200) }],
  "currentDate-invalid": [{ sub: "u" }, { currentDate: new Date(Number.NaN) }],
  // requiredClaims
  "requiredClaims-present": [{ jti: "id-1", sub: "u" }, { requiredClaims: ["jti", "sub"] }],
  "requiredClaims-missing": [{ sub: "u" }, { requiredClaims: ["jti"] }],
  "requiredClaims-exp": [{ sub: "u" }, { requiredClaims: ["exp"] }],
  "requiredClaims-empty": [{ sub: "u" }, { requiredClaims: [] }],
  "requiredClaims-null-claim": [{ jti: null }, { requiredClaims: ["jti"] }, {}, "registered-claim-types"],
  // which failure is reported when several apply (jose: typ, presence, iss/sub/aud, nbf, exp, age)
  "order-typ-before-issuer": [{ iss: "x" }, { typ: "at+jwt", issuer: ISS }, { typ: "JWT" }],
  "order-missing-before-mismatch": [{ iss: "x" }, { issuer: ISS, audience: "api" }],
  "order-last-required-first": [{ sub: "u" }, { requiredClaims: ["jti", "nonce"] }],
  "order-audience-before-exp": [{ aud: "web", exp: NOW - 10 }, { audience: "api" }],
  "order-nbf-before-exp": [{ nbf: NOW + 100, exp: NOW - 10 }, {}],
  // registered claims of the wrong type, with no option checking them
  "iss-number-unchecked": [{ iss: 1 }, {}, {}, "registered-claim-types"],
  "sub-number-unchecked": [{ sub: 0 }, {}, {}, "registered-claim-types"],
  "jti-number-unchecked": [{ jti: 7 }, {}, {}, "registered-claim-types"],
  "aud-number-unchecked": [{ aud: 1 }, {}, {}, "registered-claim-types"],
  "aud-array-with-number-unchecked": [{ aud: ["api", 1] }, {}, {}, "registered-claim-types"],
};

// Options as text, Dates as their seconds (JSON.stringify would call toJSON first).
const describe = (options) => JSON.stringify(options, function replace(key, value) {
  return this[key] instanceof Date ? `Date(${this[key].getTime() / 1000})` : value;
});

const scenarios = each(CASES, (id, [claims, options, header = {}, strict]) => ({
  id: `claims/${id}`,
  title: `claims ${JSON.stringify(claims)}, options ${describe(options)}${Object.keys(header).length ? `, header ${JSON.stringify(header)}` : ""}`,
  ...(strict && { strict }),
  run: (lib) => verifyClaims(lib, claims, options, header),
}));

scenarios.push({
  id: "claims/no-currentDate",
  title: "without currentDate the clock is now: a token valid for ten minutes from now passes",
  run: async (lib) => {
    const now = Math.floor(Date.now() / 1000);
    return verified(await lib.jwtVerify(hs256({ sub: "u", iat: now, exp: now + 600 }), secret256())).payload.sub;
  },
});

export default scenarios;
