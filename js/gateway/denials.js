// The gateway's own answers to requests it does not forward: each is counted (per rule, provider
// and code, and by kind for stats()) and, sampled, logged (denial-log.js) with what identifies the
// request and, from a token that verified, its sub and jti; never the token itself.
import { DenialLog } from "./denial-log.js";

// The stats() totals by the status of the gateway's own answer.
const KINDS = { 400: "refused", 431: "refused", 401: "rejected", 503: "rejected", 403: "forbidden", 429: "throttled" };

export class Denials {
  constructor(api, counters, denialLog) {
    this.api = api;
    this.counters = counters;
    this.totals = { refused: 0, rejected: 0, forbidden: 0, throttled: 0 };
    this.log = new DenialLog(denialLog, { onSuppressed: () => counters.add("edgejwt_denial_logs_suppressed_total") });
  }

  // Counts and logs `response`, the answer to the request of `context`, and returns it.
  record(context, code, response, { provider = null, token, verified, claims } = {}) {
    const rule = context.rule?.name ?? "";
    this.counters.add("edgejwt_denied_total", [rule, provider?.name ?? "", code]);
    this.totals[KINDS[response.status]]++;
    this.log.record(() => {
      const payload = verified?.[0].result.payload ?? claims ?? {};
      const anyToken = token ?? verified?.[0].token;
      return {
        status: response.status, code, rule, provider: provider?.name, kid: anyToken && this.kidOf(anyToken),
        sub: payload.sub, jti: payload.jti, method: context.request.method, path: context.path, client: context.client,
      };
    });
    return response;
  }

  // The kid a token's header names, read without trusting it, for the log.
  kidOf(token) {
    try {
      const { kid } = this.api.decodeProtectedHeader(token);
      return typeof kid === "string" ? kid : undefined;
    } catch {
      return undefined;
    }
  }
}
