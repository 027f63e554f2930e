import type { Node, Tree } from "web-tree-sitter";
import type { Match, PositionKind, Ruleset, Site } from "../../core/types.js";
import { MODEL_NAME } from "../../knowledge/naming.js";
import { detectOtherHost, scopedSite } from "../../rules/hosts.js";
import { markEntryCollisions, type EntryList } from "../shared/entry-collisions.js";
import { markConstantCollisions } from "../shared/constant-collisions.js";
import { PyFile, type PyLayout } from "./file.js";
import { hostScope } from "./hosts.js";
import { calleeText, lastSegment, positional, same } from "./nodes.js";
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
  const catalogue = new CatalogueCalls(tree.rootNode);
  markEntryCollisions(sites, matches, ruleset, (site) => {
    const m = byStart.get(site.idStart);
    const entry = m && entryOf(tree.rootNode, m);
    if (entry?.type === "list" || entry?.type === "tuple") return { key: entry.id, text: code.slice(entry.startIndex, entry.endIndex) };
    return entry && !FACTORIES.has(site.position ?? "") ? catalogue.of(entry) : undefined;
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

/** A model factory's argument makes a client, not a catalogue entry. */
const FACTORIES: ReadonlySet<string> = new Set([P.FACTORY_ARGUMENT, P.FACTORY_KEYWORD, P.PROVIDER_EXPORT_KEYWORD]);

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

/**
 * What a model value is an entry of: the list or tuple it is an entry of through the dicts or calls
 * around it (`[{"id": "…"}, …]`, `[ModelMetadata(model="…"), …]`), or else the call whose first
 * argument or model keyword it is (`ModelInfo("…", …)`, a catalogue entry when declared at module
 * level, see CatalogueCalls).
 */
function entryOf(root: Node, m: Match): Node | undefined {
  let cur: Node | null = root.descendantForIndex(m.idStart, m.end);
  while (cur && cur.type !== "string") cur = cur.parent;
  let call: Node | undefined;
  for (let guard = 0; cur && guard < 16; guard++) {
    const p: Node | null = cur.parent;
    if (!p) return call;
    if (p.type === "parenthesized_expression") cur = p;
    else if (p.type === "pair" && same(p.childForFieldName("value"), cur)) cur = p.parent;
    else if (!call && p.type === "keyword_argument" && same(p.childForFieldName("value"), cur) && MODEL_NAME.test(p.childForFieldName("name")?.text ?? "")) {
      if (p.parent?.parent?.type !== "call") return undefined;
      cur = call = p.parent.parent;
    } else if (!call && p.type === "argument_list" && p.parent?.type === "call" && same(positional(p.parent)[0], cur)) cur = call = p.parent;
    else if ((cur.type === "dictionary" || cur.type === "call") && (p.type === "list" || p.type === "tuple")) return p;
    else return call;
  }
  return call;
}

/**
 * Calls that declare the entries of a model catalogue, one per module-level assignment:
 * `deepseek_chat = ModelInfo("deepseek-chat", …)` beside `deepseek_reasoner = ModelInfo("deepseek-reasoner",
 * …)`, both registered in a manager. The callee names a model (`ModelInfo`, `ModelCard`); the calls
 * of one callee are one list, so a rename that makes two of them name the same model is seen.
 */
class CatalogueCalls {
  private byCallee?: Map<string, string[]>;
  constructor(private readonly root: Node) {}

  of(call: Node): EntryList | undefined {
    const callee = calleeText(call);
    const asg = call.parent;
    if (!MODEL_NAME.test(lastSegment(callee)) || asg?.type !== "assignment" || !same(asg.childForFieldName("right"), call)) return undefined;
    if (asg.parent?.type !== "expression_statement" || asg.parent.parent?.type !== "module") return undefined;
    const texts = this.index().get(callee) ?? [];
    return texts.length > 1 ? { key: `calls:${callee}`, text: texts.join("\n") } : undefined;
  }

  private index(): Map<string, string[]> {
    if (this.byCallee) return this.byCallee;
    this.byCallee = new Map();
    for (const st of this.root.namedChildren) {
      const right = st?.type === "expression_statement" && st.firstNamedChild?.type === "assignment" ? st.firstNamedChild.childForFieldName("right") : null;
      if (right?.type !== "call") continue;
      const callee = calleeText(right);
      this.byCallee.set(callee, [...(this.byCallee.get(callee) ?? []), right.text]);
    }
    return this.byCallee;
  }
}
