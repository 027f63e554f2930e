import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixtureCases, migrateFixtureFile, type FixtureCase } from "./helpers/fixtures.js";

/**
 * The fixture-pair runner: each <case>.input.<ext> is copied into a temp folder under its scan name
 * (the input's name without ".input"), migrated with --write, and compared byte for byte with
 * <case>.output.<ext> (or with the input when there is no output). A second run must find no fix
 * left (idempotence). <case>.expect.json lists findings that must exist: [{line, fix, thinking?, match?}].
 */
async function migrate(c: FixtureCase, bytes: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-fixture-"));
  const file = path.join(dir, c.scanName);
  fs.writeFileSync(file, bytes);
  const result = await migrateFixtureFile(c, dir);
  const after = fs.readFileSync(file);
  fs.rmSync(dir, { recursive: true, force: true });
  return { result, after };
}

const cases = fixtureCases();

describe("fixture pairs", () => {
  it("has fixtures", () => expect(cases.length).toBeGreaterThan(0));
  for (const c of cases) {
    it(`${c.kind}/${c.inputName}`, async () => {
      const input = fs.readFileSync(c.input);
      const expected = c.output ? fs.readFileSync(c.output) : input;
      const { result, after } = await migrate(c, input);
      expect(result.errors).toEqual([]);
      expect(after.toString("latin1")).toBe(expected.toString("latin1"));
      expect(after.equals(expected)).toBe(true);
      if (c.expect) {
        const wanted = JSON.parse(fs.readFileSync(c.expect, "utf8")) as Record<string, unknown>[];
        for (const w of wanted) {
          const hit = result.findings.find((f) =>
            Object.entries(w).every(([k, v]) => (f as unknown as Record<string, unknown>)[k] === v),
          );
          expect(hit, `no finding matching ${JSON.stringify(w)} in ${JSON.stringify(result.findings.map((f) => ({ line: f.line, match: f.match, fix: f.fix, thinking: f.thinking })))}`).toBeDefined();
        }
      }
      // Idempotence: a second run over the migrated output has nothing left to apply.
      const again = await migrate(c, after);
      expect(again.after.equals(after)).toBe(true);
      expect(again.result.files.filter((f) => f.diff)).toEqual([]);
    });
  }
});
