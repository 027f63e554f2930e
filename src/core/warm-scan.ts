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
  const paired = pairWalked(rels, { key: w.cache.key, layer: w.cache.clean, maxFileSize: w.check.maxFileSize, changed: [], lines: -1 });
  const first: number[] = [];
  for (let i = 0; i < rels.length; i++) if (paired.line[i]! < 0) first.push(i);
  const firstResults = first.length <= STAT_SCAN_MAX ? await w.scanMany(first.map(entry)) : undefined;
  const answer = firstResults ? await finishCheck(w.check, w.cache.clean) : (w.check.stop(), undefined);
  const holds = answer !== undefined && answer.key === w.cache.key;
  if (holds) {
    for (const line of answer.changed) paired.changed.add(line);
    // (The same text: finishCheck compared them.)
    paired.check.lines = answer.lines;
  }
  const second: number[] = [];
  if (firstResults) for (let i = 0; i < rels.length; i++) if (paired.line[i]! >= 0 && (!holds || paired.changed.has(paired.line[i]!))) second.push(i);
  const layer = holds ? paired : undefined;
  if (!firstResults) {
    // The layer knows few of the walked files: ripgrep over the tree, as without it.
    const rg = startRg(w.rgOptions);
    return { results: rg ? (await scanWithRg(rels, rg, w.scanOne, w.scanMany, unread)).results : await w.scanMany(rels.map((_, i) => entry(i))), layer };
  }
  const rg = second.length > STAT_SCAN_MAX ? startRg(w.rgOptions) : undefined;
  let results: FileResult[];
  if (rg) {
    // Many changed lines (a fresh checkout): ripgrep names those of them to read (the first files are read already).
    const restRels = second.map((i) => rels[i]!);
    const isUnread = new Set(unread);
    const restUnread = second.flatMap((i, k) => (isUnread.has(i) ? [k] : []));
    const named = (await scanWithRg(restRels, rg, w.scanOne, w.scanMany, restUnread)).results;
    const order = new Map(rels.map((r, i) => [r, i]));
    results = [...firstResults, ...named].sort((x, y) => order.get(x.file)! - order.get(y.file)!);
  } else {
    const secondResults = await w.scanMany(second.map(entry));
    // Both lists are in walk order: merge them.
    results = [];
    let a = 0;
    let b = 0;
    while (a < first.length || b < second.length) {
      if (b >= second.length || (a < first.length && first[a]! < second[b]!)) results.push(firstResults[a++]!);
      else results.push(secondResults[b++]!);
    }
  }
  return { results, layer };
}
