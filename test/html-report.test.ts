/** `--format html` without a browser: the page's structure, its totals, and escaping. */
import crypto from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { esc, renderAudit, type AuditData, type AuditFinding } from "../src/report/html.js";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { MIXED } from "./helpers/projects.js";

const EVIL_PATH = `a<script>alert("p")<`; // + "/script>.py"
const EVIL = {
  ...MIXED,
  [`${EVIL_PATH}/script>.py`]: `MODEL = "deepseek-chat"  # </script><script>alert('t')</script> "'&\n`,
};

function tags(html: string, name: string): number {
  return html.match(new RegExp(`<${name}[\\s>]`, "g"))?.length ?? 0;
}

// Each test has its own temp tree: they run side by side.
describe.concurrent("--format html", () => {
  it("one self-contained page: the totals, the work left, a collapsible section per file with its diff", async () => {
    const dir = tempTree(EVIL);
    const r = await cliAsync(["--format", "html"], { cwd: dir });
    expect(r.code).toBe(1);
    const html = r.stdout;
    expect(html.startsWith("<!DOCTYPE html>\n")).toBe(true);
    expect(html.trimEnd().endsWith("</html>")).toBe(true);

    // Self-contained: one style, one script, nothing loaded; links only within the page.
    expect(tags(html, "style")).toBe(1);
    expect(tags(html, "script")).toBe(1);
    expect(tags(html, "link")).toBe(0);
    expect(tags(html, "img")).toBe(0);
    expect(html).not.toMatch(/\ssrc=|@import|url\(/);
    for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^#f\d+(-\d+)?$/);
    // No inline style or event attributes; the CSP allows exactly the page's style and script.
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=/);
    const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)![1]!.replace(/&#39;/g, "'");
    const hash = (s: string) => `'sha256-${crypto.createHash("sha256").update(s).digest("base64")}'`;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`style-src ${hash(html.match(/<style>([\s\S]*?)<\/style>/)![1]!)}`);
    expect(csp).toContain(`script-src ${hash(html.match(/<script>([\s\S]*?)<\/script>/)![1]!)}`);

    // Header: the cutoff, days since, the tool.
    expect(html).toContain("<strong>Cutoff: 2026-07-24 15:59 UTC (126 days ago)</strong>");
    expect(html).toMatch(/Report time 2026-11-28 12:00 UTC · deepseek-migrate \d+\.\d+\.\d+/);

    // Totals (MIXED: 1 safe, 1 unsafe, 1 none, 1 suppressed; the evil file: 1 safe).
    const card = (label: string) => html.match(new RegExp(`<span class="n">(\\d+)</span><span class="k">${label}</span>`))?.[1];
    expect([card("files scanned"), card("findings"), card("safe"), card("unsafe"), card("none"), card("suppressed"), card("errors")]).toEqual(["4", "4", "2", "1", "1", "1", "0"]);
    const idRow = html.match(/<tr><td><code>deepseek-chat<\/code><span class="to mono">→ deepseek-v4-flash<\/span><\/td>((?:<td class="n[^"]*">\d+<\/td>){6})<\/tr>/)?.[1];
    expect(idRow?.match(/\d+/g)).toEqual(["2", "1", "0", "2", "1", "4"]); // safe, unsafe, none, manual, suppressed, total
    expect(html).toContain('<section id="by-folder">');
    expect(html).toContain('<td class="mono">src/</td>');
    expect(html).toContain('<td class="mono">docs/</td>');
    expect(html).toContain('<section id="by-code">'); // every finding carries its rule code

    // The work left names the unsafe and the none findings by link.
    expect(html).toContain("2 safe fixes to apply</span> <span class=\"how\">in 2 files");
    expect(html).toMatch(/1 unsafe fix to review<\/span>.*<span class="loc"><a href="#f\d+">docs\/usage\.md<\/a>&nbsp;<a href="#f\d+-\d+">1<\/a><\/span>/);
    expect(html).toMatch(/1 finding with no fix<\/span>.*<span class="loc"><a href="#f\d+">src\/client\.ts<\/a>&nbsp;<a href="#f\d+-\d+">4<\/a><\/span>/);

    // One <details> per file with findings; the diff's lines colored.
    expect(tags(html, "details")).toBe(3);
    expect(html).toContain('<span class="del">-export const cfg = { model: &quot;deepseek-chat&quot;, temperature: 0 };</span>');
    expect(html).toContain('<span class="add">+export const cfg = { model: &quot;deepseek-v4-flash&quot;, temperature: 0 };</span>');
    expect(html).not.toContain("clean.py");

    // Escaped: the path and the text from the file are text, never markup.
    expect(html).not.toMatch(/<script>alert|<\/script>[.&]/);
    expect(html).toContain("a&lt;script&gt;alert(&quot;p&quot;)&lt;/script&gt;.py");
    expect(html).toContain("&lt;/script&gt;&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; &quot;&#39;&amp;");
  });

  it("--write: the fixes written, and what is left", async () => {
    const dir = tempTree(MIXED);
    const html = (await cliAsync(["--write", "--format", "html", "--allow-dirty"], { cwd: dir })).stdout;
    expect(html).toContain("1 fix written</span> <span class=\"how\">to 1 file.");
    expect(html).not.toContain("safe fixes to apply");
    expect(html).toContain("Changes written:");
  });

  it("a clean tree: nothing left", async () => {
    const html = (await cliAsync(["--format", "html"], { cwd: tempTree({ "a.py": "print(1)\n" }) })).stdout;
    expect(html).toContain("Nothing left.</span> <span class=\"how\">No legacy model IDs found.");
    expect(tags(html, "details")).toBe(0);
  });

  it("totals by code when findings carry one", async () => {
    const f = (file: string, fix: string, code?: string): AuditFinding => ({ file, line: 1, column: 1, legacyId: "deepseek-chat", replacement: "deepseek-v4-flash", fix, thinking: "added", code });
    const data: AuditData = {
      version: "1.0.0",
      now: new Date("2026-11-28T12:00:00Z"),
      mode: "check",
      unsafeFixes: false,
      rules: [{ legacyId: "deepseek-chat", target: "deepseek-v4-flash" }],
      filesScanned: 3,
      findings: [f("a/x.py", "safe", "DSM001"), f("a/y.py", "safe", "DSM001"), f("b/z.md", "unsafe", `<i>"DSM"</i>`)],
      diffs: new Map(),
      errors: [],
      warnings: [],
      written: [],
    };
    const html = renderAudit(data);
    const row = (code: string) => html.match(new RegExp(`<tr><td><code>${code}</code></td>((?:<td class="n[^"]*">\\d+</td>)+)</tr>`))?.[1]?.match(/\d+/g);
    expect(html).toContain('<section id="by-code">');
    expect(row("DSM001")).toEqual(["2", "0", "0", "0", "0", "2"]); // safe, unsafe, none, manual, suppressed, total
    expect(row(esc(`<i>"DSM"</i>`))).toEqual(["0", "1", "0", "0", "0", "1"]);
    expect(renderAudit({ ...data, findings: data.findings.map(({ code: _c, ...rest }) => rest) })).not.toContain('id="by-code"');
  });

  it("merge-reports --format html: the same page for the merged JSON reports, paths prefixed by repository", async () => {
    const dir = tempTree({
      "api/src/client.ts": 'export const r = { model: "deepseek-chat", messages: [] };\n',
      "api/docs/notes.md": "We use `deepseek-chat` <b>here</b>.\n",
      "web/README.md": "Calls deepseek-reasoner.\n",
      "reports/.keep": "",
    });
    for (const repo of ["api", "web"]) await cliAsync([".", "--format", "json", "--exit-zero", "-o", `../reports/${repo}.json`], { cwd: path.join(dir, repo) });
    const r = await cliAsync(["merge-reports", "reports/api.json", "reports/web.json", "--format", "html"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const html = r.stdout;
    expect(html).toContain("<h1>deepseek-migrate audit <small>2 repositories</small></h1>");
    expect(html).toContain("<strong>Cutoff: 2026-07-24 15:59 UTC (126 days ago)</strong>");
    const card = (label: string) => html.match(new RegExp(`<span class="n">(\\d+)</span><span class="k">${label}</span>`))?.[1];
    expect([card("findings"), card("safe"), card("unsafe")]).toEqual(["3", "1", "2"]);
    for (const folder of ["api/src/", "api/docs/", "web/"]) expect(html).toContain(`<td class="mono">${folder}</td>`);
    expect(html).toContain('<span class="path mono">api/src/client.ts</span>');
    expect(html).toMatch(/<span class="add">\+export const r = \{ model: &quot;deepseek-v4-flash&quot;, /);
    expect(html).toContain("<mark>deepseek-chat</mark>` &lt;b&gt;here&lt;/b&gt;.");
    expect(tags(html, "script")).toBe(1);
  });
});
