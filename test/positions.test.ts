import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LANGUAGE_FOLDERS, POSITIONS } from "../src/languages/registry.js";
import { CORE_POSITIONS, POLICY } from "../src/rules/policy.js";
import { policyTableMarkdown, positionsTableMarkdown } from "../src/rules/positions-doc.js";
import { scan } from "../src/index.js";
import { FIXTURE_NOW } from "./helpers/fixtures.js";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

/** The text between `<!-- NAME:begin … -->` and `<!-- NAME:end -->` of a docs page. */
function generated(page: string, name: string): string {
  const text = fs.readFileSync(path.join(ROOT, page), "utf8");
  const m = new RegExp(`<!-- ${name}:begin[^>]*-->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(text);
  expect(m, `${page} has a ${name} section`).not.toBeNull();
  return m![1]!;
}

describe("named positions", () => {
  it("IDs are unique, well formed, and listed by the folder they name", () => {
    const ids = [...CORE_POSITIONS, ...LANGUAGE_FOLDERS.flatMap((f) => f.positions)].map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of LANGUAGE_FOLDERS) for (const p of f.positions) expect(p.id.startsWith(`${f.name}/`), p.id).toBe(true);
    for (const p of POSITIONS.values()) {
      expect(p.id).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
      expect(POLICY[p.kind], p.id).toBeDefined();
      expect(p.label.length, p.id).toBeGreaterThan(0);
      expect(p.summary.length, p.id).toBeGreaterThan(10);
      expect(p.example.length, p.id).toBeGreaterThan(0);
    }
  });

  it("docs/positions.md is generated from the policy table and the catalog", () => {
    expect(generated("docs/positions.md", "policy")).toBe(policyTableMarkdown() + "\n");
    expect(generated("README.md", "policy")).toBe(policyTableMarkdown() + "\n");
    expect(generated("docs/positions.md", "positions")).toBe(positionsTableMarkdown(POSITIONS.values()) + "\n");
  });

  // The fixture cases check their own findings (test/fixtures.test.ts); these are the two projects.
  for (const project of ["sample-app", "groups-project"]) {
    it(`every legacy-ID finding of fixtures/${project} names a catalogued position of its kind`, async () => {
      const result = await scan({ cwd: path.join(ROOT, "fixtures", project), config: false, now: FIXTURE_NOW });
      const legacy = result.findings.filter((f) => f.legacyId !== "");
      expect(legacy.length).toBeGreaterThan(5);
      for (const f of legacy) {
        const p = f.position === undefined ? undefined : POSITIONS.get(f.position);
        expect(p, `${f.file}:${f.line}:${f.column} ${f.position ?? "no position"}`).toBeDefined();
        if (f.kind !== undefined) expect(p!.kind, `${f.file}:${f.line}:${f.column} ${f.position}`).toBe(f.kind);
      }
    });
  }
});
