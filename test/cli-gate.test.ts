/**
 * An honest gate (docs/cli.md "Exit codes"): a run that could not look where it was asked to never
 * passes. Unreadable start paths and folders exit 2 (as another user: root reads everything), and
 * start paths or --include patterns that match no file exit 2 unless the user opts out.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { canRunAsNobody, cliAsNobody } from "./helpers/safety.js";

// Each test has its own temp tree: they run side by side.
describe.concurrent("unreadable start paths and folders are errors (exit 2), also with -q", () => {
  it.runIf(canRunAsNobody())("an unreadable start folder, subfolder or start file", () => {
    const d = tempTree({ "ok/a.ts": 'export const m = "deepseek-v4-flash";\n', "locked/b.ts": 'export const m = "deepseek-chat";\n', "secret.ts": "export {};\n" });
    fs.chmodSync(d, 0o755);
    for (const sub of ["ok", "locked"]) fs.chmodSync(path.join(d, sub), 0o755);
    fs.chmodSync(path.join(d, "ok/a.ts"), 0o644);
    fs.chmodSync(path.join(d, "locked"), 0o700);
    fs.chmodSync(path.join(d, "secret.ts"), 0o600);

    // The start folder itself: nothing could be scanned; before, "0 files scanned" and exit 0.
    const start = cliAsNobody(["check", "-q", "locked"], d);
    expect(start.code).toBe(2);
    expect(start.stdout).toContain("error locked: cannot read folder: EACCES");

    // A folder below the start path: the rest is scanned and reported, the run still fails.
    const below = cliAsNobody(["check", "-q", "--format", "json", "."], d);
    expect(below.code).toBe(2);
    const doc = JSON.parse(below.stdout);
    expect(doc.errors).toContainEqual({ file: "locked", message: "cannot read folder: EACCES" });
    expect(cliAsNobody(["check", "-q", "--exit-zero", "."], d).code).toBe(2);
    expect(cliAsNobody(["check", "-q", "."], d).stdout).toContain("error locked: cannot read folder: EACCES");

    // An unreadable file named as a start path; the dry run maps outcomes the same way.
    const file = cliAsNobody(["-q", "secret.ts"], d);
    expect(file.code).toBe(2);
    expect(file.stdout).toContain("error secret.ts: cannot read: EACCES");

    // The readable folder alone passes.
    expect(cliAsNobody(["check", "ok"], d).code).toBe(0);
  });
});

describe.concurrent("paths and --include patterns that match no file", () => {
  const tree = () => tempTree({ "src/a.ts": 'export const m = "deepseek-v4-flash";\n', "locks/package-lock.json": "{}\n", "docs/a.md": "# a\n" });

  it("are an error (exit 2) naming them; -q does not hide it", async () => {
    const d = tree();
    const typo = await cliAsync(["check", "-q", "--include", "source/**"], { cwd: d });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('no files match --include "source/**"');
    expect(typo.stderr).toContain("--no-error-on-unmatched-pattern");
    expect(typo.stdout).toBe("");

    // One of two patterns matches nothing: still an error.
    const one = await cliAsync(["check", "--include", "src/**", "--include", "*.pyy"], { cwd: d });
    expect(one.code).toBe(2);
    expect(one.stderr).toContain('no files match --include "*.pyy"');
    expect(one.stderr).not.toContain("src/**");

    // A start path that yields no file: an empty folder, a folder of lockfiles, a folder excluded.
    fs.mkdirSync(path.join(d, "nothing"));
    const empty = await cliAsync(["check", "src", "nothing", "locks", "docs/", "--exclude", "*.md"], { cwd: d });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('no files match path "nothing", path "locks", path "docs/"');

    // The dry run and --write stop the same way, before anything is written.
    expect((await cliAsync(["--include", "source/**"], { cwd: d })).code).toBe(2);
    expect((await cliAsync(["--write", "--include", "source/**"], { cwd: d })).code).toBe(2);
  });

  it("pass with --no-error-on-unmatched-pattern or the configuration's errorOnUnmatchedPattern: false", async () => {
    const d = tree();
    expect((await cliAsync(["check", "--include", "src/**"], { cwd: d })).code).toBe(0);
    const off = await cliAsync(["check", "--no-error-on-unmatched-pattern", "--include", "source/**"], { cwd: d, env: { NO_COLOR: "1" } });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain("0 files scanned");
    fs.writeFileSync(path.join(d, "deepseek-migrate.config.json"), '{"errorOnUnmatchedPattern": false}\n');
    expect((await cliAsync(["check", "--include", "source/**"], { cwd: d })).code).toBe(0);
    fs.writeFileSync(path.join(d, "deepseek-migrate.config.json"), '{"errorOnUnmatchedPattern": "no"}\n');
    const bad = await cliAsync(["check"], { cwd: d });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('"errorOnUnmatchedPattern" must be true or false');
  });

  it("a configuration include that matches nothing under the start path leaves it empty: an error too", async () => {
    const d = tree();
    fs.writeFileSync(path.join(d, "deepseek-migrate.config.json"), '{"include": ["source/**"]}\n');
    const r = await cliAsync(["check"], { cwd: d });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no files match path "."');
  });
});
