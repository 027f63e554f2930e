import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { adapter } from "../src/languages/markup/notebook.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import { FIXTURE_NOW, fixtureCases } from "./helpers/fixtures.js";
import { tempTree } from "./helpers/cli.js";

/**
 * Migrated notebooks: still valid JSON, only cell sources changed (outputs, metadata, key order
 * and everything else identical), sources still one line per array element, and the code cells of
 * Python notebooks still compile.
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
interface Cell {
  cell_type: string;
  source: string | string[];
  [k: string]: Json;
}
interface Notebook {
  cells: Cell[];
  metadata: Record<string, Json>;
  [k: string]: Json;
}

const cases = fixtureCases().filter((c) => c.scanName.endsWith(".ipynb"));
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function parse(text: string): Notebook | undefined {
  try {
    return JSON.parse(text) as Notebook;
  } catch {
    return undefined;
  }
}

function withoutSources(nb: Notebook): Json {
  return { ...nb, cells: nb.cells.map(({ source: _source, ...rest }) => rest) } as Json;
}

const sourceText = (c: Cell) => (Array.isArray(c.source) ? c.source.join("") : c.source);

/**
 * Code cells of Python notebooks, with magics blanked, compiled by one python3 process; returns
 * the failing cell indexes of each notebook.
 */
function compileCells(nbs: Notebook[]): number[][] {
  const picked = nbs.map((nb) => {
    const kernel = nb.metadata.kernelspec as Record<string, Json> | undefined;
    const info = nb.metadata.language_info as Record<string, Json> | undefined;
    if (!/python/i.test(String(kernel?.language ?? info?.name ?? "python"))) return [];
    return nb.cells
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => c.cell_type === "code" && !/^\s*%%(?!time)/.test(sourceText(c)))
      .map(({ c, i }) => ({ i, src: sourceText(c).replace(/^[ \t]*[%!].*$/gm, (l) => l.replace(/[%!].*/, "pass")) }));
  });
  const script = [
    "import json, sys",
    "out = []",
    "for nb in json.load(sys.stdin):",
    "    bad = []",
    "    for i, src in nb:",
    "        try:",
    "            compile(src, f'<cell {i}>', 'exec')",
    "        except SyntaxError:",
    "            bad.append(i)",
    "    out.append(bad)",
    "print(json.dumps(out))",
  ].join("\n");
  const input = JSON.stringify(picked.map((cells) => cells.map(({ i, src }) => [i, src])));
  return JSON.parse(execFileSync("python3", ["-c", script], { input, encoding: "utf8" })) as number[][];
}

async function migrate(files: Record<string, Buffer>, unsafeFixes: boolean) {
  const dir = tempTree(files);
  dirs.push(dir);
  const result = await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW, unsafeFixes }));
  return { dir, result };
}

describe("migrated notebooks", () => {
  it("has notebook fixtures", () => expect(cases.length).toBeGreaterThanOrEqual(6));

  for (const unsafeFixes of [false, true]) {
    it(`${unsafeFixes ? "--unsafe-fixes" : "default"}: valid JSON, only cell sources changed, one line per element, cells compile`, async () => {
      const files = Object.fromEntries(cases.map((c) => [c.inputName.replace(".input", ""), fs.readFileSync(c.input)]));
      const { dir, result } = await migrate(files, unsafeFixes);
      expect(result.errors).toEqual([]);
      let changed = 0;
      const pairs: [string, Notebook, Notebook][] = [];
      for (const [name, bytes] of Object.entries(files)) {
        const before = parse(bytes.toString("utf8"));
        const afterText = fs.readFileSync(path.join(dir, name), "utf8");
        if (!before) {
          // A notebook that is not valid JSON is never edited, not even with --unsafe-fixes: its
          // outputs cannot be told from its code.
          expect(afterText, name).toBe(bytes.toString("utf8"));
          continue;
        }
        const after = parse(afterText);
        expect(after, `${name} is still JSON`).toBeDefined();
        expect(withoutSources(after!), name).toEqual(withoutSources(before));
        if (afterText !== bytes.toString("utf8")) changed++;
        after!.cells.forEach((cell, i) => {
          const was = before.cells[i]!;
          expect(Array.isArray(cell.source), `${name} cell ${i} source kind`).toBe(Array.isArray(was.source));
          if (Array.isArray(cell.source))
            cell.source.forEach((line, k) => {
              const last = k === (cell.source as string[]).length - 1;
              expect(line.slice(0, -1).includes("\n") || (!last && !line.endsWith("\n")), `${name} cell ${i} element ${k}: ${JSON.stringify(line)}`).toBe(false);
            });
          if (cell.cell_type !== "code") expect(cell.source, `${name} ${cell.cell_type} cell ${i}`).toEqual(unsafeFixes ? cell.source : was.source);
        });
        pairs.push([name, before, after!]);
      }
      const brokenBefore = compileCells(pairs.map(([, b]) => b));
      const brokenAfter = compileCells(pairs.map(([, , a]) => a));
      expect(brokenBefore.flat().length).toBeGreaterThan(0); // the broken-cell fixture
      pairs.forEach(([name], k) => expect(brokenAfter[k], `${name}: cells that fail to compile`).toEqual(brokenBefore[k]));
      expect(changed).toBeGreaterThanOrEqual(6);
    });
  }

  it("outputs are never edited, even with --unsafe-fixes", async () => {
    const quick = cases.find((c) => c.inputName === "quickstart.input.ipynb")!;
    const { dir, result } = await migrate({ "q.ipynb": fs.readFileSync(quick.input) }, true);
    const before = parse(fs.readFileSync(quick.input, "utf8"))!;
    const after = parse(fs.readFileSync(path.join(dir, "q.ipynb"), "utf8"))!;
    expect(after.cells.map((c) => c.outputs)).toEqual(before.cells.map((c) => c.outputs));
    expect(JSON.stringify(before.cells.map((c) => c.outputs))).toMatch(/deepseek-chat/);
    const outputFindings = result.findings.filter((f) => f.fix === "none" && /output/i.test(f.advice));
    expect(outputFindings.length).toBe(2);
    // The Markdown cell was renamed (unsafe fix applied), the reasoner's code cell got its flags.
    // The chat request stays: a later cell branches on `response.model == "deepseek-chat"`, so
    // the two are one rename group that cannot be fixed (docs/groups.md).
    expect(sourceText(after.cells[0]!)).toContain("deepseek-v4-flash");
    expect(sourceText(after.cells[3]!)).toBe(sourceText(before.cells[3]!));
    expect(sourceText(after.cells[5]!)).toBe(sourceText(before.cells[5]!));
    expect(sourceText(after.cells[4]!)).toContain('reasoning_effort="high", extra_body={"thinking": {"type": "enabled"}}');
  });

  it("a notebook without kernel metadata is treated as Python; nbformat 3 worksheets are scanned lexically", async () => {
    const ruleset = makeRuleset(defaultRules());
    const v4 = JSON.stringify({ cells: [{ cell_type: "code", source: ['m = {"model": "deepseek-chat"}'], outputs: [] }], metadata: {}, nbformat: 4 }, null, 1);
    const out4 = await adapter.scan({ path: "a.ipynb", text: v4, matches: findMatches(v4, ruleset), ruleset });
    expect(out4.sites.map((s) => s.kind)).toEqual(["model"]);
    const v3 = JSON.stringify({ worksheets: [{ cells: [{ cell_type: "code", input: ['m = {"model": "deepseek-chat"}'] }] }], metadata: {}, nbformat: 3 }, null, 1);
    const out3 = await adapter.scan({ path: "b.ipynb", text: v3, matches: findMatches(v3, ruleset), ruleset });
    expect(out3.sites.map((s) => s.kind)).toEqual(["other"]);
    expect(out3.parseError).toBeUndefined();
  });

  it("JSON nested deeper than the stack is a parse error, not a throw; deep Python in a cell is classified", async () => {
    const ruleset = makeRuleset(defaultRules());
    const n = 100_000;
    const deep = "[".repeat(n) + '"deepseek-chat"' + "]".repeat(n);
    const out = await adapter.scan({ path: "d.ipynb", text: deep, matches: findMatches(deep, ruleset), ruleset });
    expect(out.parseError).toBe("too deeply nested to parse");
    const code = "MODELS = " + "[".repeat(5000) + '"deepseek-chat"' + "]".repeat(5000);
    const nb = JSON.stringify({ cells: [{ cell_type: "code", source: [code], outputs: [] }], metadata: {}, nbformat: 4 });
    const cell = await adapter.scan({ path: "c.ipynb", text: nb, matches: findMatches(nb, ruleset), ruleset });
    expect(cell.parseError).toBeUndefined();
    expect(cell.sites.map((s) => s.kind)).toEqual(["collection"]);
  });

  it("maps offsets through JSON escapes: \\u escapes, surrogate pairs, escaped quotes and backslashes before the ID", async () => {
    const ruleset = makeRuleset(defaultRules());
    const code = 'x = "\\\\ é 😀 \\"q\\""\nclient.chat.completions.create(model="deepseek-reasoner", messages=[])\n';
    const escaped = JSON.stringify(code).replace(/[\u0080-\uffff]/g, (ch) => "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0"));
    const text = `{"cells": [{"cell_type": "code", "source": ${escaped}, "outputs": []}], "metadata": {}, "nbformat": 4}`;
    const matches = findMatches(text, ruleset);
    expect(matches).toHaveLength(1);
    const out = await adapter.scan({ path: "e.ipynb", text, matches, ruleset });
    expect(out.sites).toHaveLength(1);
    const site = out.sites[0]!;
    expect(site.idStart).toBe(matches[0]!.idStart);
    expect(site.kind).toBe("model");
    expect(site.flags?.status).toBe("added");
    const [edit] = site.flags!.edits;
    expect(text.slice(edit!.start - 11, edit!.start)).toBe("messages=[]");
    expect(edit!.text).toBe(', reasoning_effort=\\"high\\", extra_body={\\"thinking\\": {\\"type\\": \\"enabled\\"}}');
  });
});
