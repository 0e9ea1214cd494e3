// Raw HMAC secrets (a Uint8Array passed where a key goes, as jose users do) imported once and found
// again by the array's identity plus a comparison of its bytes with a copy taken at import: the
// caller may change the array between calls, and a different secret is then imported as a new Key
// (with a new identity), never taken for the remembered one. Bounded: past `capacity` arrays the
// oldest is freed (its Key released, its copy wiped), so fresh arrays per call cost what an import
// per call did and hold no more.
const CAPACITY = 64;

export class SecretKeys {
  // `importSecret(bytes)` makes a Key of a private copy of the bytes.
  constructor(importSecret, capacity = CAPACITY) {
    this.importSecret = importSecret;
    this.capacity = capacity;
    this.byArray = new Map(); // Uint8Array -> { copy, key }, oldest first
  }

  keyFor(bytes) {
    const entry = this.byArray.get(bytes);
    if (entry !== undefined) {
      if (sameBytes(entry.copy, bytes)) return entry.key;
      this.forget(bytes, entry);
    }
    const copy = bytes.slice();
    const key = this.importSecret(copy);
    if (this.byArray.size >= this.capacity) {
      const [oldest, oldestEntry] = this.byArray.entries().next().value;
      this.forget(oldest, oldestEntry);
    }
    this.byArray.set(bytes, { copy, key });
    return key;
  }

  forget(bytes, { copy, key }) {
    this.byArray.delete(bytes);
    key.free();
    copy.fill(0);
  }
}

// Whether two byte arrays are equal, in time that depends on their length only.
function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i] ^ b[i];
  return difference === 0;
}
