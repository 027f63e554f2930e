/**
 * A scan worker (worker_threads). Two kinds of jobs:
 * - "probe": a batch of walked paths. Each file is read once into a scratch buffer and dropped when
 *   it lacks every needle (the prefilter). A file that passes is scanned here when its adapter is
 *   light or owned by this worker; otherwise it is handed back ("deferred") so the pool can send it
 *   to the worker that owns that parser. A heavy parser (the TypeScript compiler, tree-sitter) is
 *   then loaded by one worker, not by all of them: memory stays flat and load time is paid once.
 * - "scan": files to scan whatever their kind (the pool routed them here).
 * Only results that say something (findings, warnings, errors, skips, fixes) travel back; clean
 * results are rebuilt by the pool from its own walk entries, so most files cost no message bytes.
 */
import fs from "node:fs";
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import { adapterNameFor } from "../languages/registry.js";
import { hasUtf16Bom } from "../core/text.js";
import { scanFile, type ScanFileOptions } from "../core/scan-file.js";
import type { FileResult } from "../core/types.js";

export interface JobRequest {
  type: "probe" | "scan";
  id: number;
  abs: string[];
  rel: string[];
}

export interface JobResponse {
  id: number;
  /** Non-clean results, keyed by index in the job. */
  results: [number, FileResult][];
  /** probe only: files that passed the prefilter and need a parser this worker does not own. */
  deferred: [number, string][];
  /** Heavy kinds this job parsed (so their parser is loaded in this worker). */
  parsed?: string[];
  /** probe only, with --cache: the files the prefilter found clean (no needle), for the cache's clean layer. */
  settled?: number[];
  /** Set when the job failed as a whole; the pool then scans it in-process. */
  error?: string;
}

/** Marks the workerData of a scan worker (this module may also be imported elsewhere, e.g. by the pool). */
export const SCAN_WORKER = "deepseek-migrate/scan-worker";

export interface WorkerSetup {
  role: typeof SCAN_WORKER;
  opts: ScanFileOptions;
  /** Adapters that load a heavy parser. */
  heavy: string[];
  /** Of those, the ones this worker loads (the rest are deferred). */
  owned: string[];
  /** Where results go: a port the pool can also read synchronously while its walk runs. */
  port?: MessagePort;
}

const CLEAN_KEYS = new Set(["file", "absPath", "status", "findings", "warnings"]);

/** A result the pool can rebuild from the path alone: read, nothing found, nothing to say. */
export function isClean(r: FileResult): boolean {
  if (r.status !== "ok" || r.findings.length > 0 || r.warnings.length > 0) return false;
  for (const k of Object.keys(r)) if (!CLEAN_KEYS.has(k)) return false;
  return true;
}

const SCRATCH_SIZE = 256 * 1024;
let scratch: Buffer | undefined;

/**
 * True when the file is certainly clean: it reads without error, fits the scratch buffer (so it is
 * under any size limit that matters here), has no UTF-16 byte-order mark and contains no needle.
 * Anything else (an error, a large file, UTF-16, a needle) goes to scanFile, which decides.
 */
export function certainlyClean(abs: string, needles: string[], maxFileSize: number): boolean {
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOFOLLOW);
  } catch {
    return false;
  }
  try {
    scratch ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE);
    const limit = Math.min(SCRATCH_SIZE, maxFileSize + 1);
    let off = 0;
    for (;;) {
      const n = fs.readSync(fd, scratch, off, limit - off, off);
      if (n === 0) break;
      off += n;
      if (off === limit) return false; // large, or over the limit: scanFile decides
    }
    // A FIFO or device swapped in after the walk reads like an empty file here: let scanFile say so.
    if (off === 0 && !fs.fstatSync(fd).isFile()) return false;
    const view = scratch.subarray(0, off);
    if (hasUtf16Bom(view)) return false;
    for (const n of needles) if (view.indexOf(n) >= 0) return false;
    return true;
  } catch {
    return false;
  } finally {
    fs.closeSync(fd);
  }
}

export async function runJob(req: JobRequest, setup: WorkerSetup, owned: Set<string>): Promise<JobResponse> {
  const res: JobResponse = { id: req.id, results: [], deferred: [] };
  const heavy = new Set(setup.heavy);
  const { opts } = setup;
  for (let i = 0; i < req.abs.length; i++) {
    const abs = req.abs[i]!;
    const rel = req.rel[i]!;
    if (req.type === "probe") {
      if (certainlyClean(abs, opts.ruleset.needles, opts.maxFileSize)) {
        if (opts.cache) (res.settled ??= []).push(i);
        continue;
      }
      const kind = adapterNameFor(rel);
      if (heavy.has(kind) && !owned.has(kind)) {
        res.deferred.push([i, kind]);
        continue;
      }
    }
    const r = await scanFile(abs, rel, opts);
    if (!isClean(r)) res.results.push([i, r]);
    if (r.adapter && heavy.has(r.adapter) && !res.parsed?.includes(r.adapter)) (res.parsed ??= []).push(r.adapter);
  }
  return res;
}

if (parentPort && (workerData as WorkerSetup | undefined)?.role === SCAN_WORKER) {
  const setup = workerData as WorkerSetup;
  const port = setup.port ?? parentPort;
  const owned = new Set(setup.owned);
  // One job at a time, in arrival order (scanFile awaits adapter loads).
  let chain: Promise<void> = Promise.resolve();
  parentPort.on("message", (req: JobRequest) => {
    chain = chain.then(async () => {
      let res: JobResponse;
      try {
        res = await runJob(req, setup, owned);
      } catch (e) {
        res = { id: req.id, results: [], deferred: [], error: e instanceof Error ? e.message : String(e) };
      }
      try {
        port.postMessage(res);
      } catch (e) {
        port.postMessage({ id: req.id, results: [], deferred: [], error: `result not transferable: ${e instanceof Error ? e.message : String(e)}` });
      }
    });
  });
}
