/**
 * What --write prints (docs/cli.md "What --write reports"): what was fixed (counts by file), what
 * remains and why, the renamed requests whose thinking flags need a person; fixed findings are not
 * listed as problems. Exit: 1 only when a fix it was asked for is not on disk.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, tempTree } from "./helpers/cli.js";

const TREE = {
  // safe, with the thinking flags written (a visible request)
  "src/client.py":
    'from openai import OpenAI\n\nclient = OpenAI(base_url="https://api.deepseek.com")\nresp = client.chat.completions.create(model="deepseek-chat", messages=[])\n',
  // safe rename; the request is elsewhere: thinking manual
  ".env": "CHAT_MODEL=deepseek-chat\n",
  // unsafe (documentation)
  "docs/notes.md": "We call `deepseek-reasoner` for planning.\n",
  // none (a comparison between two IDs that would collide)
  "src/route.py": 'def pick(m):\n    if m == "deepseek-chat":\n        return 1\n    if m == "deepseek-reasoner":\n        return 2\n',
};

// Each test has its own temp tree: they run side by side.
describe.concurrent("--write output", () => {
  it("counts the fixed findings by file, lists only what remains with the reason, and the manual thinking flags", async () => {
    const dir = tempTree(TREE);
    const r = await cliAsync(["--write", "--allow-dirty", "--no-color"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout;
    // Fixed findings are not listed as errors any more.
    expect(out).not.toMatch(/^ +\d+:\d+ +error +DSM001 deepseek-chat → deepseek-v4-flash +\[safe\]/m);
    expect(out).toMatch(/^Fixed 2 findings in 2 files:\n {2}\.env +1\n {2}src\/client\.py +1\n/m);
    expect(out).toMatch(/^Renamed, but the thinking flags could not be written \(thinking: manual\): set them where the request is sent \(1\):\n {2}\.env:1:12 {2}deepseek-chat → deepseek-v4-flash {2}set "thinking": \{"type":"disabled"\}\n/m);
    // What remains, each with why.
    expect(out).toMatch(/^docs\/notes\.md\n {2}1:10 +error +DSM001 deepseek-reasoner → deepseek-v4-flash +\[unsafe\] +not fixed: review it, then --unsafe-fixes or edit by hand$/m);
    expect(out).toMatch(/^ {2}2:14 +error +DSM001 deepseek-chat → \(not renamed\) +\[none\] +not fixed: needs a decision$/m);
    expect(out).toMatch(/^Found 5 findings \(2 fixed, 3 remaining: 1 unsafe: review, then --unsafe-fixes; 2 none: need a decision\)\.$/m);
    // No diff after writing: git diff shows it.
    expect(out).not.toContain("+++ b/");
    expect(fs.readFileSync(path.join(dir, ".env"), "utf8")).toBe("CHAT_MODEL=deepseek-v4-flash\n");

    // Everything requested applied: nothing more to fix, a second run says so.
    const again = await cliAsync(["--write", "--allow-dirty", "--no-color"], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toContain("Fixed ");
    expect(again.stdout).toMatch(/^Found 3 findings \(0 fixed, 3 remaining/m);
  });

  it("with --unsafe-fixes the unsafe findings are fixed too; only the none ones remain", async () => {
    const dir = tempTree(TREE);
    const r = await cliAsync(["--write", "--unsafe-fixes", "--allow-dirty", "--no-color", "-q"], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Fixed 3 findings in 3 files:/m);
    expect(r.stdout).toMatch(/^Found 5 findings \(3 fixed, 2 remaining: 2 none: need a decision\)\.$/m);
    expect(r.stdout).not.toContain("docs/notes.md\n  1:10");
  });

  it("exits 1 when a fix it was asked for could not be applied (a text that would not re-encode)", async () => {
    // UTF-16 with a stray last byte: the fix is reported, never written.
    const dir = tempTree({ "a.py": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('MODEL = "deepseek-chat"\n', "utf16le"), Buffer.from([0])]) });
    const r = await cliAsync(["--write", "--allow-dirty", "--no-color"], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/\[safe\] thinking: manual {2}not fixed: could not be applied or written/);
    expect(r.stdout).toMatch(/^Found 1 finding \(0 fixed, 1 remaining: 1 could not be written\)\.$/m);
  });
});
