/**
 * A warm `--cache` run's scan (src/core/clean-layer.ts, docs/speed.md "The warm run"): the walked
 * files on the clean layer's unchanged lines are clean, unread; the others are scanned. Files on
 * no line at all (new ones, and those with findings) are scanned first, while the worker still
 * checks the layer's stat keys; then the main thread takes the chunks left, and the files whose
 * line changed are scanned. More than STAT_SCAN_MAX of those (a fresh checkout, where every key is
 * new) start ripgrep over the tree as a run without the layer does.
 */
import path from "node:path";
import { finishCheck, pairWalked, type CleanCheck, type PairedLayer } from "./clean-layer.js";
import type { LoadedCache } from "./cache.js";
import type { FileResult } from "./types.js";
import { absOf, scanWithRg, startRg, type RgOptions } from "../walk/rg.js";
import type { WalkEntry } from "../walk/walk.js";

/**
 * With a warm clean layer, more files on changed lines than this start ripgrep over the tree; up
 * to this many are read by the scan's own prefilter.
 */
export const STAT_SCAN_MAX = 2000;

export interface WarmScan {
  check: CleanCheck;
  cache: LoadedCache;
  rgOptions: RgOptions;
  cwd: string;
  scanOne: (e: WalkEntry) => Promise<FileResult>;
  scanMany: (es: WalkEntry[]) => Promise<FileResult[]>;
}

/**
 * Scan the walked files (`rels`, sorted; `unread`: those ripgrep would not read) against the layer.
 * Returns the results in walk order and the layer as paired (undefined when it did not hold).
 */
export async function scanWarm(rels: string[], unread: number[], w: WarmScan): Promise<{ results: FileResult[]; layer: PairedLayer | undefined }> {
  const cwd = path.resolve(w.cwd);
  const entry = (i: number): WalkEntry => ({ rel: rels[i]!, abs: absOf(cwd, rels[i]!) });
  // Paired with the copy the run loaded; the worker checks the same text (finishCheck compares).
  const paired = pairWalked(rels, { key: w.cache.key, layer: w.cache.clean, maxFileSize: w.check.maxFileSize, changed: [] });
  const first: number[] = [];
  for (let i = 0; i < rels.length; i++) if (paired.line[i]! < 0) first.push(i);
  const firstResults = first.length <= STAT_SCAN_MAX ? await w.scanMany(first.map(entry)) : undefined;
  const answer = firstResults ? await finishCheck(w.check, w.cache.clean) : (w.check.stop(), undefined);
  const holds = answer !== undefined && answer.key === w.cache.key;
  if (holds) for (const line of answer.changed) paired.changed.add(line);
  const second: number[] = [];
  if (firstResults) for (let i = 0; i < rels.length; i++) if (paired.line[i]! >= 0 && (!holds || paired.changed.has(paired.line[i]!))) second.push(i);
  if (!firstResults || second.length > STAT_SCAN_MAX) {
    const rg = startRg(w.rgOptions);
    if (rg) return { results: (await scanWithRg(rels, rg, w.scanOne, w.scanMany, unread)).results, layer: holds ? paired : undefined };
    return { results: await w.scanMany(rels.map((_, i) => entry(i))), layer: holds ? paired : undefined };
  }
  const secondResults = await w.scanMany(second.map(entry));
  // Both lists are in walk order: merge them.
  const results: FileResult[] = [];
  let a = 0;
  let b = 0;
  while (a < first.length || b < second.length) {
    if (b >= second.length || (a < first.length && first[a]! < second[b]!)) results.push(firstResults[a++]!);
    else results.push(secondResults[b++]!);
  }
  return { results, layer: holds ? paired : undefined };
}
