/**
 * Key matchers (docs/positions.md): the key of a map or object entry, a subscript, a Kotlin pair's
 * key. Keys of calls (lookups, setters, pair calls) are in calls.ts.
 */
import { at, P } from "./positions.js";
import type { Matcher } from "./context.js";

/** `"…": 0.27`, `"…" => 0.27` (outside a match): an entry's key. */
export const entryKey: Matcher = (v) => {
  const { after, pre } = v;
  if (v.arm() === "key" || (after.startsWith(":") && !after.startsWith("::") && !after.startsWith(":=") && !pre.endsWith("?"))) return at(P.key);
  return undefined;
};

/** `prices["…"]`. */
export const subscript: Matcher = ({ after, pre }) => (/^\s*\]/.test(after) && pre.endsWith("[") ? at(P.subscript) : undefined);

/** Kotlin: `"…" to 0.27`. */
export const pairKey: Matcher = ({ after }) => (/^to\b/.test(after) ? at(P.pairKey) : undefined);
