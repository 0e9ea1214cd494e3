// The Durable Object class of the session store, for workers (it imports cloudflare:workers):
//   export { DurableObjectSessionStore } from "edgejwt/sessions/durable-object";
// bound with new_sqlite_classes (docs/sessions.md); the library reaches it through
// DurableObjectSessionStoreClient.
import type { SessionStore } from "./sessions.js";

/** One subject's sessions in SQLite; its RPC methods are the session store interface. */
export interface DurableObjectSessionStore extends SessionStore {}
export class DurableObjectSessionStore {
  constructor(ctx: unknown, env: unknown);
  /** Deletes expired rows, and sets the alarm again for the next. */
  alarm(): Promise<void>;
}
