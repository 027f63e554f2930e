/**
 * The small pieces of the audit page (src/report/html.ts): escaping, counts by fix class, badges,
 * the source line with its match marked, a diff block, links to findings.
 */
import type { AuditFinding } from "./html.js";

/** A finding and the anchor of its row on the page. */
export type Located = { f: AuditFinding; id: string };

export const CLASSES = ["safe", "unsafe", "none"] as const;

/** Escape for HTML text and double- or single-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

export function utc(d: Date): string {
  return d.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

export function codeOf(f: AuditFinding): string | undefined {
  return typeof f.code === "string" && f.code !== "" ? f.code : undefined;
}

export function folderOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : file.slice(0, i);
}

export interface Counts {
  safe: number;
  unsafe: number;
  none: number;
  manual: number;
  suppressed: number;
  files: Set<string>;
}

export const zero = (): Counts => ({ safe: 0, unsafe: 0, none: 0, manual: 0, suppressed: 0, files: new Set() });

export function count(c: Counts, f: AuditFinding): void {
  if (f.suppressed) {
    c.suppressed++;
    return;
  }
  if (f.fix === "safe" || f.fix === "unsafe" || f.fix === "none") c[f.fix]++;
  if (f.thinking === "manual") c.manual++;
  c.files.add(f.file);
}

export function num(n: number): string {
  return `<td class="n${n === 0 ? " zero" : ""}">${n}</td>`;
}

export function classBadge(f: AuditFinding): string {
  const cls = f.fix === "safe" || f.fix === "unsafe" || f.fix === "none" ? f.fix : "none";
  const extra = f.baselined ? ' <span class="b sup">baseline</span>' : f.suppressed ? ' <span class="b sup">suppressed</span>' : "";
  return `<span class="b ${cls}">${esc(f.fix)}</span>${extra}`;
}

/** The source line with the match marked; long lines cut to a window around it. */
export function sourceLine(f: AuditFinding): string {
  const line = f.lineText ?? "";
  if (!line.trim()) return "";
  const m = f.match ?? f.legacyId;
  let at = line.slice(f.column - 1, f.column - 1 + m.length) === m ? f.column - 1 : line.indexOf(m);
  let text = line;
  if (text.length > 160) {
    const from = Math.max(0, (at < 0 ? 0 : at) - 70);
    text = (from > 0 ? "…" : "") + line.slice(from, from + 150) + (from + 150 < line.length ? "…" : "");
    if (at >= 0) at = at - from + (from > 0 ? 1 : 0);
  }
  const body =
    at < 0 || text.slice(at, at + m.length) !== m
      ? esc(text.trim())
      : esc(text.slice(0, at).trimStart()) + `<mark>${esc(m)}</mark>` + esc(text.slice(at + m.length).trimEnd());
  return `<code class="src">${body}</code>`;
}

export function diffBlock(diff: string): string {
  // The file header (diff --git, ---, +++) repeats the file's path: the hunks start at the first @@.
  const lines = diff.replace(/\n$/, "").split("\n");
  const first = lines.findIndex((l) => l.startsWith("@@"));
  const out = lines.slice(Math.max(0, first)).map((l) => {
    const cls = l.startsWith("+") ? "add" : l.startsWith("-") ? "del" : l.startsWith("@@") ? "hunk" : "ctx";
    return `<span class="${cls}">${esc(l) || " "}</span>`;
  });
  return `<pre class="diff">${out.join("")}</pre>`;
}

/** Links to findings, by file (its lines after it), for up to `max` files, then how many more. */
export function locations(list: Located[], fileIds: Map<string, string>, max = 40): string {
  const groups: { file: string; lines: Map<number, string> }[] = [];
  for (const { f, id } of list) {
    let g = groups[groups.length - 1];
    if (!g || g.file !== f.file) groups.push((g = { file: f.file, lines: new Map() }));
    if (!g.lines.has(f.line)) g.lines.set(f.line, id);
  }
  const shown = groups
    .slice(0, max)
    .map((g) => `<span class="loc"><a href="#${fileIds.get(g.file)}">${esc(g.file)}</a>&nbsp;${[...g.lines].map(([line, id]) => `<a href="#${id}">${line}</a>`).join(", ")}</span>`);
  if (groups.length > max) shown.push(`<span class="how">… and ${groups.length - max} more files below</span>`);
  return `<div class="locs mono">${shown.join(" ")}</div>`;
}
