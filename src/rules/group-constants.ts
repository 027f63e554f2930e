/**
 * Rename-group ties of named constants and configuration values (docs/groups.md): a module's model
 * constant, or a model value of a data file, and a table keyed by the same legacy ID that code looks
 * it up in. The groups' union-find lives in groups.ts; these ties only say which nodes to join.
 */
import type { FileResult, Finding } from "../core/types.js";
import { importsThroughModule, isTestFile, lowerToUnsafe, tableKey } from "./group-links.js";
import { derivedFrom, isProseFile } from "./derived-keys.js";

/** What a tie needs of a rename-group node: the file, the legacy ID and its members there. */
export interface TieNode {
  file: FileResult;
  legacyId: string;
  members: Finding[];
}

/**
 * Data and configuration files: two values of such a file are never compared to each other there, so
 * a value in an unknown position is not a member (keys, comparisons and lists there are).
 */
const DATA_ADAPTERS = new Set(["env", "dockerfile", "yaml", "json", "jsonl", "toml", "xml"]);
const DATA_FILE = /\.(?:properties|ini|cfg|conf|json5|tf|tfvars|hcl)$|(?:^|\/)\.env(?:\.[^/]*)?$/i;

export function isDataFile(file: FileResult): boolean {
  return (file.adapter !== undefined && DATA_ADAPTERS.has(file.adapter)) || DATA_FILE.test(file.file);
}

/** Named model constants: a module's `LLM_MODEL = "…"`, `export const DEFAULT_MODEL = "…"`. */
const CONSTANT_POSITIONS = new Set(["python/model-assignment", "python/colliding-constant", "typescript/model-variable", "typescript/request-model-constant"]);
const CONSTANT_LINE = /^\s*(?:export\s+)?(?:(?:const|let|var|final|static)\s+)*([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?=/;

/**
 * A configuration module's constant (`LLM_MODEL = "…"`, named once in its file: only defined there,
 * for other modules to import) and a table keyed by the same legacy ID (a dict or object key, a
 * JSON key) in another file outside tests. A third module often imports both and looks the constant
 * up in the table (`MODEL_CONFIG[provider][LLM_MODEL]`); it names no ID itself, so no import ties
 * the two, and renaming the constant alone raises `KeyError` there (docs/groups.md). A constant its
 * own file uses (as a request's model) is judged with that file, as before.
 */
export function tieConstantsToTables<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, cwd: string, textOf: (rel: string) => string | undefined, union: (a: N, b: N) => void): void {
  const tables = new Map<string, N>();
  const constants: N[] = [];
  for (const [file, byId] of nodes) {
    if (isTestFile(file.file)) continue;
    for (const [id, n] of byId) {
      if (n.members.some(tableKey)) {
        const t = tables.get(id);
        if (t) union(t, n);
        else tables.set(id, n);
      }
      if (n.members.some((f) => exportedConstant(f, () => textOf(file.file)) || configModelValue(f, file))) constants.push(n);
    }
  }
  for (const n of constants) {
    const t = tables.get(n.legacyId);
    if (t) union(t, n);
  }
  tieRecordsToTables(nodes, union);
  tieConstantsThroughModules(nodes, tables, cwd, union);
}

/**
 * A TypeScript/JavaScript record's model value that no request of its file sends (a seed row
 * `db.insert("agents", { name: "Sal", model: "deepseek-chat" })`, a provider's default in a list)
 * and an object keyed by the same legacy ID in another TypeScript/JavaScript file outside tests
 * (`AVAILABLE_MODELS`, a price table). The value is data: it is stored or handed on, and code that
 * names no ID looks it up in that table later (`AVAILABLE_MODELS[agent.model].displayName`), so
 * renaming it alone makes the lookup miss (docs/groups.md).
 */
function tieRecordsToTables<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, union: (a: N, b: N) => void): void {
  const tables = new Map<string, N>();
  const records: N[] = [];
  for (const [file, byId] of nodes) {
    if (isTestFile(file.file)) continue;
    for (const [id, n] of byId) {
      if (n.members.some((f) => tableKey(f) && f.position?.startsWith("typescript/") === true) && !tables.has(id)) tables.set(id, n);
      if (n.members.some((f) => f.position === "typescript/model-property" && f.thinking === "manual")) records.push(n);
    }
  }
  for (const n of records) {
    const t = tables.get(n.legacyId);
    if (t && t !== n) union(t, n);
  }
}

/**
 * A model constant whose file imports a module that imports a table keyed by the same legacy ID
 * (`DEFAULT_MODEL = "…"` in a provider that imports `@/models/registry`, whose index imports
 * `models.json`, the registry its base class looks the model up in). The module between them names
 * no ID, so it is no member and no import ties the two; renaming the constant alone makes the
 * lookup miss (docs/groups.md). TypeScript/JavaScript imports, relative or through a path alias.
 * A test file's values of that ID are tied the same way (`expect(priceOf("…"))` in a test that
 * imports `../src`, whose index imports the table): renamed alone, the test fails.
 */
function tieConstantsThroughModules<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, tables: Map<string, N>, cwd: string, union: (a: N, b: N) => void): void {
  if (tables.size === 0) return;
  const tableFiles = new Map<string, Set<string>>();
  for (const [file, byId] of nodes)
    for (const [id, n] of byId)
      if (!isTestFile(file.file) && n.members.some(tableKey)) {
        const set = tableFiles.get(id);
        if (set) set.add(file.file);
        else tableFiles.set(id, new Set([file.file]));
      }
  const modules = new Map<string, string[]>();
  for (const [file, byId] of nodes) {
    if (!file.imports?.length) continue;
    // A test's values reach the code it imports: any of them, not only named constants.
    const test = isTestFile(file.file);
    for (const [id, n] of byId) {
      const table = tables.get(id);
      const files = tableFiles.get(id);
      if (!table || !files) continue;
      if (!test && !n.members.some(passedOn)) continue;
      if (importsThroughModule(file, files, cwd, modules)) union(table, n);
    }
  }
}

/**
 * A value another module may look up: a named model constant, or a Python dict's model value that no
 * request of the file sends (`models_name = {"Role1": "deepseek-chat"}`, handed to the code that keys
 * `MAX_TOKENS[model_name]`).
 */
function passedOn(f: Finding): boolean {
  if (f.position === undefined) return false;
  return CONSTANT_POSITIONS.has(f.position) || (f.position === "python/model-dict-value" && f.thinking === "manual");
}

/**
 * The finding is a model value of a data or configuration file (`model_name: deepseek-chat` in a
 * YAML component, a JSON or TOML setting): like a module's constant, it is there for code to read,
 * and the class that loads it may look it up in a table keyed by the ID (docs/groups.md). Env files
 * are tied to the code that reads their variables instead (tieEnvValuesToReaders).
 */
function configModelValue(f: Finding, file: FileResult): boolean {
  return f.kind === "model" && file.adapter !== "env" && isDataFile(file);
}

/** The finding is the value of a module constant that its own file (its text on disk) names nowhere else. */
function exportedConstant(f: Finding, text: () => string | undefined): boolean {
  if (f.position === undefined || !CONSTANT_POSITIONS.has(f.position)) return false;
  const name = CONSTANT_LINE.exec(f.lineText)?.[1];
  const body = name ? text() : undefined;
  return body !== undefined && (body.match(new RegExp(String.raw`\b${name}\b`, "g")) ?? []).length === 1;
}

/**
 * A configuration value or module constant of an ID (as tied to tables above) while another file
 * keys a table by a name built from that ID (`"deepseek-deepseek-chat": {` in a model catalogue that
 * code looks up as `METADATA.get(f"{provider}-{model}")`). That key is no match, so no group holds
 * it; renamed alone, the value makes the lookup miss silently (no price, no context window). A safe
 * rename becomes unsafe, with advice naming the table (docs/groups.md).
 */
export function lowerForDerivedTables<N extends TieNode>(nodes: ReadonlyMap<FileResult, ReadonlyMap<string, N>>, derived: readonly FileResult[], textOf: (rel: string) => string | undefined, changed: Set<FileResult>): void {
  const ids = new Set<string>();
  for (const byId of nodes.values()) for (const id of byId.keys()) ids.add(id);
  const tables = new Map<string, { file: string; key: string }>();
  for (const d of derived) {
    if (isTestFile(d.file) || isProseFile(d.file)) continue;
    for (const key of d.derivedKeys ?? []) {
      const id = derivedFrom(key, ids);
      if (id !== undefined && !tables.has(id)) tables.set(id, { file: d.file, key });
    }
  }
  if (tables.size === 0) return;
  for (const [file, byId] of nodes) {
    if (isTestFile(file.file)) continue;
    for (const [id, n] of byId) {
      const table = tables.get(id);
      if (!table) continue;
      for (const f of n.members) {
        if (f.fix !== "safe" || !(configModelValue(f, file) || exportedConstant(f, () => textOf(file.file)))) continue;
        const why = `\`${table.file}\` keys a table by \`${table.key}\`, a name built from this ID, which code may look this value up under; renamed alone, that lookup finds nothing: add the new ID's entry there, then rename.`;
        if (lowerToUnsafe(f, why)) changed.add(file);
      }
    }
  }
}
