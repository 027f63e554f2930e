import fs from "node:fs";
import { UsageError } from "./errors.js";
import type { RunResult } from "./run.js";
import { summarize } from "./run.js";
import type { Finding } from "./types.js";

/** Lines longer than this are keyed by a window around the match (minified files). */
const LONG_LINE = 500;
const WINDOW = 120;

/**
 * The line text a baseline matches on (also written to the JSON report as `lineText`): the
 * physical line without its surrounding whitespace, so re-indenting keeps the match; for lines over
 * 500 characters, the 120 characters either side of the match.
 */
export function baselineLineText(f: Pick<Finding, "lineText" | "column" | "endColumn" | "line" | "endLine">): string {
  const line = f.lineText;
  if (line.length <= LONG_LINE) return line.trim();
  const start = Math.max(0, f.column - 1 - WINDOW);
  const end = f.endLine === f.line ? f.endColumn - 1 + WINDOW : line.length;
  return line.slice(start, end).trim();
}

/** Findings the baseline lists (marked ones, and known ones suppressed in source). */
const inBaseline = new WeakSet<Finding>();

/** Whether the last applyBaseline found this finding in the baseline. */
export function isInBaseline(f: Finding): boolean {
  return inBaseline.has(f);
}

interface Entry {
  file: string;
  legacyId: string;
  /** Undefined for reports written before `lineText` existed: matches any line of the file. */
  lineText?: string;
}

export interface Baseline {
  file: string;
  entries: Entry[];
}

/** Read an earlier `--format json` report. A missing or malformed file is a usage error (exit 2). */
export function loadBaseline(file: string): Baseline {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read the baseline ${file}: ${code ?? (e as Error).message}`);
  }
  const doc = raw as { schemaVersion?: unknown; findings?: unknown };
  if (typeof doc !== "object" || doc === null || !Array.isArray(doc.findings))
    throw new UsageError(`the baseline ${file} is not a deepseek-migrate JSON report (no "findings" array); write one with --format json`);
  if (doc.schemaVersion !== 1) throw new UsageError(`the baseline ${file} has schemaVersion ${JSON.stringify(doc.schemaVersion)}; expected 1`);
  const entries: Entry[] = [];
  doc.findings.forEach((f: unknown, i: number) => {
    const g = f as Record<string, unknown>;
    if (typeof g !== "object" || g === null || typeof g.file !== "string" || typeof g.legacyId !== "string")
      throw new UsageError(`the baseline ${file}: findings[${i}] has no "file" and "legacyId"`);
    // A request lint has no legacy ID: it is keyed by its code.
    const key = g.legacyId === "" && typeof g.code === "string" ? g.code : g.legacyId;
    entries.push({ file: g.file, legacyId: key, ...(typeof g.lineText === "string" ? { lineText: g.lineText } : {}) });
  });
  return { file, entries };
}

/**
 * Mark the findings that the baseline already lists (same file, legacy ID and line text; line
 * numbers are ignored, so edits above a finding keep it matched). Each baseline entry matches at
 * most one finding, so two identical lines need two entries. Marked findings become suppressed
 * (`baselined: true`): they are still reported, but no longer fail `check`.
 * Returns how many findings were marked.
 */
export function applyBaseline(result: RunResult, baseline: Baseline): number {
  const exact = new Map<string, number>();
  const anyLine = new Map<string, number>();
  for (const e of baseline.entries) {
    const k = `${e.file}\0${e.legacyId}`;
    if (e.lineText === undefined) anyLine.set(k, (anyLine.get(k) ?? 0) + 1);
    else {
      const key = `${k}\0${e.lineText}`;
      exact.set(key, (exact.get(key) ?? 0) + 1);
    }
  }
  const take = (f: Finding): boolean => {
    const k = `${f.file}\0${f.legacyId || f.code}`;
    const key = `${k}\0${baselineLineText(f)}`;
    const n = exact.get(key) ?? 0;
    if (n > 0) {
      exact.set(key, n - 1);
      return true;
    }
    const m = anyLine.get(k) ?? 0;
    if (m === 0) return false;
    anyLine.set(k, m - 1);
    return true;
  };
  let marked = 0;
  // Unsuppressed findings first, so an entry goes to the finding it can keep from failing.
  for (const f of result.findings) {
    if (f.suppressed || !take(f)) continue;
    inBaseline.add(f);
    f.suppressed = true;
    f.baselined = true;
    marked++;
  }
  // Findings suppressed in source: only noted as known (SARIF baselineState "unchanged").
  for (const f of result.findings) if (f.suppressed && !f.baselined && take(f)) inBaseline.add(f);
  result.summary = { ...summarize(result.summary.files, result.findings), baselined: marked };
  return marked;
}
