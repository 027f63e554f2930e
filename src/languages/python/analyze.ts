import type { Node, Tree } from "web-tree-sitter";
import type { Match, PositionKind, Ruleset, Site } from "../../core/types.js";
import { detectOtherHost, scopedSite } from "../../rules/hosts.js";
import { markEntryCollisions } from "../shared/entry-collisions.js";
import { markConstantCollisions } from "../shared/constant-collisions.js";
import { PyFile, type PyLayout } from "./file.js";
import { hostScope } from "./hosts.js";
import { same } from "./nodes.js";
import * as P from "./positions.js";
import { siteOf } from "./site.js";

export type { PyLayout } from "./file.js";

/**
 * Python position analysis (docs/positions.md, docs/contract.md §5) on a tree-sitter tree. For
 * every match the adapter finds the syntax around it by climbing a bounded number of ancestors
 * (never the whole depth: deep nesting costs nothing), names its position (python/site.ts, the
 * matchers in order), and for recognized requests computes the thinking-flag edits
 * (python/flags.ts). It never decides fix classes (src/rules/policy.ts does).
 */

export interface PyAnalysis {
  sites: Site[];
  parseError?: string;
}

/** The first syntax error of a tree, as "line N: …", or undefined when it parsed cleanly. */
export function syntaxError(tree: Tree): string | undefined {
  let node: Node | null = tree.rootNode;
  if (!node.hasError) return undefined;
  // Descend iteratively into the first child that contains an error.
  for (let guard = 0; node && guard < 100_000; guard++) {
    if (node.isError || node.isMissing) break;
    let next: Node | null = null;
    for (let i = 0; i < node.childCount; i++) {
      const c = node.child(i);
      if (c && (c.hasError || c.isError || c.isMissing)) {
        next = c;
        break;
      }
    }
    if (!next) break;
    node = next;
  }
  const line = (node?.startPosition.row ?? 0) + 1;
  return node?.isMissing ? `syntax error at line ${line}: missing "${node.type}"` : `syntax error at line ${line}`;
}

export function analyzePython(code: string, tree: Tree, matches: Match[], ruleset: Ruleset, layout: PyLayout = {}): PyAnalysis {
  const parseError = syntaxError(tree);
  if (parseError) return { sites: [], parseError };
  const f = new PyFile(code, tree.rootNode, ruleset, layout, matches);
  // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
  const scoping = detectOtherHost(code) !== undefined;
  const sites = matches.map((m) => (scoping ? { ...siteOf(f, m), ...scopedSite(hostScope(f, m)) } : siteOf(f, m)));
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  markEntryCollisions(sites, matches, ruleset, (site) => {
    const m = byStart.get(site.idStart);
    const list = m && entryListOf(tree.rootNode, m);
    return list && { key: list.id, text: code.slice(list.startIndex, list.endIndex) };
  }, P.ENTRY_COLLISION);
  // A dict that files IDs under categories (`{"chat": ["deepseek-chat"], "reasoner": ["deepseek-reasoner"]}`):
  // the rename would file the new ID under two of them.
  markEntryCollisions(sites, matches, ruleset, (site) => {
    const m = byStart.get(site.idStart);
    const dict = m && categoryDictOf(tree.rootNode, m);
    return dict && { key: dict.id, text: code.slice(dict.startIndex, dict.endIndex) };
  }, P.CATEGORY_COLLISION, COLLECTIONS);
  markConstantCollisions(sites, matches, ruleset, code, {
    declared: DECLARED,
    position: P.CONSTANT_COLLISION,
    usedApart: (name, skip) => usedApart(tree.rootNode, code, name, skip),
  });
  return { sites };
}

const COLLECTIONS: ReadonlySet<PositionKind> = new Set(["collection"]);

/**
 * The dict display whose value (a list, tuple or set) holds the string at the match as a member:
 * `{"chat": ["deepseek-chat", …], "reasoner": ["deepseek-reasoner"]}`.
 */
function categoryDictOf(root: Node, m: Match): Node | undefined {
  let cur: Node | null = root.descendantForIndex(m.idStart, m.end);
  while (cur && cur.type !== "string") cur = cur.parent;
  const seq = cur?.parent;
  if (!seq || (seq.type !== "list" && seq.type !== "tuple" && seq.type !== "set")) return undefined;
  const pair = seq.parent;
  if (pair?.type !== "pair" || !same(pair.childForFieldName("value"), seq)) return undefined;
  return pair.parent?.type === "dictionary" ? pair.parent : undefined;
}

/** The value of a named assignment: a constant that may be told apart from another. */
const DECLARED: ReadonlySet<string> = new Set([P.MODEL_ASSIGNMENT]);

/**
 * How the module tells the name apart from others (outside the lines in `skip`, their starts): a dict
 * display's key (`{NAME: …}`), a stored subscript key (`table[NAME] = …`), a comparison operand
 * (`m == NAME`), a `case` value pattern (`case cfg.NAME:`). `NAME` may be an attribute's last part.
 */
function usedApart(root: Node, code: string, name: string, skip: Set<number>): string | undefined {
  const re = new RegExp(`(?<![\\p{L}\\p{N}_])${name}(?![\\p{L}\\p{N}_])`, "gu");
  for (const m of code.matchAll(re)) {
    const start = m.index!;
    if (skip.has(code.lastIndexOf("\n", start - 1) + 1)) continue;
    let node: Node | null = root.descendantForIndex(start, start + name.length);
    if (!node || node.type !== "identifier" || node.startIndex !== start) continue;
    const up: Node | null = node.parent;
    if (up?.type === "attribute" && same(up.childForFieldName("attribute"), node)) node = up;
    const p: Node | null = node.parent;
    if (!p) continue;
    if (p.type === "pair" && same(p.childForFieldName("key"), node)) return "a key";
    if (p.type === "comparison_operator") return "a comparison with";
    if (p.type === "subscript" && p.parent?.type === "assignment" && same(p.parent.childForFieldName("left"), p)) return "a key";
    for (let a: Node | null = p, i = 0; a && i < 4; a = a.parent, i++) if (a.type === "case_pattern") return "a case label";
  }
  return undefined;
}

/** The list or tuple a value is an entry of, through the dicts around it: `[{"id": "…"}, …]`. */
function entryListOf(root: Node, m: Match): Node | undefined {
  let cur: Node | null = root.descendantForIndex(m.idStart, m.end);
  while (cur && cur.type !== "string") cur = cur.parent;
  for (let guard = 0; cur && guard < 16; guard++) {
    const p: Node | null = cur.parent;
    if (!p) return undefined;
    if (p.type === "parenthesized_expression") cur = p;
    else if (p.type === "pair" && same(p.childForFieldName("value"), cur)) cur = p.parent;
    else if (cur.type === "dictionary" && (p.type === "list" || p.type === "tuple")) return p;
    else return undefined;
  }
  return undefined;
}
