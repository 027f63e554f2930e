import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import { jsoncAsJson, loadConfig, rebaseGlob, resolveRules, resolveSettings, validateConfig } from "../src/core/config.js";
import { UsageError } from "../src/core/errors.js";
import { cliAsync, tempTree } from "./helpers/cli.js";
import { ROOT } from "./helpers/fixtures.js";

const CONFIG = "deepseek-migrate.config.json";

type Finding = { file: string; line: number; legacyId: string; replacement: string; fix: string; severity: string; thinking: string };
async function findings(dir: string, args: string[] = [], cwd = dir): Promise<{ code: number | null; stderr: string; list: Finding[] }> {
  const r = await cliAsync(["check", "--format", "json", ...args], { cwd });
  return { code: r.code, stderr: r.stderr, list: r.stdout ? (JSON.parse(r.stdout) as { findings: Finding[] }).findings : [] };
}

const GPT_REQUEST = [
  'import OpenAI from "openai";',
  "const client = new OpenAI();",
  'export const r = client.chat.completions.create({ model: "gpt-4o", messages: [] });',
  'export const mini = { model: "gpt-4o-mini" };',
  "",
].join("\n");

// Each test has its own temp tree: they run side by side.
describe.concurrent("configuration file", () => {
  it("an extra mapping for another ID works end to end: found by walking up, renamed, flags rendered from data", async () => {
    const dir = tempTree({
      [CONFIG]: `{
        // JSON with comments and trailing commas, like tsconfig
        "rules": {
          "gpt-4o": { "target": "gpt-4.1", "flags": { "reasoning_effort": "low" }, },
        },
      }`,
      "app/src/request.ts": GPT_REQUEST,
      "app/README.md": "We call gpt-4o and deepseek-chat.\n",
    });
    const app = path.join(dir, "app");
    const before = await findings(app, [], app);
    expect(before.code).toBe(1);
    const gpt = before.list.filter((f) => f.legacyId === "gpt-4o");
    expect(gpt.map((f) => [f.file, f.fix])).toEqual([
      ["README.md", "unsafe"],
      ["src/request.ts", "safe"],
    ]);
    expect(gpt[1]).toMatchObject({ replacement: "gpt-4.1", thinking: "added" });
    // The built-in rules still apply.
    expect(before.list.some((f) => f.legacyId === "deepseek-chat")).toBe(true);
    // gpt-4o-mini is another ID (whole-token match).
    expect(before.list.some((f) => f.line === 4)).toBe(false);

    const w = await cliAsync(["--write"], { cwd: app });
    expect(w.code).toBe(0);
    expect(fs.readFileSync(path.join(app, "src/request.ts"), "utf8")).toBe(
      GPT_REQUEST.replace('model: "gpt-4o", messages: []', 'model: "gpt-4.1", messages: [], reasoning_effort: "low"'),
    );
    // The configuration file itself is never scanned (its keys name the legacy IDs).
    expect((await findings(dir)).list.some((f) => f.file === CONFIG)).toBe(false);
  });

  it("overrides built-in rules: target, severity, turning one off; reasonerTarget; the command line wins", async () => {
    const files = {
      "a.ts": 'export const a = { model: "deepseek-chat" };\nexport const b = { model: "deepseek-reasoner" };\n',
    };
    const dir = tempTree({
      ...files,
      [CONFIG]: JSON.stringify({ reasonerTarget: "pro", rules: { "deepseek-chat": { target: "deepseek-v4-pro", severity: "warning" } } }),
    });
    const r = await findings(dir);
    expect(r.list.map((f) => [f.legacyId, f.replacement, f.severity])).toEqual([
      ["deepseek-chat", "deepseek-v4-pro", "warning"],
      ["deepseek-reasoner", "deepseek-v4-pro", "error"],
    ]);
    const flash = await findings(dir, ["--reasoner-target", "flash"]);
    expect(flash.list[1]!.replacement).toBe("deepseek-v4-flash");

    fs.writeFileSync(path.join(dir, CONFIG), JSON.stringify({ rules: { "deepseek-reasoner": false } }));
    expect((await findings(dir)).list.map((f) => f.legacyId)).toEqual(["deepseek-chat"]);

    // --config names a file anywhere; the one found upwards is then not read.
    const other = tempTree({ "cfg.json": JSON.stringify({ rules: { "deepseek-chat": { target: "deepseek-v4-pro" } } }) });
    const explicit = await findings(dir, ["--config", path.join(other, "cfg.json")]);
    expect(explicit.list.map((f) => f.replacement)).toEqual(["deepseek-v4-pro", "deepseek-v4-flash"]);
  });

  it("include/exclude: relative to the configuration's folder, also from a subfolder; --exclude adds, --include replaces", async () => {
    const dir = tempTree({
      [CONFIG]: JSON.stringify({ exclude: ["legacy", "pkg/app/vendor/**", "/top.md"], include: ["**/*.ts", "*.md"] }),
      "top.md": "deepseek-chat\n",
      "notes.md": "deepseek-chat\n",
      "legacy/old.ts": 'const m = { model: "deepseek-chat" };\n',
      "pkg/app/src/a.ts": 'const m = { model: "deepseek-chat" };\n',
      "pkg/app/src/a.py": 'MODEL = "deepseek-chat"\n',
      "pkg/app/vendor/v.ts": 'const m = { model: "deepseek-chat" };\n',
      "pkg/app/top.md": "deepseek-chat\n",
    });
    const files = async (cwd: string, args: string[] = []) => [...new Set((await findings(dir, args, cwd)).list.map((f) => f.file))].sort();
    const app = path.join(dir, "pkg/app");
    // Four read-only runs, side by side.
    const [fromRoot, fromApp, excluded, included] = await Promise.all([files(dir), files(app), files(app, ["--exclude", "src"]), files(app, ["--include", "**/*.py"])]);
    expect(fromRoot).toEqual(["notes.md", "pkg/app/src/a.ts", "pkg/app/top.md"]);
    // From the subfolder the same files are in and out ("/top.md" is the root's top.md only).
    expect(fromApp).toEqual(["src/a.ts", "top.md"]);
    expect(excluded).toEqual(["top.md"]);
    expect(included).toEqual(["src/a.py"]);
  });

  it("a bad configuration is exit 2 with a message naming the key", async () => {
    const cases: [string, RegExp][] = [
      ['{"rule": {}}', /unknown key "rule" \(did you mean "rules"\?\)/],
      ['{"reasonerTarget": "max"}', /"reasonerTarget" must be "flash" or "pro"/],
      ['{"rules": {"gpt-4o": {"target": "gpt-4.1", "flag": {}}}}', /unknown key "rules.gpt-4o.flag" \(did you mean "rules.gpt-4o.flags"\?\)/],
      ['{"rules": {"gpt-4o": {"target": "gpt-4.1", "flags": "low"}}}', /"rules.gpt-4o.flags" must be an object/],
      ['{"rules": {"deepseek-chat": {"severity": "fatal"}}}', /"rules.deepseek-chat.severity" must be "error", "warning" or "info"/],
      ['{"rules": {"gpt-4o": {"target": "gpt-4o"}}}', /"rules.gpt-4o.target" is the legacy ID itself/],
      ['{"rules": {"my-model": {"target": "deepseek-chat"}}}', /"rules.my-model.target" \("deepseek-chat"\) contains the legacy ID deepseek-chat/],
      ['{"rules": {"gpt-4o": false}}', /"rules.gpt-4o": false only turns off a built-in rule/],
      ['{"exclude": "vendor"}', /"exclude" must be an array of glob strings/],
      ['{"include": [""]}', /"include\[0\]" must be a non-empty glob string/],
      ['[1, 2]', /must be a JSON object/],
      ['{"rules": {"a": }', /deepseek-migrate.config.json:1:\d+: invalid JSON/],
    ];
    const dir = tempTree({ "a.ts": 'const m = { model: "deepseek-chat" };\n' });
    // Every case in-process (the same code the CLI runs) …
    for (const [body, message] of cases) {
      fs.writeFileSync(path.join(dir, CONFIG), body);
      const err = await resolveSettings(dir, { include: [], exclude: [] }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, body).toBeInstanceOf(UsageError);
      expect((err as Error).message, body).toMatch(message);
    }
    // … and a few through the binary: exit 2, the message on stderr, no report.
    for (const [body, message] of [cases[0]!, cases[6]!, cases[11]!]) {
      fs.writeFileSync(path.join(dir, CONFIG), body);
      const r = await cliAsync(["check"], { cwd: dir });
      expect(r.code, body).toBe(2);
      expect(r.stderr, body).toMatch(message);
      expect(r.stdout).toBe("");
    }
  });
});

describe.concurrent("the configuration examples of the docs", () => {
  it("the complete example of docs/configuration.md is valid and works end to end", async () => {
    const page = fs.readFileSync(path.join(ROOT, "docs", "configuration.md"), "utf8");
    const example = /```json\n([\s\S]*?)\n```/.exec(page)![1]!;
    const config = JSON.parse(example) as unknown;
    expect(validateConfig(config)).toEqual([]);
    const dir = tempTree({
      [CONFIG]: example,
      "src/a.ts": 'export const a = { model: "deepseek-chat" };\nexport const b = { model: "deepseek-reasoner" };\nexport const c = { model: "gpt-4o" };\n',
      "vendor/v.ts": 'export const a = { model: "deepseek-chat" };\n',
      "other/o.ts": 'export const a = { model: "deepseek-chat" };\n',
    });
    const r = await findings(dir);
    expect(r.code).toBe(1);
    expect(r.list.map((f) => [f.file, f.legacyId, f.replacement, f.severity])).toEqual([
      ["src/a.ts", "deepseek-chat", "deepseek-v4-flash", "warning"],
      ["src/a.ts", "deepseek-reasoner", "deepseek-v4-pro", "error"],
      ["src/a.ts", "gpt-4o", "gpt-4.1", "error"],
    ]);
  });

  it("the README's short example is valid and does what it says: pro target, vendor left out, effort max", async () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Configuration"));
    const example = /```json\n([\s\S]*?)\n```/.exec(section)![1]!;
    expect(validateConfig(JSON.parse(example) as unknown)).toEqual([]);
    const request = 'export const r = client.chat.completions.create({ model: "deepseek-reasoner", messages: [] });\n';
    const dir = tempTree({ [CONFIG]: example, "src/a.ts": request, "vendor/v.ts": request });
    const r = await cliAsync(["--write", "--no-color"], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readFileSync(path.join(dir, "src/a.ts"), "utf8")).toBe(
      // "max" is not among the effort values the openai types accept, so it joins thinking in the spread.
      'export const r = client.chat.completions.create({ model: "deepseek-v4-pro", messages: [], ...{ thinking: { type: "enabled" }, reasoning_effort: "max" } });\n',
    );
    expect(fs.readFileSync(path.join(dir, "vendor/v.ts"), "utf8")).toBe(request);
  });
});

describe.concurrent("config helpers", () => {
  it("loadConfig: strict JSON and JSON with comments and trailing commas read the same; an error names line and column", async () => {
    const dir = tempTree({
      "strict.json": '{"reasonerTarget": "pro", "exclude": ["vendor"], "rules": {"deepseek-chat": {"severity": "error"}}}\n',
      "jsonc.json": '{\n  // comment\n  "reasonerTarget": "pro",\n  "exclude": ["vendor",],\n  "rules": {"deepseek-chat": {"severity": "error"},},\n}\n',
      "bom.json": '\uFEFF{"reasonerTarget": "pro"}',
      "bad.json": '{\n  "reasonerTarget": "pro"\n  "exclude": []\n}\n',
      "proto.json": '{"__proto__": {"reasonerTarget": "pro"}}',
    });
    const load = (name: string) => loadConfig(path.join(dir, name), true, name);
    const strict = await load("strict.json");
    const jsonc = await load("jsonc.json");
    expect({ ...jsonc, file: "" }).toEqual({ ...strict, file: "" });
    expect(strict.reasonerTarget).toBe("pro");
    expect((await load("bom.json")).reasonerTarget).toBe("pro");
    await expect(load("bad.json")).rejects.toThrow(/^bad\.json:3:3: invalid JSON/);
    // A `__proto__` key is read as the JSONC parser reads it (a prototype, not an own key).
    const viaJsonc = parseJsonc(fs.readFileSync(path.join(dir, "proto.json"), "utf8")) as { reasonerTarget?: string };
    expect((await load("proto.json")).reasonerTarget).toBe(viaJsonc.reasonerTarget);
  });

  it("jsoncAsJson: what JSON.parse reads of it, the JSONC parser reads without an error, to the same value (and the reverse)", () => {
    const jsonc = (text: string) => {
      const errors: ParseError[] = [];
      const value = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false }) as unknown;
      return errors.length > 0 ? { error: true } : { value };
    };
    const ours = (text: string) => {
      const asJson = jsoncAsJson(text);
      try {
        return asJson === undefined ? undefined : { value: JSON.parse(asJson) as unknown };
      } catch {
        return undefined;
      }
    };
    // Trivia between tokens: whitespace, line breaks of every kind, comments holding quotes,
    // slashes, stars and commas; values with a trailing comma or not.
    const trivia = fc.array(
      fc.constantFrom(" ", "\n", "\r\n", "\r", "\t", "// c, \"q\" /* x\n", "// to the end", "/* a, b */", "/* \" // */", "/**/", "/* ] } */"),
      { maxLength: 2 },
    ).map((a) => a.join(""));
    const doc = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: "small" }, tie("leaf"), tie("array"), tie("object")),
      leaf: fc.oneof(fc.constantFrom("true", "false", "null", "0", "-1.5e3", '""', '"a,b"', '"//x"', '"/*"', '"\\""', '"}"'), fc.string().map((x) => JSON.stringify(x))),
      array: fc.tuple(fc.array(fc.tuple(trivia, tie("value") as fc.Arbitrary<string>, trivia), { maxLength: 4 }), fc.boolean(), trivia).map(
        ([items, trailing, end]) => `[${items.map(([a, v, b]) => a + v + b).join(",")}${trailing && items.length > 0 ? "," : ""}${end}]`,
      ),
      object: fc.tuple(fc.array(fc.tuple(trivia, fc.string(), trivia, tie("value") as fc.Arbitrary<string>, trivia), { maxLength: 4 }), fc.boolean(), trivia).map(
        ([items, trailing, end]) => `{${items.map(([a, k, b, v, c]) => `${a}${JSON.stringify(k)}${b}:${v}${c}`).join(",")}${trailing && items.length > 0 ? "," : ""}${end}}`,
      ),
    }));
    // Broken texts too: a character of JSON's syntax inserted, or the text cut, anywhere.
    const text = fc.oneof(
      fc.tuple(trivia, doc.value, trivia).map(([a, v, b]) => a + v + b),
      fc.tuple(doc.value, fc.nat(), fc.constantFrom(",", "/", "*", '"', "\r", "]", "}", "{", "[", ":", "\\")).map(([v, at, c]) => v.slice(0, at % (v.length + 1)) + c + v.slice(at % (v.length + 1))),
      fc.tuple(doc.value, fc.nat()).map(([v, at]) => v.slice(0, at % (v.length + 1))),
    );
    let read = 0;
    fc.assert(
      fc.property(text, (t) => {
        const mine = ours(t);
        const theirs = jsonc(t);
        if (mine !== undefined) {
          read++;
          expect(theirs).toEqual(mine);
        } else expect(theirs).toHaveProperty("error", true);
      }),
      { numRuns: 3000 },
    );
    expect(read).toBeGreaterThan(600);
    // Cases the JSONC parser rejects, which JSON.parse must not be handed in a readable form.
    for (const bad of ["{,}", "[,]", '{"a":1,,}', '{"a":1} /* open', '{"a": 1 // c\r, "b": 2\n}', '["a" /* x */ , ]']) {
      if (ours(bad) !== undefined) expect(jsonc(bad), bad).toEqual(ours(bad));
      else expect(jsonc(bad), bad).toHaveProperty("error", true);
    }
  });

  it("validateConfig accepts a complete example", async () => {
    expect(
      validateConfig({
        $schema: "x",
        reasonerTarget: "pro",
        include: ["src/**"],
        exclude: ["vendor"],
        rules: { "deepseek-chat": { severity: "error" }, "gpt-4o": { target: "gpt-4.1", flags: {}, description: "d" }, "deepseek-reasoner": false },
      }),
    ).toEqual([]);
  });

  it("resolveRules: built-ins, overrides, additions, --reasoner-target last", async () => {
    const rules = resolveRules({ file: "c", found: true, rules: { "gpt-4o": { target: "gpt-4.1" } } }, "pro", "flash");
    expect(rules.map((r) => [r.legacyId, r.target])).toEqual([
      ["deepseek-chat", "deepseek-v4-flash"],
      ["deepseek-reasoner", "deepseek-v4-flash"],
      // Retired aliases (from the lineage): reported, renamed only with --to latest.
      ["deepseek-v4-flash", "deepseek-flash"],
      ["deepseek-v4-flash-vision-exp", "deepseek-flash"],
      ["gpt-4o", "gpt-4.1"],
    ]);
    expect(rules[4]!.flags).toEqual({});
    expect(rules.filter((r) => r.reportOnly).map((r) => r.legacyId)).toEqual(["deepseek-v4-flash", "deepseek-v4-flash-vision-exp"]);
    // --to latest: every target is a current canonical ID, and the aliases are renamed.
    const latest = resolveRules(undefined, "pro", undefined, "latest");
    expect(latest.map((r) => [r.legacyId, r.target, !!r.reportOnly])).toEqual([
      ["deepseek-chat", "deepseek-flash", false],
      ["deepseek-reasoner", "deepseek-v4-pro", false],
      ["deepseek-v4-flash", "deepseek-flash", false],
      ["deepseek-v4-flash-vision-exp", "deepseek-flash", false],
    ]);
  });

  it("rebaseGlob: globs relative to the config folder, seen from a subfolder", async () => {
    expect(rebaseGlob("vendor", ["pkg"], "exclude")).toBe("vendor");
    expect(rebaseGlob("pkg/app/vendor/**", ["pkg", "app"], "exclude")).toBe("vendor/**");
    expect(rebaseGlob("pkg/*/vendor", ["pkg", "app"], "exclude")).toBe("{vendor,/}");
    expect(rebaseGlob("other/**", ["pkg"], "exclude")).toBeUndefined();
    expect(rebaseGlob("pkg", ["pkg", "app"], "exclude")).toBe("**");
    expect(rebaseGlob("/pkg", ["pkg", "app"], "exclude")).toBe("**");
    expect(rebaseGlob("/app", ["pkg", "app"], "exclude")).toBeUndefined();
    expect(rebaseGlob("app", ["pkg", "app"], "exclude")).toBe("**");
    expect(rebaseGlob("/pkg", ["pkg", "app"], "include")).toBeUndefined();
    expect(rebaseGlob("pkg", ["pkg", "app"], "include")).toBe("pkg");
    expect(rebaseGlob("**/*.ts", ["pkg"], "include")).toBe("**/*.ts");
    expect(rebaseGlob("/top.md", [], "exclude")).toBe("{top.md,/}");
    expect(rebaseGlob("src/**", [], "include")).toBe("src/**");
  });
});
