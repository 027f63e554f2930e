import type { ts } from "ts-morph";
import type { AdapterInput, FlagFix, Match, Rule, Site } from "../../core/types.js";
import { detectOtherHost, hostsNamedIn, scopedSite } from "../../rules/hosts.js";
import { markConstantCollisions } from "../shared/constant-collisions.js";
import { markEntryCollisions } from "../shared/entry-collisions.js";
import { lineStyleFor, renameGrowth } from "../shared/line-width.js";
import { classifyLiteral } from "./classify/index.js";
import type { Scope } from "./classify/context.js";
import type { ComparedType } from "./classify/context.js";
import { markComparedTypes } from "./classify/type-members.js";
import { FileFacts } from "./facts.js";
import { walkHooks } from "./hooks.js";
import { HostScopes, markRouterSpelling } from "./host-scope.js";
import { markObjectConstantCollisions } from "./object-collisions.js";
import { olderOpenAiTypes } from "./sdk-version.js";
import { P, at } from "./positions.js";
import { requestEndpoint, requestFlags, type RequestStyle } from "./requests.js";
import { entryList, isResponseObject, lookupName, lowerBound, type Literal } from "./syntax.js";
import type { Resolver } from "./types.js";
import { T, nameText, unwrap } from "./util.js";

/** The positions of a named constant's value (`const MODEL = "…"`): constants a file may tell apart. */
const CONSTANTS: ReadonlySet<string> = new Set([P.modelVariable.id, P.requestModelConstant.id]);

/**
 * The analysis of one parsed file. The file is parsed with no parent links (setParentNodes costs a
 * quarter of the parse) and walked with an explicit stack only into the nodes that hold a match;
 * other facts (typescript/facts.ts) are gathered by walks pruned the same way when a classification
 * first needs them, and parent links elsewhere are set on demand (`link`). Each literal holding a
 * match is then classified (typescript/classify/).
 */
export class FileAnalysis implements Scope {
  readonly text: string;
  private readonly full = walkHooks.full;
  readonly style: RequestStyle;
  /** The lexical scope lookup as typescript/types.ts takes it (with `link` for nodes it reaches downward). */
  readonly resolver: Resolver;
  readonly facts: FileFacts;
  readonly comparedTypes = new Map<ts.Node, ComparedType>();
  private readonly hosts: HostScopes;

  constructor(
    readonly sf: ts.SourceFile,
    readonly input: AdapterInput,
    kind: ts.ScriptKind,
  ) {
    this.text = input.text;
    const isTs = kind === T.ScriptKind.TS || kind === T.ScriptKind.TSX;
    const head = this.text.slice(0, sf.statements[0]?.getStart(sf) ?? this.text.length);
    const lines = input.absPath !== undefined ? lineStyleFor(input.absPath, "js") : {};
    const typed = isTs || /\/\/\s*@ts-check\b/.test(head);
    this.style = {
      typed,
      ...(isTs ? { tsSyntax: true } : {}),
      ...(typed && olderOpenAiTypes(input.absPath) ? { olderSdk: true } : {}),
      ...(lines.width !== undefined ? { width: lines.width, growth: (s: number, e: number) => renameGrowth(input.matches, input.ruleset, s, e) } : {}),
      ...(lines.trailingComma !== undefined ? { trailingComma: lines.trailingComma } : {}),
    };
    this.facts = new FileFacts(this);
    this.hosts = new HostScopes(sf, this.text, (id) => this.resolve(id));
    this.resolver = Object.assign((id: ts.Identifier) => this.resolve(id), { link: (n: ts.Node) => this.link(n) });
  }

  run(): Site[] {
    const literals = this.walk();
    walkHooks.afterWalk?.(this.sf);
    markComparedTypes(this, literals);
    const sites: Site[] = [];
    // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
    const scoping = detectOtherHost(this.text) !== undefined;
    for (const m of this.input.matches) {
      const lit = literals.get(m.idStart);
      const site = lit ? classifyLiteral(this, lit, m) : at(this.inComment(m.idStart) ? P.comment : P.code, m.idStart);
      const provider = lit && this.hosts.providerOf(lit);
      if (provider) sites.push({ ...site, otherHost: `the provider "${provider}"`, hostScope: { construct: "this object" } });
      else sites.push(scoping && lit ? { ...site, ...scopedSite(this.hosts.of(lit)) } : site);
    }
    if (!scoping) this.providerForFile(sites, literals);
    if (!scoping && this.input.matches.some((m) => m.prefix.includes("/"))) markRouterSpelling(sites, this.input.matches, hostsNamedIn(this.text));
    markEntryCollisions(sites, this.input.matches, this.input.ruleset, (site) => {
      const lit = literals.get(site.idStart);
      const list = lit && entryList(lit);
      return list && { key: list, text: this.text.slice(list.getStart(this.sf), list.end) };
    }, P.collidingEntry.id);
    // Two model constants the rename makes equal, told apart by the file (a switch, keys, a comparison).
    markConstantCollisions(sites, this.input.matches, this.input.ruleset, this.text, { declared: CONSTANTS, position: P.collidingConstant.id, bareKeys: false });
    markObjectConstantCollisions(sites, this.input.matches, this.input.ruleset, literals, { text: this.text, position: P.collidingConstant.id, inCode: (pos) => !this.inComment(pos) });
    return sites;
  }

  /**
   * A file whose objects give a legacy ID to another provider (`{ provider: "deepseek-web", model:
   * "deepseek-chat" }`) shows that its IDs may be that provider's: a literal no construct around it
   * names a provider for (`const FALLBACK_MODEL = "deepseek-chat"`) is under review too, as in a file
   * that names another host (docs/hosts-and-sdks.md).
   */
  private providerForFile(sites: Site[], literals: Map<number, Literal>): void {
    const named = sites.find((s) => s.hostScope?.construct === "this object" && typeof s.otherHost === "string");
    if (!named) return;
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i]!;
      const lit = literals.get(site.idStart);
      if (!lit || site.otherHost !== undefined || this.hosts.of(lit) !== undefined) continue;
      sites[i] = { ...site, otherHost: named.otherHost, hostScope: { construct: "this file" } };
    }
  }

  /**
   * Walk from the root with an explicit stack, calling `visit` on each node, and set the parent
   * links on the way (the file is parsed without them): every child of a node walked gets its
   * parent, so a node's link is set only when its parent's is (the chain up to the root is whole).
   * With `offsets` (sorted), only nodes whose [pos, end) holds one of them are walked into: the
   * nodes that hold the text a fact needs, and their ancestors (ranges nest). A pruned walk visits
   * a subsequence of the full walk's nodes, in the same order: facts collected in walk order come
   * out the same.
   */
  descend(offsets: readonly number[] | undefined, visit: (node: ts.Node) => void): void {
    const stack: ts.Node[] = [this.sf];
    let parent: ts.Node = this.sf;
    const push = offsets
      ? (c: ts.Node) => {
          (c as { parent: ts.Node }).parent = parent;
          const i = lowerBound(offsets, c.pos);
          if (i < offsets.length && offsets[i]! < c.end) stack.push(c);
        }
      : (c: ts.Node) => {
          (c as { parent: ts.Node }).parent = parent;
          stack.push(c);
        };
    while (stack.length > 0) {
      const node = stack.pop()!;
      visit(node);
      parent = node;
      T.forEachChild(node, push);
    }
  }

  /**
   * The first walk: literals holding matches, walking only into nodes that hold a match. The other
   * facts (providers, membership tests, model-named properties) are collected by their own pruned
   * walks when a classification first asks for them. With `walkHooks.full`, one walk over every node
   * collects everything (the reference).
   */
  private walk(): Map<number, Literal> {
    const starts = this.input.matches.map((m) => m.idStart);
    const literals = new Map<number, Literal>();
    const literal = (node: ts.Node) => {
      switch (node.kind) {
        case T.SyntaxKind.StringLiteral:
        case T.SyntaxKind.NoSubstitutionTemplateLiteral:
        case T.SyntaxKind.TemplateHead:
        case T.SyntaxKind.TemplateMiddle:
        case T.SyntaxKind.TemplateTail:
        case T.SyntaxKind.JsxText:
        case T.SyntaxKind.RegularExpressionLiteral: {
          // Most literals hold no match: skip them before looking for where their token starts.
          const first = lowerBound(starts, node.pos);
          if (first >= starts.length || starts[first]! >= node.end) return;
          const from = node.kind === T.SyntaxKind.JsxText ? node.pos : node.getStart(this.sf);
          for (let i = lowerBound(starts, from); i < starts.length && starts[i]! < node.end; i++) literals.set(starts[i]!, node as Literal);
        }
      }
    };
    if (!this.full) {
      this.descend(starts, literal);
      return literals;
    }
    this.facts.startFull();
    this.descend(undefined, (node) => {
      literal(node);
      this.facts.visit(node);
    });
    this.facts.modelFacts();
    return literals;
  }

  /**
   * Set the parent links from the root down to `node`, when a walk did not (a later phase reached
   * it downward: a declaration, a type, an expression under a wrapper). Ranges nest, so the
   * ancestors are the nodes whose range holds node's; in a list of children (sorted, disjoint) they
   * are found by binary search, so a long list costs a few steps, not one per element. A zero-width
   * node may sit at the edge of two siblings: both are tried.
   */
  link(node: ts.Node): void {
    if (this.full || node === this.sf || this.hasParent(node)) return;
    const a = node.pos;
    const b = node.end;
    const stack: ts.Node[] = [this.sf];
    let parent: ts.Node = this.sf;
    const one = (c: ts.Node) => {
      if (c.pos <= a && b <= c.end) {
        (c as { parent: ts.Node }).parent = parent;
        if (c !== node) stack.push(c);
      }
    };
    const many = (cs: ts.NodeArray<ts.Node>) => {
      let lo = 0;
      let hi = cs.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cs[mid]!.pos <= a) lo = mid + 1;
        else hi = mid;
      }
      // The last child starting at or before node, and before it only zero-width neighbours' edges.
      for (let i = lo - 1; i >= 0 && cs[i]!.end >= b; i--) one(cs[i]!);
    };
    while (stack.length > 0) {
      parent = stack.pop()!;
      T.forEachChild(parent, one, many);
      if (this.hasParent(node)) return;
    }
  }

  private hasParent(node: ts.Node): boolean {
    walkHooks.linking = true;
    const set = node.parent !== undefined;
    walkHooks.linking = false;
    return set;
  }

  /**
   * The declaration a name refers to, by lexical scope (no type checker): variables, parameters,
   * functions, imports. Both the name and the declaration come back linked to their ancestors.
   */
  resolve(id: ts.Identifier): ts.Node | undefined {
    this.link(id);
    const decl = lookupName(id);
    if (decl) this.link(decl);
    return decl;
  }

  inResponse(node: ts.Node): boolean {
    for (let n: ts.Node | undefined = node.parent; n; n = n.parent) if (T.isObjectLiteralExpression(n) && isResponseObject(n)) return true;
    return false;
  }

  /** Whether an offset outside every literal lies in a comment (or JSDoc). */
  private inComment(pos: number): boolean {
    let node: ts.Node = this.sf;
    for (let guard = 0; guard < 10_000; guard++) {
      let next: ts.Node | undefined;
      for (const child of node.getChildren(this.sf)) {
        if (child.pos <= pos && pos < child.end) {
          next = child;
          break;
        }
      }
      if (!next) return false;
      if (next.kind >= T.SyntaxKind.FirstJSDocNode && next.kind <= T.SyntaxKind.LastJSDocNode) return true;
      if (pos < next.getStart(this.sf)) {
        // Comments after code on the same line are "trailing" for the compiler, the rest "leading".
        const ranges = [...(T.getTrailingCommentRanges(this.text, next.pos) ?? []), ...(T.getLeadingCommentRanges(this.text, next.pos) ?? [])];
        return ranges.some((r) => r.pos <= pos && pos < r.end);
      }
      node = next;
    }
    return false;
  }

  rule(m: Match): Rule {
    return this.input.ruleset.byId.get(m.legacyId)!;
  }

  /** Flags for a literal that is the `model` property of an object: a request, or not. */
  requestFlagsFor(top: ts.Expression, m: Match, uncertain: boolean): FlagFix | undefined {
    const p = top.parent;
    if (!T.isPropertyAssignment(p) || nameText(p.name) !== "model") return undefined;
    const endpoint = requestEndpoint(p.parent);
    if (!endpoint) return undefined;
    if (uncertain) return { status: "manual", edits: [] };
    const lit = unwrap(p.initializer);
    return requestFlags(p.parent, endpoint, this.rule(m), lit, this.sf, this.style);
  }
}
