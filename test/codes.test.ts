import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_CODES, explainText, rulesSectionsMarkdown, rulesTableMarkdown } from "../src/rules/codes.js";
import { defaultRules } from "../src/rules/defaults.js";
import { LINEAGE, canonicalIds, lineageTableMarkdown, replacementOf } from "../src/rules/lineage.js";
import { cliAsync as cli, copyTree, tempTree } from "./helpers/cli.js";
import { FIXTURES, ROOT } from "./helpers/fixtures.js";

/** The text between `<!-- NAME:begin … -->` and `<!-- NAME:end -->` of a docs page. */
function generated(page: string, name: string): string {
  const text = fs.readFileSync(page === "README.md" ? path.join(ROOT, page) : path.join(ROOT, "docs", page), "utf8");
  const m = new RegExp(`<!-- ${name}:begin[^>]*-->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(text);
  expect(m, `docs/${page} has no ${name} block`).not.toBeNull();
  return m![1]!;
}

type Finding = { file: string; line: number; code: string; name: string; legacyId: string; fix: string; severity: string; suppressed: boolean; message: string; thinking: string };
type Report = { summary: { findings: number; byCode: Record<string, number>; bySeverity: Record<string, number>; thinkingManual: number }; findings: Finding[] };
async function check(dir: string, args: string[] = []): Promise<{ code: number | null; doc: Report; stderr: string }> {
  const r = await cli(["check", "--format", "json", ...args], { cwd: dir });
  return { code: r.code, stderr: r.stderr, doc: r.stdout ? (JSON.parse(r.stdout) as Report) : ({ findings: [] } as unknown as Report) };
}

describe.concurrent("the rule codes registry", () => {
  it("codes and names are unique, well formed, documented, and docs/rules.md is generated from them", async () => {
    const codes = RULE_CODES.map((r) => r.code);
    const names = RULE_CODES.map((r) => r.name);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(names).size).toBe(names.length);
    for (const r of RULE_CODES) {
      expect(r.code).toMatch(/^DSM\d{3}$/);
      expect(r.name).toMatch(/^[a-z]+(?:-[a-z0-9]+)*$/);
      expect(r.summary.length).toBeGreaterThan(20);
      expect(r.why.length).toBeGreaterThan(40);
      expect(r.examples.length).toBeGreaterThan(0);
      const text = explainText(r);
      expect(text).toContain(r.why);
      expect(text).toContain(r.examples[0]!.bad);
      expect(text).toContain(`docs/rules.md#${r.code.toLowerCase()}-${r.name}`);
    }
    // The model-ID codes and one per request lint.
    expect(codes).toEqual(["DSM001", "DSM002", "DSM101", "DSM102", "DSM103", "DSM104", "DSM105", "DSM106"]);
    expect(generated("rules.md", "codes")).toBe(rulesTableMarkdown() + "\n");
    expect(generated("README.md", "codes")).toBe(rulesTableMarkdown("docs/rules.md") + "\n");
    expect(generated("rules.md", "sections")).toBe(rulesSectionsMarkdown());
    const page = fs.readFileSync(path.join(ROOT, "docs", "rules.md"), "utf8");
    for (const r of RULE_CODES) expect(page).toContain(`### ${r.code} ${r.name}\n`);
  });

  it("rules and explain: the table, one code's page, and an unknown code is a usage error", async () => {
    const dir = tempTree({});
    const [rules, explain, lower, bad] = await Promise.all([["rules"], ["explain", "reasoning-content-dropped"], ["explain", "dsm101"], ["explain", "DSM999"]].map((args) => cli(args, { cwd: dir })));
    expect(rules!.code).toBe(0);
    for (const r of RULE_CODES) expect(rules!.stdout).toMatch(new RegExp(`^${r.code} +${r.name} +\\S+ +(safe|unsafe|none)$`, "m"));
    expect(explain!.code).toBe(0);
    expect(explain!.stdout).toMatch(/^DSM104 reasoning-content-dropped\n/);
    expect(explain!.stdout).toContain("Why:");
    expect(explain!.stdout).toContain("messages.append(msg)");
    expect(lower!.stdout).toMatch(/^DSM101 thinking-not-explicit/);
    expect(bad!.code).toBe(2);
    expect(bad!.stderr).toContain('unknown rule code "DSM999"');
  });
});

describe("the lineage", () => {
  it("dated rows; every replacement chain ends at an active ID; the built-in rules are derived from it", async () => {
    for (const r of LINEAGE) {
      if (r.status !== "active") {
        expect(r.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        for (const t of ["flash", "pro"] as const) expect(canonicalIds()).toContain(replacementOf(r.id, "latest", t));
      }
    }
    expect(LINEAGE.find((r) => r.id === "deepseek-chat")!.date).toBe("2026-07-24T15:59:00Z");
    expect(canonicalIds().sort()).toEqual(["deepseek-flash", "deepseek-v4-pro"]);
    expect(defaultRules().map((r) => [r.legacyId, r.target, r.code, r.severity ?? "clock"])).toEqual([
      ["deepseek-chat", "deepseek-v4-flash", "DSM001", "clock"],
      ["deepseek-reasoner", "deepseek-v4-flash", "DSM001", "clock"],
      ["deepseek-v4-flash", "deepseek-flash", "DSM002", "info"],
      ["deepseek-v4-flash-vision-exp", "deepseek-flash", "DSM002", "info"],
    ]);
    expect(defaultRules("pro", "latest").map((r) => [r.legacyId, r.target, r.severity ?? "clock", !!r.reportOnly])).toEqual([
      ["deepseek-chat", "deepseek-flash", "clock", false],
      ["deepseek-reasoner", "deepseek-v4-pro", "clock", false],
      ["deepseek-v4-flash", "deepseek-flash", "warning", false],
      ["deepseek-v4-flash-vision-exp", "deepseek-flash", "warning", false],
    ]);
    expect(generated("lineage.md", "lineage")).toBe(lineageTableMarkdown() + "\n");
    expect(generated("README.md", "lineage")).toBe(lineageTableMarkdown() + "\n");
  });
});

const ALIAS_PY = 'from openai import OpenAI\nMODEL = "deepseek-v4-flash"\nVISION_MODEL = "deepseek-v4-flash-vision-exp"\n';

describe.concurrent("targets", () => {
  it("default target: aliases are info, say they still work, are never renamed, and do not fail the gate", async () => {
    const dir = tempTree({ "app.py": ALIAS_PY });
    // Read-only runs: side by side. The findings are read from the --fail-on info run's report (the
    // threshold decides only the exit code); the default gate is the human check's exit code.
    const [failOnInfo, failOnWarning, dry, human] = await Promise.all([
      check(dir, ["--fail-on", "info"]),
      check(dir, ["--fail-on", "warning"]),
      cli(["--format", "json"], { cwd: dir }),
      cli(["check"], { cwd: dir }),
    ]);
    const r = failOnInfo;
    expect(human.code).toBe(0);
    expect(r.doc.findings.map((f) => [f.line, f.code, f.name, f.severity, f.fix])).toEqual([
      [2, "DSM002", "retired-alias", "info", "none"],
      [3, "DSM002", "retired-alias", "info", "none"],
    ]);
    expect(r.doc.findings[0]!.message).toMatch(/still works.*deepseek-flash.*--to latest/);
    expect(r.doc.summary.bySeverity).toEqual({ error: 0, warning: 0, info: 2 });
    expect(failOnInfo.code).toBe(1);
    expect(failOnWarning.code).toBe(0);
    // A dry run writes nothing and has no diff for them.
    expect(JSON.parse(dry.stdout).files).toEqual([]);
    expect(dry.code).toBe(0);
    // The human output says it still works.
    expect(human.stdout).toContain("(still works)");
  });

  it("--to latest (and the config key) renames aliases and legacy IDs to canonical IDs; a second run has nothing left", async () => {
    const dir = tempTree({ "app.py": ALIAS_PY + 'CHAT_MODEL = "deepseek-chat"\n' });
    const r = await check(dir, ["--to", "latest"]);
    expect(r.code).toBe(1);
    expect(r.doc.findings.map((f) => [f.code, f.severity, f.fix])).toEqual([
      ["DSM002", "warning", "safe"],
      ["DSM002", "warning", "safe"],
      ["DSM001", "error", "safe"],
    ]);
    expect((await cli(["--write", "--to", "latest"], { cwd: dir })).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, "app.py"), "utf8")).toBe(
      'from openai import OpenAI\nMODEL = "deepseek-flash"\nVISION_MODEL = "deepseek-flash"\nCHAT_MODEL = "deepseek-flash"\n',
    );
    expect((await check(dir, ["--to", "latest", "--fail-on", "info"])).doc.findings).toEqual([]);
    // The configuration key does the same.
    const viaConfig = tempTree({ "app.py": ALIAS_PY, "deepseek-migrate.config.json": '{ "to": "latest" }' });
    expect((await check(viaConfig)).doc.findings.every((f) => f.fix === "safe" && f.severity === "warning")).toBe(true);
    expect((await cli(["check", "--to", "v5"], { cwd: dir })).code).toBe(2);
  });

  it("the sample app: default --write leaves aliases at info; --to latest leaves no retired ID where it renamed, and is idempotent", async () => {
    // Each target on its own copy: side by side.
    await Promise.all(["v4", "latest"].map(async (to) => {
      const dir = copyTree(path.join(FIXTURES, "sample-app"));
      expect((await cli(["--write", "--to", to], { cwd: dir })).code).toBe(0);
      // One dry run after the write: its report carries the findings `check` reports (the same
      // findings, test/fast-paths.test.ts) and the diffs a second --write would apply.
      const again = await cli(["--format", "json", "--to", to], { cwd: dir });
      const after = { doc: JSON.parse(again.stdout) as Report & { files: unknown[] } };
      // What is left was never safe to rename (comparisons, keys, docs, recorded data).
      const left = after.doc.findings.filter((f) => f.legacyId && !f.suppressed && f.severity !== "info");
      expect(left.every((f) => f.fix !== "safe"), JSON.stringify(left.filter((f) => f.fix === "safe"))).toBe(true);
      expect(after.doc.files).toEqual([]);
      const llm = fs.readFileSync(path.join(dir, "app/llm.py"), "utf8");
      if (to === "latest") {
        expect(llm).not.toMatch(/deepseek-v4-flash|deepseek-chat|deepseek-reasoner/);
        // Only aliases that were never safe to rename are left (comments: wording for a person).
        const aliases = after.doc.findings.filter((f) => f.code === "DSM002");
        expect(aliases.length).toBeLessThan(3);
        expect(aliases.every((f) => f.fix === "unsafe")).toBe(true);
      } else {
        expect(llm).toContain("deepseek-v4-flash");
        expect(after.doc.findings.filter((f) => f.code === "DSM002").every((f) => f.severity === "info" && f.fix === "none")).toBe(true);
        expect(after.doc.summary.byCode.DSM002).toBeGreaterThan(5);
      }
    }));
  }, 300_000);
});

describe.concurrent("codes in suppressions, --select, --ignore and the gate", () => {
  const LINE = 'MODELS = ["deepseek-chat", "deepseek-v4-flash"]';

  it("deepseek-migrate-ignore[CODE] suppresses only the codes it lists; a bare marker suppresses all", async () => {
    const dir = tempTree({
      "a.py": `${LINE}  # deepseek-migrate-ignore[DSM002]\n`,
      "b.py": `# deepseek-migrate-ignore[retired-model-id, dsm002]\n${LINE}\n`,
      "c.py": `${LINE}  # deepseek-migrate-ignore\n`,
      "d.py": `${LINE}  # deepseek-migrate-ignore[DSM101]\n`,
    });
    const f = (await check(dir, ["--fail-on", "info"])).doc.findings;
    const sup = (file: string) => f.filter((x) => x.file === file).map((x) => [x.code, x.suppressed]);
    expect(sup("a.py")).toEqual([["DSM001", false], ["DSM002", true]]);
    expect(sup("b.py")).toEqual([["DSM001", true], ["DSM002", true]]);
    expect(sup("c.py")).toEqual([["DSM001", true], ["DSM002", true]]);
    expect(sup("d.py")).toEqual([["DSM001", false], ["DSM002", false]]);
  });

  it("--select and --ignore (codes, names, prefixes; CLI and config); an unknown code is exit 2", async () => {
    const dir = tempTree({ "a.py": `${LINE}\n` });
    const codes = async (args: string[]) => (await check(dir, args)).doc.findings.map((f) => f.code);
    // Before the configuration file is written: side by side.
    const [all, selected, byName, byPrefix, both, dryRun] = await Promise.all([
      codes([]),
      codes(["--select", "DSM002"]),
      codes(["--select", "retired-model-id"]),
      codes(["--ignore", "DSM0"]),
      codes(["--select", "DSM001,DSM002", "--ignore", "retired-alias"]),
      cli(["--format", "json", "--ignore", "DSM001"], { cwd: dir }),
    ]);
    expect(all).toEqual(["DSM001", "DSM002"]);
    expect(selected).toEqual(["DSM002"]);
    expect(byName).toEqual(["DSM001"]);
    expect(byPrefix).toEqual([]);
    expect(both).toEqual(["DSM001"]);
    // An ignored code's fix is not applied either.
    const dry = JSON.parse(dryRun.stdout);
    expect(dry.files).toEqual([]);
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{ "ignore": ["DSM002"] }');
    expect(await codes([])).toEqual(["DSM001"]);
    expect(await codes(["--ignore", "DSM001"])).toEqual([]);
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{ "select": ["DSM9"] }');
    const bad = await check(dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown rule code "DSM9"');
    fs.rmSync(path.join(dir, "deepseek-migrate.config.json"));
    expect((await check(dir, ["--select", "nope"])).code).toBe(2);
  });

  it("--fail-on error|warning|info and the failOn config key decide the exit code; --exit-zero still wins", async () => {
    const before = "2026-07-01T00:00:00Z";
    const dir = tempTree({ "a.py": 'MODEL = "deepseek-chat"\n' });
    const code = async (args: string[], now?: string) => (await cli(["check", ...args], { cwd: dir, env: now ? { DEEPSEEK_MIGRATE_NOW: now } : {} })).code;
    // Before the configuration file is written: side by side.
    expect(
      await Promise.all([code([]), code([], before), code(["--fail-on", "warning"], before), code(["--fail-on", "info"], before), code(["--fail-on", "warning", "--exit-zero"], before), code(["--fail-on", "fatal"])]),
    ).toEqual([
      1, // an error after the cutoff
      0, // a warning before it
      1,
      1,
      0,
      2,
    ]);
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{ "failOn": "warning" }');
    expect(await Promise.all([code([], before), code(["--fail-on", "error"], before)])).toEqual([1, 0]); // the command line wins
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{ "failOn": "fatal" }');
    expect(await code([])).toBe(2);
  });
});
