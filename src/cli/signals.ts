import { cleanupTempFiles } from "../write/atomic.js";

/**
 * SIGINT, SIGTERM and SIGHUP during `--write` (installed by the CLI only; the programmatic API
 * leaves the process's signals alone).
 *
 * Files are written one at a time, synchronously, and the writer yields to the event loop between
 * two files; a signal handler can only run there, so no file is ever half replaced when it runs:
 * - while scanning (nothing written yet), the run stops at once: nothing was written;
 * - while writing, the file in flight is finished, the run stops before the next one, the report
 *   says what was written, and the process exits 128 + the signal number (130, 143, 129);
 * - a second signal stops at once (still between two files).
 * Temporary files in flight are removed on every exit path (the process's "exit" event).
 */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";
export const STOP_SIGNALS: StopSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];

let requested: StopSignal | undefined;
let writing = false;

/** The signal that asked the current --write to stop, if one arrived. */
export function stopRequested(): StopSignal | undefined {
  return requested;
}

/** From here on a signal lets the file in flight finish and stops before the next one. */
export function beginWriting(): void {
  writing = true;
}

/**
 * Let pending signal handlers run (the writer calls this between two files). A signal that arrived
 * while the thread was busy reaches its JavaScript handler within two turns of the event loop.
 */
export async function yieldToSignals(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Install the handlers; `abort` is called when the run must stop at once (a signal before writing
 * began, or a second signal) and must end the process. Returns a function that uninstalls them.
 */
export function installSignalHandlers(abort: (signal: StopSignal, wrote: boolean) => void): () => void {
  requested = undefined;
  writing = false;
  const handler = (signal: NodeJS.Signals) => {
    const sig = signal as StopSignal;
    if (!writing || requested) {
      cleanupTempFiles();
      abort(sig, writing);
      return;
    }
    requested = sig;
  };
  for (const s of STOP_SIGNALS) process.on(s, handler);
  process.on("exit", cleanupTempFiles);
  return () => {
    for (const s of STOP_SIGNALS) process.off(s, handler);
    process.off("exit", cleanupTempFiles);
    requested = undefined;
    writing = false;
  };
}

/** One line for standard error: what an interrupted --write did and did not write. */
export function interruptSummary(
  signal: StopSignal,
  state: boolean | { written: string[]; files: { fixed?: string; text?: string }[] },
): string {
  if (state === false) return `interrupted by ${signal} before writing: nothing was written`;
  if (state === true)
    return `interrupted by ${signal} again: stopped between two files; every file is either fully migrated or unchanged; run the same command again to finish`;
  const planned = state.files.filter((f) => f.fixed !== undefined && f.fixed !== f.text).length;
  const n = state.written.length;
  return (
    `interrupted by ${signal}: ${n} of ${planned} file${planned === 1 ? "" : "s"} written, ` +
    `the other ${planned - n} unchanged; run the same command again to finish`
  );
}
