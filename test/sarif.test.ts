import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { cliAsync, copyTree, tempTree } from "./helpers/cli.js";
import { MIXED } from "./helpers/projects.js";
import { sarifReport } from "../src/report/sarif.js";
import { defaultOptions, scan } from "../src/core/run.js";

/**
 * The official SARIF 2.1.0 JSON schema (OASIS; draft-04), as bundled by Microsoft's
 * @microsoft/jest-sarif package (lib/schemas/sarif-2.1.0-rtm.5.json, MIT). Its language-tag pattern
 * is not a valid Unicode regular expression, hence unicodeRegExp: false.
 */
const require = createRequire(import.meta.url);
const schema = require("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json") as object;
const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validate = ajv.compile(schema);

const REQUEST = [
  'import OpenAI from "openai";',
  "const client = new OpenAI();",
  "export async function ask(q: string) {",
  "  return client.chat.completions.create({",
  '    model: "deepseek-reasoner",',
  '    messages: [{ role: "user", content: q }],',
  "  });",
  "}",
  "",
].join("\n");

async function sarif(dir: string, args: string[] = []): Promise<{ code: number | null; log: Sarif.Log }> {
  const r = await cliAsync(["check", "--format", "sarif", ...args], { cwd: dir });
  return { code: r.code, log: JSON.parse(r.stdout) as Sarif.Log };
}

/** Apply a SARIF result's fix (line/column regions, UTF-16 columns) to a text. */
function applySarifFix(text: string, fix: Sarif.Fix): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const off = (line: number, col: number) => starts[line - 1]! + col - 1;
  const reps = fix.artifactChanges.flatMap((c) => c.replacements);
  const edits = reps
    .map((r) => ({
      start: off(r.deletedRegion.startLine!, r.deletedRegion.startColumn!),
      end: off(r.deletedRegion.endLine!, r.deletedRegion.endColumn!),
      text: r.insertedContent?.text ?? "",
    }))
    .sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of edits) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

import { RULE_CODES, ruleCode } from "../src/rules/codes.js";

// Each test has its own temp tree: they run side by side.
describe.concurrent("--format sarif (SARIF 2.1.0)", () => {
  it("validates against the official schema: rules with help, physical locations, fixes, suppressions", async () => {
    const dir = tempTree({ ...MIXED, "src/request.ts": REQUEST, "odd name #1.md": "deepseek-chat\n" });
    const { code, log } = await sarif(dir);
    expect(code).toBe(1);
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);

    const run = log.runs[0]!;
    expect(run.tool.driver.name).toBe("deepseek-migrate");
    const rules = run.tool.driver.rules!;
    // One rule per rule code, with its name, help text and a help URI into docs/rules.md.
    expect(rules.map((r) => r.id)).toEqual(RULE_CODES.map((c) => c.code));
    for (const r of rules) {
      expect(r.name).toBe(ruleCode(r.id)!.name);
      expect(r.shortDescription?.text.length).toBeGreaterThan(10);
      expect(r.fullDescription?.text.length).toBeGreaterThan(10);
      expect(r.helpUri).toMatch(new RegExp(`/docs/rules\\.md#${r.id.toLowerCase()}-`));
    }
    // DSM001's help names the retirement and every mapping of the ruleset.
    expect(rules[0]!.help?.text).toMatch(/retired at 2026-07-24 15:59 UTC/);
    expect(rules[0]!.help?.markdown).toContain("**deepseek-reasoner** → **deepseek-v4-flash**");
    expect(run.columnKind).toBe("utf16CodeUnits");
    const results = run.results!;
    for (const res of results) {
      expect(rules[res.ruleIndex!]!.id).toBe(res.ruleId);
      const loc = res.locations![0]!.physicalLocation!;
      expect(loc.artifactLocation!.uri).not.toMatch(/^\/|^file:|\\/);
      expect(loc.region!.startLine).toBeGreaterThan(0);
      expect(loc.region!.startColumn).toBeGreaterThan(0);
    }
    // Relative, percent-encoded URIs.
    expect(results.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toContain("odd%20name%20%231.md");

    const byLine = (file: string, line: number) =>
      results.find((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === file && r.locations![0]!.physicalLocation!.region!.startLine === line)!;
    // The safe rename in a model position has a fix; the comparison (none) and the doc (unsafe) have none.
    const safe = byLine("src/client.ts", 3);
    expect(safe.level).toBe("error");
    expect(safe.fixes?.length).toBe(1);
    expect(safe.locations![0]!.physicalLocation!.region).toMatchObject({ startLine: 3, startColumn: 30, endLine: 3, endColumn: 43 });
    expect(byLine("src/client.ts", 4).fixes).toBeUndefined();
    expect(byLine("docs/usage.md", 1).fixes).toBeUndefined();
    // Suppressed in source.
    expect(byLine("src/client.ts", 6).suppressions).toEqual([{ kind: "inSource", justification: "deepseek-migrate-ignore comment" }]);
    expect(byLine("src/client.ts", 3).suppressions).toBeUndefined();
  });

  it("applying every SARIF fix gives the same bytes as --write (renames and inserted thinking flags)", async () => {
    const dir = tempTree({ "src/request.ts": REQUEST, "src/client.ts": MIXED["src/client.ts"], "docs/usage.md": MIXED["docs/usage.md"] });
    // (The tree is never written: --write runs on copies; the safe run's log is read again below.)
    let safeLog: Sarif.Log | undefined;
    for (const unsafe of [false, true]) {
      const { log } = await sarif(dir, unsafe ? ["--unsafe-fixes"] : []);
      if (!unsafe) safeLog = log;
      expect(validate(log)).toBe(true);
      const written = copyTree(dir);
      expect((await cliAsync(["--write", ...(unsafe ? ["--unsafe-fixes"] : [])], { cwd: written })).code).toBe(0);
      let fixesSeen = 0;
      for (const file of ["src/request.ts", "src/client.ts", "docs/usage.md"]) {
        let text = fs.readFileSync(path.join(dir, file), "utf8");
        const fixes = log.runs[0]!.results!.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === file).flatMap((r) => r.fixes ?? []);
        fixesSeen += fixes.length;
        // Apply all fixes of the file at once, as one edit set, against the original text.
        text = applySarifFix(text, { artifactChanges: fixes.flatMap((f) => f.artifactChanges) });
        expect(text, file).toBe(fs.readFileSync(path.join(written, file), "utf8"));
      }
      expect(fixesSeen).toBe(unsafe ? 3 : 2);
    }
    const request = safeLog!.runs[0]!.results!.find((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === "src/request.ts")!;
    expect(request.properties).toMatchObject({ fix: "safe", thinking: "added" });
    expect(request.fixes![0]!.artifactChanges[0]!.replacements.length).toBeGreaterThan(1);
  });

  it("levels follow the clock; baselined findings are suppressed externally with baselineState", async () => {
    const dir = tempTree(MIXED);
    const early = await cliAsync(["check", "--format", "sarif", "--now", "2026-07-01T00:00:00Z"], { cwd: dir });
    const earlyLog = JSON.parse(early.stdout) as Sarif.Log;
    expect(earlyLog.runs[0]!.results!.every((r) => r.level === "warning")).toBe(true);
    // DSM001 follows the clock; the other codes keep their own levels (info is a note).
    const earlyRules = earlyLog.runs[0]!.tool.driver.rules!;
    expect(earlyRules.find((r) => r.id === "DSM001")!.defaultConfiguration?.level).toBe("warning");
    expect(earlyRules.find((r) => r.id === "DSM002")!.defaultConfiguration?.level).toBe("note");
    expect(earlyRules.find((r) => r.id === "DSM102")!.defaultConfiguration?.level).toBe("error");

    await cliAsync(["check", "--format", "json", "-o", "baseline.json"], { cwd: dir });
    fs.appendFileSync(path.join(dir, "docs/usage.md"), "Or deepseek-reasoner.\n");
    const { code, log } = await sarif(dir, ["--baseline", "baseline.json"]);
    expect(code).toBe(1);
    expect(validate(log)).toBe(true);
    const results = log.runs[0]!.results!;
    const fresh = results.filter((r) => r.baselineState === "new");
    expect(fresh.map((r) => [r.ruleId, r.properties?.legacyId])).toEqual([["DSM001", "deepseek-reasoner"]]);
    expect(fresh[0]!.suppressions).toBeUndefined();
    const old = results.filter((r) => r.baselineState === "unchanged");
    expect(old.length).toBe(results.length - 1);
    const kinds = old.map((r) => r.suppressions?.map((x) => x.kind).join());
    // The comment-suppressed finding stays inSource; every other known one is suppressed by the baseline.
    expect(kinds.filter((k) => k === "inSource").length).toBe(1);
    expect(kinds.filter((k) => k === "external").length).toBe(old.length - 1);
  });

  it("files that could not be read make a failed invocation with notifications; notes are notes", async () => {
    const dir = tempTree({ "a.ts": 'const m = { model: "deepseek-chat" };\n' });
    const result = await scan(defaultOptions({ cwd: dir, now: new Date("2026-11-28T12:00:00Z") }));
    result.errors.push({ file: "b.ts", message: "cannot read: EACCES" });
    result.warnings.push({ file: "c.ts", message: "did not parse" });
    const log = JSON.parse(sarifReport({ result, color: false, quiet: false, version: "1.2.3" })) as Sarif.Log;
    expect(validate(log)).toBe(true);
    const inv = log.runs[0]!.invocations![0]!;
    expect(inv.executionSuccessful).toBe(false);
    expect(inv.toolExecutionNotifications!.map((n) => n.level)).toEqual(["error", "note"]);
    expect(log.runs[0]!.tool.driver.version).toBe("1.2.3");
  });
});
