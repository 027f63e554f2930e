import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { KINDS, POSITIONS, adapterNameFor } from "../src/languages/registry.js";
import { FIXTURES, findingsSnapshot, fixtureCases, listFiles, migrateFixtureFile, readSnapshot, type FixtureCase } from "./helpers/fixtures.js";

/**
 * The fixture runner (docs/fixtures.md). Each case, fixtures/<kind>/<case>.input.<ext>, is written
 * into one reused temp folder under its scan name (the input's name without ".input"), migrated
 * in-process with --write and the options of <case>.options.json, and:
 * - the file after the run equals <case>.output.<ext> byte for byte (the input when there is none);
 * - every finding of the run is in <case>.findings.snap, one line each, and nothing else is
 *   (`npx vitest run test/fixtures.test.ts -u` rewrites them; review the diff);
 * - a second run over the result has no fix left to apply (idempotence).
 * FIXTURE_OUTPUTS=write rewrites the outputs instead of comparing them (and removes an output equal
 * to its input); review the diff as for snapshots.
 */
const WRITE_OUTPUTS = process.env.FIXTURE_OUTPUTS === "write";
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-fixture-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function migrate(c: FixtureCase, bytes: Buffer) {
  const file = path.join(tmp, c.scanName);
  fs.writeFileSync(file, bytes);
  try {
    const result = await migrateFixtureFile(c, tmp);
    return { result, after: fs.readFileSync(file) };
  } finally {
    fs.rmSync(file, { force: true });
  }
}

const cases = fixtureCases();

/**
 * Catalogued positions no case produces yet. The list only shrinks: a position that gets a case
 * leaves it, a new position comes with its case.
 * - markup/notebook-metadata: an ID in a notebook's metadata is "other", so --unsafe-fixes renames
 *   it, while test/notebook.test.ts holds that only cell sources ever change: a case waits for
 *   that to be decided.
 * - typescript/provider-class-option: every option key the provider-class table lists (model,
 *   modelName) already says model, so the position is typescript/model-property.
 */
const NO_CASE_YET = [
  "markup/notebook-metadata",
  "typescript/provider-class-option",
];

describe("fixture cases", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(0));
  it("every registered file kind has a case (by the adapter its scan name selects)", () => {
    const covered = new Set(cases.map((c) => adapterNameFor(c.scanName)));
    expect([...KINDS.keys()].filter((k) => !covered.has(k))).toEqual([]);
  });
  it("every catalogued position occurs in a case's findings snapshot (docs/positions.md)", () => {
    const named = new Set(cases.flatMap((c) => readSnapshot(c).map((f) => f.position)));
    const missing = [...POSITIONS.keys()].filter((id) => !named.has(id));
    expect(missing.sort(), "positions without a fixture case: add a case in which each occurs (docs/fixtures.md)").toEqual([...NO_CASE_YET].sort());
  });
  it("every file in a case folder belongs to a case (no snapshot, output or options left behind by a rename)", () => {
    const owned = new Set(cases.flatMap((c) => [c.input, c.outputPath, c.snapshot, path.join(c.dir, `${c.name}.options.json`)]));
    const projects = ["sample-app", "groups-project"].map((p) => path.join(FIXTURES, p) + path.sep);
    const strays = listFiles(FIXTURES).filter((f) => !owned.has(f) && !projects.some((p) => f.startsWith(p)));
    expect(strays.map((f) => path.relative(FIXTURES, f))).toEqual([]);
  });
  for (const c of cases) {
    it(`${c.kind}/${c.inputName}`, async () => {
      const input = fs.readFileSync(c.input);
      const expected = c.output ? fs.readFileSync(c.output) : input;
      const { result, after } = await migrate(c, input);
      expect(result.errors).toEqual([]);
      await expect(findingsSnapshot(result.findings)).toMatchFileSnapshot(c.snapshot);
      // Every legacy-ID finding names a catalogued position of its kind (docs/positions.md).
      for (const f of result.findings.filter((x) => x.legacyId !== "")) {
        const p = f.position === undefined ? undefined : POSITIONS.get(f.position);
        expect(p, `${f.line}:${f.column} ${f.position ?? "no position"}`).toBeDefined();
        if (f.kind !== undefined) expect(p!.kind, `${f.line}:${f.column} ${f.position}`).toBe(f.kind);
      }
      if (WRITE_OUTPUTS) {
        if (after.equals(input)) fs.rmSync(c.outputPath, { force: true });
        else fs.writeFileSync(c.outputPath, after);
      } else {
        expect(after.toString("latin1")).toBe(expected.toString("latin1"));
        expect(after.equals(expected)).toBe(true);
      }
      // Idempotence: a second run over the migrated output has nothing left to apply.
      const again = await migrate(c, after);
      expect(again.after.equals(after)).toBe(true);
      expect(again.result.files.filter((f) => f.diff)).toEqual([]);
    });
  }
});
