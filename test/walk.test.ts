import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { walk } from "../src/walk/walk.js";

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-walk-"));
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

const rels = (cwd: string, o: Partial<Parameters<typeof walk>[0]> = {}) =>
  walk({ cwd, paths: ["."], gitignore: true, include: [], exclude: [], ...o }).files.map((f) => f.rel);

describe("walk (SPEC §7)", () => {
  it("respects nested .gitignore files, skips fixed folders and lockfiles, sorts", () => {
    const dir = tree({
      ".gitignore": "build/\n*.log\n",
      "src/a.py": "",
      "src/.gitignore": "gen.py\n",
      "src/gen.py": "",
      "build/x.py": "",
      "x.log": "",
      "node_modules/m/index.js": "",
      ".git/config": "",
      "nb/.ipynb_checkpoints/a.ipynb": "",
      ".history/a.py": "",
      "package-lock.json": "{}",
      "poetry.lock": "",
      "z.ts": "",
    });
    expect(rels(dir)).toEqual([".gitignore", "src/.gitignore", "src/a.py", "z.ts"]);
    expect(rels(dir, { gitignore: false })).toEqual([".gitignore", "build/x.py", "src/.gitignore", "src/a.py", "src/gen.py", "x.log", "z.ts"]);
  });
  it("skips lockfiles of every package manager at any depth (deno, pdm, pixi, nix flakes too)", () => {
    const names = ["deno.lock", "pdm.lock", "pixi.lock", "flake.lock", "uv.lock", "bun.lock", "Cargo.lock"];
    const files: Record<string, string> = { "app.py": "", "sub/app.ts": "" };
    for (const n of names) {
      files[n] = '{"model": "deepseek-chat"}';
      files[`sub/${n}`] = "deepseek-reasoner";
    }
    const dir = tree(files);
    expect(rels(dir)).toEqual(["app.py", "sub/app.ts"]);
    expect(rels(dir, { gitignore: false })).toEqual(["app.py", "sub/app.ts"]);
    // Only the exact names: a file that merely ends like one is scanned.
    const near = tree({ "my-flake.lock.py": "", "pixi.lock.bak": "" });
    expect(rels(near)).toEqual(["my-flake.lock.py", "pixi.lock.bak"]);
  });
  it("applies .gitignore files above the start folder up to the repository root", () => {
    const dir = tree({ ".gitignore": "secret/\n", "app/secret/a.py": "", "app/b.py": "" });
    execFileSync("git", ["init", "-q"], { cwd: dir });
    fs.writeFileSync(path.join(dir, ".git/info/exclude"), "*.tmp.py\n");
    fs.writeFileSync(path.join(dir, "app/c.tmp.py"), "");
    expect(rels(path.join(dir, "app"))).toEqual(["b.py"]);
  });
  it("applies --include and --exclude globs; a name without / matches at any depth", () => {
    const dir = tree({ "a.py": "", "src/b.py": "", "src/c.ts": "", "vendor/d.py": "" });
    expect(rels(dir, { include: ["*.py"] })).toEqual(["a.py", "src/b.py", "vendor/d.py"]);
    expect(rels(dir, { exclude: ["vendor"] })).toEqual(["a.py", "src/b.py", "src/c.ts"]);
    expect(rels(dir, { include: ["src/**"], exclude: ["*.ts"] })).toEqual(["src/b.py"]);
  });
  it("never follows symbolic links and scans named files even when ignored", () => {
    const dir = tree({ "a.py": "", ".gitignore": "ignored.py\n", "ignored.py": "" });
    const outside = tree({ "secret.py": "" });
    fs.symlinkSync(outside, path.join(dir, "link-dir"));
    fs.symlinkSync(path.join(outside, "secret.py"), path.join(dir, "link.py"));
    fs.symlinkSync(path.join(dir, "loop"), path.join(dir, "loop"));
    const r = walk({ cwd: dir, paths: ["."], gitignore: true, include: [], exclude: [] });
    expect(r.files.map((f) => f.rel)).toEqual([".gitignore", "a.py"]);
    expect(r.skipped.map((s) => s.file).sort()).toEqual(["link-dir", "link.py", "loop"]);
    expect(rels(dir, { paths: ["ignored.py"] })).toEqual(["ignored.py"]);
  });
  it("throws a usage error for a path that does not exist", () => {
    const dir = tree({});
    expect(() => rels(dir, { paths: ["missing"] })).toThrow(/does not exist/);
  });
});
