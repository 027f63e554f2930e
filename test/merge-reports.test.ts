import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, tempTree } from "./helpers/cli.js";

/** An "organisation": three repositories side by side, and a folder for their reports. */
function org(): string {
  return tempTree({
    "api/src/client.ts": 'export const r = { model: "deepseek-chat", messages: [] };\n',
    "api/src/planner.js": 'export const PLANNER_MODEL = "deepseek-reasoner";\n// deepseek-migrate-ignore\nconst legacy = "deepseek-chat";\n',
    "api/docs/notes.md": "We use `deepseek-chat` | and a pipe.\n",
    "web/README.md": "Calls deepseek-reasoner.\n",
    "clean/index.ts": "export const x = 1;\n",
    "reports/.keep": "",
  });
}

/** What the Actions matrix does per repository: one JSON report, named after the repository. */
async function scanAll(dir: string, repos = ["api", "web", "clean"]): Promise<void> {
  // The matrix jobs run side by side, as on a CI host.
  await Promise.all(
    repos.map(async (repo) => {
      const r = await cliAsync([".", "--format", "json", "--unsafe-fixes", "--exit-zero", "-o", `../reports/${repo}.json`], { cwd: path.join(dir, repo) });
      expect(r.code, r.stderr).toBe(0);
    }),
  );
}

/**
 * The reports of one organisation folder, made once for the file: every org() is byte-identical
 * and a report names its files relative to its repository, so each test's copy of the reports is
 * the report of its own folder.
 */
let scanned: Promise<string> | undefined;
async function reportAll(dir: string, repos = ["api", "web", "clean"]): Promise<void> {
  scanned ??= (async () => {
    const first = org();
    await scanAll(first);
    return first;
  })();
  const first = await scanned;
  for (const repo of repos) fs.copyFileSync(path.join(first, "reports", `${repo}.json`), path.join(dir, "reports", `${repo}.json`));
}

const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"));

// Each test makes its own organisation folder: they run side by side.
describe.concurrent("merge-reports", () => {
  it("combines one JSON report per repository into a Markdown audit", async () => {
    const dir = org();
    await reportAll(dir);
    const reports = ["api", "web", "clean"].map((r) => readJson(path.join(dir, "reports", `${r}.json`)));
    const r = await cliAsync(["merge-reports", "reports/api.json", "reports/web.json", "reports/clean.json"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toMatch(/^# deepseek-migrate audit report: 3 repositories\n/);
    expect(md).toContain("**Cutoff: 2026-07-24 15:59 UTC (126 days ago)**");
    expect(md).toContain("2 of 3 repositories need attention; 1 is clean.");

    // Totals: the sums of the three reports.
    const active = reports.flatMap((x) => x.findings).filter((f: { suppressed: boolean }) => !f.suppressed);
    const files = reports.reduce((n, x) => n + x.summary.files, 0);
    const count = (c: string) => active.filter((f: { fix: string }) => f.fix === c).length;
    const suppressed = reports.reduce((n, x) => n + x.summary.suppressed, 0);
    expect(suppressed).toBe(1);
    expect(md).toContain(`| 3 | ${files} | ${active.length} | ${count("safe")} | ${count("unsafe")} | ${count("none")} | ${suppressed} | 0 |`);

    // One row per repository, in the order given; the clean one says so.
    const rows = md.split("\n").filter((l) => /^\| `(api|web|clean)` \|/.test(l));
    expect(rows.map((l) => l.split("|")[1].trim())).toEqual(["`api`", "`web`", "`clean`"]);
    expect(rows[2]).toMatch(/\| clean \|$/);
    expect(rows[0]).toMatch(/\| 1 \| 0 \| (fixes available|needs review) \|$/); // 1 suppressed, 0 errors

    // Per repository, a table per file: line, ID, replacement, class, thinking, advice; pipes escaped.
    expect(md).toContain("## `api`\n\n### `docs/notes.md`\n\n| line | code | ID | replacement | class | thinking | advice |");
    expect(md).toContain("## `web`\n\n### `README.md`");
    expect(md).not.toContain("## `clean`");
    // The rows are the single-run audit's (--format markdown): line:column, ID, replacement, class, thinking, advice.
    const webRow = md.split("\n").find((l) => l.startsWith("| 1:7 | DSM001 error | `deepseek-reasoner` | `deepseek-v4-flash` |"));
    expect(webRow).toBeDefined();
    expect(md).toContain("| 1:9 | DSM001 error | `deepseek-chat` | `deepseek-v4-flash` | unsafe (review) |");
    // The suppressed finding (planner.js line 3) is listed as such, and counted apart.
    expect(md).toMatch(/\| 3:17 \| DSM001 error \| `deepseek-chat` \| `deepseek-v4-flash` \| [a-z ()]+, suppressed \|/);
  });

  it("--format json: one schemaVersion 1 report with paths prefixed by repository; its diffs apply from the parent folder", async () => {
    const dir = org();
    await reportAll(dir);
    const out = path.join(dir, "merged.json");
    const r = await cliAsync(["merge-reports", "reports/api.json", "reports/web.json", "reports/clean.json", "--format", "json", "-o", "merged.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const merged = readJson(out);
    const parts = ["api", "web", "clean"].map((x) => readJson(path.join(dir, "reports", `${x}.json`)));
    expect(merged.schemaVersion).toBe(1);
    expect(merged.tool.name).toBe("deepseek-migrate");
    for (const k of Object.keys(parts[0].summary)) {
      if (typeof parts[0].summary[k] === "number") expect(merged.summary[k]).toBe(parts.reduce((n, p) => n + p.summary[k], 0));
    }
    // The counts by severity and code are summed per key.
    expect(merged.summary.bySeverity.error).toBe(parts.reduce((n, p) => n + p.summary.bySeverity.error, 0));
    expect(merged.summary.byCode.DSM001).toBe(parts.reduce((n, p) => n + (p.summary.byCode.DSM001 ?? 0), 0));
    expect(merged.findings.length).toBe(parts.reduce((n, p) => n + p.findings.length, 0));
    expect(merged.findings.every((f: { file: string }) => /^(api|web)\//.test(f.file))).toBe(true);
    // Every other field of a finding is carried over unchanged.
    const first = parts[0].findings[0];
    expect(merged.findings).toContainEqual({ ...first, file: `api/${first.file}` });
    // The diffs name the prefixed paths, so together they form one patch for the folder of repositories.
    expect(merged.files.length).toBeGreaterThanOrEqual(2);
    const patch = merged.files.map((f: { diff: string }) => f.diff).join("");
    expect(patch).toContain("--- a/web/README.md\n+++ b/web/README.md\n");
    fs.writeFileSync(path.join(dir, "all.patch"), patch);
    execFileSync("git", ["apply", "--check", "all.patch"], { cwd: dir });
  });

  it("--flat merges the shards of one tree into the unsharded run's report", async () => {
    // The tree in tree/, the shard reports next to it (in the same private temp folder).
    const dir = path.join(
      tempTree(
        Object.fromEntries(
          Array.from({ length: 60 }, (_, i) => [
            `tree/pkg${i % 5}/f${i}.${["ts", "md", "py", "txt"][i % 4]}`,
            i % 3 === 0 ? `nothing ${i}\n` : `x = "deepseek-${i % 2 ? "chat" : "reasoner"}"  # ${i}\nmodel: deepseek-chat\n`,
          ]),
        ),
      ),
      "tree",
    );
    // The unsharded run and the three shards (reports outside the tree), side by side.
    const [full, ...shards] = await Promise.all([
      cliAsync([".", "--format", "json", "--unsafe-fixes", "--exit-zero"], { cwd: dir }),
      ...[1, 2, 3].map((k) => cliAsync([".", "--format", "json", "--unsafe-fixes", "--exit-zero", "--shard", `${k}/3`, "-o", `../shard-${k}.json`], { cwd: dir })),
    ]);
    for (const r of shards) expect(r.code, r.stderr).toBe(0);
    const r = await cliAsync(["merge-reports", "--flat", "--format", "json", "../shard-1.json", "../shard-2.json", "../shard-3.json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const merged = JSON.parse(r.stdout);
    const unsharded = JSON.parse(full.stdout);
    expect(merged.summary).toEqual(unsharded.summary);
    expect(merged.findings).toEqual(unsharded.findings); // same order too: path, then position
    expect(merged.files).toEqual(unsharded.files);
    expect(merged.errors).toEqual(unsharded.errors);
    const sorted = (l: object[]) => l.map((x) => JSON.stringify(x)).sort();
    expect(sorted(merged.warnings)).toEqual(sorted(unsharded.warnings));
    expect(unsharded.findings.length).toBeGreaterThan(30);
  });

  it("names reports by file name, by path when names collide", async () => {
    const dir = org();
    await reportAll(dir, ["api", "web"]);
    fs.mkdirSync(path.join(dir, "a"));
    fs.mkdirSync(path.join(dir, "b"));
    fs.copyFileSync(path.join(dir, "reports/api.json"), path.join(dir, "a/report.json"));
    fs.copyFileSync(path.join(dir, "reports/web.json"), path.join(dir, "b/report.json"));
    const r = await cliAsync(["merge-reports", "a/report.json", "b/report.json", "--format", "json"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const files = new Set(JSON.parse(r.stdout).findings.map((f: { file: string }) => f.file.split("/").slice(0, 2).join("/")));
    expect([...files].sort()).toEqual(["a/report", "b/report"]);
  });

  it("exits 2 on a missing, non-JSON, foreign or inconsistent report", async () => {
    const dir = org();
    await reportAll(dir, ["api"]);
    const good = readJson(path.join(dir, "reports/api.json"));
    fs.writeFileSync(path.join(dir, "bad.json"), "{ not json");
    fs.writeFileSync(path.join(dir, "v2.json"), JSON.stringify({ ...good, schemaVersion: 2 }));
    fs.writeFileSync(path.join(dir, "sarif.json"), JSON.stringify({ version: "2.1.0", runs: [] }));
    fs.writeFileSync(path.join(dir, "other-cutoff.json"), JSON.stringify({ ...good, cutoff: "2030-01-01T00:00:00Z" }));
    fs.writeFileSync(path.join(dir, "broken.json"), JSON.stringify({ ...good, findings: [{ line: 1 }] }));
    const cases: [string[], RegExp][] = [
      [["missing.json"], /cannot read report missing\.json/],
      [["bad.json"], /bad\.json is not JSON/],
      [["v2.json"], /unsupported schemaVersion 2/],
      [["sarif.json"], /unsupported schemaVersion/],
      [["reports/api.json", "other-cutoff.json"], /disagree on the cutoff/],
      [["broken.json"], /findings\[0\]/],
    ];
    // Every case reads the same files and writes nothing: side by side.
    const [runs, none, sarif] = await Promise.all([
      Promise.all(cases.map(([args]) => cliAsync(["merge-reports", ...args], { cwd: dir }))),
      cliAsync(["merge-reports"], { cwd: dir }),
      cliAsync(["merge-reports", "reports/api.json", "--format", "sarif"], { cwd: dir }),
    ]);
    cases.forEach(([args, message], i) => {
      const r = runs[i]!;
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe("");
    });
    expect(none.code).toBe(2);
    expect(sarif.code).toBe(2);
  });
});
