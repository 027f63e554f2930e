import { expect } from "vitest";
import { scan } from "../../src/index.js";
import type { Finding } from "../../src/index.js";
import { tempTree } from "./cli.js";
import { FIXTURE_NOW } from "./fixtures.js";

/**
 * The findings of one file (of one legacy ID, when given) in a scan of a temp tree, in-process, with
 * no configuration and the fixtures' clock: what the rename-group tests judge. Fails when there is none.
 */
export async function findingsOf(files: Record<string, string>, file: string, legacyId?: string): Promise<(Finding & { file: string })[]> {
  const r = await scan({ cwd: tempTree(files), config: false, now: FIXTURE_NOW });
  const found = r.files.flatMap((x) => x.findings.map((y) => ({ ...y, file: x.file }))).filter((y) => y.file === file && (legacyId === undefined || y.legacyId === legacyId));
  expect(found.length, `the findings of ${file}`).toBeGreaterThan(0);
  return found;
}
