// When a remote document (remote-document.js) may be served and when it is fetched again: its
// state (fresh within its max-age, stale within maxStale after, then nothing that may be served),
// the cooldown between attempts, the first refresh after expiry (never held back) and the refresh
// ahead of expiry (refreshAhead). Times are the document's clock (options.now), in ms; `entry` is
// the last good document ({ fetchedAt, maxAge, expiresAt }) or null.
export class RefreshSchedule {
  #limits;
  #lastAttemptAt = -Infinity;

  constructor(limits) {
    this.#limits = limits;
  }

  // A fetch was started, or failed (the cooldown runs from the failure: an endpoint that hangs for
  // timeoutDuration is not asked again the moment it is given up).
  attempted(now) {
    this.#lastAttemptAt = now;
  }

  // "fresh", "stale" (expired, within maxStale) or null (nothing that may be served).
  stateAt(entry, now) {
    if (!entry) return null;
    if (now < entry.expiresAt) return "fresh";
    return now < this.servedUntil(entry) ? "stale" : null;
  }

  servedUntil(entry) {
    return entry.expiresAt + this.#limits.maxStale;
  }

  cooledDown(now) {
    return now - this.#lastAttemptAt >= this.#limits.cooldownDuration;
  }

  // A fetch may start: the cooldown since the last one has passed, or the document has expired and
  // nothing has been tried since.
  refreshDue(entry, now) {
    return this.cooledDown(now) || (entry !== null && now >= entry.expiresAt && this.#lastAttemptAt < entry.expiresAt);
  }

  // A fresh document within refreshAhead of its expiry (at most the second half of its max-age) is
  // refreshed by the first call that finds it there, and again once per cooldown while that fails.
  refreshAheadDue(entry, now) {
    const { refreshAhead } = this.#limits;
    if (refreshAhead === 0) return false;
    const from = entry.expiresAt - Math.min(refreshAhead, entry.maxAge / 2);
    return now >= from && (this.#lastAttemptAt < from || this.cooledDown(now));
  }
}
