/**
 * A scan thread for `--changed-since` (docs/speed.md): a worker thread, started by the entry before
 * the CLI loads, that loads the heavy parsers at once (src/engine/scan-thread-worker.ts) and then
 * scans the handful of changed files it is sent. The main thread meanwhile loads the CLI and takes
 * git's answers, so loading the compiler no longer follows them. Its results are the ones an
 * in-process scan gives (the same scanFile); a thread that fails hands its files back (undefined).
 */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ScanFileOptions } from "../core/scan-file.js";
import type { FileResult } from "../core/types.js";
import { revive } from "./revive.js";

/** More changed files than this go to the usual scan (the worker pool when it pays), not to the thread. */
export const SCAN_THREAD_MAX = 500;

export interface ScanThread {
  /** Scan these files there; undefined when the thread failed (the caller scans them). */
  scan(opts: ScanFileOptions, files: { abs: string; rel: string }[]): Promise<FileResult[] | undefined>;
  stop(): void;
}

/** Start a scan thread, or undefined (no compiled worker: a run from the sources; threads turned off). */
export function startScanThread(env: NodeJS.ProcessEnv = process.env): ScanThread | undefined {
  if (env.DEEPSEEK_MIGRATE_WORKERS?.trim() === "0") return undefined;
  const file = fileURLToPath(new URL("./scan-thread-worker.js", import.meta.url));
  if (!fs.existsSync(file)) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(file);
  } catch {
    return undefined;
  }
  worker.unref();
  let failed = false;
  worker.on("error", () => (failed = true));
  return {
    scan: (opts, files) =>
      new Promise((resolve) => {
        if (failed) return resolve(undefined);
        worker.ref();
        const done = (r: FileResult[] | undefined) => {
          void worker.terminate();
          resolve(r);
        };
        worker.once("message", (out: FileResult[]) => done(out.map(revive)));
        worker.once("error", () => done(undefined));
        worker.once("exit", () => done(undefined));
        worker.postMessage({ opts, abs: files.map((f) => f.abs), rel: files.map((f) => f.rel) });
      }),
    stop: () => void worker.terminate(),
  };
}


let early: ScanThread | undefined;

/** Start the thread before the CLI loads (src/cli/main.ts). */
export function startEarlyScanThread(): void {
  early = startScanThread();
}

/** The thread started early, if any (once). */
export function takeScanThread(): ScanThread | undefined {
  const e = early;
  early = undefined;
  return e;
}
