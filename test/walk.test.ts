import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import ignore from "ignore";
import { bySiblingKey, simpleIgnores, simpleRules, walk } from "../src/walk/walk.js";
import { tempDir } from "./helpers/temp.js";

function tree(files: Record<string, string>): string {
  const dir = tempDir("dsm-walk-");
  for (const [rel, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), body);
  }
  return dir;
}

const rels = (cwd: string, o: Partial<Parameters<typeof walk>[0]> = {}) =>
  walk({ cwd, paths: ["."], gitignore: true, include: [], exclude: [], ...o }).files.map((f) => f.rel);

describe("walk (docs/contract.md §7)", () => {
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

describe("siblings in the order of their keys (a folder as name/), compared without building the keys", () => {
  const name = fc.oneof(
    fc.stringMatching(/^[a-z.\-_A-Z0-9]{1,6}$/),
    fc.constantFrom("a", "a.b", "a-b", "a b", "a!", "a0", "ä", "a\u{1F600}", "a\uFFFD", "A", "a/"),
  ).filter((n) => !n.includes("/"));
  it("the same order as sorting by the built keys, for any names, files and folders", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(name, fc.boolean()), { selector: ([n]) => n, maxLength: 12 }), (list) => {
        const entries = list.map(([n, dir]) => ({ name: n, isDirectory: () => dir }));
        const key = (e: (typeof entries)[number]) => (e.isDirectory() ? e.name + "/" : e.name);
        const want = [...entries].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0)).map(key);
        expect([...entries].sort(bySiblingKey).map(key)).toEqual(want);
      }),
      { numRuns: 1000 },
    );
  });
});

describe("ignore files of plain names and *suffix rules: matched by name, as the ignore package does", () => {
  const piece = fc.constantFrom("build", "Build", "dist", ".env", "x.tmp", "a.TMP", "tmp", "node", "log", "a.log", "readme.md", "B.Log", "out", "env");
  const rule = fc.tuple(fc.constantFrom("", "*"), fc.constantFrom("build", "dist", ".env", ".tmp", "tmp", ".LOG", "log", "Out", "env"), fc.constantFrom("", "/"));
  const body = fc
    .array(fc.oneof(rule.map(([star, t, slash]) => star + t + slash), fc.constantFrom("", "# a comment")), { minLength: 1, maxLength: 6 })
    .chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol) + eol));

  it("same answer as `ignore` for every name, file or folder, at the top and below folders it keeps", () => {
    fc.assert(
      fc.property(body, piece, fc.boolean(), fc.constantFrom("", "src/", "deep/er/"), (text, name, isDir, parent) => {
        const rules = simpleRules(text);
        expect(rules).toBeDefined();
        const ig = ignore().add(text);
        // The walk only gets here when no folder above is ignored.
        fc.pre(!parent || !parent.split("/").filter(Boolean).some((_, i, a) => ig.ignores(a.slice(0, i + 1).join("/") + "/")));
        expect(simpleIgnores(rules!, name, isDir)).toBe(ig.ignores(parent + name + (isDir ? "/" : "")));
      }),
      { numRuns: 400 },
    );
  });

  it("anything else is left to the ignore package", () => {
    for (const text of ["!keep.tmp\n", "src/gen/\n", "/build\n", "**/out\n", "a*b\n", "[ab].txt\n", "name \n", " name\n", "\\#x\n", "..\n", "a?\n"]) {
      expect(simpleRules(text), JSON.stringify(text)).toBeUndefined();
    }
    expect(simpleRules("# only comments\n\nbuild/\n*.tmp\n")).toBeDefined();
  });
});
