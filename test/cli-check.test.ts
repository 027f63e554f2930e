import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, snapshot, tempTree } from "./helpers/cli.js";
import { MIXED } from "./helpers/projects.js";

const BEFORE = "2026-07-01T00:00:00Z";
const AFTER = "2026-11-28T12:00:00Z";

async function json(dir: string, args: string[], env: Record<string, string | undefined> = {}) {
  const r = await cliAsync(["check", "--format", "json", ...args], { cwd: dir, env });
  return { ...r, doc: JSON.parse(r.stdout) as { summary: Record<string, number>; findings: Record<string, unknown>[] } };
}

/**
 * The JSON report of MIXED before the cutoff, by --now over a DEEPSEEK_MIGRATE_NOW after it: made
 * once, for the two tests that read it (the trees are byte-identical, the report's paths relative).
 */
let earlyRun: ReturnType<typeof json> | undefined;
const earlyByFlag = () => (earlyRun ??= json(tempTree(MIXED), ["--now", BEFORE], { DEEPSEEK_MIGRATE_NOW: AFTER }));

// Each test has its own temp tree: they run side by side.
describe.concurrent("check: the CI gate (docs/contract.md §6)", () => {
  it("exit codes: clean 0, findings 1, --exit-zero 0, missing path 2, bad option 2, bad config 2; never writes", async () => {
    const clean = tempTree({ "a.ts": "export const x = 1;\n", "b.md": "deepseek-chatbot and deepseek_chat are not matches\n" });
    const dirty = tempTree(MIXED);
    const before = snapshot(dirty);
    // Every run before the configuration file is written, side by side.
    const [cleanRun, r, exitZero, sarif, missing, badOption, badFormat, badNow, noConfig] = await Promise.all([
      cliAsync(["check"], { cwd: clean }),
      cliAsync(["check", "--no-color"], { cwd: dirty }),
      cliAsync(["check", "--exit-zero"], { cwd: dirty }),
      cliAsync(["check", "--format", "sarif", "--exit-zero"], { cwd: dirty }),
      cliAsync(["check", "does-not-exist"], { cwd: dirty }),
      cliAsync(["check", "--no-such-option"], { cwd: dirty }),
      cliAsync(["check", "--format", "xml"], { cwd: dirty }),
      cliAsync(["check", "--now", "yesterday"], { cwd: dirty }),
      cliAsync(["check", "--config", "nope.json"], { cwd: clean }),
    ]);
    expect(cleanRun.code).toBe(0);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("src/client.ts");
    expect(exitZero.code).toBe(0);
    expect(sarif.code).toBe(0);
    expect(snapshot(dirty)).toEqual(before);

    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/does-not-exist/);
    expect(badOption.code).toBe(2);
    expect(badFormat.code).toBe(2);
    expect(badNow.code).toBe(2);

    fs.writeFileSync(path.join(dirty, "deepseek-migrate.config.json"), '{"rules": {"gpt-4o": {}}}');
    const bad = await cliAsync(["check"], { cwd: dirty });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"rules.gpt-4o.target" is required');
    expect(noConfig.code).toBe(2);
  });

  it("only suppressed findings: exit 0", async () => {
    const dir = tempTree({ "a.ts": 'const m = "deepseek-chat"; // deepseek-migrate-ignore\n' });
    const r = await json(dir, []);
    expect(r.code).toBe(0);
    expect(r.doc.summary).toMatchObject({ findings: 0, suppressed: 1 });
  });

  it("before and after the cutoff the reports differ only in severity and the retirement wording", async () => {
    const dir = tempTree(MIXED);
    const [early, late, failOnWarning] = await Promise.all([
      earlyByFlag(),
      json(dir, [], { DEEPSEEK_MIGRATE_NOW: AFTER }),
      json(dir, ["--fail-on", "warning"], { DEEPSEEK_MIGRATE_NOW: BEFORE }),
    ]);
    // The gate fails on errors by default: before the cutoff the findings are warnings.
    expect(early.code).toBe(0);
    expect(late.code).toBe(1);
    expect(failOnWarning.code).toBe(1);
    expect(early.doc.findings.length).toBe(late.doc.findings.length);
    expect(early.doc.findings.length).toBeGreaterThan(2);
    expect(early.doc.findings.every((f) => f.severity === "warning")).toBe(true);
    expect(late.doc.findings.every((f) => f.severity === "error")).toBe(true);
    expect(early.doc.findings[0]!.message).toMatch(/is retired in 23 days/);
    expect(late.doc.findings[0]!.message).toMatch(/was retired 126 days ago/);
    const strip = (d: typeof early.doc) => ({
      ...d,
      summary: { ...d.summary, bySeverity: undefined },
      findings: d.findings.map(({ severity, message, ...rest }) => rest),
    });
    expect(strip(early.doc)).toEqual(strip(late.doc));
    const n = early.doc.summary.findings;
    expect(early.doc.summary).toEqual({ ...late.doc.summary, bySeverity: { error: 0, warning: n, info: 0 } });
    expect(late.doc.summary.bySeverity).toEqual({ error: n, warning: 0, info: 0 });
  });

  it("--now wins over DEEPSEEK_MIGRATE_NOW; the github format says ::warning before the cutoff and ::error after", async () => {
    const dir = tempTree(MIXED);
    const [viaFlag, early, late] = await Promise.all([
      earlyByFlag(),
      cliAsync(["check", "--format", "github"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: BEFORE, GITHUB_STEP_SUMMARY: undefined } }),
      cliAsync(["check", "--format", "github"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: AFTER, GITHUB_STEP_SUMMARY: undefined } }),
    ]);
    expect(viaFlag.doc.findings.every((f) => f.severity === "warning")).toBe(true);
    const cmds = (s: string) => s.split("\n").filter((l) => l.startsWith("::"));
    expect(cmds(early.stdout).length).toBe(cmds(late.stdout).length);
    expect(cmds(early.stdout).every((l) => l.startsWith("::warning "))).toBe(true);
    expect(cmds(late.stdout).every((l) => l.startsWith("::error "))).toBe(true);
    // The same annotations apart from the command name and the retirement wording.
    const norm = (l: string) => l.replace(/^::\w+ /, "").replace(/(is retired in|was retired) [^(]*\(/g, "(");
    expect(cmds(early.stdout).map(norm)).toEqual(cmds(late.stdout).map(norm));
  });

  it("the tool's own files (-o, --baseline, --patch, --config) are never scanned, also from a start path above them", async () => {
    const dir = tempTree({
      "sub/app.py": 'client.chat.completions.create(model="deepseek-chat", messages=m)\n',
      "conf/rules.json": '{"rules": {"deepseek-chat": {"target": "deepseek-v4-flash"}}}\n',
    });
    const sub = path.join(dir, "sub");
    const first = await cliAsync(["check", "..", "--format", "json", "-o", "report.json", "--patch", "fix.patch", "--config", "../conf/rules.json"], { cwd: sub });
    expect(first.code).toBe(1);
    expect(fs.readFileSync(path.join(sub, "fix.patch"), "utf8")).toContain("deepseek-chat");
    const args = ["check", "..", "--format", "json", "--baseline", "report.json", "--patch", "fix.patch", "--config", "../conf/rules.json", "-o", "again.json"];
    await cliAsync(args, { cwd: sub });
    const again = await cliAsync(args, { cwd: sub });
    const doc = JSON.parse(fs.readFileSync(path.join(sub, "again.json"), "utf8")) as { summary: Record<string, number>; findings: { file: string }[] };
    expect(again.code).toBe(0); // the one finding is in the baseline
    expect(doc.summary.files).toBe(1);
    expect([...new Set(doc.findings.map((f) => f.file))]).toEqual(["../sub/app.py"]);
  });

  it("-o writes the report to a file; an unwritable -o is exit 2", async () => {
    const dir = tempTree(MIXED);
    const r = await cliAsync(["check", "--format", "markdown", "-o", "audit.md"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(fs.readFileSync(path.join(dir, "audit.md"), "utf8")).toMatch(/^# deepseek-migrate audit report/);
    expect((await cliAsync(["check", "-o", "no/such/dir/x.txt"], { cwd: dir })).code).toBe(2);
  });
});
