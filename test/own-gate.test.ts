/**
 * The repository passes its own gate: `deepseek-migrate check .` at its root, with the
 * deepseek-migrate.config.json it ships (which leaves out the places that name the legacy IDs on
 * purpose: fixtures, tests, docs, the tool's own source). `npm test` runs it after the build, so a
 * legacy ID anywhere else fails CI.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./helpers/cli.js";
import { ROOT } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/temp.js";

describe("the project's own gate", () => {
  it("deepseek-migrate check . passes on this repository, scanning the files its configuration keeps", () => {
    const r = cli(["check", ".", "--format", "json"], { cwd: ROOT });
    const doc = JSON.parse(r.stdout);
    expect(doc.findings.filter((f: { suppressed: boolean }) => !f.suppressed), "legacy IDs outside the places that hold them on purpose").toEqual([]);
    expect(doc.errors).toEqual([]);
    expect(r.code, r.stderr).toBe(0);
    // It looked at something: the scripts, the bin, CI files.
    expect(doc.summary.files).toBeGreaterThanOrEqual(5);
  });

  it("without that configuration the same run fails (the excludes are what make it pass)", () => {
    const empty = path.join(tempDir("dsm-own-"), "empty.json");
    fs.writeFileSync(empty, "{}\n");
    const r = cli(["check", ".", "--config", empty, "-q", "--include", "src/rules/*.ts"], { cwd: ROOT });
    expect(r.code).toBe(1);
  });

  it("the bundled sample is still scanned when named, from the repository root", () => {
    const r = cli(["check", "fixtures/sample-app", "--format", "json"], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).summary.findings).toBeGreaterThan(50);
  });
});
