/**
 * The HTML audit page in a real headless Chromium: a run over a copy of the sample app (plus a file
 * whose path and text try to inject markup) renders, its screenshot is a real picture, the page
 * logs nothing to the console (no script error, no blocked load, no CSP violation), and its script ran.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { BIN, cli, copyTree } from "./helpers/cli.js";
import { FIXTURES } from "./helpers/fixtures.js";
import { decodePng, findBrowser, imageStats, renderPage } from "./helpers/browser.js";

const browser = findBrowser();
if (!browser) console.warn("html-browser.test: SKIPPED, no Chromium found (install Debian's chromium or set CHROME_PATH); the HTML page was not rendered in a browser.");

const EVIL_DIR = `xss/<img src=x onerror="console.error('path')">"'&`;
const EVIL_FILE = `${EVIL_DIR}/<script>console.error('p')<`; // + "/script>.py": a path holding <script>…</script>
const EVIL_TEXT = `MODEL = "deepseek-chat"  # </script><script>console.error("text")</script> <b>"'&amp;</b>\n`;

/** The CLI's standard output, without blocking the test (the browser runs meanwhile). */
function cliAsync(args: string[], cwd: string): Promise<string> {
  const env = { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z" };
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [BIN, ...args], { cwd, env, maxBuffer: 64 << 20 }, (err, stdout) => (err && (err as { code?: unknown }).code !== 1 ? reject(err) : resolve(stdout))),
  );
}

/** DEEPSEEK_MIGRATE_SCREENSHOT=<file>: keep the screenshot there, to look at it. */
const KEEP = process.env.DEEPSEEK_MIGRATE_SCREENSHOT;

describe.skipIf(!browser)("--format html in headless Chromium", () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-html-"));
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it("renders the audit of the sample app: a real screenshot, the totals in the DOM, no console message", async () => {
    const dir = copyTree(path.join(FIXTURES, "sample-app"));
    fs.mkdirSync(path.join(dir, EVIL_FILE), { recursive: true });
    fs.writeFileSync(path.join(dir, EVIL_FILE, "script>.py"), EVIL_TEXT);
    const page = path.join(out, "audit.html");
    const shot = path.join(out, "audit.png");
    const r = cli([".", "--format", "html", "-o", page], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);

    // The detector sees console output in this Chromium: a page that logs is caught.
    const control = path.join(out, "control.html");
    fs.writeFileSync(control, "<!DOCTYPE html><title>control</title><p>x</p><script>console.error('control-error')</script>");
    // The JSON report of the same tree (for the totals) is made while the browser renders.
    const [seen, control_, json] = await Promise.all([
      renderPage(browser!, page, shot),
      renderPage(browser!, control, path.join(out, "control.png")),
      cliAsync([".", "--format", "json"], dir),
    ]);
    const summary = JSON.parse(json).summary as Record<string, number>;
    expect(control_.console.join("\n")).toContain("control-error");

    expect(seen.console).toEqual([]);
    expect(seen.dom).toContain('data-ready="1"'); // the page's script ran to its end

    if (KEEP) fs.writeFileSync(KEEP, seen.png);
    const png = decodePng(seen.png);
    expect([png.width, png.height]).toEqual([1280, 2000]);
    const stats = imageStats(png);
    expect(stats.differing).toBeGreaterThan(0.05); // not a blank page
    expect(stats.colors).toBeGreaterThan(50); // text, badges and colored panels, not one flat color

    // The totals as rendered, against the JSON report of the same tree.
    const card = (label: string) => Number(seen.dom.match(new RegExp(`<span class="n">(\\d+)</span><span class="k">${label}</span>`))?.[1]);
    expect(card("files scanned")).toBe(summary.files);
    expect(card("findings")).toBe(summary.findings);
    expect(card("safe")).toBe(summary.safe);
    expect(card("unsafe")).toBe(summary.unsafe);
    expect(card("none")).toBe(summary.none);

    // The injected markup is text: one script element (the page's own), no image, the path shown escaped.
    expect(seen.dom.match(/<script/g)).toHaveLength(1);
    expect(seen.dom).not.toMatch(/<img|<b>/);
    expect(seen.dom).toContain(`xss/&lt;img src=x onerror="console.error('path')"&gt;"'&amp;/&lt;script&gt;console.error('p')&lt;/script&gt;.py`);
    expect(seen.dom).toContain(`&lt;/script&gt;&lt;script&gt;console.error("text")&lt;/script&gt; &lt;b&gt;"'&amp;amp;&lt;/b&gt;`);
  }, 90_000);
});
