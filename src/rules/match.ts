import { isModelName } from "../knowledge/naming.js";
import type { Match, Ruleset } from "../core/types.js";

const TOKEN = /[A-Za-z0-9_-]/;
const ALNUM = /[A-Za-z0-9]/;
const SEGMENT = /[A-Za-z0-9_.-]/;

/**
 * Whole-token occurrences of every legacy ID (docs/contract.md §3): case-sensitive, not preceded by
 * [A-Za-z0-9_-], not followed by [A-Za-z0-9_-] or by "." plus an alphanumeric. The "-" of a shell
 * parameter default ("${NAME:-deepseek-chat}") is a boundary.
 * A "/" or ":" before the ID starts a provider prefix, read backwards segment by segment; a prefix
 * that reaches a "." or ".." segment is a relative path instead ("./models/deepseek-chat": a module
 * or a file named after the ID), with no prefix.
 */
export function findMatches(text: string, ruleset: Ruleset): Match[] {
  const out: Match[] = [];
  for (const rule of ruleset.rules) {
    const id = rule.legacyId;
    let from = 0;
    for (;;) {
      const at = text.indexOf(id, from);
      if (at < 0) break;
      from = at + 1;
      const before = at > 0 ? text[at - 1]! : "";
      const end = at + id.length;
      const after = text[end] ?? "";
      if (before && TOKEN.test(before) && !isShellDefault(text, at)) continue;
      if (after && TOKEN.test(after)) continue;
      if (after === "." && ALNUM.test(text[end + 1] ?? "")) continue;
      const { prefix, thirdParty, path } = readPrefix(text, at, rule.providers ?? OWN_PROVIDERS);
      out.push({ start: at - prefix.length, idStart: at, end, legacyId: id, prefix, thirdParty, ...(path ? { path } : {}) });
    }
  }
  out.sort((a, b) => a.idStart - b.idStart);
  return out;
}

/**
 * A "-" that opens a shell/compose parameter default is a boundary, not part of a token:
 * "${NAME:-deepseek-chat}" and "${NAME-deepseek-chat}".
 */
function isShellDefault(text: string, at: number): boolean {
  if (text[at - 1] !== "-") return false;
  let p = at - 2;
  if (text[p] === ":") p--;
  const nameEnd = p + 1;
  while (p >= 0 && /[A-Za-z0-9_]/.test(text[p]!)) p--;
  return p < nameEnd - 1 && text[p] === "{" && text[p - 1] === "$";
}

/** Segments that are never a provider: URL schemes and hosts, placeholder keys. */
function isProviderSegment(seg: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(seg);
}

/** The provider prefix of a rule without its own list: DeepSeek's API. */
const OWN_PROVIDERS = ["deepseek"];

function readPrefix(text: string, idStart: number, own: string[]): { prefix: string; thirdParty: boolean; path?: boolean } {
  let pos = idStart;
  const segments: { name: string; sep: string }[] = [];
  while (pos > 0) {
    const sep = text[pos - 1]!;
    if (sep !== "/" && sep !== ":") break;
    let s = pos - 1;
    while (s > 0 && SEGMENT.test(text[s - 1]!)) s--;
    const name = text.slice(s, pos - 1);
    if (!name) break;
    if (sep === "/" && (name === "." || name === "..")) return { prefix: "", thirdParty: false, path: true };
    // "${…model:deepseek-chat}" is a placeholder default, "https://host/" a URL: not providers.
    if (sep === ":" && (isModelName(name) || !isProviderSegment(name))) break;
    if (text[s - 1] === "/" && text[s - 2] === "/") break; // "//host/" (URL)
    if (text.slice(s - 1, s) === "$" || text.slice(s - 2, s) === "${") break;
    segments.unshift({ name, sep });
    pos = s;
  }
  const prefix = segments.map((g) => g.name + g.sep).join("");
  const thirdParty = segments.some((g) => !own.includes(g.name.toLowerCase()));
  return { prefix, thirdParty };
}
