// DurableObjectSessionStore: the session store as a Durable Object with SQLite storage, for workerd
// and Cloudflare. Only a worker imports this module (it imports cloudflare:workers); the library
// reaches it through DurableObjectSessionStoreClient (durable-object-client.js), which routes
// every call to the object of the call's subject ("sub").
//
// One object per subject: a Durable Object runs one call at a time, so every operation on a
// subject's families is serialised without locks, and "is this access token revoked?" (its jti,
// its family, its subject's cut-off) is answered by one object in one round trip. Per family would
// need a second object for the subject's cut-off. A subject's traffic is one user's refreshes and
// logouts, far below what one object serves.
//
// The worker exports the class and binds it (wrangler.toml):
//   export { DurableObjectSessionStore } from "edgejwt/sessions/durable-object";
//   [[durable_objects.bindings]] name = "SESSIONS", class_name = "DurableObjectSessionStore"
//   [[migrations]] tag = "v1", new_sqlite_classes = ["DurableObjectSessionStore"]
import { DurableObject } from "cloudflare:workers";
import { SessionLedger } from "./ledger.js";
import { SqlTables } from "./sql-tables.js";

export class DurableObjectSessionStore extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.tables = new SqlTables(ctx.storage.sql);
    this.ledger = new SessionLedger((sub, writing) => this.tables.of(sub, writing));
  }

  // RPC methods: the session store interface (docs/sessions.md), each one transaction.
  createFamily(args) { return this.#write((ledger) => ledger.createFamily(args)); }
  useRefreshToken(args) { return this.#write((ledger) => ledger.useRefreshToken(args)); }
  revokeFamily(args) { return this.#write((ledger) => ledger.revokeFamily(args)); }
  revokeJti(args) { return this.#write((ledger) => ledger.revokeJti(args)); }
  revokeSubject(args) { return this.#write((ledger) => ledger.revokeSubject(args)); }
  reasonRevoked(claims) { return this.ledger.reasonRevoked(claims); }
  stats(args) { return this.ledger.stats(args); }

  // Expired rows are deleted by an alarm set for the earliest expiry, then set again for the next.
  async alarm() {
    this.ctx.storage.transactionSync(() => this.tables.deleteExpired(Date.now() / 1000));
    await this.#scheduleCleanup();
  }

  async #write(step) {
    const result = this.ctx.storage.transactionSync(() => step(this.ledger));
    await this.#scheduleCleanup();
    return result;
  }

  async #scheduleCleanup() {
    const next = this.tables.nextExpiry();
    if (next === null) return;
    const at = Math.ceil(next * 1000);
    const scheduled = await this.ctx.storage.getAlarm();
    if (scheduled === null || scheduled > at) await this.ctx.storage.setAlarm(at);
  }
}
