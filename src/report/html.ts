/**
 * `--format html`: the audit as one self-contained page (docs/formats.md).
 *
 * Everything is inline (styles, a few lines of script, no fonts, images or links out), and a
 * Content-Security-Policy that allows only that exact style and script (by hash) and nothing from
 * the network. Every text taken from a scanned file or a report (paths, lines, diffs, messages) goes
 * through `esc`; the page has no inline style or event attributes.
 *
 * The page reads an `AuditData`, so a single run (`htmlReport`) and merged JSON reports
 * (merge-reports --format html) render the same way. Its style, script and policy are in
 * html-page.ts, its small pieces (escaping, counts, badges, source lines, diffs) in html-parts.ts.
 */
import { CUTOFF_MS } from "../core/clock.js";
import type { RunResult } from "../core/run.js";
import type { RunError } from "../core/types.js";
import { CSP, SCRIPT, STYLE } from "./html-page.js";
import {
  classBadge,
  CLASSES,
  codeOf,
  count,
  type Counts,
  diffBlock,
  esc,
  folderOf,
  type Located,
  locations,
  num,
  plural,
  sourceLine,
  utc,
  zero,
} from "./html-parts.js";
import type { ReportFinding } from "./merge-reports.js";
import type { ReportContext } from "./types.js";

export { esc };

/** One finding as the page shows it (a run's Finding and a JSON report's finding both fit). */
export type AuditFinding = Pick<ReportFinding, "file" | "line" | "column" | "legacyId" | "match" | "replacement" | "fix" | "thinking" | "advice" | "suppressed"> & {
  baselined?: boolean;
  /** The source line (whole, or a trimmed window of it in JSON reports). */
  lineText?: string;
  /** The rule code, when findings carry one. */
  code?: unknown;
};

export interface AuditData {
  /** Shown after the title, e.g. "3 repositories". */
  subtitle?: string;
  version: string;
  now: Date;
  /** What the diffs are: written (write), what --write would write (dry-run, check), or unknown (merged). */
  mode: "check" | "dry-run" | "write" | "merged";
  unsafeFixes: boolean;
  rules: { legacyId: string; target: string }[];
  filesScanned: number;
  findings: AuditFinding[];
  /** Unified diff per file (files with fixes only). */
  diffs: Map<string, string>;
  errors: RunError[];
  warnings: RunError[];
  written: string[];
}

/** The findings arranged for the page: files in path order, each finding with its anchor. */
interface AuditView {
  all: AuditFinding[];
  /** The findings not suppressed. */
  active: AuditFinding[];
  total: Counts;
  byFile: Map<string, AuditFinding[]>;
  /** Files with findings or a diff, in path order. */
  files: string[];
  anchor: Map<AuditFinding, string>;
  fileIds: Map<string, string>;
}

/** The page: head, header, totals, the work left, the breakdowns, each file, errors and notes, footer. */
export function renderAudit(data: AuditData): string {
  const view = auditView(data);
  const h = [
    ...pageHead(data),
    ...pageHeader(data),
    ...totalCards(data, view),
    ...workLeft(data, view),
    ...breakdowns(data, view),
    ...fileSections(data, view),
    ...errorsAndNotes(data),
    ...pageFooter(data),
  ];
  return h.join("\n") + "\n";
}

function auditView(data: AuditData): AuditView {
  const all = data.findings;
  const total = zero();
  for (const f of all) count(total, f);
  const byFile = new Map<string, AuditFinding[]>();
  for (const f of all) {
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  for (const file of data.diffs.keys()) if (!byFile.has(file)) byFile.set(file, []);
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const anchor = new Map<AuditFinding, string>();
  files.forEach((file, i) => byFile.get(file)!.sort((x, y) => x.line - y.line || x.column - y.column).forEach((f, j) => anchor.set(f, `f${i + 1}-${j + 1}`)));
  const fileIds = new Map(files.map((file, i) => [file, `f${i + 1}`]));
  return { all, active: all.filter((f) => !f.suppressed), total, byFile, files, anchor, fileIds };
}

function pageHead(data: AuditData): string[] {
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>deepseek-migrate audit${data.subtitle ? `: ${esc(data.subtitle)}` : ""}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
  ];
}

/** What, when, and the cutoff. */
function pageHeader(data: AuditData): string[] {
  const ms = data.now.getTime() - CUTOFF_MS;
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  const when = days === 0 ? "today" : ms >= 0 ? `${plural(days, "day")} ago` : `in ${plural(days, "day")}`;
  const effect =
    ms >= 0
      ? "requests naming a retired ID fail with 400 invalid_request_error."
      : "until then the legacy IDs still work; after it, requests naming them fail with 400 invalid_request_error.";
  const modeText = data.mode === "write" ? "--write" : data.mode === "dry-run" ? "dry run" : data.mode === "check" ? "check" : "merged reports";
  return [
    "<header>",
    `<h1>deepseek-migrate audit${data.subtitle ? ` <small>${esc(data.subtitle)}</small>` : ""}</h1>`,
    `<p class="meta">Report time ${esc(utc(data.now))} · deepseek-migrate ${esc(data.version)} · ${esc(modeText)}${data.unsafeFixes ? " with --unsafe-fixes" : ""} · rules: ${data.rules
      .map((r) => `<code>${esc(r.legacyId)}</code> → <code>${esc(r.target)}</code>`)
      .join(", ")}</p>`,
    `<p class="cutoff${ms >= 0 ? " past" : ""}" id="cutoff"><strong>Cutoff: 2026-07-24 15:59 UTC (${esc(when)})</strong>: ${esc(effect)}</p>`,
    "</header>",
  ];
}

function totalCards(data: AuditData, { total, active }: AuditView): string[] {
  const card = (n: number, k: string, cls = "") => `<div class="card${cls ? ` ${cls}` : ""}"><span class="n">${n}</span><span class="k">${esc(k)}</span></div>`;
  return [
    '<section class="cards" id="totals">',
    card(data.filesScanned, "files scanned"),
    card(total.files.size, "files with findings"),
    card(active.length, "findings"),
    card(total.safe, "safe", "safe"),
    card(total.unsafe, "unsafe", "unsafe"),
    card(total.none, "none", "none"),
    card(total.manual, "thinking: manual", "manual"),
    card(total.suppressed, "suppressed"),
    card(data.errors.length, "errors", data.errors.length ? "err" : ""),
    "</section>",
  ];
}

/** The work left: fixes written, errors, fixes to apply or review, findings to decide by hand. */
function workLeft(data: AuditData, { active, anchor, fileIds }: AuditView): string[] {
  const h = ['<h2 id="work">Work left</h2>', '<ul class="work">'];
  const written = new Set(data.written);
  const applied = (f: AuditFinding) => data.mode === "write" && written.has(f.file) && (f.fix === "safe" || (f.fix === "unsafe" && data.unsafeFixes));
  const loc = (pred: (f: AuditFinding) => boolean): Located[] => active.filter(pred).map((f) => ({ f, id: anchor.get(f)! }));
  const item = (cls: string, what: string, how: string, list?: Located[]) =>
    h.push(`<li class="${cls}"><span class="what">${what}</span> <span class="how">${how}</span>${list && list.length ? locations(list, fileIds) : ""}</li>`);
  const safeLeft = loc((f) => f.fix === "safe" && !applied(f));
  const unsafeLeft = loc((f) => f.fix === "unsafe" && !applied(f));
  const noneLeft = loc((f) => f.fix === "none");
  const manual = loc((f) => f.thinking === "manual");
  const done = active.filter(applied);
  if (done.length) item("done", `${plural(done.length, "fix", "fixes")} written`, `to ${plural(data.written.length, "file")}.`);
  if (data.errors.length) item("err", `${plural(data.errors.length, "file")} could not be read or written`, "see Errors below; nothing in them was checked.");
  if (safeLeft.length)
    item("safe", `${plural(safeLeft.length, "safe fix", "safe fixes")} to apply`, `in ${plural(new Set(safeLeft.map((x) => x.f.file)).size, "file")}: <code>deepseek-migrate --write</code> applies them.`);
  if (unsafeLeft.length)
    item("unsafe", `${plural(unsafeLeft.length, "unsafe fix", "unsafe fixes")} to review`, "then apply them with <code>--write --unsafe-fixes</code>, or edit by hand.", unsafeLeft);
  if (noneLeft.length) item("none", `${plural(noneLeft.length, "finding")} with no fix`, "never edited (comparisons, keys that would collide, recorded responses): decide by hand.", noneLeft);
  if (manual.length) item("manual", `${plural(manual.length, "request")} with thinking: manual`, "the thinking flags could not be written: set them where the request is sent.", manual);
  if (!safeLeft.length && !unsafeLeft.length && !noneLeft.length && !manual.length && !data.errors.length)
    item("done", "Nothing left.", active.length === 0 ? "No legacy model IDs found." : "Every finding was fixed.");
  h.push("</ul>");
  return h;
}

/** Totals by class, ID, code and folder. */
function breakdowns(data: AuditData, view: AuditView): string[] {
  const h = ['<h2 id="breakdown">Totals</h2>', '<div class="grid">', ...byClassTable(view), ...byIdTable(data, view)];
  if (view.all.some((f) => codeOf(f) !== undefined)) h.push(...byCodeTable(view));
  h.push("</div>");
  h.push(...byFolderTable(view));
  return h;
}

function byClassTable({ all, active, total }: AuditView): string[] {
  const meaning: Record<(typeof CLASSES)[number], string> = {
    safe: "--write applies",
    unsafe: "review; --unsafe-fixes",
    none: "decide by hand",
  };
  const h = ['<section id="by-class"><h3>By class</h3><table><thead><tr><th>class</th><th class="n">findings</th><th class="n">files</th><th>meaning</th></tr></thead><tbody>'];
  for (const c of CLASSES) {
    const n = active.filter((f) => f.fix === c);
    h.push(`<tr><td><span class="b ${c}">${c}</span></td>${num(n.length)}${num(new Set(n.map((f) => f.file)).size)}<td>${esc(meaning[c])}</td></tr>`);
  }
  h.push(`<tr><td><span class="b sup">suppressed</span></td>${num(total.suppressed)}${num(new Set(all.filter((f) => f.suppressed).map((f) => f.file)).size)}<td>${all.some((f) => f.baselined) ? "ignore comments, baseline" : "ignore comments"}</td></tr>`);
  h.push(`<tr class="sum"><td>total</td>${num(active.length)}${num(total.files.size)}<td></td></tr>`, "</tbody></table></section>");
  return h;
}

function byIdTable(data: AuditData, { all, total }: AuditView): string[] {
  const byId = new Map<string, Counts>();
  for (const r of data.rules) byId.set(r.legacyId, zero());
  for (const f of all) {
    if ((f as { legacyId?: string }).legacyId === "") continue; // a request lint has no model ID
    if (!byId.has(f.legacyId)) byId.set(f.legacyId, zero());
    count(byId.get(f.legacyId)!, f);
  }
  const target = new Map(data.rules.map((r) => [r.legacyId, r.target]));
  return countsTable(
    "by-id",
    "By ID",
    "<th>ID → replacement</th>",
    [...byId].map(([id, c]) => [`<td><code>${esc(id)}</code><span class="to mono">→ ${esc(target.get(id) ?? "")}</span></td>`, c]),
    { counts: total, findings: all.length },
  );
}

function byCodeTable({ all }: AuditView): string[] {
  const byCode = new Map<string, Counts>();
  for (const f of all) {
    const k = codeOf(f) ?? "(none)";
    if (!byCode.has(k)) byCode.set(k, zero());
    count(byCode.get(k)!, f);
  }
  return countsTable("by-code", "By code", "<th>code</th>", [...byCode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [`<td><code>${esc(k)}</code></td>`, c]));
}

function byFolderTable({ all }: AuditView): string[] {
  const byFolder = new Map<string, Counts>();
  for (const f of all) {
    const k = folderOf(f.file);
    if (!byFolder.has(k)) byFolder.set(k, zero());
    count(byFolder.get(k)!, f);
  }
  if (!byFolder.size) return [];
  return [
    '<div class="grid">',
    ...countsTable(
      "by-folder",
      "By folder",
      "<th>folder</th>",
      [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [`<td class="mono">${esc(k === "." ? "./" : `${k}/`)}</td>`, c]),
    ),
    "</div>",
  ];
}

/** A table of counts by class, one row per label, and optionally a total row. */
function countsTable(id: string, title: string, head: string, rows: [string, Counts][], sum?: { counts: Counts; findings: number }): string[] {
  const h = [
    `<section id="${id}"><h3>${title}</h3><table><thead><tr>${head}<th class="n">safe</th><th class="n">unsafe</th><th class="n">none</th><th class="n">manual</th><th class="n">suppressed</th><th class="n">total</th></tr></thead><tbody>`,
  ];
  for (const [label, c] of rows) h.push(`<tr>${label}${num(c.safe)}${num(c.unsafe)}${num(c.none)}${num(c.manual)}${num(c.suppressed)}${num(c.safe + c.unsafe + c.none + c.suppressed)}</tr>`);
  if (sum) {
    const t = sum.counts;
    h.push(`<tr class="sum"><td>total</td>${num(t.safe)}${num(t.unsafe)}${num(t.none)}${num(t.manual)}${num(t.suppressed)}${num(sum.findings)}</tr>`);
  }
  h.push("</tbody></table></section>");
  return h;
}

/** Each file: its findings with advice, and the diff. */
function fileSections(data: AuditData, view: AuditView): string[] {
  const h = ['<h2 id="files">Files</h2>'];
  if (view.files.length === 0) h.push('<p class="empty">No legacy model IDs found.</p>');
  else h.push('<div class="toolbar"><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button></div>');
  const diffLabel =
    data.mode === "write"
      ? "Changes written:"
      : data.mode === "merged"
        ? "Changes of the selected fixes:"
        : `Changes <code>--write${data.unsafeFixes ? " --unsafe-fixes" : ""}</code> would make:`;
  for (const file of view.files) {
    const list = view.byFile.get(file)!;
    h.push(`<details class="file" id="${view.fileIds.get(file)}"><summary><span class="path mono">${esc(file)}</span>${fileBadges(list)}</summary><div class="body">`);
    if (list.length) h.push(...findingsTable(list, view.anchor));
    const diff = data.diffs.get(file);
    if (diff) h.push(`<p class="difflabel">${diffLabel}</p>`, diffBlock(diff));
    h.push("</div></details>");
  }
  return h;
}

function fileBadges(list: AuditFinding[]): string {
  const c = zero();
  for (const f of list) count(c, f);
  return [
    ...CLASSES.filter((k) => c[k] > 0).map((k) => `<span class="b ${k}">${c[k]} ${k}</span>`),
    c.manual ? `<span class="b manual">${c.manual} manual</span>` : "",
    c.suppressed ? `<span class="b sup">${c.suppressed} suppressed</span>` : "",
  ].join("");
}

function findingsTable(list: AuditFinding[], anchor: Map<AuditFinding, string>): string[] {
  const h = ['<table class="findings"><thead><tr><th class="n">line</th><th>ID → replacement</th><th>class</th><th>thinking</th><th>advice</th></tr></thead><tbody>'];
  for (const f of list) {
    const cd = codeOf(f);
    h.push(
      `<tr id="${anchor.get(f)}"><td class="n mono">${f.line}:${f.column}</td>` +
        `<td><code>${esc(f.match ?? f.legacyId)}</code> → ${f.fix === "none" ? '<span class="how">(not renamed)</span>' : `<code>${esc(f.replacement)}</code>`}${cd ? ` <span class="b sup">${esc(cd)}</span>` : ""}${sourceLine(f)}</td>` +
        `<td>${classBadge(f)}</td>` +
        `<td>${f.thinking === "manual" ? '<span class="b manual">manual</span>' : esc(f.thinking === "not-applicable" ? "–" : f.thinking)}</td>` +
        `<td>${esc(f.advice ?? "")}</td></tr>`,
    );
  }
  h.push("</tbody></table>");
  return h;
}

function errorsAndNotes(data: AuditData): string[] {
  const h: string[] = [];
  if (data.errors.length) {
    h.push('<h2 id="errors">Errors</h2><ul class="notes">');
    for (const e of data.errors) h.push(`<li><span class="b err">error</span> <code>${esc(e.file)}</code>: ${esc(e.message)}</li>`);
    h.push("</ul>");
  }
  if (data.warnings.length) {
    h.push('<h2 id="notes">Notes</h2><ul class="notes">');
    for (const w of data.warnings) h.push(`<li><code>${esc(w.file)}</code>: ${esc(w.message)}</li>`);
    h.push("</ul>");
  }
  return h;
}

function pageFooter(data: AuditData): string[] {
  return [
    "<footer>",
    "<p><strong>Classes</strong>: <em>safe</em> fixes are applied by <code>deepseek-migrate --write</code>; <em>unsafe</em> ones need review and <code>--unsafe-fixes</code>; " +
      "<em>none</em> are never edited (comparisons and keys that would collide, recorded responses). " +
      "<strong>Thinking</strong>: <em>added</em> (flags written into the request), <em>present</em> (already set), <em>manual</em> (set them where the request is sent).</p>",
    `<p>Generated by deepseek-migrate ${esc(data.version)} on ${esc(utc(data.now))}. This page is self-contained: it loads nothing from the network.</p>`,
    "</footer>",
    "</main>",
    `<script>${SCRIPT}</script>`,
    "</body>",
    "</html>",
  ];
}

/** A run's audit page. */
export function htmlReport(ctx: ReportContext): string {
  const r: RunResult = ctx.result;
  return renderAudit({
    version: ctx.version,
    now: r.options.now,
    mode: r.options.mode,
    unsafeFixes: r.options.unsafeFixes,
    rules: r.ruleset.rules.map((x) => ({ legacyId: x.legacyId, target: x.target })),
    filesScanned: r.summary.files,
    findings: r.findings,
    diffs: new Map(r.files.filter((f) => f.diff).map((f) => [f.file, f.diff!])),
    errors: r.errors,
    warnings: r.warnings,
    written: r.written,
  });
}
