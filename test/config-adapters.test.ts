import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { adapterNameFor, loadAdapter } from "../src/languages/registry.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import { FIXTURE_NOW } from "./helpers/fixtures.js";

const ruleset = makeRuleset(defaultRules("flash"));
const tmpRoots: string[] = [];
afterAll(() => {
  for (const d of tmpRoots) fs.rmSync(d, { recursive: true, force: true });
});

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-config-"));
  tmpRoots.push(dir);
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

async function scanDir(dir: string, paths = ["."]) {
  return run(defaultOptions({ cwd: dir, paths, mode: "dry-run", now: FIXTURE_NOW }));
}

describe("config file kinds are registered", () => {
  const cases: [string, string][] = [
    [".env", "env"],
    [".env.local", "env"],
    [".env.example", "env"],
    ["deploy/.env.production.local", "env"],
    ["prod.env", "env"],
    ["Dockerfile", "dockerfile"],
    ["docker/Dockerfile.dev", "dockerfile"],
    ["api.dockerfile", "dockerfile"],
    ["Containerfile", "dockerfile"],
    ["docker-compose.yml", "yaml"],
    [".github/workflows/ci.yaml", "yaml"],
    ["settings.json", "json"],
    ["tsconfig.json", "json"],
    [".vscode/settings.jsonc", "json"],
    ["captures/stream.jsonl", "jsonl"],
    ["batch.ndjson", "jsonl"],
    ["pyproject.toml", "toml"],
    ["Pipfile", "toml"],
  ];
  for (const [file, adapter] of cases) it(`${file} → ${adapter}`, () => expect(adapterNameFor(file)).toBe(adapter));
  it("names that only look alike are not config kinds", () => {
    expect(adapterNameFor(".envrc")).not.toBe("env");
    expect(adapterNameFor("environment.py")).not.toBe("env");
    expect(adapterNameFor("Dockerfile-notes.md")).not.toBe("dockerfile");
  });
});

describe("files that do not parse are still reported, lexically and never safe", () => {
  const broken: Record<string, string> = {
    "broken.yaml": "llm:\n  model: deepseek-chat\n   bad: [\n",
    "broken.json": '{"model": "deepseek-chat",,}',
    "broken.toml": "[llm]\nmodel = deepseek-chat\n",
  };
  for (const [name, text] of Object.entries(broken)) {
    it(name, async () => {
      const dir = tree({ [name]: text });
      const r = await scanDir(dir);
      expect(r.findings).toHaveLength(1);
      expect(r.findings[0]!.fix).toBe("unsafe");
      expect(r.findings[0]!.advice).toMatch(/did not parse/);
      expect(r.warnings.map((w) => w.message).join("\n")).toMatch(/did not parse/);
      expect(r.errors).toEqual([]);
    });
  }
});

describe("lockfiles are never read", () => {
  it("a walk over a folder with lockfiles scans only the config", async () => {
    const lock = '{"packages": {"node_modules/x": {"model": "deepseek-chat"}}}\n';
    const dir = tree({
      "package-lock.json": lock,
      "npm-shrinkwrap.json": lock,
      "pnpm-lock.yaml": "model: deepseek-chat\n",
      "yarn.lock": "model deepseek-chat\n",
      "poetry.lock": 'model = "deepseek-chat"\n',
      "uv.lock": 'model = "deepseek-chat"\n',
      "Cargo.lock": 'model = "deepseek-chat"\n',
      "config.yaml": "model: deepseek-chat\n",
    });
    const r = await scanDir(dir);
    expect(r.findings.map((f) => f.file)).toEqual(["config.yaml"]);
    expect(r.findings[0]!.fix).toBe("safe");
    // Named explicitly, a lockfile is still not scanned.
    const named = await scanDir(dir, ["pnpm-lock.yaml", "package-lock.json"]);
    expect(named.findings).toEqual([]);
  });
});

describe("edits are the rename only, at exact offsets", () => {
  it("YAML keeps quoting, comments, CRLF and the missing final newline", async () => {
    const text = "a:\r\n  model: 'deepseek-chat'   # keep\r\n  b: \"x\"\r\n  other_model: >\r\n    deepseek-reasoner";
    const dir = tree({ "c.yml": text });
    await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW }));
    expect(fs.readFileSync(path.join(dir, "c.yml"), "utf8")).toBe(text.replace("deepseek-chat", "deepseek-v4-flash").replace("deepseek-reasoner", "deepseek-v4-flash"));
  });
  it("a UTF-8 BOM and a non-ASCII neighbour survive in a .env file", async () => {
    const text = "\uFEFF# café\nCHAT_MODEL=deepseek-chat # naïve\n";
    const dir = tree({ ".env": text });
    await run(defaultOptions({ cwd: dir, paths: ["."], mode: "write", allowDirty: true, now: FIXTURE_NOW }));
    expect(fs.readFileSync(path.join(dir, ".env"), "utf8")).toBe(text.replace("deepseek-chat", "deepseek-v4-flash"));
  });
});

describe("config adapters never throw and classify only real matches", () => {
  const pieces = [
    "deepseek-chat", "deepseek-reasoner", "deepseek/deepseek-chat", "model", "MODEL", "models", "choices", "name", "value",
    "environment", "ENV ", "ARG ", "export ", "=", ":", ": ", "- ", "[", "]", "{", "}", "[[", "]]", ",", '"', "'", '"""', "'''",
    "`", "#", "//", "/*", "*/", "\\", "&a ", "*a", "|", ">-", "---", "...", "\n", "\r\n", "  ", "\t", ".", "x", "1",
  ];
  const text = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((a) => a.join(""));
  for (const [name, file] of [["env", ".env"], ["dockerfile", "Dockerfile"], ["yaml", "a.yaml"], ["json", "a.json"], ["jsonl", "a.jsonl"], ["toml", "a.toml"]] as const) {
    it(name, async () => {
      const adapter = await loadAdapter(name);
      await fc.assert(
        fc.asyncProperty(text, async (t) => {
          const matches = findMatches(t, ruleset);
          const out = await adapter.scan({ path: file, text: t, matches, ruleset });
          const starts = new Set(matches.map((m) => m.idStart));
          for (const s of out.sites) expect(starts.has(s.idStart)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }
});

async function kinds(adapterName: string, file: string, text: string): Promise<string[]> {
  const adapter = await loadAdapter(adapterName);
  const matches = findMatches(text, ruleset);
  const out = await adapter.scan({ path: file, text, matches, ruleset });
  if (out.parseError) return [`parseError`];
  const byStart = new Map(out.sites.map((s) => [s.idStart, s.kind] as const));
  return matches.map((m) => byStart.get(m.idStart) ?? "(none)");
}

describe("adapter positions", () => {
  it("env: unterminated quotes, multi-line values, export, inline comments", async () => {
    expect(await kinds("env", ".env", 'A_MODEL="deepseek-chat\nB_MODEL=deepseek-chat\n')).toEqual(["model", "model"]);
    expect(await kinds("env", ".env", 'P="a\ndeepseek-chat\n"\nexport X_MODEL=deepseek-reasoner#no comment\n')).toEqual(["other", "other"]);
    expect(await kinds("env", ".env", "X_MODEL=deepseek-reasoner # deepseek-chat\n")).toEqual(["model", "comment"]);
    expect(await kinds("env", ".env", "X_MODEL: deepseek-reasoner\nY_MODEL:deepseek-chat\n")).toEqual(["model", "(none)"]);
  });
  it("dockerfile: continuation lines, legacy ENV form, other instructions", async () => {
    const text = "FROM x\nENV A=1 \\\n  CHAT_MODEL='deepseek-chat'\nENV LLM_MODEL deepseek-reasoner\nRUN echo deepseek-chat\nRUN agent --model deepseek-chat\n";
    // RUN is a shell command line: only a model option's value is a model position.
    expect(await kinds("dockerfile", "Dockerfile", text)).toEqual(["model", "model", "other", "model"]);
  });
  it("yaml: Kubernetes env entries, list env entries, aliases into model keys", async () => {
    const text = "env:\n  - name: CHAT_MODEL\n    value: deepseek-chat\nx: &m deepseek-reasoner\nllm:\n  model: *m\n";
    expect(await kinds("yaml", "a.yaml", text)).toEqual(["model", "model"]);
    expect(await kinds("yaml", "a.yaml", "environment:\n  - NOTE=deepseek-chat\n  - A_MODEL=\"deepseek-chat\"\n")).toEqual(["other", "model"]);
  });
  it("jsonl: one pretty-printed document saved as .jsonl is read as JSON", async () => {
    expect(await kinds("jsonl", "a.jsonl", '{\n  "model": "deepseek-chat"\n}\n')).toEqual(["model"]);
    expect(await kinds("jsonl", "a.jsonl", '{"model": "deepseek-chat"}\n{"model": deepseek-chat}\n')).toEqual(["model", "other"]);
  });
  it("toml: multi-line strings with quotes at the end, keys in table headers", async () => {
    const text = 'a = """x ""deepseek-chat"""""\n[m."deepseek-reasoner"]\nmodel = \'\'\'\ndeepseek-chat\'\'\'\n';
    expect(await kinds("toml", "a.toml", text)).toEqual(["other", "key", "model"]);
  });
  it("json: recorded responses nested in other objects, serialized responses in strings", async () => {
    const text = '{"cases": [{"input": {"model": "deepseek-chat", "messages": []}, "output": {"choices": [], "model": "deepseek-chat"}}], "raw": "{\\"choices\\": [], \\"model\\": \\"deepseek-reasoner\\"}"}';
    expect(await kinds("json", "a.json", text)).toEqual(["model", "response", "response"]);
  });
});

describe("tables in an array are a collection of their values", () => {
  it("toml: arrays of tables and arrays of inline tables", async () => {
    const text = '[[agents]]\nmodel = "deepseek-chat"\n[[agents]]\nmodel = "deepseek-reasoner"\n[[solo]]\nmodel = "deepseek-chat"\n[x]\nlist = [{model = "deepseek-chat"}, {model = "gpt-4o"}]\n';
    const adapter = await loadAdapter("toml");
    const matches = findMatches(text, ruleset);
    const out = await adapter.scan({ path: "a.toml", text, matches, ruleset });
    expect(out.sites.map((s) => [s.kind, s.members])).toEqual([
      ["collection", ["deepseek-chat", "deepseek-reasoner"]],
      ["collection", ["deepseek-chat", "deepseek-reasoner"]],
      ["model", undefined],
      ["collection", ["deepseek-chat", "gpt-4o"]],
    ]);
  });
});
