import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../src/report/github.js";
import { cell, code } from "../src/report/markdown.js";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { MIXED } from "./helpers/projects.js";
import { tempDir } from "./helpers/temp.js";

const AFTER = "2026-11-28T12:00:00Z";

// Each test has its own temp tree: they run side by side.
describe.concurrent("--format github", () => {
  it("one workflow command per unsuppressed finding with file, line, col, endLine, endColumn, title", async () => {
    const dir = tempTree({ ...MIXED, "odd, name: 100%.md": "deepseek-chat\n" });
    const r = await cliAsync(["check", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: undefined } });
    expect(r.code).toBe(1);
    const cmds = r.stdout.split("\n").filter((l) => l.startsWith("::"));
    // MIXED: 4 findings, one suppressed; plus the odd file's one.
    expect(cmds.length).toBe(4);
    for (const c of cmds) {
      expect(c).toMatch(/^::error file=[^,]+,line=\d+,endLine=\d+,col=\d+,endColumn=\d+,title=[^,:]+::\S/);
      expect(c).not.toMatch(/\n|\r/);
    }
    expect(cmds.some((c) => c.includes("file=src/client.ts,line=6,"))).toBe(false); // suppressed
    expect(r.stdout).toContain("::error file=src/client.ts,line=3,endLine=3,col=30,endColumn=43,title=DSM001 deepseek-chat → deepseek-v4-flash (safe fix)::");
    // Property escaping: "," ":" "%" in the file name.
    expect(r.stdout).toContain("file=odd%2C name%3A 100%25.md,");
    // The none finding says it needs a decision, and its ":" in the title is escaped.
    expect(r.stdout).toContain("title=DSM001 deepseek-reasoner%3A retired model ID (needs a decision)::");
    expect(r.stdout).toMatch(/^deepseek-migrate: 4 files scanned, 4 findings/m);
  });

  it("escapes per the workflow-command rules", async () => {
    expect(escapeData("50% done\r\nnext: a,b")).toBe("50%25 done%0D%0Anext: a,b");
    expect(escapeProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
  });

  it("appends a Markdown summary table to $GITHUB_STEP_SUMMARY (and keeps what was there)", async () => {
    const dir = tempTree(MIXED);
    const summary = path.join(tempDir("dsm-summary-"), "step-summary.md");
    fs.writeFileSync(summary, "earlier step\n");
    const r = await cliAsync(["check", "--format", "github"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary, DEEPSEEK_MIGRATE_NOW: AFTER } });
    expect(r.code).toBe(1);
    const md = fs.readFileSync(summary, "utf8");
    expect(md.startsWith("earlier step\n## deepseek-migrate\n")).toBe(true);
    expect(md).toContain("**Cutoff: 2026-07-24 15:59 UTC (126 days ago)**");
    expect(md).toContain("| ID | replacement | safe | unsafe | none | suppressed | total |");
    expect(md).toContain("| `deepseek-chat` | `deepseek-v4-flash` | 1 | 1 | 0 | 1 | 3 |");
    expect(md).toContain("| file | line | code | ID | replacement | class | thinking | advice |");
    expect(md).toMatch(/\| `src\/client.ts` \| 3:30 \| DSM001 error \| `deepseek-chat` \| `deepseek-v4-flash` \| safe \|/);
    // Other formats leave the summary file alone.
    const size = fs.statSync(summary).size;
    await cliAsync(["check", "--format", "json"], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(fs.statSync(summary).size).toBe(size);
  });
});

describe.concurrent("--format markdown", () => {
  it("an audit report: cutoff and days since/until, totals by ID and class, a table per file", async () => {
    const dir = tempTree(MIXED);
    const late = (await cliAsync(["check", "--format", "markdown"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: AFTER } })).stdout;
    expect(late).toMatch(/^# deepseek-migrate audit report\n/);
    expect(late).toContain("**Cutoff: 2026-07-24 15:59 UTC (126 days ago)**: requests naming a retired ID fail with 400 invalid_request_error.");
    expect(late).toContain("| findings | 3 (1 safe, 1 unsafe, 1 none) |");
    expect(late).toContain("## Totals by ID and class");
    expect(late).toContain("| `deepseek-reasoner` | `deepseek-v4-flash` | 0 | 0 | 1 | 0 | 1 |");
    expect(late).toContain("| **total** | | 1 | 1 | 1 | 1 | 4 |");
    // Totals by rule code and severity, and the thinking work left.
    expect(late).toContain("## Totals by code and severity");
    expect(late).toContain("| DSM001 | retired-model-id | 3 | 0 | 0 | 1 |");
    expect(late).toMatch(/Thinking work left: \d+ renamed values? with `thinking: manual`/);
    expect(late).toContain("### `docs/usage.md`");
    expect(late).toContain("### `src/client.ts`");
    expect(late).toContain("| line | code | ID | replacement | class | thinking | advice |");
    expect(late).toMatch(/\| 4:\d+ \| DSM001 (?:error|warning) \| `deepseek-reasoner` \| `deepseek-v4-flash` \| none \(not renamed\) \| not-applicable \| (?:Another legacy ID also becomes deepseek-v4-flash|Extend the comparison)/);
    expect(late).toMatch(/\| 6:\d+ \| DSM001 \w+ \| `deepseek-chat` \| `deepseek-v4-flash` \| [a-z ()]+, suppressed \|/);
    expect(late).not.toContain("clean.py");

    const early = (await cliAsync(["check", "--format", "markdown", "--now", "2026-07-20T12:00:00Z"], { cwd: dir })).stdout;
    expect(early).toContain("**Cutoff: 2026-07-24 15:59 UTC (in 4 days)**: until then the legacy IDs still work");
  });

  it("cells and code spans survive pipes, HTML and backticks", async () => {
    expect(cell("a|b <x> &\nc")).toBe("a\\|b &lt;x&gt; &amp;<br>c");
    expect(code("a`b")).toBe("``a`b``");
    expect(code("x|y")).toBe("`x\\|y`");
  });
});

describe.concurrent("--format gitlab (Code Quality)", () => {
  type Issue = { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } };
  const issues = async (dir: string, now = AFTER) => JSON.parse((await cliAsync(["check", "--format", "gitlab"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: now } })).stdout) as Issue[];

  it("one issue per unsuppressed finding; fingerprints unique, stable across edits above, severity by the clock", async () => {
    const dir = tempTree({ ...MIXED, "twice.md": "Use deepseek-chat.\nUse deepseek-chat.\n" });
    const a = await issues(dir);
    expect(a.length).toBe(5);
    for (const i of a) {
      expect(typeof i.description).toBe("string");
      expect(i.check_name).toBe("DSM001");
      expect(i.description).toMatch(/^DSM001 deepseek-(chat|reasoner)/);
      expect(i.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(i.severity).toBe("major");
      expect(i.location.lines.begin).toBeGreaterThan(0);
    }
    expect(new Set(a.map((i) => i.fingerprint)).size).toBe(a.length);
    expect(a.filter((i) => i.location.path === "twice.md").map((i) => i.location.lines.begin)).toEqual([1, 2]);

    fs.writeFileSync(path.join(dir, "twice.md"), "# Title\n\nUse deepseek-chat.\nUse deepseek-chat.\n");
    const b = await issues(dir);
    expect(b.map((i) => i.fingerprint)).toEqual(a.map((i) => i.fingerprint));
    expect(b.filter((i) => i.location.path === "twice.md").map((i) => i.location.lines.begin)).toEqual([3, 4]);

    expect((await issues(dir, "2026-07-01T00:00:00Z")).every((i) => i.severity === "minor")).toBe(true);
    expect(await issues(tempTree({ "a.py": "x = 1\n" }))).toEqual([]);
  });
});
