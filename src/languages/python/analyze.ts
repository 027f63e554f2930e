import type { Node, Tree } from "web-tree-sitter";
import type { Match, Ruleset, Site } from "../../core/types.js";
import { detectOtherHost, scopedSite } from "../../rules/hosts.js";
import { markEntryCollisions } from "../shared/entry-collisions.js";
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
  return { sites };
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
