import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultOptions, run } from "../src/core/run.js";
import { FIXTURE_NOW, FIXTURES, fixtureCases } from "./helpers/fixtures.js";
import { tempTree } from "./helpers/cli.js";
import { tempDir } from "./helpers/temp.js";

/**
 * Every migrated Python fixture still compiles (`python3 -m py_compile`), under the default run,
 * with --unsafe-fixes, and with --reasoner-target pro --unsafe-fixes. Inputs that do not compile
 * themselves (the broken-file fixtures) are listed and get nothing but lexical renames.
 */

const cases = fixtureCases().filter((c) => c.kind.startsWith("python") && /\.pyi?$/.test(c.scanName));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** Compile files with one python3 process; returns the files that failed. */
function compileFailures(files: string[]): string[] {
  // The bytecode goes to one file in a temp folder the test removes (not next to the inputs, not in
  // a folder of python's own that nothing would remove).
  const out = path.join(tempDir("dsm-pyc-"), "x.pyc");
  const script = [
    "import json, py_compile, sys",
    "bad = []",
    "out = sys.argv[1]",
    "for f in sys.argv[2:]:",
    "    try:",
    "        py_compile.compile(f, cfile=out, doraise=True)",
    "    except py_compile.PyCompileError:",
    "        bad.append(f)",
    "print(json.dumps(bad))",
  ].join("\n");
  return JSON.parse(execFileSync("python3", ["-c", script, out, ...files], { encoding: "utf8" })) as string[];
}

function layout(): { dir: string; files: string[] } {
  const tree: Record<string, Buffer> = {};
  for (const c of cases) tree[`${c.kind}/${c.inputName.replace(/\.input/, "")}`] = fs.readFileSync(c.input);
  const dir = tempTree(tree);
  dirs.push(dir);
  return { dir, files: Object.keys(tree).map((rel) => path.join(dir, rel)) };
}

describe("migrated Python compiles", () => {
  it("has Python fixtures", () => expect(cases.length).toBeGreaterThan(20));

  const inputs = layout();
  const brokenInputs = compileFailures(inputs.files).map((f) => path.relative(inputs.dir, f));

  it("only the broken-file fixtures fail to compile before migration", () => {
    expect(brokenInputs).toEqual(["python/broken.py"]);
  });

  const variants = [
    { name: "default", unsafeFixes: false, reasonerTarget: "flash" as const },
    { name: "--unsafe-fixes", unsafeFixes: true, reasonerTarget: "flash" as const },
    { name: "--reasoner-target pro --unsafe-fixes", unsafeFixes: true, reasonerTarget: "pro" as const },
    { name: "--to latest --unsafe-fixes", unsafeFixes: true, reasonerTarget: "flash" as const, to: "latest" as const },
  ];
  for (const v of variants) {
    it(`${v.name}: every migrated file compiles, broken ones are untouched`, async () => {
      const { dir, files } = layout();
      const before = new Map(files.map((f) => [f, fs.readFileSync(f)]));
      const result = await run(
        defaultOptions({
          cwd: dir,
          paths: ["."],
          mode: "write",
          allowDirty: true,
          now: FIXTURE_NOW,
          unsafeFixes: v.unsafeFixes,
          reasonerTarget: v.reasonerTarget,
          ...("to" in v ? { to: v.to } : {}),
        }),
      );
      expect(result.errors).toEqual([]);
      const changed = files.filter((f) => !fs.readFileSync(f).equals(before.get(f)!));
      expect(changed.length).toBeGreaterThan(15);
      const compilable = files.filter((f) => !brokenInputs.includes(path.relative(dir, f)));
      expect(compileFailures(compilable)).toEqual([]);
      // A file that does not parse gets no flag edits: untouched by default, only its IDs
      // renamed with --unsafe-fixes.
      for (const b of brokenInputs) {
        const input = before.get(path.join(dir, b))!.toString("utf8");
        const flash = "to" in v ? "deepseek-flash" : "deepseek-v4-flash";
        const renamed = input
          .replaceAll("deepseek-chat", flash)
          .replaceAll("deepseek-reasoner", v.reasonerTarget === "pro" ? "deepseek-v4-pro" : flash);
        expect(fs.readFileSync(path.join(dir, b), "utf8")).toBe(v.unsafeFixes ? renamed : input);
      }
    });
  }

  it("--to latest on the sample app: the migrated Python compiles and names only current canonical IDs where it renamed", async () => {
    const dir = tempTree({});
    fs.cpSync(path.join(FIXTURES, "sample-app"), dir, { recursive: true });
    const py = ["app/llm.py", "app/routing.py", "app/worker.py"].map((f) => path.join(dir, f));
    const result = await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW, to: "latest" }));
    expect(result.errors).toEqual([]);
    expect(compileFailures(py)).toEqual([]);
    const llm = fs.readFileSync(path.join(dir, "app/llm.py"), "utf8");
    expect(llm).toContain('"deepseek-flash"');
    expect(llm).not.toMatch(/deepseek-v4-flash|deepseek-chat|deepseek-reasoner/);
  });
});
