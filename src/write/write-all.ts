/**
 * --write: the fixes a scan computed in memory, written to disk (src/core/run.ts scans first).
 */
import { beginWriting, stopRequested, yieldToSignals } from "../cli/signals.js";
import { UsageError } from "../core/errors.js";
import type { RunResult } from "../core/run.js";
import { encode } from "../core/text.js";
import { flushRenames, removeLeftoverTempFile, writeFileAtomic } from "./atomic.js";
import { faultPoint } from "./fault.js";
import { dirtyFiles, GitCheckError } from "./git.js";

/** The note on a temporary file left by an interrupted --write; --write replaces it once it removed the file. */
export const LEFTOVER_NOTE = "temporary file left by an interrupted --write (its original is intact); not scanned; the next --write removes it";

/**
 * Apply the in-memory fixes to disk (docs/contract.md §7): guarded by the dirty-tree check, atomic
 * per file, only files whose bytes change. A file that cannot be written is an error and the run
 * goes on. Between two files the writer lets signal handlers run: after SIGINT/SIGTERM it stops
 * there, with `interrupted` set and every file either fully written or untouched.
 */
export async function writeAll(result: RunResult): Promise<void> {
  const changed = result.files.filter((f) => f.fixed !== undefined && f.fixed !== f.text);
  faultPoint("before-write");
  if (await interruptedBetweenFiles(result)) return;
  if (changed.length > 0 && !result.options.allowDirty) {
    let dirty: Set<string>;
    try {
      dirty = new Set(dirtyFiles(changed.map((f) => f.absPath)));
    } catch (e) {
      if (e instanceof GitCheckError) throw new UsageError(`refusing to write: ${e.message}; pass --allow-dirty to write anyway`);
      throw e;
    }
    if (dirty.size > 0) {
      const names = changed.filter((f) => dirty.has(f.absPath)).map((f) => f.file);
      throw new UsageError(
        `refusing to write: ${names.length} file(s) have uncommitted changes (${names.slice(0, 5).join(", ")}${names.length > 5 ? ", …" : ""}); commit or stash them, or pass --allow-dirty`,
      );
    }
  }
  for (const l of result.leftovers ?? []) {
    if (!removeLeftoverTempFile(l.abs)) continue;
    const w = result.warnings.find((x) => x.file === l.rel && x.message === LEFTOVER_NOTE);
    if (w) w.message = "removed a temporary file left by an interrupted --write (its original was intact)";
  }
  beginWriting();
  try {
    for (const f of changed) {
      try {
        const info = writeFileAtomic(f.absPath, encode(f.fixed!, f.encoding!), f.original!);
        result.written.push(f.file);
        if (info.links > 1)
          result.warnings.push({ file: f.file, message: `had ${info.links} hard links: the other names keep the old content` });
      } catch (e) {
        result.errors.push({ file: f.file, message: `not written: ${e instanceof Error ? e.message : String(e)}` });
      }
      if (await interruptedBetweenFiles(result)) return;
    }
  } finally {
    flushRenames();
  }
}

async function interruptedBetweenFiles(result: RunResult): Promise<boolean> {
  await yieldToSignals();
  const signal = stopRequested();
  if (signal) result.interrupted = signal;
  return !!signal;
}
