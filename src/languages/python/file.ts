import type { Node } from "web-tree-sitter";
import type { Match, Ruleset } from "../../core/types.js";
import { hostsNamedIn, type HostMentions } from "../../rules/hosts.js";
import { same } from "./nodes.js";
import { PROVIDER_EXPORTS, type ProviderExport } from "./tables.js";

/** The project's line layout for a file: its configured width (docs/cli.md "Line width"). */
export interface PyLayout {
  width?: number;
  /** The project allows an `openai` whose `create()` has no `reasoning_effort` keyword (python/sdk-version.ts). */
  olderOpenAi?: boolean;
}

/**
 * One Python file being analyzed: its text, tree and ruleset, and the indexes the matchers share,
 * each built once per file on first use (so lookups stay linear in the file size).
 */
export class PyFile {
  constructor(
    readonly code: string,
    readonly root: Node,
    readonly ruleset: Ruleset,
    readonly layout: PyLayout = {},
    readonly matches: Match[] = [],
  ) {}

  /** Nesting of Literal-typed values (a value typed by a Literal whose member is typed by …). */
  constraintDepth = 0;

  /** The first membership test on a name (python/comparisons.ts), per name. */
  readonly membershipTests = new Map<string, Node | null>();

  private mentionCache = new Map<string, HostMentions>();

  /** The hosts named in a span of the file. */
  mentionsIn(start: number, end: number): HostMentions {
    const key = `${start}:${end}`;
    let v = this.mentionCache.get(key);
    if (!v) this.mentionCache.set(key, (v = hostsNamedIn(this.code.slice(start, end))));
    return v;
  }

  private identifierCache = new Map<string, Node[]>();

  /** The identifier nodes spelling `name` in the file, from a text search on first use. */
  identifiers(name: string): Node[] {
    let list = this.identifierCache.get(name);
    if (!list) {
      list = [];
      for (const start of this.wordsAt(name)) {
        const node = this.root.descendantForIndex(start, start + name.length);
        if (node && node.type === "identifier" && node.startIndex === start && node.endIndex === start + name.length) list.push(node);
      }
      this.identifierCache.set(name, list);
    }
    return list;
  }

  private words?: Map<string, number[]>;

  /** Offsets of `name` as a whole word (also after a dot: `self.NAME`, `Config.NAME`). */
  private wordsAt(name: string): number[] {
    if (!this.words) this.words = wordIndex(this.code, /[\p{L}_][\p{L}\p{N}_]*/gu);
    return this.words.get(name) ?? [];
  }

  private names?: Map<string, number[]>;

  /** Where a name (or `self.name`) occurs in the file as a whole token (same-file flow). */
  occurrences(key: string): number[] {
    if (!this.names) this.names = wordIndex(this.code, /(?<![\p{L}\p{N}_.])(?:self\.)?[\p{L}_][\p{L}\p{N}_]*/gu);
    return this.names.get(key) ?? [];
  }

  private definitionCache = new Map<string, Node[]>();

  /** The functions and classes defined in the file under `name`. */
  definitions(name: string): Node[] {
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
   * Where the file binds `name` from: the module of each import that binds it (`from M import N as
   * name`, `from M import name` → "M"; `import a.b as name` → "a.b"; `import name` → "name"), and ""
   * for each class it defines under the name. Empty when nothing in the file binds it.
   */
  bindingSources(name: string): string[] {
    const out: string[] = [];
    for (const id of this.identifiers(name)) {
      const p = id.parent;
      if (p?.type === "class_definition" && same(p.childForFieldName("name"), id)) out.push("");
      const imp = p?.type === "aliased_import" && same(p.childForFieldName("alias"), id) ? p : p?.type === "dotted_name" && p.namedChildCount === 1 ? p : undefined;
      const st = imp?.parent;
      if (st?.type === "import_from_statement" && !same(st.childForFieldName("module_name"), imp!))
        out.push(st.childForFieldName("module_name")?.text.replace(/\s+/g, "") ?? "");
      else if (st?.type === "import_statement") out.push((imp!.type === "aliased_import" ? imp!.childForFieldName("name")?.text : id.text)?.replace(/\s+/g, "") ?? "");
    }
    return out;
  }

  private annotatedCache = new Map<string, { target: Node; asg: Node; type: Node }[]>();

  /** Annotated assignments (`NAME: T = …`, `NAME: T`, `x.NAME: T = …`) to `name`. */
  annotatedTargets(name: string): { target: Node; asg: Node; type: Node }[] {
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

  private aliasCache = new Map<string, Node | null>();

  /** The right side of a same-file type alias: `NAME = …`, `NAME: TypeAlias = …`, `type NAME = …`. */
  typeAlias(name: string): Node | undefined {
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

  private importMap?: Map<string, ProviderExport>;

  /**
   * The DeepSeek provider export a callee names through this file's imports (python/tables.ts
   * PROVIDER_EXPORTS): `from langchain_deepseek import ChatDeepSeek as Chat` … `Chat(…)`,
   * `import agno.models.deepseek as ds` … `ds.DeepSeek(…)`.
   */
  importedExport(callee: string): ProviderExport | undefined {
    if (!this.importMap) {
      this.importMap = new Map();
      if (PROVIDER_EXPORTS.some((e) => this.code.includes(e.module)))
        for (const st of this.root.descendantsOfType(["import_from_statement", "import_statement"])) if (st) addImports(st, this.importMap);
    }
    return this.importMap.size > 0 ? this.importMap.get(callee) : undefined;
  }
}

/** Offsets of every token a pattern finds, by token. */
function wordIndex(code: string, pattern: RegExp): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (const m of code.matchAll(pattern)) {
    const list = index.get(m[0]);
    if (list) list.push(m.index);
    else index.set(m[0], [m.index]);
  }
  return index;
}

/** The provider exports an import statement binds, by local name (`Chat`, `ds.DeepSeek`). */
function addImports(st: Node, out: Map<string, ProviderExport>): void {
  if (st.type === "import_from_statement") {
    const mod = st.childForFieldName("module_name")?.text.replace(/\s+/g, "");
    for (const n of st.childrenForFieldName("name")) {
      if (!n) continue;
      const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
      const local = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : n.text;
      const e = PROVIDER_EXPORTS.find((x) => x.module === mod && x.name === name);
      if (e && local) out.set(local, e);
    }
    return;
  }
  for (const n of st.childrenForFieldName("name")) {
    if (!n) continue;
    const mod = (n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text)?.replace(/\s+/g, "");
    const local = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : mod;
    for (const e of PROVIDER_EXPORTS) if (e.module === mod && local) out.set(`${local}.${e.name}`, e);
  }
}
