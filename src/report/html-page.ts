/**
 * The audit page's own style and script (src/report/html.ts renders the page around them), and the
 * Content-Security-Policy that allows exactly these two by hash and nothing from the network.
 */
import crypto from "node:crypto";

export const STYLE = `
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

export const SCRIPT = `
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
export const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;
