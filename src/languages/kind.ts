import type { Adapter, Position } from "../core/types.js";
import type { Linter } from "../lints/index.js";

/**
 * A file kind, as its language folder describes it (docs/architecture.md): which files it owns, the
 * parser group its adapter loads, the adapter and the request linter (both loaded on first use).
 * The registry (registry.ts) is built from these descriptions and nothing else.
 */
export interface FileKind {
  /** The adapter's stable name, e.g. "python" (reports, cache keys, `--statistics`). */
  name: string;
  /** Human-readable kind for the docs and reports. */
  description: string;
  /** Lower-case extensions with the dot. */
  extensions?: string[];
  /** Exact file names (checked before patterns and extensions). */
  filenames?: string[];
  /** File-name patterns (checked after exact names, before extensions). */
  patterns?: RegExp[];
  /**
   * Names of the language in Markdown code fences (```python), and the file name suffix an embedded
   * block is scanned under (".py", or "/Dockerfile" for a kind known by its file name).
   */
  fences?: { names: string[]; suffix: string }[];
  /**
   * Kinds whose adapters share one heavy parser (ts-morph, tree-sitter Python) name the same group:
   * the engine gives each group its own worker so the parser loads once (src/engine/pool.ts).
   * Absent: a light adapter that any worker runs.
   */
  parserGroup?: string;
  /**
   * With a parser group: load that heavy parser now (a head start, src/engine/preload.ts; the
   * adapter loads it on first use anyway).
   */
  loadParser?(): Promise<unknown>;
  /** The adapter, imported on first use. */
  load(): Promise<Adapter>;
  /** The request linter for files of this kind (codes DSM1xx), imported on first use. */
  lint?(): Promise<Linter>;
}

/** A language folder's description of itself: its file kinds. */
export interface LanguageFolder {
  /** The folder's name under src/languages/. */
  name: string;
  kinds: FileKind[];
  /** The named positions its adapters report (docs/positions.md), IDs `<folder>/<name>`. */
  positions: readonly Position[];
}
