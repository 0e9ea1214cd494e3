// startSession and rotateRefreshToken on a runtime: sessions are a layer over the API
// (session-tokens.js takes sign and verify), here bound to the runtime, so tokens are signed and
// verified by its Wasm build. Made once per runtime.
import { sign } from "../jwt/sign.js";
import { verifyAsync } from "../jwt/verify-async.js";
import { createSessionApi } from "./session-tokens.js";

const sessionApiOf = (runtime) => createSessionApi({ sign: runtime.bind(sign), verify: runtime.bind(verifyAsync) });

export const startSession = (runtime, claims, options) => runtime.layer(sessionApiOf).startSession(claims, options);
export const rotateRefreshToken = (runtime, refreshToken, options) =>
  runtime.layer(sessionApiOf).rotateRefreshToken(refreshToken, options);
