import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultOptions, run } from "../src/core/run.js";
import { FIXTURE_NOW, ROOT, fixtureCases, migrateFixtureFile } from "./helpers/fixtures.js";

/**
 * The migrated TypeScript must type-check against the real `openai` package's types
 * (docs/contract.md §5). Every TS/JS fixture that talks to the API (imports "openai", or sends a
 * raw body with fetch or axios) is migrated with --write into a temporary project whose
 * node_modules is the repository's, and `tsc --noEmit` (typescript 5.9, strict, nodenext) must
 * report nothing for them.
 *
 * A control file that writes `thinking` as a plain property of an SDK call is type-checked in the
 * same run and must fail: it proves this project really checks excess properties against the SDK.
 */

const TS_FILE = /\.(?:ts|mts|cts)$/;
const CHECKED_JS = /\.(?:js|mjs|cjs)$/;
const USES_API = /from\s+["']openai["']|JSON\.stringify\(|axios\.post\(/;

const CONTROL = `import OpenAI from "openai";
const client = new OpenAI();
export const bare = client.chat.completions.create({ model: "deepseek-v4-flash", messages: [], thinking: { type: "disabled" } });
`;

let dir: string;
const picked: string[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-typecheck-"));
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }));
  fs.writeFileSync(
    path.join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        types: ["node"],
        skipLibCheck: true,
        allowJs: true,
        noEmit: true,
      },
      include: ["cases/**/*", "control/**/*"],
    }),
  );
  for (const c of fixtureCases()) {
    if (!/^(typescript|javascript)/.test(c.kind)) continue;
    const input = fs.readFileSync(c.input, "utf8");
    const checked = TS_FILE.test(c.scanName) || (CHECKED_JS.test(c.scanName) && /^\/\/\s*@ts-check/.test(input));
    if (!checked || !USES_API.test(input)) continue;
    const sub = path.join(dir, "cases", c.kind);
    fs.mkdirSync(sub, { recursive: true });
    fs.copyFileSync(c.input, path.join(sub, c.scanName));
    const result = await migrateFixtureFile(c, sub);
    expect(result.errors).toEqual([]);
    picked.push(`${c.kind}/${c.scanName}`);
  }
  // The sample app's TypeScript migrated with --to latest (current canonical IDs).
  const sample = path.join(dir, "cases", "sample-latest");
  fs.mkdirSync(sample, { recursive: true });
  for (const f of ["llm.ts", "models.ts"]) fs.copyFileSync(path.join(ROOT, "fixtures", "sample-app", "web", "src", f), path.join(sample, f));
  const latest = await run(defaultOptions({ cwd: sample, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW, to: "latest" }));
  expect(latest.errors).toEqual([]);
  expect(fs.readFileSync(path.join(sample, "llm.ts"), "utf8")).toContain('"deepseek-flash"');
  picked.push("sample-latest/llm.ts", "sample-latest/models.ts");
  fs.mkdirSync(path.join(dir, "control"));
  fs.writeFileSync(path.join(dir, "control", "bare-thinking.ts"), CONTROL);
}, 60_000);

afterAll(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("migrated TypeScript type-checks against the openai package", () => {
  it("tsc --noEmit: no error in migrated fixtures, the bare-property control fails", () => {
    expect(picked.length).toBeGreaterThanOrEqual(10);
    // The migrated files really carry the flags (else the check would prove nothing).
    const migrated = picked.map((p) => fs.readFileSync(path.join(dir, "cases", p), "utf8")).join("\n");
    expect(migrated).toContain(`...{ thinking: { type: "disabled" } }`);
    expect(migrated).toContain(`reasoning_effort: "high"`);

    const tsc = path.join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const r = spawnSync(process.execPath, [tsc, "-p", dir, "--pretty", "false"], { encoding: "utf8", cwd: dir });
    const lines = (r.stdout + r.stderr).split(/\r?\n/).filter((l) => /error TS\d+/.test(l));
    const inCases = lines.filter((l) => l.startsWith("cases/"));
    expect(inCases, `picked: ${picked.join(", ")}`).toEqual([]);
    const inControl = lines.filter((l) => l.startsWith("control/"));
    expect(inControl.length, lines.join("\n")).toBe(1);
    expect(inControl[0]).toMatch(/thinking/);
    expect(lines.length).toBe(1);
  }, 120_000);
});
