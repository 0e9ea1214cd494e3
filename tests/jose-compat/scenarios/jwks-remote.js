// createRemoteJWKSet as jose documents it (RemoteJWKSetOptions, the resolver's reload(),
// coolingDown, fresh, reloading and jwks()), against a JWKS endpoint on loopback: how many requests
// each use makes, what an endpoint that fails, hangs or lies gives, and the options' edge values.
import { compact, fixtures, refusedUrl } from "../fixtures.js";
import { currentDate, publicJwk, serve, tryCandidates, verified } from "./kit.js";

const signedBy = (pair, alg, kid) => compact({ alg, kid }, { sub: `signed by ${pair}` }, { key: fixtures().pairs[pair].privateKey });
const jwks = () => ({ keys: [publicJwk("p256", { kid: "a" }), publicJwk("ed25519", { kid: "d" })] });

// A remote set over a fresh endpoint serving `answer`: { endpoint, set }.
async function remote(lib, context, answer, options) {
  const endpoint = await serve(context, answer);
  return { endpoint, set: lib.createRemoteJWKSet(endpoint.url, options) };
}

const verifyWith = async (lib, set, token) => verified(await lib.jwtVerify(token, set, { currentDate }));

// { id: [title, the endpoint's answer, options] }: one verification against an endpoint that fails.
const FAILING_ENDPOINTS = {
  "timeoutDuration-0": ["timeoutDuration: 0 is accepted, and every fetch times out",
    { status: 200, text: JSON.stringify(jwks()), delayMs: 300 }, { timeoutDuration: 0 }],
  "timeout": ["an endpoint slower than timeoutDuration: a timeout", { status: 200, text: JSON.stringify(jwks()), delayMs: 3000 }, { timeoutDuration: 100 }],
  "http-500": ["an endpoint answering 500", { status: 500, text: "{}" }],
  "not-json": ["an endpoint answering something that is not JSON", { status: 200, text: "<html>" }],
  "not-a-set": ["an endpoint answering JSON that is not a JWK Set", { status: 200, text: '{"foo":1}' }],
  "redirect": ["an endpoint redirecting elsewhere on the same host is not followed",
    (path) => (path === "/jwks.json" ? { status: 302, text: "", headers: { location: "/moved.json" } } : jwks())],
};

const failingEndpoints = Object.entries(FAILING_ENDPOINTS).map(([id, [title, answer, options]]) => ({
  id: `jwks-remote/${id}`,
  title,
  run: async (lib, context) => verifyWith(lib, (await remote(lib, context, answer, options)).set, signedBy("p256", "ES256", "a")),
}));

export default [
  {
    id: "jwks-remote/verify",
    title: "a token verified with the endpoint's keys: one request",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      return { ...(await verifyWith(lib, set, signedBy("p256", "ES256", "a"))), requests: endpoint.requests.length };
    },
  },
  {
    id: "jwks-remote/cached",
    title: "two tokens, one request",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      await verifyWith(lib, set, signedBy("ed25519", "EdDSA", "d"));
      return endpoint.requests.length;
    },
  },
  {
    id: "jwks-remote/reload-in-cooldown",
    title: "reload() fetches again even within the cooldown",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      await set.reload();
      return endpoint.requests.length;
    },
  },
  {
    id: "jwks-remote/reload-rotates",
    title: "after reload() a key published since verifies at once",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      endpoint.serve({ keys: [publicJwk("p384", { kid: "new" })] });
      await set.reload();
      return { ...(await verifyWith(lib, set, signedBy("p384", "ES384", "new"))), requests: endpoint.requests.length };
    },
  },
  {
    id: "jwks-remote/reload-before-use",
    title: "reload() before any verification, then a verification: one request",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      await set.reload();
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      return endpoint.requests.length;
    },
  },
  {
    id: "jwks-remote/unknown-kid-in-cooldown",
    title: "an unknown kid within the cooldown: no refetch, no matching key",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks());
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      endpoint.serve({ keys: [publicJwk("p384", { kid: "new" })] });
      const outcome = await verifyWith(lib, set, signedBy("p384", "ES384", "new")).catch((error) => ({ code: error.code }));
      return { outcome, requests: endpoint.requests.length };
    },
  },
  {
    id: "jwks-remote/unknown-kid-after-cooldown",
    title: "an unknown kid with cooldownDuration 0: one refetch finds the new key",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks(), { cooldownDuration: 0 });
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      endpoint.serve({ keys: [publicJwk("p384", { kid: "new" })] });
      return { ...(await verifyWith(lib, set, signedBy("p384", "ES384", "new"))), requests: endpoint.requests.length };
    },
  },
  {
    id: "jwks-remote/cacheMaxAge-Infinity",
    title: "cacheMaxAge: Infinity keeps the keys: one request for two tokens",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks(), { cacheMaxAge: Infinity });
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      await verifyWith(lib, set, signedBy("ed25519", "EdDSA", "d"));
      return endpoint.requests.length;
    },
  },
  {
    id: "jwks-remote/connection-refused",
    title: "nothing listening: the failure's cause has code ECONNREFUSED",
    run: async (lib) => {
      const set = lib.createRemoteJWKSet(await refusedUrl());
      try {
        await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
        return { rejected: false };
      } catch (error) {
        return { rejected: true, causeCode: error?.cause?.code };
      }
    },
  },
  {
    id: "jwks-remote/headers-option",
    title: "the headers option is sent with the request",
    run: async (lib, context) => {
      const { endpoint, set } = await remote(lib, context, jwks(), { headers: { "x-api-key": "k-1" } });
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      return endpoint.requests.map(({ headers }) => headers["x-api-key"]);
    },
  },
  {
    id: "jwks-remote/multiple-matches",
    title: "two keys match: the error is async-iterable over both candidates",
    run: async (lib, context) => {
      const { set } = await remote(lib, context, { keys: [publicJwk("p256"), publicJwk("p256b")] });
      return tryCandidates(lib, compact({ alg: "ES256" }, { sub: "b" }, { key: fixtures().pairs.p256b.privateKey }), set);
    },
  },
  {
    id: "jwks-remote/properties",
    title: "after a fetch: coolingDown, fresh, not reloading, and jwks() is the set",
    run: async (lib, context) => {
      const { set } = await remote(lib, context, jwks());
      await verifyWith(lib, set, signedBy("p256", "ES256", "a"));
      return { coolingDown: set.coolingDown, fresh: set.fresh, reloading: set.reloading, jwks: set.jwks() };
    },
  },
  {
    id: "jwks-remote/jwks-before-fetch",
    title: "jwks() before any fetch is undefined",
    run: async (lib, context) => {
      const { set } = await remote(lib, context, jwks());
      return { jwks: set.jwks(), fresh: set.fresh };
    },
  },
  ...Object.entries({
    "cooldownDuration-negative": [{ cooldownDuration: -1 }, "cooldownDuration: -1"],
    "cacheMaxAge-NaN": [{ cacheMaxAge: Number.NaN }, "cacheMaxAge: NaN"],
    "timeoutDuration-fraction": [{ timeoutDuration: 1.5 }, "timeoutDuration: 1.5"],
    "timeoutDuration-negative": [{ timeoutDuration: -1 }, "timeoutDuration: -1"],
  }).map(([id, [options, text]]) => ({
    id: `jwks-remote/${id}`,
    title: `createRemoteJWKSet(url, { ${text} }) is refused`,
    run: async (lib, context) => typeof (await remote(lib, context, jwks(), options)).set,
  })),
  ...failingEndpoints,
];
