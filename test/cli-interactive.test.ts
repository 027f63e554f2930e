import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, cliAsync, snapshot, tempTree } from "./helpers/cli.js";

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/**
 * Run the CLI on a pseudo-terminal with util-linux `script`, feeding `input` as the keyboard.
 * Output is the terminal's transcript (the echoed answers included).
 */
async function onTerminal(cwd: string, args: string[], input: string): Promise<{ code: number | null; out: string }> {
  const cmd = [process.execPath, BIN, ...args].map(quote).join(" ");
  // Without blocking the test's thread: each test has its own tree, and the tests run side by side.
  const child = spawn("script", ["-qec", cmd, "/dev/null"], {
    cwd,
    env: { ...process.env, DEEPSEEK_MIGRATE_NOW: "2026-11-28T12:00:00Z", NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
    timeout: 60_000,
  });
  let stdout = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.resume();
  child.stdin.on("error", () => {});
  child.stdin.end(input);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, out: stdout.replace(/\r\n/g, "\n") };
}

const THREE = {
  "a.ts": 'export const a = { model: "deepseek-chat" };\n',
  "b.ts": 'export const b = { model: "deepseek-chat" };\n',
  "c.ts": [
    'import OpenAI from "openai";',
    "const client = new OpenAI();",
    "export const c = client.chat.completions.create({",
    '  model: "deepseek-reasoner",',
    "  messages: [],",
    "});",
    "",
  ].join("\n"),
  "notes.md": "deepseek-chat in prose is an unsafe fix\n",
};

const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), "utf8");

describe.concurrent("-i/--interactive", () => {
  it("asks per fix: yes, no, quit; writes only the accepted fixes", async () => {
    const dir = tempTree(THREE);
    const r = await onTerminal(dir, ["-i"], "y\nn\nq\n");
    expect(r.code).toBe(0);
    expect(r.out).toContain("(1/3) Apply this fix [y,n,a,q,?]?");
    expect(r.out).toContain("(3/3) Apply this fix [y,n,a,q,?]?");
    expect(r.out).toMatch(/a\.ts:1:28 {2}deepseek-chat → deepseek-v4-flash {2}\[safe\]/);
    expect(r.out).toContain('+export const a = { model: "deepseek-v4-flash" };');
    expect(read(dir, "a.ts")).toContain("deepseek-v4-flash");
    expect(read(dir, "b.ts")).toBe(THREE["b.ts"]);
    expect(read(dir, "c.ts")).toBe(THREE["c.ts"]);
    expect(read(dir, "notes.md")).toBe(THREE["notes.md"]); // unsafe: not offered without --unsafe-fixes
    expect(r.out).toMatch(/1 file written/);
  });

  it("all: this fix and every remaining one (a rename and its thinking flags together); ? shows help", async () => {
    const dir = tempTree(THREE);
    const r = await onTerminal(dir, ["--interactive", "--unsafe-fixes"], "n\n?\na\n");
    expect(r.code).toBe(0);
    expect(r.out).toContain("a - apply this fix and every remaining one");
    expect(r.out).toContain("(1/4)");
    expect(r.out).not.toContain("(3/4)"); // "a" at the second question answers the rest
    expect(read(dir, "a.ts")).toBe(THREE["a.ts"]);
    expect(read(dir, "b.ts")).toContain("deepseek-v4-flash");
    expect(read(dir, "c.ts")).toContain('model: "deepseek-v4-flash"');
    expect(read(dir, "c.ts")).toContain('reasoning_effort: "high"');
    expect(read(dir, "notes.md")).toContain("deepseek-v4-flash in prose");
    expect((await cliAsync(["check"], { cwd: dir })).code).toBe(1); // a.ts was declined
  });

  it("the end of input is a quit: nothing more is asked or written", async () => {
    const dir = tempTree(THREE);
    const before = snapshot(dir);
    const r = await onTerminal(dir, ["-i"], "");
    expect(r.code).toBe(0);
    expect(r.out).toContain("(1/3)");
    expect(r.out).not.toContain("(2/3)");
    expect(snapshot(dir)).toEqual(before);
  });

  it("refuses before asking when the files have uncommitted changes (unless --allow-dirty)", async () => {
    const dir = tempTree(THREE);
    execFileSync("git", ["init", "-q"], { cwd: dir });
    const r = await onTerminal(dir, ["-i"], "a\n");
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/refusing to write: 3 file\(s\) have uncommitted changes/);
    expect(r.out).not.toContain("Apply this fix");
    expect(read(dir, "a.ts")).toBe(THREE["a.ts"]);
    const ok = await onTerminal(dir, ["-i", "--allow-dirty"], "a\n");
    expect(ok.code).toBe(0);
    expect(read(dir, "a.ts")).toContain("deepseek-v4-flash");
  });

  it("without a terminal: exit 2 with a message, nothing written", async () => {
    const dir = tempTree(THREE);
    const before = snapshot(dir);
    const r = await cliAsync(["-i"], { cwd: dir, input: "y\ny\ny\n" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--interactive needs a terminal \(standard input is not one\)/);
    expect(snapshot(dir)).toEqual(before);
  });
});
