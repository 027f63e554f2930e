/**
 * `--format html`: the audit as one self-contained page (docs/formats.md).
 *
 * Everything is inline (styles, a few lines of script, no fonts, images or links out), and a
 * Content-Security-Policy that allows only that exact style and script (by hash) and nothing from
 * the network. Every text taken from a scanned file or a report (paths, lines, diffs, messages) goes
 * through `esc`; the page has no inline style or event attributes.
 *
 * The page reads an `AuditData`, so a single run (`htmlReport`) and merged JSON reports
 * (merge-reports --format html) render the same way.
 */
import crypto from "node:crypto";
import { CUTOFF_MS } from "../core/clock.js";
import type { RunResult } from "../core/run.js";
import type { RunError } from "../core/types.js";
import type { ReportContext } from "./types.js";

/** One finding as the page shows it (a run's Finding and a JSON report's finding both fit). */
export interface AuditFinding {
  file: string;
  line: number;
  column: number;
  legacyId: string;
  match?: string;
  replacement: string;
  fix: string;
  thinking: string;
  advice?: string;
  suppressed?: boolean;
  baselined?: boolean;
  /** The source line (whole, or a trimmed window of it in JSON reports). */
  lineText?: string;
  /** The rule code, when findings carry one. */
  code?: unknown;
}

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

const CLASSES = ["safe", "unsafe", "none"] as const;

/** Escape for HTML text and double- or single-quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function utc(d: Date): string {
  return d.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");
}

function codeOf(f: AuditFinding): string | undefined {
  return typeof f.code === "string" && f.code !== "" ? f.code : undefined;
}

function folderOf(file: string): string {
  const i = file.lastIndexOf("/");
  return i < 0 ? "." : file.slice(0, i);
}

const STYLE = `
:root{--bg:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--link:#0969da;
--safe:#1a7f37;--safe-bg:#dafbe1;--unsafe:#9a6700;--unsafe-bg:#fff8c5;--none:#8250df;--none-bg:#fbefff;
--err:#cf222e;--err-bg:#ffebe9;--add:#e6ffec;--del:#ffebe9;--hunk:#ddf4ff;--mark:#fff1a8;color-scheme:light dark}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--link:#4493f8;
--safe:#3fb950;--safe-bg:#12261e;--unsafe:#d29922;--unsafe-bg:#272115;--none:#ab7df8;--none-bg:#221a33;
--err:#f85149;--err-bg:#301a1f;--add:#12261e;--del:#301a1f;--hunk:#121d2f;--mark:#4d3b00}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1200px;margin:0 auto;padding:28px 24px 48px}
a{color:var(--link);text-decoration:none}a:hover{text-decoration:underline}
code,pre,.mono{font-family:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
h1{font-size:24px;margin:0 0 4px}h1 small{font-weight:400;color:var(--muted)}
h2{font-size:17px;margin:32px 0 10px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:14px;margin:0 0 8px}
.meta{color:var(--muted);margin:0}
.cutoff{margin:14px 0 20px;padding:10px 14px;border-radius:8px;border:1px solid var(--line);background:var(--panel)}
.cutoff.past{border-color:var(--err);background:var(--err-bg)}
.cutoff strong{font-size:15px}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(112px,1fr));gap:10px}
.card{border:1px solid var(--line);border-radius:8px;padding:10px 14px;background:var(--bg)}
.card .n{display:block;font-size:26px;font-weight:600;font-variant-numeric:tabular-nums;line-height:1.2}
.card .k{color:var(--muted);font-size:12.5px}
.card.safe{border-top:4px solid var(--safe)}.card.unsafe{border-top:4px solid var(--unsafe)}
.card.none{border-top:4px solid var(--none)}.card.manual{border-top:4px solid var(--link)}.card.err{border-top:4px solid var(--err)}
.work{list-style:none;margin:0;padding:0;display:grid;gap:8px}
.work>li{border:1px solid var(--line);border-left-width:4px;border-radius:6px;padding:8px 12px}
.work>li.safe{border-left-color:var(--safe)}.work>li.unsafe{border-left-color:var(--unsafe)}
.work>li.none{border-left-color:var(--none)}.work>li.manual{border-left-color:var(--link)}.work>li.err{border-left-color:var(--err)}
.work>li.done{border-left-color:var(--line);color:var(--muted)}
.work .what{font-weight:600}.work .how{color:var(--muted)}
.locs{margin:4px 0 0;line-height:1.8}.loc{margin-right:22px;white-space:nowrap}.loc a:first-child{color:var(--fg)}
.grid{display:flex;flex-wrap:wrap;gap:8px 40px;align-items:flex-start;margin-bottom:20px}.grid>section{flex:0 1 auto;min-width:0;overflow-x:auto}
.grid table{width:auto}.grid th,.grid td{padding:5px 12px 5px 6px}.to{display:block;color:var(--muted);font-size:12px}
td code{white-space:nowrap}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:5px 10px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;letter-spacing:.03em}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
td.zero{color:var(--muted)}
tr.sum td{font-weight:600;border-top:2px solid var(--line)}
.b{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600;line-height:18px;white-space:nowrap}
.b.safe{color:var(--safe);background:var(--safe-bg)}.b.unsafe{color:var(--unsafe);background:var(--unsafe-bg)}
.b.none{color:var(--none);background:var(--none-bg)}.b.manual{color:var(--link);background:var(--hunk)}
.b.sup{color:var(--muted);background:var(--panel)}.b.err{color:var(--err);background:var(--err-bg)}
.toolbar{display:flex;gap:8px;align-items:center;margin:0 0 10px}
button{font:inherit;font-size:13px;padding:3px 12px;border:1px solid var(--line);border-radius:6px;background:var(--panel);color:var(--fg);cursor:pointer}
button:hover{border-color:var(--muted)}
details.file{border:1px solid var(--line);border-radius:8px;margin:8px 0;background:var(--bg)}
details.file>summary{display:flex;gap:8px;align-items:center;flex-wrap:wrap;padding:8px 12px;cursor:pointer;list-style:none}
details.file>summary::-webkit-details-marker{display:none}
details.file>summary::before{content:"\\25B8";color:var(--muted);width:12px}
details.file[open]>summary::before{content:"\\25BE"}
details.file[open]>summary{border-bottom:1px solid var(--line);background:var(--panel);border-radius:8px 8px 0 0}
summary .path{font-weight:600;word-break:break-all;margin-right:auto}
summary .kind{color:var(--muted);font-size:12px}
.body{padding:4px 12px 12px}
.findings{table-layout:fixed}.findings td{font-size:13px}
.findings th:nth-child(1){width:70px}.findings th:nth-child(2){width:38%}.findings th:nth-child(3){width:150px}.findings th:nth-child(4){width:84px}
.findings .src{display:block;margin-top:2px;color:var(--muted);white-space:pre-wrap;overflow-wrap:anywhere}
.findings mark{background:var(--mark);color:inherit;border-radius:2px}
.difflabel{margin:14px 0 6px;color:var(--muted);font-size:12.5px}
pre.diff{margin:0;padding:6px 0;border:1px solid var(--line);border-radius:6px;overflow-x:auto;line-height:1.45;background:var(--bg)}
pre.diff span{display:block;padding:0 10px;min-width:max-content}
pre.diff .add{background:var(--add)}pre.diff .del{background:var(--del)}
pre.diff .hunk{background:var(--hunk);color:var(--muted)}
.notes li{margin:2px 0}
.empty{color:var(--muted)}
footer{margin-top:36px;padding-top:12px;border-top:1px solid var(--line);color:var(--muted);font-size:12.5px}
@media print{.toolbar{display:none}details.file>summary::before{content:""}}
`;

const SCRIPT = `
(function () {
  var files = document.querySelectorAll("details.file");
  function all(open) { for (var i = 0; i < files.length; i++) files[i].open = open; }
  var ex = document.getElementById("expand"), co = document.getElementById("collapse");
  if (ex) ex.addEventListener("click", function () { all(true); });
  if (co) co.addEventListener("click", function () { all(false); });
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id ? document.getElementById(id) : null;
    var d = el ? el.closest("details") : null;
    if (d) { d.open = true; el.scrollIntoView(); }
  }
  window.addEventListener("hashchange", reveal);
  window.addEventListener("beforeprint", function () { all(true); });
  reveal();
  document.documentElement.setAttribute("data-ready", "1");
})();
`;

const sha256 = (s: string) => `'sha256-${crypto.createHash("sha256").update(s, "utf8").digest("base64")}'`;
/** Nothing from the network; only this page's own style and script run. */
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

interface Counts {
  safe: number;
  unsafe: number;
  none: number;
  manual: number;
  suppressed: number;
  files: Set<string>;
}

const zero = (): Counts => ({ safe: 0, unsafe: 0, none: 0, manual: 0, suppressed: 0, files: new Set() });

function count(c: Counts, f: AuditFinding): void {
  if (f.suppressed) {
    c.suppressed++;
    return;
  }
  if (f.fix === "safe" || f.fix === "unsafe" || f.fix === "none") c[f.fix]++;
  if (f.thinking === "manual") c.manual++;
  c.files.add(f.file);
}

function num(n: number): string {
  return `<td class="n${n === 0 ? " zero" : ""}">${n}</td>`;
}

function classBadge(f: AuditFinding): string {
  const cls = f.fix === "safe" || f.fix === "unsafe" || f.fix === "none" ? f.fix : "none";
  const extra = f.baselined ? ' <span class="b sup">baseline</span>' : f.suppressed ? ' <span class="b sup">suppressed</span>' : "";
  return `<span class="b ${cls}">${esc(f.fix)}</span>${extra}`;
}

/** The source line with the match marked; long lines cut to a window around it. */
function sourceLine(f: AuditFinding): string {
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

function diffBlock(diff: string): string {
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
function locations(list: { f: AuditFinding; id: string }[], fileIds: Map<string, string>, max = 40): string {
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

/** The page. */
export function renderAudit(data: AuditData): string {
  const all = data.findings;
  const active = all.filter((f) => !f.suppressed);
  const total = zero();
  for (const f of all) count(total, f);
  const hasCodes = all.some((f) => codeOf(f) !== undefined);

  // Files with findings, in path order; each finding gets an anchor.
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
  const loc = (pred: (f: AuditFinding) => boolean) => active.filter(pred).map((f) => ({ f, id: anchor.get(f)! }));

  const h: string[] = [];
  h.push(
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
  );

  // Header: what, when, the cutoff.
  const ms = data.now.getTime() - CUTOFF_MS;
  const days = Math.floor(Math.abs(ms) / 86_400_000);
  const when = days === 0 ? "today" : ms >= 0 ? `${plural(days, "day")} ago` : `in ${plural(days, "day")}`;
  const effect =
    ms >= 0
      ? "requests naming a retired ID fail with 400 invalid_request_error."
      : "until then the legacy IDs still work; after it, requests naming them fail with 400 invalid_request_error.";
  const modeText = data.mode === "write" ? "--write" : data.mode === "dry-run" ? "dry run" : data.mode === "check" ? "check" : "merged reports";
  h.push(
    "<header>",
    `<h1>deepseek-migrate audit${data.subtitle ? ` <small>${esc(data.subtitle)}</small>` : ""}</h1>`,
    `<p class="meta">Report time ${esc(utc(data.now))} · deepseek-migrate ${esc(data.version)} · ${esc(modeText)}${data.unsafeFixes ? " with --unsafe-fixes" : ""} · rules: ${data.rules
      .map((r) => `<code>${esc(r.legacyId)}</code> → <code>${esc(r.target)}</code>`)
      .join(", ")}</p>`,
    `<p class="cutoff${ms >= 0 ? " past" : ""}" id="cutoff"><strong>Cutoff: 2026-07-24 15:59 UTC (${esc(when)})</strong>: ${esc(effect)}</p>`,
    "</header>",
  );

  // Cards: the totals.
  const card = (n: number, k: string, cls = "") => `<div class="card${cls ? ` ${cls}` : ""}"><span class="n">${n}</span><span class="k">${esc(k)}</span></div>`;
  h.push(
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
  );

  // The work left.
  h.push('<h2 id="work">Work left</h2>', '<ul class="work">');
  const written = new Set(data.written);
  const applied = (f: AuditFinding) => data.mode === "write" && written.has(f.file) && (f.fix === "safe" || (f.fix === "unsafe" && data.unsafeFixes));
  const item = (cls: string, what: string, how: string, list?: { f: AuditFinding; id: string }[]) =>
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

  // Totals by class, ID, code, folder.
  h.push('<h2 id="breakdown">Totals</h2>', '<div class="grid">');
  const meaning: Record<(typeof CLASSES)[number], string> = {
    safe: "--write applies",
    unsafe: "review; --unsafe-fixes",
    none: "decide by hand",
  };
  h.push('<section id="by-class"><h3>By class</h3><table><thead><tr><th>class</th><th class="n">findings</th><th class="n">files</th><th>meaning</th></tr></thead><tbody>');
  for (const c of CLASSES) {
    const n = active.filter((f) => f.fix === c);
    h.push(`<tr><td><span class="b ${c}">${c}</span></td>${num(n.length)}${num(new Set(n.map((f) => f.file)).size)}<td>${esc(meaning[c])}</td></tr>`);
  }
  h.push(`<tr><td><span class="b sup">suppressed</span></td>${num(total.suppressed)}${num(new Set(all.filter((f) => f.suppressed).map((f) => f.file)).size)}<td>${all.some((f) => f.baselined) ? "ignore comments, baseline" : "ignore comments"}</td></tr>`);
  h.push(`<tr class="sum"><td>total</td>${num(active.length)}${num(total.files.size)}<td></td></tr>`, "</tbody></table></section>");

  const table = (id: string, title: string, head: string, rows: [string, Counts][], firstTotal?: boolean) => {
    h.push(
      `<section id="${id}"><h3>${title}</h3><table><thead><tr>${head}<th class="n">safe</th><th class="n">unsafe</th><th class="n">none</th><th class="n">manual</th><th class="n">suppressed</th><th class="n">total</th></tr></thead><tbody>`,
    );
    for (const [label, c] of rows) h.push(`<tr>${label}${num(c.safe)}${num(c.unsafe)}${num(c.none)}${num(c.manual)}${num(c.suppressed)}${num(c.safe + c.unsafe + c.none + c.suppressed)}</tr>`);
    if (firstTotal) h.push(`<tr class="sum"><td>total</td>${num(total.safe)}${num(total.unsafe)}${num(total.none)}${num(total.manual)}${num(total.suppressed)}${num(all.length)}</tr>`);
    h.push("</tbody></table></section>");
  };

  const byId = new Map<string, Counts>();
  for (const r of data.rules) byId.set(r.legacyId, zero());
  for (const f of all) {
    if ((f as { legacyId?: string }).legacyId === "") continue; // a request lint has no model ID
    if (!byId.has(f.legacyId)) byId.set(f.legacyId, zero());
    count(byId.get(f.legacyId)!, f);
  }
  const target = new Map(data.rules.map((r) => [r.legacyId, r.target]));
  table(
    "by-id",
    "By ID",
    "<th>ID → replacement</th>",
    [...byId].map(([id, c]) => [`<td><code>${esc(id)}</code><span class="to mono">→ ${esc(target.get(id) ?? "")}</span></td>`, c]),
    true,
  );

  if (hasCodes) {
    const byCode = new Map<string, Counts>();
    for (const f of all) {
      const k = codeOf(f) ?? "(none)";
      if (!byCode.has(k)) byCode.set(k, zero());
      count(byCode.get(k)!, f);
    }
    table("by-code", "By code", "<th>code</th>", [...byCode].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [`<td><code>${esc(k)}</code></td>`, c]));
  }
  h.push("</div>");

  const byFolder = new Map<string, Counts>();
  for (const f of all) {
    const k = folderOf(f.file);
    if (!byFolder.has(k)) byFolder.set(k, zero());
    count(byFolder.get(k)!, f);
  }
  if (byFolder.size) {
    h.push('<div class="grid">');
    table(
      "by-folder",
      "By folder",
      "<th>folder</th>",
      [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, c]) => [`<td class="mono">${esc(k === "." ? "./" : `${k}/`)}</td>`, c]),
    );
    h.push("</div>");
  }

  // Each file: its findings with advice, and the diff.
  h.push('<h2 id="files">Files</h2>');
  if (files.length === 0) h.push('<p class="empty">No legacy model IDs found.</p>');
  else h.push('<div class="toolbar"><button type="button" id="expand">Expand all</button><button type="button" id="collapse">Collapse all</button></div>');
  const diffLabel =
    data.mode === "write"
      ? "Changes written:"
      : data.mode === "merged"
        ? "Changes of the selected fixes:"
        : `Changes <code>--write${data.unsafeFixes ? " --unsafe-fixes" : ""}</code> would make:`;
  for (const file of files) {
    const list = byFile.get(file)!;
    const c = zero();
    for (const f of list) count(c, f);
    const badges = [
      ...CLASSES.filter((k) => c[k] > 0).map((k) => `<span class="b ${k}">${c[k]} ${k}</span>`),
      c.manual ? `<span class="b manual">${c.manual} manual</span>` : "",
      c.suppressed ? `<span class="b sup">${c.suppressed} suppressed</span>` : "",
    ].join("");
    h.push(`<details class="file" id="${fileIds.get(file)}"><summary><span class="path mono">${esc(file)}</span>${badges}</summary><div class="body">`);
    if (list.length) {
      h.push('<table class="findings"><thead><tr><th class="n">line</th><th>ID → replacement</th><th>class</th><th>thinking</th><th>advice</th></tr></thead><tbody>');
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
    }
    const diff = data.diffs.get(file);
    if (diff) h.push(`<p class="difflabel">${diffLabel}</p>`, diffBlock(diff));
    h.push("</div></details>");
  }

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

  h.push(
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
  );
  return h.join("\n") + "\n";
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
