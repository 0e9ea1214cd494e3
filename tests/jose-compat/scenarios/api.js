// The shape of the API a jose program is written against: the names it imports, which calls are
// synchronous, and the errors namespace (class names, static codes, the hierarchy `instanceof`
// tests see, the properties a failure carries, the constructors a key resolver calls).
import { errors as joseErrors } from "jose";

import { JOSE_NAMES } from "../adapter.js";
import { NOW } from "../fixtures.js";
import { currentDate, hs256, secret256 } from "./kit.js";

const ERROR_NAMES = Object.keys(joseErrors).sort();

// The error `promise` rejects with (a scenario returns data about it).
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("the call was expected to fail");
}

// The error a verification of `claims` with `options` throws.
const failure = (lib, claims, options = {}) => rejection(lib.jwtVerify(hs256(claims), secret256(), { currentDate, ...options }));

const classesOf = (lib, error) => ERROR_NAMES.filter((name) => typeof lib.errors?.[name] === "function" && error instanceof lib.errors[name]);

export default [
  {
    id: "api/exports",
    title: "every name of jose's API the issue lists is exported, as the same kind of value",
    run: async (lib) => Object.fromEntries(JOSE_NAMES.map((name) => [name, typeof lib[name]])),
  },
  {
    id: "api/synchronous-calls",
    title: "decodeJwt, decodeProtectedHeader and createLocalJWKSet answer synchronously; the rest return promises",
    run: async (lib) => {
      const token = hs256({ sub: "u" });
      const isPromise = (value) => typeof value?.then === "function";
      const verifying = lib.jwtVerify(token, secret256(), { currentDate });
      await verifying;
      return {
        decodeJwt: isPromise(lib.decodeJwt(token)),
        decodeProtectedHeader: isPromise(lib.decodeProtectedHeader(token)),
        jwtVerify: isPromise(verifying),
        calculateJwkThumbprint: isPromise(lib.calculateJwkThumbprint({ kty: "oct", k: "AAAA" }).catch(() => {})),
      };
    },
  },
  {
    id: "api/errors-names",
    title: "the errors namespace has every class jose's has",
    run: async (lib) => Object.keys(lib.errors ?? {}).filter((name) => ERROR_NAMES.includes(name)).sort(),
  },
  {
    id: "api/errors-codes",
    title: "each error class has jose's static code",
    run: async (lib) => Object.fromEntries(ERROR_NAMES.map((name) => [name, lib.errors?.[name]?.code ?? null])),
  },
  {
    id: "api/JWTExpired-classes",
    title: "an expired token's error is JWTExpired and JOSEError, not JWTClaimValidationFailed",
    run: async (lib) => classesOf(lib, await failure(lib, { exp: NOW - 10 })),
  },
  {
    id: "api/claim-failure-classes",
    title: "a failed audience check's error is JWTClaimValidationFailed and JOSEError",
    run: async (lib) => classesOf(lib, await failure(lib, { aud: "web" }, { audience: "api" })),
  },
  {
    id: "api/signature-failure-classes",
    title: "a bad signature's error is JWSSignatureVerificationFailed and JOSEError",
    run: async (lib) => classesOf(lib, await rejection(lib.jwtVerify(hs256({ sub: "u" }), new Uint8Array(32).fill(9), { currentDate }))),
  },
  {
    id: "api/claim-failure-properties",
    title: "a claim failure carries claim, reason and the verified payload, also in its cause",
    run: async (lib) => {
      const error = await failure(lib, { aud: "web", sub: "u" }, { audience: "api" });
      return { name: error.name, claim: error.claim, reason: error.reason, payload: error.payload, cause: error.cause };
    },
  },
  {
    id: "api/expired-properties",
    title: "an expiry carries claim, reason and the verified payload",
    run: async (lib) => {
      const error = await failure(lib, { exp: NOW - 10, sub: "u" });
      return { name: error.name, code: error.code, claim: error.claim, reason: error.reason, payload: error.payload };
    },
  },
  {
    id: "api/multiple-matches-iterable",
    title: "JWKSMultipleMatchingKeys is async-iterable, also when constructed",
    run: async (lib) => typeof new lib.errors.JWKSMultipleMatchingKeys()[Symbol.asyncIterator],
  },
  {
    id: "api/construct-claim-failure",
    title: "JWTClaimValidationFailed is constructed as jose's: (message, payload, claim, reason)",
    run: async (lib) => {
      const error = new lib.errors.JWTClaimValidationFailed("custom check", { sub: "u" }, "sub", "check_failed");
      return { message: error.message, payload: error.payload, claim: error.claim, reason: error.reason, code: error.code, name: error.name };
    },
  },
  {
    id: "api/construct-no-matching-key",
    title: "JWKSNoMatchingKey has jose's default message",
    run: async (lib) => {
      const error = new lib.errors.JWKSNoMatchingKey();
      return { message: error.message, code: error.code, isError: error instanceof Error };
    },
  },
];
