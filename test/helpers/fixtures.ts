import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultOptions, run, type RunResult } from "../../src/run.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const FIXTURES = path.join(ROOT, "fixtures");
/** A fixed clock for fixtures: after the cutoff. */
export const FIXTURE_NOW = new Date("2026-11-28T12:00:00Z");

/** Every file under a folder, recursively, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

export interface FixtureCase {
  kind: string;
  /** Fixture folder, e.g. fixtures/typescript. */
  dir: string;
  /** e.g. "basic.input.ts" */
  inputName: string;
  /** The name the file is scanned under: the input's name without ".input" (basic.ts, .env, Dockerfile). */
  scanName: string;
  input: string;
  /** Absent: the file must stay unchanged. */
  output?: string;
  /** Optional expectations: [{line, fix, thinking?, match?}] */
  expect?: string;
  /** Options for every case of the folder (options.json): {unsafeFixes, reasonerTarget}. */
  options: { unsafeFixes?: boolean; reasonerTarget?: "flash" | "pro" };
}

/** Every fixture pair: fixtures/<kind>/<case>.input.<ext> (+ .output.<ext>, + .expect.json). */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const visit = (dir: string) => {
    const names = fs.readdirSync(dir, { withFileTypes: true });
    let options = {};
    if (fs.existsSync(path.join(dir, "options.json"))) options = JSON.parse(fs.readFileSync(path.join(dir, "options.json"), "utf8"));
    for (const e of names) {
      if (e.isDirectory()) {
        if (e.name !== "sample-app") visit(path.join(dir, e.name));
        continue;
      }
      if (!/(^|\.)input(\.|$)/.test(e.name)) continue;
      const scanName = e.name.replace(/(^|\.)input(?=\.|$)/, "");
      const outName = e.name.replace(/(^|\.)input(?=\.|$)/, "$1output");
      const caseBase = e.name.slice(0, e.name.search(/(^|\.)input(\.|$)/));
      const expectName = `${caseBase}.expect.json`;
      cases.push({
        kind: path.relative(FIXTURES, dir).split(path.sep).join("/"),
        dir,
        inputName: e.name,
        scanName,
        input: path.join(dir, e.name),
        output: fs.existsSync(path.join(dir, outName)) ? path.join(dir, outName) : undefined,
        expect: fs.existsSync(path.join(dir, expectName)) ? path.join(dir, expectName) : undefined,
        options,
      });
    }
  };
  visit(FIXTURES);
  return cases.sort((a, b) => a.input.localeCompare(b.input));
}

/**
 * Migrate one fixture case with --write, as the fixture runner does: the file sits at `dir` under
 * its scan name; the case folder's options apply (`unsafeFixes` can be forced).
 */
export function migrateFixtureFile(c: FixtureCase, dir: string, force: { unsafeFixes?: boolean } = {}): Promise<RunResult> {
  return run(
    defaultOptions({
      cwd: dir,
      paths: [c.scanName],
      mode: "write",
      allowDirty: true,
      now: FIXTURE_NOW,
      unsafeFixes: force.unsafeFixes ?? !!c.options.unsafeFixes,
      reasonerTarget: c.options.reasonerTarget ?? "flash",
    }),
  );
}
