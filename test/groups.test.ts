import fs from "node:fs";
import path from "node:path";
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { FIXTURES, listFiles, ROOT } from "./helpers/fixtures.js";
import { tempDir } from "./helpers/temp.js";

/**
 * Rename groups across files (docs/groups.md), on the fixture project fixtures/groups-project:
 * `project/` is the input, `expected-unsafe/` holds every file --write --unsafe-fixes changes (as
 * it must come out), `expect.json` the findings with their group role and class.
 */
const PROJECT = path.join(FIXTURES, "groups-project");
const INPUT = path.join(PROJECT, "project");
const EXPECTED = path.join(PROJECT, "expected-unsafe");

function copyProject(): string {
  const dir = tempDir("dsm-groups-");
  for (const f of listFiles(INPUT)) {
    const rel = path.relative(INPUT, f);
    fs.mkdirSync(path.join(dir, path.dirname(rel)), { recursive: true });
    fs.copyFileSync(f, path.join(dir, rel));
  }
  return dir;
}

function tree(dir: string): Map<string, string> {
  return new Map(listFiles(dir).map((f) => [path.relative(dir, f).split(path.sep).join("/"), fs.readFileSync(f, "utf8")]));
}

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  fix: string;
  advice: string;
  group?: { id: string; fix: string; size: number; role: string; related: { file: string; line: number; column: number; role: string; fix: string }[] };
}

async function report(dir: string, args: string[] = []): Promise<{ findings: JsonFinding[] } & Record<string, unknown>> {
  const r = await cliAsync(["--format", "json", ...args], { cwd: dir });
  expect(r.stderr).toBe("");
  return JSON.parse(r.stdout) as { findings: JsonFinding[] };
}

/**
 * The plain report (`--format json`) of a fresh copy of the project, made once for the file: every
 * copy is byte-identical and the report names files relative to it, so the tests that only read
 * this report share it.
 */
let plain: ReturnType<typeof report> | undefined;
function plainReport(): ReturnType<typeof report> {
  plain ??= (async () => {
    const dir = copyProject();
    try {
      return await report(dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  })();
  return plain;
}

// Each test works on its own copy: they run side by side.
describe.concurrent("rename groups across files (fixtures/groups-project)", () => {
  it("each finding has its group's class and role (expect.json)", async () => {
    const doc = await plainReport();
    const wanted = JSON.parse(fs.readFileSync(path.join(PROJECT, "expect.json"), "utf8")) as { file: string; line: number; fix: string; role: string | null; group: string | null; size: number }[];
    expect(doc.findings.length).toBe(wanted.length);
    for (const w of wanted) {
      const f = doc.findings.find((x) => x.file === w.file && x.line === w.line);
      expect(f, `${w.file}:${w.line}`).toBeDefined();
      expect({ file: f!.file, line: f!.line, fix: f!.fix, role: f!.group?.role ?? null, group: f!.group?.fix ?? null, size: f!.group?.size ?? 1 }).toEqual(w);
    }
    // Every related location is another member of the same group.
    for (const f of doc.findings)
      for (const r of f.group?.related ?? []) {
        const other = doc.findings.find((x) => x.file === r.file && x.line === r.line && x.column === r.column);
        expect(other?.group?.id, `${f.file}:${f.line} → ${r.file}:${r.line}`).toBe(f.group!.id);
      }
  });

  it("--write applies only the safe group; the others stay whole", async () => {
    const dir = copyProject();
    const r = await cliAsync(["--write", "--allow-dirty"], { cwd: dir });
    expect(r.code).toBe(0);
    const before = tree(INPUT);
    const after = tree(dir);
    const expected = tree(EXPECTED);
    const changed = [...after].filter(([rel, text]) => before.get(rel) !== text).map(([rel]) => rel);
    expect(changed.sort()).toEqual(["py/variant.py", "ts/src/config.ts", "ts/src/summary.ts"]);
    for (const rel of changed) expect(after.get(rel)).toBe(expected.get(rel));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("--write --unsafe-fixes moves every reviewed group together, keeping both IDs where a key cannot be renamed", async () => {
    const dir = copyProject();
    const r = await cliAsync(["--write", "--unsafe-fixes", "--allow-dirty"], { cwd: dir });
    expect(r.code).toBe(0);
    const before = tree(INPUT);
    const expected = tree(EXPECTED);
    for (const [rel, text] of tree(dir)) expect(text, rel).toBe(expected.get(rel) ?? before.get(rel));
    expect(expected.get("py/pricing.py")).toContain('"deepseek-reasoner": 0.55, "deepseek-v4-flash": 0.55');
    // The pinned alias group stays as it is: its test asserts the old pair.
    expect(tree(dir).get("py/aliases.py")).toBe(before.get("py/aliases.py"));
    // A second run has nothing left to apply.
    const again = await report(dir, ["--unsafe-fixes"]);
    expect((again.files as unknown[]).length).toBe(0);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a test of code that branches on the model ID is not safe, and says why", async () => {
    const f = (await plainReport()).findings.find((x) => x.file === "ts/src/router.test.ts")!;
    expect(f.fix).toBe("unsafe");
    expect(f.advice).toMatch(/`ts\/src\/router\.ts`\) branches on the model ID \(line 3\)/);
  });

  it("the JSON report with groups matches the schema; SARIF lists the related locations", async () => {
    const dir = copyProject();
    const schema = JSON.parse(fs.readFileSync(path.join(ROOT, "schema", "report.schema.json"), "utf8")) as object;
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    // Three read-only runs, side by side.
    const [doc, sarifRun, pretty] = await Promise.all([plainReport(), cliAsync(["--format", "sarif"], { cwd: dir }), cliAsync([], { cwd: dir })]);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    const sarif = JSON.parse(sarifRun.stdout) as {
      runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[]; relatedLocations?: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    const app = sarif.runs[0]!.results.find((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === "py/app.py")!;
    expect(app.relatedLocations?.map((l) => [l.physicalLocation.artifactLocation.uri, l.physicalLocation.region.startLine])).toEqual([["py/pricing.py", 2]]);
    // The pretty output names the coupled member.
    expect(pretty.stdout).toContain("Coupled with `py/pricing.py:2` (dict key)");
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("--cache gives the same groups on a second run (groups are formed after the cache)", async () => {
    const dir = copyProject();
    const first = await report(dir, ["--cache"]);
    const second = await report(dir, ["--cache"]);
    expect(fs.existsSync(path.join(dir, ".deepseek-migrate-cache"))).toBe(true);
    expect(second.findings).toEqual(first.findings);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe.concurrent("rename groups in one file", () => {
  it("a table holding both legacy IDs gets no keep-both entry: the group stays none", async () => {
    const dir = tempTree({
      "app.py": 'MODEL = "deepseek-chat"\nPRICES = {"deepseek-chat": 0.27, "deepseek-reasoner": 0.55}\nprice = PRICES[MODEL]\n',
    });
    const doc = await report(dir, ["--unsafe-fixes"]);
    expect(doc.findings.map((f) => f.fix)).toEqual(["none", "none", "none"]);
    expect(doc.findings[0]!.advice).toMatch(/Coupled with `app\.py:2` \(dict key\)/);
    expect(doc.findings[1]!.advice).toMatch(/Add deepseek-v4-flash beside the old ID by hand/);
  });

  it("a string that only mentions the ID (a log line) is not a member outside tests", async () => {
    const dir = tempTree({ "app.py": 'MODEL = "deepseek-chat"\nprint("now using deepseek-chat")\n' });
    const doc = await report(dir);
    expect(doc.findings.map((f) => [f.fix, f.group ? "grouped" : "alone"])).toEqual([
      ["safe", "alone"],
      ["unsafe", "alone"],
    ]);
  });
});

describe.concurrent("rename groups tied without an import", () => {
  it("a configuration constant is tied to a table keyed by its ID in another file, though no import joins them", async () => {
    // The module that looks the constant up in the table names no ID, so no import ties the two.
    const dir = tempTree({
      "settings.py": 'LLM_PROVIDER = "deepseek"\nLLM_MODEL = "deepseek-reasoner"\n',
      "model_table.py": 'MODEL_CONFIG = {\n    "deepseek": {\n        "deepseek-reasoner": {"timeout": 300},\n        "gpt-4o": {"timeout": 60},\n    },\n}\n',
      "caller.py": "from settings import LLM_MODEL, LLM_PROVIDER\nfrom model_table import MODEL_CONFIG\n\nconfig = MODEL_CONFIG[LLM_PROVIDER][LLM_MODEL]\n",
      "ask.py": 'from openai import OpenAI\n\nOpenAI(base_url="https://api.deepseek.com").chat.completions.create(model="deepseek-reasoner", messages=[])\n',
      "planner.py": 'from openai import OpenAI\n\nPLANNER_MODEL = "deepseek-reasoner"\nOpenAI(base_url="https://api.deepseek.com").chat.completions.create(model=PLANNER_MODEL, messages=[])\n',
    });
    const doc = await report(dir);
    const at = (file: string) => doc.findings.find((f) => f.file === file)!;
    expect(at("settings.py").fix).toBe("unsafe");
    expect(at("settings.py").advice).toMatch(/Coupled with `model_table\.py:3` \(dict key\)/);
    // A request's own model is not a constant another module can import: it keeps its class.
    expect(at("ask.py").fix).toBe("safe");
    // Nor is a constant that its own file sends: that file's request shows what it is.
    expect(at("planner.py").fix).toBe("safe");
  });
});
