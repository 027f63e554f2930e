import type { Position } from "../core/types.js";
import { POLICY } from "./policy.js";

/**
 * The tables of docs/positions.md (and the README's policy table), generated from the policy table
 * and the position catalog; a test fails when the pages differ from them.
 */

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** The policy table: one row per position kind. */
export function policyTableMarkdown(): string {
  const rows = Object.entries(POLICY).map(([kind, p]) => `| \`${kind}\` | ${p.fix} | ${cell(p.reason)} |`);
  return ["| kind | fix | why |", "|---|---|---|", ...rows].join("\n");
}

/** The catalog: one table per folder, one row per position. */
export function positionsTableMarkdown(positions: Iterable<Position>): string {
  const byFolder = new Map<string, Position[]>();
  for (const p of positions) {
    const folder = p.id.slice(0, p.id.indexOf("/"));
    byFolder.set(folder, [...(byFolder.get(folder) ?? []), p]);
  }
  const out: string[] = [];
  for (const [folder, list] of byFolder) {
    out.push(`### ${folder}`, "", "| position | kind | what | example |", "|---|---|---|---|");
    for (const p of list) out.push(`| \`${p.id}\` | \`${p.kind}\` | ${cell(p.summary)}${p.reason ? ` ${cell(p.reason)}` : ""} | \`${cell(p.example).replace(/`/g, "'")}\` |`);
    out.push("");
  }
  return out.join("\n");
}
