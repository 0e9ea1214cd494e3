// DurableObjectSessionStoreClient: the session store interface (docs/sessions.md) over a Durable
// Object namespace binding of DurableObjectSessionStore (durable-object.js), for workers:
//   const store = new DurableObjectSessionStoreClient(env.SESSIONS);
// Every call goes by RPC to the object of its subject, named by "sub".
import * as check from "./arguments.js";
import { SessionStoreUnavailable } from "./errors.js";
import { JOSEInvalidArgument } from "../errors.js";

const DEFAULT_TIMEOUT_MS = 5000;

export class DurableObjectSessionStoreClient {
  #namespace;
  #timeout;

  // `timeoutDuration`: milliseconds a call may take before it fails with SessionStoreUnavailable
  // (the object may still complete it: a rotation retried within reuseInterval then gets the
  // successor it recorded).
  constructor(namespace, { timeoutDuration = DEFAULT_TIMEOUT_MS } = {}) {
    if (typeof namespace?.idFromName !== "function" || typeof namespace?.get !== "function") {
      throw new JOSEInvalidArgument("DurableObjectSessionStoreClient takes a Durable Object namespace binding");
    }
    if (!Number.isFinite(timeoutDuration) || timeoutDuration <= 0) {
      throw new JOSEInvalidArgument("timeoutDuration must be a positive number of milliseconds");
    }
    this.#namespace = namespace;
    this.#timeout = timeoutDuration;
  }

  // Arguments are checked here, before anything is sent, and again by the object.
  async createFamily(args) { return this.#call("createFamily", check.createFamily(args)); }
  async useRefreshToken(args) { return this.#call("useRefreshToken", check.useRefreshToken(args)); }
  async revokeFamily(args) { return this.#call("revokeFamily", check.revokeFamily(args)); }
  async revokeJti(args) { return this.#call("revokeJti", check.revokeJti(args)); }
  async revokeSubject(args) { return this.#call("revokeSubject", check.revokeSubject(args)); }
  async reasonRevoked(claims) { return this.#call("reasonRevoked", check.reasonRevoked(claims)); }
  async stats(args) { return this.#call("stats", check.stats(args)); }

  async #call(method, args) {
    let timer;
    const late = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new SessionStoreUnavailable(`no answer within ${this.#timeout} ms`)), this.#timeout);
    });
    try {
      const stub = this.#namespace.get(this.#namespace.idFromName(args.sub));
      return await Promise.race([stub[method](args), late]);
    } catch (error) {
      throw new SessionStoreUnavailable(`the session store failed in ${method}: ${error?.message ?? error}`, { cause: error });
    } finally {
      clearTimeout(timer);
    }
  }
}
