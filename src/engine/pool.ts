/**
 * Parallel scanning (SPEC §9): a small pool of worker_threads, sized to the cores, fed batches of
 * walked paths. Results come back in the order the files were added (the walk's order), whatever
 * order the workers finish in.
 *
 * Small runs stay in-process: a worker costs a thread start and a module load, which only pays from
 * a few thousand files (or many files to parse). The pool also stays off when the compiled worker
 * (dist/engine/worker.js next to this module) is missing, e.g. when the sources run under a test
 * runner, and when the options cannot be sent to a worker. A worker that fails hands its batches
 * back to the main thread, so a run never loses a file.
 */
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { scanFile, type ScanFileOptions } from "./scan-file.js";
import type { BatchRequest, BatchResponse } from "./worker.js";
import type { FileResult } from "../types.js";
import type { WalkEntry } from "../walk/walk.js";

/** What a progress display needs. `total` is unknown while the walk is still running. */
export interface ScanProgress {
  done: number;
  total: number | undefined;
  findings: number;
}

export interface PoolOptions {
  /** Worker threads; default: DEEPSEEK_MIGRATE_WORKERS, else the available cores (at most 8). 0 or 1: in-process. */
  workers?: number;
  /** Use workers only from this many files on (default 2,000). */
  minFiles?: number;
  /** Files per message to a worker (default 200). */
  batchSize?: number;
  /** The worker module (default: worker.js next to this module). */
  workerUrl?: URL;
  onProgress?: (p: ScanProgress) => void;
}

export const DEFAULT_MIN_FILES = 2000;
const DEFAULT_BATCH = 200;
const MAX_WORKERS = 8;
/** Batches in flight per worker once the walk is over (enough to keep it busy between messages). */
const IN_FLIGHT = 2;

/** The worker count: DEEPSEEK_MIGRATE_WORKERS when set, else the available cores, at most 8. */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.DEEPSEEK_MIGRATE_WORKERS;
  if (v !== undefined && v.trim() !== "" && /^\d+$/.test(v.trim())) return Math.min(Number(v), 64);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_WORKERS));
}

function cleanResult(e: WalkEntry): FileResult {
  return { file: e.rel, absPath: e.abs, status: "ok", findings: [], warnings: [] };
}

/** A Buffer arrives from a worker as a plain Uint8Array: make it a Buffer again (no copy). */
function revive(r: FileResult): FileResult {
  if (r.original && !Buffer.isBuffer(r.original)) {
    const u = r.original as Uint8Array;
    r.original = Buffer.from(u.buffer, u.byteOffset, u.byteLength);
  }
  return r;
}

interface PoolWorker {
  worker: Worker;
  inFlight: Set<number>;
  dead: boolean;
}

/**
 * Scans files as they are added (add() is synchronous, so a walk can feed it while it runs) and
 * returns every result in the order added.
 */
export class FileScanner {
  private readonly entries: WalkEntry[] = [];
  /** Per batch id: its results once back. */
  private readonly batches: (FileResult[] | undefined)[] = [];
  /** Per batch id: the index of its first entry. */
  private readonly batchStarts: number[] = [];
  /** Batches not back yet. */
  private pending = 0;
  /** Batches whose worker failed: scanned in-process. */
  private readonly orphans: number[] = [];
  private readonly queue: number[] = [];
  private workers: PoolWorker[] = [];
  private started = false;
  private disabled = false;
  private nextBatchStart = 0;
  private rr = 0;
  private done = 0;
  private findings = 0;
  private total: number | undefined;
  private lastAddReport = 0;
  private wake: (() => void) | undefined;
  private readonly size: number;
  private readonly minFiles: number;
  private readonly batchSize: number;
  private readonly workerUrl: URL;

  constructor(
    private readonly opts: ScanFileOptions,
    private readonly pool: PoolOptions = {},
  ) {
    this.size = pool.workers ?? defaultWorkerCount();
    this.minFiles = pool.minFiles ?? DEFAULT_MIN_FILES;
    this.batchSize = Math.max(1, pool.batchSize ?? DEFAULT_BATCH);
    this.workerUrl = pool.workerUrl ?? new URL("./worker.js", import.meta.url);
    if (this.size < 2) this.disabled = true;
  }

  /** Add one file (synchronous; cheap). */
  add(entry: WalkEntry): void {
    this.entries.push(entry);
    const n = this.entries.length;
    if (!this.started && !this.disabled && n >= this.minFiles) this.start();
    if (this.started && n - this.nextBatchStart >= this.batchSize) this.cutBatch(n, true);
    if (this.pool.onProgress && n - this.lastAddReport >= 1024) {
      this.lastAddReport = n;
      this.report();
    }
  }

  /** No more files: scan what is left and return every result in the order added. */
  async finish(): Promise<FileResult[]> {
    this.total = this.entries.length;
    if (!this.started && !this.disabled && this.total >= this.minFiles) this.start();
    try {
      if (!this.started) return await this.scanInProcess();
      if (this.nextBatchStart < this.total) this.cutBatch(this.total, false);
      for (;;) {
        this.pump();
        await this.rescueOrphans();
        if (this.pending === 0) break;
        if (this.orphans.length > 0 || (this.queue.length > 0 && this.workers.every((w) => w.dead))) continue;
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      const out: FileResult[] = [];
      for (const b of this.batches) for (const r of b!) out.push(r);
      return out;
    } finally {
      await this.stop();
    }
  }

  private report(): void {
    this.pool.onProgress?.({ done: this.done, total: this.total, findings: this.findings });
  }

  private async scanInProcess(): Promise<FileResult[]> {
    const out: FileResult[] = [];
    for (const e of this.entries) {
      const r = await scanFile(e.abs, e.rel, this.opts);
      out.push(r);
      this.done++;
      this.findings += r.findings.length;
      if (this.pool.onProgress && (this.done & 63) === 0) this.report();
    }
    if (this.pool.onProgress) this.report();
    return out;
  }

  private start(): void {
    this.started = true;
    let workerFile: string;
    try {
      workerFile = fileURLToPath(this.workerUrl);
      if (!fs.existsSync(workerFile)) throw new Error("no compiled worker");
      // The options must survive a structured clone (a function in a custom rule would not).
      structuredClone(this.opts);
    } catch {
      this.started = false;
      this.disabled = true;
      return;
    }
    for (let i = 0; i < this.size; i++) {
      const pw: PoolWorker = { worker: new Worker(workerFile, { workerData: { opts: this.opts } }), inFlight: new Set(), dead: false };
      pw.worker.on("message", (res: BatchResponse) => this.onMessage(pw, res));
      pw.worker.on("error", () => this.onDeath(pw));
      pw.worker.on("exit", () => this.onDeath(pw));
      this.workers.push(pw);
    }
    // Files added before the pool started become batches now.
    const n = this.entries.length;
    while (n - this.nextBatchStart >= this.batchSize) this.cutBatch(this.nextBatchStart + this.batchSize, true);
  }

  /** Make a batch of entries [nextBatchStart, end); during the walk, send it round-robin at once. */
  private cutBatch(end: number, eager: boolean): void {
    while (this.nextBatchStart < end) {
      const s = this.nextBatchStart;
      const e = Math.min(end, s + this.batchSize);
      const id = this.batches.length;
      this.batches.push(undefined);
      this.batchStarts.push(s);
      this.pending++;
      this.nextBatchStart = e;
      if (eager) {
        const live = this.workers.filter((w) => !w.dead);
        if (live.length > 0) {
          this.send(live[this.rr++ % live.length]!, id);
          continue;
        }
      }
      this.queue.push(id);
    }
  }

  private batchEntries(id: number): WalkEntry[] {
    const s = this.batchStarts[id]!;
    const e = id + 1 < this.batchStarts.length ? this.batchStarts[id + 1]! : this.nextBatchStart;
    return this.entries.slice(s, e);
  }

  private send(pw: PoolWorker, id: number): void {
    const list = this.batchEntries(id);
    const req: BatchRequest = { id, abs: list.map((e) => e.abs), rel: list.map((e) => e.rel) };
    pw.inFlight.add(id);
    pw.worker.postMessage(req);
  }

  /** After the walk: keep every live worker at IN_FLIGHT batches. */
  private pump(): void {
    for (const pw of this.workers) {
      while (!pw.dead && pw.inFlight.size < IN_FLIGHT && this.queue.length > 0) this.send(pw, this.queue.shift()!);
    }
  }

  private onMessage(pw: PoolWorker, res: BatchResponse): void {
    pw.inFlight.delete(res.id);
    if (res.error !== undefined) {
      // Scan the failed batch in-process (from rescueOrphans).
      this.orphans.push(res.id);
    } else {
      const list = this.batchEntries(res.id);
      const out = list.map(cleanResult);
      for (const [i, r] of res.results) {
        out[i] = revive(r);
        this.findings += r.findings.length;
      }
      this.batches[res.id] = out;
      this.pending--;
      this.done += list.length;
      this.report();
    }
    this.signal();
  }

  private onDeath(pw: PoolWorker): void {
    if (pw.dead) return;
    pw.dead = true;
    for (const id of pw.inFlight) this.orphans.push(id);
    pw.inFlight.clear();
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Batches whose worker failed, plus queued ones when no worker is left, run in-process. */
  private async rescueOrphans(): Promise<void> {
    if (this.workers.every((w) => w.dead)) this.orphans.push(...this.queue.splice(0));
    while (this.orphans.length > 0) {
      const id = this.orphans.shift()!;
      if (this.batches[id] !== undefined) continue;
      const out: FileResult[] = [];
      for (const e of this.batchEntries(id)) {
        const r = await scanFile(e.abs, e.rel, this.opts);
        out.push(r);
        this.findings += r.findings.length;
      }
      this.batches[id] = out;
      this.pending--;
      this.done += out.length;
      this.report();
    }
  }

  private async stop(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(
      ws.map((pw) => {
        pw.dead = true;
        return pw.worker.terminate().catch(() => undefined);
      }),
    );
  }
}

/** Scan a list of files (in-process or on the pool) and return the results in list order. */
export async function scanAll(entries: Iterable<WalkEntry>, opts: ScanFileOptions, pool: PoolOptions = {}): Promise<FileResult[]> {
  const s = new FileScanner(opts, pool);
  for (const e of entries) s.add(e);
  return s.finish();
}
