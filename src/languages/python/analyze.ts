import type { Node, Tree } from "web-tree-sitter";
import type { Edit, FlagFix, JsonValue, KeepBoth, Match, Rule, Ruleset, Site } from "../../core/types.js";
import {
  COLLECTION_WRAPPERS,
  COMPARISON_METHODS,
  CONFIG_GETTERS,
  DEFAULT_KEYWORDS,
  ENV_LOOKUPS,
  FACTORIES,
  KEY_LOOKUPS,
  LITERAL_WRAPPERS,
  MEMBERSHIP_METHODS,
  OPEN_TYPES,
  OPTION_ITEM,
  PROVIDER_EXPORTS,
  REQUEST_KINDS,
  type ProviderExport,
  SDK_KEYWORD_FLAGS,
  type RequestKind,
} from "./tables.js";
import { insertItems, mergeInsertions, pyLiteral, pyString, type Wrap } from "./render.js";
import { indentUnit, renameGrowth, trailingCommaStyle } from "../shared/line-width.js";
import { typedBySite } from "../shared/typed-by.js";
import { detectOtherHost, hostsNamedIn, mergeMentions, scopedSite, verdictOf, type HostMentions, type HostVerdict } from "../../rules/hosts.js";
import { insertAfterItem } from "../../fix/insert.js";
import { markEntryCollisions } from "../shared/entry-collisions.js";
import { MODEL_NAME } from "../../knowledge/naming.js";
import { isThinkingDisabled } from "../../knowledge/requests.js";
import { RESPONSE_KEYS, isResponseObjectType, looksLikeSerializedResponse } from "../../knowledge/responses.js";
import { MODEL_OPTION, MODEL_OPTION_VALUE } from "../../knowledge/naming.js";
import * as P from "./positions.js";
import { at, kindOf, type Placed } from "./positions.js";

/**
 * Python position analysis (docs/contract.md §4, §5) on a tree-sitter tree. For every match the
 * adapter finds the syntax around it by climbing a bounded number of ancestors (never the whole
 * depth: deep nesting costs nothing), says which kind of position it is, and for recognized
 * requests computes the thinking-flag edits. It never decides fix classes (src/rules/classify.ts
 * does).
 */

/** How many ancestors of a match are looked at. Every Python position needs far fewer. */
const MAX_UP = 48;
const MODEL = MODEL_NAME;

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

/** The project's line layout for a file: its configured width (docs/cli.md "Line width"). */
export interface PyLayout {
  width?: number;
}

export function analyzePython(code: string, tree: Tree, matches: Match[], ruleset: Ruleset, layout: PyLayout = {}): PyAnalysis {
  const parseError = syntaxError(tree);
  if (parseError) return { sites: [], parseError };
  const a = new Analyzer(code, tree.rootNode, ruleset, layout, matches);
  // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
  const scoping = detectOtherHost(code) !== undefined;
  const sites = matches.map((m) => (scoping ? { ...a.site(m), ...scopedSite(a.hostScope(m)) } : a.site(m)));
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  markEntryCollisions(sites, matches, ruleset, (site) => {
    const m = byStart.get(site.idStart);
    const list = m && entryListOf(tree.rootNode, m);
    return list && { key: list.id, text: code.slice(list.startIndex, list.endIndex) };
  });
  // A model value made a member of its list by the collision check is in a position of its own.
  for (const [i, site] of sites.entries())
    if (site.position !== undefined && kindOf(site.position) !== site.kind) sites[i] = { ...site, position: P.ENTRY_COLLISION };
  return { sites };
}

/** A value typed by a Literal member of another kind: the position of that kind (the catalog names it). */
function literalTyped(typed: Site, own: Site, member: Site): Site {
  if (typed === own) return typed;
  const { detail: _, ...rest } = typed;
  return { ...rest, position: P.LITERAL_TYPED.get(typed.kind) ?? member.position };
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

/**
 * Climb from a value through parentheses and the branches of conditionals / `or` defaults to the
 * expression whose position decides the value's kind: A[j]. `conditional`: the value is one of
 * several; `envDefault`: it is the `or` default of an environment lookup
 * (docs/contract.md §4, model position 3).
 */
function climbValue(A: Node[], si: number): { j: number; conditional: boolean; envDefault: boolean } {
  let j = si;
  let conditional = false;
  while (j + 1 < A.length) {
    const p = A[j + 1]!;
    if (p.type === "parenthesized_expression") {
      j++;
      continue;
    }
    if (p.type === "conditional_expression") {
      const named = p.namedChildren;
      if (same(named[0], A[j]) || same(named[named.length - 1], A[j])) {
        conditional = true;
        j++;
        continue;
      }
      break;
    }
    if (p.type === "boolean_operator") {
      // `os.environ.get("X") or "…"`
      const left = p.childForFieldName("left");
      if (same(p.childForFieldName("right"), A[j]) && left?.type === "call" && ENV_LOOKUPS.some((re) => re.test(calleeText(left))))
        return { j, conditional, envDefault: true };
      conditional = true;
      j++;
      continue;
    }
    break;
  }
  return { j, conditional, envDefault: false };
}

function same(a: Node | null | undefined, b: Node | null | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}

function ancestors(node: Node, max: number): Node[] {
  const out: Node[] = [node];
  let n: Node | null = node;
  while (out.length < max && (n = n.parent)) out.push(n);
  return out;
}

/** Named children without comments. */
function elements(node: Node): Node[] {
  return node.namedChildren.filter((c): c is Node => !!c && c.type !== "comment");
}

/** The value of a plain string literal (no f-string, no escapes, not concatenated), else undefined. */
export function stringValue(node: Node | null | undefined): string | undefined {
  if (!node || node.type !== "string") return undefined;
  const start = node.child(0);
  if (!start || /[fFtT]/.test(start.text)) return undefined;
  if (node.childCount === 2) return "";
  if (node.childCount !== 3) return undefined;
  const content = node.child(1)!;
  if (content.type !== "string_content" || content.childCount > 0) return undefined;
  return content.text;
}

/** A value that can be copied into a second table entry: a literal or a name, no call. */
function plainValue(node: Node): boolean {
  if (["string", "integer", "float", "true", "false", "none", "identifier", "attribute", "unary_operator"].includes(node.type))
    return node.type !== "string" || !/^[a-zA-Z]*[fF]/.test(node.text);
  if (["dictionary", "list", "tuple", "set"].includes(node.type))
    return node.descendantsOfType(["call", "lambda", "await", "list_comprehension", "dictionary_comprehension", "set_comprehension", "generator_expression", "interpolation"]).length === 0;
  return false;
}

/** A name that can be written twice: `model`, `self.model`, `cfg["model"]`, no call. */
function plainName(node: Node): boolean {
  return ["identifier", "attribute", "subscript"].includes(node.type) && node.descendantsOfType("call").length === 0;
}

/** The quote character of a string literal. */
function quoteOf(node: Node | null | undefined): string | undefined {
  const start = node?.type === "string" ? node.child(0)?.text : undefined;
  const q = start?.slice(-1);
  return q === "'" || q === '"' ? q : undefined;
}

function calleeText(call: Node): string {
  return (call.childForFieldName("function")?.text ?? "").replace(/\s+/g, "");
}

function lastSegment(callee: string): string {
  return callee.slice(callee.lastIndexOf(".") + 1);
}

function keyName(key: Node | null): string {
  if (!key) return "";
  return stringValue(key) ?? (key.type === "identifier" ? key.text : "");
}

function dictKeys(dict: Node): Set<string> {
  const keys = new Set<string>();
  for (const c of elements(dict)) if (c.type === "pair") keys.add(keyName(c.childForFieldName("key")));
  return keys;
}

function firstKeyQuote(dict: Node): string | undefined {
  for (const c of elements(dict)) if (c.type === "pair") return quoteOf(c.childForFieldName("key"));
  return undefined;
}

/** A dict that is a recorded response (docs/contract.md §4): it has choices or usage, or object "chat.completion…". */
function isResponse(dict: Node): boolean {
  for (const c of elements(dict)) {
    if (c.type !== "pair") continue;
    const k = keyName(c.childForFieldName("key"));
    if (RESPONSE_KEYS.includes(k ?? "")) return true;
    if (k === "object" && isResponseObjectType(stringValue(c.childForFieldName("value")))) return true;
  }
  return false;
}

/** The container's opening bracket, last element and trailing comma, for insertItems. */
function layoutOf(container: Node): { open: Node; last?: Node; comma?: Node } {
  const open = container.child(0)!;
  const els = elements(container);
  const last = els[els.length - 1];
  let comma: Node | undefined;
  if (last) {
    let s = last.nextSibling;
    while (s && s.type === "comment") s = s.nextSibling;
    if (s && s.type === ",") comma = s;
  }
  return { open, last, comma };
}

/** Expression types that must be parenthesized after `**` in a dict display. */
const LOOSE_EXPRESSIONS = new Set([
  "conditional_expression",
  "lambda",
  "boolean_operator",
  "not_operator",
  "comparison_operator",
  "named_expression",
  "yield",
]);

interface FlowResult {
  /** The bound name is used as a model somewhere (keyword model=, "model" key). */
  usedAsModel: boolean;
  flags?: FlagFix;
}

class Analyzer {
  constructor(
    readonly code: string,
    readonly root: Node,
    readonly ruleset: Ruleset,
    readonly layout: PyLayout = {},
    readonly matches: Match[] = [],
  ) {}

  site(m: Match): Site {
    const base = { idStart: m.idStart };
    const leaf = this.root.descendantForIndex(m.start, m.end);
    if (!leaf) return { ...base, ...at(P.NOT_A_STRING) };
    if (leaf.type === "comment") return { ...base, ...at(P.COMMENT) };
    const A = ancestors(leaf, MAX_UP);
    let si = -1;
    for (let i = 0; i < Math.min(3, A.length); i++)
      if (A[i]!.type === "string") {
        si = i;
        break;
      }
    if (si < 0) return { ...base, ...at(P.NOT_A_STRING) };
    const str = A[si]!;
    const parent = A[si + 1];
    // A captured stream or serialized response in a string (SSE mocks, cassette bodies) is history.
    const literal = parent?.type === "concatenated_string" ? parent : str;
    if (looksLikeSerializedResponse(literal.text)) return { ...base, ...at(P.SERIALIZED_RESPONSE) };
    const bare = (n: Node | undefined) => n?.type === "expression_statement" && n.namedChildCount === 1;
    if (bare(parent) || (parent?.type === "concatenated_string" && bare(A[si + 2])))
      return { ...base, ...at(P.DOCSTRING) };
    if (parent?.type === "concatenated_string") return { ...base, ...at(P.CONCATENATED_STRING) };
    if (/[fFtT]/.test(str.child(0)?.text ?? "")) return { ...base, ...at(P.F_STRING) };
    const content = str.childCount === 3 ? str.child(1) : null;
    const whole =
      !!content && content.type === "string_content" && content.childCount === 0 && content.startIndex === m.start && content.endIndex === m.end;
    if (!whole) {
      // "--model=deepseek-chat" (an argv item, an option string): the value of a model option.
      const opt = content?.type === "string_content" && content.childCount === 0 ? MODEL_OPTION_VALUE.exec(content.text) : null;
      if (opt && content!.startIndex + content!.text.length - opt[1]!.length === m.start && content!.endIndex === m.end)
        return { ...base, ...at(P.OPTION_WITH_VALUE) };
      return { ...base, ...at(P.STRING_WITH_OTHER_TEXT) };
    }
    const site: Site = { ...base, ...this.valueSite(A, si, m, quoteOf(str) ?? '"') };
    if (site.kind === "key" || site.kind === "comparison") {
      const kb = this.keepBoth(site, str, m, quoteOf(str) ?? '"');
      if (kb) site.keepBoth = kb;
    }
    return site.kind === "model" || site.kind === "other" ? this.constrained(site, A, si, m) : site;
  }

  private mentionCache = new Map<string, HostMentions>();

  private mentionsIn(start: number, end: number): HostMentions {
    const key = `${start}:${end}`;
    let v = this.mentionCache.get(key);
    if (!v) this.mentionCache.set(key, (v = hostsNamedIn(this.code.slice(start, end))));
    return v;
  }

  /**
   * Hosts scoped to the construct (docs/hosts-and-sdks.md): walk out from the match through the
   * enclosing call, dict, dict entry, assignment, branch (if/elif/else, case, conditional
   * expression), function and class; the first that names a provider decides. A call also names what
   * its receiver's client was made with (`router = OpenAI(base_url="https://openrouter.ai/api/v1")`
   * … `router.chat.completions.create(…)`).
   */
  hostScope(m: Match): HostVerdict {
    const leaf = this.root.descendantForIndex(m.start, m.end);
    if (!leaf) return undefined;
    let child: Node = leaf;
    for (let n: Node | null = leaf.parent, guard = 0; n && n.type !== "module" && guard < 500; child = n, n = n.parent, guard++) {
      const at = (node: Node, what: string, extra?: HostMentions): HostVerdict => {
        const own = this.mentionsIn(node.startIndex, node.endIndex);
        return verdictOf(extra ? mergeMentions(own, extra) : own, what);
      };
      let v: HostVerdict;
      switch (n.type) {
        case "call":
          v = at(n, "this call", this.receiverMentions(n));
          break;
        case "dictionary":
          v = at(n, "this dict");
          break;
        case "pair":
          v = at(n, `the entry ${n.childForFieldName("key")?.text ?? ""}`.trimEnd());
          break;
        case "expression_statement":
          if (n.firstNamedChild?.type === "assignment" || n.firstNamedChild?.type === "augmented_assignment") v = at(n, "this assignment");
          break;
        case "conditional_expression":
          v = at(n, "this conditional");
          break;
        case "if_statement": {
          const then = n.childForFieldName("consequence");
          if (same(then, child)) v = verdictOf(this.mentionsIn(n.startIndex, then!.endIndex), "this branch");
          if (v === undefined) v = at(n, "this if statement");
          break;
        }
        case "elif_clause":
        case "else_clause":
        case "case_clause":
          v = at(n, n.type === "case_clause" ? "this case" : "this branch");
          break;
        case "match_statement":
          v = at(n, "this match statement");
          break;
        case "function_definition":
        case "class_definition": {
          const name = n.childForFieldName("name")?.text;
          v = at(n, `${n.type === "class_definition" ? "class" : "function"} ${name ?? ""}`.trimEnd());
          break;
        }
      }
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /**
   * The keep-both edits of a key, a case label, a comparison or a membership list (docs/groups.md):
   * the new ID added beside the old, so renamed values and old data both still work.
   */
  private keepBoth(site: Site, str: Node, m: Match, quote: string): KeepBoth | undefined {
    const rule = this.ruleset.byId.get(m.legacyId);
    if (!rule || str.type !== "string") return undefined;
    const target = `${quote}${m.prefix}${rule.target}${quote}`;
    const p = str.parent;
    if (!p) return undefined;
    if (site.kind === "key") {
      if (p.type !== "pair" || !same(p.childForFieldName("key"), str) || p.parent?.type !== "dictionary") return undefined;
      const value = p.childForFieldName("value");
      if (!value || !plainValue(value)) return undefined;
      const edit = insertAfterItem(this.code, p, `${target}: ${value.text}`);
      return edit && { edits: [edit], scope: [p.parent.startIndex, p.parent.endIndex], shape: "entry" };
    }
    if (site.position === P.CASE_PATTERN) {
      // `case "deepseek-chat":` → `case "deepseek-chat" | "deepseek-v4-flash":`
      let n: Node | null = p;
      while (n && n.type !== "case_pattern" && n.type !== "case_clause") n = n.parent;
      if (!n || n.type !== "case_pattern") return undefined;
      if (!/^(?:\s*(?:"[^"\n]*"|'[^'\n]*')\s*\|?)+$/.test(n.text)) return undefined;
      let stmt: Node | null = n;
      while (stmt && stmt.type !== "match_statement") stmt = stmt.parent;
      if (!stmt) return undefined;
      return { edits: [{ start: str.endIndex, end: str.endIndex, text: ` | ${target}` }], scope: [stmt.startIndex, stmt.endIndex], shape: "label" };
    }
    if (p.type === "comparison_operator") {
      // `x == "deepseek-chat"` → `x in ("deepseek-chat", "deepseek-v4-flash")`
      const operands = elements(p);
      const ops = p.children.filter((c): c is Node => !!c && !c.isNamed);
      if (operands.length !== 2 || ops.length !== 1 || !same(operands[1], str)) return undefined;
      const op = ops[0]!;
      if (op.type !== "==" && op.type !== "!=") return undefined;
      if (!plainName(operands[0]!)) return undefined;
      let scope: Node = p;
      for (let n: Node | null = p.parent; n; n = n.parent) {
        if (n.type === "if_statement" || n.type === "while_statement") scope = n;
        if (n.type === "function_definition" || n.type === "class_definition" || n.type === "module") break;
        if (n.type === "block" && scope !== p) break;
      }
      return {
        edits: [
          { start: op.startIndex, end: op.endIndex, text: op.type === "==" ? "in" : "not in" },
          { start: str.startIndex, end: str.startIndex, text: "(" },
          { start: str.endIndex, end: str.endIndex, text: `, ${target})` },
        ],
        scope: [scope.startIndex, scope.endIndex],
        shape: "comparison",
      };
    }
    if ((p.type === "list" || p.type === "tuple" || p.type === "set") && (site.position === P.MEMBERSHIP_TEST || site.position === P.MEMBERSHIP_COLLECTION) && this.isContainerSide(p)) {
      // The new ID goes after the last member that becomes it (identical edits are applied once).
      let last = str;
      for (const e of elements(p)) {
        const v = stringValue(e);
        if (v === undefined) continue;
        const r = this.ruleset.rules.find((x) => v === x.legacyId || v.endsWith(`/${x.legacyId}`) || v.endsWith(`:${x.legacyId}`));
        if (r && r.target === rule.target && e.startIndex > last.startIndex) last = e;
      }
      return { edits: [{ start: last.endIndex, end: last.endIndex, text: `, ${target}` }], scope: [p.startIndex, p.endIndex], shape: "item" };
    }
    return undefined;
  }

  /**
   * What the client a call's receiver is bound to names: `router` in `router.chat.completions.create(…)`,
   * `self.client` in `self.client.chat…`, from the assignments to it in the file.
   */
  private receiverMentions(call: Node): HostMentions | undefined {
    const callee = call.childForFieldName("function");
    if (!callee || callee.type !== "attribute") return undefined;
    const parts: Node[] = [];
    let root: Node = callee;
    while (root.type === "attribute" && root.childForFieldName("object")) {
      parts.unshift(root);
      root = root.childForFieldName("object")!;
    }
    if (root.type !== "identifier") return undefined;
    // `client.…` → client; `self.client.…` / `cls.client.…` → self.client.
    const receiver = (root.text === "self" || root.text === "cls") && parts.length > 1 ? parts[0]! : root;
    const last = receiver.type === "attribute" ? receiver.childForFieldName("attribute")?.text : receiver.text;
    if (!last) return undefined;
    const want = receiver.text.replace(/\s+/g, "");
    let out: HostMentions | undefined;
    for (const id of this.identifiers(last)) {
      const target = id.parent?.type === "attribute" && same(id.parent.childForFieldName("attribute"), id) ? id.parent : id;
      const asg = target.parent;
      if (asg?.type !== "assignment" || !same(asg.childForFieldName("left"), target) || target.text.replace(/\s+/g, "") !== want) continue;
      const right = asg.childForFieldName("right");
      if (right?.type !== "call") continue;
      const found = this.mentionsIn(right.startIndex, right.endIndex);
      out = out ? mergeMentions(out, found) : found;
    }
    return out;
  }

  /**
   * Whether a collection is the side a membership test looks in (`x in (…)`, `.startswith((…))`, a
   * named collection tested elsewhere), not a value tested for membership (`(…) in items`).
   */
  private isContainerSide(coll: Node): boolean {
    let owner = coll;
    while (owner.parent?.type === "parenthesized_expression") owner = owner.parent;
    const up = owner.parent;
    if (up?.type !== "comparison_operator") return true;
    const operands = elements(up);
    return same(operands[operands.length - 1], owner) && up.children.some((c) => !!c && !c.isNamed && (c.type === "in" || c.type === "not in"));
  }

  /** Nesting of `constrained` (a value typed by a Literal whose member is typed by …). */
  private constraintDepth = 0;

  /**
   * A value annotated with a same-file `Literal[...]` type (inline, through an alias, `Optional`,
   * `Union`, `X | None`, `Final`, `Annotated`) is renamed only together with the matching Literal
   * member: renaming one alone fails mypy/pyright. It takes that member's position kind.
   */
  private constrained(site: Site, A: Node[], si: number, m: Match): Site {
    if (this.constraintDepth > 4) return site;
    const value = stringValue(A[si]);
    const annotation = value === undefined ? undefined : this.annotationOf(A, climbValue(A, si).j);
    if (!annotation || value === undefined) return site;
    const found = this.literalMembers(annotation, 0);
    if (found.open) return site;
    const member = found.strings.find((s) => stringValue(s) === value && s.startIndex !== A[si]!.startIndex);
    const content = member?.child(1);
    if (!member || !content) return site;
    const fake: Match = { ...m, start: content.startIndex, end: content.endIndex, idStart: content.endIndex - m.legacyId.length };
    let other: Site;
    this.constraintDepth++;
    try {
      other = this.site(fake);
    } finally {
      this.constraintDepth--;
    }
    return literalTyped(typedBySite(site, other, member.startPosition.row + 1, "the Literal", m.legacyId), site, other);
  }

  /** The type annotation that constrains the value at A[j]: of its variable, parameter, function or keyword. */
  private annotationOf(A: Node[], j: number): Node | undefined {
    const node = A[j]!;
    const p = A[j + 1];
    if (!p) return undefined;
    switch (p.type) {
      case "assignment": {
        if (!same(p.childForFieldName("right"), node)) return undefined;
        const left = p.childForFieldName("left");
        return p.childForFieldName("type") ?? (left ? this.declaredType(left, A, j + 1) : undefined);
      }
      case "typed_default_parameter":
        return same(p.childForFieldName("value"), node) ? (p.childForFieldName("type") ?? undefined) : undefined;
      case "return_statement":
        return this.enclosingFunction(A, j + 1)?.childForFieldName("return_type") ?? undefined;
      case "keyword_argument": {
        const call = A[j + 2]?.type === "argument_list" ? A[j + 3] : undefined;
        if (!same(p.childForFieldName("value"), node) || call?.type !== "call") return undefined;
        return this.parameterType(call, p.childForFieldName("name")?.text ?? "", -1);
      }
      case "argument_list": {
        const call = A[j + 2];
        if (call?.type !== "call") return undefined;
        const index = this.positional(call).findIndex((a) => same(a, node));
        return index >= 0 ? this.parameterType(call, "", index) : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * The declared type of an assignment target without its own annotation: `NAME: T` earlier in the
   * same scope, or for `self.NAME`, a class-body field `NAME: T` (dataclass, pydantic) or
   * `self.NAME: T` in the same class.
   */
  private declaredType(left: Node, A: Node[], k: number): Node | undefined {
    let name: string;
    let scope: Node | undefined;
    if (left.type === "identifier") {
      name = left.text;
      scope = this.enclosingFunction(A, k) ?? this.root;
    } else if (left.type === "attribute" && left.childForFieldName("object")?.text === "self") {
      name = left.childForFieldName("attribute")?.text ?? "";
      for (let i = k; i < A.length && !scope; i++) if (A[i]!.type === "class_definition") scope = A[i];
    } else return undefined;
    if (!scope || !name) return undefined;
    for (const { target, asg, type } of this.annotatedTargets(name)) {
      if (target.startIndex < scope.startIndex || target.endIndex > scope.endIndex) continue;
      if (left.type === "attribute" && target.type === "attribute" && target.childForFieldName("object")?.text !== "self") continue;
      if (left.type === "identifier" && target.type !== "identifier") continue;
      // A class-body field for `self.NAME`: its statement sits directly in the class's block.
      if (target.type === "identifier" && left.type === "attribute" && !same(asg.parent?.parent?.parent, scope)) continue;
      return type;
    }
    return undefined;
  }

  private annotatedCache = new Map<string, { target: Node; asg: Node; type: Node }[]>();

  /** Annotated assignments (`NAME: T = …`, `NAME: T`, `x.NAME: T = …`) to `name`, found once per name. */
  private annotatedTargets(name: string): { target: Node; asg: Node; type: Node }[] {
    let list = this.annotatedCache.get(name);
    if (!list) {
      list = [];
      for (const id of this.identifiers(name)) {
        const target = id.parent?.type === "attribute" && same(id.parent.childForFieldName("attribute"), id) ? id.parent : id;
        const asg = target.parent;
        if (asg?.type !== "assignment" || !same(asg.childForFieldName("left"), target)) continue;
        const type = asg.childForFieldName("type");
        if (type) list.push({ target, asg, type });
      }
      this.annotatedCache.set(name, list);
    }
    return list;
  }

  private definitionCache = new Map<string, Node[]>();

  /** The functions and classes defined in the file under `name`, found once per name. */
  private definitions(name: string): Node[] {
    let list = this.definitionCache.get(name);
    if (!list) {
      list = [];
      for (const id of this.identifiers(name)) {
        const def = id.parent;
        if ((def?.type === "function_definition" || def?.type === "class_definition") && same(def.childForFieldName("name"), id)) list.push(def);
      }
      this.definitionCache.set(name, list);
    }
    return list;
  }

  /**
   * The annotation of a parameter of a same-file function or class called here: by keyword
   * `name`, or by positional `index` (`self`/`cls` skipped for methods). For a class: its
   * annotated fields (dataclass, pydantic, TypedDict) or its `__init__` parameters.
   */
  private parameterType(call: Node, name: string, index: number): Node | undefined {
    const callee = lastSegment(calleeText(call));
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(callee)) return undefined;
    for (const def of this.definitions(callee)) {
      if (def.type === "function_definition") return this.paramOf(def, name, index);
      for (const st of elements(def.childForFieldName("body") ?? def)) {
        if (st.type === "function_definition" && st.childForFieldName("name")?.text === "__init__") return this.paramOf(st, name, index);
        const asg = st.type === "expression_statement" ? st.namedChild(0) : null;
        if (name && asg?.type === "assignment" && asg.childForFieldName("left")?.text === name) return asg.childForFieldName("type") ?? undefined;
      }
    }
    return undefined;
  }

  private paramOf(def: Node, name: string, index: number): Node | undefined {
    let params = elements(def.childForFieldName("parameters") ?? def).filter((x) =>
      ["identifier", "typed_parameter", "default_parameter", "typed_default_parameter"].includes(x.type),
    );
    const first = params[0];
    const firstName = first?.type === "identifier" ? first.text : (first?.childForFieldName("name") ?? first?.namedChild(0))?.text;
    if (def.parent?.parent?.type === "class_definition" && (firstName === "self" || firstName === "cls")) params = params.slice(1);
    const param = name
      ? params.find((x) => (x.type === "identifier" ? x.text : x.type === "typed_parameter" ? x.namedChild(0)?.text : x.childForFieldName("name")?.text) === name)
      : params[index];
    return param?.childForFieldName("type") ?? undefined;
  }

  /**
   * The string members of the Literal types a type annotation admits, through aliases (`X = Literal[…]`,
   * `X: TypeAlias = …`, `type X = …`), `Optional`, `Union`, `|`, `Final`, `ClassVar`, `Annotated`.
   * `open`: the type also admits any string (`str`, `Any`), so it does not constrain the value.
   */
  private literalMembers(node: Node, depth: number, out: { strings: Node[]; open: boolean } = { strings: [], open: false }, literal = false) {
    if (depth > 8 || out.open) return out;
    const t = node.type;
    if (t === "type" || t === "parenthesized_expression") {
      const inner = node.namedChild(0);
      if (inner) this.literalMembers(inner, depth + 1, out, literal);
    } else if (t === "string") {
      if (literal) out.strings.push(node);
      else {
        // A forward reference: "ModelName", "ModelName | None".
        for (const part of (stringValue(node) ?? "").split("|").map((x) => x.trim())) {
          if (OPEN_TYPES.has(part)) out.open = true;
          const alias = /^[\p{L}_][\p{L}\p{N}_]*$/u.test(part) ? this.typeAlias(part) : undefined;
          if (alias) this.literalMembers(alias, depth + 1, out);
        }
      }
    } else if (t === "binary_operator") {
      for (const side of [node.childForFieldName("left"), node.childForFieldName("right")]) if (side) this.literalMembers(side, depth + 1, out, literal);
    } else if (t === "generic_type" || t === "subscript") {
      const head = (t === "subscript" ? node.childForFieldName("value") : node.namedChild(0))?.text ?? "";
      const params = t === "subscript" ? node.childrenForFieldName("subscript").filter((x): x is Node => !!x) : elements(node.namedChild(1) ?? node).filter((x) => x.type === "type");
      const name = lastSegment(head);
      if (name === "Literal") for (const x of params) this.literalMembers(x, depth + 1, out, true);
      else if (name === "Annotated") {
        if (params[0]) this.literalMembers(params[0], depth + 1, out);
      } else if (LITERAL_WRAPPERS.has(name)) for (const x of params) this.literalMembers(x, depth + 1, out);
    } else if (t === "identifier" || t === "attribute") {
      const name = lastSegment(node.text);
      if (OPEN_TYPES.has(name)) out.open = true;
      else if (t === "identifier") {
        // Also inside Literal[…]: `Literal[ChatModel, "o1"]` nests another Literal alias.
        const alias = this.typeAlias(name);
        if (alias) this.literalMembers(alias, depth + 1, out);
      }
    }
    return out;
  }

  private aliasCache = new Map<string, Node | null>();

  /** The right side of a same-file type alias: `NAME = …`, `NAME: TypeAlias = …`, `type NAME = …`. */
  private typeAlias(name: string): Node | undefined {
    let alias = this.aliasCache.get(name);
    if (alias === undefined) this.aliasCache.set(name, (alias = this.findTypeAlias(name) ?? null));
    return alias ?? undefined;
  }

  private findTypeAlias(name: string): Node | undefined {
    for (const id of this.identifiers(name)) {
      const p = id.parent;
      if (p?.type === "type" && p.parent?.type === "type_alias_statement" && same(p.parent.childForFieldName("left"), p))
        return p.parent.childForFieldName("right") ?? undefined;
      if (p?.type === "assignment" && same(p.childForFieldName("left"), id)) {
        const right = p.childForFieldName("right");
        const type = p.childForFieldName("type")?.text ?? "";
        // `NAME = Literal[…]` or `NAME: TypeAlias = …`; not a variable `NAME: str = …`.
        if (right && (!type || /(?:^|\.)TypeAlias$/.test(type))) return right;
      }
    }
    return undefined;
  }

  private identifierCache = new Map<string, Node[]>();

  /** The identifier nodes spelling `name` in the file, from a text search on first use. */
  private identifiers(name: string): Node[] {
    let list = this.identifierCache.get(name);
    if (!list) {
      list = [];
      for (const start of this.occurrencesOf(name)) {
        const node = this.root.descendantForIndex(start, start + name.length);
        if (node && node.type === "identifier" && node.startIndex === start && node.endIndex === start + name.length) list.push(node);
      }
      this.identifierCache.set(name, list);
    }
    return list;
  }

  private words?: Map<string, number[]>;

  /**
   * Offsets of `name` as a whole word (also after a dot: `self.NAME`, `Config.NAME`), from an index
   * of every word built once per file on first use, so lookups stay linear in the file size.
   */
  private occurrencesOf(name: string): number[] {
    if (!this.words) {
      this.words = new Map();
      for (const m of this.code.matchAll(/[\p{L}_][\p{L}\p{N}_]*/gu)) {
        const list = this.words.get(m[0]);
        if (list) list.push(m.index);
        else this.words.set(m[0], [m.index]);
      }
    }
    return this.words.get(name) ?? [];
  }

  /** The position of a string literal that is exactly the (prefixed) ID. */
  private valueSite(A: Node[], si: number, m: Match, quote: string): Placed {
    const rule = this.ruleset.byId.get(m.legacyId)!;
    // A value in a match/case pattern is compared.
    for (let k = si + 1; k < A.length; k++) {
      const t = A[k]!.type;
      if (t === "case_pattern") return at(P.CASE_PATTERN);
      if (t === "block" || t === "case_clause" || t === "module") break;
    }
    const { j, conditional, envDefault } = climbValue(A, si);
    if (envDefault) return at(P.ENV_DEFAULT);
    const node = A[j]!;
    const p = A[j + 1];
    if (!p) return at(P.OTHER_VALUE);

    switch (p.type) {
      case "comparison_operator":
        return at(P.COMPARISON);

      case "keyword_argument": {
        if (!same(p.childForFieldName("value"), node)) return at(P.OTHER_VALUE);
        const name = p.childForFieldName("name")?.text ?? "";
        const call = A[j + 2]?.type === "argument_list" && A[j + 3]?.type === "call" ? A[j + 3] : undefined;
        const callee = call ? calleeText(call) : "";
        if (call && DEFAULT_KEYWORDS.has(name)) {
          if (ENV_LOOKUPS.some((re) => re.test(callee))) return at(P.ENV_DEFAULT);
          if (CONFIG_GETTERS.has(lastSegment(callee)) && this.positional(call).some((a) => MODEL.test(stringValue(a) ?? "")))
            return at(P.CONFIG_DEFAULT);
        }
        const factory = call && FACTORIES.find((f) => f.keyword === name && f.callee.test(callee));
        const imported = call ? this.importedExport(callee) : undefined;
        const byImport = imported?.keywords.includes(name) ? imported : undefined;
        if (!MODEL.test(name) && !factory && !byImport) return at(P.KEYWORD_ARGUMENT);
        const site = at(byImport ? P.PROVIDER_EXPORT_KEYWORD : factory ? P.FACTORY_KEYWORD : P.KEYWORD_MODEL);
        const req = call && (this.requestKind(callee) ?? (imported?.request ? REQUEST_KINDS.find((r) => r.name === imported.request) : undefined));
        if (call && req && req.modelKeywords.includes(name)) site.flags = conditional ? manualIfFlags(rule) : this.callFlags(call, req, rule, quote);
        return site;
      }

      case "argument_list": {
        const call = A[j + 2]?.type === "call" ? A[j + 2]! : undefined;
        if (!call) return at(P.OTHER_VALUE);
        const callee = calleeText(call);
        const method = lastSegment(callee);
        const args = this.positional(call);
        const index = args.findIndex((a) => same(a, node));
        if (COMPARISON_METHODS.has(method)) return at(P.METHOD_COMPARISONS.get(method)!);
        const env = ENV_LOOKUPS.some((re) => re.test(callee));
        if (index >= 1 && env) return at(P.ENV_DEFAULT);
        if (index === 0 && !env && KEY_LOOKUPS.has(method)) return at(P.METHOD_KEYS.get(method)!);
        if (index >= 1 && CONFIG_GETTERS.has(method) && args.slice(0, index).some((a) => MODEL.test(stringValue(a) ?? "")))
          return at(P.CONFIG_DEFAULT);
        const factory = FACTORIES.find((f) => f.arg === index && f.callee.test(callee));
        if (factory) return at(P.FACTORY_ARGUMENT);
        const imported = this.importedExport(callee);
        if (imported && imported.arg === index) return at(P.PROVIDER_EXPORT_ARGUMENT);
        if (index === 0 && MODEL.test(method)) return at(P.MODEL_METHOD_ARGUMENT);
        return at(P.CALL_ARGUMENT);
      }

      case "assignment": {
        if (!same(p.childForFieldName("right"), node)) return at(P.OTHER_VALUE);
        const left = p.childForFieldName("left");
        const enumSite = this.enumMember(A, j + 1);
        if (enumSite) return enumSite;
        if (!left || !["identifier", "attribute", "subscript"].includes(left.type)) return at(P.OTHER_VALUE);
        const flow = this.flow(left, A, j + 1, rule, quote, conditional);
        if (!MODEL.test(left.text) && !flow.usedAsModel) return at(P.ASSIGNMENT);
        const site = at(P.MODEL_ASSIGNMENT);
        if (flow.flags) site.flags = flow.flags;
        return site;
      }

      case "pair": {
        const key = p.childForFieldName("key");
        const dict = A[j + 2];
        if (same(key, node)) return at(P.DICT_KEY);
        if (!same(p.childForFieldName("value"), node) || dict?.type !== "dictionary") return at(P.OTHER_VALUE);
        if (isResponse(dict)) return at(P.RECORDED_RESPONSE);
        const k = keyName(key);
        const path = [k, ...this.keyPath(A, j + 2)];
        if (!path.some((s) => MODEL.test(s))) return at(P.DICT_VALUE);
        const site = at(P.MODEL_DICT_VALUE);
        if (k === "model" && dictKeys(dict).has("messages")) site.flags = conditional ? manualIfFlags(rule) : this.bodyFlags(dict, rule, quote);
        return site;
      }

      case "default_parameter":
      case "typed_default_parameter": {
        const name = p.childForFieldName("name")?.text ?? "";
        if (!same(p.childForFieldName("value"), node)) return at(P.OTHER_VALUE);
        return at(MODEL.test(name) ? P.MODEL_PARAMETER_DEFAULT : P.PARAMETER_DEFAULT);
      }

      case "return_statement": {
        const fn = this.enclosingFunction(A, j + 1);
        const name = fn?.childForFieldName("name")?.text ?? "";
        return at(MODEL.test(name) ? P.MODEL_RETURN_VALUE : P.RETURN_VALUE);
      }

      case "list":
      case "tuple":
      case "set":
      case "expression_list": {
        const items = elements(p).map(stringValue);
        // `subprocess.run(["aider", "--model", "deepseek-chat"])`: the value of a command-line option.
        const prev = p.type === "set" ? undefined : items[elements(p).findIndex((e) => same(e, node)) - 1];
        if (prev !== undefined && MODEL_OPTION.test(prev)) return at(P.OPTION_ARGUMENT);
        const site = this.collectionSite(A, j + 1, items, P.COLLECTION_MEMBER);
        // Other items of a command line are arguments, not a capability table.
        if (site.kind === "collection" && p.type !== "set" && items.some((v) => v !== undefined && OPTION_ITEM.test(v)))
          return at(P.COMMAND_LINE_ARGUMENT);
        return site;
      }

      case "subscript": {
        if (same(p.childForFieldName("value"), node)) return at(P.OTHER_VALUE);
        const value = p.childForFieldName("value");
        if (value && /(?:^|\.)Literal$/.test(value.text))
          return this.collectionSite(A, j + 1, p.childrenForFieldName("subscript").map(stringValue), P.LITERAL_MEMBER);
        return at(P.SUBSCRIPT_KEY);
      }

      case "type": {
        // Literal["…", "…"] in an annotation: string → type → type_parameter → generic_type.
        const tp = A[j + 2];
        const gen = A[j + 3];
        if (tp?.type === "type_parameter" && gen?.type === "generic_type" && /(?:^|\.)Literal$/.test(gen.namedChild(0)?.text ?? ""))
          return this.collectionSite(
            A,
            j + 3,
            elements(tp).map((t) => stringValue(t.namedChild(0))),
            P.LITERAL_MEMBER,
          );
        return at(P.TYPE_ANNOTATION);
      }

      default:
        return at(P.OTHER_VALUE);
    }
  }

  private positional(call: Node): Node[] {
    const list = call.childForFieldName("arguments");
    if (!list || list.type !== "argument_list") return [];
    return elements(list).filter((a) => !["keyword_argument", "list_splat", "dictionary_splat"].includes(a.type));
  }

  private importMap?: Map<string, ProviderExport>;

  /**
   * The DeepSeek provider export a callee names through this file's imports (python/tables.ts
   * PROVIDER_EXPORTS): `from langchain_deepseek import ChatDeepSeek as Chat` … `Chat(…)`,
   * `import agno.models.deepseek as ds` … `ds.DeepSeek(…)`.
   */
  private importedExport(callee: string): ProviderExport | undefined {
    if (!this.importMap) {
      this.importMap = new Map();
      if (PROVIDER_EXPORTS.some((e) => this.code.includes(e.module))) {
        for (const st of this.root.descendantsOfType(["import_from_statement", "import_statement"])) {
          if (!st) continue;
          if (st.type === "import_from_statement") {
            const mod = st.childForFieldName("module_name")?.text.replace(/\s+/g, "");
            for (const n of st.childrenForFieldName("name")) {
              if (!n) continue;
              const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
              const local = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : n.text;
              const e = PROVIDER_EXPORTS.find((x) => x.module === mod && x.name === name);
              if (e && local) this.importMap.set(local, e);
            }
          } else {
            for (const n of st.childrenForFieldName("name")) {
              if (!n) continue;
              const mod = (n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text)?.replace(/\s+/g, "");
              const local = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : mod;
              for (const e of PROVIDER_EXPORTS) if (e.module === mod && local) this.importMap.set(`${local}.${e.name}`, e);
            }
          }
        }
      }
    }
    return this.importMap.size > 0 ? this.importMap.get(callee) : undefined;
  }

  private requestKind(callee: string): RequestKind | undefined {
    return REQUEST_KINDS.find((r) => r.callee.test(callee));
  }

  private enclosingFunction(A: Node[], from: number): Node | undefined {
    for (let k = from; k < A.length; k++) {
      const t = A[k]!.type;
      if (t === "function_definition") return A[k];
      if (t === "lambda" || t === "class_definition") return undefined;
    }
    return undefined;
  }

  /**
   * The names above a value, innermost first: dict keys, then the keyword, variable or parameter
   * the outermost dict is bound to. Lists end the path (their members are collection members).
   */
  private keyPath(A: Node[], k: number): string[] {
    const segs: string[] = [];
    for (let i = k; i + 1 < A.length; i++) {
      const p = A[i + 1]!;
      const cur = A[i]!;
      switch (p.type) {
        case "parenthesized_expression":
        case "dictionary":
        case "type":
        case "type_parameter":
        case "generic_type":
          continue;
        case "pair":
          if (!same(p.childForFieldName("value"), cur)) return segs;
          segs.push(keyName(p.childForFieldName("key")));
          continue;
        case "keyword_argument":
          segs.push(p.childForFieldName("name")?.text ?? "");
          return segs;
        case "assignment":
          segs.push(p.childForFieldName("left")?.text ?? "");
          return segs;
        case "default_parameter":
        case "typed_default_parameter":
          segs.push(p.childForFieldName("name")?.text ?? "");
          return segs;
        case "typed_parameter":
          segs.push(p.namedChild(0)?.text ?? "");
          return segs;
        case "return_statement":
          segs.push(this.enclosingFunction(A, i + 1)?.childForFieldName("name")?.text ?? "");
          return segs;
        default:
          return segs;
      }
    }
    return segs;
  }

  private collectionSite(A: Node[], k: number, values: (string | undefined)[], position: string): Placed {
    // `model in ("deepseek-chat", …)`, `model.startswith(("deepseek-reasoner", "o1"))`: compared inline.
    const owner = this.unwrapUp(A[k]!);
    if (owner.parent?.type === "comparison_operator" || this.isMembershipOperand(owner)) return at(P.MEMBERSHIP_TEST);
    // `REASONING_MODELS = [...]` … `model in REASONING_MODELS`: the members are compared too.
    const bound = owner.parent?.type === "assignment" && same(owner.parent.childForFieldName("right"), owner) ? owner.parent.childForFieldName("left") : null;
    const name = bound?.type === "identifier" ? bound.text : bound?.type === "attribute" ? (bound.childForFieldName("attribute")?.text ?? "") : "";
    const test = name ? this.membershipTest(name, bound!) : undefined;
    if (test)
      return at(P.MEMBERSHIP_COLLECTION, { advice: `${name} is used in a membership test (line ${test.startPosition.row + 1}).` });
    const path = this.keyPath(A, k);
    const members = values.filter((v): v is string => v !== undefined);
    return at(position, { members, modelNamed: path.some((s) => MODEL.test(s)) });
  }

  /** The outermost expression that is this collection: through parentheses and `set(...)`-style wrappers. */
  private unwrapUp(node: Node): Node {
    let n = node;
    for (let guard = 0; guard < MAX_UP; guard++) {
      const up = n.parent;
      if (up?.type === "parenthesized_expression") n = up;
      else if (up?.type === "argument_list" && up.parent?.type === "call" && COLLECTION_WRAPPERS.test(calleeText(up.parent)) && elements(up).length === 1)
        n = up.parent;
      else break;
    }
    return n;
  }

  /**
   * Whether an expression is the collection side of a membership test: `x in EXPR`,
   * `x not in EXPR`, `EXPR.__contains__(x)`, `x.startswith(EXPR)`.
   */
  private isMembershipOperand(expr: Node): boolean {
    const p = expr.parent;
    if (!p) return false;
    if (p.type === "comparison_operator") {
      const kids = p.children;
      const i = kids.findIndex((c) => same(c, expr));
      const op = i > 0 ? kids[i - 1]?.type : undefined;
      return op === "in" || op === "not in";
    }
    if (p.type === "attribute" && same(p.childForFieldName("object"), expr) && p.parent?.type === "call" && same(p.parent.childForFieldName("function"), p))
      return MEMBERSHIP_METHODS.has(p.childForFieldName("attribute")?.text ?? "");
    if (p.type === "argument_list" && p.parent?.type === "call") {
      const args = this.positional(p.parent);
      return same(args[0], expr) && COMPARISON_METHODS.has(lastSegment(calleeText(p.parent)));
    }
    return false;
  }

  private membershipTests = new Map<string, Node | null>();

  /**
   * The first membership test in the file on a collection bound to `name` (a bare name or the
   * attribute `self.name`, `Config.name`), found from the name's occurrences on first use. Names
   * are matched by text, file-wide: a second list with the same name only makes the result more
   * cautious.
   */
  private membershipTest(name: string, binding: Node): Node | undefined {
    let found = this.membershipTests.get(name);
    if (found === undefined) {
      found = null;
      for (const node of this.identifiers(name)) {
        if (node.startIndex >= binding.startIndex && node.endIndex <= binding.endIndex) continue;
        const p = node.parent;
        const expr = p?.type === "attribute" && same(p.childForFieldName("attribute"), node) ? p : node;
        if (this.isMembershipOperand(this.unwrapUp(expr))) {
          found = node;
          break;
        }
      }
      this.membershipTests.set(name, found);
    }
    return found ?? undefined;
  }

  /** A member of an Enum class: `class Model(str, Enum): CHAT = "deepseek-chat"`. */
  private enumMember(A: Node[], k: number): Placed | undefined {
    const assignment = A[k]!;
    const block = A[k + 2];
    const cls = A[k + 3];
    if (A[k + 1]?.type !== "expression_statement" || block?.type !== "block" || cls?.type !== "class_definition") return undefined;
    const bases = cls.childForFieldName("superclasses")?.text ?? "";
    if (!/Enum\b/.test(bases)) return undefined;
    const members: string[] = [];
    for (const st of elements(block)) {
      const asg = st.type === "expression_statement" ? st.namedChild(0) : null;
      const v = asg?.type === "assignment" ? stringValue(asg.childForFieldName("right")) : undefined;
      if (v !== undefined) members.push(v);
    }
    const modelNamed = MODEL.test(cls.childForFieldName("name")?.text ?? "") || MODEL.test(assignment.childForFieldName("left")?.text ?? "");
    return at(P.ENUM_MEMBER, { members, modelNamed });
  }

  /**
   * Same-file flow (docs/contract.md §5): a name (or `self.attr`) bound once to the ID and used as
   * the model of recognized requests gets those requests flagged in the same edit.
   */
  private flow(left: Node, A: Node[], k: number, rule: Rule, quote: string, conditional: boolean): FlowResult {
    let scope: Node | undefined;
    let key: string;
    if (left.type === "identifier") {
      // A class attribute is not visible as a bare name: no flow from class bodies.
      for (let i = k; i < A.length && A[i]!.type !== "function_definition"; i++)
        if (A[i]!.type === "class_definition") return { usedAsModel: false };
      scope = this.enclosingFunction(A, k) ?? this.root;
      key = left.text;
    } else if (left.type === "attribute" && /^self\.[\p{L}\p{N}_]+$/u.test(left.text)) {
      for (let i = k; i < A.length; i++)
        if (A[i]!.type === "class_definition") {
          scope = A[i];
          break;
        }
      key = left.text;
    } else return { usedAsModel: false };
    if (!scope) return { usedAsModel: false };

    const requests: FlagFix[] = [];
    let usedAsModel = false;
    for (const start of this.occurrences(key)) {
      if (start < scope.startIndex || start >= scope.endIndex) continue;
      const end = start + key.length;
      if (start === left.startIndex) continue;
      const node = this.root.descendantForIndex(start, end);
      if (!node || node.startIndex !== start || node.endIndex !== end || (node.type !== "identifier" && node.type !== "attribute")) continue;
      const B = ancestors(node, 6);
      const use = this.usage(B);
      if (use === "binding") return { usedAsModel: false };
      if (!use) continue;
      usedAsModel = true;
      const fix = conditional
        ? manualIfFlags(rule)
        : use.call
          ? this.callFlags(use.call, use.req!, rule, quote)
          : use.dict
            ? this.bodyFlags(use.dict, rule, quote)
            : undefined;
      if (fix) requests.push(fix);
    }
    const fixes = requests;
    if (fixes.length === 0) return { usedAsModel };
    if (fixes.some((f) => f.status === "manual")) return { usedAsModel, flags: { status: "manual", edits: [] } };
    const edits = fixes.flatMap((f) => f.edits);
    return { usedAsModel, flags: edits.length ? { status: "added", edits: mergeInsertions(edits) } : { status: "present", edits: [] } };
  }

  private names?: Map<string, number[]>;

  /**
   * Where a name (or `self.name`) occurs in the file as a whole token, from an index built once
   * per file on first use, so flow analysis stays linear in the file size.
   */
  private occurrences(key: string): number[] {
    if (!this.names) {
      this.names = new Map();
      for (const m of this.code.matchAll(/(?<![\p{L}\p{N}_.])(?:self\.)?[\p{L}_][\p{L}\p{N}_]*/gu)) {
        const list = this.names.get(m[0]);
        if (list) list.push(m.index);
        else this.names.set(m[0], [m.index]);
      }
    }
    return this.names.get(key) ?? [];
  }

  /**
   * What an occurrence of a bound name does: rebinds it ("binding"), feeds a model position
   * (with the recognized request, if any), or something else (undefined).
   */
  private usage(B: Node[]): "binding" | { call?: Node; req?: RequestKind; dict?: Node } | undefined {
    const node = B[0]!;
    const p = B[1];
    if (!p) return undefined;
    switch (p.type) {
      case "assignment":
      case "augmented_assignment":
      case "for_statement":
      case "for_in_clause":
        return same(p.childForFieldName("left"), node) ? "binding" : undefined;
      case "pattern_list":
      case "tuple_pattern":
      case "list_pattern":
      case "parameters":
      case "lambda_parameters":
      case "as_pattern_target":
      case "global_statement":
      case "nonlocal_statement":
      case "delete_statement":
      case "list_splat_pattern":
      case "dictionary_splat_pattern":
        return "binding";
      case "default_parameter":
      case "typed_default_parameter":
      case "named_expression":
      case "function_definition":
      case "class_definition":
      case "aliased_import":
        return same(p.childForFieldName(p.type === "aliased_import" ? "alias" : "name"), node) ? "binding" : undefined;
      case "typed_parameter":
        return same(p.namedChild(0), node) ? "binding" : undefined;
      case "keyword_argument": {
        if (!same(p.childForFieldName("value"), node)) return undefined;
        const name = p.childForFieldName("name")?.text ?? "";
        if (!MODEL.test(name)) return undefined;
        const call = B[2]?.type === "argument_list" && B[3]?.type === "call" ? B[3] : undefined;
        const req = call ? this.requestKind(calleeText(call)) : undefined;
        return call && req && req.modelKeywords.includes(name) ? { call, req } : {};
      }
      case "pair": {
        if (!same(p.childForFieldName("value"), node)) return undefined;
        const k = keyName(p.childForFieldName("key"));
        if (!MODEL.test(k)) return undefined;
        const dict = B[2];
        return k === "model" && dict?.type === "dictionary" && dictKeys(dict).has("messages") ? { dict } : {};
      }
      default:
        return undefined;
    }
  }

  /** Flags for an SDK or LangChain call: keywords the SDK knows, the rest in extra_body (docs/contract.md §5). */
  private callFlags(call: Node, req: RequestKind, rule: Rule, quote: string): FlagFix | undefined {
    const wanted = wantedFlags(rule, req);
    const manual: FlagFix = { status: "manual", edits: [] };
    // A rule without flags: nothing to write, the finding says not-applicable.
    if (Object.keys(wanted).length === 0) return undefined;
    const list = call.childForFieldName("arguments");
    if (!list || list.type !== "argument_list") return manual;
    const els = elements(list);
    // `**kwargs` may already hold extra_body or the flags: adding them could raise a TypeError.
    if (els.some((a) => a.type === "dictionary_splat")) return manual;
    const keywords = new Map<string, Node>();
    for (const a of els) if (a.type === "keyword_argument") keywords.set(a.childForFieldName("name")?.text ?? "", a);
    const extra = keywords.get("extra_body")?.childForFieldName("value") ?? undefined;
    const extraDict = extra?.type === "dictionary" ? extra : undefined;
    const extraKeys = extraDict ? dictKeys(extraDict) : new Set<string>();
    // Thinking disabled next to a reasoning_effort the request sets would be rejected (400): a person decides.
    if (disablesThinking(wanted) && !keywords.has("thinking") && !extraKeys.has("thinking") && (keywords.has("reasoning_effort") || extraKeys.has("reasoning_effort")))
      return manual;
    const kwItems: string[] = [];
    const bodyItems: [string, JsonValue][] = [];
    for (const [k, v] of Object.entries(wanted)) {
      if (keywords.has(k) || extraKeys.has(k)) continue;
      if (SDK_KEYWORD_FLAGS.has(k)) kwItems.push(`${k}=${pyLiteral(v, quote)}`);
      else bodyItems.push([k, v]);
    }
    if (kwItems.length === 0 && bodyItems.length === 0) return { status: "present", edits: [] };
    const edits: Edit[] = [];
    const args = [...kwItems];
    if (bodyItems.length > 0) {
      const q = (extraDict && firstKeyQuote(extraDict)) || quote;
      const entries = bodyItems.map(([k, v]) => `${pyString(k, q)}: ${pyLiteral(v, q)}`);
      if (!extra) args.push(`extra_body={${entries.join(", ")}}`);
      else if (extraDict) edits.push(...this.insertInto(extraDict, entries));
      else {
        const wrap = LOOSE_EXPRESSIONS.has(extra.type);
        edits.push({ start: extra.startIndex, end: extra.startIndex, text: wrap ? "{**(" : "{**" });
        edits.push({ start: extra.endIndex, end: extra.endIndex, text: `${wrap ? ")" : ""}, ${entries.join(", ")}}` });
      }
    }
    edits.push(...this.insertInto(list, args));
    return { status: "added", edits: mergeInsertions(edits) };
  }

  /** Flags for a raw request body dict: keys "thinking" and "reasoning_effort" (docs/contract.md §5). */
  private bodyFlags(dict: Node, rule: Rule, quote: string): FlagFix | undefined {
    if (Object.keys(rule.flags).length === 0) return undefined;
    const keys = dictKeys(dict);
    if (disablesThinking(rule.flags) && !keys.has("thinking") && keys.has("reasoning_effort")) return { status: "manual", edits: [] };
    const q = firstKeyQuote(dict) ?? quote;
    const items = Object.entries(rule.flags)
      .filter(([k]) => !keys.has(k))
      .map(([k, v]) => `${pyString(k, q)}: ${pyLiteral(v, q)}`);
    if (items.length === 0) return { status: "present", edits: [] };
    return { status: "added", edits: mergeInsertions(this.insertInto(dict, items)) };
  }

  private insertInto(container: Node, items: string[]): Edit[] {
    const { open, last, comma } = layoutOf(container);
    const width = this.layout.width;
    const close = container.child(container.childCount - 1);
    const wrap: Wrap | undefined =
      width !== undefined && close
        ? {
            width,
            unit: indentUnit(this.code, "    "),
            trailingComma: trailingCommaStyle(this.code, true),
            elements: elements(container),
            close,
            growth: (s, e) => renameGrowth(this.matches, this.ruleset, s, e),
          }
        : undefined;
    return insertItems(this.code, open, last, comma, items, wrap);
  }
}

/** The flags turn thinking off (then a reasoning_effort in the request makes the API answer 400). */
export function disablesThinking(flags: Record<string, JsonValue>): boolean {
  return isThinkingDisabled(flags.thinking);
}

/** The flags a request needs: the rule's, or the endpoint's fixed values for the keys the rule sets. */
function wantedFlags(rule: Rule, req: RequestKind): Record<string, JsonValue> {
  if (!req.fixedFlags) return rule.flags;
  const out: Record<string, JsonValue> = {};
  for (const [k, v] of Object.entries(req.fixedFlags)) if (k in rule.flags) out[k] = v;
  return out;
}

/** A value that could be either of two IDs: its flags cannot be guessed (when the rule has any). */
function manualIfFlags(rule: Rule): FlagFix | undefined {
  return Object.keys(rule.flags).length > 0 ? { status: "manual", edits: [] } : undefined;
}

