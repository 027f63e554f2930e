import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { cli, tempTree } from "./helpers/cli.js";
import { tempPath } from "./helpers/temp.js";
import { ROOT } from "./helpers/fixtures.js";
import { MIXED } from "./helpers/projects.js";

const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema", "report.schema.json"), "utf8")) as object;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validate = ajv.compile(schema);

function report(dir: string, args: string[]): Record<string, unknown> {
  const r = cli(["check", "--format", "json", ...args], { cwd: dir });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

function expectValid(doc: unknown): void {
  const ok = validate(doc);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

describe("schema/report.schema.json describes the real --format json output", () => {
  it("a run with every class, suppression, a diff, a note and a binary file", () => {
    const dir = tempTree({
      ...MIXED,
      "bin.dat": Buffer.concat([Buffer.from("deepseek-chat"), Buffer.from([0, 1, 2])]),
      "data.json": '{"model": "deepseek-reasoner", "messages": []}\n',
    });
    const doc = report(dir, ["--unsafe-fixes"]);
    expectValid(doc);
    const findings = doc.findings as Record<string, unknown>[];
    expect(new Set(findings.map((f) => f.fix))).toEqual(new Set(["safe", "unsafe", "none"]));
    expect(findings.some((f) => f.suppressed === true)).toBe(true);
    expect((doc.files as unknown[]).length).toBeGreaterThan(0);
    expect((doc.warnings as { message: string }[]).some((w) => /binary/.test(w.message))).toBe(true);
    expect(findings.find((f) => f.file === "src/client.ts" && f.line === 3)!.lineText).toBe(
      'export const cfg = { model: "deepseek-chat", temperature: 0 };',
    );
  });

  it("a clean run, a baselined run and a run before the cutoff", () => {
    const clean = tempTree({ "a.py": "x = 1\n" });
    expectValid(report(clean, []));
    const dir = tempTree(MIXED);
    const base = tempPath("base.json");
    fs.writeFileSync(base, JSON.stringify(report(dir, [])));
    const baselined = report(dir, ["--baseline", path.relative(dir, base), "--now", "2026-07-01T00:00:00Z"]);
    expectValid(baselined);
    expect((baselined.summary as Record<string, number>).baselined).toBeGreaterThan(0);
    expect((baselined.findings as Record<string, unknown>[]).some((f) => f.baselined === true)).toBe(true);
  });

  it("rejects documents that break the contract (so the test above can fail)", () => {
    const dir = tempTree(MIXED);
    const doc = report(dir, []);
    const finding = (doc.findings as Record<string, unknown>[])[0]!;
    const broken: unknown[] = [
      { ...doc, schemaVersion: 2 },
      { ...doc, findings: [{ ...finding, fix: "maybe" }] },
      { ...doc, findings: [{ ...finding, thinking: "yes" }] },
      { ...doc, findings: [{ ...finding, line: 0 }] },
      { ...doc, findings: [{ ...finding, extra: 1 }] },
      { ...doc, findings: [(({ advice, ...rest }) => rest)(finding)] },
      (({ warnings, ...rest }) => rest)(doc),
      { ...doc, summary: { ...(doc.summary as object), files: -1 } },
    ];
    for (const b of broken) expect(validate(b)).toBe(false);
  });
});
