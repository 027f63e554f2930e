import { CUTOFF } from "../rules/defaults.js";
import type { Severity } from "./types.js";
import { UsageError } from "./errors.js";

export const CUTOFF_MS = Date.parse(CUTOFF);

/** The current time: DEEPSEEK_MIGRATE_NOW (ISO 8601) when set, else the machine's clock. */
export function resolveNow(value?: string): Date {
  const raw = value ?? process.env.DEEPSEEK_MIGRATE_NOW;
  if (raw === undefined || raw === "") return new Date();
  const ms = Date.parse(raw);
  if (Number.isNaN(ms)) throw new UsageError(`invalid time "${raw}": expected ISO 8601, e.g. 2026-08-01T00:00:00Z`);
  return new Date(ms);
}

export function severityAt(now: Date): Severity {
  return now.getTime() >= CUTOFF_MS ? "error" : "warning";
}

/** Whole days between now and the cutoff (positive after it). */
export function daysSinceCutoff(now: Date): number {
  return Math.floor((now.getTime() - CUTOFF_MS) / 86_400_000);
}

/** "retired 127 days ago" / "retires in 3 days" / "retires today". */
export function retirementPhrase(now: Date): string {
  const ms = now.getTime() - CUTOFF_MS;
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  if (ms >= 0) {
    if (days === 0) return "was retired today (2026-07-24 15:59 UTC)";
    return `was retired ${days} day${days === 1 ? "" : "s"} ago (2026-07-24 15:59 UTC)`;
  }
  if (days === 0) return "is retired today at 15:59 UTC";
  return `is retired in ${days} day${days === 1 ? "" : "s"} (2026-07-24 15:59 UTC)`;
}
