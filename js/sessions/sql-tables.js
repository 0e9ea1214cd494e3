// One subject's session tables in SQLite: a Durable Object's storage.sql (durable-object.js).
// The interface is described in ledger.js; each Durable Object holds one subject's rows, and
// records which subject on its first write so a misrouted call is refused, never mixed in.
import { JOSEInvalidArgument } from "../errors.js";

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subject (sub TEXT NOT NULL, revoked_before REAL);
CREATE TABLE IF NOT EXISTS families (
  family_id TEXT PRIMARY KEY, created_at REAL NOT NULL, expires_at REAL NOT NULL, ends_at REAL NOT NULL,
  revoked_at REAL, claims TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS families_by_end ON families (ends_at);
CREATE TABLE IF NOT EXISTS refresh_tokens (
  jti TEXT PRIMARY KEY, family_id TEXT NOT NULL, iat REAL NOT NULL, exp REAL NOT NULL,
  access_jti TEXT NOT NULL, access_exp REAL NOT NULL, used_at REAL, successor_jti TEXT);
CREATE INDEX IF NOT EXISTS refresh_tokens_by_exp ON refresh_tokens (exp);
CREATE TABLE IF NOT EXISTS revoked_jtis (jti TEXT PRIMARY KEY, exp REAL NOT NULL);
CREATE INDEX IF NOT EXISTS revoked_jtis_by_exp ON revoked_jtis (exp);
`;

const FAMILY = `SELECT family_id AS familyId, created_at AS createdAt, expires_at AS expiresAt, ends_at AS endsAt,
  revoked_at AS revokedAt, claims FROM families`;
const TOKEN = `SELECT jti, family_id AS familyId, iat, exp, access_jti AS accessJti, access_exp AS accessExp,
  used_at AS usedAt, successor_jti AS successorJti FROM refresh_tokens`;

export class SqlTables {
  // `sql`: a SQLite-backed Durable Object's ctx.storage.sql.
  constructor(sql) {
    this.sql = sql;
    sql.exec(SCHEMA);
  }

  // These tables, for `sub`. The first write names the object's subject.
  of(sub, writing) {
    const row = this.#one("SELECT sub FROM subject");
    if (row === null && writing) this.sql.exec("INSERT INTO subject (sub, revoked_before) VALUES (?, NULL)", sub);
    if (row !== null && row.sub !== sub) throw new JOSEInvalidArgument("this session store object serves another subject");
    return this;
  }

  family(familyId) { return this.#one(`${FAMILY} WHERE family_id = ?`, familyId); }
  token(jti) { return this.#one(`${TOKEN} WHERE jti = ?`, jti); }

  insertFamily({ familyId, createdAt, expiresAt, endsAt, revokedAt, claims }) {
    this.sql.exec("INSERT INTO families VALUES (?, ?, ?, ?, ?, ?)", familyId, createdAt, expiresAt, endsAt, revokedAt, claims);
  }

  insertToken({ jti, familyId, iat, exp, accessJti, accessExp, usedAt, successorJti }) {
    this.sql.exec("INSERT INTO refresh_tokens VALUES (?, ?, ?, ?, ?, ?, ?, ?)", jti, familyId, iat, exp, accessJti, accessExp, usedAt, successorJti);
  }

  markUsed(jti, usedAt, successorJti) {
    this.sql.exec("UPDATE refresh_tokens SET used_at = ?, successor_jti = ? WHERE jti = ?", usedAt, successorJti, jti);
  }

  extendFamily(familyId, endsAt) {
    this.sql.exec("UPDATE families SET ends_at = MAX(ends_at, ?) WHERE family_id = ?", endsAt, familyId);
  }

  revokeFamily(familyId, revokedAt) {
    this.sql.exec("UPDATE families SET revoked_at = ? WHERE family_id = ?", revokedAt, familyId);
  }

  revokeFamiliesCreatedBy(before, revokedAt) {
    return this.sql.exec("UPDATE families SET revoked_at = ? WHERE revoked_at IS NULL AND created_at <= ?", revokedAt, before).rowsWritten;
  }

  isJtiRevoked(jti) { return this.#one("SELECT 1 AS revoked FROM revoked_jtis WHERE jti = ?", jti) !== null; }

  revokeJti(jti, exp) {
    this.sql.exec("INSERT INTO revoked_jtis VALUES (?, ?) ON CONFLICT (jti) DO UPDATE SET exp = MAX(exp, excluded.exp)", jti, exp);
  }

  revokedBefore() { return this.#one("SELECT revoked_before AS before FROM subject")?.before ?? null; }
  setRevokedBefore(time) { this.sql.exec("UPDATE subject SET revoked_before = ?", time); }

  stats() {
    return this.#one(`SELECT
      (SELECT COUNT(*) FROM families) AS families,
      (SELECT COUNT(*) FROM families WHERE revoked_at IS NOT NULL) AS revokedFamilies,
      (SELECT COUNT(*) FROM refresh_tokens) AS refreshTokens,
      (SELECT COUNT(*) FROM revoked_jtis) AS revokedJtis,
      (SELECT revoked_before FROM subject) AS revokedBefore`);
  }

  deleteExpired(now) {
    this.sql.exec("DELETE FROM families WHERE ends_at <= ?", now);
    this.sql.exec("DELETE FROM refresh_tokens WHERE exp <= ?", now);
    this.sql.exec("DELETE FROM revoked_jtis WHERE exp <= ?", now);
  }

  nextExpiry() {
    return this.#one(`SELECT MIN(next) AS next FROM (
      SELECT MIN(ends_at) AS next FROM families UNION ALL
      SELECT MIN(exp) FROM refresh_tokens UNION ALL
      SELECT MIN(exp) FROM revoked_jtis)`).next;
  }

  #one(query, ...bindings) {
    return this.sql.exec(query, ...bindings).toArray()[0] ?? null;
  }
}
