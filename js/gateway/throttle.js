// Throttling of bad tokens (`throttle: { failuresPerMinute, clientHeader, maxClients }`, off by
// default): each client — the value of `clientHeader`, CF-Connecting-IP unless configured, which
// Cloudflare sets and a client cannot — has a budget of failed verifications that refills
// continuously at failuresPerMinute (a token bucket as deep as one minute's budget). A client with
// less than one failure left is answered 429 with Retry-After (the seconds until one has refilled)
// without its token being verified. Only failures spend the budget, and only clients that failed
// are remembered: at most maxClients, the least recently seen forgotten first, so memory is bounded
// whatever clients claim to be. Requests without the header share one budget.
import { JOSEError, JOSEInvalidArgument } from "../errors.js";
import { headerNameOf } from "./claim-headers.js";
import { unknownKeys } from "./options.js";

export class GatewayThrottled extends JOSEError { static code = "ERR_THROTTLED"; }

const MAX_CLIENT_KEY = 64; // an IPv6 address is at most 45 characters
const MINUTE_MS = 60_000;

export class FailureThrottle {
  constructor(options, now = Date.now) {
    if (typeof options !== "object" || options === null) throw new JOSEInvalidArgument("throttle must be an object");
    unknownKeys(options, ["failuresPerMinute", "clientHeader", "maxClients"], "throttle");
    const { failuresPerMinute, clientHeader = "cf-connecting-ip", maxClients = 10_000 } = options;
    this.capacity = wholeNumber(failuresPerMinute, "throttle.failuresPerMinute");
    this.maxClients = wholeNumber(maxClients, "throttle.maxClients");
    this.clientHeader = headerNameOf(clientHeader);
    this.perMs = this.capacity / MINUTE_MS;
    this.now = now;
    this.clients = new Map(); // client → { left, at }, least recently seen first
    this.evictions = 0;
  }

  clientOf(request) {
    return (request.headers.get(this.clientHeader) ?? "").trim().slice(0, MAX_CLIENT_KEY);
  }

  // Seconds until `client` may have a token verified again; 0 when it may now.
  retryAfter(client) {
    const bucket = this.clients.get(client);
    if (bucket === undefined) return 0;
    const left = this.refilled(bucket);
    return left >= 1 ? 0 : Math.max(1, Math.ceil((1 - left) / this.perMs / 1000));
  }

  // One failed verification by `client`.
  failed(client) {
    let bucket = this.clients.get(client);
    if (bucket === undefined) {
      if (this.clients.size >= this.maxClients) {
        this.clients.delete(this.clients.keys().next().value);
        this.evictions++;
      }
      bucket = { left: this.capacity, at: this.now() };
    } else {
      this.clients.delete(client); // re-inserted below: most recently seen last
    }
    bucket.left = Math.max(0, this.refilled(bucket) - 1);
    bucket.at = this.now();
    this.clients.set(client, bucket);
  }

  refilled(bucket) {
    return Math.min(this.capacity, bucket.left + (this.now() - bucket.at) * this.perMs);
  }

  stats() {
    return { clients: this.clients.size, evictions: this.evictions };
  }
}

function wholeNumber(value, where) {
  if (!Number.isSafeInteger(value) || value < 1 || value > 1_000_000) throw new JOSEInvalidArgument(`${where} must be a whole number from 1 to 1000000`);
  return value;
}
