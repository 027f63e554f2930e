import type { Ruleset } from "../core/types.js";
import { adapterNameFor } from "../languages/registry.js";
import { PROSE_ADAPTERS } from "./group-links.js";

/**
 * Table keys built from a name and a legacy ID (docs/groups.md): `"deepseek-deepseek-chat": {` in a
 * model catalogue that code looks up as `METADATA.get(f"{provider}-{model}")`. The ID is not a whole
 * token there (a "-" or "_" joins it to the name), so it is no match and no finding; but renaming a
 * configuration value of that ID makes the lookup miss silently (no price, no context window).
 *
 * A key is the quoted string `"name-ID"` or `'name_ID'` followed by a colon, or the same token
 * unquoted at the start of a YAML line (`deepseek-deepseek-chat:`). The name is one alphanumeric
 * segment. Returns the first such key of each legacy ID in the text (`deepseek-deepseek-chat`), in
 * rule order.
 */
export function derivedKeys(text: string, ruleset: Ruleset): string[] {
  const out: string[] = [];
  for (const rule of ruleset.rules) {
    const id = rule.legacyId;
    for (let at = text.indexOf(id); at >= 0; at = text.indexOf(id, at + 1)) {
      const s = derivedKeyStart(text, at, id.length);
      if (s !== undefined) {
        out.push(text.slice(s, at + id.length));
        break;
      }
    }
  }
  return out;
}

/** The legacy ID a derived key is built from, among `ids`. */
export function derivedFrom(key: string, ids: Iterable<string>): string | undefined {
  for (const id of ids) if (key.length > id.length + 1 && key.endsWith(id) && /[-_]/.test(key[key.length - id.length - 1]!)) return id;
  return undefined;
}

/** Documentation and prose: what it keys is read by people, never looked up. */
export function isProseFile(rel: string): boolean {
  return PROSE_ADAPTERS.has(adapterNameFor(rel));
}

const NAME = /[A-Za-z0-9]/;

/** Where the derived key holding the ID at `at` starts, or undefined when it is none. */
function derivedKeyStart(text: string, at: number, length: number): number | undefined {
  const sep = text[at - 1];
  if (sep !== "-" && sep !== "_") return undefined;
  let s = at - 1;
  while (s > 0 && NAME.test(text[s - 1]!)) s--;
  if (s === at - 1) return undefined;
  const open = text[s - 1];
  const end = at + length;
  if (open === '"' || open === "'") return text[end] === open && /^[ \t]*:/.test(text.slice(end + 1, end + 8)) ? s : undefined;
  // An unquoted YAML key: only spaces (or a list dash) before it on its line, ": " or ":\n" after.
  if (!/^:(?:[ \t]|\r?\n|$)/.test(text.slice(end, end + 3))) return undefined;
  const lineStart = text.lastIndexOf("\n", s - 1) + 1;
  return /^[ \t]*(?:-[ \t]+)?$/.test(text.slice(lineStart, s)) ? s : undefined;
}
