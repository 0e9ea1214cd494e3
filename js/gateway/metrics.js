// The gateway's counters, and their Prometheus text exposition (format 0.0.4): every name starts
// with edgejwt_; labels are rule and provider names from the configuration and error codes from a
// fixed set, never anything a client chose, so the number of series is bounded by the config.
// Counters are per isolate (workerd and Cloudflare may run several, and start new ones):
// edgejwt_start_time_seconds tells a scrape which isolate answered and when its counters began.

export const CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

// name → [type, help, label names]: the counters the gateway adds to as requests go.
const COUNTERS = {
  edgejwt_requests_total: ["counter", "Requests handled (the metrics and stats paths aside), by the rule that decided them.", ["rule"]],
  edgejwt_allowed_total: ["counter", "Requests forwarded with verified tokens, by rule and provider (A+B under allOf).", ["rule", "provider"]],
  edgejwt_bypassed_total: ["counter", "Requests forwarded without a token check: requires none, or a CORS preflight.", ["rule"]],
  edgejwt_forwarded_unverified_total: ["counter", "Requests forwarded without a verified token on allowMissing/allowFailed routes, by why.", ["rule", "code"]],
  edgejwt_denied_total: ["counter", "Requests answered by the gateway with an error, by rule, provider (empty when none was chosen) and code.", ["rule", "provider", "code"]],
  edgejwt_origin_errors_total: ["counter", "Allowed requests whose origin could not be reached (502).", []],
  edgejwt_verifications_total: ["counter", "Token verifications run (verified-token cache hits included), by provider and result.", ["provider", "result"]],
  edgejwt_revoked_total: ["counter", "Valid tokens refused as revoked, by provider and reason (jti or sub).", ["provider", "reason"]],
  edgejwt_jwks_fetches_total: ["counter", "Requests to a provider's JWKS endpoint, by result (ok or failed).", ["provider", "result"]],
  edgejwt_revocation_fetches_total: ["counter", "Requests to a provider's revocation list endpoint, by result (ok or failed).", ["provider", "result"]],
  edgejwt_denial_logs_suppressed_total: ["counter", "Denial log lines not written because more than maxPerSecond came in one second.", []],
  edgejwt_metrics_scrapes_total: ["counter", "Requests for the metrics or stats path, by result (ok, or refused without the right bearer secret).", ["result"]],
};

export class Counters {
  constructor() {
    // name → label key → { labels, value }; an unlabelled counter reads 0 from the start.
    this.series = new Map(Object.entries(COUNTERS).map(([name, [, , labelNames]]) => [name,
      new Map(labelNames.length ? [] : [["", { labels: [], value: 0 }]])]));
  }

  add(name, labels = [], amount = 1) {
    const family = this.series.get(name);
    const key = labels.join("\u0000");
    const sample = family.get(key);
    if (sample) sample.value += amount;
    else family.set(key, { labels, value: amount });
  }

  // The sum of a counter's samples whose labels satisfy `where` (all of them by default).
  sum(name, where = () => true) {
    let total = 0;
    for (const { labels, value } of this.series.get(name).values()) if (where(labels)) total += value;
    return total;
  }

  // { [label value]: sum } over one label of a counter.
  totalsBy(name, label) {
    const index = COUNTERS[name][2].indexOf(label);
    const totals = {};
    for (const { labels, value } of this.series.get(name).values()) totals[labels[index]] = (totals[labels[index]] ?? 0) + value;
    return totals;
  }

  // The Prometheus text: these counters, then the families `gauges` gives ([{ name, type, help,
  // labelNames, samples: [[labels, value]] }]), measured at the scrape.
  exposition(gauges = []) {
    const families = Object.entries(COUNTERS).map(([name, [type, help, labelNames]]) => ({
      name, type, help, labelNames, samples: [...this.series.get(name).values()].map(({ labels, value }) => [labels, value]),
    }));
    return [...families, ...gauges].map(familyText).join("");
  }
}

// The families measured at a scrape from what the gateway holds: the verified-token cache, the
// throttle, and each provider's key set and revocation list (their last fetch error included).
export function scrapedFamilies({ startedAt, cache, throttle, providers }) {
  const family = (name, type, help, labelNames, samples) => ({ name, type, help, labelNames, samples });
  const families = [
    family("edgejwt_start_time_seconds", "gauge", "When this isolate's gateway was built (its counters start there), in seconds since the epoch.", [], [[[], startedAt / 1000]]),
  ];
  if (cache) {
    const { hits, misses, entries } = cache.stats();
    families.push(
      family("edgejwt_token_cache_hits_total", "counter", "Verified-token cache lookups answered from the cache.", [], [[[], hits]]),
      family("edgejwt_token_cache_misses_total", "counter", "Verified-token cache lookups that ran the verification.", [], [[[], misses]]),
      family("edgejwt_token_cache_entries", "gauge", "Tokens in the verified-token cache.", [], [[[], entries]]),
    );
  }
  if (throttle) {
    const { clients, evictions } = throttle.stats();
    families.push(
      family("edgejwt_throttle_clients", "gauge", "Clients with failed verifications remembered by the throttle.", [], [[[], clients]]),
      family("edgejwt_throttle_evictions_total", "counter", "Clients the throttle forgot to stay within maxClients.", [], [[[], evictions]]),
    );
  }
  // From each remote document's own stats(): fetchedAt (of the set in use, a persisted one's
  // included) and lastError ({ code, at }, kept after a recovery).
  for (const document of ["jwks", "revocation"]) {
    const remote = [...providers.values()].map((provider) => [provider.name, provider.stats()[document]])
      .filter(([, stats]) => stats && "fetchedAt" in stats);
    const label = document === "jwks" ? "JWKS" : "revocation list";
    families.push(
      family(`edgejwt_${document}_last_success_timestamp_seconds`, "gauge", `When the provider's ${label} in use was fetched.`, ["provider"],
        remote.filter(([, stats]) => stats.fetchedAt !== null).map(([name, stats]) => [[name], stats.fetchedAt / 1000])),
      family(`edgejwt_${document}_last_error_timestamp_seconds`, "gauge", `When a fetch of the provider's ${label} last failed.`, ["provider"],
        remote.filter(([, stats]) => stats.lastError).map(([name, stats]) => [[name], stats.lastError.at / 1000])),
      family(`edgejwt_${document}_last_error_info`, "gauge", `The code of the provider's last failed ${label} fetch (1 for that code).`, ["provider", "code"],
        remote.filter(([, stats]) => stats.lastError).map(([name, stats]) => [[name, stats.lastError.code], 1])),
      family(`edgejwt_${document}_waits_total`, "counter", `Lookups that waited for a fetch of the provider's ${label} (none on hand, or a kid it lacks).`, ["provider"],
        remote.map(([name, stats]) => [[name], stats.waited])),
    );
    // With a snapshotStore: the snapshot this isolate started from, and the saves after each fetch.
    const stored = remote.filter(([, stats]) => stats.persistence);
    families.push(
      family(`edgejwt_${document}_snapshot_restored_timestamp_seconds`, "gauge", `When the provider's ${label} restored from the snapshot store was fetched.`, ["provider"],
        stored.filter(([, stats]) => stats.persistence.restoredFrom !== null).map(([name, stats]) => [[name], stats.persistence.restoredFrom / 1000])),
      family(`edgejwt_${document}_snapshot_saves_total`, "counter", `Snapshots of the provider's ${label} written to the snapshot store.`, ["provider"],
        stored.map(([name, stats]) => [[name], stats.persistence.saves])),
      family(`edgejwt_${document}_snapshot_failures_total`, "counter", `Reads and writes of the snapshot store that failed for the provider's ${label}.`, ["provider"],
        stored.map(([name, stats]) => [[name], stats.persistence.failures])),
    );
  }
  return families;
}

function familyText({ name, type, help, labelNames, samples }) {
  let text = `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n`;
  for (const [labels, value] of samples) {
    const pairs = labelNames.map((label, index) => `${label}="${escaped(labels[index])}"`);
    text += `${name}${pairs.length ? `{${pairs.join(",")}}` : ""} ${value}\n`;
  }
  return text;
}

// Label values: "\" , '"' and newlines escaped (the exposition format's three).
function escaped(value) {
  return String(value).replace(/[\\"\n]/g, (character) => (character === "\n" ? "\\n" : `\\${character}`));
}
