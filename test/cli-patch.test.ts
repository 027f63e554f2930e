import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, copyTree, snapshot, tempTree } from "./helpers/cli.js";
import { tempPath } from "./helpers/temp.js";

function utf16(text: string, be = false): Buffer {
  const b = Buffer.from("\ufeff" + text, "utf16le");
  if (be) b.swap16();
  return b;
}

const FILES: Record<string, string | Buffer> = {
  "src/request.ts": [
    'import OpenAI from "openai";',
    "const client = new OpenAI();",
    "export const r = client.chat.completions.create({",
    '  model: "deepseek-reasoner",',
    "  messages: [],",
    "});",
    "",
  ].join("\n"),
  "crlf.ts": 'export const a = { model: "deepseek-chat" };\r\nexport const b = 1;\r\n',
  "bom.ts": '\ufeffexport const a = { model: "deepseek-chat" };\n',
  "latin1.ts": Buffer.from('export const a = { model: "deepseek-chat" }; // caf\xe9\n', "latin1"),
  "utf16le.ts": utf16('export const a = { model: "deepseek-chat" };\n'),
  "utf16be.ts": utf16('export const a = { model: "deepseek-chat" };\n', true),
  "no-final-newline.ts": 'export const a = { model: "deepseek-chat" };',
  "dir with space/a b.md": "See deepseek-chat.\n",
  "clean.ts": "export const c = 1;\n",
};

function gitRepo(files: Record<string, string | Buffer>): string {
  const dir = tempTree(files);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, stdio: "pipe" });
  git("init", "-q");
  git("-c", "user.name=t", "-c", "user.email=t@t", "add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "init");
  return dir;
}

// Each test has its own repository: they run side by side.
describe.concurrent("--patch FILE", () => {
  for (const unsafe of [false, true]) {
    it(`writes one patch that git apply accepts and that equals --write${unsafe ? " --unsafe-fixes" : ""} byte for byte`, async () => {
      const repo = gitRepo(FILES);
      const before = snapshot(repo);
      const patchFile = tempPath("fix.patch");
      const r = await cliAsync(["--patch", patchFile, "-q", ...(unsafe ? ["--unsafe-fixes"] : [])], { cwd: repo });
      expect(r.code).toBe(1); // a dry run with findings
      expect(snapshot(repo)).toEqual(before); // the dry run wrote nothing but the patch (outside the tree)
      const patch = fs.readFileSync(patchFile);
      expect(patch.toString("latin1")).toContain("GIT binary patch"); // the UTF-16 files
      expect(patch.toString("latin1").includes("a/clean.ts")).toBe(false);

      execFileSync("git", ["apply", "--check", patchFile], { cwd: repo, stdio: "pipe" });
      const written = copyTree(repo);
      expect((await cliAsync(["--write", ...(unsafe ? ["--unsafe-fixes"] : [])], { cwd: written })).code).toBe(0);
      execFileSync("git", ["apply", patchFile], { cwd: repo, stdio: "pipe" });
      for (const f of Object.keys(FILES)) {
        expect(fs.readFileSync(path.join(repo, f)).equals(fs.readFileSync(path.join(written, f))), f).toBe(true);
      }
      const changed = execFileSync("git", ["diff", "--name-only"], { cwd: repo, encoding: "utf8" }).trim().split("\n").sort();
      const expected = Object.keys(FILES).filter((f) => f !== "clean.ts" && (unsafe || !f.endsWith(".md")));
      expect(changed).toEqual(expected.sort());
      expect(fs.readFileSync(path.join(repo, "src/request.ts"), "utf8")).toContain("reasoning_effort");
    });
  }

  it("check --patch equals the dry run's patch byte for byte (a check keeps no copy of the bytes: UTF-16 patches encode the text)", async () => {
    const repo = gitRepo(FILES);
    const [dry, check] = [tempPath("dry.patch"), tempPath("check.patch")];
    const runs = await Promise.all([cliAsync(["--patch", dry, "-q"], { cwd: repo }), cliAsync(["check", "--patch", check, "-q"], { cwd: repo })]);
    expect(runs.map((r) => r.code)).toEqual([1, 1]);
    expect(fs.readFileSync(dry).toString("latin1")).toContain("GIT binary patch");
    expect(fs.readFileSync(check).equals(fs.readFileSync(dry))).toBe(true);
  });

  it("check --patch works too, nothing to fix gives an empty patch, an unwritable path is exit 2", async () => {
    const repo = gitRepo({ "a.ts": 'export const a = { model: "deepseek-chat" };\n' });
    const r = await cliAsync(["check", "--patch", "fix.patch"], { cwd: repo });
    expect(r.code).toBe(1);
    // The patch file inside the tree is never scanned; git applies it from the working directory.
    expect((await cliAsync(["check", "--patch", "fix.patch", "--format", "json"], { cwd: repo })).stdout).not.toContain("fix.patch");
    execFileSync("git", ["apply", "fix.patch"], { cwd: repo, stdio: "pipe" });
    expect(fs.readFileSync(path.join(repo, "a.ts"), "utf8")).toBe('export const a = { model: "deepseek-v4-flash" };\n');

    const clean = tempTree({ "a.ts": "export const a = 1;\n" });
    expect((await cliAsync(["--patch", "p.patch"], { cwd: clean })).code).toBe(0);
    expect(fs.readFileSync(path.join(clean, "p.patch"), "utf8")).toBe("");
    const bad = await cliAsync(["--patch", "no/such/dir/p.patch"], { cwd: repo });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/cannot write no\/such\/dir\/p.patch/);
  });
});
