/**
 * Large outputs stay readable (docs/cli.md "Statistics and long outputs"): --statistics counts the
 * findings per rule, file kind and folder by fix class; the pretty listing shows at most 10
 * findings per file unless --verbose; long runs point at --statistics.
 */
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import type { RunResult } from "../src/core/run.js";
import { folderOf, statisticsLines } from "../src/report/statistics.js";
import type { Finding } from "../src/core/types.js";
import { cliAsync, tempTree } from "./helpers/cli.js";

/** 13 renames in one env file, 2 in docs, a Python comparison pair, 40 more in a nested folder. */
function tree(): string {
  const env = Array.from({ length: 13 }, (_, i) => `MODEL_${i}=deepseek-chat\n`).join("");
  const many: Record<string, string> = {};
  for (let i = 0; i < 40; i++) many[`services/api/deep/m${String(i).padStart(2, "0")}.env`] = "MODEL=deepseek-reasoner\n";
  return tempTree({
    ".env": env,
    "docs/a.md": "Use `deepseek-chat` or `deepseek-reasoner`.\n",
    "src/route.py": 'def pick(m):\n    if m == "deepseek-chat":\n        return 1\n    if m == "deepseek-reasoner":\n        return 2\n',
    ...many,
  });
}

// Each test has its own temp tree: they run side by side.
describe.concurrent("--statistics", () => {
  it("counts per legacy ID, file kind and folder (two levels), split by fix class, instead of the findings", async () => {
    const dir = tree();
    const r = await cliAsync(["--statistics", "--no-color"], { cwd: dir });
    expect(r.code).toBe(1);
    const out = r.stdout;
    expect(out).not.toContain("MODEL_");
    expect(out).not.toMatch(/^\.env$/m);
    expect(out).toContain(
      [
        "By rule:",
        "   count    safe  unsafe    none  code    legacy ID",
        "      42      40       1       1  DSM001  deepseek-reasoner",
        "      15      13       1       1  DSM001  deepseek-chat",
      ].join("\n"),
    );
    expect(out).toContain(["By file kind:", "   count    safe  unsafe    none  kind", "      53      53       0       0  env"].join("\n"));
    expect(out).toMatch(/^ +2 +0 +2 +0 +markdown$/m);
    expect(out).toMatch(/^ +2 +0 +0 +2 +python$/m);
    expect(out).toContain(
      ["By folder:", "   count    safe  unsafe    none  folder", "      40      40       0       0  services/api/", "      13      13       0       0  ./"].join("\n"),
    );
    expect(out).toMatch(/^43 files scanned, 57 findings/m);
    expect((await cliAsync(["--statistics", "--format", "json"], { cwd: dir })).code).toBe(2);
  });

  it("a rule code column when findings carry one; rows capped unless verbose", async () => {
    const c = new Chalk({ level: 0 });
    const f = (file: string, code: string | undefined, fix: Finding["fix"]): Finding =>
      ({ file, legacyId: "deepseek-chat", fix, suppressed: false, ...(code ? { code } : {}) }) as unknown as Finding;
    const findings = [f("a/x.ts", "DSM001", "safe"), f("a/y.ts", "DSM001", "unsafe"), f("b/z.md", "DSM002", "none")];
    const result = { findings, files: [{ file: "a/x.ts", adapter: "typescript" }] } as unknown as RunResult;
    const lines = statisticsLines(result, c, false);
    expect(lines.slice(0, 4)).toEqual([
      "By rule:",
      "   count    safe  unsafe    none  code    legacy ID",
      "       2       1       1       0  DSM001  deepseek-chat",
      "       1       0       0       1  DSM002  deepseek-chat",
    ]);
    const folders = Array.from({ length: 35 }, (_, i) => f(`f${String(i).padStart(2, "0")}/a.ts`, undefined, "safe"));
    const capped = statisticsLines({ findings: folders, files: [] } as unknown as RunResult, c, false);
    expect(capped).toContain("  … 5 more folders (--verbose shows all)");
    expect(statisticsLines({ findings: folders, files: [] } as unknown as RunResult, c, true).join("\n")).not.toContain("more folders");
    expect(folderOf("a.ts")).toBe("./");
    expect(folderOf("a/b/c/d.ts")).toBe("a/b/");
  });
});

describe.concurrent("skimmable pretty output", () => {
  it("at most 10 findings per file, then '… N more'; --verbose lists all; long runs point at --statistics", async () => {
    const dir = tree();
    const r = await cliAsync(["-q", "--no-color"], { cwd: dir });
    const env = r.stdout.slice(r.stdout.indexOf(".env\n"));
    const block = env.slice(0, env.indexOf("\n\n"));
    expect(block.split("\n").filter((l) => /^ {2}\d+:\d+ /.test(l))).toHaveLength(10);
    expect(block).toContain("  … 3 more in this file (--verbose lists all)");
    expect(r.stdout).toMatch(/^57 findings in 43 files: --statistics counts them per rule, file kind and folder\.$/m);
    const all = await cliAsync(["-q", "--no-color", "--verbose"], { cwd: dir });
    expect(all.stdout).toContain("13:10  error  DSM001 deepseek-chat");
    expect(all.stdout).not.toContain("more in this file");
  });
});
