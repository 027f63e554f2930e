import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXTENSIONS, FILENAMES, adapterNameFor } from "../src/languages/registry.js";
import { EMBEDDED, LANGUAGES, LANGUAGES_BY_NAME } from "../src/languages/lexical/table.js";

const LEXICAL_EXTENSIONS: Record<string, string> = Object.fromEntries(LANGUAGES.flatMap((l) => l.extensions.map((e) => [e, l.name])));
const LEXICAL_FILENAMES: Record<string, string> = Object.fromEntries(LANGUAGES.flatMap((l) => (l.filenames ?? []).map((f) => [f, l.name])));
import { scanWithSpec } from "../src/languages/lexical/adapter.js";
import { lex } from "../src/languages/lexical/lexer.js";
import { dedent } from "../src/languages/markup/embed.js";
import { asciidocBlocks, markdownBlocks, rstBlocks } from "../src/languages/markup/markdown.js";
import { scanMarkup, tokenize, type MarkupMode } from "../src/languages/markup/html.js";
import { scanDoc } from "../src/languages/markup/markdown.js";
import { defaultRules } from "../src/rules/defaults.js";
import { findMatches } from "../src/rules/match.js";
import { makeRuleset } from "../src/rules/ruleset.js";
import { defaultOptions, run } from "../src/core/run.js";
import type { PositionKind } from "../src/core/types.js";
import { FIXTURE_NOW } from "./helpers/fixtures.js";

const ruleset = makeRuleset(defaultRules());

/** The position kinds of every match of `text` in a table language, in order. */
function kinds(lang: string, text: string): PositionKind[] {
  const matches = findMatches(text, ruleset);
  return scanWithSpec(LANGUAGES_BY_NAME.get(lang)!, { text, matches }).map((s) => s.kind);
}

/** Scan files written into a temp folder (dry run, or --write). */
async function scanFiles(files: Record<string, string>, write = false) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dsm-lexical-"));
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const result = await run(defaultOptions({ cwd: dir, paths: ["."], mode: write ? "write" : "dry-run", allowDirty: true, now: FIXTURE_NOW }));
    const after = Object.fromEntries(Object.keys(files).map((n) => [n, fs.readFileSync(path.join(dir, n), "utf8")]));
    return { result, after };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("unknown file kinds", () => {
  it("reports a legacy ID in a file with an unknown extension (lexical, unsafe), never skips it", async () => {
    const { result, after } = await scanFiles({ "notes/models.weird-ext": 'default_model: "deepseek-chat"\n' }, true);
    expect(adapterNameFor("notes/models.weird-ext")).toBe("lexical");
    const f = result.findings.filter((x) => x.file === "notes/models.weird-ext");
    expect(f).toHaveLength(1);
    expect(f[0]!.fix).toBe("unsafe");
    expect(result.files.find((x) => x.file === "notes/models.weird-ext")?.adapter).toBe("lexical");
    // Not applied by a plain --write.
    expect(after["notes/models.weird-ext"]).toContain("deepseek-chat");
  });

  it("reports files without an extension and names nobody registered", async () => {
    const { result } = await scanFiles({ Procfile: "worker: run --model deepseek-reasoner\n" });
    expect(result.findings.map((f) => [f.file, f.fix])).toEqual([["Procfile", "unsafe"]]);
  });
});

describe("the language table", () => {
  it("gives every language a unique name and at least one way to be selected", () => {
    const names = LANGUAGES.map((l) => l.name);
    expect(new Set(names).size).toBe(names.length);
    for (const l of LANGUAGES) expect(l.extensions.length + (l.filenames?.length ?? 0), l.name).toBeGreaterThan(0);
  });

  it("claims no extension or file name twice, and the registry routes them to the table rows", () => {
    const seen = new Map<string, string>();
    for (const l of LANGUAGES) {
      for (const e of l.extensions) {
        expect(seen.get(e), `${e} in ${l.name}`).toBeUndefined();
        seen.set(e, l.name);
        expect(e).toMatch(/^\.[a-z0-9._+-]+$/);
      }
    }
    for (const [ext, name] of Object.entries(LEXICAL_EXTENSIONS)) expect(EXTENSIONS[ext], ext).toBe(name);
    for (const [file, name] of Object.entries(LEXICAL_FILENAMES)) expect(FILENAMES[file], file).toBe(name);
    expect(adapterNameFor("cmd/main.go")).toBe("go");
    expect(adapterNameFor("src/main/resources/application.properties")).toBe("properties");
    expect(adapterNameFor("scripts/Makefile")).toBe("makefile");
    expect(adapterNameFor("docs/guide.md")).toBe("markdown");
    expect(adapterNameFor("CHANGELOG")).toBe("text");
    expect(adapterNameFor("web/App.vue")).toBe("vue");
  });

  it("does not take the kinds other adapters own", () => {
    for (const ext of [".ts", ".js", ".py", ".ipynb", ".json", ".yaml", ".yml", ".toml", ".env"]) expect(LEXICAL_EXTENSIONS[ext], ext).toBeUndefined();
  });
});

describe("lexer", () => {
  const strings = (lang: string, text: string) =>
    lex(text, LANGUAGES_BY_NAME.get(lang) ?? EMBEDDED.embedded)
      .regions.filter((r) => r.type === "string")
      .map((r) => text.slice(r.cStart, r.cEnd));
  const comments = (lang: string, text: string) =>
    lex(text, LANGUAGES_BY_NAME.get(lang)!)
      .regions.filter((r) => r.type === "comment")
      .map((r) => text.slice(r.start, r.end));

  it("reads raw and special strings of each language", () => {
    expect(strings("go", 'a := `x "y"` + "z\\"w"')).toEqual(['x "y"', 'z\\"w']);
    expect(strings("rust", 'let a = r#"say "hi""#; let b: &\'static str = "c";')).toEqual(['say "hi"', "c"]);
    expect(strings("csharp", 'var a = @"x ""q"" y"; var b = """\n{"m": 1}\n""";')).toEqual(['x ""q"" y', '\n{"m": 1}\n']);
    expect(strings("swift", 'let a = #"raw "x""#')).toEqual(['raw "x"']);
    expect(strings("kotlin", 'val a = """x "y" z"""')).toEqual(['x "y" z']);
    expect(strings("ruby", "a = %q(x (y) z); b = %w[p q]")).toEqual(["x (y) z", "p q"]);
    expect(strings("sql", "SELECT 'it''s', $$body 'x'$$")).toEqual(["it''s", "body 'x'"]);
    expect(strings("powershell", "$a = 'it''s'; $b = \"x `\" y\"")).toEqual(["it''s", 'x `" y']);
    expect(strings("c", 'auto s = R"json({"model": "x"})json";')).toEqual(['{"model": "x"}']);
    expect(strings("dart", "final a = r'x\\'; final b = '''y''';")).toEqual(["x\\", "y"]);
    expect(strings("elixir", 'a = ~s(x "y") <> ~w(p q)a')).toEqual(['x "y"', "p q"]);
  });

  it("reads heredocs whose opener line goes on as code", () => {
    const sh = "cat <<EOF | curl -d @- \"$URL\"\n{\"model\": \"x\"}\nEOF\necho 'after'\n";
    expect(strings("shell", sh)).toEqual(["$URL", '{"model": "x"}\n', "after"]);
    const php = "$a = <<<'TXT'\n  body\n  TXT;\n$b = 'c';";
    expect(strings("php", php)).toEqual(["  body\n", "c"]);
    const rb = "x = <<~JSON.strip\n  {}\nJSON\ny = 'z'";
    expect(strings("ruby", rb)).toEqual(["  {}\n", "z"]);
  });

  it("knows each language's comments, nested ones too, and not-comments", () => {
    expect(comments("rust", "/* a /* b */ c */ x")).toEqual(["/* a /* b */ c */"]);
    expect(comments("shell", "echo ${#arr[@]} a#b # real")).toEqual(["# real"]);
    expect(comments("php", "#[Attr]\n# real")).toEqual(["# real"]);
    expect(comments("ruby", "=begin\nx\n=end\ny # z")).toEqual(["=begin\nx\n=end", "# z"]);
    expect(comments("powershell", "<# a #> # b")).toEqual(["<# a #>", "# b"]);
    expect(comments("lua", "--[[ a ]] -- b")).toEqual(["--[[ a ]]", "-- b"]);
    expect(comments("sql", "-- a\r\n/* b */")).toEqual(["-- a", "/* b */"]);
  });

  it("never throws and returns sorted, disjoint regions for any input", () => {
    const chars = fc.constantFrom(..."\"'`#/*<>{}()[]\\$@%~=:;,\n\r qwr-E".split(""), "deepseek-chat", "<<EOF\n", "EOF\n", '"""', "r#\"");
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }), fc.constantFrom(...LANGUAGES.filter((l) => l.mode === "code")), (parts, spec) => {
        const text = parts.join("");
        const { regions } = lex(text, spec);
        for (let k = 0; k < regions.length; k++) {
          const r = regions[k]!;
          expect(r.start).toBeLessThanOrEqual(r.cStart);
          expect(r.cStart).toBeLessThanOrEqual(r.cEnd);
          expect(r.cEnd).toBeLessThanOrEqual(r.end);
          expect(r.end).toBeLessThanOrEqual(text.length);
          if (k > 0) expect(regions[k - 1]!.end).toBeLessThanOrEqual(r.start);
        }
        const matches = findMatches(text, ruleset);
        const sites = scanWithSpec(spec, { text, matches });
        expect(sites.map((s) => s.idStart)).toEqual(matches.map((m) => m.idStart));
      }),
      { numRuns: 300 },
    );
  });
});

describe("classification", () => {
  it("separates model positions, comparisons, keys and the rest in Go", () => {
    const go = [
      'const DefaultModel = "deepseek-chat"',
      'var label = "deepseek-chat"',
      'if m == "deepseek-chat" {}',
      'var prices = map[string]float64{"deepseek-chat": 1}',
      'x := Config{Model: openai.F("deepseek-chat")}',
      'y := `{"model": "deepseek-chat"}`',
      'z := "{\\"model\\": \\"deepseek-chat\\"}"',
      'w := "say deepseek-chat"',
    ].join("\n");
    expect(kinds("go", go)).toEqual(["model", "other", "comparison", "key", "model", "model", "model", "other"]);
  });

  it("reads collections and whether they sit under a model-named name", () => {
    const text = 'models := []string{"deepseek-chat", "x"}\nlabels := []string{"deepseek-chat"}';
    const matches = findMatches(text, ruleset);
    const sites = scanWithSpec(LANGUAGES_BY_NAME.get("go")!, { text, matches });
    expect(sites.map((s) => [s.kind, s.modelNamed, s.members])).toEqual([
      ["collection", true, ["deepseek-chat", "x"]],
      ["collection", false, ["deepseek-chat"]],
    ]);
  });

  it("treats a recorded response inside a string as history", () => {
    const php = "$r = json_decode('{\"object\": \"chat.completion\", \"model\": \"deepseek-chat\", \"usage\": {}}');";
    expect(kinds("php", php)).toEqual(["response"]);
    // A class body that mentions choices elsewhere is not a response.
    expect(kinds("php", "class A { private $model = 'deepseek-chat'; function f() { return ['choices' => 1]; } }")).toEqual(["model"]);
  });

  it("classifies shell idioms", () => {
    expect(kinds("shell", "export X_MODEL=deepseek-chat")).toEqual(["model"]);
    expect(kinds("shell", 'MODEL="${DEEPSEEK_MODEL:=deepseek-chat}"')).toEqual(["model"]);
    expect(kinds("shell", 'MODEL="${DEEPSEEK_MODEL:-deepseek-chat}" N=${X-deepseek-reasoner}')).toEqual(["model", "model"]);
    expect(kinds("shell", '[ "$M" = "deepseek-chat" ]')).toEqual(["comparison"]);
    expect(kinds("shell", "llm -m deepseek-chat hi")).toEqual(["model"]);
    expect(kinds("shell", 'echo "deepseek-chat"')).toEqual(["other"]);
    expect(kinds("shell", "echo deepseek-chat/x")).toEqual(["other"]);
  });

  it("keeps key=value files by key path", () => {
    expect(kinds("properties", "a.b.model=deepseek-chat\nx=deepseek-chat\npricing.deepseek-chat=1\n# deepseek-chat")).toEqual(["model", "other", "key", "comment"]);
    expect(kinds("ini", "[model]\ndefault = deepseek-chat\n[ui]\ntitle = deepseek-chat")).toEqual(["model", "other"]);
  });
});

describe("more table rows", () => {
  it("classifies HCL, Lua, Perl, Groovy, Scala, C, batch and make files", () => {
    expect(kinds("hcl", 'variable "default_model" {\n  default = "deepseek-chat"\n}\nlabel = "deepseek-chat" # deepseek-chat')).toEqual(["model", "other", "comment"]);
    expect(kinds("lua", 'local model = "deepseek-chat" -- deepseek-reasoner\nlocal s = [[deepseek-chat]]')).toEqual(["model", "comment", "other"]);
    expect(kinds("perl", 'my %cfg = (model => "deepseek-chat");\nif ($m eq "deepseek-reasoner") {}\n# deepseek-chat')).toEqual(["model", "comparison", "comment"]);
    expect(kinds("groovy", "def model = 'deepseek-chat'\nassert m == \"deepseek-reasoner\"")).toEqual(["model", "comparison"]);
    expect(kinds("scala", 'val model = "deepseek-chat"\nm match { case "deepseek-reasoner" => 1 }')).toEqual(["model", "comparison"]);
    expect(kinds("c", 'const char *model = "deepseek-chat";\nif (strcmp(m, "deepseek-reasoner") == 0) {}')).toEqual(["model", "comparison"]);
    expect(kinds("batch", "REM deepseek-chat\nset DEEPSEEK_MODEL=deepseek-chat\nset TITLE=deepseek-chat")).toEqual(["comment", "model", "other"]);
    expect(kinds("makefile", "MODEL ?= deepseek-chat\nrun:\n\tpython app.py --model deepseek-reasoner # deepseek-chat")).toEqual(["model", "model", "comment"]);
  });
});

describe("docs", () => {
  it("finds fenced, indented-list, rST and AsciiDoc code blocks", () => {
    const md = "a\n```python\nx = 1\n```\n- item\n\n  ~~~ts\n  y\n  ~~~\n";
    expect(markdownBlocks(md).map((b) => [b.lang, md.slice(b.start, b.end)])).toEqual([
      ["python", "x = 1\n"],
      ["ts", "  y\n"],
    ]);
    const rst = ".. code-block:: bash\n   :caption: x\n\n   echo hi\n\nprose\n";
    expect(rstBlocks(rst).map((b) => [b.lang, rst.slice(b.start, b.end)])).toEqual([["bash", "   echo hi\n\n"]]);
    const adoc = "[source,go]\n----\nx := 1\n----\n";
    expect(asciidocBlocks(adoc).map((b) => [b.lang, adoc.slice(b.start, b.end)])).toEqual([["go", "x := 1\n"]]);
  });

  it("maps offsets through a dedented view and back", () => {
    const text = "xx\n    a = 1\n      b\n\n    c\n";
    const v = dedent(text, 3, text.length);
    expect(v.text).toBe("a = 1\n  b\n\nc\n");
    for (const word of ["a", "b", "c"]) {
      const outer = text.indexOf(word, 3);
      expect(v.toOuter(v.toInner(outer))).toBe(outer);
      expect(v.text[v.toInner(outer)]).toBe(word);
    }
  });

  it("keeps every doc finding unsafe and explains code examples by their language", async () => {
    const md = ["Use deepseek-chat.", "", "```go", 'const DefaultModel = "deepseek-chat"', "```", ""].join("\n");
    const { result, after } = await scanFiles({ "README.md": md, "docs/notes.txt": "deepseek-reasoner\n" }, true);
    expect(result.findings.map((f) => f.fix)).toEqual(["unsafe", "unsafe", "unsafe"]);
    const code = result.findings.find((f) => f.line === 4)!;
    expect(code.advice).toContain("In a go code example: a model position");
    expect(code.thinking).toBe("not-applicable");
    expect(after["README.md"]).toBe(md);
  });
});

describe("markup", () => {
  it("splits HTML into comments, attributes, text and raw script bodies", () => {
    const html = '<!-- c --><p title="t">x</p><script type="module">const a = "<p>";</script><br>';
    const spans = tokenize(html, "html").map((s) => [s.type, html.slice(s.start, s.end)]);
    expect(spans).toContainEqual(["comment", "<!-- c -->"]);
    expect(spans).toContainEqual(["attr", "t"]);
    expect(spans).toContainEqual(["text", "x"]);
    expect(spans).toContainEqual(["script", 'const a = "<p>";']);
  });

  it("sends <script> blocks through the TypeScript adapter at shifted offsets", async () => {
    const vue = [
      "<template><p>{{ title }}</p></template>",
      '<script setup lang="ts">',
      "const body = { model: \"deepseek-chat\", messages: [] };",
      "</script>",
      "",
    ].join("\n");
    const { result, after } = await scanFiles({ "App.vue": vue }, true);
    expect(result.findings.map((f) => [f.line, f.fix, f.thinking])).toEqual([[3, "safe", "added"]]);
    expect(after["App.vue"]).toContain('model: "deepseek-v4-flash"');
    expect(after["App.vue"]).toContain('thinking: { type: "disabled" }');
    expect(after["App.vue"].startsWith("<template><p>{{ title }}</p></template>\n<script setup")).toBe(true);
  });
});

describe("markup and docs never fail", () => {
  it("an empty Astro frontmatter is an empty script span (never one that ends before it starts)", () => {
    for (const text of ["---\n---\n", "---\n---", "---\r\n---\r\n"]) {
      const [fm] = tokenize(text, "astro");
      expect(fm).toMatchObject({ type: "script", name: "ts" });
      expect(fm!.start).toBe(fm!.end);
      expect(text.slice(0, fm!.start)).toMatch(/^---\r?\n$/);
    }
  });

  it("return one site per match for any input", async () => {
    const chars = fc.constantFrom(..."<>/=\"'{}!-`~\n :".split(""), "deepseek-chat", "<script>", "</script>", "<!--", "-->", "```py\n", "<p a=", "{{", "}}", ".. code-block:: go\n   ", "---\n");
    await fc.assert(
      fc.asyncProperty(fc.array(chars, { maxLength: 60 }), fc.constantFrom<MarkupMode | "doc">("html", "xml", "vue", "svelte", "astro", "doc"), async (parts, mode) => {
        const text = parts.join("");
        const matches = findMatches(text, ruleset);
        const input = { path: "x", text, matches, ruleset };
        const out = mode === "doc" ? await scanDoc(input, "markdown") : await scanMarkup(input, mode);
        expect(out.sites.map((s) => s.idStart).sort((a, b) => a - b)).toEqual(matches.map((m) => m.idStart));
        if (mode !== "doc") {
          const spans = tokenize(text, mode);
          for (const sp of spans) expect(sp.start <= sp.end && sp.end <= text.length).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("script blocks that do not parse", () => {
  it("are matched lexically and never safe", async () => {
    const vue = '<script setup lang="ts">\nconst cfg = { model: "deepseek-chat", \n</script>\n<template><p v-if="m === \'deepseek-reasoner\'">x</p></template>\n';
    const { result, after } = await scanFiles({ "Broken.vue": vue }, true);
    expect(result.findings.map((f) => [f.line, f.fix])).toEqual([
      [2, "unsafe"],
      [4, "none"],
    ]);
    expect(result.findings[0]!.advice).toContain("did not parse");
    expect(after["Broken.vue"]).toBe(vue);
  });
});

describe("speed", () => {
  it("classifies a large file with many matches quickly", () => {
    const line = (i: number) =>
      i % 3 === 0 ? `\tm${i} := Config{Model: "deepseek-chat", Name: "n"}\n` : i % 3 === 1 ? `\tif x == "deepseek-reasoner" { f(${i}) }\n` : `\t// deepseek-chat ${i}\n`;
    const body = Array.from({ length: 30_000 }, (_, i) => line(i)).join("");
    const text = `package big\n\nfunc f() {\n${body}}\n`;
    const matches = findMatches(text, ruleset);
    expect(matches.length).toBe(30_000);
    const t0 = performance.now();
    const sites = scanWithSpec(LANGUAGES_BY_NAME.get("go")!, { text, matches });
    const ms = performance.now() - t0;
    expect(sites.filter((s) => s.kind === "model")).toHaveLength(10_000);
    expect(sites.filter((s) => s.kind === "comparison")).toHaveLength(10_000);
    expect(sites.filter((s) => s.kind === "comment")).toHaveLength(10_000);
    expect(ms).toBeLessThan(5_000);
  });
});
