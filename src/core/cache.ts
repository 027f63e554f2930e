/**
 * The results cache (`--cache`, like eslint's): a file's analysis — its adapter's sites turned into
 * findings, with the adapter's notes — depends on nothing but the file's path, its text, the rules,
 * the clock's verdict (severity, retirement phrase) and the parse budget. A later run that sees the
 * same path with the same text under the same settings takes the analysis from the cache and loads
 * no parser for it. The fixes are still applied and diffed from the text read now, so every byte a
 * run writes or shows comes from the file as it is.
 *
 * What is keyed how:
 * - the whole file: the cache format, the tool's version and a hash of the settings above. Any
 *   difference and the file is ignored (and rewritten at the end of the run);
 * - each entry: the file's path relative to the run's folder, and a SHA-1 of its bytes (its text is
 *   decoded from them alone, so the same bytes are the same text; hashing the bytes costs half of
 *   hashing the decoded text's UTF-16). The content is hashed, never trusted from a timestamp, so a
 *   cache restored on a fresh checkout (CI) still hits, and a file changed within the same second
 *   still misses.
 * Only files with at least one match (or something to lint) have an entry; it also holds what the
 * file imports (the ties of the rename groups), so a hit does not read the text for them. An entry's findings leave out their line text
 * (one long line with many matches would be stored once per match); a hit takes it from the text
 * read now.
 *
 * The clean files (most of a tree) are kept apart, in the clean layer (the lines after the JSON
 * document, src/core/clean-layer.ts): each file the scan settled clean (no needle; no legacy ID
 * and nothing to lint; or an analysis that holds and found nothing, whatever codes are selected)
 * with its stat key (size, modification and change times, inode). A later run under the same settings that finds the same key counts the
 * file clean without reading it, and a run whose other files are all so known needs no ripgrep
 * over the whole tree (src/core/run.ts, docs/speed.md "The warm run"). The change time cannot be
 * set back by a program (`touch -d` sets it to now), so an edit, a `chmod`, a rename over the file
 * or a restored backup all give another key. A key is recorded only for a file whose times are
 * RACY_MS older than the run's start: a file edited again within the clock's tick gets a later
 * time, never the recorded one (git's "racy clean" rule). A fresh checkout has new keys: the layer
 * then misses and the run reads the files as without it.
 *
 * The cache is a convenience: a file that cannot be read or parsed is ignored with a warning, and a
 * cache that cannot be written is a warning too. It is written whole to a temporary file and renamed.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { ClockInfo } from "./clock-info.js";
import { earlyCacheBytes, NO_LAYER, readCacheParts, statKey, type Layer } from "./clean-layer.js";
import type { TrackedMemo } from "../walk/ignore-rules.js";
import { DEFAULT_MAX_TOKENS_FLOOR, type LintOptions } from "../rules/lint-options.js";
import type { Finding, Ruleset } from "./types.js";

/** The default cache file, in the run's folder. */
export const DEFAULT_CACHE_FILE = ".deepseek-migrate-cache";
/**
 * The entries' format, part of the key: raised whenever what a file's analysis records changes
 * within one version (6: imports record path aliases; 7: an entry holds the file's imports; 8: a
 * Python `from X import (…)` over several lines is an import; 9: a finding records the imported type
 * its value is declared with, for the rename groups), so an older entry is never taken for a new one.
 */
const FORMAT = 9;
/**
 * How every cache file begins. The entries name legacy IDs (their findings), so a run, with or
 * without --cache and wherever the file lies, treats a file that begins so as its own cache: clean,
 * never parsed (src/core/scan-file.ts).
 */
export const CACHE_SIGNATURE = '{"deepseek-migrate-cache":';

/** Whether these bytes begin like a cache file. */
export function isCacheFile(buf: Buffer): boolean {
  return buf.length >= CACHE_SIGNATURE.length && buf.toString("latin1", 0, CACHE_SIGNATURE.length) === CACHE_SIGNATURE;
}

/** What a cache entry holds: the analysis of one file's text. */
export interface CachedAnalysis {
  adapter?: string;
  warnings: string[];
  findings: Finding[];
  /** What the file imports (src/rules/imports.ts), when it imports anything. */
  imports?: string[];
}

/**
 * The cache as a scan sees it: plain data, so it survives the structured clone to a worker.
 * `entries` maps a relative path to [text hash, analysis as JSON].
 */
export interface ScanCache {
  entries: Map<string, [string, string]>;
}

/** The hash of a file's bytes, as entries store it. */
export function contentHash(bytes: Uint8Array): string {
  return crypto.createHash("sha1").update(bytes).digest("base64");
}

/** The settings an analysis depends on, as one hash. */
export function settingsKey(version: string, ruleset: Ruleset, clock: ClockInfo, parseBudget: number | undefined, lint?: LintOptions): string {
  const settings = JSON.stringify({
    rules: ruleset.rules,
    severity: clock.severity,
    retirement: clock.retirement,
    parseBudget: parseBudget ?? null,
    lint: lint ?? { maxTokensFloor: DEFAULT_MAX_TOKENS_FLOOR },
  });
  return crypto.createHash("sha1").update(`${FORMAT}\0${version}\0${settings}`).digest("base64");
}

interface CacheFile {
  "deepseek-migrate-cache": number;
  tool: string;
  key: string;
  entries: Record<string, [string, string]>;
  /** Git's answers about tracked ignored files, by the index's stat key and the question (see trackedMemo). */
  tracked?: Record<string, string>;
}

export interface LoadedCache {
  file: string;
  key: string;
  cache: ScanCache;
  /** The clean layer as stored (the bytes of lines `path<TAB>key`, see above); empty when there is none. */
  clean: Layer;
  /**
   * The file's two parts as read, when it had both (an unchanged cache is not rewritten). Kept
   * apart: comparing the whole text would join the layer (megabytes) to the document twice.
   */
  stored?: { json: string; layer: Layer };
  /** The file was taken whole: this run's format, version and settings, every entry valid. */
  intact?: true;
  /** Set when an existing file could not be used (it is rewritten at the end of the run). */
  warning?: string;
  /** Git's answers recorded by the last run, and those of this run (kept for the next; see trackedMemo). */
  tracked: { old: Map<string, string>; now: Map<string, string> };
}

const NEWLINE = Buffer.from("\n");

/** Read the cache file; a missing file, another version or other settings give an empty cache. */
export function loadCache(file: string, key: string): LoadedCache {
  const entries = new Map<string, [string, string]>();
  const out: LoadedCache = { file, key, cache: { entries }, clean: NO_LAYER, tracked: { old: new Map(), now: new Map() } };
  let parts: ReturnType<typeof readCacheParts>;
  try {
    // (A warm run's early check has read the file into memory shared with this thread: those bytes.)
    parts = readCacheParts(file, earlyCacheBytes(file));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") out.warning = `cannot read the cache (${code ?? String(e)}); scanning without it`;
    return out;
  }
  if (parts.complete) out.stored = { json: parts.json, layer: parts.layer };
  try {
    const { json, layer } = parts;
    const doc = JSON.parse(json) as Partial<CacheFile>;
    if (doc["deepseek-migrate-cache"] !== FORMAT || doc.key !== key || typeof doc.entries !== "object" || doc.entries === null) return out;
    let intact = true;
    for (const [rel, v] of Object.entries(doc.entries)) {
      if (Array.isArray(v) && v.length === 2 && typeof v[0] === "string" && typeof v[1] === "string") entries.set(rel, [v[0], v[1]]);
      else intact = false;
    }
    if (typeof doc.tracked === "object" && doc.tracked !== null) {
      for (const [k, v] of Object.entries(doc.tracked)) {
        if (typeof v === "string") out.tracked.old.set(k, v);
        else intact = false;
      }
    }
    out.clean = layer;
    if (intact) out.intact = true;
  } catch {
    out.warning = "the cache file is not valid JSON; scanning without it";
  }
  return out;
}

/**
 * Write the cache: this run's entries and clean files, plus the old ones of files this run did not
 * cover (another shard, a path outside the start paths). An entry of a covered file that no longer
 * has a match, and a covered file that is no longer settled clean, are dropped. Returns a warning
 * when the file cannot be written.
 */
export function saveCache(
  loaded: LoadedCache,
  version: string,
  fresh: { entries: Map<string, [string, string]>; clean: Layer | string },
  covered: (rel: string) => boolean,
): string | undefined {
  if (unchanged(loaded, fresh, covered)) return undefined;
  const entries: Record<string, [string, string]> = {};
  const rels = new Set<string>(fresh.entries.keys());
  for (const rel of loaded.cache.entries.keys()) if (!covered(rel)) rels.add(rel);
  for (const rel of [...rels].sort()) entries[rel] = fresh.entries.get(rel) ?? loaded.cache.entries.get(rel)!;
  const doc: CacheFile = { "deepseek-migrate-cache": FORMAT, tool: `deepseek-migrate ${version}`, key: loaded.key, entries };
  if (loaded.tracked.now.size > 0) doc.tracked = Object.fromEntries([...loaded.tracked.now].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const json = JSON.stringify(doc);
  // (An unchanged layer is the string that was read: its comparison is by identity.)
  const layer = typeof fresh.clean === "string" ? Buffer.from(fresh.clean) : fresh.clean;
  if (loaded.stored && loaded.stored.json === json && (loaded.stored.layer === layer || loaded.stored.layer.equals(layer))) return undefined;
  const text = layer.length === 0 ? json + "\n" : Buffer.concat([Buffer.from(json + "\n"), layer, NEWLINE]);
  const tmp = path.join(path.dirname(loaded.file), `.${path.basename(loaded.file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, loaded.file);
  } catch (e) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
    return `cannot write the cache ${loaded.file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`;
  }
  return undefined;
}

/**
 * Whether the cache as read is the cache this run would write, told without serializing it (the
 * document of a large tree is a megabyte): the same layer, every entry of this run the loaded
 * entry itself (a hit keeps the array it was loaded as), every loaded entry kept, and the same
 * answers of git. Anything else, or a cache read in part, is written out as usual.
 */
function unchanged(loaded: LoadedCache, fresh: { entries: Map<string, [string, string]>; clean: Layer | string }, covered: (rel: string) => boolean): boolean {
  if (!loaded.intact || !loaded.stored || loaded.stored.layer !== fresh.clean) return false;
  const old = loaded.cache.entries;
  for (const [rel, v] of fresh.entries) if (old.get(rel) !== v) return false;
  for (const rel of old.keys()) if (!fresh.entries.has(rel) && covered(rel)) return false;
  const { old: was, now } = loaded.tracked;
  if (was.size !== now.size) return false;
  for (const [k, v] of now) if (was.get(k) !== v) return false;
  return true;
}

/**
 * The walk's memo of git's answers about tracked ignored files (src/walk/ignore-rules.ts): an
 * answer is recorded with the index file's stat key, and only for an index whose times are RACY_MS
 * older than the run's start (as the clean layer's files): git rewrites the index through a new
 * file, so any change to it gives another key, and a question asked again about an unchanged
 * index is answered without starting git. This run's answers are what the cache keeps.
 */
export function trackedMemo(loaded: LoadedCache, runStart: number): TrackedMemo {
  const keyOf = (question: string, index: fs.Stats): string | undefined => {
    const k = statKey(index, runStart);
    return k === undefined ? undefined : `${k}\0${question}`;
  };
  return {
    get(question, index) {
      const k = keyOf(question, index);
      return k === undefined ? undefined : loaded.tracked.old.get(k);
    },
    set(question, index, answer) {
      const k = keyOf(question, index);
      if (k !== undefined) loaded.tracked.now.set(k, answer);
    },
  };
}
