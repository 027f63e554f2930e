import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { BIN, cliAsync, copyTree, snapshot, tempTree } from "./helpers/cli.js";

const execFileAsync = promisify(execFile);
import { FIXTURES, ROOT } from "./helpers/fixtures.js";

const TS_APP = {
  "src/client.ts": 'export const cfg = { model: "deepseek-chat", temperature: 0 };\n',
  "README.md": "Uses deepseek-chat.\n",
};

// Each test has its own tree (the sample app in place is only read): they run side by side.
describe.concurrent("CLI (docs/contract.md §6)", () => {
  it("the README's first command prints a colored dry-run diff for the sample and writes nothing", async () => {
    const sample = path.join(FIXTURES, "sample-app");
    const before = snapshot(sample);
    const r = await cliAsync(["--color", "fixtures/sample-app"], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("\u001b[");
    expect(r.stdout).toMatch(/diff --git a\/fixtures\/sample-app\//);
    expect(r.stdout).toMatch(/files? scanned/);
    expect(snapshot(sample)).toEqual(before);
  });

  it("dry run: findings, diff, summary, hint; nothing written; exit 1", async () => {
    const dir = tempTree(TS_APP);
    const before = snapshot(dir);
    const r = await cliAsync([], { cwd: dir, env: { NO_COLOR: "1" } });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toContain("src/client.ts");
    expect(r.stdout).toContain('+export const cfg = { model: "deepseek-v4-flash", temperature: 0 };');
    expect(r.stdout).toMatch(/2 files scanned, 2 findings \(1 safe, 1 unsafe, 0 none\), 1 file would change, 0 errors/);
    expect(r.stdout).toMatch(/1 unsafe fix is hidden/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("--write applies safe fixes only, then a second run has nothing left to write", async () => {
    const dir = tempTree(TS_APP);
    const r = await cliAsync(["--write", "--no-color"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "src/client.ts"), "utf8")).toContain('"deepseek-v4-flash"');
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe(TS_APP["README.md"]);
    const again = await cliAsync(["--write", "--no-color"], { cwd: dir });
    expect(again.stdout).toMatch(/0 files written/);
    const unsafe = await cliAsync(["--write", "--unsafe-fixes"], { cwd: dir });
    expect(unsafe.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toBe("Uses deepseek-v4-flash.\n");
    const check = await cliAsync(["check"], { cwd: dir });
    expect(check.code).toBe(0);
  });

  it("exit codes: clean 0, findings 1, missing path 2, bad option 2, bad value 2", async () => {
    const clean = tempTree({ "a.ts": "export const x = 1;\n" });
    const dirty = tempTree(TS_APP);
    // Read-only runs, side by side.
    const [dry, check, dirtyCheck, missing, bogus, xml, yesterday] = await Promise.all([
      cliAsync([], { cwd: clean }),
      cliAsync(["check"], { cwd: clean }),
      cliAsync(["check"], { cwd: dirty }),
      cliAsync(["check", "nope"], { cwd: clean }),
      cliAsync(["--bogus"], { cwd: clean }),
      cliAsync(["--format", "xml"], { cwd: clean }),
      cliAsync(["--now", "yesterday"], { cwd: clean }),
    ]);
    expect(dry.code).toBe(0);
    expect(check.code).toBe(0);
    expect(dirtyCheck.code).toBe(1);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("path does not exist: nope");
    expect(bogus.code).toBe(2);
    expect(xml.code).toBe(2);
    expect(yesterday.code).toBe(2);
  });

  it("--format json lists findings and diffs with paths relative to the current folder", async () => {
    const dir = tempTree(TS_APP);
    const r = await cliAsync(["--format", "json", "src"], { cwd: dir });
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.summary).toEqual({
      files: 1,
      findings: 1,
      safe: 1,
      unsafe: 0,
      none: 0,
      suppressed: 0,
      bySeverity: { error: 1, warning: 0, info: 0 },
      byCode: { DSM001: 1 },
      thinkingManual: 1,
    });
    expect(doc.findings[0]).toMatchObject({ file: "src/client.ts", line: 1, column: 30, endLine: 1, endColumn: 43, fix: "safe", thinking: "manual" });
    expect(doc.files[0].file).toBe("src/client.ts");
    expect(doc.files[0].diff).toContain("+++ b/src/client.ts");
  });

  it("--version and --help exit 0", async () => {
    const dir = tempTree({});
    const [v, h] = await Promise.all([cliAsync(["--version"], { cwd: dir }), cliAsync(["--help"], { cwd: dir })]);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(h.code).toBe(0);
    expect(h.stdout).toContain("--unsafe-fixes");
  });

  it("a reader that goes away early is not a crash: no stack trace, the run keeps its own exit code and finishes its writes", async () => {
    // `true` exits at once, long before the CLI has loaded: every write of the CLI meets a closed pipe.
    const dir = tempTree(TS_APP);
    const run = (args: string) =>
      execFileAsync("bash", ["-c", `"${process.execPath}" "${BIN}" ${args} | true; echo "status \${PIPESTATUS[0]}"`], {
        cwd: dir,
        env: { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z" },
      });
    const help = await run("check --help");
    expect(help.stdout).toBe("status 0\n");
    expect(help.stderr).toBe("");
    const gate = await run("check --format json");
    expect(gate.stdout).toBe("status 1\n");
    expect(gate.stderr).toBe("");
    const write = await run("--write --no-color");
    expect(write.stdout).toBe("status 0\n");
    expect(write.stderr).toBe("");
    expect(fs.readFileSync(path.join(dir, "src/client.ts"), "utf8")).toContain('"deepseek-v4-flash"');
  });

  it("the dry run over a copy of the sample reports the same as in place", async () => {
    const copy = copyTree(path.join(FIXTURES, "sample-app"));
    const r = await cliAsync(["--no-color", "--quiet"], { cwd: copy });
    expect(r.code).toBe(1);
  });
});
