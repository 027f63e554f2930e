import path from "node:path";
import type { Adapter, Position } from "../core/types.js";
import { CORE_POSITIONS } from "../rules/policy.js";
import type { Linter } from "../lints/index.js";
import { config } from "./config/language.js";
import type { FileKind, LanguageFolder } from "./kind.js";
import { lexical } from "./lexical/language.js";
import { markup } from "./markup/language.js";
import { python } from "./python/language.js";
import { typescript } from "./typescript/language.js";

/**
 * The registry of file kinds, built from the language folders' descriptions of themselves
 * (docs/architecture.md): adding a kind is a change inside one folder. Nothing here names a
 * language. Adapters load lazily, so a run that never meets a file of a kind never imports its parser.
 */
export const LANGUAGE_FOLDERS: readonly LanguageFolder[] = [typescript, python, config, markup, lexical];

/** The catalog of named positions (docs/positions.md): every folder's, and the core's. */
export const POSITIONS: ReadonlyMap<string, Position> = new Map(
  [...CORE_POSITIONS, ...LANGUAGE_FOLDERS.flatMap((f) => f.positions)].map((p) => [p.id, p] as const),
);

/** Every file kind, by adapter name. */
export const KINDS: ReadonlyMap<string, FileKind> = new Map(LANGUAGE_FOLDERS.flatMap((f) => f.kinds.map((k) => [k.name, k] as const)));

/** Adapter name → loader (tests may add entries). */
export const ADAPTER_LOADERS: Record<string, () => Promise<Adapter>> = Object.fromEntries([...KINDS].map(([n, k]) => [n, k.load]));

/** File extension (lower case, with the dot) → adapter name. */
export const EXTENSIONS: Record<string, string> = Object.fromEntries([...KINDS.values()].flatMap((k) => (k.extensions ?? []).map((e) => [e, k.name])));

/** Exact file names → adapter name (checked before extensions). */
export const FILENAMES: Record<string, string> = Object.fromEntries([...KINDS.values()].flatMap((k) => (k.filenames ?? []).map((f) => [f, k.name])));

/** File-name patterns → adapter name (checked after exact names, before extensions). */
export const FILENAME_PATTERNS: [RegExp, string][] = [...KINDS.values()].flatMap((k) => (k.patterns ?? []).map((re): [RegExp, string] => [re, k.name]));

/** Markdown code-fence name → the kind that scans the block and the file name suffix it sees. */
export const FENCES: Record<string, { adapter: string; suffix: string }> = Object.fromEntries(
  [...KINDS.values()].flatMap((k) => (k.fences ?? []).flatMap((f) => f.names.map((n) => [n, { adapter: k.name, suffix: f.suffix }]))),
);

/**
 * The parser groups: kinds that share a heavy parser, each group owned by one worker
 * (src/engine/pool.ts), e.g. [["typescript"], ["python", "notebook"]].
 */
export const PARSER_GROUPS: string[][] = [
  ...[...KINDS.values()]
    .reduce((m, k) => (k.parserGroup ? m.set(k.parserGroup, [...(m.get(k.parserGroup) ?? []), k.name]) : m), new Map<string, string[]>())
    .values(),
];

/** The adapter that scans a file; "lexical" for every kind without its own. */
export function adapterNameFor(file: string): string {
  const base = path.basename(file);
  const byName = FILENAMES[base];
  if (byName) return byName;
  for (const [re, name] of FILENAME_PATTERNS) if (re.test(base)) return name;
  return EXTENSIONS[path.extname(base).toLowerCase()] ?? "lexical";
}

const cache = new Map<string, Promise<Adapter>>();

export function loadAdapter(name: string): Promise<Adapter> {
  let p = cache.get(name);
  if (!p) {
    const loader = ADAPTER_LOADERS[name];
    if (!loader) throw new Error(`no adapter named ${name}`);
    p = loader();
    cache.set(name, p);
  }
  return p;
}

/** Whether files of this kind are linted (codes DSM1xx). */
export function hasLinter(name: string): boolean {
  return KINDS.get(name)?.lint !== undefined;
}

const linters = new Map<string, Promise<Linter> | undefined>();

/** The kind's linter, loaded once (like the adapters: each load would be a dynamic import). */
export function loadLinter(name: string): Promise<Linter> | undefined {
  if (!linters.has(name)) linters.set(name, KINDS.get(name)?.lint?.());
  return linters.get(name);
}
