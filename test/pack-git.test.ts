/**
 * Installing from git, globally: what pre-commit's node hooks do (`npm install -g git+file://…`)
 * and `npm install -g github:…`. Slow (a clone, a full dev install and a build: about a minute), so
 * it runs only with DEEPSEEK_MIGRATE_SLOW_TESTS=1; `npm test` skips it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers/fixtures.js";
import { NPM, run } from "./helpers/pack.js";
import { tempDir } from "./helpers/temp.js";

describe.runIf(process.env.DEEPSEEK_MIGRATE_SLOW_TESTS === "1")("npm install -g from git (pre-commit's way)", () => {
  it("builds in the clone (devDependencies installed despite -g) and installs a working command", () => {
    const work = tempDir("dsm-git-");
    const clone = path.join(work, "repo");
    execFileSync("git", ["clone", "-q", ROOT, clone]);
    const prefix = path.join(work, "prefix");
    fs.mkdirSync(path.join(prefix, "lib"), { recursive: true });
    const r = run(NPM, ["install", "--allow-git=root", "--install-links", "-g", "--prefix", prefix, `git+file://${clone}`], { cwd: work, timeout: 600_000 });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const installed = path.join(prefix, "lib", "node_modules", "deepseek-migrate");
    for (const f of ["dist/cli/cli.js", "dist/index.d.ts", "grammars/tree-sitter-python.wasm"]) expect(fs.existsSync(path.join(installed, f)), f).toBe(true);
    const bin = path.join(prefix, "bin", "deepseek-migrate");
    const tree = fs.mkdtempSync(path.join(work, "tree-"));
    fs.writeFileSync(path.join(tree, "config.yaml"), "model: deepseek-chat\n");
    const check = run(bin, ["check", "config.yaml"], { cwd: tree });
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("deepseek-v4-flash");
  }, 900_000);
});
