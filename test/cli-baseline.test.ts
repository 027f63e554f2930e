import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { baselineLineText } from "../src/core/baseline.js";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { tempPath } from "./helpers/temp.js";
import { MIXED } from "./helpers/projects.js";

type Report = { summary: Record<string, number>; findings: { file: string; line: number; suppressed: boolean; baselined?: boolean; legacyId: string }[] };

async function check(dir: string, args: string[]): Promise<{ code: number | null; stderr: string; doc?: Report }> {
  const r = await cliAsync(["check", "--format", "json", ...args], { cwd: dir });
  return { code: r.code, stderr: r.stderr, ...(r.stdout ? { doc: JSON.parse(r.stdout) as Report } : {}) };
}

// Each test has its own temp tree: they run side by side.
describe.concurrent("--baseline", () => {
  it("findings already in the baseline do not fail check, even after edits above them; new ones do", async () => {
    const dir = tempTree(MIXED);
    expect((await cliAsync(["check", "--format", "json", "-o", "baseline.json"], { cwd: dir })).code).toBe(1);
    // The baseline report is never scanned itself.
    const same = await check(dir, ["--baseline", "baseline.json"]);
    expect(same.code).toBe(0);
    expect(same.doc!.summary).toMatchObject({ findings: 0, baselined: 3, suppressed: 4 });
    const quiet = await cliAsync(["check", "--baseline", "baseline.json", "--no-color"], { cwd: dir });
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("src/client.ts"); // nothing to show for a fully baselined file
    expect(quiet.stdout).toMatch(/0 findings \(0 safe, 0 unsafe, 0 none, 4 suppressed\)/);

    // Edit above a baselined finding: lines move, the match holds.
    const client = path.join(dir, "src/client.ts");
    fs.writeFileSync(client, "// a new header line\n// and another\n\n" + fs.readFileSync(client, "utf8"));
    const moved = await check(dir, ["--baseline", "baseline.json"]);
    expect(moved.code).toBe(0);
    expect(moved.doc!.findings.filter((f) => f.baselined).map((f) => f.line)).toContain(6);
    // Re-indenting keeps it too (surrounding whitespace is ignored).
    fs.writeFileSync(client, fs.readFileSync(client, "utf8").replace("export const cfg", "    export const cfg"));
    expect((await check(dir, ["--baseline", "baseline.json"])).code).toBe(0);

    // A new finding fails, and only it is reported as unsuppressed.
    fs.appendFileSync(path.join(dir, "docs/usage.md"), "Reasoning uses deepseek-reasoner.\n");
    const fresh = await check(dir, ["--baseline", "baseline.json"]);
    expect(fresh.code).toBe(1);
    expect(fresh.doc!.findings.filter((f) => !f.suppressed).map((f) => [f.file, f.line, f.legacyId])).toEqual([["docs/usage.md", 2, "deepseek-reasoner"]]);

    // A changed line is a new finding (the text is part of the key).
    const pretty = await cliAsync(["check", "--baseline", "baseline.json", "--no-color"], { cwd: dir });
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toMatch(/docs\/usage.md\n\s+2:\d+/);
  });

  it("counts multiplicity: two identical lines need two baseline entries", async () => {
    const dir = tempTree({ "notes.md": "Use deepseek-chat.\n" });
    const base = tempPath("baseline.json");
    fs.writeFileSync(base, (await cliAsync(["check", "--format", "json"], { cwd: dir })).stdout);
    fs.writeFileSync(path.join(dir, "notes.md"), "Use deepseek-chat.\nUse deepseek-chat.\n");
    const r = await check(dir, ["--baseline", base]);
    expect(r.code).toBe(1);
    expect(r.doc!.summary).toMatchObject({ findings: 1, baselined: 1 });
    // The same line in another file is not covered either.
    fs.writeFileSync(path.join(dir, "notes.md"), "Use deepseek-chat.\n");
    fs.writeFileSync(path.join(dir, "other.md"), "Use deepseek-chat.\n");
    expect((await check(dir, ["--baseline", base])).doc!.findings.filter((f) => !f.suppressed).map((f) => f.file)).toEqual(["other.md"]);
  });

  it("reports without lineText (older ones) match by file and ID; a bad baseline is exit 2", async () => {
    const dir = tempTree({ "notes.md": "Use deepseek-chat.\n" });
    const old = tempPath("old.json");
    fs.writeFileSync(old, JSON.stringify({ schemaVersion: 1, findings: [{ file: "notes.md", legacyId: "deepseek-chat", line: 9 }] }));
    fs.writeFileSync(path.join(dir, "notes.md"), "Now a different line with deepseek-chat.\n");
    expect((await check(dir, ["--baseline", old])).code).toBe(0);

    for (const [body, message] of [
      ["not json", /cannot read the baseline/],
      ['{"schemaVersion": 1}', /not a deepseek-migrate JSON report/],
      ['{"schemaVersion": 2, "findings": []}', /schemaVersion 2/],
      ['{"schemaVersion": 1, "findings": [{"line": 1}]}', /findings\[0\] has no "file" and "legacyId"/],
    ] as const) {
      fs.writeFileSync(old, body);
      const r = await check(dir, ["--baseline", old]);
      expect(r.code, body).toBe(2);
      expect(r.stderr, body).toMatch(message);
    }
    const missing = await check(dir, ["--baseline", "nope.json"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the baseline nope.json: ENOENT/);
  });

  it("lineText: trimmed; for long (minified) lines a window around the match", async () => {
    expect(baselineLineText({ lineText: "   x = 'deepseek-chat'  ", line: 1, endLine: 1, column: 9, endColumn: 22 })).toBe("x = 'deepseek-chat'");
    const long = "a".repeat(1000) + "deepseek-chat" + "b".repeat(1000);
    const key = baselineLineText({ lineText: long, line: 1, endLine: 1, column: 1001, endColumn: 1014 });
    expect(key).toBe("a".repeat(120) + "deepseek-chat" + "b".repeat(120));
  });
});
