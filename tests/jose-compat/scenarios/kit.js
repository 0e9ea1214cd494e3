// What scenarios share: the fixed clock, tokens signed here, and projections of results to data.
import { NOW, compact, fixtures, jwksEndpoint } from "../fixtures.js";

export const at = (seconds) => new Date(seconds * 1000);
export const currentDate = at(NOW);

// The data of a verification's result (jose adds the resolved key for key functions, edgejwt the
// matched key for key sets: neither is data).
export const verified = ({ payload, protectedHeader }) => ({ payload, protectedHeader });

export const secret256 = () => fixtures().secrets[256];

// An HS256 token signed here with the fixture secret.
export const hs256 = (claims, header = {}) => compact({ alg: "HS256", ...header }, claims);

// jwtVerify of an HS256 token with `claims`, at NOW, with `options`.
export async function verifyClaims(lib, claims, options = {}, header = {}) {
  return verified(await lib.jwtVerify(hs256(claims, header), secret256(), { currentDate, ...options }));
}

// A loopback JWKS endpoint for this run, closed when the run ends.
export async function serve(context, body) {
  const endpoint = await jwksEndpoint(body);
  context.cleanups.push(endpoint.close);
  return endpoint;
}

// The public JWK of a fixture pair, with extra members.
export const publicJwk = (pair, extra = {}) => ({ ...fixtures().pairs[pair].publicJwk, ...extra });
export const privateJwk = (pair, extra = {}) => ({ ...fixtures().pairs[pair].privateJwk, ...extra });
export const octJwk = (bits) => ({ kty: "oct", k: Buffer.from(fixtures().secrets[bits]).toString("base64url") });

// The member names of a JWK with the values that do not vary between keys (kty, crv, alg, …):
// what can be compared of a freshly generated key.
export function jwkShape(jwk) {
  const fixed = new Set(["kty", "crv", "alg", "use", "kid", "ext", "e"]);
  return Object.fromEntries(Object.keys(jwk).sort().map((name) => [name, fixed.has(name) ? jwk[name] : typeof jwk[name]]));
}

// A scenario per entry of `table`: `make(key, value)` gives the rest of the scenario.
export const each = (table, make) => Object.entries(table).map(([key, value]) => make(key, value));

// jose's documented answer to ERR_JWKS_MULTIPLE_MATCHING_KEYS: the error is async-iterable over the
// candidate keys; each is tried in turn. What each candidate gave (the payload's sub, or the code).
export async function tryCandidates(lib, token, key) {
  try {
    return { verified: (await lib.jwtVerify(token, key, { currentDate })).payload };
  } catch (error) {
    if (error?.code !== "ERR_JWKS_MULTIPLE_MATCHING_KEYS") throw error;
    const results = [];
    for await (const candidate of error) {
      try {
        results.push((await lib.jwtVerify(token, candidate, { currentDate })).payload.sub);
      } catch (failure) {
        results.push(failure.code ?? failure.name);
      }
    }
    return { code: error.code, results };
  }
}
