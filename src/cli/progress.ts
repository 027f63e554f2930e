/**
 * The progress line: one line on stderr, rewritten in place, while a long run scans
 * ("deepseek-migrate: 12,345 of 40,011 files, 17 findings, 2.1 s"). Shown only when stderr is a
 * terminal, not in CI (the CI variable set), not with --quiet, and only once the run has lasted
 * about a second: short runs and logs never see it. It is erased before the report is printed.
 */
import type { ScanProgress } from "../engine/pool.js";

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(chunk: string): boolean;
}

export interface ProgressOptions {
  stream?: ProgressStream;
  env?: NodeJS.ProcessEnv;
  quiet?: boolean;
  /** Quiet period before the first draw (default 1,000 ms). */
  delayMs?: number;
  /** Minimum time between two draws (default 100 ms). */
  intervalMs?: number;
  /** The clock, in ms (tests). */
  now?: () => number;
}

/** True when a CI variable says so (any value but "", "0" or "false"). */
export function inCI(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CI;
  return v !== undefined && v !== "" && v !== "0" && v.toLowerCase() !== "false";
}

/** Whether a progress line may be drawn at all. */
export function progressAllowed(opts: ProgressOptions = {}): boolean {
  const stream = opts.stream ?? process.stderr;
  return stream.isTTY === true && !inCI(opts.env ?? process.env) && !opts.quiet;
}

/** 12345 → "12,345" (no Intl: creating a NumberFormat at startup costs tens of milliseconds). */
const fmt = { format: (n: number): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",") };

export function progressText(p: ScanProgress, elapsedMs: number): string {
  const files =
    p.total === undefined ? `${fmt.format(p.found)} files found, ${fmt.format(p.done)} scanned` : `${fmt.format(p.done)} of ${fmt.format(p.total)} files`;
  const findings = `${fmt.format(p.findings)} finding${p.findings === 1 ? "" : "s"}`;
  return `deepseek-migrate: ${files}, ${findings}, ${(elapsedMs / 1000).toFixed(1)} s`;
}

export class ProgressLine {
  private readonly enabled: boolean;
  private readonly stream: ProgressStream;
  private readonly now: () => number;
  private readonly started: number;
  private readonly delay: number;
  private readonly interval: number;
  private lastDraw = -Infinity;
  private drawn = false;

  constructor(opts: ProgressOptions = {}) {
    this.stream = opts.stream ?? process.stderr;
    this.enabled = progressAllowed(opts);
    this.now = opts.now ?? (() => performance.now());
    this.started = this.now();
    this.delay = opts.delayMs ?? 1000;
    this.interval = opts.intervalMs ?? 100;
  }

  /** Report progress; draws at most every `intervalMs`, never in the first `delayMs`. */
  update(p: ScanProgress): void {
    if (!this.enabled) return;
    const t = this.now();
    const elapsed = t - this.started;
    if (elapsed < this.delay || t - this.lastDraw < this.interval) return;
    this.lastDraw = t;
    let line = progressText(p, elapsed);
    const width = this.stream.columns;
    if (width && width > 1 && line.length > width - 1) line = line.slice(0, width - 1);
    this.stream.write(`\r\x1b[2K${line}`);
    this.drawn = true;
  }

  /** Erase the line (if one was drawn), so the report starts on a clean line. */
  done(): void {
    if (!this.drawn) return;
    this.stream.write("\r\x1b[2K");
    this.drawn = false;
  }

  /** Bound to this object, for use as a callback. */
  readonly onProgress = (p: ScanProgress): void => this.update(p);
}
