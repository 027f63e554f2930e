import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cliAsync, copyTree, tempTree } from "./helpers/cli.js";
import { FIXTURES, fixtureCases, migrateFixtureFile, readSnapshot } from "./helpers/fixtures.js";

/**
 * Request lints (DSM1xx, docs/rules.md). The fixture pairs of fixtures/python-lints and
 * fixtures/typescript-lints are run by the fixture runner (input, output, every finding in the
 * case's findings snapshot); here the lint codes are all covered, and after --write the fixed lints
 * are gone while the others stay.
 */
const cases = fixtureCases().filter((c) => c.kind.endsWith("-lints"));

describe("request lints: every fixture reports exactly its expected lints", () => {
  it("has lint fixtures for every lint code, in Python and TS/JS", () => {
    const codes = (kind: string) =>
      new Set(
        cases
          .filter((c) => c.kind === kind)
          .flatMap((c) => readSnapshot(c).map((e) => e.code)),
      );
    for (const kind of ["python-lints", "typescript-lints"])
      for (const code of ["DSM101", "DSM102", "DSM103", "DSM104", "DSM105", "DSM106"]) expect(codes(kind), `${kind} ${code}`).toContain(code);
  });
  for (const c of cases) {
    it(`${c.kind}/${c.inputName}`, async () => {
      const dir = tempTree({ [c.scanName]: fs.readFileSync(c.input) });
      const result = await migrateFixtureFile(c, dir);
      const lints = (r: typeof result) => r.findings.filter((f) => f.code.startsWith("DSM1")).map((f) => [f.line, f.code]);
      const wanted = readSnapshot(c)
        .filter((e) => e.code.startsWith("DSM1"))
        .map((e) => [e.line, e.code]);
      expect(lints(result)).toEqual(wanted);
      // After --write the fixed lints are gone; the others stay (a second run lints the result).
      const again = await migrateFixtureFile(c, dir);
      const fixed = result.findings.filter((f) => f.code.startsWith("DSM1") && f.fix === "safe").length;
      expect(lints(again).length).toBe(wanted.length - fixed);
    });
  }
});

const AGENT = `from openai import OpenAI

client = OpenAI(base_url="https://api.deepseek.com")


def ask(messages):
    return client.chat.completions.create(model="deepseek-v4-flash", messages=messages, temperature=0.2)
`;

// Each test has its own tree: they run side by side.
describe.concurrent("lints in the pipeline", () => {
  it("codes in suppression comments, --select/--ignore, and the gate's --fail-on", async () => {
    const dir = tempTree({ "agent.py": AGENT });
    const run = async (args: string[]) => {
      const r = await cliAsync(["check", "--format", "json", ...args], { cwd: dir });
      return { code: r.code, codes: (JSON.parse(r.stdout) as { findings: { code: string; suppressed: boolean }[] }).findings.filter((f) => !f.suppressed).map((f) => f.code).sort() };
    };
    // Before the file is edited: side by side.
    const [all, failOnWarning, selected] = await Promise.all([run([]), run(["--fail-on", "warning"]), run(["--select", "DSM1", "--ignore", "thinking-not-explicit"])]);
    expect(all).toEqual({ code: 0, codes: ["DSM002", "DSM101", "DSM103"] });
    expect(failOnWarning.code).toBe(1);
    expect(selected.codes).toEqual(["DSM103"]);
    fs.writeFileSync(path.join(dir, "agent.py"), AGENT.replace("temperature=0.2)", "temperature=0.2)  # deepseek-migrate-ignore[DSM103]"));
    expect(await run(["--fail-on", "warning"])).toEqual({ code: 1, codes: ["DSM002", "DSM101"] });
    fs.writeFileSync(path.join(dir, "agent.py"), AGENT.replace("    return client", "    # deepseek-migrate-ignore[DSM101, sampling-ignored-in-thinking]\n    return client"));
    expect(await run(["--fail-on", "warning"])).toEqual({ code: 0, codes: ["DSM002"] });
    // maxTokensFloor in the configuration.
    fs.writeFileSync(path.join(dir, "agent.py"), AGENT.replace("temperature=0.2", "max_tokens=2000"));
    expect((await run([])).codes).toContain("DSM105");
    fs.writeFileSync(path.join(dir, "deepseek-migrate.config.json"), '{ "maxTokensFloor": 1000 }');
    expect((await run([])).codes).not.toContain("DSM105");
  });

  it("--write then check on the sample app: the thinking work left is reported, in the write's summary and by check", async () => {
    const dir = copyTree(path.join(FIXTURES, "sample-app"));
    const dry = JSON.parse((await cliAsync(["--format", "json"], { cwd: dir })).stdout);
    expect(dry.summary.thinkingManual).toBeGreaterThan(10);
    const write = await cliAsync(["--write"], { cwd: dir });
    expect(write.code).toBe(0);
    expect(write.stdout).toMatch(/Thinking work left: \d+ renamed values with thinking: manual/);
    // After the write, three read-only checks side by side (the lints' JSON report is also the
    // lints-only gate's run).
    const [lintsOnly, human, lintsGate] = await Promise.all([
      cliAsync(["check", "--format", "json", "--select", "DSM1"], { cwd: dir }),
      cliAsync(["check"], { cwd: dir }),
      cliAsync(["check", "--select", "DSM1", "--fail-on", "warning"], { cwd: dir }),
    ]);
    const doc = JSON.parse(lintsOnly.stdout) as { summary: { byCode: Record<string, number> }; findings: { file: string; code: string; line: number }[] };
    // The requests whose model comes from a renamed value now say they do not set thinking.
    expect(doc.summary.byCode.DSM101).toBeGreaterThan(0);
    expect(doc.findings.filter((f) => f.code === "DSM101").map((f) => f.file)).toContain("app/llm.py");
    const pretty = human.stdout;
    expect(pretty).toMatch(/Thinking work left: .*\d+ requests? without explicit thinking \(DSM101\)/);
    // The gate: errors remain (comparisons, docs); with --select DSM1 --fail-on warning the lints alone fail it.
    expect(lintsOnly.code).toBe(0);
    expect(lintsGate.code).toBe(1);
  }, 300_000);
});
