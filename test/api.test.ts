/**
 * The programmatic API, imported through the package name (the package's own `exports`, i.e. the
 * built dist/index.js that an installed package exposes). `npm test` builds first.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as api from "deepseek-migrate";
import { cli, copyTree, snapshot, tempTree } from "./helpers/cli.js";

const NOW = "2026-11-28T12:00:00Z";

/** A small tree with legacy IDs in a request, a constant, a comparison, a doc, and a clean file. */
function tree(): string {
  return tempTree({
    "src/client.ts":
      'import OpenAI from "openai";\nconst client = new OpenAI();\nexport const r = await client.chat.completions.create({\n  model: "deepseek-chat",\n  messages: [],\n});\n',
    "src/const.js": 'export const PLANNER_MODEL = "deepseek-reasoner";\nif (m === "deepseek-chat") console.log(1);\n',
    "docs/notes.md": "# Notes\n\nWe call `deepseek-chat` here.\n",
    "README.txt": "nothing here\n",
  });
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8" });
}

describe("programmatic API (import from \"deepseek-migrate\")", () => {
  it("exports scan, migrate, formatReport and the constants", () => {
    expect(typeof api.scan).toBe("function");
    expect(typeof api.migrate).toBe("function");
    expect(typeof api.formatReport).toBe("function");
    expect(api.CUTOFF).toBe("2026-07-24T15:59:00Z");
    expect(api.VERSION).toBe(JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")).version);
    expect(api.defaultRules("pro").map((r) => [r.legacyId, r.target])).toContainEqual(["deepseek-reasoner", "deepseek-v4-pro"]);
  });

  it("scan returns the CLI's findings and diffs and writes nothing", async () => {
    const dir = tree();
    const before = snapshot(dir);
    const result = await api.scan({ cwd: dir, now: NOW, unsafeFixes: true });
    expect(snapshot(dir)).toEqual(before);
    expect(result.written).toEqual([]);
    expect(result.findings.length).toBeGreaterThanOrEqual(4);
    expect(result.findings.every((f) => f.severity === "error")).toBe(true);
    expect(result.files.some((f) => (f.diff ?? "").includes("+We call `deepseek-v4-flash` here."))).toBe(true);

    // Same document as the CLI prints for the same options.
    const fromCli = cli([".", "--format", "json", "--unsafe-fixes"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: NOW } });
    expect(JSON.parse(api.formatReport(result, "json"))).toEqual(JSON.parse(fromCli.stdout));
  });

  it("takes the CLI's options: paths, now, reasonerTarget, exclude, shard", async () => {
    const dir = tree();
    const early = await api.scan({ cwd: dir, paths: ["src"], now: new Date("2026-05-01T00:00:00Z") });
    expect(early.findings.length).toBeGreaterThan(0);
    expect(early.findings.every((f) => f.file.startsWith("src/"))).toBe(true);
    expect(early.findings.every((f) => f.severity === "warning")).toBe(true);

    const pro = await api.scan({ cwd: dir, now: NOW, reasonerTarget: "pro" });
    expect(pro.findings.find((f) => f.legacyId === "deepseek-reasoner")?.replacement).toBe("deepseek-v4-pro");

    const noDocs = await api.scan({ cwd: dir, now: NOW, exclude: ["docs"] });
    expect(noDocs.findings.some((f) => f.file.startsWith("docs/"))).toBe(false);

    const all = await api.scan({ cwd: dir, now: NOW });
    const parts = await Promise.all([api.scan({ cwd: dir, now: NOW, shard: "1/2" }), api.scan({ cwd: dir, now: NOW, shard: { index: 2, count: 2 } })]);
    expect(parts.flatMap((p) => p.findings.map((f) => `${f.file}:${f.line}:${f.column}`)).sort()).toEqual(
      all.findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort(),
    );
    expect(parts[0].summary.files + parts[1].summary.files).toBe(all.summary.files);
  });

  it("migrate applies exactly what --write applies (safe only, and with unsafeFixes)", async () => {
    for (const unsafe of [false, true]) {
      const viaApi = tree();
      const viaCli = copyTree(viaApi);
      const planned = await api.scan({ cwd: viaApi, now: NOW, unsafeFixes: unsafe });
      const result = await api.migrate({ cwd: viaApi, now: NOW, unsafeFixes: unsafe, allowDirty: true });
      const args = ["--write", "--allow-dirty", ...(unsafe ? ["--unsafe-fixes"] : [])];
      cli(args, { cwd: viaCli, env: { DEEPSEEK_MIGRATE_NOW: NOW } });
      const read = (d: string) => Object.fromEntries(["src/client.ts", "src/const.js", "docs/notes.md", "README.txt"].map((f) => [f, fs.readFileSync(path.join(d, f), "utf8")]));
      expect(read(viaApi)).toEqual(read(viaCli));
      // It wrote the files the scan planned to change, no others.
      expect(result.written.sort()).toEqual(planned.files.filter((f) => f.diff).map((f) => f.file).sort());
      if (unsafe) expect(read(viaApi)["docs/notes.md"]).toContain("deepseek-v4-flash");
      else expect(read(viaApi)["docs/notes.md"]).toContain("`deepseek-chat`");
      // A second run has nothing left to write.
      expect((await api.migrate({ cwd: viaApi, now: NOW, unsafeFixes: unsafe, allowDirty: true })).written).toEqual([]);
    }
  });

  it("migrate refuses files with uncommitted changes unless allowDirty (like --write)", async () => {
    const dir = tree();
    git(dir, "init", "-q");
    git(dir, "add", ".");
    git(dir, "commit", "-q", "-m", "init");
    fs.appendFileSync(path.join(dir, "docs/notes.md"), "\nmore deepseek-chat\n");
    // (git itself may refresh its index while answering: compare the work tree only)
    const workTree = () => Object.fromEntries(Object.entries(snapshot(dir)).filter(([f]) => !f.startsWith(".git")));
    const before = workTree();
    await expect(api.migrate({ cwd: dir, now: NOW, unsafeFixes: true })).rejects.toThrow(/uncommitted changes/);
    await expect(api.migrate({ cwd: dir, now: NOW, unsafeFixes: true })).rejects.toBeInstanceOf(api.UsageError);
    expect(workTree()).toEqual(before);
    const ok = await api.migrate({ cwd: dir, now: NOW, unsafeFixes: true, allowDirty: true });
    expect(ok.written).toContain("docs/notes.md");
  });

  it("reads deepseek-migrate.config.json like the CLI (config: false reads none; options win)", async () => {
    const dir = tree();
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), JSON.stringify({ reasonerTarget: "pro", exclude: ["docs"] }));
    const withConfig = await api.scan({ cwd: dir, now: NOW });
    expect(withConfig.findings.find((f) => f.legacyId === "deepseek-reasoner")?.replacement).toBe("deepseek-v4-pro");
    expect(withConfig.findings.some((f) => f.file.startsWith("docs/") || f.file.endsWith(".json"))).toBe(false);
    const fromCli = cli([".", "--format", "json"], { cwd: dir, env: { DEEPSEEK_MIGRATE_NOW: NOW } });
    expect(JSON.parse(api.formatReport(withConfig, "json"))).toEqual(JSON.parse(fromCli.stdout));

    const flagWins = await api.scan({ cwd: dir, now: NOW, reasonerTarget: "flash" });
    expect(flagWins.findings.find((f) => f.legacyId === "deepseek-reasoner")?.replacement).toBe("deepseek-v4-flash");
    const noConfig = await api.scan({ cwd: dir, now: NOW, config: false });
    expect(noConfig.findings.some((f) => f.file.startsWith("docs/"))).toBe(true);
    fs.renameSync(path.join(dir, "deepseek-migrate.config.json"), path.join(dir, "other.json"));
    const explicit = await api.scan({ cwd: dir, now: NOW, config: "other.json" });
    expect(explicit.findings.find((f) => f.legacyId === "deepseek-reasoner")?.replacement).toBe("deepseek-v4-pro");
  });

  it("usage problems reject with a UsageError", async () => {
    const dir = tree();
    await expect(api.scan({ cwd: dir, paths: ["missing"] })).rejects.toBeInstanceOf(api.UsageError);
    await expect(api.scan({ cwd: dir, shard: "3/2" })).rejects.toThrow(/--shard/);
    await expect(api.scan({ cwd: dir, now: "yesterday" })).rejects.toThrow(/invalid time/);
    await expect(api.scan({ cwd: dir, reasonerTarget: "max" as "pro" })).rejects.toThrow(/reasonerTarget/);
    await expect(api.scan({ cwd: dir, config: "missing.json" })).rejects.toBeInstanceOf(api.UsageError);
    expect(() => api.formatReport({} as api.RunResult, "nope" as api.Format)).toThrow(/not available/);
  });
});
