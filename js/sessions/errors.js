// The session layer's errors (stable codes, as every JOSEError): what a refresh or a revocation
// check can fail with beyond the token's own verification errors.
import { JOSEError } from "../errors.js";

// The token's family (its login session) has been revoked: logout, reuse detected earlier, or a
// revocation of the subject. The client must log in again.
export class SessionRevoked extends JOSEError { static code = "ERR_SESSION_REVOKED"; }

// A refresh token came back after its successor was issued (outside the reuse interval): someone
// holds a copy. The whole family has been revoked as this error was raised.
export class RefreshTokenReused extends SessionRevoked { static code = "ERR_REFRESH_TOKEN_REUSED"; }

// The store has no record of the token's family or of the token in it (never recorded, or dropped
// after it expired).
export class SessionUnknown extends JOSEError { static code = "ERR_SESSION_UNKNOWN"; }

// The store did not answer (unreachable, failed, or slower than its timeout): nothing can be said
// about the session, so a gateway answers 503 rather than let the token through.
export class SessionStoreUnavailable extends JOSEError { static code = "ERR_SESSION_STORE_UNAVAILABLE"; }
