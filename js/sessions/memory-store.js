// MemorySessionStore: the session store interface (docs/sessions.md) in this process's memory, for
// tests and single-process Node servers. Its state is lost when the process ends, and two
// processes do not share it: deployments with more than one use the Durable Object store.
import { JOSEInvalidArgument } from "../errors.js";
import { SessionLedger } from "./ledger.js";

export class MemorySessionStore {
  #subjects = new Map(); // sub -> SubjectTables
  #ledger = new SessionLedger((sub, writing) => this.#tablesFor(sub, writing));
  #nextCleanup = Infinity; // when the earliest row expires, in seconds

  // Each method runs the ledger in one synchronous step (atomic: nothing else runs meanwhile) and
  // answers with a promise, as a store across a network does. Expired rows are dropped by the
  // first call after they expire, by the clock of this process (as alarms do in the Durable Object).
  createFamily(args) { return this.#write("createFamily", args); }
  useRefreshToken(args) { return this.#write("useRefreshToken", args); }
  revokeFamily(args) { return this.#write("revokeFamily", args); }
  revokeJti(args) { return this.#write("revokeJti", args); }
  revokeSubject(args) { return this.#write("revokeSubject", args); }
  reasonRevoked(claims) { return this.#read("reasonRevoked", claims); }
  stats(args) { return this.#read("stats", args); }

  async #read(method, args) {
    this.#cleanUp(Date.now() / 1000);
    return this.#ledger[method](args);
  }

  async #write(method, args) {
    const result = await this.#read(method, args);
    const tables = this.#subjects.get(args.sub);
    if (tables) this.#nextCleanup = Math.min(this.#nextCleanup, tables.nextExpiry() ?? Infinity);
    return result;
  }

  #tablesFor(sub, writing) {
    let tables = this.#subjects.get(sub);
    if (!tables) {
      tables = new SubjectTables(); // a subject only read is not kept
      if (writing) this.#subjects.set(sub, tables);
    }
    return tables;
  }

  #cleanUp(now) {
    if (now < this.#nextCleanup) return;
    this.#nextCleanup = Infinity;
    for (const [sub, tables] of this.#subjects) {
      tables.deleteExpired(now);
      if (tables.isEmpty()) this.#subjects.delete(sub);
      else this.#nextCleanup = Math.min(this.#nextCleanup, tables.nextExpiry() ?? Infinity);
    }
  }
}

// One subject's tables (the interface is described in ledger.js).
class SubjectTables {
  families = new Map(); // familyId -> row
  tokens = new Map(); // jti -> row
  revokedJtis = new Map(); // jti -> exp
  before = null;

  family(familyId) { return this.families.get(familyId) ?? null; }
  token(jti) { return this.tokens.get(jti) ?? null; }
  insertFamily(row) { insertInto(this.families, row.familyId, row); }
  insertToken(row) { insertInto(this.tokens, row.jti, row); }
  markUsed(jti, usedAt, successorJti) { Object.assign(this.tokens.get(jti), { usedAt, successorJti }); }

  extendFamily(familyId, endsAt) {
    const family = this.families.get(familyId);
    family.endsAt = Math.max(family.endsAt, endsAt);
  }

  revokeFamily(familyId, revokedAt) { this.families.get(familyId).revokedAt = revokedAt; }

  revokeFamiliesCreatedBy(before, revokedAt) {
    let count = 0;
    for (const family of this.families.values()) {
      if (family.revokedAt !== null || family.createdAt > before) continue;
      family.revokedAt = revokedAt;
      count++;
    }
    return count;
  }

  isJtiRevoked(jti) { return this.revokedJtis.has(jti); }
  revokeJti(jti, exp) { this.revokedJtis.set(jti, Math.max(this.revokedJtis.get(jti) ?? 0, exp)); }
  revokedBefore() { return this.before; }
  setRevokedBefore(time) { this.before = time; }

  stats() {
    let revokedFamilies = 0;
    for (const family of this.families.values()) if (family.revokedAt !== null) revokedFamilies++;
    return {
      families: this.families.size, revokedFamilies, refreshTokens: this.tokens.size,
      revokedJtis: this.revokedJtis.size, revokedBefore: this.before,
    };
  }

  deleteExpired(now) {
    for (const [familyId, family] of this.families) if (family.endsAt <= now) this.families.delete(familyId);
    for (const [jti, token] of this.tokens) if (token.exp <= now) this.tokens.delete(jti);
    for (const [jti, exp] of this.revokedJtis) if (exp <= now) this.revokedJtis.delete(jti);
  }

  nextExpiry() {
    let next = Infinity;
    for (const family of this.families.values()) next = Math.min(next, family.endsAt);
    for (const token of this.tokens.values()) next = Math.min(next, token.exp);
    for (const exp of this.revokedJtis.values()) next = Math.min(next, exp);
    return next === Infinity ? null : next;
  }

  isEmpty() {
    return this.families.size === 0 && this.tokens.size === 0 && this.revokedJtis.size === 0 && this.before === null;
  }
}

function insertInto(map, key, row) {
  if (map.has(key)) throw new JOSEInvalidArgument(`a row keyed "${key}" exists`);
  map.set(key, { ...row });
}
