// A short-lived access token and a long-lived refresh token for the same subject, each with its
// own "typ" and a fresh "jti" (README: "Access and refresh tokens").
import { numericDate, optionsOf } from "../arguments.js";
import { secondsOf } from "../timespan.js";
import { base64url, definedOnly } from "../util.js";
import { claimsFor, sign } from "./sign.js";

export function generateTokenPair(runtime, claims, key, options) {
  runtime.ready();
  options = optionsOf(options);
  const {
    accessTokenTtl = "15m", refreshTokenTtl = "30d", accessTokenTyp = "at+jwt", refreshTokenTyp = "refresh+jwt",
    refreshKey = key, refreshClaims = {}, ...common
  } = options;
  const iat = numericDate(options.iat ?? new Date(), "iat");
  const accessTokenId = randomId();
  const refreshTokenId = randomId();
  const accessToken = sign(runtime, claims, key, { ...common, iat, typ: accessTokenTyp, expiresIn: accessTokenTtl, jwtId: accessTokenId });
  const { sub, iss, aud } = claimsFor(claims, common);
  const refreshToken = sign(runtime, { ...refreshClaims, ...definedOnly({ sub, iss, aud }) }, refreshKey, {
    ...common, iat, typ: refreshTokenTyp, expiresIn: refreshTokenTtl, jwtId: refreshTokenId,
  });
  return {
    accessToken, refreshToken, accessTokenId, refreshTokenId,
    accessTokenExpiresAt: iat + secondsOf(accessTokenTtl, "accessTokenTtl"),
    refreshTokenExpiresAt: iat + secondsOf(refreshTokenTtl, "refreshTokenTtl"),
  };
}

function randomId() {
  return base64url(crypto.getRandomValues(new Uint8Array(16)));
}
