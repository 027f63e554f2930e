/**
 * A scan worker (worker_threads): receives batches of paths, runs scanFile on each and sends back
 * only the results that say something (findings, warnings, errors, skips, fixes). Clean results are
 * rebuilt by the pool from its own walk entries, so most files cost no message bytes at all.
 * Parsers load lazily inside scanFile's adapters: once per worker, only when a file needs them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { scanFile, type ScanFileOptions } from "./scan-file.js";
import type { FileResult } from "../types.js";

/** Sent to a worker: one batch of files, as parallel arrays of absolute and relative paths. */
export interface BatchRequest {
  id: number;
  abs: string[];
  rel: string[];
}

/** Sent back: the batch's non-clean results, keyed by their index in the batch. */
export interface BatchResponse {
  id: number;
  results: [number, FileResult][];
  /** Set when the batch failed as a whole; the pool then scans it in-process. */
  error?: string;
}

const CLEAN_KEYS = new Set(["file", "absPath", "status", "findings", "warnings"]);

/** A result the pool can rebuild from the path alone: read, nothing found, nothing to say. */
export function isClean(r: FileResult): boolean {
  if (r.status !== "ok" || r.findings.length > 0 || r.warnings.length > 0) return false;
  for (const k of Object.keys(r)) if (!CLEAN_KEYS.has(k)) return false;
  return true;
}

export async function scanBatch(req: BatchRequest, opts: ScanFileOptions): Promise<BatchResponse> {
  const results: [number, FileResult][] = [];
  for (let i = 0; i < req.abs.length; i++) {
    const r = await scanFile(req.abs[i]!, req.rel[i]!, opts);
    if (!isClean(r)) results.push([i, r]);
  }
  return { id: req.id, results };
}

if (parentPort) {
  const port = parentPort;
  const opts = (workerData as { opts: ScanFileOptions }).opts;
  // One batch at a time, in arrival order (scanFile awaits adapter loads).
  let chain: Promise<void> = Promise.resolve();
  port.on("message", (req: BatchRequest) => {
    chain = chain.then(async () => {
      let res: BatchResponse;
      try {
        res = await scanBatch(req, opts);
      } catch (e) {
        res = { id: req.id, results: [], error: e instanceof Error ? e.message : String(e) };
      }
      try {
        port.postMessage(res);
      } catch (e) {
        port.postMessage({ id: req.id, results: [], error: `result not transferable: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  });
}
