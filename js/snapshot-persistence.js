// A remote document's last good snapshot kept beyond the isolate (remote-document.js, options.store:
// any object with load(key) and save(key, snapshot, ttl) returning promises, such as
// gateway/snapshot-store.js's CacheSnapshotStore). It is read once, at the document's first use, so a
// cold isolate answers without waiting for the endpoint, and written after each good fetch. A store
// that fails, answers nonsense or takes longer than timeoutDuration is as good as an empty one: the
// endpoint is asked instead. Its failures are counted for stats() and logged (a load once per
// isolate, a save once per fetch: never per request), and never fail the caller.
import { JOSEInvalidArgument } from "./errors.js";

const LATE = Symbol("late"); // what a load that did not answer in time gives
const reasonOf = (error) => `${error?.message ?? error}`;

export class SnapshotPersistence {
  #store;
  #key;
  #now;
  #log;
  #saving = null; // the save in progress
  #stats = { restoredFrom: null, saves: 0, failures: 0, lastError: null };

  // null when `store` is undefined or null (no persistence); `log(fields)` writes a warning line.
  static of(store, key, now, log) {
    if (store === undefined || store === null) return null;
    if (typeof store !== "object" || typeof store.load !== "function" || typeof store.save !== "function") {
      throw new JOSEInvalidArgument("options.store must have load(key) and save(key, snapshot, ttl) methods, or be null");
    }
    return new SnapshotPersistence(store, key, now, log);
  }

  constructor(store, key, now, log) {
    this.#store = store;
    this.#key = key;
    this.#now = now;
    this.#log = log;
  }

  // Reads the stored snapshot and hands it to `take`, which returns the fetchedAt it restored (or
  // null when what is on hand is newer) and throws for a snapshot it cannot use. Never rejects.
  async restore(timeoutDuration, take) {
    let timer;
    try {
      const late = new Promise((resolve) => {
        timer = setTimeout(() => resolve(LATE), timeoutDuration);
      });
      const snapshot = await Promise.race([this.#store.load(this.#key), late]);
      if (snapshot === LATE) {
        this.failed("load", `it did not answer within ${timeoutDuration} ms`);
      } else if (snapshot !== null && snapshot !== undefined) {
        const restoredFrom = take(snapshot);
        if (restoredFrom !== null) this.#stats.restoredFrom = restoredFrom;
      }
    } catch (error) {
      this.failed("load", reasonOf(error));
    } finally {
      clearTimeout(timer);
    }
  }

  // The restored snapshot turned out unusable when it was first parsed: it was not restored after all.
  unusable(cause) {
    this.#stats.restoredFrom = null;
    this.failed("load", `the stored snapshot is unusable: ${reasonOf(cause)}`);
  }

  // Writes `snapshot` for `ttl` ms in the background (`saving` hands the save on).
  save(snapshot, ttl) {
    const saving = (async () => {
      try {
        await this.#store.save(this.#key, snapshot, ttl);
        this.#stats.saves++;
      } catch (error) {
        this.failed("save", reasonOf(error));
      }
      return null;
    })();
    this.#saving = saving;
    saving.finally(() => {
      if (this.#saving === saving) this.#saving = null;
    });
  }

  // The save in progress (a promise that never rejects), or null.
  get saving() {
    return this.#saving;
  }

  // `reason`: what went wrong, in words.
  failed(operation, reason) {
    const message = `the snapshot store's ${operation} failed: ${reason}`;
    this.#stats.failures++;
    this.#stats.lastError = { operation, message, at: this.#now() };
    this.#log({ store: operation, message });
  }

  stats() {
    return { ...this.#stats };
  }
}
