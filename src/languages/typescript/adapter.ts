import type { ts } from "ts-morph";
import type { Adapter, AdapterInput, AdapterOutput, FlagFix, KeepBoth, Match, Rule, Site } from "../../core/types.js";
import { insertAfterItem } from "../../fix/insert.js";
import { markEntryCollisions } from "../shared/entry-collisions.js";
import {
  CONFIG_GETTERS,
  DEFAULT_METHODS,
  ENV_GETTERS,
  KEY_METHODS,
  MAX_PARSE_CHARS,
  MEMBERSHIP_METHODS,
  MODEL_BUILDER,
  MODEL_FACTORY_CALLS,
  PROVIDER_FACTORIES,
  PROVIDER_METHODS,
  PROVIDER_PACKAGES,
  type ProviderPackage,
} from "./data.js";
import { combineFlags, requestEndpoint, requestFlags, type RequestStyle } from "./requests.js";
import { lineStyleFor, renameGrowth } from "../shared/line-width.js";
import { T, chainNames, isWrapper, loadTs, nameText, unwrap } from "./util.js";
import { declaredType, literalInType, recordKeyType, typeConstraint, type Resolver } from "./types.js";
import { MODEL_NAME as MODEL, MODEL_OPTION as MODEL_FLAG } from "../../knowledge/naming.js";
import { RESPONSE_KEYS, isResponseObjectType, looksLikeSerializedResponse } from "../../knowledge/responses.js";
import { typedBySite } from "../shared/typed-by.js";
import { P, at, typedByPosition } from "./positions.js";
import { blankBodies, blankableBodies, type BlankedBody } from "./skeleton.js";
import { detectOtherHost, hostsNamedIn, mergeMentions, scopedSite, verdictOf, type HostMentions, type HostVerdict } from "../../rules/hosts.js";

/**
 * The TypeScript/JavaScript adapter. The compiler that ts-morph bundles is loaded on first use
 * (never at startup); each file is parsed once with the raw compiler API (no ts-morph Project, no
 * wrapped nodes, no parent links) and walked with an explicit stack only into the nodes that hold a
 * match; other facts are gathered by walks pruned the same way when a classification first needs
 * them, and parent links elsewhere are set on demand (`link`). Input too deep for the parser's own
 * recursion, and files over MAX_PARSE_CHARS, come back as a parse error: the engine then reports
 * their matches lexically.
 */

function scriptKind(path: string): ts.ScriptKind {
  const ext = path.slice(path.lastIndexOf(".")).toLowerCase();
  switch (ext) {
    case ".tsx":
      return T.ScriptKind.TSX;
    case ".ts":
    case ".mts":
    case ".cts":
      return T.ScriptKind.TS;
    case ".jsx":
      return T.ScriptKind.JSX;
    default:
      // .js files may contain JSX: the compiler parses JS with the JSX variant.
      return T.ScriptKind.JS;
  }
}

export const adapter: Adapter = {
  name: "typescript",
  description: "TypeScript / JavaScript (.ts .tsx .mts .cts .js .jsx .mjs .cjs)",
  async scan(input: AdapterInput): Promise<AdapterOutput> {
    if (input.text.length > MAX_PARSE_CHARS)
      return { sites: [], parseError: `larger than ${MAX_PARSE_CHARS} characters, not parsed` };
    await loadTs();
    try {
      const kind = scriptKind(input.path);
      // No parent links from the parser (setParentNodes costs a quarter of the parse): the one walk
      // of FileAnalysis sets them as it goes, before anything reads a parent.
      // The skeleton first (.ts files; not for the reference full walk of the tests), else the whole text.
      const skeleton = skeletonFits(kind, input.text) && !walkHooks.full ? parseSkeleton(input, kind) : undefined;
      const sf = skeleton ?? T.createSourceFile(input.path, input.text, T.ScriptTarget.Latest, false, kind);
      const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
      if (diags.length > 0) {
        const d = diags[0]!;
        const pos = sf.getLineAndCharacterOfPosition(d.start);
        return { sites: [], parseError: `line ${pos.line + 1}: ${T.flattenDiagnosticMessageText(d.messageText, " ")}` };
      }
      return { sites: new FileAnalysis(sf, input, kind).run() };
    } catch (e) {
      // The compiler's parser recurses: input nested several hundred levels deep overflows the stack.
      if (e instanceof RangeError && /call stack/i.test(e.message)) return { sites: [], parseError: "too deeply nested to parse" };
      return { sites: [], parseError: e instanceof Error ? e.message : String(e) };
    }
  },
};

/** `process.env.X`, `process.env["X"]`, `import.meta.env.X`, `Bun.env.X`, `Deno.env.get("X")`. */
function isEnvAccess(e: ts.Expression): boolean {
  const x = unwrap(e);
  if (T.isCallExpression(x)) {
    const names = chainNames(x.expression);
    return names.join(".") === "Deno.env.get" || ENV_GETTERS.includes(names[names.length - 1] ?? "");
  }
  if (!T.isPropertyAccessExpression(x) && !T.isElementAccessExpression(x)) return false;
  const names = chainNames(x);
  const base = names.slice(0, -1).join(".");
  return base === "process.env" || base === "import.meta.env" || base === "Bun.env";
}

interface ValueContext {
  /** The outermost expression the literal's value flows into. */
  top: ts.Expression;
  /** The value went through a conditional or a default (`a ?? "…"`): the model could be something else. */
  uncertain: boolean;
  /** The value is the default of an environment lookup or of a model-named expression. */
  modelDefault: boolean;
}

/** Follow the value up through wrappers, conditional branches and `??`/`||` defaults. */
/** A value that can be copied into a second entry: a literal or a name, no call. */
function plainTsValue(node: ts.Expression): boolean {
  let plain = true;
  const visit = (n: ts.Node): void => {
    if (!plain) return;
    if (T.isCallExpression(n) || T.isNewExpression(n) || T.isFunctionLike(n) || T.isAwaitExpression(n) || T.isTemplateExpression(n) || T.isSpreadAssignment(n) || T.isSpreadElement(n) || T.isClassExpression(n)) plain = false;
    else n.forEachChild(visit);
  };
  visit(node);
  return plain;
}

/** A name that can be written twice: `m`, `cfg.model`, `cfg["model"]`, no call. */
function plainTsName(node: ts.Expression): boolean {
  if (T.isIdentifier(node)) return true;
  if (T.isPropertyAccessExpression(node)) return plainTsName(node.expression);
  if (T.isElementAccessExpression(node)) return T.isStringLiteralLike(node.argumentExpression) && plainTsName(node.expression);
  return node.kind === T.SyntaxKind.ThisKeyword;
}

/**
 * The array literal a value is an entry of, through the objects around it:
 * `[{ id: "…" }, …]`, `[{ model: { id: "…" } }]`. Undefined when anything else stands between.
 */
function entryList(lit: ts.Node): ts.ArrayLiteralExpression | undefined {
  let cur: ts.Node = lit;
  for (let guard = 0; guard < 16; guard++) {
    const p: ts.Node | undefined = cur.parent;
    if (!p) return undefined;
    if (isWrapper(p)) cur = p;
    else if (T.isPropertyAssignment(p) && p.initializer === cur) cur = p.parent;
    else if (T.isObjectLiteralExpression(cur) && T.isArrayLiteralExpression(p)) return p;
    else return undefined;
  }
  return undefined;
}

function valueContext(lit: ts.Expression): ValueContext {
  let cur: ts.Expression = lit;
  let uncertain = false;
  let modelDefault = false;
  for (;;) {
    const p = cur.parent;
    if (isWrapper(p) && p.expression === cur) {
      cur = p;
    } else if (T.isConditionalExpression(p) && (p.whenTrue === cur || p.whenFalse === cur)) {
      uncertain = true;
      cur = p;
    } else if (
      T.isBinaryExpression(p) &&
      p.right === cur &&
      (p.operatorToken.kind === T.SyntaxKind.QuestionQuestionToken || p.operatorToken.kind === T.SyntaxKind.BarBarToken)
    ) {
      uncertain = true;
      if (isEnvAccess(p.left) || chainNames(unwrap(p.left)).some((n) => MODEL.test(n))) modelDefault = true;
      cur = p;
    } else {
      return { top: cur, uncertain, modelDefault };
    }
  }
}

/**
 * The names a value sits under, innermost first: its variable, property key path, class field,
 * parameter, assignment target, type alias, or the function that returns it. Goes up through calls
 * that wrap it (`new Set([...])`, `z.enum([...])`, `Object.freeze(...)`) and method chains
 * (`z.string().default(...)`).
 */
function ownerNames(start: ts.Node): string[] {
  const out: string[] = [];
  let cur: ts.Node = start;
  for (let guard = 0; guard < 64; guard++) {
    const p: ts.Node | undefined = cur.parent;
    if (!p) return out;
    if (isWrapper(p) || T.isParenthesizedTypeNode(p) || T.isUnionTypeNode(p) || T.isArrayTypeNode(p) || T.isTypeOperatorNode(p)) {
      cur = p;
    } else if ((T.isCallExpression(p) || T.isNewExpression(p)) && p.arguments?.includes(cur as ts.Expression)) {
      cur = p;
    } else if (T.isPropertyAccessExpression(p) && p.expression === cur && T.isCallExpression(p.parent) && p.parent.expression === p) {
      cur = p.parent;
    } else if (T.isCallExpression(p) && p.expression === cur) {
      cur = p;
    } else if (T.isVariableDeclaration(p) || T.isPropertyDeclaration(p) || T.isParameter(p) || T.isBindingElement(p) || T.isEnumDeclaration(p)) {
      const n = nameText(p.name);
      if (n) out.push(n);
      return out;
    } else if (T.isTypeAliasDeclaration(p)) {
      out.push(p.name.text);
      return out;
    } else if (T.isPropertySignature(p)) {
      const n = nameText(p.name);
      if (n) out.push(n);
      cur = p.parent;
      const owner = cur.parent;
      if (T.isInterfaceDeclaration(cur)) {
        out.push(cur.name.text);
        return out;
      }
      if (!owner) return out;
    } else if (T.isPropertyAssignment(p) && p.initializer === cur) {
      const n = nameText(p.name);
      if (n) out.push(n);
      cur = p.parent; // the object literal: continue with its own owner (key path)
    } else if (T.isBinaryExpression(p) && p.right === cur && p.operatorToken.kind === T.SyntaxKind.EqualsToken) {
      out.push(...chainNames(p.left).reverse());
      return out;
    } else if (T.isReturnStatement(p) || (T.isArrowFunction(p) && p.body === cur)) {
      const fn = T.isArrowFunction(p) ? p : T.findAncestor(p, T.isFunctionLike);
      if (!fn) return out;
      const n = functionName(fn);
      if (n) out.push(n);
      return out;
    } else {
      return out;
    }
  }
  return out;
}

function functionName(fn: ts.Node): string | undefined {
  if ((T.isFunctionDeclaration(fn) || T.isMethodDeclaration(fn) || T.isGetAccessorDeclaration(fn) || T.isFunctionExpression(fn)) && fn.name)
    return nameText(fn.name);
  const p = fn.parent;
  if (p && (T.isVariableDeclaration(p) || T.isPropertyAssignment(p) || T.isPropertyDeclaration(p))) return nameText(p.name);
  return undefined;
}

function isResponseObject(obj: ts.ObjectLiteralExpression): boolean {
  for (const p of obj.properties) {
    const n = nameText(p.name);
    if (!n) continue;
    if (RESPONSE_KEYS.includes(n)) return true;
    if (n === "object" && T.isPropertyAssignment(p) && T.isStringLiteralLike(p.initializer) && isResponseObjectType(p.initializer.text)) return true;
  }
  return false;
}

function calleeLastName(call: ts.CallExpression | ts.NewExpression): string | undefined {
  const names = chainNames(call.expression);
  return names[names.length - 1];
}

/** Literal nodes that can hold a match. */
type Literal = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateLiteralLikeNode | ts.JsxText | ts.RegularExpressionLiteral;

/**
 * Test hooks (test/typescript-walk.test.ts). `full`: one walk over every node that collects every
 * fact up front: the reference the pruned walks are compared against. `afterWalk`: called between
 * the first walk and the later phases (the test marks the parent links that walk left unset, so a
 * read of one is caught). `linking`: set while `link` looks at a parent link that may be unset.
 */
export const walkHooks: {
  full: boolean;
  afterWalk?: (sf: ts.SourceFile) => void;
  linking: boolean;
  /** Told whether a file's skeleton was parsed ("used"), had nothing to blank ("none") or failed its checks ("fallback"). */
  skeleton?: (outcome: "used" | "none" | "fallback") => void;
} = { full: false, linking: false };

/** Where a model-named property (a name MODEL matches) can be: every "model", in any case. */
const MODEL_WORD = /model/gi;

class FileAnalysis {
  private readonly text: string;
  private readonly full = walkHooks.full;
  /** Provider callables made by `createDeepSeek(...)`. Collected on first use. */
  private providers?: Set<string>;
  /** Membership tests on a name (`LIST.includes(x)`, `SET.has(x)`), by the receiver's name. Collected on first use. */
  private membershipCalls?: Map<string, ts.CallExpression[]>;
  /** Objects with a model-named property whose value is a name (same-file flow candidates), in walk order. */
  private named?: [ts.ObjectLiteralExpression, ts.Identifier, string][];
  /** Declarations used as the value of a model-named property. */
  private usedAsModel?: Set<ts.Node>;
  /** const declarations → the recognized requests that use them as their model. */
  private flows?: Map<ts.Node, { obj: ts.ObjectLiteralExpression; endpoint: "chat" | "fim" }[]>;
  private readonly style: RequestStyle;
  /** The lexical scope lookup as typescript/types.ts takes it (with `link` for nodes it reaches downward). */
  private readonly resolver: Resolver;

  constructor(
    private readonly sf: ts.SourceFile,
    private readonly input: AdapterInput,
    kind: ts.ScriptKind,
  ) {
    this.text = input.text;
    const isTs = kind === T.ScriptKind.TS || kind === T.ScriptKind.TSX;
    const head = this.text.slice(0, sf.statements[0]?.getStart(sf) ?? this.text.length);
    const lines = input.absPath !== undefined ? lineStyleFor(input.absPath, "js") : {};
    this.style = {
      typed: isTs || /\/\/\s*@ts-check\b/.test(head),
      ...(lines.width !== undefined ? { width: lines.width, growth: (s: number, e: number) => renameGrowth(input.matches, input.ruleset, s, e) } : {}),
      ...(lines.trailingComma !== undefined ? { trailingComma: lines.trailingComma } : {}),
    };
    this.resolver = Object.assign((id: ts.Identifier) => this.resolve(id), { link: (n: ts.Node) => this.link(n) });
  }

  run(): Site[] {
    const literals = this.walk();
    walkHooks.afterWalk?.(this.sf);
    this.markComparedTypes(literals);
    const sites: Site[] = [];
    // Hosts scoped to the construct: only a file that names another host can have its verdict changed.
    const scoping = detectOtherHost(this.text) !== undefined;
    for (const m of this.input.matches) {
      const lit = literals.get(m.idStart);
      const site = lit ? this.classifyLiteral(lit, m) : at(this.inComment(m.idStart) ? P.comment : P.code, m.idStart);
      sites.push(scoping && lit ? { ...site, ...scopedSite(this.hostScope(lit)) } : site);
    }
    markEntryCollisions(sites, this.input.matches, this.input.ruleset, (site) => {
      const lit = literals.get(site.idStart);
      const list = lit && entryList(lit);
      return list && { key: list, text: this.text.slice(list.getStart(this.sf), list.end) };
    }, P.collidingEntry.id);
    return sites;
  }



  private mentionCache = new Map<string, HostMentions>();

  private mentionsIn(start: number, end: number): HostMentions {
    const key = `${start}:${end}`;
    let v = this.mentionCache.get(key);
    if (!v) this.mentionCache.set(key, (v = hostsNamedIn(this.text.slice(start, end))));
    return v;
  }

  /**
   * Hosts scoped to the construct (docs/hosts-and-sdks.md): walk out from the literal through the
   * enclosing call, object, property, declaration or assignment, branch, function and class; the
   * first that names a provider decides. A call also names what its receiver's client was made
   * with (`const router = new OpenAI({baseURL: "https://openrouter.ai/api/v1"})` … `router.chat…`).
   */
  private hostScope(lit: ts.Node): HostVerdict {
    let child: ts.Node = lit;
    for (let n: ts.Node | undefined = lit.parent; n && !T.isSourceFile(n); child = n, n = n.parent) {
      const at = (node: ts.Node, what: string, extra?: HostMentions): HostVerdict => {
        const own = this.mentionsIn(node.getStart(this.sf), node.end);
        return verdictOf(extra ? mergeMentions(own, extra) : own, what);
      };
      let v: HostVerdict;
      if (T.isCallExpression(n) || T.isNewExpression(n)) v = at(n, "this call", this.receiverMentions(n));
      else if (T.isObjectLiteralExpression(n)) v = at(n, "this object");
      else if (T.isPropertyAssignment(n)) v = at(n, `the entry ${nameText(n.name) ?? ""}`.trimEnd());
      else if (T.isVariableStatement(n)) v = at(n, "this declaration");
      else if (T.isExpressionStatement(n) && T.isBinaryExpression(n.expression) && n.expression.operatorToken.kind === T.SyntaxKind.EqualsToken) v = at(n, "this assignment");
      else if (T.isConditionalExpression(n)) v = at(n, "this conditional");
      else if (T.isCaseClause(n) || T.isDefaultClause(n)) v = at(n, "this case");
      else if (T.isSwitchStatement(n)) v = at(n, "this switch");
      else if (T.isIfStatement(n)) {
        if (child === n.thenStatement) v = verdictOf(this.mentionsIn(n.getStart(this.sf), n.thenStatement.end), "this branch");
        else if (child === n.elseStatement && !T.isIfStatement(child)) v = at(child, "this branch");
        if (v === undefined) v = at(n, "this if statement");
      } else if (T.isFunctionLike(n)) {
        const name = functionName(n);
        v = at(n, name ? `function ${name}` : "this function");
      } else if (T.isClassLike(n)) v = at(n, n.name ? `class ${n.name.text}` : "this class");
      if (v !== undefined) return v;
    }
    return undefined;
  }

  /** What the client a call's receiver is bound to names: `router` in `router.chat.completions.create(…)`, `ds` in `ds("…")`. */
  private receiverMentions(call: ts.CallExpression | ts.NewExpression): HostMentions | undefined {
    let root: ts.Expression = call.expression;
    while (T.isPropertyAccessExpression(root) || T.isElementAccessExpression(root) || T.isCallExpression(root) || T.isNonNullExpression(root))
      root = root.expression;
    if (!T.isIdentifier(root)) return undefined;
    const decl = this.resolve(root);
    if (!decl || !T.isVariableDeclaration(decl) || !decl.initializer) return undefined;
    const init = unwrap(decl.initializer);
    if (!T.isCallExpression(init) && !T.isNewExpression(init)) return undefined;
    return this.mentionsIn(init.getStart(this.sf), init.end);
  }

  /**
   * Literal types that a comparison in this file tests a value of that type against, or that type
   * the keys of a `Record<…>` object literal here, → that comparison or key.
   */
  private readonly comparedTypes = new Map<ts.Node, { at: ts.Node; kind: "comparison" | "key" }>();

  /**
   * `type ChatModel = "deepseek-chat" | "gpt-4o"` … `if (m === "deepseek-chat")` with `m: ChatModel`:
   * the comparison is never renamed by default, so renaming the type's member alone would break the
   * type-check (the types have no overlap). Such a member is classified like the comparison.
   */
  private markComparedTypes(literals: Map<number, Literal>): void {
    const resolve = this.resolver;
    for (const m of this.input.matches) {
      const lit = literals.get(m.idStart);
      if (!lit || !(T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit))) continue;
      // `const PRICES: Record<ModelId, number> = { "deepseek-chat": … }`: the key and ModelId change together.
      const prop = lit.parent;
      if ((T.isPropertyAssignment(prop) || T.isMethodDeclaration(prop)) && prop.name === lit && T.isObjectLiteralExpression(prop.parent)) {
        const keyType = recordKeyType(prop.parent, resolve);
        const node = keyType && literalInType(keyType, lit.text, resolve);
        if (node && !this.comparedTypes.has(node)) this.comparedTypes.set(node, { at: prop, kind: "key" });
        continue;
      }
      const top = valueContext(lit).top;
      const p = top.parent;
      let operand: ts.Expression | undefined;
      if (T.isBinaryExpression(p)) {
        const op = p.operatorToken.kind;
        const equality = [T.SyntaxKind.EqualsEqualsEqualsToken, T.SyntaxKind.EqualsEqualsToken, T.SyntaxKind.ExclamationEqualsEqualsToken, T.SyntaxKind.ExclamationEqualsToken];
        if (equality.includes(op)) operand = p.left === top ? p.right : p.left;
      } else if (T.isCaseClause(p) && p.expression === top) operand = p.parent.parent.expression;
      if (!operand) continue;
      const type = declaredType(operand, resolve);
      const node = type && literalInType(type, lit.text, resolve);
      if (node && !this.comparedTypes.has(node)) this.comparedTypes.set(node, { at: p, kind: "comparison" });
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
  private descend(offsets: readonly number[] | undefined, visit: (node: ts.Node) => void): void {
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
    this.providers = new Set();
    this.membershipCalls = new Map();
    this.named = [];
    this.descend(undefined, (node) => {
      literal(node);
      this.collectProvider(node);
      this.collectMembership(node);
      this.collectNamed(node);
    });
    this.modelFacts();
    return literals;
  }

  /** Sorted offsets of the occurrences of `words` (whole words only with `bounded`), plus every backslash (an escape can spell any name). */
  private offsetsOf(words: readonly string[] | RegExp, bounded: boolean): number[] {
    return wordOffsets(this.text, words, bounded);
  }

  /** A pruned walk over the nodes holding these offsets (none: nothing to collect). */
  private collect(offsets: number[], visit: (node: ts.Node) => void): void {
    if (offsets.length > 0) this.descend(offsets, visit);
  }

  private providerNames(): Set<string> {
    if (!this.providers) {
      this.providers = new Set();
      this.collect(this.offsetsOf(PROVIDER_FACTORIES, false), (n) => this.collectProvider(n));
      // Instance factories imported under another name (`import { createDeepSeek as make }`).
      const aliases = [...this.imports().instanceFactories].filter((a) => !PROVIDER_FACTORIES.includes(a));
      if (aliases.length > 0) this.collect(this.offsetsOf(aliases, true), (n) => this.collectProvider(n));
    }
    return this.providers;
  }

  private importsCache?: { factories: Set<string>; instanceFactories: Set<string>; namespaces: Map<string, ProviderPackage>; classes: Map<string, readonly string[]> };

  /**
   * Local names bound by imports from the DeepSeek provider packages (typescript/data.ts PROVIDER_PACKAGES):
   * ES imports and `const { … } = require("…")` at the top of the file.
   */
  private imports(): NonNullable<FileAnalysis["importsCache"]> {
    if (this.importsCache) return this.importsCache;
    const out: NonNullable<FileAnalysis["importsCache"]> = { factories: new Set(), instanceFactories: new Set(), namespaces: new Map(), classes: new Map() };
    this.importsCache = out;
    if (!PROVIDER_PACKAGES.some((p) => this.text.includes(p.package))) return out;
    const bind = (pkg: ProviderPackage, exported: string, local: string) => {
      if (pkg.factories?.includes(exported)) out.factories.add(local);
      if (pkg.instanceFactories?.includes(exported)) out.instanceFactories.add(local);
      const cls = pkg.classes?.find((c) => c.name === exported);
      if (cls) out.classes.set(local, cls.keys);
    };
    const pkgOf = (spec: ts.Expression | undefined) => (spec && T.isStringLiteralLike(spec) ? PROVIDER_PACKAGES.find((p) => p.package === spec.text) : undefined);
    for (const st of this.sf.statements) {
      if (T.isImportDeclaration(st) && st.importClause && !st.importClause.isTypeOnly) {
        const pkg = pkgOf(st.moduleSpecifier);
        const b = st.importClause.namedBindings;
        if (!pkg || !b) continue;
        if (T.isNamespaceImport(b)) out.namespaces.set(b.name.text, pkg);
        else for (const e of b.elements) if (!e.isTypeOnly) bind(pkg, (e.propertyName ?? e.name).text, e.name.text);
      } else if (T.isVariableStatement(st)) {
        for (const d of st.declarationList.declarations) {
          const init = d.initializer && unwrap(d.initializer);
          if (!init || !T.isCallExpression(init) || !T.isIdentifier(init.expression) || init.expression.text !== "require") continue;
          const pkg = pkgOf(init.arguments[0]);
          if (!pkg) continue;
          if (T.isIdentifier(d.name)) out.namespaces.set(d.name.text, pkg);
          else if (T.isObjectBindingPattern(d.name))
            for (const e of d.name.elements) {
              const exported = e.propertyName ? nameText(e.propertyName) : T.isIdentifier(e.name) ? e.name.text : undefined;
              if (exported && T.isIdentifier(e.name)) bind(pkg, exported, e.name.text);
            }
        }
      }
    }
    return out;
  }

  /** `new ChatDeepSeek({ model: "…" })` with the class imported from a DeepSeek provider package, for a key the table names. */
  private importedClassKey(prop: ts.PropertyAssignment): boolean {
    const obj = prop.parent;
    const call = obj.parent;
    if (!call || !(T.isNewExpression(call) || T.isCallExpression(call)) || call.arguments?.[0] !== obj) return false;
    const key = nameText(prop.name);
    const names = chainNames(call.expression);
    const imp = this.imports();
    const keys =
      names.length === 1 ? imp.classes.get(names[0]!) : names.length === 2 ? imp.namespaces.get(names[0]!)?.classes?.find((c) => c.name === names[1])?.keys : undefined;
    return !!key && !!keys?.includes(key);
  }

  /** A callee path that is a model factory imported from a DeepSeek provider package: `ds("…")`, `ds.chat("…")`, `x.deepSeek("…")`. */
  private importedFactory(names: string[]): string | undefined {
    const imp = this.imports();
    if (imp.factories.size === 0 && imp.namespaces.size === 0) return undefined;
    const [a, b, c] = names;
    if (a === undefined) return undefined;
    if (imp.factories.has(a) && (names.length === 1 || (names.length === 2 && PROVIDER_METHODS.includes(b!)))) return a;
    const pkg = imp.namespaces.get(a);
    if (pkg && b !== undefined && pkg.factories?.includes(b) && (names.length === 2 || (names.length === 3 && PROVIDER_METHODS.includes(c!)))) return `${a}.${b}`;
    return undefined;
  }

  private membership(): Map<string, ts.CallExpression[]> {
    if (!this.membershipCalls) {
      this.membershipCalls = new Map();
      this.collect(this.offsetsOf(MEMBERSHIP_METHODS, true), (n) => this.collectMembership(n));
    }
    return this.membershipCalls;
  }

  /** `const ds = createDeepSeek(...)`: `ds` is a provider. */
  private collectProvider(node: ts.Node): void {
    if (node.kind !== T.SyntaxKind.VariableDeclaration) return;
    const d = node as ts.VariableDeclaration;
    if (T.isIdentifier(d.name) && d.initializer) {
      const init = unwrap(d.initializer);
      if (!T.isCallExpression(init)) return;
      const names = chainNames(init.expression);
      const last = names[names.length - 1] ?? "";
      const imp = this.imports();
      if (
        PROVIDER_FACTORIES.includes(last) ||
        (names.length === 1 && imp.instanceFactories.has(last)) ||
        (names.length === 2 && imp.namespaces.get(names[0]!)?.instanceFactories?.includes(last))
      )
        this.providers!.add(d.name.text);
    }
  }

  /** `REASONING_MODELS.includes(model)`: the list's members are compared against. */
  private collectMembership(node: ts.Node): void {
    if (node.kind !== T.SyntaxKind.CallExpression) return;
    const c = node as ts.CallExpression;
    if (T.isPropertyAccessExpression(c.expression) && MEMBERSHIP_METHODS.includes(c.expression.name.text)) {
      const recv = unwrap(c.expression.expression);
      if (T.isIdentifier(recv)) {
        // Resolved only when a list of that name holds a match (see classifyElement).
        const calls = this.membershipCalls!;
        const list = calls.get(recv.text);
        if (list) list.push(c);
        else calls.set(recv.text, [c]);
      }
    }
  }

  /** Model-named properties whose value is a name: resolved once the walk is done. */
  private collectNamed(node: ts.Node): void {
    if (node.kind !== T.SyntaxKind.ObjectLiteralExpression) return;
    const obj = node as ts.ObjectLiteralExpression;
    for (const p of obj.properties) {
      const n = nameText(p.name);
      if (!n || !MODEL.test(n)) continue;
      if (T.isShorthandPropertyAssignment(p) || (T.isPropertyAssignment(p) && T.isIdentifier(unwrap(p.initializer))))
        this.named!.push([obj, T.isShorthandPropertyAssignment(p) ? p.name : (unwrap(p.initializer) as ts.Identifier), n]);
    }
  }

  /** Declarations used as a model-named property's value, and the same-file flows into requests. */
  private modelFacts(): { usedAsModel: Set<ts.Node>; flows: Map<ts.Node, { obj: ts.ObjectLiteralExpression; endpoint: "chat" | "fim" }[]> } {
    if (!this.usedAsModel || !this.flows) {
      if (!this.named) {
        this.named = [];
        this.collect(this.offsetsOf(MODEL_WORD, false), (n) => this.collectNamed(n));
      }
      this.usedAsModel = new Set();
      const modelRefs: ts.ObjectLiteralExpression[] = [];
      for (const [obj, id, n] of this.named) {
        const decl = this.resolve(id);
        if (decl) this.usedAsModel.add(decl);
        if (n === "model") modelRefs.push(obj);
      }
      this.flows = new Map();
      this.resolveFlows(modelRefs);
    }
    return { usedAsModel: this.usedAsModel, flows: this.flows };
  }

  /**
   * Set the parent links from the root down to `node`, when a walk did not (a later phase reached
   * it downward: a declaration, a type, an expression under a wrapper). Ranges nest, so the
   * ancestors are the nodes whose range holds node's; in a list of children (sorted, disjoint) they
   * are found by binary search, so a long list costs a few steps, not one per element. A zero-width
   * node may sit at the edge of two siblings: both are tried.
   */
  private link(node: ts.Node): void {
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

  /** Same-file flow (docs/contract.md §5): requests whose model is a name bound to a const in this file. */
  private resolveFlows(modelRefs: ts.ObjectLiteralExpression[]): void {
    const flows = this.flows!;
    for (const obj of modelRefs) {
      const endpoint = requestEndpoint(obj);
      if (!endpoint) continue;
      const prop = obj.properties.find((p) => nameText(p.name) === "model")!;
      const id = T.isShorthandPropertyAssignment(prop) ? prop.name : (unwrap((prop as ts.PropertyAssignment).initializer) as ts.Identifier);
      const decl = this.resolve(id);
      if (!decl || !T.isVariableDeclaration(decl) || !decl.initializer) continue;
      if (!(T.getCombinedNodeFlags(decl) & T.NodeFlags.Const)) continue;
      let list = flows.get(decl);
      if (!list) flows.set(decl, (list = []));
      list.push({ obj, endpoint });
    }
  }

  /**
   * The declaration a name refers to, by lexical scope (no type checker): variables, parameters,
   * functions, imports. Both the name and the declaration come back linked to their ancestors.
   */
  private resolve(id: ts.Identifier): ts.Node | undefined {
    this.link(id);
    const decl = this.lookup(id);
    if (decl) this.link(decl);
    return decl;
  }

  private lookup(id: ts.Identifier): ts.Node | undefined {
    const name = id.text;
    for (let n: ts.Node | undefined = id.parent; n; n = n.parent) {
      if (T.isFunctionLike(n)) {
        for (const p of n.parameters) if (bindsName(p.name, name)) return p;
      }
      if (T.isCatchClause(n) && n.variableDeclaration && bindsName(n.variableDeclaration.name, name)) return n.variableDeclaration;
      if ((T.isForStatement(n) || T.isForOfStatement(n) || T.isForInStatement(n)) && n.initializer && T.isVariableDeclarationList(n.initializer)) {
        for (const d of n.initializer.declarations) if (bindsName(d.name, name)) return d;
      }
      let statements: ts.NodeArray<ts.Statement> | undefined;
      if (T.isSourceFile(n) || T.isBlock(n) || T.isModuleBlock(n)) statements = n.statements;
      else if (T.isCaseClause(n) || T.isDefaultClause(n)) statements = n.statements;
      if (!statements) continue;
      for (const s of statements) {
        const target = T.isExportDeclaration(s) ? undefined : s;
        if (!target) continue;
        if (T.isVariableStatement(target)) {
          for (const d of target.declarationList.declarations) if (bindsName(d.name, name)) return T.isIdentifier(d.name) ? d : undefined;
        } else if ((T.isFunctionDeclaration(target) || T.isClassDeclaration(target) || T.isEnumDeclaration(target)) && target.name?.text === name) {
          return target;
        } else if (T.isImportDeclaration(target) && target.importClause) {
          const c = target.importClause;
          if (c.name?.text === name) return c;
          const b = c.namedBindings;
          if (b && T.isNamespaceImport(b) && b.name.text === name) return b;
          if (b && T.isNamedImports(b)) for (const e of b.elements) if (e.name.text === name) return e;
        }
      }
    }
    return undefined;
  }

  private inResponse(node: ts.Node): boolean {
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

  /** Nesting of classifyLiteral through type constraints (a value typed by a value typed by …). */
  private constraintDepth = 0;

  private classifyLiteral(lit: Literal, m: Match): Site {
    const site = this.classifyPosition(lit, m);
    if ((site.kind === "key" || site.kind === "comparison") && (T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit))) {
      const kb = this.keepBoth(lit, site, m);
      if (kb) site.keepBoth = kb;
    }
    if ((site.kind !== "model" && site.kind !== "other") || !(T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit)) || this.constraintDepth > 4) return site;
    // A value typed by a same-file literal (a union, `(typeof LIST)[number]`, a zod enum) is renamed
    // only together with it: renaming one alone breaks the type-check. This holds for a value in an
    // unknown position too (an argument of a function whose parameter has that type).
    const c = typeConstraint(lit, this.resolver);
    if (!c || c === "open") return site;
    const node = c.node;
    this.link(node);
    const start = node.getStart(this.sf) + 1;
    const end = node.end - 1;
    const fake: Match = { ...m, start, end, idStart: end - m.legacyId.length };
    let other: Site;
    this.constraintDepth++;
    try {
      other = T.isLiteralTypeNode(node.parent) ? this.classifyType(node.parent, fake) : this.classifyLiteral(node as Literal, fake);
    } finally {
      this.constraintDepth--;
    }
    const typed = typedBySite(site, other, this.sf.getLineAndCharacterOfPosition(start).line + 1, c.via, m.legacyId);
    // The site keeps typedBySite's description: the line of the type, in the rename group's report.
    return typed === site ? site : { ...typed, position: typedByPosition(typed.kind) };
  }

  /**
   * The keep-both edits of an object key, a switch case, a comparison or a membership array
   * (docs/groups.md): the new ID added beside the old, so renamed values and old data both work.
   */
  private keepBoth(lit: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral, site: Site, m: Match): KeepBoth | undefined {
    const rule = this.rule(m);
    const start = lit.getStart(this.sf);
    const quote = this.text[start]!;
    const target = `${quote}${m.prefix}${rule.target}${quote}`;
    const parent = lit.parent;
    if (site.kind === "key") {
      if (!T.isPropertyAssignment(parent) || parent.name !== lit || !T.isObjectLiteralExpression(parent.parent)) return undefined;
      if (!plainTsValue(parent.initializer)) return undefined;
      const edit = insertAfterItem(this.text, { startIndex: parent.getStart(this.sf), endIndex: parent.end }, `${target}: ${parent.initializer.getText(this.sf)}`);
      return edit && { edits: [edit], scope: [parent.parent.getStart(this.sf), parent.parent.end], shape: "entry" };
    }
    const ctx = valueContext(lit);
    if (ctx.top !== lit && !(isWrapper(ctx.top) && !ctx.uncertain)) return undefined;
    const top = ctx.top;
    const p = top.parent;
    if (T.isCaseClause(p) && p.expression === top) {
      // `case "deepseek-chat":` gains a `case "deepseek-v4-flash":` label before it (falling through).
      const at = p.getStart(this.sf);
      const lineStart = this.text.lastIndexOf("\n", at - 1) + 1;
      const indent = this.text.slice(lineStart, at);
      const eol = this.text[lineStart - 2] === "\r" ? "\r\n" : "\n";
      const label = /^\s*$/.test(indent) ? `case ${target}:${eol}${indent}` : `case ${target}: `;
      return { edits: [{ start: at, end: at, text: label }], scope: [p.parent.getStart(this.sf), p.parent.end], shape: "label" };
    }
    if (T.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      const eq = op === T.SyntaxKind.EqualsEqualsEqualsToken || op === T.SyntaxKind.EqualsEqualsToken;
      const ne = op === T.SyntaxKind.ExclamationEqualsEqualsToken || op === T.SyntaxKind.ExclamationEqualsToken;
      const other = p.left === top ? p.right : p.left;
      if ((!eq && !ne) || !plainTsName(other)) return undefined;
      // `m === "a"` → `(m === "a" || m === "b")`; `m !== "a"` → `(m !== "a" && m !== "b")`.
      const from = p.getStart(this.sf);
      const copy = this.text.slice(from, start) + target + this.text.slice(lit.end, p.end);
      let scope: ts.Node = p;
      for (let n: ts.Node = p.parent; n && !T.isSourceFile(n) && !T.isFunctionLike(n); n = n.parent) {
        if (T.isIfStatement(n) || T.isConditionalExpression(n)) scope = n;
        else if (T.isBlock(n) && scope !== p) break;
      }
      // Parentheses unless the comparison already sits in its own (an `if`, a parenthesized test).
      const bare = (T.isIfStatement(p.parent) || T.isWhileStatement(p.parent) || T.isParenthesizedExpression(p.parent)) && (p.parent as { expression: ts.Node }).expression === p;
      return {
        edits: [
          ...(bare ? [] : [{ start: from, end: from, text: "(" }]),
          { start: p.end, end: p.end, text: ` ${eq ? "||" : "&&"} ${copy}${bare ? "" : ")"}` },
        ],
        scope: [scope.getStart(this.sf), scope.end],
        shape: "comparison",
      };
    }
    if (T.isArrayLiteralExpression(p) && (site.position === P.membershipList.id || site.position === P.membershipListMember.id)) {
      let last: ts.Node = top;
      for (const e of p.elements) {
        if (!T.isStringLiteralLike(e)) continue;
        const v = e.text;
        const r = this.input.ruleset.rules.find((x) => v === x.legacyId || v.endsWith(`/${x.legacyId}`) || v.endsWith(`:${x.legacyId}`));
        if (r && r.target === rule.target && e.pos > last.pos) last = e;
      }
      return { edits: [{ start: last.end, end: last.end, text: `, ${target}` }], scope: [p.getStart(this.sf), p.end], shape: "item" };
    }
    return undefined;
  }

  private classifyPosition(lit: Literal, m: Match): Site {
    if (this.inResponse(lit)) return at(P.recordedResponse, m.idStart);
    if (T.isJsxText(lit)) return at(P.jsxText, m.idStart);
    const start = lit.getStart(this.sf);
    const exact = (T.isStringLiteral(lit) || T.isNoSubstitutionTemplateLiteral(lit)) && start + 1 === m.start && lit.end - 1 === m.end;
    if (!exact) {
      // A captured stream or serialized response in a string (test fixtures, SSE mocks) is history.
      const whole: ts.Node = T.findAncestor(lit, T.isTemplateExpression) ?? lit;
      if (!T.isRegularExpressionLiteral(lit) && looksLikeSerializedResponse(this.text.slice(whole.getStart(this.sf), whole.end)))
        return at(P.serializedResponse, m.idStart);
    }
    if (!T.isStringLiteral(lit) && !T.isNoSubstitutionTemplateLiteral(lit)) return at(P.templateOrRegex, m.idStart);
    if (!exact) return at(P.stringWithOtherText, m.idStart);

    const parent = lit.parent;
    // Keys: { "deepseek-chat": … }, [ "deepseek-chat" ]: …, obj["deepseek-chat"], interface { "deepseek-chat": … }.
    if ((parent as { name?: ts.Node }).name === lit && !T.isEnumMember(parent)) return at(P.objectKey, m.idStart);
    if (T.isComputedPropertyName(parent)) return at(P.computedKey, m.idStart);
    if (T.isBindingElement(parent) && parent.propertyName === lit) return at(P.destructuredKey, m.idStart);
    if (T.isElementAccessExpression(parent) && parent.argumentExpression === lit) return at(P.elementAccessKey, m.idStart);
    if (T.isEnumMember(parent)) {
      if (parent.name === lit) return at(P.enumMemberName, m.idStart);
      const en = parent.parent;
      return at(P.enumMember, m.idStart, {
        members: en.members.flatMap((x) => (x.initializer && T.isStringLiteralLike(x.initializer) ? [x.initializer.text] : [])),
        modelNamed: MODEL.test(en.name.text),
      });
    }
    if (T.isLiteralTypeNode(parent)) return this.classifyType(parent, m);
    if (T.isJsxAttribute(parent) || T.isJsxExpression(parent)) return at(P.jsxAttribute, m.idStart);

    const ctx = valueContext(lit);
    const top = ctx.top;
    const p = top.parent;
    if (ctx.modelDefault) {
      const flags = this.requestFlagsFor(top, m, true);
      return at(P.lookupDefault, m.idStart, flags ? { flags } : {});
    }
    if (T.isBinaryExpression(p)) {
      const op = p.operatorToken.kind;
      if (
        op === T.SyntaxKind.EqualsEqualsEqualsToken ||
        op === T.SyntaxKind.EqualsEqualsToken ||
        op === T.SyntaxKind.ExclamationEqualsEqualsToken ||
        op === T.SyntaxKind.ExclamationEqualsToken ||
        (op === T.SyntaxKind.InKeyword && p.left === top)
      )
        return at(P.comparison, m.idStart);
      // `x.model = "…"`, and the defaults `model ??= "…"`, `process.env.X_MODEL ||= "…"`.
      const assigns = op === T.SyntaxKind.EqualsToken || op === T.SyntaxKind.QuestionQuestionEqualsToken || op === T.SyntaxKind.BarBarEqualsToken;
      if (assigns && p.right === top) {
        return at(chainNames(p.left).some((n) => MODEL.test(n)) ? P.modelAssignment : P.assignment, m.idStart);
      }
      return at(P.operand, m.idStart);
    }
    if (T.isCaseClause(p) && p.expression === top) return at(P.switchCase, m.idStart);
    if (T.isCallExpression(p) && p.arguments.includes(top)) return this.classifyArgument(p, top, m, ctx.uncertain);
    if (T.isNewExpression(p)) return at(P.constructorArgument, m.idStart);
    if (T.isVariableDeclaration(p) && p.initializer === top) {
      const name = nameText(p.name);
      const { usedAsModel, flows: allFlows } = this.modelFacts();
      const flows = allFlows.get(p);
      if (flows) {
        const rule = this.rule(m);
        const flags = ctx.uncertain
          ? ({ status: "manual", edits: [] } as FlagFix)
          : combineFlags(flows.map((f) => requestFlags(f.obj, f.endpoint, rule, lit, this.sf, this.style)));
        return at(P.requestModelConstant, m.idStart, flags ? { flags } : {});
      }
      return at((name && MODEL.test(name)) || usedAsModel.has(p) ? P.modelVariable : P.variable, m.idStart);
    }
    if ((T.isBindingElement(p) || T.isParameter(p) || T.isPropertyDeclaration(p)) && p.initializer === top) {
      const names = [nameText(p.name), T.isBindingElement(p) && p.propertyName ? nameText(p.propertyName) : undefined];
      return at(names.some((n) => n && MODEL.test(n)) ? P.modelDefault : P.defaultValue, m.idStart);
    }
    if (T.isPropertyAssignment(p) && p.initializer === top) {
      const names = ownerNames(top);
      if (!names.some((n) => MODEL.test(n))) return at(this.importedClassKey(p) ? P.providerClassOption : P.property, m.idStart);
      const flags = nameText(p.name) === "model" ? this.requestFlagsFor(top, m, ctx.uncertain) : undefined;
      return at(P.modelProperty, m.idStart, flags ? { flags } : {});
    }
    if (T.isReturnStatement(p) || (T.isArrowFunction(p) && p.body === top)) {
      return at(ownerNames(top).some((n) => MODEL.test(n)) ? P.modelReturn : P.returnValue, m.idStart);
    }
    if (T.isArrayLiteralExpression(p)) return this.classifyElement(p, top, m);
    return at(P.value, m.idStart);
  }

  private rule(m: Match): Rule {
    return this.input.ruleset.byId.get(m.legacyId)!;
  }

  /** Flags for a literal that is the `model` property of an object: a request, or not. */
  private requestFlagsFor(top: ts.Expression, m: Match, uncertain: boolean): FlagFix | undefined {
    const p = top.parent;
    if (!T.isPropertyAssignment(p) || nameText(p.name) !== "model") return undefined;
    const endpoint = requestEndpoint(p.parent);
    if (!endpoint) return undefined;
    if (uncertain) return { status: "manual", edits: [] };
    const lit = unwrap(p.initializer);
    return requestFlags(p.parent, endpoint, this.rule(m), lit, this.sf, this.style);
  }

  private classifyArgument(call: ts.CallExpression, top: ts.Expression, m: Match, uncertain: boolean): Site {
    const index = call.arguments.indexOf(top);
    const names = chainNames(call.expression);
    const last = names[names.length - 1] ?? "";
    const path = names.join(".");
    if (index === 0 && MEMBERSHIP_METHODS.includes(last) && T.isPropertyAccessExpression(call.expression)) return at(P.membershipArgument, m.idStart);
    if (index === 1 && ENV_GETTERS.includes(last)) return at(P.envDefault, m.idStart);
    if (index === 1 && CONFIG_GETTERS.includes(last)) {
      const key = call.arguments[0];
      if (key && T.isStringLiteralLike(key) && MODEL.test(key.text)) return at(P.configDefault, m.idStart);
    }
    if (index === 0) {
      if (MODEL_FACTORY_CALLS.includes(path)) return at(P.modelFactory, m.idStart);
      if (this.importedFactory(names)) return at(P.importedFactory, m.idStart);
      if (names.length === 1 && this.providerNames().has(last)) return at(P.modelFactory, m.idStart);
      if (names.length === 2 && this.providerNames().has(names[0]!) && PROVIDER_METHODS.includes(last)) return at(P.modelFactory, m.idStart);
      if (MODEL_BUILDER.test(last)) return at(P.modelBuilder, m.idStart);
      if (KEY_METHODS.includes(last) && T.isPropertyAccessExpression(call.expression)) return at(P.mapKeyArgument, m.idStart);
    }
    if (DEFAULT_METHODS.includes(last) && T.isPropertyAccessExpression(call.expression) && !uncertain) {
      return at(ownerNames(call).some((n) => MODEL.test(n)) ? P.schemaDefault : P.argument, m.idStart);
    }
    return at(P.argument, m.idStart);
  }

  /** The first membership test whose receiver is this declaration. */
  private membershipTest(decl: ts.VariableDeclaration): ts.CallExpression | undefined {
    if (!T.isIdentifier(decl.name)) return undefined;
    for (const c of this.membership().get(decl.name.text) ?? []) {
      const recv = unwrap((c.expression as ts.PropertyAccessExpression).expression) as ts.Identifier;
      if (this.resolve(recv) === decl) return c;
    }
    return undefined;
  }

  private classifyElement(arr: ts.ArrayLiteralExpression, top: ts.Expression, m: Match): Site {
    // new Map([["deepseek-chat", …], …]): entry keys are keys; values are model values when the map is model-named.
    const outer = arr.parent;
    if (T.isArrayLiteralExpression(outer) && T.isNewExpression(outer.parent) && chainNames(outer.parent.expression).join(".") === "Map") {
      const index = arr.elements.indexOf(top);
      if (index === 0) return at(P.mapEntryKey, m.idStart);
      if (index === 1) return at(ownerNames(outer.parent).some((n) => MODEL.test(n)) ? P.modelMapValue : P.mapValue, m.idStart);
    }
    // ["deepseek-chat", "deepseek-reasoner"].includes(model): a membership test.
    let recv: ts.Node = arr;
    while (isWrapper(recv.parent) && (recv.parent as ts.ParenthesizedExpression).expression === recv) recv = recv.parent;
    const acc = recv.parent;
    if (T.isPropertyAccessExpression(acc) && acc.expression === recv && MEMBERSHIP_METHODS.includes(acc.name.text)) return at(P.membershipList, m.idStart);
    // `spawn("agent", ["--model", "deepseek-chat"])`: the value of a command-line option.
    const prevEl = arr.elements[arr.elements.indexOf(top) - 1];
    if (prevEl && T.isStringLiteralLike(prevEl) && MODEL_FLAG.test(prevEl.text)) return at(P.commandLineOption, m.idStart);
    // `const REASONING_MODELS = [...]` … `REASONING_MODELS.includes(model)`: a membership test too.
    let owner: ts.Node = recv;
    for (;;) {
      const up: ts.Node = owner.parent;
      if (isWrapper(up) && up.expression === owner) owner = up;
      else if ((T.isNewExpression(up) || T.isCallExpression(up)) && (up.arguments ?? []).some((a) => a === owner)) owner = up;
      else break;
    }
    const test = T.isVariableDeclaration(owner.parent) && owner.parent.initializer === owner ? this.membershipTest(owner.parent) : undefined;
    if (test) {
      const line = this.sf.getLineAndCharacterOfPosition(test.getStart(this.sf)).line + 1;
      return at(P.membershipListMember, m.idStart, { advice: `This list is used in a membership test (line ${line}).` });
    }
    const members = arr.elements.flatMap((e) => (T.isStringLiteralLike(e) ? [e.text] : []));
    return at(P.arrayMember, m.idStart, { members, modelNamed: ownerNames(arr).some((n) => MODEL.test(n)) });
  }

  private classifyType(litType: ts.LiteralTypeNode, m: Match): Site {
    let cur: ts.TypeNode = litType;
    while (T.isUnionTypeNode(cur.parent) || T.isParenthesizedTypeNode(cur.parent)) cur = cur.parent;
    const p = cur.parent;
    if (T.isTypeReferenceNode(p) && p.typeArguments?.[0] === cur && T.isIdentifier(p.typeName) && p.typeName.text === "Record")
      return at(P.recordKeyType, m.idStart);
    const compared = this.comparedTypes.get(litType.literal);
    if (compared) {
      const line = this.sf.getLineAndCharacterOfPosition(compared.at.getStart(this.sf)).line + 1;
      const what = compared.kind === "key" ? "types the keys of an object" : "is compared against a value of this type";
      return at(compared.kind === "key" ? P.keyedTypeMember : P.comparedTypeMember, m.idStart, {
        advice: `${litType.literal.getText(this.sf)} ${what} at line ${line}: the type and that ${compared.kind} change together.`,
      });
    }
    const members: string[] = [];
    const stack: ts.TypeNode[] = [cur];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (T.isUnionTypeNode(t)) stack.push(...t.types);
      else if (T.isParenthesizedTypeNode(t)) stack.push(t.type);
      else if (T.isLiteralTypeNode(t) && T.isStringLiteralLike(t.literal)) members.push(t.literal.text);
    }
    return at(P.unionMember, m.idStart, { members, modelNamed: ownerNames(cur).some((n) => MODEL.test(n)) });
  }
}

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (T.isIdentifier(name)) return name.text === wanted;
  for (const e of name.elements) if (!T.isOmittedExpression(e) && bindsName(e.name, wanted)) return true;
  return false;
}

function lowerBound(arr: readonly number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** An ASCII character of a name (`[A-Za-z0-9_$]`); NaN (outside the text) is not. */
/** Sorted offsets of the occurrences of `words` (whole words only with `bounded`), plus every backslash (an escape can spell any name). */
function wordOffsets(text: string, words: readonly string[] | RegExp, bounded: boolean): number[] {
  const out: number[] = [];
  if (words instanceof RegExp) {
    words.lastIndex = 0;
    for (let m = words.exec(text); m; m = words.exec(text)) out.push(m.index);
  } else {
    for (const w of words) {
      for (let i = text.indexOf(w); i >= 0; i = text.indexOf(w, i + 1)) {
        // An ASCII name character next to it makes it part of a longer name; anything else may not.
        if (bounded && (isNameChar(text.charCodeAt(i - 1)) || isNameChar(text.charCodeAt(i + w.length)))) continue;
        out.push(i);
      }
    }
  }
  for (let i = text.indexOf("\\"); i >= 0; i = text.indexOf("\\", i + 1)) out.push(i);
  return out.sort((a, b) => a - b);
}

/**
 * Every offset the analysis may look at below the top of the tree: the matches and what the pruned
 * walks search for (src/languages/typescript/skeleton.ts blanks only function bodies that hold none).
 */
function interestingOffsets(text: string, matches: readonly Match[]): number[] {
  // One pass for a superset of what the pruned walks search (case-insensitive, membership methods
  // at ASCII word boundaries): a superset only keeps more bodies.
  INTEREST ??= new RegExp(
    [
      "model",
      "\\\\",
      ...PROVIDER_FACTORIES.map(escapeRegExp),
      `\\b(?:${MEMBERSHIP_METHODS.map(escapeRegExp).join("|")})\\b`,
    ].join("|"),
    "gi",
  );
  const found: number[] = [];
  INTEREST.lastIndex = 0;
  for (let m = INTEREST.exec(text); m; m = INTEREST.exec(text)) found.push(m.index);
  const starts = matches.map((m) => m.idStart).sort((a, b) => a - b);
  // Both lists are sorted: merge them.
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < found.length || j < starts.length) {
    if (j >= starts.length || (i < found.length && found[i]! <= starts[j]!)) out.push(found[i++]!);
    else out.push(starts[j++]!);
  }
  return out;
}

let INTEREST: RegExp | undefined;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether a file may be parsed as its skeleton: `.ts` files, and JavaScript files without anything
 * that could be JSX (`<` before a letter, `>` or `/`): JSX text is not JavaScript tokens.
 */
function skeletonFits(kind: ts.ScriptKind, text: string): boolean {
  if (kind === T.ScriptKind.TS) return true;
  return kind === T.ScriptKind.JS && !/<[A-Za-z_$>/]/.test(text);
}

/**
 * Parse the file's skeleton (typescript/skeleton.ts): the text with the bodies of functions that hold
 * nothing of interest blanked. Undefined (parse the whole text) when there is nothing to blank, when
 * the skeleton does not parse cleanly, or when a blanked range is not exactly a function's body in
 * the tree. The source file it returns carries the original text: positions are the same.
 */
function parseSkeleton(input: AdapterInput, kind: ts.ScriptKind): ts.SourceFile | undefined {
  const bodies = blankableBodies(input.text, interestingOffsets(input.text, input.matches));
  if (!bodies || bodies.length === 0) {
    walkHooks.skeleton?.("none");
    return undefined;
  }
  const sf = T.createSourceFile(input.path, blankBodies(input.text, bodies), T.ScriptTarget.Latest, false, kind);
  const diags = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  if (diags.length > 0 || !bodiesAreFunctionBodies(sf, bodies)) {
    walkHooks.skeleton?.("fallback");
    return undefined;
  }
  (sf as { text: string }).text = input.text;
  walkHooks.skeleton?.("used");
  return sf;
}

/**
 * Whether every blanked range is exactly the body of a function-like node in the tree: one walk
 * down the paths to the ranges (bodies are sorted and do not nest).
 */
function bodiesAreFunctionBodies(sf: ts.SourceFile, bodies: readonly BlankedBody[]): boolean {
  const opens = bodies.map((b) => b.open);
  let found = 0;
  let ok = true;
  const visit = (node: ts.Node): void => {
    T.forEachChild(node, (c) => {
      if (!ok) return true;
      const k = lowerBound(opens, c.pos);
      if (k >= opens.length || opens[k]! >= c.end) return undefined;
      if (c.kind === T.SyntaxKind.Block && c.getStart(sf) === opens[k]) {
        if (c.end !== bodies[k]!.close + 1 || !T.isFunctionLike(node) || (node as ts.FunctionLikeDeclaration).body !== c) ok = false;
        else found++;
        return undefined;
      }
      visit(c);
      return undefined;
    });
  };
  visit(sf);
  return ok && found === bodies.length;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}
