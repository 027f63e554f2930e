import type { JsonValue } from "../core/types.js";

/**
 * The model lineage as dated data: one row per DeepSeek model ID, with its status, the date it
 * changed and what replaces it (docs/lineage.md). The built-in ruleset is derived from these rows
 * (src/rules/defaults.ts); the next retirement is one more row.
 *
 * - active: served under its own name.
 * - retired: no longer served; a request naming it fails (400 invalid_request_error).
 * - retired-alias: the model behind the name was retired, but the name is still accepted and served
 *   by its replacement (no published removal date).
 */
export type LineageStatus = "active" | "retired" | "retired-alias";

export interface LineageRow {
  id: string;
  status: LineageStatus;
  /** When the status took effect, ISO 8601 UTC (retired and retired-alias rows). */
  date?: string;
  /**
   * What replaces it at the time it was retired: one ID, or one per `--reasoner-target`
   * (the first is the default). A replacement may itself be retired later: `--to latest` follows
   * the chain to an active ID.
   */
  replacement?: string | { flash: string; pro: string };
  /**
   * The request-body parameters that keep the old behaviour on the replacement, written where the
   * request is visible (e.g. deepseek-chat never thought; V4 thinks unless told otherwise).
   */
  flags?: Record<string, JsonValue>;
  /** One sentence for reports (SARIF rule text, `explain`). */
  note: string;
}

export const LINEAGE: readonly LineageRow[] = [
  {
    id: "deepseek-chat",
    status: "retired",
    date: "2026-07-24T15:59:00Z",
    replacement: "deepseek-v4-flash",
    flags: { thinking: { type: "disabled" } },
    note: "deepseek-chat (non-thinking) was retired; deepseek-v4-flash with thinking disabled behaves the same.",
  },
  {
    id: "deepseek-reasoner",
    status: "retired",
    date: "2026-07-24T15:59:00Z",
    replacement: { flash: "deepseek-v4-flash", pro: "deepseek-v4-pro" },
    flags: { thinking: { type: "enabled" }, reasoning_effort: "high" },
    note: "deepseek-reasoner (thinking) was retired; V4 with thinking enabled and reasoning_effort high behaves the same.",
  },
  {
    id: "deepseek-v4-flash",
    status: "retired-alias",
    date: "2026-09-10T00:00:00Z",
    replacement: "deepseek-flash",
    note: "deepseek-v4-flash was retired as a model when V4.1 Flash was released as deepseek-flash; the name is still accepted as an alias of deepseek-flash.",
  },
  {
    id: "deepseek-v4-flash-vision-exp",
    status: "retired-alias",
    date: "2026-09-10T00:00:00Z",
    replacement: "deepseek-flash",
    note: "deepseek-v4-flash-vision-exp was retired as a model when V4.1 Flash was released as deepseek-flash; the name is still accepted as an alias of deepseek-flash.",
  },
  { id: "deepseek-v4-pro", status: "active", note: "DeepSeek V4 Pro (a planned rerouting was cancelled)." },
  { id: "deepseek-flash", status: "active", date: "2026-09-10T00:00:00Z", note: "V4.1 Flash, the canonical ID since 2026-09-10." },
];

/** `--to`: v4 (the default) renames to each row's own replacement; latest follows replacements to an active ID. */
export type MigrationTarget = "v4" | "latest";

export function lineageRow(id: string): LineageRow | undefined {
  return LINEAGE.find((r) => r.id === id);
}

function directReplacement(row: LineageRow, reasonerTarget: "flash" | "pro"): string | undefined {
  const r = row.replacement;
  if (r === undefined) return undefined;
  return typeof r === "string" ? r : r[reasonerTarget];
}

/**
 * What an ID becomes under a target: its own replacement (v4), or the end of its chain of
 * replacements (latest). Undefined for an active ID.
 */
export function replacementOf(id: string, to: MigrationTarget, reasonerTarget: "flash" | "pro" = "flash"): string | undefined {
  let row = lineageRow(id);
  if (!row || row.status === "active") return undefined;
  let next = directReplacement(row, reasonerTarget);
  if (to === "v4") return next;
  const seen = new Set([id]);
  while (next !== undefined && !seen.has(next)) {
    seen.add(next);
    row = lineageRow(next);
    if (!row || row.status === "active") return next;
    const after = directReplacement(row, reasonerTarget);
    if (after === undefined) return next;
    next = after;
  }
  return next;
}

/** The IDs the API serves under their own name today. */
export function canonicalIds(): string[] {
  return LINEAGE.filter((r) => r.status === "active").map((r) => r.id);
}

/** "2026-07-24 15:59 UTC" (a midnight date is shown without its time). */
export function formatDate(iso: string): string {
  const d = iso.replace(/:00(?:\.000)?Z$/, "").replace("T", " ");
  return d.endsWith(" 00:00") ? d.slice(0, -6) : `${d} UTC`;
}

/** The lineage table of docs/lineage.md (generated; a test checks the file holds exactly this). */
export function lineageTableMarkdown(): string {
  const rows = LINEAGE.map((r) => {
    const rep = r.replacement === undefined ? "" : typeof r.replacement === "string" ? `\`${r.replacement}\`` : `\`${r.replacement.flash}\` (\`--reasoner-target pro\`: \`${r.replacement.pro}\`)`;
    const latest = r.status === "active" ? "" : `\`${replacementOf(r.id, "latest", "flash")}\`` + (typeof r.replacement === "object" ? ` (pro: \`${replacementOf(r.id, "latest", "pro")}\`)` : "");
    return `| \`${r.id}\` | ${r.status} | ${r.date ? formatDate(r.date) : ""} | ${rep} | ${latest} | ${r.note} |`;
  });
  return ["| model ID | status | since | replacement (default target) | with `--to latest` | note |", "|---|---|---|---|---|---|", ...rows].join("\n");
}
