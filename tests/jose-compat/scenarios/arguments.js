// Arguments of the wrong type, as a caller's bug or an attacker's input hands them over: jose
// answers each with its documented failure (a TypeError for a bad argument, JWSInvalid for a token
// that is not one), never with a crash or a quiet reinterpretation.
import { NOW, fixtures } from "../fixtures.js";
import { currentDate, each, hs256, secret256, verified } from "./kit.js";

const token = () => hs256({ sub: "u", iss: "https://idp.example", aud: "api", iat: NOW - 10 }, { typ: "JWT" });
const verifyWith = (options) => async (lib) => verified(await lib.jwtVerify(token(), secret256(), { currentDate, ...options }));

// { id: [title, run, strict?] }
const CASES = {
  "jwtVerify-token-number": ["jwtVerify(123, key)", async (lib) => verified(await lib.jwtVerify(123, secret256()))],
  "jwtVerify-token-null": ["jwtVerify(null, key)", async (lib) => verified(await lib.jwtVerify(null, secret256()))],
  "jwtVerify-token-object": ["jwtVerify({}, key)", async (lib) => verified(await lib.jwtVerify({}, secret256()))],
  "compactVerify-token-number": ["compactVerify(123, key)", async (lib) => verified(await lib.compactVerify(123, secret256()))],
  "jwtVerify-key-undefined": ["jwtVerify(token, undefined)", async (lib) => verified(await lib.jwtVerify(token(), undefined, { currentDate }))],
  "jwtVerify-key-null": ["jwtVerify(token, null)", async (lib) => verified(await lib.jwtVerify(token(), null, { currentDate }))],
  "jwtVerify-key-number": ["jwtVerify(token, 123)", async (lib) => verified(await lib.jwtVerify(token(), 123, { currentDate }))],
  "jwtVerify-key-empty-object": ["jwtVerify(token, {})", async (lib) => verified(await lib.jwtVerify(token(), {}, { currentDate }))],
  "jwtVerify-key-array": ["jwtVerify(token, [bytes])", async (lib) => verified(await lib.jwtVerify(token(), [secret256()], { currentDate }))],
  "jwtVerify-options-null": ["jwtVerify(token, key, null)", async (lib) => verified(await lib.jwtVerify(token(), secret256(), null))],
  "option-algorithms-string": ['algorithms: "HS256"', verifyWith({ algorithms: "HS256" })],
  "option-algorithms-number": ["algorithms: [1]", verifyWith({ algorithms: [1] })],
  "option-issuer-number": ["issuer: 1", verifyWith({ issuer: 1 }), "option-types"],
  "option-audience-object": ["audience: {}", verifyWith({ audience: {} })],
  "option-subject-number": ["subject: 1", verifyWith({ subject: 1 }), "option-types"],
  "option-typ-number": ["typ: 1", verifyWith({ typ: 1 })],
  "option-requiredClaims-string": ['requiredClaims: "sub"', verifyWith({ requiredClaims: "sub" }), "option-types"],
  "option-maxTokenAge-bogus": ['maxTokenAge: "bogus"', verifyWith({ maxTokenAge: "bogus" })],
  "option-maxTokenAge-negative": ["maxTokenAge: -1", verifyWith({ maxTokenAge: -1 })],
  "option-currentDate-string": ['currentDate: "2027-01-01"', verifyWith({ currentDate: "2027-01-01" })],
  "option-currentDate-number": ["currentDate: 1800000000000", verifyWith({ currentDate: 1_800_000_000_000 })],
  "option-crit-string": ['crit: "x" (token without crit)', verifyWith({ crit: "x" }), "option-types"],
  "SignJWT-string-payload": ["new SignJWT(\"x\")", async (lib) => new lib.SignJWT("x").setProtectedHeader({ alg: "HS256" }).sign(secret256())],
  "SignJWT-null-payload": ["new SignJWT(null)", async (lib) => new lib.SignJWT(null).setProtectedHeader({ alg: "HS256" }).sign(secret256())],
  "SignJWT-sign-string-key": ['SignJWT(…).sign("secret")', async (lib) => new lib.SignJWT({}).setProtectedHeader({ alg: "HS256" }).sign("secret")],
  "SignJWT-sign-no-key": ["SignJWT(…).sign()", async (lib) => new lib.SignJWT({}).setProtectedHeader({ alg: "HS256" }).sign()],
  "CompactSign-string-payload": ['new CompactSign("text")', async (lib) => new lib.CompactSign("text").setProtectedHeader({ alg: "HS256" }).sign(secret256())],
  "importJWK-string": ["importJWK(JSON text)", async (lib) => typeof (await lib.importJWK(JSON.stringify(fixtures().pairs.p256.publicJwk), "ES256"))],
  "importJWK-null": ["importJWK(null)", async (lib) => typeof (await lib.importJWK(null, "ES256"))],
  "importJWK-array": ["importJWK([])", async (lib) => typeof (await lib.importJWK([], "ES256"))],
  "importSPKI-number": ["importSPKI(123)", async (lib) => typeof (await lib.importSPKI(123, "ES256"))],
  "importPKCS8-undefined": ["importPKCS8(undefined)", async (lib) => typeof (await lib.importPKCS8(undefined, "ES256"))],
  "importX509-object": ["importX509({})", async (lib) => typeof (await lib.importX509({}, "ES256"))],
  "exportJWK-string": ['exportJWK("x")', async (lib) => lib.exportJWK("x")],
  "exportJWK-undefined": ["exportJWK(undefined)", async (lib) => lib.exportJWK(undefined)],
  "exportSPKI-string": ['exportSPKI("x")', async (lib) => lib.exportSPKI("x")],
  "exportPKCS8-null": ["exportPKCS8(null)", async (lib) => lib.exportPKCS8(null)],
  "thumbprint-null": ["calculateJwkThumbprint(null)", async (lib) => lib.calculateJwkThumbprint(null)],
  "thumbprint-string": ['calculateJwkThumbprint("x")', async (lib) => lib.calculateJwkThumbprint("x")],
  "createLocalJWKSet-null": ["createLocalJWKSet(null)", async (lib) => typeof lib.createLocalJWKSet(null)],
  "generateKeyPair-undefined": ["generateKeyPair(undefined)", async (lib) => Object.keys(await lib.generateKeyPair(undefined))],
  "generateSecret-undefined": ["generateSecret(undefined)", async (lib) => typeof (await lib.generateSecret(undefined))],
  "decodeJwt-null": ["decodeJwt(null)", async (lib) => lib.decodeJwt(null)],
  "decodeProtectedHeader-null": ["decodeProtectedHeader(null)", async (lib) => lib.decodeProtectedHeader(null)],
};

export default each(CASES, (id, [title, run, strict]) => ({ id: `arguments/${id}`, title, run, ...(strict && { strict }) }));
