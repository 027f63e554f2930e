import type { ts } from "ts-morph";
import type { Match, Site } from "../../core/types.js";
import { hostsNamedIn, mergeMentions, verdictOf, type HostMentions, type HostVerdict } from "../../rules/hosts.js";
import { functionName } from "./syntax.js";
import { T, isWrapper, nameText, unwrap } from "./util.js";

/** A comment (group 1), or a string literal (group 2). */
const PROSE = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/g;

/** A property that names the provider of the object it sits in (`provider`, `providerId`, `vendor`). */
const PROVIDER_KEY = /^(?:provider|vendor)(?:_?(?:id|name|key|type))?$/i;
/** A provider value that is DeepSeek's own API (`"deepseek"`, `"DeepSeek"`, `"deepseek-api"`). */
const DEEPSEEK_PROVIDER = /^deep[-_ ]?seek(?:[-_ ]?(?:api|official|platform))?$/i;

/** Hosts scoped to the construct (docs/hosts-and-sdks.md) for the literals of one file. */
export class HostScopes {
  constructor(
    private readonly sf: ts.SourceFile,
    private readonly text: string,
    private readonly resolve: (id: ts.Identifier) => ts.Node | undefined,
  ) {}

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
  of(lit: ts.Node): HostVerdict {
    let child: ts.Node = lit;
    for (let n: ts.Node | undefined = lit.parent; n && !T.isSourceFile(n); child = n, n = n.parent) {
      const at = (node: ts.Node, what: string, extra?: HostMentions): HostVerdict => {
        let own = this.mentionsIn(node.getStart(this.sf), node.end);
        if (own.deepseek && !own.deepseekApi && own.other === undefined) own = this.outsideProse(node.getStart(this.sf), node.end);
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

  /**
   * What a construct names when only a name containing `deepseek` names DeepSeek, read without its
   * comments and prose strings (a string with a space in it): a reseller's catalogue entry
   * `{ title: "DeepSeek Chat", params: { model: "deepseek-chat" }, providerOptions: ["cometapi"] }`
   * names the model's maker in its title, not the host the ID is sent to, so the walk goes on
   * outward (docs/hosts-and-sdks.md).
   */
  private outsideProse(start: number, end: number): HostMentions {
    const text = this.text.slice(start, end).replace(PROSE, (all: string, comment?: string, body?: string) =>
      comment !== undefined || /\s/.test(body ?? "") ? all.replace(/[^\n]/g, " ") : all,
    );
    return hostsNamedIn(text);
  }

  /**
   * The provider a sibling entry names for a literal that is an entry's value (or an item of one) in
   * an object literal: `{ provider: "deepseek-web", model: "deepseek-chat" }` is that provider's ID,
   * whatever its name (a web front end, a local runner, another reseller), unless the value is
   * DeepSeek's own (`"deepseek"`) or the object names DeepSeek's API for certain (its base URL, its
   * key's variable). Undefined when no sibling names a provider.
   */
  providerOf(lit: ts.Node): string | undefined {
    let cur: ts.Node = lit;
    while (cur.parent && isWrapper(cur.parent)) cur = cur.parent;
    if (cur.parent && T.isArrayLiteralExpression(cur.parent)) cur = cur.parent;
    const entry = cur.parent;
    if (!entry || !T.isPropertyAssignment(entry) || entry.initializer !== cur || !T.isObjectLiteralExpression(entry.parent)) return undefined;
    const obj = entry.parent;
    for (const p of obj.properties) {
      if (p === entry || !T.isPropertyAssignment(p) || !PROVIDER_KEY.test(nameText(p.name) ?? "")) continue;
      const value = unwrap(p.initializer);
      if (!T.isStringLiteralLike(value) || value.text.trim() === "" || DEEPSEEK_PROVIDER.test(value.text.trim())) continue;
      if (this.mentionsIn(obj.getStart(this.sf), obj.end).deepseekApi) return undefined;
      return value.text.trim();
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
}

/**
 * A `deepseek/`-prefixed ID (`"deepseek/deepseek-chat"`) in a file that names no host for certain:
 * OpenRouter and other routers serve DeepSeek's models under that spelling, a model router may send
 * it to DeepSeek's API, and the host is often set in another module (a library's default endpoint).
 * Nothing here says which, so the ID is under review (docs/hosts-and-sdks.md). DeepSeek's API named
 * for certain in the file (its URL, its key's variable, its SDK) keeps it DeepSeek's own.
 */
export function markRouterSpelling(sites: Site[], matches: readonly Match[], named: HostMentions): void {
  if (named.deepseekApi) return;
  const byStart = new Map(matches.map((m) => [m.idStart, m]));
  for (let i = 0; i < sites.length; i++) {
    const site = sites[i]!;
    if (site.otherHost !== undefined || (site.kind !== "model" && site.kind !== "collection")) continue;
    const m = byStart.get(site.idStart);
    if (!m || m.thirdParty || !m.prefix.includes("/")) continue;
    sites[i] = { ...site, otherHost: ROUTER, hostScope: { construct: `the spelling "${m.prefix}${m.legacyId}"` } };
  }
}

const ROUTER = "a router such as OpenRouter (nothing in this file names DeepSeek's API)";
