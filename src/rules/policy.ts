import type { Edit, FixClass, KeepBoth, Match, Position, PositionKind, Rule, Ruleset, Site } from "../core/types.js";
import { hasDistinctTarget } from "./ruleset.js";

/**
 * The fix policy (docs/positions.md): the fix class of a match follows from the kind of its named
 * position, in this one table. Adapters say where a match sits; they never decide a class. After the
 * table, classify.ts applies what holds for every kind: another host's ID, a generated file, a file
 * that did not parse, and the rename group (src/rules/groups.ts) are never safer than this.
 */

/** What the policy needs to know about one match. */
export interface PolicyInput {
  site: Site;
  match: Match;
  rule: Rule;
  ruleset: Ruleset;
  text: string;
  /** Every match and site of the file (keep-both checks look across the file). */
  matches: Match[];
  sites: Site[];
}

export interface Decision {
  fix: FixClass;
  advice: string[];
  /** Edits that add the new ID beside the old one, instead of the rename (an unsafe fix). */
  keepBoth?: Edit[];
}

interface KindPolicy {
  /** The class, in words, for the docs table. */
  fix: string;
  /** Why, in one sentence, for the docs table. */
  reason: string;
  decide(input: PolicyInput): Decision;
}

/** The policy table, keyed by position kind. */
export const POLICY: Record<PositionKind, KindPolicy> = {
  model: {
    fix: "safe",
    reason: "The value names the model a request uses: the rename plus the thinking flags keep its behaviour.",
    decide: () => ({ fix: "safe", advice: [] }),
  },
  comparison: {
    fix: "unsafe or none",
    reason:
      "Compared against: renamed values would no longer take the branch. Unsafe when both legacy IDs have distinct targets (the branch stays consistent), else a keep-both fix where unambiguous, else none.",
    decide: decideKeyOrComparison,
  },
  key: {
    fix: "unsafe or none",
    reason:
      "A dict, map or object key that values are looked up by: as for comparisons, unsafe with distinct targets, else keep-both where unambiguous, else none.",
    decide: decideKeyOrComparison,
  },
  response: {
    fix: "none",
    reason: "Part of a recorded response: history, not a request.",
    decide: ({ site }) => ({ fix: "none", advice: site.advice ? [] : ["Part of a recorded response: history, not a request; left as is."] }),
  },
  output: {
    fix: "none",
    reason: "A notebook output: written by running the cell, never edited.",
    decide: () => ({ fix: "none", advice: ["Notebook output: never edited; re-run the cell after migrating."] }),
  },
  collection: {
    fix: "safe or unsafe",
    reason:
      "A member of a list, set, tuple, union or enum: safe under a model-named name when the rename puts no ID in it twice, else unsafe (often a capability table, where the new IDs belong beside the old ones).",
    decide: decideCollection,
  },
  doc: {
    fix: "unsafe",
    reason: "Documentation: the wording around the ID needs a reader.",
    decide: () => ({ fix: "unsafe", advice: ["Documentation: review the wording around the new ID."] }),
  },
  comment: {
    fix: "unsafe",
    reason: "A comment or docstring: the wording needs a reader.",
    decide: () => ({ fix: "unsafe", advice: ["A comment: review the wording."] }),
  },
  other: {
    fix: "unsafe",
    reason: "Not a known model position (a string with other text, a JSX attribute, an unparsed file): review before renaming.",
    decide: () => ({ fix: "unsafe", advice: ["Not a known model position: review before renaming."] }),
  },
};

/** Positions decided outside every adapter. */
export const CORE_POSITIONS: readonly Position[] = [
  {
    id: "core/unclassified",
    kind: "other",
    label: "value",
    summary: "A match the file's adapter did not place (every match is reported, even then).",
    example: 'LLM = "deepseek-chat"  (in a file kind read only lexically, outside any recognised construct)',
  },
  {
    id: "core/unparsed",
    kind: "other",
    label: "value",
    summary: "A match in a file that did not parse: matched lexically, never safe.",
    example: 'model = "deepseek-chat"  (in a Python file with a syntax error)',
  },
  {
    id: "core/retired-alias",
    kind: "other",
    label: "retired alias",
    summary: "A retired ID the API still serves as an alias of its target: reported (info) wherever it sits, never renamed; adapters do not place it.",
    example: 'model = "deepseek-v4-flash"  (still served as deepseek-flash; renamed only with --to latest)',
  },
];

export function decide(input: PolicyInput): Decision {
  return POLICY[input.site.kind].decide(input);
}

function decideKeyOrComparison(input: PolicyInput): Decision {
  const { site, match: m, rule } = input;
  if (hasDistinctTarget(input.ruleset, m.legacyId))
    return { fix: "unsafe", advice: [`Renaming keeps this ${site.kind === "key" ? "key" : "comparison"} consistent with renamed values; review it.`] };
  const why = keepBothBlocked(input);
  if (site.keepBoth && !why && !m.thirdParty)
    // Keep both: the new ID beside the old (docs/groups.md). A reviewed fix: a table gains an entry.
    return { fix: "unsafe", keepBoth: site.keepBoth.edits, advice: [KEEP_BOTH_DONE[site.keepBoth.shape](rule.target)] };
  return { fix: "none", advice: [keepBothAdvice(input, rule.target, why)] };
}

function decideCollection({ site, rule, ruleset }: PolicyInput): Decision {
  const members = site.members ?? [];
  const renamed = members.map((x) => renameMember(x, ruleset));
  const dup = new Set(renamed).size < new Set(members).size;
  if (site.modelNamed && !dup) return { fix: "safe", advice: [] };
  return {
    fix: "unsafe",
    advice: [
      dup
        ? `Renaming would put ${rule.target} in this collection twice; where it lists what a library supports, add the new IDs next to the old ones.`
        : "A collection of model IDs, often a capability table: where it lists what a library supports, add the new IDs next to the old ones.",
    ],
  };
}

/** What a keep-both fix does, by shape. */
const KEEP_BOTH_DONE: Record<KeepBoth["shape"], (target: string) => string> = {
  entry: (t) => `Keep both: adds a ${t} entry with the same value beside this one (what maintainers do), so renamed values still find their entry and old data still works; review it (the table gains an entry).`,
  item: (t) => `Keep both: adds ${t} beside this member, so the test holds for renamed values too; review it (the list gains a member).`,
  label: (t) => `Keep both: adds ${t} as a second label of this case, so renamed values still take this branch; review it.`,
  comparison: (t) => `Keep both: extends the comparison to accept ${t} too, so renamed values still take this branch; review it.`,
};

/** Before a comparison's value on its line: an assertion (`assert m == "…"`, `m shouldBe "…"`, `assertEquals("…", m)`). */
const ASSERTION = /\b(?:assert\w*|expect|should(?:Not)?(?:Be|Equal|Contain|StartWith|EndWith|Match)|must(?:Be|Equal)|isEqualTo|toBe|toEqual)\b/;

/** The advice of a key or comparison that keeps the old ID with no fix. */
function keepBothAdvice(input: PolicyInput, target: string, why: string | undefined): string {
  const { site, match: m, text } = input;
  if (site.kind === "comparison" && ASSERTION.test(text.slice(text.lastIndexOf("\n", m.start - 1) + 1, m.start)))
    return `An assertion: it checks the value the code under test gives; where that code's ID is renamed, expect ${target} here too${why ? ` (${why})` : ""}.`;
  const how =
    site.kind === "key"
      ? `Add ${target} beside the old ID by hand (an entry with the value it should use), so renamed values find an entry and old data still works`
      : `Extend the comparison by hand to accept ${target} too where the branch should hold for it`;
  return `${how}${why ? `: ${why}` : ""}.`;
}

/**
 * Why the keep-both edits of a site would be ambiguous, or undefined: the table, list or branch
 * chain already holds the new ID, or another legacy ID there becomes the same new ID (two old keys
 * cannot both gain one new key; two branches cannot both take it). Comparisons are checked across
 * the file: a value of the other ID elsewhere in the file would reach this entry or branch too.
 */
function keepBothBlocked(input: PolicyInput): string | undefined {
  const { site, match: m } = input;
  const rule = input.ruleset.byId.get(m.legacyId)!;
  const [from, to] = site.keepBoth?.scope ?? [m.start, m.end];
  if (hasToken(input.text.slice(from, to), rule.target)) return `it already has ${rule.target}`;
  const facts = fileFacts(input);
  // The new ID already used elsewhere in the file would reach this entry or branch too.
  if (facts.usesTarget(rule.target)) return `this file already uses ${rule.target} elsewhere, so decide by hand`;
  const others = facts.othersOf(m.legacyId);
  if (others.length === 0) return undefined;
  // Members of one membership list share the test: the new ID is added once for all of them.
  if (site.keepBoth?.shape !== "item") {
    let lo = 0;
    let hi = others.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (others[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    if (lo < others.length && others[lo]!.end <= to) return `another legacy ID here also becomes ${rule.target}, so decide which one it takes`;
  }
  // A value of the other ID elsewhere in the file becomes the new ID too and would then find this
  // entry or take this branch.
  if (others[0]!.start < from || others[others.length - 1]!.end > to)
    return `this file also uses another legacy ID that becomes ${rule.target}, whose values would then ${site.kind === "key" ? "find this entry" : "take this branch"} too: decide which the new ID takes`;
  return undefined;
}

interface FileFacts {
  usesTarget(target: string): boolean;
  /** The matches (not in prose, not another host's) of the other legacy IDs with this ID's target, in order. */
  othersOf(legacyId: string): Match[];
}

const FACTS = new WeakMap<Match[], FileFacts>();

/** What keep-both checks need of the whole file, computed once per file (a file may hold thousands of keys). */
function fileFacts(input: PolicyInput): FileFacts {
  let f = FACTS.get(input.matches);
  if (f) return f;
  const targets = new Map<string, boolean>();
  const others = new Map<string, Match[]>();
  const prose = new Set(input.sites.filter((s) => s.kind === "comment" || s.kind === "doc").map((s) => s.idStart));
  const code = input.matches.filter((o) => !o.thirdParty && !prose.has(o.idStart)).sort((a, b) => a.start - b.start);
  f = {
    usesTarget: (t) => {
      let v = targets.get(t);
      if (v === undefined) targets.set(t, (v = hasToken(input.text, t)));
      return v;
    },
    othersOf: (id) => {
      let list = others.get(id);
      if (!list) {
        const target = input.ruleset.byId.get(id)?.target;
        others.set(id, (list = code.filter((o) => o.legacyId !== id && input.ruleset.byId.get(o.legacyId)?.target === target)));
      }
      return list;
    },
  };
  FACTS.set(input.matches, f);
  return f;
}

function hasToken(text: string, id: string): boolean {
  for (let i = text.indexOf(id); i >= 0; i = text.indexOf(id, i + 1)) {
    const before = text[i - 1];
    const after = text[i + id.length];
    if ((before === undefined || !/[\w.-]/.test(before)) && (after === undefined || !/[\w-]/.test(after))) return true;
  }
  return false;
}

/** A collection member after the rename of every legacy ID it names (prefix kept). */
function renameMember(member: string, ruleset: Ruleset): string {
  for (const r of ruleset.rules) {
    if (r.reportOnly) continue;
    if (member === r.legacyId) return r.target;
    const cut = member.length - r.legacyId.length - 1;
    if (member.endsWith(r.legacyId) && (member[cut] === "/" || member[cut] === ":")) return member.slice(0, cut + 1) + r.target;
  }
  return member;
}
