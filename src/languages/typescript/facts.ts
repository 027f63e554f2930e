import type { ts } from "ts-morph";
import { MEMBERSHIP_METHODS, PROVIDER_FACTORIES, PROVIDER_METHODS, PROVIDER_PACKAGES, type ProviderPackage } from "./data.js";
import { requestEndpoint } from "./requests.js";
import { wordOffsets } from "./syntax.js";
import { T, chainNames, nameText, unwrap } from "./util.js";
import { MODEL_NAME as MODEL } from "../../knowledge/naming.js";

/**
 * Facts about a whole file that some classifications need: DeepSeek providers made in it, names
 * imported from DeepSeek provider packages, membership tests, model-named properties and the
 * same-file flows of constants into requests. Each is collected on first use by a walk pruned to
 * the nodes holding the words it looks for (FileAnalysis.descend); in the reference full walk
 * (walkHooks.full) `startFull`, `visit` and `modelFacts` collect everything in one walk.
 */

/** What the facts need of the file's analysis. */
export interface Walker {
  readonly sf: ts.SourceFile;
  readonly text: string;
  /** Walk into the nodes holding one of these sorted offsets (all nodes without them), setting parent links. */
  descend(offsets: readonly number[] | undefined, visit: (node: ts.Node) => void): void;
  resolve(id: ts.Identifier): ts.Node | undefined;
}

interface Imports {
  factories: Set<string>;
  instanceFactories: Set<string>;
  namespaces: Map<string, ProviderPackage>;
  classes: Map<string, readonly string[]>;
}

/** A request that uses a const as its model. */
export interface Flow {
  obj: ts.ObjectLiteralExpression;
  endpoint: "chat" | "fim";
}

/** Where a model-named property (a name MODEL matches) can be: every "model", in any case. */
const MODEL_WORD = /model/gi;

export class FileFacts {
  /** Provider callables made by `createDeepSeek(...)`. Collected on first use. */
  private providers?: Set<string>;
  /** Membership tests on a name (`LIST.includes(x)`, `SET.has(x)`), by the receiver's name. Collected on first use. */
  private membershipCalls?: Map<string, ts.CallExpression[]>;
  /** Objects with a model-named property whose value is a name (same-file flow candidates), in walk order. */
  private named?: [ts.ObjectLiteralExpression, ts.Identifier, string][];
  /** Declarations used as the value of a model-named property. */
  private usedAsModel?: Set<ts.Node>;
  /** const declarations → the recognized requests that use them as their model. */
  private flows?: Map<ts.Node, Flow[]>;

  constructor(private readonly walker: Walker) {}

  /** The full walk (walkHooks.full): collect every fact as `visit` is called on every node. */
  startFull(): void {
    this.providers = new Set();
    this.membershipCalls = new Map();
    this.named = [];
  }

  visit(node: ts.Node): void {
    this.collectProvider(node);
    this.collectMembership(node);
    this.collectNamed(node);
  }

  /** Sorted offsets of the occurrences of `words` (whole words only with `bounded`), plus every backslash (an escape can spell any name). */
  private offsetsOf(words: readonly string[] | RegExp, bounded: boolean): number[] {
    return wordOffsets(this.walker.text, words, bounded);
  }

  /** A pruned walk over the nodes holding these offsets (none: nothing to collect). */
  private collect(offsets: number[], visit: (node: ts.Node) => void): void {
    if (offsets.length > 0) this.walker.descend(offsets, visit);
  }

  providerNames(): Set<string> {
    if (!this.providers) {
      this.providers = new Set();
      this.collect(this.offsetsOf(PROVIDER_FACTORIES, false), (n) => this.collectProvider(n));
      // Instance factories imported under another name (`import { createDeepSeek as make }`).
      const aliases = [...this.imports().instanceFactories].filter((a) => !PROVIDER_FACTORIES.includes(a));
      if (aliases.length > 0) this.collect(this.offsetsOf(aliases, true), (n) => this.collectProvider(n));
    }
    return this.providers;
  }

  private importsCache?: Imports;

  /**
   * Local names bound by imports from the DeepSeek provider packages (typescript/data.ts PROVIDER_PACKAGES):
   * ES imports and `const { … } = require("…")` at the top of the file.
   */
  private imports(): Imports {
    if (this.importsCache) return this.importsCache;
    const out: Imports = { factories: new Set(), instanceFactories: new Set(), namespaces: new Map(), classes: new Map() };
    this.importsCache = out;
    if (!PROVIDER_PACKAGES.some((p) => this.walker.text.includes(p.package))) return out;
    const bind = (pkg: ProviderPackage, exported: string, local: string) => {
      if (pkg.factories?.includes(exported)) out.factories.add(local);
      if (pkg.instanceFactories?.includes(exported)) out.instanceFactories.add(local);
      const cls = pkg.classes?.find((c) => c.name === exported);
      if (cls) out.classes.set(local, cls.keys);
    };
    const pkgOf = (spec: ts.Expression | undefined) => (spec && T.isStringLiteralLike(spec) ? PROVIDER_PACKAGES.find((p) => p.package === spec.text) : undefined);
    for (const st of this.walker.sf.statements) {
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
  importedClassKey(prop: ts.PropertyAssignment): boolean {
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
  importedFactory(names: string[]): string | undefined {
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
  modelFacts(): { usedAsModel: Set<ts.Node>; flows: Map<ts.Node, Flow[]> } {
    if (!this.usedAsModel || !this.flows) {
      if (!this.named) {
        this.named = [];
        this.collect(this.offsetsOf(MODEL_WORD, false), (n) => this.collectNamed(n));
      }
      this.usedAsModel = new Set();
      const modelRefs: ts.ObjectLiteralExpression[] = [];
      for (const [obj, id, n] of this.named) {
        const decl = this.walker.resolve(id);
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

  /** Same-file flow (docs/contract.md §5): requests whose model is a name bound to a const in this file. */
  private resolveFlows(modelRefs: ts.ObjectLiteralExpression[]): void {
    const flows = this.flows!;
    for (const obj of modelRefs) {
      const endpoint = requestEndpoint(obj);
      if (!endpoint) continue;
      const prop = obj.properties.find((p) => nameText(p.name) === "model")!;
      const id = T.isShorthandPropertyAssignment(prop) ? prop.name : (unwrap((prop as ts.PropertyAssignment).initializer) as ts.Identifier);
      const decl = this.walker.resolve(id);
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

  /** The first membership test whose receiver is this declaration. */
  membershipTest(decl: ts.VariableDeclaration): ts.CallExpression | undefined {
    if (!T.isIdentifier(decl.name)) return undefined;
    for (const c of this.membership().get(decl.name.text) ?? []) {
      const recv = unwrap((c.expression as ts.PropertyAccessExpression).expression) as ts.Identifier;
      if (this.walker.resolve(recv) === decl) return c;
    }
    return undefined;
  }
}
