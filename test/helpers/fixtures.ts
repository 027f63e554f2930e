import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defaultOptions, run, type RunResult } from "../../src/core/run.js";
import type { Finding } from "../../src/core/types.js";

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

/** The run options a case can set in its `<case>.options.json` (docs/fixtures.md). */
export interface FixtureOptions {
  unsafeFixes?: boolean;
  reasonerTarget?: "flash" | "pro";
}
const OPTION_KEYS = new Set(["unsafeFixes", "reasonerTarget"]);

export interface FixtureCase {
  kind: string;
  /** Fixture folder, e.g. fixtures/typescript. */
  dir: string;
  /** The case's name: the input's name up to ".input" (basic, client.test, .env, Dockerfile). */
  name: string;
  /** e.g. "basic.input.ts" */
  inputName: string;
  /** The name the file is scanned under: the input's name without ".input" (basic.ts, .env, Dockerfile). */
  scanName: string;
  input: string;
  /** Absent: the file must stay unchanged. */
  output?: string;
  /** Where the output is, or would be: <case>.output.<ext>. */
  outputPath: string;
  /** `<case>.findings.snap`: every finding of the run over the input, one line each. */
  snapshot: string;
  /** From `<case>.options.json` when present. */
  options: FixtureOptions;
}

const INPUT = /(^|\.)input(\.|$)/;

/** Every fixture case: fixtures/<kind>/<case>.input.<ext> (+ .output.<ext>, .options.json, .findings.snap). */
export function fixtureCases(): FixtureCase[] {
  const cases: FixtureCase[] = [];
  const visit = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (e.name !== "sample-app" && e.name !== "groups-project") visit(path.join(dir, e.name));
        continue;
      }
      if (!INPUT.test(e.name)) continue;
      const scanName = e.name.replace(/(^|\.)input(?=\.|$)/, "");
      const outName = e.name.replace(/(^|\.)input(?=\.|$)/, "$1output");
      const name = e.name.slice(0, e.name.search(INPUT));
      const optionsFile = path.join(dir, `${name}.options.json`);
      let options: FixtureOptions = {};
      if (fs.existsSync(optionsFile)) {
        options = JSON.parse(fs.readFileSync(optionsFile, "utf8")) as FixtureOptions;
        for (const k of Object.keys(options)) if (!OPTION_KEYS.has(k)) throw new Error(`${optionsFile}: unknown option ${k}`);
      }
      cases.push({
        kind: path.relative(FIXTURES, dir).split(path.sep).join("/"),
        dir,
        name,
        inputName: e.name,
        scanName,
        input: path.join(dir, e.name),
        output: fs.existsSync(path.join(dir, outName)) ? path.join(dir, outName) : undefined,
        outputPath: path.join(dir, outName),
        snapshot: path.join(dir, `${name}.findings.snap`),
        options,
      });
    }
  };
  visit(FIXTURES);
  return cases.sort((a, b) => a.input.localeCompare(b.input));
}

/**
 * Migrate one fixture case with --write, as the fixture runner does: the file sits at `dir` under
 * its scan name; the case's options apply (`unsafeFixes` can be forced).
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

/** The first line of every findings snapshot: what the columns are. */
export const SNAPSHOT_HEADER = "# line:col code position fix thinking match -> replacement [suppressed] [group=role/size/class]";

/**
 * One finding as a snapshot line. `position` is the named position the adapter gives the match
 * when it has one ("-" otherwise).
 */
export function findingLine(f: Finding): string {
  const position = (f as Finding & { position?: unknown }).position;
  let line = `${f.line}:${f.column} ${f.code} ${typeof position === "string" && position ? position : "-"} ${f.fix} ${f.thinking} ${JSON.stringify(f.match)} -> ${JSON.stringify(f.replacement)}`;
  if (f.suppressed) line += " suppressed";
  if (f.group) line += ` group=${JSON.stringify(f.group.role)}/${f.group.size}/${f.group.fix}`;
  return line;
}

/** The findings snapshot of a run over one case: a header, then one line per finding in file order. */
export function findingsSnapshot(findings: Finding[]): string {
  const sorted = [...findings].sort((a, b) => a.start - b.start || a.end - b.end || a.code.localeCompare(b.code));
  return [SNAPSHOT_HEADER, ...sorted.map(findingLine)].join("\n") + "\n";
}

/** A snapshot line read back: the fields tests select on. */
export interface SnapshotFinding {
  line: number;
  column: number;
  code: string;
  position: string;
  fix: string;
  thinking: string;
  text: string;
}

/** The findings recorded in a case's snapshot file ([] when it has none yet). */
export function readSnapshot(c: FixtureCase): SnapshotFinding[] {
  if (!fs.existsSync(c.snapshot)) return [];
  return fs
    .readFileSync(c.snapshot, "utf8")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((text) => {
      const [pos, code, position, fix, thinking] = text.split(" ");
      const [line, column] = pos!.split(":").map(Number);
      return { line: line!, column: column!, code: code!, position: position!, fix: fix!, thinking: thinking!, text };
    });
}
