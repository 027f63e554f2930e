/**
 * The help (docs/cli.md): options grouped by purpose, examples and exit codes, `help [command]`,
 * and each command's help describing that command only.
 */
import { describe, expect, it } from "vitest";
import { cli, tempTree } from "./helpers/cli.js";

/** The option flags listed under a group heading of a help text. */
function group(help: string, heading: string): string[] {
  const lines = help.split("\n");
  const at = lines.indexOf(heading);
  if (at < 0) return [];
  const out: string[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === "") break;
    const m = /^ {2}(-[^\s,]+(?:, --\S+)?)/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

describe("--help", () => {
  const dir = tempTree({ "a.txt": "x\n" });
  const help = cli(["--help"], { cwd: dir });
  const check = cli(["check", "--help"], { cwd: dir });

  it("groups the options: fixing, output, selection, gate, performance; with examples and exit codes", () => {
    expect(help.code).toBe(0);
    const headings = help.stdout.split("\n").filter((l) => /^[A-Z][^:]*:$/.test(l));
    expect(headings.slice(0, 9)).toEqual(["Arguments:", "Fixing:", "Output:", "Selection (what is scanned):", "Gate (CI):", "Performance:", "Other:", "Commands:", "Examples:"]);
    expect(group(help.stdout, "Fixing:").slice(0, 4)).toEqual(["--write", "--allow-dirty", "-i, --interactive", "--unsafe-fixes"]);
    expect(group(help.stdout, "Output:")).toEqual(expect.arrayContaining(["--format", "-o, --output", "-q, --quiet"]));
    expect(group(help.stdout, "Selection (what is scanned):")).toEqual(expect.arrayContaining(["--include", "--exclude", "--no-ignore"]));
    expect(group(help.stdout, "Gate (CI):")).toEqual(expect.arrayContaining(["--exit-zero", "--baseline", "--no-error-on-unmatched-pattern"]));
    expect(group(help.stdout, "Performance:")).toEqual(expect.arrayContaining(["--cache", "--shard"]));
    expect(group(help.stdout, "Other:")).toEqual(["-V, --version", "-h, --help"]);
    expect(help.stdout).toMatch(/^Exit codes:\n {2}0 .*\n {2}1 .*\n(.*\n)* {2}2 /m);
    expect(help.stdout).toMatch(/^ {2}deepseek-migrate --write /m);
  });

  it("deepseek-migrate help [command] prints the same help as --help", () => {
    const viaHelp = cli(["help"], { cwd: dir });
    expect(viaHelp.code).toBe(0);
    expect(viaHelp.stdout).toBe(help.stdout);
    const helpCheck = cli(["help", "check"], { cwd: dir });
    expect(helpCheck.code).toBe(0);
    expect(helpCheck.stdout).toBe(check.stdout);
    const merge = cli(["help", "merge-reports"], { cwd: dir });
    expect(merge.code).toBe(0);
    expect(merge.stdout).toContain("Usage: deepseek-migrate merge-reports");
    expect(merge.stdout).toContain("Exit codes:");
  });

  it("check's help describes check: no writing options, --unsafe-fixes only shows, its own examples and exit codes", () => {
    expect(check.code).toBe(0);
    expect(check.stdout).toContain("Usage: deepseek-migrate check");
    for (const flag of ["--write", "--allow-dirty", "--interactive"]) expect(check.stdout).not.toContain(flag);
    expect(check.stdout).not.toMatch(/also apply/);
    expect(check.stdout).toMatch(/--unsafe-fixes\s+also put the fixes that need\s+review in\s+--patch/);
    expect(check.stdout).toContain("check never writes");
    expect(check.stdout).toMatch(/^ {2}deepseek-migrate check --baseline/m);
    expect(check.stdout).not.toMatch(/SIGINT|Ctrl-C/);
    // The options check does not have are refused.
    expect(cli(["check", "--write"], { cwd: dir }).code).toBe(2);
  });
});
