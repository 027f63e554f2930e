/**
 * Long file: one class, FileScanner, whose scheduling state (batches, jobs, parser owners, the main
 * thread's share) every method reads and changes; the worker side is worker.ts.
 *
 * Parallel scanning (docs/contract.md §9): a small pool of worker_threads, sized to the cores, fed
 * batches of walked paths while the walk is still running. Results come back in the order the files
 * were added (the walk's order), whatever order the workers finish in.
 *
 * Threads: the main thread walks while `cores - 1` workers prefilter ("probe" jobs, see worker.ts);
 * once the walk is over the main thread prefilters too. A file that needs a heavy parser (the
 * TypeScript compiler, tree-sitter) comes back from its probe and is dealt out in chunks of 16 to the
 * worker that owns that parser, so each parser loads in one worker, not in all of them. Once the walk
 * is over, the main thread takes chunks too when a backlog of one kind waits (MAIN_BACKLOG files):
 * it loads that parser then, and both cores parse. A tree with a few hits never loads a parser in the
 * main thread. During the walk, a backlog at a warm owner makes another worker start and take a
 * share, up to one parsing thread per core. Memory stays flat on large trees with few hits.
 *
 * Each parsing thread pays its own start, parser load and JIT warm-up (for TypeScript more than the
 * compiler load itself), and V8's own compiler and GC threads already keep the second core partly
 * busy during an in-process run: a second parsing thread only pays for well over a thousand parser
 * files, hence the DEFAULT_MIN_FILES threshold (measurements: docs/speed.md).
 *
 * Small runs stay in-process: a worker costs a thread start and a module load, which only pays from
 * a few thousand files. The pool also stays off when the compiled worker (worker.js next to this
 * module) is missing, e.g. when the sources run under a test runner, and when the options cannot be
 * sent to a worker. A worker that fails hands its jobs back to the main thread: no file is lost.
 */
import fs from "node:fs";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { cleanResult as cleanFileResult, scanFile, type ScanFileOptions } from "../core/scan-file.js";
import { adapterNameFor, PARSER_GROUPS } from "../languages/registry.js";
import { runJob, SCAN_WORKER, type JobRequest, type JobResponse, type WorkerSetup } from "./worker.js";
import type { FileResult } from "../core/types.js";
import type { WalkEntry } from "../walk/walk.js";

/** What a progress display needs. `total` is unknown while the walk is still running. */
export interface ScanProgress {
  /** Files handed to the scanner so far (grows while the walk runs). */
  found: number;
  /** Files scanned. */
  done: number;
  /** All files, once the walk is over. */
  total: number | undefined;
  findings: number;
}

export interface PoolOptions {
  /** Most worker threads; default: DEEPSEEK_MIGRATE_WORKERS, else the available cores (at most 8). 0: in-process. */
  workers?: number;
  /** Workers started at first (default: cores - 1, at least 1, at most `workers`). */
  initialWorkers?: number;
  /** Use workers only from this many files on (default 2,000). */
  minFiles?: number;
  /** Files of one heavy kind waiting at every owner before another worker takes a share (default 200). */
  ownerBacklog?: number;
  /**
   * Once the walk is over, the main thread takes a share of the parser work too (default true): it
   * loads a parser itself only when at least `mainBacklog` files of that kind wait for their owners.
   */
  mainParses?: boolean;
  /** Files of one heavy kind waiting beyond what their owners hold before the main thread joins (default 48). */
  mainBacklog?: number;
  /** Files per probe job (default 256). */
  batchSize?: number;
  /** The worker module (default: worker.js next to this module). */
  workerUrl?: URL;
  onProgress?: (p: ScanProgress) => void;
}

export const DEFAULT_MIN_FILES = 2000;
const DEFAULT_BATCH = 256;
const MAX_WORKERS = 8;
/** Probe jobs in flight per worker once the walk is over. */
const IN_FLIGHT = 2;
/** Files of one heavy kind waiting at every owner before another worker loads that parser too. */
const SECOND_OWNER_BACKLOG = 200;
/** Files per scan job, and files in flight per owner (the rest waits in the pool's queue). */
const SCAN_CHUNK = 16;
const SCAN_IN_FLIGHT = 32;
/**
 * Files of one heavy kind waiting (beyond the owners' share in flight) before the main thread loads
 * that parser and takes chunks too: about what its load costs (docs/speed.md).
 */
const MAIN_BACKLOG = 48;

/**
 * Adapters whose parser is heavy to load (time and memory), grouped by what they load (the kinds'
 * parser groups, src/languages/kind.ts): a group is owned by one worker at first. Others (lexical,
 * config formats) run in every worker.
 */
export const HEAVY_GROUPS: string[][] = PARSER_GROUPS;

/** Files that passed the prefilter, from this many on, may go to the pool (see poolPays). */
export const POOL_MIN_CANDIDATES = 500;
/** Files of a second heavy parser group that make the pool pay below DEFAULT_MIN_FILES. */
const SECOND_GROUP_MIN = 200;

/**
 * Whether files that already passed the prefilter (ripgrep named them: most need a parser) are
 * worth the worker pool. Each parsing thread pays its own start, parser load and JIT warm-up, and
 * on two cores two threads parsing TypeScript each ran slower than one alone, while two parser
 * groups with work each (TypeScript and Python) load in different threads and did pay (the timings
 * are in docs/speed.md). So: the pool from DEFAULT_MIN_FILES on,
 * or from POOL_MIN_CANDIDATES on when a second heavy group has SECOND_GROUP_MIN files.
 */
export function poolPays(entries: readonly { rel: string }[]): boolean {
  if (entries.length < POOL_MIN_CANDIDATES) return false;
  if (entries.length >= DEFAULT_MIN_FILES) return true;
  const counts = HEAVY_GROUPS.map(() => 0);
  for (const e of entries) {
    const name = adapterNameFor(e.rel);
    const g = HEAVY_GROUPS.findIndex((group) => group.includes(name));
    if (g >= 0) counts[g]!++;
  }
  counts.sort((a, b) => b - a);
  return (counts[1] ?? 0) >= SECOND_GROUP_MIN;
}

/** The worker count: DEEPSEEK_MIGRATE_WORKERS when set, else the available cores, at most 8. */
export function defaultWorkerCount(env: NodeJS.ProcessEnv = process.env): number {
  const v = env.DEEPSEEK_MIGRATE_WORKERS?.trim();
  if (v && /^\d+$/.test(v)) return Math.min(Number(v), 64);
  const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, MAX_WORKERS));
}

function cleanResult(e: WalkEntry): FileResult {
  return cleanFileResult(e.rel, e.abs);
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
  index: number;
  worker: Worker;
  /** Results arrive here; read synchronously (receiveMessageOnPort) while the walk runs. */
  port: MessagePort;
  /** Jobs sent and not answered. */
  jobs: Set<number>;
  probes: number;
  /** Files in scan jobs not answered. */
  backlog: number;
  /** Heavy kinds this worker has parsed (their parser is loaded and warm). */
  warm: Set<string>;
  dead: boolean;
}

interface Batch {
  start: number;
  end: number;
  out?: FileResult[];
  /** Files of this batch still being scanned elsewhere (deferred). */
  waiting: number;
  done: boolean;
}

interface Job {
  type: "probe" | "scan";
  batch: number;
  /** scan jobs: entry indexes within the batch. */
  indexes?: number[];
  kind?: string;
}

/**
 * Scans files as they are added (add() is synchronous, so a walk can feed it while it runs) and
 * returns every result in the order added.
 */
export class FileScanner {
  private readonly entries: WalkEntry[] = [];
  private readonly batches: Batch[] = [];
  private readonly jobs = new Map<number, Job>();
  private nextJob = 0;
  /** Probe jobs (batch ids) not sent yet. */
  private readonly queue: number[] = [];
  /** Jobs to scan in-process (their worker failed). */
  private readonly orphans: Job[] = [];
  private workers: PoolWorker[] = [];
  private workerFile = "";
  /** Heavy kind → the workers that load it. */
  private readonly owners = new Map<string, PoolWorker[]>();
  /** Heavy kind → deferred files waiting for an owner with room. */
  private readonly scanQueue = new Map<string, { files: number; chunks: { batch: number; indexes: number[] }[] }>();
  private started = false;
  private disabled = false;
  private nextBatchStart = 0;
  private pending = 0;
  private done = 0;
  private findings = 0;
  private total: number | undefined;
  private lastAddReport = 0;
  private wake: (() => void) | undefined;
  private readonly size: number;
  private readonly initial: number;
  private readonly ownerBacklog: number;
  private readonly mainParses: boolean;
  private readonly mainBacklog: number;
  /** Heavy kinds the main thread has parsed (their parser is loaded here). */
  private readonly mainWarm = new Set<string>();
  /** Heavy files the main thread scanned (a pool statistic, for tests). */
  mainScanned = 0;
  private readonly cores: number;
  private readonly minFiles: number;
  private readonly batchSize: number;
  private readonly workerUrl: URL;

  constructor(
    private readonly opts: ScanFileOptions,
    private readonly pool: PoolOptions = {},
  ) {
    this.size = pool.workers ?? defaultWorkerCount();
    const cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
    this.cores = cores;
    this.initial = Math.max(1, Math.min(this.size, pool.initialWorkers ?? cores - 1));
    this.minFiles = pool.minFiles ?? DEFAULT_MIN_FILES;
    this.ownerBacklog = pool.ownerBacklog ?? SECOND_OWNER_BACKLOG;
    this.mainParses = pool.mainParses ?? true;
    this.mainBacklog = pool.mainBacklog ?? MAIN_BACKLOG;
    this.batchSize = Math.max(1, pool.batchSize ?? DEFAULT_BATCH);
    this.workerUrl = pool.workerUrl ?? new URL("./worker.js", import.meta.url);
    if (this.size < 1) this.disabled = true;
  }

  /** Whether the run uses worker threads (known once the pool started or was ruled out). */
  get parallel(): boolean {
    return this.started;
  }

  /** Worker threads started so far. */
  get workerCount(): number {
    return this.workersStarted;
  }
  private workersStarted = 0;

  /** Add one file (synchronous and cheap, so a walk can call it as it goes). */
  add(entry: WalkEntry): void {
    this.entries.push(entry);
    const n = this.entries.length;
    if (!this.started && !this.disabled && n >= this.minFiles) this.start();
    if (this.started && n - this.nextBatchStart >= this.batchSize) {
      this.cutBatches(n);
      // The walk is synchronous: take in what the workers sent back and keep them busy.
      this.drain();
      this.pump();
    }
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
      if (this.nextBatchStart < this.total) this.cutBatches(this.total);
      for (;;) {
        this.pump();
        await this.rescueOrphans();
        if (this.pending === 0) break;
        if (this.orphans.length > 0 || (this.queue.length > 0 && this.workers.every((w) => w.dead))) continue;
        if (this.queue.length > 0) {
          // The walk is over: the main thread prefilters a batch too (light kinds only).
          await this.probeInMain(this.queue.shift()!);
          continue;
        }
        const chunk = this.takeScanForMain();
        if (chunk) {
          await this.scanInMain(chunk);
          continue;
        }
        await new Promise<void>((resolve) => (this.wake = resolve));
      }
      const out: FileResult[] = [];
      for (const b of this.batches) for (const r of b.out!) out.push(r);
      return out;
    } finally {
      await this.stop();
    }
  }

  /** Stop the workers without results (the walk failed). */
  async abort(): Promise<void> {
    await this.stop();
  }

  private report(): void {
    this.pool.onProgress?.({ found: this.entries.length, done: this.done, total: this.total, findings: this.findings });
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
    this.workerFile = workerFile;
    for (let i = 0; i < this.initial; i++) this.addWorker(HEAVY_GROUPS.filter((_, g) => g % this.initial === i).flat());
    // Files added before the pool started become batches now.
    const n = this.entries.length;
    this.cutBatches(n - (n % this.batchSize));
    this.pump();
  }

  private addWorker(owned: string[]): PoolWorker {
    const { port1, port2 } = new MessageChannel();
    // Probe jobs hand every heavy file back, even of a kind this worker owns: the pool deals parser
    // work out in small chunks (to owners, and to the main thread once the walk is over), so no
    // thread sits on a long probe job full of parsing while another one idles.
    const setup: WorkerSetup = { role: SCAN_WORKER, opts: this.opts, heavy: HEAVY_GROUPS.flat(), owned: [], port: port2 };
    const pw: PoolWorker = {
      index: this.workers.length,
      worker: new Worker(this.workerFile, { workerData: setup, transferList: [port2] }),
      port: port1,
      jobs: new Set(),
      probes: 0,
      backlog: 0,
      warm: new Set(),
      dead: false,
    };
    pw.port.on("message", (res: JobResponse) => this.onMessage(pw, res));
    pw.worker.on("message", (res: JobResponse) => this.onMessage(pw, res));
    pw.worker.on("error", () => this.onDeath(pw));
    pw.worker.on("exit", () => this.onDeath(pw));
    this.workers.push(pw);
    this.workersStarted++;
    for (const k of owned) this.owners.set(k, [...(this.owners.get(k) ?? []), pw]);
    return pw;
  }

  /** Cut entries [nextBatchStart, end) into batches, queued for pump(). */
  private cutBatches(end: number): void {
    while (this.nextBatchStart < end) {
      const start = this.nextBatchStart;
      const stop = Math.min(end, start + this.batchSize);
      const id = this.batches.length;
      this.batches.push({ start, end: stop, waiting: 0, done: false });
      this.nextBatchStart = stop;
      this.pending++;
      this.queue.push(id);
    }
  }

  private post(pw: PoolWorker, job: Job, list: WalkEntry[]): void {
    const id = this.nextJob++;
    this.jobs.set(id, job);
    pw.jobs.add(id);
    const req: JobRequest = { type: job.type, id, abs: list.map((e) => e.abs), rel: list.map((e) => e.rel) };
    pw.worker.postMessage(req);
  }

  private sendProbe(pw: PoolWorker, batch: number): void {
    const b = this.batches[batch]!;
    pw.probes++;
    this.post(pw, { type: "probe", batch }, this.entries.slice(b.start, b.end));
  }

  /** Queue deferred files of one heavy kind for its owners (see dispatchScans). */
  private sendScan(batch: number, kind: string, indexes: number[]): void {
    let q = this.scanQueue.get(kind);
    if (!q) this.scanQueue.set(kind, (q = { files: 0, chunks: [] }));
    for (let i = 0; i < indexes.length; i += SCAN_CHUNK) {
      const part = indexes.slice(i, i + SCAN_CHUNK);
      q.chunks.push({ batch, indexes: part });
      q.files += part.length;
    }
    this.dispatchScans();
  }

  /**
   * Send queued parser work to the owners of each kind, a little at a time, so that work piling up
   * stays here, where it can still go to another worker: when the owners are warm (their parser is
   * loaded) and `ownerBacklog` files still wait, one more worker takes a share (an idle one that
   * does not load that parser yet, or a new one, up to one per core).
   */
  private dispatchScans(): void {
    for (const [kind, q] of this.scanQueue) {
      if (q.chunks.length === 0) continue;
      const live = this.workers.filter((w) => !w.dead);
      if (live.length === 0) {
        for (const c of q.chunks.splice(0)) this.orphans.push({ type: "scan", batch: c.batch, indexes: c.indexes, kind });
        q.files = 0;
        continue;
      }
      let owners = (this.owners.get(kind) ?? []).filter((w) => !w.dead);
      const warm = owners.every((w) => w.warm.has(kind));
      // One parsing thread per core: once the walk is over, the main thread may be one of them.
      const room = owners.length + (this.mainParses && this.total !== undefined ? 1 : 0) < this.cores;
      if (owners.length === 0 || (warm && room && q.files >= this.ownerBacklog)) {
        const others = live.filter((w) => !owners.includes(w));
        const pick =
          others.length > 0 ? others.reduce((a, b) => (b.backlog + b.probes < a.backlog + a.probes ? b : a)) : this.workers.length < this.size ? this.addWorker([]) : undefined;
        if (pick) {
          owners = [...owners, pick];
          this.owners.set(kind, owners);
        }
      }
      for (const to of owners) {
        while (to.backlog < SCAN_IN_FLIGHT && q.chunks.length > 0) {
          const c = q.chunks.shift()!;
          q.files -= c.indexes.length;
          to.backlog += c.indexes.length;
          const b = this.batches[c.batch]!;
          this.post(to, { type: "scan", batch: c.batch, indexes: c.indexes, kind }, c.indexes.map((i) => this.entries[b.start + i]!));
        }
      }
    }
  }

  /**
   * Parser work for the main thread (the walk is over, no probe batch waits): a chunk the owners have
   * no room for, of a kind whose parser is loaded here or whose backlog pays for loading it.
   */
  private takeScanForMain(): { batch: number; indexes: number[]; kind: string } | undefined {
    if (!this.mainParses) return undefined;
    for (const [kind, q] of this.scanQueue) {
      if (q.chunks.length === 0 || (!this.mainWarm.has(kind) && q.files < this.mainBacklog)) continue;
      const c = q.chunks.shift()!;
      q.files -= c.indexes.length;
      return { ...c, kind };
    }
    return undefined;
  }

  private async scanInMain(c: { batch: number; indexes: number[]; kind: string }): Promise<void> {
    this.mainWarm.add(c.kind);
    const b = this.batches[c.batch]!;
    for (const i of c.indexes) {
      const e = this.entries[b.start + i]!;
      const r = await scanFile(e.abs, e.rel, this.opts);
      if (!b.done) {
        b.out![i] = r;
        this.findings += r.findings.length;
      }
    }
    this.mainScanned += c.indexes.length;
    if (!b.done) {
      b.waiting -= c.indexes.length;
      this.done += c.indexes.length;
      this.settle(b);
      this.report();
    }
    // Let worker messages in between two chunks.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** A probe batch on the main thread: heavy kinds are sent on to their owners (or taken by takeScanForMain). */
  private async probeInMain(batch: number): Promise<void> {
    const b = this.batches[batch]!;
    const list = this.entries.slice(b.start, b.end);
    const setup: WorkerSetup = { role: SCAN_WORKER, opts: this.opts, heavy: HEAVY_GROUPS.flat(), owned: [] };
    const res = await runJob({ type: "probe", id: -1, abs: list.map((e) => e.abs), rel: list.map((e) => e.rel) }, setup, new Set());
    this.onProbe(batch, res);
    // Let worker messages in between two batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Take in every result already sent back (synchronously: used while the walk runs). */
  private drain(): void {
    for (const pw of this.workers) {
      for (let m = receiveMessageOnPort(pw.port); m; m = receiveMessageOnPort(pw.port)) this.onMessage(pw, m.message as JobResponse);
    }
  }

  /** Keep every live worker at IN_FLIGHT probe jobs. */
  private pump(): void {
    this.dispatchScans();
    for (const pw of this.workers) {
      while (!pw.dead && pw.probes < IN_FLIGHT && this.queue.length > 0) this.sendProbe(pw, this.queue.shift()!);
    }
  }

  private onMessage(pw: PoolWorker, res: JobResponse): void {
    const job = this.jobs.get(res.id);
    if (!job || !pw.jobs.delete(res.id)) return;
    this.jobs.delete(res.id);
    if (job.type === "probe") pw.probes--;
    else pw.backlog -= job.indexes!.length;
    for (const k of res.parsed ?? []) pw.warm.add(k);
    const b = this.batches[job.batch]!;
    if (b.done) {
      // Already rescued in-process.
    } else if (res.error !== undefined) {
      this.orphans.push(job);
    } else {
      if (job.type === "probe") {
        this.onProbe(job.batch, res);
      } else {
        this.place(b, res.results, job.indexes);
        b.waiting -= job.indexes!.length;
        this.done += job.indexes!.length;
        this.settle(b);
        this.report();
      }
    }
    this.signal();
  }

  private onProbe(batch: number, res: JobResponse): void {
    const b = this.batches[batch]!;
    b.out = this.entries.slice(b.start, b.end).map(cleanResult);
    for (const i of res.settled ?? []) b.out[i] = { ...b.out[i]!, settled: true };
    this.place(b, res.results, undefined);
    b.waiting += res.deferred.length;
    const byKind = new Map<string, number[]>();
    for (const [i, kind] of res.deferred) byKind.set(kind, [...(byKind.get(kind) ?? []), i]);
    for (const [kind, idx] of byKind) this.sendScan(batch, kind, idx);
    this.done += b.end - b.start - res.deferred.length;
    this.settle(b);
    this.report();
  }

  /** Put non-clean results in place; `indexes` maps a scan job's positions to the batch's. */
  private place(b: Batch, results: [number, FileResult][], indexes: number[] | undefined): void {
    for (const [i, r] of results) {
      b.out![indexes ? indexes[i]! : i] = revive(r);
      this.findings += r.findings.length;
    }
  }

  private settle(b: Batch): void {
    if (!b.done && b.out && b.waiting === 0) {
      b.done = true;
      this.pending--;
    }
  }

  private onDeath(pw: PoolWorker): void {
    if (pw.dead) return;
    pw.dead = true;
    for (const id of pw.jobs) {
      const job = this.jobs.get(id);
      this.jobs.delete(id);
      if (job) this.orphans.push(job);
    }
    pw.jobs.clear();
    this.signal();
  }

  private signal(): void {
    const w = this.wake;
    this.wake = undefined;
    w?.();
  }

  /** Jobs whose worker failed, and queued ones when no worker is left, run in-process. */
  private async rescueOrphans(): Promise<void> {
    if (this.workers.every((w) => w.dead)) for (const batch of this.queue.splice(0)) this.orphans.push({ type: "probe", batch });
    while (this.orphans.length > 0) {
      const job = this.orphans.shift()!;
      const b = this.batches[job.batch]!;
      if (b.done) continue;
      if (job.type === "probe") {
        // The whole batch, in-process; deferred files already sent elsewhere are scanned again
        // here, and whichever result lands last is the same.
        const out: FileResult[] = [];
        for (let i = b.start; i < b.end; i++) {
          const e = this.entries[i]!;
          out.push(await scanFile(e.abs, e.rel, this.opts));
        }
        b.out = out;
        b.waiting = 0;
        this.findings += out.reduce((n, r) => n + r.findings.length, 0);
        this.done += out.length;
      } else {
        for (const i of job.indexes!) {
          const e = this.entries[b.start + i]!;
          const r = await scanFile(e.abs, e.rel, this.opts);
          b.out![i] = r;
          this.findings += r.findings.length;
        }
        b.waiting -= job.indexes!.length;
        this.done += job.indexes!.length;
      }
      this.settle(b);
      this.report();
    }
  }

  private async stop(): Promise<void> {
    const ws = this.workers;
    this.workers = [];
    await Promise.all(
      ws.map((pw) => {
        pw.dead = true;
        pw.port.close();
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
