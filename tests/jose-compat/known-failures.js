// Today's disagreements with jose that the strictness table does not explain, by cause, each cause
// with the issue 14 item that removes it. The implementer empties this list, and it can only shrink:
// a scenario listed here that agrees with jose (or fails as its strictness entry says) fails the
// suite until its id is removed. An id listed applies to every build; none differs today.
// Regenerate the counts with `node tests/jose-compat/report.js` (docs/jose-compat.md).

export const CAUSES = {};

export const BY_CAUSE = {};

// id -> the cause's text (an id under two causes is a mistake the suite reports).
export const KNOWN_FAILURES = Object.fromEntries(Object.entries(BY_CAUSE).flatMap(([cause, ids]) => ids.map((id) => [id, CAUSES[cause]])));
export const KNOWN_FAILURE_COUNT = Object.values(BY_CAUSE).reduce((count, ids) => count + ids.length, 0);
