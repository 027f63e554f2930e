import type { Match, Ruleset, Site } from "../../core/types.js";

/**
 * Named constants that a rename would make equal while the file tells them apart (docs/contract.md
 * §4, model values): `CHAT = "deepseek-chat"` and `REASONER = "deepseek-reasoner"` both become
 * deepseek-v4-flash, and so does `CHAT` beside an existing `FLASH = "deepseek-v4-flash"`. Alone each
 * is a model value; but where the file uses the names as keys of one map, as `case` labels of one
 * switch or in comparisons, the two constants were there to be told apart: after the rename a Go map
 * literal or a Java switch holds a duplicate key or label (a compile error), a Python dict keeps one
 * entry and a branch is never taken. Such values are placed at `position` (kind "other": a reviewed
 * fix) with advice. Per file: constants of one Go package in other files are not read.
 */
export function markConstantCollisions(sites: Site[], matches: Match[], ruleset: Ruleset, text: string, opts: CollisionOptions): void {
  const { declared, position } = opts;
  const usedApart = opts.usedApart ?? ((name: string, skip: Set<number>) => distinguishingUse(text, name, skip, opts.inCode, opts.bareKeys));
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  // The constants of each value after the rename: legacy ones (a site) and ones that already hold it.
  const byValue = new Map<string, Constant[]>();
  const add = (c: Constant) => {
    const list = byValue.get(c.renamed) ?? [];
    list.push(c);
    byValue.set(c.renamed, list);
  };
  sites.forEach((site, i) => {
    if (site.kind !== "model" || site.position === undefined || !declared.has(site.position)) return;
    const m = byStart.get(site.idStart);
    const rule = m && ruleset.byId.get(m.legacyId);
    if (!m || !rule || rule.reportOnly) return;
    const decl = declaration(text, m.start, m.end);
    if (decl) add({ ...decl, value: m.prefix + m.legacyId, renamed: m.prefix + rule.target, site: i });
  });
  if (byValue.size === 0) return;
  for (const [renamed, list] of byValue) {
    for (const at of quotedAt(text, renamed)) {
      const decl = declaration(text, at, at + renamed.length);
      if (decl && !list.some((c) => c.lineStart === decl.lineStart)) list.push({ ...decl, value: renamed, renamed });
    }
  }
  for (const [renamed, list] of byValue) {
    if (new Set(list.map((c) => c.value)).size < 2) continue;
    const skip = new Set(list.map((c) => c.lineStart));
    const names = [...new Set(list.flatMap((c) => c.names))];
    const used = names.map((n) => ({ n, how: usedApart(n, skip) })).find((u) => u.how) ?? oneNamedType(list);
    if (!used) continue;
    for (const c of list) {
      if (c.site === undefined) continue;
      const others = list.filter((o) => o !== c).map((o) => o.names[0]!);
      sites[c.site] = {
        ...sites[c.site]!,
        kind: "other",
        position,
        advice: `The rename makes ${c.names[0]} equal to ${others.join(", ")} (${renamed}), and this file tells them apart (${used.how} ${used.n}): a map keyed by them would hold one key twice (a compile error in Go and Java, a lost entry elsewhere) and a switch or comparison would never take one of their branches. Decide by hand which constant takes ${renamed} and retire the other with its entries and branches.`,
      };
    }
  }
}

export interface CollisionOptions {
  /** The positions of a named assignment's value (`NAME = "…"`). */
  declared: ReadonlySet<string>;
  /** The position such a value gets. */
  position: string;
  /**
   * How the file tells the constant `name` apart from others outside the lines in `skip` (their
   * starts): "a key", "a case label", "a comparison with"; undefined when it does not. Default: the
   * text's own (distinguishingUse), where `inCode` says which offsets are code (not a comment or string).
   */
  usedApart?: (name: string, skip: Set<number>) => string | undefined;
  inCode?: (pos: number) => boolean;
  /**
   * Whether a bare name before `:` inside braces is a key of the map (Go's `Name: {…}`): false for
   * JavaScript and TypeScript, where `{ model: … }` names a property, not the constant `model` (a
   * key there is computed: `[MODEL]: …`).
   */
  bareKeys?: boolean;
}

interface Constant {
  /** The names the declaration binds (a type name may be among them: `DeepSeekChat ModelID = …`). */
  names: string[];
  lineStart: number;
  /** The value before and after the rename (prefix included). */
  value: string;
  renamed: string;
  /** The index of its site, for a legacy constant. */
  site?: number;
}

/**
 * Go's enum idiom: constants declared with one named type (`ModelChat DeepseekModel = "…"`,
 * `ModelReasoner DeepseekModel = "…"`) are that type's values, there to be told apart wherever the
 * type is used (a `switch` over them, an `if m == domain.ModelChat` in another package: a duplicate
 * case, a branch never taken). Only where every constant of the list names the same type.
 */
function oneNamedType(list: Constant[]): { n: string; how: string } | undefined {
  const types = new Set(list.map((c) => (c.names.length === 2 ? c.names[1]! : "")));
  const [type] = types;
  if (types.size !== 1 || !type || !/^[A-Z]/.test(type) || !/^[A-Z]/.test(list[0]!.names[0]!)) return undefined;
  return { n: type, how: "declares them as values of the type" };
}

/** Words of a declaration's left side that are no names: keywords, modifiers, common type names. */
const NOT_NAMES = new Set(
  "self this cls pub const let var val static final public private protected internal export readonly string String str int def fun open override lateinit mut ref readonly declare abstract sealed inline extern define".split(" "),
);

/**
 * The names a whole quoted value at [start, end) is declared under: `NAME = "…"`, `NAME := "…"`,
 * `const NAME: &str = "…"`, `public static final String NAME = "…"`, `Name Type = "…"` (Go, in a
 * `const (…)` block). Undefined when the value is no such declaration's whole value.
 */
function declaration(text: string, start: number, end: number): { names: string[]; lineStart: number } | undefined {
  const q = text[start - 1];
  if ((q !== '"' && q !== "'" && q !== "`") || text[end] !== q) return undefined;
  const lineStart = text.lastIndexOf("\n", start - 2) + 1;
  const head = text.slice(lineStart, start - 1);
  const op = /^(.*?[^=!<>:+\-*/%&|^])\s*:?=\s*$/.exec(head);
  if (!op) return undefined;
  let lhs = op[1]!;
  const colon = lhs.indexOf(":");
  if (colon >= 0) lhs = lhs.slice(0, colon);
  if (/[()[\]{},;"'`]/.test(lhs)) return undefined;
  const names = (lhs.match(/[A-Za-z_$][\w$]*/g) ?? []).filter((w) => !NOT_NAMES.has(w));
  // One name (`final String NAME`), or Go's `Name Type` (both kept: the name comes first).
  if (names.length === 0 || names.length > 2) return undefined;
  return { names, lineStart };
}

/** Where `value` stands as a whole quoted string in the text (its first character). */
function quotedAt(text: string, value: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf(value); i >= 0; i = text.indexOf(value, i + 1)) {
    const q = text[i - 1];
    if ((q === '"' || q === "'" || q === "`") && text[i + value.length] === q) out.push(i);
  }
  return out;
}

/**
 * How the text tells the constant `name` apart from others, outside the declarations (`skip`: their
 * line starts): a key of a map literal (`Name: {`, `[NAME]:`, `NAME =>`, `NAME to`), a stored key
 * (`m[NAME] = …`, `.put(NAME, …)`), a `case` label or match arm, or a comparison.
 */
export function distinguishingUse(text: string, name: string, skip: Set<number>, inCode: (pos: number) => boolean = () => true, bareKeys = true): string | undefined {
  const esc = name.replace(/\$/g, "\\$");
  const n = `(?:[A-Za-z_$][\\w$]*\\.)*${esc}(?![\\w$])`;
  const bare = new RegExp(`(?<![\\w$])${esc}(?![\\w$])`);
  const uses: [string, RegExp][] = [
    ["a case label", new RegExp(`\\bcase\\b[^:\\n]*?(?<![\\w$.])${n}`, "g")],
    ...(bareKeys ? ([["a key or match arm", new RegExp(`(?:^|[{,(])[ \\t]*(?<![\\w$.])${n}[ \\t]*(?::(?![:=])|=>|->)`, "gm")]] as [string, RegExp][]) : []),
    ["a key", new RegExp(`\\[[ \\t]*(?<![\\w$.])${n}[ \\t]*\\][ \\t]*(?::(?!:)|=(?!=))`, "g")],
    ["a key", new RegExp(`(?<![\\w$.])${n}[ \\t]+to\\b`, "g")],
    ["a key", new RegExp(`\\.put\\([ \\t]*(?<![\\w$.])${n}[ \\t]*,`, "g")],
    ["a comparison with", new RegExp(`(?:[=!]==?)[ \\t]*(?<![\\w$.])${n}`, "g")],
    ["a comparison with", new RegExp(`(?<![\\w$.])${n}[ \\t]*[=!]==?(?!=)`, "g")],
    ["a comparison with", new RegExp(`\\.equals(?:IgnoreCase)?\\([ \\t]*(?<![\\w$.])${n}[ \\t]*\\)|(?<![\\w$.])${n}\\.equals(?:IgnoreCase)?\\(`, "g")],
  ];
  for (const [how, re] of uses) {
    for (const m of text.matchAll(re)) {
      const ls = text.lastIndexOf("\n", m.index! - 1) + 1;
      const at = m.index! + m[0].search(bare);
      if (!skip.has(ls) && inCode(at)) return how;
    }
  }
  return undefined;
}
