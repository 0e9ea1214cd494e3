// What a rule's requirement (rules.js) asks of a request, in the steps the gateway runs them:
// find the tokens (tokensFor), verify them (verifyTokens), check the grants (missingGrant).
// Between the first two the gateway may stop (throttling) or, later, turn a session into a token.
//
// Routing: under anyOf, the first token found in the providers' sources (in order) is the
// request's token; the providers that read that source are its candidates. One candidate verifies
// it. Among several, the token's "iss" picks one: the payload is decoded for that alone, trusting
// nothing in it, and the chosen provider's verification then checks everything, "iss" included.
// An "iss" no candidate names is refused (ERR_UNKNOWN_ISSUER) before any key is looked up.
import { JOSEError } from "../errors.js";
import { GatewayEncryptedTokenRefused, isCompactJWE } from "./decryption.js";
import { scopesOf } from "./providers.js";

export class GatewayUnknownIssuer extends JOSEError { static code = "ERR_UNKNOWN_ISSUER"; }
export class GatewayForbidden extends JOSEError { static code = "ERR_INSUFFICIENT_SCOPE"; }

// [{ token, source, candidates }] — one for anyOf, one per provider for allOf — or null when a
// token the requirement needs is missing.
export function tokensFor(requirement, request, target) {
  if (requirement.mode === "anyOf") {
    const found = firstToken(requirement.sources, request, target);
    if (!found) return null;
    found.candidates = requirement.candidates.get(found.source.spec);
    return [found];
  }
  const found = [];
  for (const provider of requirement.providers) {
    const token = firstToken(provider.sources, request, target);
    if (!token) return null;
    found.push({ ...token, candidates: [provider] });
  }
  return found;
}

function firstToken(sources, request, target) {
  for (const source of sources) {
    const token = source.read(request, target);
    if (token !== undefined) return { token, source };
  }
  return null;
}

// { verified: [{ provider, result, token, source }] }, or { error, provider, token } for the
// first token that fails (provider null when none could be chosen). `count(provider, ok)` is told of
// every verification run.
export async function verifyTokens(api, found, count) {
  const verified = [];
  for (const { token, source, candidates } of found) {
    let provider = null;
    try {
      provider = candidates.length === 1 ? candidates[0] : providerByIssuer(api, token, candidates);
      const result = await provider.verify(token);
      count(provider, true);
      verified.push({ provider, result, token, source });
    } catch (error) {
      if (provider) count(provider, false);
      return { error, provider, token };
    }
  }
  return { verified };
}

function providerByIssuer(api, token, candidates) {
  if (isCompactJWE(token)) return decryptingCandidate(candidates);
  const { iss } = api.decode(token).payload;
  const provider = typeof iss === "string" ? candidates.find((candidate) => candidate.issuers.includes(iss)) : undefined;
  if (!provider) throw new GatewayUnknownIssuer("no provider of this route trusts the token's issuer");
  return provider;
}

// What a verified request lacks, or null: each provider's own required claims and scopes on its
// token, then the rule's scopes, granted by any of the rule's verified tokens.
export function missingGrant(requirement, verified) {
  for (const { provider, result } of verified) {
    const missing = provider.missingGrant(result.payload);
    if (missing) return { description: missing, provider };
  }
  if (requirement.scopes.length === 0) return null;
  const granted = new Set(verified.flatMap(({ result }) => [...scopesOf(result.payload)]));
  const scope = requirement.scopes.find((name) => !granted.has(name));
  return scope === undefined ? null : { description: `missing scope "${scope}"`, provider: verified[0].provider };
}

// An encrypted token's "iss" is behind its encryption: of several candidates, the one provider that
// decrypts tokens is chosen (its verification then checks "iss" as for any token).
function decryptingCandidate(candidates) {
  const decrypting = candidates.filter((candidate) => candidate.decryption);
  if (decrypting.length === 1) return decrypting[0];
  if (decrypting.length === 0) throw new GatewayEncryptedTokenRefused("no provider of this route accepts encrypted tokens");
  throw new GatewayUnknownIssuer("several providers of this route decrypt tokens: an encrypted token cannot be routed by its issuer");
}
